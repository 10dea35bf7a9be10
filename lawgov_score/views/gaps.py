"""The gaps view: the items a unit loses points on, their causes, and the path to the next grade."""

from __future__ import annotations

import polars as pl

from ..output.columns import Column
from ..rubric.compiled import Rubric
from .score import score_view
from .values import (
    field_types,
    json_numbers,
    label_value,
    needed_shown,
    shown_value,
)

_CAUSE = {
    "missing": ("缺数据（须补佐证）", "missing evidence"),
    "alone": ("无可比单位", "no peer to compare with"),
    "short": ("未达目标", "below target"),
    "deducted": ("负面清单扣分", "deducted"),
    "vetoed": ("一票否决", "vetoed"),
}


def gaps_view(lost: pl.DataFrame, rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    """Lost items (``Gaps.items`` or ``lost_items``), largest loss first: cause, and the value for full points."""
    df, _ = score_view(lost, rubric, lang)
    en = lang == "en"
    df = df.with_columns(
        pl.col("cause")
        .replace_strict(
            {k: v[1 if en else 0] for k, v in _CAUSE.items()}, default=pl.col("cause"), return_dtype=pl.String
        )
        .alias("reason"),
        needed_shown("needed", decimals=rubric.decimals, lang=lang).alias("needed_shown"),
        label_value("needed", lang=lang).alias("needed_label"),
    )
    cols = [
        Column("id", "编号", "id"),
        Column("name", "项目", "item"),
        Column("lost", "失分", "lost", "score"),
        Column("score", "得分", "score", "score"),
        Column("max", "满分", "max", "score"),
        Column("value_shown", "现值", "value", json_label="value_label"),
        Column("needed_shown", "满分所需", "needed", json_label="needed_label"),
        Column("reason", "原因", "reason"),
        Column("note", "佐证材料", "evidence"),
    ]
    return df, cols


def gaps_json_items(g, rubric: Rubric) -> list[dict]:
    """The gaps items for JSON: stable keys, typed values (是/否 and grade levels as words)."""
    from ..output.columns import records

    df, _ = score_view(g.items, rubric, "zh")
    df = df.with_columns(label_value("needed").alias("needed_label"))
    df = json_numbers(df, ["value", "needed", "target"], rubric.decimals)
    cols = [Column(k, k, k) for k in ("id", "name", "level", "parent", "lost", "score", "max")] + [
        Column("value", "value", "value", json_label="value_label"),
        Column("needed", "needed", "needed", json_label="needed_label"),
        Column("target", "target", "target", json_label="target_label"),
        Column("cause", "cause", "cause"),
        Column("status", "status", "status"),
        Column("settable", "settable", "settable"),
        Column("field", "field", "field"),
        Column("note", "note", "evidence"),
    ]
    return records(df, cols)


def path_view(path, rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    """The steps of the path to the next grade."""
    d = rubric.decimals
    df = path.steps.join(field_types(rubric), on="field", how="left")
    df = df.with_columns(
        shown_value("value", d, lang).alias("value_shown"),
        needed_shown("set_to", decimals=d, lang=lang).alias("set_shown"),
        label_value("value", lang=lang).alias("value_label"),
        label_value("set_to", lang=lang).alias("set_label"),
        (pl.col("cost") * 100).alias("cost_pct"),
    )
    cols = [
        Column("step", "步骤", "step", "int"),
        Column("name", "指标", "field"),
        Column("items", "涉及项目", "items"),
        Column("value_shown", "现值", "value", json_label="value_label"),
        Column("set_shown", "改为", "set_to", json_label="set_label"),
        Column("gain", "预计加分", "gain", "score"),
        Column("cumulative", "累计", "cumulative", "score"),
        Column("cost_pct", "相对改进", "relative change", "percent"),
        Column("field", "指标编号", "field_id"),
    ]
    return df, cols


def path_json(path, rubric: Rubric) -> list[dict]:
    """The steps for JSON: typed values, and ``text``, the value as one would type it for whatif --set."""
    from ..output.columns import records

    df = path.steps.join(field_types(rubric), on="field", how="left").with_columns(
        label_value("value").alias("value_label"), label_value("set_to").alias("set_label")
    )
    df = json_numbers(df, ["value", "set_to"], rubric.decimals)
    cols = [
        Column("step", "step", "step"),
        Column("field", "field", "field"),
        Column("name", "name", "name"),
        Column("items", "items", "items"),
        Column("value", "value", "value", json_label="value_label"),
        Column("set_to", "set_to", "set_to", json_label="set_label"),
        Column("higher", "higher", "higher"),
        Column("text", "text", "text"),
        Column("gain", "gain", "gain"),
        Column("cumulative", "cumulative", "cumulative"),
        Column("cost", "cost", "relative_change"),
    ]
    return records(df, cols)


def gaps_text(g, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    """The summary lines above the gaps table."""
    s = g.summary()
    year = f" {g.year}" if g.year is not None else ""
    d = rubric.decimals
    p = g.path
    if lang == "en":
        lines = [
            f"{g.unit}{year}: {g.total:.{d}f} of {g.max:g} ({g.percent:.2f}%), grade {g.grade or '-'}"
            + (" — vetoed" if g.vetoed else ""),
            f"points lost: {s['lost']:.{d}f}: {s['lost_missing']:.{d}f} for missing evidence, "
            + (f"{s['lost_alone']:.{d}f} for want of a peer to compare with, " if s["lost_alone"] else "")
            + f"{s['lost_short']:.{d}f} below target, {s['lost_deducted']:.{d}f} deducted",
        ]
        if g.next_grade:
            lines.append(f"to reach {g.next_grade}: {g.points_to_next:.{d}f} more points")
        if p is not None:
            what = "fewest items" if p.strategy == "fewest" else "least relative improvement"
            if p.reachable:
                lines.append(
                    f"shortest path ({what}): {p.steps.height} step(s) below reach {p.reached}: "
                    f"{p.total:.{d}f} ({p.percent:.2f}%), checked by scoring again"
                )
            else:
                lines.append(
                    f"{p.grade} cannot be reached by changing single values: with every step below, "
                    f"{p.total:.{d}f} ({p.percent:.2f}%), grade {p.reached or '-'}"
                )
    else:
        lines = [
            f"{g.unit}{year}：得分 {g.total:.{d}f} / {g.max:g}（{g.percent:.2f}%），等次 {g.grade or '—'}"
            + ("，已被一票否决" if g.vetoed else ""),
            f"共失分 {s['lost']:.{d}f}：缺数据 {s['lost_missing']:.{d}f}，"
            + (f"无可比单位 {s['lost_alone']:.{d}f}，" if s["lost_alone"] else "")
            + f"未达目标 {s['lost_short']:.{d}f}，负面清单扣分 {s['lost_deducted']:.{d}f}",
        ]
        if g.next_grade:
            lines.append(f"距“{g.next_grade}”还差 {g.points_to_next:.{d}f} 分")
        if p is not None:
            what = "改动项目最少" if p.strategy == "fewest" else "相对改进最小"
            if p.reachable:
                lines.append(
                    f"最短路径（{what}）：按下表 {p.steps.height} 步可达“{p.reached}”，"
                    f"得分 {p.total:.{d}f}（{p.percent:.2f}%），已重新计分核实"
                )
            else:
                lines.append(
                    f"仅改单项数值无法达到“{p.grade}”：下表各步全部做到，得分 {p.total:.{d}f}（{p.percent:.2f}%），"
                    f"等次 {p.reached or '—'}"
                )
    if markdown:
        return "\n".join(f"- {ln}" for ln in lines) + "\n"
    return "\n".join(lines) + "\n"
