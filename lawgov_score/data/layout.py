"""Tables → raw long rows: each table is long form (unit, year, field, value …), wide form (one
column per field) or unit metadata (unit, city, province …), told by the roles of its headers.

Every form gives the same raw rows (``RAW_SCHEMA``: unit, year, field, value as the file has
them, with the row each came from and the ``Part`` it belongs to), so one normalisation reads
them all; metadata tables give unit metadata rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ..core.groups import META_COLUMNS
from ..core.problems import Problem, did_you_mean, problem, said
from .codes import MAX_PROBLEMS_PER_KIND
from .columns import IGNORED, column_roles, evidence_of
from .table import Table


@dataclass(frozen=True)
class Part:
    """Where a block of raw rows came from: the file (and sheet) as shown, the column the values
    were read from and the column that names the field.  Rows carry the index of their part,
    not these texts, which only problem messages need."""

    file: str
    vcol: str
    fcol: str
    ucol: str = "unit"
    ycol: str = "year"


# ``year``/``raw`` hold text as the file has it; ``yint``/``num`` what a typed column (Parquet,
# JSON numbers) already gives, so that typed files skip the text work.
RAW_SCHEMA = {
    "unit": pl.String,
    "year": pl.String,
    "yint": pl.Int32,
    "field": pl.String,
    "raw": pl.String,
    "num": pl.Float64,
    "evidence": pl.String,
    "source": pl.String,
    "qualifier": pl.String,
    "part": pl.UInt32,
    "row": pl.Int64,
}
YEAR_MIN, YEAR_MAX = 1949, 2100


def _part(parts: list[Part], file: str, vcol: str, fcol: str, roles: dict[str, str]) -> pl.Expr:
    parts.append(Part(file, vcol, fcol, roles.get("unit", "unit"), roles.get("year", "year")))
    return pl.lit(len(parts) - 1, dtype=pl.UInt32).alias("part")


def interpret(
    table: Table, lookup: dict[str, str], parts: list[Part], named: dict[str, str] | None = None, ignore=frozenset()
) -> tuple[pl.DataFrame | None, pl.DataFrame | None, list[Problem]]:
    """(raw long rows, unit metadata rows, problems) of one table.  ``lookup`` maps every name
    of a field (id, Chinese name, alias) to its id; ``parts`` gets the places of the rows;
    ``named`` and ``ignore`` are the rubric's ``columns`` (its own header names, headers to skip)."""
    frame, where = table.frame, table.where()
    roles = column_roles(frame.columns, named)
    if ignore:
        frame = frame.drop([c for c in frame.columns if c in ignore and c not in roles.values()])
    if frame.height == 0:
        return None, None, [problem("E-DATA-EMPTY", where, table.first_row - 1)]  # the header row
    if "unit" not in roles:
        return None, None, [problem("E-DATA-COLUMNS", where, table.first_row - 1, reason=said("data.no_unit_column"))]
    frame = frame.with_row_index("_i").with_columns((pl.col("_i").cast(pl.Int64) + table.first_row).alias("row"))
    meta = _meta_rows(frame, roles)
    if "field" in roles and "value" in roles:
        return _long_rows(frame, roles, _part(parts, where, roles["value"], roles["field"], roles)), meta, []
    field_cols, evidence_cols, problems = _wide_columns(frame, roles, lookup, where, table.first_row - 1)
    if not field_cols:
        return None, meta, problems  # a unit-metadata table (or none of its columns is a field)
    return _wide_rows(frame, roles, field_cols, evidence_cols, lookup, where, parts), meta, problems


def _wide_columns(
    frame: pl.DataFrame, roles: dict[str, str], lookup: dict[str, str], where: str, header_row: int
) -> tuple[list[str], dict[str, str], list[Problem]]:
    """The columns of a wide table: (field columns, field id → its evidence column, problems of
    the columns that are neither)."""
    field_cols, evidence_cols, problems = [], {}, []
    unknown = 0
    role_cols = set(roles.values())
    for col in frame.columns:
        if col in role_cols or col in ("_i", "row") or col.startswith("_col"):
            continue
        if col.strip() in IGNORED and col.strip() not in lookup:  # a rubric's field named 备注 or flag is read
            continue
        base = evidence_of(col)
        if base is not None and (base in lookup or base.strip() in lookup):
            evidence_cols[lookup.get(base, lookup.get(base.strip()))] = col
        elif col.strip() in lookup:
            field_cols.append(col)
        elif len(problems) < MAX_PROBLEMS_PER_KIND:
            suggestion = did_you_mean(col, lookup)
            problems.append(problem("E-DATA-FIELD", where, header_row, col, field=col, suggestion=suggestion))
        else:
            unknown += 1  # a million unknown columns are one line, not a million
    if unknown:
        problems.append(problem("E-DATA-MORE", where, header_row, count=unknown, kind="E-DATA-FIELD"))
    return field_cols, evidence_cols, problems


def _text(frame: pl.DataFrame, col: str | None) -> pl.Expr:
    return pl.col(col).cast(pl.String) if col and col in frame.columns else pl.lit(None, dtype=pl.String)


def _typed(dtype: pl.DataType) -> bool:
    """Numbers taken as they are.  A Parquet boolean is read as its text (true/false), so that
    a yes/no field takes it and a count field refuses it, as it would the same text in a CSV
    (cast to a number it would be a silent 1)."""
    return dtype.is_numeric()


def year_exprs(frame: pl.DataFrame, col: str | None) -> tuple[pl.Expr, pl.Expr]:
    """(the year as text, the year as a number where it reads at once).  Text the fast cast
    cannot read (``2024年``, ``２０２４``) is read later, once per distinct spelling."""
    if not col or col not in frame.columns:
        return pl.lit(None, dtype=pl.String).alias("year"), pl.lit(None, dtype=pl.Int32).alias("yint")
    c = pl.col(col)
    if _typed(frame.schema[col]):
        if frame.schema[col].is_integer():
            ok = c.is_between(YEAR_MIN, YEAR_MAX).fill_null(False)
            yint = pl.when(ok).then(c.cast(pl.Int32)).otherwise(None).alias("yint")
        else:
            f = c.cast(pl.Float64)
            ok = ((f == f.floor()) & (f >= YEAR_MIN) & (f <= YEAR_MAX)).fill_null(False)
            yint = pl.when(ok).then(f).otherwise(None).cast(pl.Int32).alias("yint")
        if not frame.select((c.is_not_null() & ~ok).any()).item():  # the usual case: no text needed
            return pl.lit(None, dtype=pl.String).alias("year"), yint
        return pl.when(c.is_not_null() & ~ok).then(c.cast(pl.String)).otherwise(None).alias("year"), yint
    text = c.cast(pl.String)
    y = text.cast(pl.Int32, strict=False)
    return text.alias("year"), pl.when((y >= YEAR_MIN) & (y <= YEAR_MAX)).then(y).otherwise(None).alias("yint")


def _value_exprs(frame: pl.DataFrame, col: str) -> tuple[pl.Expr, pl.Expr]:
    """(text, number): a numeric column (Parquet, JSON numbers) is taken as numbers."""
    if _typed(frame.schema[col]):
        return pl.lit(None, dtype=pl.String).alias("raw"), pl.col(col).cast(pl.Float64).alias("num")
    return pl.col(col).cast(pl.String).alias("raw"), pl.lit(None, dtype=pl.Float64).alias("num")


def _long_rows(frame: pl.DataFrame, roles: dict[str, str], part: pl.Expr) -> pl.DataFrame:
    return frame.select(
        _text(frame, roles["unit"]).alias("unit"),
        *year_exprs(frame, roles.get("year")),
        _text(frame, roles["field"]).alias("field"),
        *_value_exprs(frame, roles["value"]),
        _text(frame, roles.get("evidence")).alias("evidence"),
        _text(frame, roles.get("source")).alias("source"),
        _text(frame, roles.get("qualifier")).alias("qualifier"),
        part,
        pl.col("row"),
    )


def _wide_rows(frame, roles, field_cols, evidence_cols, lookup, where, parts) -> pl.DataFrame:
    keys = [_text(frame, roles["unit"]).alias("unit"), *year_exprs(frame, roles.get("year"))]
    blocks = []
    for col in field_cols:
        fid = lookup[col.strip()]
        blocks.append(
            frame.select(
                *keys,
                pl.lit(col.strip()).alias("field"),
                *_value_exprs(frame, col),
                _text(frame, evidence_cols.get(fid)).alias("evidence"),
                pl.lit(None, dtype=pl.String).alias("source"),
                pl.lit(None, dtype=pl.String).alias("qualifier"),
                _part(parts, where, col, col, roles),
                pl.col("row"),
            )
        )
    return pl.concat(blocks)


def _meta_rows(frame: pl.DataFrame, roles: dict[str, str]) -> pl.DataFrame | None:
    present = [m for m in META_COLUMNS if m in roles]
    if not present:
        return None
    m = frame.select(_text(frame, roles["unit"]).alias("unit"), *[_text(frame, roles[c]).alias(c) for c in present])
    # A long file repeats a unit's metadata on each of its rows: drop repeats of the row above
    # first (cheap), then the rest; the first spelling of each stays in file order.
    if m.height > 1:
        changed = pl.any_horizontal([pl.col(c).ne_missing(pl.col(c).shift(1)) for c in m.columns])
        m = m.filter(changed | (pl.int_range(pl.len()) == 0))
    m = m.unique(maintain_order=True)
    return m.select(
        pl.col("unit").str.strip_chars(),
        *[
            (pl.col(c).str.strip_chars() if c in present else pl.lit(None, dtype=pl.String)).alias(c)
            for c in META_COLUMNS
        ],
    ).filter(pl.col("unit").is_not_null() & (pl.col("unit") != ""))
