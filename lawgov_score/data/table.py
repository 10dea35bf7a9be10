"""A block of cells as a file holds it, before any interpretation."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass
class Table:
    """A block of cells as a file holds it, before any interpretation."""

    path: str
    frame: pl.DataFrame  # header applied; every column text, or typed for Parquet
    first_row: int  # the file row (1-based) of frame row 0
    sheet: str | None = None

    def where(self) -> str:
        """The file (and sheet) as messages name it: ``book.xlsx[填报数据]``."""
        return f"{self.path}[{self.sheet}]" if self.sheet else self.path
