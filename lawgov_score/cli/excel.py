"""`template`: the fill-in workbook a city office sends its counties."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import DebugOpt, RubricOpt, emit, fail, guarded


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
    debug: DebugOpt = False,
) -> int:
    """按细则生成 Excel 填报模板：单位信息、逐项填报（带下拉和取值校验）、填报说明；填好后直接 `score 填报模板.xlsx`。"""
    from ..core import bundled
    from ..output.template import build_template
    from ..rubric.load import load_rubric

    if output is None or str(output) == "-":
        fail("请用 -o 指定要写出的 .xlsx 文件，如 -o 填报模板.xlsx")
    if output.suffix.lower() != ".xlsx":
        fail(f"模板是 Excel 工作簿，文件名须以 .xlsx 结尾（而不是“{output.name}”）")
    if year is not None and not 1949 <= year <= 2100:
        fail(f"年度“{year}”无效：应为四位年份，如 2024")
    rub = load_rubric(rubric or bundled.default_rubric())
    emit(build_template(rub, unit=unit, year=year), output, "xlsx")
    return 0
