"""How reports phrase values, one sentence at a time (sentences written for these tests, not
quoted from any report): each finds exactly the values listed, and the exclusion rules keep
dates, document numbers, versions, ordinals, plan names, changes, targets, other places and
plans for next year out."""

import pytest

from lawgov_score.extract import extract_text, field_dictionary

FIELDS = field_dictionary()[0]
TITLE = "合成县2023年法治政府建设工作报告\n"


def found(sentence: str) -> dict:
    records = extract_text(TITLE + sentence, FIELDS, source="synthetic.txt")
    return {r.field: (r.value, r.qualifier) if r.qualifier else r.value for r in records}


POSITIVE = [
    ("全年召开政府常务会议学法6次。", {"exec_meeting_law_study": 6}),
    ("县政府常务会议专题学法4次。", {"exec_meeting_law_study": 4}),
    ("县政府党组会议、常务会议会前学法共计11次。", {"exec_meeting_law_study": 11}),
    ("县政府常务会议学法三次。", {"exec_meeting_law_study": 3}),
    ("全年召开县政府常务会议28次，其中专题学法4次。", {"exec_meeting_law_study": 4}),
    ("组织开展县委理论学习中心组集体学法5次。", {"party_committee_law_study": 5}),
    ("县委常委会会前学法3次。", {"party_committee_law_study": 3}),
    ("举办法治讲座12场次。", {"law_lectures": 12}),
    ("开展法治专题培训3期。", {"law_lectures": 3}),
    ("举办2期领导干部依法行政专题培训班。", {"law_lectures": 2}),
    ("县委常委会会议专题研究法治建设工作3次。", {"rule_of_law_agenda_items": 3}),
    ("党政主要负责人述法率100%。", {"report_on_law_rate": 100}),
    ("党政主要负责人年终述法实现全覆盖。", {"report_on_law_rate": 100}),
    ("全年合法性审查规范性文件23件。", {"normative_docs_reviewed": 23}),
    ("对12件行政规范性文件进行了合法性审核。", {"normative_docs_reviewed": 12}),
    ("规范性文件合法性审核率达100%。", {"normative_docs_review_rate": 100}),
    (
        "向市政府和县人大常委会报备规范性文件8件，报备率100%。",
        {"normative_docs_filed": 8, "normative_docs_filing_rate": 100},
    ),
    ("清理涉及营商环境的规范性文件41件。", {"normative_docs_cleaned": 41}),
    ("县政府法律顾问审查合同78份，出具法律意见书45份。", {"legal_advisor_opinions": 45}),
    ("政务服务事项网上可办率达到100%。", {"online_service_rate": 100}),
    ("承诺时限压缩比例达68.5%。", {"time_limit_compression_rate": 68.5}),
    ("全县行政许可事项清单共包含行政许可事项186项。", {"permit_items": 186}),
    ("评查行政执法案卷320卷。", {"enforcement_case_files_reviewed": 320}),
    ("全县1250名行政执法人员参加执法资格考试，合格率96.5%。", {"enforcement_exam_pass_rate": 96.5}),
    ("办理县人大代表建议15件、县政协委员提案22件。", {"npc_suggestions_handled": 15, "cppcc_proposals_handled": 22}),
    ("主动公开政府信息5,230条。", {"info_disclosed": 5230}),
    (
        "全年受理行政复议案件126件，审结118件，其中撤销5件，纠错率4.2%。",
        {
            "reconsideration_received": 126,
            "reconsideration_closed": 118,
            "reconsideration_corrected": 5,
            "reconsideration_correction_rate": 4.2,
        },
    ),
    (
        "受理行政复议案件59起，审结48起，其中纠错10起。",
        {"reconsideration_received": 59, "reconsideration_closed": 48, "reconsideration_corrected": 10},
    ),
    ("行政复议决定履行率100%。", {"reconsideration_compliance_rate": 100}),
    (
        "以县政府为被告的行政诉讼案件36件，行政诉讼胜诉率92.3%，败诉率7.7%。",
        {"litigation_cases": 36, "litigation_win_rate": 92.3, "litigation_loss_rate": 7.7},
    ),
    ("行政机关负责人出庭应诉率连续三年保持100%。", {"court_appearance_rate": 100}),
    ("共调解各类矛盾纠纷2563件，调解成功率98.9%。", {"mediation_cases": 2563, "mediation_success_rate": 98.9}),
    ("排查矛盾纠纷1200件，化解1180件，化解率98.3%。", {"mediation_cases": 1180, "mediation_success_rate": 98.3}),
    ("受理法律援助案件486件。", {"legal_aid_cases": 486}),
    ("开展各类普法宣传活动260余场次。", {"legal_publicity_events": (260, "lower_bound")}),
    ("开展法治宣传活动约120场。", {"legal_publicity_events": (120, "approx")}),
    ("政务服务事项网上可办率98%以上。", {"online_service_rate": (98, "lower_bound")}),
    ("主动公开政府信息1.3万条。", {"info_disclosed": 13000}),
    ("行政机关负责人出庭应诉率９６．２７％。", {"court_appearance_rate": 96.27}),
    ("行政机关负责人出庭应诉率达到百分之百。", {"court_appearance_rate": 100}),
    (
        "人民调解组织调解矛盾纠纷4568件，调解成功4502件，成功率98.6%。",
        {"mediation_cases": 4568, "mediation_success_rate": 98.6},
    ),
    ("全年召开县政府常务会议32次，集体学法12次。", {"exec_meeting_law_study": 12}),
    ("组织开展依法行政培训班3期，培训人员400余人次。", {"law_lectures": 3}),
    (
        "县政府常务会议学法7次、县委理论学习中心组学法5次。",
        {"exec_meeting_law_study": 7, "party_committee_law_study": 5},
    ),
    ("承诺时限平均压缩比例达60%。", {"time_limit_compression_rate": 60}),
    ("调解成功率高达99%以上。", {"mediation_success_rate": (99, "lower_bound")}),
    ("累计开展普法宣传教育活动1200余场次，受教育群众10万余人次。", {"legal_publicity_events": (1200, "lower_bound")}),
    ("行政机关负责人出庭应诉率达100%，较上年提高15个百分点。", {"court_appearance_rate": 100}),
]


@pytest.mark.parametrize("sentence,expected", POSITIVE, ids=[f"read{i}" for i in range(len(POSITIVE))])
def test_phrasing_is_read(sentence, expected):
    assert found(sentence) == expected


NOTHING = [
    ("行政复议案件数同比下降12%。", "change"),
    ("受理行政复议案件较上年增加8件。", "change"),
    ("行政诉讼败诉率下降3个百分点。", "change"),
    ("法律援助案件任务数为300件。", "target"),
    ("力争行政机关负责人出庭应诉率达到100%。", "target"),
    ("印发《关于规范性文件备案审查的通知》（合府办发〔2023〕3号）。", "document number"),
    ("上线“智慧普法”2.0平台。", "version"),
    ("第三批法治宣传教育基地命名3个。", "ordinal"),
    ("召开县委全面依法治县委员会第二次会议研究法治建设。", "ordinal"),
    ("认真实施“八五”普法规划，落实“七五”普法总结。", "plan name"),
    ("6月30日召开常务会议学法。", "date"),
    ("全省共办理法律援助案件12万件。", "another place"),
    ("全市行政机关负责人出庭应诉率95%。", "another place"),
    ("推行“一次性告知”和“最多跑一次”改革。", "not a count"),
    ("“12345”热线受理群众诉求8765件，办结率99.2%。", "not reconsideration"),
    ("受理各类来信来访47件，已办结46件。", "not reconsideration"),
    ("共承办县人大代表建议和政协委员提案143件。", "a joint total"),
    ("行政执法人员法律知识考试合格率100%。", "not the qualification exam"),
    ("全县法治政府建设满意度位居全市第二。", "a rank"),
    ("收到行政复议案件83件，收到以区政府为被告的行政案件20件，共审结18件。", None),
    ("办理人大代表建议、政协委员提案共计126件。", "a joint total"),
    ("受理行政复议案件、行政诉讼案件共计80件。", "a joint total"),
    ("行政许可事项精简58项。", "a change"),
    ("县政府党组理论学习中心组学法6次。", "neither the party committee nor the executive meeting"),
    ("约谈企业负责人12次，通报批评3次，逾期报备0件。", "negative-list counts are not read from reports"),
    ("惠企政策知晓率95%。", "not the rule-of-law awareness rate"),
]


@pytest.mark.parametrize("sentence,why", NOTHING, ids=[f"never{i}" for i in range(len(NOTHING))])
def test_not_a_value(sentence, why):
    got = found(sentence)
    if why is None:  # the concluded lawsuits are not concluded reconsiderations
        assert "reconsideration_closed" not in got
    else:
        assert got == {}, why


def test_plans_and_problems_are_not_facts():
    text = (
        TITLE + "一、工作成效\n全年受理行政复议案件12件。\n二、存在的问题\n仍有3件行政复议案件超期。\n"
        "三、下一步工作打算\n办理法律援助案件不少于300件，开展法治讲座6次。\n"
    )
    assert found(text[len(TITLE) :]) == {"reconsideration_received": 12}


def test_next_year_paragraph_is_not_a_fact():
    text = "全年开展法治讲座4次。\n2024年，我县将开展法治讲座10次，受理行政复议案件预计60件。\n"
    assert found(text) == {"law_lectures": 4}


def test_parts_of_a_correction_total_are_not_the_total():
    got = found("全年审结行政复议案件38件，其中撤销4件、确认违法2件。")
    assert got == {"reconsideration_closed": 38}


def test_each_count_of_one_sentence_goes_to_its_own_field():
    got = found("全年共受理行政复议案件59起，审结48起，其中纠错10起，调解和解15起，召开听证会7次。")
    assert got == {"reconsideration_received": 59, "reconsideration_closed": 48, "reconsideration_corrected": 10}


def test_full_coverage_only_when_plainly_done():
    assert found("党政主要负责人述法实现全覆盖。") == {"report_on_law_rate": 100}
    assert found("推动党政主要负责人述法实现全覆盖。") == {}
    assert found("党政主要负责人述法尚未实现全覆盖。") == {}
    assert found("政务服务事项实现全覆盖。") == {}


def test_quote_and_offset_point_at_the_number():
    text = TITLE + "全年受理行政复议案件126件，审结118件。"
    [rec, _] = extract_text(text, FIELDS, source="synthetic.txt")
    assert rec.quote == "全年受理行政复议案件126件"
    assert text[rec.offset : rec.offset + 3] == "126"
    assert (rec.unit, rec.year, rec.source) == ("合成县", 2023, "synthetic.txt")


def test_figures_of_another_year_are_not_this_years():
    assert found("2022年受理行政复议案件40件，2023年受理行政复议案件55件。") == {"reconsideration_received": 55}
    assert found("近三年共办理法律援助案件1500件。") == {}
    assert found("对2023年16本行政执法案卷进行了评查。") == {"enforcement_case_files_reviewed": 16}
    assert found("印发《实施方案（2021—2025年）》，全年办理法律援助案件300件。") == {"legal_aid_cases": 300}
