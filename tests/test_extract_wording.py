"""The kinds of wording that `extract` once misread on reports it had never seen, each with a
general rule (sentences written for these tests, not quoted from any report), and the figures
on the synthetic development set those rules were tuned on."""

import json

from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from lawgov_score.cli import app
from lawgov_score.extract import extract_text, field_dictionary
from lawgov_score.extract.document import Document, inside, merged
from lawgov_score.extract.sources import unwrap

runner = CliRunner()
FIELDS = field_dictionary()[0]
TITLE = "合成县2023年法治政府建设工作报告\n"
DATA = ROOT / "tests" / "data"


def found(sentence: str, title: str = TITLE) -> dict:
    return {r.field: r.value for r in extract_text(title + sentence, FIELDS, source="synthetic.txt")}


def records(sentence: str, title: str = TITLE) -> dict:
    return {r.field: r for r in extract_text(title + sentence, FIELDS, source="synthetic.txt")}


# --- court-side and bureau-side wording ------------------------------------------------------------


def test_court_side_wording_is_litigation():
    got = found("县人民法院新收一审行政案件46件，审结41件。")
    assert got == {"litigation_cases": 46}  # 审结 by the court is no reconsideration closed
    assert found("县人民法院全年审结一审行政案件29件。") == {"litigation_cases": 29}


def test_bureau_side_wording_is_reconsideration():
    got = found("县行政复议机关全年新收案件58件，审结52件。")
    assert got == {"reconsideration_received": 58, "reconsideration_closed": 52}


# --- one value for several fields ------------------------------------------------------------------


def test_one_value_for_several_rates():
    got = found("审核县政府规范性文件9件，合法性审核率、备案率均达100%。")
    assert got["normative_docs_review_rate"] == 100 and got["normative_docs_filing_rate"] == 100
    got = found("行政机关负责人出庭应诉率和行政复议决定履行率均达到100%。")
    assert got == {"court_appearance_rate": 100, "reconsideration_compliance_rate": 100}


def test_a_list_that_is_not_all_rates_is_not_shared():
    # 政务服务事项 is not a rate: the clause says nothing of it, and only the named rate is read
    assert found("政务服务事项和网上可办率达到98%。") == {"online_service_rate": 98}


# --- several subjects, each with its count, before one predicate ------------------------------------


def test_each_subject_keeps_its_count():
    got = found("召开县委常委会会议3次、县政府常务会议8次专题学习习近平法治思想和宪法法律。")
    assert got == {"party_committee_law_study": 3, "exec_meeting_law_study": 8}
    rec = records("召开县委常委会会议3次、县政府常务会议8次专题学习习近平法治思想和宪法法律。")
    assert rec["exec_meeting_law_study"].quote.startswith("召开县委常委会会议3次")  # the whole clause


def test_a_count_of_two_bodies_together_is_neither_bodys():
    assert "exec_meeting_law_study" not in found("召开县委常委会会议、县政府常务会议专题学法6次。")
    rec = records("召开县委常委会会议、县政府常务会议共研究法治政府建设议题5次。")
    assert rec["rule_of_law_agenda_items"].quote == "召开县委常委会会议、县政府常务会议共研究法治政府建设议题5次"


# --- parts, totals and two kinds of event ----------------------------------------------------------


def test_a_total_beats_a_part_before_it():
    got = found("办理涉及征地拆迁领域的行政复议案件21件。全年共受理行政复议案件74件，审结70件。")
    assert got["reconsideration_received"] == 74


def test_a_part_after_the_total_is_not_read_for_it():
    got = found("全年办理法律援助案件318件，其中涉及农民工欠薪的法律援助案件56件。")
    assert got["legal_aid_cases"] == 318
    every = [
        r.value
        for r in extract_text(
            TITLE + "全年办理法律援助案件318件，其中涉及农民工欠薪的法律援助案件56件。", FIELDS, every=True
        )
        if r.field == "legal_aid_cases"
    ]
    assert every == [318, 56]  # --all still lists both


def test_two_kinds_of_event_in_one_clause():
    assert found("举办领导干部法治研讨班2期、法治专题讲座7期。")["law_lectures"] == 7


# --- naming variants of a rate --------------------------------------------------------------------


def test_rate_names_in_quotation_marks_and_variants():
    assert found("政务服务“一网通办”率达到98.6%。") == {"online_service_rate": 98.6}
    assert found("县级政务服务事项网上可办比例达到97.2%。") == {"online_service_rate": 97.2}
    assert found("全程网办率85.6%。") == {"full_online_rate": 85.6}  # a narrower rate, not this one


# --- the reporting unit and its own scope ---------------------------------------------------------


def test_unit_named_in_the_text_and_its_own_whole():
    text = "关于2023年度法治政府建设情况的报告\n2023年，青岚州深入推进法治建设。全州受理行政复议案件59件。\n青岚州人民政府\n2024年1月20日"
    doc = Document.of(text)
    assert doc.unit == "青岚州" and doc.self_scope == "全州"
    assert {r.field: r.value for r in extract_text(text, FIELDS)} == {"reconsideration_received": 59}
    assert Document.of("2023年法治政府建设年度报告\n全盟深入推进。\n东山盟行政公署\n2024年1月").unit == "东山盟"
    # a county's report: 全州 is another place
    assert found("全州受理行政复议案件590件。") == {}


# --- hard-wrapped text -----------------------------------------------------------------------------


def test_hard_wrapped_lines_are_joined():
    para = "一、化解矛盾纠纷。全年共受理行政复议案件74件，审结70件，纠错9件。旗人民法院全年审结一审行政案件29件，行政机关负责人出庭应诉率100%。"
    wrapped = "\n".join(para[i : i + 32] for i in range(0, len(para), 32))
    text = "双峰旗2024年法治政府建设情况的报告\n\n" + "\n\n".join([wrapped] * 3)
    assert unwrap(text) == "双峰旗2024年法治政府建设情况的报告\n\n" + "\n\n".join([para] * 3)
    ordinary = "标题\n" + "\n".join(["第一段写完了。", "第二段也写完了，长短不一。", "第三段。"] * 3)
    assert unwrap(ordinary) == ordinary


# --- full-width digits and Chinese numerals ---------------------------------------------------------


def test_full_width_digits_and_chinese_numerals():
    assert found("主动公开政府信息２３６５条。") == {"info_disclosed": 2365}
    assert found("县政府常务会议学法十二次。") == {"exec_meeting_law_study": 12}
    assert found("开展普法宣传活动二百一十场次。") == {"legal_publicity_events": 210}


# --- the spans a number is checked against (bisected, not scanned) ----------------------------------

spans = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 40)).map(lambda t: (t[0], t[0] + t[1])), max_size=12)


@given(spans, st.integers(0, 260))
def test_inside_agrees_with_a_scan(raw, pos):
    assert inside(merged(raw), pos) == any(a <= pos < b for a, b in raw)
    disjoint = merged(raw)  # titles never overlap: strictness as the scan had it
    assert inside(disjoint, pos, strict=True) == any(a < pos < b for a, b in disjoint)


# --- the development set (tuned on: says how the tuning went, not how the next report reads) -------


def test_development_set_figures():
    folder = DATA / "dev-r3"
    files = sorted(folder.glob("synthetic-*.txt"))
    res = runner.invoke(
        app, ["extract", *map(str, files), "--evaluate", str(folder / "synthetic-dev-gold.csv"), "-f", "json"]
    )
    assert res.exit_code == 0, res.output
    overall = json.loads(res.stdout)["overall"]
    assert overall["precision"] == 1.0 and overall["recall"] >= 0.95, overall
    units = {
        r["source"].rsplit("/", 1)[-1]: r["unit"]
        for r in json.loads(runner.invoke(app, ["extract", *map(str, files), "-f", "json"]).stdout)
    }
    assert units == {
        "synthetic-dev-lingxi-county-2022.txt": "灵溪县",
        "synthetic-dev-qinglan-prefecture-2023.txt": "青岚彝族自治州",
        "synthetic-dev-shuangfeng-banner-2024.txt": "双峰旗",
    }


def test_own_heldout_set_keeps_its_measured_figures():
    """Measured once, after the rules were final (0.974 / 0.961): a guard against losing it, not
    a target that was tuned to."""
    folder = DATA / "own-heldout"
    files = sorted(folder.glob("synthetic-*.txt"))
    gold = folder / "synthetic-own-heldout-gold.csv"
    res = runner.invoke(app, ["extract", *map(str, files), "--evaluate", str(gold), "-f", "json"])
    overall = json.loads(res.stdout)["overall"]
    assert overall["precision"] >= 0.97 and overall["recall"] >= 0.96, overall
