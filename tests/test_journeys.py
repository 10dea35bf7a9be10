"""A city's ranking, as the README tells it: every `lawgov-score` command of that section runs as
written on the synthetic city (with a unit file headed in Chinese and a group of the city's own),
and what the README says each one gives is there."""

from __future__ import annotations

import csv
import re
import shlex
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from lawgov_score.cli import app

README = ROOT / "README.md"
CITY = ROOT / "samples" / "synthetic-city"


def section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def commands(text: str) -> list[list[str]]:
    """The `lawgov-score …` lines of the section's code blocks, as argument lists."""
    blocks = re.findall(r"```\n(.*?)```", text, re.S)
    lines = [ln.strip() for b in blocks for ln in b.splitlines()]
    return [shlex.split(ln)[1:] for ln in lines if ln.startswith("lawgov-score ")]


@pytest.fixture
def city(tmp_path: Path, monkeypatch) -> Path:
    """The README's folder 各县数据/, set up by the two shell lines the README gives: the synthetic
    city's data and the shipped unit file headed in Chinese, with a 分组 of the city's own."""
    setup = section("A city's ranking, step by step")
    assert "mkdir 各县数据\n" in setup
    line = next(ln for ln in setup.splitlines() if ln.startswith("cp "))
    *sources, dest = shlex.split(line)[1:]
    assert dest == "各县数据/"
    folder = tmp_path / "各县数据"
    folder.mkdir()
    for src in sources:
        (folder / Path(src).name).write_bytes((ROOT / src).read_bytes())
    with open(folder / "synthetic-city-units-grouped.csv", encoding="utf-8") as fh:
        units = list(csv.DictReader(fh))
    with open(CITY / "synthetic-city-units.csv", encoding="utf-8-sig") as fh:
        assert [u["单位"] for u in units] == [u["unit"] for u in csv.DictReader(fh)]
    assert {u["分组"] for u in units if u["层级"] == "区"} == {"城区"}
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_city_ranking_journey_runs_as_the_readme_writes_it(city):
    steps = commands(section("A city's ranking, step by step"))
    assert len(steps) >= 8 and all(s[1] == "各县数据/" for s in steps)
    runner = CliRunner()
    for args in steps:
        r = runner.invoke(app, args)
        assert r.exit_code == 0, (args, r.stderr)
        if "-o" in args:
            assert (city / args[args.index("-o") + 1]).stat().st_size > 0, args

    # the grouped ranking restarts at 1 in each group, and says the group
    with open(city / "排名.csv", encoding="utf-8-sig") as fh:
        ranked = list(csv.DictReader(fh))
    assert {"排名", "单位", "年度", "层级", "否决"} <= set(ranked[0])
    by_level: dict[str, list[int]] = {}
    for row in ranked:
        by_level.setdefault(row["层级"], []).append(int(row["排名"]))
        assert row["否决"] in ("是", "否")
    assert set(by_level) == {"县", "区", "县级市"} and all(ranks[0] == 1 for ranks in by_level.values())

    # each county's gaps say which unit and year every row is about
    with open(city / "合成丙县-差距.csv", encoding="utf-8-sig") as fh:
        gaps = list(csv.DictReader(fh))
    assert gaps and all(g["单位"] == "合成丙县" and g["年度"] == "2024" for g in gaps)

    # the workbook's gaps sheet too (unit and year columns on every row)
    import openpyxl

    wb = openpyxl.load_workbook(city / "合成丙县-差距.xlsx", read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r and r[0] == "单位")
    assert rows[header][:2] == ("单位", "年度")
    assert all(r[0] == "合成丙县" and r[1] == 2024 for r in rows[header + 1 :] if r[0] is not None)


def test_grouping_by_the_chinese_name_is_grouping_by_the_column(city):
    runner = CliRunner()
    zh = runner.invoke(app, ["rank", "各县数据/", "--year", "2024", "--by", "分组", "-f", "json"])
    en = runner.invoke(app, ["rank", "各县数据/", "--year", "2024", "--by", "group", "-f", "json"])
    assert zh.exit_code == 0 and zh.stdout == en.stdout
    assert '"group": "城区"' in zh.stdout


def test_a_unit_name_close_to_one_in_the_data_is_listed_not_guessed(city):
    r = CliRunner().invoke(app, ["gaps", "各县数据/", "--unit", "合成丙区"])
    assert r.exit_code == 2
    assert (
        r.stderr.splitlines()[-2] == "E-USAGE-UNIT-LIKE: 数据中没有单位“合成丙区”；相近的有：合成丙县；请写出其中一个"
    )
