"""`report`: one self-contained HTML file with the ranking, charts, gaps and evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import DataArg, DebugOpt, LangOpt, RubricOpt, YearOpt, fail, guarded, note, warn
from .help import H


def register(app: typer.Typer) -> None:
    app.command("report")(report_cmd)


@guarded
def report_cmd(
    data: DataArg = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help=H("report.output"), show_default=False)
    ] = None,
    rubric: RubricOpt = None,
    year: YearOpt = None,
    pool: Annotated[bool, typer.Option("--pool", help=H("opt.pool"))] = False,
    by: Annotated[
        Optional[str],
        typer.Option("--by", help=H("report.by"), show_default=False),
    ] = None,
    top: Annotated[int, typer.Option("--top", "-n", help=H("report.top"))] = 10,
    png: Annotated[Optional[Path], typer.Option("--png", help=H("report.png"), show_default=False)] = None,
    title: Annotated[Optional[str], typer.Option("--title", help=H("report.title"), show_default=False)] = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`report`: its help is ``help.cmd.report`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.report import report_view

    outs = _report_outputs(output, png, lang)
    page = api.report_page(data, rubric, year=year, pool=pool, top=top, by=by)
    return _show_all(report_view(page, lang, title), outs, page)


def _report_outputs(output: Path | None, png: Path | None, lang: str) -> list:
    """Where the report goes: the HTML file (-o, required) and, with --png, the charts' directory."""
    from ..core.problems import ProblemError
    from ..output.write import Out

    if output is None or str(output) == "-":
        raise ProblemError.one("E-USAGE-REPORT-OUTPUT")
    if output.suffix.lower() not in (".html", ".htm"):
        raise ProblemError.one("E-USAGE-REPORT-SUFFIX", name=output.name)
    if png is not None and png.exists() and not png.is_dir():
        raise ProblemError.one("E-USAGE-PNG-DIR", path=png)
    return [Out("html", output, lang)] + ([Out("png", png, lang)] if png is not None else [])


def _show_all(view, outs: list, result) -> int:
    """``show`` for a run that writes several files: every one is built before any is written."""
    from ..core.messages import say
    from ..output.png import FontMissing
    from ..output.write import write_all

    lang = view.lang
    warn(result.warnings, lang)
    try:
        counts = write_all(view, outs)
    except FontMissing as exc:  # one line, like a usage problem: nothing was written
        fail(str(exc))
    note(
        say("scoring.wrote_images", lang, n=n, path=out.path)
        if out.fmt == "png"
        else say("common.wrote", lang, path=out.path)
        for out, n in zip(outs, counts)
    )
    return result.exit_code
