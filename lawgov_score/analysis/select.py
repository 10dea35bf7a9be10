"""Which unit and year a command is about: an exact or unique partial name, the latest year by default."""

from __future__ import annotations

import polars as pl

from ..core.problems import ProblemError
from ..engine.score import ScoreResult

LISTED = 12  # units named in a message before it says "…"


def _listed(names: list[str]) -> str:
    return "、".join(names[:LISTED]) + (" …" if len(names) > LISTED else "")


def select_unit_year(result: ScoreResult, unit: str, year: int | None) -> tuple[str, int | None]:
    """Resolve the unit (exact, or the one name containing ``unit``) and the year (latest by
    default).  A unit not in the data, a part that matches several units, or a year the unit
    lacks is a ProblemError (E-USAGE-UNIT, E-USAGE-UNIT-MANY, E-USAGE-YEAR)."""
    frame = result.frame
    units = sorted(frame["unit"].unique().drop_nulls().to_list())
    if unit not in units:
        partial = [u for u in units if unit in u]
        if not partial:
            raise ProblemError.one("E-USAGE-UNIT", unit=unit, units=_listed(units))
        if len(partial) > 1:
            raise ProblemError.one("E-USAGE-UNIT-MANY", unit=unit, n=len(partial), matches="、".join(partial))
        unit = partial[0]
    years = sorted(y for y in frame.filter(pl.col("unit") == unit)["year"].to_list() if y is not None)
    if year is None:
        return unit, (years[-1] if years else None)
    if year not in years:
        raise ProblemError.one("E-USAGE-YEAR", unit=unit, year=year, years="、".join(map(str, years)))
    return unit, year
