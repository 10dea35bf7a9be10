"""`rubric check`: the lint on top of loading, waivers, --strict, --format json, directories."""

from __future__ import annotations

import json
import re
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
    assert p == {
        "path": path,
        "line": 32,
        "column": None,
        "code": "W-CAP",
        "severity": "warning",
        "message": "item 1.3 '未经合法性审查的决策': the cap makes no sense: cap 1 is below one step, each 2",
    }


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
    text = HEAD.replace("name: 测试细则\n", "name: 测试细则\nwaive: {W-EVIDENCE: 示例细则}\n") + LEAVES.format(
        waive1="", waive2=""
    )
    assert codes(write(tmp_path, text)) == []


def test_points_sum_can_be_waived_with_a_reason(tmp_path):
    text = HEAD + LEAVES.format(
        waive1="points: 12\n    waive: {W-POINTS-SUM: 两项选做其一, W-EVIDENCE: 另有清单}\n    ", waive2=""
    )
    assert codes(write(tmp_path, text)) == []
    text = HEAD + LEAVES.format(waive1="points: 12\n    waive: {W-EVIDENCE: 另有清单}\n    ", waive2="")
    assert codes(write(tmp_path, text)) == [("W-POINTS-SUM", 10)]


def test_empty_waiver_reason_is_an_error(tmp_path):
    text = HEAD + LEAVES.format(waive1="waive: {W-EVIDENCE: ''}\n    ", waive2="")
    assert [c for c, _ in codes(write(tmp_path, text))] == ["E-TYPE"]


def test_weighted_parent_with_zero_weight_child_never_scores(tmp_path):
    text = (
        HEAD
        + """items:
  - id: "1"
    name: 甲
    points: 10
    aggregate: weighted_mean
    items:
      - {id: "1.1", name: 乙, points: 10, weight: 0, field: rate, rule: {type: linear, floor: 80, target: 100}, evidence: 表}
      - {id: "1.2", name: 丙, points: 5, weight: 2, field: done, rule: {type: boolean}, evidence: 表}
"""
    )
    assert codes(write(tmp_path, text)) == [("W-NEVER-SCORES", 15)]


def test_veto_cap_total_counts_the_bonus(tmp_path):
    """A cap_total between the maximum and the maximum plus bonus still bites: no warning."""
    text = (
        HEAD.replace("name: 测试细则\n", "name: 测试细则\nbonus_cap: 3\n")
        + """items:
  - {id: "1", name: 甲, points: 10, field: rate, rule: {type: linear, floor: 80, target: 100}, evidence: 表}
  - {id: "2", name: 表彰, field: done, rule: {type: bonus, each: 3, cap: 3}, evidence: 文件}
  - {id: "3", name: 否决, field: done, rule: {type: veto, when: false, cap_total: 12}, evidence: 通报}
"""
    )
    path = write(tmp_path, text)
    assert codes(path) == []
    path.write_text(text.replace("cap_total: 12", "cap_total: 13"), encoding="utf-8")
    assert codes(path) == [("W-VETO", 13)]


def test_lint_messages_read_in_english(tmp_path):
    for path in sorted(CORPUS.glob("*.yaml")):
        for p in check_rubric(path).problems:
            text = p.render("en")
            assert "{" not in text and "：" not in text.split(": ", 2)[-1].split("「")[0], text


def test_exit_1_for_every_problem_in_a_file_that_is_there_2_only_for_bad_usage(tmp_path):
    empty = write(tmp_path, "", "empty.yaml")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    for path in (empty, binary, CORPUS / "fields-file-missing.yaml"):
        result = runner.invoke(app, ["rubric", "check", str(path)])
        assert result.exit_code == 1, (path, result.output)
        assert ": E-FILE: " in result.stdout and "Traceback" not in result.output
    (tmp_path / "no-yaml").mkdir()
    for usage in (
        ["rubric", "check", str(tmp_path / "no-yaml")],
        ["rubric", "check", str(empty), str(tmp_path / "nope.yaml")],
        ["rubric", "check", "--format", "xml", str(empty)],
    ):
        result = runner.invoke(app, usage)
        assert result.exit_code == 2, (usage, result.output)


def test_a_missing_field_dictionary_is_reported_where_the_rubric_names_it(tmp_path):
    head = HEAD.replace("fields:\n", "fields:\n  - dicts/gone.yaml\n")
    base = write(tmp_path, head + LEAVES.format(waive1="", waive2=""))
    [p] = [p for p in check_rubric(base).problems if p.code == "E-FILE"]
    assert (Path(p.path).resolve(), p.line) == (base.resolve(), 4) and "dicts/gone.yaml" in p.message()
    child = write(tmp_path, "extends: r.yaml\nid: c\nname: 子细则\n", "child.yaml")
    [p] = [p for p in check_rubric(child).problems if p.code == "E-FILE"]
    assert (Path(p.path).resolve(), p.line) == (base.resolve(), 4)  # the base rubric names it, not the one extending it


def test_a_failed_child_whose_points_are_known_still_counts_in_the_sum(tmp_path):
    """Only a sum that cannot be known is left out: a child with a bad rule but readable points
    still counts, so a parent that really does not add up is still reported."""
    text = HEAD + LEAVES.format(waive1="points: 20\n    ", waive2="evidence: 表")
    text = text.replace("type: boolean", "type: boolen")
    found = codes(write(tmp_path, text))
    assert found == [("E-RULE-TYPE", 23), ("W-POINTS-SUM", 10)]
    sums = [p.message() for p in check_rubric(tmp_path / "r.yaml").problems if p.code == "W-POINTS-SUM"]
    assert sums == ["项目 1「甲」：下级分值合计 15 与本项分值 20 不符"]


@pytest.mark.parametrize(
    "formula,culprit",
    [
        ("rate / 0", "rate / 0"),
        ("min(100, rate / (2 - 2) * 100)", "rate / (2 - 2)"),
        ("rate / (0 * done)", "rate / (0 * done)"),
        ("coalesce(rate / 0, 1 / 0)", "rate / 0"),
    ],
)
def test_formulas_always_missing_are_found(tmp_path, formula, culprit):
    text = (
        HEAD
        + f"""items:
  - {{id: "1", name: 甲, points: 10, formula: "{formula}", rule: {{type: threshold, target: 1}}, evidence: 表}}
"""
    )
    [p] = check_rubric(write(tmp_path, text)).problems
    assert p.code == "W-NEVER-SCORES" and p.line == 10 and f"“{culprit}”除以常数 0" in p.message()
    assert f"'{culprit}' divides by the constant 0" in p.message("en")


@pytest.mark.parametrize(
    "formula", ["rate / done", "coalesce(rate / 0, done)", "rate / (done - done)", "(rate - 0) / 2"]
)
def test_formulas_that_can_give_a_value_are_not_flagged(tmp_path, formula):
    text = (
        HEAD
        + f"""items:
  - {{id: "1", name: 甲, points: 10, formula: "{formula}", rule: {{type: threshold, target: 1}}, evidence: 表}}
"""
    )
    assert codes(write(tmp_path, text)) == []


@pytest.mark.parametrize(
    "rule,flagged",
    [
        ("{type: bands, bands: [{at: 95, points: 8}, {at: 80, points: 4}]}", True),
        ("{type: bands, bands: [{at: 95, points: 8}], else: 10}", False),
        ("{type: bands, bands: [{at: 95, points: 10}, {at: 80, points: 4}]}", False),
        ("{type: rank, by_rank: [9, 5]}", True),
        ("{type: rank, by_rank: [10, 5]}", False),
    ],
)
def test_a_rule_whose_best_is_below_the_points_never_scores_in_full(tmp_path, rule, flagged):
    text = (
        HEAD
        + f"""items:
  - {{id: "1", name: 甲, points: 10, field: rate, rule: {rule}, evidence: 表}}
"""
    )
    found = check_rubric(write(tmp_path, text)).problems
    assert [p.code for p in found] == (["W-NEVER-SCORES"] if flagged else [])
    if flagged:
        assert "不可能得满分" in found[0].message() and "低于本项分值 10" in found[0].message()
        assert "can never score full points" in found[0].message("en")


def test_graded_rule_without_a_full_share_never_scores_in_full(tmp_path):
    text = (
        HEAD.replace("grades:\n", "  - {id: g, name: 等次, type: grade, levels: [优, 良]}\ngrades:\n")
        + """items:
  - {id: "1", name: 甲, points: 10, field: g, rule: {type: graded, levels: {优: 0.9, 良: 0.5}}, evidence: 表}
"""
    )
    [p] = check_rubric(write(tmp_path, text)).problems
    assert p.code == "W-NEVER-SCORES" and "最好的等次得分比例为 0.9" in p.message()


@pytest.mark.parametrize("value", ["[1, 2]", "{a: 1}", "[[1], {b: [2]}]", "null", "true"])
@pytest.mark.parametrize("key", ["points", "name", "id", "rule", "field", "missing", "evidence", "weight"])
def test_no_message_names_an_internal_class(tmp_path, key, value):
    text = (
        HEAD
        + """items:
  - id: "1"
    name: 甲
    points: 10
    field: rate
    rule: {type: linear, floor: 80, target: 100}
    evidence: 表
""".replace(f"    {key}: ", f"    {key}: {value}\n    _old_{key}: ", 1)
    )
    text = "\n".join(line for line in text.splitlines() if "_old_" not in line) + "\n"
    if f"{key}: {value}" not in text:
        text = text.replace("    evidence: 表\n", f"    evidence: 表\n    {key}: {value}\n")
    problems = check_rubric(write(tmp_path, text)).problems
    for p in problems:
        for lang in ("zh", "en"):
            assert not re.search(r"\b(LList|LDict|_FieldRef|dict|list|NoneType)\b", p.render(lang)), p.render(lang)
