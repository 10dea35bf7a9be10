"""The evaluation's parts (书面评审, 实地评估, 人民群众满意度测评): one score per part, and the base
total as their sum.

A part's score is its rate over the items it checks — what they scored over what they could
score, each counted with the weight it has in the rubric's total — times the points the part
carries (its weight's share of the total).  An item checked by two parts counts in both.  Each
part score is rounded to the rubric's decimals before they are added, so the parts shown add up
to the base total by hand.  One expression per part: polars evaluates them for every unit.
"""

from __future__ import annotations

import polars as pl

from ..rubric.compiled import Rubric
from . import rules as R


def col_part(part_id: str) -> str:
    """The scored frame's column of a part's score."""
    return f"p:{part_id}"


def contribution_factors(rubric: Rubric) -> dict[str, float]:
    """Leaf id → the points the total moves per point of the leaf (1 throughout a summed tree;
    a weighted mean scales each child by its weight's share of the parent's maximum)."""
    out: dict[str, float] = {}

    def walk(ids, aggregate: str, parent_max: float, factor: float) -> None:
        kids = [rubric.items[i] for i in ids]
        weighted = [k for k in kids if k.role in ("score", "group") and k.max > 0 and k.weight > 0]
        wsum = sum(k.weight for k in weighted)
        for k in kids:
            f = factor
            if aggregate == "weighted_mean" and k in weighted and wsum > 0:
                f = factor * parent_max * k.weight / (wsum * k.max)
            if k.children:
                walk(k.children, k.aggregate, k.max, f)
            else:
                out[k.id] = f

    walk(rubric.roots, rubric.aggregate, rubric.total, 1.0)
    return out


def _parts(rubric: Rubric):
    """Per declared part: its id, its points, the leaves it checks, and the most they can score
    (each counted with its weight in the tree); with the leaves' factors."""
    factors = contribution_factors(rubric)
    out = []
    for part_id, points in rubric.part_maxima().items():
        items = rubric.part_items(part_id)
        out.append((part_id, points, items, sum(it.max * factors[it.id] for it in items)))
    return out, factors


def part_exprs(rubric: Rubric, score_col) -> list[pl.Expr]:
    """One expression per declared part: its score (rounded), named ``col_part(id)``."""
    parts, factors = _parts(rubric)
    out = []
    for part_id, points, items, most in parts:
        got = pl.sum_horizontal([pl.col(score_col(it.id)) * factors[it.id] for it in items]) if items else pl.lit(0.0)
        rate = (got / most).clip(0.0, 1.0) if most > 0 else pl.lit(0.0)
        out.append(R.round_half_up(rate * points, rubric.decimals).alias(col_part(part_id)))
    return out


def points_in_total(rubric: Rubric) -> dict[str, float]:
    """Leaf id → the points of the total one point of the leaf is worth: the sum, over the parts
    that check it, of the part's points over what its items can score (gaps reports a loss so)."""
    parts, factors = _parts(rubric)
    out: dict[str, float] = {}
    for _, points, items, most in parts:
        for it in items:
            out[it.id] = out.get(it.id, 0.0) + (points * factors[it.id] / most if most > 0 else 0.0)
    return out
