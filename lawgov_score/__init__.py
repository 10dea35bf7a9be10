"""lawgov-score: score and benchmark governments on rule-of-law government building (法治政府建设).

The public API lives in ``lawgov_score.api`` and is re-exported here lazily, so that the
command line starts without importing polars until a command needs it.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = {
    "Gaps",
    "Indicators",
    "ProblemError",
    "Report",
    "Rubric",
    "ScoreResult",
    "check_rubric",
    "gaps",
    "load_rubric",
    "rank",
    "read_indicators",
    "read_indicators_report",
    "read_rubric",
    "score",
    "score_files",
    "score_records",
    "RubricDiff",
    "diff_rubrics",
    "rank_impact",
    "Benchmark",
    "GradePath",
    "Sensitivity",
    "Trend",
    "WhatIf",
    "benchmark",
    "sensitivity",
    "synthesize",
    "trend",
    "whatif",
    "check_rubrics",
    "show_rubric",
    "diff_report",
    "extract_values",
    "evaluate_extraction",
}


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(name)


__all__ = sorted(_API)
