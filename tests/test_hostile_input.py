"""Hostile input made on the fly (too large or too odd to keep as corpus files): each gives one
clean line with its place, or is read right, and never a traceback, a hang or a crash.

The cases come from an adversarial pass over the readers and the rubric loader: formulas
thousands of levels deep, an endless line, a header of 20,000 columns, ten thousand unknown
columns, a device or a FIFO named by a rubric, a long rubric taken for an alias bomb.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_score.cli import app
from lawgov_score.core import yamlsafe
from lawgov_score.data.read import read_indicators_report
from lawgov_score.rubric import formula as fx
from lawgov_score.rubric.load import read_rubric

HERE = Path(__file__).parent
RUBRIC = HERE.parent / "rubrics" / "shifan.yaml"
ITEM_FORMULA = HERE / "corpus" / "rubrics" / "formula-divides-by-zero.yaml"  # its line 26 is an item's formula


def rubric_with_formula(tmp_path: Path, formula: str) -> Path:
    text = ITEM_FORMULA.read_text(encoding="utf-8").replace("cases / (1 - 1) * 100", formula)
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return path


DEEP = {
    "5,000 parentheses": "(" * 5000 + "cases" + ")" * 5000,
    "5,000 minus signs": "-" * 5000 + "cases",
    "3,000 nested min": "min(" * 3000 + "cases" + ")" * 3000,
    "990-term chain": " + ".join(["cases"] * 990),
    "101 levels": "(" * 101 + "cases" + ")" * 101,
}


@pytest.mark.parametrize("formula", list(DEEP.values()), ids=list(DEEP))
def test_a_formula_past_the_depth_limit_is_a_formula_error(tmp_path: Path, formula: str):
    result = CliRunner().invoke(app, ["rubric", "check", str(rubric_with_formula(tmp_path, formula))])
    assert result.exit_code == 1, result.output
    assert "RecursionError" not in result.output and "E-INTERNAL" not in result.output
    line = next(ln for ln in result.output.splitlines() if "E-FORMULA" in ln)
    assert line.startswith(f"{tmp_path / 'r.yaml'}:26: E-FORMULA:") or ":26: E-FORMULA:" in line
    assert f"超过 {fx.MAX_DEPTH} 层" in line and len(line) < 300  # the formula is quoted cut short


def test_a_formula_at_the_depth_limit_parses():
    assert fx.depth(fx.parse("(" * (fx.MAX_DEPTH - 1) + "a" + ")" * (fx.MAX_DEPTH - 1))) == 1
    assert fx.depth(fx.parse(" + ".join(["a"] * fx.MAX_DEPTH))) == fx.MAX_DEPTH


@pytest.mark.parametrize("number", ["1" + "0" * 5000, "1" + "0" * 16, "9" * 400 + ".5"])
def test_a_constant_past_the_bound_is_a_formula_error(number: str):
    with pytest.raises(fx.FormulaError) as err:
        fx.parse(f"cases * {number}")
    assert err.value.key == "number_too_large"
    assert fx.parse("cases * 1000000000000000") == ("bin", "*", ("field", "cases"), ("num", 1e15))


def test_a_device_named_as_a_field_dictionary_is_refused(tmp_path: Path):
    text = (HERE / "corpus" / "rubrics" / "fields-file-missing.yaml").read_text(encoding="utf-8")
    path = tmp_path / "r.yaml"
    path.write_text(text.replace("parts/no-such-fields.yaml", "/dev/zero"), encoding="utf-8")
    rubric, report = read_rubric(path)
    assert rubric is None
    [p] = report.errors
    assert (p.code, p.line) == ("E-FILE", 6) and "不是普通文件" in p.message()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_by_extends_is_refused_without_blocking(tmp_path: Path):
    os.mkfifo(tmp_path / "base.yaml")  # opening it to read would wait for a writer for ever
    child = tmp_path / "child.yaml"
    child.write_text("extends: base.yaml\nid: child\n", encoding="utf-8")
    rubric, report = read_rubric(child)
    assert rubric is None and [p.code for p in report.errors] == ["E-FILE"]
    assert "不是普通文件" in report.errors[0].message()


def test_a_device_given_as_data_is_refused():
    _, report = read_indicators_report(["/dev/zero"], read_rubric(RUBRIC)[0])
    [p] = report.errors
    assert p.code == "E-DATA-FILE" and "不是普通文件" in p.message()


def test_a_long_rubric_written_out_is_no_alias_bomb(monkeypatch):
    """Only nodes repeated through aliases count towards the budget: a rubric of many items
    (45,000 in the report; here the budget is lowered instead) is read whole."""
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 1000)
    items = "".join(f'- {{id: "{i}", name: 项{i}, points: 1}}\n' for i in range(400))  # 1,600 nodes
    value, problems = yamlsafe.load_text("items:\n" + items, "r.yaml")
    assert problems == [] and len(value["items"]) == 400
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    _, problems = yamlsafe.load_text(bomb, "r.yaml")
    assert [p.code for p in problems] == ["E-YAML-ALIAS"]


def rank(path: Path):
    return CliRunner().invoke(app, ["rank", str(path), "-r", str(RUBRIC), "-f", "csv"])


def one_line(result, path: Path) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "E-INTERNAL" not in result.output
    line, summary = result.stderr.splitlines()
    assert line.startswith(str(path)), line
    return line[len(str(path)) :]


@pytest.mark.parametrize("big", [False, True], ids=["small-file", "past-the-fast-path"])
def test_an_endless_line_is_refused(tmp_path: Path, big: bool):
    """One line of commas, longer than any row (1 MB): refused before any column is made."""
    path = tmp_path / "one-line.csv"
    path.write_bytes(b"unit,year,field,value" + b"," * ((5 if big else 2) << 20))
    assert (
        one_line(rank(path), path)
        == ":1: E-DATA-FILE: 无法读取数据文件：此行超过 1 MB，不是表格的一行：请检查文件是否为表格、换行是否完整"
    )


def test_a_header_of_20000_columns_is_refused(tmp_path: Path):
    path = tmp_path / "wide.csv"
    path.write_text("单位,年度," + ",".join(f"x{i}" for i in range(20_000)) + "\n甲县,2024\n", encoding="utf-8")
    assert one_line(rank(path), path) == (
        ":1: E-DATA-COLUMNS: 表头有 20002 列，超过上限 16384 列：这不是指标表（宽表请每个指标一列，或改用长表）"
    )


def test_ten_thousand_unknown_columns_are_summarised(tmp_path: Path):
    path = tmp_path / "unknown.csv"
    path.write_text("单位,年度," + ",".join(f"x{i}" for i in range(10_000)) + "\n甲县,2024\n", encoding="utf-8")
    result = rank(path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 22  # 20 named, one line for the rest, the summary
    assert f"{path}:1: E-DATA-MORE: 另有 9980 处同类问题（E-DATA-FIELD）未逐一列出" in lines


def test_a_large_utf8_file_with_one_gbk_row_is_refused_at_that_row(tmp_path: Path):
    """Past the size at which UTF-8 goes to polars directly, the careful reader still names the row."""
    path = tmp_path / "big.csv"
    row = "甲县,2024,规范性文件备案件数,12\n"
    n = (5 << 20) // len(row.encode())
    path.write_bytes(("单位,年度,指标,数值\n" + row * n).encode() + "乙县,2024,规范性文件备案件数,9\n".encode("gbk"))
    assert one_line(rank(path), path).startswith(f":{n + 2}: E-DATA-ENCODING-MIXED:")


def test_utf16_big_endian_without_bom_reads_as_the_baseline(tmp_path: Path):
    baseline = HERE / "corpus" / "data" / "baseline-utf8.csv"
    path = tmp_path / "be.txt"
    path.write_bytes(baseline.read_text(encoding="utf-8").replace(",", "\t").encode("utf-16-be"))
    shutil.copy(baseline, tmp_path / "b.csv")
    assert rank(path).stdout == rank(tmp_path / "b.csv").stdout != ""
