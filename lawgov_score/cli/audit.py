"""`audit`: is the rubric sound on this data (the indicators' statistics and the structure)?

The command parses its options, makes one ``api`` call and hands the result to its view."""

from __future__ import annotations

import typer

from .common import (
    WORKBOOK_FORMATS,
    DataArg,
    DebugOpt,
    FormatOpt,
    LangOpt,
    OutputOpt,
    RubricOpt,
    YearOpt,
    guarded,
    output_to,
)


def register(app: typer.Typer) -> None:
    """Add the audit command to the app."""
    app.command("audit")(audit_cmd)


@guarded
def audit_cmd(
    data: DataArg = None,
    rubric: RubricOpt = None,
    year: YearOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`audit`: its help is ``help.cmd.audit`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.audit import audit_report_view
    from .common import show

    out = output_to(fmt, output, lang, WORKBOOK_FORMATS)
    r = api.audit_report(data, rubric, year=year)
    return show(audit_report_view(r, lang), out, r)
