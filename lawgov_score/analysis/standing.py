"""Where each unit stands among the units it is compared with: its position and percentile in its
year, beside its total, grade and part scores.

The peer set is the data given: a city's counties, or a national distribution such as the
labelled synthetic one ``synth`` writes.  A 示范 rubric's grade is only a self-assessed level;
the naming itself is decided by ranking among candidates, so the position is what says how far
a unit is from the top of its field.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ..engine.parts import col_part
from ..engine.score import ScoreResult

SYNTHETIC_MARKS = ("synthetic", "合成")  # how synthetic data files are labelled in their names


@dataclass
class Standing:
    """Per unit and year: total, percent, grade, part scores, position among the units of that
    year (1 = highest total; ties share a position), how many there are, and the percentile (the
    share of the other units scoring lower, 0–100; None for a unit alone in its year)."""

    frame: pl.DataFrame  # unit, year, total, max, percent, grade, p:<part>…, position, peers, percentile
    synthetic: bool  # the peers include data labelled synthetic (by its file name)


def standing(result: ScoreResult, keys: pl.DataFrame | None = None) -> Standing:
    """The ``Standing`` of every unit-year of ``result`` (or of those in ``keys``: unit, year)."""
    rubric = result.rubric
    total = pl.col("total").round(rubric.decimals)
    peers = pl.len().over("year")
    higher_or_equal = total.rank("max", descending=True).over("year")
    frame = result.totals().select(
        "unit",
        "year",
        "total",
        "max",
        "percent",
        "grade",
        *[col_part(p.id) for p in rubric.parts],
        total.rank("min", descending=True).over("year").cast(pl.Int64).alias("position"),
        peers.cast(pl.Int64).alias("peers"),
        pl.when(peers > 1)
        .then(((peers - higher_or_equal) / (peers - 1) * 100).round(1))
        .otherwise(None)
        .alias("percentile"),
    )
    if keys is not None:
        frame = frame.join(keys.unique(), on=["unit", "year"], how="semi", nulls_equal=True)
    files = [str(f) for f in (result.indicators.files if result.indicators is not None else [])]
    synthetic = any(mark in f.lower() for f in files for mark in SYNTHETIC_MARKS)
    return Standing(frame=frame, synthetic=synthetic)
