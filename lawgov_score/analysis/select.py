"""Which unit and year a command is about: an exact or unique partial name, the latest year by default."""

from __future__ import annotations

import polars as pl

from ..engine.score import ScoreResult


def select_unit_year(result: ScoreResult, unit: str, year: int | None) -> tuple[str, int | None]:
    """Resolve the unit (exact, or a unique partial match) and the year (latest by default)."""
    frame = result.frame
    units = frame["unit"].unique().to_list()
    if unit not in units:
        partial = [u for u in units if unit in u]
        if len(partial) != 1:
            raise LookupError(
                f"数据中没有单位“{unit}”；有：{'、'.join(sorted(units)[:12])}{' …' if len(units) > 12 else ''}"
            )
        unit = partial[0]
    years = sorted(y for y in frame.filter(pl.col("unit") == unit)["year"].to_list() if y is not None)
    if year is None:
        return unit, (years[-1] if years else None)
    if year not in years:
        raise LookupError(f"单位“{unit}”没有 {year} 年的数据；有：{'、'.join(map(str, years))}")
    return unit, year
