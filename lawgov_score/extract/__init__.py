"""Indicator values from the text of annual reports (法治政府建设年度报告), with provenance.

    from lawgov_score.extract import field_dictionary, extract_reports
    fields, report = field_dictionary()            # the bundled rubric's field dictionary
    records, report = extract_reports(["reports/"], fields)

Each record names the report (``source``), the unit and year the report is about, the field,
the value, the clause it was read from (``quote``), the character offset of the number in the
text and a ``qualifier`` (``lower_bound`` for 余/多/以上, ``approx`` for 约/近).  The records
are an indicator file: ``records_frame`` gives the long frame that ``score`` and ``rank`` read.

What is read, and how, is data: the field dictionary's ``aliases`` and ``patterns`` (see
``rubric.model.ExtractPattern``).  What is never a value (dates, years, document numbers,
versions, ordinals, plan names, changes, targets, figures about other places, plans for the
next year and the problems section) is decided in ``numbers`` and ``document``.
"""

from __future__ import annotations

from pathlib import Path

from .record import Record

COLUMNS = ("source", "unit", "year", "field", "value", "quote", "offset", "qualifier")


def field_dictionary(path: str | Path | None = None):
    """The fields (id → FieldDef) of a rubric or of a field dictionary file; default: the bundled
    rubric's.  Returns (fields or None, Report)."""
    from ..core import bundled
    from ..rubric.load import is_fields_file, read_fields_file, read_rubric

    path = path or bundled.default_rubric()
    if is_fields_file(path):
        defs, report = read_fields_file(path)
        return ({f.id: f for f in defs} if defs is not None else None), report
    rubric, report = read_rubric(path)
    return (rubric.fields if rubric is not None else None), report


def extract_text(
    text: str, fields: dict, source: str = "", stem: str = "", year: int | None = None, every: bool = False
) -> list[Record]:
    """The records of one report's text."""
    return _extract(text, fields, source, stem, year, every)[1]


def _extract(text, fields, source, stem, year, every, pages=()):
    from ..rubric.model import field_range
    from .document import Document
    from .find import find, resolve
    from .patterns import compile_fields

    doc = Document.of(text, source=source, stem=stem)
    doc.pages = list(pages)
    if year is not None:
        doc.year = year
    ranges = {fid: field_range(f) for fid, f in fields.items()}
    return doc, resolve(doc, find(doc, compile_fields(fields)), ranges, every=every)


def extract_reports(paths: list[str | Path], fields: dict, year: int | None = None, every: bool = False):
    """Read every report (and every report file in a directory) → (records, Report).

    Unreadable files are errors; an empty report, a report without values, and a unit or year
    that cannot be told from the text are warnings."""
    from ..core.paths import shown_path
    from ..core.problems import problem
    from .sources import read_report_pages, report_files

    files, report = report_files(paths)
    records: list[Record] = []
    seen: dict[tuple, str] = {}
    for path in files:
        shown = shown_path(path)
        text, pages, probs = read_report_pages(path, shown)
        report.extend(probs)
        if text is None:
            continue
        if not text.strip():
            report.add(problem("W-EXTRACT-EMPTY", shown))
            continue
        doc, found = _extract(text, fields, shown, path.stem, year, every, pages)
        if not found:
            report.add(problem("W-EXTRACT-NONE", shown))
            continue
        if doc.unit is None:
            report.add(problem("W-EXTRACT-UNIT", shown, unit=path.stem))
        if doc.year is None:
            report.add(problem("W-EXTRACT-YEAR", shown))
        key = (doc.unit or path.stem, doc.year)
        if key in seen:
            report.add(problem("W-EXTRACT-DUP", shown, other=seen[key], unit=key[0], year=key[1] or ""))
        seen.setdefault(key, shown)
        records += found
    return records, report


def records_frame(records: list[Record]):
    """The records as a polars frame with the columns of ``COLUMNS``."""
    import polars as pl

    return pl.DataFrame(
        [tuple(getattr(r, c) for c in COLUMNS) for r in records],
        schema={
            "source": pl.String,
            "unit": pl.String,
            "year": pl.Int32,
            "field": pl.String,
            "value": pl.Float64,
            "quote": pl.String,
            "offset": pl.Int64,
            "qualifier": pl.String,
        },
        orient="row",
    )


__all__ = ["COLUMNS", "Record", "extract_reports", "extract_text", "field_dictionary", "records_frame"]
