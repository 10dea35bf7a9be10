"""Fuzzing the loaders: random bytes and damaged copies of valid files, under every extension.

Whatever the bytes, reading either succeeds or reports problems (codes from the catalogue,
one line each, naming the file); it never raises.  Through the command line: exit 0 or 2, no
traceback, nothing written on failure, the input untouched.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import shutil
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lawgov_score.cli import app
from lawgov_score.core.paths import shown_path
from lawgov_score.core.problems import CATALOGUE
from lawgov_score.data.read import read_indicators_report
from lawgov_score.rubric.load import read_rubric

CORPUS = Path(__file__).parent / "corpus"
RUBRIC = Path(__file__).parent.parent / "rubrics" / "shifan.yaml"
SUFFIXES = [".csv", ".tsv", ".txt", ".json", ".jsonl", ".xlsx", ".parquet"]
FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@functools.cache
def rubric():
    r, report = read_rubric(RUBRIC)
    assert r is not None, report.render()
    return r


@functools.cache
def seeds() -> dict[str, bytes]:
    """Valid files of each kind, to be damaged."""
    baseline = CORPUS / "data" / "baseline-utf8.csv"
    frame = pl.read_csv(baseline, infer_schema=False)
    buf = io.BytesIO()
    frame.write_parquet(buf)
    return {
        ".csv": baseline.read_bytes(),
        ".tsv": baseline.read_text(encoding="utf-8").replace(",", "\t").encode("utf-8"),
        ".txt": (CORPUS / "data" / "utf16-tab.txt").read_bytes(),
        ".json": frame.write_json().encode("utf-8"),
        ".jsonl": frame.write_ndjson().encode("utf-8"),
        ".xlsx": (CORPUS / "data" / "title-row-merged-cells.xlsx").read_bytes(),
        ".parquet": buf.getvalue(),
        ".yaml": (CORPUS / "rubrics" / "unknown-field.yaml").read_bytes(),
    }


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """A valid file with a few bytes flipped, a piece cut out or inserted, or cut short."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        if how == "flip":
            out[at] = draw(st.integers(0, 255))
        elif how == "cut":
            del out[at : at + draw(st.integers(1, 64))]
        elif how == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=32))
        else:
            del out[at:]
    return bytes(out)


@st.composite
def files(draw) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(SUFFIXES))
    kind = draw(st.sampled_from(["random", "damaged", "damaged", "text"]))
    if kind == "random":
        return suffix, draw(st.binary(max_size=2048))
    if kind == "text":  # text that looks a little like a table
        cells = st.text(
            alphabet=st.sampled_from(list('单位年度指标数值甲县,\t;|"%%.-0123456789\n ，、—是否')), max_size=300
        )
        return suffix, draw(cells).encode(draw(st.sampled_from(["utf-8", "gb18030", "utf-16"])))
    return suffix, draw(damaged(seeds()[suffix]))


def check_report(report, shown: str) -> None:
    assert report.errors
    for p in report.problems:
        assert p.code in CATALOGUE
        line = p.render()
        assert "\n" not in line and not re.search(r"\{[a-z_]+\}", line) and line.strip()  # one line, template filled
        assert p.path == "" or p.path.startswith(shown) or p.code in ("E-DATA-META",), line


@FUZZ
@given(files())
def test_reading_never_raises(tmp_path_factory, case):
    suffix, data = case
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    inds, report = read_indicators_report([path], rubric())
    if inds is None:
        # relative to the working directory when that is shorter: where the clone sits decides
        check_report(report, shown_path(path))
    else:
        assert inds.values.height >= 0 and inds.wide is not None
    assert path.read_bytes() == data


@FUZZ
@given(st.one_of(st.binary(max_size=4096), damaged(seeds()[".yaml"])))
def test_rubric_loading_never_raises(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzzrubric")
    shutil.copytree(CORPUS / "rubrics" / "parts", folder / "parts", dirs_exist_ok=True)
    path = folder / "rubric.yaml"
    path.write_bytes(data)
    rub, report = read_rubric(path)
    if rub is None:
        assert report.errors
    for p in report.problems:
        assert p.code in CATALOGUE and "\n" not in p.render()
        assert not re.search(r"\b(LList|LDict|_FieldRef|NoneType)\b", p.render() + p.render("en")), p.render()
    assert path.read_bytes() == data


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(files())
def test_the_command_line_fails_cleanly(tmp_path_factory, case):
    suffix, data = case
    folder = tmp_path_factory.mktemp("fuzzcli")
    (folder / "in").mkdir()
    (folder / "out").mkdir()
    path = folder / "in" / f"input{suffix}"
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    out = folder / "out" / "排名.csv"
    result = CliRunner().invoke(app, ["rank", str(path), "-r", str(RUBRIC), "-o", str(out)])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and "E-INTERNAL" not in result.output, result.output
    if result.exit_code == 2:
        assert list((folder / "out").iterdir()) == []
        assert result.stderr.splitlines()[-1].startswith("共 ")
    else:
        assert [p.name for p in (folder / "out").iterdir()] == ["排名.csv"]
    assert [p.name for p in (folder / "in").iterdir()] == [path.name]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
