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
from .select import NotFound, listed, select_unit_year


@dataclass
class Trend:
    """How each unit moved between two years, and (for one unit) the items that moved."""

    year_from: int
    year_to: int
    units: pl.DataFrame  # one row per unit present in both years
    items: pl.DataFrame | None  # for one unit: the items that changed or became gaps
    unit: str | None = None
    only_from: list[str] | None = None  # units with data in the first year only
    only_to: list[str] | None = None

    def summary(self) -> dict:
        """The years, how many units went up and down, and the units of one year only."""
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
    """The years of the data, oldest first."""
    return sorted(y for y in result.frame["year"].unique().to_list() if y is not None)


def trend(
    result: ScoreResult,
    year_from: int | None = None,
    year_to: int | None = None,
    by: str | None = None,
    unit: str | None = None,
) -> Trend:
    """Each unit's total, rank (within the year and group ``by``) and grade in two years, with
    the items that improved, worsened or became gaps; ``unit`` also lists that unit's items.
    Years the data lacks are a ``NotFound`` (E-TREND-…)."""
    year_from, year_to = _years(result, year_from, year_to)
    d = result.rubric.decimals
    ranks = rank(result, by=by)
    cols = ["unit", "total", "rank", "grade"]
    a = ranks.filter(pl.col("year") == year_from).select(cols + (["group"] if by else []))
    b = ranks.filter(pl.col("year") == year_to).select(cols)
    pair = _item_pairs(result, year_from, year_to)
    units = _units(a, b, pair, d, by)
    ua, ub = set(a["unit"].to_list()), set(b["unit"].to_list())
    if not ua & ub:
        raise NotFound.one("E-TREND-COMMON", year_from=year_from, year_to=year_to)
    items = None
    if unit is not None:
        unit, _ = select_unit_year(result, unit, year_to)
        if unit not in ua:
            raise NotFound.one("E-TREND-UNIT", unit=unit, year=year_from)
        items = _unit_items(pair, unit)
    return Trend(
        year_from=year_from,
        year_to=year_to,
        units=units,
        items=items,
        unit=unit,
        only_from=sorted(ua - ub),
        only_to=sorted(ub - ua),
    )


def _years(result: ScoreResult, year_from: int | None, year_to: int | None) -> tuple[int, int]:
    """The two years: the last one and the one before it that has data, unless given."""
    years = years_of(result)
    names = listed(years, empty="trend.no_year")
    if len(years) < 2:
        raise NotFound.one("E-TREND-YEARS", years=names["zh"], years_en=names["en"])
    year_to = years[-1] if year_to is None else year_to
    if year_to not in years:
        raise NotFound.one("E-TREND-YEAR", year=year_to, years=names["zh"], years_en=names["en"])
    if year_from is None:
        earlier = [y for y in years if y < year_to]
        if not earlier:
            raise NotFound.one("E-TREND-BEFORE", year=year_to)
        year_from = earlier[-1]
    if year_from not in years:
        raise NotFound.one("E-TREND-YEAR", year=year_from, years=names["zh"], years_en=names["en"])
    if year_from == year_to:
        raise NotFound.one("E-TREND-SAME")
    return year_from, year_to


def _item_pairs(result: ScoreResult, year_from: int, year_to: int) -> pl.DataFrame:
    """Per unit and scored item (negative-list items included): both years' score, value and
    status, the change and whether it is a new gap (met in the first year, not in the second)."""
    recs = result.items().filter(
        pl.col("year").is_in([year_from, year_to]) & pl.col("role").is_in(["score", "negative"])
    )
    recs = recs.with_columns((pl.col("status") == "met").alias("met")).select(
        "unit", "year", "id", "name", "level", "score", "max", "status", "met", "value"
    )
    ia = recs.filter(pl.col("year") == year_from).drop("year")
    ib = recs.filter(pl.col("year") == year_to).drop("year", "name", "level", "max")
    return ia.join(ib, on=["unit", "id"], how="inner", suffix="_to").with_columns(
        (pl.col("score_to") - pl.col("score")).round(result.rubric.decimals).alias("change"),
        (pl.col("met") & ~pl.col("met_to")).alias("new_gap"),
    )


def _units(a: pl.DataFrame, b: pl.DataFrame, pair: pl.DataFrame, decimals: int, by: str | None) -> pl.DataFrame:
    """One row per unit of both years: totals, ranks, grades, and its items' movements."""
    both = a.join(b, on="unit", how="inner", suffix="_to").rename(
        {"total": "total_from", "rank": "rank_from", "grade": "grade_from"}
    )
    per_unit = pair.group_by("unit").agg(
        (pl.col("change") > 0).sum().alias("improved"),
        (pl.col("change") < 0).sum().alias("worsened"),
        pl.col("new_gap").sum().alias("new_gaps"),
    )
    units = (
        both.join(per_unit, on="unit", how="left")
        .with_columns(
            (pl.col("total_to") - pl.col("total_from")).round(decimals).alias("change"),
            (pl.col("rank_from") - pl.col("rank_to")).alias("rank_change"),
        )
        .sort(["change", "unit"], descending=[True, False])
    )
    first = ["unit"] + (["group"] if by else [])
    return units.select(
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


def _unit_items(pair: pl.DataFrame, unit: str) -> pl.DataFrame:
    """The items of one unit whose score changed or that became gaps, the largest fall first."""
    return (
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
