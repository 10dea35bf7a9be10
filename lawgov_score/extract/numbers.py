"""Numbers as annual reports write them, and the numbers that are never a value.

The text is matched in a normalised copy (full-width forms made half-width, one character for
one, so offsets stay those of the report).  A number is found only with its counting word
(件、次、场次、% …): a bare number is a date, a version or a name more often than a count.
Turning the matched text into a value (万, 余/多/以上, 约/近, %) is done by ``data.values.parse``,
the same parser that reads indicator files; only Chinese numerals (三次) are converted here.

The exclusion rules (dates, document numbers, versions, ordinals, plan names, changes, targets,
figures about other places) are about how numbers are written in Chinese, not about any field,
so they live here rather than in the field dictionary.
"""

from __future__ import annotations

import re

# --- normalising ------------------------------------------------------------------------------

_HALF = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " ", "﹪": "%", "\u00a0": " "}
_HALF_TABLE = str.maketrans(_HALF)


def normalise(text: str) -> str:
    """Full-width letters, digits and punctuation → half-width; the length never changes."""
    return text.translate(_HALF_TABLE)


# --- counting words --------------------------------------------------------------------------

# Every counting word a pattern may name, longest first within a family so that 场次 wins over 场.
MEASURES = [
    "场次",
    "件次",
    "人次",
    "户次",
    "批次",
    "家次",
    "件",
    "起",
    "宗",
    "例",
    "份",
    "个",
    "条",
    "项",
    "部",
    "次",
    "场",
    "期",
    "轮",
    "堂",
    "回",
    "卷",
    "本",
    "篇",
    "类",
    "人",
    "名",
    "家",
    "户",
    "分",
    "%",
]


# The words a report may count a field in, by the field's declared unit.
UNIT_WORDS: dict[str, list[str]] = {
    "件": ["件次", "件", "起", "宗", "例", "份", "个", "条", "部"],
    "次": ["场次", "次", "场", "期", "轮", "堂", "回"],
    "场次": ["场次", "场", "次", "期"],
    "卷": ["卷", "本", "宗", "件", "份"],
    "项": ["项", "个", "条", "件"],
    "条": ["条", "件", "篇"],
    "个": ["个", "项", "家"],
    "人": ["人", "名"],
    "%": ["%"],
    "分": ["分"],
}
TYPE_WORDS = {"percent": ["%"], "count": ["件", "次", "个", "项", "条", "份", "起", "场次", "场"], "number": []}


def unit_words(field_unit: str, field_type: str) -> list[str]:
    """The words that may follow a field's number in a report (件, 次, % …)."""
    words = UNIT_WORDS.get((field_unit or "").strip())
    if words is None:
        words = TYPE_WORDS.get(field_type, []) or ([field_unit.strip()] if field_unit and field_unit.strip() else ["%"])
    return words


# --- the number itself -------------------------------------------------------------------------

CN_DIGITS = "零〇一二两三四五六七八九"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ARABIC = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
# A Chinese numeral up to 9999 (三, 十二, 一百二十八, 二百零四, 近五百): it starts with a digit or 十,
# never with 百 or 千 alone (百日行动, 千人宣讲团 are names, not counts).  万 may follow as its scale
# (三万余条 is 3万余), but not inside a longer numeral (一万二千 is not read).
CHINESE = (
    r"(?<![零〇一二两三四五六七八九十百千万第几])[一二两三四五六七八九十][零〇一二两三四五六七八九十百千]{0,7}"
    r"(?![零〇一二两三四五六七八九十百千亿]|万[零〇一二两三四五六七八九十百千])"
)
# 百余场次, 千余件, 近百场, 逾千件: a round hundred or thousand said alone, read only before 余/多 or after
# 近/约/逾/超过 with its counting word (百日行动, 千人宣讲团 are names)
CHINESE_ROUND = (
    r"(?:(?<![零〇一二两三四五六七八九十百千万第几])[百千](?=[余多])"
    r"|(?:(?<=[近约逾])|(?<=超过))[百千](?=场|次|件|起|个|项|条|份|卷|期))"
)
APPROX = r"约|近|大约|将近|接近"
# 逾500条, 超过400卷: more than the number, a lower bound like 500余条
OVER = r"逾|超过"
# 百分之百, 百分之九十八点五: a percent said in words, its sign before the number
CN_PERCENT = rf"百分之(?:百(?![分之])|{CHINESE}(?:点[零〇一二三四五六七八九]{{1,3}})?)"


def number_regex(units: list[str]) -> str:
    """The regex of a number with its qualifiers and one of ``units`` (named groups: pre, num,
    scale, more, unit, plus; and cnpct, a percent said in words, where ``units`` has %)."""
    alts = "|".join(re.escape(u) for u in sorted(set(units), key=len, reverse=True))
    said = (
        rf"(?P<pre>{APPROX}|{OVER})?(?P<num>{ARABIC}|{CHINESE}|{CHINESE_ROUND}) ?(?P<scale>万|亿)? ?(?P<more>余|多)? ?"
        rf"(?P<unit>{alts})"
    )
    if "%" in units:
        said = rf"(?:{said}|(?P<cnpct>{CN_PERCENT}))"
    return said + r"(?P<plus>以上|余|多)?"


# A number as a clause's words run past it: digits, or a Chinese numeral with its counting word
# (三十九件、政协提案…: the words after 三十九件 are the next item's, as after 39件)
_ANY_NUMBER = re.compile(
    rf"\d|{CN_PERCENT}|{CHINESE}(?=(?:"
    + "|".join(sorted((m for m in MEASURES if m != "%"), key=len, reverse=True))
    + "))"
)


def after_last_number(text: str) -> int:
    """Where the words after the last number in ``text`` begin (0 when it has none)."""
    end = 0
    for m in _ANY_NUMBER.finditer(text):
        end = m.end()
    return end


def chinese_percent(s: str) -> str | None:
    """百分之百 → '100', 百分之九十八点五 → '98.5', 百分之七 → '7'; None when not well formed."""
    body = s.removeprefix("百分之")
    if body == "百":
        return "100"
    whole, _, frac = body.partition("点")
    v = chinese_value(whole)
    if v is None:
        return None
    return f"{v}.{''.join(str(_CN_VALUE[c]) for c in frac)}" if frac else str(v)


def chinese_value(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百二十八 → 128, 二百零四 → 204, 三千五百 → 3500; None for
    anything that is not one well-formed numeral (一二三, 十十, 二百三十四五)."""
    if not s:
        return None
    total, rest = 0, s
    for mark, size in (("千", 1000), ("百", 100)):
        if mark in rest:
            head, _, rest = rest.partition(mark)
            if len(head) != 1 or _CN_VALUE.get(head) in (None, 0):
                return None
            total += _CN_VALUE[head] * size
            if rest.startswith(("零", "〇")):
                rest = rest[1:]
                if not rest or len(rest) > 1 and "十" not in rest:
                    return None
            elif rest and "十" not in rest and len(rest) == 1:
                # 一百五 is 150 in speech; reports do not write it, so it is not read
                return None
    if rest == "":
        return total if total else None
    if "十" not in rest:
        return total + _CN_VALUE[rest] if len(rest) == 1 and rest in _CN_VALUE and _CN_VALUE[rest] else None
    head, _, tail = rest.partition("十")
    tens = (1 if total == 0 else None) if head == "" else _CN_VALUE.get(head)
    ones = 0 if tail == "" else _CN_VALUE.get(tail)
    if tens is None or ones is None or len(head) > 1 or len(tail) > 1 or tens == 0 or "十" in tail:
        return None
    return total + tens * 10 + ones


# Chinese numerals are read only as small counts of things done (三次, 两场); never where they
# are part of a name or an ordinal (一次性, 一件事, 四次会议, 上一次).
CN_UNITS = {"次", "场", "场次", "期", "件", "起", "宗", "例", "个", "项", "轮", "堂", "回", "份", "条", "卷", "本"}
CN_BAD_BEFORE = set("第每跑逐单同上下这那哪几数某")
CN_BAD_AFTER = set("性事会届全批级等类中大号年月日部制")

# A number with its counting word, as clauses are rewritten around it (分别, 均, several subjects):
# in digits, or in words where a count in words is read (四十六件, 百分之百; not 三项制度, 第三次).
COUNTED = (
    r"(?:(?:[约近]|逾|超过)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)? ?(?:万|亿)? ?(?:余|多)? ?(?:"
    + "|".join(re.escape(m) for m in sorted(MEASURES, key=len, reverse=True))
    + r")(?:以上|余|多)?"
    + rf"|(?:[约近]|逾|超过)?(?<![{''.join(sorted(CN_BAD_BEFORE))}])(?:{CHINESE}|{CHINESE_ROUND})(?:万)?(?:余|多)?(?:"
    + "|".join(sorted(CN_UNITS, key=len, reverse=True))
    + rf")(?![{''.join(sorted(CN_BAD_AFTER))}])(?:以上|余|多)?"
    + rf"|{CN_PERCENT}(?:以上)?)"
)


def raw_value(
    pre: str | None, num: str, scale: str | None, more: str | None, unit: str, plus: str | None
) -> str | None:
    """The text ``data.values.parse`` reads: ``约300``, ``160余``, ``98%以上``; None when not a number."""
    if pre in ("逾", "超过"):  # more than the number: its lower bound
        pre, plus = None, plus or "以上"
    if num.startswith("百分之"):
        num, unit = chinese_percent(num), "%"
        if num is None:
            return None
    elif num in ("百", "千"):  # 百余, 千余 (see CHINESE_ROUND)
        num = "100" if num == "百" else "1000"
    elif num[0] not in "0123456789":
        v = chinese_value(num)
        if v is None:
            return None
        num = str(v)
    pre = "近" if pre == "接近" else (pre or "")
    pct = "%" if unit == "%" else ""
    return f"{pre}{num}{scale or ''}{more or ''}{pct}{plus or ''}"


# --- what is never a value ----------------------------------------------------------------------

CHANGE_MARKERS = (
    "同比",
    "环比",
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "较上一年",
    "与上年相比",
    "与去年相比",
    "较同期",
    "比同期",
    "较上年度",
    "比上年度",
)
CHANGE_VERBS = (
    "增长",
    "下降",
    "上升",
    "减少",
    "增加",
    "提高",
    "降低",
    "提升",
    "增幅",
    "降幅",
    "回落",
    "减幅",
    "多出",
    "增",
)
TARGET_MARKERS = (
    "任务数",
    "目标任务",
    "目标值",
    "目标为",
    "目标是",
    "力争",
    "争取",
    "预计",
    "计划完成",
    "计划开展",
    "计划举办",
    "不低于",
    "不少于",
    "确保",
    "将达到",
    "要达到",
    "达到目标",
)
OTHER_SCOPES = ("全国", "全省", "全自治区", "全州", "全盟", "全地区", "各省", "平均水平", "平均值")
# The whole of a unit of each kind; the report's own (全州 in a 州's report) is not another place.
LOCAL_SCOPES = {"县": "全县", "区": "全区", "市": "全市", "旗": "全旗", "州": "全州", "盟": "全盟"}
# The county-level governments under a city (各县（市、区）, 各县市区, 各区县, 各旗县): their figures are
# theirs, not the city government's.  各县直部门 and 各乡镇 are not matched.
SUB_UNITS = re.compile(r"各(?:县|区|旗|市)(?:\([县区市旗、,]+\)|[县区市旗]{1,2}(?![直属级]))")


# 由A提升至B, 从A压减到B: the number after 至/到 is the state reached, not a change.
RESULTING_STATE = re.compile(r"[由从][^由从,;。]{0,24}?(?:至|到)了? ?$")

OTHER_YEARS = re.compile(r"去年|上年度|上一年|上年同期|近[二两三四五十]年|历年|(?<!\d)((?:19|20)\d\d)年")


def exclusion(
    norm: str, start: int, end: int, clause_start: int, self_scope: str | None, year: int | None = None
) -> str | None:
    """Why the number at ``norm[start:end]`` (counting word included) is not a value, or None.

    ``clause_start`` is where its clause begins (after the last ，。；: …); ``self_scope`` the
    report's own 全X (全县, 全区 …), which is not another place; ``year`` the report's year (a
    clause about another year, 2022年受理40件, is not this year's value)."""
    before = norm[clause_start:start]
    after = norm[end : end + 8]
    prev = norm[start - 1] if start > 0 else ""
    if prev == "第" or (prev == " " and start > 1 and norm[start - 2] == "第"):
        return "ordinal"
    if re.match(r"[A-Za-z]", prev) or after.startswith("版") or re.match(r"\d+\.\d+\.\d", norm[start : end + 4]):
        return "version"
    if after.startswith(("百分点", "个百分点")):
        return "change"
    if any(m in before for m in CHANGE_MARKERS):
        return "change"
    tail = before.rstrip(" 了为达约近共计")
    if tail.endswith(CHANGE_VERBS):
        return "change"
    state = RESULTING_STATE.search(before)
    if state is not None:  # 由95.6%提升至99.3%: 99.3 is the state the year ended in; what precedes 由 still counts
        if any(m in before for m in TARGET_MARKERS) or re.search(r"拟(?![定订稿])", before):
            return "target"
        before = before[: state.start()]
    if re.search(r"[由从][^由从]{0,12}$", before) and re.match(
        r"(?:以上|余|多)?[^\d,;。]{0,4}?(?:减少|精简|压减|压缩|增加|提高|提升|降|升|上升|下降|增长)?(?:至|到)", after
    ):
        return "change"  # 由原来的256项精简至198项: the old figure
    if any(m in before for m in TARGET_MARKERS) or re.search(r"拟(?![定订稿])", before):
        return "target"
    if year is not None:
        for m in OTHER_YEARS.finditer(before):
            if m.group(1) is None or int(m.group(1)) != year:
                return "another year"
    if SUB_UNITS.search(before):
        return "elsewhere"
    scopes = [s for s in OTHER_SCOPES if s in before and s != self_scope]
    scopes += [s for s in LOCAL_SCOPES.values() if s in before and s != self_scope]
    if scopes:
        return "elsewhere"
    return None
