"""Each rule type as polars expressions over the wide frame (one row per unit and year).

For a leaf item, ``leaf_exprs`` gives four expressions: the value it reads, its score (before
rounding), the target its value is measured against (for the gap column), and whether a veto
fired.  Relative rules (ratio to the best, rank, min-max) compare a unit with its peers: the
units of the same year, and of the same group when the rule says ``within``.  A unit with no
peer (``alone_expr``: no other unit of its year and group has a value, or its group is blank,
which never makes a group of its own) scores as the rule's ``alone`` says: by default as a
missing value, never full points for being the only one compared.

Every function here builds expressions once per item; polars evaluates them over all units at
once.  Nothing loops over rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import polars as pl

from ..data.formula import to_polars
from ..rubric.compiled import Item, Rubric
from ..rubric.model import BOUNDED_SCALES, NORMALISE_RULES, SIDE_RULES
from .normalise import normalise_expr


def value_expr(item: Item) -> pl.Expr:
    """The value a leaf reads: its field, or its formula over the fields."""
    if item.field:
        return pl.col(item.field).cast(pl.Float64)
    return to_polars(item.formula_ast)


def _peers(rule) -> list[str]:
    keys = ["year"]
    if getattr(rule, "within", None):
        keys.append(rule.within)
    return keys


def alone_expr(item: Item) -> pl.Expr | None:
    """For a relative rule, whether a unit has a value but nobody to be compared with: no other
    unit of its year (and group ``within``) has a value, or its group (所属市 …) is blank.
    None for the other rules."""
    if not item.relative:
        return None
    v = value_expr(item)
    alone = v.count().over(_peers(item.rule)) < 2  # count() counts the values present, the unit's own included
    within = item.rule.within
    if within:
        alone = alone | pl.col(within).is_null() | (pl.col(within).cast(pl.String).str.strip_chars() == "")
    return v.is_not_null() & alone


def _clip01(e: pl.Expr) -> pl.Expr:
    return e.clip(0.0, 1.0)


@dataclass(frozen=True)
class Leaf:
    """What a rule builder is given: the item, its rubric, the value it reads, its points and
    whether a higher value is better."""

    item: Item
    rubric: Rubric
    v: pl.Expr
    points: pl.Expr
    higher: bool

    @property
    def rule(self):
        """The item's rule (its model: ``ThresholdRule`` …)."""
        return self.item.rule


# What a builder returns: the score (before rounding, a missing value not yet decided), the
# target the value is measured against (None: none), and whether a veto fired (None: no veto).
Built = tuple[pl.Expr, pl.Expr | None, pl.Expr | None]


def _boolean(leaf: Leaf) -> Built:
    want = 1.0 if leaf.rule.expect else 0.0
    return pl.when(leaf.v == want).then(leaf.points).otherwise(0.0), pl.lit(want), None


def _threshold(leaf: Leaf) -> Built:
    rule, v = leaf.rule, leaf.v
    met = v >= rule.target if leaf.higher else v <= rule.target
    return pl.when(met).then(leaf.points).otherwise(pl.lit(float(rule.partial))), pl.lit(float(rule.target)), None


def _linear(leaf: Leaf) -> Built:
    rule = leaf.rule
    span = rule.target - rule.floor  # sign carries the direction
    return leaf.points * _clip01((leaf.v - rule.floor) / span), pl.lit(float(rule.target)), None


def _bands(leaf: Leaf) -> Built:
    rule, v = leaf.rule, leaf.v
    chain = None
    for band in rule.bands:
        cond = v >= band.at if leaf.higher else v <= band.at
        points = pl.lit(float(band.points))
        chain = pl.when(cond).then(points) if chain is None else chain.when(cond).then(points)
    return chain.otherwise(pl.lit(float(rule.else_))), pl.lit(float(rule.bands[0].at)), None


def _deduct(leaf: Leaf) -> Built:
    rule, v, target = leaf.rule, leaf.v, pl.lit(float(leaf.rule.target))
    short = (target - v) if leaf.higher else (v - target)
    steps = short.clip(lower_bound=0.0) / rule.per
    if rule.steps == "ceil":
        steps = (steps - 1e-9).ceil().clip(lower_bound=0.0)  # 1e-9: 3.0000000001 steps is 3
    elif rule.steps == "floor":
        steps = (steps + 1e-9).floor()
    cap = float(rule.cap) if rule.cap is not None else float(leaf.item.max)
    return (leaf.points - (steps * rule.each).clip(upper_bound=cap)).clip(lower_bound=0.0), target, None


def _graded(leaf: Leaf) -> Built:
    rule, v = leaf.rule, leaf.v
    levels = leaf.rubric.fields[leaf.item.field].levels or []
    chain = None
    for idx, level in enumerate(levels):
        share = float(rule.levels.get(level, 0.0))
        cond = v == float(idx)
        chain = pl.when(cond).then(leaf.points * share) if chain is None else chain.when(cond).then(leaf.points * share)
    score = chain.otherwise(0.0) if chain is not None else pl.lit(0.0)
    best = max(range(len(levels)), key=lambda i: (rule.levels.get(levels[i], 0.0), -i)) if levels else None
    return score, (pl.lit(float(best)) if best is not None else None), None


def _direct(leaf: Leaf) -> Built:
    return leaf.v.clip(0.0, float(leaf.item.max)), leaf.points, None


def _negative(leaf: Leaf) -> Built:
    rule = leaf.rule
    return -(leaf.v.clip(lower_bound=0.0) * rule.each).clip(upper_bound=float(rule.cap)), pl.lit(0.0), None


def _bonus(leaf: Leaf) -> Built:
    rule = leaf.rule
    return (leaf.v.clip(lower_bound=0.0) * rule.each).clip(upper_bound=float(rule.cap)), None, None


def _veto(leaf: Leaf) -> Built:
    rule, v = leaf.rule, leaf.v
    if rule.when is not None:
        fired = v == (1.0 if rule.when else 0.0)
    elif rule.above is not None:
        fired = v > rule.above
    else:
        fired = v < rule.below
    return pl.lit(0.0), None, fired.fill_null(False)


def _ratio_to_best(leaf: Leaf) -> Built:
    v, points, g = leaf.v, leaf.points, _peers(leaf.rule)
    if leaf.higher:
        best = v.max().over(g)
        return pl.when(best > 0).then(points * _clip01(v / best)).otherwise(0.0), best, None
    best = v.min().over(g)
    return pl.when(v <= best).then(points).otherwise(points * _clip01(best / v)), best, None


def _rank(leaf: Leaf) -> Built:
    rule, v, g = leaf.rule, leaf.v, _peers(leaf.rule)
    r = v.rank("min", descending=leaf.higher).over(g)
    mapping = {float(i + 1): float(p) for i, p in enumerate(rule.by_rank)}
    score = r.cast(pl.Float64).replace_strict(mapping, default=float(rule.else_), return_dtype=pl.Float64)
    return score, (v.max().over(g) if leaf.higher else v.min().over(g)), None


def _minmax(leaf: Leaf) -> Built:
    # the normalise command's min-max (all peers equal: 1, so full points), times the points
    v, g = leaf.v, _peers(leaf.rule)
    share = normalise_expr(v, "minmax", over=g, direction="higher" if leaf.higher else "lower")
    return leaf.points * _clip01(share), (v.max() if leaf.higher else v.min()).over(g), None


def normalised_expr(item: Item) -> pl.Expr:
    """A normalisation rule's normalised value (before its scale): the ``normalise`` command's
    expression over the item's peers, ±∞ where it divides a nonzero by 0, null where the
    method gives no number."""
    rule = item.rule
    return normalise_expr(
        value_expr(item),
        rule.normalisation,
        over=_peers(rule),
        direction=rule.direction,
        ddof=rule.ddof,
        threshold=rule.threshold,
        infinite=True,  # a nonzero divided by 0 lies beyond either end of the scale: clipped there
    )


def _normalise(leaf: Leaf) -> Built:
    # points × the share of the declared scale [a, b] the normalised value reaches, clipped to
    # [0, points] (±∞ to its ends); where the method gives no number (0/0) the unit has no
    # comparison and scores as a missing value (said by W-METHOD-POSITIVE)
    rule, v, g = leaf.rule, leaf.v, _peers(leaf.rule)
    lo, hi = rule.scale or BOUNDED_SCALES[rule.normalisation]
    n = normalised_expr(leaf.item)
    on_missing = leaf.points if leaf.item.missing == "full" else pl.lit(0.0)
    score = pl.when(n.is_null()).then(on_missing).otherwise(leaf.points * _clip01((n - lo) / (hi - lo)))
    # the best of the peers is the target only where reaching it earns full points
    target = (v.max() if leaf.higher else v.min()).over(g) if rule.best_scores_full else None
    return score, target, None


# One builder per rule type of the rubric model (a test checks that every type has one).
RULES: dict[str, Callable[[Leaf], Built]] = {
    "boolean": _boolean,
    "threshold": _threshold,
    "linear": _linear,
    "bands": _bands,
    "deduct": _deduct,
    "graded": _graded,
    "direct": _direct,
    "negative": _negative,
    "bonus": _bonus,
    "veto": _veto,
    "ratio_to_best": _ratio_to_best,
    "rank": _rank,
    "minmax": _minmax,
    **{t: _normalise for t in NORMALISE_RULES},
}


def leaf_exprs(item: Item, rubric: Rubric) -> tuple[pl.Expr, pl.Expr, pl.Expr | None, pl.Expr | None]:
    """(value, raw score, target, veto fired) for one leaf; ``None`` where not applicable."""
    rule = item.rule
    v = value_expr(item)
    leaf = Leaf(item, rubric, v, pl.lit(float(item.max)), getattr(rule, "direction", "higher") == "higher")
    score, target, fired = RULES[rule.type](leaf)
    score, target = _without_value(leaf, score, target)
    return v, score, target, fired


def _without_value(leaf: Leaf, score: pl.Expr, target: pl.Expr | None) -> tuple[pl.Expr, pl.Expr | None]:
    """A missing value: no effect for side rules; 0 (or full, where the rubric says so) otherwise.
    A unit with no peer for a relative rule: as the rule's ``alone`` says, with no best to aim at."""
    item, rule, v, points = leaf.item, leaf.rule, leaf.v, leaf.points
    if rule.type in SIDE_RULES:
        return pl.when(v.is_null()).then(0.0).otherwise(score), target
    no_value = v.is_null()
    alone = alone_expr(item)
    if alone is not None:
        if rule.alone == "missing":
            no_value = no_value | alone
        else:
            score = pl.when(alone).then(points if rule.alone == "full" else pl.lit(0.0)).otherwise(score)
        target = pl.when(alone).then(v if rule.alone == "full" else None).otherwise(target)
    on_missing = points if item.missing == "full" else pl.lit(0.0)
    return pl.when(no_value).then(on_missing).otherwise(score), target


def gap_expr(value: pl.Expr, target: pl.Expr | None, higher: bool) -> pl.Expr:
    """Distance from value to target in the field's unit: > 0 when short, 0 when met."""
    if target is None:
        return pl.lit(None, dtype=pl.Float64)
    d = (target - value) if higher else (value - target)
    return d.clip(lower_bound=0.0)


def is_higher(item: Item) -> bool:
    """Whether a higher value is better for the item (a grade's smaller level index is better)."""
    rule = item.rule
    if rule.type == "negative":
        return False
    if rule.type == "boolean":
        return bool(rule.expect)
    if rule.type == "graded":
        return False  # levels are listed best first: a smaller index is better
    return getattr(rule, "direction", "higher") == "higher"


def round_half_up(e: pl.Expr, decimals: int) -> pl.Expr:
    """Round half away from zero, the way people round by hand (polars rounds half to even)."""
    k = 10.0**decimals
    # The 1e-9 nudge keeps 2.675 (stored as 2.67499999…) rounding to 2.68 as written.
    # The final round only snaps to the nearest float of the decimal: polars divides by a
    # constant as a multiplication by its inverse, which gives 384.40000000000003 for 384.4.
    r = ((e.abs() * k + 0.5 + 1e-9).floor().truediv(k) * e.sign()).round(decimals)
    return pl.when(r == 0).then(0.0).otherwise(r)  # never -0.0, which would print as -0.00


def finite(x: float) -> bool:
    """Neither NaN nor infinite."""
    return not (math.isnan(x) or math.isinf(x))
