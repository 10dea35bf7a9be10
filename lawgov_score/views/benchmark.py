"""The benchmark view: one unit item by item against the best, the median, another unit or a group."""

from __future__ import annotations

import polars as pl

from ..core.messages import say
from ..output.columns import Column, records
from ..output.view import Table, View
from ..rubric.compiled import Rubric
from .values import (
    item_columns,
    json_numbers,
    label_value,
    lines_text,
    shown_value,
    value_types,
    year_text,
)

# The reference column's Chinese header by kind (in English it is "ref"); a unit's or group's
# name stands for itself.
_REF_HEADER = {"best": "最优", "median": "中位数", "unit": "{against}", "group": "{against}中位数"}


def benchmark_view(
    bm, rubric: Rubric, lang: str = "zh", items: pl.DataFrame | None = None
) -> tuple[pl.DataFrame, list[Column]]:
    """The unit's and the reference's score and value per item (``items``: the rows to show,
    by default every item of ``bm``)."""
    d = rubric.decimals
    df = (bm.items if items is None else items).join(value_types(rubric), on="id", how="left")
    df = df.with_columns(
        shown_value("value", d, lang).alias("value_shown"),
        shown_value("ref_value", d, lang).alias("ref_shown"),
        label_value("value", lang=lang).alias("value_label"),
        label_value("ref_value", lang=lang).alias("ref_label"),
    )
    df = json_numbers(df, ["value", "ref_value"], d)
    ref_zh = _REF_HEADER[bm.kind].format(against=bm.against)
    cols = [
        Column("id", "编号", "id"),
        *item_columns(),
        Column("max", "满分", "max", "score"),
        Column("score", "本单位", "score", "score"),
        Column("ref", ref_zh, "ref", "score"),
        Column("diff", "差距", "diff", "score"),
        Column("value_shown", "本单位数值", "value", json_label="value_label"),
        Column("ref_shown", f"{ref_zh}数值" if bm.kind != "unit" else "对标数值", "ref_value", json_label="ref_label"),
    ]
    if bm.kind == "best":
        cols.append(Column("ref_unit", "最优单位", "ref_unit"))
    return df, cols


def benchmark_lines(bm, rubric: Rubric, lang: str = "zh") -> list[str]:
    """The summary lines: what the unit is compared with, the totals, and why the items do not
    add up to the reference total."""
    d = rubric.decimals
    s = bm.summary()
    what = say(f"benchmark.what.{bm.kind}", lang, peers=bm.peers, against=bm.against)
    lines = [
        say("benchmark.head", lang, unit=bm.unit, year=year_text(bm.year), what=what),
        say(
            "benchmark.totals",
            lang,
            total=f"{bm.total:.{d}f}",
            ref=say(f"benchmark.ref.{bm.kind}", lang),
            ref_total=f"{bm.ref_total:.{d}f}",
            diff=f"{s['diff']:+.{d}f}",
            behind=s["behind"],
            ahead=s["ahead"],
        ),
    ]
    if bm.kind in ("best", "median", "group"):
        lines.append(say("benchmark.note.best" if bm.kind == "best" else "benchmark.note.median", lang))
    return lines


def benchmark_text(bm, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    """The summary lines as text (or a markdown list)."""
    return lines_text(benchmark_lines(bm, rubric, lang), markdown)


def benchmark_report_view(report, lang: str = "zh") -> View:
    """``benchmark``: the summary lines and the items shown (``--depth``); JSON with the
    summary and those items."""
    from .gaps import about_unit

    bm, rubric = report.benchmark, report.rubric
    df, cols = benchmark_view(bm, rubric, lang, items=report.items)
    document = {"summary": report.summary(), "items": records(df, cols)}
    df, cols = about_unit(df, cols, bm.unit, bm.year)  # a CSV on its own says which unit it compares
    return View(
        lines=benchmark_lines(bm, rubric, lang),
        tables=[Table(df, cols)],
        document=document,
        decimals=rubric.decimals,
        lang=lang,
    )
