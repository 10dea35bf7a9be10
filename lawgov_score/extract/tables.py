"""Tables in a report's text.

Reports written in Word hold tables; as text a row is its cells joined by tabs (or by |).  A
number in a table stands without its counting word, which the row's label names (受理行政复议
案件（件） 131) or the column's heading does (数量（件）).  Columns headed by another year, or
by a change or a target (同比, 目标), hold no value of the report's year.  ``rewrite_tables``
joins each such number to its counting word in the matching copy of the text, so the ordinary
phrasings read it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .numbers import MEASURES

_CELL_SEP = re.compile(r"\t+| *\| *")
_CELL_UNIT = re.compile(
    r"\((?:单位:)?(?P<u>" + "|".join(re.escape(m) for m in sorted(MEASURES, key=len, reverse=True)) + r")\) *$"
)
_BARE_NUMBER = re.compile(r" *(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?) *")
_YEAR_CELL = re.compile(r"((?:19|20)\d\d)年")
_NOT_THIS_YEAR = ("同比", "环比", "增减", "增幅", "增长", "变化", "较上年", "比上年", "目标", "计划", "任务")


def _cells(line: str, start: int) -> list[tuple[int, int]]:
    """The cells of a table row: (start, end) in the text."""
    spans, pos = [], 0
    for m in _CELL_SEP.finditer(line):
        spans.append((start + pos, start + m.start()))
        pos = m.end()
    spans.append((start + pos, start + len(line)))
    return spans


def _is_row(line: str) -> bool:
    return ("\t" in line or "|" in line) and sum(1 for c in _CELL_SEP.split(line) if c.strip()) >= 2


def rewrite_tables(n: str, year: int | None) -> tuple[str, dict[int, int], list[tuple[int, int]]]:
    """The text with each table number joined to its counting word and the cells of other years,
    changes and targets blanked (the length never changes); the numbers moved; the tables' spans."""
    chars = list(n)
    moved: dict[int, int] = {}
    tables: list[tuple[int, int]] = []
    rows: list[tuple[int, str]] = []
    start = 0
    lines = n.split("\n")
    for k, line in enumerate(lines + [""]):
        if k < len(lines) and _is_row(line):
            rows.append((start, line))
        elif rows:
            tables.append((rows[0][0], rows[-1][0] + len(rows[-1][1])))
            _table(rows, chars, moved, year)
            rows = []
        start += len(line) + 1
    return "".join(chars), moved, tables


def _table(rows: list[tuple[int, str]], chars: list[str], moved: dict[int, int], year: int | None) -> None:
    head_start, head = rows[0]
    head_cells = [head[a - head_start : b - head_start] for a, b in _cells(head, head_start)]
    col_unit: dict[int, str] = {}
    blank: set[int] = set()
    years = {j: int(m.group(1)) for j, c in enumerate(head_cells) if (m := _YEAR_CELL.search(c))}
    for j, cell in enumerate(head_cells):
        if (m := _CELL_UNIT.search(cell)) is not None:
            col_unit[j] = m.group("u")
        if any(w in cell for w in _NOT_THIS_YEAR) or (j in years and year is not None and years[j] != year):
            blank.add(j)
    for row_start, line in rows[1:]:
        cells = _cells(line, row_start)
        for j, (a, b) in enumerate(cells):
            if j in blank:
                chars[a:b] = " " * (b - a)
                continue
            m = _BARE_NUMBER.fullmatch("".join(chars[a:b]))
            if m is None or m.group("num")[0] in "+-":
                continue
            # the row's label: the nearest cell to the left that is not a number (a 序号 column
            # stands first, other years' columns between)
            label = ""
            for la, lb in reversed(cells[:j]):
                text = "".join(chars[la:lb]).strip()
                if text and _BARE_NUMBER.fullmatch(text) is None:
                    label = text
                    break
            lm = _CELL_UNIT.search(label)
            unit = lm.group("u") if lm else col_unit.get(j)
            if unit is None:
                continue
            p, q = a + m.start("num"), a + m.end("num")
            room_after = 0  # blanks after the number up to the next cell's text (never the line end)
            while q + room_after < len(chars) and chars[q + room_after] in " \t|" and room_after < len(unit):
                room_after += 1
            if room_after == len(unit) and q + room_after < row_start + len(line):
                chars[q : q + len(unit)] = unit
                continue
            room_before = 0
            while p - room_before - 1 >= row_start and chars[p - room_before - 1] in " \t|" and room_before < len(unit):
                room_before += 1
            if room_before == len(unit):  # no room after: the number moves left by the unit's length
                digits = chars[p:q]
                chars[p - len(unit) : q] = digits + list(unit)
                moved[p - len(unit)] = p


def blocks(paragraphs: list[tuple[int, int]], tables: list[tuple[int, int]], n: str) -> list[tuple[int, int]]:
    """Paragraphs, with each table and the short caption line just above it as one."""
    ending = {b: a for a, b in paragraphs}  # a paragraph by where it ends
    spans = []
    for ta, tb in tables:
        a = ending.get(ta - 1)
        if a is not None and 0 < len(n[a : ta - 1].strip()) <= 40 and "。" not in n[a : ta - 1]:
            ta = a
        spans.append((ta, tb))
    starts = [s for s, _ in spans]  # tables are in text order and do not overlap
    out = []
    for a, b in paragraphs:
        i = bisect_right(starts, a) - 1
        if i < 0 or a > spans[i][1]:
            out.append((a, b))
    return sorted(out + spans)
