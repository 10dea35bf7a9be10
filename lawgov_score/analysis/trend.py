"""How each unit moved between two years: total, rank and grade, items improving and worsening,
and new gaps (an item that earned full points, or had no deduction, in the first year and
loses points in the second).

The years default to the last year in the data and the year before it that has data.  Ranks
are within each year (and group ``by``), so a rank change also reflects how the others moved.
Only scored items count (negative-list items included; bonus and veto items are reported in
the totals).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ..engine.rank import rank
from ..engine.score import ScoreResult
from .select import select_unit_year


@dataclass
class Trend:
    year_from: int
    year_to: int
    units: pl.DataFrame  # one row per unit present in both years
    items: pl.DataFrame | None  # for one unit: the items that changed or became gaps
    unit: str | None = None
    only_from: list[str] | None = None  # units with data in the first year only
    only_to: list[str] | None = None

    def summary(self) -> dict:
        u = self.units
        return {
            "from": self.year_from,
            "to": self.year_to,
            "units": u.height,
            "up": int((u["change"] > 0).sum()),
            "down": int((u["change"] < 0).sum()),
            "only_from": self.only_from or [],
            "only_to": self.only_to or [],
        }


def years_of(result: ScoreResult) -> list[int]:
    return sorted(y for y in result.frame["year"].unique().to_list() if y is not None)


def trend(
    result: ScoreResult,
    year_from: int | None = None,
    year_to: int | None = None,
    by: str | None = None,
    unit: str | None = None,
) -> Trend:
    years = years_of(result)
    if len(years) < 2:
        raise LookupError(f"趋势需要至少两个年度的数据；数据中只有：{'、'.join(map(str, years)) or '（无年度）'}")
    year_to = years[-1] if year_to is None else year_to
    if year_to not in years:
        raise LookupError(f"数据中没有 {year_to} 年；有：{'、'.join(map(str, years))}")
    if year_from is None:
        earlier = [y for y in years if y < year_to]
        if not earlier:
            raise LookupError(f"{year_to} 年之前没有数据")
        year_from = earlier[-1]
    if year_from not in years:
        raise LookupError(f"数据中没有 {year_from} 年；有：{'、'.join(map(str, years))}")
    if year_from == year_to:
        raise LookupError("起止年度相同")
    d = result.rubric.decimals
    ranks = rank(result, by=by)
    cols = ["unit", "total", "rank", "grade"]
    a = ranks.filter(pl.col("year") == year_from).select(cols + (["group"] if by else []))
    b = ranks.filter(pl.col("year") == year_to).select(cols)
    both = a.join(b, on="unit", how="inner", suffix="_to").rename(
        {"total": "total_from", "rank": "rank_from", "grade": "grade_from"}
    )
    recs = result.items().filter(
        pl.col("year").is_in([year_from, year_to]) & pl.col("role").is_in(["score", "negative"])
    )
    recs = recs.with_columns((pl.col("status") == "met").alias("met")).select(
        "unit", "year", "id", "name", "level", "score", "max", "status", "met", "value"
    )
    ia = recs.filter(pl.col("year") == year_from).drop("year")
    ib = recs.filter(pl.col("year") == year_to).drop("year", "name", "level", "max")
    pair = ia.join(ib, on=["unit", "id"], how="inner", suffix="_to").with_columns(
        (pl.col("score_to") - pl.col("score")).round(d).alias("change"),
        (pl.col("met") & ~pl.col("met_to")).alias("new_gap"),
    )
    per_unit = pair.group_by("unit").agg(
        (pl.col("change") > 0).sum().alias("improved"),
        (pl.col("change") < 0).sum().alias("worsened"),
        pl.col("new_gap").sum().alias("new_gaps"),
    )
    units = (
        both.join(per_unit, on="unit", how="left")
        .with_columns(
            (pl.col("total_to") - pl.col("total_from")).round(d).alias("change"),
            (pl.col("rank_from") - pl.col("rank_to")).alias("rank_change"),
        )
        .sort(["change", "unit"], descending=[True, False])
    )
    first = ["unit"] + (["group"] if by else [])
    units = units.select(
        *first,
        "total_from",
        "total_to",
        "change",
        "rank_from",
        "rank_to",
        "rank_change",
        "grade_from",
        "grade_to",
        "improved",
        "worsened",
        "new_gaps",
    )
    ua, ub = set(a["unit"].to_list()), set(b["unit"].to_list())
    if not ua & ub:
        raise LookupError(f"{year_from} 年与 {year_to} 年没有共同的单位：趋势要比较同一单位的两个年度")
    items = None
    if unit is not None:
        unit, _ = select_unit_year(result, unit, year_to)
        if unit not in ua:
            raise LookupError(f"单位“{unit}”没有 {year_from} 年的数据")
        items = (
            pair.filter((pl.col("unit") == unit) & ((pl.col("change") != 0) | pl.col("new_gap")))
            .select(
                "id",
                "name",
                "level",
                "max",
                pl.col("score").alias("score_from"),
                "score_to",
                "change",
                pl.col("value").alias("value_from"),
                "value_to",
                pl.col("status").alias("status_from"),
                "status_to",
                "new_gap",
            )
            .sort(["change", "id"])
        )
    return Trend(
        year_from=year_from,
        year_to=year_to,
        units=units,
        items=items,
        unit=unit,
        only_from=sorted(ua - ub),
        only_to=sorted(ub - ua),
    )
