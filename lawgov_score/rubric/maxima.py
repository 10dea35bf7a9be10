"""What items are worth: parents' maxima from their children, the rubric's total, the decimals a
maximum needs, and the grade bands the total is cut into."""

from __future__ import annotations

from typing import Any

from ..core.problems import Report, problem
from ..core.yamlsafe import LDict, locate
from .compiled import Item
from .model import SIDE_RULES, InvalidNode, Node, RubricDoc
from .words import both, number, reason, where


def _places(x: float) -> int:
    """How many decimal places a number as written needs (0.5 → 1, 1.25 → 2)."""
    text = f"{x:.10f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _written(nodes: list[Node]):
    """(id, points as written or None) of every node of the tree, from the top."""
    for n in nodes:
        yield n.id, n.points
        yield from _written(n.items)


def check_decimals(doc: RubricDoc, items: dict[str, Item], raw: LDict, report: Report) -> None:
    """Scores are rounded to ``decimals``; a maximum that needs more places could be exceeded
    by rounding (0.5 points at 0 decimals rounds to 1), so it is an error."""
    d = doc.decimals
    declared = {k for k, v in _written(doc.items) if v is not None}
    for it in items.values():
        # only maxima someone wrote: a derived sum is reported where its parts are
        checks = [("points", it.max)] if it.id in declared else []
        if it.rule is not None and it.rule.type in ("negative", "bonus"):
            checks.append(("cap", it.rule.cap))
        if it.rule is not None and it.rule.type == "veto" and it.rule.cap_total is not None:
            checks.append(("cap_total", it.rule.cap_total))
        for what, value in checks:
            if _places(value) > d:
                report.add(
                    problem(
                        "E-DECIMALS",
                        it.path,
                        it.line,
                        **where("item", id=it.id, name=it.name),
                        **_what(what),
                        value=number(value),
                        needed=_places(value),
                        decimals=d,
                    )
                )
    for what, value in (("total", doc.total), ("bonus_cap", doc.bonus_cap)):
        if value is not None and _places(value) > d:
            path, line = locate(raw, (what,)) if what in raw else raw.loc
            report.add(
                problem(
                    "E-DECIMALS",
                    path,
                    line,
                    **where("rubric"),
                    **_what(what),
                    value=number(value),
                    needed=_places(value),
                    decimals=d,
                )
            )


def _what(key: str) -> dict[str, str]:
    """The name of a rubric setting in a message (points read 分值 in Chinese; the others are keys)."""
    return both("what", "what.points") if key == "points" else {"what": key, "what_en": key}


def check_grades(doc: RubricDoc, raw: LDict, report: Report) -> None:
    """Grade names are distinct and their bands run from the highest down."""
    grades = doc.grades
    seen: set[str] = set()
    for j, g in enumerate(grades):
        path, line = locate(raw, ("grades", j))
        if g.name in seen:
            report.add(problem("E-GRADE", path, line, **reason("grade_dup", name=g.name)))
        seen.add(g.name)
        if j and g.min_percent >= grades[j - 1].min_percent:
            params = {"name": g.name, "min": number(g.min_percent), "above": number(grades[j - 1].min_percent)}
            report.add(problem("E-GRADE", path, line, **reason("grade_order", **params)))


def invalid_points(node: InvalidNode, nraw: Any, item: Item, unknown: set[str]) -> None:
    """The maximum of an item that failed validation, where its points are still readable, so
    that the sums above it stay right; otherwise the item is marked unknown."""
    pts = nraw.get("points") if isinstance(nraw, dict) else None
    rule = nraw.get("rule") if isinstance(nraw, dict) else None
    if isinstance(pts, (int, float)) and not isinstance(pts, bool) and pts >= 0:
        item.max = float(pts)
        node.points = float(pts)  # a parent's declared points, for the sum check
    elif pts is not None or not (node.items or (isinstance(rule, dict) and rule.get("type") in SIDE_RULES)):
        unknown.add(node.id)


def compute_maxima(doc: RubricDoc, items: dict[str, Item], unknown: set[str], report: Report) -> None:
    """A parent without points is worth what its children add up to (weighted: 100).  A parent
    whose own points are given is checked against its children's sum (W-POINTS-SUM), unless a
    child failed so that the sum is not known."""
    declared = dict(_written(doc.items))
    for item in reversed(list(items.values())):  # children before parents
        if item.is_leaf:
            continue
        kids = [items[c] for c in item.children if c in items]
        child_sum = sum(k.max for k in kids)
        own = declared.get(item.id)
        kids_known = not any(k.id in unknown for k in kids)
        if own is None:
            item.max = child_sum if item.aggregate == "sum" else 100.0
            if not kids_known and item.aggregate == "sum":
                unknown.add(item.id)
        else:
            item.max = float(own)
            if item.aggregate == "sum" and kids_known and abs(child_sum - item.max) > 1e-9:
                report.add(
                    problem(
                        "W-POINTS-SUM",
                        item.path,
                        item.line,
                        **where("item", id=item.id, name=item.name),
                        sum=round(child_sum, 6),
                        points=item.max,
                        item=item.id,
                    )
                )


def root_max(
    doc: RubricDoc, items: dict[str, Item], roots: list[str], raw: LDict, unknown: set[str], report: Report
) -> float:
    """The rubric's total: the declared one (W-TOTAL when the items add up otherwise), else the sum."""
    computed = sum(items[r].max for r in roots if r in items)
    if doc.aggregate != "sum":  # a mean of shares: the declared total, else 100
        return float(doc.total) if doc.total is not None else 100.0
    if doc.total is not None and any(r in unknown for r in roots):
        return float(doc.total)  # a dimension failed: its sum is not known, nor the rubric's
    if doc.total is not None and abs(doc.total - computed) > 1e-9:
        path, line = locate(raw, ("total",))
        report.add(problem("W-TOTAL", path, line, declared=doc.total, actual=round(computed, 6)))
        return float(doc.total)
    return computed
