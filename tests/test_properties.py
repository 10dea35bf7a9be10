"""Properties of the scoring arithmetic, on random rubrics and data."""

import copy

import polars as pl
from hypothesis import assume, given
from hypothesis import strategies as st
from reference import _mean, round_half_up
from strategies import FIELDS, datasets, load_case, rubrics, rule_for


def _items(result):
    return {(r["unit"], r["year"], r["id"]): r for r in result.items().iter_rows(named=True)}


@given(rubrics(), datasets())
def test_every_item_score_within_its_bounds(rubric, data):
    result = load_case(rubric, *data)
    for it in result.items().iter_rows(named=True):
        item = result.rubric.items[it["id"]]
        s = it["score"]
        if item.role in ("score", "group"):
            assert 0.0 <= s <= item.max + 1e-9, (it["id"], s, item.max)
        elif item.role == "negative":
            assert -item.rule.cap - 1e-9 <= s <= 0.0
        elif item.role == "bonus":
            assert 0.0 <= s <= item.rule.cap + 1e-9
        else:
            assert s == 0.0


@given(rubrics(), datasets())
def test_parent_is_capped_sum_or_weighted_mean_of_shown_children(rubric, data):
    result = load_case(rubric, *data)
    rub = result.rubric
    d = rub.decimals
    scores = _items(result)
    for (unit, year, item_id), rec in scores.items():
        item = rub.items[item_id]
        if item.is_leaf:
            continue
        kids = [rub.items[c] for c in item.children]
        ks = {k.id: scores[(unit, year, k.id)]["score"] for k in kids}
        neg = sum(ks[k.id] for k in kids if k.role == "negative")
        scoring = [k for k in kids if k.role in ("score", "group")]
        if item.aggregate != "sum":  # weighted, geometric or harmonic mean of the children's shares
            weighted = [k for k in scoring if k.max > 0 and k.weight > 0]
            wsum = sum(k.weight for k in weighted)
            pairs = [(ks[k.id] / k.max, k.weight / wsum) for k in weighted]
            raw = (item.max * _mean(item.aggregate, pairs) if weighted and wsum else 0.0) + neg
        else:
            raw = sum(ks[k.id] for k in scoring) + neg
        expect = round_half_up(min(max(raw, 0.0), item.max), d)
        assert abs(rec["score"] - expect) < 1e-9, (item_id, rec["score"], expect)
        # each child's shown score has at most `decimals` places: columns add up by hand
        for v in ks.values():
            assert abs(v * 10**d - round(v * 10**d)) < 1e-6


@given(rubrics(), datasets())
def test_total_is_dimensions_plus_capped_bonus_then_veto(rubric, data):
    result = load_case(rubric, *data)
    rub = result.rubric
    d = rub.decimals
    for r in result.frame.iter_rows(named=True):
        dims = [r[f"s:{x}"] for x in rub.roots]
        kids = [rub.items[x] for x in rub.roots]
        if rub.aggregate == "sum":
            base = sum(v for k, v in zip(kids, dims) if k.role in ("score", "group")) + sum(
                v for k, v in zip(kids, dims) if k.role == "negative"
            )
            assert abs(r["base"] - round_half_up(min(max(base, 0.0), rub.total), d)) < 1e-9
        bonus = sum(r[f"s:{b.id}"] for b in rub.leaves() if b.role == "bonus")
        if rub.bonus_cap is not None:
            bonus = min(bonus, rub.bonus_cap)
        assert abs(r["bonus"] - round_half_up(bonus, d)) < 1e-9
        total = round_half_up(r["base"] + r["bonus"], d)
        for v in rub.leaves():
            if v.role == "veto" and r[f"f:{v.id}"] and v.rule.cap_total is not None:
                total = min(total, v.rule.cap_total)
        assert abs(r["total"] - total) < 1e-9


@given(rubrics(), datasets())
def test_bonus_never_passes_its_cap_and_veto_always_caps(rubric, data):
    result = load_case(rubric, *data)
    rub = result.rubric
    names = rub.grade_names()
    for r in result.frame.iter_rows(named=True):
        if rub.bonus_cap is not None:
            assert r["bonus"] <= rub.bonus_cap + 1e-9
        for v in rub.leaves():
            if v.role != "veto" or not r[f"f:{v.id}"]:
                continue
            assert r["vetoed"]
            if v.rule.cap_total is not None:
                assert r["total"] <= v.rule.cap_total + 1e-9
            if v.rule.cap_grade is not None and r["grade"] is not None:
                assert names.index(r["grade"]) >= names.index(v.rule.cap_grade)


def _single_leaf(field, rule, points):
    node = {"id": "1", "name": "项", "field": field, "rule": rule}
    if points is not None:
        node["points"] = points
    return {"id": "one", "name": "单项", "decimals": 2, "grades": [{"name": "G", "min_percent": 0.0}], "items": [node]}


@given(rule_for("score"), st.data())
def test_a_better_value_never_lowers_a_score(drawn, data):
    field, rule, points = drawn
    assume(FIELDS[field].get("formula") is None and FIELDS[field]["type"] not in ("bool", "grade"))
    rubric = _single_leaf(field, rule, points)
    t = FIELDS[field]["type"]
    hi = {"number": 200, "percent": 100, "count": 60}[t]
    others = data.draw(st.lists(st.integers(0, hi).map(float), min_size=0, max_size=4))
    a, b = sorted(data.draw(st.lists(st.integers(0, hi).map(float), min_size=2, max_size=2)))
    higher = rule.get("direction", "higher") == "higher"
    worse, better = (a, b) if higher else (b, a)
    meta = {f"县{i}": {"city": "甲市"} for i in range(len(others) + 1)}

    def score_with(v):
        rows = [{"unit": "县0", "year": 2024, "field": field, "value": v}]
        rows += [{"unit": f"县{i + 1}", "year": 2024, "field": field, "value": o} for i, o in enumerate(others)]
        res = load_case(rubric, rows, meta)
        return res.frame.filter(pl.col("unit") == "县0")["s:1"][0]

    assert score_with(better) >= score_with(worse)


@given(rubrics(), datasets(), st.randoms(use_true_random=False))
def test_row_order_and_unit_labels_change_only_labels(rubric, data, rnd):
    rows, meta = data
    base = load_case(rubric, rows, meta)
    names = sorted(meta)
    new_names = [f"区{i}" for i in range(len(names))]
    rnd.shuffle(new_names)
    rename = dict(zip(names, new_names))
    rows2 = [dict(r, unit=rename[r["unit"]]) for r in rows]
    rnd.shuffle(rows2)
    meta2 = {rename[u]: m for u, m in meta.items()}
    other = load_case(rubric, rows2, meta2)
    a = {(k[0], k[1], k[2]): v["score"] for k, v in _items(base).items()}
    b = {(k[0], k[1], k[2]): v["score"] for k, v in _items(other).items()}
    assert {(rename[u], y, i): s for (u, y, i), s in a.items()} == b


POINT_KEYS = {"points", "partial", "else", "each", "cap", "cap_total", "total", "bonus_cap"}


def _scale_rubric(rubric, k):
    """Multiply every point-valued number of a rubric by k, making implicit maxima explicit
    (a weighted-mean group without points is worth 100, which scaling must see)."""
    out = _scale(copy.deepcopy(rubric), k)

    default = out.get("aggregate", "sum")  # a node's own `aggregate` is not inherited

    def explicit(nodes):
        for n in nodes:
            if n.get("items"):
                if n.get("aggregate", default) == "weighted_mean" and "points" not in n:
                    n["points"] = 100.0 * k
                explicit(n["items"])

    explicit(out["items"])
    return out


def _scale(obj, k):
    if isinstance(obj, dict):
        out = {}
        for key, v in obj.items():
            if key in POINT_KEYS and isinstance(v, (int, float)) and not isinstance(v, bool):
                out[key] = v * k
            elif key == "by_rank":
                out[key] = [x * k for x in v]
            elif key == "bands":
                out[key] = [dict(b, points=b["points"] * k) for b in v]
            else:
                out[key] = _scale(v, k)
        return out
    if isinstance(obj, list):
        return [_scale(v, k) for v in obj]
    return obj


@given(rubrics(decimals=6), datasets(), st.integers(2, 5))
def test_scaling_every_point_value_scales_every_score(rubric, data, k):
    # a `direct` item's value is itself in points (an assessor's score), so it is left out;
    # weighted means are left out too: they magnify a leaf's last-place rounding by
    # parent/child maxima, so the scaled and unscaled roundings can differ by more than 1e-6
    assume("'direct'" not in repr(rubric) and "weighted_mean" not in repr(rubric))
    rows, meta = data
    base = load_case(rubric, rows, meta)
    scaled_rubric = _scale_rubric(rubric, k)
    scaled = load_case(scaled_rubric, rows, meta)
    a, b = _items(base), _items(scaled)
    depth = 4  # rounding errors of 0.5e-6 per level at most
    for key, rec in a.items():
        assert abs(b[key]["score"] - k * rec["score"]) <= k * depth * 1e-6 + 1e-9, (key, rec["score"], b[key]["score"])
    ta = {(r["unit"], r["year"]): r["total"] for r in base.frame.iter_rows(named=True)}
    tb = {(r["unit"], r["year"]): r["total"] for r in scaled.frame.iter_rows(named=True)}
    for key in ta:
        assert abs(tb[key] - k * ta[key]) <= k * 6 * 1e-6 + 1e-9
