"""The field dictionary's phrasings → regular expressions.

A phrasing is written as the report writes it: ``受理行政复议案件…{n}``.  ``{n}`` is the number
with its qualifiers and counting word, ``…`` up to 24 characters of the same clause (no digits,
no ，。；!?), ``{alias}`` any of the field's aliases; everything else is literal text, compared
after full-width forms are made half-width (so ``，`` and ``,`` are the same).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rubric.model import ExtractPattern, FieldDef
from .numbers import MEASURES, normalise, number_regex, unit_words

GAP_MAX = 24  # 审核以市政府或市政府办公室名义印发的行政规范性文件23件: modifiers run long
GAP = rf"[^\d,;。!?\n]{{0,{GAP_MAX}}}?"
NUMERIC = ("number", "percent", "count")


@dataclass(frozen=True)
class Phrasing:
    """One compiled phrasing of one field."""

    field: str
    ftype: str
    template: str
    pattern: str  # its regex, compiled when first searched with (``regex``)
    gaps: int  # how many … it has (their lengths measure how close cue and number are)
    has_number: bool
    value: float | None
    context: tuple[str, ...]
    within: str
    breaks: tuple[str, ...]
    exclude: tuple[str, ...]
    single: bool
    priority: int
    avoid: tuple[str, ...]
    shared: bool
    group: int  # which pattern entry of the field it comes from
    order: int  # position in the dictionary, to break ties the same way every time
    aliases: tuple[str, ...] = ()  # the field's names, normalised: a total of two of them is still the field's
    # characters every match holds (its literal text): a sentence without one of them need not be searched
    needs: frozenset[str] = frozenset()

    @property
    def regex(self) -> re.Pattern:
        """The compiled regex."""
        return _compiled(self.pattern)


# Compiling a phrasing's regex takes milliseconds (its number part is long) and a dictionary has hundreds:
# each is compiled once per process, and only when a sentence may hold it.
@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def default_patterns(f: FieldDef) -> list[ExtractPattern]:
    """What a field without ``patterns`` is read by: each alias, followed by the number."""
    if f.patterns is not None:
        return list(f.patterns)
    return [ExtractPattern(match=[f"{a}…{{n}}" for a in f.aliases])] if f.aliases else []


def compile_fields(fields: dict[str, FieldDef]) -> list[Phrasing]:
    """The phrasings of every numeric field of a dictionary (its ``phrasings`` and names)."""
    out: list[Phrasing] = []
    for f in fields.values():
        if f.type not in NUMERIC:
            continue
        for group, p in enumerate(default_patterns(f)):
            units = list(p.units) if p.units else unit_words(f.unit, f.type)
            for t in p.match:
                rx, gaps = template_regex(t, f.aliases, units)
                needs = literal_chars(t)
                out.append(
                    Phrasing(
                        field=f.id,
                        ftype=f.type,
                        template=t,
                        pattern=rx,
                        gaps=gaps,
                        has_number="{n}" in t,
                        value=p.value,
                        context=tuple(normalise(w) for w in p.context),
                        within=p.within,
                        breaks=tuple(normalise(w) for w in p.breaks),
                        exclude=tuple(normalise(w) for w in p.exclude),
                        single=p.single,
                        priority=p.priority,
                        avoid=tuple(normalise(w) for w in p.avoid),
                        shared=p.shared,
                        group=group,
                        order=len(out),
                        aliases=tuple(normalise(a) for a in f.aliases),
                        needs=needs,
                    )
                )
    return out


# A name may be written in quotation marks, whole or in part (“一网通办”率, “法治大讲堂”): between two
# characters of a phrasing's text a quotation mark may stand.
_QUOTE_MARK = '["“”‘’「」]?'


def _literal(text: str) -> str:
    out = []
    for i, c in enumerate(text):
        if i and "\u4e00" <= c <= "\u9fff" and "\u4e00" <= text[i - 1] <= "\u9fff":
            out.append(_QUOTE_MARK)
        out.append(" ?" if c == " " else re.escape(c))
    return "".join(out)


def _parts(template: str) -> list[str]:
    """A phrasing cut into its placeholders ({n}, {alias}, …) and its literal pieces."""
    t = normalise(template).replace("...", "…")
    return [p for p in re.split(r"(\{n\}|\{alias\}|…)", t) if p != ""]


def literal_chars(template: str) -> frozenset[str]:
    """The characters of a phrasing's literal text (spaces aside, they are optional): every match holds each."""
    out: set[str] = set()
    for p in _literal_pieces(_parts(template)):
        out.update(c for c in p if c != " ")
    return frozenset(out)


def _literal_pieces(parts: list[str]) -> list[str]:
    """The literal pieces of a phrasing, without the counting word that ``template_regex`` reads with {n}."""
    pieces = []
    for i, p in enumerate(parts):
        if p in ("{n}", "{alias}", "…"):
            continue
        if i and parts[i - 1] == "{n}":
            word = _counting_word(p)
            if word is not None:
                p = p[len(word) :]
        pieces.append(p)
    return pieces


def _counting_word(text: str) -> str | None:
    """The counting word a literal piece after {n} opens with (份 of 份合法性审查意见书), or None."""
    return next((m for m in sorted(MEASURES, key=len, reverse=True) if text.startswith(m)), None)


def template_regex(template: str, aliases: list[str], units: list[str]) -> tuple[str, int]:
    """The regex of one phrasing, and how many gaps it has (named g0, g1 …)."""
    parts = _parts(template)
    out: list[str] = []
    gaps = 0
    i = 0
    while i < len(parts):
        p = parts[i]
        if p == "{n}":
            chosen = units
            nxt = parts[i + 1] if i + 1 < len(parts) else ""
            if nxt not in ("…", "{alias}"):
                word = _counting_word(nxt)
                if word is not None:  # the phrasing names its counting word: {n}份合法性审查意见书
                    chosen = [word]
                    parts[i + 1] = nxt[len(word) :]
            out.append(number_regex(chosen))
        elif p == "{alias}":
            names = sorted({normalise(a) for a in aliases}, key=len, reverse=True)
            out.append("(?:" + "|".join(_literal(a) for a in names) + ")")
        elif p == "…":
            out.append(f"(?P<g{gaps}>{GAP})")
            gaps += 1
        else:
            out.append(_literal(p))
        i += 1
    return "".join(out), gaps
