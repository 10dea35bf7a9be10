"""`score` and `rank`: the scoring commands (`gaps` is in `analysis`)."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

import typer

from .common import (
    WORKBOOK_FORMATS,
    DataArg,
    DebugOpt,
    FormatOpt,
    LangOpt,
    OutputOpt,
    RubricOpt,
    YearOpt,
    check_by,
    emit,
    fail,
    guarded,
    output_to,
    resolve_format,
    score_inputs,
    show,
    warn,
)


def register(app: typer.Typer) -> None:
    app.command("score")(score_cmd)
    app.command("rank")(rank_cmd)


@guarded
def score_cmd(
    data: DataArg = None,
    rubric: RubricOpt = None,
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help="只看这个单位", show_default=False)] = None,
    year: YearOpt = None,
    depth: Annotated[
        Optional[int], typer.Option("--depth", "-d", help="只显示到第几级（1 = 一级指标）", show_default=False)
    ] = None,
    status: Annotated[
        Optional[Literal["met", "short", "missing", "vetoed"]],
        typer.Option("--status", help="只显示这种状态的项目", show_default=False),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """每个单位、每个项目的数值、得分、满分、目标、差距和状态。"""
    from .. import api
    from ..views.score import score_table_view

    out = output_to(fmt, output, lang, WORKBOOK_FORMATS)
    table = api.score_table(data, rubric, unit=unit, year=year, depth=depth, status=status, workbook=out.fmt == "xlsx")
    return show(score_table_view(table, lang), out, table)


@guarded
def rank_cmd(
    data: DataArg = None,
    rubric: RubricOpt = None,
    by: Annotated[
        Optional[str], typer.Option("--by", help="在组内排名：city、province、level 或 group", show_default=False)
    ] = None,
    ties: Annotated[
        Literal["competition", "dense", "min", "max", "average"],
        typer.Option("--ties", help="并列名次的排法：competition 1224（默认）、dense 1223、max 1334、average"),
    ] = "competition",
    on: Annotated[
        Optional[str], typer.Option("--on", help="按某一项目（如一级指标 3）的得分排名，而非总分", show_default=False)
    ] = None,
    pool: Annotated[bool, typer.Option("--pool", help="各年度合并排名（默认每年单独排名）")] = False,
    year: YearOpt = None,
    dimensions: Annotated[bool, typer.Option("--dimensions/--no-dimensions", help="列出各一级指标得分")] = True,
    scan: Annotated[
        bool, typer.Option("--scan", help="逐批读取长表 Parquet，不整个载入内存（超过 2000 万行时自动如此）")
    ] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """排名表：总分、得分率、等次、一票否决和各一级指标得分。"""
    import polars as pl

    from ..engine.rank import rank
    from ..output.render import render
    from ..views.rank import rank_columns

    fmt = resolve_format(fmt, output, WORKBOOK_FORMATS)
    check_by(by)
    from ..data.scan import SCAN_ROWS, parquet_rows

    if scan or (data and (parquet_rows(data) or 0) > SCAN_ROWS):  # township scale: never loaded whole
        if fmt == "xlsx":
            fail("逐批读取（--scan）时不写 Excel 工作簿：请用 -o 排名.csv")
        table, rub, warnings = _scanned_rank(rubric, data, by=by, ties=ties, on=on, pool=pool)
        warn(warnings, lang)
        result = None
    else:
        rub, result = score_inputs(rubric, data, lang)
        if on is not None and on not in rub.items:
            fail(f"细则中没有编号为“{on}”的项目")
        table = rank(result, by=by, ties=ties, on=on, pool=pool)
    if year is not None:
        table = table.filter(pl.col("year") == year)
    cols = rank_columns(table, rub, by=by, on=on, dimensions=dimensions or fmt in ("json", "xlsx"))
    if fmt == "xlsx":
        from ..views.workbook import scoring_workbook

        emit(scoring_workbook(result, view="rank", rank_table=table, rank_cols=cols, lang=lang), output, fmt)
        return 0
    emit(render(table, cols, fmt, lang, rub.decimals), output, fmt)
    return 0


def _scanned_rank(rubric_path, data, **how):
    """`rank --scan`: the rubric, then the data scanned in batches (``data.scan``)."""
    from ..core import bundled
    from ..core.problems import ProblemError
    from ..engine.scan import scan_rank
    from ..rubric.load import read_rubric

    rub, report = read_rubric(rubric_path or bundled.default_rubric())
    if rub is None:
        raise ProblemError(report)
    if how.get("on") is not None and how["on"] not in rub.items:
        fail(f"细则中没有编号为“{how['on']}”的项目")
    table, report = scan_rank(data or bundled.default_data(), rub, **how)
    if table is None:
        raise ProblemError(report)
    return table, rub, report.warnings
