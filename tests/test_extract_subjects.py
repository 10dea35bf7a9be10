"""Whose number it is, which level, which meeting, and hard wraps at any width: the rules written
against the second development set (tests/data/dev-r4)."""

import json

from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from lawgov_score.cli import app
from lawgov_score.extract import extract_text, field_dictionary
from lawgov_score.extract.sources import unwrap
from lawgov_score.extract.subjects import whose

runner = CliRunner()
FIELDS = field_dictionary()[0]
DATA = ROOT / "tests" / "data"


def found(sentence: str, title: str = "云杉县2024年法治政府建设情况报告\n") -> dict:
    records = extract_text(title + sentence, FIELDS, source="synthetic.txt")
    return {r.field: r.value for r in records}


# --- another body's number ------------------------------------------------------------------------


def test_the_level_above_is_not_the_unit():
    assert found("市司法局对我县抽查执法案卷30卷。全县共评查案卷412卷。") == {"enforcement_case_files_reviewed": 412}
    assert found("市委常委会听取我县法治建设工作汇报1次。") == {}
    # the subject of an earlier clause goes on while a clause opens with a verb
    assert found("市司法局组织全市案卷交叉评查，抽取我县执法案卷40卷；县司法局评查行政执法案卷236卷。") == {
        "enforcement_case_files_reviewed": 236
    }
    prefecture = "西岭彝族自治州2024年法治政府建设情况报告\n"
    assert found("省司法厅对我州抽查执法案卷50卷。", prefecture) == {}
    assert found("州司法局评查执法案卷320卷。", prefecture) == {"enforcement_case_files_reviewed": 320}


def test_a_named_parent_city_is_another_place_but_a_verb_is_no_name():
    city = "金河市人民政府关于2023年法治政府建设工作情况的报告\n"
    assert found("宁州市中级人民法院审理以我市政府为被告的行政案件5件。", city) == {}
    assert found("清理市政府规范性文件48件。", city) == {"normative_docs_cleaned": 48}
    assert found("认真办理市人大代表建议23件。", city) == {"npc_suggestions_handled": 23}


def test_a_township_is_not_the_county():
    assert found("城关镇人民调解委员会调解纠纷612件。") == {}
    assert found("各街道办事处共清理文件45件；县政府清理规范性文件17件。") == {"normative_docs_cleaned": 17}
    # the whole county through its townships and departments is the county
    assert found("全县17个乡镇和42个县直部门党政主要负责人述法率达到100%。") == {"report_on_law_rate": 100}


def test_a_body_that_is_not_the_government_counts_only_where_the_phrasing_names_it():
    assert found("县人大常委会全年审查备案各类规范性文件38件。") == {}
    assert found("向县人大常委会报备规范性文件19件。") == {"normative_docs_filed": 19}
    assert found("县人民法院全年新收一审行政案件58件，审结54件。") == {"litigation_cases": 58}
    assert found("县人民法院新收行政案件64件。") == {"litigation_cases": 64}
    assert found("县人民法院审结二审行政案件12件。") == {}
    assert found("县人大代表共提出建议150件，交县政府办理142件。") == {}
    assert found("县政府全年办理人大代表建议142件、政协提案167件。") == {
        "npc_suggestions_handled": 142,
        "cppcc_proposals_handled": 167,
    }


def test_whose_reads_the_subject_not_a_place_named_in_passing():
    assert whose("县人大常委会审查", "云杉县") == "body"
    assert whose("全年县政府出台", "云杉县") == "own"
    assert whose("邀请市委党校教师", "云杉县") is None
    assert whose("市场监管局开展", "云杉县") is None
    assert whose("西岭州人民政府", "西岭彝族自治州") == "own"


# --- several meetings, one meeting, and what they did ------------------------------------------------


def test_meetings_counted_before_what_they_did_in_the_next_clause():
    assert found("全年召开县委常委会会议3次、县政府常务会议9次，集中学习习近平法治思想和宪法、民法典等法律法规。") == {
        "party_committee_law_study": 3,
        "exec_meeting_law_study": 9,
    }
    assert found("全年召开4次县委常委会会议，专题研究法治建设工作。") == {"rule_of_law_agenda_items": 4}
    assert found("县委、县政府先后4次专题研究法治政府建设工作。") == {"rule_of_law_agenda_items": 4}
    assert found("组织1200人次学习研究法治建设。") == {}


def test_a_count_of_one_of_several_meetings_names_its_meeting():
    # 专题研究法治建设 names no meeting: the standing committee's count, not the first one's
    got = found(
        "先后召开县委全面依法治县委员会会议2次、县委常委会会议4次、县政府常务会议7次，研究部署法治政府建设重点任务。"
    )
    assert got == {"rule_of_law_agenda_items": 4}
    assert found("召开县委全面依法治县委员会会议2次、县政府常务会议3次，研究部署法治政府建设重点任务。") == {}


def test_one_rate_word_said_once_for_several_names():
    assert found("规范性文件合法性审核、备案率均为100%。") == {
        "normative_docs_review_rate": 100,
        "normative_docs_filing_rate": 100,
    }
    assert found("重大行政决策、规范性文件合法性审核率均为100%。") == {"normative_docs_review_rate": 100}


# --- levels -------------------------------------------------------------------------------------------


def test_a_rate_of_a_lower_level_is_not_the_units_and_the_next_level_takes_its_name():
    prefecture = "西岭彝族自治州2024年法治政府建设情况报告\n"
    assert found("全州县级政务服务事项网上可办率达97.6%，州本级达99.3%。", prefecture) == {"online_service_rate": 99.3}
    assert found("乡镇政务服务事项网上可办率达95%。") == {}
    assert found("县、乡两级政务服务事项网上可办率均达100%。") == {"online_service_rate": 100}


def test_the_units_own_level_is_a_part_of_the_whole_areas_figure():
    prefecture = "西岭彝族自治州2024年法治政府建设情况报告\n"
    got = found("州本级法律援助机构办理法律援助案件612件，全州共办理法律援助案件4580件。", prefecture)
    assert got == {"legal_aid_cases": 4580}
    assert found("县本级清理规范性文件63件。") == {"normative_docs_cleaned": 63}


# --- hard wraps ---------------------------------------------------------------------------------------

PARAGRAPH = (
    "县人民政府作为行政复议机关，全年收到行政复议申请132件，依法受理119件，审结108件，其中撤销、变更、确认违法、"
    "责令履行等纠错15件，纠错率13.9%。县人民法院全年新收一审行政案件58件，审结54件，县政府负责人出庭应诉率100%。"
)


def _wrapped(text: str, width: int, indent: str = "", hang: bool = False) -> str:
    lines, line = [], ""
    for c in text:
        if len(line) >= width and not (hang and c in "，。、"):
            lines.append(indent + line)
            line = ""
        line += c
    return "\n".join([*lines, indent + line])


def test_hard_wraps_at_narrow_widths_with_indents_or_hanging_punctuation_are_joined():
    for width in (12, 16, 24, 36, 50):
        for indent in ("", "  "):
            for hang in (False, True):
                assert unwrap(_wrapped(PARAGRAPH, width, indent, hang)) == indent + PARAGRAPH, (width, indent, hang)


@given(st.lists(st.integers(20, 200), min_size=3, max_size=12))
def test_whole_paragraphs_of_any_lengths_are_never_joined(sizes):
    heads = ["一、党政主要负责人履职情况", "二、依法行政制度体系建设", "三、存在问题和下一步打算"]
    body = [("法治政府建设" * 40)[: n - 1] + "。" for n in sizes]
    text = "\n".join(x for pair in zip(heads * 4, body) for x in pair)
    assert unwrap(text) == text


# --- the sets the rules were written against ---------------------------------------------------------


def _overall(folder: str, gold: str) -> dict:
    files = sorted((DATA / folder).glob("synthetic-*.txt"))
    res = runner.invoke(app, ["extract", *map(str, files), "--evaluate", str(DATA / folder / gold), "-f", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["overall"]


def test_second_development_set_figures():
    """Tuned on: says how the tuning went (0.897 / 0.850 before the rules), not how the next report reads."""
    overall = _overall("dev-r4", "synthetic-dev-r4-gold.csv")
    assert overall["precision"] == 1.0 and overall["recall"] >= 0.99, overall


def test_second_own_heldout_set_keeps_its_measured_figures():
    """Measured once, after the rules were final (0.981 / 0.914; 0.887 / 0.810 before): a guard
    against losing it, not a target that was tuned to."""
    overall = _overall("own-heldout-r4", "synthetic-own-heldout-r4-gold.csv")
    assert overall["precision"] >= 0.98 and overall["recall"] >= 0.91, overall
