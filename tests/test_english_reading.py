"""`--lang en`: what reading and scoring say carries no Chinese of the tool's own.

Each broken file of the data corpus (tests/corpus/data/) is refused with one line; in English that
line may quote the file (a value, a field name, a unit) but says the rest in English.  The same for
what the YAML reader, the report reader, the folder expander and git say, for the checks across
fields (constraints, derived values) and for scoring's warning W-ALONE.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from english import CJK, tool_chinese
from helpers import data
from test_consistency import _rubric
from test_data_corpus import CORPUS, REFUSED, RUBRIC
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app
from lawgov_score.core import yamlsafe
from lawgov_score.core.gitrev import materialise
from lawgov_score.core.paths import expand
from lawgov_score.core.problems import ProblemError, Report, said
from lawgov_score.data.decode import decode
from lawgov_score.extract.sources import read_report, report_files

ROOT = Path(__file__).resolve().parent.parent


def foreign(text: str, rubric: Path = RUBRIC, own: str = "") -> list[str]:
    """The Chinese of ``text`` that is neither the rubric's own words (names, and the reasons
    its constraints give) nor quoted from ``own`` (the input the message speaks of)."""
    for c in lg.load_rubric(rubric).constraints:
        text = text.replace(c.why or "", " ")
    return [run for run in tool_chinese(text, rubric) if run not in own]


def file_text(path: Path) -> str:
    if path.suffix == ".parquet":  # its column names are the input's own words
        import polars as pl

        return " ".join(pl.read_parquet_schema(path))
    try:
        return decode(path.read_bytes())[0]
    except Exception:  # a workbook, a binary file: nothing of it is quoted
        return ""


def english(report: Report) -> str:
    return report.render("en")


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_refused_data_file_is_refused_in_english(name: str):
    result = CliRunner().invoke(app, ["rank", str(CORPUS / name), "-r", str(RUBRIC), "--lang", "en"])
    assert result.exit_code == 2 and result.stderr
    line = result.stderr.splitlines()[0]
    assert name in line and foreign(line, own=file_text(CORPUS / name)) == [], line


def test_the_chinese_line_is_unchanged_by_the_words():
    """The same problem in Chinese reads as it always did (the words are the same sentences)."""
    result = CliRunner().invoke(app, ["rank", str(CORPUS / "binary.csv"), "-r", str(RUBRIC)])
    assert result.stderr.splitlines()[0].endswith(REFUSED["binary.csv"])
    en = CliRunner().invoke(app, ["rank", str(CORPUS / "binary.csv"), "-r", str(RUBRIC), "--lang", "en"])
    assert "this is a binary file, not a text table" in en.stderr


def test_scoring_warnings_are_english():
    """`score --lang en` on the samples warns of units without peers (W-ALONE), in English."""
    result = CliRunner().invoke(app, ["score", "--lang", "en", "-f", "json"])
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.stderr.splitlines() if "W-ALONE" in ln]
    assert warnings and all("compared with units of the same year and city" in w for w in warnings)
    assert tool_chinese("\n".join(warnings), ROOT / "rubrics" / "shifan.yaml", [ROOT / "samples"]) == []


def test_constraints_and_derived_values_are_english(tmp_path):
    broken = lg.read_indicators_report([CORPUS / "corrected-above-closed.csv"], lg.load_rubric(RUBRIC))[1]
    assert [p.code for p in broken.problems] == ["E-DATA-CONSTRAINT"]
    assert foreign(english(broken), own=file_text(CORPUS / "corrected-above-closed.csv")) == []
    rubric = _rubric(
        tmp_path,
        """
      - {id: "1", name: 比率, points: 10, field: r, rule: {type: linear, floor: 0, target: 100}}
      - {id: "2", name: 比, points: 10, formula: a / b * 100, unit: "%", rule: {type: linear, floor: 0, target: 100}}
    """,
    )
    rows = [("甲县", 2024, "a", 129), ("甲县", 2024, "b", 78)]
    inds, report = lg.read_indicators_report([data(tmp_path, rows)], lg.load_rubric(rubric))
    assert inds is None and [p.code for p in report.problems] == ["E-DATA-DERIVED", "E-DATA-DERIVED"]
    text = english(report)
    assert "the value of item 2" in text and "(row 2)" in text
    assert foreign(text, rubric, own="甲县") == []


def test_a_value_that_is_not_a_number_says_what_is_expected_in_english(tmp_path):
    rows = [("甲县", 2024, "court_appearance_rate", "九十"), ("甲县", 2024, "normative_docs_filed", "-3")]
    inds, report = lg.read_indicators_report([data(tmp_path, rows)], lg.load_rubric(RUBRIC))
    text = english(report)
    assert "expects a percent such as 96.5%" in text and "(a whole number ≥ 0)" in text
    assert foreign(text, own="甲县 九十") == []
    assert "应填百分比，如 96.5%" in report.render() and "（整数 ≥ 0）" in report.render()


def test_yaml_reasons_are_english(tmp_path):
    cases = {
        "tab.yaml": "a:\n\tb: 1\n",
        "control.yaml": "a: 1\x07\n",
        "truncated.yaml": "a: [1, 2\n",
        "binary.yaml": "\x00\x01",
    }
    for name, text in cases.items():
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    paths = [*(tmp_path / n for n in cases), tmp_path / "missing.yaml", tmp_path]
    problems = [p for path in paths for p in yamlsafe.load_file(path)[1]]
    assert len(problems) == len(paths)
    assert [CJK.findall(p.render("en")) for p in problems] == [[]] * len(paths)
    assert all(CJK.search(p.render()) for p in problems)  # the Chinese keeps its words


def test_report_and_folder_reasons_are_english(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (tmp_path / "empty").mkdir()
    problems = [p for name in ("old.doc", "bin.txt", "bad.docx") for p in read_report(tmp_path / name)[1]]
    problems += report_files([tmp_path / "empty", tmp_path / "nope.pdf"])[1].problems
    problems += expand([tmp_path / "empty"], {".csv"}, "E-DATA-FILE", said("data.files"))[1].problems
    assert len(problems) == 6
    assert [CJK.findall(p.render("en")) for p in problems] == [[]] * 6


def test_git_reasons_are_english(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for spec in ("no-such-revision:x.yaml", ":../outside.yaml", ":missing.yaml"):
        with pytest.raises(ProblemError) as err:
            materialise(spec, tmp_path / "out", cwd=str(tmp_path))
        assert CJK.findall(err.value.report.render("en")) == [], spec
