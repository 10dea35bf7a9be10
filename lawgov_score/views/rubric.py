"""The rubric view: the tree of items with points, fields and rules in words (rubric show)."""

from __future__ import annotations

import polars as pl

from ..output.columns import Column
from ..rubric.compiled import Rubric
from ..rubric.describe import describe_rule


def rubric_view(rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    rows = []
    for it in rubric.items.values():
        rows.append(
            {
                "id": it.id,
                "name": it.name,
                "level": it.level,
                "parent": it.parent,
                "max": it.max,
                "rule": it.rule.model_dump(by_alias=True, exclude_defaults=False) if it.rule is not None else None,
                "rule_text": describe_rule(it, rubric, lang) if it.rule is not None else "",
                "field": it.value_source or None,
                "evidence": it.evidence,
                "label": "  " * (it.level - 1) + it.name,
            }
        )
    df = pl.DataFrame(
        rows,
        schema={
            "id": pl.String,
            "name": pl.String,
            "level": pl.Int64,
            "parent": pl.String,
            "max": pl.Float64,
            "rule": pl.Object,
            "rule_text": pl.String,
            "field": pl.String,
            "evidence": pl.String,
            "label": pl.String,
        },
    )
    cols = [
        Column("id", "编号", "id"),
        Column("label", "项目", "item"),
        Column("max", "分值", "points", "score"),
        Column("field", "指标", "field"),
        Column("rule_text", "评分规则", "rule"),
    ]
    return df, cols
