"""Snapshots of rendered output: what officials see must not change by accident.

Run with UPDATE_SNAPSHOTS=1 to accept a deliberate change (and review the diff in git).
"""

import os

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from lawgov_score.cli import app

SNAP = ROOT / "tests" / "snapshots"
EXAMPLE = str(ROOT / "rubrics" / "example.yaml")
EXAMPLE_DATA = str(ROOT / "docs" / "examples" / "example-synthetic.csv")

CASES = {
    "rank-example.txt": ["rank", EXAMPLE_DATA, "-r", EXAMPLE],
    "rank-example.md": ["rank", EXAMPLE_DATA, "-r", EXAMPLE, "-f", "markdown"],
    "rank-example-en.txt": ["rank", EXAMPLE_DATA, "-r", EXAMPLE, "--lang", "en", "--ties", "dense"],
    "score-example-jia.txt": ["score", EXAMPLE_DATA, "-r", EXAMPLE, "--unit", "示例甲县"],
    "gaps-example-yi.txt": ["gaps", EXAMPLE_DATA, "-r", EXAMPLE, "--unit", "示例乙县"],
    "rubric-show-example.txt": ["rubric", "show", EXAMPLE],
    "rank-samples.txt": ["rank", str(ROOT / "samples")],
    "rank-synthetic-city-2024.txt": [
        "rank",
        str(ROOT / "samples" / "synthetic-city"),
        "--year",
        "2024",
        "--by",
        "city",
        "--no-dimensions",
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_snapshot(name):
    r = CliRunner().invoke(app, CASES[name])
    assert r.exit_code == 0, r.output
    path = SNAP / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(r.stdout, encoding="utf-8")
    assert r.stdout == path.read_text(encoding="utf-8")
