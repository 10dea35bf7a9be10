"""What the bundled rubrics and samples promise: the shape of shifan.yaml, the core fields of the
annual reports, and sample values that stand verbatim in their reports."""

import csv

import polars as pl
import pytest
from conftest import ROOT, SHARED

import lawgov_score as lg

# The core fields of the reference (a public interface): every one defined, every one scored.
CORE = """exec_meeting_law_study party_committee_law_study law_lectures rule_of_law_agenda_items report_on_law_rate
normative_docs_reviewed normative_docs_filed normative_docs_cleaned normative_docs_review_rate normative_docs_filing_rate
legal_advisor_opinions permit_items online_service_rate time_limit_compression_rate enforcement_case_files_reviewed
enforcement_exam_pass_rate npc_suggestions_handled cppcc_proposals_handled info_disclosed reconsideration_received
reconsideration_closed reconsideration_corrected reconsideration_correction_rate reconsideration_compliance_rate
litigation_cases litigation_win_rate litigation_loss_rate court_appearance_rate mediation_cases mediation_success_rate
legal_aid_cases legal_publicity_events""".split()
REPORTS = ["naidong-2022", "hangjin-2024", "shifeng-2023", "gaotai-2022", "leping-2024"]


@pytest.fixture(scope="module")
def shifan():
    return lg.load_rubric(ROOT / "rubrics" / "shifan.yaml")


def test_core_fields_are_defined_and_each_read_by_shifan(shifan):
    assert len(CORE) == 32
    missing = [f for f in CORE if f not in shifan.fields]
    assert not missing
    unread = [f for f in CORE if f not in shifan.used_fields()]
    assert not unread, unread


def test_shifan_shape(shifan):
    assert len(shifan.roots) == 10
    assert len([i for i in shifan.items.values() if i.level == 2]) == 34
    assert len(shifan.leaves()) >= 100
    assert shifan.total == 1000
    assert "非官方" in (shifan.note or "") or "不代表官方" in (shifan.note or "")


@pytest.mark.parametrize("stem", REPORTS)
def test_sample_values_stand_verbatim_in_their_report(stem):
    report = SHARED / "reports" / f"{stem}.txt"
    if not report.exists():
        pytest.skip(f"{report} is not there")
    text = report.read_text(encoding="utf-8")
    rows = list(csv.DictReader(open(ROOT / "samples" / f"{stem}.csv", encoding="utf-8")))
    core = [r for r in rows if r["field"] in CORE]
    assert 10 <= len(core) <= 25, len(core)
    for r in rows:
        assert r["evidence"] and r["evidence"] in text, (r["field"], r["evidence"])
        assert r["source"] == f"{stem}.txt"


def test_samples_read_without_a_problem_and_score(shifan):
    inds = lg.read_indicators([ROOT / "samples"], shifan)
    assert sorted(inds.values["unit"].unique()) == sorted(["乃东区", "杭锦旗", "石峰区", "高台县", "乐平市"])
    assert inds.values.filter(pl.col("evidence").is_null()).height == 0
    assert set(inds.units["city"].to_list()) == {"山南市", "鄂尔多斯市", "株洲市", "张掖市", "景德镇市"}


def test_synthetic_data_says_so():
    folder = ROOT / "samples" / "synthetic-city"
    assert all("synthetic" in p.name for p in folder.glob("*.csv"))
    rows = list(csv.DictReader(open(folder / "synthetic-city-2022-2024.csv", encoding="utf-8")))
    assert {r["evidence"] for r in rows} == {"synthetic"} and all(r["unit"].startswith("合成") for r in rows)
