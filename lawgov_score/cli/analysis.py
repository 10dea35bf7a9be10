"""`gaps`, `whatif`, `benchmark`, `trend` and `sensitivity`: self-assessment and benchmarking."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from .common import (
    WORKBOOK_FORMATS,
    DataArg,
    DebugOpt,
    FormatOpt,
    LangOpt,
    OutputOpt,
    RubricOpt,
    YearOpt,
    check_by,
    emit,
    fail,
    guarded,
    resolve_format,
    score_inputs,
)

UnitOpt = Annotated[str, typer.Option("--unit", "-u", help="单位名称（可写一部分，如“乃东”）", show_default=False)]
# Checked by the one check of grouping columns (engine.rank.require_group), as `rank --by` is.
ByOpt = Annotated[
    Optional[str], typer.Option("--by", help="在组内排名：city、province、level 或 group", show_default=False)
]


def register(app: typer.Typer) -> None:
    app.command("gaps")(gaps_cmd)
    app.command("whatif")(whatif_cmd)
    app.command("benchmark")(benchmark_cmd)
    app.command("trend")(trend_cmd)
    app.command("sensitivity")(sensitivity_cmd)


def _score(rubric, data, lang, by=None):
    check_by(by)
    return score_inputs(rubric, data, lang)


def _lookup(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except LookupError as exc:
        fail(str(exc).strip("'\""))


def _output(fmt, head: str, parts, payload: dict, output, lang, decimals) -> None:
    """One table (csv), JSON with the summary, or the summary lines and the table(s)."""
    from ..output.render import render, to_json

    if fmt == "json":
        text = to_json(payload)
    elif fmt == "csv":
        df, cols = parts[0]
        text = render(df, cols, fmt, lang, decimals)
    else:
        text = head + "".join("\n" + render(df, cols, fmt, lang, decimals) for df, cols in parts)
    emit(text, output, fmt)


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
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """找差距：失分项目及原因、满分所需数值、到下一等次的最短路径。

    原因分为缺数据（须补佐证）、未达目标、负面清单扣分和一票否决。路径：--path fewest 改动项目最少，
    --path effort 相对改进最小；路径经重新计分核实。"""
    from ..analysis.gaps import gaps
    from ..views.gaps import gaps_json_items, gaps_text, gaps_view, path_json, path_view

    fmt = resolve_format(fmt, output, WORKBOOK_FORMATS)
    rub, result = _score(rubric, data, lang)
    g = _lookup(gaps, result, unit, year, path=None if path == "none" else path)
    if fmt == "xlsx":
        from ..views.workbook import scoring_workbook

        emit(scoring_workbook(result, view="gaps", gaps=g, top=top, lang=lang), output, fmt)
        return 0
    df, cols = gaps_view(g.items, rub, lang)
    if top is not None:
        df = df.head(top)
    parts = [(df, cols)]
    payload = {"summary": g.summary(), "items": gaps_json_items(g, rub)[: top if top is not None else None]}
    if g.path is not None:
        pdf, pcols = path_view(g.path, rub, lang)
        parts = [(pdf, pcols)] if steps else parts + [(pdf, pcols)]
        payload["path"] = path_json(g.path, rub)
    elif steps:
        fail("没有到下一等次的路径：已是最高等次、细则没有等次，或用了 --path none")
    head = gaps_text(g, rub, lang, markdown=fmt == "markdown")
    _output(fmt, head, parts, payload, output, lang, rub.decimals)
    return 0


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
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """假如：改动某些指标后的总分、等次、排名和各项得分。

    例：--set 行政机关负责人出庭应诉率=100% --set major_decision_catalogue=是。按细则重新计分。"""
    from ..analysis.whatif import parse_settings, whatif
    from ..output.columns import records
    from ..views.whatif import whatif_changes_view, whatif_text, whatif_view

    fmt = resolve_format(fmt, output)
    changes = parse_settings(settings)
    rub, result = _score(rubric, data, lang, by)
    w = _lookup(whatif, result, unit, changes, year, by=by)
    df, cols = whatif_view(w, rub, lang)
    cdf, ccols = whatif_changes_view(w, rub)
    payload = {"summary": w.summary(), "changes": records(cdf, ccols), "items": records(df, cols)}
    _output(
        fmt, whatif_text(w, rub, lang, markdown=fmt == "markdown"), [(df, cols)], payload, output, lang, rub.decimals
    )
    return 0


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
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """对标先进：逐项与最优、中位数、某单位或某市比较。

    --against best（各项最优，并列出最优单位）、median（其余单位中位数）、单位名称、市/省/分组名称（该组中位数）。"""
    import polars as pl

    from ..analysis.benchmark import benchmark
    from ..output.columns import records
    from ..views.benchmark import benchmark_text, benchmark_view

    fmt = resolve_format(fmt, output)
    rub, result = _score(rubric, data, lang, within)
    bm = _lookup(benchmark, result, unit, against, year, within=within)
    df, cols = benchmark_view(bm, rub, lang)
    if depth is not None:
        df = df.filter(pl.col("level") <= depth)
    payload = {"summary": bm.summary(), "items": records(df, cols)}
    _output(
        fmt,
        benchmark_text(bm, rub, lang, markdown=fmt == "markdown"),
        [(df, cols)],
        payload,
        output,
        lang,
        rub.decimals,
    )
    return 0


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
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """年度变化：总分、排名、等次，进步、退步和新增失分的项目。"""
    from ..analysis.trend import trend
    from ..output.columns import records
    from ..views.trend import trend_items_view, trend_text, trend_view

    fmt = resolve_format(fmt, output)
    rub, result = _score(rubric, data, lang, by)
    tr = _lookup(trend, result, year_from, year_to, by=by, unit=unit)
    df, cols = trend_view(tr, rub, by, lang)
    parts = [(df, cols)]
    payload = {"summary": tr.summary(), "units": records(df, cols)}
    if tr.items is not None:
        idf, icols = trend_items_view(tr, rub, lang)
        parts = [(idf, icols)]
        payload["items"] = records(idf, icols)
    _output(fmt, trend_text(tr, rub, lang, markdown=fmt == "markdown"), parts, payload, output, lang, rub.decimals)
    return 0


def _share(text: str, option: str) -> float:
    """20%, 20 or 0.2 → 0.2."""
    t = text.strip().replace("％", "%")
    try:
        if t.endswith("%"):
            v = float(t[:-1]) / 100
        else:
            v = float(t)
            v = v / 100 if v >= 1 else v
    except ValueError:
        fail(f"{option} 应为百分比，如 20%，而不是“{text}”")
    if not 0 <= v < 1:
        fail(f"{option} 应在 0% 与 100% 之间，而不是“{text}”")
    return v


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
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """排名稳健性：对分值（权重）抽样，看排名和等次是否随之变化。

    每个单位给出排名中位数、5%–95% 区间、各等次概率和进入前 K 名的概率。--perturb-targets 同时扰动规则阈值。"""
    import sys

    from ..analysis.sensitivity import sensitivity
    from ..views.sensitivity import sensitivity_text, sensitivity_view

    fmt = resolve_format(fmt, output)
    p = _share(perturb, "--perturb")
    q = _share(perturb_targets, "--perturb-targets")
    if write_samples is not None and write_samples.suffix.lower() not in (".csv", ".parquet", ".pq"):
        fail(f"--write-samples 须为 .csv 或 .parquet 文件，而不是“{write_samples.name}”")
    rub, result = _score(rubric, data, lang, by)
    import contextlib

    show = sys.stderr.isatty()  # a bar only for a person watching; logs and pipes stay clean
    bar_cm = (
        typer.progressbar(length=samples, label="抽样" if lang != "en" else "sampling", file=sys.stderr)
        if show
        else contextlib.nullcontext()
    )
    with bar_cm as bar:
        done = [0]

        def progress(n, total):
            if bar is not None:
                bar.update(n - done[0])
            done[0] = n

        sv = _lookup(
            sensitivity,
            result,
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
    df, cols = sensitivity_view(sv, rub, lang, json=fmt == "json")
    from ..output.columns import records

    payload = {"summary": sv.summary(), "units": records(df, cols)}
    text_head = sensitivity_text(sv, rub, lang, markdown=fmt == "markdown")
    if write_samples is not None:
        from ..output.write import write_frame

        write_frame(sv.params, write_samples)
    _output(fmt, text_head, [(df, cols)], payload, output, lang, rub.decimals)
    if write_samples is not None:
        typer.echo(f"已写出 {write_samples}" if lang != "en" else f"wrote {write_samples}", err=True)
    return 0
