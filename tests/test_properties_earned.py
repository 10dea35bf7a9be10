"""Every point earned, as properties over random rubrics with every rule type (hypothesis):

* a unit with no values scores 0 on every item whose ``missing`` is ``zero``, and its total is 0
  apart from the items a rubric declares ``missing: full``;
* removing one stated value never raises an absolute item's score;
* a derived value exists only when all its inputs do, and says which they are;
* an item is ``met`` only on a stated or derived value.
"""

from __future__ import annotations

import polars as pl
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import EMPTY, FIELDS, RELATIVE, datasets, load_case, rubrics

from lawgov_score.rubric import formula as fx


def _full_ancestors(rub) -> set[str]:
    """Items with a ``missing: full`` leaf at or below them."""
    out: set[str] = set()
    for it in rub.leaves():
        if it.missing == "full" and it.role == "score":
            node = it
            while node is not None:
                out.add(node.id)
                node = rub.items.get(node.parent) if node.parent else None
    return out


@given(rubrics(), datasets(empty_unit=True))
def test_a_unit_with_no_values_scores_nothing(rubric, data):
    result = load_case(rubric, *data)
    rub = result.rubric
    full = _full_ancestors(rub)
    recs = result.items().filter(pl.col("unit") == EMPTY)
    assert recs.height > 0
    for r in recs.iter_rows(named=True):
        item = rub.items[r["id"]]
        if item.is_leaf:
            # (missing, not vetoed: no veto fires on a value nobody stated)
            assert (r["value"], r["source"], r["status"]) == (None, "absent", "missing"), r["id"]
        if r["id"] not in full:
            assert r["score"] == 0.0, (r["id"], r["score"])
    for t in result.frame.filter(pl.col("unit") == EMPTY).iter_rows(named=True):
        assert not t["vetoed"] and t["bonus"] == 0.0
        if not full:
            assert (t["base"], t["total"], t["percent"]) == (0.0, 0.0, 0.0)


def _absolute(item) -> bool:
    return item.is_leaf and item.role == "score" and item.rule.type not in RELATIVE and item.missing == "zero"


@given(rubrics(coalesce=False), datasets(), st.data())
def test_removing_a_stated_value_never_raises_an_absolute_item(rubric, data, pick):
    rows, meta = data
    # a stated value of a field without a formula (a derived field's stated value, once removed,
    # gives way to its formula, which may give anything)
    stated = [i for i, r in enumerate(rows) if r["value"] is not None and "formula" not in FIELDS[r["field"]]]
    assume(stated)
    i = pick.draw(st.sampled_from(stated))
    gone = rows[i]
    fewer = [dict(r, value=None) if j == i else r for j, r in enumerate(rows)]  # the unit stays named
    before, after = load_case(rubric, rows, meta), load_case(rubric, fewer, meta)
    rub = before.rubric
    a = {(r["unit"], r["year"], r["id"]): r["score"] for r in before.items().iter_rows(named=True)}
    b = {(r["unit"], r["year"], r["id"]): r["score"] for r in after.items().iter_rows(named=True)}
    for (unit, year, item_id), score in a.items():
        if not _absolute(rub.items[item_id]):
            continue
        if (unit, year) == (gone["unit"], gone["year"]):
            assert b[(unit, year, item_id)] <= score + 1e-9, (item_id, score, b[(unit, year, item_id)])
        else:  # an absolute item looks at its own unit only
            assert b[(unit, year, item_id)] == score


def _stated(rows) -> dict:
    out: dict = {}
    for r in rows:
        if r["value"] is not None:
            out.setdefault((r["unit"], r["year"]), set()).add(r["field"])
    return out


def _inputs(rub, fields: list[str], stated: set[str]) -> list[str]:
    """The stated fields a formula reading ``fields`` rests on (no coalesce): a field not stated
    is replaced by what its dictionary formula reads."""
    out: list[str] = []
    for f in fields:
        derived = f not in stated and f in rub.field_formulas
        more = _inputs(rub, fx.fields_of(rub.field_formulas[f]), stated) if derived else [f]
        out += [g for g in more if g not in out]
    return out


@given(rubrics(coalesce=False), datasets())
def test_a_derived_value_exists_only_when_all_its_inputs_do(rubric, data):
    rows, meta = data
    result = load_case(rubric, rows, meta)
    rub = result.rubric
    stated = _stated(rows)
    for r in result.items().filter(pl.col("source").is_not_null()).iter_rows(named=True):
        item = rub.items[r["id"]]
        have = stated.get((r["unit"], r["year"]), set())
        if item.field and item.field in have:
            assert r["source"] == "stated"
            continue
        if item.field and item.field not in rub.field_formulas:
            assert r["source"] == "absent" and r["value"] is None
            continue
        reads = [item.field] if item.field else fx.fields_of(item.formula_ast)
        inputs = _inputs(rub, reads, have)
        if r["value"] is None:
            assert r["source"] == "absent"
            continue
        assert all(f in have for f in inputs), (r["id"], inputs, have)  # every input is there
        assert r["source"] == "derived" and r["derived_from"] == inputs, (r["id"], r["derived_from"], inputs)


@given(rubrics(), datasets())
def test_met_only_on_a_stated_or_derived_value_whose_inputs_are_stated(rubric, data):
    rows, meta = data
    result = load_case(rubric, rows, meta)
    stated = _stated(rows)
    for r in result.items().filter(pl.col("source").is_not_null()).iter_rows(named=True):
        if r["status"] == "met":
            assert r["source"] in ("stated", "derived")
        if r["source"] in ("derived", "imputed"):
            assert set(r["derived_from"]) <= stated.get((r["unit"], r["year"]), set())
        if r["source"] == "absent":
            assert r["value"] is None and r["status"] in ("missing", "vetoed")
