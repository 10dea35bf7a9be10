"""Semantic lint of a loaded rubric: things that load and score but are almost surely mistakes.

Loading (``load`` and ``semantics``) already refuses what cannot be scored: unknown keys and
fields, thresholds out of order or outside the field's range, bad formulas.  The lint looks at
a rubric that loaded and asks the questions a reviewer would:

* can every item score at all (points 0, every band worth 0, a veto that can never fire, a
  weight of 0 under a weighted mean, a formula dividing by a constant 0), and in full (a top
  band, rank or level below the item's points) — W-NEVER-SCORES;
* do siblings have distinct names (an official cannot tell two 「规范性文件备案」 apart) — W-NAME-DUP;
* does every leaf say what proof an assessor expects — W-EVIDENCE;
* are caps sensible (a cap below one step, a deduction cap above the item's points) — W-CAP;
* do bonus and veto settings take effect — W-BONUS, W-VETO;
* do the grade bands cover every percent and can each be reached — W-GRADE;
* is a weight written where the parent ignores weights — W-WEIGHT;
* does the treatment impute a yes/no or graded field by a mean or median, a fraction the field
  can never take — W-TREAT-IMPUTE-FRACTION.

A rubric may knowingly accept a warning with ``waive: {CODE: reason}`` on an item (covers the
item and everything below it) or at its top (covers the whole rubric).  ``apply_waivers``
drops the waived warnings and reports waivers that are invalid (E-WAIVER) or unused
(W-WAIVER-UNUSED), so a waiver cannot outlive the reason it was written for.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..core.problems import CATALOGUE, Problem, did_you_mean, problem
from ..core.yamlsafe import locate
from .compiled import Item, Rubric
from .formula import zero_division
from .model import field_range
from .semantics import zero_reason
from .words import both, number, where

# Lint codes that a waiver may never silence: they are about the waivers themselves.
UNWAIVABLE = frozenset({"W-WAIVER-UNUSED"})
AVERAGING = ("mean", "median", "group_mean", "group_median")  # imputations that can give a share


def _where(item: Item | None) -> dict[str, str]:
    """An item as a finding names it (None: the rubric)."""
    return where("item", id=item.id, name=item.name) if item is not None else where("rubric")


_g = number


def _why(key: str, /, **params) -> dict[str, str]:
    """A lint finding's reason, ``rubric.lint.<key>``, as ``reason`` / ``reason_en``."""
    return both("reason", f"lint.{key}", **params)


class _Lint:
    def __init__(self, rubric: Rubric):
        self.r = rubric
        self.out: list[Problem] = []

    # --- helpers --------------------------------------------------------------------------
    def at(self, item: Item | None, *keys) -> tuple[str, int | None]:
        """Where ``keys`` of an item (or of the rubric, item None) were written."""
        if item is None:
            raw = self.r.raw
            if raw is None:
                return self.r.path, None
            path, line = locate(raw, keys)
            return path or self.r.path, line or None
        if item.raw is None:
            return item.path, item.line or None
        path, line = locate(item.raw, keys)
        return path or item.path, line or item.line or None

    def add(self, _code: str, _loc: tuple[str, int | None], _item: Item | None = None, **params) -> None:
        if _item is not None:
            for key, text in _where(_item).items():
                params.setdefault(key, text)
            params["item"] = _item.id
        self.out.append(problem(_code, _loc[0], _loc[1], **params))

    def parent_aggregate(self, item: Item) -> str:
        return self.r.items[item.parent].aggregate if item.parent else self.r.aggregate

    def bonus_reach(self) -> float:
        """The most all bonus items together can add."""
        reach = 0.0
        for it in self.r.leaves():
            if it.role == "bonus":
                ftype = self.r.fields[it.field].type if it.field in self.r.fields else "number"
                reach += min(it.rule.cap, it.rule.each) if ftype == "bool" else it.rule.cap
        if self.r.bonus_cap is not None:
            reach = min(reach, float(self.r.bonus_cap))
        return reach

    # --- checks -----------------------------------------------------------------------------
    def run(self) -> list[Problem]:
        for item in self.r.items.values():
            if item.is_leaf and item.rule is not None:
                self.evidence(item)
                self.never_scores(item)
                self.caps(item)
                if item.role == "bonus":
                    self.bonus_item(item)
                if item.role == "veto":
                    self.veto(item)
            self.weight(item)
        self.names()
        self.bonus_rubric()
        self.grades()
        self.impute_fractions()
        return self.out

    def impute_fractions(self) -> None:
        """A yes/no or graded field imputed by a mean or median gets a share (0.67) it can never
        take.  One finding per declaration: the leaf's own treatment, the field's entry in
        ``treatment.fields``, or the rubric's default (naming every such field it reaches)."""
        found: dict[tuple, list[str]] = {}
        for fid, plan in sorted(self.r.treatment.items()):
            kind = self.r.fields[fid].type if fid in self.r.fields else None
            if kind not in ("bool", "grade") or plan.impute not in AVERAGING:
                continue
            loc, at = self._declared(fid)
            found.setdefault((loc, at.id if at else None, plan.impute), []).append(fid)
        for (loc, at_id, how), fids in found.items():
            at = self.r.items[at_id] if at_id is not None else None
            self.add(
                "W-TREAT-IMPUTE-FRACTION",
                loc,
                at,
                **(where("treatment") if at is None else {}),
                how=how,
                fields="、".join(f"{f}（{self.r.fields[f].name}）" for f in fids),
                fields_en=", ".join(f"{f} ('{self.r.fields[f].name}')" for f in fids),
            )

    def _declared(self, fid: str) -> tuple[tuple[str, int | None], Item | None]:
        """Where the imputation of ``fid`` was declared, and the leaf that declared it (None: the rubric)."""
        for it in self.r.leaves():
            if it.field == fid and it.treatment is not None and it.treatment.impute is not None:
                return self.at(it, "treatment", "impute"), it
        fields = (self.r.raw or {}).get("treatment", {}) or {}
        if isinstance(fields, dict) and fid in (fields.get("fields") or {}):
            entry = fields["fields"][fid]
            if isinstance(entry, dict) and "impute" in entry:
                return self.at(None, "treatment", "fields", fid, "impute"), None
        return self.at(None, "treatment", "impute"), None

    def evidence(self, item: Item) -> None:
        if not (item.evidence or "").strip():
            self.add("W-EVIDENCE", self.at(item), item)

    def never_scores(self, item: Item) -> None:
        role = item.role
        effect = both("effect", f"effect.{role}")
        reasons = self.why_never(item)
        for why in reasons:
            self.add("W-NEVER-SCORES", self.at(item, "rule"), item, **effect, **why)
        culprit = zero_division(item.formula_ast) if item.formula_ast is not None else None
        if culprit:
            self.add("W-NEVER-SCORES", self.at(item, "formula"), item, **effect, **zero_reason(culprit))
        if role == "score" and item.max > 0 and not reasons:
            self.never_full(item)

    def why_never(self, item: Item) -> list[dict[str, str]]:
        """Why an item can never do what its role is (score, deduct, add a bonus, fire a veto)."""
        rule, role = item.rule, item.role
        out: list[dict[str, str]] = []
        if role == "score":
            if item.max == 0:
                out.append(_why("points_zero"))
            elif rule.type == "bands" and all(b.points == 0 for b in rule.bands) and rule.else_ == 0:
                out.append(_why("bands_zero"))
            elif rule.type == "rank" and all(p == 0 for p in rule.by_rank) and rule.else_ == 0:
                out.append(_why("ranks_zero"))
            elif rule.type == "graded" and all(v == 0 for v in rule.levels.values()):
                out.append(_why("levels_zero"))
            if item.parent and self.parent_aggregate(item) != "sum" and item.weight == 0:
                out.append(_why("weight_zero"))
        elif role == "veto" and item.field in self.r.fields and rule.when is None:
            lo, hi = field_range(self.r.fields[item.field])
            if rule.above is not None and hi is not None and rule.above >= hi:
                out.append(_why("veto_above", above=_g(rule.above), field=item.field, hi=_g(hi)))
            if rule.below is not None and lo is not None and rule.below <= lo:
                out.append(_why("veto_below", below=_g(rule.below), field=item.field, lo=_g(lo)))
        elif role == "bonus" and self.r.bonus_cap == 0:
            out.append(_why("bonus_cap_zero"))
        return out

    def never_full(self, item: Item) -> None:
        """A rule whose best is below the item's points: the item can score, never in full."""
        rule, points = item.rule, item.max
        best: tuple[float, str, str] | None = None
        if rule.type == "bands":
            top = max([b.points for b in rule.bands] + [rule.else_])
            best = (top, "best_band", _g(top))
        elif rule.type == "rank":
            top = max(list(rule.by_rank) + [rule.else_])
            best = (top, "best_rank", _g(top))
        elif rule.type == "graded":
            share = max(rule.levels.values(), default=0.0)
            best = (points * share, "best_level", _g(share))
        if best is not None and best[0] < points - 1e-9:
            effect = both("effect", "effect.full")
            self.add(
                "W-NEVER-SCORES",
                self.at(item, "rule"),
                item,
                **effect,
                **_why(best[1], best=best[2], points=_g(points)),
            )

    def caps(self, item: Item) -> None:
        rule = item.rule
        if rule.type in ("negative", "bonus") and rule.cap < rule.each:
            why = _why("cap_below_each", cap=_g(rule.cap), each=_g(rule.each))
            self.add("W-CAP", self.at(item, "rule", "cap"), item, **why)
        if rule.type == "deduct" and rule.cap is not None and rule.cap > item.max:
            why = _why("cap_over_points", cap=_g(rule.cap), points=_g(item.max))
            self.add("W-CAP", self.at(item, "rule", "cap"), item, **why)

    def bonus_item(self, item: Item) -> None:
        cap = self.r.bonus_cap
        if cap is not None and cap > 0 and item.rule.cap > cap:
            why = _why("bonus_over_cap", each=_g(item.rule.cap), cap=_g(cap))
            self.add("W-BONUS", self.at(item, "rule", "cap"), item, **why)

    def bonus_rubric(self) -> None:
        if self.r.bonus_cap is not None and not any(it.role == "bonus" for it in self.r.leaves()):
            why = _why("bonus_cap_unused", cap=_g(self.r.bonus_cap))
            self.add("W-BONUS", self.at(None, "bonus_cap"), **where("rubric"), **why)

    def veto(self, item: Item) -> None:
        rule = item.rule
        best = self.r.total + self.bonus_reach()
        if rule.cap_total is not None and rule.cap_total >= best:
            why = _why("veto_cap_total", cap=_g(rule.cap_total), best=_g(best))
            self.add("W-VETO", self.at(item, "rule", "cap_total"), item, **why)
        if rule.cap_grade is not None and self.r.grades and rule.cap_grade == self.r.grades[0].name:
            self.add("W-VETO", self.at(item, "rule", "cap_grade"), item, **_why("veto_cap_grade", grade=rule.cap_grade))

    def weight(self, item: Item) -> None:
        if item.weight != 1 and self.parent_aggregate(item) == "sum":
            self.add("W-WEIGHT", self.at(item, "weight"), item)

    def names(self) -> None:
        groups: dict[str | None, list[Item]] = {}
        for it in self.r.items.values():
            groups.setdefault(it.parent, []).append(it)
        for kids in groups.values():
            seen: dict[str, Item] = {}
            for it in kids:
                key = re.sub(r"\s+", "", it.name)
                if key in seen:
                    parent = self.r.items.get(it.parent) if it.parent else None
                    at = _where(parent) if parent else where("top")
                    self.add("W-NAME-DUP", self.at(it, "name"), it, **at, name=it.name, first=seen[key].id)
                else:
                    seen[key] = it

    def grades(self) -> None:
        grades = self.r.grades
        if not grades:
            return
        last = len(grades) - 1
        if grades[last].min_percent > 0:
            why = _why("grade_floor", min=_g(grades[last].min_percent))
            self.add("W-GRADE", self.at(None, "grades", last), **why)
        if self.r.total > 0:
            top = 100 + self.bonus_reach() / self.r.total * 100
            for j, g in enumerate(grades):
                if g.min_percent > top + 1e-9:
                    why = _why("grade_unreachable", name=g.name, min=_g(g.min_percent), top=_g(round(top, 2)))
                    self.add("W-GRADE", self.at(None, "grades", j), **why)


def lint_rubric(rubric: Rubric) -> list[Problem]:
    """The lint findings of a loaded rubric, before waivers (and its AHP matrices' checks)."""
    from .pairwise import pairwise_problems

    return _Lint(rubric).run() + pairwise_problems(rubric)


def _item_of(p: Problem) -> str | None:
    return dict(p.params).get("item") or None


def apply_waivers(rubric: Rubric, problems: Iterable[Problem]) -> list[Problem]:
    """Drop the warnings the rubric waives; report bad (E-WAIVER) and unused (W-WAIVER-UNUSED) waivers."""
    problems = list(problems)
    out: list[Problem] = []
    used: set[tuple[str | None, str]] = set()  # (item id or None for the rubric, code)
    valid: set[tuple[str | None, str]] = set()
    owners: list[tuple[Item | None, str]] = [(None, c) for c in rubric.waive]
    owners += [(it, c) for it in rubric.items.values() for c in it.waive]
    lint = _Lint(rubric)
    for owner, code in owners:
        at, loc = _where(owner), lint.at(owner, "waive", code)
        entry = CATALOGUE.get(code)
        if entry is None:
            suggestion = did_you_mean(code, [c for c, e in CATALOGUE.items() if e.severity == "warning"])
            lint.add("E-WAIVER", loc, **at, waived=code, **_why("no_code"), suggestion=suggestion)
        elif entry.severity == "error" or code in UNWAIVABLE:
            lint.add("E-WAIVER", loc, **at, waived=code, **_why("error_waived"))
        else:
            valid.add((owner.id if owner is not None else None, code))
    for p in problems:
        if p.severity == "warning" and p.code not in UNWAIVABLE:
            owner = _waiver_for(rubric, _item_of(p), p.code, valid)
            if owner is not False:
                used.add((owner, p.code))
                continue
        out.append(p)
    for owner_id, code in sorted(valid - used, key=lambda k: (k[0] or "", k[1])):
        owner = rubric.items[owner_id] if owner_id is not None else None
        lint.add(
            "W-WAIVER-UNUSED",
            lint.at(owner, "waive", code),
            **_where(owner),
            waived=code,
            **({"item": owner_id} if owner_id else {}),
        )
    return out + lint.out


def _waiver_for(rubric: Rubric, item_id: str | None, code: str, valid: set) -> str | None | bool:
    """The id of the nearest item (or None: the rubric) whose waiver covers the finding, else False."""
    cur = item_id
    while cur is not None and cur in rubric.items:
        if (cur, code) in valid:
            return cur
        cur = rubric.items[cur].parent
    if (None, code) in valid:
        return None
    return False
