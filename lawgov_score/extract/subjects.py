"""Who a number belongs to: the subject a clause (or its sentence) begins with.

A report states numbers of other bodies beside the unit's own: the level above (市司法局对我县抽查
执法案卷30卷, 市委常委会听取我县…汇报1次, 宁州市中级人民法院…), a township (城关镇人民调解委员会调解纠纷612件,
各街道办事处共清理文件45件), or a body that is not the government (县人大常委会审查备案规范性文件38件,
县人民法院, 县人民检察院).  None of them is the unit's value; a body that is not the government counts
only for a phrasing that names it (法院新收一审行政案件 is litigation, 人大代表建议 is the deputies').

The subject is the start of the number's clause; where that names no one, the start of the nearest
clause before it in the same sentence that does (市司法局组织交叉评查，抽取我区案卷40卷).
"""

from __future__ import annotations

import re

# Words a clause may open with before its subject (全年, 同时 …): skipped when the subject is read.
_OPENERS = re.compile(r"^(?:\s|全年|年内|同时|此外|另外|并|还|先后|累计|其中|[0-9]{4}年(?:度)?(?:以来)?)*")

# Bodies that are not the government: their numbers are read only by a phrasing that names them.
NON_GOVERNMENT = ("人大", "政协", "法院", "检察院", "纪委", "监委")
_NON_GOVERNMENT = re.compile(
    r"^(?:[省市州盟县区旗](?!场))?(?:人民)?(?:人大常委会|人大代表|人大|政协|中级人民法院|法院|检察院|纪委|监委)"
)
# A clause that opens with a verb (or a count) goes on with the subject of the clause before it.
_CONTINUES = re.compile(
    r"^(?:共|累计|分别|其中|并|又|抽取|抽查|评查|审查|审核|受理|收到|新收|审结|办结|办理|调解|调处|化解|清理|开展|组织"
    r"|提出|出具|听取|召开|举办|发出|作出|对|向|\d)"
)
# What follows a place that makes it a body acting (委, 政府, 司法局 …), not a place named in passing.
_BODY = (
    r"(?:委(?!员)|政府|人民政府|行政公署|人大|政协|中级人民法院|人民法院|法院|人民检察院|检察院|司法厅|司法局|级|直|依法治"
    r"|[\u4e00-\u9fff]{1,8}?(?:厅|局)(?=对|组织|抽|在|将|向|下放|交|开展))"
)
# A township or street, named or all of them: 城关镇人民调解委员会, 金河镇, 桐江街道, 巴彦苏木, 各街道办事处.
_TOWNSHIP = re.compile(
    r"^(?:各(?:乡镇|镇|乡|苏木|街道|村)|(?:乡镇|镇街|镇\(街道\)|乡镇\(街道\))(?![\u4e00-\u9fff]*?(?:两级|三级))|(?P<name>[\u4e00-\u9fff]{2,4}?(?:镇|乡|苏木|街道))"
    r"(?=人民|政府|党委|调解|调委|司法所|办事处|综治|便民|调处|化解|受理|办理|开展|清理|评查|共|全年))"
)
_NOT_TOWNSHIPS = ("城乡", "乡村", "城镇", "村镇", "市镇")
# The level above the unit, by the unit's kind (a county's 市, 州 and 盟; a prefecture's 省).
_ABOVE = {
    "县": "省|自治区|市|州|盟|地区",
    "区": "省|自治区|市|州|盟|地区",
    "旗": "省|自治区|市|州|盟|地区",
    "市": "省|自治区|州|盟|地区",
    "州": "省|自治区",
    "盟": "省|自治区",
}
# A place's name does not start with a verb or a function word (办理区人大代表建议, 清理市政府规范性文件).
_NOT_NAME_START = set("全各本我该在对和与及的了为是向从到由以于其每此办承清报受审开组召举出提交经按参依严推深加")
_NAMED = re.compile(rf"^(?P<name>[\u4e00-\u9fff]{{2,4}}?(?:省|自治区|市|州|盟)){_BODY}")
_FUNCTION_WORDS = set("为对在的向和与及从到由以于把被将给")
# Verbs and adverbs a clause opens with before naming a place in passing (邀请市委党校…, 认真办理市人大…).
_VERB_STARTS = (
    "认真",
    "邀请",
    "配合",
    "协助",
    "参加",
    "参与",
    "接受",
    "通过",
    "根据",
    "按照",
    "围绕",
    "结合",
    "落实",
    "主持",
    "召开",
    "组织",
    "办理",
    "清理",
    "报送",
    "承办",
    "审查",
    "审核",
    "受理",
    "开展",
    "提请",
    "完成",
    "推动",
    "积极",
    "及时",
    "全面",
    "严格",
    "深入",
    "持续",
    "集中",
    "梳理",
    "公布",
    "发布",
    "印发",
    "出台",
    "制定",
    "修订",
    "废止",
    "答复",
    "听取",
    "举办",
)


def _place(unit: str) -> str:
    """The place of a unit: 虚州市 of 虚州市市场监督管理局 (a department's report), else the unit."""
    m = re.match(r"[\u4e00-\u9fff]{2,}?(?:自治县|自治旗|自治州|县|区|市|旗|州|盟)", unit)
    return m.group(0) if m and len(m.group(0)) >= 3 else unit


def continues(text: str) -> bool:
    """Whether a clause beginning with ``text`` has no subject of its own (抽取我区案卷40卷, 审结54件)."""
    return bool(_CONTINUES.match(opening(text)))


def opening(text: str) -> str:
    """The clause's text from its subject on (openers such as 全年 or 2024年 skipped)."""
    return text[_OPENERS.match(text).end() :]


def whose(text: str, unit: str | None) -> str | None:
    """Whose number a clause beginning with ``text`` states: 'other' (another government or a
    township), 'body' (a body that is not the government), 'own', or None (no subject named)."""
    head = opening(text)
    if not head:
        return None
    kind = _place(unit)[-1] if unit else ""
    if unit and head.startswith(unit) or (kind and re.match(rf"(?:全|我|本)?{kind}", head)):
        rest = head[len(unit) :] if unit and head.startswith(unit) else head.lstrip("全我本")[1:]
        return "body" if _NON_GOVERNMENT.match(rest) and not rest.startswith("人民政府") else "own"
    above = _ABOVE.get(kind)
    if above and not head.startswith("市场") and re.match(rf"(?:{above}){_BODY}", head):
        return "other"
    m = _NAMED.match(head) if unit else None
    if m and m.group("name")[:2] == unit[:2]:  # 西岭州 of 西岭彝族自治州
        return "own"
    if (
        m
        and m.group("name")[:2] != unit[:2]
        and m.group("name")[0] not in _NOT_NAME_START
        and not m.group("name").startswith(_VERB_STARTS)
        and not _FUNCTION_WORDS & set(m.group("name"))
    ):
        return "other"
    m = _TOWNSHIP.match(head)
    if m and not (m.group("name") and m.group("name").endswith(_NOT_TOWNSHIPS)):
        return "other"
    if _NON_GOVERNMENT.match(head):
        return "body"
    return None


# Levels below the unit: a rate of the townships (乡镇网上可办率) or, in a prefecture's report, of the
# counties (全州县级…网上可办率达97.6%) is not the unit's own rate.  A clause naming two levels or all
# (县、乡两级…均为100%, 各级), or the unit's own level beside the lower one, includes the unit's.
_BELOW_COUNTY = r"乡镇|乡级|镇级|村级|街道|苏木|社区|村\(社区\)"
_BELOW = {
    "州": rf"县级|县\(市\)|县市区|县\(市、区\)|{_BELOW_COUNTY}",
    "盟": rf"旗县|旗\(县|县级|{_BELOW_COUNTY}",
    "市": rf"县级|县\(市、区\)|县市区|{_BELOW_COUNTY}",
}
_ALL_LEVELS = re.compile(r"[两三四五]级|各级|全覆盖")


def below(lead: str, unit: str | None) -> bool:
    """Whether the words leading to a rate name a level below the unit, and not the unit's own."""
    kind = _place(unit)[-1] if unit else ""
    lead = re.sub(r"(?:不含|不包括|除)[^,;。)）]{0,12}", "", lead)  # （不含乡镇）: the level left out is not the scope
    words = _BELOW.get(kind, _BELOW_COUNTY)
    own = rf"{kind}(?:直|级|本级|政府|委)" if kind else None  # 全县17个乡镇和42个县直部门: the whole county
    return bool(re.search(words, lead)) and not _ALL_LEVELS.search(lead) and not (own and re.search(own, lead))
