"""The scoring commands are the library: `score -f json` and `rank -f json` print exactly the
records of the api call with the same options, and those records are the rows of the typed
result (nothing is computed on the way out)."""

import json
import math

import polars as pl
import pytest
from conftest import ROOT
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score import api
from lawgov_score.cli import app

SAMPLES = ROOT / "samples"
CITY = SAMPLES / "synthetic-city"
EXAMPLE = ROOT / "rubrics" / "example.yaml"
EXAMPLE_DATA = ROOT / "docs" / "examples" / "example-synthetic.csv"


def cli_json(*args) -> list[dict]:
    r = CliRunner().invoke(app, [*map(str, args), "-f", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def same_number(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, abs_tol=1e-6)
    return a == b


SCORE_CASES = [
    ([], {}),
    (["--unit", "乃东"], {"unit": "乃东"}),
    (["--year", "2024"], {"year": 2024}),
    (["--depth", "2", "--status", "short"], {"depth": 2, "status": "short"}),
    ([CITY, "--unit", "合成丙县", "--year", "2023"], {"data": [CITY], "unit": "合成丙县", "year": 2023}),
    (
        [EXAMPLE_DATA, "-r", EXAMPLE, "--status", "missing"],
        {"data": [EXAMPLE_DATA], "rubric": EXAMPLE, "status": "missing"},
    ),
]


@pytest.mark.parametrize(
    "args,kwargs", SCORE_CASES, ids=lambda x: " ".join(map(str, x)) if isinstance(x, list) else None
)
def test_score_json_is_the_api_result(args, kwargs):
    kwargs = dict(kwargs)
    data, rubric = kwargs.pop("data", None), kwargs.pop("rubric", None)
    table = api.score_table(data, rubric, **kwargs)
    got = cli_json("score", *args)
    assert got == api.score_records(table.result, table.items)
    assert len(got) == table.items.height > 0
    # the records are the typed rows: same keys in the same order, scores as the frame holds them
    rows = table.items.select("unit", "year", "id", "score", "max", "status").to_dicts()
    assert [(r["unit"], r["year"], r["id"], r["status"]) for r in got] == [
        (r["unit"], r["year"], r["id"], r["status"]) for r in rows
    ]
    assert all(same_number(g["score"], r["score"]) and g["max"] == r["max"] for g, r in zip(got, rows))


RANK_CASES = [
    ([], {}),
    (["--ties", "dense"], {"ties": "dense"}),
    (["--on", "3"], {"on": "3"}),
    (["--pool"], {"pool": True}),
    (["--no-dimensions"], {"dimensions": False}),
    ([CITY, "--by", "city"], {"data": [CITY], "by": "city"}),
    (
        [CITY, "--by", "city", "--ties", "average", "--year", "2024"],
        {"data": [CITY], "by": "city", "ties": "average", "year": 2024},
    ),
    ([CITY, "--on", "2.1", "--pool", "--ties", "max"], {"data": [CITY], "on": "2.1", "pool": True, "ties": "max"}),
    ([EXAMPLE_DATA, "-r", EXAMPLE, "--ties", "min"], {"data": [EXAMPLE_DATA], "rubric": EXAMPLE, "ties": "min"}),
]


@pytest.mark.parametrize(
    "args,kwargs", RANK_CASES, ids=lambda x: " ".join(map(str, x)) if isinstance(x, list) else None
)
def test_rank_json_is_the_api_result(args, kwargs):
    kwargs = dict(kwargs)
    data, rubric = kwargs.pop("data", None), kwargs.pop("rubric", None)
    table = api.rank_table(data, rubric, **kwargs)
    got = cli_json("rank", *args)
    assert got == api.rank_records(table)
    assert_rows(got, table.table)


def assert_rows(got: list[dict], frame: pl.DataFrame) -> None:
    """Every JSON key is a column of the ranked frame, with the frame's value."""
    assert len(got) == frame.height > 0
    for record, row in zip(got, frame.iter_rows(named=True)):
        for key, value in record.items():
            assert same_number(value, row[key]), (key, value, row[key])


def test_rank_json_is_the_library_ranking():
    """The api's table is `lg.rank` of `lg.score`, filtered to the year asked for."""
    rubric = lg.load_rubric(ROOT / "rubrics" / "shifan.yaml")
    whole = lg.rank(lg.score(rubric, lg.read_indicators([CITY], rubric)), by="city", ties="dense")
    got = cli_json("rank", CITY, "--by", "city", "--ties", "dense", "--year", "2023")
    assert_rows(got, whole.filter(pl.col("year") == 2023))


@pytest.mark.parametrize("how", [{}, {"by": "city"}, {"ties": "dense", "pool": True}, {"on": "3"}])
def test_scanned_rank_json_is_the_api_result(tmp_path, how):
    long = pl.read_csv(CITY / "synthetic-city-2022-2024.csv", infer_schema=False)
    units = pl.read_csv(CITY / "synthetic-city-units.csv", infer_schema=False)
    path = tmp_path / "city.parquet"
    long.join(units.select("unit", "city"), on="unit", how="left").write_parquet(path)
    args = [f"--{k}" if v is True else f"--{k}={v}" for k, v in how.items()]
    table = api.rank_table([path], scan=True, **how)
    assert table.scanned
    got = cli_json("rank", path, "--scan", *args)
    assert got == api.rank_records(table)
    assert got == cli_json("rank", path, *args)  # read whole: the same ranking
    assert_rows(got, table.table)
