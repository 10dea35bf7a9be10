"""What indicator files say, once read: ``Indicators`` and the schemas of its frames."""

from __future__ import annotations

import polars as pl

from ..core.groups import META_COLUMNS

VALUE_SCHEMA = {
    "unit": pl.String,
    "year": pl.Int32,
    "field": pl.String,
    "value": pl.Float64,
    "qualifier": pl.String,
    "evidence": pl.String,
    "source": pl.String,
    "file": pl.String,
    "row": pl.Int64,
}
UNIT_SCHEMA = {"unit": pl.String, **{m: pl.String for m in META_COLUMNS}}


class Indicators:
    """What the indicator files say: ``values`` (unit, year, field, value, qualifier, evidence,
    source, file, row: one row per unit, year and field that has a value) and ``units`` (unit
    metadata).  ``keys`` are every (unit, year) the files name, even with no value at all.

    The reader also leaves ``wide``: one row per unit and year (sorted by year, then unit) and
    one Float64 column per field of the rubric it read with, which scoring uses as it is.  The
    long ``values`` frame is then built only when something asks for it (evidence, gaps,
    reports); ranking never does.  Assigning ``values`` drops ``wide``."""

    def __init__(
        self,
        values: pl.DataFrame | None = None,
        units: pl.DataFrame | None = None,
        files: list[str] | None = None,
        keys: pl.DataFrame | None = None,
        *,
        build=None,
        wide: pl.DataFrame | None = None,
    ):
        if values is None and build is None:
            raise TypeError("Indicators needs values (or a way to build them)")
        self._values = values
        self._build = build
        self.units = units if units is not None else pl.DataFrame(schema=UNIT_SCHEMA)
        self.files = list(files or [])
        self.keys = keys
        self.wide = wide

    @property
    def values(self) -> pl.DataFrame:
        """The long values (built on first use when the reader left only ``wide``)."""
        if self._values is None:
            self._values = self._build()
            self._build = None
        return self._values

    @values.setter
    def values(self, frame: pl.DataFrame) -> None:
        """Values given by hand (the reader's wide frame no longer applies)."""
        self._values, self._build, self.wide = frame, None, None

    @property
    def unit_years(self) -> pl.DataFrame:
        """Every (unit, year) the files name, sorted."""
        keys = self.keys if self.keys is not None else self.values.select("unit", "year")
        return keys.unique().sort("unit", "year", nulls_last=True)

    def __repr__(self) -> str:
        n = "?" if self._values is None else self._values.height
        return f"Indicators(values={n} rows, units={self.units.height}, files={self.files})"
