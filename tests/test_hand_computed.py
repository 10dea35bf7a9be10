"""A rubric with every rule type, scored by hand.

Five counties, values written the messy ways people type them (full-width digits and signs,
1.3万, thousands separators, √/×, 有/无, —, 未报送, blank cells). 丙县 and 丁县 state the same
values in different spellings, so they must tie. Every expected number below was worked out by
hand from docs/rubric-format.md, and the working is in the comments; none was copied from the
program's output.
"""

from __future__ import annotations

import csv
import io

import pytest
from helpers import write

import lawgov_score as lg

RUBRIC = """
id: hand
name: 手算细则
total: 100
decimals: 2
bonus_cap: 1.5
grades:
  - {name: 优秀, min_percent: 75}
  - {name: 良好, min_percent: 70}
  - {name: 合格, min_percent: 60}
  - {name: 不合格, min_percent: 0}
fields:
  - {id: study, name: 学法次数, unit: 次, type: count}
  - {id: online, name: 网上可办率, unit: "%", type: percent}
  - {id: flag, name: 法律顾问制度, type: bool}
  - {id: unfiled, name: 未备案件数, unit: 件, type: count}
  - {id: rate, name: 出庭应诉率, unit: "%", type: percent}
  - {id: received, name: 受理件数, unit: 件, type: count}
  - {id: closed, name: 审结件数, unit: 件, type: count}
  - {id: corrected, name: 纠错件数, unit: 件, type: count}
  - {id: corr_rate, name: 纠错率, unit: "%", type: percent, formula: corrected / closed * 100}
  - {id: grade, name: 满意度等次, type: grade, levels: [优, 良, 中, 差]}
  - {id: onsite, name: 实地评估得分, unit: 分, type: number}
  - {id: loss, name: 败诉率, unit: "%", type: percent}
  - {id: mediation, name: 调解件数, unit: 件, type: count}
  - {id: honours, name: 表彰数, unit: 项, type: count}
  - {id: illegal, name: 重大违法, type: bool}
items:
  - id: "1"
    name: 依法履职
    items:
      - {id: "1.1", name: 学法, points: 10, field: study, rule: {type: deduct, target: 4, each: 2.5}}
      - {id: "1.2", name: 网上可办, points: 10, field: online, rule: {type: linear, floor: 80, target: 100}}
      - {id: "1.3", name: 法律顾问, points: 5, field: flag, rule: {type: boolean}}
      - {id: "1.4", name: 未备案, field: unfiled, rule: {type: negative, each: 1, cap: 3}}
  - id: "2"
    name: 化解纠纷
    points: 20
    aggregate: weighted_mean
    items:
      - {id: "2.1", name: 出庭应诉, points: 10, weight: 2, field: rate, rule: {type: threshold, target: 100, partial: 4}}
      - id: "2.2"
        name: 纠错率
        points: 10
        field: corr_rate
        rule: {type: bands, direction: lower, bands: [{at: 5, points: 10}, {at: 15, points: 6}], else: 2}
      - id: "2.3"
        name: 办结率
        points: 5
        formula: min(100, closed / received * 100)
        unit: "%"
        rule: {type: deduct, target: 95, each: 0.5, steps: ceil, cap: 4}
  - id: "3"
    name: 评价
    items:
      - {id: "3.1", name: 满意度, points: 10, field: grade, rule: {type: graded, levels: {优: 1, 良: 0.8, 中: 0.5, 差: 0}}}
      - {id: "3.2", name: 实地评估, points: 25, field: onsite, rule: {type: direct}}
      - {id: "3.3", name: 败诉率, points: 5, field: loss, missing: full, rule: {type: deduct, target: 10, direction: lower, each: 0.5}}
  - id: "4"
    name: 比较
    items:
      - {id: "4.1", name: 调解, points: 6, field: mediation, rule: {type: ratio_to_best}}
      - {id: "4.2", name: 学法排名, points: 5, field: study, rule: {type: rank, by_rank: [5, 3, 1]}}
      - {id: "4.3", name: 网办比较, points: 4, field: online, rule: {type: minmax}}
  - id: "5"
    name: 加分与否决
    items:
      - {id: "5.1", name: 表彰, field: honours, rule: {type: bonus, each: 1, cap: 2}}
      - {id: "5.2", name: 重大违法, field: illegal, rule: {type: veto, when: true, cap_total: 65, cap_grade: 不合格}}
"""

#          甲县       乙县     丙县      丁县 (= 丙县)  戊县
VALUES = {
    "study": ["３", "4", "6", "6", "—"],
    "online": ["96.5%", "80%", "90%", "９０％", ""],
    "flag": ["有", "×", "√", "是", "否"],
    "unfiled": ["2", "0", "—", "", "5"],
    "rate": ["１００％", "95%", "98.5%", "98.5", "未报送"],
    "received": ["59", "20", "31", "31", "0"],
    "closed": ["48", "20", "30", "30", "0"],
    "corrected": ["10", "1", "3", "3", "0"],
    "grade": ["良", "优", "中", "中", "差"],
    "onsite": ["20.5", "25", "18", "18.0", "30"],
    "loss": ["", "12.4%", "10%", "10", "25%"],
    "mediation": ["1.3万", "5,000", "6500", "6,500", "0"],
    "honours": ["3", "1", "未报送", "—", "0"],
    "illegal": ["否", "是", "否", "无", "否"],
}
UNITS = ["甲县", "乙县", "丙县", "丁县", "戊县"]

# --- by hand, item by item (P = points) ----------------------------------------------------
#
# 1.1 deduct: P − min(P, 2.5 × (4 − v)) for v < 4
#     甲 3 → 10 − 2.5 = 7.5;  乙 4 → 10;  丙 丁 6 → 10;  戊 — missing → 0
# 1.2 linear 80 → 100: 10 × (v − 80) / 20
#     甲 96.5 → 10 × 16.5/20 = 8.25;  乙 80 → 0;  丙 丁 90 → 5;  戊 blank → 0
# 1.3 boolean: 甲 有 → 5;  乙 × → 0;  丙 √ → 5;  丁 是 → 5;  戊 否 → 0
# 1.4 negative: −min(3, 1 × v):  甲 2 → −2;  乙 0 → 0;  丙 —, 丁 blank → 0 (no effect);  戊 5 → −3
# 1 (sum, clamped to [0, 25]):
#     甲 7.5 + 8.25 + 5 − 2 = 18.75;  乙 10 + 0 + 0 + 0 = 10;  丙 丁 10 + 5 + 5 = 20;
#     戊 0 + 0 + 0 − 3 = −3 → 0
#
# 2.1 threshold ≥ 100, else 4:  甲 100 → 10;  乙 95 → 4;  丙 丁 98.5 → 4;  戊 未报送 → 0
# 2.2 纠错率 = corrected / closed × 100 (derived), bands ≤ 5 → 10, ≤ 15 → 6, else 2
#     甲 10/48 = 20.83% → 2;  乙 1/20 = 5% → 10;  丙 丁 3/30 = 10% → 6;  戊 0/0 → missing → 0
# 2.3 min(100, closed / received × 100), deduct to 95, 0.5 per point short (steps rounded up), cap 4
#     甲 48/59 = 81.36%: 13.64 short → 14 steps → 7 → capped 4 → 5 − 4 = 1
#     乙 20/20 = 100% → 5;  丙 丁 30/31 = 96.77% → 5;  戊 0/0 → missing → 0
# 2 (weighted mean, points 20, weights 2:1:1 over 2.1, 2.2, 2.3): 20 × Σ w·s/max / 4
#     甲 20 × (2 × 10/10 + 2/10 + 1/5) / 4 = 20 × 2.4/4 = 12
#     乙 20 × (2 × 4/10 + 10/10 + 5/5) / 4 = 20 × 2.8/4 = 14
#     丙 丁 20 × (2 × 4/10 + 6/10 + 5/5) / 4 = 20 × 2.4/4 = 12;  戊 0
#
# 3.1 graded 优 1, 良 0.8, 中 0.5, 差 0:  甲 8;  乙 10;  丙 丁 5;  戊 0
# 3.2 direct, clipped to [0, 25]:  甲 20.5;  乙 25;  丙 丁 18;  戊 30 → 25
# 3.3 deduct, lower, 0.5 per point above 10; missing: full
#     甲 blank → 5 (full, as declared);  乙 12.4 → 5 − 1.2 = 3.8;  丙 丁 10 → 5;  戊 25 → 7.5 → capped 5 → 0
# 3 (sum): 甲 8 + 20.5 + 5 = 33.5;  乙 10 + 25 + 3.8 = 38.8;  丙 丁 5 + 18 + 5 = 28;  戊 0 + 25 + 0 = 25
#
# 4.1 ratio to the best of the year (13000 = 1.3万):  6 × v / 13000
#     甲 6;  乙 6 × 5000/13000 = 2.3077 → 2.31;  丙 丁 6 × 6500/13000 = 3;  戊 0 → 0
# 4.2 rank by study, higher first, ties share the better rank: 丙 丁 6 → 1st, 乙 4 → 3rd, 甲 3 → 4th
#     → 丙 丁 5;  乙 1 (3rd);  甲 0 (beyond by_rank);  戊 missing → 0
# 4.3 minmax over online (80 … 96.5):  4 × (v − 80) / 16.5
#     甲 4;  乙 0;  丙 丁 4 × 10/16.5 = 2.4242 → 2.42;  戊 missing → 0
# 4 (sum): 甲 6 + 0 + 4 = 10;  乙 2.31 + 1 + 0 = 3.31;  丙 丁 3 + 5 + 2.42 = 10.42;  戊 0
#
# 5.1 bonus min(2, v):  甲 3 → 2;  乙 1 → 1;  丙 丁 戊 → 0
# 5.2 veto when 是: 乙 only
# 5 holds only bonus and veto items: worth 0, scores 0
#
# base = 1 + 2 + 3 + 4 + 5:
#     甲 18.75 + 12 + 33.5 + 10 = 74.25;  乙 10 + 14 + 38.8 + 3.31 = 66.11;
#     丙 丁 20 + 12 + 28 + 10.42 = 70.42;  戊 0 + 0 + 25 + 0 = 25
# bonus, capped at 1.5 in all:  甲 2 → 1.5;  乙 1
# total:  甲 75.75;  乙 67.11 → vetoed, capped at 65;  丙 丁 70.42;  戊 25   (maximum 100, so percent = total)
# grade (优秀 ≥ 75, 良好 ≥ 70, 合格 ≥ 60):
#     甲 优秀;  丙 丁 良好;  乙 65 → 合格, and the veto caps it at 不合格;  戊 不合格
# ranks by total (75.75, 70.42, 70.42, 65, 25 for 甲 丁 丙 乙 戊):
#     competition 1 2 2 4 5;  dense 1 2 2 3 4;  min 1 2 2 4 5;  max 1 3 3 4 5;  average 1 2.5 2.5 4 5

EXPECTED_ITEMS = {
    #         1.1  1.2   1.3 1.4  1      2.1 2.2 2.3 2   3.1 3.2   3.3  3     4.1   4.2 4.3   4      5.1 5.2 5
    "甲县": [7.5, 8.25, 5, -2, 18.75, 10, 2, 1, 12, 8, 20.5, 5, 33.5, 6, 0, 4, 10, 2, 0, 0],
    "乙县": [10, 0, 0, 0, 10, 4, 10, 5, 14, 10, 25, 3.8, 38.8, 2.31, 1, 0, 3.31, 1, 0, 0],
    "丙县": [10, 5, 5, 0, 20, 4, 6, 5, 12, 5, 18, 5, 28, 3, 5, 2.42, 10.42, 0, 0, 0],
    "丁县": [10, 5, 5, 0, 20, 4, 6, 5, 12, 5, 18, 5, 28, 3, 5, 2.42, 10.42, 0, 0, 0],
    "戊县": [0, 0, 0, -3, 0, 0, 0, 0, 0, 0, 25, 0, 25, 0, 0, 0, 0, 0, 0, 0],
}
ORDER = [
    "1.1",
    "1.2",
    "1.3",
    "1.4",
    "1",
    "2.1",
    "2.2",
    "2.3",
    "2",
    "3.1",
    "3.2",
    "3.3",
    "3",
    "4.1",
    "4.2",
    "4.3",
    "4",
    "5.1",
    "5.2",
    "5",
]
EXPECTED_TOTALS = {  # base, bonus, total, percent, grade, vetoed
    "甲县": (74.25, 1.5, 75.75, 75.75, "优秀", False),
    "乙县": (66.11, 1.0, 65.0, 65.0, "不合格", True),
    "丙县": (70.42, 0.0, 70.42, 70.42, "良好", False),
    "丁县": (70.42, 0.0, 70.42, 70.42, "良好", False),
    "戊县": (25.0, 0.0, 25.0, 25.0, "不合格", False),
}
EXPECTED_RANKS = {  # 甲 丁 丙 乙 戊
    "competition": [1, 2, 2, 4, 5],
    "dense": [1, 2, 2, 3, 4],
    "min": [1, 2, 2, 4, 5],
    "max": [1, 3, 3, 4, 5],
    "average": [1, 2.5, 2.5, 4, 5],
}


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hand")
    rubric = lg.load_rubric(write(tmp, "hand.yaml", RUBRIC))
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["unit", "year", "field", "value"])
    for field, values in VALUES.items():
        for unit, value in zip(UNITS, values):
            out.writerow([unit, 2024, field, value])
    data = write(tmp, "hand.csv", buf.getvalue())
    return lg.score(rubric, lg.read_indicators([data], rubric))


def test_every_item_and_parent_as_computed_by_hand(result):
    got = {(r["unit"], r["id"]): r["score"] for r in result.items().iter_rows(named=True)}
    for unit, scores in EXPECTED_ITEMS.items():
        for item, want in zip(ORDER, scores):
            assert got[(unit, item)] == pytest.approx(want, abs=1e-9), (unit, item, got[(unit, item)], want)


def test_base_bonus_total_percent_grade_and_veto_as_computed_by_hand(result):
    for r in result.totals().iter_rows(named=True):
        base = result.frame.filter(result.frame["unit"] == r["unit"])["base"].item()
        got = (base, r["bonus"], r["total"], r["percent"], r["grade"], r["vetoed"])
        assert got[:4] == pytest.approx(EXPECTED_TOTALS[r["unit"]][:4], abs=1e-9), r["unit"]
        assert got[4:] == EXPECTED_TOTALS[r["unit"]][4:], r["unit"]


@pytest.mark.parametrize("ties", sorted(EXPECTED_RANKS))
def test_ranks_with_every_tie_rule_as_computed_by_hand(result, ties):
    table = lg.rank(result, ties=ties)
    # a tie is listed by unit name in code point order: 丁 (U+4E01) before 丙 (U+4E19)
    assert table["unit"].to_list() == ["甲县", "丁县", "丙县", "乙县", "戊县"]
    assert table["rank"].to_list() == EXPECTED_RANKS[ties]


def test_values_statuses_and_where_they_come_from(result):
    rows = {(r["unit"], r["id"]): r for r in result.items().iter_rows(named=True)}
    # 甲县's blank 败诉率 scores full, as the rubric declares, but it is still missing evidence
    assert (rows[("甲县", "3.3")]["score"], rows[("甲县", "3.3")]["status"], rows[("甲县", "3.3")]["source"]) == (
        5,
        "missing",
        "absent",
    )
    # derived: 纠错率 from the two counts; the item formula from its two
    assert rows[("甲县", "2.2")]["value"] == pytest.approx(1000 / 48) and rows[("甲县", "2.2")]["source"] == "derived"
    assert rows[("甲县", "2.3")]["derived_from"] == ["closed", "received"]
    # 0 / 0 is no value, so nothing is earned and nothing is met
    assert (rows[("戊县", "2.3")]["value"], rows[("戊县", "2.3")]["status"]) == (None, "missing")
    assert rows[("乙县", "5.2")]["status"] == "vetoed"
    # the messy spellings read as the same numbers
    for item in ORDER:
        assert rows[("丙县", item)]["value"] == rows[("丁县", item)]["value"], item
    assert rows[("甲县", "4.1")]["value"] == 13000 and rows[("乙县", "4.1")]["value"] == 5000
