"""`audit` against a direct numpy/scipy computation, on synthetic data made for this test alone
(seed 4417, never used to build or tune the audit), with values knocked out so that missing
values are exercised; and the command's formats, flags and findings."""

from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest
from scipy import stats
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app
from lawgov_score.engine.score import col_score, col_value

SEED = 4417  # the unseen set's seed: this file's alone


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    rub = lg.load_rubric("rubrics/shifan.yaml")
    rows = lg.synthesize(rub, units=150, years=1, seed=SEED)
    rng = np.random.default_rng(SEED)
    keep = rng.random(rows.height) > 0.08  # about 8 % of the stated values knocked out
    path = tmp_path_factory.mktemp("unseen") / "synthetic-audit-unseen.csv"
    rows.filter(pl.Series(keep)).write_csv(path)
    result = lg.score(rub, lg.load_indicators([path], rub))
    return result, lg.audit(result)


def _col(frame, name):
    return frame[name].cast(pl.Float64).fill_null(np.nan).to_numpy()


def test_indicator_statistics_match_scipy(unseen):
    result, a = unseen
    frame = result.frame
    checked = 0
    for r in a.indicators.iter_rows(named=True):
        v = _col(frame, col_value(r["id"]))
        x = v[np.isfinite(v)]
        assert r["n"] == x.size
        assert r["missing"] == pytest.approx(1 - x.size / frame.height, abs=1e-9)
        if x.size < 4 or np.std(x) == 0:
            continue
        assert r["mean"] == pytest.approx(np.mean(x), abs=1e-6)
        assert r["sd"] == pytest.approx(np.std(x, ddof=1), abs=1e-6)
        assert (r["min"], r["max"]) == (pytest.approx(x.min()), pytest.approx(x.max()))
        assert r["skew"] == pytest.approx(stats.skew(x, bias=False), abs=1e-6)
        assert r["kurtosis"] == pytest.approx(stats.kurtosis(x, fisher=True, bias=False), abs=1e-6)
        two_valued = np.unique(x).size == 2  # COINr's rule says nothing of a 0/1 column: not checked
        assert r["two_valued"] == two_valued
        assert r["outlier"] == (abs(r["skew"]) >= 2 and r["kurtosis"] >= 3.5 and not two_valued)
        item = result.rubric.items[r["id"]]
        s = _col(frame, col_score(r["id"]))
        assert r["full_share"] == pytest.approx(np.mean(s >= item.max - 1e-9), abs=1e-9)
        checked += 1
    assert checked > 40  # most indicators vary on this set


def test_correlations_match_scipy(unseen):
    result, a = unseen
    frame = result.frame
    assert a.correlations.height > 50
    for r in a.correlations.iter_rows(named=True):
        x, y = _col(frame, col_value(r["a"])), _col(frame, col_value(r["b"]))
        m = np.isfinite(x) & np.isfinite(y)
        if np.std(x[m]) == 0 or np.std(y[m]) == 0:
            assert r["pearson"] is None
            continue
        assert r["pearson"] == pytest.approx(stats.pearsonr(x[m], y[m]).statistic, abs=1e-6)
        assert r["spearman"] == pytest.approx(stats.spearmanr(x[m], y[m]).statistic, abs=1e-6)
        assert result.rubric.items[r["a"]].parent == r["parent"] == result.rubric.items[r["b"]].parent


def _alpha(scores):
    k = scores.shape[1]
    return k / (k - 1) * (1 - scores.var(axis=0, ddof=1).sum() / scores.sum(axis=1).var(ddof=1))


def test_alpha_pc1_and_item_correlations_match_numpy(unseen):
    result, a = unseen
    frame, rub = result.frame, result.rubric
    parents = a.nodes.filter(pl.col("children").is_not_null())
    checked = 0
    for r in parents.iter_rows(named=True):
        kids = [c for c in rub.items[r["id"]].children if rub.items[c].role in ("score", "group")]
        S = np.column_stack([_col(frame, col_score(c)) for c in kids])
        if len(kids) < 2 or np.any(S.std(axis=0) == 0):
            continue
        assert r["alpha"] == pytest.approx(_alpha(S), abs=1e-6)
        z = (S - S.mean(axis=0)) / S.std(axis=0, ddof=1)
        sv = np.linalg.svd(z, compute_uv=False) ** 2  # PCA by SVD, not by the eigenvalues the audit uses
        assert r["pc1_share"] == pytest.approx(sv[0] / sv.sum(), abs=1e-6)
        checked += 1
    assert checked > 10
    total = _col(frame, "total")
    for r in a.nodes.filter(pl.col("parent").is_not_null()).iter_rows(named=True):
        own, up = _col(frame, col_score(r["id"])), _col(frame, col_score(r["parent"]))
        if np.std(own) == 0 or np.std(up) == 0:
            continue
        assert r["corr_with_parent"] == pytest.approx(stats.pearsonr(own, up).statistic, abs=1e-6)
        assert r["corr_with_total"] == pytest.approx(stats.pearsonr(own, total).statistic, abs=1e-6)
        assert r["weak"] == (r["corr_with_parent"] < 0.2)


def test_excel_skew_and_kurt_on_a_worked_example():
    from lawgov_score.analysis.audit import skew_kurt

    # 1, 2, 3, 4, 10: mean 4, deviations −3 −2 −1 0 6, s² = 50/4; Σd³ = 180, Σd⁴ = 1394.
    # SKEW = 5/(4·3) · 180/12.5^1.5 = 1.697056;  KURT = 5·6/(4·3·2) · 1394/12.5² − 3·4²/(3·2) = 3.152
    s, k = skew_kurt(np.array([1.0, 2, 3, 4, 10]))
    assert s == pytest.approx(5 / 12 * 180 / 12.5**1.5, abs=1e-9) and s == pytest.approx(1.697056, abs=1e-6)
    assert k == pytest.approx(1.25 * 1394 / 156.25 - 8, abs=1e-9) and k == pytest.approx(3.152, abs=1e-9)
    assert skew_kurt(np.array([5.0, 5, 5, 5])) == (None, None)


def _rubric(tmp_path, items: str):
    """A rubric of the test fields (tests/helpers.py) with these items (YAML lines under ``items:``)."""
    from tests.helpers import FIELDS_YAML, write

    write(tmp_path, "fields.yaml", FIELDS_YAML)
    return write(tmp_path, "rubric.yaml", "id: t\nname: 测试\nfields: [fields.yaml]\nitems:\n" + items)


def _built(tmp_path):
    """Four leaves under one parent: b copies a (redundant), c runs against a, d never varies."""
    from tests.helpers import write

    rubric = _rubric(
        tmp_path,
        """\
  - id: "1"
    name: 一级
    items:
      - {id: "1.1", name: 甲, points: 10, field: rate, rule: {type: minmax}}
      - {id: "1.2", name: 乙, points: 10, field: amount, rule: {type: minmax}}
      - {id: "1.3", name: 丙, points: 10, field: count, rule: {type: minmax}}
      - {id: "1.4", name: 丁, points: 10, field: part, rule: {type: minmax}}
""",
    )
    lines = ["unit,year,field,value"]
    for i in range(12):
        rate = 10 + 7 * i
        lines += [
            f"县{i:02d},2024,rate,{rate}",
            f"县{i:02d},2024,amount,{rate * 2 + 1}",
            f"县{i:02d},2024,count,{100 - rate}",
            f"县{i:02d},2024,part,3",
        ]
    data = write(tmp_path, "synthetic-audit-built.csv", "\n".join(lines) + "\n")
    return rubric, data


def test_flags_and_findings_on_a_built_case(tmp_path):
    rubric, data = _built(tmp_path)
    r = lg.audit_report([data], rubric)
    cor = {(x["a"], x["b"]): x for x in r.audit.correlations.iter_rows(named=True)}
    assert cor[("1.1", "1.2")]["redundant"] and cor[("1.1", "1.2")]["pearson"] == pytest.approx(1.0)
    assert cor[("1.1", "1.3")]["negative"] and cor[("1.1", "1.3")]["spearman"] == pytest.approx(-1.0)
    ind = {x["id"]: x for x in r.audit.indicators.iter_rows(named=True)}
    assert ind["1.4"]["zero_variance"] and not ind["1.1"]["zero_variance"]
    kinds = [k for k, _ in r.audit.findings]
    assert kinds[0] == "audit.redundant" and "audit.negative" in kinds and "audit.zero_variance" in kinds


def test_a_two_valued_item_is_not_an_outlier_and_the_text_says_so(tmp_path):
    """One 是 among twelve units: skew 3.46 and kurtosis 12 pass COINr's limits, but a yes/no
    column has no extreme values, only a split; a number with one extreme value still is one."""
    from tests.helpers import write

    rubric = _rubric(
        tmp_path,
        """\
  - {id: "1", name: 甲, points: 10, field: flag, rule: {type: boolean}}
  - {id: "2", name: 乙, points: 10, field: amount, rule: {type: minmax}}
  - {id: "3", name: 丙, points: 10, field: count, rule: {type: minmax}}
""",
    )
    lines = ["unit,year,field,value"]
    for i in range(12):
        lines += [
            f"县{i:02d},2024,flag,{'是' if i == 0 else '否'}",
            f"县{i:02d},2024,amount,{500 if i == 0 else 10 + i}",
            f"县{i:02d},2024,count,{i * 3}",
        ]
    data = write(tmp_path, "synthetic-audit-two-valued.csv", "\n".join(lines) + "\n")
    ind = {x["id"]: x for x in lg.audit_report([data], rubric).audit.indicators.iter_rows(named=True)}
    assert ind["1"]["skew"] >= 2 and ind["1"]["kurtosis"] >= 3.5  # what used to raise the flag
    assert ind["1"]["two_valued"] and not ind["1"]["outlier"]
    assert ind["2"]["outlier"] and not ind["2"]["two_valued"]
    assert not ind["3"]["outlier"] and not ind["3"]["two_valued"]
    head = CliRunner().invoke(app, ["audit", str(data), "-r", str(rubric)]).stdout.splitlines()[0]
    assert "异常分布 1 项（1 项只有两种取值，如是/否，不查" in head
    head = CliRunner().invoke(app, ["audit", str(data), "-r", str(rubric), "--lang", "en"]).stdout.splitlines()[0]
    assert "1 with outliers (1 two-valued item(s), such as yes/no, not checked" in head


def test_cli_formats(tmp_path):
    rubric, data = _built(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["audit", str(data), "-r", str(rubric)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert "高度相关 3 对，负相关 2 对" in lines[0] and "1.1 与 1.2 高度相关（r = 1.00），可能重复计分" in lines[1]
    res = runner.invoke(app, ["audit", str(data), "-r", str(rubric), "-f", "json", "--lang", "en"])
    doc = json.loads(res.stdout)
    assert set(doc) == {"summary", "findings", "indicators", "correlations", "nodes"}
    assert {"id", "field", "n", "missing", "mean", "sd", "skew", "kurtosis", "outlier"} <= set(doc["indicators"][0])
    assert {"a", "b", "pearson", "spearman", "parent"} <= set(doc["correlations"][0])
    assert {"id", "alpha", "pc1_share", "corr_with_parent"} <= set(doc["nodes"][0])
    out = tmp_path / "audit.xlsx"
    assert runner.invoke(app, ["audit", str(data), "-r", str(rubric), "-o", str(out)]).exit_code == 0
    assert out.stat().st_size > 0
    res = runner.invoke(app, ["audit", str(data), "-r", str(rubric), "--year", "2030"])
    assert res.exit_code == 2 and "E-SENS-YEAR" in res.stderr


def test_report_has_the_audit_section(tmp_path):
    rubric, data = _built(tmp_path)
    out = tmp_path / "r.html"
    res = CliRunner().invoke(app, ["report", str(data), "-r", str(rubric), "-o", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert 'id="audit"' in html and "1.1 与 1.2 高度相关（r = 1.00），可能重复计分" in html
    assert 'href="#audit"' in html


def test_rubric_diff_shows_alpha_and_flags(tmp_path):
    rubric, data = _built(tmp_path)
    new = tmp_path / "new.yaml"
    new.write_text(rubric.read_text(encoding="utf-8").replace("points: 10, field: count", "points: 30, field: count"),
                   encoding="utf-8")  # fmt: skip
    r = lg.diff_report(rubric, new, [data])
    ch = r.impact.audit
    assert ch is not None and ch.flags_old == len(lg.audit(lg.score(lg.load_rubric(rubric),
                                                  lg.load_indicators([data], lg.load_rubric(rubric)))).findings)  # fmt: skip
    row = ch.alphas.row(0, named=True)
    assert row["id"] == "1" and row["alpha_old"] != row["alpha_new"]
    assert r.records()["impact"]["audit"]["alphas"][0]["id"] == "1"
    res = CliRunner().invoke(app, ["rubric", "diff", str(rubric), str(new), str(data)])
    assert "审计标记：旧细则" in res.stdout and "1：α" in res.stdout
