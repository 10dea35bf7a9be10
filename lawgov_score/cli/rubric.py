"""`rubric check`, `rubric show`, `rubric diff` and `rubric schema`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from .common import ByOpt, DebugOpt, EncodingOpt, FormatOpt, LangOpt, OutputOpt, guarded, note, output_to, show
from .help import H, pass_lang_on

rubric_app = typer.Typer(help=H("cmd.rubric"), no_args_is_help=True, add_completion=False)


def register(app: typer.Typer) -> None:
    app.add_typer(rubric_app, name="rubric")


@rubric_app.callback()
def _rubric_group(ctx: typer.Context, lang: LangOpt = "zh") -> None:
    """The group's own option: ``--lang`` (for ``rubric -h --lang en``), passed on to its commands."""
    pass_lang_on(ctx, lang)


@rubric_app.command("check")
@guarded
def check_cmd(
    rubrics: Annotated[list[Path], typer.Argument(help=H("rubric.paths"), show_default=False)],
    strict: Annotated[bool, typer.Option("--strict", help=H("rubric.strict"))] = False,
    fmt: Annotated[
        Optional[Literal["table", "json"]],
        typer.Option("--format", "-f", help=H("rubric.format"), show_default=False),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`rubric check`: its help is ``help.cmd.rubric.check`` in core/messages/help.py (zh and en)."""
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
    rubric: Annotated[Optional[Path], typer.Argument(help=H("rubric.rubric"), show_default=False)] = None,
    depth: Annotated[Optional[int], typer.Option("--depth", "-d", help=H("rubric.depth"), show_default=False)] = None,
    method: Annotated[bool, typer.Option("--method", help=H("rubric.method"))] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`rubric show`: its help is ``help.cmd.rubric.show`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.rubric import method_view, rubric_tree_view

    out = output_to(fmt, output, lang, ("table", "markdown", "json") if method else None, encoding)
    tree = api.show_rubric(rubric, depth=depth)
    return show(method_view(tree.rubric, lang) if method else rubric_tree_view(tree, lang), out, tree)


@rubric_app.command("diff")
@guarded
def diff_cmd(
    old: Annotated[str, typer.Argument(help=H("diff.old"), show_default=False)],
    new: Annotated[str, typer.Argument(help=H("diff.new"), show_default=False)],
    data: Annotated[
        Optional[list[Path]],
        typer.Argument(help=H("diff.data"), show_default=False),
    ] = None,
    by: ByOpt = None,
    top: Annotated[int, typer.Option("--top", "-n", help=H("diff.top"))] = 10,
    fail_on_rank_change: Annotated[
        Optional[int],
        typer.Option("--fail-on-rank-change", help=H("diff.rank_change"), show_default=False, min=1),
    ] = None,
    fail_on_grade_change: Annotated[bool, typer.Option("--fail-on-grade-change", help=H("diff.grade_change"))] = False,
    fmt: Annotated[
        Optional[Literal["table", "markdown", "csv", "json"]],
        typer.Option(
            "--format",
            "-f",
            help=H("diff.format"),
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`rubric diff`: its help is ``help.cmd.rubric.diff`` in core/messages/help.py (zh and en)."""
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
    lang: LangOpt = "zh",  # of its help, the line saying what it wrote, and its errors
    debug: DebugOpt = False,
) -> int:
    """`rubric schema`: its help is ``help.cmd.rubric.schema`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.rubric import schema_view

    return show(schema_view(api.rubric_schema()), output_to("json", output, lang, ("json",)))
