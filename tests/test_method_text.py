"""The method text travels with the rubric: the report prints it (an official has the report,
not the project's files), `rubric show --method` prints it, and the figures it quotes are the
rubric's own."""

import html
import re
from pathlib import Path

from helpers import FIELDS_YAML, write
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app

ROOT = Path(__file__).resolve().parent.parent
SHIFAN = ROOT / "rubrics" / "shifan.yaml"
runner = CliRunner()


def _report(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "report.html"
    res = runner.invoke(app, ["report", *args, "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out.read_text(encoding="utf-8")


def _plain(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_the_report_of_the_samples_carries_the_reasoning_and_no_project_path(tmp_path):
    page = _report(tmp_path)
    assert "docs/" not in page and "weighting.md" not in page
    method = _plain(page[page.index('<section id="method">') :])
    rubric = lg.load_rubric(SHIFAN)
    for sec in rubric.method:
        assert sec.title in method
    # the reasons themselves, not a pointer to them: why the parts weigh what they weigh,
    # why enforcement and disputes weigh most, which items a visit checks
    assert "书面评审 60%：只有书面评审看全部指标" in method
    assert "行政执法（第 4 项）和社会矛盾纠纷化解（第 6 项）各 130 分，最多" in method
    assert "领导干部法律知识测试（10.1.5）" in method
    # wrapped lines of the YAML are joined: no line break inside a Chinese sentence
    assert "\n执法资格考试合格率" not in method


def test_the_english_report_carries_the_english_method(tmp_path):
    method = _plain(_report(tmp_path, "--lang", "en").split('<section id="method">')[1])
    rubric = lg.load_rubric(SHIFAN)
    assert [s.title for s in rubric.method_en][0] == "Where the points come from"
    for sec in rubric.method_en:
        assert sec.title in method
    assert "Written review 60%: it is the only part that looks at every indicator" in method
    assert "分值从哪里来" not in method


def test_the_figures_the_method_quotes_are_the_rubrics_own():
    """Change the points or the parts and this fails until the text is changed with them."""
    from lawgov_score.views.rubric import method_blocks

    rubric = lg.load_rubric(SHIFAN)
    text = " ".join(t for s in rubric.method for _, texts in method_blocks(s.text) for t in texts)
    maxima = rubric.part_maxima()
    wsum = sum(p.weight for p in rubric.parts)
    for part, (count, points) in {"材料": (102, 940), "实地": (12, 113), "满意度": (2, 60)}.items():
        items = rubric.part_items(part)
        assert (len(items), sum(it.max for it in items)) == (count, points)
        share = next(p.weight for p in rubric.parts if p.id == part) / wsum * 100
        assert f"权重 {share:g}%，即 {maxima[part]:g} 分" in text
    onsite = re.search(r"标为“实地”的是现场看得到的：(.*?)。", text).group(1)
    assert sorted(re.findall(r"\d+\.\d+\.\d+", onsite)) == sorted(it.id for it in rubric.part_items("实地"))
    dims = {d.id: d.max for d in rubric.dimensions()}
    quoted = {"4": 130, "6": 130, "7": 110, "9": 110, "1": 100, "3": 100, "10": 100, "2": 90, "5": 60, "8": 70}
    assert dims == quoted
    booleans = [it for it in rubric.leaves() if it.field and rubric.fields[it.field].type == "bool"]
    assert (len(booleans), sum(it.max for it in booleans)) == (67, 609)
    measured = [it for it in rubric.leaves() if it not in booleans and it.rule_type != "graded"]
    assert (len(measured), sum(it.max for it in measured)) == (35, 374)
    relative = [it for it in rubric.leaves() if it.rule_type in ("ratio_to_best", "minmax", "rank")]
    assert sum(it.max for it in relative) == 35 and "这四项（共 35 分）" in text


def test_rubric_show_method_prints_the_text_in_the_chosen_language():
    res = runner.invoke(app, ["rubric", "show", "--method"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[0] == "分值从哪里来"
    assert "- 书面评审 60%：只有书面评审看全部指标" in res.stdout
    en = runner.invoke(app, ["rubric", "show", "--method", "--lang", "en"])
    assert en.stdout.splitlines()[0] == "Where the points come from"
    md = runner.invoke(app, ["rubric", "show", "--method", "-f", "markdown"])
    assert md.stdout.startswith("## 分值从哪里来\n")
    # the tree's header says where the method is
    assert "rubric show --method" in runner.invoke(app, ["rubric", "show", "-d", "1"]).stdout
    # a CSV holds a table, the method is text: refused before anything is read
    bad = runner.invoke(app, ["rubric", "show", "--method", "-f", "csv"])
    assert bad.exit_code == 2 and "E-USAGE-FORMAT" in bad.output


def test_an_extending_rubric_inherits_the_method_or_replaces_it(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    base = """
id: base
name: 全国
fields: [fields.yaml]
method:
  - title: 分值从哪里来
    text: |
      本工具自定。
items:
  - {id: "1", name: 一, points: 10, field: rate, rule: {type: threshold, target: 100}}
"""
    write(tmp_path, "base.yaml", base)
    kept = write(tmp_path, "kept.yaml", "extends: base.yaml\nid: kept\nname: 某省\n")
    assert [s.title for s in lg.load_rubric(kept).method] == ["分值从哪里来"]
    own = write(
        tmp_path,
        "own.yaml",
        "extends: base.yaml\nid: own\nname: 某市\nmethod:\n  - {title: 本市的分值, text: 市考核办确定。}\n",
    )
    rubric = lg.load_rubric(own)
    assert [(s.title, s.text) for s in rubric.method] == [("本市的分值", "市考核办确定。")]
    assert rubric.method_text("en") == rubric.method  # no English given: the rubric's own words
    res = runner.invoke(app, ["rubric", "show", str(own), "--method", "-f", "json"])
    assert res.exit_code == 0 and '"title": "本市的分值"' in res.stdout


def test_method_blocks_paragraphs_lists_and_wrapped_lines():
    from lawgov_score.views.rubric import method_blocks

    text = "第一段，\n接着写。\n\n- 一项\n  续行\n- second item\n  wrapped\n\nLast para\nin English."
    assert method_blocks(text) == [
        ("p", ["第一段，接着写。"]),
        ("ul", ["一项续行", "second item wrapped"]),
        ("p", ["Last para in English."]),
    ]


def test_rubric_diff_says_when_points_change_but_the_method_text_does_not(tmp_path):
    """The reasons printed in every report would speak of figures the rubric no longer has."""
    old = SHIFAN.read_text(encoding="utf-8")
    assert old.count("    weight: 60\n") == 1
    (tmp_path / "fields.yaml").write_bytes((ROOT / "rubrics" / "fields.yaml").read_bytes())
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(old.replace("    weight: 60\n", "    weight: 50\n"), encoding="utf-8")
    res = runner.invoke(app, ["rubric", "diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")])
    assert res.exit_code == 0 and "评分方法说明（method）却未修改" in res.stdout
    doc = runner.invoke(app, ["rubric", "diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "-f", "json"])
    assert '"method_unchanged": true' in doc.stdout
    # the text changed with the weights: nothing to point out
    rewritten = old.replace("    weight: 60\n", "    weight: 50\n").replace(
        "权重 60%，即 600 分", "权重 50%，即 500 分"
    )
    (tmp_path / "new.yaml").write_text(rewritten, encoding="utf-8")
    res = runner.invoke(app, ["rubric", "diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")])
    assert res.exit_code == 0 and "评分方法说明" not in res.stdout
    # no scoring change (the same file): no note either
    same = runner.invoke(app, ["rubric", "diff", str(tmp_path / "old.yaml"), str(tmp_path / "old.yaml")])
    assert "评分方法说明" not in same.stdout
