#!/usr/bin/env python3
"""Generate a made-up city's indicator data for trying out the bundled rubrics.

Writes two files next to this script (or into --out-dir):

  synthetic-city-2022-2024.csv   long form: unit,year,field,value,evidence,source,qualifier
  synthetic-city-units.csv       unit,city,province,level

Twelve counties of 合成市 (合成省) over 2022-2024, with every field that rubrics/shifan.yaml and
rubrics/kaohe.yaml read. ALL VALUES ARE INVENTED: the names are labelled 合成 ("synthetic") and
describe no real place; `evidence` and `source` are "synthetic".

What the data is built to contain:
  - plausible values: rates near their usual targets, counts skewed and scaled by county size;
  - real year-on-year movement: each county has a lasting quality and size, quality drifts
    upward over the years with noise, and every value is redrawn each year;
  - about 3% of values missing (the row is left out);
  - one exact tie: 合成丙县 reports exactly what 合成乙县 reports in 2023, so every rubric
    scores the two equal in that year;
  - a few rare events for the veto, negative-list and bonus items (one of each veto event is
    set by hand: 合成子县 2023 and 合成戊区 2022).

Standard library only. The same --seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from pathlib import Path

DEFAULT_SEED = 20250101
CITY = "合成市"
PROVINCE = "合成省"
YEARS = (2022, 2023, 2024)
MISSING_SHARE = 0.03
TIE = ("合成乙县", "合成丙县", 2023)  # (copied from, copied to, year)
# rare events set by hand so that the veto items are exercised whatever the seed
FORCED = {("合成子县", 2023): {"major_illegal_act": "是"},
          ("合成戊区", 2022): {"first_responsible_failure": "是"}}

# (name, level); 县级市 and 区 mixed in as real cities have them
COUNTIES = [
    ("合成甲县", "县"), ("合成乙县", "县"), ("合成丙县", "县"), ("合成丁区", "区"),
    ("合成戊区", "区"), ("合成己县", "县"), ("合成庚县", "县"), ("合成辛市", "县级市"),
    ("合成壬县", "县"), ("合成癸县", "县"), ("合成子县", "县"), ("合成丑区", "区"),
]

# --------------------------------------------------------------------------- field specs
# count: (base, spread)        value ~ base * size^scale * lasting factor * yearly noise
# rate:  (mean, sd, lo, hi)    normal around the mean, moved by county quality, clipped
# full:  (p100, lo)            a rate that is 100 for good performers, else between lo and 100
# bool:  (intercept, slope)    P(是) = sigmoid(intercept + slope * quality)
# grade: levels, best first    picked by quality

COUNTS = {
    # field: (base, spread, size_scale)
    "exec_meeting_law_study": (4.5, 0.35, 0.0),
    "party_committee_law_study": (2.5, 0.4, 0.0),
    "law_lectures": (3.0, 0.45, 0.0),
    "rule_of_law_agenda_items": (2.2, 0.4, 0.0),
    "normative_docs_issued": (12, 0.5, 1.0),
    "normative_docs_cleaned": (8, 0.7, 0.8),
    "legal_advisor_opinions": (45, 0.6, 1.0),
    "permit_items": (210, 0.15, 0.2),
    "enforcement_case_files_reviewed": (25, 0.5, 0.6),
    "npc_suggestions_handled": (90, 0.4, 1.0),
    "cppcc_proposals_handled": (80, 0.4, 1.0),
    "info_disclosed": (2500, 0.7, 1.0),
    "reconsideration_received": (45, 0.6, 1.0),
    "litigation_cases": (18, 0.6, 1.0),
    "mediation_cases": (1800, 0.6, 1.0),
    "legal_aid_cases": (260, 0.5, 1.0),
    "legal_publicity_events": (180, 0.6, 1.0),
}

RATES = {
    # field: (mean, sd, lo, hi)
    "online_service_rate": (94.0, 3.5, 78.0, 99.9),
    "full_online_rate": (80.0, 7.0, 55.0, 96.0),
    "time_limit_compression_rate": (60.0, 12.0, 30.0, 88.0),
    "hall_entry_rate": (84.0, 8.0, 60.0, 99.0),
    "service_rating_satisfaction_rate": (99.4, 0.5, 96.5, 100.0),
    "enforcement_exam_pass_rate": (95.5, 3.0, 82.0, 100.0),
    "mediation_success_rate": (97.5, 1.2, 92.0, 99.9),
    "staff_law_exam_pass_rate": (97.0, 2.0, 88.0, 100.0),
    "public_satisfaction_score": (85.0, 4.0, 70.0, 96.0),
    "public_awareness_rate": (76.0, 7.0, 55.0, 93.0),
}

FULL_RATES = {
    # field: (share at 100 for an average county, lowest value otherwise)
    "report_on_law_rate": (0.75, 85.0),
    "reconsideration_compliance_rate": (0.85, 90.0),
    "court_appearance_rate": (0.8, 80.0),
    "proposal_reply_rate": (0.85, 92.0),
}

BOOLS = {
    # field: (intercept, slope); intercept 2 ≈ 88% 是 for an average county
    # 1 functions
    "no_disguised_licensing": (2.0, 1.0),
    "intermediary_services_regulated": (1.2, 1.0),
    "power_list_published": (2.5, 1.0),
    "enforcement_list_published": (1.5, 1.0),
    "one_thing_once_service": (1.5, 1.0),
    "fair_competition_review": (2.0, 1.0),
    "flexible_enforcement": (1.2, 1.0),
    # 2 rules
    "legality_review_mechanism": (2.0, 1.0),
    "legality_review_staffing": (0.8, 1.2),
    "filing_with_npc": (2.2, 1.0),
    "filing_review_system": (1.8, 1.0),
    "normative_docs_unified_management": (1.0, 1.0),
    "normative_docs_published_online": (1.2, 1.0),
    # 3 decisions
    "major_decision_procedure": (2.0, 1.0),
    "decision_risk_assessment": (1.8, 1.0),
    "public_participation_feedback": (1.2, 1.0),
    "decision_process_recorded": (1.0, 1.0),
    "legal_advisor_system": (3.0, 1.0),
    "public_lawyer_system": (0.8, 1.0),
    "major_decision_catalogue": (1.5, 1.2),
    "decision_post_evaluation": (0.2, 1.2),
    "decision_accountability": (0.8, 1.0),
    # 4 enforcement
    "enforcement_three_systems": (2.2, 1.0),
    "discretion_benchmarks": (1.8, 1.0),
    "double_publicity": (2.2, 1.0),
    "enforcement_certificate_management": (2.2, 1.0),
    "enforcement_training": (1.5, 1.0),
    "enforcement_supervision": (2.0, 1.0),
    "comprehensive_enforcement_reform": (1.5, 1.0),
    "township_empowerment": (1.2, 1.0),
    "enterprise_inspection_regulated": (0.6, 1.0),
    # 5 emergencies
    "emergency_plan_system": (2.2, 1.0),
    "emergency_responsibility_list": (1.8, 1.0),
    "emergency_drills_held": (2.5, 1.0),
    "emergency_training": (1.2, 1.0),
    "emergency_response_by_law": (1.5, 1.0),
    "emergency_rescue_teams": (2.0, 1.0),
    # 6 disputes
    "reconsideration_reform": (2.0, 1.0),
    "court_government_linkage": (1.0, 1.0),
    "multi_dispute_resolution": (2.2, 1.0),
    "public_legal_service_platforms": (2.0, 1.0),
    "principal_head_appeared": (0.0, 1.3),
    # 7 supervision
    "report_to_npc": (2.5, 1.0),
    "disclosure_catalogue": (1.8, 1.0),
    "info_requests_answered": (2.2, 1.0),
    "audit_supervision": (2.5, 1.0),
    "supervision_coordination": (0.8, 1.0),
    "procuratorate_supervision": (1.5, 1.0),
    "government_integrity": (1.2, 1.0),
    "policy_commitments_honoured": (1.2, 1.0),
    # 8 technology
    "one_network_service": (2.2, 1.0),
    "e_licence_application": (1.8, 1.0),
    "data_sharing_catalogue": (1.2, 1.0),
    "enforcement_supervision_platform": (1.2, 1.0),
    "random_inspection": (2.2, 1.0),
    # 9 leadership
    "first_responsible_person_duty": (2.5, 1.0),
    "leaders_report_on_law": (2.0, 1.0),
    "law_thought_study": (2.5, 1.0),
    "leaders_law_study_system": (2.0, 1.0),
    "rule_of_law_committee_meeting": (2.0, 1.0),
    "rule_of_law_inspection": (1.5, 1.0),
    "rule_of_law_in_performance_assessment": (1.8, 1.0),
    "annual_report_published": (2.8, 1.0),
    "annual_work_plan_issued": (2.2, 1.0),
    "demonstration_creation": (0.5, 1.2),
    # 10 staff
    "law_exam_in_assessment": (1.8, 1.0),
    "who_enforces_publicizes": (2.2, 1.0),
    "leaders_law_list": (0.6, 1.0),
    # rare events: veto and bonus
    "major_illegal_act": (-5.5, -0.8),
    "first_responsible_failure": (-5.5, -0.8),
    "national_honour": (-2.8, 0.9),
    "provincial_honour": (-1.5, 0.9),
    "demonstration_named": (-3.2, 1.0),
    "innovation_adopted": (-1.2, 0.9),
}

GRADES = {
    "case_file_review_grade": ["优秀", "良好", "合格", "不合格"],
    "disclosure_evaluation_grade": ["优秀", "良好", "合格", "不合格"],
}

# counts that are usually zero: negative-list items
RARE_COUNTS = {
    # field: (P(nonzero) for an average county, largest value)
    "normative_docs_unfiled": (0.15, 3),
    "docs_without_legality_review": (0.12, 3),
    "rule_of_law_criticisms": (0.12, 2),
}

# derived here so that the parts agree: reconsideration_closed, reconsideration_corrected,
# reconsideration_correction_rate, normative_docs_reviewed, normative_docs_filed,
# normative_docs_review_rate, normative_docs_filing_rate, litigation_win_rate, litigation_loss_rate
DERIVED = [
    "reconsideration_closed", "reconsideration_corrected", "reconsideration_correction_rate",
    "normative_docs_reviewed", "normative_docs_filed", "normative_docs_review_rate",
    "normative_docs_filing_rate", "litigation_win_rate", "litigation_loss_rate",
]

FIELD_ORDER = (list(COUNTS) + DERIVED + list(RATES) + list(FULL_RATES) + list(RARE_COUNTS)
               + list(GRADES) + list(BOOLS))


def fmt(x: float) -> str:
    """A number as text: whole numbers without decimals, others with at most two."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def clip(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def generate(seed: int) -> tuple[list[list[str]], list[list[str]]]:
    rng = random.Random(seed)

    # lasting county traits
    traits = {}
    for name, _level in COUNTIES:
        traits[name] = {
            "size": math.exp(rng.gauss(0.0, 0.45)),
            "quality": rng.gauss(0.0, 0.8),
            # a lasting per-field factor, so a county is consistently high or low on a field
            "factor": {f: rng.gauss(0.0, 1.0) for f in FIELD_ORDER},
        }

    records: dict[tuple[str, int], dict[str, tuple[str, str]]] = {}
    for year in YEARS:
        t = year - YEARS[0]
        for name, _level in COUNTIES:
            tr = traits[name]
            size = tr["size"] * (1.0 + 0.03 * t)
            q = tr["quality"] + 0.3 * t + rng.gauss(0.0, 0.35)
            vals: dict[str, tuple[str, str]] = {}  # field -> (value, qualifier)

            def qf(field: str) -> float:
                return 0.6 * q + 0.4 * tr["factor"][field]

            counts = {}
            for f, (base, spread, scale) in COUNTS.items():
                v = base * size ** scale * math.exp(spread * (0.7 * tr["factor"][f] + 0.5 * rng.gauss(0.0, 1.0)) + 0.05 * t)
                counts[f] = max(1, round(v))
                qual = "lower_bound" if f == "legal_publicity_events" and rng.random() < 0.15 else ""
                if qual:  # "180多场次": reports round such counts down to tens
                    counts[f] = max(10, counts[f] // 10 * 10)
                vals[f] = (str(counts[f]), qual)

            # reconsideration: closed ≤ received plus a few carried over; corrected ≤ closed
            rec = counts["reconsideration_received"]
            closed = min(rec + rng.randint(0, 2), max(0, round(rec * clip(rng.gauss(0.93, 0.06), 0.7, 1.02))))
            corr_share = clip(0.13 - 0.04 * qf("reconsideration_corrected") + rng.gauss(0.0, 0.03), 0.0, 0.4)
            corrected = min(closed, round(closed * corr_share))
            vals["reconsideration_closed"] = (str(closed), "")
            vals["reconsideration_corrected"] = (str(corrected), "")
            if closed:
                vals["reconsideration_correction_rate"] = (fmt(corrected / closed * 100), "")

            # normative documents: reviewed covers at least what was issued; few go unfiled
            issued = counts["normative_docs_issued"]
            p_unfiled = sigmoid(math.log(RARE_COUNTS["normative_docs_unfiled"][0] / 0.85) - 0.8 * q)
            unfiled = rng.randint(1, min(issued, RARE_COUNTS["normative_docs_unfiled"][1])) if rng.random() < p_unfiled else 0
            unreviewed = 1 if rng.random() < 0.08 * sigmoid(-q) * 2 else 0
            reviewed = issued - unreviewed + rng.randint(0, issued // 2)
            vals["normative_docs_reviewed"] = (str(reviewed), "")
            vals["normative_docs_filed"] = (str(issued - unfiled), "")
            vals["normative_docs_review_rate"] = (fmt((issued - unreviewed) / issued * 100), "")
            vals["normative_docs_filing_rate"] = (fmt((issued - unfiled) / issued * 100), "")
            vals["normative_docs_unfiled"] = (str(unfiled), "")

            # litigation: win + loss ≤ 100 (the rest were withdrawn or settled)
            loss = clip(9.0 - 3.0 * qf("litigation_loss_rate") + rng.gauss(0.0, 2.5), 0.0, 30.0)
            other = clip(rng.gauss(6.0, 3.0), 0.0, 20.0)
            vals["litigation_loss_rate"] = (fmt(loss), "")
            vals["litigation_win_rate"] = (fmt(clip(100.0 - loss - other, 0.0, 100.0)), "")

            for f, (mean, sd, lo, hi) in RATES.items():
                vals[f] = (fmt(clip(mean + sd * (qf(f) + 0.5 * rng.gauss(0.0, 1.0)), lo, hi)), "")

            for f, (p100, lo) in FULL_RATES.items():
                if rng.random() < sigmoid(math.log(p100 / (1 - p100)) + 1.2 * qf(f)):
                    vals[f] = ("100", "")
                else:
                    vals[f] = (fmt(rng.uniform(lo, 99.9)), "")

            for f, (p, top) in RARE_COUNTS.items():
                if f == "normative_docs_unfiled":
                    continue
                hit = rng.random() < sigmoid(math.log(p / (1 - p)) - 0.8 * q)
                vals[f] = (str(rng.randint(1, top) if hit else 0), "")
            # a document issued without review is also on the negative list
            if unreviewed and vals["docs_without_legality_review"][0] == "0":
                vals["docs_without_legality_review"] = ("1", "")

            for f, levels in GRADES.items():
                z = qf(f) + rng.gauss(0.0, 0.5)
                i = 0 if z > 0.8 else 1 if z > -0.3 else 2 if z > -1.6 else 3
                vals[f] = (levels[i], "")

            for f, (a, b) in BOOLS.items():
                vals[f] = ("是" if rng.random() < sigmoid(a + b * qf(f)) else "否", "")

            for f, v in FORCED.get((name, year), {}).items():
                vals[f] = (v, "")

            # about 3% of values missing (never a value set by hand)
            for f in FIELD_ORDER:
                if rng.random() < MISSING_SHARE and f in vals and f not in FORCED.get((name, year), {}):
                    del vals[f]
            records[(name, year)] = vals

    # the deliberate tie
    src, dst, year = TIE
    records[(dst, year)] = dict(records[(src, year)])

    rows = [["unit", "year", "field", "value", "evidence", "source", "qualifier"]]
    for year in YEARS:
        for name, _level in COUNTIES:
            vals = records[(name, year)]
            for f in FIELD_ORDER:
                if f in vals:
                    value, qual = vals[f]
                    rows.append([name, str(year), f, value, "synthetic", "synthetic", qual])
    units = [["unit", "city", "province", "level"]] + [[n, CITY, PROVINCE, lvl] for n, lvl in COUNTIES]
    return rows, units


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    ap.add_argument("--out-dir", type=Path, default=Path(__file__).resolve().parent,
                    help="where to write the two CSV files (default: this script's folder)")
    args = ap.parse_args()
    rows, units = generate(args.seed)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(args.out_dir / "synthetic-city-2022-2024.csv", rows)
    write_csv(args.out_dir / "synthetic-city-units.csv", units)
    print(f"wrote {len(rows) - 1} values for {len(units) - 1} units to {args.out_dir}")


if __name__ == "__main__":
    main()
