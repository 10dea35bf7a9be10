"""The names of the thirteen normalisations of composite indicators, in one place: the rubric
model accepts them as a leaf's rule, the engine computes them (engine/normalise.py, formulas in
docs/methods.md) and the command line offers them for ``normalise --method``.  Kept apart from
the rubric model so that ``--help`` lists them without importing pydantic."""

NORMALISATIONS = (
    "minmax",
    "zscore",
    "rank",
    "percentile",
    "ratio_to_mean",
    "ratio_to_best",
    "ratio_to_worst",
    "distance_to_mean",
    "distance_to_best",
    "distance_to_worst",
    "above_below_mean",
    "vector",
    "sum",
)
