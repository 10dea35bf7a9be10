"""The README's county-template journey, command by command, as a county and a city run it:
the template, a county's entries as a spreadsheet stores them, its own check, the city's
ranking with groups (one county's file unreadable) and the report."""

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from lawgov_score.cli import app
from lawgov_score.data.template import DATA_SHEET, EVIDENCE_COL, FIELD_COL, UNIT_SHEET, VALUE_COL

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")


def readme_commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- journey: county template.*?```\n(.*?)```", text, re.S).group(1)
    return [line.split()[1:] for line in block.splitlines() if line.startswith("lawgov-score ")]


def fill(book: Path, values: dict) -> None:
    """The county's entries, stored as Excel or LibreOffice stores them."""
    wb = openpyxl.load_workbook(book)
    for row in wb[DATA_SHEET].iter_rows(min_row=4):
        if row[FIELD_COL].value in values:
            row[VALUE_COL].value = values[row[FIELD_COL].value]
            row[EVIDENCE_COL].value = "2024年法治政府建设年度报告"
    wb.save(book)


def test_the_county_template_journey_runs_as_the_readme_says(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    template, score, gaps, rank, report = readme_commands()
    assert [c[0] for c in (template, score, gaps, rank, report)] == ["template", "score", "gaps", "rank", "report"]
    res = runner.invoke(app, template)
    assert res.exit_code == 0, res.output
    book = Path(template[template.index("-o") + 1])
    entries = {
        "legal_aid_cases": "450余",
        "law_lectures": "1.2万",
        "rule_of_law_committee_meeting": "√",
        "court_appearance_rate": 96.5,  # typed in LibreOffice: shown 9650%, read 96.5 %
        "normative_docs_review_rate": 1,  # 100%: Excel stores 1
    }
    fill(book, entries)
    res = runner.invoke(app, score)
    assert res.exit_code == 0, res.output
    assert "96.5%" in res.output and "12000" in res.output
    res = runner.invoke(app, gaps)
    assert res.exit_code == 0, res.output
    assert "达标步骤" in openpyxl.load_workbook(gaps[gaps.index("-o") + 1]).sheetnames
    # the city: three returns, one unreadable, 县 and 区 ranked apart
    folder = Path(rank[1])
    folder.mkdir()
    shutil.copy(book, folder / book.name)
    for unit, level, value in (("乙县", "县", 99), ("丙县", "县", "很多")):
        other = folder / f"{unit}-2024.xlsx"
        shutil.copy(book, other)
        wb = openpyxl.load_workbook(other)
        wb[UNIT_SHEET]["A4"], wb[UNIT_SHEET]["E4"] = unit, level
        wb.save(other)
        fill(other, {"legal_aid_cases": value})
    wb = openpyxl.load_workbook(book)
    wb[UNIT_SHEET]["E4"] = "区"
    wb.save(folder / book.name)
    res = runner.invoke(app, rank)
    assert res.exit_code == 1, res.output  # a file left out
    assert "丙县-2024.xlsx: W-DATA-EXCLUDED" in res.output and "很多" in res.output
    ranked = openpyxl.load_workbook(rank[rank.index("-o") + 1])["排名"]
    rows = [[c.value for c in r] for r in ranked.iter_rows(min_row=4)]
    assert sorted((r[1], r[3], r[0]) for r in rows) == [("乃东区", "区", 1), ("乙县", "县", 1)]
    (folder / "丙县-2024.xlsx").unlink()  # the city asks 丙县 for its file again
    res = runner.invoke(app, report)
    assert res.exit_code == 0, res.output
    assert "<th>层级</th>" in Path(report[report.index("-o") + 1]).read_text(encoding="utf-8")


def test_a_template_scored_with_another_rubric_says_so(tmp_path):
    """A template made with kaohe and scored with the bundled shifan is scored, with a warning that
    names both rubrics; scored with kaohe, nothing is said. The rubric is kept in the workbook's
    document properties, which survive a save by another program (here openpyxl)."""
    root = Path(__file__).resolve().parent.parent
    kaohe = str(root / "rubrics" / "kaohe.yaml")
    made = tmp_path / "模板.xlsx"
    runner = CliRunner()
    assert runner.invoke(app, ["template", "-r", kaohe, "-u", "测试县", "-y", "2024", "-o", str(made)]).exit_code == 0
    saved = tmp_path / "交回.xlsx"
    openpyxl.load_workbook(made).save(saved)
    other = runner.invoke(app, ["score", str(saved)])
    assert other.exit_code == 0, other.output
    assert "W-DATA-TEMPLATE-RUBRIC" in other.output and "kaohe" in other.output and "shifan" in other.output
    same = runner.invoke(app, ["score", str(saved), "-r", kaohe])
    assert same.exit_code == 0, same.output
    assert "W-DATA-TEMPLATE-RUBRIC" not in same.output
