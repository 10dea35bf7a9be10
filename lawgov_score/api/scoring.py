"""The scoring commands: score, rank, report, template."""

from __future__ import annotations

from pathlib import Path

from ..analysis.tables import FillInTemplate, RankTable, ReportPage, ScoreTable
from ..core.problems import ProblemError
from ..data.read import Indicators
from ..engine.rank import rank
from ..rubric.compiled import Rubric
from .inputs import rubric_of, scored


def score_table(
    data=None,
    rubric: str | Path | Rubric | None = None,
    *,
    unit: str | None = None,
    year: int | None = None,
    depth: int | None = None,
    status: str | None = None,
    workbook: bool = False,
) -> ScoreTable:
    """``score``: every item of every unit and year, or those asked for.

    ``unit`` may be part of a name when it matches one unit; ``depth`` keeps levels up to it;
    ``status`` one of met, short, missing, vetoed.  ``workbook`` also computes what the
    scoring workbook shows (ranking and lost items of the unit-years in view)."""
    import polars as pl

    from ..analysis.select import select_unit_year
    from ..analysis.standing import standing
    from ..analysis.tables import scoring_book

    result = scored(rubric, data)
    items = result.items()
    if unit is not None:
        unit, _ = select_unit_year(result, unit, None)
        items = items.filter(pl.col("unit") == unit)
    if year is not None:
        items = items.filter(pl.col("year") == year)
    if depth is not None:
        items = items.filter(pl.col("level") <= depth)
    if status is not None:
        items = items.filter(pl.col("status") == status)
    keys = items.select("unit", "year").unique()
    book = scoring_book(result, keys) if workbook else None
    placed = standing(result, keys)
    return ScoreTable(result=result, items=items, book=book, standing=placed, warnings=result.warnings)


def rank_table(
    data=None,
    rubric: str | Path | Rubric | None = None,
    *,
    by: str | None = None,
    ties: str = "competition",
    on: str | None = None,
    pool: bool = False,
    year: int | None = None,
    dimensions: bool = True,
    scan: bool | str = "auto",
    workbook: bool = False,
    method: str = "wsm",
) -> RankTable:
    """``rank``: units ranked by total (or by item ``on``) within each year (``pool``: all years
    together) and, with ``by``, within each city, province, level or group; ``year`` keeps one year.

    ``scan`` reads long Parquet in batches instead of whole (``True``); ``"auto"`` does so when
    the Parquet files hold more than ``data.scan.SCAN_ROWS`` rows.  ``workbook`` also computes
    what the scoring workbook shows (not for scanned data: E-USAGE-SCAN-XLSX).  ``method``
    other than ``wsm`` (the rubric's points) ranks by an MCDA method: ``api.method_rank_table``."""
    if method != "wsm":
        from .methods import method_rank_table

        how = dict(by=by, ties=ties, on=on, pool=pool, year=year, dimensions=dimensions)
        return method_rank_table(data, rubric, method=method, **how)
    from ..analysis.tables import rank_table as _rank_table
    from ..engine.rank import require_group

    require_group(None, by)  # the name, before any work
    if not _scans(data, scan):
        how = dict(by=by, ties=ties, on=on, pool=pool, year=year, dimensions=dimensions)
        return _rank_table(scored(rubric, data), **how, workbook=workbook)
    if workbook:
        raise ProblemError.one("E-USAGE-SCAN-XLSX")
    from ..core import bundled
    from ..engine.scan import scan_rank

    rub = rubric_of(rubric)
    table, report = scan_rank(data or bundled.default_data(), rub, by=by, ties=ties, on=on, pool=pool)
    if table is None:
        raise ProblemError(report)
    if year is not None:
        table = table.filter(table["year"] == year)
    return RankTable(rub, table, by=by, on=on, dimensions=dimensions, warnings=report.warnings)


def _scans(data, scan: bool | str) -> bool:
    """Whether ``rank`` reads the data in batches: asked for, or ``"auto"`` and long Parquet
    over ``SCAN_ROWS`` rows (township scale, never loaded whole)."""
    if scan != "auto":
        return bool(scan)
    if not data or isinstance(data, Indicators):
        return False
    from ..data.scan import SCAN_ROWS, parquet_rows

    return (parquet_rows([data] if isinstance(data, (str, Path)) else list(data)) or 0) > SCAN_ROWS


def rank_records(table: RankTable) -> list[dict]:
    """What `rank -f json` prints: one dict per ranked row, every dimension listed."""
    from ..views.rank import rank_records as _records

    return _records(table)


def report_page(
    data=None, rubric: str | Path | Rubric | None = None, *, year: int | None = None, pool: bool = False, top=10
) -> ReportPage:
    """``report``: what the HTML report and its charts show: the ranking (of ``year``, or of
    every year; ``pool`` ranks the years together), each unit's ``top`` largest losses (None or
    0: all), its scores per dimension, the values scored and their evidence."""
    from ..analysis.tables import report_page as _page

    result = scored(rubric, data)
    ranked = rank(result, pool=pool)
    if year is not None:
        ranked = ranked.filter(ranked["year"] == year)
    if ranked.height == 0:
        raise (
            ProblemError.one("E-USAGE-YEAR-NONE", year=year) if year is not None else ProblemError.one("E-REPORT-EMPTY")
        )
    page = _page(result, ranked, top or None)
    page.audit = _audit_of(result, int(ranked["year"].max()) if year is None else year)
    return page


def _audit_of(result, year: int | None):
    """The audit of the year a report shows (its last where it shows several)."""
    from ..analysis.audit import audit

    return audit(result, year)


def fill_in_template(
    rubric: str | Path | Rubric | None = None, *, unit: str | None = None, year: int | None = None
) -> FillInTemplate:
    """``template``: the fields a unit fills in for ``rubric``, with its ``unit`` and ``year``
    written in beforehand (a year outside 1949–2100 is E-USAGE-YEAR-INVALID)."""
    from ..data.template import template_fields

    if year is not None and not 1949 <= year <= 2100:
        raise ProblemError.one("E-USAGE-YEAR-INVALID", year=year)
    rub = rubric_of(rubric)
    return FillInTemplate(rub, template_fields(rub), unit=unit, year=year)
