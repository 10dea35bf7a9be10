"""Formatted Excel workbooks: the ``xlsx`` output format (called through ``render``).

A workbook is a list of ``Sheet``s, each a polars frame with the ``render.Column``s to show.
Every sheet gets a frozen header, an autofilter, column widths that fit Chinese text, number
formats by column kind (scores to the rubric's decimals, percents as Excel percents, years as
whole numbers) and conditional formatting on percents, grades, status words and vetoes.  Values
in a field's own terms (数值/目标) are written as numbers where they are numbers, so the sheet
can be sorted and summed.  Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
``@``) is written as text with Excel's quote prefix: shown as typed, never evaluated.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import os
import re
from dataclasses import dataclass, field, replace

import polars as pl

from ..core.messages import say
from .columns import Column, looks_like_formula
from .text import unique_name

MAX_WIDTH, WRAP_WIDTH = 60, 48
LONG_TEXT = {"evidence", "note", "rule_text", "quote", "reason"}
STATUS_FILL = {
    "达标": "#C6EFCE",
    "met": "#C6EFCE",
    "失分": "#FFEB9C",
    "short": "#FFEB9C",
    "缺数据": "#E7E6E6",
    "missing": "#E7E6E6",
    "否决": "#FFC7CE",
    "vetoed": "#FFC7CE",
}
GRADE_FILLS = ["#C6EFCE", "#E2EFDA", "#FFEB9C", "#FCE4D6", "#FFC7CE"]


@dataclass
class Sheet:
    name: str
    frame: pl.DataFrame
    columns: list[Column]
    decimals: int = 2
    title: list[str] = field(default_factory=list)  # lines above the header
    freeze_cols: int = 0  # leading columns kept in view when scrolling right
    grades: list[str] = field(default_factory=list)  # grade names, best first
    typed: dict[str, tuple[str, str]] = field(default_factory=dict)  # shown column → (number column, format column)
    highlight: tuple[str, list[str]] | None = None  # (column key, values): rows shown in bold
    lang: str = "zh"  # the language of the column headers


def workbook_options() -> dict:
    return {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "nan_inf_to_errors": True,
    }


FIXED_CREATED = _dt.datetime(2000, 1, 1)  # a workbook's stored creation time, unless SOURCE_DATE_EPOCH says otherwise


def created_time() -> _dt.datetime:
    """The creation time stored in the workbook: SOURCE_DATE_EPOCH where set, else a fixed
    date, so that the same inputs give the same bytes run after run (the file's own
    modification time, which Explorer shows, is still the real one)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).replace(tzinfo=None)
    return FIXED_CREATED


def display_width(text: str) -> int:
    from wcwidth import wcswidth

    w = wcswidth(text)
    return w if w >= 0 else len(text) * 2


def _number_format(kind: str, decimals: int) -> str:
    if kind == "score":
        return "0" if decimals <= 0 else "0." + "0" * decimals
    if kind == "percent":
        return "0.00%"
    if kind == "int":
        return "0"
    return "General"


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and (math.isnan(v) or math.isinf(v)))


class _Formats:
    def __init__(self, wb):
        self.wb = wb
        self.cache: dict[tuple, object] = {}

    def get(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self.cache:
            self.cache[key] = self.wb.add_format(props)
        return self.cache[key]


MAX_ROWS = 1_048_576  # rows of one Excel sheet: a longer table continues on further sheets
LARGE_ROWS = 200_000  # above this many rows a workbook streams its rows (constant memory)
ROW_GROUP = 50_000  # rows turned into Python values at a time


def write_workbook(sheets: list[Sheet], *, title: str = "", active: int = 0) -> bytes:
    """The sheets as xlsx bytes.  A sheet longer than Excel's 1,048,576 rows continues on
    further sheets (得分, 得分 (2) …, each with the header and a line saying which rows it
    holds), so no row is dropped; a large workbook streams its rows, so memory grows with a
    group of rows, not with the workbook."""
    import xlsxwriter

    parts = [part for sheet in sheets for part in _split(sheet)]
    options = workbook_options()
    if sum(s.frame.height for s in parts) > LARGE_ROWS:
        options.update(in_memory=False, constant_memory=True)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, options)
    wb.set_properties({"title": title, "created": created_time()})
    fmts = _Formats(wb)
    names: set[str] = set()
    for i, sheet in enumerate(parts):
        ws = wb.add_worksheet(_sheet_name(sheet.name, names))
        _write_sheet(ws, sheet, fmts)
        if i == active:
            ws.activate()
    wb.close()
    return buf.getvalue()


def _split(sheet: Sheet) -> list[Sheet]:
    """``sheet``, or its rows cut into sheets that each fit Excel's row limit."""
    room = MAX_ROWS - len(sheet.title) - 2  # the title lines, the line naming the rows, the header
    height = sheet.frame.height
    if height <= MAX_ROWS - len(sheet.title) - 1:
        return [sheet]
    n = -(-height // room)
    out = []
    for k, first in enumerate(range(0, height, room), start=1):
        last = min(first + room, height)
        line = say("output.sheet_part", sheet.lang, k=k, n=n, first=first + 1, last=last, total=height)
        name = sheet.name if k == 1 else f"{sheet.name[:24]} ({k})"
        out.append(replace(sheet, name=name, frame=sheet.frame.slice(first, last - first), title=[*sheet.title, line]))
    return out


def _sheet_name(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\) and no other sheet has."""
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "Sheet"
    return unique_name(base, taken, lambda n: f"{base[:26]} ({n})")


def _write_sheet(ws, sheet: Sheet, fmts: _Formats) -> None:
    cols = [c for c in sheet.columns if c.key in sheet.frame.columns]
    frame = sheet.frame
    for r, line in enumerate(sheet.title):
        ws.write_string(r, 0, line, fmts.get(bold=True, font_size=13) if r == 0 else fmts.get(font_color="#404040"))
    head = len(sheet.title)
    first, last = head + 1, head + frame.height  # data rows (0-based)
    widths = [display_width(c.header(sheet.lang)) + 2 for c in cols]
    head_fmt = fmts.get(bold=True, bg_color="#DDEBF7", border=1, align="center", valign="vcenter", text_wrap=True)
    for j, c in enumerate(cols):
        ws.write_string(head, j, c.header(sheet.lang), head_fmt)
    # row by row (a streamed sheet takes its rows in order), a group of rows at a time
    for offset in range(0, frame.height, ROW_GROUP):
        group = frame.slice(offset, ROW_GROUP)
        writers = [_column_writer(ws, group, c, j, sheet, fmts) for j, c in enumerate(cols)]
        for i in range(group.height):
            r = first + offset + i
            for j, cell in enumerate(writers):
                widths[j] = max(widths[j], cell(r, i))
    for j, c in enumerate(cols):
        cap = WRAP_WIDTH if c.key in LONG_TEXT else MAX_WIDTH
        ws.set_column(j, j, min(max(widths[j], 6), cap))
    ws.freeze_panes(head + 1, sheet.freeze_cols)
    if cols:
        ws.autofilter(head, 0, max(last, head), len(cols) - 1)
    if frame.height:
        _conditional(ws, sheet, cols, first, last, fmts)


def _column_writer(ws, frame: pl.DataFrame, c: Column, j: int, sheet: Sheet, fmts: _Formats):
    """A function writing this column's cell of one row (sheet row, row of ``frame``) and
    returning its width in display columns."""
    long_text = c.key in LONG_TEXT
    text_fmt = fmts.get(text_wrap=True, valign="top") if long_text else None
    quoted = fmts.get(quote_prefix=True, text_wrap=long_text, valign="top")
    values = frame[c.key].to_list()
    if c.key in sheet.typed:
        num_col, fmt_col = sheet.typed[c.key]
        nums, nfmts = frame[num_col].to_list(), frame[fmt_col].to_list()

        def typed(r: int, i: int) -> int:
            shown, num = values[i], nums[i]
            if not _blank(num):
                ws.write_number(r, j, round(float(num), 8) + 0.0, fmts.get(num_format=nfmts[i] or "General"))
                return len(shown or "") + 1
            return _write_text(ws, r, j, str(shown), None, quoted) if shown is not None else 0

        return typed
    kind = c.kind
    nf = fmts.get(num_format=_number_format(kind, sheet.decimals))
    yes = say("common.yes", sheet.lang)

    def cell(r: int, i: int) -> int:
        v = values[i]
        if _blank(v):
            return 0
        if kind == "bool":
            if v:
                ws.write_string(r, j, yes)
                return display_width(yes)
            return 0
        if kind in ("score", "number", "int", "percent") and isinstance(v, (int, float)) and not isinstance(v, bool):
            ws.write_number(r, j, _stored(v, kind, sheet.decimals), nf)
            return len(f"{v:.{sheet.decimals}f}") + 1 if kind != "int" else len(str(v))
        return _write_text(ws, r, j, str(v), text_fmt, quoted)

    return cell


def _stored(v, kind: str, decimals: int) -> float:
    """The number as shown, without float noise (826.0600000000001 is stored as 826.06)."""
    if kind == "score":
        return round(v, max(decimals, 0)) + 0.0
    if kind == "percent":
        return round(round(v, 4) / 100, 8) + 0.0
    return round(v, 6) + 0.0 if isinstance(v, float) else v


def _write_text(ws, r: int, j: int, text: str, fmt, quoted) -> int:
    if looks_like_formula(text):
        ws.write_string(r, j, text, quoted)
    elif fmt is not None:
        ws.write_string(r, j, text, fmt)
    else:
        ws.write_string(r, j, text)
    return max(display_width(line) for line in text.splitlines() or [""])


def _conditional(ws, sheet: Sheet, cols: list[Column], first: int, last: int, fmts: _Formats) -> None:
    for j, c in enumerate(cols):
        if c.kind == "percent":
            ws.conditional_format(
                first,
                j,
                last,
                j,
                {"type": "3_color_scale", "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"},
            )
        elif c.key == "grade" and sheet.grades:
            for k, g in enumerate(sheet.grades):
                fill = GRADE_FILLS[
                    min(round(k * (len(GRADE_FILLS) - 1) / max(len(sheet.grades) - 1, 1)), len(GRADE_FILLS) - 1)
                ]
                ws.conditional_format(
                    first,
                    j,
                    last,
                    j,
                    {"type": "cell", "criteria": "==", "value": _quote(g), "format": fmts.get(bg_color=fill)},
                )
        elif c.key == "status_shown":
            for word, fill in STATUS_FILL.items():
                ws.conditional_format(
                    first,
                    j,
                    last,
                    j,
                    {"type": "cell", "criteria": "==", "value": _quote(word), "format": fmts.get(bg_color=fill)},
                )
        elif c.kind == "bool":
            ws.conditional_format(
                first,
                j,
                last,
                j,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": _quote(say("common.yes", sheet.lang)),
                    "format": fmts.get(bg_color="#FFC7CE", font_color="#9C0006"),
                },
            )
        elif c.key == "lost":
            ws.conditional_format(first, j, last, j, {"type": "data_bar", "bar_color": "#F4B183", "bar_solid": True})
    if sheet.highlight:
        key, values = sheet.highlight
        keys = [c.key for c in cols]
        if key in keys and values:
            letter = _col_letter(keys.index(key))
            cond = ",".join(f"${letter}{first + 1}={_quote(v)}" for v in values)
            ws.conditional_format(
                first,
                0,
                last,
                len(cols) - 1,
                {"type": "formula", "criteria": f"=OR({cond})", "format": fmts.get(bold=True, bg_color="#DDEBF7")},
            )


def _quote(text: str) -> str:
    return '"' + str(text).replace('"', '""') + '"'


def _col_letter(j: int) -> str:
    s = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        s = chr(65 + rem) + s
    return s
