"""Field codes and value checks, shared by the reader (``normalise``) and the batch scanner (``scan``).

Both handle rows as integer codes in numpy: a field by its index in the rubric's dictionary, a
value's kind (number, percent, count, bool, or one kind per grade field), and a problem by its
index in ``PROBLEM_CODES``.  Each distinct text is read once (``parse_kinds``), and the rows
found wrong are turned into problems here, the same way for both readers, at most
``MAX_PROBLEMS_PER_KIND`` of each kind per file (``limited``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from ..core.groups import META_COLUMNS
from ..core.problems import Problem, Report, problem, said
from . import values as V
from .indicators import UNIT_SCHEMA

MAX_PROBLEMS_PER_KIND = 20  # per file and code; the rest are counted in one line
# How a value's text is read: by the field's type, and for a grade by the field's own levels.
BASE_KINDS = ("number", "percent", "count", "bool")
NUMBER, PERCENT, COUNT, BOOL = range(len(BASE_KINDS))
# A row's problem as a small integer (0: none), in numpy arrays.
PROBLEM_CODES = ("", "E-DATA-NUMBER", "E-DATA-BOOL", "E-DATA-GRADE", "E-DATA-RANGE", "E-DATA-MIXED")
PROBLEM_INDEX = {c: i for i, c in enumerate(PROBLEM_CODES)}
QUALIFIERS = ("", "lower_bound", "approx")
YEAR_MIN, YEAR_MAX = 1949, 2100
# What a field of each type expects, for E-DATA-NUMBER.
EXPECTED = {t: said(f"data.expect_{t}") for t in ("percent", "count", "number", "bool", "grade")}


@dataclass(frozen=True)
class FieldCodes:
    """The rubric's fields as the reader handles rows: field i by its code, its kind of value
    (number, percent, count, bool, or one kind per grade field, since their levels differ) and
    its range (NaN where open)."""

    fids: list[str]
    index: dict[str, int]
    grade_ids: list[str]
    kinds: list[str]
    kind_of: np.ndarray
    lo_of: np.ndarray
    hi_of: np.ndarray
    named: list = None  # field i as a problem names it (``field_named``: 中文名（id）)

    def kind_types(self) -> list[str]:
        """The field type each kind is read as (a grade kind: ``grade``)."""
        return [k if i < len(BASE_KINDS) else "grade" for i, k in enumerate(self.kinds)]


def field_codes(rubric) -> FieldCodes:
    """The codes of ``rubric``'s field dictionary."""
    from ..rubric.model import field_range

    fdefs = list(rubric.fields.values())
    fids = [f.id for f in fdefs]
    grade_ids = [f.id for f in fdefs if f.type == "grade"]
    kinds = list(BASE_KINDS) + grade_ids
    ranges = [field_range(f) for f in fdefs]
    return FieldCodes(
        fids=fids,
        index={fid: i for i, fid in enumerate(fids)},
        grade_ids=grade_ids,
        kinds=kinds,
        kind_of=np.array([kinds.index(f.id if f.type == "grade" else f.type) for f in fdefs], dtype=np.int64),
        lo_of=np.array([np.nan if r[0] is None else r[0] for r in ranges], dtype=np.float64),
        hi_of=np.array([np.nan if r[1] is None else r[1] for r in ranges], dtype=np.float64),
        named=[field_named(rubric, fid) for fid in fids],
    )


def parse_kinds(table: pl.DataFrame, codes: FieldCodes, rubric) -> pl.DataFrame:
    """Parse a table of distinct (``_raw`` text, ``kind`` code, ``_ftype``) pairs; a grade kind
    is matched against its field's levels (E-DATA-GRADE when the text is none of them)."""
    table = V.parse_distinct(table.lazy(), keep=("kind",)).collect()
    if codes.grade_ids:
        levels = pl.DataFrame(
            [
                (codes.kinds.index(fid), lv, float(j))
                for fid in codes.grade_ids
                for j, lv in enumerate(rubric.fields[fid].levels or [])
            ],
            schema={"kind": pl.Int64, "text": pl.String, "level_idx": pl.Float64},
            orient="row",
        )
        table = table.join(levels, on=["kind", "text"], how="left", maintain_order="left")
        is_grade = pl.col("kind") >= len(BASE_KINDS)
        table = table.with_columns(
            pl.when(is_grade).then(pl.col("level_idx")).otherwise(pl.col("value")).alias("value"),
            pl.when(is_grade & ~pl.col("is_missing") & pl.col("level_idx").is_null())
            .then(pl.lit("E-DATA-GRADE"))
            .otherwise(pl.col("problem"))
            .alias("problem"),
        )
    return table


def typed_cells(num: pl.Series, kind: np.ndarray, value: np.ndarray, pcode: np.ndarray) -> np.ndarray:
    """Take the cells a typed column (Parquet, JSON numbers) gives as numbers as they are: a
    number as itself (E-DATA-NUMBER when not finite), a yes/no as 1/0 (E-DATA-BOOL for other
    numbers).  ``value`` and ``pcode`` are updated; returns which cells were typed."""
    has = num.is_not_null().to_numpy()
    v = num.cast(pl.Float64).fill_null(np.nan).to_numpy()
    cell = has & (kind < BOOL)
    value[cell] = v[cell]
    pcode[cell] = np.where(np.isfinite(v[cell]), 0, PROBLEM_INDEX["E-DATA-NUMBER"])
    cell = has & (kind == BOOL)
    yes, no = v[cell] == 1, v[cell] == 0
    value[cell] = np.where(yes, 1.0, np.where(no, 0.0, np.nan))
    pcode[cell] = np.where(yes | no, 0, PROBLEM_INDEX["E-DATA-BOOL"])
    return has


def outside_range(codes: FieldCodes, fcode: np.ndarray, value: np.ndarray, pcode: np.ndarray) -> np.ndarray:
    """The numeric cells with no problem yet whose value is outside their field's range (or a
    count that is not whole)."""
    kind = codes.kind_of[fcode]
    with np.errstate(invalid="ignore"):
        lo, hi = codes.lo_of[fcode], codes.hi_of[fcode]
        return (
            (kind < BOOL)
            & (pcode == 0)
            & ~np.isnan(value)
            & ((value < lo) | (value > hi) | ((kind == COUNT) & (value != np.floor(value))))
        )


def year_expr(e: pl.Expr) -> pl.Expr:
    """A year as people write it (``2024``, ``2024年``, ``２０２４年度``) → Int32, null when it is
    not a year between 1949 and 2100."""
    t = V.clean_text(e).str.replace(r"年度?$", "").str.replace(r"\.0$", "")
    y = t.cast(pl.Int32, strict=False)
    return pl.when((y >= YEAR_MIN) & (y <= YEAR_MAX)).then(y).otherwise(None)


def value_problems(rows: pl.DataFrame, codes: FieldCodes, rubric, report: Report) -> None:
    """The problems of values that cannot be read (E-DATA-NUMBER, -BOOL, -GRADE, -RANGE,
    -MIXED): ``rows`` with ``pcode`` (an index of PROBLEM_CODES), ``fcode``, ``raw`` (the text)
    or ``num`` (a typed number), ``value``, ``file``, ``row`` and ``vcol``."""
    ftypes = {i: rubric.fields[fid].type for i, fid in enumerate(codes.fids)}
    named = rows.filter(pl.col("pcode") != 0).with_columns(
        pl.col("pcode").replace_strict(dict(enumerate(PROBLEM_CODES)), return_dtype=pl.String).alias("problem"),
        pl.col("fcode").replace_strict(dict(enumerate(codes.fids)), return_dtype=pl.String).alias("fid"),
        pl.col("fcode").replace_strict(ftypes, return_dtype=pl.String).alias("ftype"),
        pl.coalesce(pl.col("raw"), pl.col("num").cast(pl.String).str.replace(r"\.0$", "")).alias("raw"),
    )
    limited(report, named, lambda r: _value_problem(r, rubric))


def field_named(rubric, fid: str):
    """A field as a data problem names it: its 中文名 with the id after it (许可事项数（permit_items）),
    so that a county reads the name its sheet shows and a maintainer still finds the id."""
    fdef = rubric.fields.get(fid) if rubric is not None else None
    if fdef is None or not fdef.name or fdef.name == fid:
        return fid
    return said("data.field_named", name=fdef.name, id=fid)


def _value_problem(r: dict, rubric) -> Problem:
    code, at = r["problem"], (r["file"], r["row"], r["vcol"])
    field = field_named(rubric, r["fid"])
    if code == "E-DATA-RANGE":
        return problem(code, *at, value=r["raw"], field=field, range=_range(rubric.fields[r["fid"]], r["ftype"]))
    if code == "E-DATA-MIXED":
        from .excel import as_percent_text

        return problem(code, *at, value=r["raw"], percent=as_percent_text(repr(r["value"]))[:-1])
    if code == "E-DATA-GRADE":
        levels = tuple(rubric.fields[r["fid"]].levels or [])
        return problem(code, *at, value=r["raw"], field=field, levels=levels)
    return problem(code, *at, value=r["raw"], field=field, expected=EXPECTED.get(r["ftype"], ""))


def _range(fdef, ftype: str):
    """A field's range as a message shows it: ``0–100``, ``≥ 0``, or the words for a count."""
    from ..rubric.model import field_range

    if ftype == "count":
        return said("data.range_count")
    lo, hi = field_range(fdef)
    if lo is not None and hi is not None:
        return f"{lo:g}–{hi:g}"
    return f"≥ {lo:g}" if lo is not None else f"≤ {hi:g}"


def limited(report: Report, rows: pl.DataFrame, make) -> None:
    """Report ``make(row)`` for at most MAX_PROBLEMS_PER_KIND rows per file, then one line with
    the count of the rest (E-DATA-MORE)."""
    if rows.height == 0:
        return
    for file, group in rows.group_by("file", maintain_order=True):
        for r in group.head(MAX_PROBLEMS_PER_KIND).iter_rows(named=True):
            report.add(make(r))
        if group.height > MAX_PROBLEMS_PER_KIND:
            first = make(group.row(0, named=True))
            count = group.height - MAX_PROBLEMS_PER_KIND
            report.add(problem("E-DATA-MORE", file[0], None, count=count, kind=first.code))


def unit_metadata(metas: list[pl.DataFrame], report: Report) -> pl.DataFrame:
    """One row per unit (``UNIT_SCHEMA``) from the metadata rows of every table; a unit given two
    different cities (provinces …) is E-DATA-META, and the first is kept."""
    frames = [m for m in metas if m is not None and m.height]
    if not frames:
        return pl.DataFrame(schema=UNIT_SCHEMA)
    allm = pl.concat([m.cast(UNIT_SCHEMA) for m in frames])
    out = []
    for m in META_COLUMNS:
        per = (
            allm.filter(pl.col(m).is_not_null() & (pl.col(m) != ""))
            .group_by("unit", maintain_order=True)
            .agg(pl.col(m).unique(maintain_order=True))
        )
        for r in per.filter(pl.col(m).list.len() > 1).iter_rows(named=True):
            report.add(problem("E-DATA-META", "", None, unit=r["unit"], what=m, a=r[m][0], b=r[m][1]))
        out.append(per.with_columns(pl.col(m).list.first()))
    units = allm.select("unit").unique(maintain_order=True)
    for part in out:
        units = units.join(part, on="unit", how="left", maintain_order="left")
    return units.select(list(UNIT_SCHEMA)).cast(UNIT_SCHEMA).sort("unit")
