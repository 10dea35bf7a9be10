"""The composite-indicator methods against peer libraries (pymcdm, scikit-criteria: test-only
oracles) and against the formulas of docs/methods.md written out here with numpy, on random
matrices drawn from seeds the methods were never tuned on (each test draws its own)."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from pymcdm import methods as pm
from pymcdm import normalizations as pn
from pymcdm import weights as pw
from pymcdm.weights.subjective import AHP as PymcdmAHP
from skcriteria.agg.topsis import TOPSIS as SkTOPSIS
from skcriteria.preprocessing import weighters as skw

from lawgov_score.analysis import mcdm
from lawgov_score.analysis.weights import (
    RANDOM_INDEX,
    ahp_weights,
    combined_weights,
    critic_weights,
    entropy_weights,
    minmax_by_direction,
    std_weights,
)
from lawgov_score.engine.normalise import METHODS, normalise_expr

TOL = 1e-6
SEEDS = [11, 23, 37, 41, 59]


def matrix(seed: int, m: int = 9, n: int = 5, lo: float = 0.5, hi: float = 120.0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(lo, hi, (m, n))


def cost_of(seed: int, n: int) -> np.ndarray:
    c = np.random.default_rng(seed + 1000).random(n) < 0.4
    c[0] = False  # at least one benefit criterion
    return c


def weights_for(seed: int, n: int) -> np.ndarray:
    w = np.random.default_rng(seed + 2000).uniform(0.1, 1, n)
    return w / w.sum()


def normalised(x: np.ndarray, method: str, direction: str = "higher", **kw) -> np.ndarray:
    frame = pl.DataFrame({"x": x})
    out = frame.select(normalise_expr("x", method, direction=direction, **kw))["x"]
    return out.to_numpy().astype(float)


def frame_of(x: np.ndarray) -> tuple[pl.DataFrame, list[str]]:
    cols = [f"c{j}" for j in range(x.shape[1])]
    return pl.DataFrame({c: x[:, j] for j, c in enumerate(cols)}), cols


def run(method: str, x: np.ndarray, w, cost) -> np.ndarray:
    frame, cols = frame_of(x)
    return mcdm.method_values(frame, method, cols, list(w), list(cost))


# --- normalisations: the formulas, and pymcdm where it has the same one ------------------------------


def reference(x: np.ndarray, method: str, p: float = 0.2, ddof: int = 1) -> np.ndarray:
    """The thirteen formulas of the issue for higher-is-better, written out with numpy."""
    mean, mx, mn = x.mean(), x.max(), x.min()
    ranks = np.array([1 + np.sum(x < v) for v in x], dtype=float)  # ties take the lowest rank
    return {
        "minmax": (x - mn) / (mx - mn),
        "zscore": (x - mean) / x.std(ddof=ddof),
        "rank": ranks,
        "percentile": ranks / len(x) * 100,
        "ratio_to_mean": x / mean,
        "ratio_to_best": x / mx,
        "ratio_to_worst": x / mn,
        "distance_to_mean": (x - mean) / mean,
        "distance_to_best": (x - mx) / mx,
        "distance_to_worst": (x - mn) / mn,
        "above_below_mean": np.where(x / mean > 1 + p, 1.0, np.where(x / mean < 1 - p, -1.0, 0.0)),
        "vector": x / np.sqrt(np.sum(x**2)),
        "sum": x / x.sum(),
    }[method]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("method", METHODS)
def test_each_normalisation_is_its_formula(method, seed):
    x = np.round(matrix(seed, m=12, n=1)[:, 0], 1)  # rounded: ties happen
    assert np.allclose(normalised(x, method), reference(x, method), atol=TOL)


@pytest.mark.parametrize("seed", SEEDS)
def test_zscore_population_sd_and_threshold(seed):
    x = matrix(seed, m=10, n=1)[:, 0]
    assert np.allclose(normalised(x, "zscore", ddof=0), reference(x, "zscore", ddof=0), atol=TOL)
    got = normalised(x, "above_below_mean", threshold=0.5)
    assert np.array_equal(got, reference(x, "above_below_mean", p=0.5))


@pytest.mark.parametrize("seed", SEEDS)
def test_normalisations_agree_with_pymcdm(seed):
    x = matrix(seed, m=11, n=1)[:, 0]
    pairs = [
        ("minmax", pn.minmax_normalization),
        ("vector", pn.vector_normalization),
        ("sum", pn.sum_normalization),
        ("ratio_to_best", pn.linear_normalization),
    ]
    for method, oracle in pairs:
        assert np.allclose(normalised(x, method), oracle(x, cost=False), atol=TOL), method
        assert np.allclose(normalised(x, method, "lower"), oracle(x, cost=True), atol=TOL), method


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("method", METHODS)
def test_lower_is_better_never_rewards_a_worse_value(method, seed):
    x = matrix(seed, m=12, n=1)[:, 0]
    y = normalised(x, method, "lower")
    order = np.argsort(x)  # ascending values: for lower-is-better, non-increasing results
    assert np.all(np.diff(y[order]) <= 1e-12), method


def test_normalisation_within_peer_groups():
    frame = pl.DataFrame({"year": [1, 1, 1, 2, 2], "x": [1.0, 3.0, 5.0, 10.0, 20.0]})
    got = frame.select(normalise_expr("x", "minmax", over=["year"]))["x"].to_list()
    assert got == [0.0, 0.5, 1.0, 0.0, 1.0]


# --- weights ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_entropy_raw_is_pymcdm_and_scikit_criteria(seed):
    x = matrix(seed)
    ours = entropy_weights(x, variant="raw")
    assert np.allclose(ours, pw.entropy_weights(x), atol=TOL)
    assert np.allclose(ours, skw.entropy_weights(x), atol=TOL)


@pytest.mark.parametrize("seed", SEEDS)
def test_entropy_normalised_is_entropy_of_minmax_by_direction(seed):
    x, cost = matrix(seed), cost_of(seed, 5)
    flipped = np.where(cost, x.max(axis=0) - x, x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))
    # scikit-criteria's entropy (scipy's) takes 0·ln 0 = 0, as the definition does;
    # pymcdm gives a column holding a 0 the entropy 0 instead, so it is no oracle here
    assert np.allclose(entropy_weights(x, cost), skw.entropy_weights(flipped), atol=TOL)


@pytest.mark.parametrize("seed", SEEDS)
def test_critic_is_pymcdm_on_values_turned_by_direction(seed):
    x, cost = matrix(seed), cost_of(seed, 5)
    turned = np.where(cost, -x, x)  # min-max of −x is min-max by direction
    assert np.allclose(critic_weights(x, cost), pw.critic_weights(turned), atol=TOL)
    # scikit-criteria: its own min-max by objective, population sd (the same weights once normalised)
    objectives = np.where(cost, -1, 1)
    assert np.allclose(critic_weights(x, cost), skw.critic_weights(x, objectives), atol=TOL)


@pytest.mark.parametrize("seed", SEEDS)
def test_std_is_pymcdm_and_scikit_criteria(seed):
    x = matrix(seed)
    assert np.allclose(std_weights(x), pw.standard_deviation_weights(x), atol=TOL)
    assert np.allclose(std_weights(x), skw.std_weights(x), atol=TOL)


def test_combined_is_the_normalised_product():
    assert np.allclose(combined_weights([0.5, 0.3, 0.2], [0.2, 0.2, 0.6]), np.array([0.1, 0.06, 0.12]) / 0.28)


SAATY_3 = np.array([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])


@pytest.mark.parametrize("seed", SEEDS)
def test_ahp_is_pymcdm_eigenvector_and_saaty_consistency(seed):
    rng = np.random.default_rng(seed)
    n = 5
    a = np.ones((n, n))
    scale = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9]
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = scale[rng.integers(len(scale))]
            a[j, i] = 1 / a[i, j]
    ours = ahp_weights(a)
    oracle = PymcdmAHP(matrix=a)
    assert np.allclose(ours.weights, oracle(), atol=TOL)
    # the same CI; pymcdm divides by Tummala & Ling's random index, we by Saaty's
    assert ours.cr * RANDOM_INDEX[n] == pytest.approx(oracle.get_cr() * PymcdmAHP.RI_M[n - 1], abs=TOL)


def test_ahp_of_a_consistent_matrix_recovers_the_ratios():
    w = np.array([0.5, 0.3, 0.2])
    ahp = ahp_weights(w[:, None] / w[None, :])
    assert np.allclose(ahp.weights, w) and ahp.cr == pytest.approx(0, abs=1e-9) and ahp.consistent


def test_ahp_classic_three_by_three():
    # a matrix of Saaty's 1-9 scale: λmax ≈ 3.0385, weights ≈ 0.637, 0.258, 0.105, CR ≈ 0.033 (< 0.1)
    ahp = ahp_weights(SAATY_3)
    assert np.round(ahp.weights, 3).tolist() == [0.637, 0.258, 0.105]
    assert ahp.lambda_max == pytest.approx(3.0385, abs=1e-4) and ahp.cr == pytest.approx(0.0332, abs=1e-4)


# --- ranking methods --------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_topsis_is_pymcdm_vector_topsis_and_scikit_criteria(seed):
    x, cost, w = matrix(seed), cost_of(seed, 5), weights_for(seed, 5)
    types = np.where(cost, -1, 1)
    ours = run("topsis", x, w, cost)
    assert np.allclose(ours, pm.TOPSIS(normalization_function=pn.vector_normalization)(x, w, types), atol=TOL)
    from skcriteria import mkdm
    from skcriteria.preprocessing.scalers import VectorScaler

    dm = VectorScaler(target="matrix").transform(mkdm(x, types, weights=w))
    sk = SkTOPSIS().evaluate(dm)
    assert np.allclose(ours, sk.e_.similarity, atol=TOL)


@pytest.mark.parametrize("seed", SEEDS)
def test_vikor_is_pymcdm(seed):
    x, cost, w = matrix(seed), cost_of(seed, 5), weights_for(seed, 5)
    assert np.allclose(run("vikor", x, w, cost), pm.VIKOR()(x, w, np.where(cost, -1, 1)), atol=TOL)


def _raw(x, cost=False):
    return 1 / x if cost else x


@pytest.mark.parametrize("seed", SEEDS)
def test_wpm_is_pymcdm_on_raw_values(seed):
    x, cost, w = matrix(seed), cost_of(seed, 5), weights_for(seed, 5)
    oracle = pm.WPM(normalization_function=_raw)(x, w, np.where(cost, -1, 1))
    assert np.allclose(run("wpm", x, w, cost), oracle, atol=TOL)


def gra_reference(x, w, cost, rho=0.5):
    """Deng's grey relational grade written out element by element."""
    m, n = x.shape
    xn = np.empty_like(x)
    for j in range(n):
        lo, hi = x[:, j].min(), x[:, j].max()
        for i in range(m):
            xn[i, j] = 1.0 if hi == lo else ((hi - x[i, j]) if cost[j] else (x[i, j] - lo)) / (hi - lo)
    delta = np.abs(1 - xn)
    dmin, dmax = delta.min(), delta.max()
    return np.array([sum(w[j] * (dmin + rho * dmax) / (delta[i, j] + rho * dmax) for j in range(n)) for i in range(m)])


@pytest.mark.parametrize("seed", SEEDS)
def test_gra_is_its_formula(seed):
    x, cost, w = matrix(seed), cost_of(seed, 5), weights_for(seed, 5)
    assert np.allclose(run("gra", x, w, cost), gra_reference(x, w, cost), atol=TOL)


def test_methods_per_peer_group_equal_methods_on_each_group():
    x = matrix(5, m=10, n=4)
    cost, w = [False, True, False, False], [0.4, 0.3, 0.2, 0.1]
    frame, cols = frame_of(x)
    frame = frame.with_columns(pl.Series("year", [1] * 6 + [2] * 4))
    for method in mcdm.METHODS:
        got = mcdm.method_values(frame, method, cols, w, cost, over=["year"])
        assert np.allclose(got[:6], run(method, x[:6], w, cost), atol=TOL), method
        assert np.allclose(got[6:], run(method, x[6:], w, cost), atol=TOL), method


# --- edge cases: defined, never NaN -----------------------------------------------------------------


def test_a_constant_criterion():
    x = np.array([5.0, 5.0, 5.0])
    assert normalised(x, "minmax").tolist() == [1.0, 1.0, 1.0]
    assert normalised(x, "zscore").tolist() == [0.0, 0.0, 0.0]
    assert normalised(x, "rank").tolist() == [1.0, 1.0, 1.0]
    m = np.column_stack([x, [1.0, 2.0, 3.0]])
    assert entropy_weights(m).tolist() == [0.0, 1.0]
    assert critic_weights(m).tolist() == [0.0, 1.0]
    assert std_weights(m).tolist() == [0.0, 1.0]
    for method in mcdm.METHODS:
        assert np.isfinite(run(method, m, [0.5, 0.5], [False, False])).all(), method


def test_a_row_with_a_missing_value_is_left_out_of_its_peers():
    x = matrix(8, m=6, n=3)
    frame, cols = frame_of(x)
    frame = frame.with_columns(pl.when(pl.int_range(pl.len()) == 2).then(None).otherwise(pl.col("c1")).alias("c1"))
    got = mcdm.method_values(frame, "topsis", cols, [0.5, 0.3, 0.2], [False, True, False])
    assert np.isnan(got[2])
    assert np.allclose(np.delete(got, 2), run("topsis", np.delete(x, 2, axis=0), [0.5, 0.3, 0.2], [False, True, False]))


def test_a_column_of_zeros():
    x = np.zeros(4)
    assert normalised(x, "vector").tolist() == [0.0] * 4
    # equal values, zeros too: an equal share of the sum, each at the reference (ratio 1, distance 0)
    assert normalised(x, "sum").tolist() == [0.25] * 4
    for method in ("ratio_to_mean", "ratio_to_best", "ratio_to_worst"):
        assert normalised(x, method).tolist() == [1.0] * 4, method
    assert normalised(x, "distance_to_mean").tolist() == [0.0] * 4
    # a 0 among other values: the reciprocal of 0 is no number (null, said as W-METHOD-POSITIVE)
    y = np.array([0.0, 2.0, 4.0])
    assert np.isnan(normalised(y, "ratio_to_mean", "lower")[0]) and normalised(y, "ratio_to_best", "lower")[0] == 1.0
    assert normalised(y, "sum", "lower").tolist() == [1.0, 0.0, 0.0]  # the limit of (1/x)/Σ(1/x)
    m = np.column_stack([x, [1.0, 2.0, 3.0, 4.0]])
    assert entropy_weights(m, variant="raw").tolist() == [0.0, 1.0]
    assert np.isfinite(run("topsis", m, [0.5, 0.5], [False, False])).all()
    assert np.isnan(run("wpm", m, [0.5, 0.5], [False, False])).all()  # WPM needs x > 0: null, said


def test_every_criterion_constant_gives_equal_weights():
    m = np.ones((4, 3))
    for f in (entropy_weights, critic_weights, std_weights):
        assert np.allclose(f(m), 1 / 3)


def test_a_single_unit():
    x = np.array([7.0])
    assert normalised(x, "minmax").tolist() == [1.0]
    assert normalised(x, "zscore").tolist() == [0.0]
    assert normalised(x, "percentile").tolist() == [100.0]
    m = np.array([[1.0, 2.0]])
    assert entropy_weights(m).tolist() == [0.5, 0.5] and critic_weights(m).tolist() == [0.5, 0.5]
    for method in ("topsis", "vikor", "gra"):
        assert np.isfinite(run(method, m, [0.5, 0.5], [False, True])).all(), method


def test_missing_values_are_left_out_of_peers():
    frame = pl.DataFrame({"x": [1.0, None, 3.0]})
    assert frame.select(normalise_expr("x", "minmax"))["x"].to_list() == [0.0, None, 1.0]
    assert frame.select(normalise_expr("x", "percentile"))["x"].to_list() == [50.0, None, 100.0]
    assert np.allclose(
        entropy_weights(np.array([[1.0, 2.0], [np.nan, 3.0], [2.0, 5.0]])),
        entropy_weights(np.array([[1.0, 2.0], [2.0, 5.0]])),
    )


def test_minmax_by_direction():
    assert minmax_by_direction(np.array([[1.0, 1.0], [3.0, 3.0]]), [False, True]).tolist() == [[0.0, 1.0], [1.0, 0.0]]
