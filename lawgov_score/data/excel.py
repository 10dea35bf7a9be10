"""What an Excel cell means beyond its stored value.

A cell that shows ``96.50%`` stores ``0.965`` with a percent number format; read as plain
cells it would be 0.965, i.e. 0.965 %.  ``percent_cells`` finds the numeric cells whose number
format is a percent, and ``as_percent_text`` turns their stored text into what the cell shows
(``0.965`` → ``96.5%``), exactly, by moving the decimal point.  Values then read as for any
other file: a percent field takes 96.5, any other field reports a percent where a number was due.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def is_percent_format(fmt: str | None) -> bool:
    """``0.00%`` and ``0%`` are; ``0.00"%"`` (a literal sign in quotes) is not."""
    return bool(fmt) and "%" in _QUOTED.sub("", fmt)


def percent_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """sheet name → {(row, column)} (0-based) of numeric cells formatted as a percent.

    Any failure here (an unusual workbook) means no cell is treated as a percent: the values
    are then read as stored, as before."""
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        return {}
    out: dict[str, set[tuple[int, int]]] = {}
    try:
        for ws in wb.worksheets:
            cells: set[tuple[int, int]] = set()
            for row in ws.iter_rows():
                for c in row:
                    if getattr(c, "data_type", None) == "n" and c.value is not None and not isinstance(c.value, bool) \
                            and is_percent_format(getattr(c, "number_format", None)):
                        cells.add((c.row - 1, c.column - 1))
            if cells:
                out[ws.title] = cells
    except Exception:
        return {}
    finally:
        wb.close()
    return out


def as_percent_text(stored: str | None) -> str | None:
    """``0.965`` → ``96.5%``; text that is not a number stays as it is."""
    if stored is None:
        return None
    try:
        d = Decimal(stored.strip()).scaleb(2).normalize()
    except (InvalidOperation, ValueError):
        return stored
    if not d.is_finite():
        return stored
    return f"{d:f}%"


def apply_percents(grid, columns: list[int], cells: set[tuple[int, int]]):
    """The text grid of one sheet (row i = sheet row i; ``columns`` the sheet column of each grid
    column) with its percent cells shown as percents."""
    import polars as pl

    by_col: dict[int, list[int]] = {}
    for r, c in cells:
        by_col.setdefault(c, []).append(r)
    updates = []
    for j, name in enumerate(grid.columns):
        rows = by_col.get(columns[j]) if j < len(columns) else None
        if not rows:
            continue
        values = grid[name].to_list()
        for r in rows:
            if r < len(values):
                values[r] = as_percent_text(values[r])
        updates.append(pl.Series(name, values, dtype=pl.String))
    return grid.with_columns(updates) if updates else grid
