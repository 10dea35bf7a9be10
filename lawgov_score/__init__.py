"""lawgov-score: score and benchmark governments on rule-of-law government building (法治政府建设).

The public API lives in ``lawgov_score.api`` and is re-exported here lazily, so that the
command line starts without importing polars until a command needs it.
"""

from __future__ import annotations

__version__ = "0.1.0"

# every name of lawgov_score.api.__all__ (a test keeps the two equal)
_API = {
    "Audit",
    "AuditReport",
    "audit",
    "audit_report",
    "MethodSensitivity",
    "MethodSensitivityReport",
    "method_sensitivity",
    "Benchmark",
    "BenchmarkReport",
    "FillInTemplate",
    "Gaps",
    "GapsReport",
    "GradePath",
    "Indicators",
    "ProblemError",
    "RankTable",
    "Report",
    "ReportPage",
    "Rubric",
    "RubricDiff",
    "ScoreResult",
    "ScoreTable",
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
    "diff_rubrics",
    "evaluate_extraction",
    "extract_values",
    "fill_in_template",
    "gaps",
    "gaps_report",
    "inputs",
    "load_indicators",
    "load_rubric",
    "rank",
    "rank_impact",
    "rank_records",
    "rank_table",
    "read_indicators",
    "read_indicators_report",
    "read_rubric",
    "report_page",
    "rubric_of",
    "rubric_schema",
    "score",
    "score_files",
    "score_records",
    "score_table",
    "scored",
    "sensitivity",
    "sensitivity_report",
    "show_rubric",
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
}


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(name)


__all__ = sorted(_API)
