"""The fill-in workbook (填报模板) as .xlsx bytes: the guide, the unit sheet and one row per
field the rubric reads, in one language.  Its layout, and how it is read back, is
``data.template``; the English headers are names the reader knows (unit, year, field, value,
evidence), so a template filled in either language reads the same."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from ..analysis.tables import FillInTemplate
from ..core.messages import say
from ..data.template import (
    DATA_HEADERS,
    EVIDENCE_COL,
    FIELD_COL,
    HEADER_ROW,
    TEMPLATE_RUBRIC_PROPERTY,
    UNIT_HEADERS,
    VALUE_COL,
)
from .columns import Column
from .xlsx import created_time, workbook_options

UNIT_COLUMNS = [
    Column(key, zh, en)
    for key, zh, en in zip(
        ("unit", "year", "city", "province", "level", "group"),
        UNIT_HEADERS,
        ("unit", "year", "city", "province", "level", "group"),
    )
]
DATA_COLUMNS = [
    Column(key, zh, en)
    for key, zh, en in zip(
        ("name", "value", "measure", "evidence", "hint", "type", "items", "field"),
        DATA_HEADERS,
        ("name", "value", "measure", "evidence", "hint", "type", "items scored", "field"),
    )
]


@dataclass
class TemplatePage:
    """A fill-in template (``api.fill_in_template``) to be written in ``lang``."""

    fill: FillInTemplate
    lang: str = "zh"

    def say(self, key: str, **params) -> str:
        """A sentence of the template (``scoring.template.<key>``) in its language."""
        return say(f"scoring.template.{key}", self.lang, **params)


FORMATS = {
    "title": {"bold": True, "font_size": 14},
    "note": {"italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"},
    "head": {
        "bold": True,
        "bg_color": "#DDEBF7",
        "border": 1,
        "align": "center",
        "valign": "vcenter",
        "text_wrap": True,
    },
    "fixed": {"bg_color": "#F2F2F2", "border": 1, "valign": "top", "text_wrap": True, "num_format": "@"},
    "fixed_id": {"bg_color": "#F2F2F2", "border": 1, "valign": "top", "font_color": "#595959", "num_format": "@"},
    "text": {
        "border": 1,
        "valign": "top",
        "text_wrap": True,
        "bg_color": "#FFFFF0",
        "num_format": "@",
        "locked": False,
    },
    "percent": {"border": 1, "valign": "top", "bg_color": "#FFFFF0", "num_format": "0.00%", "locked": False},
    "count": {"border": 1, "valign": "top", "bg_color": "#FFFFF0", "num_format": "@", "locked": False},
    "number": {"border": 1, "valign": "top", "bg_color": "#FFFFF0", "num_format": "General", "locked": False},
    "year": {"border": 1, "valign": "top", "bg_color": "#FFFFF0", "num_format": "General", "locked": False},
    "guide": {"text_wrap": True, "valign": "top"},
    "guide_head": {"bold": True, "font_size": 12, "text_wrap": True, "valign": "bottom"},
}


def build_template(page: TemplatePage) -> bytes:
    """The fill-in workbook as .xlsx bytes (the unit and year pre-filled where given)."""
    import xlsxwriter

    rubric = page.fill.rubric
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, workbook_options())
    wb.set_properties(
        {"title": page.say("title", name=rubric.name), "subject": page.say("subject"), "created": created_time()}
    )
    # Which rubric the template was made with, so that scoring it with another can be said (W-DATA-TEMPLATE-RUBRIC).
    wb.set_custom_property(TEMPLATE_RUBRIC_PROPERTY, rubric.id)
    F = {name: wb.add_format(props) for name, props in FORMATS.items()}
    _guide_sheet(wb, F, page)
    _unit_sheet(wb, F, page)
    _data_sheet(wb, F, page)
    wb.close()
    return buf.getvalue()


def _guide_lines(page: TemplatePage) -> list[tuple[str, str]]:
    """The guide: (format, text) per line."""
    rubric, s = page.fill.rubric, page.say
    version = say("scoring.report.version", page.lang, version=rubric.version) if rubric.version else ""
    about = s(
        "about", name=rubric.name, id=rubric.id, version=version, total=f"{rubric.total:g}", n=len(page.fill.fields)
    )
    lines = [("title", s("title", name=rubric.name)), ("guide", about)]
    if rubric.note:
        lines.append(("guide", rubric.note.strip()))
    lines.append(("guide_head", s("steps")))
    lines.append(("guide", s("step_unit", sheet=s("sheet_unit"))))
    lines.append(("guide", s("step_data", sheet=s("sheet_data"))))
    lines += [("guide", s(k)) for k in ("step_blank", "step_save")]
    lines.append(("guide_head", s("kinds")))
    kinds = ("kind_percent", "kind_count", "kind_bool", "kind_number", "kind_formula", "kind_evidence")
    lines += [("guide", s(k)) for k in kinds]
    lines += [("guide_head", s("collect")), ("guide", s("collect_run"))]
    return lines


def _guide_sheet(wb, F, page: TemplatePage) -> None:
    ws = wb.add_worksheet(page.say("sheet_guide"))
    ws.set_column(0, 0, GUIDE_WIDTH)
    for r, (fmt, text) in enumerate(_guide_lines(page)):
        ws.write_string(r, 0, text, F[fmt])
        ws.set_row(r, _row_height(text, GUIDE_WIDTH))
    _print_setup(ws, page, landscape=False)
    ws.print_area(0, 0, r, 0)
    ws.activate()


GUIDE_WIDTH = 84  # characters: an A4 portrait page at 100 %, each line wrapped within it


def _row_height(text: str, width: int) -> float:
    """A row tall enough for ``text`` wrapped at ``width`` (Chinese characters count double):
    LibreOffice does not grow rows by itself for text written by a program."""
    from .xlsx import display_width

    lines = sum(max(1, -(-display_width(line) // width)) for line in text.splitlines() or [""])
    return 15.0 * lines + 3


def _print_setup(ws, page: TemplatePage, landscape: bool = True, header_row: int | None = None) -> None:
    """Printed on A4, one page wide, the header row on every page, the title and page numbers."""
    from .xlsx import print_setup

    print_setup(ws, page.say("title", name=page.fill.rubric.name), page.lang, header_row, landscape)


def _unit_sheet(wb, F, page: TemplatePage) -> None:
    s, unit, year = page.say, page.fill.unit, page.fill.year
    ws = wb.add_worksheet(s("sheet_unit"))
    ws.write_string(0, 0, s("unit_title"), F["title"])
    ws.write_string(1, 0, s("unit_note"), F["note"])
    widths = [24, 10, 16, 14, 12, 12]
    for c, (col, w) in enumerate(zip(UNIT_COLUMNS, widths)):
        ws.write_string(HEADER_ROW, c, col.header(page.lang), F["head"])
        ws.set_column(c, c, w)
    r = HEADER_ROW + 1
    ws.write_string(r, 0, unit or "", F["text"])
    if year is not None:
        ws.write_number(r, 1, year, F["year"])
    else:
        ws.write_blank(r, 1, None, F["year"])
    for c in range(2, len(UNIT_COLUMNS)):
        ws.write_blank(r, c, None, F["text"])
    # text with a hint, no stop rule: "2024年" is what many type, and it reads as 2024
    year_check = {"validate": "any", "input_title": s("year_title"), "input_message": s("year_input")}
    ws.data_validation(r, 1, r, 1, year_check)
    ws.data_validation(
        r, 0, r, 0, {"validate": "any", "input_title": s("unit_input_title"), "input_message": s("unit_input")}
    )
    ws.freeze_panes(HEADER_ROW + 1, 0)
    _print_setup(ws, page, header_row=HEADER_ROW)
    ws.print_area(0, 0, r, len(UNIT_COLUMNS) - 1)


def _data_sheet(wb, F, page: TemplatePage) -> None:
    from ..rubric.model import field_range

    s, rubric, specs = page.say, page.fill.rubric, page.fill.fields
    ws = wb.add_worksheet(s("sheet_data"))
    ws.write_string(0, 0, s("data_title", name=rubric.name), F["title"])
    ws.write_string(1, 0, s("data_note", sheet=s("sheet_unit")), F["note"])
    widths = [30, 14, 9, 40, 38, 8, 40, 28]
    for c, (col, w) in enumerate(zip(DATA_COLUMNS, widths)):
        ws.write_string(HEADER_ROW, c, col.header(page.lang), F["head"])
        ws.set_column(c, c, w)
    for k, spec in enumerate(specs):
        r = HEADER_ROW + 1 + k
        t = spec["type"]
        ws.write_string(r, 0, spec["name"], F["fixed"])
        ws.write_blank(r, VALUE_COL, None, F[t] if t in ("percent", "count", "number") else F["text"])
        ws.write_string(r, 2, _measure(spec, page.lang), F["fixed"])
        ws.write_blank(r, EVIDENCE_COL, None, F["text"])
        ws.write_string(r, 4, _hint(spec, page), F["fixed"])
        ws.write_string(r, 5, s(f"type_{t}") if t in TYPES else t, F["fixed"])
        ws.write_string(r, 6, _items_text(spec["items"], page), F["fixed"])
        ws.write_string(r, FIELD_COL, spec["id"], F["fixed_id"])
        lo, hi = field_range(spec["field"])
        ws.data_validation(r, VALUE_COL, r, VALUE_COL, _validation(spec, lo, hi, page))
    last = HEADER_ROW + len(specs)
    ws.freeze_panes(HEADER_ROW + 1, 2)
    ws.autofilter(HEADER_ROW, 0, last, len(DATA_COLUMNS) - 1)
    _print_setup(ws, page, header_row=HEADER_ROW)
    ws.print_area(0, 0, last, PRINTED_COLUMNS - 1)


PRINTED_COLUMNS = 5  # name, value, measure, evidence, hint: what a county checks on paper


TYPES = ("count", "percent", "number", "bool", "grade")


def _measure(spec: dict, lang: str) -> str:
    """The unit a value is given in: %, yes/no, the grade levels, or the field's own unit."""
    if spec["type"] == "bool":
        return say("common.yes", lang) + "/" + say("common.no", lang)
    return spec["unit"]


def _items_text(items: list[str], page: TemplatePage) -> str:
    """The items that score a field: two named, and how many in all when there are more."""
    then = say("scoring.then", page.lang)
    if len(items) <= 2:
        return then.join(items)
    return page.say("items_more", items=then.join(items[:2]), n=len(items))


def _formula_names(formula: str, rubric) -> str:
    """A field's formula with the names of the fields it reads in place of their ids."""
    names = {fid: f.name for fid, f in rubric.fields.items()}
    return re.sub(r"[A-Za-z_][A-Za-z0-9_]*", lambda m: names.get(m.group(0), m.group(0)), formula)


def _hint(spec: dict, page: TemplatePage) -> str:
    """How to write one field's value (and that a formula computes it where it has one)."""
    from ..rubric.model import field_range

    s, t = page.say, spec["type"]
    if t == "grade":
        text = s("hint_grade", levels=say("scoring.list", page.lang).join(spec["levels"]))
    elif t in ("percent", "count", "bool"):
        text = s(f"hint_{t}")
    else:
        text = s("hint_number") + (say("scoring.paren", page.lang, text=spec["unit"]) if spec["unit"] else "")
        lo, hi = field_range(spec["field"])
        if lo is not None or hi is not None:
            text += s("hint_range", lo="" if lo is None else f"{lo:g}", hi="" if hi is None else f"{hi:g}")
    if spec["formula"]:
        text += s("hint_formula", formula=_formula_names(spec["formula"], page.fill.rubric))
    return text


def _validation(spec: dict, lo: float | None, hi: float | None, page: TemplatePage) -> dict:
    """Excel data validation for one value cell: an input message, and a drop-down list for
    yes/no and grades.  No entry is refused or flagged as it is typed (``450余``, ``1.2万``,
    ``√`` and ``有`` are read by the tool); every value is checked when the file is read."""
    s, t = page.say, spec["type"]
    base = {"input_title": spec["name"][:32], "show_error": False}
    if t == "bool":
        yes_no = [say("common.yes", page.lang), say("common.no", page.lang)]
        return {**base, "validate": "list", "source": yes_no, "input_message": s("bool_input")}
    if t == "grade" and spec["levels"] and len(",".join(spec["levels"])) < 250:
        return {**base, "validate": "list", "source": spec["levels"], "input_message": s("grade_input")}
    if t == "percent":
        lo, hi = (0.0 if lo is None else lo), (100.0 if hi is None else hi)
        return {**base, "validate": "any", "input_message": s("percent_input", lo=f"{lo:g}", hi=f"{hi:g}")}
    if t == "count":
        return {**base, "validate": "any", "input_message": s("count_input")}
    if lo is not None or hi is not None:
        lo_, hi_ = ("" if lo is None else f"{lo:g}"), ("" if hi is None else f"{hi:g}")
        return {**base, "validate": "any", "input_message": s("number_range_input", lo=lo_, hi=hi_)}
    return {**base, "validate": "any", "input_message": s("number_input")}
