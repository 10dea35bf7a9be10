"""What a rubric change does to the units: totals, ranks and grades before and after.

Both rubrics score the same indicators; the two rank tables are joined on unit and year.  A
positive ``rank_change`` is a unit moving up (rank 5 → 3 is +2).  Everything is a join and
column expressions: no loop over units.
"""

from __future__ import annotations

import polars as pl

from ..engine.rank import rank
from ..engine.score import ScoreResult

KEYS = ["unit", "year"]


def rank_impact(
    old: ScoreResult, new: ScoreResult, *, by: str | None = None, ties: str = "competition"
) -> pl.DataFrame:
    """One row per unit and year: group, total/rank/grade/vetoed before and after, delta,
    rank_change, grade_changed; sorted by year, new rank, unit."""
    cols = ["total", "rank", "grade", "vetoed"]
    a = rank(old, by=by, ties=ties).select(*KEYS, "group", *[pl.col(c).alias(f"{c}_old") for c in cols])
    b = rank(new, by=by, ties=ties).select(
        *KEYS, pl.col("group").alias("group_new"), *[pl.col(c).alias(f"{c}_new") for c in cols]
    )
    decimals = max(old.rubric.decimals, new.rubric.decimals)
    out = a.join(b, on=KEYS, how="full", coalesce=True, nulls_equal=True)
    out = out.with_columns(
        pl.coalesce("group", "group_new").alias("group"),
        (pl.col("total_new") - pl.col("total_old")).round(decimals).alias("delta"),
        (pl.col("rank_old").cast(pl.Int64) - pl.col("rank_new").cast(pl.Int64)).alias("rank_change"),
        pl.col("grade_old").ne_missing(pl.col("grade_new")).alias("grade_changed"),
    ).drop("group_new")
    return out.sort(["year", "group", "rank_new", "unit"], nulls_last=True).select(
        *KEYS,
        "group",
        "total_old",
        "total_new",
        "delta",
        "rank_old",
        "rank_new",
        "rank_change",
        "grade_old",
        "grade_new",
        "grade_changed",
        "vetoed_old",
        "vetoed_new",
    )


def movers(impact: pl.DataFrame, top: int | None = 10) -> pl.DataFrame:
    """Units whose rank or total moved, the largest rank moves first (then the largest change of total)."""
    moved = impact.filter((pl.col("rank_change").fill_null(0) != 0) | (pl.col("delta").fill_null(0) != 0))
    moved = moved.sort(
        [pl.col("rank_change").abs(), pl.col("delta").abs(), "unit", "year"],
        descending=[True, True, False, False],
        nulls_last=True,
    )
    return moved if top is None else moved.head(top)


def gates(impact: pl.DataFrame, *, rank_change: int | None = None, grade_change: bool = False) -> list[dict]:
    """The rows that trip a gate: |rank change| ≥ ``rank_change``, or a changed grade."""
    cond = pl.lit(False)
    if rank_change is not None:
        cond = cond | (pl.col("rank_change").abs() >= rank_change).fill_null(False)
    if grade_change:
        cond = cond | pl.col("grade_changed")
    return impact.filter(cond).to_dicts()
