"""The thirteen normalisations as a leaf's rule: a leaf's score is exactly what `normalise` prints
for its field, mapped onto the points by the rule's scale; `rubric check`, `rubric show` and the
edge cases (constant criterion, zeros, negative values, one unit alone, missing values, ties).

Data here are synthetic, written or generated in the tests."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from helpers import FIELDS_YAML, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference import normalised as reference_normalised
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app
from lawgov_score.engine.score import col_score

runner = CliRunner()
METHODS = [
    "minmax", "zscore", "rank", "percentile", "ratio_to_mean", "ratio_to_best", "ratio_to_worst",
    "distance_to_mean", "distance_to_best", "distance_to_worst", "above_below_mean", "vector", "sum",
]  # fmt: skip
BOUNDED = {"minmax": (0, 1), "ratio_to_best": (0, 1), "vector": (0, 1), "sum": (0, 1), "percentile": (0, 100)}
UNITS = ["甲", "乙", "丙", "丁", "戊", "己"]


def rubric_text(rule: str, points: float = 10, decimals: int = 6, missing: str = "") -> str:
    return f"""
    id: n
    name: 标准化规则测试（合成）
    fields: [fields.yaml]
    decimals: {decimals}
    items:
      - id: "1"
        name: 一
        items:
          - {{id: "1.1", name: 数值, points: {points}, field: amount{missing}, rule: {rule}}}
    """


def rule_yaml(method: str, direction: str, scale, ddof: int, threshold: float, as_type: bool) -> str:
    head = f"type: {method}" if as_type else f"type: normalise, method: {method}"
    parts = [head, f"direction: {direction}", f"ddof: {ddof}", f"threshold: {threshold}"]
    if scale is not None:
        parts.append(f"scale: [{scale[0]}, {scale[1]}]")
    return "{" + ", ".join(parts) + "}"


def data_csv(tmp: Path, rows: list[tuple[str, int, float | None]], name: str = "data-synthetic.csv") -> Path:
    lines = ["unit,year,field,value"] + [f"{u},{y},amount,{'' if v is None else repr(v)}" for u, y, v in rows]
    return write(tmp, name, "\n".join(lines) + "\n")


def leaf_scores(rubric: Path, data: Path) -> dict:
    result = lg.score_table([str(data)], str(rubric)).result
    frame = result.frame.select("unit", "year", col_score("1.1"))
    return {(u, y): s for u, y, s in frame.iter_rows()}, result.warnings


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


# --- a leaf's score is normalise's value × the mapping ----------------------------------------------

values = st.one_of(
    st.integers(-5, 40).map(float),  # small integers: ties, zeros and negative values are common
    st.floats(0.01, 1000, allow_nan=False).map(lambda x: round(x, 3)),
    st.none(),
)


@st.composite
def cases(draw):
    method = draw(st.sampled_from(METHODS))
    direction = draw(st.sampled_from(["higher", "lower"]))
    n = draw(st.integers(1, len(UNITS)))
    constant = draw(st.integers(0, 5)) == 0  # now and then a constant criterion
    rows = []
    for year in (2023, 2024):
        fixed = draw(values)
        for unit in UNITS[:n]:
            rows.append((unit, year, fixed if constant else draw(values)))
    scale = None
    if method not in BOUNDED or draw(st.booleans()):
        a, b = sorted(draw(st.lists(st.integers(-12, 12).map(lambda x: x / 4), min_size=2, max_size=2, unique=True)))
        scale = (a, b)
    as_type = method not in ("minmax", "rank", "ratio_to_best") and draw(st.booleans())
    ddof, threshold = draw(st.sampled_from([0, 1])), draw(st.sampled_from([0.0, 0.2, 0.5]))
    points = draw(st.sampled_from([1, 10, 7.5]))
    return method, direction, rows, scale, as_type, ddof, threshold, points


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=cases())
def test_rule_score_is_normalise_value_times_the_scale(tmp_path, case):
    method, direction, rows, scale, as_type, ddof, threshold, points = case
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rule = rule_yaml(method, direction, scale, ddof, threshold, as_type)
    rubric = write(tmp_path, "rubric.yaml", rubric_text(rule, points=points))
    data = data_csv(tmp_path, rows)
    scores, _ = leaf_scores(rubric, data)
    table = lg.normalise_table([str(data)], str(rubric), method=method, ddof=ddof, threshold=threshold)
    norm = {(u, y): n for u, y, n in table.frame.select("unit", "year", "normalised").iter_rows()}
    counts: dict[int, int] = {}
    for _, y, v in rows:
        counts[y] = counts.get(y, 0) + (v is not None)
    a, b = scale or BOUNDED[method]
    for (unit, year, v) in rows:
        s = scores[(unit, year)]
        assert s is not None and math.isfinite(s), (unit, year, s)
        if v is None or counts[year] < 2:  # missing, or alone among its peers: scores as missing (0)
            assert s == 0.0
            continue
        n = norm[(unit, year)]
        peers = [w for _, yy, w in rows if yy == year and w is not None]
        if n is None:  # no number for normalise: a nonzero divided by 0 lies beyond an end of the scale
            n = reference_normalised(method, v, peers, direction == "higher", ddof, threshold, infinite=True)
        expected = 0.0 if n is None else points * min(max((n - a) / (b - a), 0.0), 1.0)
        assert s == pytest.approx(expected, abs=1e-6), (unit, year, v, n)
        # and normalise's value is the formula of docs/methods.md, written independently in the reference
        ref = reference_normalised(method, v, peers, direction == "higher", ddof, threshold)
        if ref is None or not math.isfinite(ref):
            assert norm[(unit, year)] is None
        else:
            assert norm[(unit, year)] == pytest.approx(ref, rel=1e-9, abs=1e-9)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    method=st.sampled_from(["minmax", "vector", "sum", "ratio_to_best"]),
    higher=st.booleans(),
    xs=st.lists(st.integers(1, 60).map(float), min_size=2, max_size=6),
)
def test_bounded_rule_scores_are_pymcdm_normalisations_times_points(tmp_path, method, higher, xs):
    from pymcdm import normalizations as pn

    oracle = {"minmax": pn.minmax_normalization, "vector": pn.vector_normalization, "sum": pn.sum_normalization,
              "ratio_to_best": pn.linear_normalization}[method]  # fmt: skip
    if method == "minmax" and min(xs) == max(xs):
        return  # pymcdm's constant column is no number; the rule gives full points (tested above)
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    direction = "higher" if higher else "lower"
    rule = f"{{type: normalise, method: {method}, direction: {direction}}}"
    rubric = write(tmp_path, "rubric.yaml", rubric_text(rule))
    scores, _ = leaf_scores(rubric, data_csv(tmp_path, [(u, 2024, v) for u, v in zip(UNITS, xs)]))
    import numpy as np

    want = oracle(np.array(xs), cost=not higher) * 10
    assert [scores[(u, 2024)] for u in UNITS[: len(xs)]] == pytest.approx(list(want), abs=1e-6)


def test_within_a_group_compares_the_group_only(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(tmp_path, "rubric.yaml", rubric_text("{type: zscore, within: city, scale: [-1, 1], ddof: 0}"))
    data = write(
        tmp_path,
        "data-synthetic.csv",
        "unit,year,field,value,city\n甲,2024,amount,1,A\n乙,2024,amount,3,A\n丙,2024,amount,100,B\n丁,2024,amount,300,B\n",
    )
    scores, _ = leaf_scores(rubric, data)
    # each city: two values, z = ∓1 (population sd) → 0 and 10 points, whatever the other city holds
    assert scores == {("甲", 2024): 0.0, ("乙", 2024): 10.0, ("丙", 2024): 0.0, ("丁", 2024): 10.0}


# --- edge cases --------------------------------------------------------------------------------------


def test_constant_criterion_zscore_is_the_middle_of_the_scale(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(tmp_path, "rubric.yaml", rubric_text("{type: zscore, scale: [-2, 2]}"))
    scores, _ = leaf_scores(rubric, data_csv(tmp_path, [(u, 2024, 7.0) for u in UNITS]))
    assert set(scores.values()) == {5.0}


def test_ties_share_the_lowest_rank(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(tmp_path, "rubric.yaml", rubric_text("{type: normalise, method: rank, scale: [1, 5]}"))
    rows = [("甲", 2024, 3.0), ("乙", 2024, 3.0), ("丙", 2024, 1.0), ("丁", 2024, 9.0), ("戊", 2024, 9.0)]
    scores, _ = leaf_scores(rubric, data_csv(tmp_path, rows))
    # ranks 2 2 1 4 4 on the scale 1 → 0, 5 → 10
    assert [scores[(u, 2024)] for u in "甲乙丙丁戊"] == [2.5, 2.5, 0.0, 7.5, 7.5]


@pytest.mark.parametrize(
    "method, score",
    # zeros are equal values: vector 0, an equal share of the sum (1/6), at the reference (ratio 1)
    [("vector", 0.0), ("sum", 1.666667), ("ratio_to_best", 10.0), ("ratio_to_mean", 5.0), ("distance_to_mean", 5.0)],
)
def test_a_column_of_zeros_never_gives_nan(tmp_path, method, score):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    scale = {"ratio_to_mean": ", scale: [0, 2]", "distance_to_mean": ", scale: [-1, 1]"}.get(method, "")
    rubric = write(tmp_path, "rubric.yaml", rubric_text(f"{{type: normalise, method: {method}{scale}}}"))
    scores, warnings = leaf_scores(rubric, data_csv(tmp_path, [(u, 2024, 0.0) for u in UNITS]))
    assert set(scores.values()) == {score}
    codes = {w.code for w in warnings}
    assert ("W-METHOD-POSITIVE" in codes) == (method != "vector")  # a 0 where the method divides: said


@pytest.mark.parametrize("method", ["ratio_to_mean", "ratio_to_best", "ratio_to_worst", "sum"])
def test_a_zero_is_the_best_value_when_lower_is_better(tmp_path, method):
    """The reciprocal of 0 is no number for `normalise`, but in a rule it lies beyond the top of the
    scale: 0 (the best value when lower is better) earns full points, never the 0 of a missing value."""
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    scale = ", scale: [0, 1]" if method not in BOUNDED else ""
    rule = f"{{type: normalise, method: {method}, direction: lower{scale}}}"
    rubric = write(tmp_path, "rubric.yaml", rubric_text(rule))
    scores, _ = leaf_scores(rubric, data_csv(tmp_path, [("甲", 2024, 0.0), ("乙", 2024, 2.0), ("丙", 2024, 4.0)]))
    assert scores[("甲", 2024)] == 10.0 and scores[("甲", 2024)] >= scores[("乙", 2024)] >= scores[("丙", 2024)]


def test_negative_values_are_said_with_the_item(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(tmp_path, "rubric.yaml", rubric_text("{type: ratio_to_mean, scale: [0, 2]}"))
    data = data_csv(tmp_path, [("甲", 2024, -4.0), ("乙", 2024, 2.0), ("丙", 2024, 8.0)])
    r = cli("score", data, "-r", rubric, "-f", "json")
    assert r.exit_code == 0, r.output
    assert "W-METHOD-POSITIVE" in r.stderr and "1.1" in r.stderr and "数值" in r.stderr and "ratio_to_mean" in r.stderr
    assert "NaN" not in r.stdout


def test_missing_values_are_left_out_and_counted(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(tmp_path, "rubric.yaml", rubric_text("{type: normalise, method: minmax}"))
    data = data_csv(tmp_path, [("甲", 2024, 10.0), ("乙", 2024, None), ("丙", 2024, 20.0), ("丁", 2024, 30.0)])
    scores, warnings = leaf_scores(rubric, data)
    assert [scores[(u, 2024)] for u in "甲乙丙丁"] == [0.0, 0.0, 5.0, 10.0]  # 乙 out of min and max
    missing = [w for w in warnings if w.code == "W-METHOD-MISSING"]
    assert len(missing) == 1 and "1 个单位年度" in missing[0].message("zh")


def test_missing_full_gives_full_points_to_a_missing_value(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(tmp_path, "rubric.yaml", rubric_text("{type: vector}", missing=", missing: full"))
    scores, _ = leaf_scores(rubric, data_csv(tmp_path, [("甲", 2024, 3.0), ("乙", 2024, None), ("丙", 2024, 4.0)]))
    assert scores == {("甲", 2024): 6.0, ("乙", 2024): 10.0, ("丙", 2024): 8.0}


def test_one_unit_alone_among_its_peers_is_said(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(tmp_path, "rubric.yaml", rubric_text("{type: percentile}"))
    scores, warnings = leaf_scores(rubric, data_csv(tmp_path, [("甲", 2024, 3.0), ("乙", 2024, None)]))
    assert scores[("甲", 2024)] == 0.0  # alone: as a missing value (the default `alone: missing`)
    assert "W-ALONE" in {w.code for w in warnings}


# --- rubric check and show ---------------------------------------------------------------------------


def check(tmp_path, rule: str) -> tuple[int, str]:
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(tmp_path, "rubric.yaml", rubric_text(rule))
    r = cli("rubric", "check", rubric)
    return r.exit_code, r.output


@pytest.mark.parametrize(
    "method", ["zscore", "rank", "ratio_to_mean", "ratio_to_worst", "distance_to_mean", "distance_to_best",
               "distance_to_worst", "above_below_mean"],
)  # fmt: skip
def test_an_unbounded_method_without_scale_is_e_rule_scale(tmp_path, method):
    code, out = check(tmp_path, f"{{type: normalise, method: {method}}}")
    assert code == 1 and "E-RULE-SCALE" in out and method in out and "rubric.yaml:" in out


@pytest.mark.parametrize("method", sorted(BOUNDED))
def test_a_bounded_method_takes_its_range(tmp_path, method):
    code, out = check(tmp_path, f"{{type: normalise, method: {method}}}")
    assert code == 0, out


@pytest.mark.parametrize(
    "rule, code",
    [
        ("{type: zscore, scale: [2, -2]}", "E-RULE-ORDER"),
        ("{type: zscore, scale: [1, 1]}", "E-RULE-ORDER"),
        ("{type: normalise, scale: [0, 1]}", "E-KEY-MISSING"),
        ("{type: zscore, method: rank, scale: [0, 1]}", "E-RULE"),
        ("{type: zscore, scale: [0, 1], ddof: 2}", "E-TYPE"),
        ("{type: normalise, method: zscor, scale: [0, 1]}", "E-TYPE"),
        ("{type: zscor, scale: [0, 1]}", "E-RULE-TYPE"),
    ],
)
def test_rule_check_problems(tmp_path, rule, code):
    exit_code, out = check(tmp_path, rule)
    assert exit_code == 1 and f"{code}:" in out, out


def test_a_rule_on_a_yes_no_field_is_e_rule_field(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    text = rubric_text("{type: zscore, scale: [-1, 1]}").replace("field: amount", "field: flag")
    r = cli("rubric", "check", write(tmp_path, "rubric.yaml", text))
    assert r.exit_code == 1 and "E-RULE-FIELD" in r.output


@pytest.mark.parametrize(
    "rule, zh, en",
    [
        ("{type: zscore, scale: [-2, 2]}", "按同年度单位标准分（z 分数）：-2 得 0 分、2 得 10 分", "z-score among same year: -2 scores 0"),
        ("{type: normalise, method: percentile, direction: lower, within: city}", "同年度同所属市单位百分位",
         "percentile (rank / n × 100) among same year and city (lower is better): 0 scores 0, 100 scores 10"),
        ("{type: above_below_mean, threshold: 0.1, scale: [-1, 1]}", "高于/低于均值 10% 以上", "by over 10%"),
        ("{type: zscore, ddof: 0, scale: [-2, 2]}", "（总体标准差）", "(population sd)"),
    ],
)  # fmt: skip
def test_rubric_show_says_the_rule_in_both_languages(tmp_path, rule, zh, en):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(tmp_path, "rubric.yaml", rubric_text(rule))
    r_zh = cli("rubric", "show", rubric)
    r_en = cli("rubric", "show", rubric, "--lang", "en")
    assert r_zh.exit_code == 0 and zh in r_zh.output, r_zh.output
    assert r_en.exit_code == 0 and en in r_en.output, r_en.output


def test_score_json_of_a_zscore_rubric(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    rubric = write(tmp_path, "rubric.yaml", rubric_text("{type: zscore, scale: [-2, 2]}", decimals=2))
    data = data_csv(tmp_path, [("甲", 2024, 10.0), ("乙", 2024, 20.0), ("丙", 2024, 30.0)])
    r = cli("score", data, "-r", rubric, "-f", "json")
    assert r.exit_code == 0, r.output
    recs = json.loads(r.stdout)
    leaf = {x["unit"]: x["score"] for x in recs if x["id"] == "1.1"}
    assert leaf == {"甲": 2.5, "乙": 5.0, "丙": 7.5}  # z = −1, 0, 1 (sample sd 10) on [-2, 2]


def test_gaps_names_a_value_for_full_points_only_where_one_value_earns_them(tmp_path):
    """Reaching the best of the others earns full points under min-max (so gaps names it), not
    under a z-score or a ratio to the mean, where full points depend on every peer's value."""
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    data = data_csv(tmp_path, [("甲", 2024, 10.0), ("乙", 2024, 20.0), ("丙", 2024, 30.0)])
    for rule, needed in [
        ("{type: normalise, method: minmax}", 30.0),
        ("{type: zscore, scale: [-1, 1]}", None),
        ("{type: ratio_to_mean, scale: [0, 2]}", None),
        ("{type: normalise, method: ratio_to_best, scale: [0, 2]}", None),
    ]:
        rubric = write(tmp_path, "rubric.yaml", rubric_text(rule, decimals=2))
        r = cli("gaps", data, "-r", rubric, "--unit", "甲", "-f", "json")
        assert r.exit_code == 0, r.output
        item = next(x for x in json.loads(r.stdout)["items"] if x["id"] == "1.1")
        assert item["needed"] == needed, rule


def test_rubric_diff_shows_a_changed_scale_as_written(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    old = write(tmp_path, "old.yaml", rubric_text("{type: zscore, scale: [-1, 1]}"))
    new = write(tmp_path, "new.yaml", rubric_text("{type: zscore, scale: [-2, 2.5]}"))
    r = cli("rubric", "diff", old, new)
    assert r.exit_code in (0, 1), r.output
    assert "rule.scale" in r.output and "[-1, 1]" in r.output and "[-2, 2.5]" in r.output
