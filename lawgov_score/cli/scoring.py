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
from .help import H


def register(app: typer.Typer) -> None:
    app.command("score")(score_cmd)
    app.command("rank")(rank_cmd)


@guarded
def score_cmd(
    data: DataArg = None,
    rubric: RubricOpt = None,
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help=H("score.unit"), show_default=False)] = None,
    year: YearOpt = None,
    depth: Annotated[Optional[int], typer.Option("--depth", "-d", help=H("opt.depth"), show_default=False)] = None,
    status: Annotated[
        Optional[Literal["met", "short", "missing", "vetoed"]],
        typer.Option("--status", help=H("score.status"), show_default=False),
    ] = None,
    fmt: WorkbookFormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`score`: its help is ``help.cmd.score`` in core/messages/help.py (zh and en)."""
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
        typer.Option("--ties", help=H("rank.ties")),
    ] = "competition",
    on: Annotated[Optional[str], typer.Option("--on", help=H("rank.on"), show_default=False)] = None,
    pool: Annotated[bool, typer.Option("--pool", help=H("opt.pool"))] = False,
    year: YearOpt = None,
    dimensions: Annotated[bool, typer.Option("--dimensions/--no-dimensions", help=H("rank.dimensions"))] = True,
    scan: Annotated[bool, typer.Option("--scan", help=H("rank.scan"))] = False,
    keep_going: Annotated[
        bool,
        typer.Option("--keep-going", help=H("rank.keep_going")),
    ] = False,
    method: Annotated[
        Literal["wsm", "wpm", "topsis", "vikor", "gra"],
        typer.Option("--method", "-m", help=H("rank.method")),
    ] = "wsm",
    fmt: WorkbookFormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`rank`: its help is ``help.cmd.rank`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.scoring import rank_table_view

    out = output_to(fmt, output, lang, WORKBOOK_FORMATS, encoding)
    how = dict(by=by, ties=ties, on=on, pool=pool, year=year, dimensions=dimensions, method=method)
    scan_how = True if scan else "auto"
    table = api.rank_table(data, rubric, **how, scan=scan_how, workbook=out.fmt == "xlsx", keep_going=keep_going)
    return show(rank_table_view(table, lang), out, table)
