"""`rank --keep-going`: one county's bad file no longer stops a city's ranking; the readable
files are ranked, each file left out is listed with its first problem, and the run exits 1.
All-or-nothing stays the default."""

import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from lawgov_score.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
runner = CliRunner()
pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")


@pytest.fixture
def city(tmp_path) -> Path:
    """The five sample counties, 乐平市's file with a value that is not a number on line 5 and
    高台县's with an unknown field on line 3."""
    folder = tmp_path / "交回"
    folder.mkdir()
    for p in SAMPLES.glob("*-20*.csv"):
        shutil.copy(p, folder / p.name)
    lines = (folder / "leping-2024.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[4].split(",")
    cells[3] = "九十"
    lines[4] = ",".join(cells)
    (folder / "leping-2024.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = (folder / "gaotai-2022.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")
    cells[2] = "no_such_field"
    lines[2] = ",".join(cells)
    (folder / "gaotai-2022.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_by_default_one_bad_file_stops_the_ranking_and_nothing_is_written(city, tmp_path):
    out = tmp_path / "排名.xlsx"
    res = runner.invoke(app, ["rank", str(city), "-o", str(out)])
    assert res.exit_code == 2
    assert "E-DATA-NUMBER" in res.output and "E-DATA-FIELD" in res.output
    assert not out.exists()


def test_keep_going_ranks_the_readable_files_and_lists_those_left_out(city, tmp_path):
    out = tmp_path / "排名.xlsx"
    res = runner.invoke(app, ["rank", str(city), "--keep-going", "-o", str(out)])
    assert res.exit_code == 1, res.output
    lines = res.output.splitlines()
    excluded = [ln for ln in lines if "W-DATA-EXCLUDED" in ln]
    assert [ln.split(":", 1)[0].rsplit("/", 1)[-1] for ln in excluded] == ["gaotai-2022.csv", "leping-2024.csv"]
    assert "leping-2024.csv:5:value: E-DATA-NUMBER" in excluded[1]
    # each one's first problem follows it, as the plain run would print it
    first = lines[lines.index(excluded[1]) + 1]
    assert first.endswith("“九十”不是数值（指标“规范性文件备案件数（normative_docs_filed）”应填整数，如 12）")
    ws = openpyxl.load_workbook(out)["排名"]
    units = [ws.cell(r, 2).value for r in range(4, ws.max_row + 1)]
    assert sorted(units) == ["乃东区", "杭锦旗", "石峰区"]


def test_keep_going_with_every_file_readable_is_the_plain_ranking(tmp_path):
    plain = runner.invoke(app, ["rank", str(SAMPLES), "-f", "csv"])
    going = runner.invoke(app, ["rank", str(SAMPLES), "-f", "csv", "--keep-going"])
    assert going.exit_code == plain.exit_code == 0
    assert going.stdout == plain.stdout
