"""The names people give the columns of an indicator file, English and Chinese."""

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


def evidence_of(header: str) -> str | None:
    """For a wide file, ``court_appearance_rate.evidence`` or ``出庭应诉率（佐证）`` → the field part."""
    h = str(header or "").strip()
    m = re.match(r"^(.+?)(?:\.evidence|_evidence|[（(]佐证[）)]|佐证|[（(]证据[）)])$", h)
    return m.group(1).strip() if m else None


def header_index(rows: list[list[str]]) -> int:
    """The first of the leading rows that names a unit or field column: the header (a title
    row above it is skipped); 0 when none does."""
    for i, cells in enumerate(rows[:20]):
        roles = {canonical(c) for c in cells}
        if "unit" in roles or {"field", "value"} <= roles:
            return i
    return 0


def unique_names(names: list[str]) -> list[str]:
    """Column names made unique the way spreadsheets do: a repeated ``x`` becomes ``x_1``, ``x_2``."""
    seen: dict[str, int] = {}
    out = []
    for n in names:
        if n in seen:
            seen[n] += 1
            out.append(f"{n}_{seen[n]}")
        else:
            seen[n] = 0
            out.append(n)
    return out


# A name column plays the field only where no column gives the field's id (the fill-in
# template shows 指标名称 first and 指标编号 last).
NAME_HEADERS = {"指标名称"}


def column_roles(columns: list[str], named: dict[str, str] | None = None) -> dict[str, str]:
    """role → the header that plays it (unit, year, field, value, city …); the first one wins.
    ``named`` (a rubric's ``columns``: role → header) comes first, where the file has that header."""
    roles: dict[str, str] = {role: h for role, h in (named or {}).items() if h in columns}
    taken = set(roles.values())
    for col in sorted(columns, key=lambda c: re.sub(r"\s+", "", str(c or "")) in NAME_HEADERS):
        role = canonical(col)
        if role and role not in roles and col not in taken:
            roles[role] = col
    return roles
