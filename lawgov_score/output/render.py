"""One output helper for every format: table, markdown, csv, json (and xlsx, in ``xlsx.py``).

A command hands over a polars frame and the columns to show (``columns.Column``).  JSON keeps the
keys and typed values; the other formats show the headers of the chosen language and format
numbers by kind.  Tables align Chinese text by display width (wcwidth).  Text cells that a
spreadsheet would run as a formula are neutralised in CSV.
"""

from __future__ import annotations

import json

import polars as pl

from .columns import Column, cell_text, neutralise, records
from .text import markdown_inline, table_text, visible
from .view import View

FORMATS = ("table", "markdown", "csv", "json")


def render_workbook(sheets, *, title: str = "", active: int = 0) -> bytes:
    """The ``xlsx`` format: formatted sheets (``xlsx.Sheet``) as workbook bytes for ``write_output``."""
    from .xlsx import write_workbook

    return write_workbook(sheets, title=title, active=active)


def to_json(value) -> str:
    """Indented JSON with Chinese kept as written, ending in a newline."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def render(frame: pl.DataFrame, columns: list[Column], fmt: str, lang: str = "zh", decimals: int = 2) -> str:
    """The frame's columns in one text format: table, markdown, csv or json."""
    cols = [c for c in columns if c.key in frame.columns]
    if fmt == "json":
        return to_json(records(frame, cols))
    if fmt == "csv":
        out = frame.select([c.key for c in cols])
        text_cols = [c.key for c in cols if out.schema[c.key] == pl.String]
        out = out.with_columns([pl.col(k).map_elements(neutralise, return_dtype=pl.String) for k in text_cols])
        out = out.rename({c.key: neutralise(c.header(lang)) for c in cols})  # a rubric's name is a header too
        return out.write_csv()
    # names come from rubrics and data files: shown, never obeyed (no escape sequences, no forged markdown rows)
    safe = (lambda t: markdown_inline(visible(t, keep_newlines=True))) if fmt == "markdown" else visible
    rows = [
        [safe(cell_text(r[c.key], c.kind, decimals, lang)) for c in cols]
        for r in frame.select([c.key for c in cols]).iter_rows(named=True)
    ]
    headers = [safe(c.header(lang)) for c in cols]
    return table_text(rows, headers, [c.kind for c in cols], markdown=fmt == "markdown")


def render_page(page, fmt: str) -> str | bytes | dict[str, bytes]:
    """A view's page in ``fmt``: the report as ``html`` text or as ``png`` charts (file name →
    bytes), the fill-in workbook as ``xlsx`` bytes."""
    from .page import ReportData

    if isinstance(page, ReportData) and fmt == "html":
        from .html import render_html

        return render_html(page)
    if isinstance(page, ReportData) and fmt == "png":
        from .png import charts

        return charts(page)
    if fmt == "xlsx":
        from .template import TemplatePage, build_template

        if isinstance(page, TemplatePage):
            return build_template(page)
    raise ValueError(f"this view has no {fmt} form")


def render_view(view: View, fmt: str) -> str | bytes | dict[str, bytes]:
    """A whole view in one format: text for table, markdown, csv, json and html; bytes for xlsx;
    file name → bytes for png (charts, one file each)."""
    if view.page is not None:
        return render_page(view.page, fmt)
    if fmt in view.text:
        return view.text[fmt]
    if fmt == "json":
        first = view.tables[0] if view.tables else None
        return to_json(
            view.document if view.document is not None else records(first.frame, first.columns) if first else []
        )
    if fmt == "csv":
        t = view.tables[view.csv_table]
        return render(t.frame, t.columns, "csv", view.lang, view.decimals)
    if fmt == "xlsx":
        if view.sheets is None:
            raise ValueError("this view has no workbook form")
        return render_workbook(view.sheets, title=view.title)
    md = fmt == "markdown"
    parts = []
    if view.lines:
        parts.append("".join(f"- {markdown_inline(line)}\n" if md else f"{line}\n" for line in view.lines))
    for t in view.tables:
        head = (f"### {markdown_inline(t.title)}\n\n" if md else f"{t.title}\n") if t.title else ""
        parts.append(head + render(t.frame, t.columns, fmt, view.lang, view.decimals))
    return "\n".join(parts)
