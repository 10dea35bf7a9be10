"""The analysis commands and the library give the same answers.

For gaps, whatif, benchmark, trend and sensitivity, with several option combinations:

* `-f json` on the command line is the document of the api result's view (one api call, one view);
* its summary is what the plain library functions (``lg.gaps(result, …)`` …) give on a result
  scored separately, and the options the CLI takes (--top, --depth, --steps, --by …) do what
  they say to the rows;
* `--lang en` output in every format carries no Chinese of the tool's own (tests/english.py),
  and neither do the analysis commands' own problems.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from english import tool_chinese
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score import api
from lawgov_score.cli import app
from lawgov_score.views.benchmark import benchmark_report_view
from lawgov_score.views.scoring import gaps_report_view
from lawgov_score.views.sensitivity import sensitivity_report_view
from lawgov_score.views.trend import trend_report_view
from lawgov_score.views.whatif import whatif_report_view

ROOT = Path(__file__).resolve().parent.parent
CITY = str(ROOT / "samples" / "synthetic-city")
SAMPLES = str(ROOT / "samples")
SHIFAN = str(ROOT / "rubrics" / "shifan.yaml")
KAOHE = str(ROOT / "rubrics" / "kaohe.yaml")
runner = CliRunner()


def cli_json(*args, lang: str = "zh"):
    r = runner.invoke(app, [*map(str, args), "-f", "json", "--lang", lang])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def plain(value):
    """As JSON gives it back (tuples as lists, keys as strings)."""
    return json.loads(json.dumps(value, ensure_ascii=False))


_SCORED: dict = {}


def scored(rubric: str, data: str):
    """A result scored by the plain library functions, once per rubric and data."""
    if (rubric, data) not in _SCORED:
        rub = lg.load_rubric(rubric)
        _SCORED[rubric, data] = lg.score(rub, lg.read_indicators([data], rub))
    return _SCORED[rubric, data]


# --- gaps ----------------------------------------------------------------------------------------

GAPS = [
    (CITY, SHIFAN, ["-u", "合成丙县", "--top", "6"], dict(unit="合成丙县", top=6)),
    (
        CITY,
        SHIFAN,
        ["-u", "合成丙县", "-y", "2023", "--path", "effort"],
        dict(unit="合成丙县", year=2023, path="effort"),
    ),
    (CITY, KAOHE, ["-u", "合成甲县", "--steps", "--top", "3"], dict(unit="合成甲县", steps=True, top=3)),
    (SAMPLES, SHIFAN, ["-u", "乃东", "--path", "none"], dict(unit="乃东", path="none")),
]


@pytest.mark.parametrize("data, rubric, args, kwargs", GAPS)
def test_gaps_cli_json_is_the_api_result(data, rubric, args, kwargs):
    doc = cli_json("gaps", data, "-r", rubric, *args)
    r = api.gaps_report([data], rubric, **kwargs)
    assert doc == plain(gaps_report_view(r, "zh").document)
    path = kwargs.get("path", "fewest")
    g = lg.gaps(scored(rubric, data), kwargs["unit"], kwargs.get("year"), path=None if path == "none" else path)
    assert doc["summary"] == plain(g.summary())
    top = kwargs.get("top")
    want = g.items["id"].to_list()[:top]
    assert [x["id"] for x in doc["items"]] == want and (top is None or len(want) == min(top, g.items.height))
    assert ("path" in doc) == (g.path is not None)
    if g.path is not None:
        assert [s["field"] for s in doc["path"]] == g.path.steps["field"].to_list()


def test_gaps_top_keeps_the_summary_whole():
    whole, top = api.gaps_report([CITY], unit="合成丙县"), api.gaps_report([CITY], unit="合成丙县", top=2)
    assert top.items.height == 2 and whole.items.height > 2
    assert top.summary() == whole.summary()


def test_gaps_steps_without_a_path_is_a_problem():
    with pytest.raises(lg.ProblemError, match="E-GAPS-NO-PATH"):
        api.gaps_report([CITY], unit="合成甲县", path="none", steps=True)


def test_gaps_workbook_data_only_when_asked():
    assert api.gaps_report([CITY], unit="合成甲县", path="none").book is None
    book = api.gaps_report([CITY], unit="合成甲县", path="none", workbook=True).book
    assert set(book.items["unit"]) == {"合成甲县"} and set(book.items["year"]) == {2024}
    assert book.ranking["year"].unique().to_list() == [2024] and book.highlight == ["合成甲县"]


# --- whatif --------------------------------------------------------------------------------------

WHATIF = [
    (["法律顾问出具法律意见数=30", "double_publicity=是"], dict(unit="合成丙县")),
    (["law_lectures="], dict(unit="合成甲县", year=2023, by="city")),
    (["行政机关负责人出庭应诉率=100%", "reconsideration_closed=40"], dict(unit="合成辛市", year=2022)),
]


@pytest.mark.parametrize("sets, kwargs", WHATIF)
def test_whatif_cli_json_is_the_api_result(sets, kwargs):
    args = [a for s in sets for a in ("--set", s)]
    opts = ["-u", kwargs["unit"], *(["-y", kwargs["year"]] if "year" in kwargs else [])]
    opts += ["--by", kwargs["by"]] if "by" in kwargs else []
    doc = cli_json("whatif", CITY, *opts, *args)
    r = api.whatif_report([CITY], changes=sets, **kwargs)
    assert doc == plain(whatif_report_view(r, "zh").document)
    changes = dict(s.split("=", 1) for s in sets)
    w = lg.whatif(scored(SHIFAN, CITY), kwargs["unit"], changes, kwargs.get("year"), by=kwargs.get("by"))
    assert doc["summary"] == plain(w.summary())
    assert [x["id"] for x in doc["items"]] == w.items["id"].to_list()
    # the same changes given as a mapping
    assert api.whatif_report([CITY], changes=changes, **kwargs).summary() == r.summary()


def test_whatif_settings_are_checked_before_anything_is_read(tmp_path):
    with pytest.raises(lg.ProblemError, match="E-SET"):
        api.whatif_report([tmp_path / "no-such-file.csv"], unit="x", changes=["出庭应诉率"])


# --- benchmark -----------------------------------------------------------------------------------

BENCHMARK = [
    ["-d", "1"],
    ["--against", "median", "--within", "city"],
    ["--against", "己县", "-y", "2023", "-d", "2"],
    ["--against", "合成市"],
]


def _benchmark_kwargs(args):
    names = {"-d": "depth", "--against": "against", "--within": "within", "-y": "year"}
    kw = {names[k]: v for k, v in zip(args[::2], args[1::2])}
    return {k: int(v) if k in ("depth", "year") else v for k, v in kw.items()}


@pytest.mark.parametrize("args", BENCHMARK)
def test_benchmark_cli_json_is_the_api_result(args):
    kwargs = _benchmark_kwargs(args)
    doc = cli_json("benchmark", CITY, "-u", "合成甲县", *args)
    r = api.benchmark_report([CITY], unit="合成甲县", **kwargs)
    assert doc == plain(benchmark_report_view(r, "zh").document)
    bm = lg.benchmark(
        scored(SHIFAN, CITY), "合成甲县", kwargs.get("against", "best"), kwargs.get("year"), within=kwargs.get("within")
    )
    assert doc["summary"] == plain(bm.summary())  # every item counted, whatever the depth shown
    depth = kwargs.get("depth")
    want = bm.items if depth is None else bm.items.filter(pl.col("level") <= depth)
    assert [x["id"] for x in doc["items"]] == want["id"].to_list()


# --- trend ---------------------------------------------------------------------------------------

TREND = [
    ([], {}),
    (["-u", "合成甲县", "--from", "2022", "--by", "city"], dict(unit="合成甲县", year_from=2022, by="city")),
    (["--from", "2022", "--to", "2023"], dict(year_from=2022, year_to=2023)),
]


@pytest.mark.parametrize("args, kwargs", TREND)
def test_trend_cli_json_is_the_api_result(args, kwargs):
    doc = cli_json("trend", CITY, *args)
    r = api.trend_report([CITY], **kwargs)
    assert doc == plain(trend_report_view(r, "zh").document)
    tr = lg.trend(
        scored(SHIFAN, CITY), kwargs.get("year_from"), kwargs.get("year_to"), kwargs.get("by"), kwargs.get("unit")
    )
    assert doc["summary"] == plain(tr.summary())
    assert [x["unit"] for x in doc["units"]] == tr.units["unit"].to_list()
    assert ("items" in doc) == ("unit" in kwargs)


# --- sensitivity ---------------------------------------------------------------------------------

SENSITIVITY = [
    (["-n", "50", "--seed", "3", "--top", "3", "-y", "2024"], dict(samples=50, seed=3, top=3, year=2024)),
    (
        ["-n", "30", "--perturb", "10%", "--perturb-targets", "5%", "--by", "city"],
        dict(samples=30, perturb=0.1, perturb_targets=0.05, by="city"),
    ),
]


@pytest.mark.parametrize("args, kwargs", SENSITIVITY)
def test_sensitivity_cli_json_is_the_api_result(args, kwargs):
    doc = cli_json("sensitivity", CITY, *args)
    r = api.sensitivity_report([CITY], **kwargs)
    assert doc == plain(sensitivity_report_view(r, "zh").document)
    sv = lg.sensitivity(scored(SHIFAN, CITY), **kwargs)
    assert doc["summary"] == plain(sv.summary())
    assert [(u["unit"], u["year"], u["median_rank"]) for u in doc["units"]] == sv.table.select(
        "unit", "year", "median_rank"
    ).rows()


def test_sensitivity_reports_its_progress():
    seen = []
    api.sensitivity_report([CITY], samples=40, year=2024, progress=lambda n, total: seen.append((n, total)))
    assert seen and seen[-1] == (40, 40) and [n for n, _ in seen] == sorted(n for n, _ in seen)


# --- English -------------------------------------------------------------------------------------

ENGLISH = [
    (CITY, SHIFAN, ["gaps", "-u", "合成辛市"]),
    (CITY, KAOHE, ["gaps", "-u", "合成甲县", "--path", "effort"]),
    (SAMPLES, SHIFAN, ["gaps", "-u", "乃东"]),
    (CITY, SHIFAN, ["whatif", "-u", "合成丙县", "--set", "法律顾问出具法律意见数=30", "--set", "double_publicity=是"]),
    (CITY, KAOHE, ["whatif", "-u", "合成甲县", "--set", "出庭应诉率=100%"]),
    (CITY, SHIFAN, ["benchmark", "-u", "合成甲县", "-d", "2"]),
    (CITY, SHIFAN, ["benchmark", "-u", "合成甲县", "--against", "合成市", "-d", "1"]),
    (CITY, SHIFAN, ["trend", "-u", "合成甲县", "--by", "city"]),
    (CITY, SHIFAN, ["sensitivity", "-n", "20", "--perturb-targets", "5%"]),
]


@pytest.mark.parametrize("data, rubric, args", ENGLISH)
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_english_output_has_no_chinese_of_the_tool(data, rubric, args, fmt):
    r = runner.invoke(app, [*args, data, "-r", rubric, "-f", fmt, "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert tool_chinese(r.stdout, rubric, [data]) == []


def test_english_gaps_workbook_sheet_has_no_chinese_of_the_tool(tmp_path):
    import fastexcel

    out = tmp_path / "g.xlsx"
    r = runner.invoke(app, ["gaps", CITY, "-u", "合成辛市", "-o", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    lost = fastexcel.read_excel(out).load_sheet(0, header_row=None).to_polars()  # 差距, the command's own
    text = "\n".join(" ".join(str(v) for v in row if v is not None) for row in lost.rows())
    assert "yes" in text and "shortest path" in text and tool_chinese(text, SHIFAN, [CITY]) == []


GAOTAI = str(ROOT / "samples" / "gaotai-2022.csv")
ERRORS = [
    (CITY, ["benchmark", "-u", "合成甲县", "--against", "best-ish"]),
    (GAOTAI, ["benchmark", "-u", "高台县", "--against", "median"]),
    (SAMPLES, ["benchmark", "-u", "乃东", "--against", "乐平"]),
    (CITY, ["gaps", "-u", "合成", "--steps"]),
    (CITY, ["gaps", "-u", "合成甲县", "--path", "none", "--steps"]),
    (CITY, ["gaps", "-u", "合成甲县", "-y", "2021"]),
    (GAOTAI, ["trend"]),
    (SAMPLES, ["trend"]),
    (CITY, ["trend", "--to", "2030"]),
    (CITY, ["trend", "--to", "2022"]),
    (CITY, ["trend", "--from", "2023", "--to", "2023"]),
    (CITY, ["sensitivity", "--perturb", "abc"]),
    (CITY, ["sensitivity", "--perturb", "150%"]),
    (CITY, ["sensitivity", "--write-samples", "x.txt"]),
    (CITY, ["sensitivity", "-y", "2030"]),
]


@pytest.mark.parametrize("data, args", ERRORS)
def test_english_problems_of_the_analysis_commands(data, args):
    zh = runner.invoke(app, [*args, data])
    en = runner.invoke(app, [*args, data, "--lang", "en"])
    assert zh.exit_code == en.exit_code == 2
    mine = [line for line in en.stderr.splitlines() if not line.startswith(("samples/", "rubrics/"))]  # the data's own
    left = tool_chinese("\n".join(mine), SHIFAN, [data])
    assert mine and [c for c in left if not any(c in typed for typed in args)] == [], mine  # typed: the user's own
    code = mine[0].split(":")[0]
    assert code.startswith("E-") and code in zh.stderr


def test_english_lists_in_problems():
    r = runner.invoke(app, ["trend", "--from", "2030", CITY, "--lang", "en"])
    assert "E-TREND-YEAR: the data has no year 2030; it has: 2022, 2023, 2024" in r.stderr
    r = runner.invoke(app, ["gaps", "-u", "乃东", "-y", "2024", "--lang", "en"])
    assert "E-USAGE-YEAR: unit '乃东区' has no data for 2024; it has: 2022" in r.stderr
    r = runner.invoke(app, ["gaps", "-u", "没有这个县", "--lang", "en"])
    assert "it has: 乃东区, 乐平市, 杭锦旗, 石峰区, 高台县" in r.stderr
