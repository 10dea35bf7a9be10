"""`score` and `rank`: the scoring commands (`gaps` is in `analysis`)."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

import typer

from .common import (
    WORKBOOK_FORMATS,
    ByOpt,
    DataArg,
    DebugOpt,
    EncodingOpt,
    LangOpt,
    OutputOpt,
    RubricOpt,
    WorkbookFormatOpt,
    YearOpt,
    guarded,
    output_to,
    show,
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
    fmt: WorkbookFormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """每个单位、每个项目的数值、得分、满分、目标、差距和状态。"""
    from .. import api
    from ..views.scoring import score_table_view

    out = output_to(fmt, output, lang, WORKBOOK_FORMATS, encoding)
    table = api.score_table(data, rubric, unit=unit, year=year, depth=depth, status=status, workbook=out.fmt == "xlsx")
    return show(score_table_view(table, lang), out, table)


@guarded
def rank_cmd(
    data: DataArg = None,
    rubric: RubricOpt = None,
    by: ByOpt = None,
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
    keep_going: Annotated[
        bool,
        typer.Option(
            "--keep-going", help="跳过有错误的文件，只排能读的（逐个列出被跳过的文件及其第一个错误，退出码 1）"
        ),
    ] = False,
    method: Annotated[
        Literal["wsm", "wpm", "topsis", "vikor", "gra"],
        typer.Option("--method", "-m", help="排名方法：wsm 按细则分数（默认）、wpm、topsis、vikor、gra"),
    ] = "wsm",
    fmt: WorkbookFormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """排名表：总分、得分率、等次、一票否决和各一级指标得分。"""
    from .. import api
    from ..views.scoring import rank_table_view

    out = output_to(fmt, output, lang, WORKBOOK_FORMATS, encoding)
    how = dict(by=by, ties=ties, on=on, pool=pool, year=year, dimensions=dimensions, method=method)
    scan_how = True if scan else "auto"
    table = api.rank_table(data, rubric, **how, scan=scan_how, workbook=out.fmt == "xlsx", keep_going=keep_going)
    return show(rank_table_view(table, lang), out, table)
