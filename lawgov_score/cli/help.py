"""`--help` in the tool's language, wrapped by display width so that no word is cut.

Typer's boxed help cuts Chinese option help with "…" at 80 columns (it breaks lines only at
spaces) and ends in "Show this message and exit".  Here the plain help layout is used instead,
its lines wrapped by display width (a Chinese character is two columns; a line may break
between two of them, never inside a Latin word).

The help texts come from the catalogue ``help.*`` (core/messages/help.py, zh and en): the
commands declare them in Chinese (``H(key)``, what typer and click hold), and the help shown is
in the language of the ``--lang`` on the command line, known before any parsing (``-h`` may come
before ``--lang``): in English every catalogued text, and the fixed words around them, are said
in English; in Chinese the fixed words are said in Chinese too."""

from __future__ import annotations

import re
import shutil
import sys
from contextvars import ContextVar
from functools import cache

import typer
from typer.core import TyperCommand, TyperGroup

try:  # typer ≥ 0.25 carries its own click
    from typer._click import Context
    from typer._click.formatting import HelpFormatter
except ImportError:  # pragma: no cover - an older typer on the real click
    from click import Context
    from click.formatting import HelpFormatter

from wcwidth import wcswidth

from ..core.messages import MESSAGES

HEADINGS = {"Options": "选项", "Arguments": "参数", "Commands": "命令", "Usage": "用法"}
# The fixed words of an option's help line, as the help texts around them are written.
HELP_WORDS = (("[default: ", "[默认："), ("[required]", "[必填]"), ("[env var: ", "[环境变量："))
USAGE_WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]..."))
HELP_OPTION = {"zh": "显示本帮助并退出", "en": "Show this message and exit."}
_HELP_LANG: ContextVar[str] = ContextVar("help_lang", default="zh")  # the --lang of the command line


def H(key: str) -> str:
    """The help text ``help.<key>`` as the commands declare it (Chinese); shown in the language of
    the command line's ``--lang`` (``in_language``)."""
    return MESSAGES[f"help.{key}"].zh


@cache
def _english() -> list[tuple[str, str]]:
    """(Chinese, English) of every help text, the longest first (a text may contain a shorter one);
    built once, not for every line of a help page."""
    pairs = [(m.zh, m.en) for k, m in MESSAGES.items() if k.startswith("help.")]
    return sorted(pairs, key=lambda p: -len(p[0]))


def in_language(text: str) -> str:
    """``text`` (a help text, or a help line holding one) in the language of the command line."""
    if _HELP_LANG.get() != "en" or not text:
        return text
    for zh, en in _english():
        if zh in text:
            text = text.replace(zh, en)
    return text


MAX_WIDTH = 100  # a wider terminal still gets lines one can read
# A Latin word (with what sticks to it), one wide character, or a run of spaces.
TOKEN = re.compile(r"\s+|[\x00-\u10ff]+?(?=\s|[^\x00-\u10ff]|$)|.", re.S)
NO_LINE_START = set("，。、；：！？）」』”’》%…,.;:!?)]")
NO_LINE_END = set("（「『“‘《([")


def width_of(text: str) -> int:
    """Display columns of ``text`` (a Chinese character takes two)."""
    return max(wcswidth(text), len(text))


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` columns: breaks at spaces and between wide
    characters, never inside a Latin word nor before closing punctuation (the character before
    it moves down with it)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line: list[str] = []  # tokens; " " between words
        for token in TOKEN.findall(paragraph):
            if token.isspace():
                if line and line[-1] != " ":
                    line.append(" ")
                continue
            if line and width_of("".join(line) + token) > width:
                carried = []
                if token[0] in NO_LINE_START and len(line) > 1 and line[-1] != " ":
                    carried = [line.pop()]
                while len(line) > 1 and line[-1] in NO_LINE_END:
                    carried.insert(0, line.pop())
                lines.append("".join(line).rstrip())
                line = carried
            line.append(token)
        lines.append("".join(line).rstrip())
    return lines


def localised(text: str, words) -> str:
    """``text`` with the fixed English words of the help layout said in Chinese."""
    for en, zh in words:
        text = text.replace(en, zh)
    return text


class Formatter(HelpFormatter):
    """Click's plain help layout, wrapped by display width, its headings in Chinese."""

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None) -> None:
        columns = shutil.get_terminal_size((80, 24)).columns
        super().__init__(indent_increment, width or max(min(columns, MAX_WIDTH) - 2, 50), max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if _HELP_LANG.get() == "en":
            self.write(f"Usage: {prog} {args}\n")
            return
        self.write(f"{HEADINGS['Usage']}：{prog} {localised(args, USAGE_WORDS)}\n")

    def write_heading(self, heading: str) -> None:
        if _HELP_LANG.get() == "en":
            self.write(f"{'':>{self.current_indent}}{heading}:\n")
            return
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        text = in_language(text)
        indent = " " * self.current_indent
        paragraphs = re.split(r"\n\s*\n", text.strip())
        for k, para in enumerate(paragraphs):
            if k:
                self.write("\n")
            joined = re.sub(r"(?<=[^\x00-\u10ff])\n(?=[^\x00-\u10ff])", "", para).replace("\n", " ")
            for line in wrap(joined, max(self.width - self.current_indent, 20)):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        english = _HELP_LANG.get() == "en"
        rows = [
            (first, in_language(second or "") if english else localised(second or "", HELP_WORDS))
            for first, second in rows
        ]
        first_col = min(max((width_of(f) for f, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        text_width = max(self.width - first_col - self.current_indent, 20)
        for first, second in rows:
            lines = wrap(second, text_width) if second else []
            if width_of(first) <= first_col - col_spacing and lines:
                self.write(f"{indent}{first}{' ' * (first_col - width_of(first))}{lines[0]}\n")
                lines = lines[1:]
            else:
                self.write(f"{indent}{first}\n")
            for line in lines:
                self.write(f"{indent}{' ' * first_col}{line}\n")


class HelpContext(Context):
    """A command's context whose help uses ``Formatter``."""

    formatter_class = Formatter


class _Localised:
    """What the tool's commands and groups share: the plain help layout in Chinese."""

    context_class = HelpContext

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION[_HELP_LANG.get()]
        return option

    def format_help(self, ctx, formatter) -> None:
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        self.format_options(ctx, formatter)
        self.format_epilog(ctx, formatter)


class Command(_Localised, TyperCommand):
    """A command of the tool (``app.command(cls=Command)``)."""


class Group(_Localised, TyperGroup):
    """A group of commands (the app, ``rubric``).  As the app, it turns the parser's own
    mistakes into one problem line and exit 2 (``errors.guarded_main``)."""

    def format_commands(self, ctx, formatter) -> None:
        """The commands, each with the first paragraph of its help in full (not cut at "...")."""
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            text = in_language((cmd.short_help or cmd.help or "").strip())
            rows.append((name, re.split(r"\n\s*\n", text)[0].replace("\n", "")))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the app; the parser's mistakes become one problem line and exit 2."""
        from .errors import guarded_main, lang_of

        _HELP_LANG.set(lang_of(list(sys.argv[1:] if args is None else args)))
        return guarded_main(super().main, args, prog_name, complete_var, standalone_mode, **extra)


def pass_lang_on(ctx, lang: str) -> None:
    """A group's ``--lang`` (``lawgov-score --lang en rank …``, so written for its ``--help``) as
    the default ``--lang`` of every command below it; a command's own ``--lang`` still wins."""

    def every(group) -> dict:
        return {n: every(c) if hasattr(c, "commands") else {"lang": lang} for n, c in group.commands.items()}

    if lang != "zh":
        ctx.default_map = {**(ctx.default_map or {}), **every(ctx.command)}


def localise(app: typer.Typer, prefix: str = "") -> None:
    """Give every command and group of ``app`` (and of its sub-apps) the localised help, and each
    command its help text from the catalogue (``help.cmd.<name>``, ``help.cmd.rubric.<name>``)."""
    app.info.cls = Group
    for info in app.registered_commands:
        info.cls = Command
        info.help = H(f"cmd.{prefix}{info.name}")
    for sub in app.registered_groups:
        sub.cls = Group
        if sub.typer_instance is not None:
            localise(sub.typer_instance, f"{prefix}{sub.name}.")
