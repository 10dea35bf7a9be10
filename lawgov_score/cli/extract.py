"""`extract`: indicator values from annual report text, with the clause each was read from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import (
    WORKBOOK_FORMATS,
    DebugOpt,
    EncodingOpt,
    FormatOpt,
    LangOpt,
    OutputOpt,
    RubricOpt,
    guarded,
    note,
    output_to,
    show,
    warn,
)
from .help import H


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_cmd)


@guarded
def extract_cmd(
    reports: Annotated[list[Path], typer.Argument(help=H("extract.reports"), show_default=False)],
    rubric: RubricOpt = None,
    evaluate: Annotated[
        Optional[Path],
        typer.Option(
            "--evaluate",
            help=H("extract.gold"),
            show_default=False,
        ),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help=H("extract.all"))] = False,
    explain: Annotated[bool, typer.Option("--explain", help=H("extract.explain"))] = False,
    year: Annotated[Optional[int], typer.Option("--year", "-y", help=H("extract.year"), show_default=False)] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`extract`: its help is ``help.cmd.extract`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.extract import evaluation_notes, evaluation_view, extract_view

    out = output_to(fmt, output, lang, WORKBOOK_FORMATS if evaluate is None else None, encoding)
    if evaluate is None:
        found = api.extract_values(reports, rubric, year=year, every=every)
        return show(extract_view(found, lang, explain=explain), out, found)
    check = api.evaluate_extraction(reports, evaluate, rubric, year=year)
    warn(check.warnings, lang)
    note(evaluation_notes(check, lang))
    return show(evaluation_view(check, lang), out)
