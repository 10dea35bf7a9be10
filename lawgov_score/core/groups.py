"""The columns units can be grouped by (a unit's city, province, level, group) and their names.

They sit in core because every layer speaks of them: a rubric's ``within: city``, the reader's
column names, ranking ``--by``, and the messages that name a group.
"""

from __future__ import annotations

META_COLUMNS = ("city", "province", "level", "group")
# How messages and headers name each of them (zh, en).
META_NAMES = {
    "city": ("所属市", "city"),
    "province": ("省份", "province"),
    "level": ("层级", "level"),
    "group": ("分组", "group"),
}
