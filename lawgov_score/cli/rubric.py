"""`rubric check` and `rubric show`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from .common import (
    EXIT_BAD,
    EXIT_FOUND,
    DebugOpt,
    FormatOpt,
    LangOpt,
    OutputOpt,
    check_by,
    emit,
    fail,
    guarded,
    resolve_format,
)

rubric_app = typer.Typer(help="检查与查看细则。", no_args_is_help=True, add_completion=False)


def register(app: typer.Typer) -> None:
    app.add_typer(rubric_app, name="rubric")


@rubric_app.command("check")
@guarded
def check_cmd(
    rubrics: Annotated[list[Path], typer.Argument(help="细则或指标字典 YAML 文件", show_default=False)],
    strict: Annotated[bool, typer.Option("--strict", help="警告也算不通过")] = False,
    fmt: Annotated[Literal["table", "json"], typer.Option("--format", "-f", help="输出格式")] = "table",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """检查细则：结构、分值、规则，以及不可能得分、重名、缺佐证等。

    每个问题一行：文件:行: 代码: 说明（代码说明见 docs/errors.md）。给目录时检查其中全部 .yaml 文件。
    所查文件有错误（或 --strict 下有警告；空文件、无法读取的文件也算）时退出码为 1；
    只有用法不对（给出的路径不存在、目录中没有 .yaml）时为 2。
    细则中 waive: {代码: 理由} 可有意接受某个警告。"""
    from ..api import check_rubric
    from ..output.render import to_json

    results = [(path, check_rubric(path)) for path in _expand(rubrics)]
    # Bad usage (exit 2) is only a path that is not there; whatever is wrong in a file that is
    # there, empty or unreadable included, is a problem the check found (exit 1).
    not_there = [p for p in rubrics if not p.exists()]
    failed = any(r.errors or (strict and r.warnings) for _, r in results)
    if fmt == "json":
        payload = [
            {
                "path": str(p),
                "ok": not (r.errors or (strict and r.warnings)),
                "errors": len(r.errors),
                "warnings": len(r.warnings),
                "problems": [x.to_dict(lang) for x in r.sorted()],
            }
            for p, r in results
        ]
        typer.echo(to_json(payload), nl=False)
    else:
        for path, report in results:
            if report.problems:
                typer.echo(report.render(lang))
        for path, report in results:
            e, w = len(report.errors), len(report.warnings)
            ok = not (e or (strict and w))
            if lang == "en":
                typer.echo(f"{path}: {'ok' if ok else 'FAILED'} ({e} errors, {w} warnings)", err=True)
            else:
                typer.echo(f"{path}：{'通过' if ok else '未通过'}（错误 {e}，警告 {w}）", err=True)
    if not_there:
        return EXIT_BAD
    return EXIT_FOUND if failed else 0


def _expand(paths: list[Path]) -> list[Path]:
    """A directory stands for the YAML files in it (sorted); files are kept as given."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(
                q
                for q in p.iterdir()
                if q.is_file() and q.suffix.lower() in (".yaml", ".yml") and not q.name.startswith(".")
            )
            if not found:
                fail(f"目录 {p} 中没有 .yaml 文件")
            out += found
        else:
            out.append(p)
    return out


@rubric_app.command("show")
@guarded
def show_cmd(
    rubric: Annotated[
        Optional[Path], typer.Argument(help="细则 YAML；省略时为自带的 rubrics/shifan.yaml", show_default=False)
    ] = None,
    depth: Annotated[Optional[int], typer.Option("--depth", "-d", help="只显示到第几级", show_default=False)] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """细则的树：编号、名称、分值、所读指标和评分规则。"""
    import polars as pl

    from ..core import bundled
    from ..output.render import render, to_json
    from ..rubric.load import load_rubric
    from ..views.rubric import rubric_view

    fmt = resolve_format(fmt, output)
    rub = load_rubric(rubric or bundled.default_rubric())
    df, cols = rubric_view(rub, lang)
    if depth is not None:
        df = df.filter(pl.col("level") <= depth)
    if fmt == "json":
        keys = ["id", "name", "level", "parent", "max", "rule"]
        text = to_json([{k: r[k] for k in keys} for r in df.iter_rows(named=True)])
    else:
        head = rubric_header(rub, lang)
        body = render(df.drop("rule"), cols, fmt, lang, rub.decimals)
        text = (head + "\n" + body) if fmt != "csv" else body
    emit(text, output, fmt)
    return 0


def rubric_header(rub, lang: str) -> str:
    leaves = rub.leaves()
    dims = len(rub.roots)
    if lang == "en":
        lines = [
            f"{rub.name} ({rub.id}{', version ' + rub.version if rub.version else ''})",
            f"{dims} dimensions, {len(rub.items) - len(leaves) - dims} sub-groups, {len(leaves)} items, {rub.total:g} points",
        ]
    else:
        lines = [
            f"{rub.name}（{rub.id}{'，版本 ' + rub.version if rub.version else ''}）",
            f"一级指标 {dims} 个，末级项目 {len(leaves)} 个，满分 {rub.total:g} 分",
        ]
    if rub.note:
        lines.append(rub.note.strip())
    if rub.grades:
        bands = "，".join(f"{g.name} ≥ {g.min_percent:g}%" for g in rub.grades)
        lines.append(("grades: " if lang == "en" else "等次：") + bands)
    return "\n".join(lines) + "\n"


@rubric_app.command("diff")
@guarded
def diff_cmd(
    old: Annotated[
        str, typer.Argument(help="原细则：文件路径，或 git 版本如 main:rubrics/shifan.yaml", show_default=False)
    ],
    new: Annotated[str, typer.Argument(help="新细则：文件路径，或 git 版本", show_default=False)],
    data: Annotated[
        Optional[list[Path]],
        typer.Argument(help="指标文件或目录：给出时比较两份细则下各单位的得分、排名和等次", show_default=False),
    ] = None,
    by: Annotated[
        Optional[str], typer.Option("--by", help="在组内排名：city、province、level 或 group", show_default=False)
    ] = None,
    top: Annotated[int, typer.Option("--top", "-n", help="列出变动最大的 N 个单位")] = 10,
    fail_on_rank_change: Annotated[
        Optional[int],
        typer.Option("--fail-on-rank-change", help="有单位排名变动 N 位及以上时退出码为 1", show_default=False, min=1),
    ] = None,
    fail_on_grade_change: Annotated[
        bool, typer.Option("--fail-on-grade-change", help="有单位等次变化时退出码为 1")
    ] = False,
    fmt: Annotated[
        Optional[Literal["table", "markdown", "json"]],
        typer.Option("--format", "-f", help="输出格式；markdown 可贴进合并请求", show_default=False),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """比较两份细则的变化，及其对得分、排名和等次的影响。

    按编译后的结构比较，而非文本：新增、删除、改名、改编号、移动的项目，分值、规则、目标、指标、等次、加分上限的变化。
    OLD/NEW 可为文件或 git 版本（main:rubrics/shifan.yaml）。给出数据时比较各单位的总分、排名和等次。门槛未通过时退出码为 1。"""
    import tempfile

    from ..core.problems import ProblemError, Report

    fmt = resolve_format(fmt, output, ["table", "markdown", "json"])
    if (fail_on_rank_change is not None or fail_on_grade_change) and not data:
        fail("--fail-on-rank-change 和 --fail-on-grade-change 需要数据：在两份细则后给出指标文件或目录")
    check_by(by)
    from ..rubric.diff import diff_rubrics, read_rubric_at

    with tempfile.TemporaryDirectory(prefix="lawgov-diff-") as work:
        a, ra = read_rubric_at(old, work)
        b, rb = read_rubric_at(new, work)
    if a is None or b is None:
        raise ProblemError(Report(ra.errors + rb.errors))
    diff = diff_rubrics(a, b, lang)
    impact = gate = None
    if data and any(c.scoring for c in diff.changes):  # otherwise every score is the same: nothing to rank
        impact, gate = _impact(a, b, data, by, top, fail_on_rank_change, fail_on_grade_change)
    from ..views.diff import render_diff

    emit(render_diff(diff, old, new, fmt, lang, impact, gate), output, fmt)
    if gate is not None and gate.failed:
        if fmt != "table" or output is not None:  # the table already lists the tripped units
            typer.echo(
                f"门槛未通过：{len(gate.tripped)} 个单位·年度"
                if lang != "en"
                else f"gates failed: {len(gate.tripped)} unit-years",
                err=True,
            )
        return EXIT_FOUND
    return 0


def _impact(a, b, data, by, top, rank_gate, grade_gate):
    """Score the same data with both rubrics (read with both field dictionaries) and compare."""
    import dataclasses

    from ..analysis.impact import gates, movers, rank_impact
    from ..core.problems import ProblemError
    from ..data.read import read_indicators_report
    from ..engine.score import score
    from ..views.diff import Gate, Impact

    reader = dataclasses.replace(b, fields={**a.fields, **b.fields})
    inds, report = read_indicators_report(data, reader)
    if inds is None:
        raise ProblemError(report)
    units = rank_impact(score(a, inds), score(b, inds), by=by)
    impact = Impact(units=units, movers=movers(units, top), data=[str(p) for p in data], by=by)
    gate = Gate(rank_gate, grade_gate, gates(units, rank_change=rank_gate, grade_change=grade_gate))
    return impact, gate


@rubric_app.command("schema")
@guarded
def schema_cmd(
    output: OutputOpt = None,
    debug: DebugOpt = False,
) -> int:
    """打印细则格式的 JSON Schema，供编辑器补全和校验。

    细则文件与指标字典文件均适用。细则首行写 `# yaml-language-server: $schema=<路径>/rubric.schema.json` 即可在 VS Code 等编辑器中使用。"""
    from ..rubric.schema import schema_text

    emit(schema_text(), output, "json")
    return 0
