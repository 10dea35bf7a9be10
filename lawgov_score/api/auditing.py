"""The audit commands: `audit` (statistics of the indicators and the structure)."""

from __future__ import annotations

from pathlib import Path

from ..analysis.audit import AuditReport, audit
from ..rubric.compiled import Rubric
from .inputs import scored


def audit_report(data=None, rubric: str | Path | Rubric | None = None, *, year: int | None = None) -> AuditReport:
    """``audit``: per indicator its distribution and flags, per pair of sibling leaves their
    Pearson and Spearman correlations, per parent Cronbach's α and the first principal
    component's share, for the units of ``year`` (the latest by default)."""
    result = scored(rubric, data)
    return AuditReport(result=result, audit=audit(result, year), warnings=result.warnings)
