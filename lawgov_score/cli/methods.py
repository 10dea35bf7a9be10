"""`normalise` and `weights`: the composite-indicator commands (`rank --method` is in `scoring`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from ..core.normalisations import NORMALISATIONS
from .common import DataArg, DebugOpt, FormatOpt, LangOpt, OutputOpt, RubricOpt, guarded, output_to, show

NormaliseMethod = Literal[NORMALISATIONS]  # type: ignore[valid-type]


def register(app: typer.Typer) -> None:
    app.command("normalise")(normalise_cmd)
    app.command("weights")(weights_cmd)


@guarded
def normalise_cmd(
    data: DataArg = None,
    rubric: RubricOpt = None,
    method: Annotated[
        NormaliseMethod, typer.Option("--method", "-m", help="标准化方法（见 docs/methods.md）")
    ] = "minmax",
    field: Annotated[Optional[str], typer.Option("--field", help="只看这个指标", show_default=False)] = None,
    by: Annotated[
        Optional[str], typer.Option("--by", help="在组内比较：city、province、level 或 group", show_default=False)
    ] = None,
    ddof: Annotated[int, typer.Option("--ddof", min=0, max=1, help="zscore 的标准差：1 样本（默认），0 总体")] = 1,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, help="above_below_mean 的 p：均值上下 p 以内计 0")
    ] = 0.2,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """把各指标数值在同年度（及同组）单位间标准化：minmax、zscore、rank、percentile 等 13 种方法。"""
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
        typer.Option("--method", "-m", help="定权方法：entropy 熵权法、critic、std、equal、ahp、combined"),
    ] = "entropy",
    variant: Annotated[
        Literal["normalised", "raw"],
        typer.Option("--variant", help="熵权法的数据：normalised 按方向极差标准化（默认），raw 原始值"),
    ] = "normalised",
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """由数据定权重（熵权法、CRITIC、标准差）、等权、AHP 或主客观组合；-o x.yaml 写出继承原细则的权重细则。"""
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
