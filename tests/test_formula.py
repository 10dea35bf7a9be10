import polars as pl
import pytest

from lawgov_score.data.formula import to_polars
from lawgov_score.rubric import formula as fx


@pytest.mark.parametrize(
    "src,fields",
    [
        ("a / b * 100", ["a", "b"]),
        ("-(a + 2) * max(b, c, 3)", ["a", "b", "c"]),
        ("coalesce(rate, part / whole * 100)", ["rate", "part", "whole"]),
        ("abs(a - b)", ["a", "b"]),
    ],
)
def test_parses_and_lists_fields(src, fields):
    assert fx.fields_of(fx.parse(src)) == fields


@pytest.mark.parametrize(
    "src",
    [
        "",
        "a +",
        "(a",
        "a b",
        "__import__('os')",
        "a ** 2",
        "a.b",
        "open(a)",
        "a[0]",
        "lambda: 1",
        "a; b",
        "1e5",
    ],
)
def test_rejects_anything_outside_the_grammar(src):
    with pytest.raises(fx.FormulaError):
        fx.parse(src)


def evaluate(src, **cols):
    df = pl.DataFrame({k: pl.Series([v], dtype=pl.Float64) for k, v in cols.items()})
    return df.select(to_polars(fx.parse(src)).alias("x"))["x"][0]


def test_arithmetic_and_precedence():
    assert evaluate("a + b * c", a=1, b=2, c=3) == 7
    assert evaluate("(a + b) * c", a=1, b=2, c=3) == 9
    assert evaluate("a - -b", a=1, b=2) == 3
    assert evaluate("a / b * 100", a=10, b=48) == pytest.approx(20.833333333)


def test_division_by_zero_is_missing_not_inf():
    assert evaluate("a / b", a=1, b=0) is None
    assert evaluate("a / b", a=0, b=0) is None


@pytest.mark.parametrize(
    "src",
    [
        "a + b",
        "a - b",
        "a * b",
        "a / b",
        "-a + b",
        "min(a, b)",
        "max(a, b)",
        "min(100, a / b * 100)",
        "max(0, b, a)",
        "abs(a) + b",
    ],
)
def test_a_missing_argument_makes_every_operator_and_function_missing(src):
    assert evaluate(src, a=None, b=2) is None


def test_min_and_max_of_present_values():
    assert evaluate("min(100, a / b * 100)", a=60, b=48) == 100
    assert evaluate("min(100, a / b * 100)", a=12, b=48) == 25
    assert evaluate("max(a, b, 3)", a=1, b=2) == 3


def test_coalesce_is_the_one_way_to_skip_a_missing_value():
    assert evaluate("coalesce(a, b, 3)", a=None, b=None) == 3
    assert evaluate("coalesce(a, b, 3)", a=None, b=2) == 2
    assert evaluate("coalesce(a, b)", a=None, b=None) is None
    assert evaluate("min(100, coalesce(a, 0))", a=None, b=1) == 0
