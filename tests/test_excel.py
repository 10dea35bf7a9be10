"""Excel in and out: the fill-in template round-trips exactly; workbooks with a title row,
numbers stored as text or percent-formatted cells read as they show; formatted workbooks of
score, rank and gaps hold the values the text output shows."""

from decimal import Decimal
from pathlib import Path

import fastexcel
import openpyxl
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app
from lawgov_score.data.excel import as_percent_text, is_percent_format
from lawgov_score.data.template import DATA_SHEET, UNIT_SHEET

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RUBRIC = ROOT / "rubrics" / "shifan.yaml"
runner = CliRunner()
# openpyxl does not read Excel's data-bar extension (the 失分 bars); it only says so.
pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")


@pytest.fixture(scope="module")
def rubric():
    return lg.load_rubric(RUBRIC)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    out = tmp_path_factory.mktemp("tpl") / "填报模板.xlsx"
    res = runner.invoke(app, ["template", "-r", str(RUBRIC), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


def fill(
    template: Path,
    out: Path,
    rubric,
    rows: list[dict],
    unit: str,
    year,
    meta: dict | None = None,
    as_text: bool = False,
) -> Path:
    """What a county does in Excel: the unit sheet, then a value and evidence per field row.
    A percent cell is formatted as a percent, so Excel stores 96.27% as 0.9627."""
    wb = openpyxl.load_workbook(template)
    ws = wb[UNIT_SHEET]
    ws["A4"], ws["B4"] = unit, year
    for col, key in zip("CDEF", ("city", "province", "level", "group")):
        if meta and meta.get(key):
            ws[f"{col}4"] = meta[key]
    ws = wb[DATA_SHEET]
    by_field = {r["field"]: r for r in rows}
    filled = 0
    for row in ws.iter_rows(min_row=4):
        fid = row[0].value
        if fid not in by_field:
            continue
        f, r = rubric.fields[fid], by_field[fid]
        v = r["value"]
        if as_text:
            row[4].value = f"{v}%" if f.type == "percent" else str(v)
        elif f.type == "percent":
            row[4].value = float(Decimal(v) / 100)
        elif f.type == "count":
            row[4].value = int(v)
        elif f.type == "number":
            row[4].value = float(v)
        else:
            row[4].value = v
        row[5].value = r.get("evidence")
        filled += 1
    assert filled, "no field of the rubric in these rows"
    wb.save(out)
    return out


def sample_rows(name: str) -> list[dict]:
    return pl.read_csv(SAMPLES / name, infer_schema=False).to_dicts()


def items_of(result) -> pl.DataFrame:
    return (
        result.items().select("unit", "year", "id", "value", "score", "status", "evidence").sort("unit", "year", "id")
    )


def test_template_sheets_and_validation(template, rubric):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["填报说明", UNIT_SHEET, DATA_SHEET]
    ws = wb[DATA_SHEET]
    header = [c.value for c in ws[3]]
    assert header[:6] == ["指标编号", "指标名称", "计量单位", "类型", "填报值", "佐证材料"]
    ids = [r[0].value for r in ws.iter_rows(min_row=4)]
    assert set(ids) == rubric.used_fields() and len(ids) == len(set(ids))
    assert ws.freeze_panes == "C4"
    kinds = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            kinds[ws.cell(rng.min_row, 1).value] = (dv.type, dv.formula1)
    assert kinds["court_appearance_rate"][0] == "decimal"  # percent: 0–1 as Excel stores it
    assert kinds["law_lectures"][0] == "whole"
    assert kinds["rule_of_law_committee_meeting"] == ("list", '"是,否"')
    row = next(r for r in ws.iter_rows(min_row=4) if r[0].value == "court_appearance_rate")
    assert row[4].number_format == "0.00%"


def test_empty_template_says_where_to_fill_the_unit(template):
    res = runner.invoke(app, ["score", str(template), "-r", str(RUBRIC)])
    assert res.exit_code == 2
    assert "E-DATA-COLUMNS" in res.output and "单位信息" in res.output


def test_template_round_trips_exactly(template, rubric, tmp_path):
    rows = sample_rows("hangjin-2024.csv")
    book = fill(template, tmp_path / "杭锦旗-2024.xlsx", rubric, rows, "杭锦旗", 2024)
    from_xlsx = lg.score(rubric, lg.read_indicators([book], rubric))
    from_csv = lg.score(rubric, lg.read_indicators([SAMPLES / "hangjin-2024.csv"], rubric))
    assert items_of(from_xlsx).equals(items_of(from_csv))
    assert from_xlsx.totals()["total"].to_list() == from_csv.totals()["total"].to_list() == [291.37]


def test_several_counties_workbooks_in_one_run(template, rubric, tmp_path):
    units = pl.read_csv(SAMPLES / "units.csv").to_dicts()
    folder = tmp_path / "交回"
    folder.mkdir()
    csvs = sorted(p for p in SAMPLES.glob("*-20*.csv"))
    assert len(csvs) == 5
    for csv in csvs:
        rows = sample_rows(csv.name)
        unit, year = rows[0]["unit"], int(rows[0]["year"])
        meta = next(u for u in units if u["unit"] == unit)
        fill(template, folder / f"{unit}-{year}.xlsx", rubric, rows, unit, year, meta, as_text=(unit == "乐平市"))
    res = runner.invoke(app, ["rank", str(folder), "-r", str(RUBRIC), "-f", "csv"])
    ref = runner.invoke(app, ["rank", str(SAMPLES), "-r", str(RUBRIC), "-f", "csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout == ref.stdout
    from_xlsx = lg.score(rubric, lg.read_indicators([folder], rubric))
    from_csv = lg.score(rubric, lg.read_indicators([SAMPLES], rubric))
    assert items_of(from_xlsx).equals(items_of(from_csv))
    assert (
        from_xlsx.frame.select("unit", "city", "province")
        .sort("unit")
        .equals(from_csv.frame.select("unit", "city", "province").sort("unit"))
    )


def test_two_units_in_one_template_is_refused(template, rubric, tmp_path):
    book = fill(template, tmp_path / "two.xlsx", rubric, sample_rows("naidong-2022.csv"), "乃东区", 2022)
    wb = openpyxl.load_workbook(book)
    wb[UNIT_SHEET]["A5"], wb[UNIT_SHEET]["B5"] = "高台县", 2022
    wb.save(book)
    res = runner.invoke(app, ["score", str(book), "-r", str(RUBRIC)])
    assert res.exit_code == 2
    assert "填报数据" in res.output and "2 个单位" in res.output


def test_workbook_with_title_row_text_numbers_and_percent_cells(rubric, tmp_path):
    """A county's own workbook: a title above the header, numbers typed as text, a rate
    formatted as a percent, blank formatted rows at the end."""
    rows = sample_rows("gaotai-2022.csv")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2022年"
    ws.append(["高台县2022年法治政府建设指标（自填）"])
    ws.append(["单位", "年度", "指标", "数值", "佐证"])
    for r in rows:
        f = rubric.fields.get(r["field"])
        v = r["value"]
        if f is not None and f.type == "percent":
            ws.append([r["unit"], r["year"], r["field"], float(Decimal(v) / 100), r["evidence"]])
            ws.cell(ws.max_row, 4).number_format = "0.0%"
        else:
            ws.append([r["unit"], r["year"], r["field"], v, r["evidence"]])  # text, even the numbers
    for _ in range(3):
        ws.append([None] * 5)
        ws.cell(ws.max_row, 4).number_format = "0.00%"
    book = tmp_path / "gaotai.xlsx"
    wb.save(book)
    got = lg.read_indicators([book], rubric).values.select("field", "value").sort("field")
    want = lg.read_indicators([SAMPLES / "gaotai-2022.csv"], rubric).values.select("field", "value").sort("field")
    assert got.equals(want)
    assert 99.3 in got["value"].to_list()  # enforcement_exam_pass_rate, stored as 0.993


def test_percent_cell_in_a_count_field_is_an_error(rubric, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["单位", "年度", "指标", "数值"])
    ws.append(["甲县", 2024, "law_lectures", 0.12])
    ws.cell(2, 4).number_format = "0%"
    book = tmp_path / "x.xlsx"
    wb.save(book)
    inds, report = lg.read_indicators_report([book], rubric)
    assert inds is None
    assert [p.code for p in report.errors] == ["E-DATA-NUMBER"]
    assert "12%" in report.render()


@pytest.mark.parametrize(
    "fmt,yes", [("0.00%", True), ("0%", True), ('0.00"%"', False), ("General", False), ("[Red]0%", True), (None, False)]
)
def test_percent_format(fmt, yes):
    assert is_percent_format(fmt) is yes


@given(st.integers(0, 1_000_000), st.integers(0, 4))
def test_percent_text_is_exact(n, places):
    """What Excel stores for a typed percent (the value / 100, as the shortest decimal) reads
    back as exactly the number a CSV would give."""
    typed = Decimal(n).scaleb(-places)  # e.g. 96.27
    stored = repr(float(typed / 100))  # what the cell holds, as fastexcel prints it
    shown = as_percent_text(stored)
    assert shown.endswith("%")
    assert float(shown[:-1]) == float(typed)


# --- formatted workbooks ------------------------------------------------------------------------


def read_sheet(path: Path, name: str) -> pl.DataFrame:
    """A sheet as values, its header found below the title lines."""
    reader = fastexcel.read_excel(path)
    grid = reader.load_sheet(name, header_row=None, dtypes="string").to_polars()
    head = next(i for i, r in enumerate(grid.iter_rows()) if r[0] in ("排名", "单位", "编号"))
    return reader.load_sheet(name, header_row=head).to_polars()


def test_rank_workbook_values_match_csv(tmp_path):
    out = tmp_path / "排名.xlsx"
    res = runner.invoke(app, ["rank", str(SAMPLES / "synthetic-city"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert fastexcel.read_excel(out).sheet_names == ["排名", "得分明细", "差距"]
    ref = runner.invoke(app, ["rank", str(SAMPLES / "synthetic-city"), "-f", "json"])
    import json

    want = json.loads(ref.stdout)
    got = read_sheet(out, "排名")
    assert got.height == len(want) == 36
    assert got["单位"].to_list() == [r["unit"] for r in want]
    assert got["排名"].to_list() == [float(r["rank"]) for r in want]
    assert got["总分"].to_list() == [r["total"] for r in want]
    assert [round(p * 100, 6) for p in got["得分率"].to_list()] == [r["percent"] for r in want]  # an Excel percent
    assert got["等次"].to_list() == [r["grade"] for r in want]
    detail = read_sheet(out, "得分明细")
    assert detail.height == 36 * len(lg.load_rubric(RUBRIC).items)
    lost = read_sheet(out, "差距")
    assert (lost["失分"] > 0).all()


def test_workbook_is_formatted(tmp_path):
    out = tmp_path / "r.xlsx"
    assert runner.invoke(app, ["rank", "-o", str(out)]).exit_code == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["排名"]
    assert ws.freeze_panes == "D4"
    assert ws.auto_filter.ref.startswith("A3")
    header = {c.value: c.column_letter for c in ws[3]}
    assert ws[f"{header['得分率']}4"].number_format == "0.00%"
    assert ws[f"{header['总分']}4"].number_format == "0.00"
    assert ws.column_dimensions[header["单位"]].width >= 8
    rules = [r.type for cf in ws.conditional_formatting for r in cf.rules]
    assert "colorScale" in rules  # 得分率
    assert rules.count("cellIs") >= len(lg.load_rubric(RUBRIC).grades)  # a fill per grade, and 否决
    detail = wb["得分明细"]
    row = next(r for r in detail.iter_rows(min_row=4) if r[2].value == "6.2.1" and r[4].value is not None)
    assert row[4].number_format == "0.00%" and row[4].value == 1.0  # 出庭应诉率 100%, a number


def test_score_and_gaps_workbooks(tmp_path):
    s = tmp_path / "s.xlsx"
    res = runner.invoke(app, ["score", "--unit", "乃东", "--depth", "1", "-o", str(s)])
    assert res.exit_code == 0, res.output
    assert fastexcel.read_excel(s).sheet_names == ["得分明细", "排名", "差距"]
    detail = read_sheet(s, "得分明细")
    assert set(detail["单位"]) == {"乃东区"} and detail.height == 10
    ranked = read_sheet(s, "排名")
    assert set(ranked["单位"]) == {"乃东区", "高台县"}  # the 2022 ranking, 乃东区 in bold
    g = tmp_path / "g.xlsx"
    res = runner.invoke(app, ["gaps", "--unit", "乃东", "--top", "5", "-o", str(g)])
    assert res.exit_code == 0, res.output
    lost = read_sheet(g, "差距")
    text = runner.invoke(app, ["gaps", "--unit", "乃东", "--top", "5", "-f", "json"])
    import json

    want = json.loads(text.stdout)["items"]
    assert lost["编号"].to_list() == [r["id"] for r in want]
    assert lost["失分"].to_list() == [r["lost"] for r in want]
    assert "乃东区 2022" in fastexcel.read_excel(g).load_sheet("差距", header_row=None).to_polars()[0, 0]


def test_workbook_needs_a_file():
    res = runner.invoke(app, ["rank", "--format", "xlsx"])
    assert res.exit_code == 2
    assert "-o" in res.output


def test_formula_like_text_is_not_a_formula(rubric, tmp_path):
    data = tmp_path / "d.csv"
    data.write_text(
        'unit,year,field,value,evidence\n=HYPERLINK("x"),2024,law_lectures,3,@SUM(1)\n-甲县,2024,law_lectures,2,+1\n',
        encoding="utf-8",
    )
    out = tmp_path / "x.xlsx"
    res = runner.invoke(app, ["score", str(data), "-o", str(out)])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    ws = wb["得分明细"]
    cells = [c for row in ws.iter_rows(min_row=4) for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in cells} >= {'=HYPERLINK("x")', "-甲县", "@SUM(1)", "+1"}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)  # text, shown as typed
