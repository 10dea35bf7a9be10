"""Indicator files → ``Indicators``: the entry of reading.

Reading happens in three steps, each collecting problems, each in its own module:

1. ``readers``: a file (CSV, TSV, XLSX, Parquet, JSON) → rectangular text tables, with the
   header row found even below a title row, and the file row of every data row remembered;
2. ``layout``: each table is long form (unit, year, field, value …), wide form (one column
   per field) or unit metadata (unit, city, province …) → rows of (unit, year, field, raw text);
3. ``normalise``: field names → ids, text → numbers by field type (``values``, ``codes``),
   years checked, duplicates found, metadata gathered.

Then the values are checked across fields (``consistency``: derived values and the constraints
the dictionary declares).  The result is an ``Indicators``: ``values`` (unit, year, field,
value, qualifier, evidence, source, file, row) and ``units`` (unit, city, province, level,
group).

``read_indicators_report`` returns ``(Indicators | None, Report)``; ``load_indicators`` raises
``ProblemError`` with every problem found in every file; ``read_indicators`` is the raising
alias it had always been (kept for existing callers).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ..core.paths import shown_path
from ..core.problems import ProblemError, Report, problem
from .indicators import UNIT_SCHEMA, VALUE_SCHEMA, Indicators
from .layout import RAW_SCHEMA, interpret
from .normalise import TEXT_ROW_SCHEMA, normalise, normalise_text_rows
from .readers import data_files, read_tables
from .template import rubric_mismatch

__all__ = [
    "Indicators",
    "TEXT_ROW_SCHEMA",
    "UNIT_SCHEMA",
    "VALUE_SCHEMA",
    "load_indicators",
    "normalise_text_rows",
    "read_indicators",
    "read_indicators_report",
    "read_readable",
]


def read_indicators_report(paths: list[str | Path], rubric) -> tuple[Indicators | None, Report]:
    """Read every file named (and every data file in a folder named) with ``rubric``'s field
    dictionary → (``Indicators``, the report), or (None, the report) when any error was found.
    The report holds every problem of every file, and the warnings of a successful read."""
    files, report = data_files(paths)
    lookup = rubric.field_lookup()
    raws, metas, shown_files, parts = [], [], [], []
    for path in files:
        shown = shown_path(path)
        shown_files.append(shown)
        tables, probs = read_tables(path, shown)
        report.extend(probs)
        if path.suffix.lower() == ".xlsx" and tables:
            report.extend(rubric_mismatch(path, shown, rubric.id))
        for table in tables:
            raw, meta, probs = interpret(
                table, lookup, parts, getattr(rubric, "column_roles", None), getattr(rubric, "ignore_columns", ())
            )
            report.extend(probs)
            if raw is not None:
                raws.append(raw)
            metas.append(meta)
    if not report.ok:
        return None, report
    if not raws:
        if not files:
            report.add(problem("E-DATA-NOFILES"))
            return None, report
        if all(m is None for m in metas):
            report.add(problem("E-DATA-EMPTY", ", ".join(shown_files)))
            return None, report
        raws.append(pl.DataFrame(schema=RAW_SCHEMA))
    # a cast to the same types still copies
    raws = [r if dict(r.schema) == RAW_SCHEMA else r.cast(RAW_SCHEMA) for r in raws]
    raw = pl.concat(raws) if len(raws) > 1 else raws[0]
    inds = normalise(raw, parts, metas, rubric, report, shown_files)
    if inds is None or not report.ok:
        return None, report
    from .consistency import check_values

    report.extend(check_values(inds, rubric))
    if not report.ok:
        return None, report
    return inds, report


def read_readable(paths: list[str | Path], rubric) -> tuple[Indicators | None, Report, list[list]]:
    """``read_indicators_report`` over the files that read without error (``--keep-going``):
    (Indicators, report, the errors of each file left out, in file order).  A file is left out
    for any error located in it; an error no file owns (no file at all, every file left out)
    gives (None, report of the last read, …)."""
    files, report = data_files(paths)
    if not report.ok:
        return None, report, []
    keep, left_out = list(files), []
    while keep:
        inds, report = read_indicators_report(keep, rubric)
        if inds is not None:
            return inds, report, left_out
        owner = {shown_path(p): p for p in keep}
        bad: dict[Path, list] = {}
        for p in report.errors:
            path = owner.get(p.path.split("[", 1)[0] if p.path not in owner else p.path)
            if path is None:
                return None, report, left_out
            bad.setdefault(path, []).append(p)
        left_out += [bad[p] for p in keep if p in bad]
        keep = [p for p in keep if p not in bad]
    return None, report, left_out


def load_indicators(paths: list[str | Path], rubric) -> Indicators:
    """Read every file named (and every data file in a folder named) → ``Indicators``.

    Raises ``ProblemError`` with every problem found in every file."""
    inds, report = read_indicators_report(paths, rubric)
    if inds is None:
        raise ProblemError(report)
    return inds


def read_indicators(paths: list[str | Path], rubric) -> Indicators:
    """The same as ``load_indicators`` (it raises ``ProblemError``): the name the library has
    always had.  New code: ``load_indicators`` to raise, ``read_indicators_report`` for the report."""
    return load_indicators(paths, rubric)
