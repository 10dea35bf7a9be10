"""Where one unit loses points, what each item needs for full points, and a shortest path to
the next grade.

Points lost are split by cause: ``missing`` (no value, so no evidence: the self-assessment must
supply it), ``alone`` (a value, but an item that compares units and no peer to compare with: no
other unit of the year and group has a value, or the unit's group is blank), ``short`` (a value
below the target), ``deducted`` (a negative-list item) and ``vetoed`` (a veto that fired caps the
total or the grade).  For each item ``needed`` is the
value that earns full points (the most a relative rule can give, for rules that compare with
peers: reaching the best of the other units), in the field's own terms.

The path to the next grade
--------------------------
A *step* sets one field to the value its items need for full points.  Candidate steps are the
items that lose points and read a single field (an item scored on a formula of several fields
cannot be fixed by one value and is left out); items reading the same field are one step; a
step whose value would break a declared constraint with the unit's other values (a 胜诉率 that
with the 败诉率 exceeds 100%) is left out too.  A
fired veto that would keep the unit below the next grade is cleared first.  Then steps are
taken in one of two orders:

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
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from ..engine import rules as R
from ..engine.score import ScoreResult, col_value
from .select import select_unit_year

PATHS = ("fewest", "effort")


@dataclass
class Path:
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


@dataclass
class Gaps:
    unit: str
    year: int | None
    total: float
    max: float
    percent: float
    grade: str | None
    vetoed: bool
    next_grade: str | None
    points_to_next: float | None  # None when already at the top grade (or no grades)
    items: pl.DataFrame  # item records that lose points, largest loss first, with lost, cause, needed
    path: Path | None = None

    def summary(self) -> dict:
        def lost(cause=None):
            df = self.items if cause is None else self.items.filter(pl.col("cause") == cause)
            return round(float(df["lost"].sum()), 6) if df.height else 0.0

        out = {
            "unit": self.unit,
            "year": self.year,
            "total": self.total,
            "max": self.max,
            "percent": self.percent,
            "grade": self.grade,
            "vetoed": self.vetoed,
            "next_grade": self.next_grade,
            "points_to_next": self.points_to_next,
            "lost": lost(),
            "lost_missing": lost("missing"),
            "lost_alone": lost("alone"),
            "lost_short": lost("short"),
            "lost_deducted": lost("deducted"),
        }
        if self.path is not None:
            out["path"] = {
                "strategy": self.path.strategy,
                "grade": self.path.grade,
                "reachable": self.path.reachable,
                "steps": self.path.steps.height,
                "total_after": self.path.total,
                "grade_after": self.path.reached,
            }
        return out


def _key(unit: str, year):
    return (pl.col("unit") == unit) & (pl.col("year") == year if year is not None else pl.col("year").is_null())


def gaps(result: ScoreResult, unit: str, year: int | None = None, path: str | None = "fewest") -> Gaps:
    """Items that lose points (largest loss first) and, unless ``path`` is None, the shortest
    path to the next grade (``fewest`` or ``effort``; see the module's doc)."""
    if path is not None and path not in PATHS:
        raise ValueError(f"path must be one of {', '.join(PATHS)}")
    unit, year = select_unit_year(result, unit, year)
    rubric = result.rubric
    key = _key(unit, year)
    row = result.totals().filter(key).row(0, named=True)
    needs = item_needs(result, unit, year)
    items = result.items().filter(key & pl.col("role").is_in(["score", "negative", "veto"]))
    items = items.join(needs, on="id", how="left")
    uncapped = result.frame.filter(key).select((pl.col("base") + pl.col("bonus")).round(rubric.decimals)).item()
    items = items.with_columns(
        pl.when(pl.col("role") == "negative")
        .then(-pl.col("score"))
        .when(pl.col("role") == "veto")
        .then(pl.when(pl.col("status") == "vetoed").then(pl.lit(uncapped - row["total"])).otherwise(0.0))
        .otherwise(pl.col("max") - pl.col("score"))
        .round(rubric.decimals)
        .alias("lost"),
        pl.when(pl.col("status") == "vetoed").then(pl.lit("vetoed")).otherwise(_cause()).alias("cause"),
        pl.int_range(pl.len()).alias("_order"),
    )
    items = items.filter((pl.col("lost") > 0) | (pl.col("status") == "vetoed"))
    items = items.sort(["lost", "_order"], descending=[True, False]).drop("_order")
    next_grade, needed = _next_grade(rubric, row["total"], row["grade"])
    g = Gaps(
        unit=unit,
        year=year,
        total=round(row["total"], rubric.decimals),
        max=rubric.total,
        percent=round(row["percent"], 2),
        grade=row["grade"],
        vetoed=bool(row["vetoed"]),
        next_grade=next_grade,
        points_to_next=needed,
        items=items,
    )
    if path is not None and next_grade is not None:
        g.path = path_to_grade(result, g, strategy=path)
    return g


def _next_grade(rubric, total: float, grade: str | None) -> tuple[str | None, float | None]:
    if not rubric.grades:
        return None, None
    names = [g.name for g in rubric.grades]
    idx = names.index(grade) if grade in names else len(names)
    if idx == 0:
        return None, None
    target = rubric.grades[idx - 1]
    k = 10**rubric.decimals
    needed = math.ceil((target.min_percent / 100 * rubric.total - total) * k - 1e-9) / k
    return target.name, max(needed, 0.0)


def _cause() -> pl.Expr:
    """Why an item record loses points (vetoes aside): missing, alone, deducted or short."""
    return (
        pl.when(pl.col("value").is_null())
        .then(pl.lit("missing"))
        .when(pl.col("alone").fill_null(False))
        .then(pl.lit("alone"))
        .when(pl.col("role") == "negative")
        .then(pl.lit("deducted"))
        .otherwise(pl.lit("short"))
    )


def lost_items(items: pl.DataFrame, decimals: int) -> pl.DataFrame:
    """The item records that lose points, with ``lost``, ``cause`` and ``needed`` (the target:
    the value for full points): per unit and year, largest loss first (items of equal loss in
    rubric order).  Works on any number of units at once; ``gaps`` adds, for one unit, what
    relative rules and vetoes need and the path to the next grade."""
    out = (
        items.filter(pl.col("role").is_in(["score", "negative"]))
        .with_columns(
            pl.when(pl.col("role") == "negative")
            .then(-pl.col("score"))
            .otherwise(pl.col("max") - pl.col("score"))
            .round(decimals)
            .alias("lost"),
            _cause().alias("cause"),
            pl.col("target").alias("needed"),
            pl.int_range(pl.len()).over("unit", "year").alias("_order"),
        )
        .filter(pl.col("lost") > 0)
    )
    return out.sort(["year", "unit", "lost", "_order"], descending=[False, False, True, False], nulls_last=True).drop(
        "_order"
    )


# --- what each item needs ------------------------------------------------------------------------


def item_needs(result: ScoreResult, unit: str, year) -> pl.DataFrame:
    """One row per leaf: ``needed`` (the value for full points, or for clearing a veto),
    ``best`` (the most the item can score), ``higher`` (whether more is better for it) and
    ``settable`` (it reads one field, so one value fixes it).  Relative rules look at the
    other units of the same year (and group)."""
    rubric = result.rubric
    frame = result.frame
    me = frame.filter(_key(unit, year))
    rows = []
    for it in rubric.leaves():
        r = it.rule
        t = r.type
        needed: float | None = None
        best = float(it.max)
        higher = R.is_higher(it) if t not in ("veto", "bonus") else True
        if t == "boolean":
            needed = 1.0 if r.expect else 0.0
        elif t in ("threshold", "linear", "deduct"):
            needed = float(r.target)
        elif t == "bands":
            top = max(range(len(r.bands)), key=lambda i: (r.bands[i].points, -i))
            needed, best = float(r.bands[top].at), float(min(it.max, r.bands[top].points))
        elif t == "graded":
            levels = rubric.fields[it.field].levels or []
            if levels:
                idx = max(range(len(levels)), key=lambda i: (r.levels.get(levels[i], 0.0), -i))
                needed, best = float(idx), float(it.max) * float(r.levels.get(levels[idx], 0.0))
        elif t == "direct":
            needed = float(it.max)
        elif t == "negative":
            needed, best, higher = 0.0, 0.0, False
        elif t == "bonus":
            needed, best = None, 0.0
        elif t == "veto":
            if r.when is not None:
                needed, higher = (0.0 if r.when else 1.0), not r.when
            elif r.above is not None:
                needed, higher = float(r.above), False
            else:
                needed, higher = float(r.below), True
            best = 0.0
        else:  # relative rules: reach the best of the other units
            needed = _best_of_others(rubric, frame, me, it, higher)
            if needed is None and r.alone != "full":
                # Nobody to compare with, whatever the unit reports: the rule's `alone` decides
                # and no value changes the score.
                best = float(it.max) if r.alone == "missing" and it.missing == "full" else 0.0
            elif needed is None:
                needed = _own_best(rubric, me, it, higher)
            if t == "rank":
                best = min(best, float(min(it.max, r.by_rank[0])))
        rows.append(
            {
                "id": it.id,
                "needed": needed,
                "best": best,
                "higher": higher,
                "settable": it.field is not None and t != "bonus",
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "id": pl.String,
            "needed": pl.Float64,
            "best": pl.Float64,
            "higher": pl.Boolean,
            "settable": pl.Boolean,
        },
    )


def _best_of_others(rubric, frame: pl.DataFrame, me: pl.DataFrame, it, higher: bool) -> float | None:
    """The best value among the unit's peers, or None when it has none (no other unit of its
    year and group has a value, or its group is blank: a blank group has no members)."""
    within = getattr(it.rule, "within", None)
    year = me["year"][0]
    if within and (me[within][0] is None or not str(me[within][0]).strip()):
        return None
    peers = frame.filter((pl.col("year") == year) if year is not None else pl.col("year").is_null())
    peers = peers.filter(pl.col("unit") != me["unit"][0])
    if within:
        peers = peers.filter(pl.col(within) == me[within][0])
    v = peers[col_value(it.id)].drop_nulls()
    if not v.len():
        return None
    b = float(v.max() if higher else v.min())
    if it.rule.type == "ratio_to_best" and higher and b <= 0:
        return 1.0  # every other unit has 0: any positive value is the best
    return b


def _own_best(rubric, me: pl.DataFrame, it, higher: bool) -> float:
    """With ``alone: full`` and no peer, the unit is the best whatever it reports."""
    from ..rubric.semantics import field_range

    mine = me[col_value(it.id)][0]
    if mine is not None and (mine > 0 or not higher or it.rule.type != "ratio_to_best"):
        return float(mine)
    lo, hi = field_range(rubric.fields[it.field]) if it.field else (None, None)
    return (hi if hi is not None else 1.0) if higher else (lo if lo is not None else 0.0)


# --- the path to the next grade --------------------------------------------------------------------


def _moves(g: Gaps, result: ScoreResult, target_idx: int) -> tuple[list[dict], list[dict]]:
    """(mandatory veto clearings, candidate steps), one per field."""
    rubric = result.rubric
    names = rubric.grade_names()
    need_total = rubric.grades[target_idx].min_percent / 100 * rubric.total
    mandatory: dict[str, dict] = {}
    steps: dict[str, dict] = {}
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
        if gain <= 0:
            continue
        s = _step(it, r, gain, rubric)
        prev = steps.get(it.field)
        if prev is None:
            steps[it.field] = s
        elif prev["higher"] == s["higher"]:
            better = max if s["higher"] else min
            prev["set_to"] = better(prev["set_to"], s["set_to"])
            prev["gain"] += gain
            prev["items"].append(it.id)
            prev["cost"] = _cost(prev["value"], prev["set_to"], rubric.fields[it.field].type)
        elif s["gain"] > prev["gain"]:
            steps[it.field] = s
    for f, m in mandatory.items():  # a field cleared for a veto is not also a step
        steps.pop(f, None)
    return list(mandatory.values()), list(steps.values())


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
    from ..rubric.semantics import field_range

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


def _part_way(result: ScoreResult, g: Gaps, moves: list[dict], n: int, outcome, reaches, read_changes, value_text):
    """Take the last step only as far as needed, where its item scores in proportion (linear,
    deduct by proration): 述法率 to 94.3% rather than to 100% when that is enough.  Checked by
    scoring again; kept only if the grade is still reached.  Returns the new outcome or None."""
    rubric = result.rubric
    m = moves[n - 1]
    if len(m["items"]) != 1:
        return None
    it = rubric.items[m["items"][0]]
    r = it.rule
    if it.role != "score" or r.type not in ("linear", "deduct") or (r.type == "deduct" and r.steps != "prorate"):
        return None
    k = 10**rubric.decimals
    target = rubric.grades[rubric.grade_names().index(g.next_grade)].min_percent / 100 * rubric.total
    before = outcome(n - 1)
    need = math.ceil((target - before["total"]) * k - 1e-9) / k
    current = g.items.filter(pl.col("id") == it.id)["score"].item()
    want = current + need
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
    row = outcome(n, partial)
    if not reaches(row):
        return None
    m["set_to"], m["gain"] = v, need
    m["cost"] = _cost(m["value"], v, rubric.fields[m["field"]].type)
    return row


def _possible(result: ScoreResult, g: Gaps, new: pl.DataFrame, apply_changes) -> bool:
    """Whether the unit's values with ``new`` keep every declared error constraint."""
    from ..data.consistency import check_values

    if not result.rubric.constraints:
        return True
    inds = apply_changes(result.indicators, g.unit, g.year, new, set())
    inds.values = inds.values.filter(pl.col("unit") == g.unit)
    return not any(p.severity == "error" for p in check_values(inds, result.rubric))


def path_to_grade(result: ScoreResult, g: Gaps, strategy: str = "fewest") -> Path:
    from ..engine.score import score
    from .whatif import apply_changes, read_changes, value_text

    rubric = result.rubric
    names = rubric.grade_names()
    target_idx = names.index(g.next_grade)
    mandatory, steps = _moves(g, result, target_idx)
    for s in mandatory + steps:
        s["cost"] = _cost(s["value"], s["set_to"], rubric.fields[s["field"]].type)
    order = {it: i for i, it in enumerate(rubric.items)}
    if strategy == "fewest":
        steps.sort(key=lambda s: (-s["gain"], order[s["order"]]))
    else:
        steps.sort(key=lambda s: (-(s["gain"] / max(s["cost"], 1e-9)), -s["gain"], order[s["order"]]))
    moves = mandatory + steps

    # Every step's value is read once (as whatif reads it); each probe scores a prefix.
    new_all, cleared_all = read_changes(
        rubric, g.unit, g.year, {m["field"]: value_text(rubric, m["field"], m["set_to"]) for m in moves}
    )
    # A value that breaks a declared constraint with the unit's other values (胜诉率 95% beside a
    # 败诉率 of 8.87%) cannot be reached by changing it alone: no step.
    moves = [m for m in moves if _possible(result, g, new_all.filter(pl.col("field") == m["field"]), apply_changes)]
    mandatory = [m for m in mandatory if m in moves]

    def outcome(k: int, partial: pl.DataFrame | None = None):
        fields = [m["field"] for m in moves[:k]]
        new = new_all.filter(pl.col("field").is_in(fields))
        if partial is not None:  # the last step only part of the way
            new = pl.concat([new.filter(~pl.col("field").is_in(partial["field"].implode())), partial])
        inds = apply_changes(result.indicators, g.unit, g.year, new, cleared_all & set(fields))
        res = score(rubric, inds)
        row = res.frame.filter(_key(g.unit, g.year)).select("total", "percent", "grade").row(0, named=True)
        return row

    def reaches(row) -> bool:
        return row["grade"] in names and names.index(row["grade"]) <= target_idx

    last = outcome(len(moves))
    reachable = reaches(last)
    n = len(moves)
    if reachable:
        # The smallest k that reaches the grade; first probe where the points would add up.
        lo, hi, best_row = len(mandatory), n, last  # outcome(hi) reaches
        need = g.points_to_next or 0.0
        acc, guess = 0.0, n
        for k, m in enumerate(moves):
            acc += m["gain"]
            if acc >= need - 1e-9 and k + 1 >= len(mandatory):
                guess = k + 1
                break
        probe = guess
        while lo < hi:
            mid = probe if lo <= probe < hi else (lo + hi) // 2
            probe = -1
            row = outcome(mid)
            if reaches(row):
                hi, best_row = mid, row
            else:
                lo = mid + 1
        n, last = hi, best_row
        if n > len(mandatory):
            last = _part_way(result, g, moves, n, outcome, reaches, read_changes, value_text) or last
    chosen = moves[:n]
    cum = 0.0
    rows = []
    for i, m in enumerate(chosen, 1):
        cum += m["gain"]
        f = rubric.fields[m["field"]]
        rows.append(
            {
                "step": i,
                "field": m["field"],
                "name": f.name,
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
    schema = {
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
    return Path(
        strategy=strategy,
        grade=g.next_grade,
        reachable=reachable,
        steps=pl.DataFrame(rows, schema=schema),
        total=round(last["total"], rubric.decimals),
        percent=round(last["percent"], 2),
        reached=last["grade"],
    )
