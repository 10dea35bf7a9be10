"""`rubric diff` as one result: the changes between two rubrics and, with data, what they do to
the units (totals, ranks, grades before and after) and whether a CI gate trips.

The scoring is ``analysis.impact``'s; this module scores the same indicators with both rubrics and
keeps everything the report shows, counted once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import polars as pl

from ..rubric.diff import RubricDiff


@dataclass
class Impact:
    """The same data scored with both rubrics: one row per unit and year (``impact.rank_impact``)."""

    units: pl.DataFrame
    movers: pl.DataFrame  # the largest moves first, at most ``top``
    data: list[str]  # the data paths, as given
    by: str | None = None
    audit: object | None = None  # ``analysis.audit.AuditChange``: α and flags under each rubric

    @property
    def grade_changes(self) -> pl.DataFrame:
        """The unit-years whose grade changed."""
        return self.units.filter(pl.col("grade_changed"))

    @property
    def counts(self) -> dict[str, int]:
        """How many unit-years change total, rank and grade."""
        u = self.units
        return {
            "total": u.filter(pl.col("delta").fill_null(0) != 0).height,
            "rank": u.filter(pl.col("rank_change").fill_null(0) != 0).height,
            "grade": self.grade_changes.height,
        }


@dataclass
class Gate:
    """The CI gates asked for (``--fail-on-rank-change N``, ``--fail-on-grade-change``) and the
    unit-years that trip them."""

    rank_change: int | None
    grade_change: bool
    tripped: list[dict]

    @property
    def asked(self) -> bool:
        """Whether any gate was asked for."""
        return self.rank_change is not None or self.grade_change

    @property
    def failed(self) -> bool:
        """Whether a unit-year trips a gate."""
        return bool(self.tripped)


@dataclass
class DiffReport:
    """What `rubric diff` shows: the rubric changes, and with data their impact and the gates."""

    diff: RubricDiff
    old: str  # the old rubric as given (a path, or REV:PATH)
    new: str
    impact: Impact | None = None
    gate: Gate | None = None
    warnings: list = field(default_factory=list)

    @property
    def scoring(self) -> int:
        """How many changes can change a score."""
        return sum(1 for c in self.diff.changes if c.scoring)

    @property
    def method_unchanged(self) -> bool:
        """Points or weights changed while the rubric's method text (which explains them) did not."""
        old, new = self.diff.old, self.diff.new
        return bool(self.scoring and new.method and (old.method, old.method_en) == (new.method, new.method_en))

    @property
    def exit_code(self) -> int:
        """1 when a gate trips, else 0."""
        return 1 if self.gate is not None and self.gate.failed else 0

    def records(self, lang: str = "zh") -> dict:
        """What `rubric diff -f json` prints."""
        out: dict = {
            "old": _side(self.diff.old, self.old),
            "new": _side(self.diff.new, self.new),
            "changes": self.diff.records(lang),
            "method_unchanged": self.method_unchanged,
            "impact": None,
        }
        if self.impact is not None:
            out["impact"] = {
                "data": self.impact.data,
                "by": self.impact.by,
                "units": _rows(self.impact.units),
                "movers": _rows(self.impact.movers),
                "grade_changes": _rows(self.impact.grade_changes),
            }
            if self.impact.audit is not None:
                out["impact"]["audit"] = self.impact.audit.records()
        if self.gate is not None:
            out["gate"] = {
                "fail_on_rank_change": self.gate.rank_change,
                "fail_on_grade_change": self.gate.grade_change,
                "failed": self.gate.failed,
                "tripped": _rows(pl.DataFrame(self.gate.tripped)) if self.gate.tripped else [],
            }
        return out


def rubric_impact(
    old, new, indicators, data: list[str], *, by: str | None = None, top: int = 10, rank_change=None, grade_change=False
) -> tuple[Impact, Gate]:
    """Score ``indicators`` with both rubrics and compare: the impact and the gates' verdict."""
    from ..engine.score import score
    from .audit import audit_change
    from .impact import gates, movers, rank_impact

    a, b = score(old, indicators), score(new, indicators)
    units = rank_impact(a, b, by=by)
    impact = Impact(units=units, movers=movers(units, top), data=data, by=by, audit=audit_change(a, b))
    gate = Gate(rank_change, grade_change, gates(units, rank_change=rank_change, grade_change=grade_change))
    return impact, gate


def _side(rubric, label: str) -> dict:
    return {
        "spec": label,
        "id": rubric.id,
        "name": rubric.name,
        "version": rubric.version,
        "total": rubric.total,
        "items": len(rubric.items),
    }


def _rows(frame: pl.DataFrame) -> list[dict]:
    """JSON-ready rows: floats to 6 places, NaN and infinities as null."""
    return [{k: _number(v) for k, v in r.items()} for r in frame.iter_rows(named=True)]


def _number(value):
    if isinstance(value, float):
        return round(value, 6) + 0.0 if math.isfinite(value) else None  # + 0.0: no -0.0
    return value
