"""Checks that need the whole rubric, and compilation into a ``Rubric``.

The models check each value on its own; here the parts are checked against each other: ids
unique, every field known and fitting its rule, thresholds in order and inside the field's
range, grade bands well formed, formulas parseable and acyclic.  Every problem is recorded
with the file and line it came from; compilation goes on as far as it sensibly can so that
one run reports everything.  A leaf's rule is checked in ``leaf``; maxima, totals, decimals
and grade bands in ``maxima``.
"""

from __future__ import annotations

from typing import Any

from ..core.column_names import reserved_role
from ..core.problems import Report, did_you_mean, problem
from ..core.yamlsafe import LDict, locate
from . import formula as fx
from .compiled import Constraint, Item, Rubric
from .model import NUMERIC, SIDE_RULES, FieldDef, InvalidNode, Node, RubricDoc
from .model import Constraint as ConstraintDef
from .words import both, formula_reason, reason, role_words, where


def check_fields(defs: list[tuple[FieldDef, tuple[str, int]]], report: Report) -> dict[str, FieldDef]:
    """Check field definitions together; return id → definition (first wins)."""
    out: dict[str, FieldDef] = {}
    first: dict[str, tuple[str, int]] = {}
    names: dict[str, str] = {}
    for f, (path, line) in defs:
        if f.id in out:
            fp, fl = first[f.id]
            report.add(problem("E-FIELD-DUP", path, line, field=f.id, first=f"{fp}:{fl}"))
            continue
        out[f.id] = f
        first[f.id] = (path, line)
        for key, params in _field_faults(f, names):
            report.add(problem("E-FIELD", path, line, field=f.id, **reason(key, **params)))
        if f.formula:
            _check_field_formula(f, path, line, report)
    for f, (path, line) in defs:
        if f.formula and out.get(f.id) is f:
            try:
                used = fx.fields_of(fx.parse(f.formula))
            except fx.FormulaError:
                continue
            for u in (u for u in used if u not in out):
                report.add(
                    problem(
                        "E-FIELD-UNKNOWN",
                        path,
                        line,
                        **where("field_formula", id=f.id),
                        field=u,
                        suggestion=did_you_mean(u, out),
                    )
                )
    return out


def _field_faults(f: FieldDef, names: dict[str, str]) -> list[tuple[str, dict]]:
    """What is wrong with one field definition on its own (and its names against the others'),
    as (reason key, parameters); ``names`` collects name → field id as the fields go by."""
    out: list[tuple[str, dict]] = []
    if f.type == "grade" and not f.levels:
        out.append(("grade_levels", {}))
    if f.levels and f.type != "grade":
        out.append(("levels_not_grade", {}))
    if f.min is not None and f.max is not None and f.min > f.max:
        out.append(("min_over_max", {"min": f.min, "max": f.max}))
    for name in dict.fromkeys([f.id, f.name, *f.aliases]):
        role = reserved_role(name)
        if role:
            out.append(
                ("name_reserved", {"name": name, "role_zh": role_words(role, "zh"), "role_en": role_words(role, "en")})
            )
    for name in [f.name, *f.aliases]:
        other = names.get(name.strip())
        if other and other != f.id:
            out.append(("name_taken", {"name": name, "other": other}))
        names.setdefault(name.strip(), f.id)
    if f.patterns and f.type not in NUMERIC:
        out.append(("patterns_type", {}))
    if f.patterns and not f.aliases and any("{alias}" in m for pat in f.patterns for m in pat.match):
        out.append(("patterns_alias", {}))
    return out


def _check_field_formula(f: FieldDef, path: str, line: int, report: Report) -> None:
    """A field's formula parses, and does not divide by a constant 0."""
    try:
        culprit = fx.zero_division(fx.parse(f.formula))
    except fx.FormulaError as exc:
        report.add(
            problem(
                "E-FORMULA", path, line, **where("field", id=f.id), formula=fx.excerpt(f.formula), **formula_reason(exc)
            )
        )
        return
    if culprit:
        report.add(
            problem(
                "W-NEVER-SCORES",
                path,
                line,
                **where("field_formula", id=f.id),
                **both("effect", "effect.value"),
                **zero_reason(culprit),
            )
        )


def check_constraints(
    entries: list[tuple[ConstraintDef, tuple[str, int]]], fields: dict[str, FieldDef], report: Report
) -> list[Constraint]:
    """Parse each declared constraint; its fields must be in the dictionary."""
    out: list[Constraint] = []
    for c, (path, line) in entries:
        try:
            left, op, right = fx.parse_comparison(c.check)
        except fx.FormulaError as exc:
            shown = fx.excerpt(c.check)
            report.add(problem("E-FORMULA", path, line, **where("constraints"), formula=shown, **formula_reason(exc)))
            continue
        compiled = Constraint(
            check=c.check, left=left, op=op, right=right, severity=c.severity, why=c.why, path=path, line=line
        )
        unknown = [f for f in compiled.fields() if f not in fields]
        for f in unknown:
            report.add(
                problem(
                    "E-FIELD-UNKNOWN",
                    path,
                    line,
                    **where("constraint", check=c.check),
                    field=f,
                    suggestion=did_you_mean(f, fields),
                )
            )
        if not compiled.fields():
            report.add(
                problem(
                    "E-FORMULA", path, line, **where("constraints"), formula=c.check, **reason("constraint_no_field")
                )
            )
        elif not unknown:
            out.append(compiled)
    return out


def zero_reason(culprit: str) -> dict[str, str]:
    """The W-NEVER-SCORES reason for a division by a constant zero."""
    return reason("zero_division", culprit=culprit)


def _formula_order(fields: dict[str, FieldDef], report: Report, locs: dict[str, tuple[str, int]]) -> dict[str, Any]:
    """Field formulas in dependency order; a cycle is a problem."""
    asts: dict[str, Any] = {}
    for fid, f in fields.items():
        if f.formula:
            try:
                asts[fid] = fx.parse(f.formula)
            except fx.FormulaError:
                pass
    order: dict[str, Any] = {}
    state: dict[str, int] = {}

    def visit(fid: str, stack: list[str]) -> None:
        if state.get(fid) == 2 or fid not in asts:
            return
        if state.get(fid) == 1:
            cycle = stack[stack.index(fid) :] + [fid]
            path, line = locs.get(fid, ("", 0))
            report.add(problem("E-FORMULA-CYCLE", path, line, cycle=" → ".join(cycle)))
            return
        state[fid] = 1
        for dep in fx.fields_of(asts[fid]):
            visit(dep, stack + [fid])
        state[fid] = 2
        order[fid] = asts[fid]

    for fid in asts:
        visit(fid, [])
    return order


def compile_rubric(doc: RubricDoc, raw: LDict, field_defs, shown: str, report: Report, constraint_defs=()) -> Rubric:
    """The checked ``Rubric`` of a validated document; every problem found goes into ``report``."""
    from .maxima import check_decimals, check_grades, compute_maxima, root_max
    from .parts import check_parts

    fields = check_fields(field_defs, report)
    constraints = check_constraints(list(constraint_defs), fields, report)
    formulas = _formula_order(fields, report, {f.id: loc for f, loc in field_defs})
    check_grades(doc, raw, report)
    if not doc.items:
        report.add(problem("E-KEY-MISSING", shown, raw.loc[1], **where("rubric"), key="items"))
    tree = _Tree(doc, shown, fields, report)
    tree.walk(doc.items, raw.get("items"), None, 1)
    compute_maxima(doc, tree.items, tree.unknown, report)
    roots = [n.id for n in doc.items]
    total = root_max(doc, tree.items, roots, raw, tree.unknown, report)
    check_decimals(doc, tree.items, raw, report)
    check_parts(doc, raw, tree.items, shown, report)
    rubric = Rubric(
        id=doc.id,
        name=doc.name,
        path=shown,
        items=tree.items,
        roots=roots,
        fields=fields,
        total=total,
        aggregate=doc.aggregate,
        decimals=doc.decimals,
        bonus_cap=doc.bonus_cap,
        grades=list(doc.grades),
        version=doc.version,
        edition=doc.edition,
        grade_note=doc.grade_note,
        method=list(doc.method),
        method_en=list(doc.method_en),
        parts=list(doc.parts),
        note=doc.note,
        source=doc.source,
        field_formulas=formulas,
        constraints=constraints,
        waive=dict(doc.waive or {}),
        raw=raw,
    )
    from .treatment import column_names, plan_fields

    rubric.treatment = plan_fields(doc.treatment, fields, rubric.read_fields(), raw, shown, report, rubric.leaves())
    rubric.column_roles, rubric.ignore_columns = column_names(doc.columns)
    return rubric


class _Tree:
    """The items of a rubric, compiled node by node from the top, each checked where it is written."""

    def __init__(self, doc: RubricDoc, shown: str, fields: dict[str, FieldDef], report: Report):
        self.doc, self.shown, self.fields, self.report = doc, shown, fields, report
        self.grade_names = {g.name for g in doc.grades}
        self.items: dict[str, Item] = {}
        self.first_loc: dict[str, tuple[str, int]] = {}
        # Items whose maximum cannot be known because they failed (points missing or unreadable):
        # a parent's sum over them would be wrong, so it is not checked (see maxima.compute_maxima).
        self.unknown: set[str] = set()

    def walk(self, nodes: list[Node], raws: Any, parent: str | None, level: int) -> None:
        """Compile ``nodes`` (written as ``raws``) and everything below them."""
        for i, node in enumerate(nodes):
            nraw = raws[i] if isinstance(raws, list) and i < len(raws) and isinstance(raws[i], dict) else LDict()
            written = isinstance(nraw, LDict) and bool(nraw.loc[0])
            path, line = nraw.loc if written else (self.shown, 0)

            def at(*keys: Any, _nraw=nraw, _written=written, _loc=(path, line)) -> tuple[str, int]:
                return locate(_nraw, keys) if _written else _loc

            item = self.item(node, nraw if written else None, parent, level, (path, line), at)
            if node.items:
                self.parent(node, nraw, item, at, level)
            elif isinstance(node, InvalidNode):
                if node.field and node.field not in self.fields:
                    self.report.add(
                        problem(
                            "E-FIELD-UNKNOWN",
                            *at("field"),
                            **where("item", id=node.id, name=node.name),
                            field=node.field,
                            suggestion=did_you_mean(node.field, self.fields),
                        )
                    )
            else:
                from .leaf import check_leaf

                check_leaf(
                    node,
                    item,
                    at,
                    where("item", id=node.id, name=node.name),
                    self.fields,
                    self.grade_names,
                    self.report,
                )

    def item(self, node: Node, nraw: LDict | None, parent: str | None, level: int, loc, at) -> Item:
        """The ``Item`` of one node (the first of a duplicated id is the one kept)."""
        if node.id in self.first_loc:
            self.report.add(problem("E-ID-DUP", *at("id"), id=node.id, first=self.first_loc[node.id][1]))
        else:
            self.first_loc[node.id] = at("id")
        item = Item(
            id=node.id,
            name=node.name,
            name_en=getattr(node, "name_en", None),
            level=level,
            parent=parent,
            max=0.0,
            weight=node.weight,
            aggregate=node.aggregate or self.doc.aggregate,  # a node's own choice, else the rubric's
            evidence=node.evidence,
            description=node.description,
            path=loc[0],
            line=loc[1],
            missing=node.missing,
            waive=dict(node.waive or {}),
            raw=nraw,
            additional=node.additional,
            content=node.content,
            treatment=node.treatment,
            wording=node.wording or self.doc.wording,
            # an item without its own parts is checked as its parent is
            assessed_by=tuple(node.assessed_by or (self.items[parent].assessed_by if parent in self.items else ())),
        )
        self.items.setdefault(node.id, item)
        if isinstance(node, InvalidNode):
            from .maxima import invalid_points

            invalid_points(node, nraw, item, self.unknown)
        elif not node.items and node.points is not None:
            item.max = float(node.points)  # kept when the rule fails; check_leaf zeroes side rules
        elif not node.items and not (node.rule is not None and node.rule.type in SIDE_RULES):
            self.unknown.add(node.id)  # a leaf without points (E-KEY-MISSING)
        return item

    def parent(self, node: Node, nraw: Any, item: Item, at, level: int) -> None:
        """A node with children: it scores through them alone."""
        if node.rule is not None or node.field or node.formula:
            self.report.add(
                problem(
                    "E-TREE",
                    *at("rule" if node.rule else "field"),
                    **where("item", id=node.id, name=node.name),
                    **reason("parent_rule"),
                )
            )
        self.walk(node.items, nraw.get("items") if isinstance(nraw, dict) else None, node.id, level + 1)
        item.children = tuple(c.id for c in node.items)
