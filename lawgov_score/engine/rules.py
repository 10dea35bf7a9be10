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

import polars as pl

from ..data.formula import to_polars
from ..rubric.compiled import Item, Rubric


def value_expr(item: Item) -> pl.Expr:
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


def leaf_exprs(item: Item, rubric: Rubric) -> tuple[pl.Expr, pl.Expr, pl.Expr | None, pl.Expr | None]:
    """(value, raw score, target, veto fired) for one leaf; ``None`` where not applicable."""
    rule = item.rule
    t = rule.type
    v = value_expr(item)
    P = pl.lit(float(item.max))
    higher = getattr(rule, "direction", "higher") == "higher"
    target: pl.Expr | None = None
    fired: pl.Expr | None = None

    if t == "boolean":
        want = 1.0 if rule.expect else 0.0
        score = pl.when(v == want).then(P).otherwise(0.0)
        target = pl.lit(want)
    elif t == "threshold":
        met = v >= rule.target if higher else v <= rule.target
        score = pl.when(met).then(P).otherwise(pl.lit(float(rule.partial)))
        target = pl.lit(float(rule.target))
    elif t == "linear":
        span = rule.target - rule.floor  # sign carries the direction
        score = P * _clip01((v - rule.floor) / span)
        target = pl.lit(float(rule.target))
    elif t == "bands":
        chain = None
        for band in rule.bands:
            cond = v >= band.at if higher else v <= band.at
            chain = (
                pl.when(cond).then(pl.lit(float(band.points)))
                if chain is None
                else chain.when(cond).then(pl.lit(float(band.points)))
            )
        score = chain.otherwise(pl.lit(float(rule.else_)))
        target = pl.lit(float(rule.bands[0].at))
    elif t == "deduct":
        short = (pl.lit(float(rule.target)) - v) if higher else (v - pl.lit(float(rule.target)))
        steps = short.clip(lower_bound=0.0) / rule.per
        if rule.steps == "ceil":
            steps = (steps - 1e-9).ceil().clip(lower_bound=0.0)  # 1e-9: 3.0000000001 steps is 3
        elif rule.steps == "floor":
            steps = (steps + 1e-9).floor()
        cap = float(rule.cap) if rule.cap is not None else float(item.max)
        score = (P - (steps * rule.each).clip(upper_bound=cap)).clip(lower_bound=0.0)
        target = pl.lit(float(rule.target))
    elif t == "graded":
        levels = rubric.fields[item.field].levels or []
        chain = None
        for idx, level in enumerate(levels):
            share = float(rule.levels.get(level, 0.0))
            cond = v == float(idx)
            chain = pl.when(cond).then(P * share) if chain is None else chain.when(cond).then(P * share)
        score = chain.otherwise(0.0) if chain is not None else pl.lit(0.0)
        best = max(range(len(levels)), key=lambda i: (rule.levels.get(levels[i], 0.0), -i)) if levels else None
        target = pl.lit(float(best)) if best is not None else None
    elif t == "direct":
        score = v.clip(0.0, float(item.max))
        target = P
    elif t == "negative":
        score = -(v.clip(lower_bound=0.0) * rule.each).clip(upper_bound=float(rule.cap))
        target = pl.lit(0.0)
    elif t == "bonus":
        score = (v.clip(lower_bound=0.0) * rule.each).clip(upper_bound=float(rule.cap))
    elif t == "veto":
        if rule.when is not None:
            fired = v == (1.0 if rule.when else 0.0)
        elif rule.above is not None:
            fired = v > rule.above
        else:
            fired = v < rule.below
        fired = fired.fill_null(False)
        score = pl.lit(0.0)
    elif t == "ratio_to_best":
        g = _peers(rule)
        if higher:
            best = v.max().over(g)
            score = pl.when(best > 0).then(P * _clip01(v / best)).otherwise(0.0)
        else:
            best = v.min().over(g)
            score = pl.when(v <= best).then(P).otherwise(P * _clip01(best / v))
        target = best
    elif t == "rank":
        g = _peers(rule)
        r = v.rank("min", descending=higher).over(g)
        mapping = {float(i + 1): float(p) for i, p in enumerate(rule.by_rank)}
        score = r.cast(pl.Float64).replace_strict(mapping, default=float(rule.else_), return_dtype=pl.Float64)
        target = v.max().over(g) if higher else v.min().over(g)
    elif t == "minmax":
        g = _peers(rule)
        lo, hi = v.min().over(g), v.max().over(g)
        share = (v - lo) / (hi - lo) if higher else (hi - v) / (hi - lo)
        score = pl.when(hi == lo).then(P).otherwise(P * _clip01(share))
        target = hi if higher else lo
    else:  # pragma: no cover - the model admits no other type
        raise ValueError(f"unknown rule type {t}")

    # A missing value: no effect for side rules; 0 (or full, where the rubric says so) otherwise.
    if t in ("negative", "bonus", "veto"):
        score = pl.when(v.is_null()).then(0.0).otherwise(score)
    else:
        no_value = v.is_null()
        alone = alone_expr(item)
        if alone is not None:  # no peer: the rule's `alone` decides, and there is no best to aim at
            if rule.alone == "missing":
                no_value = no_value | alone
            else:
                score = pl.when(alone).then(P if rule.alone == "full" else pl.lit(0.0)).otherwise(score)
            target = pl.when(alone).then(v if rule.alone == "full" else None).otherwise(target)
        on_missing = P if item.missing == "full" else pl.lit(0.0)
        score = pl.when(no_value).then(on_missing).otherwise(score)
    return v, score, target, fired


def gap_expr(value: pl.Expr, target: pl.Expr | None, higher: bool) -> pl.Expr:
    """Distance from value to target in the field's unit: > 0 when short, 0 when met."""
    if target is None:
        return pl.lit(None, dtype=pl.Float64)
    d = (target - value) if higher else (value - target)
    return d.clip(lower_bound=0.0)


def is_higher(item: Item) -> bool:
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
    return not (math.isnan(x) or math.isinf(x))
