"""What each command shows: display columns built from the library's frames.

The library's frames hold typed values; here they gain what a person reads: values in the
field's own terms (96.27%, 是/否, 优), status words, indented item names, rule descriptions.
Renderers then only lay the columns out.
"""

from __future__ import annotations

import polars as pl

from ..output.columns import Column
from ..rubric.compiled import Rubric
from ..rubric.describe import GROUP_ZH as _GROUP_ZH
from ..rubric.describe import describe_rule

STATUS = {
    "met": ("达标", "met"),
    "short": ("失分", "short"),
    "missing": ("缺数据", "missing"),
    "vetoed": ("否决", "vetoed"),
}


def _status_text(lang: str) -> pl.Expr:
    mapping = {k: (v[1] if lang == "en" else v[0]) for k, v in STATUS.items()}
    return pl.col("status").replace_strict(mapping, default=pl.col("status"), return_dtype=pl.String)


TYPE_SCHEMA = {"ftype": pl.String, "funit": pl.String, "levels": pl.String}


def field_types(rubric: Rubric) -> pl.DataFrame:
    """Per field: its type, unit and levels (what a value of it is shown by)."""
    rows = [(f.id, f.type, f.unit, "|".join(f.levels or [])) for f in rubric.fields.values()]
    return pl.DataFrame(rows, schema={"field": pl.String, **TYPE_SCHEMA}, orient="row")


def value_types(rubric: Rubric) -> pl.DataFrame:
    """Per item: the type, unit and levels of the value it scores.  An item reading a field has
    the field's; an item with its own formula has the ``unit`` it declares ("%": a percent)."""
    rows = []
    for it in rubric.items.values():
        f = rubric.fields.get(it.field) if it.field else None
        if f is not None:
            rows.append((it.id, f.type, f.unit, "|".join(f.levels or [])))
        elif it.formula is not None:
            rows.append((it.id, "percent" if it.unit == "%" else "number", it.unit or "", ""))
        else:
            rows.append((it.id, None, None, None))
    return pl.DataFrame(rows, schema={"id": pl.String, **TYPE_SCHEMA}, orient="row")


def rounded(col: str, decimals: int) -> pl.Expr:
    """A number as shown: half away from zero to the rubric's decimals (96.1165 → 96.12)."""
    from ..engine.rules import round_half_up

    return round_half_up(pl.col(col), decimals)


def shown_value(col: str, decimals: int) -> pl.Expr:
    """A value in its field's terms, rounded to the rubric's decimals with the field's unit:
    96.12%, 12件, 是/否, the grade level's name."""
    v = pl.col(col)
    num = rounded(col, decimals).cast(pl.String).str.replace(r"\.0$", "")
    unit = pl.col("funit").fill_null("")
    return (
        pl.when(v.is_null())
        .then(pl.lit(None, dtype=pl.String))
        .when(pl.col("ftype") == "bool")
        .then(pl.when(v >= 0.5).then(pl.lit("是")).otherwise(pl.lit("否")))
        .when(pl.col("ftype") == "grade")
        .then(pl.col("levels").str.split("|").list.get(v.cast(pl.Int64), null_on_oob=True))
        .when(pl.col("ftype") == "percent")
        .then(num + "%")
        .otherwise(num + unit)
    )


def label_value(col: str, decimals: int = 0) -> pl.Expr:
    """For JSON: the words of a yes/no or grade value (null for numbers, which stay numbers)."""
    words = pl.col("ftype").is_in(["bool", "grade"])
    return pl.when(words).then(shown_value(col, decimals)).otherwise(pl.lit(None, dtype=pl.String))


def json_numbers(df: pl.DataFrame, cols: list[str], decimals: int) -> pl.DataFrame:
    """The numbers JSON gives, rounded as every other output shows them."""
    return df.with_columns([rounded(c, decimals).alias(c) for c in cols if c in df.columns])


def score_view(
    items: pl.DataFrame, rubric: Rubric, lang: str = "zh", json: bool = False
) -> tuple[pl.DataFrame, list[Column]]:
    d = rubric.decimals
    df = items.join(value_types(rubric), on="id", how="left", maintain_order="left")
    df = df.with_columns(rounded("gap", d).alias("gap"))  # in the value's unit, as the value is shown
    df = df.with_columns(
        shown_value("value", d).alias("value_shown"),
        shown_value("target", d).alias("target_shown"),
        label_value("value").alias("value_label"),
        label_value("target").alias("target_label"),
        pl.when(pl.col("ftype").is_in(["percent", "count", "number"]))
        .then(pl.col("funit").replace("", None))
        .otherwise(None)
        .alias("value_unit"),
        (pl.lit("  ").repeat_by(pl.col("level") - 1).list.join("") + pl.col("name")).alias("label"),
        _status_text(lang).alias("status_shown"),
    )
    if json:  # the documented keys; a yes/no or grade value reads as its word; numbers as shown
        df = json_numbers(df, ["value", "target"], d)
        keys = ["unit", "year", "id", "name", "level", "parent"]
        cols = [Column(k, k, k) for k in keys] + [
            Column("value", "value", "value", json_label="value_label"),
            Column("value_unit", "value_unit", "value_unit"),
            Column("source", "source", "source"),
            Column("derived_from", "derived_from", "derived_from"),
            Column("score", "score", "score"),
            Column("max", "max", "max"),
            Column("target", "target", "target", json_label="target_label"),
            Column("gap", "gap", "gap"),
            Column("status", "status", "status"),
            Column("evidence", "evidence", "evidence"),
        ]
        return df, cols
    cols = [
        Column("unit", "单位", "unit"),
        Column("year", "年度", "year", "int"),
        Column("id", "编号", "id"),
        Column("label", "项目", "item"),
        Column("value_shown", "数值", "value"),
        Column("score", "得分", "score", "score"),
        Column("max", "满分", "max", "score"),
        Column("target_shown", "目标", "target"),
        Column("gap", "差距", "gap", "number"),
        Column("status_shown", "状态", "status"),
        Column("evidence", "佐证", "evidence"),
    ]
    return df, cols


def score_records(result, items: pl.DataFrame | None = None) -> list[dict]:
    """The `score -f json` records of a result (or of some of its ``items()`` rows): the same
    keys and values, a yes/no or grade as its word (是, 优) and numbers rounded to the rubric's
    decimals as every output shows them.  ``result.items()`` keeps the exact numbers; this is
    the one conversion between the two."""
    from ..output.columns import records

    df, cols = score_view(result.items() if items is None else items, result.rubric, json=True)
    return records(df, cols)


_CAUSE = {
    "missing": ("缺数据（须补佐证）", "missing evidence"),
    "alone": ("无可比单位", "no peer to compare with"),
    "short": ("未达目标", "below target"),
    "deducted": ("负面清单扣分", "deducted"),
    "vetoed": ("一票否决", "vetoed"),
}


def needed_shown(col: str = "needed", higher: str = "higher", decimals: int = 2) -> pl.Expr:
    """The value for full points in the field's terms, with ≥/≤ for numbers (≥95%, ≤0件)."""
    shown = shown_value(col, decimals)
    numeric = pl.col("ftype").is_in(["percent", "count", "number"])
    return (
        pl.when(shown.is_null())
        .then(None)
        .when(numeric & pl.col(higher))
        .then(pl.lit("≥") + shown)
        .when(numeric)
        .then(pl.lit("≤") + shown)
        .otherwise(shown)
    )


def gaps_view(g, rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    """The items one unit loses points on, largest loss first: cause, and the value for full points."""
    df, _ = score_view(g.items, rubric, lang)
    en = lang == "en"
    df = df.with_columns(
        pl.col("cause")
        .replace_strict(
            {k: v[1 if en else 0] for k, v in _CAUSE.items()}, default=pl.col("cause"), return_dtype=pl.String
        )
        .alias("reason"),
        needed_shown("needed", decimals=rubric.decimals).alias("needed_shown"),
        label_value("needed").alias("needed_label"),
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
        shown_value("value", d).alias("value_shown"),
        needed_shown("set_to", decimals=d).alias("set_shown"),
        label_value("value").alias("value_label"),
        label_value("set_to").alias("set_label"),
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


def rank_columns(
    table: pl.DataFrame, rubric: Rubric, *, by: str | None, on: str | None, dimensions: bool
) -> list[Column]:
    cols = [
        Column("rank", "排名", "rank", "number"),
        Column("unit", "单位", "unit"),
        Column("year", "年度", "year", "int"),
    ]
    if by:
        cols.append(Column("group", _GROUP_ZH.get(by, "分组"), by))
    if on:
        item = rubric.items[on]
        cols.append(Column("on", f"{item.id} {item.name}", f"{item.id}", "score"))
    cols += [
        Column("total", "总分", "total", "score"),
        Column("max", "满分", "max", "score"),
        Column("percent", "得分率", "percent", "percent"),
        Column("grade", "等次", "grade"),
        Column("vetoed", "否决", "vetoed", "bool"),
    ]
    if rubric.bonus_cap is not None or any(it.role == "bonus" for it in rubric.leaves()):
        cols.append(Column("bonus", "加分", "bonus", "score"))
    if dimensions:
        cols += [Column(d.id, d.name, d.id, "score") for d in rubric.dimensions()]
    return cols


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
