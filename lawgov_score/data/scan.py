"""Township scale: ranking from long-form Parquet files too large to load whole.

The files are scanned (``pl.scan_parquet``), never read whole.  A first pass collects, in the
streaming engine, only what is small: the distinct units, years, field names and value texts,
and the unit metadata.  Each distinct text is read once (``codes``), as in ``normalise``.  A
second pass takes the rows in batches (``collect_batches``); each batch becomes integer codes and
its values are written into one numpy grid of units × years × fields.  Memory is that grid (8
bytes a cell: 38,000 units × 10 years × 109 fields is 330 MB) and one batch, not the file.
Scoring is then done year by year (relative rules compare the units of one year) and ranked
together (``engine.scan``).

The checks are those of the in-memory reader (unknown fields, values that are not numbers, out
of range or mixed percent forms, bad years, empty unit names, a value given twice), each kind
reported at its first places with a count of the rest.  Only long form is scanned (unit, year,
field, value columns; a wide or text file of this size should be converted to long Parquet).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from ..core.groups import META_COLUMNS
from ..core.paths import shown_path
from ..core.problems import Report, did_you_mean, problem, said
from .codes import (
    MAX_PROBLEMS_PER_KIND,
    PERCENT,
    PROBLEM_INDEX,
    FieldCodes,
    field_codes,
    outside_range,
    parse_kinds,
    typed_cells,
    unit_metadata,
    value_problems,
    year_expr,
)
from .columns import column_roles
from .indicators import UNIT_SCHEMA, Indicators
from .readers import data_files, library_failure, nested_columns
from .unitnames import unify, visible

SCAN_ROWS = 20_000_000  # `rank` scans Parquet inputs with more rows than this
BATCH_ROWS = 1_000_000
KIND_CODES = {"value": "E-DATA-NUMBER", "year": "E-DATA-YEAR", "unit": "E-DATA-UNIT", "dup": "E-DATA-DUP"}


def parquet_rows(paths: list[str | Path]) -> int | None:
    """The number of rows of the inputs when every one is Parquet (read from the footers only),
    else None."""
    files, report = data_files(paths)
    if not report.ok or not files or any(p.suffix.lower() not in (".parquet", ".pq") for p in files):
        return None
    try:
        return sum(pl.scan_parquet(p).select(pl.len()).collect().item() for p in files)
    except BaseException as exc:
        if not library_failure(exc):
            raise
        return None  # the careful reader will say what is wrong


@dataclass
class Scanned:
    """What the scan found: values in a grid (unit, year, field), and who has a row at all."""

    grid: np.ndarray  # float64 [units, years, fields], NaN where no value
    named: np.ndarray  # bool [units, years]: the files name this unit in this year
    units: list[str]  # code point order
    years: list[int | None]
    fields: list[str]
    meta: pl.DataFrame  # UNIT_SCHEMA
    files: list[str]

    def indicators(self, year: int | None) -> Indicators:
        """The indicators of one year, with the wide frame scoring uses (no long values)."""
        y = self.years.index(year)
        rows = np.flatnonzero(self.named[:, y])
        wide = pl.DataFrame(
            {
                "unit": pl.Series([self.units[i] for i in rows], dtype=pl.String),
                "year": pl.Series([year] * len(rows), dtype=pl.Int32),
            }
        )
        block = self.grid[rows, y, :]
        wide = wide.with_columns([pl.Series(f, block[:, j], nan_to_null=True) for j, f in enumerate(self.fields)])

        def build() -> pl.DataFrame:
            raise NotImplementedError("scanned indicators keep no long values; read the files with read_indicators")

        return Indicators(units=self.meta, files=self.files, keys=wide.select("unit", "year"), build=build, wide=wide)


def scan_indicators(paths: list[str | Path], rubric, batch_rows: int = BATCH_ROWS) -> tuple[Scanned | None, Report]:
    """Scan long Parquet files in batches of ``batch_rows`` into a ``Scanned`` grid, with every
    check of the in-memory reader; (None, the report) when any error was found."""
    files, report = data_files(paths)
    if not report.ok:
        return None, report
    sources = [s for s in (_open(path, report) for path in files) if s is not None]
    if not report.ok:
        return None, report
    codes = field_codes(rubric)
    texts = _Texts.of(sources, rubric, codes, report)
    meta = _metadata(sources, report)
    fill = _Fill(texts, codes, len(sources))
    for i, src in enumerate(sources):
        for batch in src.batches(batch_rows):
            fill.add(i, batch)
    del fill.filled
    _kept_problems(fill, sources, texts, codes, rubric, report)
    _mixed_percents(fill, sources, report)
    if not report.ok:
        return None, report
    nu, ny, nf = max(len(texts.unit_names), 1), max(len(texts.slots), 1), len(codes.fids)
    scanned = Scanned(
        grid=fill.grid.reshape(nu, ny, nf),
        named=fill.named.reshape(nu, ny),
        units=texts.unit_names,
        years=texts.slots,
        fields=codes.fids,
        meta=meta,
        files=[s.shown for s in sources],
    )
    return scanned, report


# --- the files -------------------------------------------------------------------------------------


@dataclass
class _Source:
    """One Parquet file as a lazy frame of unit, year, field, raw (text), num (typed) and metadata."""

    lf: pl.LazyFrame
    roles: dict[str, str]  # role → the file's column
    shown: str

    def batches(self, rows: int):
        """The rows in batches, each with its file row (the header is row 1)."""
        lf = self.lf.select("unit", "year", "field", "raw", "num").with_row_index("row", offset=2)
        return lf.collect_batches(chunk_size=rows)


def _open(path: Path, report: Report) -> _Source | None:
    """The file as a lazy frame, or None with the problem: not Parquet, or not long form."""
    where = shown_path(path)
    try:
        schema = pl.read_parquet_schema(path)
    except BaseException as exc:
        if not library_failure(exc):
            raise
        report.add(problem("E-DATA-FILE", where, reason=said("data.scan_not_parquet")))
        return None
    roles = column_roles(list(schema))
    nested = nested_columns({c: schema[c] for c in roles.values()}, where)
    if nested:
        report.extend(nested)
        return None
    if not {"unit", "field", "value"} <= roles.keys():
        report.add(problem("E-DATA-COLUMNS", where, 1, reason=said("data.scan_long_only")))
        return None

    def col(role: str) -> pl.Expr:
        return pl.col(roles[role]) if role in roles else pl.lit(None, dtype=pl.String)

    value = schema[roles["value"]]
    typed_value = value.is_numeric()  # a boolean reads as its text, as in ``layout``
    year = col("year").cast(pl.String)
    if "year" in roles and schema[roles["year"]].is_numeric():
        year = col("year").cast(pl.Float64).cast(pl.String).str.replace(r"\.0$", "")
    lf = pl.scan_parquet(path).select(
        col("unit").cast(pl.String).alias("unit"),
        year.alias("year"),
        col("field").cast(pl.String).alias("field"),
        (pl.lit(None, dtype=pl.String) if typed_value else col("value").cast(pl.String)).alias("raw"),
        (col("value").cast(pl.Float64) if typed_value else pl.lit(None, dtype=pl.Float64)).alias("num"),
        *[col(m).cast(pl.String).alias(m) for m in META_COLUMNS],
    )
    return _Source(lf, roles, where)


def _distinct(sources: list[_Source], expr) -> pl.Series:
    frames = [s.lf.select(expr.alias("x")) for s in sources]
    return pl.concat(frames).unique().collect(engine="streaming").get_column("x")


def _metadata(sources: list[_Source], report: Report) -> pl.DataFrame:
    """The units' metadata (city, province …) of the files that give any."""
    meta_rows = [
        s.lf.select(pl.col("unit").str.strip_chars(), *[pl.col(m).str.strip_chars() for m in META_COLUMNS]).unique()
        for s in sources
        if any(m in s.roles for m in META_COLUMNS)
    ]
    named = pl.col("unit").is_not_null() & (pl.col("unit") != "")
    metas = [m.filter(named).collect(engine="streaming") for m in meta_rows]
    return unit_metadata(metas, report) if metas else pl.DataFrame(schema=UNIT_SCHEMA)


# --- 1. the distinct texts, each read once ---------------------------------------------------------


@dataclass
class _Texts:
    """The distinct texts of the files' unit, year, field and value columns, each with its code:
    a batch's column cast to the Enum of its texts gives a row's position, and the code table
    at that position the code (the last entry: a null)."""

    field_enum: pl.Enum
    field_code: np.ndarray  # field index, -1 blank or null, -2 not in the dictionary
    unit_enum: pl.Enum
    unit_code: np.ndarray  # unit index (code point order), -1 blank or null
    unit_names: list[str]
    year_enum: pl.Enum
    year_code: np.ndarray  # year slot, -2 a year that cannot be read
    slots: list[int | None]  # the years (None: rows without a year, last)
    raw_enum: pl.Enum | None
    nv: int  # distinct value texts and a null: value table row = kind * nv + value code
    t_value: np.ndarray
    t_pcode: np.ndarray
    t_missing: np.ndarray
    t_pct: np.ndarray

    @classmethod
    def of(cls, sources: list[_Source], rubric, codes: FieldCodes, report: Report) -> _Texts:
        """Read the distinct texts of ``sources``; unknown field names are E-DATA-FIELD at the
        first row of each file that names them."""
        field_names, field_code = _field_texts(sources, rubric.field_lookup(), codes, report)
        raw_units = _distinct(sources, pl.col("unit")).drop_nulls().sort()
        clean, folded = unify(raw_units)  # as ``normalise`` reads them; not located in a scan
        for name, unit in folded[:MAX_PROBLEMS_PER_KIND]:
            report.add(problem("W-DATA-UNIT-NAME", ", ".join(s.shown for s in sources), name=visible(name), unit=unit))
        unit_names = sorted(set(clean.drop_nulls().to_list()))
        uindex = {u: i for i, u in enumerate(unit_names)}
        unit_code = np.array([uindex.get(u, -1) for u in clean.to_list()] + [-1], dtype=np.int64)
        year_texts, year_code, slots = _year_texts(sources)
        raws = _distinct(sources, pl.col("raw")).drop_nulls()
        t_value, t_pcode, t_missing, t_pct = _value_table(raws, codes, rubric)
        return cls(
            field_enum=pl.Enum(field_names),
            field_code=field_code,
            unit_enum=pl.Enum(raw_units),
            unit_code=unit_code,
            unit_names=unit_names,
            year_enum=pl.Enum(year_texts),
            year_code=year_code,
            slots=slots,
            raw_enum=pl.Enum(raws) if len(raws) else None,
            nv=len(raws) + 1,
            t_value=t_value,
            t_pcode=t_pcode,
            t_missing=t_missing,
            t_pct=t_pct,
        )

    def codes(self, batch: pl.DataFrame, col: str, enum: pl.Enum, table: np.ndarray) -> np.ndarray:
        """The code of each row of a batch's column ``col``."""
        if len(table) == 1:  # nothing but nulls in the column
            return np.full(batch.height, table[0])
        position = batch.get_column(col).cast(enum).to_physical().cast(pl.Int64).fill_null(len(table) - 1)
        return table[position.to_numpy()]

    def value_codes(self, batch: pl.DataFrame) -> np.ndarray:
        """The code of each row's value text (nv - 1: none)."""
        if self.raw_enum is None:
            return np.full(batch.height, self.nv - 1)
        raw = batch.get_column("raw").cast(self.raw_enum).to_physical().cast(pl.Int64)
        return raw.fill_null(self.nv - 1).to_numpy()


def _field_texts(
    sources: list[_Source], lookup: dict[str, str], codes: FieldCodes, report: Report
) -> tuple[pl.Series, np.ndarray]:
    """(the distinct field names, the code of each and of a null)."""
    names = _distinct(sources, pl.col("field")).drop_nulls()
    fmap = {}
    for n in names.to_list():
        s = n.strip()
        fmap[n] = (codes.index[lookup[s]] if s in lookup else -2) if s else -1
    unknown = [n for n, c in fmap.items() if c == -2]
    for src in sources if unknown else []:
        first = (
            src.lf.with_row_index("row", offset=2)
            .filter(pl.col("field").is_in(unknown))
            .group_by("field")
            .agg(pl.col("row").min())
            .sort("row")
            .collect(engine="streaming")
        )
        for name, row in first.iter_rows():
            field, fcol = name.strip(), src.roles["field"]
            report.add(
                problem("E-DATA-FIELD", src.shown, row, fcol, field=field, suggestion=did_you_mean(field, lookup))
            )
    field_code = np.array(list(fmap.values()) + [-1], dtype=np.int64)  # the last: a null field name
    return pl.Series(list(fmap), dtype=pl.String), field_code


def _year_texts(sources: list[_Source]) -> tuple[pl.Series, np.ndarray, list[int | None]]:
    """(the distinct year texts, the slot of each and of a null (-2: not a year), the years)."""
    year_texts = _distinct(sources, pl.col("year")).drop_nulls()
    year_ints = pl.DataFrame({"y": year_texts}).select(year_expr(pl.col("y"))).to_series().to_list()
    years = sorted({y for y in year_ints if y is not None})
    any_null = [s.lf.select(pl.col("year").is_null().any()) for s in sources]
    has_null_year = bool(any_null) and pl.concat(any_null).collect(engine="streaming").to_series().any()
    slots = years + ([None] if has_null_year else [])
    yslot = {y: i for i, y in enumerate(slots)}
    codes = [yslot[y] if y is not None else -2 for y in year_ints] + [yslot.get(None, -2)]
    return year_texts, np.array(codes, dtype=np.int64), slots


def _value_table(raws: pl.Series, codes: FieldCodes, rubric) -> tuple[np.ndarray, ...]:
    """Every distinct value text (and a null) read as every kind: value, problem index, missing,
    percent sign; row = kind * nv + value code."""
    nk = len(codes.kinds)
    table = pl.DataFrame(
        {
            "_raw": pl.concat([raws, pl.Series([None], dtype=pl.String)]).to_list() * nk,
            "kind": np.repeat(np.arange(nk), len(raws) + 1),
        },
        schema={"_raw": pl.String, "kind": pl.Int64},
    )
    ftypes = dict(enumerate(codes.kind_types()))
    table = table.with_columns(pl.col("kind").replace_strict(ftypes, return_dtype=pl.String).alias("_ftype"))
    table = parse_kinds(table, codes, rubric)
    return (
        table.get_column("value").cast(pl.Float64).fill_null(np.nan).to_numpy(),
        table.get_column("problem").fill_null("").replace_strict(PROBLEM_INDEX, return_dtype=pl.Int8).to_numpy(),
        table.get_column("is_missing").to_numpy(),
        table.get_column("pct").fill_null(False).to_numpy(),
    )


# --- 2. the rows, batch by batch, into the grid -----------------------------------------------------


class _Fill:
    """The grid being filled, and the problems kept (the first MAX_PROBLEMS_PER_KIND of each
    kind per file, with the count of all)."""

    def __init__(self, texts: _Texts, codes: FieldCodes, nsources: int):
        self.texts, self.codes = texts, codes
        self.nf, self.ny = len(codes.fids), max(len(texts.slots), 1)
        size = max(len(texts.unit_names), 1) * self.ny * self.nf
        self.grid = np.full(size, np.nan)
        self.filled = np.zeros(size, dtype=bool)
        self.named = np.zeros(max(len(texts.unit_names), 1) * self.ny, dtype=bool)
        self.kept: dict[tuple[int, str], list[pl.DataFrame]] = {}
        self.counts: dict[tuple[int, str], int] = {}
        self.signed = np.zeros((nsources, self.nf), dtype=bool)  # files × fields that write percents with %
        self.fractions: list[pl.DataFrame] = []

    def keep(self, i: int, kind: str, rows: pl.DataFrame) -> None:
        """Count the problem rows of one kind in file ``i``; keep the first ones."""
        if not rows.height:
            return
        key = (i, kind)
        self.counts[key] = self.counts.get(key, 0) + rows.height
        have = sum(f.height for f in self.kept.get(key, []))
        if have < MAX_PROBLEMS_PER_KIND:
            self.kept.setdefault(key, []).append(rows.head(MAX_PROBLEMS_PER_KIND - have))

    def add(self, i: int, batch: pl.DataFrame) -> None:
        """One batch of file ``i``: its values checked and written into the grid."""
        t = self.texts
        fc = t.codes(batch, "field", t.field_enum, t.field_code)
        ok = fc >= 0
        uc, yc = t.codes(batch, "unit", t.unit_enum, t.unit_code), t.codes(batch, "year", t.year_enum, t.year_code)
        kind = self.codes.kind_of[np.where(ok, fc, 0)]
        at = kind * t.nv + t.value_codes(batch)
        value, pcode, missing, pct = t.t_value[at], t.t_pcode[at].copy(), t.t_missing[at].copy(), t.t_pct[at].copy()
        num = batch.get_column("num")
        if num.null_count() < batch.height:
            has = typed_cells(num, kind, value, pcode)
            missing[has], pct[has] = False, False
        pcode[ok & outside_range(self.codes, np.where(ok, fc, 0), value, pcode)] = PROBLEM_INDEX["E-DATA-RANGE"]
        with np.errstate(invalid="ignore"):
            percent = ok & (kind == PERCENT) & (pcode == 0)
            self.signed[i, np.unique(fc[percent & pct])] = True
            fraction = percent & ~pct & (value > 0) & (value < 1)
        if fraction.any():
            extra = {"file": pl.lit(i), "fcode": pl.Series(fc[fraction]), "value": pl.Series(value[fraction])}
            self.fractions.append(batch.filter(pl.Series(fraction)).with_columns(**extra))
        pcode[~ok] = 0
        masks = {"value": ok & (pcode != 0), "year": ok & (yc == -2), "unit": ok & (uc < 0) & ~missing}
        for kind_name, mask in masks.items():
            if mask.any():
                extra = {"fcode": pl.Series(fc[mask]), "pcode": pl.Series(pcode[mask]), "value": pl.Series(value[mask])}
                self.keep(i, kind_name, batch.filter(pl.Series(mask)).with_columns(**extra))
        self._fill(i, batch, ok & (uc >= 0) & (yc >= 0), (uc * self.ny + yc), fc, value, (pcode == 0) & ~missing, uc)

    def _fill(self, i, batch, live, key, fc, value, usable, uc) -> None:
        """Write the usable values of the rows that name a unit and year; a cell already filled
        (by an earlier batch, or earlier in this one) is E-DATA-DUP."""
        self.named[key[live]] = True
        good = live & usable
        cells = (key * self.nf + fc)[good]
        again = self.filled[cells]
        if len(np.unique(cells)) < len(cells):  # within the batch
            again = again | ~pl.Series(cells).is_first_distinct().to_numpy()
        values = value[good]
        if again.any():
            extra = {"fcode": pl.Series(fc[good][again]), "ucode": pl.Series(uc[good][again])}
            self.keep(i, "dup", batch.filter(pl.Series(good)).filter(pl.Series(again)).with_columns(**extra))
            cells, values = cells[~again], values[~again]
        self.grid[cells] = values
        self.filled[cells] = True


# --- 3. the problems, at their first places --------------------------------------------------------


def _kept_problems(fill: _Fill, sources: list[_Source], texts: _Texts, codes: FieldCodes, rubric, report) -> None:
    """The problems of the rows kept, and for each kind and file the count of the rest."""
    for (i, kind), frames in fill.kept.items():
        src = sources[i]
        rows = pl.concat(frames, how="diagonal_relaxed").with_columns(
            file=pl.lit(src.shown), vcol=pl.lit(src.roles["value"])
        )
        if kind == "value":
            value_problems(rows, codes, rubric, report)
        elif kind == "year":
            ycol = src.roles.get("year", "year")
            report.extend(
                problem("E-DATA-YEAR", src.shown, r["row"], ycol, value=r["year"]) for r in rows.iter_rows(named=True)
            )
        elif kind == "unit":
            report.extend(
                problem("E-DATA-UNIT", src.shown, r["row"], src.roles["unit"]) for r in rows.iter_rows(named=True)
            )
        else:
            _duplicates(rows, src, texts, codes, report)
        if fill.counts[(i, kind)] > MAX_PROBLEMS_PER_KIND:
            more = fill.counts[(i, kind)] - MAX_PROBLEMS_PER_KIND
            report.add(problem("E-DATA-MORE", src.shown, None, count=more, kind=KIND_CODES[kind]))


def _duplicates(rows: pl.DataFrame, src: _Source, texts: _Texts, codes: FieldCodes, report: Report) -> None:
    """E-DATA-DUP, with where each was first given: one more scan, of these few keys only."""
    keys = ["unit", "year", "field"]
    firsts = (
        src.lf.with_row_index("row", offset=2)
        .join(rows.select(keys).unique().lazy(), on=keys, how="semi", nulls_equal=True)
        .group_by(keys)
        .agg(pl.col("row").min().alias("first"))
        .collect(engine="streaming")
    )
    rows = rows.join(firsts, on=keys, how="left", nulls_equal=True, maintain_order="left")
    for r in rows.iter_rows(named=True):
        unit, field = texts.unit_names[r["ucode"]], codes.fids[r["fcode"]]
        at = (src.shown, r["row"], src.roles["field"])
        report.add(problem("E-DATA-DUP", *at, unit=unit, year=r["year"] or "", field=field, first=r["first"]))


def _mixed_percents(fill: _Fill, sources: list[_Source], report: Report) -> None:
    """E-DATA-MIXED: a bare fraction in a file and field that elsewhere writes percents with %."""
    if not fill.fractions:
        return
    rows = pl.concat(fill.fractions)
    signed = [bool(fill.signed[f, c]) for f, c in zip(rows["file"].to_list(), rows["fcode"].to_list())]
    rows = rows.filter(pl.Series(signed, dtype=pl.Boolean))
    if not rows.height:
        return
    from .excel import as_percent_text

    for r in rows.head(MAX_PROBLEMS_PER_KIND).iter_rows(named=True):
        src = sources[r["file"]]
        percent = as_percent_text(repr(r["value"]))[:-1]
        report.add(problem("E-DATA-MIXED", src.shown, r["row"], src.roles["value"], value=r["raw"], percent=percent))
