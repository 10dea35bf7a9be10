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
    lg.diff_report("old.yaml", "new.yaml", ["samples/"], fail_on_rank_change=3)   # `rubric diff`, gates too
    lg.check_rubrics(["rubrics/"], strict=True).exit_code                         # `rubric check`
    lg.extract_values(["reports/"]).records()  # values read from annual reports, each with its clause
    lg.whatif(result, "乃东区", {"行政机关负责人出庭应诉率": "100%"})
    lg.benchmark(result, "乃东区", against="best")
    lg.trend(result)                        # needs two years
    lg.sensitivity(result, samples=1000, seed=1)
    lg.synthesize(rubric, units=2843, years=5, seed=1)   # synthetic data (a polars frame; output= writes it)

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
from .analysis.tables import FillInTemplate, RankTable, ReportPage, ScoreTable
from .analysis.trend import Trend, trend
from .analysis.whatif import WhatIf, whatif
from .core.problems import ProblemError, Report, problem
from .data.read import Indicators, load_indicators, read_indicators, read_indicators_report
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
    # in the order of the files and their lines, as the commands have always listed them
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


def rank_table(
    data=None,
    rubric: str | Path | Rubric | None = None,
    *,
    by: str | None = None,
    ties: str = "competition",
    on: str | None = None,
    pool: bool = False,
    year: int | None = None,
    dimensions: bool = True,
    scan: bool | str = "auto",
    workbook: bool = False,
) -> RankTable:
    """``rank``: units ranked by total (or by item ``on``) within each year (``pool``: all years
    together) and, with ``by``, within each city, province, level or group; ``year`` keeps one year.

    ``scan`` reads long Parquet in batches instead of whole (``True``); ``"auto"`` does so when
    the Parquet files hold more than ``data.scan.SCAN_ROWS`` rows.  ``workbook`` also computes
    what the scoring workbook shows (not for scanned data: E-USAGE-SCAN-XLSX)."""
    from .analysis.tables import rank_table as _rank_table
    from .engine.rank import require_group

    require_group(None, by)  # the name, before any work
    if not _scans(data, scan):
        how = dict(by=by, ties=ties, on=on, pool=pool, year=year, dimensions=dimensions)
        return _rank_table(scored(rubric, data), **how, workbook=workbook)
    if workbook:
        raise ProblemError.one("E-USAGE-SCAN-XLSX")
    from .core import bundled
    from .engine.scan import scan_rank

    rub = rubric_of(rubric)
    table, report = scan_rank(data or bundled.default_data(), rub, by=by, ties=ties, on=on, pool=pool)
    if table is None:
        raise ProblemError(report)
    if year is not None:
        table = table.filter(table["year"] == year)
    return RankTable(rub, table, by=by, on=on, dimensions=dimensions, warnings=report.warnings)


def _scans(data, scan: bool | str) -> bool:
    """Whether ``rank`` reads the data in batches: asked for, or ``"auto"`` and long Parquet
    over ``SCAN_ROWS`` rows (township scale, never loaded whole)."""
    if scan != "auto":
        return bool(scan)
    if not data or isinstance(data, Indicators):
        return False
    from .data.scan import SCAN_ROWS, parquet_rows

    return (parquet_rows([data] if isinstance(data, (str, Path)) else list(data)) or 0) > SCAN_ROWS


def rank_records(table: RankTable) -> list[dict]:
    """What `rank -f json` prints: one dict per ranked row, every dimension listed."""
    from .views.rank import rank_records as _records

    return _records(table)


def report_page(
    data=None, rubric: str | Path | Rubric | None = None, *, year: int | None = None, pool: bool = False, top=10
) -> ReportPage:
    """``report``: what the HTML report and its charts show: the ranking (of ``year``, or of
    every year; ``pool`` ranks the years together), each unit's ``top`` largest losses (None or
    0: all), its scores per dimension, the values scored and their evidence."""
    from .analysis.tables import report_page as _page

    result = scored(rubric, data)
    ranked = rank(result, pool=pool)
    if year is not None:
        ranked = ranked.filter(ranked["year"] == year)
    if ranked.height == 0:
        raise (
            ProblemError.one("E-USAGE-YEAR-NONE", year=year) if year is not None else ProblemError.one("E-REPORT-EMPTY")
        )
    return _page(result, ranked, top or None)


def fill_in_template(
    rubric: str | Path | Rubric | None = None, *, unit: str | None = None, year: int | None = None
) -> FillInTemplate:
    """``template``: the fields a unit fills in for ``rubric``, with its ``unit`` and ``year``
    written in beforehand (a year outside 1949–2100 is E-USAGE-YEAR-INVALID)."""
    from .data.template import template_fields

    if year is not None and not 1949 <= year <= 2100:
        raise ProblemError.one("E-USAGE-YEAR-INVALID", year=year)
    rub = rubric_of(rubric)
    return FillInTemplate(rub, template_fields(rub), unit=unit, year=year)


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
    from .rubric.check import check_file

    return check_file(path, lint)


def check_rubrics(paths: list[str | Path], *, strict: bool = False):
    """``rubric check``: every file given (a directory: every YAML file in it) checked on its own.

    Returns ``RubricChecks``: ``.files`` (path and report of each), ``.passed``, ``.exit_code``
    (2 when a path is not there, 1 when a file fails, ``strict``: warnings fail too) and
    ``.records(lang)``.  A directory without YAML files raises ProblemError (E-USAGE-NO-YAML)."""
    from .rubric.check import check_paths

    return check_paths(paths, strict)


def show_rubric(rubric: str | Path | Rubric | None = None, *, depth: int | None = None):
    """``rubric show``: the rubric (the bundled one by default) and its items down to ``depth``
    (``RubricTree``: ``.rubric``, ``.items``, ``.records()``).  Raises ProblemError."""
    from .rubric.tree import RubricTree

    return RubricTree(rubric_of(rubric), depth)


def rubric_schema() -> dict:
    """``rubric schema``: the JSON Schema of rubric and field dictionary files (for editors)."""
    from .rubric.schema import json_schema

    return json_schema()


def diff_report(
    old: str | Path | Rubric,
    new: str | Path | Rubric,
    data=None,
    *,
    by: str | None = None,
    top: int = 10,
    fail_on_rank_change: int | None = None,
    fail_on_grade_change: bool = False,
):
    """``rubric diff``: what changed from ``old`` to ``new`` (files, ``REV:PATH`` git versions or
    loaded rubrics) and, given ``data``, what it does to every unit's total, rank and grade
    (scored with both rubrics, ranked within ``by``), with the ``top`` largest movers and the
    gates' verdict.  ``DiffReport``: ``.diff``, ``.impact``, ``.gate``, ``.exit_code`` (1 when a
    gate trips), ``.records(lang)``.  Gates without data raise ProblemError (E-USAGE-GATE-DATA)."""
    from .analysis.diffreport import DiffReport, rubric_impact
    from .engine.rank import require_group

    if (fail_on_rank_change is not None or fail_on_grade_change) and not data:
        raise ProblemError.one("E-USAGE-GATE-DATA")
    if by is not None:
        require_group(None, by)
    a, b = _two_rubrics(old, new)
    diff = diff_rubrics(a, b)
    report = DiffReport(diff, _label(old), _label(new))
    if data and report.scoring:  # otherwise every score is the same: nothing to rank
        import dataclasses

        reader = dataclasses.replace(b, fields={**a.fields, **b.fields})  # data read with both dictionaries
        inds = read_indicators(data, reader)
        gates = {"rank_change": fail_on_rank_change, "grade_change": fail_on_grade_change}
        report.impact, report.gate = rubric_impact(a, b, inds, [str(p) for p in data], by=by, top=top, **gates)
    return report


def _label(rubric: str | Path | Rubric) -> str:
    return rubric.path if isinstance(rubric, Rubric) else str(rubric)


def _two_rubrics(old, new) -> tuple[Rubric, Rubric]:
    """Both rubrics, each a file, a git version (REV:PATH) or loaded; ProblemError with both sides' errors."""
    import tempfile

    from .rubric.diff import read_rubric_at

    with tempfile.TemporaryDirectory(prefix="lawgov-diff-") as work:
        sides = [(r, Report()) if isinstance(r, Rubric) else read_rubric_at(str(r), work) for r in (old, new)]
    (a, ra), (b, rb) = sides
    if a is None or b is None:
        raise ProblemError(Report(ra.errors + rb.errors))
    return a, b


def extract_values(reports, rubric: str | Path | Rubric | None = None, *, year: int | None = None, every=False):
    """``extract``: the indicator values read from annual reports (files or directories of .txt,
    .docx, .pdf), each with the clause it was read from.  ``every`` keeps every reading, not only
    the first of each field.  ``Extraction``: ``.found`` (records), ``.fields``, ``.warnings``,
    ``.records()``.  An unreadable report or field dictionary raises ProblemError."""
    from .extract import extract_reports, field_dictionary
    from .extract.results import Extraction

    if isinstance(rubric, Rubric):
        fields = rubric.fields
    else:
        fields, report = field_dictionary(rubric)
        if fields is None:
            raise ProblemError(report)
    found, report = extract_reports(reports, fields, year=year, every=every)
    if not report.ok:
        raise ProblemError(report)
    return Extraction(found, fields, warnings=[p for p in report.sorted() if p.severity == "warning"])


def evaluate_extraction(reports, gold, rubric: str | Path | Rubric | None = None, *, year: int | None = None):
    """``extract --evaluate``: read the reports and compare with ``gold``, the values a person read
    from them (an indicator file whose ``source`` column names each value's report): precision
    and recall per field and overall, and every difference.  ``ExtractionCheck``: ``.evaluation``,
    ``.warnings``, ``.records()``.  A gold file that cannot serve raises ProblemError (E-EVAL-GOLD)."""
    from .core.messages import say
    from .extract.evaluate import evaluate
    from .extract.results import ExtractionCheck
    from .extract.sources import report_files

    found = extract_values(reports, rubric, year=year)
    path = rubric.path if isinstance(rubric, Rubric) else str(rubric or "")
    shell = Rubric(id="fields", name="fields", path=path, items={}, roots=[], fields=found.fields, total=0)
    values, report = read_indicators_report([gold], shell)
    if values is None:
        raise ProblemError(Report(found.warnings + report.problems))
    why = None
    if values.values["source"].null_count() == values.values.height:
        why = "extract.gold_no_source"
    else:
        files, _ = report_files(reports)
        evaluation = evaluate(found.found, values.values, [p.stem for p in files])
        why = None if evaluation.reports else "extract.gold_no_reports"
    if why is not None:
        gold_problem = problem("E-EVAL-GOLD", str(gold), reason=say(why, "zh"), reason_en=say(why, "en"))
        raise ProblemError(Report([*found.warnings, gold_problem]))
    return ExtractionCheck(evaluation, found.fields, warnings=found.warnings)


def score_records(result: ScoreResult, items=None) -> list[dict]:
    """What `score -f json` prints, as a list of dicts: ``result.items()`` (or the rows of it
    given) with a yes/no or grade value as its word and numbers rounded to the rubric's decimals.
    The one conversion between the exact frame and what every output shows."""
    from .views.score import score_records as _records

    return _records(result, items)


def synthesize(
    rubric: str | Path | Rubric | None = None,
    units: int = 100,
    years: int = 3,
    seed: int = 0,
    last_year: int = 2024,
    *,
    output: str | Path | None = None,
):
    """Synthetic indicator rows (long form, labelled synthetic) for every field the rubric (a
    file, loaded, or the bundled one) reads; the same seed gives the same rows.  With ``output``
    (.csv with a BOM, or .parquet) they are also written there.  A polars frame."""
    from .data.synth import synth as _synth

    if output is not None and Path(output).suffix.lower() not in (".csv", ".parquet", ".pq"):
        raise ProblemError.one("E-USAGE-SYNTH-FILE", name=Path(output).name)
    if last_year - years + 1 < 1949:
        raise ProblemError.one("E-USAGE-SYNTH-YEARS", years=years, last_year=last_year)
    frame = _synth(rubric_of(rubric), units, years, seed=seed, last_year=last_year)
    if output is not None:
        from .output.write import write_frame

        write_frame(frame, Path(output))
    return frame


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
    "check_rubrics",
    "diff_report",
    "evaluate_extraction",
    "extract_values",
    "show_rubric",
    "rubric_schema",
    "diff_rubrics",
    "gaps",
    "load_indicators",
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
    "RankTable",
    "ReportPage",
    "FillInTemplate",
    "rank_table",
    "rank_records",
    "report_page",
    "fill_in_template",
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
