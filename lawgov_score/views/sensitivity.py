"""The sensitivity view: each unit's rank under perturbed weights (median, interval, probabilities)."""

from __future__ import annotations

import polars as pl

from ..output.columns import Column
from ..rubric.compiled import Rubric
from ..rubric.describe import GROUP_ZH as _GROUP_ZH
from .values import (
    lines_text,
)


def sensitivity_view(sv, rubric: Rubric, lang: str = "zh", json: bool = False) -> tuple[pl.DataFrame, list[Column]]:
    grades = rubric.grade_names()
    df = sv.table.with_columns(
        pl.format("{}–{}", "p05", "p95").alias("interval"),
        (pl.col("p_top") * 100).alias("p_top_pct"),
        *[(pl.col(f"p:{g}") * 100).alias(f"pct:{g}") for g in grades],
    )
    if json:
        cols = [
            Column(k, k, k)
            for k in ("unit", "year", "group", "rank", "total", "grade", "median_rank", "p05", "p95", "p_top")
        ]
        cols += [Column(f"p:{g}", f"p:{g}", f"p:{g}") for g in grades]
        return df, cols
    cols = [
        Column("rank", "排名", "rank", "int"),
        Column("unit", "单位", "unit"),
        Column("year", "年度", "year", "int"),
    ]
    if sv.by:
        cols.append(Column("group", _GROUP_ZH.get(sv.by, "分组"), sv.by))
    cols += [
        Column("total", "总分", "total", "score"),
        Column("grade", "等次", "grade"),
        Column("median_rank", "排名中位数", "median rank", "int"),
        Column("interval", "90%区间", "5–95%"),
        Column("p_top_pct", f"前{sv.top}名概率", f"P(top {sv.top})", "percent"),
    ]
    cols += [Column(f"pct:{g}", f"P({g})", f"P({g})", "percent") for g in grades]
    return df, cols


def sensitivity_text(sv, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    s = sv.summary()
    pt = f"，规则阈值扰动 ±{sv.perturb_targets * 100:g}%" if sv.perturb_targets else ""
    pt_en = f", rule thresholds ±{sv.perturb_targets * 100:g}%" if sv.perturb_targets else ""
    if lang == "en":
        lines = [
            f"{sv.samples} samples, item points ±{sv.perturb * 100:g}%{pt_en}, seed {sv.seed}: the rank of "
            f"{s['rank_varies']} of {s['units']} unit-years varies (widest 5–95% interval: {s['max_spread']} places)"
        ]
    else:
        lines = [
            f"{sv.samples} 次抽样，各项分值扰动 ±{sv.perturb * 100:g}%{pt}，随机种子 {sv.seed}：{s['units']} 个单位（年度）中 "
            f"{s['rank_varies']} 个的排名随权重变化（90% 区间最宽 {s['max_spread']} 名）"
        ]
    return lines_text(lines, markdown)
