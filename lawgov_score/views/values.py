"""What every view shares: values in their field's terms, status words, summary lines.

The library's frames hold typed values; here they gain what a person reads: values in the
field's own terms (96.27%, 是/否, 优), status words, indented item names, rule descriptions.
Renderers then only lay the columns out.
"""

from __future__ import annotations

import polars as pl

from ..core.messages import say, words
from ..rubric.compiled import Rubric


def status_text(lang: str = "zh", col: str = "status") -> pl.Expr:
    """A status (met, short, missing, vetoed) as its word: 达标, 失分, 缺数据, 否决."""
    return pl.col(col).replace_strict(words("values.status", lang), default=pl.col(col), return_dtype=pl.String)


def _status_text(lang: str) -> pl.Expr:
    return status_text(lang)


def word_of(col: str, prefix: str, lang: str = "zh") -> pl.Expr:
    """A column of codes (a cause, a note) as the words of the message catalogue under ``prefix``."""
    return pl.col(col).replace_strict(words(prefix, lang), default=pl.col(col), return_dtype=pl.String)


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


def shown_value(col: str, decimals: int, lang: str = "zh") -> pl.Expr:
    """A value in its field's terms, rounded to the rubric's decimals with the field's unit:
    96.12%, 12件, 是/否 (yes/no in English), the grade level's name."""
    v = pl.col(col)
    num = rounded(col, decimals).cast(pl.String).str.replace(r"\.0$", "")
    unit = pl.col("funit").fill_null("")
    return (
        pl.when(v.is_null())
        .then(pl.lit(None, dtype=pl.String))
        .when(pl.col("ftype") == "bool")
        .then(pl.when(v >= 0.5).then(pl.lit(say("common.yes", lang))).otherwise(pl.lit(say("common.no", lang))))
        .when(pl.col("ftype") == "grade")
        .then(pl.col("levels").str.split("|").list.get(v.cast(pl.Int64), null_on_oob=True))
        .when(pl.col("ftype") == "percent")
        .then(num + "%")
        .otherwise(num + unit)
    )


def label_value(col: str, decimals: int = 0, lang: str = "zh") -> pl.Expr:
    """For JSON: the words of a yes/no or grade value (null for numbers, which stay numbers)."""
    worded = pl.col("ftype").is_in(["bool", "grade"])
    return pl.when(worded).then(shown_value(col, decimals, lang)).otherwise(pl.lit(None, dtype=pl.String))


def json_numbers(df: pl.DataFrame, cols: list[str], decimals: int) -> pl.DataFrame:
    """The numbers JSON gives, rounded as every other output shows them."""
    return df.with_columns([rounded(c, decimals).alias(c) for c in cols if c in df.columns])


def needed_shown(col: str = "needed", higher: str = "higher", decimals: int = 2, lang: str = "zh") -> pl.Expr:
    """The value for full points in the field's terms, with ≥/≤ for numbers (≥95%, ≤0件)."""
    shown = shown_value(col, decimals, lang)
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


def lines_text(lines: list[str], markdown: bool) -> str:
    """Summary lines as text, or as a markdown list."""
    if markdown:
        return "\n".join(f"- {ln}" for ln in lines) + "\n"
    return "\n".join(lines) + "\n"


def item_columns(name: str = "name") -> list:
    """An item's level and name: a terminal table indents the name by its level; CSV and the
    workbook keep the bare name (filters and VLOOKUP find it) with the level as a column."""
    from ..output.columns import Column

    return [
        Column("level", "层级", "level", "int", formats=("csv", "xlsx")),
        Column(name, "项目", "item", "tree"),
    ]


def rank_text(s: dict) -> str:
    """A rank as 3/12."""
    return f"{s['rank']}/{s['of']}"


def joined(names, lang: str = "zh") -> str:
    """Names as a list in a sentence: 甲、乙 (甲, 乙 in English)."""
    return say("values.sep", lang).join(str(n) for n in names)


def year_text(year) -> str:
    """A unit's year after its name (" 2024"), nothing when the data has no year."""
    return f" {year}" if year is not None else ""


def grade_text(grade: str | None, lang: str = "zh") -> str:
    """A grade's name, or the no-grade mark (—)."""
    return grade or say("values.no_grade", lang)
