"""`synth`: seeded synthetic indicator data for every field a rubric reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import DebugOpt, LangOpt, RubricOpt, fail, guarded


def register(app: typer.Typer) -> None:
    app.command("synth")(synth_cmd)


@guarded
def synth_cmd(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="写入的文件：.csv（带 BOM）或 .parquet；文件名宜含 synthetic", show_default=False
        ),
    ],
    units: Annotated[int, typer.Option("--units", "-n", help="单位个数（全国县级约 2843 个）", min=1)] = 100,
    years: Annotated[int, typer.Option("--years", help="年数", min=1, max=50)] = 3,
    last_year: Annotated[int, typer.Option("--last-year", help="最后一年", min=1950, max=2100)] = 2024,
    seed: Annotated[int, typer.Option("--seed", "-s", help="随机种子：同一种子得到完全相同的文件")] = 0,
    rubric: RubricOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """生成合成（虚构）指标数据，供试用和测试。

    细则用到的每个指标都有值；单位名为“合成…”，佐证与来源列为 synthetic；同一种子得到相同文件。"""
    from ..core import bundled
    from ..core.problems import ProblemError
    from ..data.synth import synth
    from ..output.write import write_frame
    from ..rubric.load import read_rubric

    if output.suffix.lower() not in (".csv", ".parquet", ".pq"):
        fail(f"输出文件须为 .csv 或 .parquet，而不是“{output.name}”")
    if last_year - years + 1 < 1949:
        fail(f"--years {years} 与 --last-year {last_year} 使第一年早于 1949 年")
    rub, report = read_rubric(rubric or bundled.default_rubric())
    if rub is None:
        raise ProblemError(report)
    frame = synth(rub, units, years, seed=seed, last_year=last_year)
    write_frame(frame, output)
    first = last_year - years + 1
    if lang == "en":
        typer.echo(
            f"wrote {output}: {units} synthetic units × {years} years ({first}–{last_year}), {frame.height} values, seed {seed}",
            err=True,
        )
    else:
        typer.echo(
            f"已写出 {output}：合成数据 {units} 个单位 × {years} 年（{first}—{last_year}），{frame.height} 个数值，种子 {seed}",
            err=True,
        )
    if "synthetic" not in output.name.lower():
        typer.echo(
            "注意：文件名中没有 synthetic；合成数据的文件名宜标明 synthetic，以免与真实数据混淆"
            if lang != "en"
            else "note: the file name does not say synthetic; name made-up data so nobody mistakes it for real",
            err=True,
        )
    return 0
