"""What `extract` returns: the values read from reports, and (``--evaluate``) how well they match
the values a person read from the same reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import COLUMNS
from .evaluate import Evaluation
from .record import Record


def number(v: float) -> int | float:
    """A value as an indicator file writes it: whole numbers without a decimal point."""
    return int(v) if float(v).is_integer() else round(v, 6)


@dataclass
class Extraction:
    """The values read from the reports (``found``), the field dictionary they were read with, and the
    warnings of the reading (W-EXTRACT-…: an empty report, one without values, …)."""

    found: list[Record]
    fields: dict
    warnings: list = field(default_factory=list)
    exit_code: int = 0

    def records(self, lang: str = "zh") -> list[dict]:
        """What `extract -f json` prints: one record per value (the columns of an indicator file,
        and the PDF page the number stands on: null for other reports)."""
        return [
            {c: (number(r.value) if c == "value" else getattr(r, c)) for c in COLUMNS} | {"page": r.page}
            for r in self.found
        ]


@dataclass
class ExtractionCheck:
    """`extract --evaluate`: the evaluation against the gold, the field dictionary, and the
    warnings of the reading."""

    evaluation: Evaluation
    fields: dict
    warnings: list = field(default_factory=list)
    exit_code: int = 0

    def records(self, lang: str = "zh") -> dict:
        """What `extract --evaluate -f json` prints."""
        e = self.evaluation
        return {
            "reports": e.reports,
            "skipped": e.skipped,
            "fields": e.fields.to_dicts(),
            "overall": e.overall,
            "differences": e.differences.to_dicts(),
        }
