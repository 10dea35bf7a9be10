"""The lazy path (data/scan.py): Parquet scanned in batches ranks exactly as the file read whole,
and finds the same problems at the same places, whatever the batch size."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app
from lawgov_score.data.scan import parquet_rows
from lawgov_score.data.synth import synth
from lawgov_score.engine.rank import rank
from lawgov_score.engine.scan import scan_rank
from lawgov_score.engine.score import score

RUBRIC = Path(__file__).parent.parent / "rubrics" / "shifan.yaml"


@pytest.fixture(scope="module")
def rubric():
    return lg.load_rubric(RUBRIC)


@pytest.fixture(scope="module")
def frame(rubric):
    return synth(rubric, 40, 3, seed=11)


def write(tmp_path: Path, frame: pl.DataFrame, name: str = "data-synthetic.parquet") -> Path:
    path = tmp_path / name
    frame.write_parquet(path)
    return path


@pytest.mark.parametrize("batch", [997, 100_000])
@pytest.mark.parametrize("how", [{}, {"by": "city"}, {"pool": True, "ties": "dense"}, {"on": "3"}])
def test_scanned_rank_is_the_rank(tmp_path, rubric, frame, batch, how):
    path = write(tmp_path, frame.sample(fraction=1.0, shuffle=True, seed=3))  # rows in any order
    got, report = scan_rank([path], rubric, batch_rows=batch, **how)
    assert report.ok, report.render()
    assert got.equals(rank(score(rubric, lg.read_indicators([path], rubric)), **how))


def test_typed_values_and_years(tmp_path, rubric):
    """A numeric value column (yes/no as 1/0) and numeric years, as a program would write them."""
    numeric = [f for f in rubric.used_fields() if rubric.fields[f].type in ("percent", "count", "bool")]
    rows = pl.DataFrame(
        {
            "unit": ["甲县", "乙县", "甲县"],
            "year": [2024, 2024, 2023],
            "field": [numeric[0], numeric[1], numeric[2]],
            "value": [1.0, 0.0, 1.0],
        }
    )
    path = write(tmp_path, rows)
    got, report = scan_rank([path], rubric, batch_rows=2)
    assert report.ok, report.render()
    assert got.equals(rank(score(rubric, lg.read_indicators([path], rubric))))


def test_the_same_problems_at_the_same_places(tmp_path, rubric, frame):
    bad = (
        frame.with_row_index("i")
        .with_columns(
            pl.when(pl.col("i") == 10)
            .then(pl.lit("九十"))
            .when(pl.col("i") == 500)
            .then(pl.lit("-4"))
            .otherwise(pl.col("value"))
            .alias("value"),
            pl.when(pl.col("i") == 700).then(pl.lit("出庭率")).otherwise(pl.col("field")).alias("field"),
            pl.when(pl.col("i") == 900).then(None).otherwise(pl.col("year").cast(pl.String)).alias("year"),
        )
        .drop("i")
    )
    bad = pl.concat([bad, bad.slice(30, 2)])  # two values given twice, in another batch
    bad = bad.with_columns(
        pl.when(pl.int_range(pl.len()) == 1200).then(pl.lit("24年")).otherwise(pl.col("year")).alias("year")
    )
    path = write(tmp_path, bad)
    table, scanned = scan_rank([path], rubric, batch_rows=1000)
    inds, whole = lg.read_indicators_report([path], rubric)
    assert table is None and inds is None
    assert scanned.render() == whole.render()
    codes = {p.code for p in whole.problems}
    assert {"E-DATA-DUP", "E-DATA-FIELD", "E-DATA-YEAR"} <= codes and len(codes) >= 4, codes


def test_rank_scans_on_request_and_by_size(tmp_path, rubric, frame, monkeypatch):
    path = write(tmp_path, frame)
    assert parquet_rows([path]) == frame.height
    assert parquet_rows([path, RUBRIC.parent.parent / "samples" / "gaotai-2022.csv"]) is None
    plain = CliRunner().invoke(app, ["rank", str(path), "-f", "csv"])
    scanned = CliRunner().invoke(app, ["rank", str(path), "-f", "csv", "--scan"])
    assert plain.exit_code == scanned.exit_code == 0 and plain.stdout == scanned.stdout

    import lawgov_score.data.scan as scan
    import lawgov_score.engine.scan as scan_scoring

    calls = []
    real = scan_scoring.scan_rank
    monkeypatch.setattr(scan, "SCAN_ROWS", 100)
    monkeypatch.setattr(scan_scoring, "scan_rank", lambda *a, **k: calls.append(1) or real(*a, **k))
    auto = CliRunner().invoke(app, ["rank", str(path), "-f", "csv"])
    assert auto.exit_code == 0 and auto.stdout == plain.stdout and calls == [1]
    refused = CliRunner().invoke(app, ["rank", str(path), "--scan", "-o", str(tmp_path / "x.xlsx")])
    assert refused.exit_code == 2 and "E-USAGE" in refused.stderr and not (tmp_path / "x.xlsx").exists()


def test_ranking_never_builds_the_long_values(rubric):
    """`rank` needs the wide frame only: the long values (evidence, sources) are built when asked."""
    inds = lg.read_indicators([RUBRIC.parent.parent / "samples"], rubric)
    rank(score(rubric, inds))
    assert inds._values is None
    assert inds.values.height > 0 and inds._values is not None
    inds.values = inds.values.head(3)  # values set by hand: the reader's wide frame no longer applies
    assert inds.wide is None and score(rubric, inds).frame.height == inds.unit_years.height
