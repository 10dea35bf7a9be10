"""What every command shares: options, loading inputs, output, and turning problems into exit
codes (0 ok, 1 a check found problems, 2 bad usage or input).  Heavy modules are imported
inside functions so that `lawgov-score --help` starts fast."""

from __future__ import annotations

import functools
import os
import sys
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

FORMATS = ["table", "markdown", "csv", "json"]
EXIT_OK, EXIT_FOUND, EXIT_BAD = 0, 1, 2

DataArg = Annotated[
    Optional[list[Path]],
    typer.Argument(help="指标文件或目录（CSV/TSV/XLSX/Parquet/JSON）；省略时使用自带样例 samples/", show_default=False),
]
RubricOpt = Annotated[
    Optional[Path],
    typer.Option("--rubric", "-r", help="细则 YAML；省略时使用自带的 rubrics/shifan.yaml", show_default=False),
]
Format = Literal["table", "markdown", "csv", "json", "xlsx"]
FormatOpt = Annotated[
    Optional[Format],
    typer.Option(
        "--format", "-f", help="输出格式（xlsx 须用 -o 写入文件）；省略时按 -o 的扩展名，否则 table", show_default=False
    ),
]
WORKBOOK_FORMATS = FORMATS + ["xlsx"]  # commands that can also write a formatted workbook
OutputOpt = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="写入文件（CSV 带 BOM，Excel/WPS 可直接打开）", show_default=False),
]
LangOpt = Annotated[Literal["zh", "en"], typer.Option("--lang", help="表头与提示语言")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="出错时显示 Python 调用栈")]
YearOpt = Annotated[Optional[int], typer.Option("--year", "-y", help="只看这一年", show_default=False)]


_LANG: ContextVar[str] = ContextVar("lang", default="zh")  # the running command's --lang, for messages


class UsageProblem(Exception):
    """Bad usage found after parsing (a unit not in the data, say): one line, exit 2."""


def fail(message: str) -> None:
    raise UsageProblem(message)


def guarded(fn):
    """Run a command: problems become one line each on stderr and exit 2; no traceback unless --debug."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from ..core.problems import ProblemError

        debug = kwargs.get("debug", False) or os.environ.get("LAWGOV_DEBUG") == "1"
        lang = kwargs.get("lang", "zh")
        _LANG.set(lang)
        try:
            code = fn(*args, **kwargs)
        except ProblemError as exc:
            if debug:
                raise
            typer.echo(exc.report.render(lang), err=True)
            n = len(exc.report.errors)
            typer.echo(
                (f"{n} error(s); nothing was written." if lang == "en" else f"共 {n} 个错误；未写出任何结果。"),
                err=True,
            )
            raise typer.Exit(EXIT_BAD)
        except UsageProblem as exc:
            if debug:
                raise
            typer.echo(f"E-USAGE: {exc}", err=True)
            raise typer.Exit(EXIT_BAD)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(EXIT_OK)
        except Exception as exc:
            if debug:
                raise
            typer.echo(
                f"E-INTERNAL: 内部错误（{type(exc).__name__}: {exc}）；加 --debug 查看详情并报告此问题", err=True
            )
            raise typer.Exit(EXIT_BAD)
        except BaseException as exc:  # a Rust library's panic is a BaseException, not an Exception
            if debug or type(exc).__name__ != "PanicException":
                raise
            typer.echo(
                f"E-INTERNAL: 内部错误（{str(exc).splitlines()[0][:200] if str(exc) else 'panic'}）；加 --debug 查看详情并报告此问题",
                err=True,
            )
            raise typer.Exit(EXIT_BAD)
        raise typer.Exit(code or EXIT_OK)

    return wrapper


def resolve_format(fmt: str | None, output: Path | None, allowed: list[str] | None = None) -> str:
    allowed = allowed or FORMATS
    if fmt is None and output is not None:
        guess = {
            ".csv": "csv",
            ".json": "json",
            ".md": "markdown",
            ".markdown": "markdown",
            ".xlsx": "xlsx",
            ".html": "html",
            ".htm": "html",
            ".txt": "table",
        }.get(output.suffix.lower())
        fmt = guess if guess in allowed else None
    fmt = fmt or "table"
    if fmt not in allowed:
        fail(f"此命令不支持 --format {fmt}；可用：{', '.join(allowed)}")
    if fmt in BINARY_FORMATS and (output is None or str(output) == "-"):
        fail(f"--format {fmt} 写出的是文件，请用 -o 指定文件名，如 -o 结果.{fmt}")
    return fmt


BINARY_FORMATS = ("xlsx",)


def load_inputs(rubric_path: Path | None, data: list[Path] | None):
    """The rubric and the indicators, or ProblemError with every problem of both."""
    from ..core import bundled
    from ..core.problems import ProblemError
    from ..data.read import read_indicators_report
    from ..rubric.load import read_rubric

    rubric, report = read_rubric(rubric_path or bundled.default_rubric())
    if rubric is None:
        raise ProblemError(report)
    inds, data_report = read_indicators_report(data or bundled.default_data(), rubric)
    if inds is None:
        raise ProblemError(data_report)
    show_warnings(data_report)
    return rubric, inds


def show_warnings(report) -> None:
    """Warnings about the input (values that break a declared constraint, say) go to stderr,
    one line each, in the command's --lang; the command goes on."""
    if not report.warnings:
        return
    lang = _LANG.get()
    for p in sorted(report.warnings, key=lambda p: (p.path, p.line if p.line is not None else float("inf"))):
        typer.echo(p.render(lang), err=True)


def check_by(by: str | None) -> None:
    """The grouping option's name, checked before any work (the data is checked where it is
    grouped, by the same ``require_group``)."""
    if by is not None:
        from ..engine.rank import require_group

        require_group(None, by)


def warn(problems, lang: str) -> None:
    """Warnings of a run that goes on (W-ALONE …): one line each on stderr; stdout stays the result."""
    for p in problems:
        typer.echo(p.render(lang), err=True)


def note(lines) -> None:
    """Sentences beside the result (a verdict per file, a file written, a gate that failed): one line
    each on stderr, in the order given; empty ones are skipped."""
    for line in lines:
        if line:
            typer.echo(line, err=True)


def score_inputs(rubric_path: Path | None, data: list[Path] | None, lang: str):
    """Load, read and score; the warnings the scores rest on go to stderr.  (rubric, result)."""
    from ..engine.score import score

    rubric, inds = load_inputs(rubric_path, data)
    result = score(rubric, inds)
    warn(result.warnings, lang)
    return rubric, result


def emit(text: str | bytes, output: Path | None, fmt: str) -> None:
    from ..output.write import write_output

    write_output(text, str(output) if output else None, fmt)
    if output is not None:
        typer.echo(f"已写出 {output}", err=True)


def output_to(fmt: str | None, output: Path | None, lang: str, allowed=None):
    """The shared output options (-f, -o, --lang) as one ``Out``: the format from -f, else from
    the extension of -o, else table; a format the command does not write is E-USAGE-FORMAT."""
    from ..output.write import resolve_out

    return resolve_out(fmt, output, lang, tuple(allowed or FORMATS))


def show(view, out, result=None) -> int:
    """Write a view where ``out`` says, say on stderr what was written and the result's warnings,
    and return the result's exit code (0 when it has none)."""
    from ..core.messages import say
    from ..output.write import write

    for p in getattr(result, "warnings", None) or []:
        typer.echo(p.render(out.lang), err=True)
    write(view, out)
    if out.to_file:
        typer.echo(say("common.wrote", out.lang, path=out.path), err=True)
    return getattr(result, "exit_code", 0)
