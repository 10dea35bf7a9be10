"""``extends``: a rubric written as changes to a base rubric, merged into one mapping.

``override`` deep-merges mappings into the base's items by id, ``remove`` drops items, ``add``
appends items (under ``parent``, or as new dimensions); every other key replaces the base's,
except ``fields``, which adds dictionaries to the base's.  Every value keeps the file and line it
came from, so that problems in the merged rubric point at the file that wrote them.
"""

from __future__ import annotations

from typing import Any

from ..core.problems import Report, did_you_mean, problem
from ..core.yamlsafe import LDict, LList
from ..core.yamlsafe import shown as shown_value
from .validate import type_problem
from .words import where

EXTENDS_KEYS = ("extends", "override", "remove", "add")


def merge_extends(base: LDict, child: LDict, report: Report) -> LDict:
    """The base rubric with the child's keys and changes applied (the base is not modified)."""
    merged = _copy(base)
    merged.pop("extends", None)
    for key, value in child.items():
        if key in EXTENDS_KEYS:
            continue
        merged[key] = _fields(base, child, value) if key == "fields" else value
        merged.key_locs[key] = child.loc_of(key)
    index = _index_items(merged)
    _override(child, index, report)
    _remove(child, index, report)
    _add(child, merged, index, report)
    return merged


def _fields(base: LDict, child: LDict, value: Any) -> LList:
    """A child adds dictionaries to its base's (each once, in order)."""
    combined = LList(loc=child.loc_of("fields"))
    for src in (base.get("fields") or [], value or []):
        for i, entry in enumerate(src):
            if entry not in combined:
                combined.append(entry)
                combined.item_locs.append(src.loc_of(i) if isinstance(src, LList) else child.loc)
    return combined


def _unknown(section: str, item_id: Any, loc: tuple, index: dict) -> Any:
    return problem(
        "E-OVERRIDE-UNKNOWN", loc[0], loc[1], section=section, id=item_id, suggestion=did_you_mean(str(item_id), index)
    )


def _override(child: LDict, index: dict, report: Report) -> None:
    for item_id, patch in (child.get("override") or {}).items():
        loc = child["override"].loc_of(item_id)
        if item_id not in index:
            report.add(_unknown("override", item_id, loc, index))
        elif not isinstance(patch, LDict):
            at = where("override", id=item_id)
            report.add(type_problem(loc[0], loc[1], at, item_id, shown_value(patch), "override_mapping"))
        else:
            _deep_merge(index[item_id][0], patch)


def _remove(child: LDict, index: dict, report: Report) -> None:
    removals = child.get("remove") or []
    for i, item_id in enumerate(removals):
        loc = removals.loc_of(i) if isinstance(removals, LList) else child.loc
        if item_id not in index:
            report.add(_unknown("remove", item_id, loc, index))
            continue
        node, siblings = index[item_id]
        siblings_pos = next(j for j, x in enumerate(siblings) if x is node)
        del siblings[siblings_pos]
        if isinstance(siblings, LList):
            del siblings.item_locs[siblings_pos]


def _add(child: LDict, merged: LDict, index: dict, report: Report) -> None:
    additions = child.get("add") or []
    for i, node in enumerate(additions):
        loc = additions.loc_of(i) if isinstance(additions, LList) else child.loc
        if not isinstance(node, LDict):
            report.add(type_problem(loc[0], loc[1], where("add"), "add", shown_value(node), "add_item"))
            continue
        parent = node.pop("parent", None)
        if parent is None:
            target = merged.setdefault("items", LList(loc=loc))
        elif parent in index:
            target = index[parent][0].setdefault("items", LList(loc=loc))
        else:
            report.add(_unknown("add.parent", parent, loc, index))
            continue
        target.append(node)
        if isinstance(target, LList):
            target.item_locs.append(loc)


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
