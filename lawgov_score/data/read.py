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
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from ..core.groups import META_COLUMNS
from ..core.paths import expand, shown_path
from ..core.problems import Problem, ProblemError, Report, did_you_mean, problem
from . import values as V
from .columns import IGNORED, canonical, evidence_of
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

    def __init__(
        self,
        values: pl.DataFrame | None = None,
        units: pl.DataFrame | None = None,
        files: list[str] | None = None,
        keys: pl.DataFrame | None = None,
        *,
        build=None,
        wide: pl.DataFrame | None = None,
    ):
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
    "unit": pl.String,
    "year": pl.Int32,
    "field": pl.String,
    "value": pl.Float64,
    "qualifier": pl.String,
    "evidence": pl.String,
    "source": pl.String,
    "file": pl.String,
    "row": pl.Int64,
}
UNIT_SCHEMA = {"unit": pl.String, **{m: pl.String for m in META_COLUMNS}}


# --- 1. files → tables ---------------------------------------------------------------------


def data_files(paths: list[str | Path]) -> tuple[list[Path], Report]:
    """The data files named, and those directly inside folders named (see ``paths.expand``)."""
    return expand(paths, SUFFIXES, "E-DATA-FILE", "数据文件（.csv .tsv .xlsx .parquet .json）")


def read_tables(path: Path, shown: str | None = None) -> tuple[list[Table], list[Problem]]:
    shown = shown or str(path)
    try:
        return _read_tables(path, shown)
    except OSError as exc:
        return [], [problem("E-DATA-FILE", shown, reason=exc.strerror or str(exc))]
    except BaseException as exc:  # a library failing on broken bytes (even a panic): one line, no traceback
        if not library_failure(exc):
            raise
        return [], [problem("E-DATA-FILE", shown, reason=f"无法按表格读取：{_short(exc)}")]


def library_failure(exc: BaseException) -> bool:
    """An error raised by a library on bad input, including a Rust library's panic (which
    Python sees as a BaseException, not an Exception)."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _read_tables(path: Path, shown: str) -> tuple[list[Table], list[Problem]]:
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path, shown)
        if suffix in (".parquet", ".pq"):
            return _read_parquet(path, shown)
        if suffix in (".csv", ".tsv", ".txt"):
            fast = _read_delimited_fast(path, shown, "\t" if suffix == ".tsv" else None)
            if fast is not None:
                return fast
        raw = path.read_bytes()
    except OSError as exc:
        return [], [problem("E-DATA-FILE", shown, reason=exc.strerror or str(exc))]
    if not raw.strip():
        return [], [problem("E-DATA-EMPTY", shown)]
    if is_binary(raw[:8192]):
        return [], [
            problem("E-DATA-FILE", shown, reason="这是二进制文件，不是文本表格（若是 Excel 文件，请用 .xlsx 扩展名）")
        ]
    try:
        text, _ = decode(raw)
    except DecodeError:
        return [], [problem("E-DATA-ENCODING", shown)]
    if suffix in (".json", ".jsonl"):
        return _read_json(text, shown)
    return _read_delimited(text, shown, "\t" if suffix == ".tsv" else None)


def _read_parquet(path: Path, shown: str) -> tuple[list[Table], list[Problem]]:
    try:
        return [Table(shown, pl.read_parquet(path), 2)], []
    except OSError:
        raise
    except BaseException as exc:  # what the Parquet library says about broken bytes means nothing to a reader
        if not library_failure(exc):
            raise
        with open(path, "rb") as fh:
            magic = fh.read(4)
        what = (
            "不是 Parquet 文件（请检查扩展名）"
            if magic != b"PAR1"
            else "Parquet 文件已损坏或不完整（请重新导出或下载）"
        )
        return [], [problem("E-DATA-FILE", shown, reason=what)]


def _short(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def _header_index(rows: list[list[str]]) -> int:
    """The first of the leading rows that names a unit or field column: the header."""
    for i, cells in enumerate(rows[:20]):
        roles = {canonical(c) for c in cells}
        if "unit" in roles or {"field", "value"} <= roles:
            return i
    return 0


def _sniff(lines: list[str], sep: str | None) -> tuple[str, int]:
    """(the delimiter, the index of the header line) from the first lines of a text table."""
    if sep is None:
        sample = "\n".join(lines)
        counts = {d: sample.count(d) for d in (",", "\t", ";", "|")}
        sep = max(counts, key=counts.get) if max(counts.values()) else ","
    return sep, _header_index([ln.split(sep) for ln in lines])


def _one_column(frame: pl.DataFrame, shown: str) -> list[Problem]:
    if frame.width <= 1 and canonical(frame.columns[0] if frame.columns else "") is None:
        header = frame.columns[0] if frame.columns else ""
        hint = next(
            (
                f"表头用的是{name}“{mark}”分隔：请改用半角逗号“,”分隔（英文输入法下的逗号），或另存为 CSV"
                for mark, name in (("，", "全角逗号"), ("、", "顿号"), ("；", "全角分号"), (" ", "空格"))
                if mark in header.strip()
            ),
            None,
        )
        return [
            problem(
                "E-DATA-COLUMNS",
                shown,
                1,
                reason=f"只读出一列：{hint}"
                if hint
                else "只读出一列：分隔符可能不是逗号或制表符，或表头不含“单位/unit”列",
            )
        ]
    return []


def _read_delimited(text: str, shown: str, sep: str | None) -> tuple[list[Table], list[Problem]]:
    sep, head = _sniff(text.splitlines()[:20], sep)
    try:
        frame = pl.read_csv(
            io.BytesIO(text.encode("utf-8")),
            separator=sep,
            infer_schema=False,
            skip_lines=head,
            truncate_ragged_lines=True,
            raise_if_empty=False,
        )
    except Exception as exc:
        return [], [problem("E-DATA-FILE", shown, reason=f"无法按表格读取：{_short(exc)}")]
    probs = _one_column(frame, shown)
    return ([], probs) if probs else ([Table(shown, frame, head + 2)], [])


FAST_CSV_BYTES = 4 * 1024 * 1024  # above this a UTF-8 file goes to polars as it is


def _read_delimited_fast(path: Path, shown: str, sep: str | None) -> tuple[list[Table], list[Problem]] | None:
    """A large UTF-8 text table read by polars straight from the file, without decoding it into
    Python text and encoding it back (which costs more than the reading).  None when the file is
    small, not UTF-8, or anything is unusual: the careful path then reads it as before."""
    import codecs

    try:
        if path.stat().st_size < FAST_CSV_BYTES:
            return None
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or is_binary(head):
        return None
    body = head[len(codecs.BOM_UTF8) :] if head.startswith(codecs.BOM_UTF8) else head
    try:
        lines = body[: body.rfind(b"\n")].decode("utf-8").splitlines()[:20]
    except UnicodeDecodeError:
        return None
    if not lines:
        return None
    sep, skip = _sniff(lines, sep)
    try:
        frame = pl.read_csv(
            path,
            separator=sep,
            infer_schema=False,
            skip_lines=skip,
            truncate_ragged_lines=True,
            raise_if_empty=False,
            encoding="utf8",
        )
    except Exception:  # not UTF-8 further on, say
        return None
    if frame.columns and frame.columns[0].startswith("\ufeff"):
        frame = frame.rename({frame.columns[0]: frame.columns[0][1:]})
    probs = _one_column(frame, shown)
    return ([], probs) if probs else ([Table(shown, frame, skip + 2)], [])


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
    cols = {
        c: [
            None
            if r.get(c) is None
            else (json.dumps(r[c], ensure_ascii=False) if isinstance(r[c], (dict, list)) else _json_text(r[c]))
            for r in data
        ]
        for c in columns
    }
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
        return [], [problem("E-DATA-FILE", shown, reason=f"无法打开 Excel 工作簿：{_xlsx_trouble(path, _short(exc))}")]
    from .excel import apply_percents, fill_merged, merged_ranges, percent_cells
    from .template import attach_unit

    percents = percent_cells(path)
    merges = merged_ranges(path)
    tables: list[Table] = []
    for name in reader.sheet_names:
        try:
            sheet = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
            grid = sheet.to_polars()
            if name in percents:
                grid = apply_percents(grid, [c.absolute_index for c in sheet.available_columns()], percents[name])
            if name in merges:
                grid = fill_merged(grid, [c.absolute_index for c in sheet.available_columns()], merges[name])
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


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of old .xls files and of encrypted workbooks


def _xlsx_trouble(path: Path, msg: str) -> str:
    """Why a workbook cannot be opened, in the words of someone who uses Excel or WPS."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return msg
    if head.startswith(OLE_MAGIC):
        if (
            "EncryptionInfo".encode("utf-16-le") in head
            or b"EncryptedPackage" in head
            or "EncryptedPackage".encode("utf-16-le") in head
        ):
            return (
                "工作簿设有打开密码：请在 Excel/WPS 中去掉密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空）后另存"
            )
        return "这是旧版 .xls 或其他 Office 文件，不是 .xlsx：请在 Excel/WPS 中另存为 .xlsx"
    low = msg.lower()
    if "zip" in low or "eocd" in low or not head.startswith(b"PK"):
        return "文件已损坏或不完整（不是有效的 .xlsx）：请在 Excel/WPS 中打开并重新另存为 .xlsx，或重新下载"
    if "password" in low or "encrypt" in low:
        return "工作簿已加密：请去掉密码后另存为 .xlsx"
    return msg


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
    table: Table, lookup: dict[str, str], parts: list[Part]
) -> tuple[pl.DataFrame | None, pl.DataFrame | None, list[Problem]]:
    """Return (raw long rows, unit metadata rows, problems) for one table."""
    frame = table.frame
    where = table.where()
    roles: dict[str, str] = {}  # role → the header that plays it (first wins)
    for col in frame.columns:
        role = canonical(col)
        if role and role not in roles:
            roles[role] = col
    if frame.height == 0:
        return None, None, [problem("E-DATA-EMPTY", where, table.first_row - 1)]  # the header row
    if "unit" not in roles:
        return (
            None,
            None,
            [
                problem(
                    "E-DATA-COLUMNS",
                    where,
                    table.first_row - 1,
                    reason="找不到单位列：表头须有“单位”（或 unit、地区）列",
                )
            ],
        )
    frame = frame.with_row_index("_i").with_columns((pl.col("_i").cast(pl.Int64) + table.first_row).alias("row"))
    meta = _meta_rows(frame, roles)
    if "field" in roles and "value" in roles:
        return _long_rows(frame, roles, _part(parts, where, roles["value"], roles["field"], roles)), meta, []
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
            problems.append(
                problem(
                    "E-DATA-FIELD", where, table.first_row - 1, col, field=col, suggestion=did_you_mean(col, lookup)
                )
            )
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


# --- 3. raw rows → canonical values ---------------------------------------------------------------

# How a value's text is read: by the field's type, and for a grade by the field's own levels.
_BASE_KINDS = ("number", "percent", "count", "bool")


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


def parse_kinds(table: pl.DataFrame, codes: FieldCodes, rubric) -> pl.DataFrame:
    """Parse a table of distinct (``_raw`` text, ``kind`` code, ``_ftype``) pairs; a grade kind
    is matched against its field's levels (E-DATA-GRADE when the text is none of them)."""
    table = V._parse_distinct(table.lazy(), keep=("kind",)).collect()
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
        is_grade = pl.col("kind") >= len(_BASE_KINDS)
        table = table.with_columns(
            pl.when(is_grade).then(pl.col("level_idx")).otherwise(pl.col("value")).alias("value"),
            pl.when(is_grade & ~pl.col("is_missing") & pl.col("level_idx").is_null())
            .then(pl.lit("E-DATA-GRADE"))
            .otherwise(pl.col("problem"))
            .alias("problem"),
        )
    return table


def field_codes(rubric) -> FieldCodes:
    from ..rubric.semantics import field_range

    fdefs = list(rubric.fields.values())
    fids = [f.id for f in fdefs]
    grade_ids = [f.id for f in fdefs if f.type == "grade"]
    kinds = list(_BASE_KINDS) + grade_ids
    ranges = [field_range(f) for f in fdefs]
    return FieldCodes(
        fids=fids,
        index={fid: i for i, fid in enumerate(fids)},
        grade_ids=grade_ids,
        kinds=kinds,
        kind_of=np.array([kinds.index(f.id if f.type == "grade" else f.type) for f in fdefs], dtype=np.int64),
        lo_of=np.array([np.nan if r[0] is None else r[0] for r in ranges], dtype=np.float64),
        hi_of=np.array([np.nan if r[1] is None else r[1] for r in ranges], dtype=np.float64),
    )


_PROBLEM_CODES = ("", "E-DATA-NUMBER", "E-DATA-BOOL", "E-DATA-GRADE", "E-DATA-RANGE", "E-DATA-MIXED")
_P = {c: i for i, c in enumerate(_PROBLEM_CODES)}
_QUALIFIERS = ("", "lower_bound", "approx")
_NO_YEAR = YEAR_MAX - YEAR_MIN + 1  # the year slot of rows without a year (sorted last)


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


def _floats(s: pl.Series) -> np.ndarray:
    return s.cast(pl.Float64).fill_null(np.nan).to_numpy()


def normalise(
    raw: pl.DataFrame, parts: list[Part], metas: list[pl.DataFrame], rubric, report: Report, files: list[str]
) -> Indicators | None:
    """Raw long rows → ``Indicators`` (None when there were problems, all in ``report``).

    Every text is read once per distinct spelling (field names, values, years) or per run of
    equal names (units); the rows themselves are then handled as integer codes in numpy, so
    that a national file of a million and a half rows costs a few passes of integer work."""
    lookup = rubric.field_lookup()
    codes = field_codes(rubric)
    fids, index, grade_ids, kinds = codes.fids, codes.index, codes.grade_ids, codes.kinds
    kind_of, lo_of, hi_of = codes.kind_of, codes.lo_of, codes.hi_of
    nf, nk = len(fids), len(kinds)
    part_frame = pl.DataFrame(
        {
            "part": range(len(parts)),
            "file": [p.file for p in parts],
            "vcol": [p.vcol for p in parts],
            "fcol": [p.fcol for p in parts],
            "ucol": [p.ucol for p in parts],
            "ycol": [p.ycol for p in parts],
        },
        schema={
            "part": pl.UInt32,
            "file": pl.String,
            "vcol": pl.String,
            "fcol": pl.String,
            "ucol": pl.String,
            "ycol": pl.String,
        },
    )

    def located(frame: pl.DataFrame, mask: np.ndarray, **cols: np.ndarray) -> pl.DataFrame:
        """The rows of ``mask`` with the given per-row arrays and their file and columns."""
        sub = frame.filter(pl.Series(mask)).with_columns(**{k: pl.Series(v[mask]) for k, v in cols.items()})
        return sub.join(part_frame, on="part", how="left", maintain_order="left")

    # 1. field names → field index (-1 blank, -2 not in the dictionary), each spelling once
    fc, names = _dense_codes(raw.get_column("field"))
    spelled = [(n or "").strip() for n in names.to_list()]
    fmap = np.array([(index[lookup[s]] if s in lookup else -2) if s else -1 for s in spelled] + [-1], dtype=np.int64)
    fcode = fmap[fc]
    df = raw
    off = fcode < 0
    if off.any():
        rows = located(raw, off, fcode=fcode)
        unknown = rows.filter(pl.col("fcode") == -2).with_columns(pl.col("field").str.strip_chars())
        first = unknown.group_by("file", "field", maintain_order=True).agg(
            pl.col("row").first(), pl.col("fcol").first()
        )
        for r in first.iter_rows(named=True):
            report.add(
                problem(
                    "E-DATA-FIELD",
                    r["file"],
                    r["row"],
                    r["fcol"],
                    field=r["field"],
                    suggestion=did_you_mean(r["field"], lookup),
                )
            )
        has_value = pl.col("num").is_not_null() | (
            pl.col("raw").is_not_null() & (pl.col("raw").str.strip_chars() != "")
        )
        for r in rows.filter((pl.col("fcode") == -1) & has_value).head(MAX_PROBLEMS_PER_KIND).iter_rows(named=True):
            report.add(
                problem("E-DATA-FIELD", r["file"], r["row"], r["fcol"], field="(空)")
            )  # a blank row is no problem
        df = raw.filter(pl.Series(~off))
        fcode = fcode[~off]
    n = df.height
    kind = kind_of[fcode]
    num = df.get_column("num")
    typed = num.null_count() < n
    if typed and grade_ids:  # a grade is matched as text, even in a numeric column
        as_grade = (kind >= len(_BASE_KINDS)) & num.is_not_null().to_numpy()
        if as_grade.any():
            grade = pl.Series(as_grade)
            text = num.cast(pl.String).str.replace(r"\.0$", "")
            df = df.with_columns(
                raw=pl.when(grade).then(text).otherwise(pl.col("raw")),
                num=pl.when(grade).then(None).otherwise(pl.col("num")),
            )
            num = df.get_column("num")

    # 2. values: each distinct (text, kind) read once, then gathered for every row
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
            "_ftype": pl.Series(
                [k if i < len(_BASE_KINDS) else "grade" for i, k in enumerate(kinds)], dtype=pl.String
            ).gather(pl.Series(upairs % nk)),
        }
    )
    table = parse_kinds(table, codes, rubric)
    at = slot[pair]
    value = _floats(table.get_column("value"))[at]
    pcode = table.get_column("problem").fill_null("").replace_strict(_P, return_dtype=pl.Int8).to_numpy()[at]
    qcode = (
        table.get_column("auto_qualifier")
        .fill_null("")
        .replace_strict({q: i for i, q in enumerate(_QUALIFIERS)}, return_dtype=pl.Int8)
        .to_numpy()[at]
    )
    missing = table.get_column("is_missing").to_numpy()[at]
    pct = table.get_column("pct").fill_null(False).to_numpy()[at]
    numeric = kind < 3
    if typed:  # typed cells: the number as it is (a yes/no as 1/0)
        has = num.is_not_null().to_numpy()
        v = _floats(num)
        cell = has & numeric
        value[cell] = v[cell]
        pcode[cell] = np.where(np.isfinite(v[cell]), 0, _P["E-DATA-NUMBER"])
        cell = has & (kind == 3)
        yes, no = v[cell] == 1, v[cell] == 0
        value[cell] = np.where(yes, 1.0, np.where(no, 0.0, np.nan))
        pcode[cell] = np.where(yes | no, 0, _P["E-DATA-BOOL"])
        missing[has], qcode[has], pct[has] = False, 0, False
    # the field's range (a count is whole)
    with np.errstate(invalid="ignore"):
        lo, hi = lo_of[fcode], hi_of[fcode]
        outside = (
            numeric
            & (pcode == 0)
            & ~np.isnan(value)
            & ((value < lo) | (value > hi) | ((kind == 2) & (value != np.floor(value))))
        )
    pcode[outside] = _P["E-DATA-RANGE"]
    # a percent written as a bare fraction (0.96) where the column writes its percents with %
    with np.errstate(invalid="ignore"):
        percent = (kind == 1) & (pcode == 0)
        fraction = percent & ~pct & (value > 0) & (value < 1)
    if fraction.any() and (percent & pct).any():
        group = df.get_column("part").cast(pl.Int64).to_numpy() * nf + fcode
        pcode[fraction & np.isin(group, np.unique(group[percent & pct]))] = _P["E-DATA-MIXED"]

    # 3. units: each run of equal names read once; codes follow code point order
    run, run_units = _run_codes(df.get_column("unit"))
    clean = run_units.str.strip_chars()
    clean = pl.select(pl.when(clean == "").then(None).otherwise(clean)).to_series()
    unit_names = clean.drop_nulls().unique().sort()
    ucode = clean.cast(pl.Enum(unit_names)).to_physical().cast(pl.Int64).fill_null(-1).to_numpy()[run]
    nu = max(len(unit_names), 1)

    # 4. years: the fast cast made when reading, then each distinct other spelling once
    ytext = df.get_column("year")
    year = df.get_column("yint").cast(pl.Int64).fill_null(-1).to_numpy(writable=True)
    bad_year = np.zeros(n, dtype=bool)
    if ytext.null_count() < n:
        retry = (ytext.is_not_null() & df.get_column("yint").is_null()).to_numpy()
        if retry.any():
            spelt = ytext.filter(pl.Series(retry))
            spellings = spelt.unique().to_frame("year").with_columns(_year(pl.col("year")).cast(pl.Int64).alias("y"))
            got = spelt.to_frame("year").join(spellings, on="year", how="left", maintain_order="left").get_column("y")
            year[retry] = got.fill_null(-1).to_numpy()
            bad_year[retry] = (got.is_null() & (spelt.str.strip_chars() != "")).to_numpy()

    # 5. problems, each with its place
    cols = {
        "fcode": fcode,
        "value": value,
        "pcode": pcode,
        "missing": missing,
        "ucode": ucode,
        "bad_year": bad_year,
        "yint": year,
    }
    bad = (pcode != 0) | bad_year | ((ucode < 0) & ~missing)
    if bad.any():
        rows = located(df, bad, **cols)
        ftypes = {i: rubric.fields[fid].type for i, fid in enumerate(fids)}
        vals = rows.filter(pl.col("pcode") != 0).with_columns(
            pl.col("pcode").replace_strict(dict(enumerate(_PROBLEM_CODES)), return_dtype=pl.String).alias("problem"),
            pl.col("fcode").replace_strict(dict(enumerate(fids)), return_dtype=pl.String).alias("fid"),
            pl.col("fcode").replace_strict(ftypes, return_dtype=pl.String).alias("ftype"),
            pl.coalesce(pl.col("raw"), pl.col("num").cast(pl.String).str.replace(r"\.0$", "")).alias("raw"),
        )
        _value_problems(vals, rubric, report)
        _limited(
            report,
            rows.filter(pl.col("bad_year")),
            lambda r: problem("E-DATA-YEAR", r["file"], r["row"], r["ycol"], value=r["year"]),
        )
        _limited(
            report,
            rows.filter((pl.col("ucode") < 0) & ~pl.col("missing")),
            lambda r: problem("E-DATA-UNIT", r["file"], r["row"], r["ucol"]),
        )

    # 6. keys: every (unit, year) named, in unit order (the order most files list them in)
    named = ucode >= 0
    slots_per_unit = _NO_YEAR + 1
    keyslot = ucode * slots_per_unit + np.where(year >= 0, year - YEAR_MIN, _NO_YEAR)
    present = np.zeros(slots_per_unit * nu, dtype=bool)
    present[keyslot[named]] = True
    dense = np.cumsum(present, dtype=np.int64) - 1
    slots = np.flatnonzero(present)
    key_years = slots % slots_per_unit + YEAR_MIN
    keys = pl.DataFrame(
        {
            "unit": unit_names.gather(pl.Series(slots // slots_per_unit))
            if len(slots)
            else pl.Series([], dtype=pl.String),
            "year": pl.Series(key_years, dtype=pl.Int32).set(pl.Series(key_years > YEAR_MAX), None)
            if len(slots)
            else pl.Series([], dtype=pl.Int32),
        },
        schema={"unit": pl.String, "year": pl.Int32},
    )

    # 7. the first value of each unit, year and field; another one is a problem
    gi = np.flatnonzero((pcode == 0) & ~missing & named)
    cell = dense[keyslot[gi]] * nf + fcode[gi]
    size = len(slots) * nf
    if size <= 64_000_000:
        filled = np.zeros(size, dtype=bool)
        filled[cell] = True
        repeated = int(filled.sum()) < len(cell)
        del filled
    else:
        repeated = pl.Series(cell).n_unique() < len(cell)
    first = np.ones(len(gi), dtype=bool)
    if repeated:
        first = pl.Series(cell).is_first_distinct().to_numpy()
        good = np.zeros(n, dtype=bool)
        good[gi] = True
        at_cell = np.full(n, -1, dtype=np.int64)
        at_cell[gi] = cell
        seen_first = np.zeros(n, dtype=bool)
        seen_first[gi] = first
        _duplicates(located(df, good, cell=at_cell, first_seen=seen_first, **cols), fids, unit_names, report)
    if not report.ok:
        return None
    take = gi if repeated is False else gi[first]
    grid = np.full(size, np.nan)
    grid[cell if repeated is False else cell[first]] = value[take]
    # year by year, units in code point order: the order of the keys' slots taken year-major
    order = np.lexsort((slots // slots_per_unit, slots % slots_per_unit))
    grid = grid.reshape(len(slots), nf)[order]
    wide = keys[order].with_columns([pl.Series(fid, grid[:, j], nan_to_null=True) for j, fid in enumerate(fids)])
    units = _units(metas, report)

    def build() -> pl.DataFrame:
        """The long values (only when asked for: ranking never needs them)."""
        q = pl.col("qualifier").str.strip_chars()
        auto = pl.col("qcode").replace_strict(dict(enumerate(_QUALIFIERS)), return_dtype=pl.String)
        sel = df.select("evidence", "source", "qualifier", "part", "row")[take]
        return (
            sel.with_columns(
                unit=unit_names.gather(pl.Series(ucode[take])),
                year=pl.Series(year[take]),
                fcode=pl.Series(fcode[take]),
                value=pl.Series(value[take]),
                qcode=pl.Series(qcode[take]),
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
                pl.col("part")
                .replace_strict(dict(enumerate(p.file for p in parts)), return_dtype=pl.String)
                .alias("file"),
                "row",
            )
            .cast(VALUE_SCHEMA)
        )

    return Indicators(units=units, files=files, keys=keys, build=build, wide=wide)


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
    _limited(
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


def normalise_text_rows(rows: pl.DataFrame, rubric, report: Report, files: list[str]) -> Indicators | None:
    """``normalise`` for rows of ``TEXT_ROW_SCHEMA`` (a file, value column and field column on each row)."""
    rows = rows.cast(TEXT_ROW_SCHEMA)
    places = rows.select("file", "vcol", "fcol").unique(maintain_order=True).with_row_index("part")
    parts = [Part(f, v, c) for _, f, v, c in places.iter_rows()]
    rows = rows.join(places, on=["file", "vcol", "fcol"], how="left", nulls_equal=True, maintain_order="left")
    year, yint = _year_exprs(rows, "year")
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


def _year(e: pl.Expr) -> pl.Expr:
    t = V.clean_text(e).str.replace(r"年度?$", "").str.replace(r"\.0$", "")
    y = t.cast(pl.Int32, strict=False)
    return pl.when((y >= 1949) & (y <= 2100)).then(y).otherwise(None)


_EXPECTED_ZH = {
    "percent": "百分比，如 96.5%",
    "count": "整数，如 12",
    "number": "数值",
    "bool": "是/否",
    "grade": "等次",
}
_EXPECTED_EN = {
    "percent": "a percent such as 96.5%",
    "count": "a whole number such as 12",
    "number": "a number",
    "bool": "是/否 (yes/no)",
    "grade": "a grade level",
}


def _value_problems(parsed: pl.DataFrame, rubric, report: Report) -> None:
    from ..rubric.semantics import field_range

    bad = parsed.filter(pl.col("problem").is_not_null())

    def make(r: dict) -> Problem:
        code = r["problem"]
        if code == "E-DATA-RANGE":
            lo, hi = field_range(rubric.fields[r["fid"]])
            rng = (
                "整数 ≥ 0"
                if r["ftype"] == "count"
                else (
                    f"{lo:g}–{hi:g}"
                    if lo is not None and hi is not None
                    else (f"≥ {lo:g}" if lo is not None else f"≤ {hi:g}")
                )
            )
            return problem(code, r["file"], r["row"], r["vcol"], value=r["raw"], field=r["fid"], range=rng)
        if code == "E-DATA-MIXED":
            from .excel import as_percent_text

            return problem(
                code, r["file"], r["row"], r["vcol"], value=r["raw"], percent=as_percent_text(repr(r["value"]))[:-1]
            )
        if code == "E-DATA-GRADE":
            return problem(
                code,
                r["file"],
                r["row"],
                r["vcol"],
                value=r["raw"],
                field=r["fid"],
                levels="、".join(rubric.fields[r["fid"]].levels or []),
            )
        return problem(
            code,
            r["file"],
            r["row"],
            r["vcol"],
            value=r["raw"],
            field=r["fid"],
            expected=_EXPECTED_ZH.get(r["ftype"], ""),
            expected_en=_EXPECTED_EN.get(r["ftype"], ""),
        )

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
            report.add(
                problem("E-DATA-MORE", file[0], None, count=group.height - MAX_PROBLEMS_PER_KIND, kind=first.code)
            )


def _units(metas: list[pl.DataFrame], report: Report) -> pl.DataFrame:
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
    raws = [
        r if dict(r.schema) == RAW_SCHEMA else r.cast(RAW_SCHEMA) for r in raws
    ]  # a cast to the same types still copies
    raw = pl.concat(raws) if len(raws) > 1 else raws[0]
    inds = normalise(raw, parts, metas, rubric, report, shown_files)
    if inds is None or not report.ok:
        return None, report
    from .consistency import check_values

    report.extend(check_values(inds, rubric))
    if not report.ok:
        return None, report
    return inds, report
