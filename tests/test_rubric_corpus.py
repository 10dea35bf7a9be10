"""The corpus of broken rubrics: one defect per file, each naming the code and line it must give.

A corpus file starts with `# expect: CODE LINE` (the line in this file), `# expect: CODE -`
(the file as a whole, no line: an empty file) or `# expect: CODE path/to/other.yaml:LINE` (a
file it loads, relative to it).  The test runs `rubric check --strict --format json` on it and
wants exactly the expected codes, at the expected places, and exit code 1: whatever is wrong in
a file that is there is a problem the check found, never bad usage (exit 2).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_score.cli import app
from lawgov_score.core.problems import CATALOGUE

CORPUS = Path(__file__).parent / "corpus" / "rubrics"
FILES = sorted(CORPUS.glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (?P<code>[EW]-[A-Z-]+) (?:(?P<file>\S+):)?(?P<line>\d+|-)\s*$")
# What a message must never show: the loader's own classes, or Python's names for YAML's kinds.
CLASS_NAME = re.compile(r"\b(LList|LDict|_FieldRef|dict|list|NoneType|str|int|float|bool)\b")

# Defects the corpus must hold (file stem → code), and every code `rubric lint` adds.
REQUIRED = {
    "malformed-yaml": "E-YAML",
    "duplicate-key": "E-YAML-DUPKEY",
    "unknown-field": "E-FIELD-UNKNOWN",
    "unknown-rule-type": "E-RULE-TYPE",
    "negative-points": "E-POINTS",
    "duplicate-id": "E-ID-DUP",
    "extends-cycle": "E-EXTENDS-CYCLE",
    "unknown-key-typo": "E-KEY-UNKNOWN",
    "thresholds-out-of-order": "E-RULE-ORDER",
    "percent-target-120": "E-RULE",
    "unknown-cap-grade": "E-GRADE",
    "bad-formula": "E-FORMULA",
    "formula-cycle": "E-FORMULA-CYCLE",
    "tabs": "E-YAML",
    "python-object-tag": "E-YAML-TAG",
    "alias-bomb": "E-YAML-ALIAS",
    "truncated-yaml": "E-YAML",
    "garbled-yaml": "E-YAML",
    "formula-divides-by-zero": "W-NEVER-SCORES",
    "field-formula-divides-by-zero": "W-NEVER-SCORES",
    "bands-top-below-points": "W-NEVER-SCORES",
    "rank-top-below-points": "W-NEVER-SCORES",
    "deduct-cap-above-points": "W-CAP",
    "failed-child-no-points-sum": "E-RULE-TYPE",
    "failed-child-points-unknown": "E-TYPE",
    "points-a-list": "E-TYPE",
    "fields-file-missing": "E-FILE",
    "empty-rubric": "E-FILE",
    "within-unknown-group": "E-TYPE",
    "impute-yes-no-by-mean": "W-TREAT-IMPUTE-FRACTION",
}
LINT_CODES = {
    "W-EVIDENCE",
    "W-NEVER-SCORES",
    "W-NAME-DUP",
    "W-CAP",
    "W-BONUS",
    "W-VETO",
    "W-GRADE",
    "W-WEIGHT",
    "E-WAIVER",
    "W-WAIVER-UNUSED",
    "W-POINTS-SUM",
    "W-TOTAL",
    "W-TREAT-IMPUTE-FRACTION",
}


def expectations(path: Path) -> list[tuple[str, Path, int]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = EXPECT.match(line)
        if not m:
            break
        target = (path.parent / m["file"]).resolve() if m["file"] else path.resolve()
        out.append((m["code"], target, None if m["line"] == "-" else int(m["line"])))
    return out


def test_corpus_is_complete():
    declared = {f.stem: {c for c, _, _ in expectations(f)} for f in FILES}
    for stem, code in REQUIRED.items():
        assert stem in declared, f"corpus lacks {stem}.yaml"
        assert code in declared[stem], f"{stem}.yaml should expect {code}"
    found = set().union(*declared.values())
    assert LINT_CODES <= found, f"no corpus file for {sorted(LINT_CODES - found)}"
    assert found <= set(CATALOGUE)


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_corpus_file(path: Path):
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect: CODE LINE' first line"
    result = CliRunner().invoke(app, ["rubric", "check", "--strict", "--format", "json", str(path)])
    assert result.exit_code == 1, result.output
    [entry] = json.loads(result.stdout)
    got = [(p["code"], Path(p["path"]).resolve(), p["line"]) for p in entry["problems"]]
    assert {c for c, _, _ in got} == {c for c, _, _ in expected}, f"one defect per file: got {got}"
    for exp in expected:
        assert exp in got, f"expected {exp}, got {got}"
    for p in entry["problems"]:
        assert p["severity"] == CATALOGUE[p["code"]].severity
        assert p["message"] and "{" not in p["message"]
        assert not CLASS_NAME.search(p["message"]), p["message"]


ERROR_FILES = [
    f for f in FILES if any(c.startswith("E-") and c not in LINT_CODES for c, _, _ in expectations(f))
]  # lint runs in `rubric check` only


@pytest.mark.parametrize("path", ERROR_FILES, ids=[f.stem for f in ERROR_FILES])
def test_scoring_with_a_broken_rubric_writes_nothing(tmp_path: Path, path: Path):
    """The commands that score stop at a broken rubric: exit 2, its problems on stderr, no
    traceback, no output file; the rubric file itself is untouched."""
    before = path.read_bytes()
    out = tmp_path / "排名.csv"
    result = CliRunner().invoke(app, ["rank", "-r", str(path), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "E-INTERNAL" not in result.output
    codes = {c for c, _, _ in expectations(path) if c.startswith("E-") and c not in LINT_CODES}
    assert any(f": {c}: " in line for line in result.stderr.splitlines() for c in codes), result.stderr
    assert list(tmp_path.iterdir()) == [] and path.read_bytes() == before


def test_a_50_mb_rubric_is_refused_at_once(tmp_path: Path):
    """Not parsed at all: the size alone says it is not a rubric (a real one is ~100 KB)."""
    import time

    big = tmp_path / "huge.yaml"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("id: huge\nname: 巨大细则\nitems:\n")
        line = '  - {id: "x", name: 填充, points: 1, field: rate, rule: {type: boolean}}\n'
        fh.write(line * (50 * 1024 * 1024 // len(line.encode("utf-8")) + 1))
    assert big.stat().st_size >= 50 * 1024 * 1024
    start = time.perf_counter()
    result = CliRunner().invoke(app, ["rubric", "check", "--format", "json", str(big)])
    # a guard against reading it all (minutes), not a speed target: generous for a loaded machine
    assert time.perf_counter() - start < 60
    assert result.exit_code == 1, result.output  # a problem of a file that is there: found, not bad usage
    [entry] = json.loads(result.stdout)
    [p] = entry["problems"]
    assert p["code"] == "E-FILE" and "文件过大（50 MB）" in p["message"] and p["path"].endswith("huge.yaml")


def test_the_alias_bomb_fails_fast():
    import time

    start = time.perf_counter()
    result = CliRunner().invoke(app, ["rubric", "check", str(CORPUS / "alias-bomb.yaml")])
    assert result.exit_code == 1 and "E-YAML-ALIAS" in result.output
    # the node budget stops it; expanding it would take far longer (a guard, not a speed target)
    assert time.perf_counter() - start < 60
