"""The thirteen normalisations of composite indicators, as polars expressions over peer groups.

Each method turns a value column into a comparable one among its peers: the rows sharing the
``over`` columns (a year, and a group).  Written for higher-is-better; ``direction="lower"``
mirrors the method (see ``METHODS``), so that on every method a better value never gets a worse
normalised value.  Missing values are left out of the peers' statistics and stay missing.

A result that would divide by zero (a mean, maximum, minimum or sum of 0; a criterion whose
values are all equal for min-max) is defined below, never NaN: ``normalise_expr`` yields null
where a method cannot give a number, and ``normalise_problems`` says where and why.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from ..core.normalisations import NORMALISATIONS

METHODS = NORMALISATIONS  # named once in core, for the rubric model, this engine and the command line
# Methods that divide by a statistic of the values (a mean, a best, a worst, a sum) or by the
# value itself: they need values of one sign, and give null (said) where the divisor is 0.
POSITIVE = frozenset(
    {
        "ratio_to_mean",
        "ratio_to_best",
        "ratio_to_worst",
        "distance_to_mean",
        "distance_to_best",
        "distance_to_worst",
        "above_below_mean",
        "sum",
    }
)
THRESHOLD = 0.2  # above_below_mean's p: within ±20 % of the mean counts as the mean


def normalise_expr(
    value: str | pl.Expr,
    method: str,
    *,
    over: Sequence[str] = (),
    direction: str = "higher",
    ddof: int = 1,
    threshold: float = THRESHOLD,
    infinite: bool = False,
) -> pl.Expr:
    """The normalised ``value`` among the rows sharing ``over`` (all rows when empty).

    For higher-is-better (x a value, statistics over its peers' non-missing values):

    ==================  ==========================================================
    minmax              (x − min)/(max − min); all peers equal: 1
    zscore              (x − mean)/sd, sample sd (``ddof=1``) or population (0);
                        sd 0 or undefined (one peer): 0, the value is the mean
    rank                ascending rank, ties take the lowest (smallest value = 1)
    percentile          rank/n × 100, n the peers with a value
    ratio_to_mean       x/mean
    ratio_to_best       x/max
    ratio_to_worst      x/min
    distance_to_mean    (x − mean)/mean
    distance_to_best    (x − max)/max
    distance_to_worst   (x − min)/min
    above_below_mean    1 if x/mean > 1 + p, −1 if x/mean < 1 − p, else 0
    vector              x/√Σx²; all zero: 0
    sum                 x/Σx
    ==================  ==========================================================

    ``direction="lower"`` mirrors each: minmax, zscore, rank and percentile take −x (the
    smallest value is best); the ratios take the reciprocal with best = min and worst = max
    (mean/x, min/x, max/x); the distances become (mean − x)/mean, (min − x)/min,
    (max − x)/max; above_below_mean changes sign; vector is 1 − x/√Σx² and sum (1/x)/Σ(1/x)
    (as pymcdm's cost criteria).

    Zeros: a value equal to the reference it is compared with (the mean, best or worst) has
    ratio 1 and distance 0, also when that reference is 0; equal values share ``sum`` equally
    (1/n); under ``sum`` lower-is-better the values 0 share it (1/k each, the others 0), the
    limit of (1/x)/Σ(1/x).  Another division by 0 gives null (see ``normalise_problems``), or
    with ``infinite`` (a rule, which clips to its scale) ±∞ where a nonzero is divided by 0."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}")
    x = pl.col(value) if isinstance(value, str) else value
    x = x.cast(pl.Float64)
    lower = direction == "lower"
    expr = _BUILDERS[method](x, lower, ddof, threshold, list(over))
    keep = expr.is_finite() | (expr.is_infinite() if infinite else pl.lit(False))
    out = pl.when(x.is_not_null() & keep).then(expr).otherwise(None)
    return out.alias(value) if isinstance(value, str) else out


def _over(e: pl.Expr, over: list[str]) -> pl.Expr:
    return e.over(over) if over else e


def _minmax(x, lower, ddof, p, over):
    lo, hi = _over(x.min(), over), _over(x.max(), over)
    span = hi - lo
    share = ((hi - x) if lower else (x - lo)) / span
    return pl.when(x.is_null()).then(None).when(span == 0).then(1.0).otherwise(share)


def _zscore(x, lower, ddof, p, over):
    mean, sd = _over(x.mean(), over), _over(x.std(ddof=ddof), over)
    z = ((mean - x) if lower else (x - mean)) / sd
    # equal values: sd 0, though the computed one may be a rounding error away from it
    constant = _over(x.min(), over) == _over(x.max(), over)
    return pl.when(x.is_null()).then(None).when(sd.is_null() | (sd == 0) | constant).then(0.0).otherwise(z)


def _rank(x, lower, ddof, p, over):
    return _over((-x if lower else x).rank("min"), over).cast(pl.Float64)


def _percentile(x, lower, ddof, p, over):
    return _rank(x, lower, ddof, p, over) / _over(x.count(), over) * 100


def _ratio(x, ref, lower):
    """x/ref (lower-is-better: ref/x); 1 where x is the reference, also a reference of 0."""
    return pl.when(x == ref).then(1.0).otherwise((ref / x) if lower else (x / ref))


def _distance(x, ref, lower):
    """(x − ref)/ref (lower-is-better: (ref − x)/ref); 0 where x is the reference."""
    return pl.when(x == ref).then(0.0).otherwise(((ref - x) if lower else (x - ref)) / ref)


def _best(x, lower, over):
    return _over(x.min() if lower else x.max(), over)


def _worst(x, lower, over):
    return _over(x.max() if lower else x.min(), over)


def _ratio_to_mean(x, lower, ddof, p, over):
    return _ratio(x, _over(x.mean(), over), lower)


def _ratio_to_best(x, lower, ddof, p, over):
    return _ratio(x, _best(x, lower, over), lower)


def _ratio_to_worst(x, lower, ddof, p, over):
    return _ratio(x, _worst(x, lower, over), lower)


def _distance_to_mean(x, lower, ddof, p, over):
    return _distance(x, _over(x.mean(), over), lower)


def _distance_to_best(x, lower, ddof, p, over):
    return _distance(x, _best(x, lower, over), lower)


def _distance_to_worst(x, lower, ddof, p, over):
    return _distance(x, _worst(x, lower, over), lower)


def _above_below_mean(x, lower, ddof, p, over):
    # equal values are at their mean: ratio 1 exactly, not a rounding error above or below it
    constant = _over(x.min(), over) == _over(x.max(), over)
    r = pl.when(constant).then(1.0).otherwise(_ratio(x, _over(x.mean(), over), False))
    good, bad = (-1.0, 1.0) if lower else (1.0, -1.0)  # lower: a value well below the mean is good
    sign = pl.when(r > 1 + p).then(good).when(r < 1 - p).then(bad).otherwise(0.0)
    return pl.when(r.is_finite()).then(sign).otherwise(None)


def _vector(x, lower, ddof, p, over):
    norm = _over((x * x).sum(), over).sqrt()
    share = pl.when(norm == 0).then(0.0).otherwise(x / norm)
    return pl.when(x.is_null()).then(None).otherwise((1 - share) if lower else share)


def _sum(x, lower, ddof, p, over):
    equal = _over(x.min(), over) == _over(x.max(), over)
    share = 1 / _over(x.count(), over)  # equal values share the sum equally, zeros too
    if lower:
        zeros = _over((x == 0).sum(), over)  # 1/x of a 0 outweighs all the rest: the zeros share it
        inv = 1 / x
        by_zero = pl.when(x == 0).then(1 / zeros).otherwise(0.0)
        return pl.when(equal).then(share).when(zeros > 0).then(by_zero).otherwise(inv / _over(inv.sum(), over))
    return pl.when(equal).then(share).otherwise(x / _over(x.sum(), over))


_BUILDERS = {
    "minmax": _minmax,
    "zscore": _zscore,
    "rank": _rank,
    "percentile": _percentile,
    "ratio_to_mean": _ratio_to_mean,
    "ratio_to_best": _ratio_to_best,
    "ratio_to_worst": _ratio_to_worst,
    "distance_to_mean": _distance_to_mean,
    "distance_to_best": _distance_to_best,
    "distance_to_worst": _distance_to_worst,
    "above_below_mean": _above_below_mean,
    "vector": _vector,
    "sum": _sum,
}


def normalise_problems(frame: pl.DataFrame, value: str, method: str, *, over: Sequence[str] = ()) -> dict[str, int]:
    """What keeps ``method`` from normalising ``value`` in ``frame``, as counts of rows:
    ``missing`` (no value: left out of the peers and of the result), ``not_positive`` (a value
    ≤ 0 where the method divides by values or their statistics: its result may be null or
    meaningless) and ``alone`` (the only peer with a value: compared with itself).  Only the
    kinds found are returned."""
    x = pl.col(value).cast(pl.Float64)
    checks = {"missing": x.is_null().sum(), "alone": (_over(x.count(), list(over)) == 1) & x.is_not_null()}
    checks["alone"] = checks["alone"].sum()
    if method in POSITIVE:
        checks["not_positive"] = (x <= 0).sum()
    counts = frame.select(**checks).row(0, named=True)
    return {k: int(v) for k, v in counts.items() if v}
