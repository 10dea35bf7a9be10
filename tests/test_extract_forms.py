"""Number forms and phrasings of the fourth development set (tests/data/dev-r6f): percents said in
words, 逾/超过, Chinese numerals in a clause's words, page footers between hard-wrapped lines, the court's
count beside the unit's own, and 审查率 — each with the readings it must not take."""

from extract_figures import overall as set_figures

from lawgov_score.extract import extract_text, field_dictionary
from lawgov_score.extract.sources import unwrap

FIELDS = field_dictionary()[0]
TITLE = "梅岭县2023年法治政府建设工作报告\n"


def records(sentence: str, title: str = TITLE) -> list:
    return extract_text(title + sentence, FIELDS, source="synthetic.txt")


def found(sentence: str) -> dict:
    return {r.field: r.value for r in records(sentence)}


def qualified(sentence: str) -> dict:
    return {r.field: (r.value, r.qualifier) for r in records(sentence)}


# --- percents said in words -----------------------------------------------------------------------


def test_a_percent_said_in_words_is_read():
    assert found("主要负责人述法率百分之百。") == {"report_on_law_rate": 100}
    assert found("调处成功率达百分之九十八点五。") == {"mediation_success_rate": 98.5}
    assert found("行政诉讼败诉率百分之七点三。") == {"litigation_loss_rate": 7.3}
    assert found("承诺时限压缩比百分之六十八。") == {"time_limit_compression_rate": 68}
    assert qualified("网上可办率达到百分之九十九以上。") == {"online_service_rate": (99, "lower_bound")}


def test_one_value_said_in_words_for_several_rates():
    assert found("规范性文件审查率和报备率均达百分之百。") == {
        "normative_docs_review_rate": 100,
        "normative_docs_filing_rate": 100,
    }


def test_a_percent_said_in_words_is_no_value_where_a_digit_would_be_none():
    assert found("网上可办率同比提高百分之五。") == {}
    assert found("力争网上可办率达到百分之九十五。") == {}
    assert found("百分之百的乡镇建立了法律顾问制度。") == {}
    # the earlier state of 由…至 is not read; the state reached is
    assert found("网上可办率由百分之九十提升至百分之九十八点五。") == {"online_service_rate": 98.5}


# --- qualifiers -----------------------------------------------------------------------------------


def test_yu_and_chaoguo_give_a_lower_bound_and_jin_an_estimate():
    assert qualified("县政府法律顾问全年提供法律意见逾500条。") == {"legal_advisor_opinions": (500, "lower_bound")}
    assert qualified("全县调解纠纷超过4,000件。") == {"mediation_cases": (4000, "lower_bound")}
    assert qualified("县政府常务会议学法超过十次。") == {"exec_meeting_law_study": (10, "lower_bound")}
    assert qualified("清理规范性文件近200件。") == {"normative_docs_cleaned": (200, "approx")}
    assert qualified("开展普法宣传活动两百余场次。") == {"legal_publicity_events": (200, "lower_bound")}
    assert qualified("开展普法宣传活动百余场次。") == {"legal_publicity_events": (100, "lower_bound")}
    assert qualified("开展普法宣传活动近百场。") == {"legal_publicity_events": (100, "approx")}
    assert qualified("开展普法宣传活动逾百场次。") == {"legal_publicity_events": (100, "lower_bound")}
    assert qualified("主动公开政府信息三万余条。") == {"info_disclosed": (30000, "lower_bound")}
    # a hundred said alone without 余 is a name (百日行动), and 一万二千 is not read
    assert found("开展“百日行动”宣传活动百场。") == {}
    assert found("主动公开政府信息一万二千条。") == {}


# --- Chinese numerals as numbers in a clause's words ----------------------------------------------


def test_the_words_after_a_chinese_numeral_are_the_next_items():
    # as with 39件、政协提案44件: 人大 before 三十九件 is not in the proposals' words
    assert found("办理人大代表建议三十九件、政协提案四十四件。") == {
        "npc_suggestions_handled": 39,
        "cppcc_proposals_handled": 44,
    }


def test_clauses_of_several_counts_said_in_words_are_read_as_in_digits():
    assert found("办理人大代表建议和政协提案分别为四十六件、五十八件。") == {
        "npc_suggestions_handled": 46,
        "cppcc_proposals_handled": 58,
    }
    study = {"party_committee_law_study": 4, "exec_meeting_law_study": 12}
    assert found("县委常委会会议、县政府常务会议分别开展会前学法四次、十二次。") == study
    assert found("召开县委常委会会议四次、县政府常务会议十二次，集中学习法律法规。") == study
    assert found("县委常委会会议、县政府常务会议各专题学法三次。") == {
        "party_committee_law_study": 3,
        "exec_meeting_law_study": 3,
    }
    assert found("规范性文件合法性审核率、备案率均为百分之百。") == {
        "normative_docs_review_rate": 100,
        "normative_docs_filing_rate": 100,
    }


# --- page footers between hard-wrapped lines ------------------------------------------------------


WRAPPED = (
    "　　全年审查县政府行政规范性文件２８件，规范性文件合法性审查率１\n"
    "—3—\n"
    "００％；按要求向市政府和县人大常委会报送备案２８件，报送备案率１\n"
    "第2页 共6页\n"
    "００％。清理规范性文件１３５件。法律顾问出具法律意见２６０余条。\n"
    "　　办理人大代表建议１１２件，政协提案９６件。主动公开政府信息３\n"
    "- 5 -\n"
    "，６１０条。开展普法宣传活动４２０余场次，覆盖群众十万余人次。\n"
)


def test_footers_between_wrapped_lines_are_dropped_and_the_lines_joined():
    text = unwrap(WRAPPED)
    assert "—3—" not in text and "第2页" not in text and "- 5 -" not in text
    assert "合法性审查率１００％；" in text and "政府信息３，６１０条" in text
    got = found(text)
    assert got["normative_docs_filing_rate"] == 100 and got["normative_docs_review_rate"] == 100
    assert got["info_disclosed"] == 3610


def test_a_footer_inside_a_paragraph_of_unwrapped_text_joins_its_halves():
    text = "一、概况\n县政府共收到行政复议申请108件，受理\n— 2 —\n97件。\n二、下一部分\n"
    assert unwrap(text) == "一、概况\n县政府共收到行政复议申请108件，受理97件。\n二、下一部分\n"
    # blank lines around the footer, as a PDF's copy has them
    spaced = "一、概况\n县政府共收到行政复议申请108件，受理\n\n— 2 —\n\n97件。\n"
    assert unwrap(spaced) == "一、概况\n县政府共收到行政复议申请108件，受理97件。\n"
    # a paragraph that ended before the footer stays apart from the next
    ended = "县政府共收到行政复议申请108件。\n\n第2页\n\n二、下一部分\n"
    assert unwrap(ended) == "县政府共收到行政复议申请108件。\n\n二、下一部分\n"
    # whatever the widths, a line that ends inside a number goes on in the next
    broken = "一、概况\n县政府共收到行政复议申请108件，受理9\n7件，审结90件。\n2024\n年度\n"
    assert unwrap(broken) == "一、概况\n县政府共收到行政复议申请108件，受理97件，审结90件。\n2024\n年度\n"
    # rows of a table saved as text are no broken lines, whatever their widths
    table = "序号\t项目\t数量\n1\t受理行政复议案件\t45\n2\t审结行政复议案件\t40\n"
    assert unwrap(table) == table
    # a bare number on its own line is not taken for a footer
    assert unwrap("甲\n12\n乙") == "甲\n12\n乙"


# --- the court's wording and the unit's own -------------------------------------------------------


def test_the_units_own_count_is_preferred_to_the_courts_wherever_it_stands():
    court_first = "县人民法院受理一审行政案件71件。全县行政机关办理行政应诉案件64件。"
    own_first = "全县行政应诉案件64件。县人民法院审结一审行政案件71件，其中调解撤诉12件。"
    assert found(court_first)["litigation_cases"] == 64
    assert found(own_first)["litigation_cases"] == 64


def test_the_courts_count_stands_in_where_the_unit_gives_none():
    assert found("县法院新收一审行政案件３９件，审结３６件。")["litigation_cases"] == 39
    assert found("县人民法院受理以县政府及其部门为被告的一审行政诉讼案件５２件。")["litigation_cases"] == 52
    # the court's enforcement, appeal and mediation counts are no suits against the unit
    assert "litigation_cases" not in found(
        "县人民法院办理行政非诉执行案件40件，二审行政案件19件，诉前调解行政争议12件。"
    )


def test_the_unit_defended_cases_said_with_beisu_and_the_court_closing_with_shenli_zhongjie():
    assert found("县政府被诉行政案件17件，败诉2件。") == {"litigation_cases": 17}
    assert found("行政复议申请受理98件，审理终结90件。") == {
        "reconsideration_received": 98,
        "reconsideration_closed": 90,
    }


def test_parts_of_the_cases_and_the_courts_settling_are_no_totals():
    assert found("行政复议案件中，调解和解结案12件。") == {}
    assert found("行政复议案件听证审理8件。") == {}
    assert found("县人民法院开展行政争议实质性化解，协调化解行政案件21件。") == {}
    assert found("规范性文件备案审查纠错5件。") == {}


# --- rate names -----------------------------------------------------------------------------------


def test_shencha_lv_of_normative_documents_is_the_review_rate():
    assert found("规范性文件审查率100%。") == {"normative_docs_review_rate": 100}
    assert (
        found("全年审查县政府行政规范性文件２８件，规范性文件合法性审查率１００％。")["normative_docs_review_rate"]
        == 100
    )
    # the rate of filed documents examined, and fair-competition review, are other rates
    assert found("规范性文件备案审查率100%。") == {}
    assert found("规范性文件公平竞争审查率100%。") == {}


def test_a_rate_said_before_what_was_done():
    assert found("行政机关负责人100%出庭应诉。") == {"court_appearance_rate": 100}
    assert found("规范性文件100%经过合法性审核。") == {"normative_docs_review_rate": 100}
    assert found("规范性文件100%报备。") == {"normative_docs_filing_rate": 100}
    assert found("党政主要负责人100%述法。") == {"report_on_law_rate": 100}
    assert found("政务服务事项100%实现网上可办。") == {"online_service_rate": 100}
    # a count, a narrower rate and the principal leader's own appearance are not these rates
    assert found("规范性文件100件均经合法性审核。").get("normative_docs_review_rate") is None
    assert found("全县98%的政务服务事项实现全程网上可办。") == {}
    assert found("行政机关主要负责人100%出庭应诉。") == {}


# --- explain --------------------------------------------------------------------------------------


def _why(sentence: str, field: str) -> list[str]:
    return [key for key, _ in next(r for r in records(sentence) if r.field == field).why]


def test_explain_says_how_the_number_was_written_and_which_rule_took_it():
    assert "extract.why.written" in _why("调处成功率达百分之九十八点五。", "mediation_success_rate")
    assert "extract.why.written" in _why("开展普法宣传活动４２０余场次。", "legal_publicity_events")
    assert "extract.why.written" not in _why("开展普法宣传活动420场次。", "legal_publicity_events")
    assert "extract.why.over" in _why("开展普法活动逾300场次。", "legal_publicity_events")
    assert "extract.why.stand_in" in _why("县法院新收一审行政案件39件。", "litigation_cases")
    assert "extract.why.stand_in" not in _why("全县行政应诉案件64件。县法院受理一审行政案件71件。", "litigation_cases")


# --- the set the rules were written against -------------------------------------------------------


def test_fourth_development_set_figures():
    """Tuned on: says how the tuning went, not how the next report reads."""
    overall = set_figures("dev-r6f", "synthetic-dev-r6f-gold.csv")
    assert overall["precision"] == 1.0 and overall["recall"] == 1.0, overall


def test_fourth_own_heldout_set_keeps_its_measured_figures():
    """Measured once, after the rules were final (1.000 / 0.920; 0.957 / 0.770 before): a guard
    against losing it, not a target that was tuned to."""
    overall = set_figures("own-heldout-r6f", "synthetic-own-heldout-r6f-gold.csv")
    assert overall["precision"] == 1.0 and overall["correct"] >= 80, overall  # 80 of 87
