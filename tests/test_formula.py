import polars as pl
import pytest

from lawgov_score.rubric import formula as fx


@pytest.mark.parametrize("src,fields", [
    ("a / b * 100", ["a", "b"]),
    ("-(a + 2) * max(b, c, 3)", ["a", "b", "c"]),
    ("coalesce(rate, part / whole * 100)", ["rate", "part", "whole"]),
    ("abs(a - b)", ["a", "b"]),
])
def test_parses_and_lists_fields(src, fields):
    assert fx.fields_of(fx.parse(src)) == fields


@pytest.mark.parametrize("src", [
    "", "a +", "(a", "a b", "__import__('os')", "a ** 2", "a.b", "open(a)", "a[0]", "lambda: 1", "a; b", "1e5",
])
def test_rejects_anything_outside_the_grammar(src):
    with pytest.raises(fx.FormulaError):
        fx.parse(src)


def evaluate(src, **cols):
    df = pl.DataFrame({k: pl.Series([v], dtype=pl.Float64) for k, v in cols.items()})
    return df.select(fx.to_polars(fx.parse(src)).alias("x"))["x"][0]


def test_arithmetic_and_precedence():
    assert evaluate("a + b * c", a=1, b=2, c=3) == 7
    assert evaluate("(a + b) * c", a=1, b=2, c=3) == 9
    assert evaluate("a - -b", a=1, b=2) == 3
    assert evaluate("a / b * 100", a=10, b=48) == pytest.approx(20.833333333)


def test_division_by_zero_is_missing_not_inf():
    assert evaluate("a / b", a=1, b=0) is None
    assert evaluate("a / b", a=0, b=0) is None


def test_missing_propagates_but_min_max_coalesce_skip_it():
    assert evaluate("a + b", a=1, b=None) is None
    assert evaluate("max(a, b)", a=None, b=2) == 2
    assert evaluate("coalesce(a, b, 3)", a=None, b=None) == 3
