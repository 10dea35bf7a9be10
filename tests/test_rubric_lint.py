"""`rubric check`: the lint on top of loading, waivers, --strict, --format json, directories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_score.api import check_rubric
from lawgov_score.cli import app

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus" / "rubrics"
runner = CliRunner()

HEAD = """id: t
name: 测试细则
fields:
  - {id: rate, name: 比率, type: percent}
  - {id: done, name: 是否完成, type: bool}
grades:
  - {name: 合格, min_percent: 60}
  - {name: 不合格, min_percent: 0}
"""


def write(tmp_path: Path, text: str, name: str = "r.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def codes(path: Path) -> list[tuple[str, int | None]]:
    return sorted((p.code, p.line) for p in check_rubric(path).problems)


@pytest.mark.parametrize("name", ["example.yaml", "kaohe.yaml", "shifan.yaml", "fields.yaml"])
def test_bundled_rubrics_pass_strict(name):
    result = runner.invoke(app, ["rubric", "check", "--strict", str(ROOT / "rubrics" / name)])
    assert result.exit_code == 0, result.output
    assert check_rubric(ROOT / "rubrics" / name).problems == []


def test_directory_means_its_yaml_files():
    result = runner.invoke(app, ["rubric", "check", "--strict", "--format", "json", str(ROOT / "rubrics")])
    assert result.exit_code == 0, result.output
    paths = [Path(e["path"]).name for e in json.loads(result.stdout)]
    assert paths == ["example.yaml", "fields.yaml", "kaohe.yaml", "shifan.yaml"]


def test_warning_fails_only_with_strict(monkeypatch):
    monkeypatch.chdir(CORPUS)
    path = "missing-evidence.yaml"
    plain = runner.invoke(app, ["rubric", "check", str(path)])
    strict = runner.invoke(app, ["rubric", "check", "--strict", str(path)])
    assert plain.exit_code == 0 and strict.exit_code == 1
    assert f"{path}:23: W-EVIDENCE: 项目 1.2「法律顾问」：未写明佐证材料（evidence）" in plain.stdout


def test_json_is_for_machines(monkeypatch):
    monkeypatch.chdir(CORPUS)
    path = "cap-below-each.yaml"
    result = runner.invoke(app, ["rubric", "check", "--format", "json", "--lang", "en", path])
    assert result.exit_code == 0  # a warning, no --strict
    [entry] = json.loads(result.stdout)
    assert entry["ok"] is True and entry["errors"] == 0 and entry["warnings"] == 1
    [p] = entry["problems"]
    assert p == {"path": path, "line": 32, "column": None, "code": "W-CAP", "severity": "warning",
                 "message": "项目 1.3「未经合法性审查的决策」: the cap makes no sense: cap 1 is below one step, each 2"}


def test_missing_file_is_bad_input(tmp_path):
    result = runner.invoke(app, ["rubric", "check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "E-FILE" in result.stdout


LEAVES = """items:
  - id: "1"
    name: 甲
    {waive1}items:
      - id: "1.1"
        name: 乙
        points: 10
        field: rate
        rule: {{type: linear, floor: 80, target: 100}}
      - id: "1.2"
        name: 丙
        points: 5
        field: done
        rule: {{type: boolean}}
        {waive2}
"""


def test_without_waivers_every_missing_evidence_is_reported(tmp_path):
    path = write(tmp_path, HEAD + LEAVES.format(waive1="", waive2=""))
    assert codes(path) == [("W-EVIDENCE", 13), ("W-EVIDENCE", 18)]


def test_waiver_on_a_parent_covers_its_subtree(tmp_path):
    text = HEAD + LEAVES.format(waive1="waive: {W-EVIDENCE: 佐证材料另有清单}\n    ", waive2="")
    assert codes(write(tmp_path, text)) == []


def test_waiver_on_a_leaf_covers_only_that_leaf(tmp_path):
    text = HEAD + LEAVES.format(waive1="", waive2="waive: {W-EVIDENCE: 以考核组现场核查为准}")
    assert codes(write(tmp_path, text)) == [("W-EVIDENCE", 13)]


def test_waiver_at_the_top_covers_the_rubric(tmp_path):
    text = HEAD.replace("name: 测试细则\n", "name: 测试细则\nwaive: {W-EVIDENCE: 示例细则}\n") + LEAVES.format(waive1="", waive2="")
    assert codes(write(tmp_path, text)) == []


def test_points_sum_can_be_waived_with_a_reason(tmp_path):
    text = HEAD + LEAVES.format(waive1="points: 12\n    waive: {W-POINTS-SUM: 两项选做其一, W-EVIDENCE: 另有清单}\n    ", waive2="")
    assert codes(write(tmp_path, text)) == []
    text = HEAD + LEAVES.format(waive1="points: 12\n    waive: {W-EVIDENCE: 另有清单}\n    ", waive2="")
    assert codes(write(tmp_path, text)) == [("W-POINTS-SUM", 10)]


def test_empty_waiver_reason_is_an_error(tmp_path):
    text = HEAD + LEAVES.format(waive1="waive: {W-EVIDENCE: ''}\n    ", waive2="")
    assert [c for c, _ in codes(write(tmp_path, text))] == ["E-TYPE"]


def test_weighted_parent_with_zero_weight_child_never_scores(tmp_path):
    text = HEAD + """items:
  - id: "1"
    name: 甲
    points: 10
    aggregate: weighted_mean
    items:
      - {id: "1.1", name: 乙, points: 10, weight: 0, field: rate, rule: {type: linear, floor: 80, target: 100}, evidence: 表}
      - {id: "1.2", name: 丙, points: 5, weight: 2, field: done, rule: {type: boolean}, evidence: 表}
"""
    assert codes(write(tmp_path, text)) == [("W-NEVER-SCORES", 15)]


def test_veto_cap_total_counts_the_bonus(tmp_path):
    """A cap_total between the maximum and the maximum plus bonus still bites: no warning."""
    text = HEAD.replace("name: 测试细则\n", "name: 测试细则\nbonus_cap: 3\n") + """items:
  - {id: "1", name: 甲, points: 10, field: rate, rule: {type: linear, floor: 80, target: 100}, evidence: 表}
  - {id: "2", name: 表彰, field: done, rule: {type: bonus, each: 3, cap: 3}, evidence: 文件}
  - {id: "3", name: 否决, field: done, rule: {type: veto, when: false, cap_total: 12}, evidence: 通报}
"""
    path = write(tmp_path, text)
    assert codes(path) == []
    path.write_text(text.replace("cap_total: 12", "cap_total: 13"), encoding="utf-8")
    assert codes(path) == [("W-VETO", 13)]


def test_lint_messages_read_in_english(tmp_path):
    for path in sorted(CORPUS.glob("*.yaml")):
        for p in check_rubric(path).problems:
            text = p.render("en")
            assert "{" not in text and "：" not in text.split(": ", 2)[-1].split("「")[0], text
