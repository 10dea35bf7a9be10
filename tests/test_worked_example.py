"""docs/worked-example.md scores 杭锦旗 2024 by hand; the tool must agree with every number."""

import pytest
from conftest import ROOT
from reference import round_half_up

import lawgov_score as lg


@pytest.fixture(scope="module")
def hangjin():
    rubric = lg.load_rubric(ROOT / "rubrics" / "shifan.yaml")
    res = lg.score(
        rubric, lg.read_indicators([ROOT / "samples" / "hangjin-2024.csv", ROOT / "samples" / "units.csv"], rubric)
    )
    return {r["id"]: r["score"] for r in res.items().iter_rows(named=True)}


def test_items_scored_by_hand(hangjin):
    closed, received, corrected, litigation = 48, 59, 10, 18
    by_hand = {
        "6.1.1": 8,
        "6.1.2": round_half_up((closed / received * 100 - 70) / (95 - 70) * 10, 2),
        "6.1.3": round_half_up((corrected / closed * 100 - 30) / (5 - 30) * 12, 2),
        "6.1.4": 10,
        "6.1.5": 5 if received / (received + litigation) * 100 >= 60 else None,
        "8.1.2": round_half_up((88.18 - 50) / (90 - 50) * 8, 2),
        "9.2.1": 8 - (4 - 2) * 2,
    }
    assert by_hand == {"6.1.1": 8, "6.1.2": 4.54, "6.1.3": 4.4, "6.1.4": 10, "6.1.5": 5, "8.1.2": 7.64, "9.2.1": 4}
    for item, score in by_hand.items():
        assert hangjin[item] == score, item


def test_roll_up_by_hand(hangjin):
    assert hangjin["6.1"] == round_half_up(8 + 4.54 + 4.40 + 10 + 5, 2) == 31.94
    assert hangjin["6"] == round_half_up(31.94 + hangjin["6.2"] + hangjin["6.3"] + hangjin["6.4"], 2) == 64.94
    assert (hangjin["6.2"], hangjin["6.3"], hangjin["6.4"]) == (15, 18, 0)


def test_three_part_scores_by_hand():
    rubric = lg.load_rubric(ROOT / "rubrics" / "shifan.yaml")
    res = lg.score(
        rubric, lg.read_indicators([ROOT / "samples" / "hangjin-2024.csv", ROOT / "samples" / "units.csv"], rubric)
    )
    row = res.frame.row(0, named=True)
    written = round_half_up(293.58 / 940 * 600, 2)
    on_site = round_half_up((8 + 10 + 8 + 14 + 7) / 113 * 250, 2)
    assert (written, on_site) == (187.39, 103.98)
    assert (row["p:材料"], row["p:实地"], row["p:满意度"]) == (written, on_site, 0)
    assert row["total"] == round_half_up(written + on_site, 2) == 291.37
