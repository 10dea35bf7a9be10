"""`normalise` and `weights`: the composite-indicator commands (`rank --method` is in `scoring`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from ..core.normalisations import NORMALISATIONS
from .common import DataArg, DebugOpt, FormatOpt, LangOpt, OutputOpt, RubricOpt, guarded, output_to, show
from .help import H

NormaliseMethod = Literal[NORMALISATIONS]  # type: ignore[valid-type]


def register(app: typer.Typer) -> None:
    app.command("normalise")(normalise_cmd)
    app.command("weights")(weights_cmd)


@guarded
def normalise_cmd(
    data: DataArg = None,
    rubric: RubricOpt = None,
    method: Annotated[NormaliseMethod, typer.Option("--method", "-m", help=H("normalise.method"))] = "minmax",
    field: Annotated[Optional[str], typer.Option("--field", help=H("normalise.field"), show_default=False)] = None,
    by: Annotated[Optional[str], typer.Option("--by", help=H("methods.by"), show_default=False)] = None,
    ddof: Annotated[int, typer.Option("--ddof", min=0, max=1, help=H("normalise.ddof"))] = 1,
    threshold: Annotated[float, typer.Option("--threshold", min=0.0, help=H("normalise.p"))] = 0.2,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`normalise`: its help is ``help.cmd.normalise`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.methods import normalised_view

    out = output_to(fmt, output, lang)
    how = dict(method=method, field=field, by=by, ddof=ddof, threshold=threshold)
    table = api.normalise_table(data, rubric, **how)
    return show(normalised_view(table, lang), out, table)


@guarded
def weights_cmd(
    data: DataArg = None,
    rubric: RubricOpt = None,
    method: Annotated[
        Literal["entropy", "critic", "std", "equal", "ahp", "combined"],
        typer.Option("--method", "-m", help=H("weights.method")),
    ] = "entropy",
    variant: Annotated[
        Literal["normalised", "raw"],
        typer.Option("--variant", help=H("weights.entropy_data")),
    ] = "normalised",
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`weights`: its help is ``help.cmd.weights`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..core.bundled import default_rubric
    from ..views.methods import weights_view
    from .common import note

    overlay = output is not None and output.suffix.lower() in (".yaml", ".yml")
    out = output_to(fmt, None if overlay else output, lang)
    base = (Path(rubric) if rubric else Path(default_rubric())) if overlay else None
    table = api.weights_table(data, rubric, method=method, variant=variant, overlay_for=output if overlay else None)
    code = show(weights_view(table, lang), out, table)
    if overlay:
        from ..core.messages import say
        from ..output.write import atomic_write

        atomic_write(output, table.overlay.encode("utf-8"))
        note([say("methods.wrote_overlay", lang, path=output, base=base)])
    return code
