"""Exported files work in Excel: item names a filter or VLOOKUP finds (the level a column),
是/否 in Chinese CSV and booleans in JSON, every gaps row saying its unit and year, numbers in
the workbook formatted in their own terms, a file holding the format its name says, and English
headers that name the dimensions."""

from __future__ import annotations

import csv
import io
import json

from conftest import ROOT
from typer.testing import CliRunner

from lawgov_score.cli import app

EXAMPLE = str(ROOT / "rubrics" / "example.yaml")
EXAMPLE_DATA = str(ROOT / "docs" / "examples" / "example-synthetic.csv")
SHIFAN = str(ROOT / "rubrics" / "shifan.yaml")


def run(*args):
    return CliRunner().invoke(app, list(args))


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_item_names_are_not_indented_and_the_level_is_a_column():
    for args in (
        ("score", EXAMPLE_DATA, "-r", EXAMPLE, "--unit", "甲"),
        ("whatif", EXAMPLE_DATA, "-r", EXAMPLE, "--unit", "乙", "--set", "court_appearance_rate=100%"),
        ("benchmark", EXAMPLE_DATA, "-r", EXAMPLE, "--unit", "乙"),
        ("rubric", "show", EXAMPLE),
    ):
        r = run(*args, "-f", "csv")
        assert r.exit_code == 0, r.output
        table = rows(r.stdout)
        assert table and all(not row["项目"].startswith(" ") for row in table), args
        levels = {row["编号"]: int(row["层级"]) for row in table}
        assert all(levels[i] == i.count(".") + 1 for i in levels), args
    terminal = run("score", EXAMPLE_DATA, "-r", EXAMPLE, "--unit", "甲").stdout
    assert "  2024  1.1       政府常务会议学法" in terminal  # indented on screen only
    assert "层级" not in terminal


def test_yes_no_columns_read_as_words_in_csv_and_stay_booleans_in_json():
    zh = rows(run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "-f", "csv").stdout)
    assert {r["单位"]: r["否决"] for r in zh} == {
        "示例甲县": "否",
        "示例丁县": "是",
        "示例乙县": "否",
        "示例丙县": "否",
    }
    en = rows(run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "-f", "csv", "--lang", "en").stdout)
    assert {r["vetoed"] for r in en} == {"yes", "no"}
    data = json.loads(run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "-f", "json").stdout)
    assert {r["unit"]: r["vetoed"] for r in data}["示例丁县"] is True
    assert all(isinstance(r["vetoed"], bool) for r in data)


def test_a_gaps_export_says_its_unit_and_year_on_every_row():
    table = rows(run("gaps", EXAMPLE_DATA, "-r", EXAMPLE, "--unit", "乙", "-f", "csv").stdout)
    assert table and {(r["单位"], r["年度"]) for r in table} == {("示例乙县", "2024")}
    steps = rows(run("gaps", EXAMPLE_DATA, "-r", EXAMPLE, "--unit", "乙", "-f", "csv", "--steps").stdout)
    assert steps and {(r["单位"], r["年度"]) for r in steps} == {("示例乙县", "2024")}
    # the item a step raises by id and name, its field by 中文名; the id for whatif --set in CSV only
    assert steps[0]["涉及项目"] == "2.3 行政复议纠错率" and steps[0]["指标"] == "行政复议纠错率"
    assert steps[0]["指标编号"] == "reconsideration_correction_rate"
    table_text = run("gaps", EXAMPLE_DATA, "-r", EXAMPLE, "--unit", "乙").stdout
    assert "reconsideration_correction_rate" not in table_text and "指标编号" not in table_text


def test_whatif_and_benchmark_exports_say_their_unit_and_year_on_every_row():
    """A file on its own says whose scenario or comparison it is (the terminal says it above the table)."""
    whatif = run(
        "whatif", EXAMPLE_DATA, "-r", EXAMPLE, "-u", "乙", "-s", "reconsideration_correction_rate=1", "-f", "csv"
    )
    table = rows(whatif.stdout)
    assert table and list(table[0])[:3] == ["单位", "年度", "编号"]
    assert {(r["单位"], r["年度"]) for r in table} == {("示例乙县", "2024")}
    bench = rows(run("benchmark", EXAMPLE_DATA, "-r", EXAMPLE, "-u", "乙", "--against", "best", "-f", "csv").stdout)
    assert bench and {(r["单位"], r["年度"]) for r in bench} == {("示例乙县", "2024")}
    # the terminal table leaves them to the line above it; JSON keeps them in its summary
    screen = run("benchmark", EXAMPLE_DATA, "-r", EXAMPLE, "-u", "乙", "--against", "best").stdout.splitlines()
    assert next(line for line in screen if line.startswith("编号")).split()[:2] == ["编号", "项目"]
    doc = json.loads(
        run("benchmark", EXAMPLE_DATA, "-r", EXAMPLE, "-u", "乙", "--against", "best", "-f", "json").stdout
    )
    assert doc["summary"]["unit"] == "示例乙县" and "unit" not in doc["items"][0]


def test_the_file_holds_the_format_its_name_says_or_the_command_refuses(tmp_path):
    wrong = tmp_path / "结果.xlsx"  # whatif writes no workbook (extract's .xlsx is its review sheet)
    r = run("whatif", "-u", "乃东", "-s", "court_appearance_rate=100%", "-o", str(wrong))
    assert r.exit_code == 2 and not wrong.exists()
    assert r.stderr.startswith("E-USAGE-FORMAT-SUFFIX: 此命令不写 xlsx 文件，而“结果.xlsx”的扩展名是 xlsx")
    clash = tmp_path / "排名.xlsx"
    r = run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "-f", "csv", "-o", str(clash))
    assert r.exit_code == 2 and not clash.exists()
    assert r.stderr.startswith("E-USAGE-FORMAT-CONFLICT: -f csv 与文件名“排名.xlsx”的扩展名（xlsx）不符")
    # -f lists what the command writes: no workbook for whatif
    r = run("whatif", "-u", "乃东", "-s", "court_appearance_rate=100%", "-f", "xlsx")
    assert r.exit_code == 2 and r.stderr.startswith("E-USAGE-OPTION-VALUE: --format/-f 的值“xlsx”无效")
    ok = tmp_path / "排名.csv"
    assert run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "-o", str(ok)).exit_code == 0
    assert ok.read_bytes().startswith(b"\xef\xbb\xbf\xe6\x8e\x92\xe5\x90\x8d")  # BOM, 排名


def test_a_file_named_for_a_format_no_command_table_is_written_as_is_refused(tmp_path):
    """A text table in 排名.tsv or 结果.yaml would open as something it is not: refused; a file
    without an extension, or .txt, takes the table as text."""
    for name in ("排名.tsv", "结果.yaml", "得分.xls", "报告.docx"):
        target = tmp_path / name
        r = run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "-o", str(target))
        assert r.exit_code == 2 and not target.exists(), name
        assert r.stderr.startswith(f"E-USAGE-FORMAT-SUFFIX: 此命令不写 {target.suffix[1:]} 文件"), r.stderr
    r = run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "-f", "csv", "-o", str(tmp_path / "排名.tsv"))
    assert r.exit_code == 2 and r.stderr.startswith("E-USAGE-FORMAT-CONFLICT: -f csv 与文件名“排名.tsv”")
    for name in ("排名", "排名.txt"):
        assert run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "-o", str(tmp_path / name)).exit_code == 0
        assert (tmp_path / name).read_text(encoding="utf-8").splitlines()[0]
    overlay = tmp_path / "熵权.yaml"  # weights -o x.yaml writes a rubric: a YAML file that is one
    assert run("weights", EXAMPLE_DATA, "-r", EXAMPLE, "-o", str(overlay)).exit_code == 0
    assert "extends:" in overlay.read_text(encoding="utf-8")


def test_english_rank_heads_dimensions_by_their_names(tmp_path):
    en = run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "--lang", "en", "-f", "csv").stdout
    assert en.splitlines()[0].endswith("依法履职,化解纠纷,社会评价,加分与否决")
    named = tmp_path / "named.yaml"
    text = (
        open(EXAMPLE, encoding="utf-8")
        .read()
        .replace("name: 依法履职", "name: 依法履职\n    name_en: Lawful duties", 1)
    )
    named.write_text(text, encoding="utf-8")
    r = run("rank", EXAMPLE_DATA, "-r", str(named), "--lang", "en", "-f", "csv")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0].endswith("Lawful duties,化解纠纷,社会评价,加分与否决")
    zh = run("rank", EXAMPLE_DATA, "-r", str(named), "-f", "csv").stdout
    assert ",依法履职," in zh.splitlines()[0]  # Chinese output keeps the Chinese name
    assert json.loads(run("rank", EXAMPLE_DATA, "-r", str(named), "-f", "json").stdout)[0]["1"] == 23.25


def test_the_workbook_gap_is_a_number_in_the_values_terms(tmp_path):
    import openpyxl

    out = tmp_path / "得分.xlsx"
    assert run("score", EXAMPLE_DATA, "-r", EXAMPLE, "--unit", "甲", "-o", str(out)).exit_code == 0
    ws = openpyxl.load_workbook(out)["得分明细"]
    cols = {c.value: i for i, c in enumerate(ws[3])}
    by_id = {r[cols["编号"]].value: r for r in ws.iter_rows(min_row=4)}
    rate, count = by_id["1.2"][cols["差距"]], by_id["3.3"][cols["差距"]]
    assert rate.value == 0.035 and rate.number_format == "0.00%"  # 3.5 points short of 100%
    assert count.value == 30 and count.number_format == '0"件"'
    assert by_id["1.3"][cols["差距"]].value is None  # a yes/no item has no amount to go


def test_rubric_diff_writes_csv_of_every_unit_before_and_after(tmp_path):
    text = open(EXAMPLE, encoding="utf-8").read()
    i = text.index("name: 政府常务会议学法")
    moved = tmp_path / "moved.yaml"
    moved.write_text(text[:i] + text[i:].replace("points: 10", "points: 5", 1).replace("points: 10", "points: 15", 1))
    r = run("rubric", "diff", EXAMPLE, str(moved), EXAMPLE_DATA, "-f", "csv")
    assert r.exit_code == 0, r.output
    table = rows(r.stdout)
    assert list(table[0])[:5] == ["年度", "单位", "原总分", "新总分", "变化"]
    assert sorted(t["单位"] for t in table) == ["示例丁县", "示例丙县", "示例乙县", "示例甲县"]
    for t in table:  # numbers as numbers: the change is the difference of the totals
        assert abs(float(t["新总分"]) - float(t["原总分"]) - float(t["变化"] or 0)) < 1e-9
    changes = rows(run("rubric", "diff", EXAMPLE, str(moved), "-f", "csv").stdout)  # without data: the changes
    assert [(c["编号"], c["原"], c["新"]) for c in changes] == [("1.1", "10", "5"), ("1.2", "10", "15")]
