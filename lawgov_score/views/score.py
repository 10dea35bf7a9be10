"""The score view: one row per unit, year and item, values in their field's terms."""

from __future__ import annotations

import polars as pl

from ..core.messages import say
from ..output.columns import Column
from ..rubric.compiled import Rubric
from .values import (
    _status_text,
    item_columns,
    json_numbers,
    label_value,
    rounded,
    shown_value,
    value_types,
)


def shown_in(col: str, decimals: int, lang: str = "zh") -> pl.Expr:
    """A value as ``shown_value`` shows it, a yes/no value in the words of ``lang`` (是/否, yes/no)."""
    v = pl.col(col)
    yes_no = pl.when(v >= 0.5).then(pl.lit(say("common.yes", lang))).otherwise(pl.lit(say("common.no", lang)))
    return pl.when(v.is_not_null() & (pl.col("ftype") == "bool")).then(yes_no).otherwise(shown_value(col, decimals))


def value_mark(lang: str = "zh", treated: bool = False) -> pl.Expr:
    """The mark after a value the rubric's treatment made (“（插补）”, with ``treated`` also
    “（缩尾）”, “（取对数）”), or "" for a stated or derived value: one expression for every view
    that shows such a value (text after it, or the literal of a workbook cell's number format)."""

    def mark(key: str) -> pl.Expr:
        word = say(key, lang)
        return pl.lit(f"（{word}）" if lang != "en" else f" ({word})")

    out = pl.when(pl.col("source") == "imputed").then(mark("treat.imputed"))
    if treated:  # the value shown is the treated one
        out = out.when(pl.col("treated") == "winsorised").then(mark("treat.winsorised_mark"))
        out = out.when(pl.col("treated") == "log").then(mark("treat.log_mark"))
    return out.otherwise(pl.lit(""))


def imputed_marked(col: str | pl.Expr, lang: str = "zh", treated: bool = False) -> pl.Expr:
    """``col`` (a column's name or a text expression) with “（插补）” after it where the value was
    imputed by the rubric's treatment: wherever a value or its status is shown, an imputed one
    is told from a stated one.  ``treated``: a value the outlier treatment changed says so too
    (“（缩尾）”, “（取对数）”)."""
    text = pl.col(col) if isinstance(col, str) else col
    out = pl.concat_str(text, value_mark(lang, treated))
    return out.alias(col) if isinstance(col, str) else out


def score_view(
    items: pl.DataFrame, rubric: Rubric, lang: str = "zh", json: bool = False
) -> tuple[pl.DataFrame, list[Column]]:
    """The item rows with their values in their field's terms, and the columns a table shows
    (``json``: the documented keys, numbers rounded, a yes/no or grade value as its word)."""
    d = rubric.decimals
    df = items.join(value_types(rubric), on="id", how="left", maintain_order="left")
    df = df.with_columns(rounded("gap", d).alias("gap"))  # in the value's unit, as the value is shown
    df = df.with_columns(
        shown_in("value", d, lang).alias("value_shown"),
        shown_in("target", d, lang).alias("target_shown"),
        label_value("value").alias("value_label"),
        label_value("target").alias("target_label"),
        pl.when(pl.col("ftype").is_in(["percent", "count", "number"]))
        .then(pl.col("funit").replace("", None))
        .otherwise(None)
        .alias("value_unit"),
        _status_text(lang).alias("status_shown"),
    )
    df = df.with_columns(imputed_marked("value_shown", lang, treated=True), imputed_marked("status_shown", lang))
    if json:  # the documented keys; a yes/no or grade value reads as its word; numbers as shown
        from .parts import item_places

        df = json_numbers(df, ["value", "target"], d)
        df = df.join(item_places(rubric), on="id", how="left", maintain_order="left")
        keys = ["unit", "year", "id", "name", "level", "parent", "dimension", "dimension_name"]
        cols = [Column(k, k, k) for k in keys] + [
            Column("value", "value", "value", json_label="value_label"),
            Column("value_unit", "value_unit", "value_unit"),
            Column("source", "source", "source"),
            Column("derived_from", "derived_from", "derived_from"),
            Column("treated", "treated", "treated"),
            Column("score", "score", "score"),
            Column("max", "max", "max"),
            Column("target", "target", "target", json_label="target_label"),
            Column("gap", "gap", "gap"),
            Column("status", "status", "status"),
            Column("evidence", "evidence", "evidence"),
            Column("assessed_by", "assessed_by", "assessed_by"),
            Column("assessed_by_names", "assessed_by_names", "assessed_by_names"),
        ]
        return df, cols
    cols = [
        Column("unit", "单位", "unit"),
        Column("year", "年度", "year", "int"),
        Column("id", "编号", "id"),
        *item_columns(),
        Column("value_shown", "数值", "value"),
        Column("score", "得分", "score", "score"),
        Column("max", "满分", "max", "score"),
        Column("target_shown", "目标", "target"),
        Column("gap", "差距", "gap", "number"),
        Column("status_shown", "状态", "status"),
        Column("evidence", "佐证", "evidence"),
    ]
    if rubric.parts:  # which parts of the evaluation check each item
        from .parts import assessed_by

        df = df.join(assessed_by(rubric, lang), on="id", how="left", maintain_order="left")
        cols.insert(-1, Column("assessed", say("scoring.parts.assessed", "zh"), say("scoring.parts.assessed", "en")))
    return df, cols


def score_records(result, items: pl.DataFrame | None = None) -> list[dict]:
    """The `score -f json` records of a result (or of some of its ``items()`` rows): the same
    keys and values, a yes/no or grade as its word (是, 优) and numbers rounded to the rubric's
    decimals as every output shows them.  ``result.items()`` keeps the exact numbers; this is
    the one conversion between the two."""
    from ..output.columns import records

    df, cols = score_view(result.items() if items is None else items, result.rubric, json=True)
    return records(df, cols)
