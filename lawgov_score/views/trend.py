"""The trend view: each unit's movement between two years, and one unit's items that moved."""

from __future__ import annotations

import polars as pl

from ..core.messages import say
from ..output.columns import Column, records
from ..output.view import Table, View
from ..rubric.compiled import Rubric
from ..rubric.describe import GROUP_ZH as _GROUP_ZH
from .values import (
    joined,
    json_numbers,
    label_value,
    lines_text,
    shown_value,
    value_types,
)


def trend_view(tr, rubric: Rubric, by: str | None, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    """One row per unit of both years: totals, ranks, grades and how many items moved."""
    a, b = tr.year_from, tr.year_to
    cols = [Column("unit", "单位", "unit")]
    if by:
        cols.append(Column("group", _GROUP_ZH.get(by, "分组"), by))
    cols += [
        Column("total_from", f"{a}总分", f"total_{a}", "score"),
        Column("total_to", f"{b}总分", f"total_{b}", "score"),
        Column("change", "变化", "change", "score"),
        Column("rank_from", f"{a}排名", f"rank_{a}", "int"),
        Column("rank_to", f"{b}排名", f"rank_{b}", "int"),
        Column("rank_change", "名次升降", "rank_change", "int"),
        Column("grade_from", f"{a}等次", f"grade_{a}"),
        Column("grade_to", f"{b}等次", f"grade_{b}"),
        Column("improved", "进步项", "improved", "int"),
        Column("worsened", "退步项", "worsened", "int"),
        Column("new_gaps", "新增失分项", "new_gaps", "int"),
    ]
    df = tr.units.with_columns(pl.col("rank_change").cast(pl.Int64))
    return df, cols


def trend_items_view(tr, rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    """One unit's items that changed or became gaps: scores and values of both years."""
    a, b = tr.year_from, tr.year_to
    d = rubric.decimals
    df = tr.items.join(value_types(rubric), on="id", how="left").with_columns(
        shown_value("value_from", d, lang).alias("vf"),
        shown_value("value_to", d, lang).alias("vt"),
        label_value("value_from", lang=lang).alias("vf_label"),
        label_value("value_to", lang=lang).alias("vt_label"),
        pl.when(pl.col("new_gap"))
        .then(pl.lit(say("trend.note.new_gap", lang)))
        .when(pl.col("change") > 0)
        .then(pl.lit(say("trend.note.better", lang)))
        .otherwise(pl.lit(say("trend.note.worse", lang)))
        .alias("note"),
    )
    df = json_numbers(df, ["value_from", "value_to"], d)
    cols = [
        Column("id", "编号", "id"),
        Column("name", "项目", "item"),
        Column("max", "满分", "max", "score"),
        Column("score_from", f"{a}得分", f"score_{a}", "score"),
        Column("score_to", f"{b}得分", f"score_{b}", "score"),
        Column("change", "变化", "change", "score"),
        Column("vf", f"{a}数值", f"value_{a}", json_label="vf_label"),
        Column("vt", f"{b}数值", f"value_{b}", json_label="vt_label"),
        Column("note", "说明", "note"),
    ]
    return df, cols


def trend_lines(tr, rubric: Rubric, lang: str = "zh") -> list[str]:
    """The summary lines: units up and down, units of one year only, and the unit asked for."""
    s = tr.summary()
    lines = [say("trend.head", lang, year_from=tr.year_from, year_to=tr.year_to, **s)]
    for year, only in ((tr.year_from, s["only_from"]), (tr.year_to, s["only_to"])):
        if only:
            lines.append(say("trend.only", lang, year=year, units=joined(only, lang)))
    if tr.unit is not None and tr.items is not None:
        row = tr.units.filter(pl.col("unit") == tr.unit).row(0, named=True)
        d = rubric.decimals
        numbers = {k: f"{row[k]:.{d}f}" for k in ("total_from", "total_to")}
        lines.append(say("trend.unit", lang, **{**row, **numbers, "change": f"{row['change']:+.{d}f}"}))
    return lines


def trend_text(tr, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    """The summary lines as text (or a markdown list)."""
    return lines_text(trend_lines(tr, rubric, lang), markdown)


def trend_report_view(report, lang: str = "zh") -> View:
    """``trend``: the summary lines and the units' table (with ``--unit``: that unit's items
    instead); JSON with the summary, the units and the unit's items."""
    tr, rubric = report.trend, report.rubric
    df, cols = trend_view(tr, rubric, report.by, lang)
    tables = [Table(df, cols)]
    document = {"summary": report.summary(), "units": records(df, cols)}
    if tr.items is not None:
        idf, icols = trend_items_view(tr, rubric, lang)
        tables = [Table(idf, icols)]
        document["items"] = records(idf, icols)
    return View(
        lines=trend_lines(tr, rubric, lang),
        tables=tables,
        document=document,
        decimals=rubric.decimals,
        lang=lang,
    )
