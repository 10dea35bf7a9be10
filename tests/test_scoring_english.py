"""`--lang en` of score, rank, report and template carries no Chinese of the tool's own (the
rubric's and the data's names stay as written), and an English fill-in template reads back as
the Chinese one does."""

import re
import warnings
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from conftest import ROOT
from english import tool_chinese
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app
from lawgov_score.core.messages import say
from lawgov_score.data.template import DATA_SHEET, EVIDENCE_COL, FIELD_COL, GUIDE_SHEET, UNIT_SHEET, VALUE_COL

SHIFAN = ROOT / "rubrics" / "shifan.yaml"
SAMPLES = ROOT / "samples"
EXAMPLE = ROOT / "rubrics" / "example.yaml"
EXAMPLE_DATA = ROOT / "docs" / "examples" / "example-synthetic.csv"


def run(*args):
    r = CliRunner().invoke(app, [*map(str, args)])
    assert r.exit_code == 0, r.output
    return r


def workbook_text(path: Path) -> str:
    """Every sheet name, cell, input message and list of choices of a workbook."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl drops Excel's data-bar extension, and says so
        wb = openpyxl.load_workbook(path)
    parts = [wb.properties.title or "", wb.properties.subject or ""]
    for ws in wb.worksheets:
        parts.append(ws.title)
        parts += [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
        for dv in ws.data_validations.dataValidation:
            parts += [str(x) for x in (dv.prompt, dv.promptTitle, dv.error, dv.errorTitle, dv.formula1) if x]
    return "\n".join(parts)


@pytest.mark.parametrize(
    "args",
    [
        ["rank"],
        ["rank", "-f", "markdown", "--ties", "dense"],
        ["rank", "-f", "csv", "--on", "3"],
        ["score"],
        ["score", "-f", "markdown", "--status", "missing"],
    ],
)
def test_rank_and_score_in_english(args):
    example = run(*args, EXAMPLE_DATA, "-r", EXAMPLE, "--lang", "en")
    assert example.stderr == ""  # every unit has peers: nothing on stderr
    assert tool_chinese(example.stdout, EXAMPLE, [EXAMPLE_DATA]) == []
    chinese = run(*args, EXAMPLE_DATA, "-r", EXAMPLE).stdout
    assert "单位" in chinese and "unit" not in chinese  # Chinese stays Chinese
    samples = run(*args, "--lang", "en")  # the real reports: evidence and names are the data's own
    # derived values join the evidence of their inputs with "；" (engine.provenance)
    assert tool_chinese(samples.stdout.replace("；", " "), SHIFAN, [SAMPLES]) == []


def test_a_veto_reads_yes_in_english():
    zh = run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "--no-dimensions").stdout
    en = run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "--no-dimensions", "--lang", "en").stdout
    assert re.search(r"示例丁县.*不合格\s+是", zh) and re.search(r"示例丁县.*不合格\s+yes", en)


def test_workbooks_in_english(tmp_path):
    for cmd in ("rank", "score"):
        out = tmp_path / f"{cmd}.xlsx"
        run(cmd, EXAMPLE_DATA, "-r", EXAMPLE, "--lang", "en", "-o", out)
        text = workbook_text(out)
        assert tool_chinese(text, EXAMPLE, [EXAMPLE_DATA]) == [], cmd
        assert {"ranking", "items", "gaps"} <= set(text.splitlines())


def test_report_in_english(tmp_path):
    out = tmp_path / "report.html"
    run("report", "--lang", "en", "-o", out, "--png", tmp_path / "charts")
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<h2>Ranking</h2>" in page
    # a chart label wrapped over lines (<tspan>s) is the rubric's own words once joined
    page = re.sub(r"</tspan><tspan[^>]*>", "", page)
    assert tool_chinese(page, SHIFAN, [SAMPLES]) == []
    assert len(list((tmp_path / "charts").glob("*.png"))) == 7
    zh = tmp_path / "zh.html"
    run("report", "-o", zh)
    assert '<html lang="zh-CN">' in zh.read_text(encoding="utf-8")


def test_template_in_english_reads_back_as_the_chinese_one(tmp_path):
    rubric = lg.load_rubric(SHIFAN)
    out = tmp_path / "template.xlsx"
    run("template", "--lang", "en", "-o", out, "-u", "杭锦旗", "-y", "2024")
    assert tool_chinese(workbook_text(out).replace("杭锦旗", " "), SHIFAN) == []  # the unit is the user's own
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["guide", "unit", "data"]
    head = [c.value for c in wb["data"][3]]
    assert head == ["name", "value", "measure", "evidence", "hint", "type", "items scored", "field"]
    values = {r["field"]: r for r in pl.read_csv(SAMPLES / "hangjin-2024.csv", infer_schema=False).to_dicts()}
    for row in wb["data"].iter_rows(min_row=4):
        r = values.get(row[FIELD_COL].value)
        if r is not None:
            f = rubric.fields[r["field"]]
            row[VALUE_COL].value = r["value"] + "%" if f.type == "percent" else r["value"]
            row[EVIDENCE_COL].value = r.get("evidence")
    wb.save(out)
    from_xlsx = lg.score(rubric, lg.read_indicators([out], rubric))
    from_csv = lg.score(rubric, lg.read_indicators([SAMPLES / "hangjin-2024.csv"], rubric))
    cols = ["unit", "year", "id", "value", "score", "status"]
    assert from_xlsx.items().select(cols).sort("id").equals(from_csv.items().select(cols).sort("id"))


def test_chinese_sheet_names_are_the_layout_the_reader_documents():
    assert [say(f"scoring.template.sheet_{k}") for k in ("guide", "unit", "data")] == [
        GUIDE_SHEET,
        UNIT_SHEET,
        DATA_SHEET,
    ]
