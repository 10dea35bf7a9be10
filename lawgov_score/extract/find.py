"""Finding values: every phrasing of every field is matched against the text; matches on
numbers that are never values are dropped; each number goes to the field whose phrasing is
closest to it; each field takes its first value in the report."""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from ..data import values as V
from . import explain
from .clauses import BODIES
from .document import Document
from .numbers import (
    CN_BAD_AFTER,
    CN_BAD_BEFORE,
    CN_UNITS,
    RESULTING_STATE,
    after_last_number,
    exclusion,
    raw_value,
)
from .patterns import Phrasing
from .record import Record
from .subjects import NON_GOVERNMENT, below, opening, whose

# A phrasing that states a value without a number (全覆盖) counts only when the clause says it
# was done: not negated, not an aim.
NEGATIONS = ("未", "没有", "不够", "有待", "不足", "不到位", "不完全", "不全", "难以", "尚")
AIMS = (
    "力争",
    "争取",
    "推进",
    "推动",
    "确保",
    "努力",
    "逐步",
    "计划",
    "目标",
    "拟",
    "进一步",
    "将要",
    "需要",
    "要求",
    "将继续",
    "将全面",
    "将实现",
    "将推动",
    "下一步",
    "今后",
    "明年",
)


@dataclass
class Match:
    """One phrasing found in the text, with the number it reads and how close its cue is."""

    phrasing: Phrasing
    start: int  # the whole match
    end: int
    num_start: int  # the number (or the match, for a phrasing with a fixed value)
    num_end: int
    raw: str | None  # the number as ``values.parse`` reads it
    distance: int  # characters the … took: the smaller, the closer cue and number
    literal: int  # characters of cue text
    part: bool = False  # the clause reads a part (其中…, 涉及…的): a total of the field comes first
    mixed: bool = False  # the number counts the field's kind with others (规范性文件和重大行政决策共42件)
    scoped: bool = False  # an office's or a channel's count before the whole unit's in the same sentence
    other_meeting: bool = False  # another meeting's count in a clause that also gives the field's own meeting's

    @property
    def field(self) -> str:
        """The field the phrasing reads."""
        return self.phrasing.field

    def rank(self) -> tuple:
        """The order of preference among matches of one field: the closer cue, the longer cue
        text, the earlier phrasing."""
        return (self.distance, -self.literal, self.phrasing.order)


def find(doc: Document, phrasings: list[Phrasing]) -> list[Match]:
    """Every acceptable match of every phrasing (a number may still be claimed by several)."""
    out: list[Match] = []
    everywhere = [(0, len(doc.norm))]
    holding = _sentences_holding(doc.norm, doc.counted)
    for ph in phrasings:
        found: dict[int, Match] = {}
        # a phrasing with a number is looked for only in the sentences that hold a counted number (and its text)
        for lo, hi in _candidates(ph, holding, doc.counted) if ph.has_number else everywhere:
            pos = lo
            search = ph.regex.search
            while True:
                m = search(doc.norm, pos, hi)
                if m is None:
                    break
                pos = m.start() + 1
                mt = _accept(doc, ph, m)
                if mt is not None and (mt.num_start not in found or mt.rank() < found[mt.num_start].rank()):
                    found[mt.num_start] = mt
        out += found.values()
    # Parts of a total (撤销2件、确认违法1件): a `single` pattern counts only when its phrasings
    # find one number in the sentence.
    singles: dict[tuple, set[int]] = {}
    for mt in out:
        if mt.phrasing.single:
            singles.setdefault((mt.phrasing.field, mt.phrasing.group, doc.sentence(mt.num_start)), set()).add(
                mt.num_start
            )
    out = [
        mt
        for mt in out
        if not mt.phrasing.single
        or len(singles[(mt.phrasing.field, mt.phrasing.group, doc.sentence(mt.num_start))]) == 1
    ]
    _mark_scoped(doc, out)
    _mark_other_meetings(doc, out)
    return out


def _sentences_holding(text: str, sentences: list[tuple[int, int]]) -> dict[str, list[int]]:
    """Each character → the indices of the ``sentences`` it occurs in, in order (a phrasing's literal
    characters then name the few sentences worth a regex search)."""
    holding: dict[str, list[int]] = {}
    for i, (lo, hi) in enumerate(sentences):
        for c in set(text[lo:hi]):
            holding.setdefault(c, []).append(i)
    return holding


def _candidates(ph: Phrasing, holding: dict[str, list[int]], sentences: list[tuple[int, int]]) -> list[tuple]:
    """The sentences a phrasing can match in: those holding its rarest literal character (all, when it has
    none), in the text's order, so that matches are found in the same order as by a search of every one."""
    if not ph.needs:
        return sentences
    rarest = min((holding.get(c, []) for c in ph.needs), key=len)
    return [sentences[i] for i in rarest]


def _mark_other_meetings(doc: Document, matches: list[Match]) -> None:
    """Where a clause lists several meetings' counts and a field reads more than one of them (政府党组会议 and
    政府常务会议 are both read as the executive meeting's study), mark all but the meeting the field's first name
    names (政府常务会议学法): 召开县政府党组会议6次、县政府常务会议14次开展集中学法 gives 14, not 6."""
    lines: dict[tuple[str, tuple[int, int]], list[tuple[Match, str]]] = {}
    for mt in matches:
        line = doc.restated(mt.num_start)
        if line is not None and line.body and mt.phrasing.aliases:
            lines.setdefault((mt.field, line.origin), []).append((mt, line.body))
    for group in lines.values():
        bodies = {body for _, body in group}
        own = {body for body in bodies if body in group[0][0].phrasing.aliases[0]}
        if len(bodies) > 1 and own:
            for mt, body in group:
                mt.other_meeting = body not in own
    # clauses of one sentence, each a meeting with its own count (县政府常务会议研究法治政府建设工作4次，县委常委会
    # 会议听取法治建设工作汇报2次): a field that names no meeting takes the party committee's, as in one clause
    clauses: dict[tuple[str, tuple[int, int]], list[tuple[Match, str]]] = {}
    for mt in matches:
        named = mt.phrasing.template + "".join(mt.phrasing.context)
        if doc.restated(mt.num_start) is not None or any(b in named for b in BODIES):
            continue
        head = doc.norm[doc.clause(mt.num_start)[0] : mt.num_start]
        body = next((b for b in BODIES if b in head), "")
        if body and whose(head, doc.unit) not in ("body", "other"):
            clauses.setdefault((mt.field, doc.full_sentence(mt.num_start)), []).append((mt, body))
    for group in clauses.values():
        if len({body for _, body in group}) > 1 and any(body == "常委会" for _, body in group):
            for mt, body in group:
                mt.other_meeting = body != "常委会"


# A clause that states the whole unit's figure: 全县…, 合计…, 总计…; 共/累计 says so only after a channel's count
# (通过…公开1200条，全年共主动公开…3672条): after an office's it may go on with that office (…中心受理…，共办结…).
_WHOLE = re.compile(r"全[县区市旗州盟]|合计|总计")
_WHOLE_AFTER_CHANNEL = re.compile(r"(?<!公)共(?![同建享治])|累计")
# A clause whose subject is one office or one place below the unit (县市场监管局评查案卷48卷, 城南街道调解纠纷412件),
# or one channel (通过政务新媒体公开1200条).
_OFFICE = re.compile(r"^[\u4e00-\u9fff]{1,12}?(?:局|中心|所|站|队|办公室|街道|镇|乡|苏木)")
_CHANNEL = re.compile(r"^通过[^,;。]{1,12}?(?:平台|网站|新媒体|公众号|热线|渠道)")


def _mark_scoped(doc: Document, matches: list[Match]) -> None:
    """Mark an office's, a township's or a channel's count that a later clause of the same paragraph follows with
    the whole unit's count of the same field (县市场监管局评查案卷48卷，全县共评查执法案卷290卷): the part is not the
    unit's figure, whichever comes first."""
    whole: dict[tuple[str, tuple[int, int]], list[tuple[int, bool]]] = {}  # (field, paragraph) -> (where, strong)
    for mt in matches:
        lead = doc.norm[doc.clause(mt.num_start)[0] : mt.num_start]
        strong = bool(_WHOLE.search(lead) or (doc.self_scope and doc.self_scope in lead))
        if mt.phrasing.has_number and (strong or _WHOLE_AFTER_CHANNEL.search(lead)):
            whole.setdefault((mt.field, doc.paragraph(mt.num_start)), []).append((mt.num_start, strong))
    for mt in matches:
        for at, strong in whole.get((mt.field, doc.paragraph(mt.num_start)), []):
            if at > mt.num_start and doc.clause(at)[0] > mt.num_start:
                head = opening(doc.norm[doc.clause(mt.num_start)[0] : mt.num_start])
                if _CHANNEL.match(head) or (strong and _OFFICE.match(head)):
                    mt.scoped = True


def _accept(doc: Document, ph: Phrasing, m: re.Match) -> Match | None:
    """The match as a ``Match`` when its number (or fixed value) stands as the phrasing wants:
    a fact of the report, with the context words the phrasing needs and none it excludes."""
    number = _number(doc, ph, m)
    if number is None:
        return None
    ns, ne, raw = number
    n = doc.norm
    region = m.start()
    if ph.context:
        region = _context(doc, ph, m, ns)
        if region is None:
            return None
    if ph.breaks:
        between = n[region:ns] + "\n" + n[ne : m.end()]
        if any(b in between for b in ph.breaks):
            return None
    if ph.avoid and any(w in n[doc.full_sentence(ns)[0] : ns] for w in ph.avoid):
        return None
    if not _own(doc, ph, m, ns):
        return None
    if ph.exclude and _excluded(doc, ph, m, ns, ne):
        return None
    if ph.template.startswith("{n}") and "、" in n[ne : m.end()] and _COUNT_NEXT.match(n, m.end()):
        return None  # 研讨班2期、专题讲座7期: the later name has its own number; the first is not its
    distance = sum(len(m.group(f"g{k}") or "") for k in range(ph.gaps))
    literal = (m.end() - m.start()) - distance - (ne - ns if ph.has_number else 0)
    return Match(ph, m.start(), m.end(), ns, ne, raw, distance, literal, _part(doc, ns), _mixed(doc, ph, m, ne))


def _own(doc: Document, ph: Phrasing, m: re.Match, ns: int) -> bool:
    """Whether the number is the unit's: not another government's or a township's, and a body
    that is not the government (法院, 人大 …) only where the phrasing names it."""
    who = doc.subject(ns)
    if who == "other":
        return False
    if ph.ftype == "percent" and below(doc.norm[doc.clause(ns)[0] : ns], doc.unit):
        return False
    line = doc.restated(ns)
    if line is not None and line.body:  # one of several meetings' counts: the field must name the meeting
        named = m.group(0) + "".join(ph.context)
        if not any(b in named for b in BODIES) and line.body != "常委会" and not sole_own_body(doc, line):
            return False
    if who == "body":
        named = m.group(0) + "".join(ph.context)
        return any(b in named for b in NON_GOVERNMENT)
    return True


def sole_own_body(doc: Document, line) -> bool:
    """Whether the restated line is the only one of its clause about a body of the unit's own, and no
    party committee (常委会) is listed: 县人大常委会会议4次、县政府常务会议2次听取…汇报 (the 人大's count is no field's,
    so the government meeting's is the unit's)."""
    siblings = [d for d in doc.derived if d.origin == line.origin and d.body]
    own = [d for d in siblings if whose(doc.norm[d.start : d.end], doc.unit) not in ("body", "other")]
    return own == [line] and not any(d.body == "常委会" for d in own)


# the later name's own number follows it, maybe after the rest of its words (…法律意见书38份)
_COUNT_NEXT = re.compile(
    r"[^\d、,;:。!?\n一二两三四五六七八九十]{0,6}? ?(?:[约近]|逾|超过)?(?:[\d一二两三四五六七八九十]|百分之)"
)

# 其中涉及民生领域的18件, 涉及征地拆迁的行政复议案件21件: a part of the unit's figure, not the figure;
# 州本级…612件 beside 全州共…4580件: the unit's own level is a part of the whole area's figure.
PART_MARKERS = ("其中", "涉及", "本级")


def _part(doc: Document, ns: int) -> bool:
    """Whether the clause leading to the number (from the previous number on) reads a part."""
    lo = doc.clause(ns)[0]
    lead = doc.norm[lo:ns]
    if lo > 1 and doc.norm[doc.clause(lo - 1)[0] : lo - 1].strip() == "其中":  # 其中，市人民调解中心调解…146件
        return True
    return any(w in lead[after_last_number(lead) :] for w in PART_MARKERS)


# 审核规范性文件和重大行政决策共42件: after the cue's last words another kind is joined to the field's,
# so the number is not the field's alone; a part that names the field's kind (其中规范性文件17件) is.
_JOINED_KIND = re.compile(r"[和及与、][\u4e00-\u9fff]{2}")


def _mixed(doc: Document, ph: Phrasing, m: re.Match, ne: int) -> bool:
    """Whether the words between the phrasing's last cue and its count join another kind into one total:
    a conjunction, and 共/合计 before the number or 其中 after it (宪法、民法典 in what was studied, or
    进乡村、进社区 in where, join no kinds of what is counted)."""
    if ph.ftype != "count" or not ph.gaps or not ph.template.endswith("{n}"):
        return False
    gap = m.group(f"g{ph.gaps - 1}") or ""
    # 共/合计 before the number, 其中 after it, or 等 closing a list of kinds (法治讲座、法律知识竞赛等活动86场次)
    total = any(w in gap for w in ("共", "合计", "总计")) or re.match(r"[,;]?其中", doc.norm[ne : ne + 3])
    total = total or re.search(r"[和及与、][^和及与、]{2,}等", gap)
    # 审查合同和出具法律意见共180件: the other kind is joined before the cue, with no count of its own
    before = doc.norm[max(doc.clause(m.start())[0], m.start() - 12) : m.start()]
    joined_before = (
        re.search(r"[和及与、]$", before)
        and not re.search(r"\d", before)
        and not any(before[:-1].endswith(a) for a in ph.aliases)
    )
    # 法治专题讲座、法治培训班共计15期: every kind joined is one of the field's own names
    others = [x for x in re.split(r"[和及与、]", gap)[1:] if not any(x.startswith(a) for a in ph.aliases)]
    return bool(total and ((_JOINED_KIND.search(gap) and others) or joined_before))


def _number(doc: Document, ph: Phrasing, m: re.Match) -> tuple[int, int, str | None] | None:
    """(where the number starts and ends, its text as ``values.parse`` reads it) — for a
    phrasing with a fixed value the match itself and no text — or None when it is no fact."""
    n = doc.norm
    if not ph.has_number:
        ns, ne = m.start(), m.end()
        if doc.is_not_fact(ns):
            return None
        lo, hi = doc.clause(ns)
        clause = n[lo : max(hi, ne)]
        if any(w in clause for w in NEGATIONS) or any(w in n[lo:ns] for w in AIMS):
            return None
        return ns, ne, None
    said = m.groupdict().get("cnpct")  # 百分之九十八点五: the words are the number and its sign
    ns = m.start("pre") if m.group("pre") else m.start("cnpct" if said else "num")
    ne = m.end("plus") if m.group("plus") else m.end("cnpct" if said else "unit")
    num = said or m.group("num")
    if not said and num[0] not in "0123456789":
        if (
            m.group("unit") not in CN_UNITS
            or (ns > 0 and n[ns - 1] in CN_BAD_BEFORE)
            or (ne < len(n) and n[ne] in CN_BAD_AFTER)
        ):
            return None
    if doc.is_protected(ns) or doc.is_not_fact(ns):
        return None
    if exclusion(doc.unprotected, ns, ne, doc.clause(ns)[0], doc.self_scope, doc.year):
        return None
    raw = raw_value(m.group("pre"), num, m.group("scale"), m.group("more"), m.group("unit") or "%", m.group("plus"))
    return None if raw is None else (ns, ne, raw.replace(",", ""))


def _context(doc: Document, ph: Phrasing, m: re.Match, ns: int) -> int | None:
    """Where the text the number is read with begins: after the last context word before the
    number (in its sentence or paragraph), or None when no context word is there."""
    n = doc.norm
    lo = doc.full_sentence(ns)[0] if ph.within == "sentence" else doc.paragraph(ns)[0]
    before = n[lo : max(ns, m.end())]  # before the number, or within the phrasing itself
    best, best_end = -1, -1
    for w in ph.context:
        k = before.rfind(w)
        if k > best or (k == best and k >= 0 and k + len(w) > best_end):
            best, best_end = k, k + len(w)
    if best < 0:
        return None
    # 县委常委会、县政府常务会议…6次: a context word in a list of subjects shares the number with
    # the others, so what is read runs from the list's start (and meets their words)
    at = lo + best
    clause_start = doc.clause(at)[0]
    head = n[clause_start:at]
    if re.search(r"[、和及与]", head) and not any(c.isdigit() for c in head):  # …常委会会议和县政府常务会议…16次
        return min(clause_start, m.start())
    return min(lo + best_end, m.start())


def _excluded(doc: Document, ph: Phrasing, m: re.Match, ns: int, ne: int) -> bool:
    """Whether the words leading to the number (from the clause start or the previous number
    on) hold one the phrasing excludes."""
    n = doc.norm
    lo = doc.clause(ns)[0]
    phrase = n[m.start() : m.end()]
    state = RESULTING_STATE.search(n[lo:ns])
    if state:  # 由256项精简至198项: 精简 tells how the state was reached, not what the number counts
        a, b = lo + state.start(), lo + state.end()
        lo = b
        if m.start() < b:
            phrase = n[m.start() : max(m.start(), a)] + n[max(b, m.start()) : m.end()]
    lead = n[lo:ns]
    lead = lead[after_last_number(lead) :]
    return any(x in lead + n[ns:ne] + "\n" + phrase for x in ph.exclude)


def _values(
    matches: list[Match], ranges: dict[str, tuple[float | None, float | None]]
) -> list[tuple[Match, float, str]]:
    """Parse every matched number at once with the indicator reader's parser; drop the ones
    that are no value of their field (a count of 7.5, a percent of 175)."""
    fixed = [(mt, float(mt.phrasing.value), "") for mt in matches if not mt.phrasing.has_number]
    numbered = [mt for mt in matches if mt.phrasing.has_number]
    if not numbered:
        return fixed
    frame = pl.DataFrame(
        {
            "raw": [mt.raw for mt in numbered],
            "ftype": [mt.phrasing.ftype for mt in numbered],
            "lo": [ranges[mt.field][0] for mt in numbered],
            "hi": [ranges[mt.field][1] for mt in numbered],
        },
        schema={"raw": pl.String, "ftype": pl.String, "lo": pl.Float64, "hi": pl.Float64},
    )
    parsed = V.parse(frame)
    out = list(fixed)
    for mt, value, qualifier, problem, missing in zip(
        numbered, parsed["value"], parsed["auto_qualifier"], parsed["problem"], parsed["is_missing"]
    ):
        if value is not None and problem is None and not missing:
            out.append((mt, float(value), qualifier or ""))
    return out


def resolve(doc: Document, matches: list[Match], ranges: dict, every: bool = False) -> list[Record]:
    """Each number to its closest phrasing's field; each field its first value (or, with
    ``every``, all of them), in text order."""
    valued = _values(matches, ranges)
    own: dict[object, tuple[Match, float, str]] = {}  # per field and number: its highest-priority, closest phrasing
    for item in valued:
        mt = item[0]
        key = (mt.field, mt.num_start if mt.phrasing.has_number else ("fixed", mt.start), mt.phrasing.shared)
        if key not in own or (-mt.phrasing.priority, mt.rank()) < (-own[key][0].phrasing.priority, own[key][0].rank()):
            own[key] = item
    valued = list(own.values())
    best: dict[object, tuple[Match, float, str]] = {}
    for item in valued:
        mt = item[0]
        key = mt.num_start if mt.phrasing.has_number else ("fixed", mt.field, mt.start)
        if mt.phrasing.shared:  # also this field's value, whichever field is closest to the number
            key = ("shared", mt.field, key)
        if key not in best or item[0].rank() < best[key][0].rank():
            best[key] = item
    won = {(mt.field, mt.num_start) for mt, _, _ in best.values() if not mt.phrasing.shared}
    chosen = sorted(
        (it for it in best.values() if not (it[0].phrasing.shared and (it[0].field, it[0].num_start) in won)),
        key=lambda it: (doc.offset(it[0].num_start), it[0].phrasing.order),  # a restated value keeps its place
    )
    # each field's first value among its highest-priority phrasings, the field's own count before one
    # joined with other kinds, a total before a part
    top: dict[str, tuple[int, bool, bool]] = {}
    for mt, _, _ in chosen:
        top[mt.field] = max(top.get(mt.field, _standing(mt)), _standing(mt))
    records: list[Record] = []
    seen: set[str] = set()
    for mt, value, qualifier in chosen:
        if not every and (mt.field in seen or _standing(mt) < top[mt.field]):
            continue
        seen.add(mt.field)
        rivals = [] if every else [r for r, _, _ in chosen if r.field == mt.field and r is not mt]
        records.append(explain.record(doc, mt, value, qualifier, rivals))
    return records


def _standing(mt: Match) -> tuple[int, bool, bool]:
    """How a match ranks among its field's: priority, then not joined with other kinds, then a total."""
    return (mt.phrasing.priority, not mt.mixed, not (mt.part or mt.scoped or mt.other_meeting))
