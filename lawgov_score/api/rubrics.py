"""The rubric commands: check, show, schema, diff."""

from __future__ import annotations

from pathlib import Path

from ..core.problems import ProblemError, Report
from ..data.read import read_indicators
from ..rubric.compiled import Rubric
from ..rubric.diff import diff_rubrics
from .inputs import rubric_of


def check_rubric(path: str | Path, lint: bool = True) -> Report:
    """Every problem of one rubric or field dictionary file (errors and warnings).

    With ``lint`` (the default) a rubric that loads is also linted (``rubric.lint``) and the
    warnings it waives are dropped."""
    from ..rubric.check import check_file

    return check_file(path, lint)


def check_rubrics(paths: list[str | Path], *, strict: bool = False):
    """``rubric check``: every file given (a directory: every YAML file in it) checked on its own.

    Returns ``RubricChecks``: ``.files`` (path and report of each), ``.passed``, ``.exit_code``
    (2 when a path is not there, 1 when a file fails, ``strict``: warnings fail too) and
    ``.records(lang)``.  A directory without YAML files raises ProblemError (E-USAGE-NO-YAML)."""
    from ..rubric.check import check_paths

    return check_paths(paths, strict)


def show_rubric(rubric: str | Path | Rubric | None = None, *, depth: int | None = None):
    """``rubric show``: the rubric (the bundled one by default) and its items down to ``depth``
    (``RubricTree``: ``.rubric``, ``.items``, ``.records()``).  Raises ProblemError."""
    from ..rubric.tree import RubricTree

    return RubricTree(rubric_of(rubric), depth)


def rubric_schema() -> dict:
    """``rubric schema``: the JSON Schema of rubric and field dictionary files (for editors)."""
    from ..rubric.schema import json_schema

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
    from ..analysis.diffreport import DiffReport, rubric_impact
    from ..engine.rank import require_group

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

    from ..rubric.diff import read_rubric_at

    with tempfile.TemporaryDirectory(prefix="lawgov-diff-") as work:
        sides = [(r, Report()) if isinstance(r, Rubric) else read_rubric_at(str(r), work) for r in (old, new)]
    (a, ra), (b, rb) = sides
    if a is None or b is None:
        raise ProblemError(Report(ra.errors + rb.errors))
    return a, b
