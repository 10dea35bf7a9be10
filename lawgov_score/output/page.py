"""What the HTML report page shows, in one language (built by ``views.report``, drawn by ``html``
and ``png``): the numbers of a ``ReportPage`` and the words and shown values around them."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from ..analysis.tables import ReportPage


@dataclass
class ReportData:
    """The report of a ``ReportPage`` in ``lang``: its title, a label per ranked row, the ranking's
    column headers, the lost items and the values with their shown values, the rule notes."""

    page: ReportPage
    lang: str
    title: str
    labels: list[str]  # one per ranked row: 乃东区 2022 (the year only where the data has several)
    headers: dict[str, str]  # ranking column key → header
    gaps: pl.DataFrame  # page.lost with shown values and reasons (views.gaps.gaps_view)
    evidence: pl.DataFrame  # page.values: unit, year, field, fname, value_shown, qualifier, evidence, source, file, row
    rules: list[dict]  # rule type → count, description, an example
    parts: list[str] = field(default_factory=list)  # ranking keys of the evaluation's parts (headers in ``headers``)
    notes: list[str] = field(default_factory=list)  # how the total is made of the parts; what a grade means
    weights: list[dict] = field(default_factory=list)  # per dimension: id, name, points, share (text), items scored
    # the rubric's method text: per section its title and blocks ("p" or "ul", their texts)
    method: list[tuple[str, list[tuple[str, list[str]]]]] = field(default_factory=list)

    def __post_init__(self):
        ranked = self.page.ranked
        self._label_of = {(u, y): lab for u, y, lab in zip(ranked["unit"], ranked["year"], self.labels)}

    def label(self, unit: str, year) -> str:
        """The label of a unit-year (its unit name where the year goes without saying)."""
        return self._label_of.get((unit, year), unit)

    @property
    def rubric(self):
        """The rubric the report was scored with."""
        return self.page.rubric

    @property
    def ranked(self) -> pl.DataFrame:
        """The ``rank`` table of the unit-years shown."""
        return self.page.ranked

    @property
    def dims(self) -> list:
        """The rubric's first-level items (the dimensions)."""
        return self.page.rubric.dimensions()

    @property
    def dim_pct(self) -> pl.DataFrame:
        """Per ranked row and dimension: score, max and percent (0–100), in ranking order."""
        return self.page.dim_scores
