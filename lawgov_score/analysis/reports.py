"""The results of the analysis commands, as the library computes them for a view.

Each holds the analysis (``Gaps``, ``WhatIf``, ``Benchmark``, ``Trend``, ``Sensitivity``),
the scored result it came from, what the command asked to be shown of it (``--top``,
``--depth``, ``--steps``), the warnings the scores rest on and the exit code.  ``api`` builds
them (``gaps_report`` …); a view (``views.scoring.gaps_report_view`` …) only arranges them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from ..core.problems import Problem
from ..engine.score import ScoreResult
from .benchmark import Benchmark
from .gaps import Gaps
from .sensitivity import Sensitivity
from .tables import ScoringBook
from .trend import Trend
from .whatif import WhatIf


@dataclass(kw_only=True)
class AnalysisReport:
    """What every analysis result carries: the scored result, its warnings, the exit code."""

    result: ScoreResult
    warnings: list[Problem] = field(default_factory=list)
    exit_code: int = 0

    @property
    def rubric(self):
        """The rubric the units were scored with."""
        return self.result.rubric


@dataclass(kw_only=True)
class GapsReport(AnalysisReport):
    """``gaps``: one unit's lost items and path; ``items`` are those shown (``top`` applied to
    ``gaps.items``, which keep every lost item for the summary)."""

    gaps: Gaps
    items: pl.DataFrame
    top: int | None = None
    steps: bool = False  # show the path's steps alone
    book: ScoringBook | None = None  # the workbook's data, when a workbook is asked for

    def summary(self) -> dict:
        """The unit's totals, the points lost by cause, the path's outcome."""
        return self.gaps.summary()


@dataclass(kw_only=True)
class WhatIfReport(AnalysisReport):
    """``whatif``: one unit before and after changing some of its values."""

    whatif: WhatIf

    def summary(self) -> dict:
        """The standing before and after."""
        return self.whatif.summary()


@dataclass(kw_only=True)
class BenchmarkReport(AnalysisReport):
    """``benchmark``: one unit against a reference; ``items`` are those shown (up to
    ``depth``), ``benchmark.items`` every item (the summary counts them all)."""

    benchmark: Benchmark
    items: pl.DataFrame
    depth: int | None = None

    def summary(self) -> dict:
        """The totals and the items behind and ahead."""
        return self.benchmark.summary()


@dataclass(kw_only=True)
class TrendReport(AnalysisReport):
    """``trend``: every unit between two years (ranked within ``by`` groups)."""

    trend: Trend
    by: str | None = None

    def summary(self) -> dict:
        """The years and how many units went up and down."""
        return self.trend.summary()


@dataclass(kw_only=True)
class SensitivityReport(AnalysisReport):
    """``sensitivity``: each unit-year's rank under perturbed weights (and thresholds)."""

    sensitivity: Sensitivity

    def summary(self) -> dict:
        """The run's settings and how many ranks vary."""
        return self.sensitivity.summary()
