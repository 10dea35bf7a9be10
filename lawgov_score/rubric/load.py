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

from ..core import yamlsafe
from ..core.paths import shown_path
from ..core.problems import ProblemError, Report, problem
from ..core.yamlsafe import LDict, LList
from ..core.yamlsafe import shown as shown_value
from .compiled import Rubric
from .extends import EXTENDS_KEYS, merge_extends
from .model import FieldDef, FieldsDoc, RubricDoc
from .validate import type_problem, validate, validate_nodes
from .words import both, reason, where


def read_rubric(path: str | Path) -> tuple[Rubric | None, Report]:
    """Load a rubric; never raises on bad input.  The rubric is None when it has errors."""
    report = Report()
    shown = shown_path(path)
    raw = _load_doc(Path(path), shown, [], report)
    if raw is None:
        return None, report
    if "items" not in raw and "fields" in raw and not any(k in raw for k in EXTENDS_KEYS):
        report.add(problem("E-TREE", shown, raw.loc[1], **where("rubric"), **reason("fields_file")))
        return None, report
    constraints: list = []
    fields = _load_fields(raw, report, constraints)
    doc = validate(RubricDoc, {k: v for k, v in raw.items() if k not in ("fields", "items")}, raw, report)
    items, _ = validate_nodes(raw.get("items"), ("items",), raw, report)
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
            report.add(problem("E-FILE", shown, **reason("empty_file")))
        return None, report
    doc = validate(FieldsDoc, raw, raw, report)
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
            report.add(problem("E-FILE", shown, **reason("empty_file")))
        return None
    if not isinstance(raw, LDict):
        report.add(
            problem(
                "E-TYPE",
                shown,
                1,
                **where("rubric"),
                **both("key", "key.top"),
                value=shown_value(raw),
                **both("expected", "expected.top_mapping"),
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
        report.add(type_problem(shown, line, where("rubric"), "extends", shown_value(target), "extends_path"))
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
    return merge_extends(base, raw, report)


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
        report.add(type_problem(loc[0], loc[1], where("rubric"), "fields", shown_value(entries), "fields_list"))
        return None
    out: list[tuple[FieldDef, tuple[str, int]]] = []
    ok = True
    for i, entry in enumerate(entries):
        loc = entries.loc_of(i) if isinstance(entries, LList) else raw.loc
        if isinstance(entry, _FieldRef):
            found = _dictionary(entry, loc, report, constraints)
        elif isinstance(entry, dict):
            f = validate(FieldDef, entry, entry, report)
            found = None if f is None else [(f, loc)]
        else:
            report.add(type_problem(loc[0], loc[1], where("rubric"), "fields", shown_value(entry), "field_entry"))
            found = None
        ok = ok and found is not None
        out += found or []
    return out if ok else None


def _dictionary(entry: _FieldRef, loc: tuple, report: Report, constraints: list) -> list | None:
    """The field definitions of one dictionary file a rubric names (None when it fails)."""
    fraw, probs = yamlsafe.load_file(str(entry), entry.shown)
    if probs or fraw is None:
        # A dictionary that cannot be read at all is the rubric's problem, at the line
        # that names it; what is wrong inside a readable one stays at its own line.
        unreadable = [p for p in probs if p.code == "E-FILE"] or ([] if probs else [None])
        for p in unreadable:
            if p is None:
                why = reason("dictionary_empty", path=entry.shown)
            else:
                said = dict(p.params)
                why = reason("dictionary_unreadable", path=entry.shown, why=said["reason"], why_en=_en(said, "reason"))
            report.add(problem("E-FILE", loc[0], loc[1], **why))
        report.extend(p for p in probs if p.code != "E-FILE")
        return None
    if not isinstance(fraw, LDict) or "fields" not in fraw:
        report.add(type_problem(entry.shown, 1, where("dictionary"), "fields", "", "dictionary_fields"))
        return None
    doc = validate(FieldsDoc, fraw, fraw, report)
    if doc is None:
        return None
    constraints += _constraint_defs(doc, fraw)
    return [(f, fraw["fields"].loc_of(j)) for j, f in enumerate(doc.fields)]


def _en(params: dict, name: str) -> str:
    """A problem parameter in English: its ``<name>_en`` where the problem gives one."""
    return params.get(f"{name}_en", params[name])
