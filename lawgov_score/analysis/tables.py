"""The table results of ``score`` and ``rank``, and what their workbook shows.

Each is computed once by the library (``api``) and handed to a view, which only arranges it:
nothing here is computed again by a renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from ..core.problems import Problem
from ..engine.rank import rank
from ..engine.score import ScoreResult
from .gaps import lost_items


@dataclass
class ScoringBook:
    """The scoring workbook's data (score, rank and gaps write it): the ranking of the years in
    view, every item of the unit-years in view, and the items they lose points on."""

    ranking: pl.DataFrame  # the `rank` table of the years in view
    items: pl.DataFrame  # result.items() of the unit-years in view
    lost: pl.DataFrame  # lost_items of those, largest loss first
    highlight: list[str] | None = None  # the units in view, where the ranking shows more units


def scoring_book(result: ScoreResult, keys: pl.DataFrame, ranking: pl.DataFrame | None = None) -> ScoringBook:
    """The workbook data for the unit-years ``keys`` (columns unit, year).  ``ranking`` is the
    command's own ranked table where it has one; otherwise the years in view are ranked here."""
    items = result.items().join(keys, on=["unit", "year"], how="semi", nulls_equal=True)
    highlight = None
    if ranking is None:
        ranking = rank(result).join(keys.select("year").unique(), on="year", how="semi", nulls_equal=True)
        if ranking.height > keys.height:
            highlight = sorted(set(keys["unit"].to_list()))
    return ScoringBook(
        ranking=ranking, items=items, lost=lost_items(items, result.rubric.decimals), highlight=highlight
    )


@dataclass
class ScoreTable:
    """``score``: the item records asked for (filters applied) of a scored result."""

    result: ScoreResult
    items: pl.DataFrame
    book: ScoringBook | None = None  # with workbook=True
    warnings: list[Problem] = field(default_factory=list)
    exit_code: int = 0

    @property
    def rubric(self):
        """The rubric the items were scored with."""
        return self.result.rubric
