"""`synth`: seeded synthetic indicator data for every field a rubric reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import DebugOpt, LangOpt, RubricOpt, guarded, note
from .help import H


def register(app: typer.Typer) -> None:
    app.command("synth")(synth_cmd)


@guarded
def synth_cmd(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help=H("synth.output"), show_default=False),
    ],
    units: Annotated[int, typer.Option("--units", "-n", help=H("synth.units"), min=1)] = 100,
    years: Annotated[int, typer.Option("--years", help=H("synth.years"), min=1, max=50)] = 3,
    last_year: Annotated[int, typer.Option("--last-year", help=H("synth.last_year"), min=1950, max=2100)] = 2024,
    seed: Annotated[int, typer.Option("--seed", "-s", help=H("synth.seed"))] = 0,
    rubric: RubricOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`synth`: its help is ``help.cmd.synth`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.extract import synth_notes

    frame = api.synthesize(rubric, units, years, seed=seed, last_year=last_year, output=output)
    note(synth_notes(output, frame, units, years, last_year, seed, lang))
    return 0
