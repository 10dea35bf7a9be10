"""Which unit and year a command is about: an exact or unique partial name, the latest year by default."""

from __future__ import annotations

import polars as pl

from ..core.messages import say
from ..core.problems import ProblemError
from ..engine.score import ScoreResult

LISTED = 12  # units named in a message before it says "…"


class NotFound(ProblemError, LookupError):
    """A unit, year or group the data does not have, or a reference it cannot give: a
    ``ProblemError`` with its code (exit 2 on the command line) that is also a ``LookupError``."""


def listed(names, limit: int | None = None, empty: str = "") -> dict[str, str]:
    """Names for a problem's list parameters, in both languages: ``{"zh": "甲、乙", "en": "甲, 乙"}``
    (at most ``limit`` of them, then " …"; ``empty`` is a message key for no names at all)."""
    names = [str(n) for n in names]
    shown = names[:limit] if limit is not None else names
    more = " …" if len(shown) < len(names) else ""
    out = {}
    for lang in ("zh", "en"):
        text = say("values.sep", lang).join(shown) + more
        out[lang] = text or (say(empty, lang) if empty else "")
    return out


def _listed(names: list[str]) -> dict[str, str]:
    return listed(names, LISTED)


def year_key(year: int | None) -> pl.Expr:
    """Rows of ``year`` (None: the rows without a year)."""
    return pl.col("year") == year if year is not None else pl.col("year").is_null()


def unit_year_key(unit: str, year: int | None) -> pl.Expr:
    """Rows of one unit and year."""
    return (pl.col("unit") == unit) & year_key(year)


def select_unit_year(result: ScoreResult, unit: str, year: int | None) -> tuple[str, int | None]:
    """Resolve the unit (exact, or the one name containing ``unit``) and the year (latest by
    default).  A unit not in the data, a part that matches several units, or a year the unit
    lacks is a ProblemError (E-USAGE-UNIT, E-USAGE-UNIT-MANY, E-USAGE-YEAR; ``NotFound``)."""
    frame = result.frame
    units = sorted(frame["unit"].unique().drop_nulls().to_list())
    if unit not in units:
        partial = [u for u in units if unit in u]
        if not partial:
            names = _listed(units)
            raise NotFound.one("E-USAGE-UNIT", unit=unit, units=names["zh"], units_en=names["en"])
        if len(partial) > 1:
            names = listed(partial)
            raise NotFound.one(
                "E-USAGE-UNIT-MANY", unit=unit, n=len(partial), matches=names["zh"], matches_en=names["en"]
            )
        unit = partial[0]
    years = sorted(y for y in frame.filter(pl.col("unit") == unit)["year"].to_list() if y is not None)
    if year is None:
        return unit, (years[-1] if years else None)
    if year not in years:
        names = listed(years)
        raise NotFound.one("E-USAGE-YEAR", unit=unit, year=year, years=names["zh"], years_en=names["en"])
    return unit, year
