"""A leaf item's checks: it reads one field or formula, its rule fits that value's type, and the
rule's thresholds and points make sense against the field's range and the item's points.

One function per rule type (``RULE_CHECKS``); each records its problems at the key they concern.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..core.problems import Report, did_you_mean, problem
from . import formula as fx
from .compiled import Item
from .model import BOUNDED_SCALES, NORMALISE_RULES, NUMERIC, SIDE_RULES, FieldDef, Node, field_range
from .words import both, formula_reason, number, reason


@dataclass
class Leaf:
    """What one leaf's rule checks need: the node, where it is, the type and range of its value."""

    node: Node
    item: Item
    at: Callable[..., tuple[str, int]]
    where: dict[str, str]  # where / where_en
    report: Report
    fid: str = ""  # the field id, or the formula as written
    ftype: str = "number"
    lo: float | None = None
    hi: float | None = None
    fdef: FieldDef | None = None
    grade_names: frozenset[str] = frozenset()

    @property
    def rule(self) -> Any:
        """The leaf's rule."""
        return self.node.rule

    @property
    def points(self) -> float:
        """The leaf's points (0 for a side rule: negative, bonus, veto)."""
        return self.item.max

    @property
    def higher(self) -> bool:
        """Whether a higher value is better."""
        return getattr(self.rule, "direction", "higher") == "higher"

    def add(self, code: str, /, *keys: Any, **params: Any) -> None:
        """A problem at ``keys`` of this leaf (``"rule", "bands", 0`` …)."""
        self.report.add(problem(code, *self.at(*keys), **self.where, **params))

    def fault(self, key: str, /, *keys: Any, code: str = "E-RULE", **params: Any) -> None:
        """A problem whose reason is the sentence ``rubric.reason.<key>``."""
        self.add(code, *keys, **reason(key, **params))

    def bad_type(self, expected: set[str]) -> bool:
        """E-RULE-FIELD (and True) when the rule cannot read a value of this type."""
        if self.ftype in expected:
            return False
        self.add("E-RULE-FIELD", "rule", rule=self.rule.type, field=self.fid, **both("ftype", f"ftype.{self.ftype}"))
        return True

    def in_range(self, name: str, value: float | None) -> None:
        """E-RULE when a threshold lies outside the values the field can take."""
        lo, hi = self.lo, self.hi
        if value is None or not ((lo is not None and value < lo) or (hi is not None and value > hi)):
            return
        if lo is not None and hi is not None:
            rng = f"{'' if lo is None else lo:g}–{'' if hi is None else hi:g}"
        else:
            rng = f"≥ {lo:g}" if lo is not None else f"≤ {hi:g}"
        self.fault("out_of_range", "rule", name, name=name, value=number(value), field=self.fid, range=rng)

    def over_points(self, key: str, value: float, /, *keys: Any) -> None:
        """E-RULE when a rule gives more than the item's points."""
        if value > self.points:
            self.fault(key, "rule", *keys, value=number(value), points=number(self.points))


def check_leaf(
    node: Node, item: Item, at, where: dict[str, str], fields: dict[str, FieldDef], grade_names, report: Report
) -> None:
    """Check a leaf and fill in what it reads (``item.rule``, ``field`` or ``formula``, ``max``)."""
    rule = node.rule
    if rule is None:
        report.add(problem("E-KEY-MISSING", *at(), **where, key="rule"))
        return
    item.rule = rule
    leaf = Leaf(node, item, at, where, report, grade_names=frozenset(grade_names))
    if node.field and node.formula:
        leaf.fault("field_and_formula", "formula", code="E-TREE")
    if not node.field and not node.formula:
        report.add(problem("E-KEY-MISSING", *at(), **where, key="field"))
        return
    if node.unit is not None and node.field:
        leaf.fault("unit_on_field", "unit", code="E-TREE")
    if not (_read_field(leaf, fields) if node.field else _read_formula(leaf, fields)):
        return
    _points(leaf)
    RULE_CHECKS.get(rule.type, _numeric)(leaf)


def _read_field(leaf: Leaf, fields: dict[str, FieldDef]) -> bool:
    """The leaf reads a field of the dictionary; False when the field is unknown."""
    node = leaf.node
    leaf.item.field = node.field
    leaf.fid = node.field
    leaf.fdef = fields.get(node.field)
    if leaf.fdef is None:
        suggestion = did_you_mean(node.field, fields)
        leaf.add("E-FIELD-UNKNOWN", "field", field=node.field, suggestion=suggestion)
        return False
    leaf.ftype = leaf.fdef.type
    leaf.lo, leaf.hi = field_range(leaf.fdef)
    return True


def _read_formula(leaf: Leaf, fields: dict[str, FieldDef]) -> bool:
    """The leaf computes its value by a formula; False when the formula does not parse."""
    node, item = leaf.node, leaf.item
    item.formula = node.formula
    leaf.fid = node.formula
    try:
        item.formula_ast = fx.parse(node.formula)
    except fx.FormulaError as exc:
        leaf.add("E-FORMULA", "formula", formula=fx.excerpt(node.formula), **formula_reason(exc))
        return False
    for u in fx.fields_of(item.formula_ast):
        if u not in fields:
            leaf.add("E-FIELD-UNKNOWN", "formula", field=u, suggestion=did_you_mean(u, fields))
    item.unit = node.unit
    leaf.ftype = "percent" if node.unit == "%" else "number"
    leaf.lo, leaf.hi = (0.0, 100.0) if leaf.ftype == "percent" else (None, None)
    return True


def _points(leaf: Leaf) -> None:
    """The leaf's maximum: its points, or 0 for a side rule (which must not set points)."""
    node, item = leaf.node, leaf.item
    if leaf.rule.type in SIDE_RULES:
        if node.points not in (None, 0):
            leaf.fault("side_points", "points", rule=leaf.rule.type)
        item.max = 0.0
    elif node.points is None:
        leaf.report.add(problem("E-KEY-MISSING", *leaf.at(), **leaf.where, key="points"))
    else:
        item.max = float(node.points)


def _boolean(leaf: Leaf) -> None:
    leaf.bad_type({"bool"})


def _graded(leaf: Leaf) -> None:
    if leaf.bad_type({"grade"}):
        return
    levels = leaf.fdef.levels or []
    unknown = [lv for lv in leaf.rule.levels if lv not in levels]
    if unknown:
        leaf.fault(
            "levels_unknown", "rule", "levels", unknown=", ".join(unknown), field=leaf.fid, levels=", ".join(levels)
        )
    unmapped = [lv for lv in levels if lv not in leaf.rule.levels]
    if unmapped:
        leaf.fault("levels_unmapped", "rule", "levels", levels=", ".join(unmapped))


def _counted(leaf: Leaf) -> None:  # negative, bonus
    leaf.bad_type(NUMERIC | {"bool"})


def _veto(leaf: Leaf) -> None:
    rule = leaf.rule
    conditions = [c for c in (rule.when, rule.above, rule.below) if c is not None]
    if len(conditions) != 1:
        leaf.fault("veto_one", "rule")
    elif rule.when is not None:
        leaf.bad_type({"bool"})
    else:
        leaf.bad_type(NUMERIC)
        leaf.in_range("above" if rule.above is not None else "below", conditions[0])
    if rule.cap_total is None and rule.cap_grade is None:
        leaf.fault("veto_cap", "rule")
    if rule.cap_grade is not None and rule.cap_grade not in leaf.grade_names:
        names = ", ".join(sorted(leaf.grade_names))
        key = "reason.cap_grade" if names else "reason.cap_grade_no_grades"
        texts = both("reason", key, grade=rule.cap_grade, grades=names, **leaf.where)
        leaf.report.add(problem("E-GRADE", *leaf.at("rule", "cap_grade"), **texts))


def _numeric(leaf: Leaf) -> None:
    """Every other rule reads a number: its thresholds in range and in order, its points within the item's."""
    if leaf.bad_type(NUMERIC):
        return
    NUMERIC_CHECKS.get(leaf.rule.type, lambda _: None)(leaf)


def _threshold(leaf: Leaf) -> None:
    leaf.in_range("target", leaf.rule.target)
    leaf.over_points("partial_over", leaf.rule.partial, "partial")


def _linear(leaf: Leaf) -> None:
    rule = leaf.rule
    leaf.in_range("target", rule.target)
    leaf.in_range("floor", rule.floor)
    if (leaf.higher and rule.floor >= rule.target) or (not leaf.higher and rule.floor <= rule.target):
        params = {"direction": rule.direction, "floor": number(rule.floor), "target": number(rule.target)}
        leaf.fault("linear_order", "rule", code="E-RULE-ORDER", sign="<" if leaf.higher else ">", **params)


def _bands(leaf: Leaf) -> None:
    rule = leaf.rule
    ats = [b.at for b in rule.bands]
    pairs = list(zip(ats, ats[1:]))
    if not (all(a > b for a, b in pairs) if leaf.higher else all(a < b for a, b in pairs)):
        key = "bands_order_down" if leaf.higher else "bands_order_up"
        leaf.fault(key, "rule", "bands", code="E-RULE-ORDER", ats=", ".join(number(a) for a in ats))
    for j, b in enumerate(rule.bands):
        leaf.in_range("at", b.at)
        leaf.over_points("band_over", b.points, "bands", j)
    leaf.over_points("else_over", rule.else_, "else")


def _deduct(leaf: Leaf) -> None:
    leaf.in_range("target", leaf.rule.target)


def _rank(leaf: Leaf) -> None:
    for j, p in enumerate(leaf.rule.by_rank):
        leaf.over_points("rank_over", p, "by_rank", j)
    leaf.over_points("else_over", leaf.rule.else_, "else")


def _normalise(leaf: Leaf) -> None:
    """A normalisation rule: a method named once, and a scale to map it onto the points."""
    rule = leaf.rule
    if rule.type == "normalise" and rule.method is None:
        leaf.add("E-KEY-MISSING", "rule", key="method")
        return
    if rule.type != "normalise" and rule.method not in (None, rule.type):
        leaf.fault("method_conflict", "rule", "method", type=rule.type, method=rule.method)
        return
    method = rule.normalisation
    if rule.scale is None and method not in BOUNDED_SCALES:
        leaf.add("E-RULE-SCALE", "rule", method=method, example=_SCALE_EXAMPLES.get(method, "[0, 1]"))
    elif rule.scale is not None and not rule.scale[0] < rule.scale[1]:
        lo, hi = (number(x) for x in rule.scale)
        leaf.fault("scale_order", "rule", "scale", code="E-RULE-ORDER", lo=lo, hi=hi)


# What a scale might be for each unbounded method, shown in E-RULE-SCALE (a suggestion, not a default).
_SCALE_EXAMPLES = {
    "zscore": "[-2, 2]",
    "rank": "[1, 20]",
    "ratio_to_mean": "[0, 2]",
    "ratio_to_worst": "[1, 5]",
    "distance_to_mean": "[-1, 1]",
    "distance_to_best": "[-1, 0]",
    "distance_to_worst": "[0, 4]",
    "above_below_mean": "[-1, 1]",
}


RULE_CHECKS: dict[str, Callable[[Leaf], None]] = {
    "boolean": _boolean,
    "graded": _graded,
    "negative": _counted,
    "bonus": _counted,
    "veto": _veto,
}
NUMERIC_CHECKS: dict[str, Callable[[Leaf], None]] = {
    "threshold": _threshold,
    "linear": _linear,
    "bands": _bands,
    "deduct": _deduct,
    "rank": _rank,
    **{t: _normalise for t in NORMALISE_RULES},
}
