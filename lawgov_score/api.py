"""The Python API: the same answers as the CLI, as polars frames and reports.

    import lawgov_score as lg
    rubric = lg.load_rubric("rubrics/shifan.yaml")
    data = lg.read_indicators(["samples/"], rubric)
    result = lg.score(rubric, data)
    result.items()          # the `score` records
    lg.rank(result, by="city")
    lg.gaps(result, unit="乃东区")
    new = lg.load_rubric("new.yaml")
    lg.diff_rubrics(rubric, new).changes          # what a rubric edit changes
    lg.rank_impact(result, lg.score(new, data))   # … and what it does to totals, ranks, grades

Loaders raise ``ProblemError`` (its ``.report`` holds every problem); ``check_rubric`` returns
the report instead.
"""

from __future__ import annotations

from pathlib import Path

from .analysis.gaps import Gaps, gaps
from .analysis.impact import rank_impact
from .data.read import Indicators, read_indicators, read_indicators_report
from .engine.rank import rank
from .engine.score import ScoreResult, score
from .problems import ProblemError, Report
from .rubric.compiled import Rubric
from .rubric.diff import RubricDiff, diff_rubrics
from .rubric.load import load_rubric, read_rubric


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


def score_files(rubric_path: str | Path, data_paths: list[str | Path]) -> ScoreResult:
    """Load, read and score in one call."""
    rubric = load_rubric(rubric_path)
    return score(rubric, read_indicators(data_paths, rubric))


__all__ = [
    "Gaps", "Indicators", "ProblemError", "Report", "Rubric", "ScoreResult", "check_rubric", "gaps", "load_rubric",
    "rank", "read_indicators", "read_indicators_report", "read_rubric", "score", "score_files",
    "RubricDiff", "diff_rubrics", "rank_impact",
]
