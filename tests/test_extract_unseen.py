"""The unseen sets for `extract` (tests/data/unseen/, unseen2/, unseen3/) are sound; measuring shows figures only.

No threshold is asserted on the extractor here: the set measures it (tests/extract_unseen.py,
`make extract-unseen`). These tests check what the figures rest on: the gold loads as an indicator
file, every value and trap is in its report as quoted, the README's counts are the data's, and the
measurement prints no text of the set unless asked.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import polars as pl
import pytest
from extract_unseen import SETS, gold_file, main, measure, traps_file

from lawgov_score.data.read import read_indicators_report
from lawgov_score.extract import field_dictionary
from lawgov_score.extract.evaluate import CORE_FIELDS
from lawgov_score.rubric.compiled import Rubric

PAGE_FOOTER = re.compile(r"^— \d+ —$")
CHINESE_NUMERAL = re.compile("[一二两三四五六七八九十百千]")


# Every test runs on each set: the first, the second and the third, each written apart from the others.
each_set = pytest.mark.parametrize("set_dir", SETS, ids=[s.name for s in SETS])


def _gold(set_dir: Path) -> pl.DataFrame:
    return pl.read_csv(gold_file(set_dir), schema_overrides={"value": pl.Float64, "qualifier": pl.String})


def _traps(set_dir: Path) -> pl.DataFrame:
    return pl.read_csv(traps_file(set_dir), schema_overrides={"value": pl.Float64, "field": pl.String})


def _reports(set_dir: Path) -> list[Path]:
    return sorted(set_dir.glob("synthetic-*.txt"))


def _joined(path: Path) -> str:
    """The report as one line: hard wraps and page footers removed, as the gold quotes it."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return "".join(line for line in lines if line.strip() and not PAGE_FOOTER.match(line.strip()))


def _numbers(text: str) -> list[float]:
    """Every number written in digits (full-width too, thousands commas, 万) in ``text``."""
    text = re.sub(r"(?<=\d),(?=\d)", "", unicodedata.normalize("NFKC", text))
    return [float(m.group(1)) * (10000 if m.group(2) else 1) for m in re.finditer(r"(\d+(?:\.\d+)?)(万)?", text)]


@each_set
def test_gold_loads_as_an_indicator_file_with_core_fields_only(set_dir):
    fields, _ = field_dictionary(None)
    shell = Rubric(id="fields", name="fields", path="", items={}, roots=[], fields=fields, total=0)
    gold, report = read_indicators_report([gold_file(set_dir)], shell)
    assert gold is not None and report.ok and not report.problems, report.render("en")
    assert gold.values.height == _gold(set_dir).height
    assert set(gold.values["field"]) <= set(CORE_FIELDS)
    assert set(gold.values["field"]) == set(CORE_FIELDS), "every core field is in the set"
    assert set(gold.values["qualifier"].drop_nulls()) <= {"lower_bound", "approx"}


@each_set
def test_one_value_per_report_and_field_and_every_report_has_gold(set_dir):
    gold = _gold(set_dir)
    assert gold.select("source", "field").is_duplicated().sum() == 0
    files = {p.name for p in _reports(set_dir)}
    assert len(files) >= 12
    assert set(gold["source"]) == files
    assert (
        gold.group_by("source")
        .agg(pl.col("unit").n_unique(), pl.col("year").n_unique())
        .select((pl.col("unit") == 1) & (pl.col("year") == 1))
        .to_series()
        .all()
    )


@pytest.mark.parametrize(
    "report",
    [p for s in SETS for p in _reports(s)],
    ids=lambda p: f"{p.parent.name}/{p.stem.removeprefix('synthetic-')}",
)
def test_each_gold_value_is_stated_in_its_quote_and_the_quote_in_its_report(report):
    set_dir, name = report.parent, report.name
    text = _joined(report)
    raw = report.read_text(encoding="utf-8")
    assert 30 <= len(raw.split("\n")) <= 120
    for row in _gold(set_dir).filter(pl.col("source") == name).iter_rows(named=True):
        assert row["quote"] in text, (row["field"], row["quote"])
        if not CHINESE_NUMERAL.search(row["quote"]):
            assert any(abs(n - row["value"]) < 1e-9 for n in _numbers(row["quote"])), (row["field"], row["quote"])
        assert ("hard_wrap" in row["kind"]) == (row["quote"] not in raw)
    for row in _traps(set_dir).filter(pl.col("source") == name).iter_rows(named=True):
        assert row["quote"] in text, (row["kind"], row["quote"])


@each_set
def test_no_trap_has_the_gold_value_of_its_field(set_dir):
    """Otherwise reading the right value would count as taking the trap."""
    gold, traps = _gold(set_dir), _traps(set_dir)
    clash = traps.join(gold, on=["source", "field"], suffix="_gold").filter(
        (pl.col("value") - pl.col("value_gold")).abs() < 1e-9
    )
    assert clash.height == 0, clash.select("source", "field", "value").to_dicts()


@each_set
def test_readme_kinds_table_matches_the_data(set_dir):
    readme = (set_dir / "README.md").read_text(encoding="utf-8")
    gold_kinds = _gold(set_dir).with_columns(pl.col("kind").str.split(";")).explode("kind")["kind"].value_counts()
    gold_counts = dict(gold_kinds.iter_rows())
    trap_counts = dict(_traps(set_dir)["kind"].value_counts().iter_rows())
    documented = {}
    for line in readme.splitlines():
        m = re.match(r"^\| (`[^|]+) \|.*\| (\d+|–) \| (\d+) \|$", line)
        if m:
            kinds = re.findall(r"`(\w+)`", m.group(1))
            documented[tuple(kinds)] = (0 if m.group(2) == "–" else int(m.group(2)), int(m.group(3)))
    assert {k for ks in documented for k in ks} == set(gold_counts) | set(trap_counts)
    for kinds, (n_gold, n_traps) in documented.items():
        assert sum(gold_counts.get(k, 0) for k in kinds) == n_gold, kinds
        assert sum(trap_counts.get(k, 0) for k in kinds) == n_traps, kinds
    gold = _gold(set_dir)
    total = f"{gold['source'].n_unique()} reports, {gold.height} gold values"
    assert total in readme and f"{_traps(set_dir).height} traps" in readme


@each_set
def test_measurement_counts_every_gold_value_once(set_dir):
    m = measure(set_dir)
    gold = _gold(set_dir)
    assert m.overall["gold"] == gold.height
    assert len(m.reports) == gold["source"].n_unique()
    assert m.fields["gold"].sum() == gold.height
    assert m.units["reports"] == gold["source"].n_unique()
    kinds = dict(m.kinds.select("kind", "gold").iter_rows())
    assert kinds["plain"] == gold.filter(pl.col("kind").str.contains("plain")).height
    for row in m.kinds.iter_rows(named=True):
        assert row["correct"] <= min(row["gold"], row["extracted"])
        assert row["traps_taken"] <= row["traps"]


@each_set
def test_measurement_prints_no_text_of_the_set_unless_asked(set_dir, capsys):
    main(["--set", str(set_dir)])
    shown = capsys.readouterr().out
    assert "overall: precision" in shown and "per kind" in shown
    assert f"({set_dir.relative_to(set_dir.parents[2])}, synthetic)" in shown
    quotes = list(_gold(set_dir)["quote"]) + list(_traps(set_dir)["quote"])
    assert not [q for q in quotes if q in shown]
    main(["--set", str(set_dir), "--differences"])
    assert "differences" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("first", "second"),
    [(a, b) for i, a in enumerate(SETS) for b in SETS[i + 1 :]],
    ids=lambda s: s.name,
)
def test_the_sets_are_apart(first, second):
    """Each set was written without reading the others: no report or reporting unit is shared."""
    one, other = _gold(first), _gold(second)
    assert not set(one["source"]) & set(other["source"])
    assert not set(one["unit"]) & set(other["unit"])
