"""The `lawgov-score` command line: parse arguments, call the library, render, set the exit code.

Each command lives in a module of this package and registers itself here.
"""

from __future__ import annotations

import typer

from . import analysis, audit, excel, extract, methods, report, rubric, scoring, synth
from .common import LangOpt
from .help import Group, H, localise, pass_lang_on

app = typer.Typer(
    cls=Group,
    rich_markup_mode=None,
    name="lawgov-score",
    help=H("cmd.root"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for module in (scoring, analysis, methods, audit, rubric, extract, excel, report, synth):
    module.register(app)
localise(app)  # every command's --help in Chinese, wrapped by display width


def _show_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"lawgov-score {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help=H("opt.version"), is_eager=True, callback=_show_version),
    lang: LangOpt = "zh",
) -> None:
    """The app's own options; its help is ``help.cmd.root``.  ``lawgov-score --lang en …`` (so
    written for ``--help`` in English) is every command's ``--lang`` too, unless it gives its own."""
    pass_lang_on(ctx, lang)


def main() -> None:
    app()
