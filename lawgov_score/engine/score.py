"""Scoring: indicators × rubric → item scores, roll-up, bonus, veto, totals and grades.

The long values are pivoted to one row per unit and year; every leaf becomes a set of
columns computed by polars expressions (``rules``); parents are rolled up level by level from
the deepest; then bonus, veto, total, percent and grade.  All columns are built in a handful
of ``with_columns`` calls, so the cost grows with the number of items, not of units.

Printed numbers add up: each leaf score is rounded (half away from zero) to the rubric's
``decimals`` first, and every parent is computed from the rounded scores of its children, so
the columns an official adds by hand match the parent and the total shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from ..core.groups import META_COLUMNS
from ..core.problems import Problem
from ..data.derive import derive
from ..data.indicators import Indicators
from ..data.treat import treat, treated_col
from ..rubric.compiled import Item, Rubric
from ..rubric.model import MEANS
from . import provenance as P
from . import rules as R
from .alone import col_alone, peer_warnings
from .normalised import normalise_warnings
from .parts import col_part, part_exprs

KEYS = ["unit", "year"]


def col_score(item_id: str) -> str:
    """The scored frame's column of an item's score."""
    return f"s:{item_id}"


def col_value(item_id: str) -> str:
    """The scored frame's column of the value a leaf reads."""
    return f"v:{item_id}"


def col_target(item_id: str) -> str:
    """The scored frame's column of the target a leaf's value is measured against."""
    return f"t:{item_id}"


def col_fired(item_id: str) -> str:
    """The scored frame's column of whether a veto fired."""
    return f"f:{item_id}"


@dataclass
class ScoreResult:
    """The scored frame (one row per unit and year) with its rubric and inputs."""

    rubric: Rubric
    frame: pl.DataFrame  # keys, metadata, v:/s:/t:/f:/a: columns, base, bonus, total, percent, grade, vetoed
    indicators: Indicators
    warnings: list[Problem] = field(default_factory=list)  # what the scores rest on that the user should know (W-ALONE)
    _items: pl.DataFrame | None = field(default=None, repr=False, compare=False)
    _items_of: pl.DataFrame | None = field(default=None, repr=False, compare=False)

    # --- views ---------------------------------------------------------------------------
    def totals(self) -> pl.DataFrame:
        """unit, year, metadata, total, max, percent, grade, vetoed, bonus, one column per dimension."""
        dims = [pl.col(col_score(d)).alias(d) for d in self.rubric.roots]
        parts = [col_part(p.id) for p in self.rubric.parts]  # the evaluation's parts, where declared
        return self.frame.select(
            *KEYS,
            *META_COLUMNS,
            "total",
            pl.lit(self.rubric.total).alias("max"),
            "percent",
            "grade",
            "vetoed",
            "bonus",
            *parts,
            *dims,
        )

    def items(self) -> pl.DataFrame:
        """One row per unit, year and item with the exact values and where each comes from
        (``source``, ``derived_from``).  ``lawgov_score.score_records`` turns them into what
        `score -f json` prints (yes/no as 是/否, numbers rounded to the rubric's decimals).
        Built once per result and kept: every view of the same result reads the same frame."""
        if self._items is None or self._items_of is not self.frame:
            self._items, self._items_of = item_records(self), self.frame
        return self._items


def wide_values(inds: Indicators, rubric: Rubric, notes: list[Problem] | None = None) -> pl.DataFrame:
    """One row per unit and year (sorted by year, then unit), one Float64 column per field the
    rubric reads, treated as the rubric's ``treatment`` says (``data.treat``; what was done goes
    into ``notes``).  The reader's own wide frame is used as it is; otherwise (values given or
    changed by hand) the long values are pivoted."""
    needed = sorted(rubric.used_fields())  # includes what derived fields are computed from
    if inds.wide is not None and all(f in inds.wide.columns for f in needed):
        wide, ordered = inds.wide.select(*KEYS, *needed), True
    else:
        wide, ordered = _pivot(inds, needed), False
    missing = [f for f in needed if f not in wide.columns]
    wide = wide.with_columns([pl.lit(None, dtype=pl.Float64).alias(f) for f in missing])
    wide = wide.with_columns([pl.col(f).cast(pl.Float64) for f in needed])
    wide = derive(wide, rubric, needed)  # a stated value wins; otherwise the dictionary's formula
    units = inds.units
    wide = (
        wide.join(units, on="unit", how="left", maintain_order="left")
        if units.height
        else wide.with_columns([pl.lit(None, dtype=pl.String).alias(m) for m in META_COLUMNS])
    )
    if rubric.treatment:  # denominators, imputation, outliers: before any rule reads a value
        wide, said_ = treat(wide, rubric.treatment)
        if notes is not None:
            notes += said_
    return wide if ordered else wide.sort(["year", "unit"], nulls_last=True)  # year by year, units in code point order


def _pivot(inds: Indicators, needed: list[str]) -> pl.DataFrame:
    vals = inds.values.filter(pl.col("field").is_in(needed))
    keys = inds.unit_years  # a unit whose every value is missing still gets its (zero) row
    if vals.height:
        wide = vals.pivot(on="field", index=KEYS, values="value", aggregate_function="first")
        return keys.join(wide, on=KEYS, how="left", nulls_equal=True, maintain_order="left")
    return keys


def score(rubric: Rubric, inds: Indicators) -> ScoreResult:
    """Score every unit and year of ``inds`` with ``rubric``: leaves, roll-up, bonus, veto,
    totals and grades in one frame, with the warnings the scores rest on (W-ALONE)."""
    notes: list[Problem] = []
    frame = wide_values(inds, rubric, notes)
    d = rubric.decimals
    leaf_cols: list[pl.Expr] = []
    for item in rubric.leaves():
        v, raw_score, target, fired = R.leaf_exprs(item, rubric)
        leaf_cols += [v.alias(col_value(item.id)), R.round_half_up(raw_score, d).alias(col_score(item.id))]
        if target is not None:
            leaf_cols.append(target.alias(col_target(item.id)))
        if fired is not None:
            leaf_cols.append(fired.alias(col_fired(item.id)))
        alone = R.alone_expr(item)
        if alone is not None:
            leaf_cols.append(alone.alias(col_alone(item.id)))
    # One lazy plan for leaves, roll-up and totals: polars then shares the common parts of the
    # expressions (each field's value is read once, not once per rule that uses it).
    # The in-memory engine: a few thousand rows and hundreds of expressions are planned faster so.
    plan = _totals(_roll_up(frame.lazy().with_columns(leaf_cols), rubric), rubric)
    out = plan.collect(engine="in-memory")
    warnings = [*notes, *peer_warnings(rubric, out), *normalise_warnings(rubric, out, col_value)]
    return ScoreResult(rubric=rubric, frame=out, indicators=inds, warnings=warnings)


def _parent_expr(item: Item, rubric: Rubric) -> pl.Expr:
    kids = [rubric.items[c] for c in item.children]
    scoring = [k for k in kids if k.role in ("score", "group")]
    negative = [k for k in kids if k.role == "negative"]
    neg = pl.sum_horizontal([pl.col(col_score(k.id)) for k in negative]) if negative else pl.lit(0.0)
    if item.aggregate in MEANS:
        weighted = [k for k in scoring if k.max > 0 and k.weight > 0]
        wsum = sum(k.weight for k in weighted)
        if weighted and wsum > 0:
            raw = item.max * _mean_share(item.aggregate, weighted, wsum) + neg
        else:
            raw = neg
    else:
        raw = (pl.sum_horizontal([pl.col(col_score(k.id)) for k in scoring]) if scoring else pl.lit(0.0)) + neg
    return R.round_half_up(raw.clip(0.0, item.max), rubric.decimals)


def _mean_share(aggregate: str, kids: list[Item], wsum: float) -> pl.Expr:
    """The weighted mean of the children's shares (score ÷ points, 0–1), weights w/Σw:
    arithmetic Σ w·s; geometric Π s^w (computed as exp Σ w·ln s); harmonic 1 / Σ (w/s).
    A child at 0 makes the geometric and harmonic means 0: they do not let one item's
    strength make up for another's nothing (that is why an index chooses them)."""
    shares = [(pl.col(col_score(k.id)) / k.max, k.weight / wsum) for k in kids]
    if aggregate == "weighted_mean":
        return pl.sum_horizontal([s * w for s, w in shares])
    any_zero = pl.any_horizontal([s <= 0 for s, _ in shares])
    if aggregate == "geometric_mean":
        mean = pl.sum_horizontal([w * pl.when(s > 0).then(s).otherwise(1.0).log() for s, w in shares]).exp()
    else:
        mean = 1 / pl.sum_horizontal([w / pl.when(s > 0).then(s).otherwise(1.0) for s, w in shares])
    return pl.when(any_zero).then(0.0).otherwise(mean)


def _roll_up(frame: pl.LazyFrame, rubric: Rubric) -> pl.LazyFrame:
    parents = [it for it in rubric.items.values() if not it.is_leaf]
    for level in sorted({p.level for p in parents}, reverse=True):
        frame = frame.with_columns(
            [_parent_expr(p, rubric).alias(col_score(p.id)) for p in parents if p.level == level]
        )
    return frame


def _totals(frame: pl.LazyFrame, rubric: Rubric) -> pl.LazyFrame:
    d = rubric.decimals
    root = Item(
        id="",
        name=rubric.name,
        level=0,
        parent=None,
        max=rubric.total,
        weight=1,
        children=tuple(rubric.roots),
        aggregate=rubric.aggregate,
    )
    base = _parent_expr(root, rubric)
    if rubric.parts:  # the weighted sum of the parts, each rounded as it is shown
        frame = frame.with_columns(part_exprs(rubric, col_score))
        # at most the maximum: parts whose points are not whole at the rubric's decimals may round over it
        parts = pl.sum_horizontal([pl.col(col_part(p.id)) for p in rubric.parts])
        base = R.round_half_up(parts.clip(0.0, rubric.total), d)
    bonus_items = [it for it in rubric.leaves() if it.role == "bonus"]
    bonus = pl.sum_horizontal([pl.col(col_score(b.id)) for b in bonus_items]) if bonus_items else pl.lit(0.0)
    if rubric.bonus_cap is not None:
        bonus = bonus.clip(upper_bound=float(rubric.bonus_cap))
    vetoes = [it for it in rubric.leaves() if it.role == "veto"]
    vetoed = pl.any_horizontal([pl.col(col_fired(v.id)) for v in vetoes]) if vetoes else pl.lit(False)
    frame = frame.with_columns(base.alias("base"), R.round_half_up(bonus, d).alias("bonus"), vetoed.alias("vetoed"))
    total = R.round_half_up(pl.col("base") + pl.col("bonus"), d)
    for v in vetoes:
        if v.rule.cap_total is not None:
            total = (
                pl.when(pl.col(col_fired(v.id))).then(total.clip(upper_bound=float(v.rule.cap_total))).otherwise(total)
            )
    frame = frame.with_columns(total.alias("total"))
    pct = R.round_half_up(pl.col("total") / rubric.total * 100, 2) if rubric.total > 0 else pl.lit(0.0)
    frame = frame.with_columns(pct.alias("percent"))
    return frame.with_columns(_grade_expr(rubric, vetoes).alias("grade"))


def _grade_expr(rubric: Rubric, vetoes: list[Item]) -> pl.Expr:
    """The grade by percent; a fired veto with ``cap_grade`` caps it (the lower of the two)."""
    if not rubric.grades:
        return pl.lit(None, dtype=pl.String)
    order = {g.name: i for i, g in enumerate(rubric.grades)}  # 0 = best
    idx = None
    for i, g in enumerate(rubric.grades):
        cond = pl.col("percent") >= g.min_percent
        idx = pl.when(cond).then(pl.lit(i)) if idx is None else idx.when(cond).then(pl.lit(i))
    idx = idx.otherwise(pl.lit(None, dtype=pl.Int64))
    for v in vetoes:
        cap = v.rule.cap_grade
        if cap is not None:
            worst = pl.lit(order[cap])
            # The lower of the two; a unit with no grade at all stays without one.
            idx = (
                pl.when(pl.col(col_fired(v.id)) & idx.is_not_null()).then(pl.max_horizontal(idx, worst)).otherwise(idx)
            )
    names = [g.name for g in rubric.grades]
    return idx.replace_strict({i: n for i, n in enumerate(names)}, default=None, return_dtype=pl.String)


# --- the long `score` records -------------------------------------------------------------------


def item_table(rubric: Rubric) -> pl.DataFrame:
    """One row per item: its attributes as every renderer shows them."""
    rows = []
    for order, it in enumerate(rubric.items.values()):
        rows.append(
            {
                "order": order,
                "id": it.id,
                "name": it.name,
                "level": it.level,
                "parent": it.parent,
                "max": it.max,
                "field": it.field,
                "formula": it.formula,
                "rule": it.rule_type,
                "role": it.role,
                "higher": R.is_higher(it) if it.rule is not None else None,
                "note": it.evidence,
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "order": pl.Int64,
            "id": pl.String,
            "name": pl.String,
            "level": pl.Int64,
            "parent": pl.String,
            "max": pl.Float64,
            "field": pl.String,
            "formula": pl.String,
            "rule": pl.String,
            "role": pl.String,
            "higher": pl.Boolean,
            "note": pl.String,
        },
    )


# The columns of ``ScoreResult.items()``, in order.
ITEM_COLUMNS = (
    "unit",
    "year",
    "id",
    "name",
    "level",
    "parent",
    "value",
    "source",
    "derived_from",
    "treated",
    "score",
    "max",
    "target",
    "gap",
    "status",
    "field",
    "rule",
    "role",
    "higher",
    "evidence",
    "qualifier",
    "note",
    "alone",
)


def item_records(result: ScoreResult) -> pl.DataFrame:
    """One row per unit, year and item (``ITEM_COLUMNS``): the item's attributes, its value and
    where it comes from, score, target, gap, status and evidence.  ``ScoreResult.items()`` keeps it."""
    rubric = result.rubric
    attrs = item_table(rubric)
    frame = result.frame.with_row_index("_row")  # the frame is sorted by year and unit already
    fields = P.provenance_of(rubric, frame.columns)
    blocks = [
        frame.select(*KEYS, *_item_block(frame.columns, item, attrs.schema, rubric, fields))
        for item in attrs.iter_rows(named=True)
    ]
    # unit-major order (year, unit, item), by integer keys: cheaper than sorting the text again
    out = pl.concat(blocks).sort("_row", "order").drop("_row")
    gap = (
        pl.when(pl.col("higher"))
        .then(pl.col("target") - pl.col("value"))
        .otherwise(pl.col("value") - pl.col("target"))
        .clip(lower_bound=0.0)
    )
    out = out.with_columns(
        R.round_half_up(gap, 4).alias("gap"), _status_expr().alias("status"), pl.col("target").round(4)
    )
    out = _with_evidence(out, result).rename({"_inputs": "derived_from"})
    return out.select(*ITEM_COLUMNS)


def _item_block(cols: list[str], item: dict, schema, rubric: Rubric, fields) -> list[pl.Expr]:
    """One block of rows per item (a loop over items, not units), its attributes as literals:
    stacking the blocks needs no join on the item id."""
    none_f, none_b = pl.lit(None, dtype=pl.Float64), pl.lit(None, dtype=pl.Boolean)
    i = item["id"]
    value = (pl.col(col_value(i)) if col_value(i) in cols else none_f).cast(pl.Float64)
    if col_value(i) in cols:
        source, inputs = P.leaf_provenance(rubric.items[i], rubric, value, cols, fields)
    else:
        source, inputs = pl.lit(None, dtype=pl.String), pl.lit(None, dtype=pl.List(pl.String))
    return [
        pl.col("_row"),
        *[pl.lit(item[k], dtype=schema[k]).alias(k) for k in schema],
        pl.col(col_score(i)).cast(pl.Float64).alias("score"),
        value.alias("value"),
        source.alias("source"),
        inputs.alias("_inputs"),
        _treated(rubric.items[i], cols),
        (pl.col(col_target(i)) if col_target(i) in cols else none_f).cast(pl.Float64).alias("target"),
        (pl.col(col_fired(i)) if col_fired(i) in cols else none_b).alias("fired"),
        (pl.col(col_alone(i)) if col_alone(i) in cols else none_b).alias("alone"),
    ]


def _treated(item: Item, cols: list[str]) -> pl.Expr:
    """How the rubric's outlier treatment changed the value a leaf reads (winsorised, log), or null."""
    col = treated_col(item.field) if item.field else None
    return (pl.col(col) if col in cols else pl.lit(None, dtype=pl.String)).alias("treated")


def _status_expr() -> pl.Expr:
    """met, short, missing or vetoed, from an item's role, score, source and veto."""
    return (
        pl.when(pl.col("role") == "group")
        .then(pl.when(pl.col("score") >= pl.col("max")).then(pl.lit("met")).otherwise(pl.lit("short")))
        .when(pl.col("fired").fill_null(False))
        .then(pl.lit("vetoed"))
        # met only on a value someone stated (or derived from stated ones): an imputed one is still missing
        .when(pl.col("source").is_in([P.ABSENT, P.IMPUTED]))
        .then(pl.lit("missing"))
        .when(pl.col("role") == "veto")
        .then(pl.lit("met"))
        .when(pl.col("role") == "negative")
        .then(pl.when(pl.col("score") < 0).then(pl.lit("short")).otherwise(pl.lit("met")))
        .when(pl.col("role") == "bonus")
        .then(pl.when(pl.col("score") > 0).then(pl.lit("met")).otherwise(pl.lit("short")))
        .when(pl.col("score") >= pl.col("max"))
        .then(pl.lit("met"))
        .otherwise(pl.lit("short"))
    )


def _with_evidence(out: pl.DataFrame, result: ScoreResult) -> pl.DataFrame:
    """The evidence behind each item's value: that of the stated fields it rests on (its own
    field's, or for a derived value those of its inputs: 纠错率 ← "审结48起；其中纠错10起"), in
    the order the formula reads them, and the first qualifier (余, 约) among them."""
    vals = result.indicators.values
    if vals.height == 0:
        none = pl.lit(None, dtype=pl.String)
        return out.with_columns(none.alias("evidence"), none.alias("qualifier"))
    ev = vals.select(KEYS + ["field", pl.coalesce(pl.col("evidence"), pl.col("source")).alias("evidence"), "qualifier"])
    # a stated value: its own field's evidence (most rows, one join)
    own = pl.when(pl.col("source") == P.STATED).then(pl.col("field")).alias("_own")
    out = (
        out.with_columns(own)
        .join(ev.rename({"field": "_own"}), on=[*KEYS, "_own"], how="left", nulls_equal=False, maintain_order="left")
        .drop("_own")
    )
    # a derived value: its inputs' evidence, joined in the order the formula reads them (few rows)
    out = out.with_row_index("_i")
    used = (
        out.filter(pl.col("_inputs").is_not_null())
        .select("_i", *KEYS, pl.col("_inputs").alias("field"))
        .explode("field")
        .with_columns(pl.int_range(pl.len()).over("_i").alias("_pos"))
    )
    joined = used.join(ev, on=KEYS + ["field"], how="inner", nulls_equal=True).filter(pl.col("evidence").is_not_null())
    parts = (
        joined.sort("_i", "_pos")
        .group_by("_i", maintain_order=True)
        .agg(pl.col("evidence").str.join("；").alias("_ev"), pl.col("qualifier").drop_nulls().first().alias("_q"))
    )
    out = out.join(parts, on="_i", how="left", maintain_order="left")
    return out.with_columns(
        pl.coalesce("evidence", "_ev").alias("evidence"), pl.coalesce("qualifier", "_q").alias("qualifier")
    ).drop("_i", "_ev", "_q")
