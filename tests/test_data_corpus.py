"""The corpus of bad input: one data file per defect, named after it (tests/corpus/data/).

A refused file gives exactly one problem line naming the file and the place, exit code 2, no
traceback, no output file (nor a temporary one) left behind, and the input untouched.  An
accepted file (another encoding, a title row over merged cells) scores exactly as its plain
UTF-8 twin, ``baseline-utf8.csv``.  The broken rubrics are in tests/corpus/rubrics/.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app

CORPUS = Path(__file__).parent / "corpus" / "data"
RUBRIC = Path(__file__).parent.parent / "rubrics" / "shifan.yaml"
SUMMARY = "共 1 个错误；未写出任何结果。"

# file → what follows the file name in its one line (the place, the code, the message)
REFUSED = {
    "empty.csv": ": E-DATA-EMPTY: 文件中没有数据行",
    "header-only.csv": ":1: E-DATA-EMPTY: 文件中没有数据行",
    "wrong-delimiter.csv": ":1: E-DATA-COLUMNS: 只读出一列：表头用的是全角逗号“，”分隔：请改用半角逗号“,”分隔（英文输入法下的逗号），或另存为 CSV",
    "mixed-units.csv": ":4:数值: E-DATA-MIXED: “0.96”与同列其他单元格的单位不一致：该列的百分比写有 %，而 0.96 会被读作 0.96%；若指 96%，请填 96%，若确是 0.96%，请写明 %",
    "nan.csv": ":3:数值: E-DATA-NUMBER: “NaN”不是数值（指标“规范性文件备案件数（normative_docs_filed）”应填整数，如 12）",
    "inf.csv": ":3:数值: E-DATA-NUMBER: “inf”不是数值（指标“行政机关负责人出庭应诉率（court_appearance_rate）”应填百分比，如 96.5%）",
    "excel-error.csv": ":3:数值: E-DATA-NUMBER: “#DIV/0!”不是数值（指标“行政机关负责人出庭应诉率（court_appearance_rate）”应填百分比，如 96.5%）",
    "negative-count.csv": ":3:数值: E-DATA-RANGE: -3 超出指标“规范性文件备案件数（normative_docs_filed）”的取值范围（整数 ≥ 0）",
    "percent-above-100.csv": ":3:数值: E-DATA-RANGE: 120% 超出指标“行政机关负责人出庭应诉率（court_appearance_rate）”的取值范围（0–100）",
    "unknown-units.csv": ":3:数值: E-DATA-NUMBER: “45学时”不是数值（指标“政府常务会议学法次数（exec_meeting_law_study）”应填整数，如 12）",
    "duplicate-rows.csv": ":4:指标: E-DATA-DUP: 甲县 2024 的指标“规范性文件备案件数（normative_docs_filed）”重复（首次在第 2 行）；每个单位每年每项只填一个值",
    "bad-year.csv": ":3:年度: E-DATA-YEAR: 年度“24年”无效：应为四位年份，如 2024",
    "unit-missing.csv": ":3:单位: E-DATA-UNIT: 单位名称为空",
    "unknown-field.csv": ":2:指标: E-DATA-FIELD: 指标“出庭率”不在细则的指标字典中（是否应为“出庭应诉率”？）",
    "not-a-known-encoding.csv": ": E-DATA-ENCODING: 无法识别文件编码（已尝试 UTF-8、UTF-16、GB18030）：请另存为 UTF-8 或 GBK 的 CSV",
    "binary.csv": ": E-DATA-FILE: 无法读取数据文件：这是二进制文件，不是文本表格（若是 Excel 文件，请用 .xlsx 扩展名）",
    "garbled.json": ":2: E-DATA-FILE: 无法读取数据文件：JSON 格式错误：Expecting ',' delimiter",
    "corrupt.xlsx": ": E-DATA-FILE: 无法读取数据文件：无法打开 Excel 工作簿：文件已损坏或不完整（不是有效的 .xlsx）：请在 Excel/WPS 中打开并重新另存为 .xlsx，或重新下载",
    "corrected-above-closed.csv": ":4: E-DATA-CONSTRAINT: 甲县 2024：行政复议纠错件数 129（第 4 行）、审结(办结)行政复议案件数 78（第 3 行），"
    "不满足“reconsideration_corrected <= reconsideration_closed”：纠错（撤销、变更、确认违法、责令履行）"
    "是审结案件的一种结果，纠错件数不能多于审结件数",
    "password-protected.xlsx": ": E-DATA-FILE: 无法读取数据文件：无法打开 Excel 工作簿：工作簿设有打开密码：请在 Excel/WPS 中去掉密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空）后另存",
    "mixed-encoding.csv": ":4: E-DATA-ENCODING-MIXED: 此行的编码与文件其余部分不同（文件是 UTF-8，此行是 GBK）："
    "请把整个文件另存为同一种编码（如 CSV UTF-8）",
    "duplicate-json-keys.json": ":2:数值: E-DATA-FILE: 无法读取数据文件：JSON 记录中键“数值”出现两次：只能保留一个值，请删去多余的",
    "list-values.parquet": ":1:数值: E-DATA-COLUMNS: 列“数值”的值是列表，不是单个数值或文字：每个单元格只填一个值",
    "boolean-in-count.parquet": ":2:数值: E-DATA-NUMBER: “true”不是数值（指标“规范性文件备案件数（normative_docs_filed）”应填整数，如 12）",
    "uncalculated-formulas.xlsx": ":3: E-DATA-UNCALCULATED: 单元格 A3 是公式，但工作簿没有保存它的计算结果（本表共 2 个这样的单元格）："
    "请在 Excel/WPS 中打开工作簿、重新计算后保存",
    "overlapping-merged-cells.xlsx": ": E-DATA-FILE: 无法读取数据文件：合并单元格相互重叠（Excel 不会这样保存，文件已损坏）："
    "请在 Excel/WPS 中打开并重新另存为 .xlsx",
}
# the baseline's rows, in another encoding or with other line ends
ACCEPTED = ["gb18030.csv", "utf8-bom.csv", "utf16-tab.txt", "utf16-no-bom.txt", "cr-only-line-ends.csv"]
# the baseline's rows, read with these warnings (on stderr)
WARNED = {
    "invisible-unit-names.csv": [
        "invisible-unit-names.csv:3:单位: W-DATA-UNIT-NAME: 单位名称“甲<U+200B>县”与“甲县”只差不可见字符、空格种类或全角半角，"
        "已视为同一单位“甲县”"
    ],
    "hidden-sheets.xlsx": [
        "hidden-sheets.xlsx: W-DATA-HIDDEN-SHEET: 工作表“旧数据”已隐藏，其中的数据未读取：若要计分，请在 Excel/WPS 中取消隐藏",
        "hidden-sheets.xlsx: W-DATA-HIDDEN-SHEET: 工作表“草稿”已隐藏，其中的数据未读取：若要计分，请在 Excel/WPS 中取消隐藏",
    ],
}
BASELINE = "baseline-utf8.csv"


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_every_corpus_file_is_tested():
    named = set(REFUSED) | set(ACCEPTED) | set(WARNED) | {BASELINE, "title-row-merged-cells.xlsx", "README.md"}
    assert {p.name for p in CORPUS.iterdir()} == named


@pytest.mark.parametrize(
    "command", [["rank", "-o", "排名.csv"], ["score", "-o", "得分.xlsx"]], ids=["rank-csv", "score-xlsx"]
)
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused(tmp_path: Path, name: str, command: list[str]):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    out.mkdir()
    shutil.copy(CORPUS / name, inputs / name)
    before = digest(inputs)
    args = [command[0], str(inputs / name), "-r", str(RUBRIC), command[1], str(out / command[2])]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "E-INTERNAL" not in result.output
    assert result.stdout == ""
    line, summary = result.stderr.splitlines()
    assert summary == SUMMARY
    assert line == str(inputs / name) + REFUSED[name] or line.endswith(f"{name}{REFUSED[name]}"), line
    assert list(out.iterdir()) == []  # nothing written, not even a temporary file
    assert digest(inputs) == before  # the input untouched, and nothing added beside it


def rank_csv(path: Path) -> str:
    result = CliRunner().invoke(app, ["rank", str(path), "-r", str(RUBRIC), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_encodings_score_as_the_baseline(name: str):
    assert rank_csv(CORPUS / name) == rank_csv(CORPUS / BASELINE)


@pytest.mark.parametrize("name", sorted(WARNED))
def test_accepted_with_a_warning_score_as_the_baseline(name: str, monkeypatch):
    """Hidden sheets are skipped (what the user sees is what is scored), and unit names that
    print alike are one unit: each said on stderr, the ranking that of the baseline."""
    monkeypatch.chdir(CORPUS)
    result = CliRunner().invoke(app, ["rank", name, "-r", str(RUBRIC), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout == rank_csv(CORPUS / BASELINE)
    assert result.stderr.splitlines() == WARNED[name]


def test_title_row_and_merged_cells(tmp_path: Path):
    """A title merged over the columns, and each unit's name and year merged over its rows: every
    row gets the merged value, as the sheet shows it."""
    rubric = lg.load_rubric(RUBRIC)
    got = lg.read_indicators([CORPUS / "title-row-merged-cells.xlsx"], rubric).values
    rows = {(r["unit"], r["year"], r["field"]): (r["value"], r["row"]) for r in got.iter_rows(named=True)}
    assert rows == {
        ("甲县", 2024, "court_appearance_rate"): (96.5, 3),
        ("甲县", 2024, "normative_docs_filed"): (12, 4),
        ("甲县", 2024, "exec_meeting_law_study"): (6, 5),
        ("甲县", 2024, "permit_items"): (230, 6),
        ("乙县", 2024, "court_appearance_rate"): (88, 7),
        ("乙县", 2024, "normative_docs_filed"): (9, 8),
    }
    assert got.height == 6 and got.filter(pl.col("unit").is_null()).height == 0
