"""`rubric check`: every problem of rubric and field dictionary files, each file on its own.

A file that is there is checked whatever is wrong with it (empty and unreadable included): what
is wrong is a problem the check found.  A path that is not there is bad usage, reported with the
rest; a directory stands for the YAML files in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.problems import ProblemError, Report


@dataclass
class FileCheck:
    """One checked file: its path as given and its report (errors and warnings)."""

    path: Path
    report: Report

    def passed(self, strict: bool = False) -> bool:
        """No error (and, ``strict``, no warning)."""
        return self.report.passed(strict)

    def to_dict(self, lang: str = "zh", strict: bool = False) -> dict:
        """The file's record in `rubric check -f json`."""
        return {
            "path": str(self.path),
            "ok": self.passed(strict),
            "errors": len(self.report.errors),
            "warnings": len(self.report.warnings),
            "problems": self.report.to_dict(lang),
        }


@dataclass
class RubricChecks:
    """What `rubric check` found: a ``FileCheck`` per file, and the paths given that are not there."""

    files: list[FileCheck]
    strict: bool = False
    missing: list[Path] = field(default_factory=list)
    warnings: list = field(default_factory=list)  # nothing to say on the side: the problems are the result

    @property
    def passed(self) -> bool:
        """Every file passed (``strict``: warnings fail too)."""
        return all(f.passed(self.strict) for f in self.files)

    @property
    def exit_code(self) -> int:
        """2 when a path given is not there, 1 when a file has a problem that fails the check, else 0."""
        return 2 if self.missing else 0 if self.passed else 1

    def records(self, lang: str = "zh") -> list[dict]:
        """What `rubric check -f json` prints: one record per file."""
        return [f.to_dict(lang, self.strict) for f in self.files]


def check_file(path: str | Path, lint: bool = True) -> Report:
    """Every problem of one rubric or field dictionary file (errors and warnings).

    With ``lint`` (the default) a rubric that loads is also linted (``rubric.lint``) and the
    warnings it waives are dropped."""
    from .load import is_fields_file, read_fields_file, read_rubric

    if is_fields_file(path):
        return read_fields_file(path)[1]
    rubric, report = read_rubric(path)
    if rubric is None or not lint:
        return report
    from .lint import apply_waivers, lint_rubric

    return Report(apply_waivers(rubric, report.problems + lint_rubric(rubric)))


def check_paths(paths: list[str | Path], strict: bool = False) -> RubricChecks:
    """Check every file given, and every YAML file in every directory given.

    A directory without YAML files is bad usage (``ProblemError`` E-USAGE-NO-YAML)."""
    files = [FileCheck(p, check_file(p)) for p in expand(paths)]
    return RubricChecks(files, strict, [Path(p) for p in paths if not Path(p).exists()])


def expand(paths: list[str | Path]) -> list[Path]:
    """A directory stands for the YAML files in it (sorted); files are kept as given."""
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append(p)
            continue
        found = sorted(
            q
            for q in p.iterdir()
            if q.is_file() and q.suffix.lower() in (".yaml", ".yml") and not q.name.startswith(".")
        )
        if not found:
            raise ProblemError.one("E-USAGE-NO-YAML", directory=str(p))
        out += found
    return out
