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


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_cmd)


@guarded
def extract_cmd(
    reports: Annotated[
        list[Path], typer.Argument(help="法治政府建设年度报告（.txt .docx .pdf）或其所在目录", show_default=False)
    ],
    rubric: RubricOpt = None,
    evaluate: Annotated[
        Optional[Path],
        typer.Option(
            "--evaluate",
            help="标准答案：人工从这些报告读出的指标文件（须有 source 列写明报告文件名）；打印各指标的精确率和召回率",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="列出每一处读数，而不只是每个指标的第一处（结果不能直接用于评分）")
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="每个值注明为何读取：所用措辞、语境词和取舍规则（总数优先于部分等）")
    ] = False,
    year: Annotated[
        Optional[int], typer.Option("--year", "-y", help="报告年度（代替从报告中认出的年度）", show_default=False)
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """从年度报告中读出指标值，每个值附原文和位置；结果是指标文件，可直接用于 score / rank。

    -o 核对表.xlsx 写出核对表：每个值一行，附标出数值的原文、上下文、置信度和空白的“确认”列；
    填好后 score / rank 读它时只用确认或更正过的行。"""
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
