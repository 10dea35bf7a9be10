"""Indicator files → one canonical long polars frame.

Reading happens in three steps, each collecting problems:

1. ``read_tables``: a file (CSV, TSV, XLSX, Parquet, JSON) → rectangular text tables, with the
   header row found even below a title row, and the file row of every data row remembered;
2. ``interpret``: each table is long form (unit, year, field, value …), wide form (one column
   per field) or unit metadata (unit, city, province …) → rows of (unit, year, field, raw text);
3. ``normalise``: field names → ids, text → numbers by field type (vectorised, ``values``),
   years checked, duplicates found, metadata gathered.

The result is an ``Indicators``: ``values`` (unit, year, field, value, qualifier, evidence,
source, file, row) and ``units`` (unit, city, province, level, group).
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from ..paths import expand, shown_path
from ..problems import Problem, ProblemError, Report, did_you_mean, problem
from . import values as V
from .columns import IGNORED, META_COLUMNS, canonical, evidence_of
from .decode import DecodeError, decode, is_binary
from .table import Table

SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq", ".json", ".jsonl"}
MAX_PROBLEMS_PER_KIND = 20  # per file and code; the rest are counted in one line


class Indicators:
    """What the indicator files say: ``values`` (unit, year, field, value, qualifier, evidence,
    source, file, row: one row per unit, year and field that has a value) and ``units`` (unit
    metadata).  ``keys`` are every (unit, year) the files name, even with no value at all.

    The reader also leaves ``wide``: one row per unit and year (sorted by year, then unit) and
    one Float64 column per field of the rubric it read with, which scoring uses as it is.  The
    long ``values`` frame is then built only when something asks for it (evidence, gaps,
    reports); ranking never does.  Assigning ``values`` drops ``wide``."""

    def __init__(self, values: pl.DataFrame | None = None, units: pl.DataFrame | None = None,
                 files: list[str] | None = None, keys: pl.DataFrame | None = None, *,
                 build=None, wide: pl.DataFrame | None = None):
        if values is None and build is None:
            raise TypeError("Indicators needs values (or a way to build them)")
        self._values = values
        self._build = build
        self.units = units if units is not None else pl.DataFrame(schema=UNIT_SCHEMA)
        self.files = list(files or [])
        self.keys = keys
        self.wide = wide

    @property
    def values(self) -> pl.DataFrame:
        if self._values is None:
            self._values = self._build()
            self._build = None
        return self._values

    @values.setter
    def values(self, frame: pl.DataFrame) -> None:
        self._values, self._build, self.wide = frame, None, None

    @property
    def unit_years(self) -> pl.DataFrame:
        keys = self.keys if self.keys is not None else self.values.select("unit", "year")
        return keys.unique().sort("unit", "year", nulls_last=True)

    def __repr__(self) -> str:
        n = "?" if self._values is None else self._values.height
        return f"Indicators(values={n} rows, units={self.units.height}, files={self.files})"


VALUE_SCHEMA = {
    "unit": pl.String, "year": pl.Int32, "field": pl.String, "value": pl.Float64, "qualifier": pl.String,
    "evidence": pl.String, "source": pl.String, "file": pl.String, "row": pl.Int64,
}
UNIT_SCHEMA = {"unit": pl.String, **{m: pl.String for m in META_COLUMNS}}


# --- 1. files → tables ---------------------------------------------------------------------


def data_files(paths: list[str | Path]) -> tuple[list[Path], Report]:
    """The data files named, and those directly inside folders named (see ``paths.expand``)."""
    return expand(paths, SUFFIXES, "E-DATA-FILE", "数据文件（.csv .tsv .xlsx .parquet .json）")


def read_tables(path: Path, shown: str | None = None) -> tuple[list[Table], list[Problem]]:
    shown = shown or str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path, shown)
        if suffix in (".parquet", ".pq"):
            return [Table(shown, pl.read_parquet(path), 2)], []
        raw = path.read_bytes()
    except OSError as exc:
        return [], [problem("E-DATA-FILE", shown, reason=exc.strerror or str(exc))]
    except Exception as exc:  # corrupt Parquet and the like: one line, no traceback
        return [], [problem("E-DATA-FILE", shown, reason=_short(exc))]
    if not raw.strip():
        return [], [problem("E-DATA-EMPTY", shown)]
    if is_binary(raw[:8192]):
        return [], [problem("E-DATA-FILE", shown, reason="这是二进制文件，不是文本表格（若是 Excel 文件，请用 .xlsx 扩展名）")]
    try:
        text, _ = decode(raw)
    except DecodeError:
        return [], [problem("E-DATA-ENCODING", shown)]
    if suffix in (".json", ".jsonl"):
        return _read_json(text, shown)
    return _read_delimited(text, shown, "\t" if suffix == ".tsv" else None)


def _short(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def _header_index(rows: list[list[str]]) -> int:
    """The first of the leading rows that names a unit or field column: the header."""
    for i, cells in enumerate(rows[:20]):
        roles = {canonical(c) for c in cells}
        if "unit" in roles or {"field", "value"} <= roles:
            return i
    return 0


def _read_delimited(text: str, shown: str, sep: str | None) -> tuple[list[Table], list[Problem]]:
    lines = text.splitlines()[:20]
    if sep is None:
        sample = "\n".join(lines)
        counts = {d: sample.count(d) for d in (",", "\t", ";", "|")}
        sep = max(counts, key=counts.get) if max(counts.values()) else ","
    head = _header_index([ln.split(sep) for ln in lines])
    try:
        frame = pl.read_csv(io.BytesIO(text.encode("utf-8")), separator=sep, infer_schema=False, skip_lines=head,
                            truncate_ragged_lines=True, raise_if_empty=False)
    except Exception as exc:
        return [], [problem("E-DATA-FILE", shown, reason=f"无法按表格读取：{_short(exc)}")]
    if frame.width <= 1 and canonical(frame.columns[0] if frame.columns else "") is None:
        return [], [problem("E-DATA-COLUMNS", shown, 1, reason="只读出一列：分隔符可能不是逗号或制表符，或表头不含“单位/unit”列")]
    return [Table(shown, frame, head + 2)], []


def _read_json(text: str, shown: str) -> tuple[list[Table], list[Problem]]:
    try:
        if shown.endswith(".jsonl"):
            data = [json.loads(ln) for ln in text.splitlines() if ln.strip()]
        else:
            data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [problem("E-DATA-FILE", shown, exc.lineno, reason=f"JSON 格式错误：{exc.msg}")]
    if isinstance(data, dict):  # {"records": [...]} or {"values": [...]}
        data = next((v for v in data.values() if isinstance(v, list)), None)
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        return [], [problem("E-DATA-COLUMNS", shown, reason="JSON 应为记录（对象）的列表")]
    if not data:
        return [], [problem("E-DATA-EMPTY", shown)]
    columns: list[str] = []
    for r in data:
        for k in r:
            if k not in columns:
                columns.append(k)
    cols = {c: [None if r.get(c) is None else (json.dumps(r[c], ensure_ascii=False) if isinstance(r[c], (dict, list)) else _json_text(r[c])) for r in data] for c in columns}
    return [Table(shown, pl.DataFrame(cols, schema={c: pl.String for c in columns}), 1)], []


def _json_text(v) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _read_xlsx(path: Path, shown: str) -> tuple[list[Table], list[Problem]]:
    import fastexcel

    try:
        reader = fastexcel.read_excel(path)
    except Exception as exc:
        msg = _short(exc)
        if "password" in msg.lower() or "encrypt" in msg.lower() or "cfb" in msg.lower() or "ole" in msg.lower():
            msg = "工作簿已加密或不是 .xlsx 格式；请另存为不加密的 .xlsx"
        return [], [problem("E-DATA-FILE", shown, reason=f"无法打开 Excel 工作簿：{msg}")]
    from .excel import apply_percents, percent_cells
    from .template import attach_unit

    percents = percent_cells(path)
    tables: list[Table] = []
    for name in reader.sheet_names:
        try:
            sheet = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
            grid = sheet.to_polars()
            if name in percents:
                grid = apply_percents(grid, [c.absolute_index for c in sheet.available_columns()], percents[name])
        except Exception as exc:
            return [], [problem("E-DATA-FILE", f"{shown}[{name}]", reason=_short(exc))]
        if grid.height == 0:
            continue
        offset = getattr(sheet, "offset", 0) or 0
        rows = [[("" if c is None else str(c)) for c in row] for row in grid.head(20).iter_rows()]
        head = _header_index(rows)
        headers = [h.strip() if h.strip() else f"_col{j}" for j, h in enumerate(rows[head])] if rows else []
        if not any(canonical(h) for h in headers) and len(reader.sheet_names) > 1:
            continue  # an instructions or lists sheet, not data
        body = grid.slice(head + 1)
        body.columns = _unique(headers)
        tables.append(Table(shown, body, offset + head + 2, sheet=name if len(reader.sheet_names) > 1 else None))
    if not tables:
        return [], [problem("E-DATA-EMPTY", shown)]
    return attach_unit(tables)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        if n in seen:
            seen[n] += 1
            out.append(f"{n}_{seen[n]}")
        else:
            seen[n] = 0
            out.append(n)
    return out


# --- 2. tables → raw long rows ----------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """Where a block of raw rows came from: the file (and sheet) as shown, the column the values
    were read from and the column that names the field.  Rows carry the index of their part,
    not these texts, which only problem messages need."""

    file: str
    vcol: str
    fcol: str


# ``year``/``raw`` hold text as the file has it; ``yint``/``num`` what a typed column (Parquet,
# JSON numbers) already gives, so that typed files skip the text work.
RAW_SCHEMA = {
    "unit": pl.String, "year": pl.String, "yint": pl.Int32, "field": pl.String, "raw": pl.String, "num": pl.Float64,
    "evidence": pl.String, "source": pl.String, "qualifier": pl.String, "part": pl.UInt32, "row": pl.Int64,
}
YEAR_MIN, YEAR_MAX = 1949, 2100


def _part(parts: list[Part], file: str, vcol: str, fcol: str) -> pl.Expr:
    parts.append(Part(file, vcol, fcol))
    return pl.lit(len(parts) - 1, dtype=pl.UInt32).alias("part")


def interpret(table: Table, lookup: dict[str, str], parts: list[Part]) -> tuple[pl.DataFrame | None, pl.DataFrame | None, list[Problem]]:
    """Return (raw long rows, unit metadata rows, problems) for one table."""
    frame = table.frame
    where = table.where()
    roles: dict[str, str] = {}  # role → the header that plays it (first wins)
    for col in frame.columns:
        role = canonical(col)
        if role and role not in roles:
            roles[role] = col
    if frame.height == 0:
        return None, None, [problem("E-DATA-EMPTY", where)]
    if "unit" not in roles:
        return None, None, [problem("E-DATA-COLUMNS", where, table.first_row - 1,
                                    reason="找不到单位列：表头须有“单位”（或 unit、地区）列")]
    frame = frame.with_row_index("_i").with_columns((pl.col("_i").cast(pl.Int64) + table.first_row).alias("row"))
    meta = _meta_rows(frame, roles)
    if "field" in roles and "value" in roles:
        return _long_rows(frame, roles, _part(parts, where, roles["value"], roles["field"])), meta, []
    field_cols, evidence_cols, problems = [], {}, []
    role_cols = set(roles.values())
    for col in frame.columns:
        if col in role_cols or col in ("_i", "row") or col.startswith("_col") or col.strip() in IGNORED:
            continue
        base = evidence_of(col)
        if base is not None and (base in lookup or base.strip() in lookup):
            evidence_cols[lookup.get(base, lookup.get(base.strip()))] = col
        elif col.strip() in lookup:
            field_cols.append(col)
        else:
            problems.append(problem("E-DATA-FIELD", where, table.first_row - 1, col, field=col, suggestion=did_you_mean(col, lookup)))
    if not field_cols:
        if problems:
            return None, meta, problems
        return None, meta, []  # a unit-metadata table
    return _wide_rows(frame, roles, field_cols, evidence_cols, lookup, where, parts), meta, problems


def _text(frame: pl.DataFrame, col: str | None) -> pl.Expr:
    return pl.col(col).cast(pl.String) if col and col in frame.columns else pl.lit(None, dtype=pl.String)


def _typed(dtype: pl.DataType) -> bool:
    return dtype == pl.Boolean or dtype.is_numeric()


def _year_exprs(frame: pl.DataFrame, col: str | None) -> tuple[pl.Expr, pl.Expr]:
    """(the year as text, the year as a number where it reads at once).  Text the fast cast
    cannot read (``2024年``, ``２０２４``) is read later, once per distinct spelling."""
    if not col or col not in frame.columns:
        return pl.lit(None, dtype=pl.String).alias("year"), pl.lit(None, dtype=pl.Int32).alias("yint")
    c = pl.col(col)
    if _typed(frame.schema[col]):
        f = c.cast(pl.Float64)
        ok = ((f == f.floor()) & (f >= YEAR_MIN) & (f <= YEAR_MAX)).fill_null(False)
        text = pl.when(c.is_not_null() & ~ok).then(c.cast(pl.String)).otherwise(None)
        return text.alias("year"), pl.when(ok).then(f).otherwise(None).cast(pl.Int32).alias("yint")
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
        *_year_exprs(frame, roles.get("year")),
        _text(frame, roles["field"]).alias("field"),
        *_value_exprs(frame, roles["value"]),
        _text(frame, roles.get("evidence")).alias("evidence"),
        _text(frame, roles.get("source")).alias("source"),
        _text(frame, roles.get("qualifier")).alias("qualifier"),
        part,
        pl.col("row"),
    )


def _wide_rows(frame, roles, field_cols, evidence_cols, lookup, where, parts) -> pl.DataFrame:
    keys = [_text(frame, roles["unit"]).alias("unit"), *_year_exprs(frame, roles.get("year"))]
    blocks = []
    for col in field_cols:
        fid = lookup[col.strip()]
        blocks.append(frame.select(
            *keys,
            pl.lit(col.strip()).alias("field"),
            *_value_exprs(frame, col),
            _text(frame, evidence_cols.get(fid)).alias("evidence"),
            pl.lit(None, dtype=pl.String).alias("source"),
            pl.lit(None, dtype=pl.String).alias("qualifier"),
            _part(parts, where, col, col),
            pl.col("row"),
        ))
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
        *[(pl.col(c).str.strip_chars() if c in present else pl.lit(None, dtype=pl.String)).alias(c) for c in META_COLUMNS],
    ).filter(pl.col("unit").is_not_null() & (pl.col("unit") != ""))


# --- 3. raw rows → canonical values ---------------------------------------------------------------

# How a value's text is read: by the field's type, and for a grade by the field's own levels.
_BASE_KINDS = ("number", "percent", "count", "bool")
_PROBLEM_CODES = ("", "E-DATA-NUMBER", "E-DATA-BOOL", "E-DATA-GRADE", "E-DATA-RANGE", "E-DATA-MIXED")
_P = {c: i for i, c in enumerate(_PROBLEM_CODES)}
_QUALIFIERS = ("", "lower_bound", "approx")
_NO_YEAR = YEAR_MAX - YEAR_MIN + 1  # the year slot of rows without a year (sorted last)


def _codes_of(series: pl.Series, mapping: pl.DataFrame, key: str, code: str) -> pl.Series:
    """Each value of ``series`` → its code in ``mapping`` (a small frame of distinct values)."""
    return series.to_frame(key).join(mapping, on=key, how="left", nulls_equal=True, maintain_order="left").get_column(code)


def _run_codes(col: pl.Series) -> tuple[pl.Series, pl.Series]:
    """(run index of each row, the value of each run): files list a unit's rows together, so
    the distinct work is done once per run of equal values rather than once per row."""
    run = col.rle_id()
    starts = run.ne_missing(run.shift(1)).fill_null(True)
    return run, col.filter(starts)


def normalise(raw: pl.DataFrame, parts: list[Part], metas: list[pl.DataFrame], rubric, report: Report, files: list[str]) -> Indicators:
    """Raw long rows → ``Indicators``.  Every text is read once per distinct spelling; rows are
    then handled as integer codes (field, unit, year), so that a national file of a million
    rows is a few passes of integer arithmetic.  Problems are collected into ``report``."""
    from ..rubric.semantics import field_range

    lookup = rubric.field_lookup()
    fdefs = list(rubric.fields.values())
    fids = [f.id for f in fdefs]
    nf = len(fids)
    index = {fid: i for i, fid in enumerate(fids)}
    grade_ids = [f.id for f in fdefs if f.type == "grade"]
    kinds = list(_BASE_KINDS) + grade_ids
    kind_of = [kinds.index(f.id if f.type == "grade" else f.type) for f in fdefs]
    ranges = [field_range(f) for f in fdefs]
    part_frame = pl.DataFrame({"part": range(len(parts)), "file": [p.file for p in parts], "vcol": [p.vcol for p in parts],
                               "fcol": [p.fcol for p in parts]}, schema={"part": pl.UInt32, "file": pl.String, "vcol": pl.String, "fcol": pl.String})

    def located(rows: pl.DataFrame) -> pl.DataFrame:
        return rows.join(part_frame, on="part", how="left", maintain_order="left")

    # 1. field names → field index: -1 blank, -2 not in the dictionary
    names = raw.get_column("field").unique()
    fcodes = []
    for n in names.to_list():
        s = (n or "").strip()
        fcodes.append(-1 if not s else index[lookup[s]] if s in lookup else -2)
    fmap = pl.DataFrame({"field": names, "fcode": fcodes}, schema={"field": pl.String, "fcode": pl.Int32})
    df = raw.with_columns(_codes_of(raw.get_column("field"), fmap, "field", "fcode"))
    if min(fcodes, default=0) < 0:
        off = located(df.filter(pl.col("fcode") < 0))
        unknown = off.filter(pl.col("fcode") == -2).with_columns(pl.col("field").str.strip_chars())
        first = unknown.group_by("file", "field", maintain_order=True).agg(pl.col("row").first(), pl.col("fcol").first())
        for r in first.iter_rows(named=True):
            report.add(problem("E-DATA-FIELD", r["file"], r["row"], r["fcol"], field=r["field"], suggestion=did_you_mean(r["field"], lookup)))
        has_value = pl.col("num").is_not_null() | (pl.col("raw").is_not_null() & (pl.col("raw").str.strip_chars() != ""))
        for r in off.filter((pl.col("fcode") == -1) & has_value).head(MAX_PROBLEMS_PER_KIND).iter_rows(named=True):
            report.add(problem("E-DATA-FIELD", r["file"], r["row"], r["fcol"], field="(空)"))  # a blank row is no problem
        df = df.filter(pl.col("fcode") >= 0)
    n = df.height
    fcode = df.get_column("fcode")
    kind = pl.Series(kind_of, dtype=pl.Int64).gather(fcode)
    num = df.get_column("num")
    typed = num.null_count() < n
    if typed and grade_ids:  # a grade is matched as text, even in a numeric column
        as_grade = (kind >= len(_BASE_KINDS)) & num.is_not_null()
        if as_grade.any():
            text = num.cast(pl.String).str.replace(r"\.0$", "")
            df = df.with_columns(raw=pl.when(as_grade).then(text).otherwise(pl.col("raw")), num=pl.when(as_grade).then(None).otherwise(num))
            num = df.get_column("num")

    # 2. values: each distinct (text, kind) once
    distinct = df.select(pl.col("raw").unique()).with_row_index("rcode")
    rcode = _codes_of(df.get_column("raw"), distinct, "raw", "rcode").cast(pl.Int64)
    nk = len(kinds)
    pair = rcode * nk + kind
    upairs = pair.unique().sort()
    table = pl.DataFrame({
        "_raw": distinct.get_column("raw").gather(upairs // nk),
        "kind": upairs % nk,
    }).with_columns(pl.col("kind").replace_strict({i: (k if i < len(_BASE_KINDS) else "grade") for i, k in enumerate(kinds)},
                                                   return_dtype=pl.String).alias("_ftype"))
    table = V._parse_distinct(table.lazy(), keep=("kind",)).collect()
    if grade_ids:
        levels = pl.DataFrame([(kinds.index(fid), lv, float(j)) for fid in grade_ids for j, lv in enumerate(rubric.fields[fid].levels or [])],
                              schema={"kind": pl.Int64, "text": pl.String, "level_idx": pl.Float64}, orient="row")
        table = table.join(levels, on=["kind", "text"], how="left", maintain_order="left")
        grade = pl.col("kind") >= len(_BASE_KINDS)
        table = table.with_columns(
            pl.when(grade).then(pl.col("level_idx")).otherwise(pl.col("value")).alias("value"),
            pl.when(grade & ~pl.col("is_missing") & pl.col("level_idx").is_null()).then(pl.lit("E-DATA-GRADE")).otherwise(pl.col("problem")).alias("problem"),
        )
    table = table.with_columns(
        pl.col("problem").fill_null("").replace_strict(_P, return_dtype=pl.Int8).alias("pcode"),
        pl.col("auto_qualifier").fill_null("").replace_strict({q: i for i, q in enumerate(_QUALIFIERS)}, return_dtype=pl.Int8).alias("qcode"),
    )
    slot = np.full(int(upairs[-1]) + 1 if len(upairs) else 1, -1, dtype=np.int64)
    slot[upairs.to_numpy()] = np.arange(len(upairs))
    at = pl.Series(slot[pair.to_numpy()])
    value, pcode = table.get_column("value").gather(at), table.get_column("pcode").gather(at)
    missing, qcode, pct = table.get_column("is_missing").gather(at), table.get_column("qcode").gather(at), table.get_column("pct").gather(at)
    numeric = kind < 3
    if typed:  # typed cells: the number as it is (a yes/no as 1/0)
        has = num.is_not_null()
        is_bool = kind == 3
        frame = pl.DataFrame({"num": num, "has": has, "numeric": numeric, "bool": is_bool, "value": value, "pcode": pcode,
                              "missing": missing, "qcode": qcode, "pct": pct})
        v, b = pl.col("num"), pl.col("bool")
        frame = frame.select(
            pl.when(~pl.col("has")).then(pl.col("value")).when(pl.col("numeric")).then(v)
            .when(b).then(pl.when(v == 1).then(1.0).when(v == 0).then(0.0)).otherwise(None).alias("value"),
            pl.when(~pl.col("has")).then(pl.col("pcode")).when(pl.col("numeric") & ~v.is_finite()).then(pl.lit(_P["E-DATA-NUMBER"], dtype=pl.Int8))
            .when(b & (v != 1) & (v != 0)).then(pl.lit(_P["E-DATA-BOOL"], dtype=pl.Int8)).otherwise(pl.lit(0, dtype=pl.Int8)).alias("pcode"),
            (pl.col("missing") & ~pl.col("has")).alias("missing"),
            pl.when(pl.col("has")).then(pl.lit(0, dtype=pl.Int8)).otherwise(pl.col("qcode")).alias("qcode"),
            (pl.col("pct") & ~pl.col("has")).alias("pct"),
        )
        value, pcode, missing, qcode, pct = (frame.get_column(c) for c in ("value", "pcode", "missing", "qcode", "pct"))
    # the field's range (a count is whole)
    lo = pl.Series([r[0] for r in ranges], dtype=pl.Float64).gather(fcode)
    hi = pl.Series([r[1] for r in ranges], dtype=pl.Float64).gather(fcode)
    count = kind == 2
    out_of_range = (numeric & (pcode == 0) & value.is_not_null()
                    & ((value < lo).fill_null(False) | (value > hi).fill_null(False) | (count & (value != value.floor())))).fill_null(False)
    if out_of_range.any():
        pcode = pl.select(pl.when(out_of_range).then(pl.lit(_P["E-DATA-RANGE"], dtype=pl.Int8)).otherwise(pcode)).to_series()
    pcode = _mixed_units(df, kind, value, pcode, pct)

    # 3. units: each run of equal names read once; codes follow code point order
    run, run_units = _run_codes(df.get_column("unit"))
    clean = run_units.str.strip_chars()
    unit_names = clean.filter(clean.is_not_null() & (clean != "")).unique().sort()
    umap = pl.DataFrame({"unit": unit_names, "ucode": pl.int_range(len(unit_names), dtype=pl.Int64, eager=True)})
    ucode = _codes_of(clean, umap, "unit", "ucode").gather(run)
    nu = max(len(unit_names), 1)

    # 4. years: the fast cast above, then each distinct other spelling once
    ytext, yint = df.get_column("year"), df.get_column("yint")
    retry = ytext.is_not_null() & yint.is_null()
    if retry.any():
        spellings = ytext.filter(retry).unique().to_frame("year")
        spellings = spellings.with_columns(_year(pl.col("year")).alias("y2"))
        yint = yint.fill_null(_codes_of(ytext, spellings, "year", "y2"))
    bad_year = retry & yint.is_null() & (ytext.str.strip_chars() != "")

    # 5. problems, each with its place
    extra = {"fcode": fcode, "kind": kind, "value": value, "pcode": pcode, "missing": missing, "ucode": ucode, "bad_year": bad_year, "yint": yint}
    bad = (pcode != 0) | bad_year | (ucode.is_null() & ~missing)
    if bad.any():
        rows = located(df.with_columns(**extra).filter(bad))
        ftypes = {i: f.type for i, f in enumerate(fdefs)}
        vals = rows.filter(pl.col("pcode") != 0).with_columns(
            pl.col("pcode").replace_strict(dict(enumerate(_PROBLEM_CODES)), return_dtype=pl.String).alias("problem"),
            pl.col("fcode").replace_strict(dict(enumerate(fids)), return_dtype=pl.String).alias("fid"),
            pl.col("fcode").replace_strict(ftypes, return_dtype=pl.String).alias("ftype"),
            pl.coalesce(pl.col("raw"), pl.col("num").cast(pl.String).str.replace(r"\.0$", "")).alias("raw"),
        )
        _value_problems(vals, rubric, report)
        _limited(report, rows.filter(pl.col("bad_year")), lambda r: problem("E-DATA-YEAR", r["file"], r["row"], "year", value=r["year"]))
        _limited(report, rows.filter(pl.col("ucode").is_null() & ~pl.col("missing")), lambda r: problem("E-DATA-UNIT", r["file"], r["row"], "unit"))

    # 6. keys: every (unit, year) named; the dense key orders rows by year, then unit
    named = ucode.is_not_null()
    yslot = (yint.cast(pl.Int64) - YEAR_MIN).fill_null(_NO_YEAR)
    keyslot = (yslot * nu + ucode).fill_null(-1).to_numpy()
    present = np.zeros((_NO_YEAR + 1) * nu, dtype=bool)
    present[keyslot[named.to_numpy()]] = True
    dense = np.cumsum(present) - 1
    slots = np.flatnonzero(present)
    key_year = pl.Series("year", slots // nu + YEAR_MIN, dtype=pl.Int64)
    keys = pl.DataFrame({"unit": unit_names.gather(pl.Series(slots % nu)), "year": key_year}).select(
        pl.col("unit").cast(pl.String), pl.when(pl.col("year") > YEAR_MAX).then(None).otherwise(pl.col("year")).cast(pl.Int32).alias("year"))

    # 7. the first value of each unit, year and field; a second one is a problem
    good = ((pcode == 0) & ~missing & named).to_numpy()
    gi = np.flatnonzero(good)
    cell = dense[keyslot[gi]] * nf + fcode.to_numpy()[gi]
    cells = pl.Series(cell)
    first = np.ones(len(gi), dtype=bool)
    if cells.n_unique() < len(gi):
        first = cells.is_first_distinct().to_numpy()
        _duplicates(located(df.with_columns(**extra).with_columns(cell=pl.Series(np.full(n, -1, dtype=np.int64)).scatter(gi, cell))
                            .filter(pl.Series(good))), first, fids, unit_names, report)
    if not report.ok:
        return None
    grid = np.full(len(slots) * nf, np.nan)
    grid[cell[first]] = value.to_numpy()[gi[first]]
    wide = pl.concat([keys, pl.from_numpy(grid.reshape(len(slots), nf), schema=fids, orient="row").fill_nan(None)], how="horizontal")
    take = np.zeros(n, dtype=bool)
    take[gi[first]] = True
    units = _units(metas, report)

    def build() -> pl.DataFrame:
        sel = pl.Series(take)
        q = pl.col("qualifier").str.strip_chars()
        return df.with_columns(ucode=ucode, value=value, qcode=qcode, yint=yint).filter(sel).select(
            pl.col("ucode").map_batches(lambda c: unit_names.gather(c), return_dtype=pl.String).alias("unit"),
            pl.col("yint").alias("year"),
            pl.col("fcode").replace_strict(dict(enumerate(fids)), return_dtype=pl.String).alias("field"),
            "value",
            pl.when(q.is_null() | (q == "")).then(pl.col("qcode").replace_strict(dict(enumerate(_QUALIFIERS)), return_dtype=pl.String).replace("", None))
            .otherwise(q).alias("qualifier"),
            pl.col("evidence").str.strip_chars().replace("", None), pl.col("source").str.strip_chars().replace("", None),
            pl.col("part").replace_strict(dict(enumerate(p.file for p in parts)), return_dtype=pl.String).alias("file"), "row",
        ).cast(VALUE_SCHEMA)

    return Indicators(units=units, files=files, keys=keys, build=build, wide=wide)


def _mixed_units(df: pl.DataFrame, kind: pl.Series, value: pl.Series, pcode: pl.Series, pct: pl.Series) -> pl.Series:
    """A percent written as a bare fraction (0.96) in a column whose other cells of the same
    field carry a % sign (96%): it would be read as 0.96 %, so it is a problem (E-DATA-MIXED)."""
    percent = (kind == 1) & (pcode == 0)
    fraction = (percent & ~pct & (value > 0) & (value < 1)).fill_null(False)
    if not fraction.any():
        return pcode
    frame = pl.DataFrame({"part": df.get_column("part"), "fcode": df.get_column("fcode"), "fraction": fraction,
                          "signed": (percent & pct).fill_null(False)})
    flag = frame.select(pl.col("fraction") & pl.col("signed").any().over("part", "fcode")).to_series()
    return pl.select(pl.when(flag).then(pl.lit(_P["E-DATA-MIXED"], dtype=pl.Int8)).otherwise(pcode)).to_series()


def _duplicates(rows: pl.DataFrame, first: np.ndarray, fids: list[str], unit_names: pl.Series, report: Report) -> None:
    """E-DATA-DUP for each repeated (unit, year, field), with where it was first given."""
    rows = rows.with_columns(pl.Series("_first_seen", first))
    firsts = rows.filter(pl.col("_first_seen")).select("cell", pl.col("row").alias("_first"), pl.col("file").alias("_first_file"))
    dups = rows.filter(~pl.col("_first_seen")).join(firsts, on="cell", how="left", maintain_order="left")
    dups = dups.with_columns(pl.col("ucode").map_batches(lambda c: unit_names.gather(c), return_dtype=pl.String).alias("unit_name"),
                             pl.col("fcode").replace_strict(dict(enumerate(fids)), return_dtype=pl.String).alias("fid"))
    _limited(report, dups, lambda r: problem("E-DATA-DUP", r["file"], r["row"], r["fcol"], unit=r["unit_name"], year=r["yint"] or "", field=r["fid"],
                                             first=r["_first"] if r["_first_file"] == r["file"] else f"{r['_first_file']}:{r['_first']}"))


def _year(e: pl.Expr) -> pl.Expr:
    t = V.clean_text(e).str.replace(r"年度?$", "").str.replace(r"\.0$", "")
    y = t.cast(pl.Int32, strict=False)
    return pl.when((y >= 1949) & (y <= 2100)).then(y).otherwise(None)


_EXPECTED_ZH = {"percent": "百分比，如 96.5%", "count": "整数，如 12", "number": "数值", "bool": "是/否", "grade": "等次"}


def _value_problems(parsed: pl.DataFrame, rubric, report: Report) -> None:
    from ..rubric.semantics import field_range

    bad = parsed.filter(pl.col("problem").is_not_null())

    def make(r: dict) -> Problem:
        code = r["problem"]
        if code == "E-DATA-RANGE":
            lo, hi = field_range(rubric.fields[r["fid"]])
            rng = "整数 ≥ 0" if r["ftype"] == "count" else (f"{lo:g}–{hi:g}" if lo is not None and hi is not None else (f"≥ {lo:g}" if lo is not None else f"≤ {hi:g}"))
            return problem(code, r["file"], r["row"], r["vcol"], value=r["raw"], field=r["fid"], range=rng)
        if code == "E-DATA-MIXED":
            from .excel import as_percent_text

            return problem(code, r["file"], r["row"], r["vcol"], value=r["raw"], percent=as_percent_text(repr(r["value"]))[:-1])
        if code == "E-DATA-GRADE":
            return problem(code, r["file"], r["row"], r["vcol"], value=r["raw"], field=r["fid"], levels="、".join(rubric.fields[r["fid"]].levels or []))
        return problem(code, r["file"], r["row"], r["vcol"], value=r["raw"], field=r["fid"], expected=_EXPECTED_ZH.get(r["ftype"], ""))

    _limited(report, bad, make)


def _limited(report: Report, rows: pl.DataFrame, make) -> None:
    """Report at most MAX_PROBLEMS_PER_KIND rows per file, then one line with the count."""
    if rows.height == 0:
        return
    for file, group in rows.group_by("file", maintain_order=True):
        for r in group.head(MAX_PROBLEMS_PER_KIND).iter_rows(named=True):
            report.add(make(r))
        if group.height > MAX_PROBLEMS_PER_KIND:
            first = make(group.row(0, named=True))
            report.add(problem("E-DATA-MORE", file[0], None, count=group.height - MAX_PROBLEMS_PER_KIND, kind=first.code))


def _units(metas: list[pl.DataFrame], report: Report) -> pl.DataFrame:
    frames = [m for m in metas if m is not None and m.height]
    if not frames:
        return pl.DataFrame(schema=UNIT_SCHEMA)
    allm = pl.concat([m.cast(UNIT_SCHEMA) for m in frames])
    out = []
    for m in META_COLUMNS:
        per = allm.filter(pl.col(m).is_not_null() & (pl.col(m) != "")).group_by("unit", maintain_order=True).agg(pl.col(m).unique(maintain_order=True))
        for r in per.filter(pl.col(m).list.len() > 1).iter_rows(named=True):
            report.add(problem("E-DATA-META", "", None, unit=r["unit"], what=m, a=r[m][0], b=r[m][1]))
        out.append(per.with_columns(pl.col(m).list.first()))
    units = allm.select("unit").unique(maintain_order=True)
    for part in out:
        units = units.join(part, on="unit", how="left", maintain_order="left")
    return units.select(list(UNIT_SCHEMA)).cast(UNIT_SCHEMA).sort("unit")


# --- the whole step --------------------------------------------------------------------------------


def read_indicators(paths: list[str | Path], rubric) -> Indicators:
    """Read every file (and every data file in a directory) → ``Indicators``.

    Raises ``ProblemError`` with every problem found in every file."""
    inds, report = read_indicators_report(paths, rubric)
    if inds is None:
        raise ProblemError(report)
    return inds


def read_indicators_report(paths: list[str | Path], rubric) -> tuple[Indicators | None, Report]:
    files, report = data_files(paths)
    lookup = rubric.field_lookup()
    raws, metas, shown_files, parts = [], [], [], []
    for path in files:
        shown = shown_path(path)
        shown_files.append(shown)
        tables, probs = read_tables(path, shown)
        report.extend(probs)
        for table in tables:
            raw, meta, probs = interpret(table, lookup, parts)
            report.extend(probs)
            if raw is not None:
                raws.append(raw)
            metas.append(meta)
    if not report.ok:
        return None, report
    if not raws:
        if not metas or all(m is None for m in metas):
            report.add(problem("E-DATA-EMPTY", ", ".join(shown_files) or "(无数据文件)"))
            return None, report
        raws.append(pl.DataFrame(schema=RAW_SCHEMA))
    raw = pl.concat([r.cast(RAW_SCHEMA) for r in raws]) if len(raws) > 1 else raws[0].cast(RAW_SCHEMA)
    inds = normalise(raw, parts, metas, rubric, report, shown_files)
    if inds is None or not report.ok:
        return None, report
    return inds, report
