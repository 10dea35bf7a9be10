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
    lg.check_outputs(["排名.csv"], ["排名.csv"])   # E-OUTPUT-INPUT: what a command checks before it writes
    lg.extract_values(["reports/"]).records()  # values read from annual reports, each with its clause
    lg.whatif(result, "乃东区", {"行政机关负责人出庭应诉率": "100%"})
    lg.benchmark(result, "乃东区", against="best")
    lg.trend(result)                        # needs two years
    lg.sensitivity(result, samples=1000, seed=1)
    lg.audit(result).findings               # indicators' statistics, correlations, Cronbach's α
    lg.synthesize(rubric, units=2843, years=5, seed=1)   # synthetic data (a polars frame; output= writes it)
    lg.normalise_table(["samples/"], method="zscore")     # `normalise`: values normalised among peers
    lg.weights_table(["samples/"], method="entropy")      # `weights`: 熵权法, CRITIC, AHP … per parent
    lg.rank_table(["samples/"], method="topsis")          # `rank --method`: TOPSIS, VIKOR, GRA, WPM

Loaders raise ``ProblemError`` (its ``.report`` holds every problem); ``check_rubric`` returns
the report instead.  Grouping by a column the data does not state for every unit (``rank(by=)``,
``benchmark(within=)`` …) raises ``ProblemError`` with E-GROUP.
"""

from __future__ import annotations

from ..analysis.audit import Audit, AuditReport, audit
from ..analysis.benchmark import Benchmark, benchmark
from ..analysis.gaps import Gaps, gaps
from ..analysis.gaps import Path as GradePath
from ..analysis.impact import rank_impact
from ..analysis.methods import NormalisedValues, Weights
from ..analysis.reports import BenchmarkReport, GapsReport, SensitivityReport, TrendReport, WhatIfReport
from ..analysis.sensitivity import Sensitivity, sensitivity
from ..analysis.tables import FillInTemplate, RankTable, ReportPage, ScoreTable
from ..analysis.trend import Trend, trend
from ..analysis.vary import MethodSensitivity, MethodSensitivityReport, method_sensitivity
from ..analysis.whatif import WhatIf, whatif
from ..core.problems import ProblemError, Report
from ..data.read import Indicators, load_indicators, read_indicators, read_indicators_report
from ..engine.rank import rank
from ..engine.score import ScoreResult, score
from ..rubric.compiled import Rubric
from ..rubric.diff import RubricDiff, diff_rubrics
from ..rubric.load import load_rubric, read_rubric
from .analysis import benchmark_report, gaps_report, sensitivity_report, trend_report, whatif_report
from .auditing import audit_report
from .extraction import evaluate_extraction, extract_values, synthesize
from .inputs import inputs, rubric_of, score_files, score_records, scored
from .methods import method_rank_table, normalise_table, weights_overlay, weights_table
from .outputs import check_outputs
from .rubrics import check_rubric, check_rubrics, diff_report, rubric_schema, show_rubric
from .scoring import fill_in_template, rank_records, rank_table, report_page, score_table

__all__ = [
    "Audit",
    "AuditReport",
    "audit",
    "audit_report",
    "MethodSensitivity",
    "MethodSensitivityReport",
    "method_sensitivity",
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
    "check_outputs",
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
    "NormalisedValues",
    "Weights",
    "normalise_table",
    "weights_table",
    "weights_overlay",
    "method_rank_table",
]
