"""The command line as a user drives it: outputs, files, exit codes, messages."""

import json

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from lawgov_score.cli import app

EXAMPLE = str(ROOT / "rubrics" / "example.yaml")
EXAMPLE_DATA = str(ROOT / "docs" / "examples" / "example-synthetic.csv")


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_help_lists_the_commands():
    r = run("--help")
    assert r.exit_code == 0
    for cmd in ("score", "rank", "gaps", "rubric"):
        assert cmd in r.output


def test_rank_json_keys_are_stable():
    r = run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "-f", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert list(rows[0])[:9] == ["rank", "unit", "year", "total", "max", "percent", "grade", "vetoed", "bonus"]
    assert {"1", "2", "3", "9"} <= set(rows[0])  # one key per top-level dimension
    assert [x["rank"] for x in rows] == [1, 2, 3, 4]


def test_score_json_keys_and_words_for_yes_no_and_grades():
    r = run("score", EXAMPLE_DATA, "-r", EXAMPLE, "-f", "json", "--unit", "甲")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert list(rows[0]) == [
        "unit",
        "year",
        "id",
        "name",
        "level",
        "parent",
        "dimension",
        "dimension_name",
        "value",
        "value_unit",
        "source",
        "derived_from",
        "treated",
        "score",
        "max",
        "target",
        "gap",
        "status",
        "evidence",
        "assessed_by",
        "assessed_by_names",
    ]
    by_id = {x["id"]: x for x in rows}
    assert by_id["1.3"]["value"] == "是" and by_id["3.1"]["value"] == "优"
    assert by_id["1.2"] == {
        **by_id["1.2"],
        "value": 96.5,
        "target": 100.0,
        "gap": 3.5,
        "status": "short",
        "score": 8.25,
    }


def test_csv_to_file_has_a_bom_and_chinese_headers(tmp_path):
    out = tmp_path / "rank.csv"
    r = run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "-o", str(out))
    assert r.exit_code == 0, r.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0].startswith("排名,单位,年度,总分")


def test_english_headers():
    r = run("rank", EXAMPLE_DATA, "-r", EXAMPLE, "--lang", "en", "--no-dimensions")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0].split()[:4] == ["rank", "unit", "year", "total"]


def test_ranking_within_groups_and_ties(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text(
        "单位,年度,所属市,网上可办率\nA,2024,甲市,90%\nB,2024,甲市,90%\nC,2024,甲市,85%\nD,2024,乙市,80%\n",
        encoding="utf-8",
    )
    r = run("rank", str(data), "-r", EXAMPLE, "--by", "city", "-f", "json")
    got = [(x["unit"], x["rank"], x["group"]) for x in json.loads(r.stdout)]
    assert got == [("D", 1, "乙市"), ("A", 1, "甲市"), ("B", 1, "甲市"), ("C", 3, "甲市")]  # groups in code point order
    r = run("rank", str(data), "-r", EXAMPLE, "--ties", "dense", "-f", "json")
    assert [x["rank"] for x in json.loads(r.stdout)] == [1, 1, 2, 3]


def test_gaps_lists_losses_and_the_next_grade():
    r = run("gaps", EXAMPLE_DATA, "-r", EXAMPLE, "--unit", "乙县", "-f", "json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["summary"]["grade"] == "不合格" and out["summary"]["next_grade"] == "合格"
    assert out["summary"]["points_to_next"] == pytest.approx(2.72)
    lost = [x["lost"] for x in out["items"]]
    assert lost == sorted(lost, reverse=True)


def test_unknown_unit_is_a_usage_error():
    r = run("gaps", EXAMPLE_DATA, "-r", EXAMPLE, "--unit", "不存在")
    assert r.exit_code == 2
    assert "E-USAGE" in r.stderr and "Traceback" not in r.output


def test_rubric_show_json():
    r = run("rubric", "show", EXAMPLE, "-f", "json")
    rows = json.loads(r.stdout)
    assert list(rows[0]) == [
        "id",
        "name",
        "level",
        "parent",
        "max",
        "rule",
        "wording",
        "assessed_by",
        "additional",
        "content",
    ]
    assert rows[1]["rule"]["type"] == "deduct"


def test_rubric_check_exit_codes(tmp_path):
    assert run("rubric", "check", EXAMPLE).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: x\nname: 坏\nitems:\n  - {id: '1', name: 一, points: -1, field: nope, rule: {type: boolean}}\n",
        encoding="utf-8",
    )
    r = run("rubric", "check", str(bad))
    assert r.exit_code == 1
    assert "bad.yaml:4: E-POINTS" in r.stdout and "bad.yaml:4: E-FIELD-UNKNOWN" in r.stdout
    assert run("rubric", "check", str(tmp_path / "missing.yaml")).exit_code == 2


def test_bad_input_exits_2_with_one_line_per_problem_and_writes_nothing(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text(
        "unit,year,field,value\nA,2024,online_service_rate,很高\nA,2024,no_such_field,1\n", encoding="utf-8"
    )
    before = data.read_bytes()
    out = tmp_path / "out.csv"
    r = run("rank", str(data), "-r", EXAMPLE, "-o", str(out))
    assert r.exit_code == 2
    lines = [ln for ln in r.stderr.splitlines() if "E-DATA" in ln]
    assert len(lines) == 2 and lines[0].endswith(
        "（指标“政务服务事项网上可办率（online_service_rate）”应填百分比，如 96.5%）"
    )
    assert "d.csv:2:value: E-DATA-NUMBER" in r.stderr and "d.csv:3:field: E-DATA-FIELD" in r.stderr
    assert not out.exists() and data.read_bytes() == before
    assert "Traceback" not in r.output


def test_debug_shows_the_traceback(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("unit,year,field,value\nA,2024,online_service_rate,很高\n", encoding="utf-8")
    r = run("rank", str(data), "-r", EXAMPLE, "--debug")
    assert r.exit_code != 0 and r.exception is not None


def test_defaults_run_on_the_bundled_rubric_and_samples():
    r = run("rank", "--no-dimensions", "-f", "json")
    assert r.exit_code == 0, r.output
    units = {x["unit"] for x in json.loads(r.stdout)}
    assert units == {"乃东区", "杭锦旗", "石峰区", "高台县", "乐平市"}


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.stdout.startswith("lawgov-score ")


SAMPLES = ROOT / "samples"
GAOTAI = str(SAMPLES / "gaotai-2022.csv")  # one report, no unit metadata: no city, level …
SHIFAN = str(ROOT / "rubrics" / "shifan.yaml")


@pytest.mark.parametrize(
    "args",
    [
        ["rank", GAOTAI, "--by", "level"],
        ["rank", "PARQUET", "--by", "level", "--scan"],
        ["whatif", "-u", "高台县", GAOTAI, "--set", "出庭应诉率=100%", "--by", "level"],
        ["trend", GAOTAI, str(SAMPLES / "leping-2024.csv"), "--by", "level"],
        ["sensitivity", GAOTAI, "--by", "level", "-n", "5"],
        ["benchmark", "-u", "高台县", GAOTAI, "--within", "level"],
        ["rubric", "diff", SHIFAN, EXAMPLE, GAOTAI, "--by", "level"],
    ],
)
def test_grouping_by_a_column_the_data_lacks_is_a_usage_error_naming_it(tmp_path, args):
    if "PARQUET" in args:  # the scanner reads long Parquet only
        import polars as pl

        pl.read_csv(GAOTAI, infer_schema=False).write_parquet(tmp_path / "gaotai.parquet")
        args = [str(tmp_path / "gaotai.parquet") if a == "PARQUET" else a for a in args]
    out = tmp_path / "out.csv"
    r = run(*args, "-o", str(out))
    assert r.exit_code == 2, r.output
    assert "E-GROUP: 不能按“level”分组：数据中没有“层级”（level）这一列" in r.stderr, r.stderr
    assert "Traceback" not in r.output and "E-INTERNAL" not in r.output and not out.exists()
    en = run(*args, "--lang", "en")
    assert "E-GROUP: cannot group by 'level': the data has no level column" in en.stderr, en.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "--by", "levle"],
        ["whatif", "-u", "乃东", "--set", "出庭应诉率=100%", "--by", "县"],
        ["rubric", "diff", SHIFAN, SHIFAN, "--by", "town"],
        ["benchmark", "-u", "乃东", "--within", "市"],
    ],
)
def test_an_unknown_grouping_column_is_a_usage_error(args):
    r = run(*args)
    assert r.exit_code == 2 and "E-GROUP" in r.stderr
    assert "只能按 city（所属市）、province（省份）、level（层级）或 group（分组）分组" in r.stderr


def test_a_unit_without_its_group_is_named_and_never_grouped_with_other_blanks(tmp_path):
    units = tmp_path / "units.csv"
    units.write_text("unit,city\n乃东区,山南市\n", encoding="utf-8")
    data = [GAOTAI, str(SAMPLES / "naidong-2022.csv"), str(units)]
    r = run("rank", *data, "--by", "city")
    assert r.exit_code == 2 and "E-GROUP: 不能按“city”分组：高台县 未填“所属市”" in r.stderr
    ok = run("benchmark", "-u", "乃东区", *data, "--within", "city")  # only the unit's own group matters here
    assert ok.exit_code == 0, ok.output
    blank = run("benchmark", "-u", "高台县", *data, "--within", "city")
    assert blank.exit_code == 2 and "高台县 未填“所属市”" in blank.stderr


def test_scoring_warns_on_stderr_about_units_without_peers():
    r = run("rank", GAOTAI, "-f", "csv")
    assert r.exit_code == 0
    assert "W-ALONE" not in r.stdout  # the table stays clean for a pipe or a file
    lines = [line for line in r.stderr.splitlines() if "W-ALONE" in line]
    # the two items comparing within the city: one line, at the rubric, naming both
    assert len(lines) == 1 and "高台县 2022（未填所属市）；按缺数据计 0 分（alone: missing）" in lines[0]
    assert "shifan.yaml: W-ALONE: 2 个项目 6.4.1「法律援助案件办理」、10.1.4「普法宣传活动」：" in lines[0]
    quiet = run("rank", EXAMPLE_DATA, "-r", EXAMPLE)  # every unit has peers: no warning
    assert quiet.exit_code == 0 and quiet.stderr == ""
