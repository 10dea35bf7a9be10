"""Checks of an evaluation's parts (``parts`` and each item's ``assessed_by``).

A rubric that declares parts is totalled part by part: each part's score rate over the items it
checks, times its weight's share of the total.  So every scoring item must say which parts
check it, every part named must be declared, and every part must check at least one item with
points; otherwise a part's score could not be computed, or an item would count for nothing.
"""

from __future__ import annotations

from ..core.problems import Report, problem
from ..core.yamlsafe import LDict, locate
from .compiled import Item
from .model import RubricDoc
from .words import reason, where, where_item


def check_parts(doc: RubricDoc, raw: LDict, items: dict[str, Item], shown: str, report: Report) -> None:
    """E-PART for parts used but not declared, declared twice, unknown, missing or checking nothing."""
    declared = [p.id for p in doc.parts]
    known = "、".join(declared)
    for it in items.values():
        own = _own_parts(it)
        at = _at(it, shown)
        if own is not None and not declared:
            report.add(problem("E-PART", *at, **where_item(it.id, it.name), **reason("parts_undeclared")))
            return  # once: the fix is one `parts:` declaration
        for part in own or ():
            if part not in declared:
                report.add(
                    problem(
                        "E-PART", *at, **where_item(it.id, it.name), **reason("part_unknown", part=part, known=known)
                    )
                )
    if not declared:
        return
    seen: set[str] = set()
    for i, part in enumerate(doc.parts):
        loc = locate(raw, ("parts", i, "id")) if isinstance(raw, LDict) else (shown, 0)
        if part.id in seen:
            report.add(problem("E-PART", *loc, **where("part", id=part.id), **reason("part_dup")))
        seen.add(part.id)
        if not any(part.id in it.assessed_by and it.max > 0 for it in items.values() if it.is_leaf):
            report.add(problem("E-PART", *loc, **where("part", id=part.id), **reason("part_empty")))
    for it in items.values():
        if it.is_leaf and it.rule is not None and it.role in ("score", "negative") and not it.assessed_by:
            report.add(
                problem("E-PART", *_at(it, shown), **where_item(it.id, it.name), **reason("part_none", known=known))
            )


def _own_parts(it: Item) -> list[str] | None:
    """The parts an item's own ``assessed_by`` names (None: it wrote none)."""
    if isinstance(it.raw, LDict) and "assessed_by" in it.raw:
        value = it.raw["assessed_by"]
        return [value] if isinstance(value, str) else [str(v) for v in value or []]
    return None


def _at(it: Item, shown: str) -> tuple[str, int]:
    """Where an item's ``assessed_by`` (else the item) was written."""
    if isinstance(it.raw, LDict):
        return locate(it.raw, ("assessed_by",))
    return it.path or shown, it.line
