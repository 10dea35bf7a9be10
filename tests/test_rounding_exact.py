"""Rounded scores are exactly the decimals they print as, so parents add up by hand.

Polars divides by a constant as a multiplication by its inverse: 38440 × 0.01 is
384.40000000000003, not 384.4. Such a score printed in CSV/JSON shows the artefact, and a parent
computed from it can round the other way at an exact half.
"""

from __future__ import annotations

import polars as pl
from helpers import write
from hypothesis import given
from hypothesis import strategies as st
from reference import round_half_up as reference_round
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.engine.rules import round_half_up


@given(
    st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=50),
    st.integers(min_value=0, max_value=6),
)
def test_engine_rounding_is_the_reference_rounding_exactly(xs, decimals):
    got = (
        pl.DataFrame({"x": xs}, schema={"x": pl.Float64})
        .select(round_half_up(pl.col("x"), decimals).alias("r"))["r"]
        .to_list()
    )
    assert got == [reference_round(x, decimals) for x in xs]


@given(st.integers(min_value=-(10**9), max_value=10**9), st.integers(min_value=0, max_value=6))
def test_a_rounded_value_is_the_float_of_its_decimal(n, decimals):
    x = n / 10**decimals
    got = pl.select(round_half_up(pl.lit(x, dtype=pl.Float64), decimals)).item()
    assert got == float(f"{n}e-{decimals}")
    assert repr(got) == repr(float(f"{n}e-{decimals}"))


def test_parent_of_an_exact_half_rounds_away_from_zero(tmp_path):
    # (62.787962 + 73.979487) / 2 = 68.3837245 by hand → 68.383725 (half away from zero)
    write(
        tmp_path,
        "r.yaml",
        """
    id: t
    name: 测试
    decimals: 6
    fields:
      - {id: a, name: 甲, type: number}
      - {id: b, name: 乙, type: number}
    items:
      - id: P
        name: 父
        points: 100
        aggregate: weighted_mean
        items:
          - {id: A, name: 子甲, points: 100, field: a, rule: {type: direct}}
          - {id: B, name: 子乙, points: 100, field: b, rule: {type: direct}}
    """,
    )
    write(tmp_path, "d.csv", "unit,year,a,b\n甲县,2024,62.787962,73.979487\n")
    rubric = lg.load_rubric(tmp_path / "r.yaml")
    frame = lg.score(rubric, lg.read_indicators([tmp_path / "d.csv"], rubric)).frame
    assert frame.select("s:A", "s:B", "s:P", "total").row(0) == (62.787962, 73.979487, 68.383725, 68.383725)


def test_rank_csv_of_the_samples_prints_no_float_artefacts():
    from lawgov_score.cli import app

    out = CliRunner().invoke(app, ["rank", "samples/", "--format", "csv"])
    assert out.exit_code == 0, out.output
    cells = [c for line in out.output.splitlines()[1:] for c in line.split(",")]
    numbers = [c for c in cells if c.replace(".", "", 1).replace("-", "", 1).isdigit()]
    assert numbers and all(len(c.partition(".")[2]) <= 2 for c in numbers), [
        c for c in numbers if len(c.partition(".")[2]) > 2
    ]
