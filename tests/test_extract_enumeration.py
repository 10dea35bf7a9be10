"""各, 分别 with a verb, the part of a total of several kinds, one value for two rates (双100%), and the
cases received beside the cases handled: the rules written against the third development set
(tests/data/dev-r5), each with the readings it must not take."""

from extract_figures import overall as set_figures

from lawgov_score.extract import extract_text, field_dictionary

FIELDS = field_dictionary()[0]
LAW_STUDY = ("party_committee_law_study", "exec_meeting_law_study")


def found(sentence: str, title: str = "兰溪县2023年法治政府建设工作报告\n") -> dict:
    records = extract_text(title + sentence, FIELDS, source="synthetic.txt")
    return {r.field: r.value for r in records}


def _study(sentence: str) -> dict:
    return {k: v for k, v in found(sentence).items() if k in LAW_STUDY}


# --- 各: one count for each body ------------------------------------------------------------------


def test_each_body_has_the_count_said_with_ge():
    both = {"party_committee_law_study": 3, "exec_meeting_law_study": 3}
    assert _study("县委常委会会议、县政府常务会议各专题学法3次。") == both
    assert _study("召开县委常委会会议、县政府常务会议学法各3次。") == both
    assert _study("县委常委会和县政府常务会议各开展会前学法3次。") == both


def test_ge_of_how_often_or_of_bodies_that_are_not_meetings_gives_nothing():
    # 每季度各1次 says how often, not how many times in the year
    assert _study("县委常委会会议、县政府常务会议每季度各学法1次。") == {}
    # 各 of townships and departments is no meeting's count
    assert found("各乡镇、各部门各开展法治讲座2次。").get("law_lectures") is None


# --- 分别 with a verb between it and the numbers --------------------------------------------------


def test_respectively_with_a_verb_pairs_the_ith_number_with_the_ith_body():
    expected = {"party_committee_law_study": 4, "exec_meeting_law_study": 11}
    assert _study("区委常委会、区政府常务会议分别组织学法4次、11次。") == expected
    assert _study("区委常委会、区政府常务会议分别开展集中学法4次和11次。") == expected
    # the order of the bodies decides, not the size of the numbers
    assert _study("区政府常务会议、区委常委会分别专题学法11次、4次。") == expected


def test_respectively_with_subjects_before_it_pairs_them_not_the_words_after_it():
    # 和 after 分别 joins what was studied; the subjects are the two meetings before it
    got = _study("旗委常委会会议、旗政府常务会议分别专题学习习近平法治思想和相关法律法规2次、8次。")
    assert got == {"party_committee_law_study": 2, "exec_meeting_law_study": 8}


def test_respectively_that_does_not_pair_up_gives_nothing():
    assert _study("区委常委会、区政府常务会议分别专题学法4次、11次、2次。") == {}


def test_the_predicate_run_on_to_the_last_meeting_is_said_of_each():
    expected = {"party_committee_law_study": 4, "exec_meeting_law_study": 12}
    assert _study("县政府常务会议、县委常委会会议学法分别为12次、4次。") == expected
    assert _study("县委常委会会议和县政府常务会议学法次数分别为4次、12次。") == expected


def test_several_offices_sharing_out_one_fields_count_give_none_of_it():
    # two offices' counts of one field: neither is the county's
    assert found("县司法局、县法律援助中心分别办理法律援助案件120件、80件。") == {}
    assert found("县司法局和县法律援助中心各办理法律援助案件120件。") == {}
    # kinds, not offices, are paired; 各类 opens a noun and shares nothing out
    assert found("人大代表建议、政协提案分别办理63件、81件。") == {
        "npc_suggestions_handled": 63,
        "cppcc_proposals_handled": 81,
    }
    assert found("全县开展各类普法活动300场次。") == {"legal_publicity_events": 300}


# --- a total of several kinds, and its parts --------------------------------------------------------


def test_the_part_naming_the_fields_kind_is_taken_over_a_total_of_several_kinds():
    got = found("区司法局审核规范性文件和重大行政决策共42件，其中规范性文件17件。")
    assert got.get("normative_docs_reviewed") == 17
    got = found("办理人大代表建议和政协提案共148件，其中人大代表建议64件、政协提案84件。")
    assert (got.get("npc_suggestions_handled"), got.get("cppcc_proposals_handled")) == (64, 84)


def test_a_part_of_another_kind_leaves_the_total():
    # 废止 is what was done to some of them, not another kind joined in the total
    assert found("共清理规范性文件62件，其中废止11件。").get("normative_docs_cleaned") == 62


def test_the_cases_received_come_before_a_total_handled():
    got = found("县政府办理行政复议案件47件，其中新收44件、上年结转3件，审结42件。")
    assert (got.get("reconsideration_received"), got.get("reconsideration_closed")) == (44, 42)


# --- one value for two rates ------------------------------------------------------------------------


def test_shuang_100_and_adverbs_give_each_rate_100():
    for sentence in (
        "规范性文件合法性审核率、备案率实现“双100%”。",
        "规范性文件合法性审核率和备案率双双达到100%。",
        "规范性文件合法性审核率、备案率始终保持在100%。",
    ):
        got = found(sentence)
        assert (got.get("normative_docs_review_rate"), got.get("normative_docs_filing_rate")) == (100, 100), sentence


def test_rates_said_respectively_with_a_verb_and_a_change_beside_them():
    got = found("县级政务服务事项网上可办率和全程网办率分别提升至98.5%、85%，同比分别提高3个百分点、10个百分点。")
    assert got.get("online_service_rate") == 98.5  # 全程网办率 is another, narrower rate


def test_rate_name_variants():
    assert found("全县行政执法人员资格考试及格率为96%。") == {"enforcement_exam_pass_rate": 96}
    assert found("全县干部学法考试及格率为99%。") == {}  # the staff's law exam, not the enforcement exam
    assert found("规范性文件合法性审查覆盖面达到100%。") == {"normative_docs_review_rate": 100}
    assert found("区政府规范性文件备案报送率达100%。") == {"normative_docs_filing_rate": 100}
    assert found("党政主要负责人述法比例达100%。") == {"report_on_law_rate": 100}


# --- the unit -------------------------------------------------------------------------------------


def test_a_unit_named_in_the_title_may_end_like_an_ordinary_word():
    records = extract_text("鹤山区2024年度法治政府建设情况报告\n\n区委、区政府专题研究法治政府建设工作3次。", FIELDS)
    assert {r.unit for r in records} == {"鹤山区"}


# --- the set the rules were written against -------------------------------------------------------


def test_third_development_set_figures():
    """Tuned on: says how the tuning went, not how the next report reads."""
    overall = set_figures("dev-r5", "synthetic-dev-r5-gold.csv")
    assert overall["precision"] == 1.0 and overall["recall"] == 1.0, overall


def test_third_own_heldout_set_keeps_its_measured_figures():
    """Measured once, after the rules were final (1.000 / 0.933; 1.000 / 0.850 before): a guard
    against losing it, not a target that was tuned to."""
    overall = set_figures("own-heldout-r5", "synthetic-own-heldout-r5-gold.csv")
    assert overall["precision"] == 1.0 and overall["recall"] >= 0.93, overall
