"""Which unit and year a command is about: an exact or unique partial name, the latest year by default."""

from __future__ import annotations

import difflib
import re
import unicodedata

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


# The ending of a county-level name (乃东区, 杭锦旗, 乐平市): the part before it is the place's own
# name, by which a unit written with the wrong ending (乃东县) is still found.
ADMIN_ENDING = re.compile(r"(自治县|自治旗|县级市|林区|特区|县|区|市|旗)$")


def _clean(text: str) -> str:
    """A name as typed, without width variants and spaces (ＡＢ 县 → AB县)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _near_units(unit: str, units: list[str], meta: pl.DataFrame | None) -> list[str]:
    """Units a name that matches none may mean: the same name with another ending (乃东县 →
    乃东区), the units of a city, province or group of that name, or names spelled alike."""
    query = _clean(unit)
    stem = ADMIN_ENDING.sub("", query) or query
    found = [u for u in units if stem in _clean(u)]
    if not found and meta is not None and meta.height:
        groups = [c for c in ("city", "province", "group") if c in meta.columns]
        hit = pl.any_horizontal([pl.col(c).fill_null("").str.contains(stem, literal=True) for c in groups])
        found = sorted(meta.filter(hit)["unit"].to_list()) if groups else []
    if not found:
        found = difflib.get_close_matches(query, units, n=5, cutoff=0.5)
    return [u for u in units if u in found]


def _unknown_unit(unit: str, units: list[str], meta: pl.DataFrame | None) -> NotFound:
    """E-USAGE-UNIT-LIKE with the units the name may mean, else E-USAGE-UNIT with the units there are."""
    near = _near_units(unit, units, meta)
    if near:
        names = listed(near, LISTED)
        return NotFound.one("E-USAGE-UNIT-LIKE", unit=unit, matches=names["zh"], matches_en=names["en"])
    names = _listed(units)
    return NotFound.one("E-USAGE-UNIT", unit=unit, units=names["zh"], units_en=names["en"])


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
        partial = [u for u in units if unit in u] or [u for u in units if _clean(unit) in _clean(u)]
        if not partial:
            raise _unknown_unit(unit, units, getattr(result.indicators, "units", None))
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
