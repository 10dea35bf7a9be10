"""The evaluation's parts (书面评审, 实地评估, 人民群众满意度测评): part scores add up to the total with
the declared weights; the rubric checks of ``parts``/``assessed_by``; grades that do not promise
a naming; edition, wording and additional items in ``rubric show``.

The expected part scores are computed here from the rule docs/weighting.md states (a part's
score = its items' score rate × its weight's share of the total, rounded; total = their sum),
not from the engine's code."""

from __future__ import annotations

import json

import polars as pl
from conftest import ROOT
from helpers import FIELDS_YAML, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference import round_half_up
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.api.inputs import scored
from lawgov_score.cli import app

SAMPLES = str(ROOT / "samples")
CITY = str(ROOT / "samples" / "synthetic-city")
EXAMPLE_ARGS = [str(ROOT / "docs" / "examples" / "example-synthetic.csv"), "-r", str(ROOT / "rubrics" / "example.yaml")]


def _expected_parts(rubric, frame_row: dict) -> dict[str, float]:
    """Part id → score, from the leaf scores of one unit-year (a summed tree: every leaf counts as itself)."""
    wsum = sum(p.weight for p in rubric.parts)
    out = {}
    for p in rubric.parts:
        leaves = [it for it in rubric.leaves() if p.id in it.assessed_by and it.role == "score"]
        most = sum(it.max for it in leaves)
        got = sum(frame_row[f"s:{it.id}"] for it in leaves)
        rate = min(max(got / most, 0.0), 1.0)
        out[p.id] = round_half_up(rate * rubric.total * p.weight / wsum, rubric.decimals)
    return out


def test_bundled_parts_add_up_to_the_total_on_the_samples():
    for data in (SAMPLES, CITY):
        res = scored(None, [data])
        rub = res.rubric
        assert [p.name for p in rub.parts] == ["书面评审", "实地评估", "人民群众满意度测评"]
        for row in res.frame.iter_rows(named=True):
            expected = _expected_parts(rub, row)
            for pid, value in expected.items():
                assert abs(row[f"p:{pid}"] - value) < 1e-9, (row["unit"], pid)
            assert abs(round_half_up(sum(expected.values()), 2) + row["bonus"] - row["total"]) < 1e-9


PART_IDS = ["a", "b", "c"]


@st.composite
def part_rubrics(draw):
    """A small rubric with parts, random weights and random assessed_by, and a value per leaf."""
    n = draw(st.integers(2, 6))
    weights = draw(st.lists(st.integers(1, 9), min_size=3, max_size=3))
    leaves, values = [], []
    for i in range(n):
        parts = draw(st.lists(st.sampled_from(PART_IDS), min_size=1, max_size=3, unique=True))
        leaves.append((i, draw(st.integers(1, 40)), parts))
        values.append(draw(st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2))))
    for pid in PART_IDS:  # every part checks at least one item
        if not any(pid in p for _, _, p in leaves):
            leaves[0][2].append(pid)
    return weights, leaves, values


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=part_rubrics())
def test_parts_add_up_to_the_total_with_the_weights(tmp_path, case):
    weights, leaves, values = case
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    parts = "\n".join(f"  - {{id: {p}, name: 部分{p}, weight: {w}}}" for p, w in zip(PART_IDS, weights))
    items = "\n".join(
        f'  - {{id: "{i}", name: 项{i}, points: {pts}, field: rate, rule: {{type: linear, floor: 0, target: 100}}, '
        f"assessed_by: [{', '.join(ps)}]}}"
        for i, pts, ps in leaves
    )
    rub_path = write(
        tmp_path, "r.yaml", f"id: t\nname: 测试\nfields: [fields.yaml]\ntotal: 100\nparts:\n{parts}\nitems:\n{items}\n"
    )
    rub = lg.load_rubric(rub_path)
    rows = [(f"单位{k}", 2024, "rate", v) for k, v in enumerate(values)]
    data = write(tmp_path, "d.csv", "unit,year,field,value\n" + "".join(",".join(map(str, r)) + "\n" for r in rows))
    res = lg.score(rub, lg.read_indicators([data], rub))
    for row in res.frame.iter_rows(named=True):
        expected = _expected_parts(rub, row)
        for pid, value in expected.items():
            assert abs(row[f"p:{pid}"] - value) < 1e-9
        # the parts' sum, at most the maximum (a part's points may not be whole at 2 decimals)
        assert abs(row["total"] - min(round_half_up(sum(expected.values()), 2), rub.total)) < 1e-9
    assert abs(sum(rub.part_maxima().values()) - rub.total) < 1e-9


def _check(tmp_path, head: str, item_extra: str) -> str:
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    p = write(
        tmp_path,
        "r.yaml",
        f"""
id: t
name: 测试
fields: [fields.yaml]
{head}
items:
  - id: "1"
    name: 一
    points: 10
    field: rate
    rule: {{type: threshold, target: 90}}
{item_extra}
""",
    )
    r = CliRunner().invoke(app, ["rubric", "check", str(p)])
    return r.output


def test_assessed_by_names_an_undeclared_part(tmp_path):
    out = _check(tmp_path, "parts: [{id: 材料, name: 书面评审, weight: 1}]", "    assessed_by: 现场")
    assert "E-PART" in out and "“现场”" in out and "r.yaml:" in out


def test_a_leaf_without_a_part_and_a_part_with_no_item(tmp_path):
    out = _check(tmp_path, "parts: [{id: 材料, name: 书面评审, weight: 1}, {id: 实地, name: 实地评估, weight: 1}]", "")
    assert out.count("E-PART") == 3  # the leaf names no part; neither part checks an item


def test_assessed_by_without_parts(tmp_path):
    out = _check(tmp_path, "", "    assessed_by: 材料")
    assert "E-PART" in out and "parts" in out


def test_grades_in_every_output_say_self_assessed():
    r = CliRunner().invoke(app, ["rank", CITY, "-f", "json"])
    grades = {row["grade"] for row in json.loads(r.stdout)}
    assert grades and all(g.endswith("（自评）") for g in grades)
    for cmd in (["rank", CITY], ["score", CITY, "-u", "合成甲县", "-d", "1"], ["gaps", CITY, "-u", "合成丙县"]):
        out = CliRunner().invoke(app, cmd).stdout
        assert "不是命名结论" in out  # the grade note: naming is decided by ranking among candidates
        # every 示范 a unit is given is a self-assessed level
        assert out.count("示范水平（自评）") >= out.count("示范水平")
        assert "“示范”" not in out and " 示范 " not in out


def test_score_and_gaps_show_part_scores_and_the_position():
    out = CliRunner().invoke(app, ["score", CITY, "-u", "合成甲县", "-y", "2024", "-d", "1"]).stdout
    assert "书面评审" in out and "实地评估" in out and "人民群众满意度测评" in out
    assert "位列第" in out and "比较对象含合成数据" in out  # the synthetic peers are labelled so
    en = CliRunner().invoke(app, ["gaps", CITY, "-u", "合成甲县", "--lang", "en", "--path", "none"]).stdout
    assert "percentile" in en and "synthetic" in en


def test_rubric_show_says_official_or_summary_for_every_item():
    r = CliRunner().invoke(app, ["rubric", "show", "-f", "json"])
    items = json.loads(r.stdout)
    assert items and all(it["wording"] in ("official", "summary") for it in items)
    official = {it["name"] for it in items if it["wording"] == "official"}
    assert official == {
        "政府职能依法全面履行",
        "加大简政放权力度",
        "依法行政制度体系完善",
        "重大行政决策科学民主合法",
        "行政执法严格规范公正文明",
    }
    text = CliRunner().invoke(app, ["rubric", "show"]).stdout
    assert "依据版本：申报指南" in text and "书面评审（材料）60%" in text
    lines = [ln for ln in text.splitlines() if ln[:1].isdigit()]
    assert len(lines) == len(items) and all(("官方表述" in ln) != ("本工具概括" in ln) for ln in lines)


def test_edition_and_additional_items_of_the_2019_edition(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    p = write(
        tmp_path,
        "r.yaml",
        """
id: t2019
name: 2019 年版骨架
edition: 2019
fields: [fields.yaml]
items:
  - {id: "1", name: 政府职能依法全面履行, wording: official, points: 10, field: rate, rule: {type: threshold, target: 90}}
  - id: 附加1
    name: 附加项一
    additional: true
    content: unknown
    field: count
    rule: {type: bonus, each: 1, cap: 2}
""",
    )
    rub = lg.load_rubric(p)
    assert rub.edition == "2019" and rub.total == 10
    text = CliRunner().invoke(app, ["rubric", "show", str(p)]).stdout
    assert "依据版本：2019 年版" in text and "附加项 1 个" in text and "一级指标 1 个，末级项目 1 个" in text
    assert "［附加项］附加项一（内容未公布）" in text
    data = write(tmp_path, "d.csv", "unit,year,field,value\n甲,2024,rate,95\n甲,2024,count,1\n")
    frame = lg.score(rub, lg.read_indicators([data], rub)).frame
    assert frame.select(pl.col("total")).item() == 11.0  # the additional item adds on top, as its rule says


def test_sensitivity_totals_the_parts_as_the_engine_does():
    """With no perturbation the Monte Carlo's roll-up gives the engine's totals (parts and all)."""
    import numpy as np

    from lawgov_score.analysis.sensitivity import _Model

    res = scored(None, [CITY])
    model = _Model(res, res.frame)
    model.R = res.frame.height
    totals = model.roll_up(np.ones((1, len(model.nodes))), {})[0]
    assert np.allclose(totals, res.frame["total"].to_numpy())
    # a perturbed sample keeps every total within the maximum
    rng = np.random.default_rng(3)
    F = 1.0 + 0.2 * (2.0 * rng.random((4, len(model.nodes))) - 1.0)
    assert (model.roll_up(F, {}) <= res.rubric.total).all()


def test_score_json_says_each_items_dimension_and_parts():
    """`score -f json`: every row names its first-level dimension (the table's grouping) by id and
    name, and a leaf the parts that check it, by id and name, as `rubric show` and the table do."""
    rows = json.loads(CliRunner().invoke(app, ["score", SAMPLES, "-u", "乃东", "-f", "json"]).stdout)
    by_id = {r["id"]: r for r in rows}
    rubric = lg.load_rubric(ROOT / "rubrics" / "shifan.yaml")
    tops = {it.id: it.name for it in rubric.items.values() if it.parent is None}
    for r in rows:
        assert r["dimension"] == r["id"].split(".")[0] and r["dimension_name"] == tops[r["dimension"]]
        leaf = rubric.items[r["id"]].is_leaf
        assert r["assessed_by"] == (list(rubric.items[r["id"]].assessed_by) if leaf else [])
    assert by_id["1.3.1"]["assessed_by"] == ["材料", "实地"]
    assert by_id["1.3.1"]["assessed_by_names"] == ["书面评审", "实地评估"]
    assert by_id["10.2.1"]["dimension_name"] == tops["10"] and by_id["10.2.1"]["assessed_by_names"] == [
        "人民群众满意度测评"
    ]
    plain = json.loads(CliRunner().invoke(app, ["score", *EXAMPLE_ARGS, "-f", "json"]).stdout)
    assert plain and all(r["assessed_by"] == [] and r["dimension"] for r in plain)  # a rubric without parts
