"""The Python API: the same answers as the CLI, as polars frames and reports.

    import lawgov_score as lg
    rubric = lg.load_rubric("rubrics/shifan.yaml")
    data = lg.read_indicators(["samples/"], rubric)
    result = lg.score(rubric, data)
    result.items()          # one row per unit, year and item: exact values, where each comes from
    lg.score_records(result)  # the same as `score -f json` prints (是/否 as words, rounded numbers)
    result.warnings         # what the scores rest on (W-ALONE: units a relative rule had no peer for)
    lg.rank(result, by="city")
    lg.gaps(result, unit="乃东区")          # where points are lost, and the path to the next grade
    new = lg.load_rubric("new.yaml")
    lg.diff_rubrics(rubric, new).changes          # what a rubric edit changes
    lg.rank_impact(result, lg.score(new, data))   # … and what it does to totals, ranks, grades
    lg.whatif(result, "乃东区", {"行政机关负责人出庭应诉率": "100%"})
    lg.benchmark(result, "乃东区", against="best")
    lg.trend(result)                        # needs two years
    lg.sensitivity(result, samples=1000, seed=1)
    lg.synthesize(rubric, units=2843, years=5, seed=1)   # synthetic data (a polars frame)

Loaders raise ``ProblemError`` (its ``.report`` holds every problem); ``check_rubric`` returns
the report instead.  Grouping by a column the data does not state for every unit (``rank(by=)``,
``benchmark(within=)`` …) raises ``ProblemError`` with E-GROUP.
"""

from __future__ import annotations

from pathlib import Path

from .analysis.benchmark import Benchmark, benchmark
from .analysis.gaps import Gaps, gaps
from .analysis.gaps import Path as GradePath
from .analysis.impact import rank_impact
from .analysis.reports import BenchmarkReport, GapsReport, SensitivityReport, TrendReport, WhatIfReport
from .analysis.sensitivity import Sensitivity, sensitivity
from .analysis.tables import ScoreTable
from .analysis.trend import Trend, trend
from .analysis.whatif import WhatIf, whatif
from .core.problems import ProblemError, Report
from .data.read import Indicators, read_indicators, read_indicators_report
from .engine.rank import rank
from .engine.score import ScoreResult, score
from .rubric.compiled import Rubric
from .rubric.diff import RubricDiff, diff_rubrics
from .rubric.load import load_rubric, read_rubric


def rubric_of(rubric: str | Path | Rubric | None = None) -> Rubric:
    """A loaded rubric: the one given, the file named, or the bundled default.  Raises ProblemError."""
    if isinstance(rubric, Rubric):
        return rubric
    from .core import bundled

    return load_rubric(rubric or bundled.default_rubric())


def inputs(rubric: str | Path | Rubric | None = None, data=None) -> tuple[Rubric, Indicators, list]:
    """The rubric, the indicators read with it, and the reading's warnings (W-DATA-CONSTRAINT …).

    Both are read before either fails, so one ProblemError carries every problem of both."""
    from .core import bundled

    if isinstance(data, Indicators):
        return rubric_of(rubric), data, []
    if isinstance(rubric, Rubric):
        rub, report = rubric, Report()
    else:
        rub, report = read_rubric(rubric or bundled.default_rubric())
    if rub is None:
        raise ProblemError(report)
    inds, data_report = read_indicators_report(data or bundled.default_data(), rub)
    if inds is None:
        raise ProblemError(data_report)
    # in file order, as they were always shown (the reader finds them check by check)
    warnings = sorted(data_report.warnings, key=lambda p: (p.path, p.line if p.line is not None else float("inf")))
    return rub, inds, warnings


def scored(rubric: str | Path | Rubric | None = None, data=None) -> ScoreResult:
    """Read and score; ``result.warnings`` holds the reading's warnings and the scoring's (W-ALONE)."""
    rub, inds, warnings = inputs(rubric, data)
    result = score(rub, inds)
    result.warnings = [*warnings, *result.warnings]
    return result


def score_table(
    data=None,
    rubric: str | Path | Rubric | None = None,
    *,
    unit: str | None = None,
    year: int | None = None,
    depth: int | None = None,
    status: str | None = None,
    workbook: bool = False,
) -> ScoreTable:
    """``score``: every item of every unit and year, or those asked for.

    ``unit`` may be part of a name when it matches one unit; ``depth`` keeps levels up to it;
    ``status`` one of met, short, missing, vetoed.  ``workbook`` also computes what the
    scoring workbook shows (ranking and lost items of the unit-years in view)."""
    import polars as pl

    from .analysis.select import select_unit_year
    from .analysis.tables import scoring_book

    result = scored(rubric, data)
    items = result.items()
    if unit is not None:
        unit, _ = select_unit_year(result, unit, None)
        items = items.filter(pl.col("unit") == unit)
    if year is not None:
        items = items.filter(pl.col("year") == year)
    if depth is not None:
        items = items.filter(pl.col("level") <= depth)
    if status is not None:
        items = items.filter(pl.col("status") == status)
    book = scoring_book(result, items.select("unit", "year").unique()) if workbook else None
    return ScoreTable(result=result, items=items, book=book, warnings=result.warnings)


# --- the analysis commands: gaps, whatif, benchmark, trend, sensitivity -----------------------------


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
    from .analysis.reports import GapsReport
    from .analysis.select import unit_year_key
    from .analysis.tables import scoring_book

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
    from .analysis.reports import WhatIfReport
    from .analysis.whatif import parse_settings
    from .engine.rank import require_group

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

    from .analysis.reports import BenchmarkReport
    from .engine.rank import require_group

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
    from .analysis.reports import TrendReport
    from .engine.rank import require_group

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
) -> SensitivityReport:
    """``sensitivity``: each unit's rank under ``samples`` draws of the item points (±``perturb``,
    a share below 1) and, with ``perturb_targets``, of the rules' thresholds.  ``keep_params``
    keeps every sample's factors (``.sensitivity.params``); ``progress(done, total)`` is called
    after each batch."""
    from .analysis.reports import SensitivityReport
    from .engine.rank import require_group

    require_group(None, by)
    result = scored(rubric, data)
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


def check_rubric(path: str | Path, lint: bool = True) -> Report:
    """Every problem of one rubric or field dictionary file (errors and warnings).

    With ``lint`` (the default) a rubric that loads is also linted (``rubric.lint``) and the
    warnings it waives are dropped."""
    from .rubric.load import is_fields_file, read_fields_file

    if is_fields_file(path):
        return read_fields_file(path)[1]
    rubric, report = read_rubric(path)
    if rubric is None or not lint:
        return report
    from .rubric.lint import apply_waivers, lint_rubric

    return Report(apply_waivers(rubric, report.problems + lint_rubric(rubric)))


def score_records(result: ScoreResult, items=None) -> list[dict]:
    """What `score -f json` prints, as a list of dicts: ``result.items()`` (or the rows of it
    given) with a yes/no or grade value as its word and numbers rounded to the rubric's decimals.
    The one conversion between the exact frame and what every output shows."""
    from .views.score import score_records as _records

    return _records(result, items)


def synthesize(rubric: Rubric, units: int = 100, years: int = 3, seed: int = 0, last_year: int = 2024):
    """Synthetic indicator rows (long form, labelled synthetic) for every field the rubric reads."""
    from .data.synth import synth as _synth

    return _synth(rubric, units, years, seed=seed, last_year=last_year)


def score_files(rubric_path: str | Path, data_paths: list[str | Path]) -> ScoreResult:
    """Load, read and score in one call."""
    rubric = load_rubric(rubric_path)
    return score(rubric, read_indicators(data_paths, rubric))


__all__ = [
    "Benchmark",
    "BenchmarkReport",
    "Gaps",
    "GapsReport",
    "GradePath",
    "Indicators",
    "ProblemError",
    "Report",
    "Rubric",
    "RubricDiff",
    "ScoreResult",
    "Sensitivity",
    "SensitivityReport",
    "Trend",
    "TrendReport",
    "WhatIf",
    "WhatIfReport",
    "benchmark",
    "benchmark_report",
    "check_rubric",
    "diff_rubrics",
    "gaps",
    "gaps_report",
    "load_rubric",
    "rank",
    "rank_impact",
    "read_indicators",
    "read_indicators_report",
    "read_rubric",
    "score",
    "score_files",
    "score_records",
    "score_table",
    "ScoreTable",
    "scored",
    "inputs",
    "rubric_of",
    "sensitivity",
    "sensitivity_report",
    "synthesize",
    "trend",
    "trend_report",
    "whatif",
    "whatif_report",
]
