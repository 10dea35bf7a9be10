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
                    if (
                        getattr(c, "data_type", None) == "n"
                        and c.value is not None
                        and not isinstance(c.value, bool)
                        and is_percent_format(getattr(c, "number_format", None))
                    ):
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


_TAG_ATTRS = re.compile(r'([\w:]+)="([^"]*)"')
_CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def _tags(xml: str, tag: str) -> list[dict[str, str]]:
    import html

    return [
        {k: html.unescape(v) for k, v in _TAG_ATTRS.findall(m.group(1))}
        for m in re.finditer(rf"<{tag}\b([^>]*)/?>", xml)
    ]


def _cell(ref: str) -> tuple[int, int] | None:
    m = _CELL_REF.match(ref.strip().upper())
    if not m:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def cell_name(row: int, col: int) -> str:
    """(row, column), 0-based → the name Excel shows: (1, 3) → ``D2``."""
    letters, n = "", col + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return f"{letters}{row + 1}"


def merged_ranges(path: Path) -> dict[str, list[tuple[int, int, int, int]]]:
    """sheet name → its merged cells as (first row, first column, last row, last column), 0-based.

    Offices merge a unit's name over all of its rows; the cells under the first one are empty
    in the file.  Read from the workbook's XML directly; anything unusual means no merges."""
    return sheet_marks(path)[0]


def sheet_marks(path: Path) -> tuple[dict[str, list[tuple[int, int, int, int]]], dict[str, list[tuple[int, int]]]]:
    """(sheet name → its merged ranges, as ``merged_ranges`` gives them; sheet name → the cells,
    (row, column) 0-based, holding a formula whose result was never saved), from one pass over
    the workbook's XML.  A workbook written by a program rather than by Excel or WPS can hold
    formulas nobody calculated: their cells read as empty, so they are found here to be said."""
    merges: dict[str, list[tuple[int, int, int, int]]] = {}
    uncached: dict[str, list[tuple[int, int]]] = {}
    try:
        for name, xml in _sheet_xmls(path):
            ranges = _merges_of(xml)
            if ranges:
                merges[name] = ranges
            cells = _uncached_of(xml)
            if cells:
                uncached[name] = cells
    except Exception:
        return {}, {}
    return merges, uncached


def _sheet_xmls(path: Path):
    """(sheet name, the sheet's XML) for each sheet of the workbook, in its order."""
    import posixpath
    import zipfile

    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        book = z.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
        targets = {r.get("Id"): r.get("Target", "") for r in _tags(rels, "Relationship")}
        for sheet in _tags(book, "sheet"):
            target = targets.get(sheet.get("r:id", ""))
            if not target:
                continue
            member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if member in names:
                yield sheet.get("name", ""), z.read(member)


def _merges_of(xml: bytes) -> list[tuple[int, int, int, int]]:
    at = xml.find(b"<mergeCells")
    if at < 0:
        return []
    ranges = []
    for m in _tags(xml[at:].decode("utf-8", "replace"), "mergeCell"):
        a, _, b = m.get("ref", "").partition(":")
        first, last = _cell(a), _cell(b or a)
        if first and last:
            ranges.append(
                (min(first[0], last[0]), min(first[1], last[1]), max(first[0], last[0]), max(first[1], last[1]))
            )
    return ranges


_FORMULA_CELL = re.compile(rb"<c\b([^>]*)>((?:(?!</c>).)*?<f[\s>/](?:(?!</c>).)*)</c>", re.S)
_CACHED = re.compile(rb"<v>[^<]|<is>")
_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')


def _uncached_of(xml: bytes) -> list[tuple[int, int]]:
    if b"<f" not in xml:
        return []
    out = []
    for m in _FORMULA_CELL.finditer(xml):
        if _CACHED.search(m.group(2)):
            continue
        ref = _REF.search(m.group(1))
        cell = _cell(ref.group(1).decode()) if ref else None
        if cell:
            out.append(cell)
    return out


class OverlappingMerges(ValueError):
    """Merged ranges that overlap: Excel never writes them, and filling them would take hours."""


def _covered(ranges, columns: list[int], height: int) -> int:
    """How many cells of the grid the ranges cover, counting a cell once per range over it."""
    from bisect import bisect_left, bisect_right

    cols = sorted(columns)
    return sum(
        max(0, min(r1, height - 1) - r0 + 1) * (bisect_right(cols, c1) - bisect_left(cols, c0))
        for r0, c0, r1, c1 in ranges
    )


def fill_merged(grid, columns: list[int], ranges: list[tuple[int, int, int, int]]):
    """The text grid of one sheet with each merged range's value in every cell of the range
    (row i = sheet row i; ``columns`` the sheet column of each grid column)."""
    import polars as pl

    where = {c: j for j, c in enumerate(columns)}
    if _covered(ranges, columns, grid.height) > grid.height * grid.width:  # more than the sheet has: overlaps
        raise OverlappingMerges(len(ranges))
    values: dict[int, list] = {}
    for r0, c0, r1, c1 in ranges:
        j0 = where.get(c0)
        if j0 is None or r0 >= grid.height:
            continue
        top = values.setdefault(j0, grid.get_column(grid.columns[j0]).to_list())[r0]
        if top is None:
            continue
        for c in range(c0, c1 + 1):
            j = where.get(c)
            if j is None:
                continue
            cells = values.setdefault(j, grid.get_column(grid.columns[j]).to_list())
            for r in range(r0, min(r1, grid.height - 1) + 1):
                if cells[r] is None or cells[r] == "":
                    cells[r] = top
    if not values:
        return grid
    return grid.with_columns([pl.Series(grid.columns[j], v, dtype=pl.String) for j, v in values.items()])
