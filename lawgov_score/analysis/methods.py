"""Composite-indicator methods applied to a rubric: the values its leaves read, normalised;
weights of every parent's children from the data; units ranked by an MCDA method.

The arithmetic lives in ``engine.normalise``, ``analysis.weights`` and ``analysis.mcdm``; this
module picks the criteria out of a rubric (its scoring leaves, their directions and points)
and gathers the problems each method meets (missing values, values ≤ 0, lone peers) as
warnings that name the criterion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from ..core.problems import Problem, problem, said
from ..engine.normalise import THRESHOLD, normalise_expr, normalise_problems
from ..engine.parts import col_part
from ..engine.score import ScoreResult, col_score, col_value
from ..rubric.compiled import Item, Rubric
from ..rubric.pairwise import declared as declared_matrices
from . import mcdm
from .weights import ahp_weights, weights_of  # ahp_weights: the rubric layer's (rubric.pairwise)

WEIGHT_METHODS = ("entropy", "critic", "std", "equal", "ahp", "combined")
KEYS = ["unit", "year"]


def direction_of(item: Item) -> str:
    """A leaf's direction: its rule's ``direction``; a yes/no expected to be no is lower-is-better."""
    rule = item.rule
    if rule is None:
        return "higher"
    if rule.type == "boolean":
        return "higher" if rule.expect else "lower"
    return getattr(rule, "direction", "higher")


def criteria(rubric: Rubric, under: str | None = None) -> list[Item]:
    """The scoring leaves (not negative, bonus or veto items), in rubric order; ``under``: of that item only."""
    leaves = [it for it in rubric.leaves() if it.role == "score"]
    if under is None:
        return leaves
    return [it for it in leaves if _descends(rubric, it, under)]


def _descends(rubric: Rubric, item: Item, ancestor: str) -> bool:
    while item is not None:
        if item.id == ancestor:
            return True
        item = rubric.items.get(item.parent) if item.parent else None
    return False


def _where(item: Item):
    return said("engine.item", id=item.id, name=item.name)


# --- normalise -------------------------------------------------------------------------------------


@dataclass
class NormalisedValues:
    """``normalise``: one row per unit, year and field: the value and its normalised value."""

    rubric: Rubric
    frame: pl.DataFrame  # unit, year, field, value, normalised
    method: str
    warnings: list[Problem] = field(default_factory=list)
    exit_code: int = 0


def field_directions(rubric: Rubric) -> dict[str, tuple[str, Item | None]]:
    """Each field a scoring leaf reads, in rubric order, with that leaf's direction (the first leaf's)."""
    out: dict[str, tuple[str, Item | None]] = {}
    for it in rubric.leaves():
        if it.field and it.field not in out:
            out[it.field] = (direction_of(it), it)
    return out


def normalised_values(
    rubric: Rubric,
    wide: pl.DataFrame,
    method: str,
    *,
    fields: list[str] | None = None,
    by: str | None = None,
    ddof: int = 1,
    threshold: float = THRESHOLD,
) -> NormalisedValues:
    """The fields' values in ``wide`` (one row per unit and year, a column per field) normalised
    by ``method`` among the units of the same year (and ``by`` group), mirrored for a field its
    leaf scores lower-is-better.  ``fields``: those only (default: every field a leaf reads)."""
    known = field_directions(rubric)
    chosen = fields if fields else list(known)
    over = ["year", by] if by else ["year"]
    parts, warnings = [], []
    for f in chosen:
        direction, item = known.get(f, ("higher", None))
        expr = normalise_expr(f, method, over=over, direction=direction, ddof=ddof, threshold=threshold)
        part = wide.select(
            *KEYS, pl.lit(f).alias("field"), pl.col(f).cast(pl.Float64).alias("value"), expr.alias("normalised")
        )
        parts.append(part)
        warnings += _value_warnings(normalise_problems(wide, f, method, over=over), f, item, method)
    frame = pl.concat(parts) if parts else pl.DataFrame(schema={"unit": pl.String, "year": pl.Int64})
    return NormalisedValues(rubric, frame, method, warnings)


def _value_warnings(counts: dict[str, int], name: str, item: Item | None, method: str) -> list[Problem]:
    where = _where(item) if item is not None else said("methods.field", field=name)
    path, line = (item.path, item.line or None) if item is not None else ("", None)
    codes = {"missing": "W-METHOD-MISSING", "not_positive": "W-METHOD-POSITIVE", "alone": "W-METHOD-ALONE"}
    return [
        problem(codes[k], path, line, where=where, field=name, count=n, method=method)
        for k, n in counts.items()
        if k in codes
    ]


# --- weights ---------------------------------------------------------------------------------------


@dataclass
class Weights:
    """``weights``: one row per item: its weight among its parent's children (summing to 1)."""

    rubric: Rubric
    frame: pl.DataFrame  # id, name, parent, weight, method
    method: str
    variant: str | None = None
    consistency: dict[str, float] = field(default_factory=dict)  # parent → AHP consistency ratio
    warnings: list[Problem] = field(default_factory=list)
    exit_code: int = 0
    overlay: str | None = None  # the YAML of a rubric carrying these weights, where one was asked for


def _children(rubric: Rubric, parent: str | None) -> list[Item]:
    ids = rubric.roots if parent is None else rubric.items[parent].children
    return [rubric.items[i] for i in ids if rubric.items[i].role in ("score", "group")]


def _child_column(result: ScoreResult, item: Item) -> tuple[np.ndarray, bool]:
    """A child as a criterion: a leaf's value (its direction), a group's score (higher is better)."""
    if item.is_leaf:
        return result.frame[col_value(item.id)].cast(pl.Float64).to_numpy(), direction_of(item) == "lower"
    return result.frame[col_score(item.id)].cast(pl.Float64).to_numpy(), False


def points_weights(kids: list[Item]) -> np.ndarray:
    """The rubric's own weights of siblings: their points (or, under a weighted mean, their weights) normalised."""
    pts = np.array([k.max for k in kids], dtype=float)
    total = pts.sum()
    return np.full(len(kids), 1 / len(kids)) if total <= 0 else pts / total


def rubric_weights(result: ScoreResult, method: str, *, variant: str = "normalised") -> Weights:
    """The weights of each parent's children (the first-level items under the rubric itself)
    by ``method``, from every unit-year of ``result``: the children's values (leaves) or scores
    (groups).  ``ahp`` reads each parent's ``pairwise`` matrix; a parent without one keeps the
    rubric's points (method ``points``), and a rubric with none at all is E-METHOD-AHP;
    ``combined`` multiplies the rubric's points by the entropy weights."""
    rubric = result.rubric
    rows, consistency, warnings = [], {}, []
    parents = [None, *[it.id for it in rubric.items.values() if not it.is_leaf]]
    declared = {p for p, _, _ in declared_matrices(rubric)} if method == "ahp" else set()
    if method == "ahp" and not declared:
        pairwise_of(rubric, None)  # raises E-METHOD-AHP: the rubric declares no matrix at all
    for parent in parents:
        kids = _children(rubric, parent)
        if not kids:
            continue
        how = method
        if method == "ahp" and parent not in declared:
            w, how = points_weights(kids), "points"  # no judgement declared here: the rubric's own points
        elif method == "ahp":
            ahp = ahp_weights(pairwise_of(rubric, parent))
            w = ahp.weights
            consistency[parent or ""] = ahp.cr
        else:
            cols = [_child_column(result, k) for k in kids]
            matrix = np.column_stack([c for c, _ in cols]) if cols else np.empty((0, 0))
            cost = np.array([c for _, c in cols])
            w = weights_of(method, matrix, cost, variant=variant, subjective=points_weights(kids))
        rows += [(k.id, k.name, parent, float(wj), how) for k, wj in zip(kids, w)]
    frame = pl.DataFrame(rows, schema=["id", "name", "parent", "weight", "method"], orient="row")
    shown_variant = variant if method in ("entropy", "combined") else None
    return Weights(rubric, frame, method, shown_variant, consistency, warnings)


def overlay_document(weights: Weights, base: str) -> dict:
    """A rubric that ``extends`` ``base`` and carries ``weights``: the rubric and every parent
    aggregate by ``weighted_mean`` over their children with these weights, each keeping its
    points (so totals stay on the same scale and ``rubric diff`` compares like with like)."""
    rubric = weights.rubric
    override: dict[str, dict] = {}
    for it in rubric.items.values():
        if not it.is_leaf:
            override[it.id] = {"aggregate": "weighted_mean", "points": it.max}
    for item_id, w in weights.frame.select("id", "weight").iter_rows():
        override.setdefault(item_id, {})["weight"] = round(float(w), 6)
    how = weights.method + (f" ({weights.variant})" if weights.variant else "")
    return {
        "id": f"{rubric.id}-{weights.method}",
        "name": f"{rubric.name}（{how}）",
        "extends": base,
        "note": f"weights: {how}",
        "aggregate": "weighted_mean",
        "total": rubric.total,
        "override": override,
    }


def pairwise_of(rubric: Rubric, parent: str | None) -> np.ndarray:
    """The AHP pairwise comparison matrix declared for ``parent``'s children (the rubric's own
    ``pairwise`` for the first-level items); raises ProblemError E-METHOD-AHP when none is."""
    from ..core.problems import ProblemError
    from ..rubric.pairwise import matrix_problem, parse_entry

    item = None if parent is None else rubric.items[parent]
    raw = rubric.raw if item is None else item.raw
    matrix = raw.get("pairwise") if raw is not None and hasattr(raw, "get") else None
    at = dict(path=item.path if item else rubric.path, where=_where(item) if item else said("methods.rubric_top"))
    if matrix is None:
        raise ProblemError.one("E-METHOD-AHP", **at)
    n = len(_children(rubric, parent))
    why = matrix_problem(matrix, n)
    if why is not None:
        raise ProblemError.one("E-AHP-MATRIX", **at, n=n, **why)
    return np.array([[parse_entry(x) for x in row] for row in matrix], dtype=float)


# --- rank ------------------------------------------------------------------------------------------


def method_frame(result: ScoreResult, method: str, *, by: str | None = None, pool: bool = False, on=None):
    """``result.totals()`` with ``total`` the ``method``'s value over the scoring leaves (the
    criteria: their values, directions, and their shares of the rubric's total as weights),
    every dimension's value the same method over its own leaves, and ``max``, ``percent``,
    ``grade``, ``bonus`` and the parts' columns (which speak of the rubric's points) null.
    Unit-years lacking a criterion's value are left out of their peers and get a null total;
    the warnings say how many and which criteria.  ``on``: also ``_key``, the method over that
    item's leaves.  Returns (frame, warnings)."""
    rubric = result.rubric
    over = ([] if pool else ["year"]) + ([by] if by else [])
    leaves = criteria(rubric)
    usable = [it for it in leaves if result.frame[col_value(it.id)].is_not_null().any()]
    warnings = _criteria_warnings(result, leaves, usable, method)
    shares = leaf_shares(rubric)
    table = result.totals()
    values = result.frame.select(*over, *[col_value(it.id) for it in usable])
    groups = {"total": usable, **{d: [it for it in usable if _descends(rubric, it, d)] for d in rubric.roots}}
    if on is not None:
        groups["_key"] = [it for it in usable if _descends(rubric, it, on)]
    computed = {name: _method_over(values, method, items, over, shares) for name, items in groups.items()}
    out = table.with_columns(pl.Series(name, v, dtype=pl.Float64, nan_to_null=True) for name, v in computed.items())
    # the rubric's points have no place beside a method's value: null under the same keys as `rank`
    points = ["max", "percent", "bonus", *[col_part(p.id) for p in rubric.parts]]
    out = out.with_columns(pl.lit(None, dtype=pl.Float64).alias(c) for c in points)
    return out.with_columns(pl.lit(None, dtype=pl.String).alias("grade")), warnings


def leaf_shares(rubric: Rubric) -> dict[str, float]:
    """Each item's share of the rubric's total: its points among its siblings' (under a
    ``weighted_mean`` parent, its weight among theirs), times its parent's share."""
    shares: dict[str, float] = {}

    def spread(ids, aggregate: str, share: float) -> None:
        kids = [rubric.items[i] for i in ids if rubric.items[i].role in ("score", "group")]
        sizes = [k.weight if aggregate != "sum" else k.max for k in kids]
        total = sum(sizes)
        for k, size in zip(kids, sizes):
            shares[k.id] = share * (size / total if total > 0 else 1 / len(kids))
            if k.children:
                spread(k.children, k.aggregate, shares[k.id])

    spread(rubric.roots, rubric.aggregate, 1.0)
    return shares


def _method_over(values: pl.DataFrame, method: str, items: list[Item], over: list[str], shares) -> np.ndarray:
    """The method over ``items`` as criteria; a row lacking any of the whole rubric's criteria
    (not only these) is left out, so the total and the dimensions rank the same units."""
    if not items:
        return np.full(values.height, np.nan)
    every = [c for c in values.columns if c.startswith("v:")]
    keep = values.select(mcdm.complete(every)).to_series().to_numpy()
    cols = [col_value(it.id) for it in items]
    cost = [direction_of(it) == "lower" for it in items]
    weights = [shares.get(it.id, 0.0) for it in items]
    out = mcdm.method_values(values.filter(keep), method, cols, weights, cost, over=over)
    full = np.full(values.height, np.nan)
    full[keep] = out
    return full


def _criteria_warnings(result: ScoreResult, leaves: list[Item], usable: list[Item], method: str) -> list[Problem]:
    rubric, frame = result.rubric, result.frame
    out = []
    dropped = [it for it in leaves if it not in usable]
    if dropped:
        ids = tuple(f"{it.id}" for it in dropped[:8])
        out.append(problem("W-METHOD-NO-VALUES", rubric.path, None, count=len(dropped), items=ids, method=method))
    incomplete = frame.filter(~mcdm.complete([col_value(it.id) for it in usable]))
    if incomplete.height:
        nulls = incomplete.select([pl.col(col_value(it.id)).is_null().sum() for it in usable]).row(0)
        worst = sorted(zip(nulls, usable), key=lambda p: -p[0])[:3]
        ids = tuple(said("methods.item_count", id=it.id, count=n) for n, it in worst if n)
        out.append(problem("W-METHOD-INCOMPLETE", rubric.path, None, count=incomplete.height, items=ids, method=method))
    if method == "wpm":
        bad = frame.select([(pl.col(col_value(it.id)) <= 0).sum() for it in usable]).row(0)
        for n, it in zip(bad, usable):
            if n:
                out.append(
                    problem(
                        "W-METHOD-POSITIVE",
                        it.path,
                        it.line or None,
                        where=_where(it),
                        field=it.value_source,
                        count=n,
                        method=method,
                    )
                )
    return out
