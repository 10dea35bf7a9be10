"""The views of the three commands that share the scoring workbook (score, rank, gaps): each
one's own table first, and the workbook's sheets when the api computed its data.

They sit above ``score``, ``rank``, ``gaps`` and ``workbook`` so that those import none of each
other's command views: the workbook is built from the row views, never the other way round."""

from __future__ import annotations

from ..output.view import Table, View
from .gaps import gaps_json_items, gaps_lines, gaps_view, part_tables, path_json, path_view
from .parts import rubric_lines, unit_lines
from .rank import every_column, rank_columns, rank_records
from .score import score_records, score_view
from .workbook import workbook_sheets, workbook_title


def gaps_report_view(report, lang: str = "zh") -> View:
    """``gaps``: the summary lines, the lost items shown and the path's steps (``--steps``: the
    steps alone); JSON with the summary, items and path; the scoring workbook with the gaps
    sheet first when the report carries its data (``report.book``)."""
    g, rubric = report.gaps, report.rubric
    df, cols = gaps_view(report.items, rubric, lang)
    tables = [Table(df, cols), *part_tables(report.items, rubric, lang)]
    document = {"summary": report.summary(), "items": gaps_json_items(report.items, rubric, lang)}
    if g.path is not None:
        pdf, pcols = path_view(g.path, rubric, lang)
        tables = [Table(pdf, pcols)] if report.steps else tables + [Table(pdf, pcols)]
        document["path"] = path_json(g.path, rubric, lang)
    sheets = None
    if report.book is not None:
        sheets = workbook_sheets(report.book, rubric, first="gaps", lang=lang, gaps=g, top=report.top)
    return View(
        lines=gaps_lines(g, rubric, lang),
        tables=tables,
        document=document,
        sheets=sheets,
        title=workbook_title(rubric),
        decimals=rubric.decimals,
        lang=lang,
    )


def rank_table_view(t, lang: str = "zh") -> View:
    """``rank``: the ranked table in the chosen language (dimensions as asked); JSON with every
    dimension; the scoring workbook when the table carries one (``t.book``)."""
    if t.method != "wsm":
        from .methods import method_rank_view

        return method_rank_view(t, lang)
    cols = rank_columns(t.table, t.rubric, by=t.by, on=t.on, dimensions=t.dimensions)
    sheets = None
    if t.book is not None:
        sheets = workbook_sheets(t.book, t.rubric, first="rank", lang=lang, rank_cols=every_column(t))
    return View(
        lines=rubric_lines(t.rubric, lang),
        tables=[Table(t.table, cols)],
        document=rank_records(t),
        sheets=sheets,
        title=workbook_title(t.rubric, lang),
        decimals=t.rubric.decimals,
        lang=lang,
    )


def score_table_view(table, lang: str = "zh") -> View:
    """``score``: the item rows in the chosen language; JSON as ``score_records``; the scoring
    workbook when the table carries one (``table.book``)."""
    rubric = table.rubric
    df, cols = score_view(table.items, rubric, lang)
    sheets = None
    if table.book is not None:
        sheets = workbook_sheets(table.book, rubric, first="score", lang=lang, items=table.items)
    lines = rubric_lines(rubric, lang)
    if table.standing is not None and (rubric.parts or rubric.grade_note):  # a 示范-style rubric
        lines += unit_lines(table.standing, rubric, lang)
    return View(
        lines=lines,
        tables=[Table(df, cols)],
        document=score_records(table.result, table.items),
        sheets=sheets,
        title=workbook_title(rubric, lang),
        decimals=rubric.decimals,
        lang=lang,
    )
