"""`sensitivity --vary`: Sobol indices over method choices on a case built so that one choice
has no effect and another decides everything; usage errors; determinism; samples written."""

from __future__ import annotations

import json

import polars as pl
import pytest
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app
from tests.helpers import FIELDS_YAML, write


def _built(tmp_path):
    """Two min-max leaves, 30 and 10 points: by the rubric's points a decides the order; with
    equal weights a + b is the same for every unit, so all tie.  The rubric's rules are min-max
    already, so the normalisation choice {rubric, minmax} cannot act."""
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(
        tmp_path,
        "rubric.yaml",
        """
        id: t
        name: 测试
        fields: [fields.yaml]
        items:
          - {id: "1", name: 甲, points: 30, field: rate, rule: {type: minmax}}
          - {id: "2", name: 乙, points: 10, field: amount, rule: {type: minmax}}
        """,
    )
    lines = ["unit,year,field,value"]
    for i in range(6):
        lines += [f"县{i},2024,rate,{i * 10}", f"县{i},2024,amount,{50 - i * 10}"]
    return rubric, write(tmp_path, "synthetic-vary-built.csv", "\n".join(lines) + "\n")


def test_one_choice_decides_everything_the_other_nothing(tmp_path):
    rubric, data = _built(tmp_path)
    heard = []
    r = lg.sensitivity_report(
        [data], rubric, vary=["weights", "normalisation"], samples=512, seed=2,
        alternatives={"weights": ["rubric", "equal"], "normalisation": ["rubric", "minmax"]}, notify=heard.append,
    )  # fmt: skip
    ix = {row["parameter"]: row for row in r.sensitivity.indices.iter_rows(named=True)}
    assert ix["weights"]["first_order"] == pytest.approx(1.0, abs=0.05)
    assert ix["weights"]["total"] == pytest.approx(1.0, abs=0.05)
    assert ix["normalisation"]["first_order"] == pytest.approx(0.0, abs=1e-9)
    assert ix["normalisation"]["total"] == pytest.approx(0.0, abs=1e-9)
    assert ix["normalisation"]["inert"] and not ix["weights"]["inert"]
    assert heard == [[("vary.inert", {"choice": "normalisation", "why": "vary.why.same_result"})]]
    assert r.summary()["most"] == "weights"
    # under equal weights every unit ties at 1; under the rubric's, 县5 leads: its median is 1
    t = {row["unit"]: row for row in r.sensitivity.table.iter_rows(named=True)}
    assert t["县0"]["p05"] == 1 and t["县0"]["p95"] == 6


def test_cli_json_samples_and_determinism(tmp_path):
    rubric, data = _built(tmp_path)
    runner = CliRunner()
    args = ["sensitivity", str(data), "-r", str(rubric), "--vary", "weights,normalisation", "-n", "64", "--seed", "3"]
    args += ["--alternatives", "normalisation=rubric,minmax"]
    one = runner.invoke(app, args + ["-f", "json", "--write-samples", str(tmp_path / "s.csv")])
    assert one.exit_code == 0, one.output
    two = runner.invoke(app, args + ["-f", "json"])
    assert json.loads(one.stdout) == json.loads(two.stdout)
    doc = json.loads(one.stdout)
    assert set(doc) == {"summary", "units", "indices"}
    assert {"parameter", "first_order", "total", "first_low", "total_high"} <= set(doc["indices"][0])
    assert doc["summary"]["runs"] == 64 * 4 and doc["summary"]["vary"] == ["weights", "normalisation"]
    samples = pl.read_csv(tmp_path / "s.csv")
    assert samples.height == 256 and {"matrix", "weights", "normalisation"} <= set(samples.columns)
    assert set(samples["weights"]) <= {"rubric", "perturb", "equal", "entropy"}
    text = runner.invoke(app, args)
    assert "排名主要取决于" in text.stdout and "normalisation 在这批数据上不起作用" in text.stderr


@pytest.mark.parametrize(
    "extra, code",
    [
        (["--vary", "colour"], "E-USAGE-VARY"),
        (["--vary", "imputation", "--alternatives", "imputation=knn"], "E-USAGE-VARY-ALTERNATIVE"),
        (["--vary", "aggregation", "--alternatives", "aggregation=harmonic_mean"], "E-USAGE-VARY-ALTERNATIVE"),
        (["--vary", "normalisation", "--alternatives", "normalisation=zscore"], "E-USAGE-VARY-UNAVAILABLE"),
        (["--vary", "method", "--alternatives", "method=ahp"], "E-USAGE-VARY-ALTERNATIVE"),
        (["--vary", "weights", "--alternatives", "method=wsm"], "E-USAGE-VARY"),
    ],
)
def test_usage_errors_name_the_choice(tmp_path, extra, code):
    rubric, data = _built(tmp_path)
    res = CliRunner().invoke(app, ["sensitivity", str(data), "-r", str(rubric)] + extra)
    assert res.exit_code == 2 and f"{code}:" in res.stderr


def test_topsis_on_complete_data_moves_the_ranking(tmp_path):
    """Five units on which TOPSIS (the methods module's) and the points disagree: the method
    alone moves the ranks, so its indices are 1; the topsis ranks are `rank --method topsis`'s."""
    rubric, _ = _built(tmp_path)
    a, b = [86, 75, 83, 54, 81], [33, 45, 79, 13, 31]
    lines = ["unit,year,field,value"] + [f"县{i},2024,rate,{a[i]}" for i in range(5)]
    lines += [f"县{i},2024,amount,{b[i]}" for i in range(5)]
    data = write(tmp_path, "synthetic-vary-topsis.csv", "\n".join(lines) + "\n")
    r = lg.sensitivity_report([data], rubric, vary=["method"], samples=64)
    ix = r.sensitivity.indices.row(0, named=True)
    assert ix["parameter"] == "method"
    assert ix["first_order"] == pytest.approx(1.0, abs=0.05) and ix["total"] == pytest.approx(1.0, abs=0.05)
    plain = {row["unit"]: row["rank"] for row in r.sensitivity.table.iter_rows(named=True)}
    topsis = lg.rank_table([data], rubric, method="topsis").table
    other = {row["unit"]: row["rank"] for row in topsis.iter_rows(named=True)}
    assert plain != other
    for row in r.sensitivity.table.iter_rows(named=True):  # every run is one of the two rankings
        lo, hi = sorted((plain[row["unit"]], other[row["unit"]]))
        assert lo <= row["p05"] <= row["p95"] <= hi


def test_geometric_mean_runs_rank_as_the_engine_does(tmp_path):
    """The aggregation choice's geometric-mean runs rank the units as a rubric written with
    `aggregate: geometric_mean` does when scored by the engine."""
    rubric, data = _built(tmp_path)
    a, b = [86, 75, 83, 54, 81], [33, 45, 79, 13, 31]
    lines = ["unit,year,field,value"] + [f"县{i},2024,rate,{a[i]}" for i in range(5)]
    lines += [f"县{i},2024,amount,{b[i]}" for i in range(5)]
    data = write(tmp_path, "synthetic-vary-gm.csv", "\n".join(lines) + "\n")
    gm = tmp_path / "gm.yaml"
    gm.write_text(
        rubric.read_text(encoding="utf-8").replace(
            "fields: [fields.yaml]", "fields: [fields.yaml]\naggregate: geometric_mean"
        ),
        encoding="utf-8",
    )
    want = {r["unit"]: r["rank"] for r in lg.rank_table([data], gm).table.iter_rows(named=True)}
    plain = {r["unit"]: r["rank"] for r in lg.rank_table([data], rubric).table.iter_rows(named=True)}
    r = lg.sensitivity_report([data], rubric, vary=["aggregation"], samples=64)
    for row in r.sensitivity.table.iter_rows(named=True):
        assert {row["p05"], row["p95"]} <= {want[row["unit"]], plain[row["unit"]]}
    moved = [u for u in want if want[u] != plain[u]]
    assert moved and r.sensitivity.indices.row(0, named=True)["total"] > 0.5


def test_english_output_has_no_chinese_of_the_tools_own(tmp_path):
    from tests.english import tool_chinese

    rubric, data = _built(tmp_path)
    for args in (["audit"], ["sensitivity", "--vary", "weights,normalisation,aggregation", "-n", "16"]):
        r = CliRunner().invoke(app, [*args, str(data), "-r", str(rubric), "--lang", "en"])
        assert r.exit_code == 0, r.output
        assert tool_chinese(r.stdout + r.stderr, rubric, [data]) == []


def _with_gaps(tmp_path, missing: bool):
    """Six units, two groups (县0–2: A, 县3–5: B); 县4's rate is missing (or not).  Stated, unit i
    scores 6i + 2i; 县4 missing scores 0 + 8 and shares 4th place with 县1; imputed with B's
    mean (30, 50 → 40) it scores 24 + 8 = 32 and is 2nd."""
    rubric, _ = _built(tmp_path)
    lines = ["unit,year,group,rate,amount"]
    for i in range(6):
        rate = "" if missing and i == 4 else str(i * 10)
        lines.append(f"县{i},2024,{'A' if i < 3 else 'B'},{rate},{10 + i}")
    return rubric, write(tmp_path, "synthetic-vary-impute.csv", "\n".join(lines) + "\n")


def test_imputation_moves_the_ranking_when_a_value_is_missing(tmp_path):
    rubric, data = _with_gaps(tmp_path, missing=True)
    r = lg.sensitivity_report([data], rubric, vary=["imputation"], samples=64)
    ix = r.sensitivity.indices.row(0, named=True)
    assert ix["parameter"] == "imputation" and ix["alternatives"] == "none,group_mean"
    assert not ix["inert"] and ix["total"] == pytest.approx(1.0, abs=0.05)
    t = {row["unit"]: row for row in r.sensitivity.table.iter_rows(named=True)}
    assert (t["县4"]["p05"], t["县4"]["p95"]) == (2, 4)


def test_imputation_cannot_act_without_a_missing_value(tmp_path):
    rubric, data = _with_gaps(tmp_path, missing=False)
    heard = []
    r = lg.sensitivity_report([data], rubric, vary=["imputation", "weights"], samples=128, notify=heard.append)
    ix = {row["parameter"]: row for row in r.sensitivity.indices.iter_rows(named=True)}
    assert ix["imputation"]["inert"]
    assert ix["imputation"]["first_order"] == pytest.approx(0.0, abs=1e-9)
    assert ix["imputation"]["total"] == pytest.approx(0.0, abs=1e-9)
    assert ("vary.inert", {"choice": "imputation", "why": "vary.why.nothing_imputed"}) in heard[0]
    res = CliRunner().invoke(app, ["sensitivity", str(data), "-r", str(rubric), "--vary", "imputation", "-n", "16"])
    assert res.exit_code == 0 and "插补选择无法起作用" in res.stderr
