"""`synth`: seeded synthetic data for every field a rubric reads, readable by the tool itself."""

from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture(scope="module", params=["shifan.yaml", "kaohe.yaml", "example.yaml"])
def rubric(request):
    return lg.load_rubric(ROOT / "rubrics" / request.param)


def test_same_seed_same_rows_other_seed_other_rows(rubric):
    a = lg.synthesize(rubric, units=30, years=2, seed=11)
    b = lg.synthesize(rubric, units=30, years=2, seed=11)
    c = lg.synthesize(rubric, units=30, years=2, seed=12)
    assert a.equals(b)
    assert not a.equals(c)


def test_every_field_the_rubric_reads_and_labelled_synthetic(rubric):
    df = lg.synthesize(rubric, units=200, years=3, seed=1)
    wanted = rubric.used_fields() - set(rubric.field_formulas)
    assert set(df["field"].unique()) == wanted
    assert (df["evidence"] == "synthetic").all() and (df["source"] == "synthetic").all()
    assert df["unit"].str.starts_with("合成").all()
    assert sorted(df["year"].unique()) == [2022, 2023, 2024]
    # about 3% of values are left out
    share = 1 - df.height / (200 * 3 * len(wanted))
    assert 0.01 < share < 0.06


def test_values_are_plausible_and_read_without_problems(rubric, tmp_path):
    df = lg.synthesize(rubric, units=120, years=2, seed=3)
    path = tmp_path / "synthetic-test.csv"
    df.write_csv(path)
    inds, report = lg.read_indicators_report([path], rubric)
    assert inds is not None and report.ok, report.render("zh")
    vals = inds.values.join(
        pl.DataFrame({"field": list(rubric.fields), "ftype": [f.type for f in rubric.fields.values()]}), on="field"
    )
    pct = vals.filter(pl.col("ftype") == "percent")["value"]
    if pct.len():
        assert pct.min() >= 0 and pct.max() <= 100
        assert pct.median() > 50  # rates sit near their targets, not anywhere
    counts = vals.filter(pl.col("ftype") == "count")["value"]
    if counts.len():
        assert (counts == counts.floor()).all() and counts.min() >= 0
    assert inds.units["city"].n_unique() == 12  # ten units a city
    result = lg.score(rubric, inds)
    grades = lg.rank(result)["grade"].drop_nulls()
    assert grades.n_unique() >= 2  # the units differ


def test_synth_cli_writes_csv_and_parquet(tmp_path):
    csv = tmp_path / "synthetic-50.csv"
    out = runner.invoke(app, ["synth", "--units", "50", "--years", "2", "--seed", "4", "-o", str(csv)])
    assert out.exit_code == 0, out.output
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    pq = tmp_path / "synthetic-50.parquet"
    out = runner.invoke(app, ["synth", "--units", "50", "--years", "2", "--seed", "4", "-o", str(pq)])
    assert out.exit_code == 0
    a, b = pl.read_csv(csv, infer_schema=False), pl.read_parquet(pq)
    assert a["unit"].to_list() == b["unit"].to_list() and a["value"].to_list() == b["value"].to_list()
    scored = runner.invoke(app, ["rank", str(pq), "--no-dimensions"])
    assert scored.exit_code == 0 and "合成01" in scored.stdout and scored.stdout.count("2024") == 50


def test_synth_cli_errors_and_warning(tmp_path):
    bad = runner.invoke(app, ["synth", "-o", str(tmp_path / "x.xlsx")])
    assert bad.exit_code == 2 and "csv" in bad.output
    assert not (tmp_path / "x.xlsx").exists()
    plain = tmp_path / "data.csv"
    out = runner.invoke(app, ["synth", "--units", "3", "-o", str(plain)])
    assert out.exit_code == 0 and "synthetic" in out.output
