"""The `lawgov-score` command line: parse arguments, call the library, render, set the exit code.

Each command lives in a module of this package and registers itself here.
"""

from __future__ import annotations

import typer

from . import analysis, audit, excel, extract, methods, report, rubric, scoring, synth

app = typer.Typer(
    name="lawgov-score",
    help="法治政府建设评分工具：按细则给县（市、区）打分、排名、找差距。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for module in (scoring, analysis, methods, audit, rubric, extract, excel, report, synth):
    module.register(app)


def _show_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"lawgov-score {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="显示版本号", is_eager=True, callback=_show_version),
) -> None:
    """法治政府建设评分工具：按细则给县（市、区）打分、排名、找差距。"""


def main() -> None:
    app()
