"""`template`: the fill-in workbook a city office sends its counties."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import DebugOpt, LangOpt, RubricOpt, guarded, show
from .help import H


def register(app: typer.Typer) -> None:
    app.command("template")(template_cmd)


@guarded
def template_cmd(
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help=H("template.output"), show_default=False)
    ] = None,
    rubric: RubricOpt = None,
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help=H("template.unit"), show_default=False)] = None,
    year: Annotated[Optional[int], typer.Option("--year", "-y", help=H("template.year"), show_default=False)] = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`template`: its help is ``help.cmd.template`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.template import template_view

    out = _template_output(output, lang)
    fill = api.fill_in_template(rubric, unit=unit, year=year)
    return show(template_view(fill, lang), out, fill)


def _template_output(output: Path | None, lang: str):
    """The workbook to write (-o, required, an .xlsx file)."""
    from ..core.problems import ProblemError
    from ..output.write import Out

    if output is None or str(output) == "-":
        raise ProblemError.one("E-USAGE-TEMPLATE-OUTPUT")
    if output.suffix.lower() != ".xlsx":
        raise ProblemError.one("E-USAGE-TEMPLATE-SUFFIX", name=output.name)
    return Out("xlsx", output, lang)
