"""Ranking methods of multi-criteria decision analysis, vectorised with numpy.

A decision matrix has one row per alternative (a unit-year) and one column per criterion.  Each
method takes the matrix of one peer group (``x``, rows × criteria, no missing values), the
weights (normalised to sum to 1 here) and the criteria's types (``cost[j]`` True for
lower-is-better), and returns one value per row.  ``method_values`` applies a method to a frame
per peer group (the rows sharing ``over``: a year, and a group); rows lacking a criterion's
value get NaN and are left out of their peers.  Python loops run over peer groups, never rows.

=========  ====================================================================  ============
method     value                                                                 better
=========  ====================================================================  ============
wsm        Σ w·x (the values as given)                                           higher
wpm        Π x^w over benefit criteria × Π (1/x)^w over cost ones; x > 0          higher
topsis     closeness D⁻/(D⁺ + D⁻) on vector-normalised, weighted values           higher
vikor      Q = v(S − S*)/(S⁻ − S*) + (1 − v)(R − R*)/(R⁻ − R*), v = 0.5            lower
gra        Σ w·ξ, ξ = (Δmin + ρΔmax)/(Δ + ρΔmax), Δ = abs(1 − x'), x' min-max      higher
=========  ====================================================================  ============
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

METHODS = ("wsm", "wpm", "topsis", "vikor", "gra")
LOWER_IS_BETTER = frozenset({"vikor"})
V = 0.5  # VIKOR's weight of the strategy of the majority of criteria (pymcdm's default)
RHO = 0.5  # grey relational distinguishing coefficient (Deng)
TIE = 1e-12  # relative difference below which VIKOR's S or R values count as equal


def _weights(weights: Sequence[float], n: int) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    total = w.sum()
    return np.full(n, 1 / n) if total <= 0 else w / total


def _cost(cost: Sequence[bool] | None, n: int) -> np.ndarray:
    return np.zeros(n, dtype=bool) if cost is None else np.asarray(cost, dtype=bool)


def _safe_div(a: np.ndarray, b: np.ndarray, where_zero: float) -> np.ndarray:
    """a/b, ``where_zero`` where b is 0 (broadcasting)."""
    b = np.asarray(b, dtype=float)
    return np.where(b == 0, where_zero, a / np.where(b == 0, 1.0, b))


def wsm(x: np.ndarray, weights: Sequence[float], cost=None) -> np.ndarray:
    """Weighted sum Σ w·x of the values as given (no normalisation)."""
    return np.asarray(x, dtype=float) @ _weights(weights, np.shape(x)[1])


def wpm(x: np.ndarray, weights: Sequence[float], cost=None) -> np.ndarray:
    """Weighted product Π x^w (benefit) × Π (1/x)^w (cost), on raw values, as exp(Σ ±w·ln x).
    A row with a value ≤ 0 has no product: NaN (``analysis.methods`` says which criterion)."""
    x = np.asarray(x, dtype=float)
    w = _weights(weights, x.shape[1])
    signed = np.where(_cost(cost, x.shape[1]), -w, w)
    ok = (x > 0).all(axis=1)
    logs = np.log(np.where(x > 0, x, 1.0))
    return np.where(ok, np.exp(logs @ signed), np.nan)


def topsis(x: np.ndarray, weights: Sequence[float], cost=None) -> np.ndarray:
    """TOPSIS with vector normalisation (pymcdm's ``TOPSIS(normalization_function=
    vector_normalization)``): r = x/√Σx² (1 − r for a cost criterion), v = w·r, the ideal the
    best v of the peers, the anti-ideal the worst; closeness C = D⁻/(D⁺ + D⁻).  A column of
    zeros normalises to 0; when D⁺ + D⁻ = 0 (every peer alike) C is 1/2."""
    x = np.asarray(x, dtype=float)
    n = x.shape[1]
    r = _safe_div(x, np.sqrt((x * x).sum(axis=0)), 0.0)
    v = np.where(_cost(cost, n), 1 - r, r) * _weights(weights, n)
    d_plus = np.sqrt(((v - v.max(axis=0)) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - v.min(axis=0)) ** 2).sum(axis=1))
    return _safe_div(d_minus, d_plus + d_minus, 0.5)


def vikor(x: np.ndarray, weights: Sequence[float], cost=None, *, v: float = V) -> np.ndarray:
    """VIKOR (as pymcdm's ``VIKOR()``, no normalisation): f* the best and f⁻ the worst value of
    each criterion among the peers; S = Σ w(f* − f)/(f* − f⁻), R = max of the same terms;
    Q = v(S − S*)/(S⁻ − S*) + (1 − v)(R − R*)/(R⁻ − R*).  Lower Q is better.  A criterion whose
    peers are all equal adds 0 (pymcdm refuses it); a spread S⁻ − S* or R⁻ − R* of 0 (within
    rounding error, ``TIE``) adds 0."""
    x = np.asarray(x, dtype=float)
    n = x.shape[1]
    c = _cost(cost, n)
    best = np.where(c, x.min(axis=0), x.max(axis=0))
    worst = np.where(c, x.max(axis=0), x.min(axis=0))
    terms = _weights(weights, n) * _safe_div(best - x, best - worst, 0.0)
    s, r = terms.sum(axis=1), terms.max(axis=1)
    return v * _spread(s) + (1 - v) * _spread(r)


def _spread(e: np.ndarray) -> np.ndarray:
    # S and R of tied units may differ in the last bit (0.2·3/3 against 0.2·1/1): a spread within
    # rounding error is no spread, or a tie would decide Q between 0 and 1
    span = e.max() - e.min()
    span = 0.0 if span <= TIE * max(1.0, abs(e.max())) else span
    return _safe_div(e - e.min(), span, 0.0)


def gra(x: np.ndarray, weights: Sequence[float], cost=None, *, rho: float = RHO) -> np.ndarray:
    """Grey relational grade (Deng): x' min-max by direction among the peers (a constant
    criterion: 1, every peer ideal), Δ = abs(1 − x'), Δmin and Δmax over the peers' whole
    matrix, ξ = (Δmin + ρΔmax)/(Δ + ρΔmax) (1 when Δmax = 0), grade = Σ w·ξ."""
    x = np.asarray(x, dtype=float)
    n = x.shape[1]
    lo, hi = x.min(axis=0), x.max(axis=0)
    share = _safe_div(np.where(_cost(cost, n), hi - x, x - lo), hi - lo, 1.0)
    delta = np.abs(1 - share)
    d_min, d_max = delta.min(), delta.max()
    xi = np.ones_like(delta) if d_max == 0 else (d_min + rho * d_max) / (delta + rho * d_max)
    return xi @ _weights(weights, n)


_METHODS = {"wsm": wsm, "wpm": wpm, "topsis": topsis, "vikor": vikor, "gra": gra}


def method_of(method: str):
    """The function of ``method`` (one of ``METHODS``): f(x, weights, cost) → one value per row."""
    if method not in _METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}")
    return _METHODS[method]


def complete(columns: Sequence[str]) -> pl.Expr:
    """True where a row has a value in every criterion column."""
    return pl.all_horizontal([pl.col(c).is_not_null() for c in columns]) if columns else pl.lit(True)


def method_values(
    frame: pl.DataFrame,
    method: str,
    columns: Sequence[str],
    weights: Sequence[float],
    cost: Sequence[bool],
    *,
    over: Sequence[str] = (),
) -> np.ndarray:
    """``method`` over the criteria ``columns`` of ``frame`` within each peer group (the rows
    sharing ``over``; all rows when empty): one value per row, NaN for a row lacking a value
    (left out of its peers) or with no defined value (WPM's x ≤ 0)."""
    fn = method_of(method)
    out = np.full(frame.height, np.nan)
    if not columns or frame.height == 0:
        return out
    x = frame.select([pl.col(c).cast(pl.Float64) for c in columns]).to_numpy()
    ok = ~np.isnan(x).any(axis=1)
    groups = (
        frame.select(pl.struct(list(over)).rank("dense").alias("g"))["g"].to_numpy()
        if over
        else np.zeros(frame.height, dtype=np.int64)
    )
    for g in np.unique(groups[ok]):
        rows = ok & (groups == g)
        out[rows] = fn(x[rows], weights, cost)
    return out
