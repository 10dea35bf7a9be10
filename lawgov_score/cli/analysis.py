"""`gaps`, `whatif`, `benchmark`, `trend` and `sensitivity`: self-assessment and benchmarking.

Each command parses its options, makes one ``api`` call and hands the result to its view."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from .common import (
    WORKBOOK_FORMATS,
    DataArg,
    DebugOpt,
    EncodingOpt,
    FormatOpt,
    LangOpt,
    OutputOpt,
    RubricOpt,
    YearOpt,
    guarded,
    note,
    output_to,
    show,
)

UnitOpt = Annotated[str, typer.Option("--unit", "-u", help="单位名称（可写一部分，如“乃东”）", show_default=False)]
# Checked by the one check of grouping columns (engine.rank.require_group), as `rank --by` is.
ByOpt = Annotated[
    Optional[str], typer.Option("--by", help="在组内排名：city、province、level 或 group", show_default=False)
]
SAMPLE_FILES = (".csv", ".parquet", ".pq")  # what --write-samples writes (output.write.write_frame)


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the app."""
    app.command("gaps")(gaps_cmd)
    app.command("whatif")(whatif_cmd)
    app.command("benchmark")(benchmark_cmd)
    app.command("trend")(trend_cmd)
    app.command("sensitivity")(sensitivity_cmd)


@guarded
def gaps_cmd(
    unit: UnitOpt,
    data: DataArg = None,
    rubric: RubricOpt = None,
    year: YearOpt = None,
    top: Annotated[Optional[int], typer.Option("--top", "-n", help="只列失分最多的 N 项", show_default=False)] = None,
    path: Annotated[
        Literal["fewest", "effort", "none"],
        typer.Option("--path", help="到下一等次的路径：fewest 改动项目最少；effort 相对改进最小；none 不算"),
    ] = "fewest",
    steps: Annotated[bool, typer.Option("--steps", help="只输出路径的各步（CSV 时有用）")] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """找差距：失分项目及原因、满分所需数值、到下一等次的最短路径。

    原因分为缺数据（须补佐证）、未达目标、负面清单扣分和一票否决。路径：--path fewest 改动项目最少，
    --path effort 相对改进最小；路径经重新计分核实。"""
    from .. import api
    from ..views.scoring import gaps_report_view

    out = output_to(fmt, output, lang, WORKBOOK_FORMATS, encoding)
    r = api.gaps_report(data, rubric, unit=unit, year=year, path=path, top=top, steps=steps, workbook=out.fmt == "xlsx")
    return show(gaps_report_view(r, lang), out, r)


@guarded
def whatif_cmd(
    unit: UnitOpt,
    settings: Annotated[
        list[str],
        typer.Option(
            "--set",
            "-s",
            help="指标=数值，可重复；指标写编号或中文名，数值照常填写（95%、是、优；留空为缺）",
            show_default=False,
        ),
    ],
    data: DataArg = None,
    rubric: RubricOpt = None,
    year: YearOpt = None,
    by: ByOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """假如：改动某些指标后的总分、等次、排名和各项得分。

    例：--set 行政机关负责人出庭应诉率=100% --set major_decision_catalogue=是。按细则重新计分。"""
    from .. import api
    from ..views.whatif import whatif_report_view

    out = output_to(fmt, output, lang, None, encoding)
    r = api.whatif_report(data, rubric, unit=unit, changes=settings, year=year, by=by)
    return show(whatif_report_view(r, lang), out, r)


@guarded
def benchmark_cmd(
    unit: UnitOpt,
    data: DataArg = None,
    against: Annotated[
        str,
        typer.Option(
            "--against", "-a", help="对标对象：best（各项最优）、median（中位数）、某单位名称或某市/省/分组名称"
        ),
    ] = "best",
    within: Annotated[
        Optional[str],
        typer.Option("--within", help="只与同一 city/province/level/group 的单位比较", show_default=False),
    ] = None,
    rubric: RubricOpt = None,
    year: YearOpt = None,
    depth: Annotated[
        Optional[int], typer.Option("--depth", "-d", help="只显示到第几级（1 = 一级指标）", show_default=False)
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """对标先进：逐项与最优、中位数、某单位或某市比较。

    --against best（各项最优，并列出最优单位）、median（其余单位中位数）、单位名称、市/省/分组名称（该组中位数）。"""
    from .. import api
    from ..views.benchmark import benchmark_report_view

    out = output_to(fmt, output, lang, None, encoding)
    r = api.benchmark_report(data, rubric, unit=unit, against=against, within=within, year=year, depth=depth)
    return show(benchmark_report_view(r, lang), out, r)


@guarded
def trend_cmd(
    data: DataArg = None,
    rubric: RubricOpt = None,
    year_from: Annotated[
        Optional[int], typer.Option("--from", help="起始年度（默认：终止年度的上一个有数据的年度）", show_default=False)
    ] = None,
    year_to: Annotated[
        Optional[int], typer.Option("--to", help="终止年度（默认：最近一年）", show_default=False)
    ] = None,
    unit: Annotated[
        Optional[str], typer.Option("--unit", "-u", help="列出这个单位各项目的进步、退步和新增失分", show_default=False)
    ] = None,
    by: ByOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """年度变化：总分、排名、等次，进步、退步和新增失分的项目。"""
    from .. import api
    from ..views.trend import trend_report_view

    out = output_to(fmt, output, lang, None, encoding)
    r = api.trend_report(data, rubric, year_from=year_from, year_to=year_to, unit=unit, by=by)
    return show(trend_report_view(r, lang), out, r)


def _usage(code: str, **params):
    """A usage problem of this command's options (exit 2)."""
    from ..core.problems import ProblemError

    return ProblemError.one(code, **params)


def _share(text: str, option: str) -> float:
    """20%, 20 or 0.2 → 0.2 (E-USAGE-PERCENT, or E-USAGE-PERCENT-RANGE outside [0, 1))."""
    t = text.strip().replace("％", "%")
    try:
        if t.endswith("%"):
            v = float(t[:-1]) / 100
        else:
            v = float(t)
            v = v / 100 if v >= 1 else v
    except ValueError:
        raise _usage("E-USAGE-PERCENT", option=option, text=text) from None
    if not 0 <= v < 1:
        raise _usage("E-USAGE-PERCENT-RANGE", option=option, text=text)
    return v


@contextlib.contextmanager
def _progress(total: int, lang: str):
    """A progress bar on stderr while sampling, for a person watching (logs and pipes stay
    clean); yields the ``progress(done, total)`` callback."""
    import sys

    if not sys.stderr.isatty():
        yield None
        return
    from ..core.messages import say

    with typer.progressbar(length=total, label=say("sensitivity.sampling", lang), file=sys.stderr) as bar:
        done = [0]

        def progress(n, _total):
            bar.update(n - done[0])
            done[0] = n

        yield progress


def _write_samples(params, path: Path, lang: str) -> None:
    """``--write-samples``: every sample's factors as CSV or Parquet, written atomically."""
    from ..core.messages import say
    from ..output.write import write_frame

    write_frame(params, path)
    note([say("common.wrote", lang, path=path)])


@guarded
def sensitivity_cmd(
    data: DataArg = None,
    rubric: RubricOpt = None,
    samples: Annotated[int, typer.Option("--samples", "-n", help="抽样次数", min=1)] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="随机种子：同一种子结果相同")] = 0,
    perturb: Annotated[str, typer.Option("--perturb", help="各项分值（权重）扰动幅度，如 20%")] = "20%",
    perturb_targets: Annotated[
        str, typer.Option("--perturb-targets", help="规则阈值（目标值、下限、档位）扰动幅度，如 10%；默认不扰动")
    ] = "0",
    top: Annotated[int, typer.Option("--top", "-k", help="计算进入前 K 名的概率", min=1)] = 10,
    by: ByOpt = None,
    year: YearOpt = None,
    write_samples: Annotated[
        Optional[Path],
        typer.Option("--write-samples", help="把每次抽样的参数写入文件（.csv 或 .parquet）", show_default=False),
    ] = None,
    vary: Annotated[
        Optional[str],
        typer.Option(
            "--vary",
            help="变动的方法选项（逗号分隔）：weights、normalisation、aggregation、method（imputation 尚不可用）；"
            "给出时按 Sobol 方法计算各选项的敏感性指数",
            show_default=False,
        ),
    ] = None,
    alternatives: Annotated[
        Optional[list[str]],
        typer.Option("--alternatives", help="某选项的备选项，如 weights=rubric,equal；可重复", show_default=False),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """排名稳健性：对分值（权重）抽样，看排名和等次是否随之变化。

    每个单位给出排名中位数、5%–95% 区间、各等次概率和进入前 K 名的概率。--perturb-targets 同时扰动规则阈值。
    --vary weights,normalisation,aggregation,method 对方法选择抽样（Saltelli 设计，--samples 为基础样本数），
    并给出各选项的一阶与总效应 Sobol 指数：排名主要取决于哪一项选择。"""
    from .. import api
    from ..views.sensitivity import sensitivity_report_view

    out = output_to(fmt, output, lang, None, encoding)
    p, q = _share(perturb, "--perturb"), _share(perturb_targets, "--perturb-targets")
    if write_samples is not None and write_samples.suffix.lower() not in SAMPLE_FILES:
        raise _usage("E-USAGE-SAMPLES-FILE", name=write_samples.name)
    if vary:
        return _vary_cmd(data, rubric, vary, alternatives, samples, seed, p, top, by, year, write_samples, out, lang)
    with _progress(samples, lang) as progress:
        r = api.sensitivity_report(
            data,
            rubric,
            samples=samples,
            seed=seed,
            perturb=p,
            perturb_targets=q,
            top=top,
            by=by,
            year=year,
            keep_params=write_samples is not None,
            progress=progress,
        )
    code = show(sensitivity_report_view(r, lang), out, r)
    if write_samples is not None:
        _write_samples(r.sensitivity.params, write_samples, lang)
    return code


def _choices(vary: str, alternatives: list[str] | None) -> tuple[list[str], dict[str, list[str]]]:
    """``weights,method`` and ``["weights=rubric,equal"]`` → the choices and their alternatives."""
    names = [v.strip() for v in vary.split(",") if v.strip()]
    alts: dict[str, list[str]] = {}
    for text in alternatives or []:
        name, sep, rest = text.partition("=")
        if not sep:
            raise _usage("E-USAGE-VARY", name=text, known=", ".join(names), known_en=", ".join(names))
        alts[name.strip()] = [a.strip() for a in rest.split(",") if a.strip()]
    return names, alts


def _vary_cmd(data, rubric, vary, alternatives, samples, seed, p, top, by, year, write_samples, out, lang) -> int:
    """``sensitivity --vary``: one api call over the method choices, its view, the samples."""
    from .. import api
    from ..views.vary import method_sensitivity_view, notes_lines

    names, alts = _choices(vary, alternatives)

    def notify(notes):  # said before the run: a choice that cannot act
        for line in notes_lines(notes, lang):
            typer.echo(line, err=True)

    with _progress(samples * (len(set(names)) + 2), lang) as progress:
        r = api.sensitivity_report(data, rubric, samples=samples, seed=seed, perturb=p, top=top, by=by, year=year,
                                   keep_params=write_samples is not None, progress=progress, vary=names,
                                   alternatives=alts, notify=notify)  # fmt: skip
    code = show(method_sensitivity_view(r, lang), out, r)
    if write_samples is not None:
        _write_samples(r.sensitivity.params, write_samples, lang)
    return code
