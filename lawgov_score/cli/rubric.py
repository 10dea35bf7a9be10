"""`rubric check`, `rubric show`, `rubric diff` and `rubric schema`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from .common import ByOpt, DebugOpt, EncodingOpt, FormatOpt, LangOpt, OutputOpt, guarded, note, output_to, show

rubric_app = typer.Typer(help="检查与查看细则。", no_args_is_help=True, add_completion=False)


def register(app: typer.Typer) -> None:
    app.add_typer(rubric_app, name="rubric")


@rubric_app.command("check")
@guarded
def check_cmd(
    rubrics: Annotated[list[Path], typer.Argument(help="细则或指标字典 YAML 文件", show_default=False)],
    strict: Annotated[bool, typer.Option("--strict", help="警告也算不通过")] = False,
    fmt: Annotated[
        Optional[Literal["table", "json"]],
        typer.Option(
            "--format", "-f", help="输出格式：table 或 json；省略时按 -o 的扩展名，否则 table", show_default=False
        ),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """检查细则：结构、分值、规则，以及不可能得分、重名、缺佐证等。

    每个问题一行：文件:行: 代码: 说明（代码说明见 docs/errors.md）。给目录时检查其中全部 .yaml 文件。
    所查文件有错误（或 --strict 下有警告；空文件、无法读取的文件也算）时退出码为 1；
    只有用法不对（给出的路径不存在、目录中没有 .yaml）时为 2。
    细则中 waive: {代码: 理由} 可有意接受某个警告。"""
    from .. import api
    from ..views.rubric import check_summary, check_view

    out = output_to(fmt, output, lang, ("table", "json"))
    checks = api.check_rubrics(rubrics, strict=strict)
    code = show(check_view(checks, lang), out, checks)
    if out.fmt == "table" and not out.to_file:
        note(check_summary(checks, lang))
    return code


@rubric_app.command("show")
@guarded
def show_cmd(
    rubric: Annotated[
        Optional[Path], typer.Argument(help="细则 YAML；省略时为自带的 rubrics/shifan.yaml", show_default=False)
    ] = None,
    depth: Annotated[Optional[int], typer.Option("--depth", "-d", help="只显示到第几级", show_default=False)] = None,
    method: Annotated[
        bool, typer.Option("--method", help="只显示评分方法说明（分值和权重如何确定、为什么；报告中的同一段文字）")
    ] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """细则的树：编号、名称、分值、所读指标和评分规则。

    --method 显示细则自带的评分方法说明（细则的 method 字段，--lang en 时为 method_en），
    即 report 的“评分方法”一节所载的文字。"""
    from .. import api
    from ..views.rubric import method_view, rubric_tree_view

    out = output_to(fmt, output, lang, ("table", "markdown", "json") if method else None, encoding)
    tree = api.show_rubric(rubric, depth=depth)
    return show(method_view(tree.rubric, lang) if method else rubric_tree_view(tree, lang), out, tree)


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
    by: ByOpt = None,
    top: Annotated[int, typer.Option("--top", "-n", help="列出变动最大的 N 个单位")] = 10,
    fail_on_rank_change: Annotated[
        Optional[int],
        typer.Option("--fail-on-rank-change", help="有单位排名变动 N 位及以上时退出码为 1", show_default=False, min=1),
    ] = None,
    fail_on_grade_change: Annotated[
        bool, typer.Option("--fail-on-grade-change", help="有单位等次变化时退出码为 1")
    ] = False,
    fmt: Annotated[
        Optional[Literal["table", "markdown", "csv", "json"]],
        typer.Option(
            "--format",
            "-f",
            help="输出格式；markdown 可贴进合并请求；csv 为各单位前后的总分、排名和等次（无数据时为变更清单）",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """比较两份细则的变化，及其对得分、排名和等次的影响。

    按编译后的结构比较，而非文本：新增、删除、改名、改编号、移动的项目，
    分值、规则、目标、指标、等次、加分上限的变化。
    OLD/NEW 可为文件或 git 版本（main:rubrics/shifan.yaml）。
    给出数据时比较各单位的总分、排名和等次。门槛未通过时退出码为 1。"""
    from .. import api
    from ..views.diff import diff_view, gate_note

    out = output_to(fmt, output, lang, ("table", "markdown", "csv", "json"))
    gates = {"fail_on_rank_change": fail_on_rank_change, "fail_on_grade_change": fail_on_grade_change}
    report = api.diff_report(old, new, data, by=by, top=top, **gates)
    code = show(diff_view(report, lang), out, report)
    if out.fmt != "table" or out.to_file:  # a table on screen already lists the tripped units
        note([gate_note(report, lang)])
    return code


@rubric_app.command("schema")
@guarded
def schema_cmd(
    output: OutputOpt = None,
    debug: DebugOpt = False,
) -> int:
    """打印细则格式的 JSON Schema，供编辑器补全和校验。

    细则文件与指标字典文件均适用。细则首行写
    `# yaml-language-server: $schema=<路径>/rubric.schema.json`
    即可在 VS Code 等编辑器中使用。"""
    from .. import api
    from ..views.rubric import schema_view

    return show(schema_view(api.rubric_schema()), output_to("json", output, "zh", ("json",)))
