"""The benchmark view: one unit item by item against the best, the median, another unit or a group."""

from __future__ import annotations

import polars as pl

from ..output.columns import Column
from ..rubric.compiled import Rubric
from .values import (
    indented_name,
    json_numbers,
    label_value,
    lines_text,
    shown_value,
    value_types,
)


def benchmark_view(bm, rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    d = rubric.decimals
    df = bm.items.join(value_types(rubric), on="id", how="left").with_columns(
        indented_name().alias("label"),
        shown_value("value", d).alias("value_shown"),
        shown_value("ref_value", d).alias("ref_shown"),
        label_value("value").alias("value_label"),
        label_value("ref_value").alias("ref_label"),
    )
    df = json_numbers(df, ["value", "ref_value"], d)
    ref_zh = {"best": "最优", "median": "中位数", "unit": bm.against, "group": f"{bm.against}中位数"}[bm.kind]
    ref_en = {"best": "best", "median": "median", "unit": bm.against, "group": f"{bm.against} median"}[bm.kind]
    cols = [
        Column("id", "编号", "id"),
        Column("label", "项目", "item"),
        Column("max", "满分", "max", "score"),
        Column("score", "本单位", "score", "score"),
        Column("ref", ref_zh, "ref", "score"),
        Column("diff", "差距", "diff", "score"),
        Column("value_shown", "本单位数值", "value", json_label="value_label"),
        Column("ref_shown", f"{ref_zh}数值" if bm.kind != "unit" else "对标数值", "ref_value", json_label="ref_label"),
    ]
    if bm.kind == "best":
        cols.append(Column("ref_unit", "最优单位", "ref_unit"))
    if lang == "en":
        cols[4] = Column("ref", ref_en, "ref", "score")
    return df, cols


def benchmark_text(bm, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    d = rubric.decimals
    s = bm.summary()
    year = f" {bm.year}" if bm.year is not None else ""
    if lang == "en":
        what = {
            "best": f"the best of {bm.peers} units, item by item",
            "median": f"the median of {bm.peers} other units",
            "unit": bm.against,
            "group": f"the median of {bm.peers} units of {bm.against}",
        }[bm.kind]
        ref = {"best": "top total", "median": "median total", "unit": "its total", "group": "median total"}[bm.kind]
        lines = [
            f"{bm.unit}{year} against {what}",
            f"total {bm.total:.{d}f}, {ref} {bm.ref_total:.{d}f} ({s['diff']:+.{d}f}); behind on {s['behind']} item(s), ahead on {s['ahead']}",
        ]
        if bm.kind in ("best", "median", "group"):
            lines.append("each item's reference is taken separately, so the items do not add up to the reference total")
    else:
        what = {
            "best": f"{bm.peers} 个单位各项最优",
            "median": f"其余 {bm.peers} 个单位的中位数",
            "unit": bm.against,
            "group": f"{bm.against} {bm.peers} 个单位的中位数",
        }[bm.kind]
        ref = {"best": "第一名总分", "median": "总分中位数", "unit": "对方总分", "group": "总分中位数"}[bm.kind]
        lines = [
            f"{bm.unit}{year} 对标：{what}",
            f"总分 {bm.total:.{d}f}，{ref} {bm.ref_total:.{d}f}（{s['diff']:+.{d}f}）；落后 {s['behind']} 项，领先 {s['ahead']} 项",
        ]
        if bm.kind in ("best", "median", "group"):
            lines.append(
                "各项目分别取最优，故各项之和不等于第一名总分"
                if bm.kind == "best"
                else "各项目分别取中位数，故各项之和不等于总分中位数"
            )
    return lines_text(lines, markdown)
