"""Outputs never destroy anything, and exports are exact and inert (tests/corpus/outputs/README.md
lists each case).  A refused output is one line naming the user's path, exit 2, with the inputs
and the output's folder exactly as they were: no file written, no temporary file left."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from lawgov_score.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "example-synthetic.csv"
RUBRIC = ROOT / "rubrics" / "example.yaml"
HOSTILE = Path(__file__).parent / "corpus" / "outputs" / "hostile-names-synthetic.csv"
CHART_NAMES = Path(__file__).parent / "corpus" / "outputs" / "chart-file-names-synthetic.csv"
SUMMARY = "共 1 个错误；未写出任何结果。"

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry below ``folder``: its kind and, for a regular file, its content's digest."""
    out = {}
    for p in sorted(folder.rglob("*")):
        st = os.lstat(p)
        if stat.S_ISREG(st.st_mode):
            out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[str(p.relative_to(folder))] = stat.filemode(st.st_mode)[0]
    return out


def refused(result, path, code: str) -> str:
    """The run stopped with one line naming ``path`` and ``code``; returns that line."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "E-INTERNAL" not in result.output
    line, summary = result.stderr.splitlines()
    assert summary == SUMMARY
    assert line.startswith(f"{Path(path)}: {code}: "), line
    assert ".tmp" not in line
    return line


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLE, tmp_path / "in.csv")
    shutil.copy(RUBRIC, tmp_path / "rubric.yaml")
    return tmp_path


# --- an output that is an input ------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["in.csv", "./in.csv", "link.csv", "hard.csv", "rubric.yaml"],
    ids=["same", "dot", "symlink", "hardlink", "rubric"],
)
def test_output_onto_an_input_is_refused(folder: Path, target: str, monkeypatch):
    (folder / "link.csv").symlink_to("in.csv")
    os.link(folder / "in.csv", folder / "hard.csv")
    monkeypatch.chdir(folder)
    before = snapshot(folder)
    result = run("rank", "in.csv", "-r", "rubric.yaml", "-o", target, "-f", "csv")
    refused(result, target, "E-OUTPUT-INPUT")
    assert snapshot(folder) == before


def test_rubric_diff_onto_one_of_its_rubrics_is_refused(folder: Path, monkeypatch):
    monkeypatch.chdir(folder)
    shutil.copy(RUBRIC, folder / "new.yaml")
    before = snapshot(folder)
    refused(
        run("rubric", "diff", "rubric.yaml", "new.yaml", "-o", "new.yaml", "-f", "markdown"),
        "new.yaml",
        "E-OUTPUT-INPUT",
    )
    assert snapshot(folder) == before


def test_input_through_a_link_is_refused_too(folder: Path, monkeypatch):
    (folder / "link.csv").symlink_to("in.csv")
    monkeypatch.chdir(folder)
    before = snapshot(folder)
    refused(run("rank", "link.csv", "-r", "rubric.yaml", "-o", "in.csv"), "in.csv", "E-OUTPUT-INPUT")
    assert snapshot(folder) == before


def test_output_inside_an_input_folder_is_refused(folder: Path, monkeypatch):
    data = folder / "data"
    data.mkdir()
    shutil.copy(EXAMPLE, data / "a.csv")
    monkeypatch.chdir(folder)
    before = snapshot(folder)
    line = refused(
        run("rank", "data", "-r", "rubric.yaml", "-o", "data/排名.csv"), "data/排名.csv", "E-OUTPUT-IN-INPUT"
    )
    assert "“data”" in line
    refused(
        run("report", "data", "-r", "rubric.yaml", "-o", "r.html", "--png", "data/charts"),
        "data/charts",
        "E-OUTPUT-IN-INPUT",
    )
    assert snapshot(folder) == before


def test_the_bundled_rubric_is_an_input_when_none_is_named(tmp_path: Path):
    from lawgov_score.core import bundled

    rubric = bundled.default_rubric()
    before = rubric.read_bytes()
    result = run("rank", EXAMPLE, "-o", rubric, "-f", "csv")
    refused(result, rubric, "E-OUTPUT-INPUT")
    assert rubric.read_bytes() == before


def test_the_python_api_refuses_the_same_outputs_with_the_same_codes_and_words(folder: Path, monkeypatch):
    """`lg.check_outputs` is the check the commands run; `lg.synthesize(output=)` runs it, so a
    link named .csv that points at the rubric it reads is refused, not written through."""
    import lawgov_score as lg
    from lawgov_score.core import bundled

    monkeypatch.chdir(folder)
    (folder / "link.csv").symlink_to("rubric.yaml")
    (folder / "data").mkdir()
    before = snapshot(folder)
    cases = [
        (["in.csv"], ["in.csv"], {}, "E-OUTPUT-INPUT"),
        ({"data/charts": True}, ["data"], {}, "E-OUTPUT-IN-INPUT"),
        ([bundled.default_rubric()], [], {"bundled_rubric": True}, "E-OUTPUT-INPUT"),
        ([folder], [], {}, "E-OUTPUT-PATH"),
    ]
    for outputs, inputs, bundled_inputs, code in cases:
        with pytest.raises(lg.ProblemError) as caught:
            lg.check_outputs(outputs, inputs, **bundled_inputs)
        [problem] = caught.value.report.problems
        assert problem.code == code
    with pytest.raises(lg.ProblemError) as caught:
        lg.synthesize("rubric.yaml", units=3, years=1, output="link.csv")
    [problem] = caught.value.report.problems
    api_line = problem.render("zh")
    assert api_line.startswith("link.csv: E-OUTPUT-INPUT: ")
    cli = run("synth", "-r", "rubric.yaml", "--units", "3", "--years", "1", "-o", "link.csv")
    assert refused(cli, "link.csv", "E-OUTPUT-INPUT") == api_line  # the command's line is the api's
    assert snapshot(folder) == before
    lg.check_outputs(["-", "new.csv"], ["in.csv"])  # stdout and a new file are fine


# --- devices, FIFOs, links, unusable paths --------------------------------------------------


def test_a_fifo_is_written_through_not_replaced(folder: Path):
    fifo = folder / "pipe.csv"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("rank", folder / "in.csv", "-r", RUBRIC, "-o", fifo, "-f", "csv")
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith("\ufeff排名,单位".encode())
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_a_character_device_is_written_through_not_replaced(folder: Path):
    node = folder / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the null device, as /dev/null is
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here")
    result = run("rank", folder / "in.csv", "-r", RUBRIC, "-o", node, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_a_symlink_stays_a_link_and_its_target_gets_the_result(folder: Path):
    (folder / "out").mkdir()
    (folder / "latest.csv").symlink_to("out/2024.csv")
    result = run("rank", folder / "in.csv", "-r", RUBRIC, "-o", folder / "latest.csv")
    assert result.exit_code == 0, result.output
    assert (folder / "latest.csv").is_symlink()
    assert (folder / "out" / "2024.csv").read_bytes().startswith("\ufeff排名".encode())


def test_an_existing_file_keeps_its_permissions(folder: Path):
    out = folder / "排名.csv"
    out.write_text("old")
    out.chmod(0o640)
    assert run("rank", folder / "in.csv", "-r", RUBRIC, "-o", out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and out.read_text(encoding="utf-8-sig").startswith("排名")


@pytest.mark.parametrize(
    "target, reason",
    [
        ("outdir", "这是一个目录：请在其后写出文件名，如 outdir/结果.csv"),
        ("in.csv/排名.csv", "路径中的“in.csv”是文件，不是目录"),
    ],
    ids=["a-directory", "under-a-file"],
)
def test_an_unusable_path_is_one_line_naming_it(folder: Path, target: str, reason: str, monkeypatch):
    (folder / "outdir").mkdir()
    monkeypatch.chdir(folder)
    before = snapshot(folder)
    line = refused(run("rank", "in.csv", "-r", "rubric.yaml", "-o", target), target, "E-OUTPUT-PATH")
    assert line.endswith("无法写入：" + reason)
    assert snapshot(folder) == before


def test_a_write_that_fails_names_the_users_path_and_leaves_nothing(folder: Path, monkeypatch):
    """A folder that refuses the file only when it is written (a read-only mount, a full disk)."""
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(folder / ".排名.csv.abc.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    before = snapshot(folder)
    line = refused(
        run("rank", folder / "in.csv", "-r", RUBRIC, "-o", folder / "排名.csv"), folder / "排名.csv", "E-OUTPUT-PATH"
    )
    assert line.endswith("无法写入：没有写入权限")
    assert snapshot(folder) == before


SLOW_RENAME = """
import os, sys, time
from pathlib import Path
real = os.replace
def slow(a, b):
    Path(sys.argv[2]).write_text("staged")
    time.sleep(60)
    real(a, b)
os.replace = slow
from lawgov_score.output.write import write_output
write_output("排名,单位\\n", sys.argv[1], "csv")
"""


def test_sigterm_removes_the_temporary_file(tmp_path: Path):
    out, flag = tmp_path / "out" / "排名.csv", tmp_path / "staged"
    out.parent.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", SLOW_RENAME, str(out), str(flag)])
    try:
        deadline = time.monotonic() + 60
        while not flag.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [p.name for p in out.parent.iterdir()][0].endswith(".tmp")  # staged beside the target
        proc.terminate()
        proc.wait(timeout=30)
    finally:
        proc.kill()
    assert list(out.parent.iterdir()) == []


# --- every output of a run lands together or not at all ----------------------------------


def test_report_with_an_unusable_png_folder_writes_no_html(folder: Path):
    html = folder / "报告.html"
    before = snapshot(folder)
    result = run("report", folder / "in.csv", "-r", RUBRIC, "-o", html, "--png", folder / "in.csv" / "charts")
    refused(result, folder / "in.csv" / "charts", "E-OUTPUT-PATH")
    assert snapshot(folder) == before


def test_a_failure_while_renaming_puts_back_what_was_replaced(tmp_path: Path, monkeypatch):
    from lawgov_score.core.problems import ProblemError
    from lawgov_score.output import files

    old = tmp_path / "report.html"
    old.write_text("yesterday's report")
    real, calls = os.replace, []

    def second_fails(a, b):
        calls.append(b)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(a, b)

    monkeypatch.setattr(files.os, "replace", second_fails)
    with pytest.raises(ProblemError) as err:
        files.write_files([(old, b"today's report"), (tmp_path / "charts" / "totals.png", b"png")])
    monkeypatch.setattr(files.os, "replace", real)
    assert "E-OUTPUT-PATH" in str(err.value) and "charts/totals.png" in str(err.value)
    assert old.read_text() == "yesterday's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


# --- xlsx: no row dropped over Excel's limit --------------------------------------------------


def test_xlsx_over_the_row_limit_continues_on_further_sheets(monkeypatch):
    import openpyxl

    from lawgov_score.output import xlsx
    from lawgov_score.output.columns import Column

    monkeypatch.setattr(xlsx, "MAX_ROWS", 12)  # Excel's 1,048,576, scaled down
    monkeypatch.setattr(xlsx, "LARGE_ROWS", 5)  # and streamed, as a large workbook is
    monkeypatch.setattr(xlsx, "ROW_GROUP", 3)
    frame = pl.DataFrame({"unit": [f"单位{i}" for i in range(25)], "total": [i + 0.25 for i in range(25)]})
    sheet = xlsx.Sheet("得分", frame, [Column("unit", "单位", "Unit"), Column("total", "总分", "Total", "score")])
    book = openpyxl.load_workbook(io.BytesIO(xlsx.write_workbook([sheet])))
    assert book.sheetnames == ["得分", "得分 (2)", "得分 (3)"]
    rows = [r for ws in book for r in ws.iter_rows(min_row=3, values_only=True)]
    assert rows == [(f"单位{i}", round(i + 0.25, 2)) for i in range(25)]
    assert book["得分 (3)"]["A1"].value == "第 3 部分，共 3 部分：第 21–25 行，共 25 行（一张工作表最多 1,048,576 行）"
    assert all(ws.max_row <= 12 for ws in book)


# --- PNG charts: one file per unit ------------------------------------------------------------


def test_units_whose_names_make_the_same_file_name_get_a_chart_each():
    """甲/乙县, 甲:乙县 and 甲?乙县 all make radar-甲_乙县.png; A县 and a县 are one file on Windows
    and macOS.  Each unit keeps its own chart."""
    from lawgov_score import api
    from lawgov_score.output.png import FontMissing
    from lawgov_score.output.render import render_view
    from lawgov_score.views.report import report_view

    page = api.report_page([CHART_NAMES], RUBRIC)
    try:
        charts = render_view(report_view(page, "zh", None), "png")
    except FontMissing:
        pytest.skip("no Chinese font on this system")
    radars = [name.casefold() for name in charts if name.startswith("radar-")]
    assert len(radars) == len(set(radars)) == 5, sorted(charts)


# --- exports exact and inert ------------------------------------------------------------------


def test_csv_leaves_numbers_alone_and_guards_formula_headers():
    from lawgov_score.output.columns import Column
    from lawgov_score.output.render import render

    frame = pl.DataFrame({"name": ["=1+1", "-12.5", "+3", "-", "@SUM(A1)", "1e-3"], "value": ["-12.5"] * 6})
    cols = [Column("name", "+SUM(1,2)", "+SUM(1,2)"), Column("value", "数值", "Value")]
    got = pl.read_csv(io.StringIO(render(frame, cols, "csv")), infer_schema_length=0)
    assert got.columns == ["'+SUM(1,2)", "数值"]
    assert got["'+SUM(1,2)"].to_list() == ["'=1+1", "-12.5", "+3", "'-", "'@SUM(A1)", "1e-3"]
    assert got["数值"].to_list() == ["-12.5"] * 6


def test_csv_of_hostile_names_keeps_them_inert():
    result = run("rank", HOSTILE, "-r", RUBRIC, "-f", "csv")
    assert result.exit_code == 0, result.output
    got = pl.read_csv(io.StringIO(result.stdout), infer_schema_length=0)
    assert '\'=HYPERLINK("http://x","戊县")' in got["单位"].to_list()


def test_markdown_cannot_forge_rows_or_headings(tmp_path: Path):
    new = tmp_path / "new.yaml"
    text = RUBRIC.read_text(encoding="utf-8")
    forged = '"依法|履职\\n# 伪造的标题 <img src=x>"'
    new.write_text(text.replace("    name: 依法履职\n", f"    name: {forged}\n", 1), encoding="utf-8")
    result = run("rubric", "diff", RUBRIC, new, EXAMPLE, "-f", "markdown")
    assert result.exit_code in (0, 1), result.output
    out = result.stdout
    assert "依法\\|履职<br># 伪造的标题 &lt;img src=x&gt;" in out
    assert not any(line.startswith("# 伪造") for line in out.splitlines())
    assert "<img" not in out


def test_markdown_and_tables_of_hostile_names(tmp_path: Path):
    for fmt in ("table", "markdown"):
        result = run("rank", HOSTILE, "-r", RUBRIC, "-f", fmt)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "x1b]0;pwned" in result.stdout
    md = run("rank", HOSTILE, "-r", RUBRIC, "-f", "markdown").stdout
    rows = [line for line in md.splitlines() if line.startswith("|")]
    bars = [line.replace("\\|", "").count("|") for line in rows]
    assert len(rows) == 2 + 5 and len(set(bars)) == 1, rows


def test_messages_show_control_characters_escaped():
    result = run("gaps", HOSTILE, "-r", RUBRIC, "-u", "\x1b]0;title\x07\x1b[2J")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\\x1b]0;title\\x07" in result.stderr


def test_csv_in_gb18030_for_programs_that_ignore_the_bom(folder: Path):
    utf8, gb = folder / "utf8.csv", folder / "gb.csv"
    assert run("rank", folder / "in.csv", "-r", RUBRIC, "-o", utf8).exit_code == 0
    assert run("rank", folder / "in.csv", "-r", RUBRIC, "-o", gb, "--encoding", "gb18030").exit_code == 0
    assert not gb.read_bytes().startswith(b"\xef\xbb\xbf")
    assert gb.read_bytes().decode("gb18030") == utf8.read_bytes().decode("utf-8-sig")
    assert "示例甲县".encode("gb18030") in gb.read_bytes()
