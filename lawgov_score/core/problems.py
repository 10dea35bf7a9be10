"""Problems: every finding has a stable code from one catalogue, a severity and a location.

Problems are collected, never raised one at a time: a loader or a check returns a ``Report``
holding all of them, and the caller decides.  The exit code of the CLI comes from the report
(frictionless style).  Messages are kept as templates per language so the same finding reads
in Chinese (default) or English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .catalogue import CATALOGUE, Code, Severity  # noqa: F401  (Code and Severity: the public names)
from .messages import MESSAGES, say


def lookup(code: str) -> Code:
    """The catalogue entry of ``code`` (``KeyError`` for a code that does not exist)."""
    return CATALOGUE[code]


@dataclass(frozen=True)
class Said:
    """A parameter put in words when its problem is shown, in the reader's language: a sentence
    of ``core.messages`` and its own language-neutral parameters (ids, numbers, names the user
    wrote, or other ``Said``).  A reason such as "the file does not exist" travels so, never as
    Chinese text, and ``--lang en`` says it in English.  ``str()`` gives the Chinese."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "zh") -> str:
        """The sentence in ``lang``, its parameters said in ``lang`` too."""
        return say(self.key, lang, **{k: in_words(v, lang) for k, v in self.params})

    def __str__(self) -> str:
        return self.text("zh")


def said(key: str, /, **params) -> Said:
    """A problem parameter in words: ``problem("E-DATA-FILE", path, reason=said("file.missing"))``.
    An unknown key raises ``KeyError`` at once; a list or tuple parameter is said as a list."""
    if key not in MESSAGES:
        raise KeyError(f"unknown message {key}")
    return Said(key, tuple((k, _fmt(v)) for k, v in params.items()))


def in_words(value, lang: str = "zh") -> str:
    """A parameter as shown in ``lang``: a ``Said`` in that language, a list joined with the
    language's separator (、 or a comma), anything else as it is."""
    if isinstance(value, Said):
        return value.text(lang)
    if isinstance(value, tuple):
        return say("list.sep", lang).join(in_words(v, lang) for v in value)
    return value


@dataclass(frozen=True)
class Problem:
    """One finding.  ``path`` is the file, ``line`` a 1-based line or data row, ``column`` a
    data column name.  ``params`` fill the catalogue template: text, or ``Said`` words and
    lists of them, which are said in the language the message is shown in."""

    code: str
    path: str = ""
    line: int | None = None
    column: str | None = None
    params: tuple[tuple[str, str | Said | tuple], ...] = ()

    @property
    def severity(self) -> Severity:
        """``error`` or ``warning``, as the catalogue says for the code."""
        return CATALOGUE[self.code].severity

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``en``; anything else is Chinese), without the location."""
        entry = CATALOGUE[self.code]
        template = entry.en if lang == "en" else entry.zh
        params = {k: in_words(v, lang) for k, v in self.params}
        if lang == "en":  # a parameter given in English too (``where_en``) reads so in an English message
            params.update({k[:-3]: in_words(v, lang) for k, v in self.params if k.endswith("_en")})
        text = template.format_map(_Defaulting(params))
        # A suggestion is stored as a bare word so it can be phrased in either language.
        if params.get("suggestion"):
            word = params["suggestion"]
            text += f"（是否应为“{word}”？）" if lang != "en" else f" (did you mean '{word}'?)"
        return text

    def location(self) -> str:
        """``path:line:column``, each part only where known."""
        parts = [self.path] if self.path else []
        if self.line is not None:
            parts.append(str(self.line))
        if self.column:
            parts.append(self.column)
        return ":".join(parts)

    def render(self, lang: str = "zh") -> str:
        """The one line a user reads: ``path:line:column: CODE: message``."""
        loc = self.location()
        head = f"{loc}: " if loc else ""
        return f"{head}{self.code}: {self.message(lang)}"

    def to_dict(self, lang: str = "zh") -> dict:
        """The record ``--format json`` prints for the problem."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message(lang),
        }


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:  # a template never crashes on a missing parameter
        return ""


def problem(code: str, path: str = "", line: int | None = None, column: str | None = None, **params) -> Problem:
    """A problem of catalogue ``code`` at ``path:line:column``; ``params`` fill its templates
    (text and numbers, or ``said(...)`` words for what must read in the reader's language)."""
    if code not in CATALOGUE:
        raise KeyError(f"unknown problem code {code}")
    return Problem(code, str(path), line, column, tuple((k, _fmt(v)) for k, v in params.items()))


def _fmt(value) -> str | Said | tuple:
    if isinstance(value, Said):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_fmt(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Report:
    """All problems found by one load or check, in the order found."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, p: Problem) -> None:
        """Add one problem."""
        self.problems.append(p)

    def extend(self, ps: Iterable[Problem]) -> None:
        """Add problems, in their order."""
        self.problems.extend(ps)

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that are warnings."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """No error (warnings allowed)."""
        return not self.errors

    def sorted(self) -> list[Problem]:
        """The problems by file, line, column and code (where none is known: last)."""
        return sorted(
            self.problems,
            key=lambda p: (p.path, p.line if p.line is not None else float("inf"), p.column or "", p.code),
        )

    def render(self, lang: str = "zh") -> str:
        """Every problem on its own line, sorted."""
        return "\n".join(p.render(lang) for p in self.sorted())

    def passed(self, strict: bool = False) -> bool:
        """No error (and, ``strict``, no warning either): what a check counts as passing."""
        return not (self.errors or (strict and self.warnings))

    def to_dict(self, lang: str = "zh") -> list[dict]:
        """Every problem as a record (path, line, column, code, severity, message), in file order."""
        return [p.to_dict(lang) for p in self.sorted()]


class ProblemError(Exception):
    """Raised by the library when input cannot be used; carries the whole report."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__(report.render())

    @classmethod
    def one(cls, code: str, path: str = "", line: int | None = None, column: str | None = None, **params):
        """The error of a single problem: ``raise ProblemError.one("E-USAGE-UNIT", unit=…)``."""
        return cls(Report([problem(code, path, line, column, **params)]))


def failure_text(exc: BaseException, limit: int = 200) -> str:
    """The first line of what a library said when it failed on bad input (its own words, often
    English), cut to ``limit`` characters: the ``error`` of a reason such as "cannot be read as a
    table: {error}"."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:limit]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The closest choice to a misspelt word, or '' (pass it as ``suggestion=``)."""
    import difflib

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.7)
    return close[0] if close else ""
