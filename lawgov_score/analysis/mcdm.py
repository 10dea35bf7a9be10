"""Ranking methods of multi-criteria decision analysis, as polars expressions over peer groups.

A decision matrix is a frame: one row per alternative (a unit-year), one column per criterion.
Each function returns one expression, the alternative's overall value among the rows sharing
``over`` (a year, and a group), vectorised over all alternatives.  ``weights`` sum to 1 (they
are normalised here when they do not); ``cost[j]`` is True for a lower-is-better criterion.
A row with a missing criterion value gets a null result; callers leave such rows out of the
peers first (``complete``), so one missing value does not move the others' results.

=========  ====================================================================  ============
method     value                                                                 better
=========  ====================================================================  ============
wsm        Σ w·x (the rubric's own scores, summed)                               higher
wpm        Π x^w over benefit criteria × Π (1/x)^w over cost ones; x > 0          higher
topsis     closeness D⁻/(D⁺ + D⁻) on vector-normalised, weighted values           higher
vikor      Q = v(S − S*)/(S⁻ − S*) + (1 − v)(R − R*)/(R⁻ − R*), v = 0.5            lower
gra        Σ w·ξ, ξ = (Δmin + ρΔmax)/(Δ + ρΔmax), Δ = |1 − x'|, x' min-max        higher
=========  ====================================================================  ============
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

METHODS = ("wsm", "wpm", "topsis", "vikor", "gra")
LOWER_IS_BETTER = frozenset({"vikor"})
V = 0.5  # VIKOR's weight of the strategy of the majority of criteria (pymcdm's default)
RHO = 0.5  # grey relational distinguishing coefficient (Deng)


def _over(e: pl.Expr, over: Sequence[str]) -> pl.Expr:
    return e.over(list(over)) if over else e


def _normalised(weights: Sequence[float]) -> list[float]:
    total = float(sum(weights))
    n = len(weights)
    return [1 / n] * n if total <= 0 else [float(w) / total for w in weights]


def _col(c: str) -> pl.Expr:
    return pl.col(c).cast(pl.Float64)


def _sum(exprs: list[pl.Expr]) -> pl.Expr:
    return pl.sum_horizontal(exprs) if exprs else pl.lit(0.0)


def complete(columns: Sequence[str]) -> pl.Expr:
    """True where a row has a value in every criterion column."""
    return pl.all_horizontal([pl.col(c).is_not_null() for c in columns]) if columns else pl.lit(True)


def _any_null(columns: Sequence[str]) -> pl.Expr:
    return ~complete(columns)


def wsm(columns: Sequence[str], weights: Sequence[float]) -> pl.Expr:
    """Weighted sum Σ w·x of the values as given (no normalisation: the rubric's scores)."""
    w = _normalised(weights)
    total = _sum([_col(c) * wj for c, wj in zip(columns, w)])
    return pl.when(_any_null(columns)).then(None).otherwise(total)


def wpm(columns: Sequence[str], weights: Sequence[float], cost: Sequence[bool]) -> pl.Expr:
    """Weighted product Π x^w (benefit) × Π (1/x)^w (cost), on raw values, computed as
    exp(Σ ±w·ln x).  A value ≤ 0 makes the product undefined: null (see ``wpm_not_positive``)."""
    w = _normalised(weights)
    logs = [(-wj if cj else wj) * _col(c).log() for c, wj, cj in zip(columns, w, cost)]
    bad = _any_null(columns) | pl.any_horizontal([_col(c) <= 0 for c in columns])
    return pl.when(bad).then(None).otherwise(_sum(logs).exp())


def wpm_not_positive(columns: Sequence[str]) -> dict[str, pl.Expr]:
    """Per criterion, how many rows hold a value ≤ 0 (what WPM cannot take)."""
    return {c: (_col(c) <= 0).sum() for c in columns}


def topsis(columns: Sequence[str], weights: Sequence[float], cost: Sequence[bool], *, over: Sequence[str] = ()):
    """TOPSIS with vector normalisation (pymcdm's ``TOPSIS(normalization_function=
    vector_normalization)``): r = x/√Σx² (1 − x/√Σx² for a cost criterion), v = w·r, the ideal
    the best v of the peers, the anti-ideal the worst; closeness C = D⁻/(D⁺ + D⁻).  A column of
    zeros normalises to 0; when D⁺ + D⁻ = 0 (every peer alike) C is 1/2."""
    w = _normalised(weights)
    plus, minus = [], []
    for c, wj, cj in zip(columns, w, cost):
        x = _col(c)
        norm = _over((x * x).sum(), over).sqrt()
        share = pl.when(norm == 0).then(0.0).otherwise(x / norm)
        v = ((1 - share) if cj else share) * wj
        best, worst = _over(v.max(), over), _over(v.min(), over)
        plus.append((v - best) ** 2)
        minus.append((v - worst) ** 2)
    d_plus, d_minus = _sum(plus).sqrt(), _sum(minus).sqrt()
    both = d_plus + d_minus
    closeness = pl.when(both == 0).then(0.5).otherwise(d_minus / both)
    return pl.when(_any_null(columns)).then(None).otherwise(closeness)


def vikor(columns: Sequence[str], weights: Sequence[float], cost: Sequence[bool], *, over=(), v: float = V):
    """VIKOR (as pymcdm's ``VIKOR()``, no normalisation): f* the best and f⁻ the worst value of
    each criterion among the peers; S = Σ w(f* − f)/(f* − f⁻), R = max of the same terms;
    Q = v(S − S*)/(S⁻ − S*) + (1 − v)(R − R*)/(R⁻ − R*).  Lower Q is better.  A criterion whose
    peers are all equal adds 0; a term whose spread (S⁻ − S* or R⁻ − R*) is 0 adds 0."""
    w = _normalised(weights)
    terms = []
    for c, wj, cj in zip(columns, w, cost):
        x = _col(c)
        hi, lo = _over(x.max(), over), _over(x.min(), over)
        best, worst = (lo, hi) if cj else (hi, lo)
        span = best - worst
        terms.append(pl.when(span == 0).then(0.0).otherwise(wj * (best - x) / span))
    s = _sum(terms)
    r = pl.max_horizontal(terms) if terms else pl.lit(0.0)
    q = v * _spread(s, over) + (1 - v) * _spread(r, over)
    return pl.when(_any_null(columns)).then(None).otherwise(q)


def _spread(e: pl.Expr, over: Sequence[str]) -> pl.Expr:
    lo, hi = _over(e.min(), over), _over(e.max(), over)
    return pl.when(hi == lo).then(0.0).otherwise((e - lo) / (hi - lo))


def gra(columns: Sequence[str], weights: Sequence[float], cost: Sequence[bool], *, over=(), rho: float = RHO):
    """Grey relational grade (Deng): x' min-max by direction among the peers (a constant
    criterion: 1, every peer ideal), Δ = |1 − x'|, Δmin and Δmax over the peers' whole matrix,
    ξ = (Δmin + ρΔmax)/(Δ + ρΔmax) (1 when Δmax = 0), grade = Σ w·ξ."""
    w = _normalised(weights)
    deltas = []
    for c, cj in zip(columns, cost):
        x = _col(c)
        hi, lo = _over(x.max(), over), _over(x.min(), over)
        share = ((hi - x) if cj else (x - lo)) / (hi - lo)
        deltas.append(pl.when(hi == lo).then(0.0).otherwise((1 - share).abs()))
    if not deltas:
        return pl.lit(None, dtype=pl.Float64)
    d_min = _over(pl.min_horizontal(deltas).min(), over)
    d_max = _over(pl.max_horizontal(deltas).max(), over)
    xi = [pl.when(d_max == 0).then(1.0).otherwise((d_min + rho * d_max) / (d + rho * d_max)) for d in deltas]
    grade = _sum([x * wj for x, wj in zip(xi, w)])
    return pl.when(_any_null(columns)).then(None).otherwise(grade)


def method_expr(method: str, columns, weights, cost, *, over: Sequence[str] = ()) -> pl.Expr:
    """The expression of ``method`` (one of ``METHODS``) over the criteria ``columns``."""
    if method == "wsm":
        return wsm(columns, weights)
    if method == "wpm":
        return wpm(columns, weights, cost)
    if method == "topsis":
        return topsis(columns, weights, cost, over=over)
    if method == "vikor":
        return vikor(columns, weights, cost, over=over)
    if method == "gra":
        return gra(columns, weights, cost, over=over)
    raise ValueError(f"method must be one of {', '.join(METHODS)}")
