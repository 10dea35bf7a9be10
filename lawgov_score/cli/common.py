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

from .help import H

FORMATS = ["table", "markdown", "csv", "json"]
EXIT_OK, EXIT_FOUND, EXIT_BAD = 0, 1, 2

DataArg = Annotated[
    Optional[list[Path]],
    typer.Argument(help=H("opt.data"), show_default=False),
]
RubricOpt = Annotated[
    Optional[Path],
    typer.Option("--rubric", "-r", help=H("opt.rubric"), show_default=False),
]
# -f lists exactly what the command writes: the text formats, and a workbook where there is one.
FormatOpt = Annotated[
    Optional[Literal["table", "markdown", "csv", "json"]],
    typer.Option("--format", "-f", help=H("opt.format"), show_default=False),
]
WorkbookFormatOpt = Annotated[
    Optional[Literal["table", "markdown", "csv", "json", "xlsx"]],
    typer.Option("--format", "-f", help=H("opt.format_xlsx"), show_default=False),
]
WORKBOOK_FORMATS = FORMATS + ["xlsx"]  # commands that can also write a formatted workbook
OutputOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "-o",
        help=H("opt.output"),
        show_default=False,
    ),
]
EncodingOpt = Annotated[
    Literal["utf-8", "gb18030"],
    typer.Option(
        "--encoding",
        help=H("opt.encoding"),
    ),
]
LangOpt = Annotated[Literal["zh", "en"], typer.Option("--lang", help=H("opt.lang"))]

# What a grouping column may be called on the command line: its id, or its Chinese name as the
# tables head it (分组, 所属市 …) and the everyday words for it.
GROUP_WORDS = {
    "所属市": "city",
    "城市": "city",
    "地市": "city",
    "省份": "province",
    "层级": "level",
    "级别": "level",
    "分组": "group",
}


def group_column(name: str | None) -> str | None:
    """The grouping column ``name`` stands for (``分组`` → group); anything else as given, for the
    one check of grouping columns to refuse with the choices (E-GROUP)."""
    if name is None:
        return None
    text = name.strip()
    return GROUP_WORDS.get(text, text.lower() if text.isascii() else text)


_GROUPS = "city（所属市）、province（省份）、level（层级）或 group（分组），中英文均可"
ByOpt = Annotated[
    Optional[str],
    typer.Option("--by", help=H("opt.by"), show_default=False, callback=group_column),
]
WithinOpt = Annotated[
    Optional[str],
    typer.Option("--within", help=H("opt.within"), show_default=False, callback=group_column),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help=H("opt.debug"))]
YearOpt = Annotated[Optional[int], typer.Option("--year", "-y", help=H("opt.year"), show_default=False)]


_LANG: ContextVar[str] = ContextVar("lang", default="zh")  # the running command's --lang, for messages


class UsageProblem(Exception):
    """Bad usage found after parsing (a unit not in the data, say): one line, exit 2."""


def fail(message: str) -> None:
    raise UsageProblem(message)


def visible(text: str, keep_newlines: bool = False) -> str:
    """``output.text.visible``: control characters in names shown escaped, never sent raw to the terminal."""
    from ..output.text import visible as shown

    return shown(text, keep_newlines)


def guarded(fn):
    """Run a command: problems become one line each on stderr and exit 2; no traceback unless --debug."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from ..core.messages import say
        from ..core.problems import ProblemError

        debug = kwargs.get("debug", False) or os.environ.get("LAWGOV_DEBUG") == "1"
        lang = kwargs.get("lang", "zh")
        _LANG.set(lang)
        try:
            check_outputs(kwargs)
            code = fn(*args, **kwargs)
        except ProblemError as exc:
            if debug:
                raise
            typer.echo("\n".join(visible(p.render(lang)) for p in exc.report.sorted()), err=True)
            n = len(exc.report.errors)
            typer.echo(
                (f"{n} error(s); nothing was written." if lang == "en" else f"共 {n} 个错误；未写出任何结果。"),
                err=True,
            )
            raise typer.Exit(EXIT_BAD)
        except UsageProblem as exc:
            if debug:
                raise
            typer.echo(visible(f"E-USAGE: {exc}"), err=True)
            raise typer.Exit(EXIT_BAD)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(EXIT_OK)
        except Exception as exc:
            if debug:
                raise
            reason = f"{type(exc).__name__}: {exc}"
            typer.echo(visible("E-INTERNAL: " + say("common.internal", lang, reason=reason)), err=True)
            raise typer.Exit(EXIT_BAD)
        except BaseException as exc:  # a Rust library's panic is a BaseException, not an Exception
            if debug or type(exc).__name__ != "PanicException":
                raise
            reason = str(exc).splitlines()[0][:200] if str(exc) else "panic"
            typer.echo(visible("E-INTERNAL: " + say("common.internal", lang, reason=reason)), err=True)
            raise typer.Exit(EXIT_BAD)
        raise typer.Exit(code or EXIT_OK)

    return wrapper


BINARY_FORMATS = ("xlsx",)

# the options that name what a command writes (→ whether it is a folder); every other path is an input
OUTPUT_PARAMS = {"output": False, "write_samples": False, "png": True}
TEXT_INPUTS = ("old", "new")  # inputs given as text, since they may be git revisions (rubric diff)


def check_outputs(params: dict) -> None:
    """Before any work: no output may be one of the inputs (the bundled rubric and samples when
    none are named), lie inside an input folder, or be a path that cannot be written.  The
    command's options sorted into outputs and inputs; the check is the api's."""
    from ..api.outputs import check_outputs as check

    inputs: list[Path] = [Path(params[k]) for k in TEXT_INPUTS if isinstance(params.get(k), str)]
    for name, value in params.items():
        if name not in OUTPUT_PARAMS:
            inputs += [v for v in (value if isinstance(value, (list, tuple)) else [value]) if isinstance(v, Path)]
    outputs = {params[n]: folder for n, folder in OUTPUT_PARAMS.items() if isinstance(params.get(n), Path)}
    bundled_data = "data" in params and not params["data"]
    bundled_rubric = "rubric" in params and params["rubric"] is None
    check(outputs, inputs, bundled_data=bundled_data, bundled_rubric=bundled_rubric)


def warn(problems, lang: str) -> None:
    """Warnings of a run that goes on (W-ALONE …): one line each on stderr; stdout stays the result."""
    for p in problems:
        typer.echo(visible(p.render(lang)), err=True)


def note(lines) -> None:
    """Sentences beside the result (a verdict per file, a file written, a gate that failed): one line
    each on stderr, in the order given; empty ones are skipped."""
    for line in lines:
        if line:
            typer.echo(visible(line, keep_newlines=True), err=True)


def output_to(fmt: str | None, output: Path | None, lang: str, allowed=None, encoding: str = "utf-8"):
    """The shared output options (-f, -o, --lang, --encoding) as one ``Out``: the format from -f,
    else from the extension of -o, else table; a format the command does not write is E-USAGE-FORMAT."""
    from ..output.write import resolve_out

    allowed = tuple(allowed or FORMATS)
    suffix_agrees(fmt, output, allowed)
    return resolve_out(fmt, output, lang, allowed, encoding)


# Extensions that name one format only: a file so named must hold that format.
STRICT_SUFFIXES = ("xlsx", "csv", "json", "html")
# Extensions of formats these commands never write as a table: refused, not filled with a text table
# (a table in 结果.yaml or 排名.tsv would open as something it is not).
OTHER_SUFFIXES = {
    ".yaml": "yaml", ".yml": "yaml", ".tsv": "tsv", ".xls": "xls", ".xlsm": "xlsm", ".et": "et", ".ods": "ods",
    ".docx": "docx", ".doc": "doc", ".wps": "wps", ".pdf": "pdf", ".png": "png", ".parquet": "parquet",
}  # fmt: skip


def suffix_agrees(fmt: str | None, output: Path | None, allowed: tuple[str, ...]) -> None:
    """A file's extension and the format written into it agree, or the command refuses before
    reading anything: ``extract -o 结果.xlsx`` (no workbook form) is E-USAGE-FORMAT-SUFFIX,
    ``-f csv -o 排名.xlsx`` E-USAGE-FORMAT-CONFLICT.  A ``.txt`` file takes any text format."""
    from ..core.problems import ProblemError
    from ..output.write import SUFFIX_FORMATS

    if output is None or str(output) == "-":
        return
    named = SUFFIX_FORMATS.get(output.suffix.lower()) or OTHER_SUFFIXES.get(output.suffix.lower())
    if named not in STRICT_SUFFIXES and named not in OTHER_SUFFIXES.values():
        return
    if fmt is None and named not in allowed:
        raise ProblemError.one("E-USAGE-FORMAT-SUFFIX", fmt=named, name=output.name, choices=", ".join(allowed))
    if fmt is not None and fmt != named:
        raise ProblemError.one("E-USAGE-FORMAT-CONFLICT", fmt=fmt, name=output.name, suffix=named)


def show(view, out, result=None) -> int:
    """Write a view where ``out`` says, say on stderr what was written and the result's warnings,
    and return the result's exit code (0 when it has none)."""
    from ..core.messages import say
    from ..output.write import write

    warn(getattr(result, "warnings", None) or [], out.lang)
    write(view, out)
    if out.to_file:
        typer.echo(visible(say("common.wrote", out.lang, path=out.path)), err=True)
    return getattr(result, "exit_code", 0)
