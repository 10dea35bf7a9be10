"""Where one unit loses points, and how far it is from the next grade.

Points lost are split by cause: ``missing`` (no value, so no evidence: the self-assessment must
supply it) and ``short`` (a value that falls short of the target).  For each item the target
is the value that earns full points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from ..engine.score import ScoreResult


@dataclass
class Gaps:
    unit: str
    year: int | None
    total: float
    max: float
    percent: float
    grade: str | None
    vetoed: bool
    next_grade: str | None
    points_to_next: float | None  # None when already at the top grade (or no grades)
    items: pl.DataFrame  # item records that lose points, largest loss first, with `lost`

    def summary(self) -> dict:
        return {
            "unit": self.unit, "year": self.year, "total": self.total, "max": self.max, "percent": self.percent,
            "grade": self.grade, "vetoed": self.vetoed, "next_grade": self.next_grade, "points_to_next": self.points_to_next,
            "lost": round(float(self.items["lost"].sum()), 6) if self.items.height else 0.0,
            "lost_missing": round(float(self.items.filter(pl.col("status") == "missing")["lost"].sum()), 6) if self.items.height else 0.0,
        }


def select_unit_year(result: ScoreResult, unit: str, year: int | None) -> tuple[str, int | None]:
    """Resolve the unit (exact, or a unique partial match) and the year (latest by default)."""
    frame = result.frame
    units = frame["unit"].unique().to_list()
    if unit not in units:
        partial = [u for u in units if unit in u]
        if len(partial) != 1:
            raise LookupError(f"数据中没有单位“{unit}”；有：{'、'.join(sorted(units)[:12])}{' …' if len(units) > 12 else ''}")
        unit = partial[0]
    years = sorted(y for y in frame.filter(pl.col("unit") == unit)["year"].to_list() if y is not None)
    if year is None:
        return unit, (years[-1] if years else None)
    if year not in years:
        raise LookupError(f"单位“{unit}”没有 {year} 年的数据；有：{'、'.join(map(str, years))}")
    return unit, year


def gaps(result: ScoreResult, unit: str, year: int | None = None) -> Gaps:
    unit, year = select_unit_year(result, unit, year)
    rubric = result.rubric
    key = (pl.col("unit") == unit) & (pl.col("year") == year if year is not None else pl.col("year").is_null())
    row = result.totals().filter(key).row(0, named=True)
    items = lost_items(result.items().filter(key), rubric.decimals)
    next_grade, needed = _next_grade(rubric, row["total"], row["grade"])
    return Gaps(unit=unit, year=year, total=row["total"], max=rubric.total, percent=row["percent"], grade=row["grade"],
                vetoed=bool(row["vetoed"]), next_grade=next_grade, points_to_next=needed, items=items)


def _next_grade(rubric, total: float, grade: str | None) -> tuple[str | None, float | None]:
    if not rubric.grades:
        return None, None
    names = [g.name for g in rubric.grades]
    idx = names.index(grade) if grade in names else len(names)
    if idx == 0:
        return None, None
    target = rubric.grades[idx - 1]
    k = 10 ** rubric.decimals
    needed = math.ceil((target.min_percent / 100 * rubric.total - total) * k - 1e-9) / k
    return target.name, max(needed, 0.0)


def lost_items(items: pl.DataFrame, decimals: int) -> pl.DataFrame:
    """The item records that lose points, with ``lost``: per unit and year, largest loss first
    (items of equal loss in rubric order).  Works on any number of units at once."""
    out = items.filter(pl.col("role").is_in(["score", "negative"])).with_columns(
        pl.when(pl.col("role") == "negative").then(-pl.col("score")).otherwise(pl.col("max") - pl.col("score")).round(decimals).alias("lost"),
        pl.int_range(pl.len()).over("unit", "year").alias("_order"),
    ).filter(pl.col("lost") > 0)
    return out.sort(["year", "unit", "lost", "_order"], descending=[False, False, True, False], nulls_last=True).drop("_order")
