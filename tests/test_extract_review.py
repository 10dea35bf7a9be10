"""The review step of `extract` and the report formats it reads: the review sheet written by
`extract -o 核对表.xlsx`, filled in by a person and read back by `score` (only confirmed or
corrected rows, the quote as evidence); `--explain`; tables in .docx, page numbers of .pdf;
the limits on a .docx that unpacks to too much."""

import io
import json
import zipfile

import openpyxl
import pytest
from conftest import ROOT
from pdf_text import text_pdf
from typer.testing import CliRunner

from lawgov_score.api.inputs import rubric_of
from lawgov_score.cli import app
from lawgov_score.data.read import read_indicators_report
from lawgov_score.extract import sources

runner = CliRunner()
DEV = ROOT / "tests" / "data" / "dev-r3"
TITLE = "合成县2023年法治政府建设工作报告"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def review_rows(path):
    """The review sheet's header and rows (openpyxl cells), below its two title lines."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[3]]
    return wb, ws, header, list(ws.iter_rows(min_row=4))


def test_review_sheet_has_what_a_reviewer_needs(tmp_path):
    out = tmp_path / "核对表.xlsx"
    res = run("extract", DEV / "synthetic-dev-lingxi-county-2022.txt", "-o", out)
    assert res.exit_code == 0, res.output
    _, ws, header, rows = review_rows(out)
    assert ws.title == "核对表"
    for name in ("中文名", "数值", "计量单位", "原文", "上下文", "置信度", "读取依据", "确认"):
        assert name in header
    col = {h: i for i, h in enumerate(header)}
    first = {h: rows[0][i].value for h, i in col.items()}
    assert first["指标"] == "rule_of_law_agenda_items" and first["中文名"] == "专题研究法治建设次数"
    assert first["原文"] == "县委常委会会议、县政府常务会议共研究法治政府建设议题〖5〗次"  # the joint subject kept
    assert first["计量单位"] == "次" and first["确认"] is None
    assert all(0.5 <= float(r[col["置信度"]].value) <= 1 for r in rows)
    lower = [r for r in rows if r[col["指标"]].value == "legal_publicity_events"][0]
    assert lower[col["数值"]].value == "320余"  # a lower bound as an indicator file writes it


def test_review_round_trip_uses_exactly_the_signed_rows(tmp_path):
    """Confirm some rows, correct one, reject one, leave the rest: score reads exactly those."""
    out = tmp_path / "核对表.xlsx"
    assert run("extract", DEV / "synthetic-dev-lingxi-county-2022.txt", "-o", out).exit_code == 0
    wb, ws, header, rows = review_rows(out)
    col = {h: i for i, h in enumerate(header)}
    field = {r[col["指标"]].value: r for r in rows}
    field["rule_of_law_agenda_items"][col["确认"]].value = "是"
    field["exec_meeting_law_study"][col["确认"]].value = "否"
    field["law_lectures"][col["确认"]].value = "4"  # corrected
    field["legal_aid_cases"][col["确认"]].value = "√"
    field["legal_publicity_events"][col["确认"]].value = "是"
    wb.save(out)
    inds, report = read_indicators_report([out], rubric_of(None))
    assert inds is not None, report.problems
    got = {r["field"]: (r["value"], r["evidence"], r["row"]) for r in inds.values.iter_rows(named=True)}
    stated = {f: v for f, v in got.items() if f in field}  # derived fields (rates by formula) aside
    assert {f: v[0] for f, v in stated.items()} == {
        "rule_of_law_agenda_items": 5,
        "law_lectures": 4,
        "legal_aid_cases": 207,
        "legal_publicity_events": 320,
    }
    assert stated["law_lectures"][1] == "法律知识讲座3场"  # the quote stays the evidence, marks removed
    assert stated["rule_of_law_agenda_items"][2] == field["rule_of_law_agenda_items"][0].row
    qualifiers = {r["field"]: r["qualifier"] for r in inds.values.iter_rows(named=True)}
    assert qualifiers["legal_publicity_events"] == "lower_bound"
    res = run("score", out, "-f", "json")
    assert res.exit_code == 0, res.output


def test_review_sheet_answers_that_are_not_understood(tmp_path):
    out = tmp_path / "核对表.xlsx"
    assert run("extract", DEV / "synthetic-dev-lingxi-county-2022.txt", "-o", out).exit_code == 0
    wb, ws, header, rows = review_rows(out)
    res = run("score", out)
    assert res.exit_code == 2 and "E-DATA-REVIEW-NONE" in res.output  # nothing signed: nothing to score
    rows[2][header.index("确认")].value = "待定"
    wb.save(out)
    res = run("score", out)
    assert res.exit_code == 2
    assert f"{out.name}:{rows[2][0].row}:确认: E-DATA-REVIEW" in res.output.replace(str(tmp_path) + "/", "")


def test_explain_says_which_phrasing_and_which_rule(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(
        f"{TITLE}\n涉及征地拆迁领域的行政复议案件21件。全年共受理行政复议案件74件，审结70件。\n", encoding="utf-8"
    )
    recs = json.loads(run("extract", report, "--explain", "-f", "json").stdout)
    received = [r for r in recs if r["field"] == "reconsideration_received"][0]
    assert received["value"] == 74
    assert "「受理…{n}」" in received["why"]  # the phrasing it was read by
    assert "取总数" in received["why"]
    text = run("extract", report, "--explain").stdout
    assert "读取依据" in text
    english = run("extract", report, "--explain", "--lang", "en").stdout
    assert "the total is taken" in english


def test_docx_table_cell_under_its_header(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE)
    d.add_paragraph("行政复议和法律援助情况")
    table = d.add_table(rows=3, cols=3)
    for cells, texts in zip(
        table.rows,
        [
            ("指标", "2023年", "同比"),
            ("受理行政复议案件（件）", "131", "+5%"),
            ("办理法律援助案件（件）", "２８５", "-3%"),
        ],
    ):
        for cell, t in zip(cells.cells, texts):
            cell.text = t
    f = tmp_path / "report.docx"
    d.save(f)
    recs = json.loads(run("extract", f, "-f", "json").stdout)
    assert {r["field"]: r["value"] for r in recs} == {"reconsideration_received": 131, "legal_aid_cases": 285}


def test_pdf_records_carry_their_page(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(
        text_pdf(
            [
                [TITLE, "2023年，合成县扎实推进法治政府建设。"],
                ["— 2 —"],
                ["全年受理行政复议案件五十九件，审结48件。", "办理法律援助案件２８５件。"],
            ]
        )
    )
    recs = json.loads(run("extract", pdf, "-f", "json").stdout)
    assert {r["field"]: (r["value"], r["page"]) for r in recs} == {
        "reconsideration_received": (59, 3),
        "reconsideration_closed": (48, 3),
        "legal_aid_cases": (285, 3),
    }
    assert "第 3 页" in run("extract", pdf).stdout
    txt = tmp_path / "r.txt"
    txt.write_text(f"{TITLE}\n办理法律援助案件285件。\n", encoding="utf-8")
    assert json.loads(run("extract", txt, "-f", "json").stdout)[0]["page"] is None


def _docx_with_body(body: bytes) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE)
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                head, _, tail = data.partition(b"<w:body>")
                data = head + b"<w:body>" + body + tail.partition(b"</w:body>")[0][-0:] + b"</w:body></w:document>"
            z.writestr(item.filename, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "body,words",
    [
        (b"<w:p><w:r><w:t>" + b"x" * (sources.DOCX_XML_MAX_MB * 2**20 + 10) + b"</w:t></w:r></w:p>", "MB"),
        (b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * (sources.DOCX_BLOCKS_MAX + 5), str(sources.DOCX_BLOCKS_MAX)),
    ],
    ids=["unpacked-size", "paragraphs"],
)
def test_docx_that_unpacks_to_too_much_is_one_line(tmp_path, body, words):
    f = tmp_path / "big.docx"
    f.write_bytes(_docx_with_body(body))
    assert f.stat().st_size < 2**20  # small on disk: the trouble is what it unpacks to
    res = run("extract", f)
    assert res.exit_code == 2
    problems = [ln for ln in res.output.splitlines() if ": E-" in ln]
    assert len(problems) == 1 and "E-EXTRACT-FILE" in problems[0] and words in problems[0], res.output
    assert "Traceback" not in res.output
