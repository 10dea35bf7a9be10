"""Data treatment declared in a rubric: denominators, imputation, COINr's outlier rule.

The arithmetic is checked against statements written here (the peers' mean, the next value in,
the log of the original), on frames built in the test; the rubric path (YAML → score → records,
warnings, gaps) on a small rubric written in the test."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import lawgov_score as lg
from lawgov_score.data.treat import imputed_col, treat
from lawgov_score.rubric.treatment import FieldPlan

ROOT = Path(__file__).resolve().parent.parent


def _wide(values: dict[str, list], units=None, years=None, groups=None) -> pl.DataFrame:
    n = len(next(iter(values.values())))
    return pl.DataFrame(
        {
            "unit": units or [f"u{i:02d}" for i in range(n)],
            "year": years or [2024] * n,
            "group": groups or ["g"] * n,
            **values,
        },
        schema_overrides={k: pl.Float64 for k in values},
    )


# --- imputation -----------------------------------------------------------------------------------


def test_group_mean_takes_the_mean_of_the_same_year_and_group():
    wide = _wide({"x": [1.0, None, 3.0, 10.0, None]}, groups=["A", "A", "A", "B", "B"])
    out, said = treat(wide, {"x": FieldPlan("x", impute="group_mean", by="group")})
    assert out["x"].to_list() == [1.0, 2.0, 3.0, 10.0, 10.0]
    assert out[imputed_col("x")].to_list() == [False, True, False, False, True]
    assert [p.code for p in said] == ["W-TREAT-IMPUTED"]


def test_years_are_not_peers_of_each_other():
    wide = _wide({"x": [1.0, None, 100.0, 300.0]}, years=[2023, 2023, 2024, 2024], units=["a", "b", "a", "b"])
    out, _ = treat(wide, {"x": FieldPlan("x", impute="mean")})
    assert out["x"].to_list() == [1.0, 1.0, 100.0, 300.0]


def test_median():
    out, _ = treat(_wide({"x": [1.0, 2.0, 9.0, None]}), {"x": FieldPlan("x", impute="median")})
    assert out["x"][3] == 2.0


def test_a_group_with_one_unit_has_no_peer_and_is_said():
    wide = _wide({"x": [1.0, 3.0, None]}, groups=["A", "A", "B"])
    out, said = treat(wide, {"x": FieldPlan("x", impute="group_mean", by="group")})
    assert out["x"][2] is None and not out[imputed_col("x")][2]
    note = next(p for p in said if p.code == "W-TREAT-NOT-IMPUTED")
    assert "B" in note.message("en") and "x" in note.message("en")


def test_a_group_with_every_value_missing_stays_missing_and_is_said():
    wide = _wide({"x": [1.0, 3.0, None, None]}, groups=["A", "A", "B", "B"])
    out, said = treat(wide, {"x": FieldPlan("x", impute="group_mean", by="group")})
    assert out["x"].to_list()[2:] == [None, None]
    assert [p.code for p in said] == ["W-TREAT-NOT-IMPUTED"]
    assert "2 missing value(s) cannot be imputed" in said[0].message("en")


def test_a_unit_without_a_group_is_not_given_a_groups_mean():
    wide = _wide({"x": [1.0, 3.0, None]}, groups=["A", "A", None])
    out, said = treat(wide, {"x": FieldPlan("x", impute="group_mean", by="group")})
    assert out["x"][2] is None
    assert "without a group" in said[0].message("en")


def test_previous_year_takes_the_latest_earlier_value():
    wide = _wide(
        {"x": [5.0, None, None, None, 7.0]},
        units=["a", "a", "a", "b", "b"],
        years=[2021, 2022, 2023, 2021, 2022],
    )
    out, said = treat(wide, {"x": FieldPlan("x", impute="previous_year")})
    assert out["x"].to_list() == [5.0, 5.0, 5.0, None, 7.0]  # b 2021: no earlier year
    assert "without an earlier value" in next(p for p in said if p.code == "W-TREAT-NOT-IMPUTED").message("en")


def test_no_missing_value_no_imputation_no_words():
    out, said = treat(_wide({"x": [1.0, 2.0]}), {"x": FieldPlan("x", impute="mean")})
    assert out["x"].to_list() == [1.0, 2.0] and said == []


values = st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)), min_size=1, max_size=30)


@given(values, st.lists(st.sampled_from(["A", "B", "C"]), min_size=30, max_size=30))
def test_group_mean_is_the_mean_of_the_stated_peers_and_stated_values_never_change(xs, gs):
    groups = gs[: len(xs)]
    out, _ = treat(_wide({"x": xs}, groups=groups), {"x": FieldPlan("x", impute="group_mean", by="group")})
    for i, (x, g) in enumerate(zip(xs, groups)):
        if x is not None:
            assert out["x"][i] == x and not out[imputed_col("x")][i]
            continue
        peers = [v for v, h in zip(xs, groups) if h == g and v is not None]
        if peers:
            assert out["x"][i] == pytest.approx(sum(peers) / len(peers), rel=1e-9, abs=1e-6)
            assert out[imputed_col("x")][i]
        else:
            assert out["x"][i] is None and not out[imputed_col("x")][i]


@given(values)
def test_median_is_the_median_of_the_stated_values(xs):
    out, _ = treat(_wide({"x": xs}), {"x": FieldPlan("x", impute="median")})
    stated = sorted(v for v in xs if v is not None)
    for i, x in enumerate(xs):
        if x is not None:
            assert out["x"][i] == x
        elif stated:
            n = len(stated)
            med = stated[n // 2] if n % 2 else (stated[n // 2 - 1] + stated[n // 2]) / 2
            assert out["x"][i] == pytest.approx(med)


# --- denominators -----------------------------------------------------------------------------------


def test_per_population_with_a_scale_and_a_missing_or_zero_denominator():
    wide = _wide({"cases": [30.0, 10.0, 5.0, None], "pop": [300000.0, 0.0, None, 1000.0]})
    out, said = treat(wide, {"cases": FieldPlan("cases", per="pop", scale=10000)})
    assert out["cases"].to_list() == [1.0, None, None, None]  # never inf
    assert [p.code for p in said] == ["W-TREAT-DENOMINATOR"]
    assert "2 value(s) have no denominator" in said[0].message("en") and "× 10000" in said[0].message("en")


# --- outliers (COINr) -------------------------------------------------------------------------------


def test_one_outlier_is_winsorised_to_the_next_value():
    values = [float(i) for i in range(20)] + [1000.0]
    out, said = treat(_wide({"x": values}), {"x": FieldPlan("x", outliers="coinr")})
    assert out["x"].to_list() == [float(i) for i in range(20)] + [19.0]
    assert [p.code for p in said] == ["W-TREAT-OUTLIER"]
    assert "2024: 1 point(s) winsorised" in said[0].message("en")


def test_a_two_valued_column_or_a_yes_no_field_is_never_treated_for_outliers(tmp_path):
    """One 1 among twelve 0s passes COINr's limits (skew 3.46, kurtosis 12), but two values have
    no outlier: winsorising would turn the one county's 是 into 否 and take its points."""
    values = [1.0] + [0.0] * 11
    out, said = treat(_wide({"x": values}), {"x": FieldPlan("x", outliers="coinr")})
    assert out["x"].to_list() == values and said == []
    (tmp_path / "r.yaml").write_text(
        "id: o\nname: o\nfields:\n  - {id: flag, name: 某制度, type: bool}\n"
        "  - {id: lv, name: 等次, type: grade, levels: [优, 良, 中]}\ntreatment: {outliers: coinr}\nitems:\n"
        "  - {id: a, name: 甲, points: 10, field: flag, rule: {type: boolean}}\n"
        "  - {id: b, name: 乙, points: 10, field: lv, rule: {type: graded, levels: {优: 1, 良: 0.5, 中: 0}}}\n",
        encoding="utf-8",
    )
    rows = ["unit,year,field,value"] + [f"县{i:02d},2024,flag,{'是' if i == 0 else '否'}" for i in range(12)]
    rows += [f"县{i:02d},2024,lv,{'优' if i == 0 else '中' if i == 1 else '良'}" for i in range(12)]
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rubric = lg.load_rubric(tmp_path / "r.yaml")
    assert rubric.treatment == {}  # categories: the rubric's outlier rule does not reach them
    result = lg.score(rubric, lg.read_indicators([tmp_path / "d.csv"], rubric))
    first = result.items().filter(pl.col("unit") == "县00")  # 是 and 优, each the only one: full points
    assert first["score"].to_list() == [10.0, 10.0] and first["treated"].null_count() == 2
    assert not [w for w in result.warnings if w.code == "W-TREAT-OUTLIER"]


def test_a_column_that_still_fails_takes_the_log_of_the_original():
    values = [0.0] * 50 + [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]  # still skewed after 5 points
    out, said = treat(_wide({"x": values}), {"x": FieldPlan("x", outliers="coinr")})
    lo, hi = min(values), max(values)
    expected = [math.log(v - lo + 0.01 * (hi - lo)) for v in values]
    assert max(abs(a - b) for a, b in zip(out["x"].to_list(), expected)) < 1e-12
    assert "log" in said[0].message("en")


def test_winmax_limits_the_points():
    values = [float(i) for i in range(40)] + [200.0, 400.0, 800.0]
    out, said = treat(_wide({"x": values}), {"x": FieldPlan("x", outliers="coinr", winmax=1)})
    # one point is not enough: the column takes the log instead
    assert "log" in said[0].message("en")


def test_a_constant_column_or_too_few_values_is_left_alone_without_nan():
    for values in ([3.0] * 10, [1.0, 100.0, None], [None, None, None, None]):
        out, said = treat(_wide({"x": values}), {"x": FieldPlan("x", outliers="coinr")})
        assert out["x"].to_list() == values and said == []


def test_each_year_is_checked_on_its_own():
    skewed = [float(i) for i in range(20)] + [1000.0]
    flat = [float(i) for i in range(21)]
    wide = _wide({"x": skewed + flat}, units=[f"u{i}" for i in range(21)] * 2, years=[2023] * 21 + [2024] * 21)
    out, said = treat(wide, {"x": FieldPlan("x", outliers="coinr")})
    assert out["x"].to_list()[20] == 19.0 and out["x"].to_list()[21:] == flat
    assert "2023" in said[0].message("en") and "2024" not in said[0].message("en")


# --- through a rubric ---------------------------------------------------------------------------------

RUBRIC = """\
id: treated
name: treated
fields:
  - {id: cases, name: 案件数, type: count, per: pop, scale: 10000}
  - {id: pop, name: 人口, type: count}
  - {id: rate, name: 比率, type: percent}
treatment:
  impute: group_mean
  fields:
    rate: {impute: median}
items:
  - {id: a, name: 甲, points: 50, field: cases, rule: {type: minmax}}
  - {id: b, name: 乙, points: 50, field: rate, rule: {type: linear, floor: 0, target: 100}}
"""
DATA = """\
unit,year,group,cases,pop,rate
甲县,2024,A,30,300000,80
乙县,2024,A,,100000,
丙县,2024,A,10,100000,60
"""


@pytest.fixture
def files(tmp_path):
    (tmp_path / "r.yaml").write_text(RUBRIC, encoding="utf-8")
    (tmp_path / "d.csv").write_text(DATA, encoding="utf-8")
    return tmp_path / "r.yaml", tmp_path / "d.csv"


def test_rubric_treatment_scores_and_flags(files):
    rubric_path, data = files
    rubric = lg.load_rubric(rubric_path)
    assert rubric.treatment["cases"].impute == "group_mean" and rubric.treatment["rate"].impute == "median"
    result = lg.score(rubric, lg.read_indicators([data], rubric))
    items = result.items().filter(pl.col("unit") == "乙县").select("id", "value", "source", "status", "evidence")
    rows = {r["id"]: r for r in items.iter_rows(named=True)}
    assert rows["a"]["value"] == pytest.approx(1.0) and rows["a"]["source"] == "imputed"  # mean of 1 and 1 per 10,000
    assert rows["b"]["value"] == pytest.approx(70.0) and rows["b"]["source"] == "imputed"
    assert rows["a"]["status"] == "missing" and rows["a"]["evidence"] is None
    stated = result.items().filter((pl.col("unit") == "甲县") & (pl.col("id") == "a")).row(0, named=True)
    assert stated["source"] == "derived" and stated["derived_from"] == ["cases", "pop"]
    codes = [p.code for p in result.warnings]
    assert codes.count("W-TREAT-IMPUTED") == 2


def test_gaps_lists_an_imputed_value_as_missing_evidence(files):
    rubric_path, data = files
    from typer.testing import CliRunner

    from lawgov_score.cli import app

    out = CliRunner().invoke(app, ["gaps", str(data), "-r", str(rubric_path), "--unit", "乙县", "-f", "json"])
    assert out.exit_code == 0, out.output
    import json

    items = {i["id"]: i for i in json.loads(out.stdout)["items"]}
    assert {"a", "b"} <= set(items)
    out = CliRunner().invoke(app, ["score", str(data), "-r", str(rubric_path), "--unit", "乙县"])
    assert "（插补）" in out.stdout


def test_unknown_fields_in_the_treatment_are_rubric_errors(tmp_path):
    text = RUBRIC.replace("rate: {impute: median}", "rat: {impute: median}").replace("per: pop", "per: popp")
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    rubric, report = lg.read_rubric(tmp_path / "r.yaml") if hasattr(lg, "read_rubric") else (None, None)
    if report is None:
        from lawgov_score.rubric.load import read_rubric

        rubric, report = read_rubric(tmp_path / "r.yaml")
    assert rubric is None
    found = [(p.code, p.message("en")) for p in report.errors]
    assert any(c == "E-FIELD-UNKNOWN" and "'rat'" in m for c, m in found)
    assert any(c == "E-FIELD-UNKNOWN" and "'popp'" in m for c, m in found)


def test_a_wrong_method_is_a_rubric_error(tmp_path):
    (tmp_path / "r.yaml").write_text(RUBRIC.replace("impute: group_mean", "impute: knn"), encoding="utf-8")
    from lawgov_score.rubric.load import read_rubric

    rubric, report = read_rubric(tmp_path / "r.yaml")
    assert rubric is None and report.errors and "impute" in report.errors[0].message("en")


def test_without_treatment_nothing_changes(files, tmp_path):
    rubric_path, data = files
    plain = tmp_path / "plain.yaml"
    text = RUBRIC.split("treatment:")[0] + "items:" + RUBRIC.split("items:")[1]
    plain.write_text(text.replace(", per: pop, scale: 10000", ""), encoding="utf-8")
    rubric = lg.load_rubric(plain)
    result = lg.score(rubric, lg.read_indicators([data], rubric))
    row = result.items().filter((pl.col("unit") == "乙县") & (pl.col("id") == "a")).row(0, named=True)
    assert row["value"] is None and row["score"] == 0 and row["source"] == "absent"
    assert not [p for p in result.warnings if p.code.startswith("W-TREAT")]


def test_columns_name_the_files_own_headers(tmp_path):
    text = RUBRIC + textwrap.dedent("""\
        columns: {unit: code, year: Time, group: region, ignore: [uName]}
        """)
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "d.csv").write_text(
        "uName,code,Time,region,cases,pop,rate\nA,甲县,2024.0,A,30,300000,80\nB,乙县,2024.0,A,10,100000,\n",
        encoding="utf-8",
    )
    rubric = lg.load_rubric(tmp_path / "r.yaml")
    result = lg.score(rubric, lg.read_indicators([tmp_path / "d.csv"], rubric))
    assert sorted(result.frame["unit"].to_list()) == ["乙县", "甲县"]
    assert result.frame["group"].to_list() == ["A", "A"] and result.frame["year"].to_list() == [2024, 2024]


def test_topsis_ranks_every_unit_once_an_imputation_is_declared(tmp_path):
    """On the synthetic city, TOPSIS leaves units with a missing value unranked and says how to
    rank them; with `impute: group_mean` by city declared every unit-year is ranked."""
    data = ROOT / "samples" / "synthetic-city"
    plain = lg.rank_table([data], ROOT / "rubrics" / "shifan.yaml", method="topsis")
    incomplete = [p for p in plain.warnings if p.code == "W-METHOD-INCOMPLETE"]
    assert incomplete and "impute: group_mean" in incomplete[0].message("en")
    assert plain.table["rank"].null_count() > 0
    (tmp_path / "imputed.yaml").write_text(
        f"extends: {(ROOT / 'rubrics' / 'shifan.yaml').as_posix()}\nid: imputed\nname: 插补\n"
        "treatment: {impute: group_mean, by: city}\n",
        encoding="utf-8",
    )
    imputed = lg.rank_table([data], tmp_path / "imputed.yaml", method="topsis")
    assert imputed.table["rank"].null_count() == 0
    assert not [p for p in imputed.warnings if p.code == "W-METHOD-INCOMPLETE"]


def test_json_says_which_values_the_outlier_treatment_changed(tmp_path):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(
        "id: o\nname: o\nfields:\n  - {id: x, name: 数, type: number}\n"
        "treatment: {outliers: coinr}\n"
        "items:\n  - {id: a, name: 甲, points: 10, field: x, rule: {type: minmax}}\n",
        encoding="utf-8",
    )
    data = tmp_path / "d.csv"
    data.write_text("unit,year,x\n" + "".join(f"u{i:02d},2024,{v}\n" for i, v in enumerate([*range(20), 1000])))
    from typer.testing import CliRunner

    from lawgov_score.cli import app

    out = CliRunner().invoke(app, ["score", str(data), "-r", str(rubric), "-f", "json", "--lang", "en"])
    assert out.exit_code == 0, out.output
    import json

    rows = {r["unit"]: r for r in json.loads(out.stdout)}
    assert rows["u20"]["treated"] == "winsorised" and rows["u20"]["value"] == 19
    assert all(r["treated"] is None for u, r in rows.items() if u != "u20")
    assert "W-TREAT-OUTLIER" in out.stderr and "1 point(s) winsorised" in out.stderr


def test_a_leaf_declares_its_fields_treatment_and_two_leaves_may_not_disagree(files, tmp_path):
    rubric_path, data = files
    text = RUBRIC.replace(
        "rule: {type: linear, floor: 0, target: 100}}",
        "rule: {type: linear, floor: 0, target: 100}, treatment: {impute: none}}",
    )
    (tmp_path / "leaf.yaml").write_text(text, encoding="utf-8")
    rubric = lg.load_rubric(tmp_path / "leaf.yaml")
    assert (
        "rate" not in rubric.treatment and rubric.treatment["cases"].impute == "group_mean"
    )  # the leaf has the last word
    result = lg.score(rubric, lg.read_indicators([data], rubric))
    row = result.items().filter((pl.col("unit") == "乙县") & (pl.col("id") == "b")).row(0, named=True)
    assert row["value"] is None and row["source"] == "absent"
    twice = (
        text
        + "  - {id: c, name: 丙, points: 10, field: rate, rule: {type: threshold, target: 50}, "
        + ("treatment: {impute: mean}}\n")
    )
    (tmp_path / "twice.yaml").write_text(twice, encoding="utf-8")
    from lawgov_score.rubric.load import read_rubric

    bad, report = read_rubric(tmp_path / "twice.yaml")
    assert bad is None and [p.code for p in report.errors] == ["E-TREAT-CONFLICT"]
    assert "item c" in report.errors[0].message("en") and "item b" in report.errors[0].message("en")


def test_every_export_of_gaps_and_the_workbook_marks_an_imputed_value(files, tmp_path):
    """The printed 差距 and 得分明细 sheets tell an imputed value from a stated one (the mark is in
    the cell's number format, so the cell stays a number), and gaps' JSON and CSV say it too."""
    import json
    import warnings

    import openpyxl
    from typer.testing import CliRunner

    from lawgov_score.cli import app

    rubric_path, data = files
    run = CliRunner()
    base = ["gaps", str(data), "-r", str(rubric_path), "--unit", "乙县"]
    out = run.invoke(app, [*base, "-f", "json"])
    items = {i["id"]: i for i in json.loads(out.stdout)["items"]}
    assert items["b"]["source"] == "imputed" and items["b"]["value"] == pytest.approx(70.0)
    assert "70%（插补）" in run.invoke(app, [*base, "-f", "csv"]).stdout
    for lang, mark in (("zh", "（插补）"), ("en", " (imputed)")):
        book = tmp_path / f"g-{lang}.xlsx"
        assert (
            run.invoke(app, ["rank", str(data), "-r", str(rubric_path), "-o", str(book), "--lang", lang]).exit_code == 0
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(book)
        for sheet in wb.worksheets[1:]:  # 得分明细 and 差距 (排名 shows totals)
            rows = [[(c.value, c.number_format) for c in r] for r in sheet.iter_rows()]
            header = next(i for i, r in enumerate(rows) if any(v in ("现值", "数值", "value") for v, _ in r))
            col = next(j for j, (v, _) in enumerate(rows[header]) if v in ("现值", "数值", "value"))
            unit_col = next(j for j, (v, _) in enumerate(rows[header]) if v in ("单位", "unit"))
            cells = {
                (r[unit_col][0], round(r[col][0], 4)): r[col][1] for r in rows[header + 1 :] if r[col][0] is not None
            }
            assert cells[("乙县", 0.7)] == f'0.00%"{mark}"', sheet.title  # a number, marked
            assert cells[("乙县", 1.0)] == f'0"{mark}"', sheet.title
            stated = [fmt for (unit, _), fmt in cells.items() if unit != "乙县"]
            assert stated and not any(mark.strip() in fmt for fmt in stated), sheet.title


def test_rubric_check_warns_of_a_yes_no_or_graded_field_imputed_by_a_mean(tmp_path):
    """Imputing a yes/no or graded field by a mean or median gives a fraction it can never take:
    `rubric check` says so once per declaration (a leaf's own treatment at the leaf, the rubric's
    default naming every such field it reaches); previous_year and impute: none do not; the
    bundled rubrics are clean, and 示范 extended with the city mean for every field is not."""
    from typer.testing import CliRunner

    from lawgov_score.cli import app

    fields = (
        "fields:\n  - {id: done, name: 是否完成, type: bool}\n"
        "  - {id: tier, name: 测评等次, type: grade, levels: [优, 良, 差]}\n"
    )
    items = (
        "items:\n"
        "  - {id: a, name: 甲, points: 5, field: done, rule: {type: boolean}, evidence: 文件,"
        " treatment: {impute: mean}}\n"
        "  - {id: b, name: 乙, points: 5, field: tier, rule: {type: graded, levels: {优: 1, 良: 0.6, 差: 0}},"
        " evidence: 文件}\n"
    )
    run = CliRunner()
    for top, expected in (
        ("treatment: {impute: previous_year}\n", [("项目 a「甲」", "mean", "done")]),
        (
            "treatment: {impute: group_median}\n",
            [("项目 a「甲」", "mean", "done"), ("数据处理", "group_median", "tier")],
        ),
        ("treatment: {impute: median, fields: {tier: {impute: none}}}\n", [("项目 a「甲」", "mean", "done")]),
        ("treatment: {impute: previous_year}\n", []),
    ):
        (tmp_path / "r.yaml").write_text(f"id: r\nname: r\n{top}{fields}{items}", encoding="utf-8")
        if not expected:  # the leaf's own choice is none
            (tmp_path / "r.yaml").write_text(
                f"id: r\nname: r\n{top}{fields}{items.replace('{impute: mean}', '{impute: none}')}", encoding="utf-8"
            )
        out = run.invoke(app, ["rubric", "check", str(tmp_path / "r.yaml"), "--strict"])
        lines = [ln for ln in out.stderr.splitlines() + out.stdout.splitlines() if "W-TREAT-IMPUTE-FRACTION" in ln]
        assert len(lines) == len(expected), out.output
        for where, how, field in expected:
            assert any(where in ln and f"按 {how} 插补" in ln and field in ln and "impute: none" in ln for ln in lines)
        assert out.exit_code == (1 if expected else 0)
    bundled = run.invoke(
        app, ["rubric", "check", str(ROOT / "rubrics"), str(ROOT / "rubrics" / "examples"), "--strict"]
    )
    assert bundled.exit_code == 0 and "W-TREAT-IMPUTE-FRACTION" not in bundled.output
    (tmp_path / "imputed.yaml").write_text(
        f"extends: {(ROOT / 'rubrics' / 'shifan.yaml').as_posix()}\nid: imputed\nname: 插补\n"
        "treatment: {impute: group_mean, by: city}\n",
        encoding="utf-8",
    )
    out = run.invoke(app, ["rubric", "check", str(tmp_path / "imputed.yaml"), "--lang", "en"])
    [line] = [ln for ln in out.output.splitlines() if "W-TREAT-IMPUTE-FRACTION" in ln]
    assert "imputed.yaml:4:" in line and "by group_mean" in line and "legal_advisor" in line
