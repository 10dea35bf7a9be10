"""The Sobol estimators: Ishigami's known indices, SALib as an oracle on the same outputs, groups."""

from __future__ import annotations

import numpy as np
import pytest

from lawgov_score.analysis import sobol

# Ishigami (a = 7, b = 0.1), in closed form: V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2,
# V2 = a²/8, V13 = b²π⁸(1/18 − 1/50); S1 = V1/V, S2 = V2/V, S3 = 0; ST1 = (V1 + V13)/V, ST3 = V13/V.
A_, B_ = 7.0, 0.1
V = A_**2 / 8 + B_ * np.pi**4 / 5 + B_**2 * np.pi**8 / 18 + 0.5
V1 = (1 + B_ * np.pi**4 / 5) ** 2 / 2
V2 = A_**2 / 8
V13 = B_**2 * np.pi**8 * (1 / 18 - 1 / 50)
FIRST = np.array([V1 / V, V2 / V, 0.0])
TOTAL = np.array([(V1 + V13) / V, V2 / V, V13 / V])


def test_the_closed_form_is_the_published_one():
    assert FIRST == pytest.approx([0.314, 0.442, 0.0], abs=1e-3)
    assert TOTAL == pytest.approx([0.558, 0.442, 0.244], abs=1e-3)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ishigami_within_002_at_2_to_the_14(seed):
    r = sobol.analyse(sobol.ishigami, [1, 1, 1], 2**14, seed=seed, bootstrap=100)
    assert np.abs(r.first - FIRST).max() < 0.02
    assert np.abs(r.total - TOTAL).max() < 0.02
    # the bootstrap intervals are intervals around the estimate, and narrow at this N
    assert np.all(r.first_ci[:, 0] <= r.first) and np.all(r.first <= r.first_ci[:, 1])
    assert np.all(r.total_ci[:, 0] <= r.total) and np.all(r.total <= r.total_ci[:, 1])
    assert np.all(r.total_ci[:, 1] - r.total_ci[:, 0] < 0.05)


def test_the_same_outputs_give_salibs_indices():
    """SALib's own design and outputs, read in its row order, give SALib's S1 and ST to 1e-9."""
    from SALib.analyze import sobol as salib_analyze
    from SALib.sample import sobol as salib_sample

    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}
    X = salib_sample.sample(problem, 1024, calc_second_order=False, seed=3)
    Y = sobol.ishigami((X + np.pi) / (2 * np.pi))
    theirs = salib_analyze.analyze(problem, Y, calc_second_order=False, seed=3)
    rows = Y.reshape(-1, 5)  # SALib's rows per base sample: A, AB_1, AB_2, AB_3, B
    ours = sobol.indices(rows[:, 0], rows[:, 4], rows[:, 1:4].T, bootstrap=0)
    assert ours.first == pytest.approx(theirs["S1"], abs=1e-9)
    assert ours.total == pytest.approx(theirs["ST"], abs=1e-9)


def test_groups_of_columns_act_as_one_input():
    """Two columns that only act together are one group; a group that does nothing gets ≈ 0."""

    def model(X):
        return np.sin(2 * np.pi * X[:, 0]) * X[:, 1] + 0.0 * X[:, 2] + 0.0 * X[:, 3]

    r = sobol.analyse(model, [2, 2], 2**12, seed=5, bootstrap=50)
    assert r.first[0] == pytest.approx(1.0, abs=0.02) and r.total[0] == pytest.approx(1.0, abs=0.02)
    assert r.first[1] == pytest.approx(0.0, abs=1e-12) and r.total[1] == pytest.approx(0.0, abs=1e-12)


def test_a_constant_output_has_zero_indices():
    r = sobol.analyse(lambda X: np.full(X.shape[0], 3.0), [1, 2], 64, bootstrap=10)
    assert np.all(r.first == 0) and np.all(r.total == 0) and r.variance == 0


def test_same_seed_same_design_and_different_seed_different():
    a, b, c = sobol.design(100, [2, 1], 7), sobol.design(100, [2, 1], 7), sobol.design(100, [2, 1], 8)
    assert np.array_equal(a.A, b.A) and np.array_equal(a.B, b.B) and not np.array_equal(a.A, c.A)
    ab = a.ab(0)
    assert np.array_equal(ab[:, :2], a.B[:, :2]) and np.array_equal(ab[:, 2], a.A[:, 2])
