"""Every point earned: a value nobody stated never scores, each item value says where it comes
from, and the API gives what the command line prints."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from helpers import data, write
from reference import round_half_up
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app

ROOT = Path(__file__).resolve().parent.parent
SHIFAN = ROOT / "rubrics" / "shifan.yaml"
CITY = ROOT / "samples" / "synthetic-city"
runner = CliRunner()


def test_a_blank_template_ranks_at_zero(tmp_path):
    book = tmp_path / "t.xlsx"
    made = runner.invoke(app, ["template", "-u", "甲县", "-y", "2024", "-o", str(book)])
    assert made.exit_code == 0, made.output
    ranked = runner.invoke(app, ["rank", str(book), "-f", "json"])
    assert ranked.exit_code == 0, ranked.output
    [row] = json.loads(ranked.stdout)
    assert (row["unit"], row["total"], row["percent"]) == ("甲县", 0.0, 0.0)
    scored = json.loads(runner.invoke(app, ["score", str(book), "-f", "json"]).stdout)
    leaves = [r for r in scored if r["source"] is not None]
    assert leaves and {r["source"] for r in leaves} == {"absent"} and {r["status"] for r in leaves} == {"missing"}


def test_a_file_stating_one_field_earns_only_the_items_that_read_it(tmp_path):
    rub = lg.load_rubric(SHIFAN)
    readers = {it.id for it in rub.leaves() if it.field == "permit_items"}
    assert readers == {"1.2.1"}
    res = lg.score(rub, lg.read_indicators([data(tmp_path, [("甲县", 2024, "permit_items", 247)])], rub))
    items = res.items().filter(pl.col("role") == "score")
    earning = items.filter(pl.col("score") > 0)
    assert set(earning["id"]) == readers
    assert set(items.filter(pl.col("status") == "met")["id"]) == readers
    # the total is what the assessment parts make of 1.2.1 alone: in each part that checks it, its
    # points over the points that part checks, times the part's share of the total (docs/weighting.md)
    expected = 0.0
    for part in rub.parts:
        checked = [it for it in rub.leaves() if part.id in (it.assessed_by or [])]
        if any(it.id in readers for it in checked):
            share = sum(rub.items[i].max for i in readers) / sum(it.max for it in checked)
            expected += share * part.weight / 100 * rub.total
    assert res.totals()["total"].item() == pytest.approx(expected, abs=0.01) and expected > 0
    # 2.1.1 审核率 and 6.1.2 办结率 (min(100, … / … * 100)) stay missing: nobody stated their counts
    rows = {r["id"]: r for r in items.iter_rows(named=True)}
    for i in ("2.1.1", "2.2.1", "6.1.2"):
        r = rows[i]
        assert (r["value"], r["source"], r["status"], r["score"]) == (None, "absent", "missing", 0.0)


def test_derived_values_name_their_inputs_and_carry_their_evidence():
    rub = lg.load_rubric(SHIFAN)
    res = lg.score(rub, lg.read_indicators([ROOT / "samples" / "hangjin-2024.csv"], rub))
    rows = {r["id"]: r for r in res.items().iter_rows(named=True)}
    rate = rows["6.1.3"]  # 纠错率, the dictionary's formula: 10 / 48
    assert rate["source"] == "derived"
    assert rate["derived_from"] == ["reconsideration_corrected", "reconsideration_closed"]
    assert rate["value"] == pytest.approx(1000 / 48) and rate["evidence"] == "其中纠错10起；审结48起"
    closing = rows["6.1.2"]  # the item's own formula
    assert closing["source"] == "derived"
    assert closing["derived_from"] == ["reconsideration_closed", "reconsideration_received"]
    stated = rows["1.1.1"]
    assert (
        stated["source"] == "stated"
        and stated["derived_from"] is None
        and stated["evidence"] == "承诺时限压缩比率78.98%"
    )


FIELDS = """
fields:
  - {id: a, name: 甲, unit: 件, type: count}
  - {id: b, name: 乙, unit: 件, type: count}
  - {id: r, name: 比率, unit: "%", type: percent, formula: "coalesce(a / b * 100, 0)"}
"""


def test_a_fallback_to_a_number_is_imputed_and_never_met(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS)
    rubric = write(
        tmp_path,
        "rubric.yaml",
        """
    id: t
    name: 测试
    fields: [fields.yaml]
    items:
      - {id: "1", name: 比率, points: 10, field: r, rule: {type: threshold, target: 0, direction: higher}}
      - {id: "2", name: 甲或乙, points: 10, formula: "coalesce(a, b)", rule: {type: threshold, target: 1}}
    """,
    )
    rub = lg.load_rubric(rubric)
    res = lg.score(
        rub,
        lg.read_indicators(
            [
                data(
                    tmp_path,
                    [("甲县", 2024, "a", 3), ("乙县", 2024, "b", 4), ("丙县", 2024, "a", 1), ("丙县", 2024, "r", 50)],
                )
            ],
            rub,
        ),
    )
    got = {
        (r["unit"], r["id"]): (r["source"], r["derived_from"], r["score"], r["status"])
        for r in res.items().iter_rows(named=True)
    }
    # 甲县: a / b is missing (no b), so the rate falls back to 0: scored as the rubric says, flagged
    assert got[("甲县", "1")] == ("imputed", [], 10.0, "missing")
    assert got[("甲县", "2")] == ("derived", ["a"], 10.0, "met")
    assert got[("乙县", "2")] == ("derived", ["b"], 10.0, "met")  # coalesce took b: derived from b alone
    assert got[("丙县", "1")] == ("stated", None, 10.0, "met")


def _cli_json(*args) -> list[dict]:
    r = runner.invoke(app, ["score", *map(str, args), "-f", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


@pytest.mark.parametrize("data_path", [None, CITY])
def test_score_json_and_the_api_give_the_same_records(data_path):
    rub = lg.load_rubric(SHIFAN)
    paths = [data_path] if data_path else [ROOT / "samples"]
    result = lg.score(rub, lg.read_indicators(paths, rub))
    cli = _cli_json(*([data_path] if data_path else []))
    assert lg.score_records(result) == cli
    # and each record is items() as documented: words for yes/no and grades, numbers rounded
    items = result.items()
    assert len(cli) == items.height
    for rec, it in zip(cli, items.iter_rows(named=True)):
        assert (rec["unit"], rec["year"], rec["id"], rec["score"], rec["status"], rec["source"]) == (
            it["unit"],
            it["year"],
            it["id"],
            it["score"],
            it["status"],
            it["source"],
        )
        ftype = rub.fields[it["field"]].type if it["field"] else None
        if it["value"] is None:
            assert rec["value"] is None
        elif ftype == "bool":
            assert rec["value"] == ("是" if it["value"] >= 0.5 else "否")
        elif ftype == "grade":
            assert rec["value"] == rub.fields[it["field"]].levels[int(it["value"])]
        else:
            assert rec["value"] == round_half_up(it["value"], rub.decimals)


def test_derived_values_are_shown_rounded_with_their_unit():
    """乐平市 2024: 办结 99 of 受理 103 is 96.1165…%, shown as 96.12% beside the target of 95%."""
    table = runner.invoke(app, ["score", "-u", "乐平市", "--status", "met"])
    assert table.exit_code == 0
    line = next(ln for ln in table.stdout.splitlines() if "6.1.2" in ln)
    assert "96.12%" in line and "95%" in line and "96.1165" not in table.stdout
    [rec] = [r for r in _cli_json("-u", "乐平市") if r["id"] == "6.1.2"]
    assert (rec["value"], rec["value_unit"], rec["target"], rec["source"]) == (96.12, "%", 95.0, "derived")
    csv = runner.invoke(app, ["score", "-u", "乐平市", "-f", "csv"]).stdout
    assert "96.12%" in csv and "96.1165" not in csv


@pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")  # openpyxl and Excel's data bars
def test_derived_values_rounded_in_the_workbook_and_the_report(tmp_path):
    import openpyxl

    book = tmp_path / "score.xlsx"
    assert runner.invoke(app, ["score", "-u", "杭锦旗", "-o", str(book)]).exit_code == 0
    ws = openpyxl.load_workbook(book)["得分明细"]
    value = [c.value for c in ws[3]].index("数值")
    row = next(r for r in ws.iter_rows() if r[2].value == "6.1.2")  # 审结 48 of 受理 59: 81.3559…%
    assert (row[value].value, row[value].number_format) == (pytest.approx(0.8136), "0.00%")
    page = tmp_path / "report.html"
    assert runner.invoke(app, ["report", "-o", str(page), "--top", "0"]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "81.36%" in html and "81.3559" not in html
