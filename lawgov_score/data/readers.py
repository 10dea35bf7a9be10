"""Files → tables: each format (CSV, TSV, XLSX, Parquet, JSON) read into rectangular text tables.

The header row is found even below a title row (``columns.header_index``), and every table
remembers the file row of its first data row, so problems can name the row a spreadsheet shows.
A file that cannot be read gives one problem in the reader's words (E-DATA-FILE, E-DATA-EMPTY,
E-DATA-ENCODING, E-DATA-COLUMNS), never a traceback.
"""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import polars as pl

from ..core.paths import expand
from ..core.problems import Problem, Report, failure_text, problem, said
from .columns import canonical, header_index, unique_names
from .decode import DecodeError, MixedEncoding, decode, is_binary
from .table import Table

SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq", ".json", ".jsonl"}
FAST_CSV_BYTES = 4 * 1024 * 1024  # above this a UTF-8 file goes to polars as it is
MAX_COLUMNS = 16_384  # Excel's own limit; a header wider than this is not a table of indicators
MAX_LINE = 1 << 20  # characters in one of the lines the header is looked for in
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of old .xls files and of encrypted workbooks
# Separators people type by mistake in a header, and how a message names them.
WRONG_MARKS = (
    ("，", "data.mark_fullwidth_comma"),
    ("、", "data.mark_enumeration_comma"),
    ("；", "data.mark_fullwidth_semicolon"),
    (" ", "data.mark_space"),
)

Read = tuple[list[Table], list[Problem]]


def data_files(paths: list[str | Path]) -> tuple[list[Path], Report]:
    """The data files named, and those directly inside folders named (see ``paths.expand``)."""
    return expand(paths, SUFFIXES, "E-DATA-FILE", said("data.files"))


def library_failure(exc: BaseException) -> bool:
    """An error raised by a library on bad input, including a Rust library's panic (which
    Python sees as a BaseException, not an Exception)."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def read_tables(path: Path, shown: str | None = None) -> Read:
    """The tables of one file (a workbook can hold several), or the problems that stopped it."""
    shown = shown or str(path)
    try:
        return _read_tables(path, shown)
    except OSError as exc:
        return [], [problem("E-DATA-FILE", shown, reason=exc.strerror or str(exc))]
    except BaseException as exc:  # a library failing on broken bytes (even a panic): one line, no traceback
        if not library_failure(exc):
            raise
        return [], [problem("E-DATA-FILE", shown, reason=said("data.not_a_table", error=failure_text(exc)))]


def _read_tables(path: Path, shown: str) -> Read:
    suffix = path.suffix.lower()
    sep = "\t" if suffix == ".tsv" else None
    try:
        if suffix in (".xlsx", ".xlsm"):
            return read_workbook(path, shown)
        if suffix in (".parquet", ".pq"):
            return _read_parquet(path, shown)
        if suffix in (".csv", ".tsv", ".txt"):
            fast = _read_delimited_fast(path, shown, sep)
            if fast is not None:
                return fast
        raw = path.read_bytes()
    except OSError as exc:
        return [], [problem("E-DATA-FILE", shown, reason=exc.strerror or str(exc))]
    if not raw.strip():
        return [], [problem("E-DATA-EMPTY", shown)]
    if is_binary(raw[:8192]):
        return [], [problem("E-DATA-FILE", shown, reason=said("data.binary"))]
    try:
        text, _ = decode(raw)
    except MixedEncoding as exc:
        return [], [problem("E-DATA-ENCODING-MIXED", shown, exc.row, main=exc.main, other=exc.other)]
    except DecodeError:
        return [], [problem("E-DATA-ENCODING", shown)]
    if suffix in (".json", ".jsonl"):
        return _read_json(text, shown)
    return _read_delimited(text, shown, sep)


# --- Parquet ---------------------------------------------------------------------------------------


def _read_parquet(path: Path, shown: str) -> Read:
    try:
        schema = pl.read_parquet_schema(path)
        probs = too_wide(len(schema), shown, None) + nested_columns(schema, shown)
        return ([], probs) if probs else ([Table(shown, pl.read_parquet(path), 2)], [])
    except OSError:
        raise
    except BaseException as exc:  # what the Parquet library says about broken bytes means nothing to a reader
        if not library_failure(exc):
            raise
        with open(path, "rb") as fh:
            magic = fh.read(4)
        what = said("data.not_parquet") if magic != b"PAR1" else said("data.parquet_broken")
        return [], [problem("E-DATA-FILE", shown, reason=what)]


def nested_columns(schema, shown: str) -> list[Problem]:
    """A column of lists or records (Parquet can hold them) is no column of values: one problem
    naming the first such column."""
    for name, dtype in schema.items():
        if dtype.is_nested() or dtype == pl.Object:
            kind = "list" if isinstance(dtype, (pl.List, pl.Array)) else "struct"
            return [problem("E-DATA-COLUMNS", shown, 1, name, reason=said(f"data.nested_{kind}", column=name))]
    return []


def too_wide(columns: int, shown: str, row: int | None) -> list[Problem]:
    """A header of more than MAX_COLUMNS columns: refused before the table is built."""
    if columns <= MAX_COLUMNS:
        return []
    return [problem("E-DATA-COLUMNS", shown, row, reason=said("data.too_wide", n=columns, limit=MAX_COLUMNS))]


# --- text tables (CSV, TSV) ------------------------------------------------------------------------


def _sniff(lines: list[str], sep: str | None) -> tuple[str, int]:
    """(the delimiter, the index of the header line) from the first lines of a text table."""
    if sep is None:
        sample = "\n".join(lines)
        counts = {d: sample.count(d) for d in (",", "\t", ";", "|")}
        sep = max(counts, key=counts.get) if max(counts.values()) else ","
    return sep, header_index([ln.split(sep) for ln in lines])


def _one_column(frame: pl.DataFrame, shown: str) -> list[Problem]:
    """A table read as one column is a file split by something else: say by what, if we can."""
    if frame.width > 1 or canonical(frame.columns[0] if frame.columns else "") is not None:
        return []
    header = (frame.columns[0] if frame.columns else "").strip()
    reason = next(
        (said("data.one_column_mark", name=said(name), mark=mark) for mark, name in WRONG_MARKS if mark in header),
        said("data.one_column"),
    )
    return [problem("E-DATA-COLUMNS", shown, 1, reason=reason)]


def _too_long(lines: list[str], shown: str) -> list[Problem]:
    """A line too long to be a row of a table among the first lines (checked before they are split)."""
    for i, line in enumerate(lines):
        if len(line) > MAX_LINE:
            return [problem("E-DATA-FILE", shown, i + 1, reason=said("data.line_too_long", limit=MAX_LINE >> 20))]
    return []


def _header_problems(lines: list[str], sep: str, head: int, shown: str) -> list[Problem]:
    """A header too wide."""
    return too_wide(lines[head].count(sep) + 1, shown, head + 1) if head < len(lines) else []


def _delimited(frame: pl.DataFrame, shown: str, head: int) -> Read:
    probs = _one_column(frame, shown)
    return ([], probs) if probs else ([Table(shown, frame, head + 2)], [])


def _read_delimited(text: str, shown: str, sep: str | None) -> Read:
    if "\n" not in text and "\r" in text:  # line ends of old Macs: a carriage return alone
        text = text.replace("\r", "\n")
    lines = text.splitlines()[:20]
    wrong = _too_long(lines, shown)
    if wrong:
        return [], wrong
    sep, head = _sniff(lines, sep)
    wrong = _header_problems(lines, sep, head, shown)
    if wrong:
        return [], wrong
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
        return [], [problem("E-DATA-FILE", shown, reason=said("data.not_a_table", error=failure_text(exc)))]
    return _delimited(frame, shown, head)


def _read_delimited_fast(path: Path, shown: str, sep: str | None) -> Read | None:
    """A large UTF-8 text table read by polars straight from the file, without decoding it into
    Python text and encoding it back (which costs more than the reading).  None when the file is
    small, not UTF-8, or anything is unusual: the careful path then reads it as before."""
    try:
        if path.stat().st_size < FAST_CSV_BYTES:
            return None
        with open(path, "rb") as fh:
            head = fh.read(MAX_LINE)
    except OSError:
        return None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or is_binary(head):
        return None
    if b"\n" not in head:  # one endless line, or line ends the careful path must read (CR alone)
        if b"\r" in head:
            return None
        return [], [problem("E-DATA-FILE", shown, 1, reason=said("data.line_too_long", limit=MAX_LINE >> 20))]
    body = head[len(codecs.BOM_UTF8) :] if head.startswith(codecs.BOM_UTF8) else head
    try:
        lines = body[: body.rfind(b"\n")].decode("utf-8").splitlines()[:20]
    except UnicodeDecodeError:
        return None
    if not lines:
        return None
    sep, skip = _sniff(lines, sep)
    wrong = _header_problems(lines, sep, skip, shown)
    if wrong:
        return [], wrong
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
    return _delimited(frame, shown, skip)


# --- JSON ------------------------------------------------------------------------------------------


def _read_json(text: str, shown: str) -> Read:
    try:
        if shown.endswith(".jsonl"):
            data = [json.loads(ln, object_pairs_hook=_Record) for ln in text.splitlines() if ln.strip()]
        else:
            data = json.loads(text, object_pairs_hook=_Record)
    except json.JSONDecodeError as exc:
        return [], [problem("E-DATA-FILE", shown, exc.lineno, reason=said("data.json_syntax", error=exc.msg))]
    if isinstance(data, _Record) and data.twice is not None:
        return [], [
            problem("E-DATA-FILE", shown, None, data.twice, reason=said("data.json_duplicate_key", key=data.twice))
        ]
    if isinstance(data, dict):  # {"records": [...]} or {"values": [...]}
        data = next((v for v in data.values() if isinstance(v, list)), None)
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        return [], [problem("E-DATA-COLUMNS", shown, reason=said("data.json_records"))]
    if not data:
        return [], [problem("E-DATA-EMPTY", shown)]
    for i, r in enumerate(data, start=1):
        if r.twice is not None:
            return [], [problem("E-DATA-FILE", shown, i, r.twice, reason=said("data.json_duplicate_key", key=r.twice))]
    columns = list(dict.fromkeys(k for r in data for k in r))
    wide = too_wide(len(columns), shown, None)
    if wide:
        return [], wide
    cols = {c: [_json_cell(r.get(c)) for r in data] for c in columns}
    return [Table(shown, pl.DataFrame(cols, schema={c: pl.String for c in columns}), 1)], []


class _Record(dict):
    """A JSON object that remembers the first key it was given twice (``twice``): JSON keeps
    the last of two silently, which would score a value nobody can see was replaced."""

    def __init__(self, pairs):
        super().__init__()
        self.twice = None
        for key, value in pairs:
            if key in self and self.twice is None:
                self.twice = key
            self[key] = value


def _json_cell(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, bool):
        return "是" if v else "否"  # read back as yes/no by the values, like a typed cell
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


# --- Excel workbooks -------------------------------------------------------------------------------


def read_workbook(path: Path, shown: str) -> Read:
    """Every data sheet of a workbook as a table: percent-formatted cells as the percents they
    show, merged cells filled, instruction sheets skipped, and a fill-in template's data given
    the unit of its unit sheet (``template.attach_unit``)."""
    import fastexcel

    try:
        reader = fastexcel.read_excel(path)
    except Exception as exc:
        why = _workbook_trouble(path, failure_text(exc))
        return [], [problem("E-DATA-FILE", shown, reason=said("data.xlsx_open", why=why))]
    from .excel import OverlappingMerges, percent_cells, sheet_marks
    from .template import attach_unit

    percents, (merges, uncached) = percent_cells(path), sheet_marks(path)
    several = len(reader.sheet_names) > 1
    tables: list[Table] = []
    notes: list[Problem] = []
    for name in reader.sheet_names:
        where = f"{shown}[{name}]" if several else shown
        try:
            sheet, grid = _sheet_grid(reader, name, percents.get(name), merges.get(name))
        except OverlappingMerges:
            return [], [problem("E-DATA-FILE", where, reason=said("data.xlsx_merges_overlap"))]
        except Exception as exc:
            return [], [problem("E-DATA-FILE", f"{shown}[{name}]", reason=failure_text(exc))]
        if grid.height == 0:
            continue
        rows = [[("" if c is None else str(c)) for c in row] for row in grid.head(20).iter_rows()]
        head = header_index(rows)
        headers = [h.strip() if h.strip() else f"_col{j}" for j, h in enumerate(rows[head])] if rows else []
        if not any(canonical(h) for h in headers) and several:
            continue  # an instructions or lists sheet, not data
        if getattr(sheet, "visible", "visible") != "visible":
            # What a hidden sheet holds is not what the user sees: skipped, and said (docs/data-format.md).
            notes.append(problem("W-DATA-HIDDEN-SHEET", shown, sheet=name))
            continue
        offset = getattr(sheet, "offset", 0) or 0
        notes += _uncached(where, uncached.get(name, ()), offset + head)
        body = grid.slice(head + 1)
        body.columns = unique_names(headers)
        tables.append(Table(shown, body, offset + head + 2, sheet=name if several else None))
    if any(p.severity == "error" for p in notes):
        return [], notes
    if not tables:
        return [], notes + [problem("E-DATA-EMPTY", shown)]
    from .reviewed import confirmed_rows

    tables, probs = attach_unit(tables)
    tables, reviewed = confirmed_rows(tables)  # a review sheet (extract -o 核对表.xlsx): its confirmed rows
    return tables, notes + probs + reviewed


def _uncached(where: str, cells, header: int) -> list[Problem]:
    """E-DATA-UNCALCULATED for a sheet whose formulas (from its header row on) have no saved
    result: they would read as empty, and a unit cell as a missing unit."""
    cells = sorted(c for c in cells if c[0] >= header)
    if not cells:
        return []
    from .excel import cell_name

    row, col = cells[0]
    return [problem("E-DATA-UNCALCULATED", where, row + 1, cell=cell_name(row, col), count=len(cells))]


def _sheet_grid(reader, name: str, percents, merges):
    """One sheet as text cells, with what its cells show beyond their stored values."""
    from .excel import apply_percents, fill_merged

    sheet = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
    grid = sheet.to_polars()
    if percents:
        grid = apply_percents(grid, [c.absolute_index for c in sheet.available_columns()], percents)
    if merges:
        grid = fill_merged(grid, [c.absolute_index for c in sheet.available_columns()], merges)
    return sheet, grid


def _workbook_trouble(path: Path, msg: str):
    """Why a workbook cannot be opened, in the words of someone who uses Excel or WPS (or the
    library's own words when nothing better is known)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return msg
    if head.startswith(OLE_MAGIC):
        encrypted = (b"EncryptedPackage", "EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
        if any(mark in head for mark in encrypted):
            return said("data.xlsx_password")
        return said("data.xlsx_old")
    low = msg.lower()
    if "zip" in low or "eocd" in low or not head.startswith(b"PK"):
        return said("data.xlsx_broken")
    if "password" in low or "encrypt" in low:
        return said("data.xlsx_encrypted")
    return msg
