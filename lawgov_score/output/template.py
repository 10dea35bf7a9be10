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
from ..data.template import DATA_HEADERS, EVIDENCE_COL, HEADER_ROW, UNIT_HEADERS, VALUE_COL
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
        ("field", "name", "measure", "type", "value", "evidence", "items", "hint"),
        DATA_HEADERS,
        ("field", "name", "measure", "type", "value", "evidence", "items scored", "hint"),
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
    "count": {"border": 1, "valign": "top", "bg_color": "#FFFFF0", "num_format": "0", "locked": False},
    "number": {"border": 1, "valign": "top", "bg_color": "#FFFFF0", "num_format": "General", "locked": False},
    "guide": {"text_wrap": True, "valign": "top"},
    "guide_head": {"bold": True, "font_size": 12},
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
    ws.set_column(0, 0, 110)
    for r, (fmt, text) in enumerate(_guide_lines(page)):
        ws.write_string(r, 0, text, F[fmt])
    ws.activate()


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
        ws.write_number(r, 1, year, F["count"])
    else:
        ws.write_blank(r, 1, None, F["count"])
    for c in range(2, len(UNIT_COLUMNS)):
        ws.write_blank(r, c, None, F["text"])
    year_check = {
        "validate": "integer",
        "criteria": "between",
        "minimum": 1949,
        "maximum": 2100,
        "input_title": s("year_title"),
        "input_message": s("year_input"),
        "error_title": s("year_title"),
        "error_message": s("year_error"),
    }
    ws.data_validation(r, 1, r, 1, year_check)
    ws.data_validation(
        r, 0, r, 0, {"validate": "any", "input_title": s("unit_input_title"), "input_message": s("unit_input")}
    )
    ws.freeze_panes(HEADER_ROW + 1, 0)


def _data_sheet(wb, F, page: TemplatePage) -> None:
    from ..rubric.model import field_range

    s, rubric, specs = page.say, page.fill.rubric, page.fill.fields
    ws = wb.add_worksheet(s("sheet_data"))
    ws.write_string(0, 0, s("data_title", name=rubric.name), F["title"])
    ws.write_string(1, 0, s("data_note", sheet=s("sheet_unit")), F["note"])
    widths = [30, 34, 9, 8, 14, 50, 44, 40]
    for c, (col, w) in enumerate(zip(DATA_COLUMNS, widths)):
        ws.write_string(HEADER_ROW, c, col.header(page.lang), F["head"])
        ws.set_column(c, c, w)
    for k, spec in enumerate(specs):
        r = HEADER_ROW + 1 + k
        t = spec["type"]
        ws.write_string(r, 0, spec["id"], F["fixed_id"])
        ws.write_string(r, 1, spec["name"], F["fixed"])
        ws.write_string(r, 2, _measure(spec, page.lang), F["fixed"])
        ws.write_string(r, 3, s(f"type_{t}") if t in TYPES else t, F["fixed"])
        ws.write_blank(r, VALUE_COL, None, F[t] if t in ("percent", "count", "number") else F["text"])
        ws.write_blank(r, EVIDENCE_COL, None, F["text"])
        ws.write_string(r, 6, _items_text(spec["items"], page), F["fixed"])
        ws.write_string(r, 7, _hint(spec, page), F["fixed"])
        lo, hi = field_range(spec["field"])
        ws.data_validation(r, VALUE_COL, r, VALUE_COL, _validation(spec, lo, hi, page))
    ws.freeze_panes(HEADER_ROW + 1, 2)
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + len(specs), len(DATA_COLUMNS) - 1)


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
    """Excel data validation for one value cell.  Entries that break it are warned about but
    may be kept (``450余`` in a count cell is read as 450, a lower bound)."""
    s, t = page.say, spec["type"]
    base = {"error_type": "warning", "error_title": s("check"), "input_title": spec["name"][:32]}
    if t == "bool":
        yes_no = [say("common.yes", page.lang), say("common.no", page.lang)]
        return {**base, "validate": "list", "source": yes_no, **_messages(s, "bool")}
    if t == "grade" and spec["levels"] and len(",".join(spec["levels"])) < 250:
        levels = say("scoring.list", page.lang).join(spec["levels"])
        return {**base, "validate": "list", "source": spec["levels"], **_messages(s, "grade", levels=levels)}
    if t == "percent":
        lo, hi = (0.0 if lo is None else lo), (100.0 if hi is None else hi)
        check = {"validate": "decimal", "criteria": "between", "minimum": lo / 100, "maximum": hi / 100}
        return {**base, **check, **_messages(s, "percent", lo=f"{lo:g}", hi=f"{hi:g}")}
    if t == "count":
        if hi is None:
            check = {"validate": "integer", "criteria": ">=", "value": int(lo or 0)}
        else:
            check = {"validate": "integer", "criteria": "between", "minimum": int(lo or 0), "maximum": int(hi)}
        return {**base, **check, **_messages(s, "count")}
    if lo is not None or hi is not None:
        lo_, hi_ = (-1e15 if lo is None else lo), (1e15 if hi is None else hi)
        check = {"validate": "decimal", "criteria": "between", "minimum": lo_, "maximum": hi_}
        return {**base, **check, **_messages(s, "number", lo=f"{lo_:g}", hi=f"{hi_:g}")}
    return {"validate": "any", "input_title": spec["name"][:32], "input_message": s("number_input")}


def _messages(s, kind: str, **params) -> dict:
    """The input and error messages of a value cell's check."""
    return {"input_message": s(f"{kind}_input", **params), "error_message": s(f"{kind}_error", **params)}
