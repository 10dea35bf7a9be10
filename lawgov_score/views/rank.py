"""The rank view: the columns of a ranked table (rank, unit, year, group, totals, grade, dimensions)."""

from __future__ import annotations

import polars as pl

from ..output.columns import Column, records
from ..rubric.compiled import Rubric
from ..rubric.describe import GROUP_ZH as _GROUP_ZH
from .parts import part_columns


def rank_columns(
    table: pl.DataFrame, rubric: Rubric, *, by: str | None, on: str | None, dimensions: bool
) -> list[Column]:
    """The columns a ranked table shows: rank, unit, year, the group (``by``) and the item ranked
    by (``on``) where there are such, totals, grade, veto, bonus where the rubric has one, and
    one column per first-level item with ``dimensions``."""
    cols = [
        Column("rank", "排名", "rank", "number"),
        Column("unit", "单位", "unit"),
        Column("year", "年度", "year", "int"),
    ]
    if by:
        cols.append(Column("group", _GROUP_ZH.get(by, "分组"), by))
    if on:
        item = rubric.items[on]  # id and name: in English a bare id would be the dimension's own header
        cols.append(Column("on", f"{item.id} {item.name}", f"{item.id} {item.name}", "score"))
    cols += [
        Column("total", "总分", "total", "score"),
        Column("max", "满分", "max", "score"),
        Column("percent", "得分率", "percent", "percent"),
        Column("grade", "等次", "grade"),
        Column("vetoed", "否决", "vetoed", "bool"),
    ]
    if rubric.bonus_cap is not None or any(it.role == "bonus" for it in rubric.leaves()):
        cols.append(Column("bonus", "加分", "bonus", "score"))
    cols += part_columns(rubric)  # the evaluation's parts, which add up to the total
    if dimensions:
        cols += [Column(d.id, d.name, d.id, "score") for d in rubric.dimensions()]
    return cols


def every_column(t) -> list[Column]:
    """The columns of JSON and the workbook: every dimension, whatever ``--no-dimensions`` says."""
    return rank_columns(t.table, t.rubric, by=t.by, on=t.on, dimensions=True)


def rank_records(t) -> list[dict]:
    """The `rank -f json` records of a ``RankTable``: its rows under the columns' stable keys."""
    return records(t.table, every_column(t))
