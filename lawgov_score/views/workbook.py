"""The scoring workbook (``--format xlsx`` of score, rank and gaps): 排名, 得分明细 and 差距
(ranking, items, gaps with ``--lang en``).

Every workbook holds the three sheets; the command's own view comes first and is what the
command shows (its filters applied).  The other two cover the same units and years:

* 排名: the ranking of the years in view (every unit of those years, as ``rank`` ranks them);
  when the view is narrower (``score --unit``, ``gaps``) the units in view are in bold;
* 得分明细: every item of every unit and year in view (value, score, maximum, target, gap, status,
  evidence);
* 差距: every item that loses points, per unit and year, largest loss first.
"""

from __future__ import annotations

import polars as pl

from ..core.messages import say
from ..output.columns import Column
from ..output.xlsx import Sheet


def _say(key: str, lang: str, **params) -> str:
    """A sentence of the scoring workbook (``scoring.workbook.<key>``)."""
    return say(f"scoring.workbook.{key}", lang, **params)


def _typed(
    df: pl.DataFrame, col: str, shown: str, decimals: int, compare: bool = False, lang: str = "zh"
) -> pl.DataFrame:
    """Number and number format for a value in its field's terms (null where it is a word),
    rounded to the rubric's decimals as every output shows it; other units as text after the
    number (12"件"); ``compare``: a target, with its comparison before it (≥95%, ≤0件) from
    the item's ``higher``.  A value the rubric's treatment made keeps its number and prints its
    mark, as every other view shows it: 70.00%"（插补）" (a literal of the cell's number format,
    so the printed sheet tells it from a stated value and a formula still reads the number)."""
    from .score import value_mark
    from .values import rounded

    v, t = rounded(col, decimals), pl.col("ftype")
    places = "." + "0" * decimals if decimals else ""
    mark = value_mark(lang, "treated" in df.columns) if col == "value" and "source" in df.columns else pl.lit("")
    unit = pl.col("funit").fill_null("").str.replace_all('"', "") + mark
    if compare and "higher" in df.columns:
        sign = pl.when(pl.col("higher").fill_null(True)).then(pl.lit('"≥"')).otherwise(pl.lit('"≤"'))
    else:
        sign = pl.lit("")
    number = pl.when(unit == "").then(pl.lit("General")).otherwise(pl.format('General"{}"', unit))
    percent = pl.when(mark == "").then(pl.lit(f"0{places}%")).otherwise(pl.format(f'0{places}%"{{}}"', mark))
    return df.with_columns(
        pl.when(t == "percent")
        .then(v / 100)
        .when(t.is_in(["count", "number"]))
        .then(v)
        .otherwise(None)
        .alias(f"_num:{shown}"),
        pl.concat_str(
            sign,
            pl.when(t == "percent").then(percent).when(t == "count").then(pl.format('0"{}"', unit)).otherwise(number),
        ).alias(f"_fmt:{shown}"),
    )


TARGETS = {"target", "needed", "set_to"}  # values shown with their comparison


def _typed_map(
    df: pl.DataFrame, pairs: list[tuple[str, str]], decimals: int, lang: str = "zh"
) -> tuple[pl.DataFrame, dict]:
    """``_typed`` for each (value column, shown column) pair the frame has; the sheet's ``typed`` map."""
    typed = {}
    for col, shown in pairs:
        if col in df.columns and shown in df.columns:
            df = _typed(df, col, shown, decimals, compare=col in TARGETS, lang=lang)
            typed[shown] = (f"_num:{shown}", f"_fmt:{shown}")
    return df, typed


def items_sheet(items: pl.DataFrame, rubric, lang: str = "zh") -> Sheet:
    """得分明细: every item of the unit-years given, values as numbers where they are numbers."""
    from .score import score_view
    from .values import shown_value

    df, cols = score_view(items, rubric, lang)
    # the gap in the value's own terms (3.50%, 2件), a number with the rubric's decimals, not General
    # (a yes/no or grade item's gap is no amount: its value and target say it)
    numeric = pl.col("ftype").is_in(["percent", "count", "number"])
    df = df.with_columns(pl.when(numeric).then(shown_value("gap", rubric.decimals, lang)).alias("gap_shown"))
    cols = [Column("gap_shown", c.zh, c.en) if c.key == "gap" else c for c in cols]
    pairs = [("value", "value_shown"), ("target", "target_shown"), ("gap", "gap_shown")]
    df, typed = _typed_map(df, pairs, rubric.decimals, lang)
    title = [_say("items_head", lang, name=rubric.name), _say("items_note", lang)]
    name = _say("sheet_items", lang)
    return Sheet(name, df, cols, rubric.decimals, title=title, freeze_cols=4, typed=typed, lang=lang)


def rank_sheet(
    table: pl.DataFrame, rubric, columns: list[Column], highlight: list[str] | None = None, lang: str = "zh"
) -> Sheet:
    """排名: the ranked table, the units in ``highlight`` in bold."""
    grades = say("scoring.join", lang).join(
        _say("grade_min", lang, name=g.name, min=f"{g.min_percent:g}") for g in rubric.grades
    )
    grades = _say("rank_grades", lang, grades=grades) if grades else ""
    title = [
        _say("rank_head", lang, name=rubric.name),
        _say("rank_note", lang, total=f"{rubric.total:g}", grades=grades),
    ]
    return Sheet(
        _say("sheet_rank", lang),
        table,
        columns,
        rubric.decimals,
        title=title,
        freeze_cols=3,
        grades=rubric.grade_names(),
        highlight=("unit", highlight) if highlight else None,
        lang=lang,
    )


def gaps_sheet(lost: pl.DataFrame, rubric, lang: str = "zh", title: list[str] | None = None) -> Sheet:
    """差距: the lost items, largest loss first, each with its unit and year (a sheet on its own,
    printed or filtered, still says which county and year a row is about)."""
    from .gaps import gaps_view

    df, cols = gaps_view(lost, rubric, lang)
    pairs = [("value", "value_shown"), ("target", "target_shown"), ("needed", "needed_shown")]
    df, typed = _typed_map(df, pairs, rubric.decimals, lang)
    title = title or [_say("gaps_head", lang, name=rubric.name), _say("gaps_note", lang)]
    name = _say("sheet_gaps", lang)
    return Sheet(name, df, cols, rubric.decimals, title=title, freeze_cols=4, typed=typed, lang=lang)


def workbook_sheets(
    book,
    rubric,
    *,
    first: str,
    lang: str = "zh",
    items: pl.DataFrame | None = None,
    rank_cols: list[Column] | None = None,
    gaps=None,
    top: int | None = None,
) -> list[Sheet]:
    """The three sheets of a ``ScoringBook``, the command's own first (``first``: score, rank or
    gaps).  ``items`` are the rows ``score`` shows (its filters applied), ``rank_cols`` the columns
    ``rank`` shows, ``gaps`` the ``Gaps`` of one unit."""
    from .gaps import gaps_text
    from .rank import rank_columns

    cols = rank_cols or rank_columns(book.ranking, rubric, by=None, on=None, dimensions=True)
    ranked = rank_sheet(book.ranking, rubric, cols, highlight=book.highlight, lang=lang)
    detail = items_sheet(items if items is not None else book.items, rubric, lang)
    if gaps is not None:
        lost = gaps.items if top is None else gaps.items.head(top)
        head = gaps_text(gaps, rubric, lang).splitlines()
        lost_sheet = gaps_sheet(lost, rubric, lang, title=[head[0], *head[1:]])
    else:
        lost_sheet = gaps_sheet(book.lost, rubric, lang)
    steps = [steps_sheet(gaps, rubric, lang)] if gaps is not None and gaps.path is not None else []
    return {
        "rank": [ranked, detail, lost_sheet],
        "score": [detail, ranked, lost_sheet],
        "gaps": [lost_sheet, *steps, detail, ranked],
    }[first]


def steps_sheet(gaps, rubric, lang: str = "zh") -> Sheet:
    """步骤: the path to the next grade that the gaps sheet's summary speaks of, step by step."""
    from .gaps import gaps_lines, path_view
    from .parts import rubric_lines

    df, cols = path_view(gaps.path, rubric, lang, unit=gaps.unit, year=gaps.year)
    df, typed = _typed_map(df, [("value", "value_shown"), ("set_to", "set_shown")], rubric.decimals, lang)
    lines = gaps_lines(gaps, rubric, lang)
    path_line = lines[len(lines) - len(rubric_lines(rubric, lang)) - 1]  # the last line before the rubric's notes
    title = [lines[0], path_line]
    name = _say("sheet_steps", lang)
    return Sheet(name, df, cols, rubric.decimals, title=title, freeze_cols=2, typed=typed, lang=lang)


def workbook_title(rubric, lang: str = "zh") -> str:
    """The title stored in a scoring workbook."""
    return _say("title", lang, name=rubric.name)
