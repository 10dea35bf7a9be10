"""What a reviewer sees of a value read from a report: the quote with the number marked, the
whole sentence, a confidence to sort by, and why it was taken (``--explain``).

The confidence is an ordering aid, not a probability: it starts high and drops for what makes a
reading less direct (words between the name and the number, a clause restated per subject, a
part, a lower bound or an estimate), so that a reviewer reads the doubtful rows first.
"""

from __future__ import annotations

import re

from .clauses import BODIES
from .record import Record

_NUMERAL = re.compile(
    r"(?:大约|将近|接近|约|近|逾|超过)?\s*"
    r"(?:百分之[零〇一二两三四五六七八九十百千点]+|[\d０-９][\d０-９,，.．]*|[零〇一二两三四五六七八九十百千]+)"
)
# a number written otherwise than in half-width digits: Chinese numerals, 百分之…, full-width digits
_WRITTEN = re.compile(r"[零〇一二两三四五六七八九十百千]|[０-９]")
SENTENCE_MAX = 240  # characters of context shown around the number in a very long sentence


def record(doc, mt, value: float, qualifier: str, rivals: list) -> Record:
    """The record of the match ``mt`` (its value parsed), with what the review sheet shows.
    ``rivals``: the other readings of the same field that were not taken."""
    quote = doc.quote(min(mt.start, mt.num_start), max(mt.end, mt.num_end))
    offset = doc.offset(mt.num_start)
    return Record(
        doc.source,
        doc.unit or doc.stem,
        doc.year,
        mt.field,
        value,
        quote,
        offset,
        qualifier,
        marked=_marked(doc.text, quote, offset, mt.phrasing.has_number),
        sentence=_sentence(doc, offset),
        confidence=_confidence(doc, mt, qualifier),
        why=tuple(_why(doc, mt, value, rivals)),
        page=doc.page(offset),
    )


def _marked(text: str, quote: str, offset: int, has_number: bool) -> str:
    """The quote with the number read marked 〖…〗 (as it stands in the report)."""
    if not has_number:
        return quote
    m = _NUMERAL.match(text, offset)
    length = m.end() - offset if m and m.end() > offset else 1
    at = text.find(quote, max(0, offset - len(quote)))
    while at != -1 and at <= offset:
        if offset + length <= at + len(quote):
            k = offset - at
            return quote[:k] + "〖" + quote[k : k + length] + "〗" + quote[k + length :]
        at = text.find(quote, at + 1)
    return quote


def _sentence(doc, offset: int) -> str:
    """The whole sentence the number stands in (up to 。！？ or the line end), cut around the
    number when it is very long."""
    lo, hi = doc.full_sentence(offset)
    lo, hi = max(lo, offset - SENTENCE_MAX // 2), min(hi, offset + SENTENCE_MAX // 2)
    return doc.text[lo:hi].strip()


def _confidence(doc, mt, qualifier: str) -> float:
    c = 0.97 - 0.01 * min(mt.distance, 24)
    if doc.origin(mt.num_start) is not None:
        c -= 0.08
    if mt.part or mt.mixed:
        c -= 0.05
    if mt.phrasing.context:
        c -= 0.03
    if qualifier:
        c -= 0.03
    return round(max(c, 0.5), 2)


def _why(doc, mt, value: float, rivals: list):
    ph = mt.phrasing
    yield "extract.why.phrasing", {"template": ph.template}
    if ph.context:
        yield "extract.why.context", {"words": "、".join(ph.context)}
    if doc.origin(mt.num_start) is not None:
        line = doc.restated(mt.num_start)
        yield "extract.why.named_part" if line.named_part else "extract.why.restated", {}
        if not any(b in mt.phrasing.template + "".join(ph.context) for b in BODIES):
            if line.body == "常委会":
                yield "extract.why.committee", {}
            elif line.body:
                yield "extract.why.sole_own_body", {}
    elif any(a <= mt.num_start < b for a, b in doc.paired):
        yield "extract.why.respectively", {}
    elif doc.offset(mt.num_start) != mt.num_start:
        yield "extract.why.table", {}
    if ph.shared:
        yield "extract.why.shared", {}
    if mt.part:
        yield "extract.why.part", {}
    if mt.mixed:
        yield "extract.why.mixed", {}
    elif any(r.mixed for r in rivals):
        yield "extract.why.not_mixed", {}
    if ph.has_number:
        said = _NUMERAL.match(doc.text, doc.offset(mt.num_start))
        if said and _WRITTEN.search(said.group(0)):
            yield "extract.why.written", {"text": said.group(0).strip(), "value": f"{value:g}"}
        over = re.match(r"逾|超过", doc.norm[mt.num_start : mt.num_end])
        if over:
            yield "extract.why.over", {"word": over.group(0)}
    if ph.priority < 0:
        yield "extract.why.stand_in", {}
    if any(r.phrasing.priority < ph.priority for r in rivals):
        yield "extract.why.priority", {}
    if any(r.other_meeting for r in rivals) and not mt.other_meeting:
        # several meetings' own clauses in one sentence: the party committee's (as in one clause); else the
        # meeting the field's name names
        yield "extract.why.committee" if doc.restated(mt.num_start) is None else "extract.why.own_meeting", {}
    if any(r.scoped for r in rivals) and not mt.scoped:
        yield "extract.why.whole_unit", {}
    if any(r.part and not mt.part for r in rivals):
        yield "extract.why.total", {}
    elif any(doc.offset(r.num_start) > doc.offset(mt.num_start) for r in rivals):
        yield "extract.why.first", {"others": len(rivals)}
