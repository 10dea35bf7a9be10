"""Where one unit loses points, what each item needs for full points, and a shortest path to
the next grade.

Points lost are split by cause: ``missing`` (no value, so no evidence: the self-assessment must
supply it), ``alone`` (a value, but an item that compares units and no peer to compare with: no
other unit of the year and group has a value, or the unit's group is blank), ``short`` (a value
below the target), ``deducted`` (a negative-list item) and ``vetoed`` (a veto that fired caps the
total or the grade).  For each item ``needed`` is the
value that earns full points (the most a relative rule can give, for rules that compare with
peers: reaching the best of the other units), in the field's own terms.

The path to the next grade (``path``: the fewest or the easiest values to change, checked by
scoring again) is computed by ``analysis.path`` from these gaps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import polars as pl

from ..engine import rules as R
from ..engine.score import ScoreResult, col_value
from ..rubric.model import NORMALISE_RULES
from .path import PATHS, Path, path_to_grade
from .select import select_unit_year, unit_year_key

__all__ = ["PATHS", "Gaps", "Path", "gaps", "item_needs", "lost_items"]


@dataclass
class Gaps:
    """Where one unit loses points in one year, by cause, and how far its next grade is."""

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
    standing: Any = None  # analysis.standing.Standing of the unit-year: part scores, position, percentile

    def summary(self) -> dict:
        """Totals, the points lost by cause and, with a path, where it leads (JSON's ``summary``)."""

        # with evaluation parts, in points of the total (what each loss costs it), else the items' own
        col = "lost_total" if "lost_total" in self.items.columns else "lost"

        def lost(cause=None):
            df = self.items if cause is None else self.items.filter(pl.col("cause") == cause)
            return round(float(df[col].sum()), 6) if df.height else 0.0

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


def gaps(result: ScoreResult, unit: str, year: int | None = None, path: str | None = "fewest") -> Gaps:
    """Items that lose points (largest loss first) and, unless ``path`` is None, the shortest
    path to the next grade (``fewest`` or ``effort``; see the module's doc)."""
    if path is not None and path not in PATHS:
        raise ValueError(f"path must be one of {', '.join(PATHS)}")
    unit, year = select_unit_year(result, unit, year)
    rubric = result.rubric
    key = unit_year_key(unit, year)
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
    owed = (pl.col("status") == "vetoed") | (pl.col("source") == "imputed")  # imputed: evidence still owed
    items = items.filter((pl.col("lost") > 0) | owed)
    order = "lost"
    if rubric.parts:  # what a lost point costs in the total depends on the parts that check the item
        from ..engine.parts import points_in_total

        worth = pl.col("id").replace_strict(points_in_total(rubric), default=1.0, return_dtype=pl.Float64)
        items = items.with_columns((pl.col("lost") * worth).round(rubric.decimals).alias("lost_total"))
        order = "lost_total"
    items = items.sort([order, "_order"], descending=[True, False]).drop("_order")
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
    from .standing import standing

    g.standing = standing(
        result, pl.DataFrame({"unit": [unit], "year": [year]}, schema={"unit": pl.String, "year": pl.Int64})
    )
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
    """Why an item record loses points (vetoes aside): missing, alone, deducted or short.  A value
    the rubric's treatment imputed is still missing: nobody stated it, so its evidence is owed."""
    return (
        pl.when(pl.col("value").is_null() | (pl.col("source") == "imputed"))
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
        .filter((pl.col("lost") > 0) | (pl.col("source") == "imputed"))  # imputed: evidence still owed
    )
    return out.sort(["year", "unit", "lost", "_order"], descending=[False, False, True, False], nulls_last=True).drop(
        "_order"
    )


# --- what each item needs ------------------------------------------------------------------------


NEEDS_SCHEMA = {"id": pl.String, "needed": pl.Float64, "best": pl.Float64, "higher": pl.Boolean, "settable": pl.Boolean}


def item_needs(result: ScoreResult, unit: str, year) -> pl.DataFrame:
    """One row per leaf: ``needed`` (the value for full points, or for clearing a veto),
    ``best`` (the most the item can score), ``higher`` (whether more is better for it) and
    ``settable`` (it reads one field, so one value fixes it).  Relative rules look at the
    other units of the same year (and group)."""
    rubric = result.rubric
    me = result.frame.filter(unit_year_key(unit, year))
    rows = []
    for it in rubric.leaves():
        t = it.rule.type
        higher = R.is_higher(it) if t not in ("veto", "bonus") else True
        if t in ABSOLUTE:
            needed, best, higher = _absolute_need(rubric, it, higher)
        else:  # relative rules: reach the best of the other units
            needed, best = _relative_need(rubric, result.frame, me, it, higher)
        settable = it.field is not None and t != "bonus"
        rows.append({"id": it.id, "needed": needed, "best": best, "higher": higher, "settable": settable})
    return pl.DataFrame(rows, schema=NEEDS_SCHEMA)


ABSOLUTE = ("boolean", "threshold", "linear", "deduct", "bands", "graded", "direct", "negative", "bonus", "veto")


def _absolute_need(rubric, it, higher: bool) -> tuple[float | None, float, bool]:
    """(needed, best, higher) of an item whose rule looks at the unit's own value alone."""
    r = it.rule
    t = r.type
    needed: float | None = None
    best = float(it.max)
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
    return needed, best, higher


def _relative_need(rubric, frame: pl.DataFrame, me: pl.DataFrame, it, higher: bool) -> tuple[float | None, float]:
    """(needed, best) of an item that compares units: the best value of the other units."""
    r = it.rule
    best = float(it.max)
    needed = _best_of_others(rubric, frame, me, it, higher)
    if needed is None and r.alone != "full":
        # Nobody to compare with, whatever the unit reports: the rule's `alone` decides
        # and no value changes the score.
        best = float(it.max) if r.alone == "missing" and it.missing == "full" else 0.0
    elif needed is None:
        needed = _own_best(rubric, me, it, higher)
    if r.type == "rank":
        best = min(best, float(min(it.max, r.by_rank[0])))
    if r.type in NORMALISE_RULES and not r.best_scores_full:
        needed = None  # being the best of the others does not earn full points: no one value does
    return needed, best



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
    from ..rubric.model import field_range

    mine = me[col_value(it.id)][0]
    if mine is not None and (mine > 0 or not higher or it.rule.type != "ratio_to_best"):
        return float(mine)
    lo, hi = field_range(rubric.fields[it.field]) if it.field else (None, None)
    return (hi if hi is not None else 1.0) if higher else (lo if lo is not None else 0.0)
