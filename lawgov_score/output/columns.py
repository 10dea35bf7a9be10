"""Columns: what a table shows of a frame, and how one cell reads in each format.

A ``Column`` names a frame column (its key), its Chinese and English header and its kind; the
kind decides how a number is written (a score to the rubric's decimals, a percent with %, …).
JSON keeps the key and the typed value.  Text that a spreadsheet would run as a formula is
recognised here so that CSV and xlsx can keep it inert.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import polars as pl

from ..core.messages import say


@dataclass(frozen=True)
class Column:
    """One column a table shows: the frame's column ``key``, its header in Chinese and English,
    and its kind (how a value is written)."""

    key: str
    zh: str
    en: str
    kind: str = "text"  # text | score | number | int | percent | bool
    json_label: str | None = None  # JSON takes this column's text instead, where it is set (是/否, 优)

    def header(self, lang: str) -> str:
        """The header in ``lang``."""
        return self.en if lang == "en" else self.zh


def cell_text(value, kind: str, decimals: int, lang: str = "zh") -> str:
    """One cell as a table shows it: numbers by the column's kind, nothing for a missing value,
    a true flag (vetoed) as yes in ``lang`` and a false one as nothing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if kind == "bool":
        return say("common.yes", lang) if value else ""
    if kind == "score":
        return f"{value:.{decimals}f}"
    if kind == "percent":
        return f"{value:.2f}%"
    if kind == "int":
        return f"{value:g}" if isinstance(value, float) else str(value)
    if kind == "number":
        return f"{round(value, 4):g}" if isinstance(value, float) else str(value)
    return str(value)


def json_value(value):
    """A cell for JSON: floats rounded to 6 places, NaN and infinities as null."""
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return round(value, 6) + 0.0  # + 0.0 turns -0.0 into 0.0
    return value


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# a plain number (-12.5, +3, 1e-3, 96.5%): a spreadsheet opening a CSV reads it as that number
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?%?")


def looks_like_formula(text: str) -> bool:
    """A text cell a spreadsheet would run as a formula when the file is opened."""
    return bool(text) and text.startswith(FORMULA_START)


def neutralise(text: str) -> str:
    """A CSV cell starting like a formula is prefixed with ' so Excel/WPS show it as text; a plain
    number (-12.5) is read as that number, never run, and is left as written."""
    return "'" + text if looks_like_formula(text) and not _PLAIN_NUMBER.fullmatch(text) else text


def records(frame: pl.DataFrame, columns: list[Column]) -> list[dict]:
    """JSON-ready records keyed by the columns' stable keys."""
    cols = [c for c in columns if c.key in frame.columns]
    out = []
    for r in frame.iter_rows(named=True):
        rec = {}
        for c in cols:
            label = r.get(c.json_label) if c.json_label else None
            rec[c.key] = label if label is not None else json_value(r[c.key])
        out.append(rec)
    return out
