"""Each rule type on hand-computed examples (the same shapes the README documents)."""

import polars as pl
import pytest
from helpers import data, one_rule, scores


def run(tmp_path, rule, values, field="rate", points="10", extra=""):
    r = one_rule(tmp_path, rule, field, points, extra)
    d = data(tmp_path, [(f"U{i}", 2024, field, v) for i, v in enumerate(values)])
    got = scores(r, d)
    return [got[f"U{i}"] for i in range(len(values))]


def test_boolean(tmp_path):
    assert run(tmp_path, "{type: boolean}", ["是", "否", "有", "无", "√", "×"], field="flag") == [10, 0, 10, 0, 10, 0]


def test_boolean_expect_false(tmp_path):
    assert run(tmp_path, "{type: boolean, expect: false}", ["是", "否"], field="flag") == [0, 10]


def test_threshold_with_partial(tmp_path):
    assert run(tmp_path, "{type: threshold, target: 100, partial: 4}", ["100%", "99.9%"]) == [10, 4]


def test_threshold_lower_is_better(tmp_path):
    assert run(tmp_path, "{type: threshold, target: 5, direction: lower}", ["5", "5.01"]) == [10, 0]


def test_linear_higher(tmp_path):
    assert run(tmp_path, "{type: linear, floor: 80, target: 100}", ["70", "80", "90", "100", "100"]) == [
        0,
        0,
        5,
        10,
        10,
    ]


def test_linear_lower(tmp_path):
    # 败诉率: 20% or worse scores 0, 5% or better full
    assert run(tmp_path, "{type: linear, floor: 20, target: 5, direction: lower}", ["25", "20", "12.5", "5", "0"]) == [
        0,
        0,
        5,
        10,
        10,
    ]


def test_bands(tmp_path):
    rule = "{type: bands, bands: [{at: 95, points: 10}, {at: 90, points: 8}, {at: 80, points: 5}], else: 1}"
    assert run(tmp_path, rule, ["99", "95", "94.9", "90", "85", "10"]) == [10, 10, 8, 8, 5, 1]


def test_bands_lower(tmp_path):
    rule = "{type: bands, direction: lower, bands: [{at: 5, points: 10}, {at: 10, points: 6}]}"
    assert run(tmp_path, rule, ["3", "5", "7", "11"]) == [10, 10, 6, 0]


def test_deduct_per_occurrence_with_cap(tmp_path):
    # 每年学法不少于6次 (1.5分): 每少一次扣0.3分，最多扣1.2分
    rule = "{type: deduct, target: 6, each: 0.3, cap: 1.2}"
    assert run(tmp_path, rule, ["6", "5", "3", "0"], field="count", points="1.5") == [1.5, 1.2, 0.6, 0.3]


def test_deduct_shortfall_per_percentage_point_ceil(tmp_path):
    # 每低1个百分点扣0.5分 (a started point counts)
    rule = "{type: deduct, target: 100, each: 0.5, steps: ceil}"
    assert run(tmp_path, rule, ["100", "99.5", "98", "70"], points="5") == [5, 4.5, 4, 0]


def test_deduct_prorate_and_floor(tmp_path):
    assert run(tmp_path, "{type: deduct, target: 100, each: 0.5}", ["99.5"], points="5") == [4.75]
    assert run(tmp_path, "{type: deduct, target: 100, each: 0.5, steps: floor}", ["98.5"], points="5") == [4.5]


def test_deduct_lower_direction_per_step(tmp_path):
    # 每超过2件扣1分
    rule = "{type: deduct, target: 0, direction: lower, each: 1, per: 2}"
    assert run(tmp_path, rule, ["0", "2", "4", "9"], field="count", points="3") == [3, 2, 1, 0]


def test_graded(tmp_path):
    rule = "{type: graded, levels: {优: 1, 良: 0.8, 中: 0.6, 差: 0}}"
    assert run(tmp_path, rule, ["优", "良", "中", "差"], field="grade") == [10, 8, 6, 0]


def test_direct_is_clipped(tmp_path):
    assert run(tmp_path, "{type: direct}", ["7.5", "12", "0"], field="amount") == [7.5, 10, 0]


def test_ratio_to_best(tmp_path):
    assert run(tmp_path, "{type: ratio_to_best}", ["50", "100", "25"], field="count") == [5, 10, 2.5]


def test_ratio_to_best_lower(tmp_path):
    assert run(tmp_path, "{type: ratio_to_best, direction: lower}", ["2", "4", "8"]) == [10, 5, 2.5]


def test_rank_points_competition(tmp_path):
    rule = "{type: rank, by_rank: [10, 8, 6], else: 2}"
    assert run(tmp_path, rule, ["9", "7", "7", "5", "1"], field="count") == [10, 8, 8, 2, 2]


def test_minmax(tmp_path):
    assert run(tmp_path, "{type: minmax}", ["10", "20", "30"], field="count") == [0, 5, 10]
    assert run(tmp_path, "{type: minmax, direction: lower}", ["10", "20", "30"], field="count") == [10, 5, 0]
    assert run(tmp_path, "{type: minmax}", ["7", "7"], field="count") == [10, 10]


def test_missing_scores_zero_or_full(tmp_path):
    assert run(tmp_path, "{type: threshold, target: 100}", ["—", "未报送", ""]) == [0, 0, 0]


def test_negative_deducts_from_parent(tmp_path):
    from helpers import write

    write(tmp_path, "fields.yaml", __import__("helpers").FIELDS_YAML)
    r = write(
        tmp_path,
        "r.yaml",
        """
    id: t
    name: 测试
    fields: [fields.yaml]
    items:
      - id: "1"
        name: 一
        items:
          - {id: "1.1", name: 比率, points: 10, field: rate, rule: {type: threshold, target: 90}}
          - {id: "1.2", name: 违法次数, field: count, rule: {type: negative, each: 4, cap: 12}}
    """,
    )
    d = data(
        tmp_path,
        [
            ("A", 2024, "rate", 95),
            ("A", 2024, "count", 1),
            ("B", 2024, "rate", 95),
            ("B", 2024, "count", 5),
            ("C", 2024, "rate", 95),
        ],
    )
    assert scores(r, d, "1.2") == {"A": -4, "B": -12, "C": 0}
    assert scores(r, d, "1") == {"A": 6, "B": 0, "C": 10}  # never below 0


def test_bonus_capped_per_item_and_overall(tmp_path):
    from helpers import FIELDS_YAML, write

    import lawgov_score as lg

    write(tmp_path, "fields.yaml", FIELDS_YAML)
    r = write(
        tmp_path,
        "r.yaml",
        """
    id: t
    name: 测试
    fields: [fields.yaml]
    bonus_cap: 3
    items:
      - {id: "1", name: 比率, points: 10, field: rate, rule: {type: threshold, target: 90}}
      - id: "9"
        name: 加分
        items:
          - {id: "9.1", name: 表彰, field: count, rule: {type: bonus, each: 1, cap: 2}}
          - {id: "9.2", name: 创新, field: flag, rule: {type: bonus, each: 2, cap: 2}}
    """,
    )
    d = data(
        tmp_path,
        [
            ("A", 2024, "rate", 95),
            ("A", 2024, "count", 5),
            ("A", 2024, "flag", "是"),
            ("B", 2024, "rate", 95),
            ("B", 2024, "count", 1),
        ],
    )
    rub = lg.load_rubric(r)
    res = lg.score(rub, lg.read_indicators([d], rub))
    totals = {row["unit"]: (row["bonus"], row["total"]) for row in res.frame.iter_rows(named=True)}
    assert totals == {"A": (3, 13), "B": (1, 11)}


def test_veto_caps_total_and_grade(tmp_path):
    from helpers import FIELDS_YAML, write

    import lawgov_score as lg

    write(tmp_path, "fields.yaml", FIELDS_YAML)
    r = write(
        tmp_path,
        "r.yaml",
        """
    id: t
    name: 测试
    fields: [fields.yaml]
    grades: [{name: 优秀, min_percent: 90}, {name: 合格, min_percent: 60}, {name: 不合格, min_percent: 0}]
    items:
      - {id: "1", name: 比率, points: 100, field: rate, rule: {type: linear, floor: 0, target: 100}}
      - {id: "2", name: 重大违法, field: flag, rule: {type: veto, when: true, cap_grade: 合格}}
      - {id: "3", name: 违法件数, field: count, rule: {type: veto, above: 2, cap_total: 50}}
    """,
    )
    d = data(
        tmp_path,
        [
            ("A", 2024, "rate", 95),
            ("A", 2024, "flag", "是"),
            ("B", 2024, "rate", 95),
            ("B", 2024, "count", 3),
            ("C", 2024, "rate", 95),
            ("C", 2024, "count", 2),
            ("C", 2024, "flag", "否"),
        ],
    )
    rub = lg.load_rubric(r)
    res = lg.score(rub, lg.read_indicators([d], rub))
    got = {row["unit"]: (row["total"], row["grade"], row["vetoed"]) for row in res.frame.iter_rows(named=True)}
    assert got == {"A": (95, "合格", True), "B": (50, "不合格", True), "C": (95, "优秀", False)}


def relative(tmp_path, item: str, csv: str):
    """Score one item (its YAML flow mapping) on a small long-form CSV (with unit metadata)."""
    from helpers import FIELDS_YAML, write

    import lawgov_score as lg

    write(tmp_path, "fields.yaml", FIELDS_YAML)
    r = write(
        tmp_path,
        "r.yaml",
        f"""
    id: t
    name: 测试
    fields: [fields.yaml]
    items:
      - {item}
    """,
    )
    write(tmp_path, "d.csv", csv)
    rub = lg.load_rubric(r)
    return lg.score(rub, lg.read_indicators([tmp_path / "d.csv"], rub))


def test_units_without_peers_are_one_warning_per_comparison_naming_the_items(tmp_path):
    """Three relative items: two compare within the city and score a unit alone as missing, one
    scores it 0. One W-ALONE for the first two (at the rubric, naming both, and for a unit alone on
    only one of them, which), one for the third (at its rule, as a single item's warning)."""
    items = (
        '{id: "1", name: 办案量, points: 10, field: count, rule: {type: minmax, within: city}}\n'
        '      - {id: "2", name: 比率, points: 10, field: rate, rule: {type: ratio_to_best, within: city}}\n'
        '      - {id: "3", name: 数值, points: 10, field: amount, rule: {type: minmax, within: city, alone: zero}}'
    )
    data = """
    unit,year,field,value,city
    A,2024,count,10,甲市
    B,2024,count,20,甲市
    A,2024,rate,10,甲市
    C,2024,count,40,乙市
    C,2024,rate,40,乙市
    C,2024,amount,40,乙市
    """
    res = relative(tmp_path, items, data)
    assert [w.code for w in res.warnings] == ["W-ALONE", "W-ALONE"]
    both, zero = res.warnings
    assert both.line is None and both.path.endswith("r.yaml")
    assert both.message().startswith(
        "2 个项目 1「办案量」、2「比率」：与同年度同所属市单位比较，2 个单位没有可比单位："
    )
    assert "A 2024（甲市仅此一家有数据，项目 2）、C 2024（乙市仅此一家有数据）；按缺数据计 0 分" in both.message()
    assert "A 2024 (the only one in 甲市 with a value; items 2), C 2024 (the only one in 乙市" in both.message("en")
    assert (
        zero.line == 7 and zero.message().startswith("项目 3「数值」：") and "计 0 分（alone: zero）" in zero.message()
    )


def test_relative_rules_compare_within_year_and_group(tmp_path):
    item = '{id: "1", name: 办案量, points: 10, field: count, rule: {type: ratio_to_best, within: city}}'
    res = relative(
        tmp_path,
        item,
        """
    unit,year,field,value,city
    A,2023,count,10,甲市
    A,2024,count,10,甲市
    B,2024,count,20,甲市
    C,2024,count,40,乙市
    """,
    )
    got = {(row["unit"], row["year"]): row["s:1"] for row in res.frame.iter_rows(named=True)}
    # A 2023 and C 2024 have nobody to be compared with: no points for being the only one
    assert got == {("A", 2023): 0, ("A", 2024): 5, ("B", 2024): 10, ("C", 2024): 0}


PEERS = """
unit,year,field,value,city
A,2024,count,10,甲市
B,2024,count,20,甲市
C,2024,count,40,乙市
D,2024,count,30,
E,2024,count,50,
F,2024,rate,50,乙市
"""


@pytest.mark.parametrize("rule", ["ratio_to_best", "minmax", "rank, by_rank: [10, 6]"])
@pytest.mark.parametrize(
    "alone,missing,expected",
    [
        ("", "", 0),
        ("alone: missing", "", 0),
        ("alone: missing", "full", 10),
        ("alone: zero", "full", 0),
        ("alone: full", "", 10),
    ],
)
def test_a_unit_without_peers_scores_as_the_rule_says(tmp_path, rule, alone, missing, expected):
    """C is alone in 乙市 (F states nothing); D and E have no 所属市, and two blanks are no group.
    A and B are compared with each other whatever ``alone`` says."""
    extra = ", " + alone if alone else ""
    miss = f", missing: {missing}" if missing else ""
    item = f'{{id: "1", name: 办案量, points: 10, field: count{miss}, rule: {{type: {rule}, within: city{extra}}}}}'
    res = relative(tmp_path, item, PEERS)
    got = {row["unit"]: row["s:1"] for row in res.frame.iter_rows(named=True)}
    assert got["B"] == 10 and got["A"] < 10
    assert {u: got[u] for u in "CDE"} == {"C": expected, "D": expected, "E": expected}
    assert got["F"] == (10 if missing == "full" else 0)  # F states nothing: the item's own `missing`
    items = res.items()
    alone_units = sorted(items.filter(pl.col("alone").fill_null(False))["unit"].to_list())
    assert alone_units == ["C", "D", "E"]
    assert items.filter(pl.col("unit").is_in(["C", "D", "E"]))["target"].is_null().all() == (not alone.endswith("full"))
    [w] = res.warnings
    assert w.code == "W-ALONE" and w.line == 5
    text = w.message()
    assert "3 个单位没有可比单位" in text and "C 2024（乙市仅此一家有数据）" in text and "D 2024（未填所属市）" in text
    assert "E 2024 (no city given)" in w.message("en")


def test_no_warning_when_every_unit_has_peers(tmp_path):
    res = relative(
        tmp_path,
        '{id: "1", name: 办案量, points: 10, field: count, rule: {type: minmax}}',
        "unit,year,field,value\nA,2024,count,10\nB,2024,count,10\n",
    )
    assert res.warnings == [] and res.frame["s:1"].to_list() == [10, 10]  # all equal: full points, as documented


@pytest.mark.parametrize(
    "rule,values,expected",
    [
        ("{type: linear, floor: 0, target: 3}", ["1"], [3.33]),  # 10/3 rounded half up to 2 places
        ("{type: linear, floor: 0, target: 8}", ["1"], [1.25]),
        ("{type: linear, floor: 0, target: 400}", ["1"], [0.03]),  # 0.025 → 0.03 (half away from zero)
    ],
)
def test_rounding_half_up(tmp_path, rule, values, expected):
    assert run(tmp_path, rule, values, field="count") == expected


def test_every_rule_type_of_the_model_has_a_builder():
    """The engine builds each rule type from one table; a type the rubric model admits without
    a builder would load and then fail at scoring."""
    from typing import get_args

    from lawgov_score.engine.rules import RULES
    from lawgov_score.rubric.model import RULE_TYPES, Rule

    union = get_args(get_args(Rule)[0])  # Annotated[Union[...], Field] → the rule models
    admitted = {t for model in union for t in get_args(model.model_fields["type"].annotation)}
    assert admitted == set(RULE_TYPES) == set(RULES)
    assert all(callable(build) for build in RULES.values())
