"""The whatif view: the values changed, the totals before and after, and each item's change."""

from __future__ import annotations

import polars as pl

from ..output.columns import Column
from ..rubric.compiled import Rubric
from .values import (
    field_types,
    indented_name,
    json_numbers,
    label_value,
    lines_text,
    rank_text,
    shown_value,
)


def whatif_changes_view(w, rubric: Rubric) -> tuple[pl.DataFrame, list[Column]]:
    ft = field_types(rubric)
    d = rubric.decimals
    df = w.changes.join(ft, on="field", how="left").with_columns(
        shown_value("before", d).alias("before_shown"),
        shown_value("after", d).alias("after_shown"),
        label_value("before").alias("before_label"),
        label_value("after").alias("after_label"),
    )
    df = json_numbers(df, ["before", "after"], d)
    cols = [
        Column("field", "指标编号", "field"),
        Column("name", "指标", "name"),
        Column("before_shown", "原值", "before", json_label="before_label"),
        Column("after_shown", "改为", "after", json_label="after_label"),
    ]
    return df, cols


def whatif_view(w, rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    df = w.items.with_columns(indented_name().alias("label"))
    cols = [
        Column("id", "编号", "id"),
        Column("label", "项目", "item"),
        Column("before", "原得分", "before", "score"),
        Column("after", "新得分", "after", "score"),
        Column("change", "变化", "change", "score"),
    ]
    return df, cols


def whatif_text(w, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    d = rubric.decimals
    b, a = w.before, w.after
    year = f" {w.year}" if w.year is not None else ""
    shown = dict(zip(w.changes["field"], zip(*whatif_changes_view(w, rubric)[0].select("before_shown", "after_shown"))))

    def show(fid, v, which):
        if v is None:
            return "（无）" if lang != "en" else "(none)"
        return shown[fid][which]

    moves = [
        (r, f"{show(r['field'], r['before'], 0)} → {show(r['field'], r['after'], 1)}")
        for r in w.changes.iter_rows(named=True)
    ]
    sets = "；".join(f"{r['name']} {move}" for r, move in moves)
    if lang == "en":
        lines = [
            f"{w.unit}{year}, if: " + "; ".join(f"{r['field']} {move}" for r, move in moves),
            f"total {b['total']:.{d}f} → {a['total']:.{d}f} ({a['total'] - b['total']:+.{d}f}), "
            f"{b['percent']:.2f}% → {a['percent']:.2f}%, grade {b['grade'] or '-'} → {a['grade'] or '-'}, "
            f"rank {rank_text(b)} → {rank_text(a)}" + _veto_change(b, a, lang),
        ]
        if w.others_changed:
            lines.append(f"{w.others_changed} other unit(s) change too: relative rules compare units with each other")
    else:
        lines = [
            f"{w.unit}{year} 假如：{sets}",
            f"总分 {b['total']:.{d}f} → {a['total']:.{d}f}（{a['total'] - b['total']:+.{d}f}），"
            f"得分率 {b['percent']:.2f}% → {a['percent']:.2f}%，等次 {b['grade'] or '—'} → {a['grade'] or '—'}，"
            f"排名 {rank_text(b)} → {rank_text(a)}" + _veto_change(b, a, lang),
        ]
        if w.others_changed:
            lines.append(f"另有 {w.others_changed} 个单位的得分随之变化（相对评分的项目与其他单位比较）")
    return lines_text(lines, markdown)


def _veto_change(before: dict, after: dict, lang: str) -> str:
    """What the change does to a veto: newly triggered, still in force, lifted, or nothing."""
    was, now = bool(before["vetoed"]), bool(after["vetoed"])
    if not (was or now):
        return ""
    zh, en = {
        (False, True): ("触发一票否决", "now vetoed"),
        (True, True): ("仍被一票否决", "still vetoed"),
        (True, False): ("解除一票否决", "no longer vetoed"),
    }[(was, now)]
    return f", {en}" if lang == "en" else f"，{zh}"
