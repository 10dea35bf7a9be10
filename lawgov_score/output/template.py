"""The fill-in workbook (填报模板) as .xlsx bytes: the guide, the unit sheet and one row per
field the rubric reads.  Its layout, and how it is read back, is ``data.template``."""

from __future__ import annotations

import io

from ..data.template import (
    DATA_HEADERS,
    DATA_SHEET,
    EVIDENCE_COL,
    GUIDE_SHEET,
    HEADER_ROW,
    TYPE_ZH,
    UNIT_HEADERS,
    UNIT_SHEET,
    VALUE_COL,
    field_hint,
    items_text,
    template_fields,
)
from .xlsx import created_time, workbook_options


def build_template(rubric, unit: str | None = None, year: int | None = None) -> bytes:
    """The fill-in workbook for ``rubric`` as .xlsx bytes (unit and year pre-filled if given)."""
    import xlsxwriter

    specs = template_fields(rubric)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, workbook_options())
    wb.set_properties({"title": f"{rubric.name} 填报模板", "subject": "法治政府建设指标填报", **_created()})
    F = {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "note": wb.add_format({"italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"}),
        "head": wb.add_format(
            {
                "bold": True,
                "bg_color": "#DDEBF7",
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
            }
        ),
        "fixed": wb.add_format(
            {"bg_color": "#F2F2F2", "border": 1, "valign": "top", "text_wrap": True, "num_format": "@"}
        ),
        "fixed_id": wb.add_format(
            {"bg_color": "#F2F2F2", "border": 1, "valign": "top", "font_color": "#595959", "num_format": "@"}
        ),
        "text": wb.add_format(
            {"border": 1, "valign": "top", "text_wrap": True, "bg_color": "#FFFFF0", "num_format": "@", "locked": False}
        ),
        "percent": wb.add_format(
            {"border": 1, "valign": "top", "bg_color": "#FFFFF0", "num_format": "0.00%", "locked": False}
        ),
        "count": wb.add_format(
            {"border": 1, "valign": "top", "bg_color": "#FFFFF0", "num_format": "0", "locked": False}
        ),
        "number": wb.add_format(
            {"border": 1, "valign": "top", "bg_color": "#FFFFF0", "num_format": "General", "locked": False}
        ),
        "guide": wb.add_format({"text_wrap": True, "valign": "top"}),
        "guide_head": wb.add_format({"bold": True, "font_size": 12}),
    }
    _guide_sheet(wb, F, rubric, specs)
    _unit_sheet(wb, F, unit, year)
    _data_sheet(wb, F, rubric, specs)
    wb.close()
    return buf.getvalue()


def _created() -> dict:
    return {"created": created_time()}


def _guide_sheet(wb, F, rubric, specs) -> None:
    ws = wb.add_worksheet(GUIDE_SHEET)
    ws.set_column(0, 0, 110)
    version = f"，版本 {rubric.version}" if rubric.version else ""
    lines: list[tuple[str, str]] = [
        ("title", f"{rubric.name} 填报模板"),
        (
            "guide",
            f"细则：{rubric.name}（{rubric.id}{version}），满分 {rubric.total:g} 分；本模板共 {len(specs)} 项指标需填报。",
        ),
    ]
    if rubric.note:
        lines.append(("guide", rubric.note.strip()))
    lines += [
        ("guide_head", "填报步骤"),
        (
            "guide",
            f"1. 在“{UNIT_SHEET}”表第 4 行填写单位名称和年度（必填）；所属市、省份、层级、分组可选填。一个工作簿只填一个单位、一个年度。",
        ),
        (
            "guide",
            f"2. 在“{DATA_SHEET}”表逐行填写“填报值”和“佐证材料”（浅黄色两列）；灰色各列是细则的内容，请勿修改，也不要删除或插入行。",
        ),
        (
            "guide",
            "3. 不掌握数据的指标请留空，不要填 0：留空按“缺数据”计（该项不得分，并在差距清单中提示补充佐证）；填 0 表示确实为零。",
        ),
        (
            "guide",
            "4. 保存为 .xlsx 文件（WPS 请选择“Excel 文件（*.xlsx）”），文件名建议为“单位名称-年度.xlsx”，交回汇总。",
        ),
        ("guide_head", "各类指标的填法"),
        ("guide", "百分比：直接输入数字，如输入 96.5 即显示为 96.50%；也可输入“96.5%”。"),
        ("guide", "整数（次数、件数等）：如 12；报告中写作“450余”“180多”的，可照写，按下限读取。"),
        ("guide", "是/否：从下拉列表选择“是”或“否”（也可填 有/无、√/×）。等次：从下拉列表选择。"),
        ("guide", "数值：按“计量单位”列填写数字。"),
        (
            "guide",
            "由公式计算的指标（“填报提示”列写明公式）：可以不填，评分时按公式由相关指标计算；若填写，则以填报值为准。",
        ),
        (
            "guide",
            "佐证材料：写明数据出自哪份材料，最好摘录原文，如“行政机关负责人出庭应诉率达100%（2024年法治政府建设年度报告）”。",
        ),
        ("guide_head", "汇总评分（由收集单位操作）"),
        (
            "guide",
            "把各单位交回的工作簿放在同一个文件夹中，运行：lawgov-score score 文件夹；排名：lawgov-score rank 文件夹；"
            "报告：lawgov-score report 文件夹 -o 报告.html。评分时使用生成本模板的同一份细则（--rubric）。",
        ),
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
    ws.data_validation(
        r,
        1,
        r,
        1,
        {
            "validate": "integer",
            "criteria": "between",
            "minimum": 1949,
            "maximum": 2100,
            "input_title": "年度",
            "input_message": "四位年份，如 2024",
            "error_title": "年度",
            "error_message": "请填四位年份，如 2024",
        },
    )
    ws.data_validation(r, 0, r, 0, {"validate": "any", "input_title": "单位名称", "input_message": "如：乃东区"})
    ws.freeze_panes(HEADER_ROW + 1, 0)


def _data_sheet(wb, F, rubric, specs) -> None:
    from ..rubric.semantics import field_range

    ws = wb.add_worksheet(DATA_SHEET)
    ws.write_string(0, 0, f"{rubric.name} 指标填报", F["title"])
    ws.write_string(
        1,
        0,
        f"浅黄色两列（填报值、佐证材料）由填报单位填写；不掌握的数据留空。单位和年度填在“{UNIT_SHEET}”表。",
        F["note"],
    )
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
        ws.write_string(r, 6, items_text(spec["items"]), F["fixed"])
        ws.write_string(r, 7, field_hint(spec, rubric), F["fixed"])
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
        return {
            **base,
            "validate": "list",
            "source": ["是", "否"],
            "input_message": "选择“是”或“否”；不掌握情况请留空",
            "error_message": "应为“是”或“否”（也可填 有/无、√/×）",
        }
    if t == "grade" and spec["levels"] and len(",".join(spec["levels"])) < 250:
        return {
            **base,
            "validate": "list",
            "source": spec["levels"],
            "input_message": "从下拉列表选择等次",
            "error_message": "应为：" + "、".join(spec["levels"]),
        }
    if t == "percent":
        lo, hi = (0.0 if lo is None else lo), (100.0 if hi is None else hi)
        return {
            **base,
            "validate": "decimal",
            "criteria": "between",
            "minimum": lo / 100,
            "maximum": hi / 100,
            "input_message": f"输入 96.5 即为 96.50%（{lo:g}%–{hi:g}%）；不掌握请留空",
            "error_message": f"应为 {lo:g}%–{hi:g}% 之间的百分比，如 96.5%",
        }
    if t == "count":
        v = (
            {"validate": "integer", "criteria": ">=", "value": int(lo or 0)}
            if hi is None
            else {"validate": "integer", "criteria": "between", "minimum": int(lo or 0), "maximum": int(hi)}
        )
        return {
            **base,
            **v,
            "input_message": "整数，如 12；可写“450余”（按下限读取）；不掌握请留空",
            "error_message": "应为不小于 0 的整数，如 12",
        }
    if lo is not None or hi is not None:
        lo_, hi_ = (-1e15 if lo is None else lo), (1e15 if hi is None else hi)
        return {
            **base,
            "validate": "decimal",
            "criteria": "between",
            "minimum": lo_,
            "maximum": hi_,
            "input_message": "填写数值；不掌握请留空",
            "error_message": f"应为 {lo_:g}–{hi_:g} 之间的数",
        }
    return {"validate": "any", "input_title": spec["name"][:32], "input_message": "填写数值；不掌握请留空"}
