"""The names people give the columns of an indicator file, English and Chinese."""

from __future__ import annotations

import re

from ..core.column_names import IGNORED, SYNONYMS, canonical

__all__ = ["IGNORED", "SYNONYMS", "canonical", "column_roles", "evidence_of", "header_index", "unique_names"]


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
