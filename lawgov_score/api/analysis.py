"""The analysis commands: gaps, whatif, benchmark, trend, sensitivity."""

from __future__ import annotations

from pathlib import Path

from ..analysis.benchmark import benchmark
from ..analysis.gaps import gaps
from ..analysis.reports import BenchmarkReport, GapsReport, SensitivityReport, TrendReport, WhatIfReport
from ..analysis.sensitivity import sensitivity
from ..analysis.trend import trend
from ..analysis.vary import MethodSensitivityReport
from ..analysis.whatif import whatif
from ..core.problems import ProblemError
from ..rubric.compiled import Rubric
from .inputs import scored


def gaps_report(
    data=None,
    rubric: str | Path | Rubric | None = None,
    *,
    unit: str,
    year: int | None = None,
    path: str | None = "fewest",
    top: int | None = None,
    steps: bool = False,
    workbook: bool = False,
) -> GapsReport:
    """``gaps``: where ``unit`` loses points (``year``: the latest by default) and the shortest
    path to its next grade (``path``: fewest, effort, or None / "none" for no path).

    ``top`` keeps the N largest losses shown (the summary still counts them all); ``steps``
    asks for the path's steps alone, so no path is E-GAPS-NO-PATH; ``workbook`` also computes
    what the scoring workbook shows.  A unit or year not in the data is E-USAGE-UNIT / -YEAR."""
    from ..analysis.reports import GapsReport
    from ..analysis.select import unit_year_key
    from ..analysis.tables import scoring_book

    result = scored(rubric, data)
    g = gaps(result, unit, year, path=None if path in (None, "none") else path)
    if steps and g.path is None and not workbook:
        raise ProblemError.one("E-GAPS-NO-PATH")
    book = None
    if workbook:
        book = scoring_book(result, result.frame.filter(unit_year_key(g.unit, g.year)).select("unit", "year"))
    items = g.items if top is None else g.items.head(top)
    return GapsReport(result=result, gaps=g, items=items, top=top, steps=steps, book=book, warnings=result.warnings)


def whatif_report(
    data=None,
    rubric: str | Path | Rubric | None = None,
    *,
    unit: str,
    changes,
    year: int | None = None,
    by: str | None = None,
) -> WhatIfReport:
    """``whatif``: ``unit``'s score, grade and rank (among the units of its year, within its
    group ``by``) if its values were ``changes``: {field id or 中文名: value as typed} or a
    list of "FIELD=VALUE" texts (a malformed one is E-SET, checked before anything is read)."""
    from ..analysis.reports import WhatIfReport
    from ..analysis.whatif import parse_settings
    from ..engine.rank import require_group

    if not hasattr(changes, "items"):
        changes = parse_settings(list(changes))
    require_group(None, by)
    result = scored(rubric, data)
    w = whatif(result, unit, changes, year, by=by)
    return WhatIfReport(result=result, whatif=w, warnings=result.warnings)


def benchmark_report(
    data=None,
    rubric: str | Path | Rubric | None = None,
    *,
    unit: str,
    against: str = "best",
    within: str | None = None,
    year: int | None = None,
    depth: int | None = None,
) -> BenchmarkReport:
    """``benchmark``: ``unit`` item by item against ``against`` (best, median, a unit's or a
    group's name) among the units of its year (and of its own group ``within``); ``depth``
    keeps the levels shown up to it (the summary counts every item)."""
    import polars as pl

    from ..analysis.reports import BenchmarkReport
    from ..engine.rank import require_group

    require_group(None, within)
    result = scored(rubric, data)
    bm = benchmark(result, unit, against, year, within=within)
    items = bm.items if depth is None else bm.items.filter(pl.col("level") <= depth)
    return BenchmarkReport(result=result, benchmark=bm, items=items, depth=depth, warnings=result.warnings)


def trend_report(
    data=None,
    rubric: str | Path | Rubric | None = None,
    *,
    year_from: int | None = None,
    year_to: int | None = None,
    unit: str | None = None,
    by: str | None = None,
) -> TrendReport:
    """``trend``: every unit's total, rank (within ``by`` groups) and grade between two years
    (the last and the one before it, unless given), and ``unit``'s items that moved."""
    from ..analysis.reports import TrendReport
    from ..engine.rank import require_group

    require_group(None, by)
    result = scored(rubric, data)
    tr = trend(result, year_from, year_to, by=by, unit=unit)
    return TrendReport(result=result, trend=tr, by=by, warnings=result.warnings)


def sensitivity_report(
    data=None,
    rubric: str | Path | Rubric | None = None,
    *,
    samples: int = 1000,
    seed: int = 0,
    perturb: float = 0.2,
    perturb_targets: float = 0.0,
    top: int = 10,
    by: str | None = None,
    year: int | None = None,
    keep_params: bool = False,
    progress=None,
    vary: list[str] | None = None,
    alternatives: dict[str, list[str]] | None = None,
    notify=None,
) -> SensitivityReport | MethodSensitivityReport:
    """``sensitivity``: each unit's rank under ``samples`` draws of the item points (±``perturb``,
    a share below 1) and, with ``perturb_targets``, of the rules' thresholds.  ``keep_params``
    keeps every sample's factors (``.sensitivity.params``); ``progress(done, total)`` is called
    after each batch.

    With ``vary`` (a list of choices: weights, normalisation, method, …) the samples are
    Saltelli's design over those choices (``samples`` base samples, ``alternatives`` {choice:
    [names]} instead of the default sets) and the result, a ``MethodSensitivityReport``, also
    holds each choice's Sobol indices; ``notify(notes)`` hears before the run which choices
    cannot act on this data."""
    from ..engine.rank import require_group

    require_group(None, by)
    if vary:
        from ..analysis.vary import choices_of

        choices_of(vary, alternatives, 0)  # an unknown or unavailable choice is said before anything is read
    result = scored(rubric, data)
    if vary:
        return _method_sensitivity(result, vary, alternatives, samples, seed, perturb, top, by, year,
                                   keep_params, notify, progress)  # fmt: skip
    sv = sensitivity(
        result,
        samples=samples,
        seed=seed,
        perturb=perturb,
        perturb_targets=perturb_targets,
        top=top,
        by=by,
        year=year,
        keep_params=keep_params,
        progress=progress,
    )
    return SensitivityReport(result=result, sensitivity=sv, warnings=result.warnings)


def _method_sensitivity(result, vary, alternatives, samples, seed, perturb, top, by, year, keep, notify, progress):
    from ..analysis.vary import method_sensitivity

    ms = method_sensitivity(
        result, vary, alternatives=alternatives, samples=samples, seed=seed, perturb=perturb, top=top, by=by,
        year=year, keep_params=keep, notify=notify, progress=progress,
    )  # fmt: skip
    return MethodSensitivityReport(result=result, sensitivity=ms, warnings=result.warnings)
