"""Raw long rows → ``Indicators``: field names → ids, text → numbers by field type, years and
units checked, a value given twice found, and the wide frame scoring reads built.

Every text is read once per distinct spelling (field names, values, years) or per run of equal
names (units); the rows themselves are then handled as integer codes in numpy, so that a
national file of a million and a half rows costs a few passes of integer work.  The long
``values`` frame is built only when something asks for it (ranking never does).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import polars as pl

from ..core.problems import Report, did_you_mean, problem, said
from .codes import (
    BASE_KINDS,
    MAX_PROBLEMS_PER_KIND,
    PERCENT,
    PROBLEM_INDEX,
    QUALIFIERS,
    YEAR_MAX,
    YEAR_MIN,
    FieldCodes,
    field_codes,
    limited,
    outside_range,
    parse_kinds,
    typed_cells,
    unit_metadata,
    value_problems,
    year_expr,
)
from .indicators import VALUE_SCHEMA, Indicators
from .layout import RAW_SCHEMA, Part, year_exprs
from .unitnames import unify, visible

NO_YEAR = YEAR_MAX - YEAR_MIN + 1  # the year slot of rows without a year (sorted last)
DENSE_CELLS = 64_000_000  # up to this many (unit, year, field) cells a repeat is found with a bitmap

# Rows given as text, each carrying its own place (what-if changes, say).
TEXT_ROW_SCHEMA = {
    "unit": pl.String,
    "year": pl.String,
    "field": pl.String,
    "raw": pl.String,
    "evidence": pl.String,
    "source": pl.String,
    "qualifier": pl.String,
    "file": pl.String,
    "row": pl.Int64,
    "vcol": pl.String,
    "fcol": pl.String,
}


def normalise(
    raw: pl.DataFrame, parts: list[Part], metas: list[pl.DataFrame], rubric, report: Report, files: list[str]
) -> Indicators | None:
    """Raw long rows (``RAW_SCHEMA``) → ``Indicators`` (None when there were problems, all in
    ``report``).  ``parts`` say where each block of rows was read, ``metas`` are the unit
    metadata rows of every table, ``files`` the files as shown."""
    codes = field_codes(rubric)
    places = _Places(parts)
    df, fcode = _known_fields(raw, rubric.field_lookup(), codes, places, report)
    df = _grades_as_text(df, codes.kind_of[fcode], codes)
    rows = _read_values(df, fcode, codes, rubric)
    rows.ucode, rows.unit_names, folded = _unit_codes(df.get_column("unit"))
    _folded_names(df, folded, places, report)
    rows.year, rows.bad_year = _years(df)
    _row_problems(df, rows, places, codes, rubric, report)
    keys = _Keys.of(rows.ucode, rows.year, rows.unit_names)
    take, cell = _first_values(df, rows, keys, places, codes.fids, report)
    if not report.ok:
        return None
    wide = _wide(keys, codes.fids, cell, rows.value[take])
    units = unit_metadata(metas, report)
    build = partial(_long_values, df, rows, take, codes.fids, parts)
    return Indicators(units=units, files=files, keys=keys.frame, build=build, wide=wide)


@dataclass
class _Rows:
    """What normalising found for each row, as numpy arrays over the rows kept."""

    fcode: np.ndarray  # field index
    value: np.ndarray  # float64, NaN where none
    pcode: np.ndarray  # problem index (PROBLEM_CODES), 0: none
    qcode: np.ndarray  # qualifier index (QUALIFIERS) read from the text
    missing: np.ndarray  # the text says "no value"
    ucode: np.ndarray | None = None  # unit code (-1: blank)
    unit_names: pl.Series | None = None  # the units in code order (code point order)
    year: np.ndarray | None = None  # the year (-1: none or unreadable)
    bad_year: np.ndarray | None = None  # a year given that cannot be read

    def columns(self) -> dict[str, np.ndarray]:
        """The per-row arrays problems are made from, by the names ``_Places.located`` gives them."""
        return {
            "fcode": self.fcode,
            "value": self.value,
            "pcode": self.pcode,
            "missing": self.missing,
            "ucode": self.ucode,
            "bad_year": self.bad_year,
            "yint": self.year,
        }


class _Places:
    """Where rows were read (file, value, field, unit and year columns), joined to the few rows
    a problem is reported for."""

    def __init__(self, parts: list[Part]):
        cols = ("file", "vcol", "fcol", "ucol", "ycol")
        self.frame = pl.DataFrame(
            {"part": range(len(parts)), **{c: [getattr(p, c) for p in parts] for c in cols}},
            schema={"part": pl.UInt32, **{c: pl.String for c in cols}},
        )

    def located(self, frame: pl.DataFrame, mask: np.ndarray, **cols: np.ndarray) -> pl.DataFrame:
        """The rows of ``mask`` with the given per-row arrays and their file and columns."""
        sub = frame.filter(pl.Series(mask)).with_columns(**{k: pl.Series(v[mask]) for k, v in cols.items()})
        return sub.join(self.frame, on="part", how="left", maintain_order="left")


def _dense_codes(col: pl.Series) -> tuple[np.ndarray, pl.Series]:
    """(the code of each row, the distinct values in code order): each distinct value is then
    read once.  A null has the code one past the last value."""
    distinct = col.unique().drop_nulls()
    codes = col.cast(pl.Enum(distinct)).to_physical().cast(pl.Int64).fill_null(len(distinct))
    return codes.to_numpy(), distinct


def _run_codes(col: pl.Series) -> tuple[np.ndarray, pl.Series]:
    """(run index of each row, the value of each run): files list a unit's rows together, so
    the distinct work is done once per run of equal values rather than once per row."""
    runs = col.rle().struct.unnest()
    lengths = runs.get_column("len").to_numpy()
    return np.repeat(np.arange(len(lengths), dtype=np.int64), lengths), runs.get_column("value")


def _known_fields(
    raw: pl.DataFrame, lookup: dict[str, str], codes: FieldCodes, places: _Places, report: Report
) -> tuple[pl.DataFrame, np.ndarray]:
    """(the rows that name a field of the dictionary, their field codes).  A name not in the
    dictionary is E-DATA-FIELD once per file and spelling; a blank one only when a value is
    given (a blank row is no problem)."""
    fc, names = _dense_codes(raw.get_column("field"))
    spelled = [(n or "").strip() for n in names.to_list()]
    index = codes.index
    fmap = np.array([(index[lookup[s]] if s in lookup else -2) if s else -1 for s in spelled] + [-1], dtype=np.int64)
    fcode = fmap[fc]
    off = fcode < 0
    if not off.any():
        return raw, fcode
    rows = places.located(raw, off, fcode=fcode)
    unknown = rows.filter(pl.col("fcode") == -2).with_columns(pl.col("field").str.strip_chars())
    first = unknown.group_by("file", "field", maintain_order=True).agg(pl.col("row").first(), pl.col("fcol").first())
    for r in first.iter_rows(named=True):
        suggestion = did_you_mean(r["field"], lookup)
        report.add(problem("E-DATA-FIELD", r["file"], r["row"], r["fcol"], field=r["field"], suggestion=suggestion))
    has_value = pl.col("num").is_not_null() | (pl.col("raw").is_not_null() & (pl.col("raw").str.strip_chars() != ""))
    for r in rows.filter((pl.col("fcode") == -1) & has_value).head(MAX_PROBLEMS_PER_KIND).iter_rows(named=True):
        report.add(problem("E-DATA-FIELD", r["file"], r["row"], r["fcol"], field=said("data.blank")))
    return raw.filter(pl.Series(~off)), fcode[~off]


def _grades_as_text(df: pl.DataFrame, kind: np.ndarray, codes: FieldCodes) -> pl.DataFrame:
    """A grade is matched as text, even in a numeric column: such cells move to ``raw``."""
    num = df.get_column("num")
    if not codes.grade_ids or num.null_count() == df.height:
        return df
    as_grade = (kind >= len(BASE_KINDS)) & num.is_not_null().to_numpy()
    if not as_grade.any():
        return df
    grade = pl.Series(as_grade)
    text = num.cast(pl.String).str.replace(r"\.0$", "")
    return df.with_columns(
        raw=pl.when(grade).then(text).otherwise(pl.col("raw")),
        num=pl.when(grade).then(None).otherwise(pl.col("num")),
    )


def _read_values(df: pl.DataFrame, fcode: np.ndarray, codes: FieldCodes, rubric) -> _Rows:
    """Each distinct (text, kind) read once and gathered for every row; typed cells taken as
    they are; values outside their field's range and bare fractions in a percent column that
    writes its percents with % marked as problems."""
    nk = len(codes.kinds)
    kind = codes.kind_of[fcode]
    rc, distinct = _dense_codes(df.get_column("raw"))
    pair = rc * nk + kind
    seen = np.zeros((len(distinct) + 1) * nk, dtype=bool)
    seen[pair] = True
    upairs = np.flatnonzero(seen)
    slot = np.cumsum(seen, dtype=np.int64) - 1
    table = pl.DataFrame(
        {
            "_raw": distinct.extend_constant(None, 1).gather(pl.Series(upairs // nk)),
            "kind": pl.Series(upairs % nk, dtype=pl.Int64),
            "_ftype": pl.Series(codes.kind_types(), dtype=pl.String).gather(pl.Series(upairs % nk)),
        }
    )
    table = parse_kinds(table, codes, rubric)
    at = slot[pair]
    rows = _Rows(
        fcode=fcode,
        value=table.get_column("value").cast(pl.Float64).fill_null(np.nan).to_numpy()[at],
        pcode=table.get_column("problem")
        .fill_null("")
        .replace_strict(PROBLEM_INDEX, return_dtype=pl.Int8)
        .to_numpy()[at],
        qcode=table.get_column("auto_qualifier")
        .fill_null("")
        .replace_strict({q: i for i, q in enumerate(QUALIFIERS)}, return_dtype=pl.Int8)
        .to_numpy()[at],
        missing=table.get_column("is_missing").to_numpy()[at],
    )
    pct = table.get_column("pct").fill_null(False).to_numpy()[at]
    num = df.get_column("num")
    if num.null_count() < df.height:  # typed cells: the number as it is (a yes/no as 1/0)
        has = typed_cells(num, kind, rows.value, rows.pcode)
        rows.missing[has], rows.qcode[has], pct[has] = False, 0, False
    rows.pcode[outside_range(codes, fcode, rows.value, rows.pcode)] = PROBLEM_INDEX["E-DATA-RANGE"]
    _mixed_percents(df, rows, kind, pct, len(codes.fids))
    return rows


def _mixed_percents(df: pl.DataFrame, rows: _Rows, kind: np.ndarray, pct: np.ndarray, nf: int) -> None:
    """A percent written as a bare fraction (0.96) where the column writes its percents with %:
    E-DATA-MIXED, for it reads as 0.96%."""
    with np.errstate(invalid="ignore"):
        percent = (kind == PERCENT) & (rows.pcode == 0)
        fraction = percent & ~pct & (rows.value > 0) & (rows.value < 1)
    if fraction.any() and (percent & pct).any():
        group = df.get_column("part").cast(pl.Int64).to_numpy() * nf + rows.fcode
        signed = np.unique(group[percent & pct])
        rows.pcode[fraction & np.isin(group, signed)] = PROBLEM_INDEX["E-DATA-MIXED"]


def _unit_codes(units: pl.Series) -> tuple[np.ndarray, pl.Series, list[tuple[str, str]]]:
    """(each row's unit code, -1 where blank; the unit names in code order; the spellings folded
    into another unit's name, ``unitnames.unify``): each run of equal names is read once, and
    codes follow code point order."""
    run, run_units = _run_codes(units)
    clean, folded = unify(run_units)
    unit_names = clean.drop_nulls().unique().sort()
    ucode = clean.cast(pl.Enum(unit_names)).to_physical().cast(pl.Int64).fill_null(-1).to_numpy()[run]
    return ucode, unit_names, folded


def _folded_names(df: pl.DataFrame, folded: list[tuple[str, str]], places: _Places, report: Report) -> None:
    """W-DATA-UNIT-NAME at the first row of each spelling read as another unit's name."""
    if not folded:
        return
    folded = folded[:MAX_PROBLEMS_PER_KIND]
    unit = df.get_column("unit").str.strip_chars()
    mask = unit.is_in([a for a, _ in folded]).fill_null(False).to_numpy()
    found = places.located(df, mask, spelling=unit.to_numpy()).unique("spelling", keep="first", maintain_order=True)
    into = dict(folded)
    for r in found.iter_rows(named=True):
        name, unit_name = visible(r["spelling"]), into[r["spelling"]]
        report.add(problem("W-DATA-UNIT-NAME", r["file"], r["row"], r["ucol"], name=name, unit=unit_name))


def _years(df: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(each row's year, -1 where none; whether a year was given that cannot be read).  The fast
    cast made when reading is taken first, then each distinct other spelling is read once."""
    n = df.height
    ytext = df.get_column("year")
    year = df.get_column("yint").cast(pl.Int64).fill_null(-1).to_numpy(writable=True)
    bad_year = np.zeros(n, dtype=bool)
    if ytext.null_count() == n:
        return year, bad_year
    retry = (ytext.is_not_null() & df.get_column("yint").is_null()).to_numpy()
    if retry.any():
        spelt = ytext.filter(pl.Series(retry))
        spellings = spelt.unique().to_frame("year").with_columns(year_expr(pl.col("year")).cast(pl.Int64).alias("y"))
        got = spelt.to_frame("year").join(spellings, on="year", how="left", maintain_order="left").get_column("y")
        year[retry] = got.fill_null(-1).to_numpy()
        bad_year[retry] = (got.is_null() & (spelt.str.strip_chars() != "")).to_numpy()
    return year, bad_year


def _row_problems(df: pl.DataFrame, rows: _Rows, places: _Places, codes: FieldCodes, rubric, report: Report) -> None:
    """The problems of single rows, each with its place: values, years, blank unit names."""
    bad = (rows.pcode != 0) | rows.bad_year | ((rows.ucode < 0) & ~rows.missing)
    if not bad.any():
        return
    found = places.located(df, bad, **rows.columns())
    value_problems(found, codes, rubric, report)
    limited(
        report,
        found.filter(pl.col("bad_year")),
        lambda r: problem("E-DATA-YEAR", r["file"], r["row"], r["ycol"], value=r["year"]),
    )
    limited(
        report,
        found.filter((pl.col("ucode") < 0) & ~pl.col("missing")),
        lambda r: problem("E-DATA-UNIT", r["file"], r["row"], r["ucol"]),
    )


@dataclass
class _Keys:
    """Every (unit, year) the rows name, in unit order (the order most files list them in):
    ``frame`` (unit, year), and for each row its key slot and each slot its dense number."""

    frame: pl.DataFrame
    named: np.ndarray  # the row names a unit
    keyslot: np.ndarray  # per row: unit * slots_per_unit + year slot
    slots: np.ndarray  # the slots present, ascending
    dense: np.ndarray  # slot → its index among the slots present

    SLOTS_PER_UNIT = NO_YEAR + 1

    @classmethod
    def of(cls, ucode: np.ndarray, year: np.ndarray, unit_names: pl.Series) -> _Keys:
        """The keys of rows with these unit codes and years."""
        per = cls.SLOTS_PER_UNIT
        named = ucode >= 0
        keyslot = ucode * per + np.where(year >= 0, year - YEAR_MIN, NO_YEAR)
        present = np.zeros(per * max(len(unit_names), 1), dtype=bool)
        present[keyslot[named]] = True
        dense = np.cumsum(present, dtype=np.int64) - 1
        slots = np.flatnonzero(present)
        key_years = slots % per + YEAR_MIN
        frame = pl.DataFrame(
            {
                "unit": unit_names.gather(pl.Series(slots // per)) if len(slots) else pl.Series([], dtype=pl.String),
                "year": pl.Series(key_years, dtype=pl.Int32).set(pl.Series(key_years > YEAR_MAX), None)
                if len(slots)
                else pl.Series([], dtype=pl.Int32),
            },
            schema={"unit": pl.String, "year": pl.Int32},
        )
        return cls(frame, named, keyslot, slots, dense)


def _first_values(
    df: pl.DataFrame, rows: _Rows, keys: _Keys, places: _Places, fids: list[str], report: Report
) -> tuple[np.ndarray, np.ndarray]:
    """(the rows whose value counts, the grid cell of each): the first value of each unit, year
    and field; another one is E-DATA-DUP, naming where the first was given."""
    nf = len(fids)
    gi = np.flatnonzero((rows.pcode == 0) & ~rows.missing & keys.named)
    cell = keys.dense[keys.keyslot[gi]] * nf + rows.fcode[gi]
    size = len(keys.slots) * nf
    if size <= DENSE_CELLS:
        filled = np.zeros(size, dtype=bool)
        filled[cell] = True
        repeated = int(filled.sum()) < len(cell)
        del filled
    else:
        repeated = pl.Series(cell).n_unique() < len(cell)
    if not repeated:
        return gi, cell
    first = pl.Series(cell).is_first_distinct().to_numpy()
    n = df.height
    good, at_cell, seen_first = np.zeros(n, dtype=bool), np.full(n, -1, dtype=np.int64), np.zeros(n, dtype=bool)
    good[gi], at_cell[gi], seen_first[gi] = True, cell, first
    found = places.located(df, good, cell=at_cell, first_seen=seen_first, **rows.columns())
    _duplicates(found, fids, rows.unit_names, report)
    return gi[first], cell[first]


def _duplicates(rows: pl.DataFrame, fids: list[str], unit_names: pl.Series, report: Report) -> None:
    """E-DATA-DUP for each repeated (unit, year, field), with where it was first given."""
    firsts = rows.filter(pl.col("first_seen")).select(
        "cell", pl.col("row").alias("_first"), pl.col("file").alias("_first_file")
    )
    dups = rows.filter(~pl.col("first_seen")).join(firsts, on="cell", how="left", maintain_order="left")
    dups = dups.with_columns(
        unit_name=unit_names.gather(dups.get_column("ucode")),
        fid=pl.col("fcode").replace_strict(dict(enumerate(fids)), return_dtype=pl.String),
    )
    limited(
        report,
        dups,
        lambda r: problem(
            "E-DATA-DUP",
            r["file"],
            r["row"],
            r["fcol"],
            unit=r["unit_name"],
            year=r["yint"] if r["yint"] >= 0 else "",
            field=r["fid"],
            first=r["_first"] if r["_first_file"] == r["file"] else f"{r['_first_file']}:{r['_first']}",
        ),
    )


def _wide(keys: _Keys, fids: list[str], cell: np.ndarray, values: np.ndarray) -> pl.DataFrame:
    """One row per unit and year, year by year and units in code point order, one Float64
    column per field (null where no value)."""
    nf, per = len(fids), _Keys.SLOTS_PER_UNIT
    grid = np.full(len(keys.slots) * nf, np.nan)
    grid[cell] = values
    order = np.lexsort((keys.slots // per, keys.slots % per))  # the keys' slots taken year-major
    grid = grid.reshape(len(keys.slots), nf)[order]
    return keys.frame[order].with_columns([pl.Series(fid, grid[:, j], nan_to_null=True) for j, fid in enumerate(fids)])


def _long_values(df: pl.DataFrame, rows: _Rows, take: np.ndarray, fids: list[str], parts: list[Part]) -> pl.DataFrame:
    """The long values (only when asked for: ranking never needs them)."""
    q = pl.col("qualifier").str.strip_chars()
    auto = pl.col("qcode").replace_strict(dict(enumerate(QUALIFIERS)), return_dtype=pl.String)
    sel = df.select("evidence", "source", "qualifier", "part", "row")[take]
    return (
        sel.with_columns(
            unit=rows.unit_names.gather(pl.Series(rows.ucode[take])),
            year=pl.Series(rows.year[take]),
            fcode=pl.Series(rows.fcode[take]),
            value=pl.Series(rows.value[take]),
            qcode=pl.Series(rows.qcode[take]),
        )
        .select(
            "unit",
            pl.when(pl.col("year") >= 0).then(pl.col("year")).otherwise(None).alias("year"),
            pl.col("fcode").replace_strict(dict(enumerate(fids)), return_dtype=pl.String).alias("field"),
            "value",
            pl.when(q.is_null() | (q == ""))
            .then(pl.when(auto == "").then(None).otherwise(auto))
            .otherwise(q)
            .alias("qualifier"),
            pl.col("evidence").str.strip_chars().replace("", None),
            pl.col("source").str.strip_chars().replace("", None),
            pl.col("part").replace_strict(dict(enumerate(p.file for p in parts)), return_dtype=pl.String).alias("file"),
            "row",
        )
        .cast(VALUE_SCHEMA)
    )


def normalise_text_rows(rows: pl.DataFrame, rubric, report: Report, files: list[str]) -> Indicators | None:
    """``normalise`` for rows of ``TEXT_ROW_SCHEMA`` (a file, value column and field column on each row)."""
    rows = rows.cast(TEXT_ROW_SCHEMA)
    places = rows.select("file", "vcol", "fcol").unique(maintain_order=True).with_row_index("part")
    parts = [Part(f, v, c) for _, f, v, c in places.iter_rows()]
    rows = rows.join(places, on=["file", "vcol", "fcol"], how="left", nulls_equal=True, maintain_order="left")
    year, yint = year_exprs(rows, "year")
    raw = rows.select(
        "unit",
        year,
        yint,
        "field",
        "raw",
        pl.lit(None, dtype=pl.Float64).alias("num"),
        "evidence",
        "source",
        "qualifier",
        "part",
        "row",
    ).cast(RAW_SCHEMA)
    return normalise(raw, parts, [], rubric, report, files)
