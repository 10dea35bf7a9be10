"""Rubric and data in: the one place that loads a rubric (or the bundled one) and reads and scores data."""

from __future__ import annotations

from pathlib import Path

from ..core.problems import ProblemError, Report
from ..data.read import Indicators, read_indicators, read_indicators_report
from ..engine.score import ScoreResult, score
from ..rubric.compiled import Rubric
from ..rubric.load import load_rubric, read_rubric


def rubric_of(rubric: str | Path | Rubric | None = None) -> Rubric:
    """A loaded rubric: the one given, the file named, or the bundled default.  Raises ProblemError."""
    if isinstance(rubric, Rubric):
        return rubric
    from ..core import bundled

    return load_rubric(rubric or bundled.default_rubric())


def inputs(rubric: str | Path | Rubric | None = None, data=None) -> tuple[Rubric, Indicators, list]:
    """The rubric, the indicators read with it, and the reading's warnings (W-DATA-CONSTRAINT …).

    Both are read before either fails, so one ProblemError carries every problem of both."""
    from ..core import bundled

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


def readable_inputs(rubric: str | Path | Rubric | None = None, data=None) -> tuple[Rubric, Indicators, list, bool]:
    """``inputs`` over the files that read without error (``--keep-going``): the warnings
    start with one W-DATA-EXCLUDED per file left out, followed by its first error; the flag
    says whether any was left out."""
    from ..core import bundled
    from ..core.problems import problem
    from ..data.read import read_readable

    rub = rubric_of(rubric)
    inds, report, left_out = read_readable(data or bundled.default_data(), rub)
    if inds is None:
        raise ProblemError(report)
    said = []
    for errors in left_out:
        first = errors[0]
        where = ":".join(str(x) for x in (first.path, first.line, first.column) if x not in (None, ""))
        said += [
            problem("W-DATA-EXCLUDED", first.path.split("[", 1)[0], n=len(errors), first=f"{where}: {first.code}"),
            first,
        ]
    warnings = sorted(report.warnings, key=lambda p: (p.path, p.line if p.line is not None else float("inf")))
    return rub, inds, [*said, *warnings], bool(left_out)


def scored_readable(rubric: str | Path | Rubric | None = None, data=None) -> tuple[ScoreResult, bool]:
    """``scored`` over the files that read without error (``readable_inputs``), and whether
    any file was left out."""
    if isinstance(data, Indicators):
        return scored(rubric, data), False
    rub, inds, warnings, left_out = readable_inputs(rubric, data)
    result = score(rub, inds)
    result.warnings = [*warnings, *result.warnings]
    return result, left_out


def scored(rubric: str | Path | Rubric | None = None, data=None) -> ScoreResult:
    """Read and score; ``result.warnings`` holds the reading's warnings and the scoring's (W-ALONE)."""
    rub, inds, warnings = inputs(rubric, data)
    result = score(rub, inds)
    result.warnings = [*warnings, *result.warnings]
    return result


def score_records(result: ScoreResult, items=None) -> list[dict]:
    """What `score -f json` prints, as a list of dicts: ``result.items()`` (or the rows of it
    given) with a yes/no or grade value as its word and numbers rounded to the rubric's decimals.
    The one conversion between the exact frame and what every output shows."""
    from ..views.score import score_records as _records

    return _records(result, items)


def score_files(rubric_path: str | Path, data_paths: list[str | Path]) -> ScoreResult:
    """Load, read and score in one call."""
    rubric = load_rubric(rubric_path)
    return score(rubric, read_indicators(data_paths, rubric))
