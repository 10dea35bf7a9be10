"""The sensitivity view: each unit's rank under perturbed weights (median, interval, probabilities)."""

from __future__ import annotations

import polars as pl

from ..core.messages import say
from ..output.columns import Column, records
from ..output.view import Table, View
from ..rubric.compiled import Rubric
from ..rubric.describe import GROUP_ZH as _GROUP_ZH
from .values import lines_text

JSON_KEYS = ("unit", "year", "group", "rank", "total", "grade", "median_rank", "p05", "p95", "p_top")


def sensitivity_view(sv, rubric: Rubric, lang: str = "zh", json: bool = False) -> tuple[pl.DataFrame, list[Column]]:
    """One row per unit-year: the plain rank, the median rank and 5–95% interval, P(top K) and
    P(each grade); with ``json`` the documented keys and shares (0–1) instead of percents."""
    grades = rubric.grade_names()
    df = sv.table.with_columns(
        pl.format("{}–{}", "p05", "p95").alias("interval"),
        (pl.col("p_top") * 100).alias("p_top_pct"),
        *[(pl.col(f"p:{g}") * 100).alias(f"pct:{g}") for g in grades],
    )
    if json:
        cols = [Column(k, k, k) for k in JSON_KEYS] + [Column(f"p:{g}", f"p:{g}", f"p:{g}") for g in grades]
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


def sensitivity_lines(sv, rubric: Rubric, lang: str = "zh") -> list[str]:
    """The summary line: the samples, how far the points moved, and how many ranks vary."""
    s = sv.summary()
    targets = say("sensitivity.targets", lang, perturb=f"{sv.perturb_targets * 100:g}") if sv.perturb_targets else ""
    return [
        say(
            "sensitivity.head",
            lang,
            samples=sv.samples,
            perturb=f"{sv.perturb * 100:g}",
            targets=targets,
            seed=sv.seed,
            units=s["units"],
            varies=s["rank_varies"],
            spread=s["max_spread"],
        )
    ]


def sensitivity_text(sv, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    """The summary line as text (or a markdown list)."""
    return lines_text(sensitivity_lines(sv, rubric, lang), markdown)


def sensitivity_report_view(report, lang: str = "zh") -> View:
    """``sensitivity``: the summary line and the units' table; JSON with the summary and the
    units (shares 0–1)."""
    sv, rubric = report.sensitivity, report.rubric
    df, cols = sensitivity_view(sv, rubric, lang)
    jdf, jcols = sensitivity_view(sv, rubric, lang, json=True)
    return View(
        lines=sensitivity_lines(sv, rubric, lang),
        tables=[Table(df, cols)],
        document={"summary": report.summary(), "units": records(jdf, jcols)},
        decimals=rubric.decimals,
        lang=lang,
    )
