"""The words of the tool: every sentence a command shows, in Chinese and English, by key.

Problems have their own catalogue (``core.problems``: codes, severities, templates); this one
holds everything else a person reads: summary lines, notes on stderr, status and cause words,
sheet titles.  A view asks ``say("gaps.lost", lang, lost=…)`` and never branches on the language
itself, so ``--lang en`` output carries no Chinese of the tool's own (rubric and field names stay
as the rubric writes them).

Sentences are grouped by subject, one module each (``common``, ``scoring``, ``analysis``,
``rubric``, ``extract``, ``data``); each calls ``define`` for its subjects.  A key is
``subject.name``.  A missing parameter renders as empty; an unknown key raises ``KeyError`` at
once (and a test checks every literal key used in the package).
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Msg:
    """One sentence in both languages (``str.format`` templates with named parameters)."""

    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        """The template in ``lang`` (anything but ``en`` is Chinese)."""
        return self.en if lang == "en" else self.zh


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:  # a template never crashes on a missing parameter
        return ""


MESSAGES: dict[str, Msg] = {}


def define(subject: str, entries: dict[str, tuple[str, str]]) -> None:
    """Add one subject's sentences: ``define("gaps", {"lost": (zh, en)})`` makes ``gaps.lost``."""
    for name, (zh, en) in entries.items():
        key = f"{subject}.{name}"
        if key in MESSAGES:
            raise ValueError(f"message {key} is defined twice")
        MESSAGES[key] = Msg(zh, en)


def say(key: str, lang: str = "zh", /, **params) -> str:
    """The sentence ``key`` in ``lang`` with its parameters filled in."""
    return MESSAGES[key].text(lang).format_map(_Defaulting(params))


def words(prefix: str, lang: str = "zh") -> dict[str, str]:
    """Every entry under ``prefix.`` as {the rest of its key: text}: a status or cause mapping."""
    n = len(prefix) + 1
    return {k[n:]: m.text(lang) for k, m in MESSAGES.items() if k.startswith(prefix + ".")}


from . import analysis, audit, common, data, extract, help, methods, output, rubric, scoring  # noqa: E402,F401  (each defines its sentences)
