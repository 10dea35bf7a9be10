"""gaps, whatif, benchmark, trend and sensitivity on the bundled samples, through the CLI and the API."""

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app

ROOT = Path(__file__).resolve().parent.parent
CITY = str(ROOT / "samples" / "synthetic-city")
SHIFAN = str(ROOT / "rubrics" / "shifan.yaml")
KAOHE = str(ROOT / "rubrics" / "kaohe.yaml")
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def city():
    rub = lg.load_rubric(SHIFAN)
    return lg.score(rub, lg.read_indicators([CITY], rub))


# --- gaps ---------------------------------------------------------------------------------------------


def test_gaps_splits_points_lost_by_cause(city):
    for unit in ["合成甲县", "合成丙县", "合成辛市"]:
        g = lg.gaps(city, unit)
        s = g.summary()
        assert s["lost"] == pytest.approx(s["lost_missing"] + s["lost_alone"] + s["lost_short"] + s["lost_deducted"])
        # shifan adds up (no deductions, no bonus): the points lost, in points of the total (each
        # item's loss weighed by the parts that check it), are what the total lacks, up to the
        # rounding of each item's share and of the three part scores
        assert s["lost"] == pytest.approx(g.max - g.total, abs=0.005 * (g.items.height + 3))
        missing = g.items.filter(pl.col("cause") == "missing")
        assert missing["value"].is_null().all() and missing.height > 0
        assert g.items.filter(pl.col("cause") == "short")["value"].is_not_null().all()
        assert (g.items["lost_total"].diff().drop_nulls() <= 0).all()  # largest loss (in the total) first


def test_needed_is_the_value_for_full_points(city):
    g = lg.gaps(city, "合成甲县", 2024, path=None)
    items = {r["id"]: r for r in g.items.iter_rows(named=True)}
    rub = city.rubric
    for iid, r in items.items():
        rule = rub.items[iid].rule
        if rule.type in ("linear", "threshold", "deduct"):
            assert r["needed"] == rule.target
        elif rule.type == "boolean":
            assert r["needed"] == (1.0 if rule.expect else 0.0)
    # 1.1.1 is min-max within the city: full points at the best of the other units
    frame = city.frame.filter((pl.col("year") == 2024) & (pl.col("unit") != "合成甲县"))
    from lawgov_score.analysis.gaps import item_needs

    n = item_needs(city, "合成甲县", 2024).filter(pl.col("id") == "1.1.1")["needed"].item()
    assert n == frame["v:1.1.1"].max()
    # and reaching it gives full points
    w = lg.whatif(city, "合成甲县", {"time_limit_compression_rate": n}, 2024)
    assert w.result.frame.filter(pl.col("unit") == "合成甲县")["s:1.1.1"].item() == 10


@pytest.mark.slow  # among the slowest (measured with --durations)
@pytest.mark.parametrize("strategy", ["fewest", "effort"])
def test_every_path_in_the_city_reaches_its_grade(city, strategy):
    names = city.rubric.grade_names()
    seen = 0
    for r in city.frame.filter(pl.col("year") >= 2023).select("unit", "year").iter_rows(named=True):
        g = lg.gaps(city, r["unit"], r["year"], path=strategy)
        if g.path is None:
            continue
        assert g.path.reachable
        w = lg.whatif(city, r["unit"], g.path.settings(), r["year"])
        assert names.index(w.after["grade"]) <= names.index(g.next_grade)
        seen += 1
    assert seen >= 20


@pytest.mark.slow  # among the slowest (measured with --durations)
def test_fewest_path_has_the_fewest_steps(city):
    """In an additive rubric the k−1 largest single gains cannot close the gap."""
    for r in city.frame.filter(pl.col("year") == 2022).select("unit", "year").iter_rows(named=True):
        g = lg.gaps(city, r["unit"], r["year"])
        if g.path is None:
            continue
        gains = sorted(g.items.filter(pl.col("settable"))["lost"].to_list(), reverse=True)
        k = g.path.steps.height
        assert sum(gains[: k - 1]) < g.points_to_next


def test_gaps_path_applied_by_hand_through_the_cli(tmp_path):
    """The steps as the JSON output gives them, typed back into whatif --set, reach the grade."""
    out = run("gaps", "-u", "合成丁区", CITY, "--year", "2024", "-f", "json")
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert doc["summary"]["next_grade"] == "良好水平（自评）"
    sets = []
    for step in doc["path"]:
        sets += ["--set", f"{step['name']}={step['text']}"]  # by 中文名, as typed
    w = run("whatif", "-u", "合成丁区", CITY, "--year", "2024", *sets, "-f", "json")
    assert w.exit_code == 0, w.output
    assert json.loads(w.stdout)["summary"]["after"]["grade"] in ("良好水平（自评）", "示范水平（自评）")


def test_gaps_table_and_markdown_and_csv():
    out = run("gaps", "-u", "乃东", "--top", "3")
    assert out.exit_code == 0, out.output
    assert "距“合格水平（自评）”还差 399.88 分" in out.stdout
    # 乃东区 is the only unit of 山南市: 1.1.1, 6.4.1 and 10.1.4 compare within the city, so no points
    # (25 item points, checked by the written review alone: 25 × 600 / 940 of the total)
    assert "无可比单位 15.96" in out.stdout
    assert (
        out.stderr.count("W-ALONE") == 1
        and "乃东区 2022（山南市仅此一家有数据，项目 1.1.1、6.4.1、10.1.4）" in out.stderr
    )
    items = json.loads(run("gaps", "-u", "乃东", "-f", "json", "--path", "none").stdout)["items"]
    assert {x["id"]: x["lost"] for x in items if x["cause"] == "alone"} == {"1.1.1": 10, "6.4.1": 8, "10.1.4": 7}
    table = run("gaps", "-u", "乃东", "--path", "none").stdout
    alone = [line.split()[0] for line in table.splitlines() if "无可比单位" in line and line[0].isdigit()]
    assert alone == ["1.1.1", "6.4.1", "10.1.4"]
    assert "最短路径（改动项目最少）" in out.stdout and "已重新计分核实" in out.stdout
    assert "缺数据（须补佐证）" in out.stdout
    md = run("gaps", "-u", "乃东", "-f", "markdown", "--path", "effort")
    assert md.exit_code == 0 and "相对改进最小" in md.stdout and "| 编号" in md.stdout
    csv = run("gaps", "-u", "乃东", "-f", "csv", "--path", "none")
    assert csv.exit_code == 0 and csv.stdout.splitlines()[0].startswith("单位,年度,编号,折合总分,项目,失分")
    steps = run("gaps", "-u", "乃东", "-f", "csv", "--steps")
    assert steps.exit_code == 0 and steps.stdout.splitlines()[0].startswith("单位,年度,步骤,涉及项目,指标")


def test_gaps_veto_is_a_cause_and_is_cleared_first():
    rub = lg.load_rubric(KAOHE)
    res = lg.score(rub, lg.read_indicators([CITY], rub))
    vetoed = res.frame.filter(pl.col("vetoed")).select("unit", "year").row(0, named=True)
    g = lg.gaps(res, vetoed["unit"], vetoed["year"])
    assert "vetoed" in g.items["cause"].to_list()
    if g.path is not None and g.path.reachable:
        veto_fields = {rub.items[i].field for i in g.items.filter(pl.col("cause") == "vetoed")["id"]}
        w = lg.whatif(res, vetoed["unit"], g.path.settings(), vetoed["year"])
        assert not w.after["vetoed"] or not veto_fields & set(g.path.settings())


# --- whatif -----------------------------------------------------------------------------------------------


def test_whatif_by_chinese_name_and_as_typed(city):
    w = lg.whatif(
        city, "合成甲县", {"重大行政决策法定程序落实": "是", "audit_supervision": "有", "调解成功率": "98.5%"}
    )
    # the three items are checked by the written review alone: 600 of the total over its 940 item points
    assert w.after["total"] == pytest.approx(w.before["total"] + (15 + 13 + 0.06) * 600 / 940, abs=0.011)
    assert set(w.changes["field"]) == {"major_decision_procedure", "audit_supervision", "mediation_success_rate"}
    assert w.after["rank"] <= w.before["rank"]  # 合成甲县 gains 17.6 of the total, still last of 12


def test_whatif_empty_value_makes_it_missing(city):
    w = lg.whatif(city, "合成甲县", {"law_lectures": ""})
    row = w.changes.row(0, named=True)
    assert row["before"] is not None and row["after"] is None
    assert w.after["total"] < w.before["total"]


def test_whatif_cli_and_its_errors(tmp_path):
    out = run("whatif", "-u", "合成甲县", CITY, "--set", "重大行政决策法定程序落实=是")
    assert out.exit_code == 0, out.output
    assert "总分 711.38 → 720.96（+9.58）" in out.stdout
    target = tmp_path / "w.csv"
    bad = run("whatif", "-u", "合成甲县", CITY, "--set", "出庭应诉率=很高", "-o", target)
    assert bad.exit_code == 2
    assert "E-DATA-NUMBER" in bad.output and "“很高”不是数值" in bad.output
    assert "Traceback" not in bad.output and not target.exists()
    bad = run("whatif", "-u", "合成甲县", CITY, "--set", "出庭应诉率")
    assert bad.exit_code == 2 and "E-SET" in bad.output
    bad = run("whatif", "-u", "合成甲县", CITY, "--set", "出庭率=100%")
    assert bad.exit_code == 2 and "E-DATA-FIELD" in bad.output
    bad = run("whatif", "-u", "没有这个县", CITY, "--set", "出庭应诉率=100%")
    assert bad.exit_code == 2 and "数据中没有单位" in bad.output


def test_whatif_says_whether_a_veto_is_triggered_kept_or_lifted():
    rub = lg.load_rubric(KAOHE)
    res = lg.score(rub, lg.read_indicators([CITY], rub))
    vetoed, year = res.frame.filter(pl.col("vetoed")).select("unit", "year").row(0)
    clean = res.frame.filter(~pl.col("vetoed") & (pl.col("year") == year))["unit"][0]
    veto_fields = [it.field for it in rub.leaves() if it.role == "veto"]
    for unit, value, zh, en in [
        (clean, "是", "触发一票否决", "now vetoed"),
        (vetoed, "否", "解除一票否决", "no longer vetoed"),
    ]:
        sets = [a for f in veto_fields for a in ("--set", f"{f}={value}")]
        args = ["whatif", "-u", unit, CITY, "-r", KAOHE, "-y", year, *sets]
        out = run(*args)
        assert out.exit_code == 0, out.output
        assert zh in out.stdout and "仍被一票否决" not in out.stdout
        assert en in run(*args, "--lang", "en").stdout
    kept = run("whatif", "-u", vetoed, CITY, "-r", KAOHE, "-y", year, "--set", "出庭应诉率=100%")
    assert kept.exit_code == 0 and "仍被一票否决" in kept.stdout and "触发" not in kept.stdout
    untouched = run("whatif", "-u", clean, CITY, "-r", KAOHE, "-y", year, "--set", "出庭应诉率=100%")
    assert untouched.exit_code == 0 and "一票否决" not in untouched.stdout


# --- benchmark ---------------------------------------------------------------------------------------------


def test_benchmark_references(city):
    best = lg.benchmark(city, "合成甲县", "best")
    top = lg.rank(city).filter((pl.col("year") == 2024) & (pl.col("rank") == 1))
    assert best.ref_total == top["total"].item() and best.peers == 12
    med = lg.benchmark(city, "合成甲县", "median")
    others = city.frame.filter((pl.col("year") == 2024) & (pl.col("unit") != "合成甲县"))
    assert med.ref_total == pytest.approx(others["total"].median()) and med.peers == 11
    assert med.items.filter(pl.col("id") == "1")["ref"].item() == pytest.approx(others["s:1"].median())
    peer = lg.benchmark(city, "合成甲县", "己县")  # a unique part of a name
    assert peer.kind == "unit" and peer.against == "合成己县"
    group = lg.benchmark(city, "合成甲县", "合成市")
    assert group.kind == "group" and group.ref_total == med.ref_total
    with pytest.raises(LookupError):
        lg.benchmark(city, "合成甲县", "某某市")


def test_benchmark_cli():
    out = run("benchmark", "-u", "合成甲县", CITY, "-d", "1")
    assert out.exit_code == 0, out.output
    assert "对标：12 个单位各项最优" in out.stdout and "最优单位" in out.stdout
    js = run("benchmark", "-u", "合成甲县", CITY, "--against", "合成甲县", "-f", "json")
    doc = json.loads(js.stdout)
    assert doc["summary"]["diff"] == 0 and all(r["diff"] == 0 for r in doc["items"])
    bad = run("benchmark", "-u", "合成甲县", CITY, "--against", "某某市")
    assert bad.exit_code == 2 and "既不是 best" in bad.output


# --- trend -------------------------------------------------------------------------------------------------


def test_trend_matches_the_ranking(city):
    tr = lg.trend(city)
    assert (tr.year_from, tr.year_to) == (2023, 2024)
    ranks = lg.rank(city)
    a = ranks.filter(pl.col("year") == 2023).select("unit", pl.col("total").alias("a"), pl.col("rank").alias("ra"))
    b = ranks.filter(pl.col("year") == 2024).select("unit", pl.col("total").alias("b"), pl.col("rank").alias("rb"))
    t = tr.units.join(a, on="unit").join(b, on="unit")
    assert t.height == 12
    assert ((t["change"] - (t["b"] - t["a"])).abs() < 1e-9).all()
    assert (t["rank_change"] == t["ra"] - t["rb"]).all()
    detail = lg.trend(city, 2022, 2024, unit="合成甲县")
    new = detail.items.filter(pl.col("new_gap"))
    assert (new["status_from"] == "met").all() and (new["status_to"] != "met").all()
    row = detail.units.filter(pl.col("unit") == "合成甲县").row(0, named=True)
    assert row["new_gaps"] == new.height
    assert row["improved"] == detail.items.filter(pl.col("change") > 0).height


def test_trend_cli():
    out = run("trend", CITY)
    assert out.exit_code == 0, out.output
    assert "2023 → 2024 年：12 个单位" in out.stdout and "新增失分项" in out.stdout
    out = run("trend", CITY, "-u", "合成甲县", "--from", "2022", "-f", "csv")
    assert out.exit_code == 0 and out.stdout.startswith("编号,项目,满分,2022得分,2024得分")
    bad = run("trend")  # the five real reports are of different units
    assert bad.exit_code == 2 and "没有共同的单位" in bad.output


# --- sensitivity --------------------------------------------------------------------------------------------


def test_sensitivity_cli_is_reproducible(tmp_path):
    args = ["sensitivity", CITY, "--year", "2024", "--samples", "200", "--top", "3", "-f", "csv"]
    a = run(*args, "--seed", "5")
    b = run(*args, "--seed", "5")
    c = run(*args, "--seed", "6")
    assert a.exit_code == 0, a.output
    assert a.stdout == b.stdout and a.stdout != c.stdout
    assert a.stdout.splitlines()[0].startswith(
        "排名,单位,年度,总分,等次,排名中位数,90%区间,前3名概率,P(示范水平（自评）)"
    )


def test_sensitivity_writes_its_samples(tmp_path):
    p = tmp_path / "samples.csv"
    out = run(
        "sensitivity",
        CITY,
        "--samples",
        "50",
        "--seed",
        "1",
        "--perturb",
        "10%",
        "--perturb-targets",
        "5%",
        "--write-samples",
        p,
        "-f",
        "json",
    )
    assert out.exit_code == 0, out.output
    params = pl.read_csv(p)
    assert params.height == 50
    f = params.select(pl.selectors.starts_with("f:"))
    assert f.width == 148 and (f.min_horizontal() >= 0.9).all() and (f.max_horizontal() <= 1.1).all()
    assert params.select(pl.selectors.starts_with("t:")).width == 31
    doc = json.loads(out.stdout)
    assert doc["summary"]["samples"] == 50 and len(doc["units"]) == 36


def test_sensitivity_zero_perturbation_on_the_city():
    out = run("sensitivity", CITY, "--samples", "20", "--perturb", "0", "-f", "json")
    doc = json.loads(out.stdout)
    assert all(u["median_rank"] == u["rank"] == u["p05"] == u["p95"] for u in doc["units"])
    assert all(u[f"p:{u['grade']}"] == 1 for u in doc["units"])


def test_sensitivity_batches_do_not_change_the_result(city):
    a = lg.sensitivity(city, samples=64, seed=3, batch=64, keep_ranks=True)
    b = lg.sensitivity(city, samples=64, seed=3, batch=7, keep_ranks=True)
    assert (a.ranks == b.ranks).all() and a.table.equals(b.table)


def test_sensitivity_bad_options():
    bad = run("sensitivity", CITY, "--perturb", "abc")
    assert bad.exit_code == 2 and "--perturb" in bad.output
    bad = run("sensitivity", CITY, "--perturb", "150%")
    assert bad.exit_code == 2
    bad = run("sensitivity", CITY, "--write-samples", "x.txt")
    assert bad.exit_code == 2 and "--write-samples" in bad.output


@pytest.mark.parametrize(
    "cmd",
    [
        ["gaps", "-u", "合成甲县"],
        ["whatif", "-u", "合成甲县", "--set", "law_lectures=9"],
        ["benchmark", "-u", "合成甲县"],
        ["trend"],
        ["sensitivity", "--samples", "30"],
    ],
)
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_every_command_every_format(cmd, fmt, tmp_path):
    out = run(*cmd, CITY, "-f", fmt)
    assert out.exit_code == 0, out.output
    if fmt == "json":
        json.loads(out.stdout)
    en = run(*cmd, CITY, "-f", fmt, "--lang", "en")
    assert en.exit_code == 0, en.output
    target = tmp_path / f"out.{ {'table': 'txt', 'markdown': 'md', 'csv': 'csv', 'json': 'json'}[fmt] }"
    written = run(*cmd, CITY, "-o", target)
    assert written.exit_code == 0 and target.exists()
