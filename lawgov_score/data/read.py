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
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from ..paths import expand, shown_path
from ..problems import Problem, ProblemError, Report, did_you_mean, problem
from . import values as V
from .columns import IGNORED, META_COLUMNS, canonical, evidence_of
from .decode import DecodeError, decode, is_binary
from .table import Table

SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq", ".json", ".jsonl"}
MAX_PROBLEMS_PER_KIND = 20  # per file and code; the rest are counted in one line


@dataclass
class Indicators:
    values: pl.DataFrame  # one row per unit, year and field that has a value
    units: pl.DataFrame  # unit metadata
    files: list[str] = field(default_factory=list)
    keys: pl.DataFrame | None = None  # every (unit, year) the files name, even with no value at all

    @property
    def unit_years(self) -> pl.DataFrame:
        keys = self.keys if self.keys is not None else self.values.select("unit", "year")
        return keys.unique().sort("unit", "year", nulls_last=True)


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

RAW_SCHEMA = {
    "unit": pl.String, "year": pl.String, "field": pl.String, "raw": pl.String, "evidence": pl.String,
    "source": pl.String, "qualifier": pl.String, "file": pl.String, "row": pl.Int64, "vcol": pl.String, "fcol": pl.String,
}


def interpret(table: Table, lookup: dict[str, str]) -> tuple[pl.DataFrame | None, pl.DataFrame | None, list[Problem]]:
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
        return _long_rows(frame, roles, where), meta, []
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
    return _wide_rows(frame, roles, field_cols, evidence_cols, lookup, where), meta, problems


def _text(frame: pl.DataFrame, col: str | None) -> pl.Expr:
    return pl.col(col).cast(pl.String) if col and col in frame.columns else pl.lit(None, dtype=pl.String)


def _long_rows(frame: pl.DataFrame, roles: dict[str, str], where: str) -> pl.DataFrame:
    value_col = roles["value"]
    raw = _text(frame, value_col)
    out = frame.select(
        _text(frame, roles["unit"]).alias("unit"),
        _text(frame, roles.get("year")).alias("year"),
        _text(frame, roles["field"]).str.strip_chars().alias("field"),
        raw.alias("raw"),
        _text(frame, roles.get("evidence")).alias("evidence"),
        _text(frame, roles.get("source")).alias("source"),
        _text(frame, roles.get("qualifier")).alias("qualifier"),
        pl.lit(where).alias("file"),
        pl.col("row"),
        pl.lit(value_col).alias("vcol"),
        pl.lit(roles["field"]).alias("fcol"),
    )
    return out


def _wide_rows(frame, roles, field_cols, evidence_cols, lookup, where) -> pl.DataFrame:
    keys = [
        _text(frame, roles["unit"]).alias("unit"),
        _text(frame, roles.get("year")).alias("year"),
        pl.col("row"),
    ]
    parts = []
    for col in field_cols:
        fid = lookup[col.strip()]
        parts.append(frame.select(
            *keys,
            pl.lit(col.strip()).alias("field"),
            _text(frame, col).alias("raw"),
            _text(frame, evidence_cols.get(fid)).alias("evidence"),
            pl.lit(None, dtype=pl.String).alias("source"),
            pl.lit(None, dtype=pl.String).alias("qualifier"),
            pl.lit(where).alias("file"),
            pl.lit(col).alias("vcol"),
            pl.lit(col).alias("fcol"),
        ))
    return pl.concat(parts).select(list(RAW_SCHEMA))


def _meta_rows(frame: pl.DataFrame, roles: dict[str, str]) -> pl.DataFrame | None:
    present = [m for m in META_COLUMNS if m in roles]
    if not present:
        return None
    return frame.select(
        _text(frame, roles["unit"]).str.strip_chars().alias("unit"),
        *[(_text(frame, roles.get(m)).str.strip_chars() if m in present else pl.lit(None, dtype=pl.String)).alias(m) for m in META_COLUMNS],
    ).filter(pl.col("unit").is_not_null() & (pl.col("unit") != ""))


# --- 3. raw rows → canonical values ---------------------------------------------------------------


def _field_table(rubric) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(name → id), (id → type, lo, hi), (id, level → index) as small frames for joins."""
    from ..rubric.semantics import field_range

    lookup = rubric.field_lookup()
    names = pl.DataFrame({"field": list(lookup), "fid": list(lookup.values())}, schema={"field": pl.String, "fid": pl.String})
    rows = []
    levels = []
    for f in rubric.fields.values():
        lo, hi = field_range(f)
        rows.append((f.id, f.type, lo, hi))
        for j, lv in enumerate(f.levels or []):
            levels.append((f.id, lv, float(j)))
    attrs = pl.DataFrame(rows, schema={"fid": pl.String, "ftype": pl.String, "lo": pl.Float64, "hi": pl.Float64}, orient="row")
    lv = pl.DataFrame(levels, schema={"fid": pl.String, "text": pl.String, "level_idx": pl.Float64}, orient="row")
    return names, attrs, lv


def normalise(raw: pl.DataFrame, metas: list[pl.DataFrame], rubric, report: Report, files: list[str]) -> Indicators:
    names, attrs, levels = _field_table(rubric)
    df = raw.with_columns(pl.col("field").str.strip_chars())
    df = df.join(names, on="field", how="left", maintain_order="left")

    unknown = df.filter(pl.col("fid").is_null() & pl.col("field").is_not_null())
    if unknown.height:
        first = unknown.group_by("file", "field", maintain_order=True).agg(pl.col("row").first(), pl.col("fcol").first())
        for r in first.iter_rows(named=True):
            report.add(problem("E-DATA-FIELD", r["file"], r["row"], r["fcol"], field=r["field"], suggestion=did_you_mean(r["field"], rubric.field_lookup())))
    has_value = pl.col("raw").is_not_null() & (pl.col("raw").str.strip_chars() != "")
    blank_field = df.filter((pl.col("field").is_null() | (pl.col("field") == "")) & has_value)  # a blank row is no problem
    for r in blank_field.head(MAX_PROBLEMS_PER_KIND).iter_rows(named=True):
        report.add(problem("E-DATA-FIELD", r["file"], r["row"], r["fcol"], field="(空)"))

    df = df.filter(pl.col("fid").is_not_null()).join(attrs, on="fid", how="left", maintain_order="left")
    parsed = V.parse(df)
    parsed = parsed.join(levels, on=["fid", "text"], how="left", maintain_order="left")
    parsed = parsed.with_columns(
        pl.when(pl.col("ftype") == "grade").then(pl.col("level_idx")).otherwise(pl.col("value")).alias("value"),
        pl.when((pl.col("ftype") == "grade") & ~pl.col("is_missing") & pl.col("level_idx").is_null())
        .then(pl.lit("E-DATA-GRADE")).otherwise(pl.col("problem")).alias("problem"),
        pl.coalesce(pl.col("qualifier").str.strip_chars().replace("", None), pl.col("auto_qualifier")).alias("qualifier"),
        pl.col("unit").str.strip_chars().alias("unit"),
    )
    # Years repeat: read each distinct spelling once.
    years = parsed.select("year").unique().with_columns(_year(pl.col("year")).alias("year_int"))
    parsed = parsed.join(years, on="year", how="left", nulls_equal=True, maintain_order="left")
    _value_problems(parsed, rubric, report)
    bad_year = parsed.filter(pl.col("year").is_not_null() & (pl.col("year").str.strip_chars() != "") & pl.col("year_int").is_null())
    _limited(report, bad_year, lambda r: problem("E-DATA-YEAR", r["file"], r["row"], "year", value=r["year"]))
    no_unit = parsed.filter((pl.col("unit").is_null() | (pl.col("unit") == "")) & ~pl.col("is_missing"))
    _limited(report, no_unit, lambda r: problem("E-DATA-UNIT", r["file"], r["row"], "unit"))

    good = parsed.filter(pl.col("problem").is_null() & ~pl.col("is_missing") & pl.col("unit").is_not_null() & (pl.col("unit") != ""))
    key = ["unit", "year_int", "fid"]
    good = good.with_columns(pl.struct(key).is_first_distinct().alias("_first_seen"))
    dups = good.filter(~pl.col("_first_seen"))
    if dups.height:  # rare: only then find where each key was first given
        firsts = good.filter(pl.col("_first_seen")).select(key + [pl.col("row").alias("_first"), pl.col("file").alias("_first_file")])
        dups = dups.join(firsts, on=key, how="left", nulls_equal=True, maintain_order="left")
        _limited(report, dups, lambda r: problem("E-DATA-DUP", r["file"], r["row"], r["fcol"], unit=r["unit"], year=r["year_int"] or "", field=r["fid"],
                                                 first=r["_first"] if r["_first_file"] == r["file"] else f"{r['_first_file']}:{r['_first']}"))
    values = good.filter(pl.col("_first_seen")).select(
        "unit", pl.col("year_int").alias("year"), pl.col("fid").alias("field"), "value", "qualifier",
        pl.col("evidence").str.strip_chars().replace("", None), pl.col("source").str.strip_chars().replace("", None), "file", "row",
    ).cast(VALUE_SCHEMA)
    units = _units(metas, report)
    keys = parsed.filter(pl.col("unit").is_not_null() & (pl.col("unit") != "")).select(
        "unit", pl.col("year_int").alias("year")).unique().cast({"unit": pl.String, "year": pl.Int32})
    return Indicators(values=values, units=units, files=files, keys=keys)


def _year(e: pl.Expr) -> pl.Expr:
    t = V.clean_text(e).str.replace(r"年度?$", "").str.replace(r"\.0$", "")
    y = t.cast(pl.Int32, strict=False)
    return pl.when((y >= 1949) & (y <= 2100)).then(y).otherwise(None)


_EXPECTED_ZH = {"percent": "百分比，如 96.5%", "count": "整数，如 12", "number": "数值", "bool": "是/否", "grade": "等次"}
_EXPECTED_EN = {"percent": "a percent such as 96.5%", "count": "a whole number such as 12", "number": "a number",
                "bool": "是/否 (yes/no)", "grade": "a grade level"}


def _value_problems(parsed: pl.DataFrame, rubric, report: Report) -> None:
    from ..rubric.semantics import field_range

    bad = parsed.filter(pl.col("problem").is_not_null())

    def make(r: dict) -> Problem:
        code = r["problem"]
        if code == "E-DATA-RANGE":
            lo, hi = field_range(rubric.fields[r["fid"]])
            rng = "整数 ≥ 0" if r["ftype"] == "count" else (f"{lo:g}–{hi:g}" if lo is not None and hi is not None else (f"≥ {lo:g}" if lo is not None else f"≤ {hi:g}"))
            return problem(code, r["file"], r["row"], r["vcol"], value=r["raw"], field=r["fid"], range=rng)
        if code == "E-DATA-GRADE":
            return problem(code, r["file"], r["row"], r["vcol"], value=r["raw"], field=r["fid"], levels="、".join(rubric.fields[r["fid"]].levels or []))
        return problem(code, r["file"], r["row"], r["vcol"], value=r["raw"], field=r["fid"],
                       expected=_EXPECTED_ZH.get(r["ftype"], ""), expected_en=_EXPECTED_EN.get(r["ftype"], ""))

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
    raws, metas, shown_files = [], [], []
    for path in files:
        shown = shown_path(path)
        shown_files.append(shown)
        tables, probs = read_tables(path, shown)
        report.extend(probs)
        for table in tables:
            raw, meta, probs = interpret(table, lookup)
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
    raw = pl.concat([r.cast(RAW_SCHEMA) for r in raws])
    inds = normalise(raw, metas, rubric, report, shown_files)
    if not report.ok:
        return None, report
    return inds, report
