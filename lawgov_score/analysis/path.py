"""The shortest path from one unit's grade to the next: which values to change, and to what.

A *step* sets one field to the value its items need for full points.  Candidate steps are the
items that lose points and read a single field (an item scored on a formula of several fields
cannot be fixed by one value and is left out); items reading the same field are one step; a
step whose value would break a declared constraint with the unit's other values (a 胜诉率 that
with the 败诉率 exceeds 100%) is left out too.  A fired veto that would keep the unit below the
next grade is cleared first.  Then steps are taken in one of two orders:

* ``fewest`` (default): the step that gains most points first, so the fewest steps reach the
  grade (exactly the fewest when points add up, as in a rubric of sums without deductions);
* ``effort``: the step with the most points per unit of relative improvement first, where the
  relative improvement of a value is ``|needed − current| / max(|needed|, |current|)`` and a
  missing value, a yes/no or a grade counts as a whole change (1).  This favours closing many
  small gaps (a rate from 93% to 95%) over one large one.

Either way, when the last step's item scores in proportion to its value (``linear``, or
``deduct`` by proration) it is taken only as far as the grade needs (述法率 to 94.32% rather than
100%).

The shortest prefix of the ordered steps that reaches the grade is found by scoring the
unit's year again with the engine (a binary search, so a handful of scorings), so the path is
checked, never estimated: applying it through ``whatif`` reaches the grade.  When no prefix
does (a veto that cannot be cleared, items whose best is below full points) the path says so.

The unit's gaps (``gaps.Gaps``: its lost items with what each needs, its next grade) come in
as an argument; this module never imports ``gaps``, which calls it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from ..engine.score import ScoreResult, score
from .select import unit_year_key
from .whatif import apply_changes, read_changes, value_text

PATHS = ("fewest", "effort")

STEP_SCHEMA = {
    "step": pl.Int64,
    "field": pl.String,
    "name": pl.String,
    "items": pl.String,
    "value": pl.Float64,
    "set_to": pl.Float64,
    "text": pl.String,
    "gain": pl.Float64,
    "cost": pl.Float64,
    "cumulative": pl.Float64,
    "higher": pl.Boolean,
}


@dataclass
class Path:
    """The steps to the next grade, checked by scoring again: where they lead and whether
    that is the grade aimed at."""

    strategy: str
    grade: str  # the grade the path aims at
    reachable: bool
    steps: pl.DataFrame  # step, field, name, items, value, set_to, text, gain, cost, cumulative
    total: float | None = None  # verified by the engine after all steps
    percent: float | None = None
    reached: str | None = None  # the grade the steps reach

    def settings(self) -> dict[str, str]:
        """The steps as ``whatif`` changes: {field id: value as typed}."""
        return dict(zip(self.steps["field"].to_list(), self.steps["text"].to_list()))


def path_to_grade(result: ScoreResult, g, strategy: str = "fewest") -> Path:
    """The shortest path from ``g`` (the ``Gaps`` of one unit and year) to its next grade, by
    ``strategy`` (``fewest`` or ``effort``; see the module's doc)."""
    rubric = result.rubric
    target_idx = rubric.grade_names().index(g.next_grade)
    mandatory, moves = _ordered(result, g, target_idx, strategy)
    probe = _Probe(result, g, moves, target_idx)
    moves, mandatory = probe.moves, [m for m in mandatory if m in probe.moves]
    last = probe.outcome(len(moves))
    reachable = probe.reaches(last)
    n = len(moves)
    if reachable:
        n, last = _shortest(probe, len(mandatory), g.points_to_next or 0.0, last)
        if n > len(mandatory):
            last = _part_way(probe, g, n) or last
    return Path(
        strategy=strategy,
        grade=g.next_grade,
        reachable=reachable,
        steps=_steps_frame(rubric, moves[:n]),
        total=round(last["total"], rubric.decimals),
        percent=round(last["percent"], 2),
        reached=last["grade"],
    )


def _ordered(result: ScoreResult, g, target_idx: int, strategy: str) -> tuple[list[dict], list[dict]]:
    """(the veto clearings, every move in the order taken: clearings first, then the steps)."""
    rubric = result.rubric
    mandatory, steps = _moves(g, result, target_idx)
    for s in mandatory + steps:
        s["cost"] = _cost(s["value"], s["set_to"], rubric.fields[s["field"]].type)
    order = {it: i for i, it in enumerate(rubric.items)}
    if strategy == "fewest":
        steps.sort(key=lambda s: (-s["gain"], order[s["order"]]))
    else:
        steps.sort(key=lambda s: (-(s["gain"] / max(s["cost"], 1e-9)), -s["gain"], order[s["order"]]))
    return mandatory, mandatory + steps


def _moves(g, result: ScoreResult, target_idx: int) -> tuple[list[dict], list[dict]]:
    """(mandatory veto clearings, candidate steps), one per field."""
    rubric = result.rubric
    names = rubric.grade_names()
    need_total = rubric.grades[target_idx].min_percent / 100 * rubric.total
    mandatory: dict[str, dict] = {}
    steps: dict[str, dict] = {}
    worth: dict[str, float] = {}
    if rubric.parts:  # with evaluation parts, a gain counts as what it adds to the total
        from ..engine.parts import points_in_total

        worth = points_in_total(rubric)
    for r in g.items.iter_rows(named=True):
        it = rubric.items[r["id"]]
        if not r["settable"] or r["needed"] is None:
            continue
        if r["cause"] == "vetoed":
            rule = it.rule
            binding = (rule.cap_grade is not None and names.index(rule.cap_grade) > target_idx) or (
                rule.cap_total is not None and rule.cap_total < need_total
            )
            if binding:
                mandatory[it.field] = _step(it, r, 0.0, rubric)
            continue
        gain = (r["best"] - r["score"]) if r["role"] != "negative" else -r["score"]
        gain *= worth.get(it.id, 1.0)
        if gain > 0:
            _add_step(steps, _step(it, r, gain, rubric), rubric)
    for f in mandatory:  # a field cleared for a veto is not also a step
        steps.pop(f, None)
    return list(mandatory.values()), list(steps.values())


def _add_step(steps: dict[str, dict], s: dict, rubric) -> None:
    """One step per field: items reading the same field in the same direction join into one
    (the stricter value, the gains added); of opposite directions the larger gain stays."""
    prev = steps.get(s["field"])
    if prev is None:
        steps[s["field"]] = s
    elif prev["higher"] == s["higher"]:
        better = max if s["higher"] else min
        prev["set_to"] = better(prev["set_to"], s["set_to"])
        prev["gain"] += s["gain"]
        prev["items"] += s["items"]
        prev["cost"] = _cost(prev["value"], prev["set_to"], rubric.fields[s["field"]].type)
    elif s["gain"] > prev["gain"]:
        steps[s["field"]] = s


def _step(it, r: dict, gain: float, rubric) -> dict:
    return {
        "field": it.field,
        "items": [it.id],
        "value": r["value"],
        "set_to": typable(rubric, it.field, r["needed"], r["higher"]),
        "higher": r["higher"],
        "gain": float(gain),
        "cost": _cost(r["value"], r["needed"], None),
        "order": r["id"],
    }


def typable(rubric, field: str, value: float, higher: bool) -> float:
    """A value a person can type that still earns the points: at most 4 decimals, rounded
    towards the safe side (up when more is better), whole for a count, within the field's range."""
    from ..rubric.model import field_range

    f = rubric.fields[field]
    if f.type in ("bool", "grade"):
        return value
    k = 1 if f.type == "count" else 10_000
    v = (math.ceil(value * k - 1e-9) if higher else math.floor(value * k + 1e-9)) / k
    lo, hi = field_range(f)
    if lo is not None:
        v = max(v, lo)
    if hi is not None:
        v = min(v, hi)
    return v


def _cost(value, needed, ftype) -> float:
    if value is None or ftype in ("bool", "grade"):
        return 1.0
    d = abs(needed - value)
    scale = max(abs(needed), abs(value))
    return 1.0 if scale == 0 else min(1.0, d / scale)


class _Probe:
    """Scores the unit's year again with the first k moves applied.  Every move's value is
    read once (as whatif reads it); a move whose value breaks a declared constraint with the
    unit's other values (胜诉率 95% beside a 败诉率 of 8.87%) cannot be reached by changing it
    alone and is dropped."""

    def __init__(self, result: ScoreResult, g, moves: list[dict], target_idx: int):
        self.result, self.g, self.target_idx = result, g, target_idx
        rubric = result.rubric
        self.names = rubric.grade_names()
        self.new_all, self.cleared_all = read_changes(
            rubric, g.unit, g.year, {m["field"]: value_text(rubric, m["field"], m["set_to"]) for m in moves}
        )
        self.moves = [m for m in moves if self._possible(self.new_all.filter(pl.col("field") == m["field"]))]

    def _possible(self, new: pl.DataFrame) -> bool:
        """Whether the unit's values with ``new`` keep every declared error constraint."""
        from ..data.consistency import check_values

        result, g = self.result, self.g
        if not result.rubric.constraints:
            return True
        inds = apply_changes(result.indicators, g.unit, g.year, new, set())
        inds.values = inds.values.filter(pl.col("unit") == g.unit)
        return not any(p.severity == "error" for p in check_values(inds, result.rubric))

    def outcome(self, k: int, partial: pl.DataFrame | None = None) -> dict:
        """Total, percent and grade with the first ``k`` moves (the last one only ``partial``ly)."""
        g = self.g
        fields = [m["field"] for m in self.moves[:k]]
        new = self.new_all.filter(pl.col("field").is_in(fields))
        if partial is not None:  # the last step only part of the way
            new = pl.concat([new.filter(~pl.col("field").is_in(partial["field"].implode())), partial])
        inds = apply_changes(self.result.indicators, g.unit, g.year, new, self.cleared_all & set(fields))
        res = score(self.result.rubric, inds)
        return res.frame.filter(unit_year_key(g.unit, g.year)).select("total", "percent", "grade").row(0, named=True)

    def reaches(self, row: dict) -> bool:
        """Whether an outcome has the grade aimed at (or a better one)."""
        return row["grade"] in self.names and self.names.index(row["grade"]) <= self.target_idx


def _shortest(probe: _Probe, lo: int, need: float, last: dict) -> tuple[int, dict]:
    """The smallest k that reaches the grade, and its outcome (``last``: that of all moves,
    which does).  Binary search, first probing where the points would add up."""
    moves = probe.moves
    hi, best_row = len(moves), last
    guess = len(moves)
    acc = 0.0
    for k, m in enumerate(moves):
        acc += m["gain"]
        if acc >= need - 1e-9 and k + 1 >= lo:
            guess = k + 1
            break
    first = guess
    while lo < hi:
        mid = first if lo <= first < hi else (lo + hi) // 2
        first = -1
        row = probe.outcome(mid)
        if probe.reaches(row):
            hi, best_row = mid, row
        else:
            lo = mid + 1
    return hi, best_row


def _part_way(probe: _Probe, g, n: int) -> dict | None:
    """Take the last step only as far as needed, where its item scores in proportion (linear,
    deduct by proration): 述法率 to 94.3% rather than to 100% when that is enough.  Checked by
    scoring again; kept only if the grade is still reached.  Returns the new outcome or None."""
    rubric = probe.result.rubric
    m = probe.moves[n - 1]
    if len(m["items"]) != 1:
        return None
    it = rubric.items[m["items"][0]]
    r = it.rule
    if it.role != "score" or r.type not in ("linear", "deduct") or (r.type == "deduct" and r.steps != "prorate"):
        return None
    k = 10**rubric.decimals
    target = rubric.grades[probe.target_idx].min_percent / 100 * rubric.total
    need = math.ceil((target - probe.outcome(n - 1)["total"]) * k - 1e-9) / k
    want = g.items.filter(pl.col("id") == it.id)["score"].item() + need
    if need <= 0 or want >= it.max:
        return None
    if r.type == "linear":
        v = r.floor + want / it.max * (r.target - r.floor)
    else:
        cap = r.cap if r.cap is not None else it.max
        if it.max - want > cap:
            return None
        short = (it.max - want) / r.each * r.per
        v = r.target - short if r.direction == "higher" else r.target + short
    v = typable(rubric, m["field"], v, m["higher"])
    if m["value"] is not None and ((v <= m["value"]) if m["higher"] else (v >= m["value"])):
        return None
    partial, _ = read_changes(rubric, g.unit, g.year, {m["field"]: value_text(rubric, m["field"], v)})
    row = probe.outcome(n, partial)
    if not probe.reaches(row):
        return None
    m["set_to"], m["gain"] = v, need
    m["cost"] = _cost(m["value"], v, rubric.fields[m["field"]].type)
    return row


def _steps_frame(rubric, chosen: list[dict]) -> pl.DataFrame:
    """The chosen moves as the path's steps: numbered, with the running total of points gained."""
    cum = 0.0
    rows = []
    for i, m in enumerate(chosen, 1):
        cum += m["gain"]
        rows.append(
            {
                "step": i,
                "field": m["field"],
                "name": rubric.fields[m["field"]].name,
                "items": "、".join(m["items"]),
                "value": m["value"],
                "set_to": m["set_to"],
                "text": value_text(rubric, m["field"], m["set_to"]),
                "gain": round(m["gain"], rubric.decimals),
                "cost": round(m["cost"], 4),
                "cumulative": round(cum, rubric.decimals),
                "higher": m["higher"],
            }
        )
    return pl.DataFrame(rows, schema=STEP_SCHEMA)
