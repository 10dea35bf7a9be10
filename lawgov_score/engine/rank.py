"""Ranking units by total (or by any item's score), fairly and reproducibly.

* Ties: ``competition`` (default, 1 2 2 4), ``dense`` (1 2 2 3), ``min`` (the same as
  competition, named as in spreadsheets and polars), ``max`` (1 3 3 4), ``average`` (1 2.5 2.5 4).
* Units are compared within a year (``pool=True`` ranks all years together) and, with ``by``,
  within a group such as ``city``; every unit must state its group (``require_group``).
* Scores are compared as shown: rounded to the rubric's decimals, so two units the table shows
  as equal share a rank.
* Order of rows with equal totals is fixed: by unit name (Unicode code point order), then year.
"""

from __future__ import annotations

import polars as pl

from ..core.groups import META_COLUMNS, META_NAMES
from ..core.problems import ProblemError, Report, did_you_mean, problem
from .score import ScoreResult, col_score

TIES = ("competition", "dense", "min", "max", "average")
_METHOD = {"competition": "min", "dense": "dense", "min": "min", "max": "max", "average": "average"}
_LISTED = 8


def require_group(frame: pl.DataFrame | None, by: str | None, unit: str | None = None) -> None:
    """The one check of a grouping column (``rank --by``, ``benchmark --within``, …); raises
    ``ProblemError`` (E-GROUP) when grouping by ``by`` cannot be done fairly.

    ``by`` must be one of city, province, level, group; the data (``frame``, one row per unit
    and year; None checks the name only) must state it; and every unit (or ``unit`` alone,
    when only that unit's group matters) must have one: a unit with a blank group is in no
    group, never in a group of the blanks."""
    if by is None:
        return
    if by not in META_COLUMNS:
        _group_problem(
            by,
            "只能按 city（所属市）、province（省份）、level（层级）或 group（分组）分组",
            "group by city, province, level or group",
        )
    if frame is None:
        return
    zh, en = META_NAMES[by]
    if by in frame.columns:
        blank = pl.col(by).is_null() | (pl.col(by).cast(pl.String).str.strip_chars() == "")
    else:
        blank = pl.lit(True)
    if by not in frame.columns or frame.filter(~blank).height == 0:
        _group_problem(
            by,
            f"数据中没有“{zh}”（{by}）这一列，或它全部为空；"
            "在单位信息文件（如 samples/units.csv）中加上这一列，或不按它分组",
            f"the data has no {en} column ('{by}'), or it is empty; "
            "add one to the unit file (as in samples/units.csv), or do not group by it",
        )
    rows = frame if unit is None else frame.filter(pl.col("unit") == unit)
    blanks = rows.filter(blank)["unit"].unique(maintain_order=True).to_list()
    if blanks:
        names = "、".join(blanks[:_LISTED]) + (f" 等 {len(blanks)} 个" if len(blanks) > _LISTED else "")
        names_en = ", ".join(blanks[:_LISTED]) + (f" and {len(blanks) - _LISTED} more" if len(blanks) > _LISTED else "")
        _group_problem(
            by,
            f"{names} 未填“{zh}”；填上，或不按它分组",
            f"no {en} given for {names_en}; fill it in, or do not group by it",
        )


def require_item(rubric, on: str | None) -> None:
    """The item ``rank --on`` ranks by must be in the rubric: raises ``ProblemError`` (E-USAGE-ITEM)."""
    if on is not None and on not in rubric.items:
        raise ProblemError.one("E-USAGE-ITEM", id=on, suggestion=did_you_mean(on, rubric.items))


def _group_problem(by: str, reason: str, reason_en: str) -> None:
    raise ProblemError(Report([problem("E-GROUP", by=by, reason=reason, reason_en=reason_en)]))


def rank(
    result: ScoreResult, *, by: str | None = None, ties: str = "competition", on: str | None = None, pool: bool = False
) -> pl.DataFrame:
    """The ranked table: rank, unit, year, group, total, max, percent, grade, vetoed, bonus and
    one column per top-level dimension.  ``on`` ranks by an item's score instead of the total."""
    require_item(result.rubric, on)
    table = result.totals()
    key = "total" if on is None else "_key"
    if on is not None:
        table = table.with_columns(result.frame[col_score(on)].alias("_key"))
    return rank_frame(table, result.rubric.decimals, by=by, ties=ties, pool=pool, key=key, on=on)


def rank_frame(
    table: pl.DataFrame,
    decimals: int,
    *,
    by: str | None = None,
    ties: str = "competition",
    pool: bool = False,
    key: str = "total",
    on: str | None = None,
    descending: bool = True,
) -> pl.DataFrame:
    """Rank a totals table (``ScoreResult.totals()``'s columns) by its column ``key``, compared
    at ``decimals`` places; ``descending=False`` ranks the smallest first (a method whose lower
    value is better, VIKOR's Q).  A row with no ``key`` value gets no rank and comes last."""
    if ties not in TIES:
        raise ValueError(f"ties must be one of {', '.join(TIES)}")
    group_cols: list[str] = [] if pool else ["year"]
    require_group(table, by)
    if by:
        group_cols.append(by)
    table = table.with_columns(pl.col(by).alias("group") if by else pl.lit(None, dtype=pl.String).alias("group"))
    score = pl.col(key).round(decimals)
    r = score.rank(_METHOD[ties], descending=descending)
    r = r.over(group_cols) if group_cols else r
    table = table.with_columns(r.alias("rank"))
    if ties != "average":
        table = table.with_columns(pl.col("rank").cast(pl.Int64))
    sort_keys = (["year"] if not pool else []) + (["group"] if by else []) + ["rank", "unit", "year"]
    table = table.sort(sort_keys, nulls_last=True)
    first = ["rank", "unit", "year", "group", "total", "max", "percent", "grade", "vetoed", "bonus"]
    if on is not None:
        table = table.with_columns(pl.col("_key").alias("on")).drop("_key")
        first.insert(4, "on")
    rest = [c for c in table.columns if c not in first]
    return table.select(first + rest)
