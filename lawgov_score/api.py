"""The Python API: the same answers as the CLI, as polars frames and reports.

    import lawgov_score as lg
    rubric = lg.load_rubric("rubrics/shifan.yaml")
    data = lg.read_indicators(["samples/"], rubric)
    result = lg.score(rubric, data)
    result.items()          # the `score` records
    lg.rank(result, by="city")
    lg.gaps(result, unit="乃东区")          # where points are lost, and the path to the next grade
    lg.whatif(result, "乃东区", {"行政机关负责人出庭应诉率": "100%"})
    lg.benchmark(result, "乃东区", against="best")
    lg.trend(result)                        # needs two years
    lg.sensitivity(result, samples=1000, seed=1)
    lg.synthesize(rubric, units=2843, years=5, seed=1)   # synthetic data (a polars frame)

Loaders raise ``ProblemError`` (its ``.report`` holds every problem); ``check_rubric`` returns
the report instead.
"""

from __future__ import annotations

from pathlib import Path

from .analysis.benchmark import Benchmark, benchmark
from .analysis.gaps import Gaps, Path as GradePath, gaps
from .analysis.sensitivity import Sensitivity, sensitivity
from .analysis.trend import Trend, trend
from .analysis.whatif import WhatIf, whatif
from .data.read import Indicators, read_indicators, read_indicators_report
from .engine.rank import rank
from .engine.score import ScoreResult, score
from .problems import ProblemError, Report
from .rubric.compiled import Rubric
from .rubric.load import load_rubric, read_rubric


def check_rubric(path: str | Path) -> Report:
    """Every problem of one rubric or field dictionary file (errors and warnings)."""
    from .rubric.load import is_fields_file, read_fields_file

    if is_fields_file(path):
        return read_fields_file(path)[1]
    return read_rubric(path)[1]


def synthesize(rubric: Rubric, units: int = 100, years: int = 3, seed: int = 0, last_year: int = 2024):
    """Synthetic indicator rows (long form, labelled synthetic) for every field the rubric reads."""
    from .synth import synth as _synth

    return _synth(rubric, units, years, seed=seed, last_year=last_year)


def score_files(rubric_path: str | Path, data_paths: list[str | Path]) -> ScoreResult:
    """Load, read and score in one call."""
    rubric = load_rubric(rubric_path)
    return score(rubric, read_indicators(data_paths, rubric))


__all__ = [
    "Benchmark", "Gaps", "GradePath", "Indicators", "ProblemError", "Report", "Rubric", "ScoreResult", "Sensitivity", "Trend",
    "WhatIf", "benchmark", "check_rubric", "gaps", "load_rubric", "rank", "read_indicators", "read_indicators_report",
    "read_rubric", "score", "score_files", "sensitivity", "synthesize", "trend", "whatif",
]
