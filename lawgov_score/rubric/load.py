"""Rubric files → a validated, compiled ``Rubric``, with every problem reported together.

Stages, each collecting problems rather than stopping at the first:
1. read YAML safely, with locations (``yamlsafe``);
2. resolve ``extends`` by merging mappings (``override`` deep-merges by item id, ``remove``
   drops items, ``add`` appends them), so that every value keeps the file and line it came from;
3. load the field dictionaries the rubric names;
4. validate the merged mapping against the declared models (``model``);
5. check the whole (``semantics``) and compile.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core import yamlsafe
from ..core.paths import shown_path
from ..core.problems import Problem, ProblemError, Report, did_you_mean, problem
from ..core.yamlsafe import LDict, LList, locate
from ..core.yamlsafe import shown as shown_value
from .compiled import Rubric
from .model import RULE_TYPES, AddedNode, FieldDef, FieldsDoc, InvalidNode, Node, RubricDoc

EXTENDS_KEYS = ("extends", "override", "remove", "add")


def read_rubric(path: str | Path) -> tuple[Rubric | None, Report]:
    """Load a rubric; never raises on bad input.  The rubric is None when it has errors."""
    report = Report()
    shown = shown_path(path)
    raw = _load_doc(Path(path), shown, [], report)
    if raw is None:
        return None, report
    if "items" not in raw and "fields" in raw and not any(k in raw for k in EXTENDS_KEYS):
        report.add(
            problem(
                "E-TREE",
                shown,
                raw.loc[1],
                where="细则",
                reason="这是指标字典文件（只有 fields），不是细则；用 `rubric check` 检查它",
            )
        )
        return None, report
    constraints: list = []
    fields = _load_fields(raw, report, constraints)
    doc = _validate(RubricDoc, {k: v for k, v in raw.items() if k not in ("fields", "items")}, raw, report)
    items, _ = _validate_nodes(raw.get("items"), ("items",), raw, report)
    if doc is None or fields is None:
        return None, report
    doc.items = items  # possibly with invalid nodes: the whole-rubric checks still run
    from .semantics import compile_rubric

    rubric = compile_rubric(doc, raw, fields, shown, report, constraints)
    if not report.ok:
        return None, report
    rubric.files = sorted(set(_files(raw)))
    return rubric, report


def load_rubric(path: str | Path) -> Rubric:
    """Load a rubric or raise ``ProblemError`` carrying every problem found."""
    rubric, report = read_rubric(path)
    if rubric is None:
        raise ProblemError(report)
    return rubric


def read_fields_file(path: str | Path) -> tuple[list[FieldDef] | None, Report]:
    """Load a field dictionary file on its own (what `rubric check` does with fields.yaml)."""
    report = Report()
    shown = shown_path(path)
    raw, probs = yamlsafe.load_file(path, shown)
    report.extend(probs)
    if raw is None or probs:
        if raw is None and not probs:
            report.add(problem("E-FILE", shown, reason="文件为空"))
        return None, report
    doc = _validate(FieldsDoc, raw, raw, report)
    if doc is None:
        return None, report
    from .semantics import check_constraints, check_fields

    defs = [(f, raw["fields"].loc_of(i)) for i, f in enumerate(doc.fields)]
    fields = check_fields(defs, report)
    check_constraints(_constraint_defs(doc, raw), fields, report)
    return (doc.fields if report.ok else None), report


def _constraint_defs(doc: FieldsDoc, raw: LDict) -> list:
    """The dictionary's constraints, each with the file and line it is written on."""
    entries = raw.get("constraints")
    return [(c, entries.loc_of(j) if isinstance(entries, LList) else raw.loc) for j, c in enumerate(doc.constraints)]


def is_fields_file(path: str | Path) -> bool:
    """True when a YAML file is a field dictionary rather than a rubric (for `rubric check`)."""
    raw, _ = yamlsafe.load_file(path)
    return isinstance(raw, dict) and "fields" in raw and "items" not in raw and not any(k in raw for k in EXTENDS_KEYS)


# --- stage 1–2: files and extends ---------------------------------------------------------


def _load_doc(path: Path, shown: str, chain: list[str], report: Report) -> LDict | None:
    raw, probs = yamlsafe.load_file(path, shown)
    report.extend(probs)
    if raw is None:
        if not probs:
            report.add(problem("E-FILE", shown, reason="文件为空"))
        return None
    if not isinstance(raw, LDict):
        report.add(
            problem(
                "E-TYPE",
                shown,
                1,
                where="细则",
                key="(顶层)",
                value=shown_value(raw),
                expected="顶层应为映射（id、name、items 等键）",
                expected_en="the top level must be a mapping (id, name, items …)",
            )
        )
        return None
    if any(p.code != "E-YAML-DUPKEY" for p in probs):  # a bad tag: the mapping cannot be trusted
        return None  # (after a duplicate key the first value is kept, so checking goes on)
    _resolve_field_paths(raw, path, shown)
    if "extends" not in raw:
        return raw
    target = raw["extends"]
    line = raw.loc_of("extends")[1]
    if not isinstance(target, str) or not target.strip():
        report.add(
            problem(
                "E-TYPE",
                shown,
                line,
                where="细则",
                key="extends",
                value=shown_value(target),
                expected="应为细则文件的路径",
                expected_en="a path to the base rubric",
            )
        )
        return None
    base_path = (path.parent / target).resolve()
    base_shown = os.path.normpath(os.path.join(os.path.dirname(shown), target))
    here = str(path.resolve())
    if str(base_path) in chain + [here]:
        names = [Path(p).name for p in chain + [here]] + [base_path.name]
        report.add(problem("E-EXTENDS-CYCLE", shown, line, cycle=" → ".join(names)))
        return None
    if not base_path.exists():
        report.add(problem("E-EXTENDS-MISSING", shown, line, target=base_shown))
        return None
    base = _load_doc(base_path, base_shown, chain + [here], report)
    if base is None:
        return None
    return _merge_extends(base, raw, report)


def _resolve_field_paths(raw: LDict, path: Path, shown: str) -> None:
    """Turn field-dictionary paths into (real path, shown path) pairs relative to their file."""
    entries = raw.get("fields")
    if not isinstance(entries, LList):
        return
    for i, entry in enumerate(entries):
        if isinstance(entry, str):
            entries[i] = _FieldRef(
                str((path.parent / entry).resolve()), os.path.normpath(os.path.join(os.path.dirname(shown), entry))
            )


class _FieldRef(str):
    """A field-dictionary path that remembers how to show itself."""

    def __new__(cls, real: str, shown: str):
        obj = super().__new__(cls, real)
        obj.shown = shown
        return obj


def _merge_extends(base: LDict, child: LDict, report: Report) -> LDict:
    merged = _copy(base)
    merged.pop("extends", None)
    for key, value in child.items():
        if key in EXTENDS_KEYS:
            continue
        if key == "fields":  # a child adds dictionaries to its base's
            combined = LList(loc=child.loc_of(key))
            for src in (base.get("fields") or [], value or []):
                for i, entry in enumerate(src):
                    if entry not in combined:
                        combined.append(entry)
                        combined.item_locs.append(src.loc_of(i) if isinstance(src, LList) else child.loc)
            merged[key] = combined
        else:
            merged[key] = value
        merged.key_locs[key] = child.loc_of(key)
    index = _index_items(merged)
    shown, _ = child.loc
    for item_id, patch in (child.get("override") or {}).items():
        loc = child["override"].loc_of(item_id)
        if item_id not in index:
            report.add(
                problem(
                    "E-OVERRIDE-UNKNOWN",
                    loc[0],
                    loc[1],
                    section="override",
                    id=item_id,
                    suggestion=did_you_mean(item_id, index),
                )
            )
            continue
        if not isinstance(patch, LDict):
            report.add(
                problem(
                    "E-TYPE",
                    loc[0],
                    loc[1],
                    where=f"override {item_id}",
                    key=item_id,
                    value=shown_value(patch),
                    expected="应为映射（要改的键: 新值）",
                    expected_en="a mapping of keys to new values",
                )
            )
            continue
        _deep_merge(index[item_id][0], patch)
    removals = child.get("remove") or []
    for i, item_id in enumerate(removals):
        loc = removals.loc_of(i) if isinstance(removals, LList) else child.loc
        if item_id not in index:
            report.add(
                problem(
                    "E-OVERRIDE-UNKNOWN",
                    loc[0],
                    loc[1],
                    section="remove",
                    id=item_id,
                    suggestion=did_you_mean(str(item_id), index),
                )
            )
            continue
        node, siblings = index[item_id]
        siblings_pos = next(j for j, x in enumerate(siblings) if x is node)
        del siblings[siblings_pos]
        if isinstance(siblings, LList):
            del siblings.item_locs[siblings_pos]
    additions = child.get("add") or []
    for i, node in enumerate(additions):
        loc = additions.loc_of(i) if isinstance(additions, LList) else child.loc
        if not isinstance(node, LDict):
            report.add(
                problem(
                    "E-TYPE",
                    loc[0],
                    loc[1],
                    where="add",
                    key="add",
                    value=shown_value(node),
                    expected="每项应为一个项目的映射",
                    expected_en="each entry must be an item mapping",
                )
            )
            continue
        parent = node.pop("parent", None)
        if parent is None:
            target = merged.setdefault("items", LList(loc=loc))
        elif parent in index:
            target = index[parent][0].setdefault("items", LList(loc=loc))
        else:
            report.add(
                problem(
                    "E-OVERRIDE-UNKNOWN",
                    loc[0],
                    loc[1],
                    section="add.parent",
                    id=parent,
                    suggestion=did_you_mean(str(parent), index),
                )
            )
            continue
        target.append(node)
        if isinstance(target, LList):
            target.item_locs.append(loc)
    return merged


def _copy(value: Any) -> Any:
    """Deep copy that keeps locations (merging must never modify the base's loaded mapping)."""
    if isinstance(value, LDict):
        out = LDict(loc=value.loc)
        for k, v in value.items():
            out[k] = _copy(v)
        out.key_locs = dict(value.key_locs)
        return out
    if isinstance(value, LList):
        out = LList(loc=value.loc)
        out.extend(_copy(v) for v in value)
        out.item_locs = list(value.item_locs)
        return out
    return value


def _index_items(doc: LDict) -> dict[str, tuple[LDict, list]]:
    """id → (item mapping, the list holding it) for every item in the tree."""
    out: dict[str, tuple[LDict, list]] = {}

    def walk(items: Any) -> None:
        if not isinstance(items, list):
            return
        for node in items:
            if isinstance(node, dict):
                if "id" in node:
                    out.setdefault(str(node["id"]), (node, items))
                walk(node.get("items"))

    walk(doc.get("items"))
    return out


def _deep_merge(target: LDict, patch: LDict) -> None:
    for key, value in patch.items():
        current = target.get(key)
        replace_rule = (
            key == "rule"
            and isinstance(value, dict)
            and isinstance(current, dict)
            and "type" in value
            and value.get("type") != current.get("type")
        )
        if isinstance(current, LDict) and isinstance(value, LDict) and not replace_rule:
            _deep_merge(current, value)
        else:
            target[key] = value
        target.key_locs[key] = patch.loc_of(key)


def _files(raw: LDict) -> list[str]:
    out: list[str] = []

    def walk(v: Any) -> None:
        if isinstance(v, LDict):
            out.append(v.loc[0])
            for x in v.values():
                walk(x)
        elif isinstance(v, LList):
            for x in v:
                walk(x)

    walk(raw)
    return out


# --- stage 3: field dictionaries ----------------------------------------------------------


def _load_fields(raw: LDict, report: Report, constraints: list) -> list[tuple[FieldDef, tuple[str, int]]] | None:
    """Every field definition the rubric can see, with where it was written; the constraints
    the dictionaries declare are added to ``constraints``."""
    entries = raw.get("fields")
    if entries is None:
        return []
    if not isinstance(entries, list):
        loc = raw.loc_of("fields")
        report.add(
            problem(
                "E-TYPE",
                loc[0],
                loc[1],
                where="细则",
                key="fields",
                value=shown_value(entries),
                expected="应为指标字典文件路径或指标定义的列表",
                expected_en="a list of dictionary paths or field definitions",
            )
        )
        return None
    out: list[tuple[FieldDef, tuple[str, int]]] = []
    ok = True
    for i, entry in enumerate(entries):
        loc = entries.loc_of(i) if isinstance(entries, LList) else raw.loc
        if isinstance(entry, _FieldRef):
            fraw, probs = yamlsafe.load_file(str(entry), entry.shown)
            if probs or fraw is None:
                # A dictionary that cannot be read at all is the rubric's problem, at the line
                # that names it; what is wrong inside a readable one stays at its own line.
                unreadable = [p for p in probs if p.code == "E-FILE"] or ([] if probs else [None])
                for p in unreadable:
                    why = dict(p.params)["reason"] if p is not None else "为空"
                    report.add(problem("E-FILE", loc[0], loc[1], reason=f"指标字典 {entry.shown} {why}"))
                report.extend(p for p in probs if p.code != "E-FILE")
                ok = False
                continue
            if not isinstance(fraw, LDict) or "fields" not in fraw:
                report.add(
                    problem(
                        "E-TYPE",
                        entry.shown,
                        1,
                        where="指标字典",
                        key="fields",
                        value="",
                        expected="指标字典应有顶层键 fields",
                        expected_en="a field dictionary needs a top-level 'fields' list",
                    )
                )
                ok = False
                continue
            doc = _validate(FieldsDoc, fraw, fraw, report)
            if doc is None:
                ok = False
                continue
            out += [(f, fraw["fields"].loc_of(j)) for j, f in enumerate(doc.fields)]
            constraints += _constraint_defs(doc, fraw)
        elif isinstance(entry, dict):
            f = _validate(FieldDef, entry, entry, report)
            if f is None:
                ok = False
                continue
            out.append((f, loc))
        else:
            report.add(
                problem(
                    "E-TYPE",
                    loc[0],
                    loc[1],
                    where="细则",
                    key="fields",
                    value=shown_value(entry),
                    expected="应为指标字典文件路径或指标定义",
                    expected_en="a dictionary path or a field definition",
                )
            )
            ok = False
    return out if ok else None


# --- stage 4: validation against the models -------------------------------------------------

_KNOWN_KEYS = sorted(
    set(RubricDoc.model_fields)
    | set(Node.model_fields)
    | set(FieldDef.model_fields)
    | set(AddedNode.model_fields)
    | {
        "type",
        "expect",
        "target",
        "direction",
        "partial",
        "floor",
        "bands",
        "at",
        "else",
        "each",
        "per",
        "cap",
        "steps",
        "levels",
        "when",
        "above",
        "below",
        "cap_total",
        "cap_grade",
        "within",
        "alone",
        "by_rank",
        "min_percent",
        "match",
        "units",
        "context",
        "breaks",
        "exclude",
        "value",
        "single",
        "priority",
        "avoid",
        "shared",
        "check",
        "severity",
        "why",
        "constraints",
    }
)

_EXPECTED = {  # pydantic error type → (zh, en)
    "float_type": ("应为数字", "a number"),
    "float_parsing": ("应为数字", "a number"),
    "int_type": ("应为整数", "a whole number"),
    "int_parsing": ("应为整数", "a whole number"),
    "int_from_float": ("应为整数", "a whole number"),
    "bool_type": ("应为 true 或 false", "true or false"),
    "bool_parsing": ("应为 true 或 false", "true or false"),
    "string_type": ("应为文字", "text"),
    "list_type": ("应为列表（以 - 开头的各行）", "a list"),
    "dict_type": ("应为映射（键: 值）", "a mapping"),
    "model_type": ("应为映射（键: 值）", "a mapping"),
    "model_attributes_type": ("应为映射（键: 值）", "a mapping"),
    "string_too_short": ("不能为空", "must not be empty"),
    "string_pattern_mismatch": (
        "只能用英文字母、数字和下划线，且不以数字开头",
        "letters, digits and _ only, not starting with a digit",
    ),
    "finite_number": ("应为有限的数", "a finite number"),
}


def _validate(model, data: Any, root: Any, report: Report, prefix: tuple = ()):
    """Validate ``data`` with a pydantic model; map every error onto the catalogue."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            report.add(_problem_from(err, root, prefix))
        return None


def _validate_nodes(raws: Any, prefix: tuple, root: LDict, report: Report) -> tuple[list[Node], bool]:
    """Validate the tree one node at a time, so that one bad item does not hide the others.

    An invalid node is still built (without its rule) so that the whole-rubric checks (ids,
    fields) run over the entire tree; the flag says whether every node was valid."""
    if raws is None:
        return [], True
    if not isinstance(raws, list):
        path, line = locate(root, prefix)
        report.add(
            problem(
                "E-TYPE",
                path,
                line,
                where="细则",
                key=prefix[-1],
                value=shown_value(raws),
                expected="应为项目列表（以 - 开头）",
                expected_en="a list of items",
            )
        )
        return [], False
    ok = True
    out: list[Node] = []
    for i, nraw in enumerate(raws):
        here = prefix + (i,)
        if not isinstance(nraw, dict):
            path, line = locate(root, here)
            report.add(
                problem(
                    "E-TYPE",
                    path,
                    line,
                    where="细则",
                    key="items",
                    value=shown_value(nraw),
                    expected="每个项目应为映射（id、name、points …）",
                    expected_en="each item must be a mapping",
                )
            )
            ok = False
            continue
        children, kids_ok = _validate_nodes(nraw.get("items"), here + ("items",), root, report)
        node = _validate(Node, {k: v for k, v in nraw.items() if k != "items"}, root, report, here)
        if node is None or not kids_ok:
            ok = False
        if node is None:
            field = nraw.get("field") if isinstance(nraw.get("field"), str) else None
            node = InvalidNode.model_construct(
                id=str(nraw.get("id", "?")),
                name=str(nraw.get("name", "")),
                points=None,
                weight=1,
                aggregate=None,
                items=[],
                field=field,
                formula=None,
                rule=None,
                missing="zero",
                evidence=None,
                description=None,
            )
        node.items = children
        out.append(node)
    return out, ok


def _problem_from(err: dict, root: Any, prefix: tuple = ()) -> Problem:
    loc = prefix + tuple(err["loc"])
    path, line = locate(root, loc)
    where = _where(root, loc)
    kind = err["type"]
    ctx = err.get("ctx") or {}
    # pydantic names the rule type it tried after "rule" (rule.bands.bands): that is no key
    keys = [s for i, s in enumerate(loc) if isinstance(s, str) and not (i and loc[i - 1] == "rule" and s in RULE_TYPES)]
    key = keys[-1] if keys else "(顶层)"
    value = err.get("input")
    value_text = shown_value(value)
    if kind == "extra_forbidden":
        return problem(
            "E-KEY-UNKNOWN", path, line, where=where, key=loc[-1], suggestion=did_you_mean(str(loc[-1]), _KNOWN_KEYS)
        )
    if kind == "missing":
        return problem("E-KEY-MISSING", path, line, where=where, key=loc[-1])
    if kind == "union_tag_invalid":
        return problem(
            "E-RULE-TYPE",
            path,
            line,
            where=where,
            value=ctx.get("tag", value),
            choices=", ".join(RULE_TYPES),
            suggestion=did_you_mean(str(ctx.get("tag", "")), RULE_TYPES),
        )
    if kind == "union_tag_not_found":
        return problem("E-KEY-MISSING", path, line, where=where, key="type")
    if kind == "points_negative" or (key == "points" and kind in ("greater_than_equal", "greater_than")):
        return problem("E-POINTS", path, line, where=where, value=value_text)
    if kind in _EXPECTED:
        zh, en = _EXPECTED[kind]
    elif kind == "literal_error":
        choices = str(ctx.get("expected", ""))
        zh = "可选：" + choices.replace("'", "").replace(" or ", "、").replace(", ", "、")
        en = f"one of {choices}"
    elif kind == "greater_than_equal":
        zh, en = f"应不小于 {ctx.get('ge')}", f"must be ≥ {ctx.get('ge')}"
    elif kind == "greater_than":
        zh, en = f"应大于 {ctx.get('gt')}", f"must be > {ctx.get('gt')}"
    elif kind == "less_than_equal":
        zh, en = f"应不大于 {ctx.get('le')}", f"must be ≤ {ctx.get('le')}"
    elif kind == "too_short":
        zh, en = f"至少需要 {ctx.get('min_length', 1)} 项", f"needs at least {ctx.get('min_length', 1)} entries"
    else:
        zh = en = err.get("msg", kind)
    return problem("E-TYPE", path, line, where=where, key=key, value=value_text, expected=zh, expected_en=en)


def _where(root: Any, loc: tuple) -> str:
    """Name the object an error is in: 项目 1.2.3「名称」, 指标 id, or 细则."""
    cur = root
    label = "细则"
    for step in loc:
        if isinstance(cur, dict) and isinstance(step, str) and step in cur:
            cur = cur[step]
        elif isinstance(cur, list) and isinstance(step, int) and 0 <= step < len(cur):
            cur = cur[step]
        else:
            continue
        if isinstance(cur, dict) and "id" in cur:
            if "items" in cur or "rule" in cur or "points" in cur or "field" in cur and "type" not in cur:
                label = f"项目 {_plain(cur['id'])}" + (f"「{_plain(cur['name'])}」" if cur.get("name") else "")
            else:
                label = f"指标 {_plain(cur['id'])}"
    return label


def _plain(value: Any) -> str:
    """An id or a name for a message: text as it is, anything else as YAML writes it."""
    return value if isinstance(value, str) else shown_value(value)
