"""Validating rubric mappings against the declared models (``model``), every pydantic error
mapped onto a catalogue problem at the file and line it concerns."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..core.problems import Problem, Report, did_you_mean, problem
from ..core.yamlsafe import LDict, locate
from ..core.yamlsafe import shown as shown_value
from .model import RULE_TYPES, AddedNode, FieldDef, InvalidNode, Node, RubricDoc
from .words import both, where, where_item

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

# pydantic error types worded by the catalogue (rubric.expected.<type>); the others by their context
_EXPECTED = {
    "float_type": "number",
    "float_parsing": "number",
    "int_type": "whole",
    "int_parsing": "whole",
    "int_from_float": "whole",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "string_type": "text",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "string_too_short": "not_empty",
    "string_pattern_mismatch": "identifier",
    "finite_number": "finite",
    "pattern_placeholder": "pattern_placeholder",
    "pattern_number": "pattern_number",
    "pattern_value_number": "pattern_value_number",
    "pattern_alias": "pattern_alias",
    "pattern_empty": "pattern_empty",
}


def validate(model, data: Any, root: Any, report: Report, prefix: tuple = ()):
    """Validate ``data`` with a pydantic model; map every error onto the catalogue."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            report.add(_problem_from(err, root, prefix))
        return None


def type_problem(path: str, line: int | None, at: dict, key: str, value: Any, expected: str) -> Problem:
    """E-TYPE: ``key`` (at ``at``: a ``where``) holds ``value`` where ``rubric.expected.<expected>`` belongs."""
    return problem("E-TYPE", path, line, **at, key=key, value=value, **both("expected", f"expected.{expected}"))


def validate_nodes(raws: Any, prefix: tuple, root: LDict, report: Report) -> tuple[list[Node], bool]:
    """Validate the tree one node at a time, so that one bad item does not hide the others.

    An invalid node is still built (without its rule) so that the whole-rubric checks (ids,
    fields) run over the entire tree; the flag says whether every node was valid."""
    if raws is None:
        return [], True
    if not isinstance(raws, list):
        path, line = locate(root, prefix)
        report.add(type_problem(path, line, where("rubric"), prefix[-1], shown_value(raws), "items"))
        return [], False
    ok = True
    out: list[Node] = []
    for i, nraw in enumerate(raws):
        here = prefix + (i,)
        if not isinstance(nraw, dict):
            path, line = locate(root, here)
            report.add(type_problem(path, line, where("rubric"), "items", shown_value(nraw), "item"))
            ok = False
            continue
        children, kids_ok = validate_nodes(nraw.get("items"), here + ("items",), root, report)
        node = validate(Node, {k: v for k, v in nraw.items() if k != "items"}, root, report, here)
        if node is None or not kids_ok:
            ok = False
        if node is None:
            node = _invalid_node(nraw)
        node.items = children
        out.append(node)
    return out, ok


def _invalid_node(nraw: dict) -> Node:
    """A node that failed validation, kept (without its rule) for the checks of the whole tree."""
    field = nraw.get("field") if isinstance(nraw.get("field"), str) else None
    return InvalidNode.model_construct(
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


def _problem_from(err: dict, root: Any, prefix: tuple = ()) -> Problem:
    loc = prefix + tuple(err["loc"])
    path, line = locate(root, loc)
    at = _where(root, loc)
    kind = err["type"]
    ctx = err.get("ctx") or {}
    # pydantic names the rule type it tried after "rule" (rule.bands.bands): that is no key
    keys = [s for i, s in enumerate(loc) if isinstance(s, str) and not (i and loc[i - 1] == "rule" and s in RULE_TYPES)]
    value = err.get("input")
    if kind == "extra_forbidden":
        suggestion = did_you_mean(str(loc[-1]), _KNOWN_KEYS)
        return problem("E-KEY-UNKNOWN", path, line, **at, key=loc[-1], suggestion=suggestion)
    if kind == "missing":
        return problem("E-KEY-MISSING", path, line, **at, key=loc[-1])
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", value)
        suggestion = did_you_mean(str(ctx.get("tag", "")), RULE_TYPES)
        return problem("E-RULE-TYPE", path, line, **at, value=tag, choices=", ".join(RULE_TYPES), suggestion=suggestion)
    if kind == "union_tag_not_found":
        return problem("E-KEY-MISSING", path, line, **at, key="type")
    key = {"key": keys[-1], "key_en": keys[-1]} if keys else both("key", "key.top")
    if kind == "points_negative" or (key["key"] == "points" and kind in ("greater_than_equal", "greater_than")):
        return problem("E-POINTS", path, line, **at, value=shown_value(value))
    return problem("E-TYPE", path, line, **at, **key, value=shown_value(value), **_expected(err, kind, ctx))


def _expected(err: dict, kind: str, ctx: dict) -> dict[str, str]:
    """What a value should have been, as ``expected`` / ``expected_en``."""
    if kind in _EXPECTED:
        return both("expected", f"expected.{_EXPECTED[kind]}", m=ctx.get("m", ""))
    if kind == "literal_error":
        choices = str(ctx.get("expected", ""))
        listed = choices.replace("'", "").replace(" or ", "、").replace(", ", "、")
        return both("expected", "expected.choices", choices=listed, raw=choices)
    bounds = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le"}
    if kind in bounds:
        return both("expected", f"expected.{bounds[kind]}", bound=ctx.get(bounds[kind]))
    if kind == "too_short":
        return both("expected", "expected.min_length", n=ctx.get("min_length", 1))
    text = err.get("msg", kind)
    return {"expected": text, "expected_en": text}


def _where(root: Any, loc: tuple) -> dict[str, str]:
    """Name the object an error is in: 项目 1.2.3「名称」, 指标 id, or 细则 (with its English)."""
    cur = root
    label = where("rubric")
    for step in loc:
        if isinstance(cur, dict) and isinstance(step, str) and step in cur:
            cur = cur[step]
        elif isinstance(cur, list) and isinstance(step, int) and 0 <= step < len(cur):
            cur = cur[step]
        else:
            continue
        if isinstance(cur, dict) and "id" in cur:
            if "items" in cur or "rule" in cur or "points" in cur or "field" in cur and "type" not in cur:
                label = where_item(_plain(cur["id"]), _plain(cur["name"]) if cur.get("name") else "")
            else:
                label = where("field", id=_plain(cur["id"]))
    return label


def _plain(value: Any) -> str:
    """An id or a name for a message: text as it is, anything else as YAML writes it."""
    return value if isinstance(value, str) else shown_value(value)
