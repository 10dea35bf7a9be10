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
* is a weight written where the parent ignores weights — W-WEIGHT.

A rubric may knowingly accept a warning with ``waive: {CODE: reason}`` on an item (covers the
item and everything below it) or at its top (covers the whole rubric).  ``apply_waivers``
drops the waived warnings and reports waivers that are invalid (E-WAIVER) or unused
(W-WAIVER-UNUSED), so a waiver cannot outlive the reason it was written for.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..core.problems import CATALOGUE, Problem, problem
from ..core.yamlsafe import locate
from .compiled import Item, Rubric
from .semantics import field_range, zero_division, zero_reason

# Lint codes that a waiver may never silence: they are about the waivers themselves.
UNWAIVABLE = frozenset({"W-WAIVER-UNUSED"})

_EFFECT = {  # role → (zh, en) of what the item does
    "score": ("得分", "score"),
    "negative": ("扣分", "deduct"),
    "bonus": ("加分", "add a bonus"),
    "veto": ("触发否决", "fire"),
}


def _where(item: Item) -> str:
    return f"项目 {item.id}「{item.name}」"


def _g(x: float) -> str:
    return f"{x:g}"


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
            params.setdefault("where", _where(_item))
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
        return self.out

    def evidence(self, item: Item) -> None:
        if not (item.evidence or "").strip():
            self.add("W-EVIDENCE", self.at(item), item)

    def never_scores(self, item: Item) -> None:
        rule, role = item.rule, item.role
        reasons: list[tuple[str, str]] = []
        if role == "score":
            if item.max == 0:
                reasons.append(("分值为 0", "its points are 0"))
            elif rule.type == "bands" and all(b.points == 0 for b in rule.bands) and rule.else_ == 0:
                reasons.append(("各档得分与 else 均为 0", "every band and else are worth 0"))
            elif rule.type == "rank" and all(p == 0 for p in rule.by_rank) and rule.else_ == 0:
                reasons.append(("各名次得分与 else 均为 0", "every rank and else are worth 0"))
            elif rule.type == "graded" and all(v == 0 for v in rule.levels.values()):
                reasons.append(("各等次的得分比例均为 0", "every level earns a share of 0"))
            if item.parent and self.parent_aggregate(item) == "weighted_mean" and item.weight == 0:
                reasons.append(
                    ("上级按加权平均汇总，而本项权重为 0", "its parent takes a weighted mean and its weight is 0")
                )
        elif role == "veto" and item.field in self.r.fields and rule.when is None:
            lo, hi = field_range(self.r.fields[item.field])
            if rule.above is not None and hi is not None and rule.above >= hi:
                reasons.append(
                    (
                        f"否决条件为大于 {_g(rule.above)}，而指标“{item.field}”最大为 {_g(hi)}",
                        f"it fires above {_g(rule.above)} and field '{item.field}' is at most {_g(hi)}",
                    )
                )
            if rule.below is not None and lo is not None and rule.below <= lo:
                reasons.append(
                    (
                        f"否决条件为小于 {_g(rule.below)}，而指标“{item.field}”最小为 {_g(lo)}",
                        f"it fires below {_g(rule.below)} and field '{item.field}' is at least {_g(lo)}",
                    )
                )
        elif role == "bonus" and self.r.bonus_cap == 0:
            reasons.append(("细则的 bonus_cap 为 0", "the rubric's bonus_cap is 0"))
        zh_effect, en_effect = _EFFECT[role]
        for zh, en in reasons:
            self.add(
                "W-NEVER-SCORES",
                self.at(item, "rule"),
                item,
                effect=zh_effect,
                effect_en=en_effect,
                reason=zh,
                reason_en=en,
            )
        culprit = zero_division(item.formula_ast) if item.formula_ast is not None else None
        if culprit:
            self.add(
                "W-NEVER-SCORES",
                self.at(item, "formula"),
                item,
                effect=zh_effect,
                effect_en=en_effect,
                **zero_reason(culprit),
            )
        if role == "score" and item.max > 0 and not reasons:
            self.never_full(item)

    def never_full(self, item: Item) -> None:
        """A rule whose best is below the item's points: the item can score, never in full."""
        rule, points = item.rule, item.max
        best: tuple[float, str, str] | None = None
        if rule.type == "bands":
            top = max([b.points for b in rule.bands] + [rule.else_])
            best = (top, f"最高一档 {_g(top)} 分", f"the best band gives {_g(top)}")
        elif rule.type == "rank":
            top = max(list(rule.by_rank) + [rule.else_])
            best = (top, f"最高名次得分 {_g(top)} 分", f"the best rank gives {_g(top)}")
        elif rule.type == "graded":
            share = max(rule.levels.values(), default=0.0)
            best = (points * share, f"最好的等次得分比例为 {_g(share)}", f"the best level earns a share of {_g(share)}")
        if best is not None and best[0] < points - 1e-9:
            self.add(
                "W-NEVER-SCORES",
                self.at(item, "rule"),
                item,
                effect="得满分",
                effect_en="score full points",
                reason=f"{best[1]}，低于本项分值 {_g(points)}",
                reason_en=f"{best[2]}, below the item's {_g(points)} points",
            )

    def caps(self, item: Item) -> None:
        rule = item.rule
        if rule.type in ("negative", "bonus") and rule.cap < rule.each:
            self.add(
                "W-CAP",
                self.at(item, "rule", "cap"),
                item,
                reason=f"cap {_g(rule.cap)} 小于每次的 each {_g(rule.each)}，一次就超过上限",
                reason_en=f"cap {_g(rule.cap)} is below one step, each {_g(rule.each)}",
            )
        if rule.type == "deduct" and rule.cap is not None and rule.cap > item.max:
            self.add(
                "W-CAP",
                self.at(item, "rule", "cap"),
                item,
                reason=f"最多扣 {_g(rule.cap)} 分，超过本项分值 {_g(item.max)}（本项最低 0 分）",
                reason_en=f"it deducts up to {_g(rule.cap)}, more than the item's {_g(item.max)} points (the item stops at 0)",
            )

    def bonus_item(self, item: Item) -> None:
        cap = self.r.bonus_cap
        if cap is not None and cap > 0 and item.rule.cap > cap:
            self.add(
                "W-BONUS",
                self.at(item, "rule", "cap"),
                item,
                reason=f"本项最多加 {_g(item.rule.cap)} 分，但全部加分合计不超过 bonus_cap {_g(cap)}",
                reason_en=f"the item adds up to {_g(item.rule.cap)} but all bonuses together stop at bonus_cap {_g(cap)}",
            )

    def bonus_rubric(self) -> None:
        if self.r.bonus_cap is not None and not any(it.role == "bonus" for it in self.r.leaves()):
            self.add(
                "W-BONUS",
                self.at(None, "bonus_cap"),
                where="细则",
                reason=f"设了 bonus_cap {_g(self.r.bonus_cap)}，但没有加分（bonus）项目",
                reason_en=f"bonus_cap is {_g(self.r.bonus_cap)} but there is no bonus item",
            )

    def veto(self, item: Item) -> None:
        rule = item.rule
        best = self.r.total + self.bonus_reach()
        if rule.cap_total is not None and rule.cap_total >= best:
            self.add(
                "W-VETO",
                self.at(item, "rule", "cap_total"),
                item,
                reason=f"cap_total {_g(rule.cap_total)} 不低于可得的最高总分 {_g(best)}",
                reason_en=f"cap_total {_g(rule.cap_total)} is not below the highest possible total {_g(best)}",
            )
        if rule.cap_grade is not None and self.r.grades and rule.cap_grade == self.r.grades[0].name:
            self.add(
                "W-VETO",
                self.at(item, "rule", "cap_grade"),
                item,
                reason=f"cap_grade“{rule.cap_grade}”是最高等次",
                reason_en=f"cap_grade '{rule.cap_grade}' is the best grade",
            )

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
                    where = _where(parent) if parent else "细则顶层"
                    self.add("W-NAME-DUP", self.at(it, "name"), it, where=where, name=it.name, first=seen[key].id)
                else:
                    seen[key] = it

    def grades(self) -> None:
        grades = self.r.grades
        if not grades:
            return
        last = len(grades) - 1
        if grades[last].min_percent > 0:
            x = _g(grades[last].min_percent)
            self.add(
                "W-GRADE",
                self.at(None, "grades", last),
                reason=f"得分率低于 {x}% 的单位没有等次；最后一档应为 min_percent: 0",
                reason_en=f"a unit below {x}% gets no grade; make the last band min_percent: 0",
            )
        if self.r.total > 0:
            top = 100 + self.bonus_reach() / self.r.total * 100
            for j, g in enumerate(grades):
                if g.min_percent > top + 1e-9:
                    self.add(
                        "W-GRADE",
                        self.at(None, "grades", j),
                        reason=f"“{g.name}”要求得分率 {_g(g.min_percent)}%，最高只能达到 {_g(round(top, 2))}%",
                        reason_en=f"'{g.name}' needs {_g(g.min_percent)}% but at most {_g(round(top, 2))}% can be reached",
                    )


def lint_rubric(rubric: Rubric) -> list[Problem]:
    """The lint findings of a loaded rubric (all warnings), before waivers."""
    return _Lint(rubric).run()


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
        where = _where(owner) if owner is not None else "细则"
        loc = lint.at(owner, "waive", code)
        entry = CATALOGUE.get(code)
        if entry is None:
            from ..core.problems import did_you_mean

            lint.add(
                "E-WAIVER",
                loc,
                where=where,
                waived=code,
                reason="没有这个问题代码",
                reason_en="no such problem code",
                suggestion=did_you_mean(code, [c for c, e in CATALOGUE.items() if e.severity == "warning"]),
            )
        elif entry.severity == "error" or code in UNWAIVABLE:
            lint.add(
                "E-WAIVER",
                loc,
                where=where,
                waived=code,
                reason="错误只能改正，不能豁免",
                reason_en="an error must be fixed, not waived",
            )
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
            where=_where(owner) if owner else "细则",
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
