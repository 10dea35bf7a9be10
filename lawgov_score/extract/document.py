"""A report's text as extraction sees it: sentences, clauses, quoted names, the sections that
state plans or problems rather than facts, and the unit and year the report is about.

Three ways of writing are rewritten in the matching copy (its length never changes, and
``Document.offset`` gives a moved number's place in the report): tables (a bare number joined
to the counting word its row or column names), 由A至B (A blanked: B is the state reached) and
分别 clauses (each name paired with its number)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from .clauses import (
    Derived,
    distribute,
    kinds_sharing_a_noun,
    line_of,
    meetings_with_predicate,
    origin_of,
    verbs_sharing_a_noun,
)
from .numbers import CN_PERCENT, LOCAL_SCOPES, MEASURES, normalise, number_regex
from .numbers import COUNTED as _COUNTED
from .subjects import continues, whose
from .tables import blocks, rewrite_tables

SENTENCE_ENDS = "。;!?\n"
FULL_STOPS = "。!?\n"  # a sentence with its ；-joined parts: what a context word is looked for in
CLAUSE_ENDS = SENTENCE_ENDS + ",:"  # where a clause ends (、 does not end one)
QUOTE_ENDS = CLAUSE_ENDS + "、"  # the shortest clause, for quotes

# Names in 《》, “” and 〔〕 hold numbers that are never values (《…2021—2025年…》, “12345”, 〔2024〕).
_PROTECTED = re.compile(
    r"《[^《》\n]{0,80}》|“[^“”\n]{0,30}”|\"[^\"\n]{0,30}\"|〔[^〔〕\n]{0,12}〕|\[[^\[\]\n]{0,12}\]|【[^【】\n]{0,30}】"
)

# Any number with a counting word: only the sentences that hold one are searched by phrasings with {n}.
_ANY_COUNT = re.compile(number_regex(MEASURES))

# Headings of the parts that are not facts of the year: problems, plans for the next year.
_HEADING = re.compile(
    r"^\s*(?:(?P<l1>[一二三四五六七八九十]+[、.])|(?P<l2>\([一二三四五六七八九十]+\))|(?P<l3>\d{1,2}[.、](?!\d))|(?P<l0>第[一二三四五六七八九十]+部分))"
)
_NOT_FACTS = (
    "存在问题",
    "存在的问题",
    "问题和不足",
    "问题与不足",
    "不足之处",
    "困难和问题",
    "问题和困难",
    "短板和不足",
    "薄弱环节",
    "差距和不足",
    "下一步",
    "下步",
    "明年",
    "来年",
    "今后",
    "工作打算",
    "工作计划",
    "工作谋划",
    "工作思路",
    "工作安排",
    "工作设想",
    "努力方向",
    "谋划打算",
    "打算和",
    "主要打算",
)
_PLAN_OPENINGS = re.compile(r"^\s*(?:下一步|今后|明年|新的一年|(?P<year>\d{4})年[,，]?(?:我|全)[县区市旗州])")

_UNIT_SUFFIX = r"(?:自治县|自治旗|县|区|市|旗)"
# The signature under the report: 某县人民政府, 某自治州人民政府, 某盟行政公署 (a league's government).
_SIGNATURE = re.compile(
    rf"([\u4e00-\u9fff]{{2,12}}?(?:{_UNIT_SUFFIX}|自治州|州))人民政府|([\u4e00-\u9fff]{{2,8}}?盟)行政公署"
)
# A department's report names the department after its government: 某市市场监督管理局, 某县司法局.
_DEPARTMENT = r"(?!人民政府|政府|委)[\u4e00-\u9fff]{2,12}?(?:局|委员会|办公室|委|办|厅|院|中心)"
_TITLE = re.compile(
    rf"(?P<unit>[\u4e00-\u9fff]{{2,14}}?(?:{_UNIT_SUFFIX}|自治州|州|盟)(?:{_DEPARTMENT})?)(?:人民政府)?(?:关于)?"
    rf"(?:\d{{4}}年度?)?(?:的)?(?:法治政府建设|依法行政)"
)
_NOT_NAMES = (
    "法治",
    "依法",
    "治县",
    "治区",
    "治市",
    "治旗",
    "自治区",
    "示范",
    "开发",
    "试点",
    "社区",
    "园区",
    "景区",
    "城区",
    "辖区",
    "山区",
    "牧区",
    "市区",
    "县区",
    "城市",
    "地区",
    "片区",
    "小区",
    "街区",
    "新区",
    "省市",
    "区县",
    "县市",
    "超市",
    "上市",
    "都市",
    "门市",
    "集市",
    "旗区",
    "市县",
    "政区",
    "专区",
    "校区",
    "矿区",
    "灾区",
    "商区",
    "服务区",
    "保护区",
)
_NOT_NAME_START = set("全本我该各在对和与及年的了为是等向从到由以于其每此该贵")
_PARENT_SUFFIX = re.compile(r"(?:省|自治区|市|州|盟|地区)(?=[\u4e00-\u9fff]{2,})")


@dataclass
class Document:
    """A report's text as the finder reads it: normalised (``norm``), its sentences, clauses,
    paragraphs and tables located, quoted titles protected, plans and problems marked as not
    facts, and the unit and year it reports on."""

    text: str  # as read
    source: str = ""
    stem: str = ""
    norm: str = ""
    unprotected: str = ""  # norm with the text inside 《》“”〔〕 blanked out (same length)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=list)
    sentence_ends: list[int] = field(default_factory=list)
    full_stops: list[int] = field(default_factory=list)
    clause_ends: list[int] = field(default_factory=list)
    quote_ends: list[int] = field(default_factory=list)
    protected: list[tuple[int, int]] = field(default_factory=list)
    blocks: list[tuple[int, int]] = field(default_factory=list)  # paragraphs, a table with its caption as one
    block_starts: list[int] = field(default_factory=list)
    moved: dict[int, int] = field(default_factory=dict)  # a number moved (tables, 分别) → where it stands
    paired: list[tuple[int, int]] = field(default_factory=list)  # the 分别 clauses rewritten as pairs
    derived: list[Derived] = field(default_factory=list)  # lines restating a clause per subject (clauses)
    derived_starts: list[int] = field(default_factory=list)  # where each of them starts
    not_facts: list[tuple[int, int]] = field(default_factory=list)
    counted: list[tuple[int, int]] = field(default_factory=list)  # the sentences that hold a counted number
    unit: str | None = None
    year: int | None = None
    self_scope: str | None = None
    pages: list[int] = field(default_factory=list)  # where each page of a PDF starts in ``text``

    @classmethod
    def of(cls, text: str, source: str = "", stem: str = "") -> "Document":
        """The document of a report's ``text`` (``source``: its file; ``stem``: its name)."""
        doc = cls(text=text, source=source, stem=stem, norm=normalise(text))
        doc.year = _year(doc.norm)
        doc.norm, doc.moved, tables = rewrite_tables(doc.norm, doc.year)
        doc.norm = _earlier_states(doc.norm)
        doc.quote_ends = [i for i, c in enumerate(doc.norm) if c in QUOTE_ENDS]  # the report's own punctuation
        doc.norm, doc.paired = _respectively(doc.norm, doc.moved)
        base = doc.norm  # the report itself; the lines ``distribute`` appends restate its clauses
        doc.norm, doc.derived = distribute(doc.norm, doc.moved)
        doc.derived_starts = [d.start for d in doc.derived]
        n = doc.norm
        doc.sentence_ends = [i for i, c in enumerate(n) if c in SENTENCE_ENDS]
        doc.full_stops = [i for i, c in enumerate(n) if c in FULL_STOPS]
        doc.clause_ends = [i for i, c in enumerate(n) if c in CLAUSE_ENDS]
        start = 0
        for line in n.split("\n"):
            doc.paragraphs.append((start, start + len(line)))
            start += len(line) + 1
        doc.paragraph_starts = [p[0] for p in doc.paragraphs]
        doc.blocks = blocks(doc.paragraphs, tables, n)
        doc.block_starts = [b[0] for b in doc.blocks]
        doc.protected = [m.span() for m in _PROTECTED.finditer(n)]
        chars = list(n)
        for a, b in doc.protected:
            chars[a + 1 : b - 1] = "\u3000" * (b - a - 2)
        doc.unprotected = "".join(chars)
        doc.unit = _unit(base)
        doc.self_scope = _self_scope(base, doc.unit)
        doc.not_facts = merged(_not_facts(doc))
        doc.counted = merged([doc.full_sentence(m.start()) for m in _ANY_COUNT.finditer(n)])
        return doc

    # --- spans around a position ---------------------------------------------------------------

    @staticmethod
    def _span(ends: list[int], pos: int, length: int) -> tuple[int, int]:
        i = bisect_right(ends, pos - 1)
        lo = ends[i - 1] + 1 if i > 0 else 0
        j = bisect_left(ends, pos)
        hi = ends[j] if j < len(ends) else length
        return lo, hi

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos``, up to 。；！？ or the line end."""
        return self._span(self.sentence_ends, pos, len(self.norm))

    def full_sentence(self, pos: int) -> tuple[int, int]:
        """The sentence up to 。！？ or the line end: parts joined by ； share their subject
        (审核规范性文件14件；报送备案14件)."""
        return self._span(self.full_stops, pos, len(self.norm))

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos``, up to a comma, colon or sentence end."""
        return self._span(self.clause_ends, pos, len(self.norm))

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The paragraph around ``pos``; a table (with the caption line above it) is one paragraph."""
        i = max(0, bisect_right(self.block_starts, pos) - 1)
        return self.blocks[i]

    def offset(self, pos: int) -> int:
        """Where the number found at ``pos`` of ``norm`` stands in the report."""
        return self.moved.get(pos, pos)

    def quote(self, start: int, end: int) -> str:
        """The shortest clause around ``start``…``end``, verbatim from the report, with the
        subjects it shares (县委、县政府…6次 is quoted whole, not as 县政府…6次)."""
        origin = self.origin(start)
        if origin is not None:
            return self.text[origin[0] : origin[1]].strip()
        for a, b in self.paired:  # a 分别 clause: quoted whole, as the report writes it
            if a <= start < b:
                return self.text[a:b].strip()
        lo, _ = self._span(self.quote_ends, start, len(self.norm))
        _, hi = self._span(self.quote_ends, max(start, end - 1), len(self.norm))
        while lo > 1 and self.norm[lo - 1] == "、":  # a list of subjects before the number: quoted with it
            before, _ = self._span(self.quote_ends, lo - 2, len(self.norm))
            if any(c.isdigit() for c in self.norm[before : lo - 1]):
                break
            lo = before
        return self.text[lo:hi].strip()

    def page(self, offset: int) -> int | None:
        """The page (1-based) of a PDF report that ``offset`` (in ``text``) stands on."""
        return bisect_right(self.pages, offset) if self.pages else None

    def origin(self, pos: int) -> tuple[int, int] | None:
        """For a position on a line that restates a clause (``clauses``), the clause's span."""
        return origin_of(self.derived, pos, self.derived_starts) if pos >= len(self.text) else None

    def restated(self, pos: int) -> Derived | None:
        """The line restating a clause per subject that ``pos`` stands on (None: the report's text)."""
        return line_of(self.derived, pos, self.derived_starts) if pos >= len(self.text) else None

    def is_protected(self, pos: int) -> bool:
        """Whether ``pos`` is inside a title or quotation (《》“”〔〕【】)."""
        return inside(self.protected, pos, strict=True)

    def subject(self, pos: int) -> str | None:
        """Whose number stands at ``pos`` (``subjects.whose``): read from its clause's start, or
        from the clauses before it in the sentence while each opens with a verb (…，抽取我区案卷40卷)."""
        first = self.sentence(pos)[0]
        lo = self.clause(pos)[0]
        # 县人大常委会组织执法检查3次、县政府常务会议学法12次: after a count and 、 the next item names its own subject
        item = self._item_after_count(lo, pos)
        if item is not None:
            who = whose(self.norm[item : item + 40], self.unit)
            if who is not None:
                return who
        while True:
            head = self.norm[lo : lo + 40]
            who = whose(head, self.unit)
            if who is not None or lo <= first or not continues(head):
                return who
            lo = self.clause(lo - 1)[0]

    def _item_after_count(self, lo: int, pos: int) -> int | None:
        """Where the last item of the list between ``lo`` and ``pos`` begins that follows another item's count
        (…执法检查3次、|县政府…), or None."""
        k = self.norm.rfind("、", lo, pos)
        while k > lo:
            if _COUNT_AT_END.search(self.norm, max(lo, k - 16), k):
                return k + 1
            k = self.norm.rfind("、", lo, k)
        return None

    def is_not_fact(self, pos: int) -> bool:
        """Whether ``pos`` is in a passage of plans or problems, not of what was done."""
        origin = self.origin(pos)
        return inside(self.not_facts, origin[0] if origin else pos)


# a count that ends a list's item (…执法检查3次|、县政府…)
_COUNT_AT_END = re.compile(rf"{_COUNTED}$")


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted and overlapping ones joined, so that ``inside`` can bisect them."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def inside(spans: list[tuple[int, int]], pos: int, strict: bool = False) -> bool:
    """Whether ``pos`` lies in one of ``spans`` (sorted, not overlapping): a < pos < b when
    ``strict`` (inside the marks of a title), else a <= pos < b.  A bisection: a report with
    many titles or sections costs no more per number (the check was once a scan of them all)."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    if i < 0:
        return False
    a, b = spans[i]
    return (a < pos < b) if strict else (a <= pos < b)


# 由原来的232项精简至187项, 由2023年的95.6%提升至99.3%: the figure before 至 is the earlier
# state (never a value); its digits are blanked so that a phrasing reaches the state reached.
_EARLIER_STATE = re.compile(r"[由从](?P<old>[^由从,;。!?\n]{0,24}?)(?:至|到)了? ?(?=[约近]?(?:\d|百分之))")
_SAID_PERCENT = re.compile(CN_PERCENT)  # 由百分之九十提升至百分之九十八点五: the earlier state in words


def _earlier_states(n: str) -> str:
    chars = list(n)
    for m in _EARLIER_STATE.finditer(n):
        if re.search(r"\d", m.group("old")):
            for i in range(m.start("old"), m.end("old")):
                if chars[i].isdigit() or chars[i] in ".,":
                    chars[i] = " "
        for x in _SAID_PERCENT.finditer(m.group("old")):
            for i in range(m.start("old") + x.start(), m.start("old") + x.end()):
                chars[i] = " "
    return "".join(chars)


# 办理人大代表建议和政协提案分别为176件、204件 / 分别办理人大代表建议、政协提案176件、204件: the
# clause is rewritten (same length) as its pairs, 人大代表建议176件,政协提案204件, so that each
# number meets its own phrasing.  Where the names and the numbers do not pair up one to one, the
# clause is left as it is (nothing is read from it).
_SEP = r"[、和及与]"
_RESPECTIVELY = re.compile(
    rf"(?:(?<=[,;:。!?\n])|^)(?P<before>[^,;:。!?\n分]{{2,60}}?)分别(?:为|是|达到|达|有)?(?P<nums>{_COUNTED}(?:{_SEP}{_COUNTED})+)"
    rf"|分别(?P<after>[^,;:。!?\n\d]{{2,60}}?)(?P<nums2>{_COUNTED}(?:{_SEP}{_COUNTED})+)",
    re.M,
)


def _respectively(n: str, moved: dict[int, int]) -> tuple[str, list[tuple[int, int]]]:
    chars = list(n)
    paired: list[tuple[int, int]] = []
    for m in _RESPECTIVELY.finditer(n):
        key = "before" if m.group("before") is not None else "after"
        if key == "after" and re.search(_SEP, n[max(n.rfind(c, 0, m.start()) for c in ",;:。!?\n") + 1 : m.start()]):
            # 常委会会议、常务会议分别学习…思想和…法规2次、8次: the subjects stand before 分别, and the
            # words after it are what they did (restated per subject in ``clauses``)
            continue
        nums_key = "nums" if key == "before" else "nums2"
        items = re.split(_SEP, m.group(key))
        if verbs_sharing_a_noun(items) or (key == "before" and kinds_sharing_a_noun(items)):
            continue  # 受理、审结行政复议案件分别为56件、50件: the noun is said of each stage (``clauses``)
        listed = meetings_with_predicate(items) if key == "before" else None
        if listed is not None and listed[1]:
            continue  # 常务会议、常委会会议学法分别为12次、4次: 学法 is said of each meeting (``clauses``)
        nums = [(x.start() + m.start(nums_key), x.group(0)) for x in re.finditer(_COUNTED, m.group(nums_key))]
        if len(items) != len(nums) or any(len(it.strip()) < 2 for it in items):
            continue
        a, b = m.start(), m.end()
        out: list[str] = []
        for i, (item, (old, num)) in enumerate(zip(items, nums)):
            if i:
                out.append(",")
            out.append(item)
            new = a + sum(len(x) for x in out)
            for k in range(len(num)):
                moved[new + k] = old + k
            out.append(num)
        text = "".join(out)
        chars[a:b] = text + " " * (b - a - len(text))
        paired.append((a, b))
    return "".join(chars), paired


# --- unit, year, sections -------------------------------------------------------------------------


def _year(n: str) -> int | None:
    head = "\n".join(n.split("\n")[:4])
    m = re.search(r"(\d{4})年度?[^\n。]{0,24}?(?:法治政府建设|依法行政)[^\n。]{0,16}?(?:报告|情况)", head)
    if m:
        return int(m.group(1))
    m = re.search(r"(?:^|\n|。|[一二三四五六七八九十]、)\s*(20\d\d)年(?:度)?(?:,|以来|来|工作情况)", n[:600])
    if m:
        return int(m.group(1))
    years: Counter[int] = Counter()
    protected = [m.span() for m in _PROTECTED.finditer(n)]
    for m in re.finditer(r"(?<![\d\-—~至])((?:19|20)\d\d)年(?![\d\-—~])", n):
        if inside(protected, m.start(), strict=True):
            continue
        years[int(m.group(1))] += 1
    if not years:
        return None
    best = max(years.values())
    return max(y for y, c in years.items() if c == best)


def _strip_parent(name: str) -> str:
    """株洲市石峰区 → 石峰区; 中共乐平市 → 乐平市; 关于合成县 → 合成县."""
    name = re.sub(r"^(?:关于|中共|\d{4}年度?)+", "", name)
    # the last parent that leaves a whole name: 广州市天河区 → 天河区 (not 市天河区)
    for m in reversed(list(_PARENT_SUFFIX.finditer(name))):
        rest = name[m.end() :]
        if re.fullmatch(rf"[\u4e00-\u9fff]{{2,}}{_UNIT_SUFFIX}", rest) and rest[0] not in "省市州盟区县旗":
            return rest
    return name


# Words that are never in a unit's name where a title or a signature names it; the other _NOT_NAMES
# (山区, 城区, 新区, 矿区 …) are also the ends of real names (鹤山区, 城区人民政府, 滨海新区), so they only
# keep the most-used-name guess from taking an ordinary word.
_NEVER_IN_NAMES = _NOT_NAMES[:8] + ("试点",)


def _plausible(name: str, named: bool = False) -> bool:
    """Whether ``name`` can be a unit's; ``named``: a title or a signature names it."""
    core = re.sub(r"自治[县旗]$", "", name)  # 某某自治县 is a name; 依法治县 is not
    words = _NEVER_IN_NAMES if named else _NOT_NAMES
    return len(name) >= 3 and name[0] not in _NOT_NAME_START and not any(w in core for w in words)


def _unit(n: str) -> str | None:
    lines = [ln for ln in n.split("\n") if ln.strip()]
    for ln in lines[:3]:
        for m in _TITLE.finditer(ln):
            name = _strip_parent(re.split(r"[\s\d年]", m.group("unit"))[-1])
            if _plausible(name, named=True):
                return name
    for ln in reversed(lines[-6:]):
        if len(ln) <= 40:
            found = [_strip_parent(a or b) for a, b in _SIGNATURE.findall(ln)]
            found = [x for x in found if _plausible(x, named=True)]
            if found:
                return found[-1]
    # The name the text uses most: two or three characters and a 县/区/市/旗 ending.
    counts: Counter[str] = Counter()
    for size in (3, 4, 5):
        for m in re.finditer(rf"(?=([\u4e00-\u9fff]{{{size - 1}}}(?:县|区|市|旗)))", n):
            counts[m.group(1)] += 1
    for name in list(counts):
        if not _plausible(name):
            del counts[name]
    if not counts:
        return None
    threes = [(c, name) for name, c in counts.items() if len(name) == 3]
    if not threes:
        return None
    c, best = max(threes)
    if c < 3:
        return None
    for size in (4, 5):  # 达拉特旗: the longer name counted as often as its tail
        longer = [(lc, ln) for ln, lc in counts.items() if len(ln) == size and ln.endswith(best) and lc >= 0.8 * c]
        if longer:
            c, best = max(longer)
    return best


def _self_scope(n: str, unit: str | None) -> str | None:
    if unit:
        for suffix, scope in LOCAL_SCOPES.items():
            if unit.endswith(suffix):
                return scope
    counts = Counter(m.group(0) for m in re.finditer(r"全[县区市旗]", n))
    return counts.most_common(1)[0][0] if counts else None


def _not_facts(doc: Document) -> list[tuple[int, int]]:
    """Spans of the sections about problems and plans, and of paragraphs about the next year."""
    heads: list[tuple[int, int, bool]] = []  # (start, level, not-facts)
    for start, end in doc.paragraphs:
        line = doc.norm[start:end]
        if "\t" in line or "|" in line:
            continue  # a table row, not a heading
        m = _HEADING.match(line)
        title = re.split(r"[。;:]", line, maxsplit=1)[0][:40]
        if m:
            level = 1 if m.group("l1") or m.group("l0") else 2 if m.group("l2") else 3
        elif 0 < len(line.strip()) <= 30 and "。" not in line and not re.search(r"\d", line):
            level = 3  # an unnumbered heading line
        else:
            level = None
        if level is not None:
            later_year = any(int(y) > (doc.year or 9999) for y in re.findall(r"(20\d\d)年", title))
            heads.append((start, level, any(w in title for w in _NOT_FACTS) or (later_year and "工作" in title)))
    # a bad section runs to the next good heading of its level or above: found walking backwards,
    # keeping for each level the nearest good heading after (linear in the headings)
    spans: list[tuple[int, int]] = []
    nearest = {1: len(doc.norm), 2: len(doc.norm), 3: len(doc.norm)}
    for start, level, bad in reversed(heads):
        if bad:
            spans.append((start, nearest[level]))
        else:
            for lv in range(level, 4):
                nearest[lv] = start
    for start, end in doc.paragraphs:
        m = _PLAN_OPENINGS.match(doc.norm[start:end])
        if m and (m.group("year") is None or (doc.year and int(m.group("year")) > doc.year)):
            spans.append((start, end))
    return spans
