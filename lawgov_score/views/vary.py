"""The view of sensitivity over method choices: what the ranking depends on, then the units."""

from __future__ import annotations

import polars as pl

from ..core.messages import say
from ..output.columns import Column, records
from ..output.view import Table, View
from .sensitivity import sensitivity_view

INDEX_COLUMNS = [
    Column("parameter", "选项", "choice"),
    Column("alternatives", "备选项", "alternatives"),
    Column("first_order", "一阶指数", "first order", "number"),
    Column("first_interval", "一阶 95% 区间", "first order 95% CI"),
    Column("total", "总效应指数", "total", "number"),
    Column("total_interval", "总效应 95% 区间", "total 95% CI"),
    Column("inert", "不起作用", "inert", "bool"),
]
JSON_INDEX_KEYS = ("parameter", "alternatives", "first_order", "first_low", "first_high", "total", "total_low",
                   "total_high", "inert")  # fmt: skip


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def notes_lines(notes, lang: str = "zh") -> list[str]:
    """The choices that cannot act on this data, in words (said before the run, and again here)."""
    return [say(key, lang, **{**p, "why": say(p["why"], lang) if "why" in p else ""}) for key, p in notes]


def method_lines(ms, lang: str = "zh") -> list[str]:
    """The head line (naming the choice the ranking depends on most), the inert choices, one
    line per choice with its indices."""
    s = ms.summary()
    head = say("vary.head", lang, samples=ms.samples, runs=ms.runs, seed=ms.seed, vary=", ".join(s["vary"]),
               main=s["most"])  # fmt: skip
    per = [
        say("vary.index", lang, parameter=r["parameter"], first=_fmt(r["first_order"]), total=_fmt(r["total"]))
        for r in ms.indices.sort("total", descending=True).iter_rows(named=True)
    ]
    return [head] + notes_lines(ms.notes, lang) + per


def method_sensitivity_view(report, lang: str = "zh") -> View:
    """``sensitivity --vary``: the lines, the indices' table, the units' table (CSV: the units);
    JSON ``{"summary", "units", "indices"}``."""
    ms, rubric = report.sensitivity, report.rubric
    idx = ms.indices.with_columns(
        pl.format("[{}, {}]", pl.col("first_low").round(3), pl.col("first_high").round(3)).alias("first_interval"),
        pl.format("[{}, {}]", pl.col("total_low").round(3), pl.col("total_high").round(3)).alias("total_interval"),
    )
    df, cols = sensitivity_view(ms, rubric, lang)
    jdf, jcols = sensitivity_view(ms, rubric, lang, json=True)
    jidx = [Column(k, k, k) for k in JSON_INDEX_KEYS]
    return View(
        lines=method_lines(ms, lang),
        tables=[Table(idx, INDEX_COLUMNS), Table(df, cols)],
        csv_table=1,
        document={"summary": report.summary(), "units": records(jdf, jcols), "indices": records(ms.indices, jidx)},
        decimals=rubric.decimals,
        lang=lang,
    )
