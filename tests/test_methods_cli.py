"""normalise, weights and rank --method through the CLI and the API, on a small synthetic rubric
whose values are written here (and on the bundled synthetic city)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from helpers import FIELDS_YAML, write
from pymcdm import methods as pm
from pymcdm import normalizations as pn
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.analysis.weights import critic_weights, entropy_weights
from lawgov_score.cli import app

ROOT = Path(__file__).resolve().parent.parent
CITY = str(ROOT / "samples" / "synthetic-city")
runner = CliRunner()

RUBRIC = """
id: m
name: 方法测试（合成）
fields: [fields.yaml]
{top}
items:
  - id: "1"
    name: 一
    {pairwise}
    items:
      - {{id: "1.1", name: 比率, points: 30, field: rate, rule: {{type: linear, floor: 0, target: 100}}}}
      - {{id: "1.2", name: 次数, points: 10, field: count, rule: {{type: threshold, target: 3, direction: lower}}}}
  - id: "2"
    name: 二
    items:
      - {{id: "2.1", name: 数值, points: 40, field: amount, rule: {{type: minmax}}}}
      - {{id: "2.2", name: 分子, points: 20, field: part, rule: {{type: linear, floor: 0, target: 50}}}}
"""
# five units × two years, every value given (synthetic)
VALUES = {
    "甲": [(80, 1, 12.0, 30), (90, 2, 15.0, 35)],
    "乙": [(60, 4, 30.0, 10), (70, 3, 28.0, 20)],
    "丙": [(95, 2, 8.0, 45), (85, 1, 9.0, 40)],
    "丁": [(70, 6, 20.0, 25), (75, 5, 25.0, 30)],
    "戊": [(50, 3, 18.0, 15), (65, 2, 22.0, 18)],
}
FIELDS = ["rate", "count", "amount", "part"]
COST = [False, True, False, False]
SHARES = [0.3, 0.1, 0.4, 0.2]


def make(tmp: Path, top: str = "", pairwise: str = "") -> tuple[Path, Path]:
    write(tmp, "fields.yaml", FIELDS_YAML)
    rubric = write(tmp, "rubric.yaml", RUBRIC.format(top=top, pairwise=pairwise))
    lines = ["unit,year,field,value"]
    for unit, years in VALUES.items():
        for year, vals in zip((2023, 2024), years):
            lines += [f"{unit},{year},{f},{v}" for f, v in zip(FIELDS, vals)]
    data = write(tmp, "data-synthetic.csv", "\n".join(lines) + "\n")
    return rubric, data


def matrix(year: int) -> np.ndarray:
    i = 0 if year == 2023 else 1
    return np.array([VALUES[u][i] for u in VALUES], dtype=float)


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def as_json(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- normalise --------------------------------------------------------------------------------------


def test_normalise_records_every_field_a_leaf_reads(tmp_path):
    rubric, data = make(tmp_path)
    recs = as_json(run("normalise", data, "-r", rubric, "--method", "minmax", "-f", "json"))
    assert set(recs[0]) == {"unit", "year", "field", "value", "normalised"}
    assert {r["field"] for r in recs} == set(FIELDS) and len(recs) == 4 * 10
    count_2023 = {r["unit"]: r["normalised"] for r in recs if r["field"] == "count" and r["year"] == 2023}
    # count is scored lower-is-better: the smallest value (甲, 1) normalises to 1
    assert count_2023 == pytest.approx(dict(zip(VALUES, pn.minmax_normalization(matrix(2023)[:, 1], cost=True))))


def test_normalise_one_field_and_peers_per_year(tmp_path):
    rubric, data = make(tmp_path)
    recs = as_json(run("normalise", data, "-r", rubric, "-m", "zscore", "--field", "rate", "--ddof", "0", "-f", "json"))
    for year in (2023, 2024):
        x = matrix(year)[:, 0]
        got = {r["unit"]: r["normalised"] for r in recs if r["year"] == year}
        assert [got[u] for u in VALUES] == pytest.approx(list((x - x.mean()) / x.std()), abs=1e-6)


def test_normalise_unknown_field_is_a_usage_error(tmp_path):
    rubric, data = make(tmp_path)
    r = run("normalise", data, "-r", rubric, "--field", "rat")
    assert r.exit_code == 2 and "E-USAGE-FIELD" in r.output and "rate" in r.output


def test_normalise_says_where_values_are_not_positive(tmp_path):
    rubric, data = make(tmp_path)
    text = data.read_text(encoding="utf-8").replace("丙,2024,count,1", "丙,2024,count,0")
    data.write_text(text, encoding="utf-8")
    r = run("normalise", data, "-r", rubric, "-m", "ratio_to_best", "--field", "count", "-f", "json")
    assert r.exit_code == 0 and "W-METHOD-POSITIVE" in r.stderr and "1.2" in r.stderr
    assert "NaN" not in r.stdout


# --- weights ----------------------------------------------------------------------------------------


def _by_parent(recs):
    out: dict = {}
    for r in recs:
        out.setdefault(r["parent"], []).append(r)
    return out


@pytest.mark.parametrize("method", ["entropy", "critic", "std", "equal", "combined"])
def test_weights_of_each_parent_sum_to_one(tmp_path, method):
    rubric, data = make(tmp_path)
    recs = as_json(run("weights", data, "-r", rubric, "--method", method, "-f", "json"))
    assert set(recs[0]) == {"id", "name", "parent", "weight", "method"}
    for kids in _by_parent(recs).values():
        assert sum(k["weight"] for k in kids) == pytest.approx(1, abs=1e-5)
        assert all(k["method"] == method for k in kids)


def test_entropy_and_critic_weights_are_the_library_on_the_leaf_values(tmp_path):
    rubric, data = make(tmp_path)
    x = np.vstack([matrix(2023), matrix(2024)])
    for method, fn in (("entropy", entropy_weights), ("critic", critic_weights)):
        recs = as_json(run("weights", data, "-r", rubric, "-m", method, "-f", "json"))
        got = {r["id"]: r["weight"] for r in recs}
        want = fn(x[:, :2], np.array(COST[:2]))
        assert [got["1.1"], got["1.2"]] == pytest.approx(list(want), abs=1e-6)


def test_weights_overlay_is_a_rubric_every_command_uses(tmp_path):
    rubric, data = make(tmp_path)
    overlay = tmp_path / "out" / "entropy.yaml"
    overlay.parent.mkdir()
    r = run("weights", data, "-r", rubric, "-m", "entropy", "-o", overlay)
    assert r.exit_code == 0, r.output
    doc = yaml.safe_load(overlay.read_text(encoding="utf-8"))
    assert doc["extends"] == "../rubric.yaml" and doc["aggregate"] == "weighted_mean"
    recs = as_json(run("weights", data, "-r", rubric, "-m", "entropy", "-f", "json"))
    assert doc["override"]["2.1"]["weight"] == pytest.approx(next(r["weight"] for r in recs if r["id"] == "2.1"))
    assert run("rubric", "check", overlay).exit_code == 0
    ranked = as_json(run("rank", data, "-r", overlay, "-f", "json"))
    assert len(ranked) == 10
    diff = run("rubric", "diff", rubric, overlay, data)
    assert diff.exit_code in (0, 1) and "weighted_mean" in diff.output


def test_ahp_weights_from_the_rubric(tmp_path):
    rubric, data = make(tmp_path, top="pairwise: [[1, 3], [1/3, 1]]", pairwise="pairwise: [[1, 5], ['1/5', 1]]")
    recs = as_json(run("weights", data, "-r", rubric, "-m", "ahp", "-f", "json"))
    got = {r["id"]: r["weight"] for r in recs}
    assert got["1"] == pytest.approx(0.75) and got["1.1"] == pytest.approx(5 / 6)
    # a parent without a matrix keeps the rubric's points (40 and 20 of 60)
    assert got["2.1"] == pytest.approx(2 / 3) and {r["method"] for r in recs if r["parent"] == "2"} == {"points"}
    check = run("rubric", "check", rubric)
    assert check.exit_code == 0 and "W-AHP-CR" not in check.output and "E-AHP" not in check.output


def test_ahp_without_a_matrix_or_with_a_bad_one(tmp_path):
    rubric, data = make(tmp_path)
    r = run("weights", data, "-r", rubric, "-m", "ahp")
    assert r.exit_code == 2 and "E-METHOD-AHP" in r.output
    rubric, data = make(tmp_path, pairwise="pairwise: [[1, 3], [3, 1]]")
    r = run("rubric", "check", rubric)
    assert r.exit_code != 0 and "E-AHP-MATRIX" in r.output


def test_inconsistent_ahp_is_a_rubric_check_warning(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(
        tmp_path,
        "rubric.yaml",
        """
        id: a
        name: 不一致（合成）
        fields: [fields.yaml]
        pairwise: [[1, 9, '1/9'], ['1/9', 1, 9], [9, '1/9', 1]]
        items:
          - {id: "1", name: 一, points: 10, field: rate, rule: {type: linear, floor: 0, target: 100}}
          - {id: "2", name: 二, points: 10, field: count, rule: {type: linear, floor: 0, target: 10}}
          - {id: "3", name: 三, points: 10, field: amount, rule: {type: linear, floor: 0, target: 10}}
        """,
    )
    r = run("rubric", "check", rubric)
    assert "rubric.yaml:4: W-AHP-CR" in r.output and "CR = " in r.output


# --- rank --method ----------------------------------------------------------------------------------


def test_rank_by_a_method_keeps_the_keys_of_rank(tmp_path):
    rubric, data = make(tmp_path)
    plain = as_json(run("rank", data, "-r", rubric, "-f", "json"))
    for method in ("wpm", "topsis", "vikor", "gra"):
        recs = as_json(run("rank", data, "-r", rubric, "--method", method, "-f", "json"))
        assert [set(r) for r in recs] == [set(r) for r in plain], method
        assert all(r["max"] is None and r["grade"] is None for r in recs)


def test_rank_topsis_is_pymcdm_per_year(tmp_path):
    rubric, data = make(tmp_path)
    recs = as_json(run("rank", data, "-r", rubric, "-m", "topsis", "-f", "json"))
    types = np.where(COST, -1, 1)
    for year in (2023, 2024):
        want = pm.TOPSIS(normalization_function=pn.vector_normalization)(matrix(year), np.array(SHARES), types)
        got = {r["unit"]: r["total"] for r in recs if r["year"] == year}
        assert [got[u] for u in VALUES] == pytest.approx(list(want), abs=1e-6)
        ranks = [r["rank"] for r in recs if r["year"] == year]
        assert ranks == sorted(ranks)  # best first


def test_rank_vikor_ranks_ascend(tmp_path):
    rubric, data = make(tmp_path)
    recs = as_json(run("rank", data, "-r", rubric, "-m", "vikor", "--year", "2024", "-f", "json"))
    want = pm.VIKOR()(matrix(2024), np.array(SHARES), np.where(COST, -1, 1))
    got = {r["unit"]: r["total"] for r in recs}
    assert [got[u] for u in VALUES] == pytest.approx(list(want), abs=1e-6)
    assert [r["total"] for r in recs] == sorted(r["total"] for r in recs)  # lower Q first


def test_rank_method_api_equals_cli(tmp_path):
    rubric, data = make(tmp_path)
    table = lg.rank_table([data], rubric, method="gra")
    assert lg.rank_records(table) == as_json(run("rank", data, "-r", rubric, "-m", "gra", "-f", "json"))


def test_rank_method_on_the_city_leaves_incomplete_units_unranked():
    r = run("rank", CITY, "-m", "topsis", "-f", "json")
    recs = as_json(r)
    assert "W-METHOD-INCOMPLETE" in r.stderr
    assert all((x["rank"] is None) == (x["total"] is None) for x in recs)
    assert any(x["rank"] is not None for x in recs) and "NaN" not in r.stdout


def test_rank_method_table_says_what_the_total_is(tmp_path):
    rubric, data = make(tmp_path)
    r = run("rank", data, "-r", rubric, "-m", "vikor", "--lang", "en")
    assert r.exit_code == 0 and "ranked by vikor" in r.stdout and "lower is better" in r.stdout


def test_rank_method_leaves_out_the_rubric_points_in_every_format(tmp_path):
    """The parts' points (书面评审 …) and the bonus are the rubric's, not the method's: null in
    JSON under rank's keys, absent from the table, the CSV and the workbook."""
    import openpyxl

    plain = as_json(run("rank", CITY, "--year", "2023", "-f", "json"))
    recs = as_json(run("rank", CITY, "-m", "topsis", "--year", "2023", "-f", "json"))
    parts = [k for k in plain[0] if k.startswith("p:")]
    assert parts and [set(r) for r in recs] == [set(r) for r in plain]
    assert all(r[k] is None for r in recs for k in [*parts, "max", "percent", "grade"])
    assert any(r["1"] is not None for r in recs)  # a dimension's column: the method over its leaves
    table = run("rank", CITY, "-m", "topsis", "--year", "2023")
    csv = run("rank", CITY, "-m", "topsis", "--year", "2023", "-f", "csv")
    out = tmp_path / "排名.xlsx"
    assert run("rank", CITY, "-m", "topsis", "--year", "2023", "-o", out).exit_code == 0
    cells = {str(c.value) for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row if c.value}
    for shown in (table.stdout, csv.stdout, " ".join(cells)):
        assert "书面评审" not in shown and "实地评估" not in shown and "政府职能依法" in shown
    header = csv.stdout.splitlines()[0].split(",")
    assert "得分率" not in header and "加分" not in header and "等次" not in header
    assert "书面评审" in run("rank", CITY, "--year", "2023").stdout  # the plain rank keeps them


# --- aggregation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aggregate", "expected"),
    [("weighted_mean", 87.5), ("geometric_mean", 84.09), ("harmonic_mean", 80.0)],
)
def test_means_of_the_children_shares(tmp_path, aggregate, expected):
    # shares 0.5 (weight 1) and 1.0 (weight 3): arithmetic 0.875, geometric 0.5^0.25 = 0.8409, harmonic 1/1.25
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(
        tmp_path,
        "rubric.yaml",
        f"""
        id: g
        name: 均值（合成）
        fields: [fields.yaml]
        items:
          - id: "1"
            name: 一
            points: 100
            aggregate: {aggregate}
            items:
              - {{id: "1.1", name: 甲, points: 10, weight: 1, field: amount, rule: {{type: direct}}}}
              - {{id: "1.2", name: 乙, points: 10, weight: 3, field: count, rule: {{type: direct}}}}
        """,
    )
    data = write(tmp_path, "data-synthetic.csv", "unit,year,field,value\n甲,2024,amount,5\n甲,2024,count,10\n")
    recs = as_json(run("score", data, "-r", rubric, "-f", "json"))
    assert next(r["score"] for r in recs if r["id"] == "1") == pytest.approx(expected)
    zero = write(tmp_path, "zero-synthetic.csv", "unit,year,field,value\n甲,2024,amount,0\n甲,2024,count,10\n")
    recs = as_json(run("score", zero, "-r", rubric, "-f", "json"))
    want = 75.0 if aggregate == "weighted_mean" else 0.0  # no compensation for a child at 0
    assert next(r["score"] for r in recs if r["id"] == "1") == pytest.approx(want)


def test_the_command_line_offers_every_method():
    from typing import get_args

    from lawgov_score.analysis import mcdm
    from lawgov_score.cli.methods import NormaliseMethod
    from lawgov_score.engine.normalise import METHODS

    assert get_args(NormaliseMethod) == METHODS
    from typing import get_type_hints

    from lawgov_score.cli.scoring import rank_cmd

    method = get_type_hints(rank_cmd.__wrapped__, include_extras=True)["method"]
    assert get_args(get_args(method)[0]) == mcdm.METHODS


def test_english_output_has_no_chinese_of_the_tool(tmp_path):
    from english import tool_chinese

    r = run("rank", CITY, "-m", "gra", "--year", "2024", "--lang", "en", "--no-dimensions")
    assert r.exit_code == 0
    ours = [line for line in r.stderr.splitlines() if "METHOD" in line]  # W-DATA-CONSTRAINT quotes the rubric
    assert ours and not tool_chinese(r.stdout + "\n".join(ours), ROOT / "rubrics" / "shifan.yaml", [CITY])
