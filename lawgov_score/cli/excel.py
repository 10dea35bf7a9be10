"""`template`: the fill-in workbook a city office sends its counties."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import DebugOpt, LangOpt, RubricOpt, guarded, show


def register(app: typer.Typer) -> None:
    app.command("template")(template_cmd)


@guarded
def template_cmd(
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="写入的 .xlsx 文件，如 填报模板.xlsx", show_default=False)
    ] = None,
    rubric: RubricOpt = None,
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help="预先填好的单位名称", show_default=False)] = None,
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="预先填好的年度", show_default=False)] = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """按细则生成 Excel 填报模板：单位信息、逐项填报（带下拉和取值校验）、填报说明；
    填好后直接 `score 填报模板.xlsx`。"""
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
