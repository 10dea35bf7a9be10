"""`report`: one self-contained HTML file with the ranking, charts, gaps and evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import DataArg, DebugOpt, LangOpt, RubricOpt, YearOpt, fail, guarded, note, warn


def register(app: typer.Typer) -> None:
    app.command("report")(report_cmd)


@guarded
def report_cmd(
    data: DataArg = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="写入的 HTML 文件，如 report.html", show_default=False)
    ] = None,
    rubric: RubricOpt = None,
    year: YearOpt = None,
    pool: Annotated[bool, typer.Option("--pool", help="各年度合并排名（默认每年单独排名）")] = False,
    top: Annotated[int, typer.Option("--top", "-n", help="每个单位列出失分最多的 N 项（0 = 全部）")] = 10,
    png: Annotated[
        Optional[Path], typer.Option("--png", help="另把图表存为 PNG 图片，放在这个目录", show_default=False)
    ] = None,
    title: Annotated[
        Optional[str], typer.Option("--title", help="报告标题；省略时为“细则名称 评估报告”", show_default=False)
    ] = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """生成评估报告（单个 HTML 文件，离线可看）：概况、排名表、热力图、雷达图、差距清单、数据佐证和评分方法。"""
    from .. import api
    from ..views.report import report_view

    outs = _report_outputs(output, png, lang)
    page = api.report_page(data, rubric, year=year, pool=pool, top=top)
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
