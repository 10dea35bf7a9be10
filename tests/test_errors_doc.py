"""docs/errors.md documents every problem code, each with an example line that fits its message."""

from __future__ import annotations

import re
from pathlib import Path

from lawgov_score.core.problems import CATALOGUE

DOC = Path(__file__).resolve().parent.parent / "docs" / "errors.md"
LINE = re.compile(r"^(?:(?P<loc>\S+): )?(?P<code>[EW]-[A-Z-]+): (?P<msg>.+)$")
EXTRA = {"E-INTERNAL"}  # printed by the command line itself, not a catalogue entry


def sections() -> dict[str, list[str]]:
    """code → the example lines in the code blocks under its heading."""
    out: dict[str, list[str]] = {}
    code = None
    fenced = False
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            code = line[4:].strip()
            out[code] = []
        elif line.startswith("```"):
            fenced = not fenced
        elif fenced and code is not None and LINE.match(line):
            out[code].append(line)
    return out


def template_regex(template: str) -> re.Pattern:
    parts = re.split(r"\{[a-z_]+\}", template)
    body = ".+?".join(re.escape(p) for p in parts)
    return re.compile(f"^{body}(（是否应为“.+?”？）)?$")


def test_every_code_is_documented():
    documented = set(sections())
    missing = sorted(set(CATALOGUE) - documented)
    assert not missing, f"docs/errors.md lacks: {missing}"
    assert documented - set(CATALOGUE) <= EXTRA


def test_every_example_fits_its_code_and_message():
    for code, lines in sections().items():
        assert lines, f"{code} has no example line"
        for line in lines:
            m = LINE.match(line)
            assert m["code"] == code, line
            if code in CATALOGUE:
                assert template_regex(CATALOGUE[code].zh).match(m["msg"]), (
                    f"{line!r} does not fit {CATALOGUE[code].zh!r}"
                )


def test_template_regex_is_strict():
    rx = template_regex(CATALOGUE["E-POINTS"].zh)
    assert rx.match("项目 1「甲」：分值 -5 无效：分值须为不小于 0 的数")
    assert not rx.match("项目 1「甲」：分值 -5 无效")


def test_catalogue_examples_fit_their_messages():
    for code, entry in CATALOGUE.items():
        if entry.example:
            m = LINE.match(entry.example)
            assert m and m["code"] == code, entry.example
            assert template_regex(entry.zh).match(m["msg"]), entry.example
