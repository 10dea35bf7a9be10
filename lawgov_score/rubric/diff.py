"""What changed between two rubrics, compared as compiled rubrics rather than as text.

Both sides are loaded and compiled first (``extends`` resolved, defaults filled in, parents'
maxima worked out), so reformatting, reordering keys, moving a value into a base rubric or
spelling a default out changes nothing, while a changed target or weight always shows.

Items are paired by id; an id that disappears while another appears is the same item
renumbered when both carry the same name (or, for leaves, read the same field).  Each change is
one ``Change``: what kind, which item, which key, the old and the new value, and whether it can
change a score.  Where a value is an item or a rule as a whole (an item added or removed, a rule
of another type), the change holds a ``Described`` that ``RubricDiff.worded`` puts into words in
either language; the comparison itself has no words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..core.problems import Report
from .compiled import Item, Rubric

# Rule keys that are thresholds (what a unit must reach), reported as "target" changes.
TARGET_KEYS = frozenset({"target", "floor", "bands", "above", "below"})
FIELD_KEYS = ("name", "type", "levels", "formula", "min", "max", "aliases")  # what reading or scoring uses

TEXT_KINDS = frozenset({"renamed", "evidence", "description", "rubric"})  # cannot change a score


@dataclass(frozen=True)
class Change:
    kind: str  # added, removed, renamed, renumbered, moved, points, rule, target, field, … (views name them)
    id: str  # the item's id (in the new rubric; in the old one when removed); "" for the rubric
    name: str  # the item's name, a grade's or a field's name
    key: str  # what changed: "points", "rule.target", "grades.良好", "fields.x.formula", "id", …
    old: Any = None
    new: Any = None

    @property
    def scoring(self) -> bool:
        """Whether the change can change a score (a renamed item or a new description cannot)."""
        return self.kind not in TEXT_KINDS


@dataclass(frozen=True)
class Described:
    """An item of one side as a whole (``summary``: its points, field and rule) or its rule alone
    (``rule``), worded when shown (``RubricDiff.worded``)."""

    side: str  # "old" or "new"
    id: str
    what: str  # "summary" or "rule"


@dataclass
class RubricDiff:
    old: Rubric
    new: Rubric
    changes: list[Change] = field(default_factory=list)
    pairs: dict[str, str] = field(default_factory=dict)  # new id → old id, for every item in both

    @property
    def changed(self) -> bool:
        """Whether anything changed."""
        return bool(self.changes)

    def counts(self) -> dict[str, int]:
        """kind → how many changes of that kind."""
        out: dict[str, int] = {}
        for c in self.changes:
            out[c.kind] = out.get(c.kind, 0) + 1
        return out

    def worded(self, value: Any, lang: str = "zh") -> Any:
        """A change's old or new value: a ``Described`` item or rule in words, anything else as it is."""
        if not isinstance(value, Described):
            return value
        from .describe import describe_item, describe_rule

        rubric = self.old if value.side == "old" else self.new
        item = rubric.items[value.id]
        return describe_item(item, rubric, lang) if value.what == "summary" else describe_rule(item, rubric, lang)

    def records(self, lang: str = "zh") -> list[dict]:
        """The changes as JSON-ready records (kind, id, name, key, old, new, scoring)."""
        return [
            {
                "kind": c.kind,
                "id": c.id,
                "name": c.name,
                "key": c.key,
                "old": _plain(self.worded(c.old, lang)),
                "new": _plain(self.worded(c.new, lang)),
                "scoring": c.scoring,
            }
            for c in self.changes
        ]


def show(value: Any) -> str:
    """A value as one short line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple, dict)):  # a tuple: a rule's scale [a, b]
        return json.dumps(_plain(value), ensure_ascii=False, separators=(", ", ": "))
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _norm(name: str) -> str:
    return re.sub(r"\s+", "", name)


def _rule_dump(item: Item) -> dict | None:
    return item.rule.model_dump(by_alias=True) if item.rule is not None else None


def pair_items(old: Rubric, new: Rubric) -> dict[str, str]:
    """new id → old id: the same id, else the same name, else (leaves) the same field, each unique."""
    pairs = {i: i for i in new.items if i in old.items}
    only_old = [i for i in old.items if i not in new.items]
    only_new = [i for i in new.items if i not in old.items]

    def match(key) -> None:
        olds: dict[Any, list[str]] = {}
        for i in only_old:
            if i not in pairs.values() and key(old.items[i]) is not None:
                olds.setdefault(key(old.items[i]), []).append(i)
        news: dict[Any, list[str]] = {}
        for i in only_new:
            if i not in pairs and key(new.items[i]) is not None:
                news.setdefault(key(new.items[i]), []).append(i)
        for k, ids in news.items():
            if len(ids) == 1 and len(olds.get(k, [])) == 1:
                pairs[ids[0]] = olds[k][0]

    match(lambda it: ("name", _norm(it.name), bool(it.children)))
    match(lambda it: ("field", it.value_source) if it.is_leaf and it.value_source else None)
    return pairs


def diff_rubrics(old: Rubric, new: Rubric) -> RubricDiff:
    """Every change from ``old`` to ``new`` (rubric settings first, then items in the new order)."""
    pairs = pair_items(old, new)
    back = {o: n for n, o in pairs.items()}
    out = _settings(old, new) + _field_defs(old, new)
    for nid, n in new.items.items():
        if nid not in pairs:
            out.append(Change("added", nid, n.name, "item", None, Described("new", nid, "summary")))
        else:
            out += _item(old.items[pairs[nid]], n, back)
    for oid, o in old.items.items():
        if oid not in back:
            out.append(Change("removed", oid, o.name, "item", Described("old", oid, "summary"), None))
    return RubricDiff(old=old, new=new, changes=out, pairs=pairs)


def _settings(old: Rubric, new: Rubric) -> list[Change]:
    """The rubric's own settings: id, name, version, total, aggregate, decimals, bonus cap, grades."""
    out: list[Change] = []
    settings = [("rubric", key) for key in ("id", "name", "version")]
    settings += [(key, key) for key in ("total", "aggregate", "decimals", "bonus_cap")]
    for kind, key in settings:
        a, b = getattr(old, key), getattr(new, key)
        if a != b:
            out.append(Change(kind, "", "", key, a, b))
    og = {g.name: g.min_percent for g in old.grades}
    ng = {g.name: g.min_percent for g in new.grades}
    for name in [*ng, *[n for n in og if n not in ng]]:
        if og.get(name) != ng.get(name):
            out.append(Change("grades", "", name, f"grades.{name}", og.get(name), ng.get(name)))
    # the evaluation's parts: each part's weight (a part added or removed has none on one side)
    op, np_ = ({p.id: p.weight for p in r.parts} for r in (old, new))
    names = {p.id: p.name for p in [*old.parts, *new.parts]}
    for pid in [*np_, *[p for p in op if p not in np_]]:
        if op.get(pid) != np_.get(pid):
            out.append(Change("parts", "", names[pid], f"parts.{pid}.weight", op.get(pid), np_.get(pid)))
    return out


def _field_defs(old: Rubric, new: Rubric) -> list[Change]:
    """Definitions of the fields either rubric reads, and the constraints on the data."""
    out: list[Change] = []
    for fid in sorted(old.used_fields() | new.used_fields()):
        a, b = old.fields.get(fid), new.fields.get(fid)
        if a is None or b is None:
            continue
        for key in FIELD_KEYS:
            va, vb = getattr(a, key), getattr(b, key)
            if va != vb:
                out.append(Change("field_def", "", b.name, f"fields.{fid}.{key}", va, vb))
    # constraints decide which data is accepted: each one added, removed or made milder/stricter
    oc, nc = ({c.check: c.severity for c in r.constraints} for r in (old, new))
    for check in [*oc, *[c for c in nc if c not in oc]]:
        if oc.get(check) != nc.get(check):
            out.append(Change("field_def", "", check, "constraints", oc.get(check), nc.get(check)))
    return out


def _item(o: Item, n: Item, back: dict[str, str]) -> list[Change]:
    """What changed on one item present in both rubrics (``back``: old id → new id)."""
    nid = n.id
    out: list[Change] = []

    def changed(kind: str, key: str, a: Any, b: Any) -> None:
        if a != b:
            out.append(Change(kind, nid, n.name, key, a, b))

    changed("renumbered", "id", o.id, n.id)
    changed("renamed", "name", o.name, n.name)
    if back.get(o.parent) != n.parent:
        out.append(Change("moved", nid, n.name, "parent", o.parent, n.parent))
    changed("points", "points", o.max, n.max)
    changed("weight", "weight", o.weight, n.weight)
    if o.children and n.children:
        changed("aggregate", "aggregate", o.aggregate, n.aggregate)
    if o.is_leaf and n.is_leaf:
        changed("missing", "missing", o.missing, n.missing)
    for key in ("field", "formula", "unit"):
        changed("field", key, getattr(o, key), getattr(n, key))
    if o.is_leaf and n.is_leaf:
        changed("assessed_by", "assessed_by", list(o.assessed_by), list(n.assessed_by))
    out += _rule(o, n)
    for key in ("evidence", "description"):
        if (getattr(o, key) or "") != (getattr(n, key) or ""):  # no text and empty text are the same
            out.append(Change(key, nid, n.name, key, getattr(o, key), getattr(n, key)))
    return out


def _rule(o: Item, n: Item) -> list[Change]:
    """A rule of another type is one change (described in words); otherwise each key that changed."""
    ro, rn = _rule_dump(o), _rule_dump(n)
    if ro == rn:
        return []
    if ro is None or rn is None or ro["type"] != rn["type"]:
        before = Described("old", o.id, "rule") if ro else None
        after = Described("new", n.id, "rule") if rn else None
        return [Change("rule", n.id, n.name, "rule", before, after)]
    return [
        Change("target" if key in TARGET_KEYS else "rule", n.id, n.name, f"rule.{key}", ro.get(key), rn.get(key))
        for key in rn
        if ro.get(key) != rn.get(key)
    ]


def read_rubric_at(spec: str, workdir) -> tuple[Rubric | None, Report]:
    """Load a rubric given as a path or as ``REV:PATH`` (its files are materialised under
    ``workdir``, a scratch directory the caller removes).  Problems are located as ``REV:path``."""
    from pathlib import Path

    from ..core import gitrev
    from ..core.problems import ProblemError, Report
    from .load import read_rubric

    if not gitrev.looks_like_revision(spec):
        return read_rubric(spec)
    rev = spec.partition(":")[0]
    dest = Path(workdir) / f"side{len(list(Path(workdir).iterdir()))}"
    try:
        path = gitrev.materialise(spec, dest)
    except ProblemError as exc:
        return None, exc.report
    rubric, report = read_rubric(path)
    return rubric, Report([gitrev.reshow(p, dest, rev) for p in report.problems])
