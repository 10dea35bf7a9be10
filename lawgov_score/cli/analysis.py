"""`gaps`, `whatif`, `benchmark`, `trend` and `sensitivity`: self-assessment and benchmarking.

Each command parses its options, makes one ``api`` call and hands the result to its view."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from .common import (
    WORKBOOK_FORMATS,
    ByOpt,
    DataArg,
    DebugOpt,
    EncodingOpt,
    FormatOpt,
    LangOpt,
    OutputOpt,
    RubricOpt,
    WithinOpt,
    WorkbookFormatOpt,
    YearOpt,
    guarded,
    note,
    output_to,
    show,
)
from .help import H

UnitOpt = Annotated[str, typer.Option("--unit", "-u", help=H("opt.unit_part"), show_default=False)]
SAMPLE_FILES = (".csv", ".parquet", ".pq")  # what --write-samples writes (output.write.write_frame)


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the app."""
    app.command("gaps")(gaps_cmd)
    app.command("whatif")(whatif_cmd)
    app.command("benchmark")(benchmark_cmd)
    app.command("trend")(trend_cmd)
    app.command("sensitivity")(sensitivity_cmd)


@guarded
def gaps_cmd(
    unit: UnitOpt,
    data: DataArg = None,
    rubric: RubricOpt = None,
    year: YearOpt = None,
    top: Annotated[Optional[int], typer.Option("--top", "-n", help=H("gaps.top"), show_default=False)] = None,
    path: Annotated[
        Literal["fewest", "effort", "none"],
        typer.Option("--path", help=H("gaps.path")),
    ] = "fewest",
    steps: Annotated[bool, typer.Option("--steps", help=H("gaps.steps"))] = False,
    fmt: WorkbookFormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`gaps`: its help is ``help.cmd.gaps`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.scoring import gaps_report_view

    out = output_to(fmt, output, lang, WORKBOOK_FORMATS, encoding)
    r = api.gaps_report(data, rubric, unit=unit, year=year, path=path, top=top, steps=steps, workbook=out.fmt == "xlsx")
    return show(gaps_report_view(r, lang), out, r)


@guarded
def whatif_cmd(
    unit: UnitOpt,
    settings: Annotated[
        list[str],
        typer.Option(
            "--set",
            "-s",
            help=H("whatif.set"),
            show_default=False,
        ),
    ],
    data: DataArg = None,
    rubric: RubricOpt = None,
    year: YearOpt = None,
    by: ByOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`whatif`: its help is ``help.cmd.whatif`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.whatif import whatif_report_view

    out = output_to(fmt, output, lang, None, encoding)
    r = api.whatif_report(data, rubric, unit=unit, changes=settings, year=year, by=by)
    return show(whatif_report_view(r, lang), out, r)


@guarded
def benchmark_cmd(
    unit: UnitOpt,
    data: DataArg = None,
    against: Annotated[
        str,
        typer.Option("--against", "-a", help=H("benchmark.against")),
    ] = "best",
    within: WithinOpt = None,
    rubric: RubricOpt = None,
    year: YearOpt = None,
    depth: Annotated[Optional[int], typer.Option("--depth", "-d", help=H("opt.depth"), show_default=False)] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`benchmark`: its help is ``help.cmd.benchmark`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.benchmark import benchmark_report_view

    out = output_to(fmt, output, lang, None, encoding)
    r = api.benchmark_report(data, rubric, unit=unit, against=against, within=within, year=year, depth=depth)
    return show(benchmark_report_view(r, lang), out, r)


@guarded
def trend_cmd(
    data: DataArg = None,
    rubric: RubricOpt = None,
    year_from: Annotated[Optional[int], typer.Option("--from", help=H("trend.from"), show_default=False)] = None,
    year_to: Annotated[Optional[int], typer.Option("--to", help=H("trend.to"), show_default=False)] = None,
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help=H("trend.unit"), show_default=False)] = None,
    by: ByOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`trend`: its help is ``help.cmd.trend`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.trend import trend_report_view

    out = output_to(fmt, output, lang, None, encoding)
    r = api.trend_report(data, rubric, year_from=year_from, year_to=year_to, unit=unit, by=by)
    return show(trend_report_view(r, lang), out, r)


def _usage(code: str, **params):
    """A usage problem of this command's options (exit 2)."""
    from ..core.problems import ProblemError

    return ProblemError.one(code, **params)


def _share(text: str, option: str) -> float:
    """20%, 20 or 0.2 → 0.2 (E-USAGE-PERCENT, or E-USAGE-PERCENT-RANGE outside [0, 1))."""
    t = text.strip().replace("％", "%")
    try:
        if t.endswith("%"):
            v = float(t[:-1]) / 100
        else:
            v = float(t)
            v = v / 100 if v >= 1 else v
    except ValueError:
        raise _usage("E-USAGE-PERCENT", option=option, text=text) from None
    if not 0 <= v < 1:
        raise _usage("E-USAGE-PERCENT-RANGE", option=option, text=text)
    return v


@contextlib.contextmanager
def _progress(total: int, lang: str):
    """A progress bar on stderr while sampling, for a person watching (logs and pipes stay
    clean); yields the ``progress(done, total)`` callback."""
    import sys

    if not sys.stderr.isatty():
        yield None
        return
    from ..core.messages import say

    with typer.progressbar(length=total, label=say("sensitivity.sampling", lang), file=sys.stderr) as bar:
        done = [0]

        def progress(n, _total):
            bar.update(n - done[0])
            done[0] = n

        yield progress


def _write_samples(params, path: Path, lang: str) -> None:
    """``--write-samples``: every sample's factors as CSV or Parquet, written atomically."""
    from ..core.messages import say
    from ..output.write import write_frame

    write_frame(params, path)
    note([say("common.wrote", lang, path=path)])


@guarded
def sensitivity_cmd(
    data: DataArg = None,
    rubric: RubricOpt = None,
    samples: Annotated[int, typer.Option("--samples", "-n", help=H("sens.samples"), min=1)] = 1000,
    seed: Annotated[int, typer.Option("--seed", help=H("sens.seed"))] = 0,
    perturb: Annotated[str, typer.Option("--perturb", help=H("sens.perturb"))] = "20%",
    perturb_targets: Annotated[str, typer.Option("--perturb-targets", help=H("sens.perturb_targets"))] = "0",
    top: Annotated[int, typer.Option("--top", "-k", help=H("sens.top"), min=1)] = 10,
    by: ByOpt = None,
    year: YearOpt = None,
    write_samples: Annotated[
        Optional[Path],
        typer.Option("--write-samples", help=H("sens.write_samples"), show_default=False),
    ] = None,
    vary: Annotated[
        Optional[str],
        typer.Option(
            "--vary",
            help=H("sens.vary"),
            show_default=False,
        ),
    ] = None,
    alternatives: Annotated[
        Optional[list[str]],
        typer.Option("--alternatives", help=H("sens.alternatives"), show_default=False),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """`sensitivity`: its help is ``help.cmd.sensitivity`` in core/messages/help.py (zh and en)."""
    from .. import api
    from ..views.sensitivity import sensitivity_report_view

    out = output_to(fmt, output, lang, None, encoding)
    p, q = _share(perturb, "--perturb"), _share(perturb_targets, "--perturb-targets")
    if write_samples is not None and write_samples.suffix.lower() not in SAMPLE_FILES:
        raise _usage("E-USAGE-SAMPLES-FILE", name=write_samples.name)
    if vary:
        return _vary_cmd(data, rubric, vary, alternatives, samples, seed, p, top, by, year, write_samples, out, lang)
    with _progress(samples, lang) as progress:
        r = api.sensitivity_report(
            data,
            rubric,
            samples=samples,
            seed=seed,
            perturb=p,
            perturb_targets=q,
            top=top,
            by=by,
            year=year,
            keep_params=write_samples is not None,
            progress=progress,
        )
    code = show(sensitivity_report_view(r, lang), out, r)
    if write_samples is not None:
        _write_samples(r.sensitivity.params, write_samples, lang)
    return code


def _choices(vary: str, alternatives: list[str] | None) -> tuple[list[str], dict[str, list[str]]]:
    """``weights,method`` and ``["weights=rubric,equal"]`` → the choices and their alternatives."""
    names = [v.strip() for v in vary.split(",") if v.strip()]
    alts: dict[str, list[str]] = {}
    for text in alternatives or []:
        name, sep, rest = text.partition("=")
        if not sep:
            raise _usage("E-USAGE-VARY", name=text, known=", ".join(names), known_en=", ".join(names))
        alts[name.strip()] = [a.strip() for a in rest.split(",") if a.strip()]
    return names, alts


def _vary_cmd(data, rubric, vary, alternatives, samples, seed, p, top, by, year, write_samples, out, lang) -> int:
    """``sensitivity --vary``: one api call over the method choices, its view, the samples."""
    from .. import api
    from ..views.vary import method_sensitivity_view, notes_lines

    names, alts = _choices(vary, alternatives)

    def notify(notes):  # said before the run: a choice that cannot act
        for line in notes_lines(notes, lang):
            typer.echo(line, err=True)

    with _progress(samples * (len(set(names)) + 2), lang) as progress:
        r = api.sensitivity_report(data, rubric, samples=samples, seed=seed, perturb=p, top=top, by=by, year=year,
                                   keep_params=write_samples is not None, progress=progress, vary=names,
                                   alternatives=alts, notify=notify)  # fmt: skip
    code = show(method_sensitivity_view(r, lang), out, r)
    if write_samples is not None:
        _write_samples(r.sensitivity.params, write_samples, lang)
    return code
