"""Mistakes on the command line itself (an unknown option, ``--ties foo``, ``--year abc``, a
missing ``--unit``): one line in the language of ``--lang``, with a problem code, and exit 2 —
the form of every other problem the tool reports, instead of the parser's English boxes."""

from __future__ import annotations

import re
import sys
import types
import typing
from pathlib import Path

import typer

try:  # typer ≥ 0.25 carries its own click
    from typer._click import exceptions as clicks
except ImportError:  # pragma: no cover - an older typer on the real click
    from click import exceptions as clicks

EXIT_BAD = 2


def lang_of(args: list[str]) -> str:
    """The language asked for on the command line (``--lang en``, ``--lang=en``), else zh."""
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "zh"
        if a.startswith("--lang="):
            return "en" if a.split("=", 1)[1] == "en" else "zh"
    return "zh"


def guarded_main(main, args, prog_name, complete_var, standalone_mode, **extra):
    """Run the app's ``main``; a parsing mistake becomes one line on stderr and exit 2."""
    argv = list(sys.argv[1:] if args is None else args)
    try:
        code = main(argv, prog_name, complete_var, standalone_mode=False, **extra)
    except clicks.NoArgsIsHelpError as exc:  # the bare command: its help, as before
        if not standalone_mode:
            raise
        typer.echo(exc.ctx.get_help(), err=True)
        sys.exit(exc.exit_code)
    except clicks.ClickException as exc:
        if not standalone_mode:
            raise
        typer.echo(usage_line(exc, argv, lang_of(argv)), err=True)
        sys.exit(EXIT_BAD)
    except typer.Abort:  # Ctrl-C at a prompt (typer keeps it beside, not inside, its click)
        if not standalone_mode:
            raise
        sys.exit(1)
    if not standalone_mode:
        return code
    sys.exit(code if isinstance(code, int) else 0)


def usage_line(exc, argv: list[str], lang: str) -> str:
    """The parser's exception as one problem line (``E-USAGE-OPTION: …``) in ``lang``."""
    from ..core.problems import problem

    p = _problem(exc, argv)
    if p is None:  # nothing better known: the parser's own sentence, still one line
        p = problem("E-USAGE", reason=" ".join(exc.format_message().split()))
    line = p.render(lang)
    command = _command_path(exc)
    return line + _help_hint(command, lang) if command else line


def _help_hint(command: str, lang: str) -> str:
    from ..core.messages import say

    return say("common.help_hint", lang, command=command)


def _command_path(exc) -> str:
    ctx = getattr(exc, "ctx", None)
    return ctx.command_path if ctx is not None else ""


def _problem(exc, argv: list[str]):
    from ..core.problems import problem

    if isinstance(exc, clicks.NoSuchOption):
        near = sorted(exc.possibilities or [])
        if near:
            return problem("E-USAGE-OPTION-UNKNOWN-LIKE", option=exc.option_name, options=tuple(near))
        return problem("E-USAGE-OPTION-UNKNOWN", option=exc.option_name)
    if isinstance(exc, clicks.MissingParameter) and exc.param is not None:
        return problem("E-USAGE-OPTION-MISSING", option=_names(exc.param))
    if isinstance(exc, clicks.BadParameter) and exc.param is not None:
        param = exc.param
        value = _given(param, argv)
        return problem("E-USAGE-OPTION-VALUE", option=_names(param), value=value, expected=_expected(param))
    if isinstance(exc, clicks.BadOptionUsage) and "requires an argument" in exc.message:
        return problem("E-USAGE-OPTION-EMPTY", option=exc.option_name)
    message = exc.format_message()
    if message.startswith("No such command"):
        name = message.split("'")[1] if "'" in message else message
        commands = tuple(sorted(getattr(getattr(exc.ctx, "command", None), "commands", {}) or ()))
        return problem("E-USAGE-COMMAND", command=name, commands=commands)
    if message.startswith("Got unexpected extra argument"):
        extra = re.search(r"\(([^()]*)\)\W*$", message)
        return problem("E-USAGE-EXTRA", args=extra.group(1) if extra else "")
    return None


def _names(param) -> str:
    """An option as written (--year/-y), an argument by its name."""
    opts = [o for o in getattr(param, "opts", []) if o.startswith("-")]
    return "/".join(opts) if opts else (param.name or "").upper()


def _given(param, argv: list[str]) -> str:
    """The text given for ``param`` on the command line (the last one wins, as in parsing)."""
    found = ""
    names = set(getattr(param, "opts", [])) | set(getattr(param, "secondary_opts", []))
    for i, a in enumerate(argv):
        if a in names and i + 1 < len(argv):
            found = argv[i + 1]
        elif "=" in a and a.split("=", 1)[0] in names:
            found = a.split("=", 1)[1]
    return found


def _bare(annotation):
    """The type under Optional, Annotated and list."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _bare(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _bare(rest[0]) if len(rest) == 1 else annotation
    if origin in (list, tuple):
        return _bare(typing.get_args(annotation)[0])
    return annotation


def _expected(param):
    """What the option takes, in words (said in the reader's language)."""
    from ..core.problems import said

    descriptor = getattr(param, "type_descriptor", None)
    kind = _bare(descriptor.annotation) if descriptor is not None else None
    if typing.get_origin(kind) is typing.Literal:
        return said("common.expect_choice", choices=tuple(str(c) for c in typing.get_args(kind)))
    low = getattr(param, "min", None)
    if kind is int:
        return said("common.expect_int_min", min=low) if low is not None else said("common.expect_int")
    if kind is float:
        return said("common.expect_number")
    if kind is bool:
        return said("common.expect_bool")
    if kind is Path:
        return said("common.expect_path")
    return said("common.expect_value")
