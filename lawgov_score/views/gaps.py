"""The gaps view: the items a unit loses points on, their causes, and the path to the next grade."""

from __future__ import annotations

import polars as pl

from ..core.messages import say
from ..output.columns import Column, records
from ..rubric.compiled import Rubric
from .parts import rubric_lines, unit_lines
from .score import imputed_marked, score_view
from .values import (
    field_types,
    grade_text,
    json_numbers,
    label_value,
    lines_text,
    needed_shown,
    shown_value,
    word_of,
    year_text,
)


def gaps_view(lost: pl.DataFrame, rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    """Lost items (``Gaps.items`` or ``lost_items``), largest loss first: cause, and the value for full points."""
    d = rubric.decimals
    df, _ = score_view(lost, rubric, lang)
    df = df.with_columns(
        imputed_marked(shown_value("value", d, lang), lang, treated=True).alias("value_shown"),
        word_of("cause", "gaps.cause", lang).alias("reason"),
        needed_shown("needed", decimals=d, lang=lang).alias("needed_shown"),
        label_value("needed", lang=lang).alias("needed_label"),
    )
    cols = [
        *unit_year_columns(),
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
    if "lost_total" in df.columns:  # a rubric with parts: what the loss costs in the total
        cols.insert(
            3,
            Column("lost_total", say("scoring.parts.lost_total", "zh"), say("scoring.parts.lost_total", "en"), "score"),
        )
    return df, cols


# The unit and year a gaps export is about: a file on its own must say which county and year it
# is (the terminal says so in the lines above the table, which a CSV cannot hold).
EXPORTS = ("csv", "xlsx")


def unit_year_columns() -> list[Column]:
    """The unit and year of a gaps table, as columns of its CSV."""
    return [Column("unit", "单位", "unit", formats=EXPORTS), Column("year", "年度", "year", "int", formats=EXPORTS)]


def about_unit(df: pl.DataFrame, cols: list[Column], unit: str, year) -> tuple[pl.DataFrame, list[Column]]:
    """A table of one unit-year (whatif, benchmark) with that unit and year as its first columns in
    exports, as a gaps export has them."""
    df = df.with_columns(pl.lit(unit, dtype=pl.String).alias("unit"), pl.lit(year, dtype=pl.Int64).alias("year"))
    return df, [*unit_year_columns(), *cols]


def part_tables(lost: pl.DataFrame, rubric: Rubric, lang: str = "zh") -> list:
    """The lost items again, one table per part of the evaluation that checks them: the
    documents to prepare for the written review, what an on-site visit will look at, the survey."""
    from ..output.view import Table

    df, cols = gaps_view(lost, rubric, lang)
    tables = []
    for part in rubric.parts:
        ids = [it.id for it in rubric.part_items(part.id)]
        rows = df.filter(pl.col("id").is_in(ids))
        if rows.height:
            title = say("scoring.parts.prepare", lang, name=part.name, n=rows.height)
            tables.append(
                Table(rows, [c for c in cols if c.key in ("id", "name", "lost", "lost_total", "note")], title)
            )
    return tables


def gaps_json_items(items: pl.DataFrame, rubric: Rubric, lang: str = "zh") -> list[dict]:
    """Lost items for JSON: stable keys, typed values (yes/no and grade levels as words)."""
    df, _ = score_view(items, rubric, lang)
    df = df.with_columns(
        *[label_value(c, lang=lang).alias(f"{c}_label") for c in ("value", "needed", "target")],
    )
    df = json_numbers(df, ["value", "needed", "target"], rubric.decimals)
    cols = [Column(k, k, k) for k in ("id", "name", "level", "parent", "lost", "score", "max")] + [
        Column("value", "value", "value", json_label="value_label"),
        Column("source", "source", "source"),  # imputed: a number nobody stated (as in score -f json)
        Column("treated", "treated", "treated"),
        Column("needed", "needed", "needed", json_label="needed_label"),
        Column("target", "target", "target", json_label="target_label"),
        Column("cause", "cause", "cause"),
        Column("status", "status", "status"),
        Column("settable", "settable", "settable"),
        Column("field", "field", "field"),
        Column("note", "note", "evidence"),
    ]
    return records(df, cols)


def _item_names(rubric: Rubric, lang: str) -> pl.Expr:
    """The path's items (ids joined by 、) as 编号 名称, joined in ``lang``."""
    names = {it.id: f"{it.id} {it.name}" for it in rubric.items.values()}
    sep = say("values.sep", lang)

    def named(ids: str) -> str:  # a path has a handful of steps: a plain function reads best
        return sep.join(names.get(i, i) for i in ids.split("、"))

    return pl.col("items").map_elements(named, return_dtype=pl.String).alias("item_names")


def _path_steps(path, rubric: Rubric, lang: str) -> pl.DataFrame:
    """The path's steps with their fields' types, the value words and the item list in ``lang``."""
    df = path.steps.join(field_types(rubric), on="field", how="left")
    return df.with_columns(
        label_value("value", lang=lang).alias("value_label"),
        label_value("set_to", lang=lang).alias("set_label"),
        _item_names(rubric, lang),
        pl.col("items").str.replace_all("、", say("values.sep", lang), literal=True),
        # as one types it after --set: yes/no in the language (the reader takes both)
        pl.when(pl.col("ftype") == "bool")
        .then(label_value("set_to", lang=lang))
        .otherwise(pl.col("text"))
        .alias("text"),
    )


def path_view(path, rubric: Rubric, lang: str = "zh", unit=None, year=None) -> tuple[pl.DataFrame, list[Column]]:
    """The steps of the path to the next grade: the items each step raises (编号 名称), the
    field it sets by its 中文名, the value now and the one to reach, in the field's unit (the
    field's id, which ``whatif --set`` also takes, in CSV)."""
    d = rubric.decimals
    df = _path_steps(path, rubric, lang).with_columns(
        shown_value("value", d, lang).alias("value_shown"),
        needed_shown("set_to", decimals=d, lang=lang).alias("set_shown"),
        (pl.col("cost") * 100).round(2).alias("cost_pct"),  # shown as a percent with two decimals
        pl.lit(unit, dtype=pl.String).alias("unit"),
        pl.lit(year, dtype=pl.Int64).alias("year"),
    )
    cols = [
        *unit_year_columns(),
        Column("step", "步骤", "step", "int"),
        Column("item_names", "涉及项目", "items"),
        Column("name", "指标", "field"),
        Column("value_shown", "现值", "value", json_label="value_label"),
        Column("set_shown", "改为", "set_to", json_label="set_label"),
        Column("gain", "预计加分", "gain", "score"),
        Column("cumulative", "累计", "cumulative", "score"),
        Column("cost_pct", "相对改进", "relative change", "percent"),
        Column("field", "指标编号", "field_id", formats=EXPORTS),
    ]
    return df, cols


def path_json(path, rubric: Rubric, lang: str = "zh") -> list[dict]:
    """The steps for JSON: typed values, and ``text``, the value as one would type it for whatif --set."""
    df = json_numbers(_path_steps(path, rubric, lang), ["value", "set_to"], rubric.decimals)
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


def gaps_lines(g, rubric: Rubric, lang: str = "zh") -> list[str]:
    """The summary lines above the gaps table: the total, the points lost by cause, the next
    grade and where the path leads."""
    s = g.summary()
    d = rubric.decimals
    lines = [
        say(
            "gaps.head",
            lang,
            unit=g.unit,
            year=year_text(g.year),
            total=f"{g.total:.{d}f}",
            max=f"{g.max:g}",
            percent=f"{g.percent:.2f}",
            grade=grade_text(g.grade, lang),
            vetoed=say("gaps.vetoed", lang) if g.vetoed else "",
        ),
        say(
            "gaps.lost",
            lang,
            lost=f"{s['lost']:.{d}f}",
            missing=f"{s['lost_missing']:.{d}f}",
            alone=say("gaps.lost_alone", lang, alone=f"{s['lost_alone']:.{d}f}") if s["lost_alone"] else "",
            short=f"{s['lost_short']:.{d}f}",
            deducted=f"{s['lost_deducted']:.{d}f}",
        ),
    ]
    if g.standing is not None and rubric.parts:  # the part scores and the position, after the head line
        lines[1:1] = unit_lines(g.standing, rubric, lang, totals=False)
    if g.next_grade:
        lines.append(say("gaps.to_next", lang, grade=g.next_grade, points=f"{g.points_to_next:.{d}f}"))
    p = g.path
    if p is not None:
        lines.append(
            say(
                "gaps.path" if p.reachable else "gaps.no_path",
                lang,
                what=say(f"gaps.strategy.{p.strategy}", lang),
                steps=p.steps.height,
                grade=p.grade,
                reached=grade_text(p.reached, lang),
                total=f"{p.total:.{d}f}",
                percent=f"{p.percent:.2f}",
            )
        )
    return lines + rubric_lines(rubric, lang)


def gaps_text(g, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    """The summary lines above the gaps table, as text (or a markdown list)."""
    return lines_text(gaps_lines(g, rubric, lang), markdown)
