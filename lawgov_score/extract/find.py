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
from .subjects import NON_GOVERNMENT, below

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
    for ph in phrasings:
        found: dict[int, Match] = {}
        # a phrasing with a number is looked for only in the sentences that hold a counted number
        for lo, hi in doc.counted if ph.has_number else everywhere:
            pos = lo
            while True:
                m = ph.regex.search(doc.norm, pos, hi)
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
    return [
        mt
        for mt in out
        if not mt.phrasing.single
        or len(singles[(mt.phrasing.field, mt.phrasing.group, doc.sentence(mt.num_start))]) == 1
    ]


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
        if not any(b in named for b in BODIES) and line.body != "常委会":
            return False
    if who == "body":
        named = m.group(0) + "".join(ph.context)
        return any(b in named for b in NON_GOVERNMENT)
    return True


_COUNT_NEXT = re.compile(r" ?(?:[约近]|逾|超过)?(?:[\d一二两三四五六七八九十]|百分之)")

# 其中涉及民生领域的18件, 涉及征地拆迁的行政复议案件21件: a part of the unit's figure, not the figure;
# 州本级…612件 beside 全州共…4580件: the unit's own level is a part of the whole area's figure.
PART_MARKERS = ("其中", "涉及", "本级")


def _part(doc: Document, ns: int) -> bool:
    """Whether the clause leading to the number (from the previous number on) reads a part."""
    lead = doc.norm[doc.clause(ns)[0] : ns]
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
    total = any(w in gap for w in ("共", "合计", "总计")) or re.match(r"[,;]?其中", doc.norm[ne : ne + 3])
    return bool(total and _JOINED_KIND.search(gap))


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
    if "、" in head and not any(c.isdigit() for c in head):
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
        key=lambda it: (it[0].num_start, it[0].phrasing.order),
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
    return (mt.phrasing.priority, not mt.mixed, not mt.part)
