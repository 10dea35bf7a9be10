"""Weights of criteria: from the data (entropy, CRITIC, standard deviation), equal, from a
pairwise comparison matrix (AHP), or subjective × objective combined.

Every function takes a decision matrix (rows = alternatives, e.g. unit-years; columns =
criteria) as a numpy array, and the criteria's directions where a method needs them (``True``
for a lower-is-better, cost criterion), and returns weights summing to 1.  Rows with a missing
value (NaN) are left out (``complete_rows``).  A criterion whose values are all equal carries
no information: entropy, CRITIC and std give it weight 0; when every criterion is constant the
weights are equal (nothing in the data tells them apart).  Never NaN.
"""

from __future__ import annotations

import numpy as np

from ..rubric.pairwise import AHP, CR_LIMIT, RANDOM_INDEX, ahp_weights  # noqa: F401  (AHP is declared in a rubric)

VARIANTS = ("normalised", "raw")


def complete_rows(matrix: np.ndarray) -> np.ndarray:
    """The rows of ``matrix`` with a value in every column."""
    m = np.asarray(matrix, dtype=float)
    return m[~np.isnan(m).any(axis=1)]


def minmax_by_direction(matrix: np.ndarray, cost: np.ndarray | None = None) -> np.ndarray:
    """Each column to 0–1: (x − min)/(max − min), or (max − x)/(max − min) for a cost
    criterion; a constant column becomes 0 (no criterion value is better than another)."""
    m = np.asarray(matrix, dtype=float)
    lo, hi = m.min(axis=0), m.max(axis=0)
    span = hi - lo
    safe = np.where(span == 0, 1.0, span)
    share = np.where(_cost(cost, m.shape[1]), hi - m, m - lo) / safe
    return np.where(span == 0, 0.0, share)


def _cost(cost, n: int) -> np.ndarray:
    return np.zeros(n, dtype=bool) if cost is None else np.asarray(cost, dtype=bool)


def _share(scores: np.ndarray) -> np.ndarray:
    """Scores ≥ 0 → weights summing to 1; all zero → equal weights."""
    s = np.asarray(scores, dtype=float)
    total = s.sum()
    return np.full(s.size, 1 / s.size) if total <= 0 or not np.isfinite(total) else s / total


def entropy_weights(matrix: np.ndarray, cost: np.ndarray | None = None, *, variant: str = "normalised") -> np.ndarray:
    """熵权法.  ``normalised`` (default): x' min-max by direction; ``raw``: the values as they
    are (they must be ≥ 0, as pymcdm's ``entropy_weights``).  p = x'/Σx' per criterion,
    E = −Σ p ln p / ln m (p ln p = 0 at p = 0), w = (1 − E)/Σ(1 − E).  A column summing to 0
    has E = 1 (no information); fewer than two rows: equal weights."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {', '.join(VARIANTS)}")
    m = complete_rows(matrix)
    rows, n = m.shape
    if rows < 2:
        return np.full(n, 1 / n)
    x = minmax_by_direction(m, cost) if variant == "normalised" else m
    sums = x.sum(axis=0)
    p = x / np.where(sums == 0, 1.0, sums)
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    e = np.where(sums == 0, 1.0, -plogp.sum(axis=0) / np.log(rows))
    return _share(np.clip(1 - e, 0.0, None))


def critic_weights(matrix: np.ndarray, cost: np.ndarray | None = None) -> np.ndarray:
    """CRITIC (Diakoulaki 1995): x' min-max by direction, C_j = sd_j × Σ_k (1 − r_jk) with the
    sample sd and Pearson's r of x'; w = C/ΣC.  A constant column has sd 0 (so C = 0) and is
    taken as uncorrelated with the others."""
    x = minmax_by_direction(complete_rows(matrix), cost)
    if x.shape[0] < 2:
        return np.full(x.shape[1], 1 / x.shape[1])
    sd = x.std(axis=0, ddof=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.corrcoef(x, rowvar=False) if x.shape[1] > 1 else np.ones((1, 1))
    r = np.where(np.isfinite(r), r, 0.0)
    np.fill_diagonal(r, 1.0)
    return _share(sd * (1 - r).sum(axis=0))


def std_weights(matrix: np.ndarray) -> np.ndarray:
    """The sample standard deviation of each criterion's raw values, normalised to sum to 1
    (as pymcdm's ``standard_deviation_weights``)."""
    m = complete_rows(matrix)
    if m.shape[0] < 2:
        return np.full(m.shape[1], 1 / m.shape[1])
    return _share(m.std(axis=0, ddof=1))


def equal_weights(n: int) -> np.ndarray:
    """1/n each."""
    return np.full(n, 1 / n)


def combined_weights(subjective: np.ndarray, objective: np.ndarray) -> np.ndarray:
    """Subjective × objective, normalised: w_j = s_j·o_j / Σ s_k·o_k (all products 0: equal)."""
    return _share(np.asarray(subjective, dtype=float) * np.asarray(objective, dtype=float))


def weights_of(method: str, matrix: np.ndarray, cost=None, *, variant: str = "normalised", subjective=None):
    """One entry for the data-driven methods: ``entropy`` (with ``variant``), ``critic``,
    ``std``, ``equal``, and ``combined`` (``subjective`` × entropy weights)."""
    m = np.asarray(matrix, dtype=float)
    if method == "entropy":
        return entropy_weights(m, cost, variant=variant)
    if method == "critic":
        return critic_weights(m, cost)
    if method == "std":
        return std_weights(m)
    if method == "equal":
        return equal_weights(m.shape[1])
    if method == "combined":
        subj = equal_weights(m.shape[1]) if subjective is None else subjective
        return combined_weights(subj, entropy_weights(m, cost, variant=variant))
    raise ValueError(f"unknown weighting method {method!r}")
