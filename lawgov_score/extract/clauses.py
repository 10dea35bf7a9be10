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

from .numbers import COUNTED

_ENDS = ",;:。!?\n"
_RATE_NAME = r"(?:率|比|比例|比率)"
# ... names ... (均|都)?(为|达|达到…)? N%: the names are split at 、 and 和, and each must be a rate's.
_JOINT = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<names>[^\d{_ENDS}]{{4,60}}?{_RATE_NAME})"
    r"(?P<verb>(?:均|都|皆|全部)?(?:为|达到|达|是|保持在|保持|实现)?了? ?)"
    r"(?P<num>[约近]?\d+(?:\.\d+)? ?%(?:以上)?)",
    re.M,
)
_NAME_SEP = re.compile(r"[、和]")
# subject N件、subject N次 … predicate: two or more subjects, each with its count, then words; the
# predicate may stand in the next clause when it opens with what was done (…9次，集中学习…法律法规).
_ITEM = rf"[^\d{_ENDS}、]{{2,30}}?{COUNTED}"
_DONE = r"(?:专题|集中|先后|共同|分别)?(?:研究|学习|听取|审议|部署|学法)"
_SEVERAL = re.compile(
    rf"(?:(?<=[{_ENDS}])|^)(?P<items>{_ITEM}(?:、{_ITEM})+)"
    rf"(?:(?P<pred>[^\d{_ENDS}、]{{2,40}})|,(?P<pred2>{_DONE}[^\d{_ENDS}]{{0,40}}))(?=[{_ENDS}]|$)",
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
    pred = m.group("pred") or m.group("pred2")
    return [(x.group("who") + pred, x.group("n"), base + x.start("n")) for x in items]


def _one(m: re.Match) -> list[tuple[str, str, int]] | None:
    """The same for one meeting whose count stands before what it did (召开4次常委会会议，专题研究…)."""
    k = "1" if m.group("n1") else "2"
    return [(m.group("lead") + m.group(f"who{k}") + m.group("pred"), m.group(f"n{k}"), m.start(f"n{k}"))]


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
    lines: list[tuple[str, int, int, tuple[int, int], str]] = []  # text, number's place, in the report, origin, body
    for rx, split in ((_JOINT, _joint), (_SEVERAL, _several), (_ONE, _one), (_NEXT_LEVEL, _next_level)):
        for m in rx.finditer(n):
            parts = split(m)
            if parts is None or any(chars[at] == " " for _, _, at in parts):
                continue
            sentence = max(n.rfind(c, 0, m.start()) for c in "。!?\n") + 1
            prefix = n[sentence : m.start()]
            bodies = [_body(head) for head, _, _ in parts]
            several = len(parts) > 1 and all(bodies)
            for (head, num, at), body in zip(parts, bodies):
                text = prefix + head.replace(",", "")
                lines.append((text + num, len(text), at, (sentence, m.end()), body if several else ""))
            for _, num, at in parts:
                chars[at : at + len(num)] = re.sub(r"[\d.]", " ", num)
    out = "".join(chars)
    derived: list[Derived] = []
    for text, k, at, origin, body in lines:
        start = len(out) + 1
        out += "\n" + text
        moved[start + k] = moved.get(at, at)
        derived.append(Derived(start, start + len(text), origin, body))
    return out, derived


def line_of(derived: list[Derived], pos: int) -> Derived | None:
    """The line around ``pos`` that restates a clause (None: not such a line)."""
    i = bisect_right([d.start for d in derived], pos) - 1
    return derived[i] if i >= 0 and pos <= derived[i].end else None


def origin_of(derived: list[Derived], pos: int) -> tuple[int, int] | None:
    """The clause of the report that the line around ``pos`` restates (None: not such a line)."""
    line = line_of(derived, pos)
    return line.origin if line else None
