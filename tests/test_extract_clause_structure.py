"""Clause structure: several bodies' counts in one clause, two stages or kinds in one clause, a part beside
the unit's total, one value or one list for several fields. The rules written against the clause-structure
development set (tests/data/dev-r6e), each with the readings it must not take, and the reason `--explain`
gives for each new kind of value."""

from extract_figures import overall as set_figures

from lawgov_score.extract import extract_text, field_dictionary

FIELDS = field_dictionary()[0]


def records(sentence: str, title: str = "兰溪县2023年法治政府建设工作报告\n") -> dict:
    return {r.field: r for r in extract_text(title + sentence, FIELDS, source="synthetic.txt")}


def found(sentence: str) -> dict:
    return {k: r.value for k, r in records(sentence).items()}


def why(sentence: str, field: str) -> set[str]:
    return {key for key, _ in records(sentence)[field].why}


# --- several bodies' counts in one clause ---------------------------------------------------------


def test_a_body_that_is_not_the_units_leaves_the_one_meeting_of_the_units():
    for verb in ("听取法治政府建设工作汇报", "专题研究法治政府建设"):
        sentence = f"县人大常委会会议4次、县政府常务会议2次{verb}。"
        assert found(sentence) == {"rule_of_law_agenda_items": 2}, sentence  # never the 人大's 4
        assert "extract.why.sole_own_body" in why(sentence, "rule_of_law_agenda_items")
    # with the party committee listed, its count stays the one a field naming no meeting takes
    assert found("县人大常委会会议2次、县委常委会会议3次听取法治建设工作汇报。") == {"rule_of_law_agenda_items": 3}
    # two meetings of the unit's own and no party committee: no one count is the unit's
    assert (
        found("县政府常务会议2次、县委全面依法治县委员会会议1次研究法治建设。").get("rule_of_law_agenda_items") is None
    )


def test_each_item_after_a_count_names_its_own_subject():
    assert found("县人大常委会组织执法检查3次、县政府常务会议学法12次。") == {"exec_meeting_law_study": 12}
    assert found("县政府常务会议学法12次、县人大常委会会议学法3次。") == {"exec_meeting_law_study": 12}


def test_meetings_counts_before_a_predicate_with_a_count_of_its_own():
    got = found("县委常委会会议4次、县政府常务会议12次，学习法律法规20部。")
    assert got == {"party_committee_law_study": 4, "exec_meeting_law_study": 12}


# --- two stages or kinds in one clause ------------------------------------------------------------


def test_stages_before_one_noun_take_their_own_counts():
    both = {"reconsideration_received": 56, "reconsideration_closed": 50}
    assert found("县行政复议局受理、审结行政复议案件56件、50件。") == both  # not 审结 56
    assert found("全年分别受理、审结行政复议案件56件、50件。") == both
    assert found("受理、审结行政复议案件分别为56件、50件。") == both
    assert found("全年受理、办结行政复议案件各45件。") == {"reconsideration_received": 45, "reconsideration_closed": 45}
    assert found("排查、化解矛盾纠纷分别为1200件、1180件。") == {"mediation_cases": 1180}  # 化解, not 排查
    assert "extract.why.restated" in why("县行政复议局受理、审结行政复议案件56件、50件。", "reconsideration_closed")


def test_a_later_name_with_its_own_number_after_more_words():
    # the contracts reviewed are not the opinions given
    assert found("法律顾问审查各类合同45份、出具法律意见书38份、参与信访接待12次。") == {"legal_advisor_opinions": 38}


# --- parts and totals -----------------------------------------------------------------------------


def test_a_part_named_by_the_later_kind_of_a_total():
    assert found("办理人大代表建议和政协提案共146件，其中政协提案80件。") == {"cppcc_proposals_handled": 80}
    assert found("办理人大代表建议、政协提案共计186件，其中建议78件、提案108件。") == {
        "npc_suggestions_handled": 78,
        "cppcc_proposals_handled": 108,
    }
    assert found("县司法局审查县政府合同协议和规范性文件共计67件，其中规范性文件15件。") == {
        "normative_docs_reviewed": 15
    }


def test_a_part_of_a_total_of_every_kind():
    assert found("审核各类文件89件，其中规范性文件21件。") == {"normative_docs_reviewed": 21}
    assert "extract.why.named_part" in why("审核各类文件89件，其中规范性文件21件。", "normative_docs_reviewed")
    # the files cleaned: the normative documents among them, as before
    assert found("清理各类文件210件，其中规范性文件36件。") == {"normative_docs_cleaned": 36}
    # a total of the field's own kind stays the value, whatever its parts
    assert found("评查各类执法案卷500卷，其中行政处罚案卷300卷。") == {"enforcement_case_files_reviewed": 500}
    assert found("调解各类纠纷1200件，其中婚姻家庭纠纷300件。") == {"mediation_cases": 1200}


def test_a_kind_joined_before_the_cue_makes_the_total_not_the_fields():
    sentence = "全县法律顾问审查合同和出具法律意见共180件，其中出具法律意见书60件。"
    assert found(sentence) == {"legal_advisor_opinions": 60}
    assert "extract.why.not_mixed" in why(sentence, "legal_advisor_opinions")


def test_an_office_or_channel_before_the_whole_units_count_in_one_sentence():
    sentence = "县市场监管局评查案卷48卷，全县共评查执法案卷290卷。"
    assert found(sentence) == {"enforcement_case_files_reviewed": 290}
    assert "extract.why.whole_unit" in why(sentence, "enforcement_case_files_reviewed")
    assert found("通过政务新媒体公开信息1200条，全年共主动公开政府信息3672条。") == {"info_disclosed": 3672}
    # no whole-unit count in the paragraph: the office's is still read, as before
    assert found("县市场监管局评查案卷48卷。") == {"enforcement_case_files_reviewed": 48}
    # 公共法律服务中心 is no 共 of a total
    assert found("县公共法律服务中心办理法律援助案件120件，县法律援助中心办理法律援助案件80件。") == {
        "legal_aid_cases": 120
    }


# --- one value for several fields -----------------------------------------------------------------


def test_every_case_received_was_closed():
    for sentence in ("县行政复议局受理行政复议案件56件，全部审结。", "全年受理行政复议案件37件，均已审结。"):
        got = found(sentence)
        assert got.get("reconsideration_received") == got.get("reconsideration_closed"), sentence
        assert "extract.why.shared" in why(sentence, "reconsideration_closed")
    assert found("受理行政复议申请48件，未全部审结。").get("reconsideration_closed") is None


def test_documents_issued_all_reviewed_rank_below_a_count_of_the_review():
    text = "县政府全年出台规范性文件12件，均经合法性审核。县司法局审查县政府合同协议和规范性文件共计67件，其中规范性文件15件。"
    assert found(text)["normative_docs_reviewed"] == 15
    assert found("县政府全年出台规范性文件12件，均经合法性审核。")["normative_docs_reviewed"] == 12


def test_one_value_for_several_rates_over_several_years():
    got = found("行政机关负责人出庭应诉率和行政复议决定履行率连续三年保持100%。")
    assert got == {"court_appearance_rate": 100, "reconsideration_compliance_rate": 100}
    got = found("规范性文件合法性审核率、备案率、公开率实现“三个100%”。")
    assert got == {"normative_docs_review_rate": 100, "normative_docs_filing_rate": 100}


# --- the set the rules were written against -------------------------------------------------------


def test_clause_structure_development_set_figures():
    """Tuned on: says how the tuning went, not how the next report reads."""
    overall = set_figures("dev-r6e", "synthetic-dev-r6e-gold.csv")
    assert overall["precision"] == 1.0 and overall["recall"] >= 0.97, overall


def test_counts_shared_out_among_levels_are_no_ones():
    # each level's count is a part; the unit's total is not stated
    assert found("县、乡、村三级调解组织调解纠纷分别为120件、980件、1500件。") == {}
    assert found("县本级和乡镇分别清理文件32件、53件。") == {}  # never the townships' 53
    # a rate of each level: the unit's own level's
    assert found("县、乡两级政务服务事项网上可办率分别为99%、95%。") == {"online_service_rate": 99}
    # the meetings of two bodies are no levels
    assert found("县委常委会会议、县政府常务会议学法次数分别为4次、12次。") == {
        "party_committee_law_study": 4,
        "exec_meeting_law_study": 12,
    }


def test_each_count_before_its_meeting():
    got = found("召开3次县委常委会会议、11次县政府常务会议开展学法。")
    assert got == {"party_committee_law_study": 3, "exec_meeting_law_study": 11}


def test_of_two_meetings_a_field_reads_the_one_its_name_names():
    sentence = "召开县政府党组会议6次、县政府常务会议14次开展集中学法。"
    assert found(sentence) == {"exec_meeting_law_study": 14}  # the 党组's 6 is not the executive meeting's
    assert "extract.why.own_meeting" in why(sentence, "exec_meeting_law_study")
    assert found("县委理论学习中心组3次、县委常委会会议4次开展专题学法。") == {"party_committee_law_study": 4}


def test_a_total_of_several_kinds_then_their_counts_respectively():
    got = found("全年办理人大代表建议、政协提案138件，分别为63件、75件。")
    assert got == {"npc_suggestions_handled": 63, "cppcc_proposals_handled": 75}  # never the total 138
    # names and numbers that do not pair up give nothing
    assert found("全年办理人大代表建议、政协提案138件，分别为63件、40件、35件。") == {}


def test_a_part_said_with_its_count_first():
    assert found("审核各类文件89件，其中21件为规范性文件。") == {"normative_docs_reviewed": 21}


def test_jun_over_several_meetings_gives_each_the_count_and_a_joint_count_is_neither():
    both = {"party_committee_law_study": 4, "exec_meeting_law_study": 4}
    assert found("县委常委会会议、县政府常务会议均开展会前学法4次。") == both
    assert found("县委常委会会议和县政府常务会议全年共学法16次。") == {}  # two bodies' count together: neither's


def test_two_stages_of_one_count():
    assert found("县司法局审核并备案规范性文件12件。") == {"normative_docs_reviewed": 12, "normative_docs_filed": 12}
    assert found("受理并审结行政复议案件45件。") == {"reconsideration_received": 45, "reconsideration_closed": 45}


def test_a_level_left_out_is_not_the_rates_scope():
    assert found("全县政务服务事项（不含乡镇）网上可办率98.5%。") == {"online_service_rate": 98.5}
    assert found("乡镇政务服务事项网上可办率95%。") == {}  # the townships' rate is still not the unit's


def test_meetings_each_in_its_own_clause_give_a_field_naming_none_the_party_committees():
    for sentence in (
        "县委常委会会议听取法治建设工作汇报2次，县政府常务会议研究法治政府建设工作4次。",
        "县政府常务会议研究法治政府建设工作4次，县委常委会会议听取法治建设工作汇报2次。",
    ):
        assert found(sentence) == {"rule_of_law_agenda_items": 2}, sentence
        assert "extract.why.committee" in why(sentence, "rule_of_law_agenda_items")


def test_the_whole_units_count_later_in_the_paragraph():
    assert found("县司法局评查案卷48卷。全县共评查执法案卷290卷。") == {"enforcement_case_files_reviewed": 290}
    # in another paragraph it is another passage: the first value stands
    assert found("县司法局评查案卷48卷。\n全县共评查执法案卷290卷。") == {"enforcement_case_files_reviewed": 48}


def test_a_restated_value_keeps_its_place_and_a_part_after_qizhong_and_a_comma():
    text = "全县排查、化解矛盾纠纷分别为3560件、3498件，化解率98.3%。其中，县人民调解中心调解疑难纠纷146件。"
    assert found(text)["mediation_cases"] == 3498  # not the later 146, which is a part
    assert found("全县行政复议、行政诉讼案件分别为56件、38件。") == {
        "reconsideration_received": 56,
        "litigation_cases": 38,
    }


def test_meetings_of_many_bodies_or_levels_together_are_not_the_leaders_count():
    assert found("县乡两级召开会议56次研究法治建设。") == {}
    assert found("全县各级各部门召开专题会议研究法治建设120次。") == {}
    assert found("县委、县政府先后4次专题研究法治政府建设工作。") == {"rule_of_law_agenda_items": 4}


def test_a_later_total_that_goes_on_with_the_same_office_is_no_whole_units():
    # 共办结 goes on with the centre that received the cases: a later stage, not the whole county's count
    got = found("县法律援助中心受理法律援助案件203件，共办结法律援助案件198件。")
    assert got == {"legal_aid_cases": 203}


def test_fenbie_whose_meetings_stand_in_the_clause_before():
    got = found("县委常委会会议、县政府常务会议均开展会前学法，全年分别学法5次、14次。")
    assert got == {"party_committee_law_study": 5, "exec_meeting_law_study": 14}


def test_names_then_as_many_numbers_without_fenbie():
    assert found("县委常委会会议、县政府常务会议学法4次、12次。") == {
        "party_committee_law_study": 4,
        "exec_meeting_law_study": 12,
    }
    # two rates and two values are no one value for both
    assert found("网上可办率、全程网办率达到98.5%、85%。") == {"online_service_rate": 98.5, "full_online_rate": 85}
    # offices or persons sharing one field's count out: no number is the unit's
    assert found("县司法局、县法律援助中心办理法律援助案件120件、80件。") == {}
    assert found("县政府法律顾问和公职律师出具法律意见书45份、38份。") == {}
    assert found("人大代表建议、政协提案办理63件、75件。") == {
        "npc_suggestions_handled": 63,
        "cppcc_proposals_handled": 75,
    }


def test_clause_structure_own_heldout_set_keeps_its_measured_figures():
    """Measured once, after the rules were final (0.988 / 0.941; 0.987 / 0.918 before): a guard against
    losing it, not a target that was tuned to."""
    overall = set_figures("own-heldout-r6e", "synthetic-own-heldout-r6e-gold.csv")
    assert overall["precision"] >= 0.98 and overall["recall"] >= 0.94, overall
