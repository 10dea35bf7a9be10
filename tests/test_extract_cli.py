"""`lawgov-score extract` as a user runs it: the five real reports against the hand-checked
gold, the output read back by `rank`, other file kinds, odd input, and the field dictionary's
phrasings as data."""

import json

import pytest
from conftest import ROOT, SHARED
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from lawgov_score.cli import app
from lawgov_score.extract import COLUMNS, extract_text, field_dictionary
from lawgov_score.extract.numbers import chinese_value
from lawgov_score.extract.sources import reflow

runner = CliRunner()
REPORTS = SHARED / "reports"
GOLD = ROOT / "tests" / "data" / "extract-gold.csv"
DATA = ROOT / "tests" / "data"
needs_reports = pytest.mark.skipif(
    not (REPORTS / "naidong-2022.txt").exists(), reason="shared/reports not beside the repository"
)
FIELDS = field_dictionary()[0]


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@needs_reports
def test_gold_quotes_are_verbatim_and_values_are_in_them():
    import csv

    rows = list(csv.DictReader(GOLD.open(encoding="utf-8")))
    assert len(rows) == 69
    for r in rows:
        text = (REPORTS / r["source"]).read_text(encoding="utf-8")
        assert r["quote"] in text, r
        assert r["value"] in r["quote"].replace(" ", ""), r


@needs_reports
def test_five_reports_meet_the_targets():
    res = run("extract", *sorted(REPORTS.glob("*.txt")), "--evaluate", GOLD, "--format", "json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert sorted(out["reports"]) == ["gaotai-2022", "hangjin-2024", "leping-2024", "naidong-2022", "shifeng-2023"]
    assert out["overall"]["gold"] == 69
    assert out["overall"]["precision"] >= 0.95
    assert out["overall"]["recall"] >= 0.85


def test_synthetic_reports_meet_the_targets():
    res = run(
        "extract",
        *sorted(DATA.glob("synthetic-report-*.txt")),
        "--evaluate",
        DATA / "synthetic-extract-gold.csv",
        "-f",
        "json",
    )
    assert res.exit_code == 0, res.output
    overall = json.loads(res.stdout)["overall"]
    assert overall["precision"] >= 0.95 and overall["recall"] >= 0.85, overall


@needs_reports
def test_extract_then_rank_end_to_end(tmp_path):
    out = tmp_path / "x.csv"
    res = run("extract", *sorted(REPORTS.glob("*.txt")), "-o", out)
    assert res.exit_code == 0, res.output
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == ",".join(COLUMNS)
    res = run("rank", out, "--format", "json")
    assert res.exit_code == 0, res.output
    ranked = json.loads(res.stdout)
    assert sorted(r["unit"] for r in ranked) == ["乃东区", "乐平市", "杭锦旗", "石峰区", "高台县"]
    res = run("score", out, "--unit", "杭锦旗", "--format", "csv")
    assert res.exit_code == 0, res.output
    assert "承诺时限压缩比率78.98%" in res.stdout  # the quote is read as the evidence


def test_json_records_have_the_indicator_columns():
    res = run("extract", DATA / "synthetic-report-moni-district-2024.txt", "-f", "json")
    assert res.exit_code == 0, res.output
    records = json.loads(res.stdout)
    assert records and all(list(r) == [*COLUMNS, "page"] for r in records)  # page: a PDF's, else null
    assert all(r["page"] is None for r in records)
    first = records[0]
    text = (DATA / "synthetic-report-moni-district-2024.txt").read_text(encoding="utf-8")
    assert first["unit"] == "模拟区" and first["year"] == 2024
    assert text[first["offset"] :].startswith(str(first["value"]))
    assert first["quote"] in text


def test_all_lists_every_reading(tmp_path):
    one = json.loads(run("extract", DATA / "synthetic-report-hecheng-county-2023.txt", "-f", "json").stdout)
    every = json.loads(run("extract", DATA / "synthetic-report-hecheng-county-2023.txt", "-f", "json", "--all").stdout)
    assert len(every) > len(one)
    assert len({r["field"] for r in one}) == len(one)


def test_year_option_overrides(tmp_path):
    recs = json.loads(
        run("extract", DATA / "synthetic-report-moni-district-2024.txt", "-f", "json", "--year", "2023").stdout
    )
    assert {r["year"] for r in recs} == {2023}


# --- other kinds of file, and odd input -------------------------------------------------------

SENTENCE = "合成县2023年法治政府建设工作报告\n全年共受理行政复议案件59起，审结48起，其中纠错10起。\n"


def test_gbk_text(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes(SENTENCE.encode("gbk"))
    recs = json.loads(run("extract", f, "-f", "json").stdout)
    assert {r["field"]: r["value"] for r in recs} == {
        "reconsideration_received": 59,
        "reconsideration_closed": 48,
        "reconsideration_corrected": 10,
    }


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("合成县2023年法治政府建设工作报告")
    d.add_paragraph("全年共受理行政复议案件59起，审结48起。")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "主动公开政府信息2856条"
    table.rows[0].cells[1].text = "备注"
    f = tmp_path / "report.docx"
    d.save(f)
    recs = json.loads(run("extract", f, "-f", "json").stdout)
    assert {r["field"]: r["value"] for r in recs} == {
        "reconsideration_received": 59,
        "reconsideration_closed": 48,
        "info_disclosed": 2856,
    }
    assert recs[0]["unit"] == "合成县"


def test_pdf_line_breaks_are_joined():
    page = "全年共受理行政复\n议案件59起，审结48起。\n— 3 —\n(二)依法行政\n主动公开政府信息2856条。"
    assert reflow(page) == "全年共受理行政复议案件59起，审结48起。\n(二)依法行政\n主动公开政府信息2856条。"


@pytest.mark.parametrize(
    "name,content",
    [
        ("binary.txt", bytes(range(256)) * 4),
        ("broken.docx", b"PK\x03\x04not really a zip"),
        ("broken.pdf", b"%PDF-1.4\nnot really a pdf"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
    ],
)
def test_unreadable_files_are_one_line_errors_and_write_nothing(tmp_path, name, content):
    f = tmp_path / name
    f.write_bytes(content)
    out = tmp_path / "out.csv"
    res = run("extract", f, "-o", out)
    assert res.exit_code == 2
    assert "E-EXTRACT-FILE" in res.stderr and "Traceback" not in res.output
    assert not out.exists()


def test_missing_file(tmp_path):
    res = run("extract", tmp_path / "nope.txt")
    assert res.exit_code == 2 and "E-EXTRACT-FILE" in res.stderr


@pytest.mark.parametrize(
    "content,code",
    [
        (b"", "W-EXTRACT-EMPTY"),
        (b"  \n\n", "W-EXTRACT-EMPTY"),
        ("我县法治政府建设工作取得明显成效。".encode(), "W-EXTRACT-NONE"),
    ],
)
def test_empty_or_numberless_report_gives_zero_records(tmp_path, content, code):
    f = tmp_path / "r.txt"
    f.write_bytes(content)
    res = run("extract", f, "-f", "json")
    assert res.exit_code == 0
    assert json.loads(res.stdout) == []
    assert code in res.stderr
    out = tmp_path / "r.csv"
    assert run("extract", f, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8-sig").strip() == ",".join(COLUMNS)


def test_unit_from_file_name_is_a_warning(tmp_path):
    f = tmp_path / "某报告.txt"
    f.write_text("全年共受理行政复议案件59起。", encoding="utf-8")
    res = run("extract", f, "-f", "json")
    assert res.exit_code == 0 and "W-EXTRACT-UNIT" in res.stderr and "W-EXTRACT-YEAR" in res.stderr
    assert json.loads(res.stdout)[0]["unit"] == "某报告"


def test_directory_of_reports(tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    recs = json.loads(run("extract", tmp_path, "-f", "json").stdout)
    assert {r["source"].split("/")[-1] for r in recs} == {"a.txt"}


# --- phrasings are data ---------------------------------------------------------------------------


def test_a_new_phrasing_needs_no_python(tmp_path):
    fields = tmp_path / "fields.yaml"
    fields.write_text(
        "fields:\n"
        "  - id: hearings_held\n    name: 行政复议听证次数\n    unit: 次\n    type: count\n"
        "    aliases: [召开听证会]\n"
        "  - id: reconsideration_received\n    name: 受理行政复议案件数\n    unit: 件\n    type: count\n"
        '    patterns:\n      - match: "复议窗口接收…{n}"\n        units: [宗]\n',
        encoding="utf-8",
    )
    report = tmp_path / "r.txt"
    report.write_text("合成县2023年法治政府建设工作报告\n复议窗口接收申请59宗，召开听证会7次。", encoding="utf-8")
    recs = json.loads(run("extract", report, "--rubric", fields, "-f", "json").stdout)
    assert {r["field"]: r["value"] for r in recs} == {"reconsideration_received": 59, "hearings_held": 7}


def test_empty_patterns_switch_a_field_off(tmp_path):
    fields = tmp_path / "fields.yaml"
    fields.write_text(
        "fields:\n  - id: hearings_held\n    name: 听证次数\n    unit: 次\n    type: count\n"
        "    aliases: [召开听证会]\n    patterns: []\n",
        encoding="utf-8",
    )
    report = tmp_path / "r.txt"
    report.write_text("召开听证会7次。", encoding="utf-8")
    res = run("extract", report, "--rubric", fields, "-f", "json")
    assert json.loads(res.stdout) == []


@pytest.mark.parametrize(
    "pattern,message",
    [
        ('"受理…{x}"', "占位符"),
        ('"受理行政复议案件"', "{n}"),
        ('{match: "受理{n}…{n}"}', "{n}"),
        ('{match: "全覆盖{n}", value: 100}', "value"),
        ('{match: "受理…{n}", within: chapter}', "within"),
        ('{match: "受理…{n}", contxt: [复议]}', "contxt"),
    ],
)
def test_rubric_check_catches_bad_patterns(tmp_path, pattern, message):
    fields = tmp_path / "fields.yaml"
    fields.write_text(
        f"fields:\n  - id: cases\n    name: 案件数\n    unit: 件\n    type: count\n    patterns: [{pattern}]\n",
        encoding="utf-8",
    )
    res = run("rubric", "check", fields)
    assert res.exit_code == 1, res.output
    assert "fields.yaml:" in res.stdout and message in res.stdout


def test_patterns_only_on_numeric_fields(tmp_path):
    fields = tmp_path / "fields.yaml"
    fields.write_text(
        'fields:\n  - id: flag\n    name: 是否\n    type: bool\n    patterns: ["建立…{n}"]\n', encoding="utf-8"
    )
    res = run("rubric", "check", fields)
    assert res.exit_code == 1 and "E-FIELD" in res.stdout


def test_bundled_dictionaries_pass_the_check():
    res = run("rubric", "check", *sorted((ROOT / "rubrics").glob("*.yaml")))
    assert res.exit_code == 0, res.output


# --- numbers ----------------------------------------------------------------------------------------

CN = "零一二三四五六七八九"


def chinese(n: int) -> str:
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CN[tens]) + "十" if tens else "") + (CN[ones] if ones else "")


@given(st.integers(1, 99))
def test_chinese_numerals(n):
    assert chinese_value(chinese(n)) == n


@given(st.integers(0, 10**8), st.booleans())
def test_counts_with_separators_and_full_width_digits(n, full):
    digits = f"{n:,}"
    if full:
        digits = digits.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    recs = extract_text(f"主动公开政府信息{digits}条。", FIELDS)
    if full and n >= 1000:  # a full-width comma is a clause break, not a thousands separator
        return
    assert [(r.field, r.value) for r in recs] == [("info_disclosed", n)]


@given(st.integers(0, 10000).map(lambda k: k / 100))
def test_percents(p):
    text = f"{p:.2f}".rstrip("0").rstrip(".")
    recs = extract_text(f"行政机关负责人出庭应诉率达{text}%。", FIELDS)
    assert [(r.field, r.value) for r in recs] == [("court_appearance_rate", float(text))]
