"""`rubric check` and `rubric show`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from .common import EXIT_BAD, EXIT_FOUND, DebugOpt, FormatOpt, LangOpt, OutputOpt, emit, guarded, resolve_format

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
    """检查细则：结构、分值、指标、规则、公式、等次，以及不可能得分、同级重名、缺佐证、加分与否决设置等；
    每个问题一行：文件:行: 代码: 说明。给目录时检查其中全部 .yaml 文件。有错误（或 --strict 下有警告）时退出码为 1。"""
    from ..api import check_rubric
    from ..render import to_json

    results = []
    missing_file = False
    for path in _expand(rubrics):
        report = check_rubric(path)
        missing_file |= any(p.code == "E-FILE" for p in report.problems)
        results.append((path, report))
    failed = any(r.errors or (strict and r.warnings) for _, r in results)
    if fmt == "json":
        payload = [{"path": str(p), "ok": not (r.errors or (strict and r.warnings)), "errors": len(r.errors),
                    "warnings": len(r.warnings), "problems": [x.to_dict(lang) for x in r.sorted()]} for p, r in results]
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
    if missing_file:
        return EXIT_BAD
    return EXIT_FOUND if failed else 0


def _expand(paths: list[Path]) -> list[Path]:
    """A directory stands for the YAML files in it (sorted); files are kept as given."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.iterdir() if q.is_file() and q.suffix.lower() in (".yaml", ".yml") and not q.name.startswith("."))
        else:
            out.append(p)
    return out


@rubric_app.command("show")
@guarded
def show_cmd(
    rubric: Annotated[Optional[Path], typer.Argument(help="细则 YAML；省略时为自带的 rubrics/shifan.yaml", show_default=False)] = None,
    depth: Annotated[Optional[int], typer.Option("--depth", "-d", help="只显示到第几级", show_default=False)] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """细则的树：编号、名称、分值、所读指标和评分规则。"""
    import polars as pl

    from .. import bundled
    from ..present import rubric_view
    from ..render import Column, render, to_json
    from ..rubric.load import load_rubric

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
        lines = [f"{rub.name} ({rub.id}{', version ' + rub.version if rub.version else ''})",
                 f"{dims} dimensions, {len(rub.items) - len(leaves) - dims} sub-groups, {len(leaves)} items, {rub.total:g} points"]
    else:
        lines = [f"{rub.name}（{rub.id}{'，版本 ' + rub.version if rub.version else ''}）",
                 f"一级指标 {dims} 个，末级项目 {len(leaves)} 个，满分 {rub.total:g} 分"]
    if rub.note:
        lines.append(rub.note.strip())
    if rub.grades:
        bands = "，".join(f"{g.name} ≥ {g.min_percent:g}%" for g in rub.grades)
        lines.append(("grades: " if lang == "en" else "等次：") + bands)
    return "\n".join(lines) + "\n"


@rubric_app.command("schema")
@guarded
def schema_cmd(
    output: OutputOpt = None,
    debug: DebugOpt = False,
) -> int:
    """打印细则格式的 JSON Schema（细则文件与指标字典文件均适用），供编辑器补全和校验。

    细则首行写 `# yaml-language-server: $schema=<路径>/rubric.schema.json` 即可在 VS Code 等编辑器中使用。"""
    from ..rubric.schema import schema_text

    emit(schema_text(), output, "json")
    return 0
