"""The trend view: each unit's movement between two years, and one unit's items that moved."""

from __future__ import annotations

import polars as pl

from ..output.columns import Column
from ..rubric.compiled import Rubric
from ..rubric.describe import GROUP_ZH as _GROUP_ZH
from .values import (
    json_numbers,
    label_value,
    lines_text,
    shown_value,
    value_types,
)


def trend_view(tr, rubric: Rubric, by: str | None, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
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
    a, b = tr.year_from, tr.year_to
    d = rubric.decimals
    status = {"met": "达标", "short": "失分", "missing": "缺数据", "vetoed": "否决"}
    df = tr.items.join(value_types(rubric), on="id", how="left").with_columns(
        shown_value("value_from", d).alias("vf"),
        shown_value("value_to", d).alias("vt"),
        label_value("value_from").alias("vf_label"),
        label_value("value_to").alias("vt_label"),
        pl.when(pl.col("new_gap"))
        .then(pl.lit("新增失分" if lang != "en" else "new gap"))
        .when(pl.col("change") > 0)
        .then(pl.lit("进步" if lang != "en" else "better"))
        .otherwise(pl.lit("退步" if lang != "en" else "worse"))
        .alias("note"),
        *[
            pl.col(c).replace_strict(status, default=pl.col(c), return_dtype=pl.String).alias(f"{c}_zh")
            for c in ("status_from", "status_to")
        ],
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


def trend_text(tr, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    s = tr.summary()
    if lang == "en":
        lines = [f"{tr.year_from} → {tr.year_to}: {s['units']} units, {s['up']} up, {s['down']} down"]
        if s["only_from"]:
            lines.append(f"only in {tr.year_from}: {', '.join(s['only_from'])}")
        if s["only_to"]:
            lines.append(f"only in {tr.year_to}: {', '.join(s['only_to'])}")
    else:
        lines = [f"{tr.year_from} → {tr.year_to} 年：{s['units']} 个单位，总分上升 {s['up']} 个，下降 {s['down']} 个"]
        if s["only_from"]:
            lines.append(f"仅 {tr.year_from} 年有数据：{'、'.join(s['only_from'])}")
        if s["only_to"]:
            lines.append(f"仅 {tr.year_to} 年有数据：{'、'.join(s['only_to'])}")
    if tr.unit is not None and tr.items is not None:
        row = tr.units.filter(pl.col("unit") == tr.unit).row(0, named=True)
        d = rubric.decimals
        if lang == "en":
            lines.append(
                f"{tr.unit}: {row['total_from']:.{d}f} → {row['total_to']:.{d}f} ({row['change']:+.{d}f}), rank "
                f"{row['rank_from']} → {row['rank_to']}; {row['improved']} item(s) better, {row['worsened']} worse, {row['new_gaps']} new gap(s)"
            )
        else:
            lines.append(
                f"{tr.unit}：总分 {row['total_from']:.{d}f} → {row['total_to']:.{d}f}（{row['change']:+.{d}f}），排名 "
                f"{row['rank_from']} → {row['rank_to']}；进步 {row['improved']} 项，退步 {row['worsened']} 项，新增失分 {row['new_gaps']} 项"
            )
    return lines_text(lines, markdown)
