"""Properties of the analysis commands on random rubrics and data (hypothesis):

* sensitivity with zero perturbation reproduces the plain ranking exactly;
* the path to the next grade, applied through whatif, reaches that grade;
* a unit benchmarked against itself shows no gap;
* what-if with a unit's own values changes nothing.
"""

import polars as pl
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from strategies import datasets, load_case, rubrics

import lawgov_score as lg


@given(rubrics(), datasets(min_units=2), st.sampled_from([None, "city"]), st.integers(0, 2**32 - 1))
def test_zero_perturbation_reproduces_plain_ranking(rubric, data, by, seed):
    rows, meta = data
    result = load_case(rubric, rows, meta)
    if by and result.frame["city"].null_count():  # a unit without 所属市 is in no group: both refuse
        for fn in (lambda: lg.sensitivity(result, samples=7, seed=seed, by=by), lambda: lg.rank(result, by=by)):
            with pytest.raises(lg.ProblemError, match="E-GROUP"):
                fn()
        return
    sv = lg.sensitivity(result, samples=7, seed=seed, perturb=0.0, by=by, keep_ranks=True, batch=3)
    plain = lg.rank(result, by=by).select(
        "unit", "year", pl.col("rank").alias("plain"), pl.col("grade").alias("plain_grade")
    )
    t = sv.table.join(plain, on=["unit", "year"], nulls_equal=True)
    assert t.height == result.frame.height
    assert (t["median_rank"] == t["plain"]).all()
    assert (t["p05"] == t["plain"]).all() and (t["p95"] == t["plain"]).all()
    # every single sample, not only the quantiles
    assert (sv.ranks == t["plain"].to_numpy()[None, :]).all()
    grades = result.rubric.grade_names()
    for g in grades:
        expect = (t["plain_grade"] == g).fill_null(False).cast(pl.Float64)
        assert (t[f"p:{g}"] == expect).all(), g


@given(rubrics(), datasets(min_units=2), st.integers(0, 1000))
def test_perturbed_ranks_are_ranks(rubric, data, seed):
    """With perturbation: ranks stay within 1..n of their year, grade probabilities add up."""
    rows, meta = data
    result = load_case(rubric, rows, meta)
    sv = lg.sensitivity(result, samples=20, seed=seed, perturb=0.3, perturb_targets=0.2, keep_ranks=True, batch=6)
    sizes = result.frame.group_by("year").len()
    t = sv.table.join(sizes, on="year", nulls_equal=True)
    assert (sv.ranks >= 1).all()
    assert (t["p95"] <= t["len"]).all()
    grades = result.rubric.grade_names()
    total = sum(t[f"p:{g}"] for g in grades)
    assert (total <= 1 + 1e-9).all()  # the rest: no grade at all, below the lowest band
    if grades and result.rubric.grades[-1].min_percent == 0:
        assert (abs(total - 1) < 1e-9).all()


@settings(max_examples=30)
@given(rubrics(), datasets(min_units=1, max_units=4), st.sampled_from(["fewest", "effort"]))
def test_path_to_next_grade_reaches_it_through_whatif(rubric, data, strategy):
    rows, meta = data
    result = load_case(rubric, rows, meta)
    names = result.rubric.grade_names()
    for r in result.frame.select("unit", "year", "grade").iter_rows(named=True):
        g = lg.gaps(result, r["unit"], r["year"], path=strategy)
        if g.path is None or not g.path.reachable:
            event("top grade or unreachable" if g.path is None or g.path.steps.height else "no steps")
            continue
        event(f"path of {min(g.path.steps.height, 3)}{'+' if g.path.steps.height >= 3 else ''} step(s)")
        w = lg.whatif(result, r["unit"], g.path.settings(), r["year"])
        assert w.after["grade"] in names, (r, w.after)
        assert names.index(w.after["grade"]) <= names.index(g.next_grade), (r, g.path.steps, w.after)
        assert w.after["total"] == g.path.total


@given(rubrics(), datasets(min_units=1), st.sampled_from([None, "city"]))
def test_unit_against_itself_shows_no_gap(rubric, data, within):
    rows, meta = data
    result = load_case(rubric, rows, meta)
    for r in result.frame.select("unit", "year", "city").iter_rows(named=True):
        if within and r["city"] is None:  # no 所属市 given: no group to compare within
            with pytest.raises(lg.ProblemError, match="E-GROUP"):
                lg.benchmark(result, r["unit"], against=r["unit"], year=r["year"], within=within)
            continue
        bm = lg.benchmark(result, r["unit"], against=r["unit"], year=r["year"], within=within)
        assert bm.items.height == len(result.rubric.items)
        assert (bm.items["diff"] == 0).all()
        assert bm.total == bm.ref_total
        assert bm.summary()["behind"] == 0 and bm.summary()["ahead"] == 0


@given(rubrics(), datasets(min_units=2))
def test_best_is_never_below_the_unit(rubric, data):
    rows, meta = data
    result = load_case(rubric, rows, meta)
    r = result.frame.row(0, named=True)
    bm = lg.benchmark(result, r["unit"], against="best", year=r["year"])
    assert (bm.items["diff"] <= 0).all()


@settings(max_examples=30)
@given(rubrics(), datasets(min_units=1, max_units=3))
def test_whatif_with_own_values_changes_nothing(rubric, data):
    rows, meta = data
    result = load_case(rubric, rows, meta)
    r = result.frame.row(0, named=True)
    own = result.indicators.values.filter((pl.col("unit") == r["unit"]) & (pl.col("year") == r["year"]))
    w = lg.whatif(result, r["unit"], dict(zip(own["field"], own["value"])), r["year"])
    assert w.items.height == 0
    assert w.before == w.after
    assert w.others_changed == 0
