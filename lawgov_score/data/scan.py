"""Township scale: ranking from long-form Parquet files too large to load whole.

The files are scanned (``pl.scan_parquet``), never read whole.  A first pass collects, in the
streaming engine, only what is small: the distinct units, years, field names and value texts,
and the unit metadata.  Each distinct text is read once (``values``), as in ``read``.  A second
pass takes the rows in batches (``collect_batches``); each batch becomes integer codes and its
values are written into one numpy grid of units × years × fields.  Memory is that grid (8 bytes
a cell: 38,000 units × 10 years × 109 fields is 330 MB) and one batch, not the file.  Scoring
is then done year by year (relative rules compare the units of one year) and ranked together.

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
from ..core.problems import Report, did_you_mean, problem
from .columns import canonical
from .read import (
    _BASE_KINDS,
    _P,
    _PROBLEM_CODES,
    MAX_PROBLEMS_PER_KIND,
    UNIT_SCHEMA,
    Indicators,
    _units,
    _value_problems,
    _year,
    data_files,
    field_codes,
    library_failure,
    parse_kinds,
)

SCAN_ROWS = 20_000_000  # `rank` scans Parquet inputs with more rows than this
BATCH_ROWS = 1_000_000


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


def _col(schema, roles: dict[str, str], role: str) -> pl.Expr:
    name = roles.get(role)
    return pl.col(name) if name else pl.lit(None, dtype=pl.String)


def _distinct(lfs: list[pl.LazyFrame], expr) -> pl.Series:
    return pl.concat([lf.select(expr.alias("x")) for lf in lfs]).unique().collect(engine="streaming").get_column("x")


def scan_indicators(paths: list[str | Path], rubric, batch_rows: int = BATCH_ROWS) -> tuple[Scanned | None, Report]:
    files, report = data_files(paths)
    if not report.ok:
        return None, report
    shown = [shown_path(p) for p in files]
    lfs, roles_of = [], []
    for path, where in zip(files, shown):
        try:
            schema = pl.read_parquet_schema(path)
        except BaseException as exc:
            if not library_failure(exc):
                raise
            report.add(
                problem("E-DATA-FILE", where, reason="不是 Parquet 文件，或文件已损坏（逐批读取只用于 Parquet）")
            )
            continue
        roles: dict[str, str] = {}
        for col in schema:
            role = canonical(col)
            if role and role not in roles:
                roles[role] = col
        if not {"unit", "field", "value"} <= roles.keys():
            report.add(
                problem(
                    "E-DATA-COLUMNS", where, 1, reason="逐批读取只用于长表：须有单位、指标、数值列（宽表请先转成长表）"
                )
            )
            continue
        typed_year = "year" in roles and (schema[roles["year"]].is_numeric())
        typed_value = schema[roles["value"]].is_numeric() or schema[roles["value"]] == pl.Boolean
        lfs.append(
            pl.scan_parquet(path).select(
                pl.col(roles["unit"]).cast(pl.String).alias("unit"),
                (
                    pl.col(roles["year"]).cast(pl.Float64).cast(pl.String).str.replace(r"\.0$", "")
                    if typed_year
                    else _col(schema, roles, "year").cast(pl.String)
                ).alias("year"),
                pl.col(roles["field"]).cast(pl.String).alias("field"),
                (pl.lit(None, dtype=pl.String) if typed_value else pl.col(roles["value"]).cast(pl.String)).alias("raw"),
                (pl.col(roles["value"]).cast(pl.Float64) if typed_value else pl.lit(None, dtype=pl.Float64)).alias(
                    "num"
                ),
                *[_col(schema, roles, m).cast(pl.String).alias(m) for m in META_COLUMNS],
            )
        )
        roles_of.append(roles)
    if not report.ok:
        return None, report
    used = [s for s, r in zip(shown, roles_of)]

    # 1. the distinct texts, each read once
    lookup = rubric.field_lookup()
    codes = field_codes(rubric)
    fids, index, kinds = codes.fids, codes.index, codes.kinds
    kind_of, lo_of, hi_of = codes.kind_of, codes.lo_of, codes.hi_of
    nf, nk = len(fids), len(kinds)

    names = _distinct(lfs, pl.col("field")).drop_nulls()
    fmap = {}
    for n in names.to_list():
        s = n.strip()
        fmap[n] = (index[lookup[s]] if s in lookup else -2) if s else -1
    for i, lf in enumerate(lfs):
        unknown = [n for n, c in fmap.items() if c == -2]
        if unknown:
            first = (
                lf.with_row_index("row", offset=2)
                .filter(pl.col("field").is_in(unknown))
                .group_by("field")
                .agg(pl.col("row").min())
                .sort("row")
                .collect(engine="streaming")
            )
            for name, row in first.iter_rows():
                report.add(
                    problem(
                        "E-DATA-FIELD",
                        used[i],
                        row,
                        roles_of[i]["field"],
                        field=name.strip(),
                        suggestion=did_you_mean(name.strip(), lookup),
                    )
                )
    field_names = pl.Series(list(fmap), dtype=pl.String)
    field_code = np.array(list(fmap.values()) + [-1], dtype=np.int64)  # the last: a null field name

    raw_units = _distinct(lfs, pl.col("unit")).drop_nulls()
    clean = raw_units.str.strip_chars()
    unit_names = sorted(set(clean.filter(clean != "").to_list()))
    uindex = {u: i for i, u in enumerate(unit_names)}
    unit_code = np.array([uindex.get(u, -1) for u in clean.to_list()] + [-1], dtype=np.int64)

    year_texts = _distinct(lfs, pl.col("year")).drop_nulls()
    year_ints = pl.DataFrame({"y": year_texts}).select(_year(pl.col("y"))).to_series().to_list()
    years = sorted({y for y in year_ints if y is not None})
    has_null_year = (
        lfs
        and pl.concat([lf.select(pl.col("year").is_null().any()) for lf in lfs])
        .collect(engine="streaming")
        .to_series()
        .any()
    )
    slots = years + ([None] if has_null_year else [])
    yslot = {y: i for i, y in enumerate(slots)}
    year_code = np.array(
        [yslot[y] if y is not None else -2 for y in year_ints] + [yslot.get(None, -2)], dtype=np.int64
    )  # -2: a bad year

    raws = _distinct(lfs, pl.col("raw")).drop_nulls()
    table = pl.DataFrame(
        {
            "_raw": pl.concat([raws, pl.Series([None], dtype=pl.String)]).to_list() * nk,
            "kind": np.repeat(np.arange(nk), len(raws) + 1),
        },
        schema={"_raw": pl.String, "kind": pl.Int64},
    )
    table = table.with_columns(
        pl.col("kind")
        .replace_strict(
            {i: (k if i < len(_BASE_KINDS) else "grade") for i, k in enumerate(kinds)}, return_dtype=pl.String
        )
        .alias("_ftype")
    )
    table = parse_kinds(table, codes, rubric)
    nv = len(raws) + 1  # table row = kind * nv + value code
    t_value = table.get_column("value").cast(pl.Float64).fill_null(np.nan).to_numpy()
    t_pcode = table.get_column("problem").fill_null("").replace_strict(_P, return_dtype=pl.Int8).to_numpy()
    t_missing = table.get_column("is_missing").to_numpy()
    t_pct = table.get_column("pct").fill_null(False).to_numpy()

    meta_rows = [
        lf.select(pl.col("unit").str.strip_chars(), *[pl.col(m).str.strip_chars() for m in META_COLUMNS]).unique()
        for lf, r in zip(lfs, roles_of)
        if any(m in r for m in META_COLUMNS)
    ]
    metas = [
        m.filter(pl.col("unit").is_not_null() & (pl.col("unit") != "")).collect(engine="streaming") for m in meta_rows
    ]
    meta = _units(metas, report) if metas else pl.DataFrame(schema=UNIT_SCHEMA)

    # 2. the rows, batch by batch, into the grid
    nu, ny = max(len(unit_names), 1), max(len(slots), 1)
    grid = np.full(nu * ny * nf, np.nan)
    filled = np.zeros(nu * ny * nf, dtype=bool)
    named = np.zeros(nu * ny, dtype=bool)
    kept: dict[tuple[int, str], list[pl.DataFrame]] = {}
    counts: dict[tuple[int, str], int] = {}
    signed = np.zeros((len(lfs), nf), dtype=bool)
    fractions: list[pl.DataFrame] = []
    unit_enum, field_enum, year_enum, raw_enum = (pl.Enum(s) for s in (raw_units, field_names, year_texts, raws))

    def keep(i: int, kind: str, rows: pl.DataFrame) -> None:
        if rows.height:
            key = (i, kind)
            counts[key] = counts.get(key, 0) + rows.height
            have = sum(f.height for f in kept.get(key, []))
            if have < MAX_PROBLEMS_PER_KIND:
                kept.setdefault(key, []).append(rows.head(MAX_PROBLEMS_PER_KIND - have))

    for i, lf in enumerate(lfs):
        for batch in (
            lf.select("unit", "year", "field", "raw", "num")
            .with_row_index("row", offset=2)
            .collect_batches(chunk_size=batch_rows)
        ):
            n = batch.height

            def codes(col: str, enum, table: np.ndarray) -> np.ndarray:
                if len(table) == 1:  # nothing but nulls in the column
                    return np.full(n, table[0])
                return table[
                    batch.get_column(col).cast(enum).to_physical().cast(pl.Int64).fill_null(len(table) - 1).to_numpy()
                ]

            fc = codes("field", field_enum, field_code)
            ok = fc >= 0
            uc, yc = codes("unit", unit_enum, unit_code), codes("year", year_enum, year_code)
            kind = kind_of[np.where(ok, fc, 0)]
            vcode = (
                batch.get_column("raw").cast(raw_enum).to_physical().cast(pl.Int64).fill_null(nv - 1).to_numpy()
                if len(raws)
                else np.full(n, nv - 1)
            )
            at = kind * nv + vcode
            value, pcode, missing, pct = t_value[at], t_pcode[at].copy(), t_missing[at].copy(), t_pct[at].copy()
            num = batch.get_column("num")
            if num.null_count() < n:
                has = num.is_not_null().to_numpy()
                v = num.fill_null(np.nan).to_numpy()
                cell = has & (kind < 3)
                value[cell] = v[cell]
                pcode[cell] = np.where(np.isfinite(v[cell]), 0, _P["E-DATA-NUMBER"])
                cell = has & (kind == 3)
                value[cell] = np.where(v[cell] == 1, 1.0, np.where(v[cell] == 0, 0.0, np.nan))
                pcode[cell] = np.where((v[cell] == 1) | (v[cell] == 0), 0, _P["E-DATA-BOOL"])
                missing[has], pct[has] = False, False
            with np.errstate(invalid="ignore"):
                f = np.where(ok, fc, 0)
                outside = (
                    ok
                    & (kind < 3)
                    & (pcode == 0)
                    & ~np.isnan(value)
                    & ((value < lo_of[f]) | (value > hi_of[f]) | ((kind == 2) & (value != np.floor(value))))
                )
                pcode[outside] = _P["E-DATA-RANGE"]
                percent = ok & (kind == 1) & (pcode == 0)
                signed[i, np.unique(fc[percent & pct])] = True
                fraction = percent & ~pct & (value > 0) & (value < 1)
            if fraction.any():
                fractions.append(
                    batch.filter(pl.Series(fraction)).with_columns(
                        file=pl.lit(i), fcode=pl.Series(fc[fraction]), value=pl.Series(value[fraction])
                    )
                )
            pcode[~ok] = 0
            bad_year = ok & (yc == -2)
            no_unit = ok & (uc < 0) & ~missing
            bad = ok & (pcode != 0)
            for kind_name, mask in (("value", bad), ("year", bad_year), ("unit", no_unit)):
                if mask.any():
                    keep(
                        i,
                        kind_name,
                        batch.filter(pl.Series(mask)).with_columns(
                            fcode=pl.Series(fc[mask]), pcode=pl.Series(pcode[mask]), value=pl.Series(value[mask])
                        ),
                    )
            live = ok & (uc >= 0) & (yc >= 0)
            named[(uc * ny + yc)[live]] = True
            good = live & (pcode == 0) & ~missing
            cells = ((uc * ny + yc) * nf + fc)[good]
            again = filled[cells]
            if len(np.unique(cells)) < len(cells):  # within the batch
                first = pl.Series(cells).is_first_distinct().to_numpy()
                again = again | ~first
            if again.any():
                rows = batch.filter(pl.Series(good))
                keep(
                    i,
                    "dup",
                    rows.filter(pl.Series(again)).with_columns(
                        fcode=pl.Series(fc[good][again]), ucode=pl.Series(uc[good][again])
                    ),
                )
                cells, values = cells[~again], value[good][~again]
            else:
                values = value[good]
            grid[cells] = values
            filled[cells] = True
    del filled

    # 3. the problems, at their first places
    ftypes = {i: rubric.fields[fid].type for i, fid in enumerate(fids)}
    for (i, kind), frames in kept.items():
        rows = pl.concat(frames, how="diagonal_relaxed").with_columns(
            file=pl.lit(used[i]), vcol=pl.lit(roles_of[i]["value"])
        )
        if kind == "value":
            rows = rows.with_columns(
                pl.col("pcode")
                .replace_strict(dict(enumerate(_PROBLEM_CODES)), return_dtype=pl.String)
                .alias("problem"),
                pl.col("fcode").replace_strict(dict(enumerate(fids)), return_dtype=pl.String).alias("fid"),
                pl.col("fcode").replace_strict(ftypes, return_dtype=pl.String).alias("ftype"),
                pl.coalesce(pl.col("raw"), pl.col("num").cast(pl.String).str.replace(r"\.0$", "")).alias("raw"),
            )
            _value_problems(rows, rubric, report)
        elif kind == "year":
            for r in rows.iter_rows(named=True):
                report.add(problem("E-DATA-YEAR", used[i], r["row"], roles_of[i].get("year", "year"), value=r["year"]))
        elif kind == "unit":
            for r in rows.iter_rows(named=True):
                report.add(problem("E-DATA-UNIT", used[i], r["row"], roles_of[i]["unit"]))
        else:  # where each was first given: one more scan, of these few keys only
            firsts = (
                lfs[i]
                .with_row_index("row", offset=2)
                .join(
                    rows.select("unit", "year", "field").unique().lazy(),
                    on=["unit", "year", "field"],
                    how="semi",
                    nulls_equal=True,
                )
                .group_by("unit", "year", "field")
                .agg(pl.col("row").min().alias("first"))
                .collect(engine="streaming")
            )
            rows = rows.join(firsts, on=["unit", "year", "field"], how="left", nulls_equal=True, maintain_order="left")
            for r in rows.iter_rows(named=True):
                report.add(
                    problem(
                        "E-DATA-DUP",
                        used[i],
                        r["row"],
                        roles_of[i]["field"],
                        unit=unit_names[r["ucode"]],
                        year=r["year"] or "",
                        field=fids[r["fcode"]],
                        first=r["first"],
                    )
                )
        if counts[(i, kind)] > MAX_PROBLEMS_PER_KIND:
            report.add(
                problem(
                    "E-DATA-MORE",
                    used[i],
                    None,
                    count=counts[(i, kind)] - MAX_PROBLEMS_PER_KIND,
                    kind={"year": "E-DATA-YEAR", "unit": "E-DATA-UNIT", "dup": "E-DATA-DUP"}.get(kind, "E-DATA-NUMBER"),
                )
            )
    if fractions:
        rows = pl.concat(fractions)
        rows = rows.filter(
            pl.Series(
                [bool(signed[f, c]) for f, c in zip(rows["file"].to_list(), rows["fcode"].to_list())], dtype=pl.Boolean
            )
        )
        if rows.height:
            from .excel import as_percent_text

            for r in rows.head(MAX_PROBLEMS_PER_KIND).iter_rows(named=True):
                report.add(
                    problem(
                        "E-DATA-MIXED",
                        used[r["file"]],
                        r["row"],
                        roles_of[r["file"]]["value"],
                        value=r["raw"],
                        percent=as_percent_text(repr(r["value"]))[:-1],
                    )
                )
    if not report.ok:
        return None, report
    return Scanned(
        grid=grid.reshape(nu, ny, nf),
        named=named.reshape(nu, ny),
        units=unit_names,
        years=slots,
        fields=fids,
        meta=meta,
        files=used,
    ), report
