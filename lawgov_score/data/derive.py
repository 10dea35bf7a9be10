"""Derived fields: a field the dictionary gives a ``formula`` is computed where a unit and year
do not state it, from the fields the formula reads (in dependency order, so a derived field may
read another).  A stated value always wins.

The wide frame keeps, for every derived field, whether the value was stated (``st:<id>``), so
that scoring can say where each value comes from (``engine/provenance``)."""

from __future__ import annotations

import polars as pl

from .formula import to_polars


def stated_col(field: str) -> str:
    """The column saying whether a derived field's value was stated (True) or computed."""
    return f"st:{field}"


def derive(wide, rubric, fields) -> pl.DataFrame | pl.LazyFrame:
    """``wide`` (one Float64 column per field) with the derived ``fields`` filled in where not
    stated, and a ``st:`` column for each of them."""
    wanted = set(fields)
    for fid, ast in rubric.field_formulas.items():  # dependency order
        if fid not in wanted:
            continue
        wide = wide.with_columns(pl.col(fid).is_not_null().alias(stated_col(fid)))
        wide = wide.with_columns(pl.coalesce(pl.col(fid), to_polars(ast)).alias(fid))
    return wide
