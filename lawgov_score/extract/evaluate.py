"""How well extraction reads a set of reports, against values a person read from them (gold).

The gold is an ordinary long indicator file with a ``source`` column naming each value's
report (``naidong-2022.txt``); a report is matched to its gold rows by file name without the
extension, so the gold of ``x.txt`` also checks ``x.docx``.  Only reports that have gold rows
are evaluated.  A value is correct when the field, the number and the qualifier all agree.

Fields evaluated: the 32 core fields and any other field the gold holds.  Per field and
overall: precision = correct / extracted, recall = correct / gold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .record import Record

# The core fields of the project's field reference: their ids are a public interface.
CORE_FIELDS = (
    "exec_meeting_law_study",
    "party_committee_law_study",
    "law_lectures",
    "rule_of_law_agenda_items",
    "report_on_law_rate",
    "normative_docs_reviewed",
    "normative_docs_filed",
    "normative_docs_cleaned",
    "normative_docs_review_rate",
    "normative_docs_filing_rate",
    "legal_advisor_opinions",
    "permit_items",
    "online_service_rate",
    "time_limit_compression_rate",
    "enforcement_case_files_reviewed",
    "enforcement_exam_pass_rate",
    "npc_suggestions_handled",
    "cppcc_proposals_handled",
    "info_disclosed",
    "reconsideration_received",
    "reconsideration_closed",
    "reconsideration_corrected",
    "reconsideration_correction_rate",
    "reconsideration_compliance_rate",
    "litigation_cases",
    "litigation_win_rate",
    "litigation_loss_rate",
    "court_appearance_rate",
    "mediation_cases",
    "mediation_success_rate",
    "legal_aid_cases",
    "legal_publicity_events",
)


@dataclass
class Evaluation:
    """Extraction measured against gold values: per field, overall, and every difference."""

    fields: pl.DataFrame  # field, gold, extracted, correct, precision, recall
    overall: dict
    differences: pl.DataFrame  # kind (missed/wrong/extra), report, field, gold, extracted, quote
    reports: list[str]  # the reports evaluated (stems)
    skipped: list[str]  # reports given without gold rows


def _stem(source: str | None) -> str | None:
    return Path(source.replace("\\", "/")).stem if source else None


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


FIELDS_SCHEMA = {
    "field": pl.String,
    "gold": pl.Int64,
    "extracted": pl.Int64,
    "correct": pl.Int64,
    "precision": pl.Float64,
    "recall": pl.Float64,
}
DIFFERENCES_SCHEMA = {
    "kind": pl.String,
    "report": pl.String,
    "field": pl.String,
    "gold": pl.String,
    "extracted": pl.String,
    "quote": pl.String,
}


def evaluate(records: list[Record], gold: pl.DataFrame, report_stems: list[str]) -> Evaluation:
    """``gold`` is ``Indicators.values`` of the gold file; ``report_stems`` the reports read."""
    gold = gold.with_columns(pl.col("source").map_elements(_stem, return_dtype=pl.String).alias("stem"))
    gold_stems = set(gold["stem"].drop_nulls().to_list())
    evaluated = [s for s in dict.fromkeys(report_stems) if s in gold_stems]
    skipped = [s for s in dict.fromkeys(report_stems) if s not in gold_stems]
    universe = list(CORE_FIELDS) + sorted(set(gold["field"].to_list()) - set(CORE_FIELDS))
    wanted = set(universe)

    truth: dict[tuple[str, str], tuple[float, str]] = {}
    for r in gold.filter(pl.col("stem").is_in(evaluated)).iter_rows(named=True):
        truth[(r["stem"], r["field"])] = (r["value"], r["qualifier"] or "")
    found: dict[tuple[str, str], Record] = {}
    for rec in records:
        key = (_stem(rec.source), rec.field)
        if key[0] in evaluated and rec.field in wanted and key not in found:
            found[key] = rec
    stats, diffs = _compare(truth, found, universe)
    rows = [_counts(f, g, e, c) for f, (g, e, c) in stats.items() if g or e]
    overall = _counts("overall", *(sum(v[i] for v in stats.values()) for i in range(3)))
    fields = pl.DataFrame(rows, schema=FIELDS_SCHEMA)
    return Evaluation(fields, overall, pl.DataFrame(diffs, schema=DIFFERENCES_SCHEMA), evaluated, skipped)


def _compare(truth: dict, found: dict, universe: list[str]) -> tuple[dict[str, list[int]], list[dict]]:
    """(per field: gold, extracted and correct counts; every difference) of gold and found values."""
    stats = {f: [0, 0, 0] for f in universe}  # gold, extracted, correct
    diffs = []
    for key in sorted(set(truth) | set(found), key=lambda k: (k[0], universe.index(k[1]))):
        stem, field = key
        t, rec = truth.get(key), found.get(key)
        if t is not None:
            stats[field][0] += 1
        if rec is not None:
            stats[field][1] += 1
        if t is not None and rec is not None and _same(t[0], rec.value) and t[1] == (rec.qualifier or ""):
            stats[field][2] += 1
            continue
        kind = "missed" if rec is None else "extra" if t is None else "wrong"
        diffs.append(
            {
                "kind": kind,
                "report": stem,
                "field": field,
                "gold": None if t is None else _shown(t[0], t[1]),
                "extracted": None if rec is None else _shown(rec.value, rec.qualifier),
                "quote": rec.quote if rec is not None else None,
            }
        )
    return stats, diffs


def _counts(field: str, gold: int, extracted: int, correct: int) -> dict:
    """A row of the fields table: the counts, precision and recall (None where undefined)."""
    return {
        "field": field,
        "gold": gold,
        "extracted": extracted,
        "correct": correct,
        "precision": correct / extracted if extracted else None,
        "recall": correct / gold if gold else None,
    }


def _shown(value: float, qualifier: str | None) -> str:
    text = f"{value:g}" if abs(value) < 1e15 else str(value)
    return text + {"lower_bound": "（下限）", "approx": "（约）"}.get(qualifier or "", "")
