"""Ranking units by total (or by any item's score), fairly and reproducibly.

* Ties: ``competition`` (default, 1 2 2 4), ``dense`` (1 2 2 3), ``min`` (the same as
  competition, named as in spreadsheets and polars), ``max`` (1 3 3 4), ``average`` (1 2.5 2.5 4).
* Units are compared within a year (``pool=True`` ranks all years together) and, with ``by``,
  within a group such as ``city``.
* Scores are compared as shown: rounded to the rubric's decimals, so two units the table shows
  as equal share a rank.
* Order of rows with equal totals is fixed: by unit name (Unicode code point order), then year.
"""

from __future__ import annotations

import polars as pl

from .score import ScoreResult, col_score

TIES = ("competition", "dense", "min", "max", "average")
_METHOD = {"competition": "min", "dense": "dense", "min": "min", "max": "max", "average": "average"}


def rank(result: ScoreResult, *, by: str | None = None, ties: str = "competition", on: str | None = None,
         pool: bool = False) -> pl.DataFrame:
    """The ranked table: rank, unit, year, group, total, max, percent, grade, vetoed, bonus and
    one column per top-level dimension.  ``on`` ranks by an item's score instead of the total."""
    if ties not in TIES:
        raise ValueError(f"ties must be one of {', '.join(TIES)}")
    table = result.totals()
    key = "total" if on is None else "_key"
    if on is not None:
        table = table.with_columns(result.frame[col_score(on)].alias("_key"))
    group_cols: list[str] = [] if pool else ["year"]
    if by:
        if by not in table.columns:
            raise KeyError(by)
        group_cols.append(by)
    table = table.with_columns(pl.col(by).alias("group") if by else pl.lit(None, dtype=pl.String).alias("group"))
    score = pl.col(key).round(result.rubric.decimals)
    r = score.rank(_METHOD[ties], descending=True)
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
