"""`synth`: seeded synthetic indicator data for every field a rubric reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import DebugOpt, LangOpt, RubricOpt, guarded, note


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
    from .. import api
    from ..views.extract import synth_notes

    frame = api.synthesize(rubric, units, years, seed=seed, last_year=last_year, output=output)
    note(synth_notes(output, frame, units, years, last_year, seed, lang))
    return 0
