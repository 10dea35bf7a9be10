"""What the HTML report page holds (built by ``views.report``, drawn by ``html`` and ``png``)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass
class ReportData:
    rubric: object
    ranked: pl.DataFrame  # the `rank` table: rank, unit, year, total, max, percent, grade, vetoed, dims …
    labels: list[str]  # one per ranked row: 乃东区 2022 (the year only where the data has several)
    dims: list  # the rubric's first-level items
    dim_pct: pl.DataFrame  # unit, year, label, dim, name, score, max, pct (0–100)
    average: dict  # year → {dim id: mean pct}
    gaps: pl.DataFrame  # lost items of every unit-year (analysis.gaps.lost_items), shown values
    evidence: pl.DataFrame  # unit, year, field, name, value_shown, evidence, source, file, row
    files: list[str]
    missing_share: float  # share of scored items with no value, all unit-years together
    rules: list[dict]  # rule type → count, description, an example
    top: int | None

    def label(self, unit: str, year) -> str:
        return self._label_of.get((unit, year), unit)

    def __post_init__(self):
        self._label_of = {(u, y): lab for u, y, lab in zip(self.ranked["unit"], self.ranked["year"], self.labels)}
