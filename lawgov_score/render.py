"""One output helper for every format: table, markdown, csv, json (and xlsx, in ``xlsx.py``).

A command hands over a polars frame and the columns to show (``Column``: its key, Chinese and
English header, and kind).  JSON keeps the keys and typed values; the other formats show the
headers of the chosen language and format numbers by kind.  Tables align Chinese text by
display width (wcwidth).  Text cells that a spreadsheet would run as a formula are neutralised
in CSV.  Writing is atomic: a failed run leaves no file behind.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

FORMATS = ("table", "markdown", "csv", "json")


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    kind: str = "text"  # text | score | number | int | percent | bool
    json_label: str | None = None  # JSON takes this column's text instead, where it is set (是/否, 优)

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def _fmt(value, kind: str, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if kind == "bool":
        return "是" if value else ""
    if kind == "score":
        return f"{value:.{decimals}f}"
    if kind == "percent":
        return f"{value:.2f}%"
    if kind == "int":
        return f"{value:g}" if isinstance(value, float) else str(value)
    if kind == "number":
        return f"{round(value, 4):g}" if isinstance(value, float) else str(value)
    return str(value)


def _json_value(value):
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return round(value, 6) + 0.0  # + 0.0 turns -0.0 into 0.0
    return value


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """A text cell a spreadsheet would run as a formula when the file is opened."""
    return bool(text) and text.startswith(FORMULA_START)


def neutralise(text: str) -> str:
    """A text cell starting like a formula is prefixed with ' so Excel/WPS show it as text."""
    return "'" + text if looks_like_formula(text) else text


def render_workbook(sheets, *, title: str = "", active: int = 0) -> bytes:
    """The ``xlsx`` format: formatted sheets (``xlsx.Sheet``) as workbook bytes for ``write_output``."""
    from .xlsx import write_workbook

    return write_workbook(sheets, title=title, active=active)


def records(frame: pl.DataFrame, columns: list[Column]) -> list[dict]:
    """JSON-ready records keyed by the columns' stable keys."""
    cols = [c for c in columns if c.key in frame.columns]
    out = []
    for r in frame.iter_rows(named=True):
        rec = {}
        for c in cols:
            label = r.get(c.json_label) if c.json_label else None
            rec[c.key] = label if label is not None else _json_value(r[c.key])
        out.append(rec)
    return out


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def render(frame: pl.DataFrame, columns: list[Column], fmt: str, lang: str = "zh", decimals: int = 2) -> str:
    cols = [c for c in columns if c.key in frame.columns]
    if fmt == "json":
        return to_json(records(frame, cols))
    if fmt == "csv":
        out = frame.select([c.key for c in cols])
        text_cols = [c.key for c in cols if out.schema[c.key] == pl.String]
        out = out.with_columns([pl.col(k).map_elements(neutralise, return_dtype=pl.String) for k in text_cols])
        out = out.rename({c.key: c.header(lang) for c in cols})
        return out.write_csv()
    rows = [[_fmt(r[c.key], c.kind, decimals) for c in cols] for r in frame.select([c.key for c in cols]).iter_rows(named=True)]
    headers = [c.header(lang) for c in cols]
    return table_text(rows, headers, [c.kind for c in cols], markdown=fmt == "markdown")


HEADER_WIDTH = 12  # display columns; longer Chinese headers wrap onto more lines in tables


def wrap_header(text: str, width: int = HEADER_WIDTH) -> str:
    """Break a long header into lines of at most ``width`` display columns (中文 counts 2)."""
    from wcwidth import wcswidth, wcwidth

    if wcswidth(text) <= width or " " in text:
        return text
    lines, cur, w = [], "", 0
    for ch in text:
        cw = max(wcwidth(ch), 0)
        if w + cw > width:
            lines.append(cur)
            cur, w = "", 0
        cur += ch
        w += cw
    return "\n".join(lines + [cur])


def table_text(rows: list[list[str]], headers: list[str], kinds: list[str], markdown: bool = False) -> str:
    import tabulate

    tabulate.WIDE_CHARS_MODE = True  # width of 中文 is 2 columns
    align = ["right" if k in ("score", "number", "int", "percent") else "left" for k in kinds]
    if not markdown:
        headers = [wrap_header(h) for h in headers]
    text = tabulate.tabulate(rows, headers=headers, tablefmt="github" if markdown else "simple",
                             colalign=align, disable_numparse=True)
    return text + "\n"


def write_output(text: str | bytes, path: str | None, fmt: str) -> None:
    """Print, or write ``path`` atomically.  CSV to a file gets a BOM so Excel/WPS read UTF-8."""
    if path is None or path == "-":
        import sys

        if isinstance(text, bytes) and fmt == "xlsx":
            raise ValueError("a workbook is written to a file, not to standard output")

        data = text if isinstance(text, str) else text.decode("utf-8")
        sys.stdout.write(data)
        return
    data = text.encode("utf-8") if isinstance(text, str) else text
    if fmt == "csv" and isinstance(text, str):
        data = b"\xef\xbb\xbf" + data
    atomic_write(Path(path), data)


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's owner-only
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
