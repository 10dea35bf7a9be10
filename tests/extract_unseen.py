#!/usr/bin/env python3
"""Measure `extract` on an unseen synthetic set (tests/data/unseen/ by default): figures only.

    .venv/bin/python tests/extract_unseen.py                # overall, per kind, per field
    .venv/bin/python tests/extract_unseen.py --json         # the same as JSON
    .venv/bin/python tests/extract_unseen.py --differences  # each miss and wrong value with its quote
    .venv/bin/python tests/extract_unseen.py --set tests/data/unseen2   # the second set, written apart
    .venv/bin/python tests/extract_unseen.py --set tests/data/unseen3   # the third, written apart from both

A set is a directory of ``synthetic-*.txt`` reports with one ``synthetic-*-gold.csv`` and one
``synthetic-*-traps.csv``.

Overall and per-field figures are the evaluator's (`lawgov_score.extract.evaluate`): a value is
correct when the field, the number and the qualifier agree, and only the first value of a field
in a report counts.  Per kind (the gold's ``kind`` column, and the traps file):

- gold, correct and recall count the gold values of that kind;
- extracted counts the values read at those report-and-field places, plus the values read
  elsewhere that equal a trap of that kind (same report, same field or any field when the trap's
  field is empty), so precision = correct / extracted;
- traps taken: how many of the kind's traps were read.

Without ``--differences`` nothing of the texts, the gold values or the quotes is printed, so that
whoever changes the extractor can measure without seeing the set (see the set's README).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from tabulate import tabulate

from lawgov_score.core.problems import ProblemError
from lawgov_score.data.read import read_indicators_report
from lawgov_score.extract import extract_reports, field_dictionary
from lawgov_score.extract.evaluate import CORE_FIELDS, evaluate
from lawgov_score.rubric.compiled import Rubric

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "data" / "unseen"
# Every unseen set, each written apart from the others and from the extractor's tuning data.
SETS = (SET, ROOT / "tests" / "data" / "unseen2", ROOT / "tests" / "data" / "unseen3")
# Two bodies named together as the subject (县委、县政府; 市委常委会、市政府常务会议): a quote that
# drops the first one hides that the count covers both.
JOINT_SUBJECT = re.compile(r"[\u4e00-\u9fff]{1,2}委(?:常委会)?、[\u4e00-\u9fff]{1,2}政府")


@dataclass
class Measurement:
    set_dir: Path
    overall: dict
    fields: pl.DataFrame  # field, gold, extracted, correct, precision, recall (the evaluator's)
    kinds: pl.DataFrame  # kind, gold, extracted, correct, precision, recall, traps, traps_taken
    units: dict  # reports, unit_right, year_right
    joint_quotes: dict  # values, kept
    differences: pl.DataFrame  # the evaluator's, plus trap kinds of wrong and extra values
    reports: list[str]


def _stem(source: str) -> str:
    return Path(source.replace("\\", "/")).stem


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _one(set_dir: Path, pattern: str) -> Path:
    found = sorted(set_dir.glob(pattern))
    if len(found) != 1:
        raise SystemExit(f"{set_dir}: expected one {pattern}, found {len(found)}")
    return found[0]


def gold_file(set_dir: Path = SET) -> Path:
    """The set's gold values (``synthetic-*-gold.csv``)."""
    return _one(set_dir, "synthetic-*-gold.csv")


def traps_file(set_dir: Path = SET) -> Path:
    """The set's traps (``synthetic-*-traps.csv``)."""
    return _one(set_dir, "synthetic-*-traps.csv")


def measure(set_dir: Path = SET) -> Measurement:
    """Extract every report of the set and compare with its gold and traps."""
    gold_path, traps_path = gold_file(set_dir), traps_file(set_dir)
    reports = sorted(set_dir.glob("synthetic-*.txt"))
    fields, report = field_dictionary(None)
    if fields is None:
        raise ProblemError(report)
    records, report = extract_reports(reports, fields)
    if not report.ok:
        raise ProblemError(report)
    shell = Rubric(id="fields", name="fields", path="", items={}, roots=[], fields=fields, total=0)
    gold, report = read_indicators_report([gold_path], shell)
    if gold is None:
        raise ProblemError(report)
    stems = [p.stem for p in reports]
    result = evaluate(records, gold.values, stems)

    # The gold file again, for the columns the indicator reader leaves out (kind, quote).
    table = pl.read_csv(gold_path, schema_overrides={"value": pl.Float64, "qualifier": pl.String})
    table = table.with_columns(pl.col("source").map_elements(_stem, return_dtype=pl.String).alias("stem"))
    traps = pl.read_csv(traps_path, schema_overrides={"value": pl.Float64, "field": pl.String})
    traps = traps.with_columns(pl.col("source").map_elements(_stem, return_dtype=pl.String).alias("stem"))

    first: dict[tuple[str, str], object] = {}  # as the evaluator counts: the first value of a field
    for rec in records:
        first.setdefault((_stem(rec.source), rec.field), rec)
    missed_or_wrong = {
        (d["report"], d["field"]) for d in result.differences.iter_rows(named=True) if d["kind"] in ("missed", "wrong")
    }
    gold_kinds = {(r["stem"], r["field"]): r["kind"].split(";") for r in table.iter_rows(named=True)}
    correct = {key for key in gold_kinds if key not in missed_or_wrong}

    trap_rows = list(traps.iter_rows(named=True))
    taken_traps: set[int] = set()
    trap_kinds_of: dict[tuple[str, str], list[str]] = {}
    for key, rec in first.items():
        if key in correct or key[1] not in CORE_FIELDS:
            continue
        for i, t in enumerate(trap_rows):
            if t["stem"] == key[0] and t["field"] in (None, key[1]) and _same(t["value"], rec.value):
                taken_traps.add(i)
                trap_kinds_of.setdefault(key, []).append(t["kind"])

    kinds = sorted({k for ks in gold_kinds.values() for k in ks} | {t["kind"] for t in trap_rows})
    rows = []
    for kind in kinds:
        at_gold = {key for key, ks in gold_kinds.items() if kind in ks}
        read_at_gold = {key for key in at_gold if key in first}
        read_as_trap = {key for key, ks in trap_kinds_of.items() if kind in ks} - at_gold
        right = len(at_gold & correct)
        extracted = len(read_at_gold) + len(read_as_trap)
        of_kind = [i for i, t in enumerate(trap_rows) if t["kind"] == kind]
        rows.append(
            {
                "kind": kind,
                "gold": len(at_gold),
                "extracted": extracted,
                "correct": right,
                "precision": _ratio(right, extracted),
                "recall": _ratio(right, len(at_gold)),
                "traps": len(of_kind),
                "traps_taken": len(set(of_kind) & taken_traps),
            }
        )
    kind_schema = {
        "kind": pl.String,
        "gold": pl.Int64,
        "extracted": pl.Int64,
        "correct": pl.Int64,
        "precision": pl.Float64,
        "recall": pl.Float64,
        "traps": pl.Int64,
        "traps_taken": pl.Int64,
    }

    truth = {r["stem"]: (r["unit"], r["year"]) for r in table.iter_rows(named=True)}
    seen_units: dict[str, set] = {}
    for rec in records:
        seen_units.setdefault(_stem(rec.source), set()).add((rec.unit, rec.year))
    units = {
        "reports": len(truth),
        "unit_right": sum({u for u, _ in seen_units.get(s, set())} == {truth[s][0]} for s in truth),
        "year_right": sum({y for _, y in seen_units.get(s, set())} == {truth[s][1]} for s in truth),
    }

    joint = [
        (r["stem"], r["field"], m.group())
        for r in table.iter_rows(named=True)
        if "joint_subject" in r["kind"] and (m := JOINT_SUBJECT.search(r["quote"]))
    ]
    kept = sum(1 for s, f, subject in joint if (s, f) in correct and subject in first[(s, f)].quote)

    differences = result.differences.with_columns(
        pl.struct("report", "field")
        .map_elements(
            lambda k: ";".join(trap_kinds_of.get((k["report"], k["field"]), [])) or None, return_dtype=pl.String
        )
        .alias("trap")
    )
    return Measurement(
        set_dir,
        result.overall,
        result.fields,
        pl.DataFrame(rows, schema=kind_schema),
        units,
        {"values": len(joint), "kept": kept},
        differences,
        result.reports,
    )


def _shown(frame: pl.DataFrame) -> str:
    cells = [
        [f"{v:.3f}" if isinstance(v, float) else ("–" if v is None else v) for v in row] for row in frame.iter_rows()
    ]
    return tabulate(cells, headers=frame.columns, disable_numparse=True)


def _shown_path(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def render(m: Measurement, differences: bool) -> str:
    o = m.overall
    lines = [
        f"unseen set ({_shown_path(m.set_dir)}, synthetic): {len(m.reports)} reports, {o['gold']} gold values",
        f"overall: precision {o['precision']:.3f}, recall {o['recall']:.3f} "
        f"(gold {o['gold']}, extracted {o['extracted']}, correct {o['correct']})",
        f"reporting unit read right: {m.units['unit_right']} of {m.units['reports']} reports; "
        f"year: {m.units['year_right']} of {m.units['reports']}",
        f"joint subject kept in the quote: {m.joint_quotes['kept']} of {m.joint_quotes['values']}",
        "",
        "per kind (a value can be of several kinds):",
        _shown(m.kinds),
        "",
        "per field:",
        _shown(m.fields),
    ]
    if differences:
        lines += [
            "",
            "differences (reading these makes the set seen):",
            _shown(m.differences.select("kind", "report", "field", "gold", "extracted", "trap", "quote")),
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--differences",
        action="store_true",
        help="also print every miss and wrong value with its quote (for the keeper of the set only)",
    )
    parser.add_argument(
        "--set",
        type=Path,
        default=SET,
        help="the set's directory (default tests/data/unseen; the others are tests/data/unseen2 and unseen3)",
    )
    args = parser.parse_args(argv)
    if not args.set.is_dir():
        parser.error(f"--set {args.set}: not a directory")
    m = measure(args.set)
    if args.json:
        payload = {
            "overall": m.overall,
            "units": m.units,
            "joint_quotes": m.joint_quotes,
            "kinds": m.kinds.to_dicts(),
            "fields": m.fields.to_dicts(),
        }
        if args.differences:
            payload["differences"] = m.differences.to_dicts()
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        print(render(m, args.differences))
    return 0


if __name__ == "__main__":
    sys.exit(main())
