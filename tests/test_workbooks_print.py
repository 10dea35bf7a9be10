"""Workbooks on paper and on screen: every sheet of the scoring workbooks and of the fill-in
template prints one page wide with its header row repeated, the title and page number in the
page header and footer, and a print area; targets are numbers shown with their comparison; the
gaps workbook holds the steps to the next grade; the template takes what the tool reads."""

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app
from lawgov_score.data.template import DATA_SHEET, EVIDENCE_COL, FIELD_COL, UNIT_SHEET, VALUE_COL

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RUBRIC = ROOT / "rubrics" / "shifan.yaml"
runner = CliRunner()
pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")


def run(*args) -> None:
    res = runner.invoke(app, [str(a) for a in args])
    assert res.exit_code == 0, res.output


def workbook(tmp_path: Path, name: str, *args):
    """The workbook a command writes with ``-o name``, opened."""
    out = tmp_path / name
    run(*args, "-o", out)
    return openpyxl.load_workbook(out)


def assert_prints(ws, header_row: int, landscape: bool = True) -> None:
    """One page wide, as tall as it takes; the header row on every page; a print area; the
    title in the page header, page N of M in the footer."""
    assert ws.page_setup.orientation == ("landscape" if landscape else "portrait"), ws.title
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and (ws.page_setup.fitToWidth or 1) == 1, ws.title
    assert ws.page_setup.fitToHeight == 0, ws.title  # as many pages down as the rows need
    if header_row:
        assert ws.print_title_rows == f"${header_row}:${header_row}", ws.title
    assert ws.print_area, ws.title
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert ws.oddHeader.left.text


def header_row(ws) -> int:
    """The 1-based row of the table's header: the first row with two or more cells."""
    return next(r[0].row for r in ws.iter_rows() if sum(c.value is not None for c in r) >= 2)


def table_of(ws) -> tuple[dict, int]:
    """(header → 1-based column, the first data row) of a sheet's table."""
    head = header_row(ws)
    return {c.value: c.column for c in ws[head]}, head + 1


def test_every_sheet_of_the_rank_workbook_prints_one_page_wide(tmp_path):
    wb = workbook(tmp_path, "排名.xlsx", "rank", SAMPLES / "synthetic-city")
    assert wb.sheetnames == ["排名", "得分明细", "差距"]
    for ws in wb:
        assert_prints(ws, header_row(ws))
        assert ws.oddHeader.left.text.startswith("市县法治政府建设示范指标")
        assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    ws = wb["排名"]
    last_col = openpyxl.utils.get_column_letter(ws.max_column)
    assert ws.print_area == f"'排名'!$A$1:${last_col}${ws.max_row}"


def test_years_and_ranks_are_centred_and_numbers_padded(tmp_path):
    """A right-aligned year beside a left-aligned id read as 20221.1.1; a rank touched the unit."""
    wb = workbook(tmp_path, "排名.xlsx", "rank", SAMPLES / "synthetic-city")
    ws = wb["排名"]
    head, first = table_of(ws)
    assert ws.cell(first, head["排名"]).alignment.horizontal == "center"
    assert ws.cell(first, head["年度"]).alignment.horizontal == "center"
    total = ws.cell(first, head["总分"]).alignment
    assert (total.horizontal, total.indent) == ("right", 1)
    head, first = table_of(wb["得分明细"])
    assert wb["得分明细"].cell(first, head["年度"]).alignment.horizontal == "center"


def test_targets_are_numbers_with_their_comparison(tmp_path):
    wb = workbook(tmp_path, "得分.xlsx", "score", SAMPLES / "synthetic-city")
    ws = wb["得分明细"]
    head, first = table_of(ws)
    rows = list(ws.iter_rows(min_row=first))
    # 6.1.2 行政复议案件办结率 ≥ 95%; 6.1.3 行政复议纠错率 ≤ 5% (lower is better)
    closed = next(r for r in rows if r[head["编号"] - 1].value == "6.1.2")[head["目标"] - 1]
    assert (closed.value, closed.number_format) == (pytest.approx(0.95), '"≥"0.00%')
    corrected = next(r for r in rows if r[head["编号"] - 1].value == "6.1.3")[head["目标"] - 1]
    assert (corrected.value, corrected.number_format) == (pytest.approx(0.05), '"≤"0.00%')
    head, first = table_of(wb["差距"])
    needed = [r[head["满分所需"] - 1] for r in wb["差距"].iter_rows(min_row=first)]
    numbers = [c for c in needed if isinstance(c.value, (int, float))]
    assert numbers and all(c.number_format.startswith(('"≥"', '"≤"')) for c in numbers)
    assert not [c.value for c in needed if isinstance(c.value, str) and c.value[:1] in "≥≤"]


def test_the_gaps_workbook_holds_the_steps_its_summary_speaks_of(tmp_path):
    out = tmp_path / "差距.xlsx"
    args = ["gaps", SAMPLES / "synthetic-city", "-u", "合成甲县", "-y", "2024"]
    run(*args, "-o", out)
    steps_text = runner.invoke(app, [str(a) for a in args] + ["--steps"]).output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["差距", "达标步骤", "得分明细", "排名"]
    summary = [wb["差距"].cell(r, 1).value for r in range(1, 10)]
    assert any("按下表 4 步可达" in (line or "") for line in summary)
    assert "按下表 4 步可达" in wb["达标步骤"].cell(2, 1).value
    ws = wb["达标步骤"]
    assert_prints(ws, header_row(ws))
    head = [c.value for c in ws[header_row(ws)]]
    assert head[:5] == ["单位", "年度", "步骤", "涉及项目", "指标"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=header_row(ws) + 1)]
    steps = head.index("步骤")
    assert [r[steps] for r in rows] == [1, 2, 3, 4]
    assert {(r[head.index("单位")], r[head.index("年度")]) for r in rows} == {("合成甲县", 2024)}
    for r in rows:
        assert r[head.index("指标")] in steps_text  # the same steps the terminal shows
    set_to = ws.cell(header_row(ws) + 2, head.index("改为") + 1)
    assert (set_to.value, set_to.number_format) == (0.7, '"≥"0.00%')  # 政务服务事项进驻大厅率 ≥70%


# --- the fill-in template -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    out = tmp_path_factory.mktemp("tpl") / "填报模板.xlsx"
    run("template", "-r", RUBRIC, "-o", out)
    return out


def test_the_template_prints_names_beside_values_and_its_guide_whole(template):
    wb = openpyxl.load_workbook(template)
    guide = wb["填报说明"]
    assert_prints(guide, 0, landscape=False)
    # A4 portrait holds about 90 characters at 100 %: the guide's one column fits and wraps
    assert guide.column_dimensions["A"].width <= 90
    assert all(guide.cell(r, 1).alignment.wrap_text for r in range(2, guide.max_row + 1))
    data = wb[DATA_SHEET]
    assert_prints(data, 3)
    # the printed columns: the name, the value beside it, the unit, the evidence and the hint
    assert data.print_area == f"'{DATA_SHEET}'!$A$1:$E${data.max_row}"
    assert (data.cell(3, 1).value, data.cell(3, 2).value) == ("指标名称", "填报值")
    assert FIELD_COL >= 5  # the field's id is kept, off the printed page
    assert_prints(wb[UNIT_SHEET], 3)


def fill_one(template: Path, out: Path, values: dict, year) -> Path:
    """A county's entries as typed, stored as a spreadsheet program stores them."""
    wb = openpyxl.load_workbook(template)
    wb[UNIT_SHEET]["A4"], wb[UNIT_SHEET]["B4"] = "甲县", year
    for row in wb[DATA_SHEET].iter_rows(min_row=4):
        fid = row[FIELD_COL].value
        if fid in values:
            row[VALUE_COL].value = values[fid]
            row[EVIDENCE_COL].value = "2024年法治政府建设年度报告"
    wb.save(out)
    return out


def test_the_template_reads_what_the_tool_reads_and_libreoffice_percents(template, tmp_path):
    """450余 and 1.2万 in count cells, √ in a yes/no cell, 2024年 as the year, and a percent
    typed as LibreOffice stores it (96.5 in a 0.00% cell, shown 9650%) beside one typed in
    Excel (0.965): they read as a CSV with the same entries."""
    typed = {
        "legal_aid_cases": "450余",
        "law_lectures": "1.2万",
        "rule_of_law_committee_meeting": "√",
        "court_appearance_rate": 96.5,  # LibreOffice
        "normative_docs_review_rate": 0.965,  # Excel's automatic percent entry
    }
    book = fill_one(template, tmp_path / "甲县-2024.xlsx", typed, "2024年")
    csv = tmp_path / "甲县.csv"
    csv.write_text(
        "unit,year,field,value\n"
        "甲县,2024,legal_aid_cases,450余\n甲县,2024,law_lectures,1.2万\n"
        "甲县,2024,rule_of_law_committee_meeting,√\n"
        "甲县,2024,court_appearance_rate,96.5%\n甲县,2024,normative_docs_review_rate,96.5%\n",
        encoding="utf-8",
    )
    rubric = lg.load_rubric(RUBRIC)
    got = lg.read_indicators([book], rubric).values
    want = lg.read_indicators([csv], rubric).values
    cols = ["unit", "year", "field", "value", "qualifier"]
    assert got.select(cols).sort("field").equals(want.select(cols).sort("field"))
    values = dict(zip(got["field"], got["value"]))
    assert values["court_appearance_rate"] == values["normative_docs_review_rate"] == 96.5
    assert values["law_lectures"] == 12000 and values["legal_aid_cases"] == 450


def test_a_count_the_tool_cannot_read_is_reported_with_its_row(template, tmp_path):
    book = fill_one(template, tmp_path / "甲县-2024.xlsx", {"legal_aid_cases": "很多"}, 2024)
    res = runner.invoke(app, ["score", str(book), "-r", str(RUBRIC)])
    assert res.exit_code == 2
    line = next(ln for ln in res.output.splitlines() if "E-" in ln)
    assert f"{DATA_SHEET}" in line and "很多" in line
