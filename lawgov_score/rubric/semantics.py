"""Checks that need the whole rubric, and compilation into a ``Rubric``.

The models check each value on its own; here the parts are checked against each other: ids
unique, every field known and fitting its rule, thresholds in order and inside the field's
range, grade bands well formed, formulas parseable and acyclic.  Every problem is recorded
with the file and line it came from; compilation goes on as far as it sensibly can so that
one run reports everything.
"""

from __future__ import annotations

from typing import Any

from ..core.problems import Report, did_you_mean, problem
from ..core.yamlsafe import LDict, locate
from . import formula as fx
from .compiled import Constraint, Item, Rubric
from .model import SIDE_RULES, FieldDef, InvalidNode, Node, RubricDoc
from .model import Constraint as ConstraintDef

NUMERIC = {"number", "percent", "count"}
TYPE_ZH = {"number": "数值", "percent": "百分比", "count": "计数", "bool": "是/否", "grade": "等次"}


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
        if f.type == "grade" and not f.levels:
            report.add(
                problem("E-FIELD", path, line, field=f.id, reason="等次（grade）类型须列出 levels，如 [优, 良, 中, 差]")
            )
        if f.levels and f.type != "grade":
            report.add(problem("E-FIELD", path, line, field=f.id, reason="只有等次（grade）类型可以设 levels"))
        if f.min is not None and f.max is not None and f.min > f.max:
            report.add(problem("E-FIELD", path, line, field=f.id, reason=f"min {f.min} 大于 max {f.max}"))
        for name in [f.name, *f.aliases]:
            other = names.get(name.strip())
            if other and other != f.id:
                report.add(
                    problem(
                        "E-FIELD",
                        path,
                        line,
                        field=f.id,
                        reason=f"名称或别名“{name}”已被指标 {other} 使用，读数据时无法区分",
                    )
                )
            names.setdefault(name.strip(), f.id)
        if f.patterns and f.type not in NUMERIC:
            report.add(
                problem(
                    "E-FIELD",
                    path,
                    line,
                    field=f.id,
                    reason="只有数值、百分比、计数类型的指标可以设 patterns（extract 只读数值）",
                )
            )
        if f.patterns and not f.aliases and any("{alias}" in m for pat in f.patterns for m in pat.match):
            report.add(problem("E-FIELD", path, line, field=f.id, reason="patterns 用了 {alias}，但指标没有 aliases"))
        if f.formula:
            try:
                culprit = zero_division(fx.parse(f.formula))
            except fx.FormulaError as exc:
                report.add(problem("E-FORMULA", path, line, where=f"指标 {f.id}", formula=f.formula, reason=str(exc)))
            else:
                if culprit:
                    report.add(
                        problem(
                            "W-NEVER-SCORES",
                            path,
                            line,
                            where=f"指标 {f.id} 的公式",
                            effect="算出数值",
                            effect_en="give a value",
                            **zero_reason(culprit),
                        )
                    )
    for f, (path, line) in defs:
        if f.formula and out.get(f.id) is f:
            try:
                used = fx.fields_of(fx.parse(f.formula))
            except fx.FormulaError:
                continue
            for u in used:
                if u not in out:
                    report.add(
                        problem(
                            "E-FIELD-UNKNOWN",
                            path,
                            line,
                            where=f"指标 {f.id} 的公式",
                            field=u,
                            suggestion=did_you_mean(u, out),
                        )
                    )
    return out


def check_constraints(
    entries: list[tuple[ConstraintDef, tuple[str, int]]], fields: dict[str, FieldDef], report: Report
) -> list[Constraint]:
    """Parse each declared constraint; its fields must be in the dictionary."""
    out: list[Constraint] = []
    for c, (path, line) in entries:
        where = f"约束“{c.check}”"
        try:
            left, op, right = fx.parse_comparison(c.check)
        except fx.FormulaError as exc:
            report.add(problem("E-FORMULA", path, line, where="约束", formula=c.check, reason=str(exc)))
            continue
        compiled = Constraint(
            check=c.check, left=left, op=op, right=right, severity=c.severity, why=c.why, path=path, line=line
        )
        unknown = [f for f in compiled.fields() if f not in fields]
        for f in unknown:
            report.add(problem("E-FIELD-UNKNOWN", path, line, where=where, field=f, suggestion=did_you_mean(f, fields)))
        if not compiled.fields():
            report.add(problem("E-FORMULA", path, line, where="约束", formula=c.check, reason="约束须至少读一个指标"))
        elif not unknown:
            out.append(compiled)
    return out


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def formula_text(ast: Any) -> str:
    """A parsed formula written back as text (for messages), with the parentheses it needs."""

    def text(node: Any, outer: int = 0, right: bool = False) -> str:
        kind = node[0]
        if kind == "num":
            return f"{node[1]:g}"
        if kind == "field":
            return node[1]
        if kind == "call":
            return f"{node[1]}({', '.join(text(a) for a in node[2])})"
        if kind == "neg":
            return f"-{text(node[1], 3)}"
        p = _PRECEDENCE[node[1]]
        out = f"{text(node[2], p)} {node[1]} {text(node[3], p, right=True)}"
        return f"({out})" if p < outer or (right and p == outer) else out

    return text(ast)


def _constant(ast: Any) -> tuple[bool, float | None]:
    """(True, value) for a part of a formula that reads no field (value None: always missing)."""
    kind = ast[0]
    if kind == "num":
        return True, ast[1]
    if kind == "field":
        return False, None
    parts = [_constant(a) for a in ([ast[1]] if kind == "neg" else ast[2:4] if kind == "bin" else ast[2])]
    if not all(known for known, _ in parts):
        return False, None
    vals = [v for _, v in parts]
    if kind == "call" and ast[1] == "coalesce":
        return True, next((v for v in vals if v is not None), None)
    if any(v is None for v in vals):
        return True, None
    if kind == "neg":
        return True, -vals[0]
    if kind == "bin":
        a, b = vals
        if ast[1] == "/":
            return True, None if b == 0 else a / b
        return True, {"+": a + b, "-": a - b, "*": a * b}[ast[1]]
    return True, {"min": min(vals), "max": max(vals), "abs": abs(vals[0])}[ast[1]]


def _zero_or_missing(ast: Any) -> bool:
    """Whether a part of a formula is 0 or missing whatever the data: a constant 0 (``2 - 2``),
    or a product with such a factor (``0 * b``)."""
    known, value = _constant(ast)
    if known:
        return value is None or value == 0
    if ast[0] == "neg":
        return _zero_or_missing(ast[1])
    if ast[0] == "bin" and ast[1] == "*":
        return _zero_or_missing(ast[2]) or _zero_or_missing(ast[3])
    if ast[0] == "bin" and ast[1] == "/":
        return _zero_or_missing(ast[2]) or _zero_or_missing(ast[3])
    return False


def zero_division(ast: Any) -> str | None:
    """The division by a constant zero that leaves a formula always missing, as text, or None.

    A division by zero gives a missing value, and a missing value carries through every
    operator and function except ``coalesce``, which is missing only when all its arguments
    are."""
    kind = ast[0]
    if kind in ("num", "field"):
        return None
    if kind == "neg":
        return zero_division(ast[1])
    if kind == "bin":
        if ast[1] == "/" and _zero_or_missing(ast[3]):
            return formula_text(ast)
        return zero_division(ast[2]) or zero_division(ast[3])
    found = [zero_division(a) for a in ast[2]]
    if ast[1] == "coalesce":
        return found[0] if all(found) else None
    return next((f for f in found if f), None)


def zero_reason(culprit: str) -> dict[str, str]:
    """The W-NEVER-SCORES reason for a division by a constant zero."""
    return {
        "reason": f"“{culprit}”除以常数 0，结果总是缺失值",
        "reason_en": f"'{culprit}' divides by the constant 0, so it is always missing",
    }


def field_range(f: FieldDef) -> tuple[float | None, float | None]:
    """The values a field can take: its own min/max, else what its type implies."""
    lo, hi = f.min, f.max
    if f.type == "percent":
        lo = 0.0 if lo is None else lo
        hi = 100.0 if hi is None else hi
    elif f.type == "count":
        lo = 0.0 if lo is None else lo
    return lo, hi


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
    fields = check_fields(field_defs, report)
    constraints = check_constraints(list(constraint_defs), fields, report)
    locs = {f.id: loc for f, loc in field_defs}
    formulas = _formula_order(fields, report, locs)
    grades = doc.grades
    _check_grades(doc, raw, report)
    grade_names = {g.name for g in grades}
    items: dict[str, Item] = {}
    first_loc: dict[str, tuple[str, int]] = {}
    # Items whose maximum cannot be known because they failed (points missing or unreadable):
    # a parent's sum over them would be wrong, so it is not checked (see _compute_maxima).
    unknown: set[str] = set()

    if not doc.items:
        report.add(problem("E-KEY-MISSING", shown, raw.loc[1], where="细则", key="items"))

    def where(node: Node) -> str:
        return f"项目 {node.id}「{node.name}」"

    def walk(nodes: list[Node], raws: Any, parent: str | None, level: int) -> None:
        for i, node in enumerate(nodes):
            nraw = raws[i] if isinstance(raws, list) and i < len(raws) and isinstance(raws[i], dict) else LDict()
            path, line = nraw.loc if isinstance(nraw, LDict) and nraw.loc[0] else (shown, 0)

            def at(*keys: Any) -> tuple[str, int]:
                return locate(nraw, keys) if isinstance(nraw, LDict) and nraw.loc[0] else (path, line)

            if node.id in first_loc:
                report.add(problem("E-ID-DUP", *at("id"), id=node.id, first=first_loc[node.id][1]))
            else:
                first_loc[node.id] = at("id")
            agg = node.aggregate or doc.aggregate  # a node's own choice, else the rubric's (not inherited)
            item = Item(
                id=node.id,
                name=node.name,
                level=level,
                parent=parent,
                max=0.0,
                weight=node.weight,
                aggregate=agg,
                evidence=node.evidence,
                description=node.description,
                path=path,
                line=line,
                missing=node.missing,
                waive=dict(node.waive or {}),
                raw=nraw if isinstance(nraw, LDict) and nraw.loc[0] else None,
            )
            if node.id not in items:
                items[node.id] = item
            if isinstance(node, InvalidNode):
                _invalid_points(node, nraw, item, unknown)
            elif not node.items and node.points is not None:
                item.max = float(node.points)  # kept when the rule fails; _leaf zeroes side rules
            elif not node.items and not (node.rule is not None and node.rule.type in SIDE_RULES):
                unknown.add(node.id)  # a leaf without points (E-KEY-MISSING)
            if node.items:
                if node.rule is not None or node.field or node.formula:
                    report.add(
                        problem(
                            "E-TREE",
                            *at("rule" if node.rule else "field"),
                            where=where(node),
                            reason="有下级项目的节点不能再设 rule、field 或 formula；把它们移到末级项目",
                        )
                    )
                walk(node.items, nraw.get("items") if isinstance(nraw, dict) else None, node.id, level + 1)
                item.children = tuple(c.id for c in node.items)
                continue
            if isinstance(node, InvalidNode):
                if node.field and node.field not in fields:
                    report.add(
                        problem(
                            "E-FIELD-UNKNOWN",
                            *at("field"),
                            where=where(node),
                            field=node.field,
                            suggestion=did_you_mean(node.field, fields),
                        )
                    )
                continue
            _leaf(node, item, at, where(node), fields, grade_names, report)

    walk(doc.items, raw.get("items"), None, 1)
    _compute_maxima(doc, items, unknown, report)
    roots = [n.id for n in doc.items]
    total = _root_max(doc, items, roots, raw, unknown, report)
    _check_decimals(doc, items, raw, report)
    return Rubric(
        id=doc.id,
        name=doc.name,
        path=shown,
        items=items,
        roots=roots,
        fields=fields,
        total=total,
        aggregate=doc.aggregate,
        decimals=doc.decimals,
        bonus_cap=doc.bonus_cap,
        grades=list(grades),
        version=doc.version,
        note=doc.note,
        source=doc.source,
        field_formulas=formulas,
        constraints=constraints,
        waive=dict(doc.waive or {}),
        raw=raw,
    )


def _leaf(
    node: Node, item: Item, at, where: str, fields: dict[str, FieldDef], grade_names: set[str], report: Report
) -> None:
    rule = node.rule
    if rule is None:
        report.add(problem("E-KEY-MISSING", *at(), where=where, key="rule"))
        return
    item.rule = rule
    if node.field and node.formula:
        report.add(problem("E-TREE", *at("formula"), where=where, reason="field 与 formula 只能设一个"))
    if not node.field and not node.formula:
        report.add(problem("E-KEY-MISSING", *at(), where=where, key="field"))
        return
    if node.unit is not None and node.field:
        report.add(
            problem(
                "E-TREE", *at("unit"), where=where, reason="unit 只用于 formula 项目；field 项目的计量单位来自指标字典"
            )
        )
    fdef: FieldDef | None = None
    if node.field:
        item.field = node.field
        fdef = fields.get(node.field)
        if fdef is None:
            report.add(
                problem(
                    "E-FIELD-UNKNOWN",
                    *at("field"),
                    where=where,
                    field=node.field,
                    suggestion=did_you_mean(node.field, fields),
                )
            )
            return
        ftype = fdef.type
    else:
        item.formula = node.formula
        try:
            item.formula_ast = fx.parse(node.formula)
        except fx.FormulaError as exc:
            report.add(problem("E-FORMULA", *at("formula"), where=where, formula=node.formula, reason=str(exc)))
            return
        for u in fx.fields_of(item.formula_ast):
            if u not in fields:
                report.add(
                    problem("E-FIELD-UNKNOWN", *at("formula"), where=where, field=u, suggestion=did_you_mean(u, fields))
                )
        item.unit = node.unit
        ftype = "percent" if node.unit == "%" else "number"

    side = rule.type in SIDE_RULES
    if side:
        if node.points not in (None, 0):
            report.add(
                problem(
                    "E-RULE",
                    *at("points"),
                    where=where,
                    reason=f"{rule.type} 项不计入满分，不设 points（扣分上限用 cap）",
                )
            )
        item.max = 0.0
    elif node.points is None:
        report.add(problem("E-KEY-MISSING", *at(), where=where, key="points"))
    else:
        item.max = float(node.points)
    points = item.max
    fid = node.field or node.formula

    def bad_type(expected: set[str]) -> bool:
        if ftype not in expected:
            report.add(
                problem("E-RULE-FIELD", *at("rule"), where=where, rule=rule.type, ftype=TYPE_ZH[ftype], field=fid)
            )
            return True
        return False

    lo, hi = field_range(fdef) if fdef else ((0.0, 100.0) if ftype == "percent" else (None, None))

    def in_range(name: str, value: float | None) -> None:
        if value is None:
            return
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            rng = (
                f"{'' if lo is None else lo:g}–{'' if hi is None else hi:g}"
                if lo is not None and hi is not None
                else (f"≥ {lo:g}" if lo is not None else f"≤ {hi:g}")
            )
            report.add(
                problem(
                    "E-RULE",
                    *at("rule", name),
                    where=where,
                    reason=f"{name} = {value:g} 超出指标“{fid}”的取值范围（{rng}）",
                )
            )

    t = rule.type
    if t == "boolean":
        bad_type({"bool"})
    elif t == "graded":
        if bad_type({"grade"}):
            return
        levels = fdef.levels or []
        unknown = [lv for lv in rule.levels if lv not in levels]
        if unknown:
            report.add(
                problem(
                    "E-RULE",
                    *at("rule", "levels"),
                    where=where,
                    reason=f"等次 {', '.join(unknown)} 不是指标“{fid}”的等次（{', '.join(levels)}）",
                )
            )
        unmapped = [lv for lv in levels if lv not in rule.levels]
        if unmapped:
            report.add(
                problem(
                    "E-RULE", *at("rule", "levels"), where=where, reason=f"未给等次 {', '.join(unmapped)} 设得分比例"
                )
            )
    elif t in ("negative", "bonus"):
        bad_type(NUMERIC | {"bool"})
    elif t == "veto":
        conditions = [c for c in (rule.when, rule.above, rule.below) if c is not None]
        if len(conditions) != 1:
            report.add(problem("E-RULE", *at("rule"), where=where, reason="一票否决须且只须设 when、above、below 之一"))
        elif rule.when is not None:
            bad_type({"bool"})
        else:
            bad_type(NUMERIC)
            in_range(
                "above" if rule.above is not None else "below", rule.above if rule.above is not None else rule.below
            )
        if rule.cap_total is None and rule.cap_grade is None:
            report.add(
                problem(
                    "E-RULE",
                    *at("rule"),
                    where=where,
                    reason="一票否决须设 cap_total（总分上限）或 cap_grade（最高等次）",
                )
            )
        if rule.cap_grade is not None and rule.cap_grade not in grade_names:
            report.add(
                problem(
                    "E-GRADE",
                    *at("rule", "cap_grade"),
                    reason=f"{where} 的 cap_grade“{rule.cap_grade}”不是细则的等次（{', '.join(sorted(grade_names)) or '未设等次'}）",
                )
            )
    else:
        if bad_type(NUMERIC):
            return
        higher = getattr(rule, "direction", "higher") == "higher"
        if t == "threshold":
            in_range("target", rule.target)
            if rule.partial > points:
                report.add(
                    problem(
                        "E-RULE",
                        *at("rule", "partial"),
                        where=where,
                        reason=f"未达标得分 partial {rule.partial:g} 超过满分 {points:g}",
                    )
                )
        elif t == "linear":
            in_range("target", rule.target)
            in_range("floor", rule.floor)
            if (higher and rule.floor >= rule.target) or (not higher and rule.floor <= rule.target):
                sign = "<" if higher else ">"
                report.add(
                    problem(
                        "E-RULE-ORDER",
                        *at("rule"),
                        where=where,
                        reason=f"direction 为 {rule.direction} 时应 floor {sign} target（现为 floor {rule.floor:g}，target {rule.target:g}）",
                    )
                )
        elif t == "bands":
            ats = [b.at for b in rule.bands]
            ordered = all(a > b for a, b in zip(ats, ats[1:])) if higher else all(a < b for a, b in zip(ats, ats[1:]))
            if not ordered:
                report.add(
                    problem(
                        "E-RULE-ORDER",
                        *at("rule", "bands"),
                        where=where,
                        reason=f"档位 at 应从最好的一档起{'递减' if higher else '递增'}（现为 {', '.join(f'{a:g}' for a in ats)}）",
                    )
                )
            for j, b in enumerate(rule.bands):
                in_range("at", b.at)
                if b.points > points:
                    report.add(
                        problem(
                            "E-RULE",
                            *at("rule", "bands", j),
                            where=where,
                            reason=f"档位得分 {b.points:g} 超过满分 {points:g}",
                        )
                    )
            if rule.else_ > points:
                report.add(
                    problem(
                        "E-RULE", *at("rule", "else"), where=where, reason=f"else {rule.else_:g} 超过满分 {points:g}"
                    )
                )
        elif t == "deduct":
            in_range("target", rule.target)
        elif t == "rank":
            for j, p in enumerate(rule.by_rank):
                if p > points:
                    report.add(
                        problem(
                            "E-RULE",
                            *at("rule", "by_rank", j),
                            where=where,
                            reason=f"名次得分 {p:g} 超过满分 {points:g}",
                        )
                    )
            if rule.else_ > points:
                report.add(
                    problem(
                        "E-RULE", *at("rule", "else"), where=where, reason=f"else {rule.else_:g} 超过满分 {points:g}"
                    )
                )


def _places(x: float) -> int:
    """How many decimal places a number as written needs (0.5 → 1, 1.25 → 2)."""
    text = f"{x:.10f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _check_decimals(doc: RubricDoc, items: dict[str, Item], raw: LDict, report: Report) -> None:
    """Scores are rounded to ``decimals``; a maximum that needs more places could be exceeded
    by rounding (0.5 points at 0 decimals rounds to 1), so it is an error."""
    d = doc.decimals
    declared: set[str] = set()

    def collect(nodes: list[Node]) -> None:
        for n in nodes:
            if n.points is not None:
                declared.add(n.id)
            collect(n.items)

    collect(doc.items)
    for it in items.values():
        # only maxima someone wrote: a derived sum is reported where its parts are
        checks = [("分值", it.max)] if it.id in declared else []
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
                        where=f"项目 {it.id}「{it.name}」",
                        what=what,
                        value=f"{value:g}",
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
                    where="细则",
                    what=what,
                    value=f"{value:g}",
                    needed=_places(value),
                    decimals=d,
                )
            )


def _check_grades(doc: RubricDoc, raw: LDict, report: Report) -> None:
    grades = doc.grades
    seen: set[str] = set()
    for j, g in enumerate(grades):
        path, line = locate(raw, ("grades", j))
        if g.name in seen:
            report.add(problem("E-GRADE", path, line, reason=f"等次名称“{g.name}”重复"))
        seen.add(g.name)
        if j and g.min_percent >= grades[j - 1].min_percent:
            report.add(
                problem(
                    "E-GRADE",
                    path,
                    line,
                    reason=f"等次应从高到低排列，min_percent 递减（“{g.name}”{g.min_percent:g} 不低于上一等次 {grades[j - 1].min_percent:g}）",
                )
            )


def _invalid_points(node: InvalidNode, nraw: Any, item: Item, unknown: set[str]) -> None:
    """The maximum of an item that failed validation, where its points are still readable, so
    that the sums above it stay right; otherwise the item is marked unknown."""
    pts = nraw.get("points") if isinstance(nraw, dict) else None
    rule = nraw.get("rule") if isinstance(nraw, dict) else None
    if isinstance(pts, (int, float)) and not isinstance(pts, bool) and pts >= 0:
        item.max = float(pts)
        node.points = float(pts)  # a parent's declared points, for the sum check
    elif pts is not None or not (node.items or (isinstance(rule, dict) and rule.get("type") in SIDE_RULES)):
        unknown.add(node.id)


def _compute_maxima(doc: RubricDoc, items: dict[str, Item], unknown: set[str], report: Report) -> None:
    """A parent without points is worth what its children add up to (weighted: 100).  A parent
    whose own points are given is checked against its children's sum (W-POINTS-SUM), unless a
    child failed so that the sum is not known."""
    declared: dict[str, float | None] = {}

    def collect(nodes: list[Node]) -> None:
        for n in nodes:
            declared[n.id] = n.points
            collect(n.items)

    collect(doc.items)
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
                        where=f"项目 {item.id}「{item.name}」",
                        sum=round(child_sum, 6),
                        points=item.max,
                        item=item.id,
                    )
                )


def _root_max(
    doc: RubricDoc, items: dict[str, Item], roots: list[str], raw: LDict, unknown: set[str], report: Report
) -> float:
    computed = sum(items[r].max for r in roots if r in items)
    if doc.aggregate == "weighted_mean":
        return float(doc.total) if doc.total is not None else 100.0
    if doc.total is not None and any(r in unknown for r in roots):
        return float(doc.total)  # a dimension failed: its sum is not known, nor the rubric's
    if doc.total is not None and abs(doc.total - computed) > 1e-9:
        path, line = locate(raw, ("total",))
        report.add(problem("W-TOTAL", path, line, declared=doc.total, actual=round(computed, 6)))
        return float(doc.total)
    return computed
