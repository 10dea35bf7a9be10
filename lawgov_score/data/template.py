"""The fill-in workbook (填报模板): written from a rubric, read back like any indicator file.

Layout (one workbook = one unit and one year):

* ``填报说明``: how to fill it in (a text sheet; the reader skips it);
* ``单位信息``: a title row, then the header 单位 | 年度 | 所属市 | 省份 | 层级 | 分组 and one row to
  fill: an ordinary unit-metadata table;
* ``填报数据``: a title row, a note, then the header 指标名称 | 填报值 | 计量单位 | 佐证材料 | 填报提示 |
  类型 | 评分项目 | 指标编号 and one row per field the rubric reads: an ordinary long table
  (field, value, evidence) that has no unit column.

So the general reader reads it with one addition, ``attach_unit``: a workbook whose data table
has no unit column takes its unit and year from the workbook's unit table, which must name
exactly one unit.  Percent cells are formatted as percents: Excel and WPS store a typed 96.5 as
0.965, LibreOffice (and a pasted value) as 96.5; the reader reads both as 96.5 % (``excel.py``).
Count and year cells take text, so that 450余, 1.2万 and 2024年 are kept as typed and checked
on reading, like any other file.
"""

from __future__ import annotations

import polars as pl

from ..core.problems import Problem, problem, said
from .columns import column_roles
from .table import Table

GUIDE_SHEET, UNIT_SHEET, DATA_SHEET = "填报说明", "单位信息", "填报数据"
UNIT_HEADERS = ["单位", "年度", "所属市", "省份", "层级", "分组"]
# The name and the value side by side (what a printed page must show together), the field id last:
# the reader takes the field from 指标编号, never from the name (``columns.column_roles``).
DATA_HEADERS = ["指标名称", "填报值", "计量单位", "佐证材料", "填报提示", "类型", "评分项目", "指标编号"]
VALUE_COL, EVIDENCE_COL = DATA_HEADERS.index("填报值"), DATA_HEADERS.index("佐证材料")
FIELD_COL = DATA_HEADERS.index("指标编号")
HEADER_ROW = 2  # 0-based: a title row and a note above the header on both sheets
# The workbook's custom document property that names the rubric the template was made with.
TEMPLATE_RUBRIC_PROPERTY = "lawgov-score rubric"
_PROPERTIES_CAP = 1 << 20  # docProps/custom.xml of a template is a few hundred bytes


# --- reading ----------------------------------------------------------------------------------


def made_with(path) -> str | None:
    """The id of the rubric a fill-in template was made with (its custom document property), or
    None for any other workbook, or one whose properties cannot be read."""
    import re
    import zipfile
    from xml.sax.saxutils import unescape

    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("docProps/custom.xml")
            if info.file_size > _PROPERTIES_CAP:
                return None
            xml = z.read(info).decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile, ValueError):
        return None
    name = re.escape(TEMPLATE_RUBRIC_PROPERTY)
    # any prefix and attribute order: Excel, WPS and openpyxl each write the property their own way
    m = re.search(rf'<(?:\w+:)?property\b[^>]*\bname="{name}"[^>]*>\s*<(?:\w+:)?lpwstr\b[^>]*>([^<]*)<', xml)
    return unescape(m.group(1)).strip() if m else None


def rubric_mismatch(path, shown: str, rubric_id: str) -> list[Problem]:
    """W-DATA-TEMPLATE-RUBRIC when a template made with one rubric is scored with another: its
    fields are those the other rubric reads, so the score would be another rubric's."""
    made = made_with(path)
    if made is None or made == rubric_id:
        return []
    return [problem("W-DATA-TEMPLATE-RUBRIC", shown, made=made, used=rubric_id)]


def attach_unit(tables: list) -> tuple[list, list[Problem]]:
    """Give the unit and year of a workbook's unit table to its data tables that lack a unit
    column.  Workbooks whose tables all name their unit pass through unchanged."""
    roles = [column_roles(t.frame.columns) for t in tables]
    data = [i for i, r in enumerate(roles) if {"field", "value"} <= r.keys() and "unit" not in r]
    if not data:
        return tables, []
    found: list[pl.DataFrame] = []
    for t, r in zip(tables, roles):
        if "unit" in r and "field" not in r:
            year = pl.col(r["year"]).cast(pl.String).str.strip_chars() if "year" in r else pl.lit(None, dtype=pl.String)
            found.append(
                t.frame.select(pl.col(r["unit"]).cast(pl.String).str.strip_chars().alias("unit"), year.alias("year"))
            )
    units = (
        pl.concat(found).filter(pl.col("unit").is_not_null() & (pl.col("unit") != "")).unique(maintain_order=True)
        if found
        else None
    )
    first = tables[data[0]]
    if units is None or units.height != 1:
        reason = _no_one_unit(units)
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


def _no_one_unit(units: pl.DataFrame | None):
    """Why a data table without a unit column cannot take one from the unit sheet: there is no
    unit sheet, it names no unit, or it names several."""
    if units is None:
        return said("data.template_no_unit", sheet=UNIT_SHEET)
    if units.height == 0:
        return said("data.template_unit_blank", sheet=UNIT_SHEET)
    names = tuple(f"{u} {y or ''}".strip() for u, y in units.head(5).iter_rows())
    return said("data.template_many_units", sheet=UNIT_SHEET, n=units.height, names=names)


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
        out.append(
            {
                "id": fid,
                "name": f.name,
                "type": f.type,
                "unit": _unit_text(f),
                "levels": list(f.levels or []),
                "items": items.get(fid, []),
                "formula": f.formula,
                "field": f,
            }
        )
    return out


def _unit_text(f) -> str:
    if f.type == "percent":
        return "%"
    if f.type == "bool":
        return "是/否"
    if f.type == "grade":
        return "/".join(f.levels or [])
    return f.unit or ""
