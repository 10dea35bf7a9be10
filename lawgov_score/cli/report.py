"""`report`: one self-contained HTML file with the ranking, charts, gaps and evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import DataArg, DebugOpt, RubricOpt, YearOpt, fail, guarded, score_inputs


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
    debug: DebugOpt = False,
) -> int:
    """生成评估报告（单个 HTML 文件，离线可看）：概况、排名表、热力图、雷达图、差距清单、数据佐证和评分方法。"""
    if output is None or str(output) == "-":
        fail("请用 -o 指定要写出的 HTML 文件，如 -o report.html")
    if output.suffix.lower() not in (".html", ".htm"):
        fail(f"报告是 HTML 文件，文件名须以 .html 结尾（而不是“{output.name}”）")
    if png is not None and png.exists() and not png.is_dir():
        fail(f"--png 须是目录，而“{png}”是文件")
    from ..output.html import ranked_frame, render_html
    from ..output.write import atomic_write
    from ..views.report import build

    rub, result = score_inputs(rubric, data, "zh")
    ranked = ranked_frame(result, year, pool)
    if ranked.height == 0:
        fail(f"数据中没有 {year} 年的单位" if year is not None else "数据中没有可评分的单位")
    report = build(result, ranked, top or None)
    images: dict[str, bytes] = {}
    if png is not None:
        from ..output.png import FontMissing, charts

        try:
            images = charts(report)
        except FontMissing as exc:
            fail(str(exc))
    text = render_html(report, title)
    atomic_write(output, text.encode("utf-8"))
    typer.echo(f"已写出 {output}", err=True)
    for name, data_ in images.items():
        atomic_write(png / name, data_)
    if images:
        typer.echo(f"已写出 {len(images)} 张图片到 {png}", err=True)
    return 0
