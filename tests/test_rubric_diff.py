"""`rubric diff`: compiled rubrics compared, the ranking impact on data, the gates, git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from reference import competition_ranks, round_half_up
from typer.testing import CliRunner

from lawgov_score.analysis.impact import movers, rank_impact
from lawgov_score.api import load_rubric, read_indicators, score
from lawgov_score.cli import app
from lawgov_score.rubric.diff import Change, diff_rubrics

ROOT = Path(__file__).resolve().parent.parent
SHIFAN = ROOT / "rubrics" / "shifan.yaml"
DATA = [ROOT / "samples", ROOT / "samples" / "synthetic-city"]
runner = CliRunner()


def set_points(text: str, item_id: str, points: float) -> str:
    """The rubric text with one item's `points:` line changed (the first after its id)."""
    i = text.index(f'- id: "{item_id}"')
    j = text.index("points: ", i)
    k = text.index("\n", j)
    return text[:j] + f"points: {points:g}" + text[k:]


@pytest.fixture
def moved(tmp_path: Path) -> Path:
    """A copy of shifan.yaml (with its field dictionary) where 5 points move from 8.2.1 to 8.2.2."""
    shutil.copy(ROOT / "rubrics" / "fields.yaml", tmp_path / "fields.yaml")
    text = SHIFAN.read_text(encoding="utf-8")
    text = set_points(set_points(text, "8.2.1", 5), "8.2.2", 15)
    (tmp_path / "shifan.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "shifan.yaml"


def test_points_moved_between_two_items_is_exactly_that_change(moved):
    old, new = load_rubric(SHIFAN), load_rubric(moved)
    d = diff_rubrics(old, new)
    assert d.changes == [
        Change("points", "8.2.1", "电子证照汇聚共享应用", "points", 10.0, 5.0),
        Change("points", "8.2.2", "政务数据资源目录和共享", "points", 10.0, 15.0),
    ]
    assert diff_rubrics(old, load_rubric(SHIFAN)).changes == []


def test_rank_impact_matches_an_independent_recomputation(moved):
    old, new = load_rubric(SHIFAN), load_rubric(moved)
    inds = read_indicators(DATA, new)
    a, b = score(old, inds), score(new, inds)
    impact = rank_impact(a, b)
    assert impact.height == a.frame.height == 41
    # Both items are yes/no worth all or nothing, checked by the written review alone (940 item
    # points, 600 of the total): its item sum moves by − s(8.2.1)/2 + s(8.2.2)/2, the other parts stay.
    written = [it.id for it in old.part_items("材料")]
    frame = a.frame
    expected_total = {
        (r["unit"], r["year"]): round_half_up(
            round_half_up((sum(r[f"s:{i}"] for i in written) - r["s:8.2.1"] / 2 + r["s:8.2.2"] / 2) / 940 * 600, 2)
            + r["p:实地"]
            + r["p:满意度"],
            2,
        )
        for r in frame.iter_rows(named=True)
    }
    old_rank = competition_ranks({(r["unit"], r["year"]): r["total"] for r in frame.iter_rows(named=True)})
    new_rank = competition_ranks(expected_total)
    for r in impact.iter_rows(named=True):
        key = (r["unit"], r["year"])
        assert r["total_new"] == pytest.approx(expected_total[key])
        assert r["delta"] == pytest.approx(expected_total[key] - r["total_old"])
        assert (r["rank_old"], r["rank_new"]) == (old_rank[key], new_rank[key])
        assert r["rank_change"] == old_rank[key] - new_rank[key]
    changed = {(r["unit"], r["year"]): r["rank_change"] for r in impact.iter_rows(named=True) if r["rank_change"]}
    assert changed == {
        ("合成辛市", 2022): 1,
        ("合成子县", 2022): -1,
        ("合成丁区", 2024): 1,
        ("合成戊区", 2024): -1,
    }
    top = movers(impact, 3)
    assert top.height == 3 and set(top["rank_change"].abs().to_list()) == {1}
    assert top["delta"].abs().to_list() == [3.2, 3.19, 0.0]  # among equal moves, a changed total first


def test_cli_shows_the_change_and_the_rank_changes(moved):
    result = runner.invoke(app, ["rubric", "diff", str(SHIFAN), str(moved), *map(str, DATA)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "分值    8.2.1   电子证照汇聚共享应用    points  10    5" in out
    assert "分值    8.2.2   政务数据资源目录和共享  points  10    15" in out
    assert "41 个单位·年度（每年单独排名）：总分变化 17 个，排名变化 4 个，等次变化 1 个" in out
    assert (
        "  2022  合成子县    841.50    838.31   −3.19         6         7      ↓1  良好水平（自评）  良好水平（自评）"
        in out
    )


@pytest.mark.parametrize(
    "args, code",
    [
        (["--fail-on-rank-change", "1"], 1),
        (["--fail-on-rank-change", "2"], 0),
        (["--fail-on-grade-change"], 1),
    ],
)
def test_rank_gate(moved, args, code):
    result = runner.invoke(app, ["rubric", "diff", str(SHIFAN), str(moved), *map(str, DATA), *args])
    assert result.exit_code == code, result.output
    if code and "--fail-on-rank-change" in args:
        assert "门槛：未通过（4 个单位·年度）" in result.stdout
        assert "  合成子县 2022：排名 6 → 7" in result.stdout


def test_grade_gate(moved):
    text = moved.read_text(encoding="utf-8").replace(
        "{name: 良好水平（自评）, min_percent: 80}", "{name: 良好水平（自评）, min_percent: 82}"
    )
    moved.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["rubric", "diff", str(SHIFAN), str(moved), *map(str, DATA), "--fail-on-grade-change", "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    payload = json.loads(result.stdout)
    assert {
        "kind": "grades",
        "id": "",
        "name": "良好水平（自评）",
        "key": "grades.良好水平（自评）",
        "old": 80,
        "new": 82,
        "scoring": True,
    } in payload["changes"]
    bands = [("示范水平（自评）", 90), ("良好水平（自评）", 82), ("合格水平（自评）", 60), ("不合格（自评）", 0)]
    expected = set()
    for r in payload["impact"]["units"]:
        grade = next(name for name, low in bands if r["total_new"] / 1000 * 100 >= low)
        assert r["grade_new"] == grade and not r["vetoed_new"]
        assert r["grade_changed"] == (r["grade_old"] != grade)
        if r["grade_old"] != grade:
            expected.add((r["unit"], r["year"]))
    tripped = {(r["unit"], r["year"]) for r in payload["gate"]["tripped"]}
    listed = {(r["unit"], r["year"]) for r in payload["impact"]["grade_changes"]}
    assert payload["gate"]["failed"] is True and tripped == listed == expected and len(expected) > 0


def test_gate_needs_data(moved):
    result = runner.invoke(app, ["rubric", "diff", str(SHIFAN), str(moved), "--fail-on-rank-change", "1"])
    assert result.exit_code == 2
    assert "E-USAGE" in result.output


def test_markdown_for_a_pull_request(moved):
    result = runner.invoke(app, ["rubric", "diff", str(SHIFAN), str(moved), *map(str, DATA), "-f", "markdown"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith(f"### 细则变更：{SHIFAN} → {moved}\n")
    assert "| 分值   | 8.2.1  | 电子证照汇聚共享应用   | points | 10   | 5    |" in out
    assert (
        "**变动最大**" in out
        and "<details><summary>全部单位（41）</summary>" in out
        and out.rstrip().endswith("</details>")
    )


def test_output_file_is_written(moved, tmp_path):
    target = tmp_path / "out" / "diff.md"
    result = runner.invoke(app, ["rubric", "diff", str(SHIFAN), str(moved), "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("### 细则变更")


# --- what counts as a change --------------------------------------------------------------------

BASE = """id: t
name: 测试
fields:
  - {id: rate, name: 比率, type: percent}
  - {id: done, name: 是否完成, type: bool}
  - {id: cases, name: 案件数, type: count}
grades:
  - {name: 合格, min_percent: 60}
  - {name: 不合格, min_percent: 0}
items:
  - id: "1"
    name: 甲
    items:
      - {id: "1.1", name: 乙, points: 10, field: rate, rule: {type: linear, floor: 80, target: 100}, evidence: 表}
      - {id: "1.2", name: 丙, points: 5, field: done, rule: {type: boolean}, evidence: 合同}
  - id: "2"
    name: 丁
    items:
      - {id: "2.1", name: 戊, points: 5, field: cases, rule: {type: deduct, target: 4, each: 1}, evidence: 纪要}
"""


def diff_of(tmp_path: Path, new_text: str, old_text: str = BASE) -> list[tuple]:
    (tmp_path / "old.yaml").write_text(old_text, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new_text, encoding="utf-8")
    d = diff_rubrics(load_rubric(tmp_path / "old.yaml"), load_rubric(tmp_path / "new.yaml"))
    return [(c.kind, c.id, c.key, d.worded(c.old), d.worded(c.new)) for c in d.changes]


def test_reformatting_and_spelled_out_defaults_are_no_change(tmp_path):
    new = BASE.replace(
        '{id: "1.1", name: 乙, points: 10, field: rate, rule: {type: linear, floor: 80, target: 100}, evidence: 表}',
        'id: "1.1"\n        points: 10.0\n        name: 乙\n        rule: {target: 100, floor: 80, type: linear, direction: higher}\n'
        "        field: rate\n        evidence: 表\n        missing: zero\n        weight: 1",
    )
    assert new != BASE
    assert diff_of(tmp_path, new) == []


def test_renamed_and_renumbered(tmp_path):
    new = BASE.replace("name: 乙,", "name: 乙项,").replace('id: "1.2", name: 丙', 'id: "1.3", name: 丙')
    assert diff_of(tmp_path, new) == [
        ("renamed", "1.1", "name", "乙", "乙项"),
        ("renumbered", "1.3", "id", "1.2", "1.3"),
    ]


def test_renumbered_by_field_when_the_name_changed_too(tmp_path):
    new = BASE.replace('id: "1.2", name: 丙', 'id: "1.9", name: 丙己')
    assert diff_of(tmp_path, new) == [
        ("renumbered", "1.9", "id", "1.2", "1.9"),
        ("renamed", "1.9", "name", "丙", "丙己"),
    ]


def test_added_removed_moved(tmp_path):
    new = BASE.replace(
        '      - {id: "1.2", name: 丙, points: 5, field: done, rule: {type: boolean}, evidence: 合同}\n', ""
    )
    new = new.replace(
        '      - {id: "2.1"',
        '      - {id: "1.2", name: 丙, points: 5, field: done, rule: {type: boolean}, evidence: 合同}\n'
        '      - {id: "2.2", name: 己, points: 3, field: rate, rule: {type: threshold, target: 90}, evidence: 表}\n      - {id: "2.1"',
    )
    new = new.replace(
        '      - {id: "2.1", name: 戊, points: 5, field: cases, rule: {type: deduct, target: 4, each: 1}, evidence: 纪要}\n',
        "",
    )
    got = diff_of(tmp_path, new)
    assert ("moved", "1.2", "parent", "1", "2") in got
    assert ("points", "1", "points", 15.0, 10.0) in got
    assert ("added", "2.2", "item", None, "3 分；rate；≥ 90% 得 3 分，否则 0 分") in got
    assert ("removed", "2.1", "item", "5 分；cases；目标 4，每少1扣 1 分，最多扣 5 分", None) in got
    assert ("total", "", "total", 20.0, 18.0) in got


def test_rules_targets_fields_grades_bonus_cap(tmp_path):
    new = (
        BASE.replace("floor: 80, target: 100", "floor: 70, target: 95")
        .replace("{type: boolean}", "{type: threshold, target: 1}")
        .replace("field: done", "field: cases")
        .replace("each: 1}", "each: 2}")
        .replace("min_percent: 60", "min_percent: 65")
        .replace("name: 测试\n", "name: 测试\nbonus_cap: 3\n")
        .replace("{id: rate, name: 比率, type: percent}", "{id: rate, name: 比率, type: percent, max: 99}")
    )
    got = diff_of(tmp_path, new)
    assert got == [
        ("bonus_cap", "", "bonus_cap", None, 3.0),
        ("grades", "", "grades.合格", 60.0, 65.0),
        ("field_def", "", "fields.rate.max", None, 99.0),
        ("target", "1.1", "rule.floor", 80.0, 70.0),
        ("target", "1.1", "rule.target", 100.0, 95.0),
        ("field", "1.2", "field", "done", "cases"),
        ("rule", "1.2", "rule", "是得 5 分，否则 0 分", "≥ 1 得 5 分，否则 0 分"),
        ("rule", "2.1", "rule.each", 1.0, 2.0),
    ]


def test_extends_is_resolved_before_comparing(tmp_path):
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    child = 'extends: base.yaml\nid: t\nname: 测试\noverride:\n  "1.1": {rule: {target: 95}}\n'
    (tmp_path / "child.yaml").write_text(child, encoding="utf-8")
    d = diff_rubrics(load_rubric(tmp_path / "base.yaml"), load_rubric(tmp_path / "child.yaml"))
    assert [(c.kind, c.id, c.key, c.old, c.new) for c in d.changes] == [("target", "1.1", "rule.target", 100.0, 95.0)]


# --- git revisions ---------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two commits: the bundled shifan, then 5 points moved from 8.2.1 to 8.2.2.
    A derived rubric in another folder extends shifan and reads the dictionary by a ../ path."""
    repo = tmp_path / "repo"
    (repo / "rubrics" / "local").mkdir(parents=True)
    shutil.copy(ROOT / "rubrics" / "fields.yaml", repo / "rubrics" / "fields.yaml")
    text = SHIFAN.read_text(encoding="utf-8")
    (repo / "rubrics" / "shifan.yaml").write_text(text, encoding="utf-8")
    (repo / "rubrics" / "local" / "province.yaml").write_text(
        'extends: ../shifan.yaml\nid: province\nname: 某省细则\nfields: [../fields.yaml]\noverride:\n  "1.1.1": {evidence: 省定清单}\n',
        encoding="utf-8",
    )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    (repo / "rubrics" / "shifan.yaml").write_text(
        set_points(set_points(text, "8.2.1", 5), "8.2.2", 15), encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "second")
    return repo


def test_git_revisions(repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = runner.invoke(
        app, ["rubric", "diff", "HEAD~1:rubrics/shifan.yaml", "main:rubrics/shifan.yaml", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["old"]["spec"] == "HEAD~1:rubrics/shifan.yaml"
    assert [(c["id"], c["old"], c["new"]) for c in payload["changes"]] == [("8.2.1", 10, 5), ("8.2.2", 10, 15)]


def test_git_revision_against_working_tree_through_extends(repo, monkeypatch):
    """The old side needs shifan.yaml and fields.yaml as they were: both are fetched at the revision."""
    monkeypatch.chdir(repo / "rubrics" / "local")
    result = runner.invoke(app, ["rubric", "diff", "HEAD~1:./province.yaml", "province.yaml", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert [(c["id"], c["key"]) for c in json.loads(result.stdout)["changes"]] == [
        ("8.2.1", "points"),
        ("8.2.2", "points"),
    ]


def test_git_revision_with_data_and_gate(repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = runner.invoke(
        app,
        [
            "rubric",
            "diff",
            "HEAD~1:rubrics/shifan.yaml",
            "rubrics/shifan.yaml",
            *map(str, DATA),
            "--fail-on-rank-change",
            "1",
        ],
    )
    assert result.exit_code == 1
    assert "门槛：未通过（4 个单位·年度）" in result.stdout


@pytest.mark.parametrize(
    "spec, message",
    [
        ("nosuch:rubrics/shifan.yaml", "E-GIT: 无法从 git 取得“nosuch:rubrics/shifan.yaml”：没有版本“nosuch”"),
        (
            "HEAD:rubrics/gone.yaml",
            "E-GIT: 无法从 git 取得“HEAD:rubrics/gone.yaml”：版本“HEAD”中没有文件 rubrics/gone.yaml",
        ),
    ],
)
def test_bad_revisions_are_bad_input(repo, monkeypatch, spec, message):
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["rubric", "diff", spec, "rubrics/shifan.yaml"])
    assert result.exit_code == 2
    assert message in result.output


def test_problems_at_a_revision_are_located_there(repo, monkeypatch):
    monkeypatch.chdir(repo)
    broken = (repo / "rubrics" / "shifan.yaml").read_text(encoding="utf-8").replace("points: 15", "points: -15", 1)
    (repo / "rubrics" / "shifan.yaml").write_text(broken, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    line = broken.splitlines().index(next(x for x in broken.splitlines() if "points: -15" in x)) + 1
    result = runner.invoke(app, ["rubric", "diff", "HEAD~1:rubrics/shifan.yaml", "HEAD:rubrics/shifan.yaml"])
    assert result.exit_code == 2
    assert f"HEAD:rubrics/shifan.yaml:{line}: E-POINTS" in result.output


def test_outside_a_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = runner.invoke(app, ["rubric", "diff", "main:shifan.yaml", str(SHIFAN)])
    assert result.exit_code == 2
    assert "当前目录不在 git 仓库中" in result.output
