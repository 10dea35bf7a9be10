"""Numbers in E notation (1.2E-06), as Excel, WPS and data programs write very small or large
values into CSV, are read as numbers; text that merely contains an e is not."""

from __future__ import annotations

import polars as pl
import pytest
from helpers import FIELDS_YAML, write
from hypothesis import given
from hypothesis import strategies as st

import lawgov_score as lg


@pytest.fixture
def rubric(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    path = write(
        tmp_path,
        "r.yaml",
        """
    id: t
    name: 测试
    fields: [fields.yaml]
    items:
      - {id: "1", name: 一, points: 10, field: amount, rule: {type: minmax}}
    """,
    )
    return lg.load_rubric(path)


def read(tmp_path, rubric, cells: list[str]):
    p = tmp_path / "d.csv"
    p.write_text("unit,year,amount\n" + "".join(f"u{i},2024,{c}\n" for i, c in enumerate(cells)), encoding="utf-8")
    return lg.read_indicators_report([p], rubric)


def test_excel_style_e_notation(tmp_path, rubric):
    inds, report = read(tmp_path, rubric, ["1.2E-06", "7.590950933058738e-7", "2E+3", "-3.5e2", ".5e1"])
    assert report.ok, report
    assert inds.values.sort("unit")["value"].to_list() == [1.2e-06, 7.590950933058738e-7, 2000.0, -350.0, 5.0]


@pytest.mark.parametrize("cell", ["1e", "e5", "1.2E", "1e-", "1e1e1", "1ee5", "1E400"])
def test_not_numbers(tmp_path, rubric, cell):
    inds, report = read(tmp_path, rubric, [cell])
    assert inds is None and [p.code for p in report.problems] == ["E-DATA-NUMBER"]


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=20))
def test_any_float_written_by_polars_reads_back(tmp_path_factory, xs):
    tmp = tmp_path_factory.mktemp("e")
    write(tmp, "fields.yaml", FIELDS_YAML)
    rubric = lg.load_rubric(
        write(
            tmp,
            "r.yaml",
            """
    id: t
    name: 测试
    fields: [fields.yaml]
    items:
      - {id: "1", name: 一, points: 10, field: amount, rule: {type: minmax}}
    """,
        )
    )
    p = tmp / "d.csv"
    pl.DataFrame({"unit": [f"u{i:02d}" for i in range(len(xs))], "year": [2024] * len(xs), "amount": xs}).write_csv(p)
    got = lg.read_indicators([p], rubric).values.sort("unit")["value"].to_list()
    assert got == [x + 0.0 for x in xs]  # -0.0 reads as 0.0
