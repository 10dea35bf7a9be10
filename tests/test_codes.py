"""Every problem code and message key the package names is in its catalogue.

A code passed to ``problem("E-…")`` or ``ProblemError.one("E-…")`` is looked up only when the
problem is made, so a misspelt one would fail at run time, on the one input that reaches it.
These tests read the source instead (an AST walk over every module), so a typo fails here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from lawgov_score.core.messages import MESSAGES
from lawgov_score.core.problems import CATALOGUE, ProblemError, Said, problem, said

PACKAGE = Path(__file__).resolve().parent.parent / "lawgov_score"
CODE = re.compile(r"^[EW]-[A-Z0-9]+(?:-[A-Z0-9]+)*$")
PRINTED_BY_THE_CLI = {"E-INTERNAL"}  # not a problem: the line a crash prints (docs/errors.md)
CODE_CALLS = {"problem", "one"}  # problem(code, …), ProblemError.one(code, …)
KEY_CALLS = {"said", "say"}  # said(key, …), say(key, lang, …)
# a template page's own say(key) reads scoring.template.<key> (output.template.TemplatePage.say)
PAGE_SAY = {"page": "scoring.template.", "self": "scoring.template."}


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _first_literal(call: ast.Call) -> ast.Constant | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0]
    return None


def literals(source: str, calls: set[str]) -> list[tuple[int, str]]:
    """(line, text) of every string literal passed first to a call named in ``calls``."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _name(node.func) in calls and (lit := _first_literal(node)):
            owner = (
                node.func.value.id
                if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                else ""
            )
            out.append((lit.lineno, PAGE_SAY.get(owner, "") + lit.value if _name(node.func) == "say" else lit.value))
    return out


def code_shaped(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal that looks like a problem code (E-X, W-X-Y …),
    wherever it stands: passed through a variable, a helper (``self.add("W-…")``) or a mapping."""
    return [
        (n.lineno, n.value)
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and CODE.match(n.value)
    ]


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE.parent), path.read_text(encoding="utf-8")


def _unknown(calls: set[str], known) -> tuple[int, list[str]]:
    """(how many literals the walk found passed to ``calls``, those not in ``known``)."""
    found = [(path, line, text) for path, source in _modules() for line, text in literals(source, calls)]
    return len(found), [f"{path}:{line}: {text}" for path, line, text in found if text not in known]


def test_every_code_passed_to_problem_is_in_the_catalogue():
    found, unknown = _unknown(CODE_CALLS, CATALOGUE)
    assert found > 100  # the walk sees the package's calls (there are a few hundred)
    assert not unknown, "codes not in core/catalogue CATALOGUE:\n" + "\n".join(unknown)


def test_every_code_named_anywhere_is_in_the_catalogue():
    unknown = [
        f"{path}:{line}: {code}"
        for path, source in _modules()
        for line, code in code_shaped(source)
        if code not in CATALOGUE and code not in PRINTED_BY_THE_CLI
    ]
    assert not unknown, "code-shaped strings not in the catalogue:\n" + "\n".join(unknown)


def test_every_message_key_named_is_defined():
    found, unknown = _unknown(KEY_CALLS, MESSAGES)
    assert found > 50
    assert not unknown, "message keys not defined in core/messages:\n" + "\n".join(unknown)


def test_the_walk_catches_a_typo():
    source = 'p = problem("E-DATA-FLIE", path)\nraise ProblemError.one("E-USAGE-UNIT", unit=u)\nsaid("file.mising")'
    assert literals(source, CODE_CALLS) == [(1, "E-DATA-FLIE"), (2, "E-USAGE-UNIT")]
    assert literals(source, KEY_CALLS) == [(3, "file.mising")]
    assert [c for _, c in code_shaped('x = {"a": "W-ALONE", "b": "E-NOPE", "c": "E-mail"}')] == ["W-ALONE", "E-NOPE"]


def test_an_unknown_code_or_key_fails_at_once():
    for make in (lambda: problem("E-NO-SUCH-CODE"), lambda: ProblemError.one("E-NO"), lambda: said("no.such")):
        try:
            make()
        except KeyError:
            continue
        raise AssertionError("an unknown code or key was accepted")


def test_said_words_follow_the_language_of_the_message():
    p = problem("E-DATA-GRADE", "d.csv", 3, "value", value="甲", field="f", levels=("优秀", "良好"))
    assert p.message("zh").endswith("可填：优秀、良好") and p.message("en").endswith("use one of: 优秀, 良好")
    reason = said("list.sep")
    assert isinstance(reason, Said) and reason.text("zh") == "、" and str(reason) == "、"
