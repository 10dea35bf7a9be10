"""The fill-in workbook (填报模板): written from a rubric, read back like any indicator file.

Layout (one workbook = one unit and one year):

* ``填报说明``: how to fill it in (a text sheet; the reader skips it);
* ``单位信息``: a title row, then the header 单位 | 年度 | 所属市 | 省份 | 层级 | 分组 and one row to
  fill: an ordinary unit-metadata table;
* ``填报数据``: a title row, a note, then the header 指标编号 | 指标名称 | 计量单位 | 类型 | 填报值 |
  佐证材料 | 评分项目 | 填报提示 and one row per field the rubric reads: an ordinary long table
  (field, value, evidence) that has no unit column.

So the general reader reads it with one addition, ``attach_unit``: a workbook whose data table
has no unit column takes its unit and year from the workbook's unit table, which must name
exactly one unit.  Percent cells are formatted as percents (the user types 96.5 and sees
96.50%); the reader turns such cells back into 96.5 (``excel.py``).
"""

from __future__ import annotations

import io
import re

import polars as pl

from ..problems import Problem, problem
from .columns import canonical

GUIDE_SHEET, UNIT_SHEET, DATA_SHEET = "填报说明", "单位信息", "填报数据"
UNIT_HEADERS = ["单位", "年度", "所属市", "省份", "层级", "分组"]
DATA_HEADERS = ["指标编号", "指标名称", "计量单位", "类型", "填报值", "佐证材料", "评分项目", "填报提示"]
VALUE_COL, EVIDENCE_COL = DATA_HEADERS.index("填报值"), DATA_HEADERS.index("佐证材料")
HEADER_ROW = 2  # 0-based: a title row and a note above the header on both sheets
TYPE_ZH = {"count": "整数", "percent": "百分比", "number": "数值", "bool": "是/否", "grade": "等次"}


# --- reading ----------------------------------------------------------------------------------


def _roles(frame: pl.DataFrame) -> dict[str, str]:
    out: dict[str, str] = {}
    for col in frame.columns:
        role = canonical(col)
        if role and role not in out:
            out[role] = col
    return out


def attach_unit(tables: list) -> tuple[list, list[Problem]]:
    """Give the unit and year of a workbook's unit table to its data tables that lack a unit
    column.  Workbooks whose tables all name their unit pass through unchanged."""
    from .table import Table

    roles = [_roles(t.frame) for t in tables]
    data = [i for i, r in enumerate(roles) if {"field", "value"} <= r.keys() and "unit" not in r]
    if not data:
        return tables, []
    found: list[pl.DataFrame] = []
    for t, r in zip(tables, roles):
        if "unit" in r and "field" not in r:
            year = pl.col(r["year"]).cast(pl.String).str.strip_chars() if "year" in r else pl.lit(None, dtype=pl.String)
            found.append(t.frame.select(pl.col(r["unit"]).cast(pl.String).str.strip_chars().alias("unit"), year.alias("year")))
    units = pl.concat(found).filter(pl.col("unit").is_not_null() & (pl.col("unit") != "")).unique(maintain_order=True) if found else None
    first = tables[data[0]]
    if units is None or units.height != 1:
        if units is None:
            reason = f"表中没有“单位”列：请加“单位”列，或在“{UNIT_SHEET}”表（表头含“单位”“年度”）填写单位名称和年度"
        elif units.height == 0:
            reason = f"表中没有“单位”列，“{UNIT_SHEET}”表也未填写单位名称：请在“{UNIT_SHEET}”表填写单位名称和年度"
        else:
            names = "、".join(f"{u} {y or ''}".strip() for u, y in units.head(5).iter_rows())
            reason = f"表中没有“单位”列，而“{UNIT_SHEET}”表填了 {units.height} 个单位或年度（{names}）：一个填报工作簿只填一个单位、一个年度"
        return [], [problem("E-DATA-COLUMNS", first.where(), first.first_row - 1, reason=reason)]
    unit, year = units.row(0)
    out = list(tables)
    for i in data:
        t = tables[i]
        extra = [pl.lit(unit).alias(_free("单位", t.frame))]
        if "year" not in roles[i] and year:
            extra.append(pl.lit(year).alias(_free("年度", t.frame)))
        out[i] = Table(t.path, t.frame.with_columns(extra), t.first_row, t.sheet)
    return out, []


def _free(name: str, frame: pl.DataFrame) -> str:
    while name in frame.columns:
        name += "_"
    return name


# --- writing ----------------------------------------------------------------------------------


def template_fields(rubric) -> list[dict]:
    """The fields to fill, in the order the rubric first reads them (a derived field is
    followed by the fields its formula reads), with the items that score each."""
    from ..rubric.formula import fields_of

    order: list[str] = []
    items: dict[str, list[str]] = {}

    def add(fid: str) -> None:
        if fid in order or fid not in rubric.fields:
            return
        order.append(fid)
        if fid in rubric.field_formulas:
            for g in fields_of(rubric.field_formulas[fid]):
                add(g)

    for it in rubric.leaves():
        read = [it.field] if it.field else list(fields_of(it.formula_ast))
        for fid in read:
            add(fid)
            items.setdefault(fid, []).append(f"{it.id} {it.name}")
    out = []
    for fid in order:
        f = rubric.fields[fid]
        out.append({"id": fid, "name": f.name, "type": f.type, "unit": _unit_text(f), "levels": list(f.levels or []),
                    "items": items.get(fid, []), "formula": f.formula, "field": f})
    return out


def _unit_text(f) -> str:
    if f.type == "percent":
        return "%"
    if f.type == "bool":
        return "是/否"
    if f.type == "grade":
        return "/".join(f.levels or [])
    return f.unit or ""


def _formula_zh(formula: str, rubric) -> str:
    names = {fid: f.name for fid, f in rubric.fields.items()}
    return re.sub(r"[A-Za-z_][A-Za-z0-9_]*", lambda m: names.get(m.group(0), m.group(0)), formula)


def _hint(spec: dict, rubric) -> str:
    from ..rubric.semantics import field_range

    lo, hi = field_range(spec["field"])
    t = spec["type"]
    if t == "percent":
        text = "输入 96.5 即为 96.50%"
    elif t == "count":
        text = "整数，如 12；可写“450余”"
    elif t == "bool":
        text = "下拉选择 是/否"
    elif t == "grade":
        text = "下拉选择：" + "、".join(spec["levels"])
    else:
        text = "数值" + (f"（{spec['unit']}）" if spec["unit"] else "")
        if lo is not None or hi is not None:
            text += f"，范围 {'' if lo is None else f'{lo:g}'}–{'' if hi is None else f'{hi:g}'}"
    if spec["formula"]:
        text += f"；可不填，未填时按公式计算：{_formula_zh(spec['formula'], rubric)}"
    return text


def _items_text(items: list[str]) -> str:
    if len(items) <= 2:
        return "；".join(items)
    return "；".join(items[:2]) + f" 等 {len(items)} 项"


def build_template(rubric, unit: str | None = None, year: int | None = None) -> bytes:
    """The fill-in workbook for ``rubric`` as .xlsx bytes (unit and year pre-filled if given)."""
    import xlsxwriter

    from ..xlsx import workbook_options

    specs = template_fields(rubric)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, workbook_options())
    wb.set_properties({"title": f"{rubric.name} 填报模板", "subject": "法治政府建设指标填报", **_created()})
    F = {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "note": wb.add_format({"italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"}),
        "head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}),
        "fixed": wb.add_format({"bg_color": "#F2F2F2", "border": 1, "valign": "top", "text_wrap": True, "num_format": "@"}),
        "fixed_id": wb.add_format({"bg_color": "#F2F2F2", "border": 1, "valign": "top", "font_color": "#595959", "num_format": "@"}),
        "text": wb.add_format({"border": 1, "valign": "top", "text_wrap": True, "bg_color": "#FFFFF0", "num_format": "@", "locked": False}),
        "percent": wb.add_format({"border": 1, "valign": "top", "bg_color": "#FFFFF0", "num_format": "0.00%", "locked": False}),
        "count": wb.add_format({"border": 1, "valign": "top", "bg_color": "#FFFFF0", "num_format": "0", "locked": False}),
        "number": wb.add_format({"border": 1, "valign": "top", "bg_color": "#FFFFF0", "num_format": "General", "locked": False}),
        "guide": wb.add_format({"text_wrap": True, "valign": "top"}),
        "guide_head": wb.add_format({"bold": True, "font_size": 12}),
    }
    _guide_sheet(wb, F, rubric, specs)
    _unit_sheet(wb, F, unit, year)
    _data_sheet(wb, F, rubric, specs)
    wb.close()
    return buf.getvalue()


def _created() -> dict:
    from ..xlsx import created_time

    return {"created": created_time()}


def _guide_sheet(wb, F, rubric, specs) -> None:
    ws = wb.add_worksheet(GUIDE_SHEET)
    ws.set_column(0, 0, 110)
    version = f"，版本 {rubric.version}" if rubric.version else ""
    lines: list[tuple[str, str]] = [
        ("title", f"{rubric.name} 填报模板"),
        ("guide", f"细则：{rubric.name}（{rubric.id}{version}），满分 {rubric.total:g} 分；本模板共 {len(specs)} 项指标需填报。"),
    ]
    if rubric.note:
        lines.append(("guide", rubric.note.strip()))
    lines += [
        ("guide_head", "填报步骤"),
        ("guide", f"1. 在“{UNIT_SHEET}”表第 4 行填写单位名称和年度（必填）；所属市、省份、层级、分组可选填。一个工作簿只填一个单位、一个年度。"),
        ("guide", f"2. 在“{DATA_SHEET}”表逐行填写“填报值”和“佐证材料”（浅黄色两列）；灰色各列是细则的内容，请勿修改，也不要删除或插入行。"),
        ("guide", "3. 不掌握数据的指标请留空，不要填 0：留空按“缺数据”计（该项不得分，并在差距清单中提示补充佐证）；填 0 表示确实为零。"),
        ("guide", "4. 保存为 .xlsx 文件（WPS 请选择“Excel 文件（*.xlsx）”），文件名建议为“单位名称-年度.xlsx”，交回汇总。"),
        ("guide_head", "各类指标的填法"),
        ("guide", "百分比：直接输入数字，如输入 96.5 即显示为 96.50%；也可输入“96.5%”。"),
        ("guide", "整数（次数、件数等）：如 12；报告中写作“450余”“180多”的，可照写，按下限读取。"),
        ("guide", "是/否：从下拉列表选择“是”或“否”（也可填 有/无、√/×）。等次：从下拉列表选择。"),
        ("guide", "数值：按“计量单位”列填写数字。"),
        ("guide", "由公式计算的指标（“填报提示”列写明公式）：可以不填，评分时按公式由相关指标计算；若填写，则以填报值为准。"),
        ("guide", "佐证材料：写明数据出自哪份材料，最好摘录原文，如“行政机关负责人出庭应诉率达100%（2024年法治政府建设年度报告）”。"),
        ("guide_head", "汇总评分（由收集单位操作）"),
        ("guide", "把各单位交回的工作簿放在同一个文件夹中，运行：lawgov-score score 文件夹；排名：lawgov-score rank 文件夹；"
                  "报告：lawgov-score report 文件夹 -o 报告.html。评分时使用生成本模板的同一份细则（--rubric）。"),
    ]
    for r, (fmt, text) in enumerate(lines):
        ws.write_string(r, 0, text, F[fmt])
    ws.activate()


def _unit_sheet(wb, F, unit: str | None, year: int | None) -> None:
    ws = wb.add_worksheet(UNIT_SHEET)
    ws.write_string(0, 0, "填报单位信息", F["title"])
    ws.write_string(1, 0, "单位名称和年度必填；其余可选填。一个工作簿只填一个单位。", F["note"])
    widths = [24, 10, 16, 14, 12, 12]
    for c, (h, w) in enumerate(zip(UNIT_HEADERS, widths)):
        ws.write_string(HEADER_ROW, c, h, F["head"])
        ws.set_column(c, c, w)
    r = HEADER_ROW + 1
    ws.write_string(r, 0, unit or "", F["text"])
    if year is not None:
        ws.write_number(r, 1, year, F["count"])
    else:
        ws.write_blank(r, 1, None, F["count"])
    for c in range(2, len(UNIT_HEADERS)):
        ws.write_blank(r, c, None, F["text"])
    ws.data_validation(r, 1, r, 1, {"validate": "integer", "criteria": "between", "minimum": 1949, "maximum": 2100,
                                    "input_title": "年度", "input_message": "四位年份，如 2024",
                                    "error_title": "年度", "error_message": "请填四位年份，如 2024"})
    ws.data_validation(r, 0, r, 0, {"validate": "any", "input_title": "单位名称", "input_message": "如：乃东区"})
    ws.freeze_panes(HEADER_ROW + 1, 0)


def _data_sheet(wb, F, rubric, specs) -> None:
    from ..rubric.semantics import field_range

    ws = wb.add_worksheet(DATA_SHEET)
    ws.write_string(0, 0, f"{rubric.name} 指标填报", F["title"])
    ws.write_string(1, 0, f"浅黄色两列（填报值、佐证材料）由填报单位填写；不掌握的数据留空。单位和年度填在“{UNIT_SHEET}”表。", F["note"])
    widths = [30, 34, 9, 8, 14, 50, 44, 40]
    for c, (h, w) in enumerate(zip(DATA_HEADERS, widths)):
        ws.write_string(HEADER_ROW, c, h, F["head"])
        ws.set_column(c, c, w)
    for k, spec in enumerate(specs):
        r = HEADER_ROW + 1 + k
        t = spec["type"]
        ws.write_string(r, 0, spec["id"], F["fixed_id"])
        ws.write_string(r, 1, spec["name"], F["fixed"])
        ws.write_string(r, 2, spec["unit"], F["fixed"])
        ws.write_string(r, 3, TYPE_ZH.get(t, t), F["fixed"])
        ws.write_blank(r, VALUE_COL, None, F[t] if t in ("percent", "count", "number") else F["text"])
        ws.write_blank(r, EVIDENCE_COL, None, F["text"])
        ws.write_string(r, 6, _items_text(spec["items"]), F["fixed"])
        ws.write_string(r, 7, _hint(spec, rubric), F["fixed"])
        lo, hi = field_range(spec["field"])
        ws.data_validation(r, VALUE_COL, r, VALUE_COL, _validation(spec, lo, hi))
    ws.freeze_panes(HEADER_ROW + 1, 2)
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + len(specs), len(DATA_HEADERS) - 1)


def _validation(spec: dict, lo: float | None, hi: float | None) -> dict:
    """Excel data validation for one value cell.  Entries that break it are warned about but
    may be kept (``450余`` in a count cell is read as 450, a lower bound)."""
    t = spec["type"]
    base = {"error_type": "warning", "error_title": "请核对", "input_title": spec["name"][:32]}
    if t == "bool":
        return {**base, "validate": "list", "source": ["是", "否"], "input_message": "选择“是”或“否”；不掌握情况请留空",
                "error_message": "应为“是”或“否”（也可填 有/无、√/×）"}
    if t == "grade" and spec["levels"] and len(",".join(spec["levels"])) < 250:
        return {**base, "validate": "list", "source": spec["levels"], "input_message": "从下拉列表选择等次",
                "error_message": "应为：" + "、".join(spec["levels"])}
    if t == "percent":
        lo, hi = (0.0 if lo is None else lo), (100.0 if hi is None else hi)
        return {**base, "validate": "decimal", "criteria": "between", "minimum": lo / 100, "maximum": hi / 100,
                "input_message": f"输入 96.5 即为 96.50%（{lo:g}%–{hi:g}%）；不掌握请留空",
                "error_message": f"应为 {lo:g}%–{hi:g}% 之间的百分比，如 96.5%"}
    if t == "count":
        v = {"validate": "integer", "criteria": ">=", "value": int(lo or 0)} if hi is None else \
            {"validate": "integer", "criteria": "between", "minimum": int(lo or 0), "maximum": int(hi)}
        return {**base, **v, "input_message": "整数，如 12；可写“450余”（按下限读取）；不掌握请留空",
                "error_message": "应为不小于 0 的整数，如 12"}
    if lo is not None or hi is not None:
        lo_, hi_ = (-1e15 if lo is None else lo), (1e15 if hi is None else hi)
        return {**base, "validate": "decimal", "criteria": "between", "minimum": lo_, "maximum": hi_,
                "input_message": "填写数值；不掌握请留空", "error_message": f"应为 {lo_:g}–{hi_:g} 之间的数"}
    return {"validate": "any", "input_title": spec["name"][:32], "input_message": "填写数值；不掌握请留空"}
