"""The results of the scoring commands (``score``, ``rank``, ``report``, ``template``), and what
their workbooks and report pages show.

Each is computed once by the library (``api``) and handed to a view, which only arranges it:
nothing here is computed again by a renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from ..core.problems import Problem
from ..engine.rank import rank
from ..engine.score import ScoreResult
from ..rubric.compiled import Rubric
from .gaps import lost_items
from .standing import Standing


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
    standing: Standing | None = None  # total, parts, position and percentile of the unit-years in view
    warnings: list[Problem] = field(default_factory=list)
    exit_code: int = 0

    @property
    def rubric(self):
        """The rubric the items were scored with."""
        return self.result.rubric


@dataclass
class RankTable:
    """``rank``: the ranked table (``engine.rank.rank``, the years asked for) and what its
    columns depend on: the grouping (``by``), the item ranked by (``on``), whether the
    dimensions are listed.  ``result`` is None when the data was scanned in batches."""

    rubric: Rubric
    table: pl.DataFrame
    by: str | None = None
    on: str | None = None
    dimensions: bool = True
    result: ScoreResult | None = None
    book: ScoringBook | None = None  # with workbook=True
    warnings: list[Problem] = field(default_factory=list)
    exit_code: int = 0
    method: str = "wsm"  # how the total was computed: the rubric's points (wsm) or an MCDA method (rank --method)

    @property
    def scanned(self) -> bool:
        """Whether the ranking was scored from data scanned in batches (``rank --scan``)."""
        return self.result is None


def rank_table(
    result: ScoreResult,
    *,
    by: str | None = None,
    ties: str = "competition",
    on: str | None = None,
    pool: bool = False,
    year: int | None = None,
    dimensions: bool = True,
    workbook: bool = False,
) -> RankTable:
    """The ``RankTable`` of a scored result (``workbook``: with the scoring workbook's data)."""
    table = rank(result, by=by, ties=ties, on=on, pool=pool)
    if year is not None:
        table = table.filter(pl.col("year") == year)
    book = scoring_book(result, table.select("unit", "year").unique(), ranking=table) if workbook else None
    return RankTable(
        rubric=result.rubric,
        table=table,
        by=by,
        on=on,
        dimensions=dimensions,
        result=result,
        book=book,
        warnings=result.warnings,
    )


@dataclass
class YearLine:
    """One year of a report's summary: how many units, their mean total, the best and the worst,
    and how many units reached each grade (in the order the ranking meets them)."""

    year: int | None
    units: int
    mean: float
    best: tuple[str, float]
    worst: tuple[str, float]
    grades: list[tuple[str | None, int]]


@dataclass
class ReportPage:
    """``report``: what the HTML page and the PNG charts show, every number computed here.

    ``ranked`` is the ``rank`` table of the unit-years shown (in ranking order); the frames below
    follow its order."""

    rubric: Rubric
    ranked: pl.DataFrame
    dim_scores: pl.DataFrame  # unit, year, dim, name, score, max, pct (0–100): per ranked row, per dimension
    average: dict  # year → {dimension id: mean pct of the units of that year}
    lost: pl.DataFrame  # lost_items of each unit-year (the ``top`` largest), in ranking order
    values: pl.DataFrame  # the values scored (unit, year, field, value, qualifier, evidence, source, file, row)
    files: list[str]
    missing_share: float  # share of scored items with no value, all unit-years together
    years: list[YearLine]
    vetoed: int  # ranked rows vetoed
    top: int | None = 10  # lost items listed per unit-year (None: all)
    warnings: list[Problem] = field(default_factory=list)
    exit_code: int = 0
    audit: object | None = None  # the audit of the year shown (``analysis.audit.Audit``), for its section


def report_page(result: ScoreResult, ranked: pl.DataFrame, top: int | None = 10) -> ReportPage:
    """The ``ReportPage`` of the ranked unit-years ``ranked`` (a ``rank`` table) of ``result``."""
    rubric = result.rubric
    keys = ranked.select("unit", "year").with_columns(pl.int_range(pl.len()).alias("_order"))
    items = result.items().join(keys, on=["unit", "year"], nulls_equal=True)
    lost = lost_items(items.drop("_order"), rubric.decimals).join(keys, on=["unit", "year"], nulls_equal=True)
    lost = lost.sort("_order", maintain_order=True)
    if top is not None:
        lost = lost.filter(pl.int_range(pl.len()).over("unit", "year") < top)
    scored = items.filter(pl.col("role") == "score")
    missing = scored.filter(pl.col("status") == "missing").height / scored.height if scored.height else 0.0
    values = (
        result.indicators.values.join(keys, on=["unit", "year"], nulls_equal=True)
        .filter(pl.col("field").is_in(list(rubric.used_fields())))
        .sort("_order", "file", "row", maintain_order=True)
        .select("unit", "year", "field", "value", "qualifier", "evidence", "source", "file", "row")
    )
    dim_scores = _dimension_scores(ranked, rubric, keys)
    return ReportPage(
        rubric=rubric,
        ranked=ranked,
        dim_scores=dim_scores,
        average=_averages(dim_scores),
        lost=lost.drop("_order"),
        values=values,
        files=list(result.indicators.files),
        missing_share=missing,
        years=_year_lines(ranked),
        vetoed=int(ranked["vetoed"].sum()),
        top=top,
        warnings=result.warnings,
    )


def _dimension_scores(ranked: pl.DataFrame, rubric: Rubric, keys: pl.DataFrame) -> pl.DataFrame:
    """Per ranked row and first-level item: its score and its percent of the item's maximum."""
    dims = rubric.dimensions()
    ids = [d.id for d in dims]
    meta = pl.DataFrame(
        {"dim": ids, "name": [d.name for d in dims], "max": [d.max for d in dims], "_d": list(range(len(dims)))}
    )
    pct = pl.when(pl.col("max") > 0).then((pl.col("score") / pl.col("max") * 100).clip(0, 100)).otherwise(None)
    return (
        ranked.select("unit", "year", *ids)
        .unpivot(index=["unit", "year"], on=ids, variable_name="dim", value_name="score")
        .join(meta, on="dim")
        .with_columns(pct.alias("pct"))
        .join(keys, on=["unit", "year"], nulls_equal=True)
        .sort("_order", "_d")
        .drop("_d", "_order")
    )


def _averages(dim_scores: pl.DataFrame) -> dict:
    """year → {dimension id: the mean percent of that year's units}."""
    average = {}
    for (year,), part in dim_scores.group_by("year", maintain_order=True):
        average[year] = dict(part.group_by("dim").agg(pl.col("pct").mean()).iter_rows())
    return average


def _year_lines(ranked: pl.DataFrame) -> list[YearLine]:
    """The summary of each year of the ranking, in its order."""
    lines = []
    for (year,), part in ranked.group_by("year", maintain_order=True):
        best, worst = part.row(0, named=True), part.row(part.height - 1, named=True)
        grades = [(g, n) for g, n in part.group_by("grade", maintain_order=True).len().iter_rows()]
        lines.append(
            YearLine(
                year=year,
                units=part.height,
                mean=part["total"].mean(),
                best=(best["unit"], best["total"]),
                worst=(worst["unit"], worst["total"]),
                grades=grades,
            )
        )
    return lines


@dataclass
class FillInTemplate:
    """``template``: the fields a unit fills in (``data.template.template_fields``, in the order
    the rubric reads them), and the unit and year written in beforehand."""

    rubric: Rubric
    fields: list[dict]
    unit: str | None = None
    year: int | None = None
    warnings: list[Problem] = field(default_factory=list)
    exit_code: int = 0
