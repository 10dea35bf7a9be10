"""The names people give the columns of an indicator file, English and Chinese.

Declared here, below the rubric, because two layers need them: the data reader gives each header
its role, and the rubric check refuses a field whose id or name a reader would take for one of
these columns (a field called ``level`` would be read as the unit's 层级 and never score).
"""

from __future__ import annotations

import re

SYNONYMS: dict[str, set[str]] = {
    "unit": {
        "unit",
        "单位",
        "地区",
        "单位名称",
        "被考核单位",
        "被评估单位",
        "县区",
        "区县",
        "县（市、区）",
        "县(市、区)",
        "地区名称",
        "行政区",
        "行政区划",
    },
    "year": {"year", "年度", "年份", "年", "报告年度", "考核年度"},
    "field": {"field", "field_id", "指标", "字段", "指标编号", "指标代码", "指标id", "指标ID", "指标名称"},
    "value": {"value", "数值", "值", "取值", "填报值", "指标值", "数据"},
    "evidence": {"evidence", "quote", "佐证", "证据", "依据", "佐证材料", "出处", "原文", "佐证说明"},
    "source": {"source", "来源", "来源文件", "文件"},
    "qualifier": {"qualifier", "限定", "数值说明"},
    "city": {"city", "市", "所属市", "地市", "所属地市", "设区市", "市州"},
    "province": {"province", "省", "省份", "所属省份", "省区市"},
    "level": {"level", "层级", "级别", "单位类型", "行政级别"},
    "group": {"group", "分组", "组别", "类别", "考核分组"},
}
# Columns some files carry that are not data: ignored without complaint.
IGNORED = {
    "offset",
    "序号",
    "no",
    "No",
    "NO",
    "#",
    "备注",
    "note",
    "remark",
    "说明",
    "中文名",
    "name",
    "计量单位",
    "单位（计量）",
    "type",
    "类型",
    "flag",
}

_LOOKUP = {name.lower(): canon for canon, names in SYNONYMS.items() for name in names}


def canonical(header: str) -> str | None:
    """The role of a column header (unit, year, field, …), or None when it is something else."""
    h = re.sub(r"\s+", "", str(header or "")).strip()
    return _LOOKUP.get(h.lower())


def reserved_role(name: str) -> str | None:
    """The column role a header of this text plays (unit, year, level …), None for a header free to
    name a field.  The ignored headers (序号, 备注 …) are free: a rubric's field of that name is read."""
    return canonical(name)
