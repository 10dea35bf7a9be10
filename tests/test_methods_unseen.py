"""Every normalisation, weighting and ranking method on decision matrices hypothesis draws (never
seen while the methods were built): small value pools so that ties are common, constant columns
and columns of zeros mixed in.  Each method is checked against its formula as docs/methods.md
states it, written out here with plain Python loops (edge cases included), and against pymcdm and
scikit-criteria where they compute the same thing and give a number.  Plus a published worked
example: Saaty's drinks matrix.  Tolerance 1e-6 throughout."""

from __future__ import annotations

import math
import warnings

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm import methods as pm
from pymcdm import normalizations as pn
from pymcdm import weights as pw
from reference import normalised as formula_normalised
from skcriteria.preprocessing import scalers as sks
from skcriteria.preprocessing import weighters as skw

from lawgov_score.analysis import mcdm
from lawgov_score.analysis.weights import ahp_weights, combined_weights, critic_weights, entropy_weights, std_weights
from lawgov_score.engine.normalise import METHODS, normalise_expr

TOL = 1e-6
POOL = [0.0, 1.0, 2.0, 2.5, 3.0, 7.0, 12.0, 40.0]  # few values: ties in most columns


@st.composite
def matrices(draw, min_rows: int = 2, positive: bool = False):
    """(x, cost): a rows × criteria matrix, some columns constant, some (unless positive) zeros."""
    m = draw(st.integers(min_rows, 8))
    n = draw(st.integers(1, 5))
    pool = [v for v in POOL if v > 0] if positive else POOL
    cols = []
    for _ in range(n):
        kinds = ["free", "free", "constant"] if positive else ["free", "free", "free", "constant", "zeros"]
        kind = draw(st.sampled_from(kinds))
        if kind == "constant":
            cols.append([draw(st.sampled_from(pool))] * m)
        elif kind == "zeros":
            cols.append([0.0] * m)
        else:
            value = st.one_of(st.sampled_from(pool), st.floats(0.5, 99).map(lambda v: round(v, 2)))
            cols.append(draw(st.lists(value, min_size=m, max_size=m)))
    cost = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    return np.array(cols, dtype=float).T, np.array(cost)


def weights(n: int, draw) -> np.ndarray:
    w = np.array(draw(st.lists(st.integers(1, 9), min_size=n, max_size=n)), dtype=float)
    return w / w.sum()


def engine_normalised(col: np.ndarray, method: str, higher: bool, ddof: int = 1, p: float = 0.2) -> list:
    frame = pl.DataFrame({"x": col})
    expr = normalise_expr("x", method, direction="higher" if higher else "lower", ddof=ddof, threshold=p)
    return frame.select(expr)["x"].to_list()


def close(a, b) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=TOL, abs_tol=TOL)


def finite(a: np.ndarray) -> bool:
    return bool(np.all(np.isfinite(a)))


def peer(fn, *args, **kw):
    """What a peer library gives, or None where it refuses the input or gives no number."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            out = np.asarray(fn(*args, **kw), dtype=float)
        except (ValueError, ZeroDivisionError, FloatingPointError):
            return None
    return out if finite(out) else None


# --- the thirteen normalisations ---------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(case=matrices(min_rows=1), method=st.sampled_from(METHODS), higher=st.booleans(),
       ddof=st.sampled_from([0, 1]), p=st.sampled_from([0.0, 0.2, 0.5]))  # fmt: skip
def test_each_normalisation_is_its_formula_with_ties_constants_and_zeros(case, method, higher, ddof, p):
    x, _ = case
    for col in x.T:
        got = engine_normalised(col, method, higher, ddof, p)
        for v, g in zip(col, got):
            want = formula_normalised(method, float(v), [float(c) for c in col], higher, ddof, p)
            if want is None or not math.isfinite(want):
                assert g is None, (method, col, v, g)  # no number: null (said), never NaN
            else:
                assert close(g, want), (method, col, v, g, want)


PYMCDM = {"minmax": pn.minmax_normalization, "vector": pn.vector_normalization, "sum": pn.sum_normalization,
          "ratio_to_best": pn.linear_normalization}  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(case=matrices(), higher=st.booleans())
def test_normalisations_agree_with_pymcdm_and_scikit_criteria_where_they_give_a_number(case, higher):
    x, _ = case
    for col in x.T:
        for method, oracle in PYMCDM.items():
            want = peer(oracle, col, cost=not higher)
            if want is None:
                continue  # pymcdm refuses or divides by 0 where the tool defines the edge case (docs/methods.md)
            got = engine_normalised(col, method, higher)
            if method == "minmax" and col.max() == col.min():
                continue  # pymcdm's constant column is not a number; the tool's is 1
            assert np.allclose(np.array(got, dtype=float), want, atol=TOL), method
        if higher:
            for method, oracle in (("vector", sks.scale_by_vector), ("sum", sks.scale_by_sum)):
                want = peer(oracle, col)
                if want is not None:
                    assert np.allclose(engine_normalised(col, method, True), want, atol=TOL), method
    cenit = peer(sks.matrix_scale_by_cenit_distance, x, np.where(higher, 1, -1) * np.ones(x.shape[1], dtype=int))
    if cenit is not None and all(c.max() > c.min() for c in x.T):  # scikit-criteria's min-max by objective
        got = np.column_stack([engine_normalised(c, "minmax", higher) for c in x.T])
        assert np.allclose(got, cenit, atol=TOL)


# --- weights -----------------------------------------------------------------------------------------


def minmax_by_direction_formula(x: np.ndarray, cost) -> list[list[float]]:
    """x' of docs/methods.md: min-max by direction, a constant column 0."""
    m, n = x.shape
    out = [[0.0] * n for _ in range(m)]
    for j in range(n):
        lo, hi = min(x[:, j]), max(x[:, j])
        for i in range(m):
            out[i][j] = 0.0 if hi == lo else ((hi - x[i, j]) if cost[j] else (x[i, j] - lo)) / (hi - lo)
    return out


def shares(scores: list[float]) -> list[float]:
    total = sum(scores)
    return [1 / len(scores)] * len(scores) if total <= 0 else [s / total for s in scores]


def entropy_formula(x: np.ndarray, cost, raw: bool = False) -> list[float]:
    """p = x'/Σx'; E = −Σ p ln p / ln m (0 ln 0 = 0; a column summing to 0: E = 1); w = (1 − E)/Σ(1 − E)."""
    m, n = x.shape
    if m < 2:
        return [1 / n] * n
    xs = [list(map(float, row)) for row in x] if raw else minmax_by_direction_formula(x, cost)
    dis = []
    for j in range(n):
        col = [xs[i][j] for i in range(m)]
        total = sum(col)
        e = 1.0 if total == 0 else -sum((v / total) * math.log(v / total) for v in col if v > 0) / math.log(m)
        dis.append(max(1 - e, 0.0))
    return shares(dis)


def sd(col: list[float]) -> float:
    mean = sum(col) / len(col)
    return math.sqrt(sum((v - mean) ** 2 for v in col) / (len(col) - 1))


def pearson(a: list[float], b: list[float]) -> float:
    """r; 0 where a column is constant (no correlation to speak of)."""
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    num = sum((u - ma) * (v - mb) for u, v in zip(a, b))
    den = math.sqrt(sum((u - ma) ** 2 for u in a) * sum((v - mb) ** 2 for v in b))
    return 0.0 if den == 0 else num / den


def critic_formula(x: np.ndarray, cost) -> list[float]:
    m, n = x.shape
    xs = minmax_by_direction_formula(x, cost)
    cols = [[xs[i][j] for i in range(m)] for j in range(n)]
    c = [sd(cols[j]) * sum(1 - (1.0 if j == k else pearson(cols[j], cols[k])) for k in range(n)) for j in range(n)]
    return shares(c)


def std_formula(x: np.ndarray) -> list[float]:
    return shares([sd(list(map(float, x[:, j]))) for j in range(x.shape[1])])


@settings(max_examples=150, deadline=None)
@given(case=matrices())
def test_weights_are_their_formulas_with_ties_constants_and_zeros(case):
    x, cost = case
    assert np.allclose(entropy_weights(x, cost), entropy_formula(x, cost), atol=TOL)
    assert np.allclose(entropy_weights(x, cost, variant="raw"), entropy_formula(x, cost, raw=True), atol=TOL)
    assert np.allclose(critic_weights(x, cost), critic_formula(x, cost), atol=TOL)
    assert np.allclose(std_weights(x), std_formula(x), atol=TOL)
    subjective = np.arange(1, x.shape[1] + 1, dtype=float)
    product = [s * o for s, o in zip(subjective, entropy_formula(x, cost))]
    assert np.allclose(combined_weights(subjective, entropy_weights(x, cost)), shares(product), atol=TOL)
    for w in (entropy_weights(x, cost), critic_weights(x, cost), std_weights(x)):
        assert finite(w) and w.sum() == pytest.approx(1.0)


@settings(max_examples=80, deadline=None)
@given(case=matrices())
def test_weights_agree_with_pymcdm_and_scikit_criteria_where_they_give_a_number(case):
    x, cost = case
    constant = [c.max() == c.min() for c in x.T]
    checks = []
    if not all(constant):
        checks += [(std_weights(x), peer(pw.standard_deviation_weights, x)), (std_weights(x), peer(skw.std_weights, x))]
    if not any(constant) and x.shape[1] > 1:
        checks.append((critic_weights(x, cost), peer(pw.critic_weights, np.where(cost, -x, x))))
    if all(c.sum() > 0 for c in x.T) and not all(constant):
        checks.append((entropy_weights(x, variant="raw"), peer(skw.entropy_weights, x)))
        if (x > 0).all():  # pymcdm gives a column holding a 0 the entropy 0 (docs/methods.md)
            checks.append((entropy_weights(x, variant="raw"), peer(pw.entropy_weights, x)))
    for ours, theirs in checks:
        if theirs is not None:
            assert np.allclose(ours, theirs, atol=TOL)


# --- ranking methods ---------------------------------------------------------------------------------


def topsis_formula(x, w, cost) -> list[float]:
    """r = x/√Σx² (a column of zeros: 0; cost 1 − r), v = w·r; C = D⁻/(D⁺ + D⁻), ½ when both are 0."""
    m, n = x.shape
    norms = [math.sqrt(sum(x[i, j] ** 2 for i in range(m))) for j in range(n)]
    v = [[w[j] * ((1 - r) if cost[j] else r) for j, r in enumerate(0.0 if norms[j] == 0 else x[i, j] / norms[j]
                                                                    for j in range(n))] for i in range(m)]  # fmt: skip
    best = [max(v[i][j] for i in range(m)) for j in range(n)]
    worst = [min(v[i][j] for i in range(m)) for j in range(n)]
    out = []
    for i in range(m):
        dp = math.sqrt(sum((v[i][j] - best[j]) ** 2 for j in range(n)))
        dm = math.sqrt(sum((v[i][j] - worst[j]) ** 2 for j in range(n)))
        out.append(0.5 if dp + dm == 0 else dm / (dp + dm))
    return out


def vikor_formula(x, w, cost, v=0.5) -> list[float]:
    """S = Σ w(f* − f)/(f* − f⁻) (a constant criterion adds 0), R = max; Q with spreads of 0 adding 0."""
    m, n = x.shape
    terms = []
    for i in range(m):
        row = []
        for j in range(n):
            col = x[:, j]
            fbest, fworst = (min(col), max(col)) if cost[j] else (max(col), min(col))
            row.append(0.0 if fbest == fworst else w[j] * (fbest - x[i, j]) / (fbest - fworst))
        terms.append(row)
    s, r = [sum(t) for t in terms], [max(t) for t in terms]

    def spread(e, k):  # a spread within rounding error (1e-12, relative) is none: tied units
        return 0.0 if max(e) - min(e) <= 1e-12 * max(1.0, abs(max(e))) else (e[k] - min(e)) / (max(e) - min(e))

    return [v * spread(s, i) + (1 - v) * spread(r, i) for i in range(m)]


def wpm_formula(x, w, cost) -> list[float]:
    out = []
    for row in x:
        if any(val <= 0 for val in row):
            out.append(float("nan"))  # needs positive values (said, W-METHOD-POSITIVE)
            continue
        out.append(math.prod((1 / val if cost[j] else val) ** w[j] for j, val in enumerate(row)))
    return out


def gra_formula(x, w, cost, rho=0.5) -> list[float]:
    """Deng: x' min-max by direction (constant: 1), Δ = |1 − x'|, global Δmin/Δmax, ξ (1 when Δmax = 0)."""
    m, n = x.shape
    delta = []
    for i in range(m):
        row = []
        for j in range(n):
            lo, hi = min(x[:, j]), max(x[:, j])
            share = 1.0 if hi == lo else ((hi - x[i, j]) if cost[j] else (x[i, j] - lo)) / (hi - lo)
            row.append(abs(1 - share))
        delta.append(row)
    dmin, dmax = min(min(r) for r in delta), max(max(r) for r in delta)
    if dmax == 0:
        return [sum(w)] * m
    return [sum(w[j] * (dmin + rho * dmax) / (delta[i][j] + rho * dmax) for j in range(n)) for i in range(m)]


def wsm_formula(x, w, cost) -> list[float]:
    return [sum(w[j] * x[i, j] for j in range(x.shape[1])) for i in range(x.shape[0])]


FORMULAS = {
    "wsm": wsm_formula, "wpm": wpm_formula, "topsis": topsis_formula, "vikor": vikor_formula, "gra": gra_formula,
}  # fmt: skip


def engine_method(method, x, w, cost) -> np.ndarray:
    cols = [f"c{j}" for j in range(x.shape[1])]
    frame = pl.DataFrame({c: x[:, j] for j, c in enumerate(cols)})
    return mcdm.method_values(frame, method, cols, list(w), list(cost))


@settings(max_examples=150, deadline=None)
@given(case=matrices(), data=st.data())
def test_each_ranking_method_is_its_formula_with_ties_constants_and_zeros(case, data):
    x, cost = case
    w = weights(x.shape[1], data.draw)
    for method, formula in FORMULAS.items():
        got, want = engine_method(method, x, w, cost), np.array(formula(x, w, cost))
        assert np.allclose(got, want, atol=TOL, equal_nan=True), method
        assert method == "wpm" or finite(got), method


@settings(max_examples=80, deadline=None)
@given(case=matrices(positive=True), data=st.data())
def test_ranking_methods_agree_with_pymcdm_where_they_give_a_number(case, data):
    x, cost = case
    w = weights(x.shape[1], data.draw)
    types = np.where(cost, -1, 1)
    oracles = {
        "topsis": peer(pm.TOPSIS(normalization_function=pn.vector_normalization), x, w, types),
        "wpm": peer(pm.WPM(normalization_function=lambda v, cost=False: 1 / v if cost else v), x, w, types),
    }
    if all(c.max() > c.min() for c in x.T):  # pymcdm's VIKOR refuses a constant criterion
        oracles["vikor"] = peer(pm.VIKOR(), x, w, types)
    assert oracles["wpm"] is not None  # positive values: pymcdm always gives WPM a number
    for method, want in oracles.items():
        if want is not None:
            assert np.allclose(engine_method(method, x, w, cost), want, atol=TOL), method


# --- AHP: a published worked example -----------------------------------------------------------------

# Saaty, T. L. (2008), “Decision making with the analytic hierarchy process”, International Journal
# of Services Sciences 1(1): 83–98, “Which drink is consumed more in the U.S.?”: the pairwise
# matrix of coffee, wine, tea, beer, sodas, milk, water; the published eigenvector .177 .019 .042
# .116 .190 .129 .327 and C.R. = .022 (the actual consumption shares printed beside them are .180
# .010 .040 .120 .180 .140 .330).
DRINKS = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]


def test_ahp_reproduces_saatys_drinks_example():
    ahp = ahp_weights(np.array(DRINKS, dtype=float))
    assert np.round(ahp.weights, 3).tolist() == [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    assert round(ahp.cr, 3) == 0.022 and ahp.consistent


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 7).flatmap(lambda n: st.tuples(st.just(n), st.lists(
    st.sampled_from([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1.0, 3.0, 5.0, 7.0, 9.0]), min_size=n * (n - 1) // 2,
    max_size=n * (n - 1) // 2))))  # fmt: skip
def test_ahp_is_the_principal_eigenvector_and_saatys_cr(case):
    n, upper = case
    a = np.ones((n, n))
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j], a[j, i] = upper[k], 1 / upper[k]
            k += 1
    ahp = ahp_weights(a)
    # the formula: power iteration on A (the principal eigenvector of a positive matrix), λmax = mean (Aw)_i/w_i
    w = np.ones(n) / n
    for _ in range(2000):
        w = a @ w
        w = w / w.sum()
    lam = float(np.mean((a @ w) / w))
    ri = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32}[n]  # Saaty's random indices
    cr = 0.0 if ri == 0 else (lam - n) / (n - 1) / ri
    assert np.allclose(ahp.weights, w, atol=TOL)
    assert ahp.cr == pytest.approx(cr, abs=TOL)
