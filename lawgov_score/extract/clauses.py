"""Clauses that say one thing of several subjects, read as one clause per subject.

Two ways of writing put a number where no phrasing meets it:

- one value for several names: 合法性审核率、备案率均达100% (each rate is 100%);
- several subjects with their counts before one predicate: 召开县委常委会会议3次、县政府常务会议
  8次专题学习法律法规 (the committee studied law 3 times, the executive meeting 8 times).

Each such clause is written out again, once per subject (the sentence's beginning, the subject,
the predicate, the number), on lines after the report's text; the numbers in the clause itself
are blanked in the matching copy, so each number is read once per subject, from its own line.
``Derived`` keeps where each line came from, for quotes, offsets and sections.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .numbers import CN_PERCENT, COUNTED

_ENDS = ",;:。!?\n"
_RATE_NAME = r"(?:率|比|比例|比率)"
# ... names ... (均|双双|继续…)?(为|达|达到…)? (双)N%: the names are split at 、 and 和, and each must be a rate's.
_JOINT = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<names>[^\d{_ENDS}]{{4,60}}?{_RATE_NAME})"
    r"(?P<verb>(?:均|都|皆|全部|双双|继续|始终|持续|一直|同时|连续(?:[一二两三四五六七八九十]|\d{1,2})年){0,2}"
    r"(?:为|达到|达|是|保持在|保持|实现)?了? ?)"
    rf"(?:[“\"]?(?:双|两个|三个|四个))?(?P<num>[约近]?\d+(?:\.\d+)? ?%(?:以上)?|{CN_PERCENT}(?:以上)?)[”\"]?"
    r"(?![、和及与][约近]?\d)",
    re.M,
)
_NAME_SEP = re.compile(r"[、和]")
# subject N件、subject N次 … predicate: two or more subjects, each with its count, then words; the
# predicate may stand in the next clause when it opens with what was done (…9次，集中学习…法律法规).
_ITEM = rf"[^\d{_ENDS}、]{{2,30}}?{COUNTED}"
_DONE = r"(?:专题|集中|先后|共同|分别)?(?:研究|学习|听取|审议|部署|学法)"
_SEVERAL = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<items>{_ITEM}(?:、{_ITEM})+)"
    rf"(?:(?P<pred>[^\d{_ENDS}、]{{2,40}})|,(?P<pred2>{_DONE}[^{_ENDS}]{{0,40}}))(?=[{_ENDS}]|$)",
    re.M,
)
# One meeting with its count, what it did in the next clause: 全年召开4次市委常委会会议，专题研究法治建设工作;
# 召开县委常委会会议3次，研究部署法治政府建设.
_MEETING = r"[^\d{ends}、]{{2,30}}?(?:会议|会)".format(ends=_ENDS)
_ONE = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<lead>[^\d{_ENDS}、]{{0,10}}?召开)"
    rf"(?:(?P<n1>{COUNTED})(?P<who1>{_MEETING})|(?P<who2>{_MEETING})(?P<n2>{COUNTED})),"
    rf"(?P<pred>{_DONE}[^\d{_ENDS}]{{0,40}})(?=[{_ENDS}]|$)",
    re.M,
)
# The same with each count before its meeting: 召开3次县委常委会会议、11次县政府常务会议开展学法.
_SEVERAL_BEFORE = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<lead>[^\d{_ENDS}、]{{0,10}}?)(?P<items>{COUNTED}{_MEETING}(?:、{COUNTED}{_MEETING})+)"
    rf"(?P<pred>[^\d{_ENDS}、]{{2,40}})(?=[{_ENDS}]|$)",
    re.M,
)
# Several bodies, one count for each (各): 县委常委会会议、县政府常务会议各专题学法3次; 召开…常委会会议、…常务会议
# 学法各3次 (the predicate before 各 is said of every body).
_EACH = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<names>[^\d{_ENDS}各均]{{4,80}}?)[各均](?P<pred>[^\d{_ENDS}各均]{{0,30}}?)(?P<num>{COUNTED})"
    rf"(?=[{_ENDS}]|$)",
    re.M,
)
# Several subjects, then 分别, what they did, and their numbers in the same order:
# 市委常委会、市政府常务会议分别开展集中学法4次和12次 (分别为/达 … without a verb are paired in ``document``).
_RESPECTIVE = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<names>[^\d{_ENDS}]{{4,80}}?)分别(?P<pred>[^\d{_ENDS}]{{1,20}}?)"
    rf"(?P<nums>{COUNTED}(?:[、和及与]{COUNTED})+)(?=[{_ENDS}]|$)",
    re.M,
)
# The same with the subjects in the clause before: 旗委常委会会议、旗政府常务会议均开展会前学法，全年分别学法5次、14次.
_RESPECTIVE_NEXT = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<names>[^\d{_ENDS}]{{4,80}}?),[^\d{_ENDS}分]{{0,8}}?分别(?P<pred>[^\d{_ENDS}]{{1,20}}?)"
    rf"(?P<nums>{COUNTED}(?:[、和及与]{COUNTED})+)(?=[{_ENDS}]|$)",
    re.M,
)
# The same without 分别: several names, then as many numbers (县委常委会会议、县政府常务会议学法4次、12次;
# 网上可办率、全程网办率达到98.5%、85%; 县司法局、县法律援助中心办理…120件、80件 shares one field's count out).
_IMPLICIT_RESPECTIVE = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<names>[^\d{_ENDS}]{{2,60}}?[、和及与][^\d{_ENDS}]{{2,60}}?)(?P<pred>)"
    rf"(?P<nums>{COUNTED}(?:[、和]{COUNTED})+)(?=[{_ENDS}]|$)",
    re.M,
)
_LIST_SEP = r"[、和及与]"
_KIND_COUNT = rf"[^\d{_ENDS}、]{{2,12}}?(?:为|有)?{COUNTED}"
# A total of several kinds, then the part of one of them: 审核规范性文件和重大行政决策共42件，其中规范性文件17件
# (the documents reviewed are 17: the part is restated with the total's words up to its kind).
_NAMED_PART = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<total>[^\d{_ENDS}]{{4,60}}?)(?:共计|合计|共)?{COUNTED}[,;]其中"
    rf"(?P<parts>{_KIND_COUNT}(?:、{_KIND_COUNT})*)(?=[{_ENDS}]|$)",
    re.M,
)
# A total of several kinds, then 分别 with each kind's count in the next clause: 办理人大代表建议、政协提案138件，
# 分别为63件、75件.
_TOTAL_RESPECTIVE = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<total>[^\d{_ENDS}]{{4,60}}?)(?:共计|合计|共)?{COUNTED},分别(?:为|是|有)?"
    rf"(?P<nums>{COUNTED}(?:{_LIST_SEP}{COUNTED})+)(?=[{_ENDS}]|$)",
    re.M,
)
# A part said with its count first: 审核各类文件89件，其中21件为规范性文件.
_COUNT_FIRST_PART = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<total>[^\d{_ENDS}]{{4,60}}?)(?:共计|合计|共)?{COUNTED},其中"
    rf"(?P<num>{COUNTED})(?:为|是|属于)(?P<kind>[^\d{_ENDS}、]{{2,12}})(?=[{_ENDS}]|$)",
    re.M,
)

# where a body's name ends and what is said of it begins: 县政府常务会议|学法
_BODY_END = re.compile(r"^(?P<who>.*(?:会议|常委会|常务会|中心组|党组|委员会))(?P<rest>.*)$")


# A rate of one level, then another level's in the next clause without the rate's name:
# 全州县级政务服务事项网上可办率达97.6%，州本级达99.3% (州本级政务服务事项网上可办率达99.3%).
_LEVEL_RATE = r"\d+(?:\.\d+)? ?%"
_NEXT_LEVEL = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<first>[^\d{_ENDS}]{{2,60}}?{_RATE_NAME})"
    rf"(?:均|都)?(?:为|达到|达|是)?了? ?{_LEVEL_RATE}(?:以上)?,"
    rf"(?P<level>[^\d{_ENDS}、]{{1,8}}?(?:本级|级))(?P<verb>为|达到|达|是)?(?P<num>{_LEVEL_RATE})",
    re.M,
)


# The bodies whose meetings a clause may list; a count in such a list that names no body in its
# phrasing (专题研究法治建设) is the party committee's (常委会), never another body's.
BODIES = ("常委会", "常务会", "中心组", "委员会", "党组")


@dataclass(frozen=True)
class Derived:
    """A line written after the report: its span in the matching copy, and the clause of the
    report it restates."""

    start: int
    end: int
    origin: tuple[int, int]
    body: str = ""  # the body whose count the line states, where the clause lists meetings of several
    named_part: bool = False  # the line states the part of a total of several kinds that is the field's kind


def _joint(m: re.Match) -> list[tuple[str, int, int]] | None:
    """(line text, where its number starts in the line, where it stands in the report) for each
    name of a 均 clause, or None when the names are not all rates."""
    names = _NAME_SEP.split(m.group("names"))
    # 合法性审核、备案率均为100%: the last name's 率 is said once for all of them
    last = re.search(rf"{_RATE_NAME}$", names[-1])
    if last and len(names) > 1 and all(len(x) >= 2 and not re.search(_RATE_NAME, x) for x in names[:-1]):
        names = [x + last.group(0) for x in names[:-1]] + names[-1:]
    if len(names) < 2 or not all(re.search(rf"{_RATE_NAME}$", x) and len(x) >= 2 for x in names):
        return None
    out = []
    for i, name in enumerate(names):
        # the first name carries the clause's beginning (规范性文件…); a later one is said after it
        head = names[0] if i == 0 else names[0] + "、" + name
        out.append((head + m.group("verb"), m.group("num"), m.start("num")))
    return out


def _several(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The same for a clause of several subjects, each with its count, before one predicate."""
    items = list(re.finditer(rf"(?P<who>[^\d{_ENDS}、]{{2,30}}?)(?P<n>{COUNTED})", m.group("items")))
    if len(items) < 2:
        return None
    base = m.start("items")
    # …9次，学习法律法规20部: what was done may have its own count, which is not the meetings'
    pred = m.group("pred") or re.sub(COUNTED, "", m.group("pred2"))
    return [(x.group("who") + pred, x.group("n"), base + x.start("n")) for x in items]


def _several_before(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The same where each count stands before its meeting."""
    items = list(re.finditer(rf"(?P<n>{COUNTED})(?P<who>{_MEETING})(?=、|$)", m.group("items")))
    if len(items) < 2:
        return None
    base = m.start("items")
    return [(m.group("lead") + x.group("who") + m.group("pred"), x.group("n"), base + x.start("n")) for x in items]


def _one(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The same for one meeting whose count stands before what it did (召开4次常委会会议，专题研究…)."""
    k = "1" if m.group("n1") else "2"
    return [(m.group("lead") + m.group(f"who{k}") + m.group("pred"), m.group(f"n{k}"), m.start(f"n{k}"))]


# 各 that opens a noun (各类, 各级, 各项 …) is no "each of the subjects"
_NOT_EACH = set("类级项种地界部乡镇街村单族县区市旗")


# a level of government or of the area: 县、乡、村三级…分别为…; 县本级和乡镇分别…
_LEVEL = r"(?:[省市州盟县区旗乡镇村](?:级|本级)?|乡镇|镇街|社区|街道|苏木|嘎查)"


def _levels(m: re.Match) -> bool:
    """Whether the subjects of a 分别 clause are levels (县、乡、村三级调解组织…分别为120件、980件、1500件): each
    level's count is a part, and the unit's total is not stated."""
    names = re.split(_LIST_SEP, m.group("names"))
    return (
        "%" not in m.group(0)  # a rate of each level: the unit's own level's is its rate (``subjects.below``)
        and len(names) >= 2
        and all(re.fullmatch(_LEVEL, x) for x in names[:-1])
        and bool(re.fullmatch(_LEVEL, names[-1]) or re.match(rf"{_LEVEL}[两三四五]级", names[-1]))
    )


def _shared_out(m: re.Match) -> bool:
    """Whether a 各 or 分别 clause names several subjects (县司法局、县法律援助中心分别…120件、80件; 县法院、县检察院
    各…10件) whose counts the clause shares out, so that no one number is the unit's."""
    if "分别" in m.group(0) and _levels(m):
        return True
    names = [x for x in re.split(_LIST_SEP, m.group("names")) if len(x) >= 2]
    after = m.string[m.start("pred") - 1 : m.start("pred") + 1]
    if after[0] == "均":  # 均 of meetings is read per meeting (``_each``); of anything else it shares nothing out
        return False
    return len(names) >= 2 and not (after[0] == "各" and after[1:] in _NOT_EACH)


def _numbers(m: re.Match) -> list[int]:
    """Where the digits of a clause's counts stand."""
    group = "nums" if "nums" in m.re.groupindex else "num"
    return [m.start(group) + i for i, c in enumerate(m.group(group)) if c.isdigit() or c == "."]


def _each(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The same for bodies with one count each (各): only where every name is a meeting body, so that
    the count is each body's and no other reading of 各 (各乡镇, 各部门) is taken."""
    if "每" in m.group(0):  # 每季度各学法1次: how often, not how many times in the year
        return None
    names = re.split(_LIST_SEP, m.group("names"))
    pred = m.group("pred")
    if not pred:  # …常务会议学法各3次: the words after the last body are the predicate
        last = _BODY_END.match(names[-1])
        if last is None or not last.group("rest"):
            return None
        names[-1], pred = last.group("who"), last.group("rest")
    if len(names) < 2 or not all(len(x) >= 2 and _body(x) for x in names):
        return None
    return [(x + pred, m.group("num"), m.start("num")) for x in names]


def meetings_with_predicate(names: list[str]) -> tuple[list[str], str] | None:
    """Several meeting bodies whose last name runs on into what they did (县政府常务会议、县委常委会会议学法):
    the names and the predicate said of each; None where a name is not a meeting body's."""
    if len(names) < 2 or not all(len(x) >= 2 and _body(x) for x in names):
        return None
    last = _BODY_END.match(names[-1])
    return (names[:-1] + [last.group("who")], last.group("rest")) if last else (names, "")


# a name that ends like an office or an organ names who did it, not what was counted
_AGENT = re.compile(r"(?:局|中心|院|委|政府|办|所|站|队|部门|机关|庭|组织|办公室|公署|顾问|律师)$")


def _respective(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The same for 分别 with a verb: the i-th meeting, rate or kind with the verb and the i-th number;
    nothing where a subject is an office that is not one of several meetings (县司法局、县法律援助中心分别
    办理…: two bodies' counts of one field, neither the unit's) or the names and numbers do not pair up."""
    if _levels(m):
        return None  # no one level's count is the unit's (``_shared_out``)
    names = re.split(_LIST_SEP, m.group("names"))
    if not any(_AGENT.search(x) for x in names[:-1]):  # offices are not kinds of a noun (县司法局、县…中心办理…案件)
        names = verbs_sharing_a_noun(names) or kinds_sharing_a_noun(names) or names
    listed = meetings_with_predicate(names)
    if listed is None and not any(_AGENT.search(x) for x in names):
        listed = (names, "")  # kinds or rates: 网上可办率和全程网办率分别提升至98.5%、85%
    nums = list(re.finditer(COUNTED, m.group("nums")))
    if listed is None or len(listed[0]) != len(nums) or any(len(x) < 2 for x in listed[0]):
        return None
    names, pred = listed[0], listed[1] + m.group("pred")
    base = m.start("nums")
    return [(x + pred, n.group(0), base + n.start()) for x, n in zip(names, nums)]


_STAGE = r"(?:受理|收到|新收|审结|办结|结案|纠错|审核|审查|备案|报备|清理|调解|化解|排查|办理|答复|办复)"


def verbs_sharing_a_noun(items: list[str]) -> list[str] | None:
    """Stages listed before one noun (受理、审结行政复议案件分别为56件、50件: 受理行政复议案件, 审结行政复议案件), each
    with the noun; None where the items are not such a list."""
    if len(items) < 2 or not all(re.fullmatch(_STAGE, x) for x in items[:-1]):
        return None
    last = re.match(rf"^(?:{_STAGE})+(?P<noun>.{{2,}})$", items[-1])
    return [x + last.group("noun") for x in items[:-1]] + [items[-1]] if last else None


_HEAD_NOUN = r"(?:案件|文件|案卷|事项|纠纷|申请)"


def kinds_sharing_a_noun(items: list[str]) -> list[str] | None:
    """Kinds listed before one head noun (行政复议、行政诉讼案件分别为56件、38件: 行政复议案件, 行政诉讼案件), each with
    the noun; None where the items are not such a list."""
    if len(items) < 2 or not all(2 <= len(x) <= 6 and not re.search(rf"{_HEAD_NOUN}$", x) for x in items[:-1]):
        return None
    last = re.search(rf"{_HEAD_NOUN}$", items[-1])
    if last is None or len(items[-1]) <= len(last.group(0)) + 1:
        return None
    return [x + last.group(0) for x in items[:-1]] + [items[-1]]


# Stages listed before one noun, then a count for each (or 各 one count for all): 县行政复议局受理、审结行政复议
# 案件56件、50件; 分别受理、审结…56件、50件; 受理、办结行政复议案件各45件.
_STAGES = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<lead>[^\d{_ENDS}、]{{0,30}}?)(?P<names>{_STAGE}(?:{_LIST_SEP}{_STAGE})+[^\d{_ENDS}、]{{2,30}}?)"
    rf"(?:各(?P<each>{COUNTED})|(?:分别为|分别是|分别)?(?P<nums>{COUNTED}(?:{_LIST_SEP}{COUNTED})+))(?=[{_ENDS}]|$)",
    re.M,
)
# Two stages of one count (并): 县司法局审核并备案规范性文件12件; 受理并审结行政复议案件45件.
_BOTH_STAGES = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<lead>[^\d{_ENDS}、]{{0,30}}?)(?P<names>{_STAGE}并{_STAGE}[^\d{_ENDS}、]{{2,30}}?)"
    rf"(?P<each>{COUNTED})(?=[{_ENDS}]|$)",
    re.M,
)


def _stages(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The same for stages that share one noun: each stage with the noun and its own count (or the one count of
    both, 各 or 并)."""
    names = verbs_sharing_a_noun(re.split(rf"{_LIST_SEP}|并", m.group("names")))
    if names is None:
        return None
    lead = m.group("lead").removesuffix("分别")
    if m.group("each"):
        return [(lead + x, m.group("each"), m.start("each")) for x in names]
    nums = list(re.finditer(COUNTED, m.group("nums")))
    if len(nums) != len(names):
        return None
    return [(lead + x, n.group(0), m.start("nums") + n.start()) for x, n in zip(names, nums)]


def _respective_next(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The same for 分别 whose subjects, several meetings, stand in the clause before."""
    names = re.split(_LIST_SEP, m.group("names"))
    if meetings_with_predicate(names) is None:
        return None
    return _respective(m)


def _named_part(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The same for the parts of a total of several kinds that name one of them each: only a part
    whose kind is one of the total's joined kinds (规范性文件 in 规范性文件和重大行政决策); said with the
    total's words before its list of kinds (办理…建议和…提案共148件，其中…建议64件、…提案84件)."""
    total = m.group("total")
    found = []  # (where the kind stands in the total, the kind, the number, where the number stands)
    items = re.finditer(rf"(?P<kind>[^\d{_ENDS}、]{{2,12}}?)(?:为|有)?(?P<num>{COUNTED})", m.group("parts"))
    for item in items:
        kind = item.group("kind")
        for k in (x.start() for x in re.finditer(re.escape(kind), total)):
            after, before = total[k + len(kind) : k + len(kind) + 1], total[k - 1 : k] if k else ""
            # the kind starts or ends an item of the list (the last item ends the total: …建议、政协提案共186件)
            last = not after and re.search(_LIST_SEP, total)
            if re.fullmatch(_LIST_SEP, after or "-") or re.fullmatch(_LIST_SEP, before or "-") or last:
                found.append((k, kind, item.group("num"), m.start("parts") + item.start("num")))
                break
    if not found:
        return None
    lead, chunks = _kinds_listed(total)
    return [(lead + _item(chunks, k, kind), num, at) for k, kind, num, at in found]


def _total_respective(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The same for a total's kinds paired with the numbers of the 分别 clause after it."""
    total = m.group("total")
    if not re.search(_LIST_SEP, total):
        return None
    lead, chunks = _kinds_listed(total)
    nums = list(re.finditer(COUNTED, m.group("nums")))
    if len(nums) != len(chunks) or any(len(text) < 2 for _, text in chunks):
        return None
    return [(lead + text, n.group(0), m.start("nums") + n.start()) for (_, text), n in zip(chunks, nums)]


def _count_first_part(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The same for a part said with its count first (其中21件为规范性文件): restated as the kind with its count."""
    verb = _LEAD_VERB.match(m.group("total"))
    kind = m.group("kind")
    if verb is None:
        return None
    return [((kind if _LEAD_VERB.match(kind) else verb.group(0) + kind), m.group("num"), m.start("num"))]


def _collective_part(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The parts of a total of every kind (审核各类文件89件，其中规范性文件21件): each part with what was done to the
    total (审核规范性文件21件); a total of one kind or without its verb gives none."""
    total = m.group("total")
    verb = _LEAD_VERB.match(total)
    if not re.search(r"各类|各项|等", total) or re.search(_LIST_SEP, total) or verb is None:
        return None
    out = []
    for item in re.finditer(rf"(?P<kind>[^\d{_ENDS}、]{{2,12}}?)(?:为|有)?(?P<num>{COUNTED})", m.group("parts")):
        kind = item.group("kind")
        out.append(
            (
                (kind if _LEAD_VERB.match(kind) else verb.group(0) + kind),
                item.group("num"),
                m.start("parts") + item.start("num"),
            )
        )
    return out or None


# the last verb before a list of kinds: what the total says was done to each of them
_LEAD_VERB = re.compile(
    r".*(?:审核|审查|办理|承办|办复|答复|清理|评查|抽查|受理|办结|审结|出具|制定|出台|印发|报备|备案|公开|调解|调处|化解"
    r"|排查|举办|开展|组织|收到|新收|提出|提供)"
)


def _kinds_listed(total: str) -> tuple[str, list[tuple[int, str]]]:
    """The words of a total before its list of kinds (县司法局审查 of 县司法局审查县政府合同协议和规范性文件) and the
    list's items with where each starts in the total, so that a part is restated with its own item
    alone (县司法局审查规范性文件), not after the kinds listed before it."""
    starts = [0] + [m.end() for m in re.finditer(_LIST_SEP, total)]
    chunks = [
        (a, total[a : b - 1 if i + 1 < len(starts) else None])
        for i, (a, b) in enumerate(zip(starts, starts[1:] + [len(total) + 1]))
    ]
    verb = _LEAD_VERB.match(chunks[0][1])
    lead = chunks[0][1][: verb.end()] if verb else ""
    chunks[0] = (len(lead), chunks[0][1][len(lead) :])
    return lead, chunks


def _item(chunks: list[tuple[int, str]], k: int, kind: str) -> str:
    """The listed item of the total that holds the part's kind at ``k`` (人大代表建议 for 建议)."""
    for a, text in reversed(chunks):
        if a <= k and kind in text:
            return text
    return kind


def _next_level(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The second level's rate said with the first one's name."""
    name = m.group("first").rsplit("级", 1)[-1]
    if len(name) < 2:
        return None
    return [(m.group("level") + name + (m.group("verb") or "为"), m.group("num"), m.start("num"))]


def _body(who: str) -> str:
    """The meeting body a restated line is about (常委会, 常务会 …), '' for none."""
    return next((b for b in BODIES if b in who), "")


def distribute(n: str, moved: dict[int, int]) -> tuple[str, list[Derived]]:
    """The matching copy with a line per subject of each such clause appended (the clause's own
    numbers blanked), and where each line came from.  ``moved`` gains each restated number's
    place in the report."""
    chars = list(n)
    # text, number's place, in the report, origin, body, a named part
    lines: list[tuple[str, int, int, tuple[int, int], str, bool]] = []
    found: dict[re.Pattern, list[re.Match]] = {}  # a regex read twice (_NAMED_PART) scans the text once
    for rx, split in (
        (_JOINT, _joint),
        (_STAGES, _stages),
        (_BOTH_STAGES, _stages),
        (_SEVERAL, _several),
        (_SEVERAL_BEFORE, _several_before),
        (_EACH, _each),
        (_RESPECTIVE, _respective),
        (_RESPECTIVE_NEXT, _respective_next),
        (_IMPLICIT_RESPECTIVE, _respective),
        (_NAMED_PART, _named_part),
        (_NAMED_PART, _collective_part),
        (_TOTAL_RESPECTIVE, _total_respective),
        (_COUNT_FIRST_PART, _count_first_part),
        (_ONE, _one),
        (_NEXT_LEVEL, _next_level),
    ):
        if rx not in found:
            found[rx] = list(rx.finditer(n))
        for m in found[rx]:
            parts = split(m)
            if parts is None and rx in (_EACH, _RESPECTIVE, _IMPLICIT_RESPECTIVE) and _shared_out(m):
                for k in _numbers(m):  # several subjects' counts that are not read per subject: none is the unit's
                    chars[k] = " "
            if parts is None or any(chars[at] == " " for _, _, at in parts):
                continue
            sentence = max(n.rfind(c, 0, m.start()) for c in "。!?\n") + 1
            prefix = n[sentence : m.start()]
            bodies = [_body(head) for head, _, _ in parts]
            several = len(parts) > 1 and all(bodies)
            for (head, num, at), body in zip(parts, bodies):
                text = prefix + head.replace(",", "")
                lines.append(
                    (text + num, len(text), at, (sentence, m.end()), body if several else "", rx is _NAMED_PART)
                )
            if split is _collective_part:
                continue  # the part stays readable where it stands (其中…规范性文件…N件 of the files cleaned)
            for _, num, at in parts:
                chars[at : at + len(num)] = re.sub(r"[\d.]", " ", num)
    out = "".join(chars)
    derived: list[Derived] = []
    for text, k, at, origin, body, named_part in lines:
        start = len(out) + 1
        out += "\n" + text
        moved[start + k] = moved.get(at, at)
        derived.append(Derived(start, start + len(text), origin, body, named_part))
    return out, derived


def line_of(derived: list[Derived], pos: int, starts: list[int] | None = None) -> Derived | None:
    """The line around ``pos`` that restates a clause (None: not such a line).  ``starts``: the lines'
    starts, where the caller keeps them (a long report asks for thousands of numbers' lines)."""
    i = bisect_right(starts if starts is not None else [d.start for d in derived], pos) - 1
    return derived[i] if i >= 0 and pos <= derived[i].end else None


def origin_of(derived: list[Derived], pos: int, starts: list[int] | None = None) -> tuple[int, int] | None:
    """The clause of the report that the line around ``pos`` restates (None: not such a line)."""
    line = line_of(derived, pos, starts)
    return line.origin if line else None
