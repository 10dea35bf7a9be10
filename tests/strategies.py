"""Hypothesis strategies: random rubrics (as the dicts a YAML file holds) and random data."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import strategies as st

# A fixed pool of fields, one or more of every type, and derived fields (their formulas stay
# inside a percent's range whatever the counts, so that generated data is never impossible).
FIELDS = {
    "n1": {"type": "number"},
    "n2": {"type": "number"},
    "p1": {"type": "percent"},
    "p2": {"type": "percent"},
    "p3": {"type": "percent"},
    "c1": {"type": "count"},
    "c2": {"type": "count"},
    "c3": {"type": "count"},
    "b1": {"type": "bool"},
    "b2": {"type": "bool"},
    "g1": {"type": "grade", "levels": ["A", "B", "C", "D"]},
    "pd": {"type": "percent", "formula": "c1 / (c1 + c2) * 100"},
    "pm": {"type": "percent", "formula": "min(100, c3 / c2 * 100)"},
}
NUMERIC = ["n1", "n2", "p1", "p2", "p3", "c1", "c2", "c3", "pd", "pm"]
# The thirteen normalisations (docs/methods.md); those that are no older rule type may be a type themselves.
NORMALISATIONS = (
    "minmax", "zscore", "rank", "percentile", "ratio_to_mean", "ratio_to_best", "ratio_to_worst",
    "distance_to_mean", "distance_to_best", "distance_to_worst", "above_below_mean", "vector", "sum",
)
NORMALISATION_TYPES = tuple(m for m in NORMALISATIONS if m not in ("minmax", "rank", "ratio_to_best"))
STATED_NUMERIC = [f for f in NUMERIC if "formula" not in FIELDS[f]]

# An item's own formula: every operator and function, over the numeric fields.  ``%`` marks the
# ones whose value is a percent (the item says `unit: "%"`).  Those with coalesce are kept apart:
# they are the one way a missing value may be skipped.
FORMULAS = [
    ("{a} + {b}", ""),
    ("{a} - {b} + 100", ""),
    ("{a} * {b} / 50", ""),
    ("-{a} + 200", ""),
    ("({a} + {b}) / 2", ""),
    ("min({a}, {b})", ""),
    ("max({a}, {b}, 10)", ""),
    ("abs({a} - {b})", ""),
    ("min(100, {c} / {d} * 100)", "%"),
    ("{a} / ({c} + 1)", ""),
    ("max(0, min(100, {a}))", ""),
]
COALESCE_FORMULAS = [("coalesce({a}, {b})", ""), ("coalesce({a}, {b}) + {c}", ""), ("min(100, coalesce({a}, {b}))", "")]
RANGES = {"number": (0.0, 200.0), "percent": (0.0, 100.0), "count": (0.0, 60.0)}

points = st.integers(0, 40).map(lambda x: x / 2)  # 0, 0.5, … 20
directions = st.sampled_from(["higher", "lower"])


def _rng(field: str) -> tuple[float, float]:
    return RANGES[FIELDS[field]["type"]]


def _num(field: str):
    lo, hi = _rng(field)
    return st.integers(int(lo), int(hi)).map(float)


@st.composite
def rule_for(draw, role: str):
    """(field, rule dict, points or None) for one leaf."""
    if role == "negative":
        f = draw(st.sampled_from(["c1", "c3", "b1"]))
        return (
            f,
            {
                "type": "negative",
                "each": draw(st.sampled_from([0.5, 1.0, 2.0])),
                "cap": draw(st.sampled_from([1.0, 3.0, 5.0])),
            },
            None,
        )
    if role == "bonus":
        f = draw(st.sampled_from(["c3", "b2"]))
        return (
            f,
            {"type": "bonus", "each": draw(st.sampled_from([0.5, 1.0])), "cap": draw(st.sampled_from([1.0, 2.0, 4.0]))},
            None,
        )
    if role == "veto":
        kind = draw(st.sampled_from(["when", "above", "below"]))
        rule = {"type": "veto"}
        if kind == "when":
            f = "b2"
            rule["when"] = draw(st.booleans())
        else:
            f = draw(st.sampled_from(["c1", "p1"]))
            rule[kind] = draw(_num(f))
        caps = draw(st.sampled_from(["total", "grade", "both"]))
        if caps in ("total", "both"):
            rule["cap_total"] = draw(st.sampled_from([0.0, 10.0, 30.0]))
        if caps in ("grade", "both"):
            rule["cap_grade"] = "__LOWEST__"  # replaced by the lowest grade name
        return f, rule, None
    P = draw(points)
    t = draw(
        st.sampled_from(
            [
                "boolean", "threshold", "linear", "bands", "deduct", "graded", "direct", "ratio_to_best", "rank",
                "minmax", "normalise",
            ]
        )
    )
    if t == "boolean":
        return draw(st.sampled_from(["b1", "b2"])), {"type": t, "expect": draw(st.booleans())}, P
    if t == "graded":
        shares = sorted(draw(st.lists(st.integers(0, 10).map(lambda x: x / 10), min_size=4, max_size=4)), reverse=True)
        return "g1", {"type": t, "levels": dict(zip(["A", "B", "C", "D"], shares))}, P
    f = draw(st.sampled_from(NUMERIC))
    d = draw(directions)
    if t == "threshold":
        return (
            f,
            {
                "type": t,
                "target": draw(_num(f)),
                "direction": d,
                "partial": draw(st.integers(0, int(P * 2)).map(lambda x: x / 2)),
            },
            P,
        )
    if t == "linear":
        a, b = draw(st.lists(_num(f), min_size=2, max_size=2, unique=True))
        lo, hi = min(a, b), max(a, b)
        floor, target = (lo, hi) if d == "higher" else (hi, lo)
        return f, {"type": t, "floor": floor, "target": target, "direction": d}, P
    if t == "bands":
        ats = sorted(draw(st.lists(_num(f), min_size=1, max_size=4, unique=True)), reverse=(d == "higher"))
        pts = sorted(
            draw(st.lists(st.integers(0, int(P * 2)).map(lambda x: x / 2), min_size=len(ats), max_size=len(ats))),
            reverse=True,
        )
        return (
            f,
            {
                "type": t,
                "direction": d,
                "bands": [{"at": a, "points": p} for a, p in zip(ats, pts)],
                "else": draw(st.integers(0, int(min(pts) * 2)).map(lambda x: x / 2)),
            },
            P,
        )
    if t == "deduct":
        rule = {
            "type": t,
            "target": draw(_num(f)),
            "direction": d,
            "each": draw(st.sampled_from([0.25, 0.3, 0.5, 1.0, 2.0])),
            "per": draw(st.sampled_from([1, 1, 2, 0.5])),
            "steps": draw(st.sampled_from(["prorate", "ceil", "floor"])),
        }
        if draw(st.booleans()):
            rule["cap"] = draw(st.sampled_from([0.5, 1.2, 3.0, 10.0]))
        return f, rule, P
    if t == "direct":
        return "n1", {"type": t}, P
    rule = {"type": t, "direction": d}
    if draw(st.booleans()):
        rule["within"] = "city"
    if draw(st.booleans()):  # what a unit without peers gets (default: as a missing value)
        rule["alone"] = draw(st.sampled_from(["full", "zero", "missing"]))
    if t == "normalise":  # a normalisation rule: written as its method's type, or type normalise + method
        method = draw(st.sampled_from(NORMALISATIONS))
        if method in NORMALISATION_TYPES and draw(st.booleans()):
            rule["type"] = method
        else:
            rule["method"] = method
        if method not in ("minmax", "ratio_to_best", "vector", "sum", "percentile") or draw(st.booleans()):
            a, b = sorted(draw(st.lists(st.integers(-8, 8).map(lambda x: x / 4), min_size=2, max_size=2, unique=True)))
            rule["scale"] = [a, b]
        if method == "zscore":
            rule["ddof"] = draw(st.sampled_from([0, 1]))
        if method == "above_below_mean":
            rule["threshold"] = draw(st.sampled_from([0.0, 0.1, 0.2, 0.5]))
    if t == "rank":
        rule["by_rank"] = sorted(
            draw(st.lists(st.integers(0, int(P * 2)).map(lambda x: x / 2), min_size=1, max_size=4)), reverse=True
        )
        rule["else"] = 0
    return f, rule, P


@st.composite
def formula_for(draw, coalesce: bool = True):
    """(formula text, unit) over the pool's numeric fields."""
    pool = FORMULAS + (COALESCE_FORMULAS if coalesce else [])
    template, unit = draw(st.sampled_from(pool))
    counts = ["c1", "c2", "c3"]
    text = template.format(
        a=draw(st.sampled_from(NUMERIC)),
        b=draw(st.sampled_from(NUMERIC)),
        c=draw(st.sampled_from(counts)),
        d=draw(st.sampled_from(counts)),
    )
    return text, unit


RELATIVE = {"ratio_to_best", "rank", "minmax", "normalise", *NORMALISATION_TYPES}


@st.composite
def trees(draw, depth: int, counter: list, prefix: str = "", formulas: bool = True, coalesce: bool = True):
    n = draw(st.integers(1, 3))
    out = []
    for i in range(n):
        counter[0] += 1
        node_id = f"{prefix}{i + 1}"
        if depth > 1 and draw(st.booleans()):
            kids = draw(trees(depth - 1, counter, node_id + ".", formulas, coalesce))
            node = {"id": node_id, "name": f"组{node_id}", "items": kids}
            if draw(st.integers(0, 4)) == 0:
                node["aggregate"] = draw(st.sampled_from(["weighted_mean", "geometric_mean", "harmonic_mean"]))
                node["points"] = draw(st.integers(1, 20).map(float))
            if draw(st.integers(0, 3)) == 0:
                node["weight"] = draw(st.integers(0, 3))
        else:
            role = draw(st.sampled_from(["score"] * 8 + ["negative", "bonus", "veto"]))
            field, rule, P = draw(rule_for(role))
            node = {"id": node_id, "name": f"项{node_id}", "field": field, "rule": rule}
            numeric = field in NUMERIC and rule["type"] in {"threshold", "linear", "bands", "deduct"} | RELATIVE
            if formulas and numeric and draw(st.integers(0, 3)) == 0:  # the item's own formula instead of a field
                text, unit = draw(formula_for(coalesce))
                del node["field"]
                node["formula"] = text
                thresholds = [rule.get(k) for k in ("target", "floor")] + [b["at"] for b in rule.get("bands", [])]
                if unit and all(t is None or 0 <= t <= 100 for t in thresholds):  # a percent's rule stays in 0–100
                    node["unit"] = unit
            if P is not None:
                node["points"] = P
            if draw(st.integers(0, 9)) == 0 and role == "score":
                node["missing"] = "full"
            if draw(st.integers(0, 3)) == 0:
                node["weight"] = draw(st.integers(0, 3))
        out.append(node)
    return out


@st.composite
def rubrics(draw, decimals=None, formulas: bool = True, coalesce: bool = True):
    """A random rubric with every rule type; leaves may score an own formula (``formulas``),
    which may skip a missing value with coalesce (``coalesce``)."""
    counter = [0]
    items = draw(trees(draw(st.integers(1, 3)), counter, "", formulas, coalesce))
    grades = []
    cuts = sorted(draw(st.lists(st.integers(0, 95), min_size=1, max_size=4, unique=True)), reverse=True)
    for i, c in enumerate(cuts):
        grades.append({"name": f"G{i}", "min_percent": float(c)})
    rub = {
        "id": "random",
        "name": "随机细则",
        "decimals": draw(st.sampled_from([1, 2, 2, 3])) if decimals is None else decimals,
        "aggregate": draw(st.sampled_from(["sum", "sum", "weighted_mean", "geometric_mean", "harmonic_mean"])),
        "grades": grades,
        "items": items,
    }
    if draw(st.booleans()):
        rub["bonus_cap"] = draw(st.sampled_from([0.5, 1.0, 3.0]))
    lowest = grades[-1]["name"]

    def fix(nodes):
        for n in nodes:
            if n.get("items"):
                fix(n["items"])
            elif n["rule"].get("cap_grade") == "__LOWEST__":
                n["rule"]["cap_grade"] = lowest

    fix(items)
    if rub["aggregate"] == "weighted_mean":
        rub["total"] = 100.0
    return rub


def value_for(field: str):
    t = FIELDS[field]["type"]
    if t == "bool":
        return st.sampled_from([0.0, 1.0])
    if t == "grade":
        return st.integers(0, 3).map(float)
    if t == "count":
        return st.integers(0, 60).map(float)
    if t == "percent":
        return st.integers(0, 10000).map(lambda x: x / 100)
    return st.integers(0, 20000).map(lambda x: x / 100)


@st.composite
def datasets(draw, min_units=1, max_units=6, empty_unit: bool = False):
    """Rows (unit, year, field, value) and unit metadata.  With ``empty_unit`` one more unit,
    空县, is named on rows whose values are all blank: a unit with no values at all."""
    n_units = draw(st.integers(min_units, max_units))
    years = draw(st.sampled_from([[2024], [2023, 2024]]))
    units = [f"县{i}" for i in range(n_units)]
    meta = {
        u: {"city": draw(st.sampled_from(["甲市", "乙市", "甲市", "乙市", ""]))} for u in units
    }  # "": no 所属市 given
    rows = []
    for u in units:
        for y in years:
            for f in FIELDS:
                if "formula" in FIELDS[f] and draw(st.integers(0, 2)) > 0:
                    continue  # a derived rate is usually left to its formula
                if draw(st.integers(0, 7)) == 0:
                    continue  # missing
                rows.append({"unit": u, "year": y, "field": f, "value": draw(value_for(f))})
    if not rows:  # a file must hold at least one value
        rows.append({"unit": units[0], "year": years[0], "field": "n1", "value": 1.0})
    if empty_unit:
        meta[EMPTY] = {"city": draw(st.sampled_from(["甲市", "乙市"]))}
        fields = draw(st.lists(st.sampled_from(list(FIELDS)), min_size=1, max_size=3, unique=True))
        rows += [{"unit": EMPTY, "year": y, "field": f, "value": None} for y in years for f in fields]
    return rows, meta


EMPTY = "空县"


# --- turning them into files the library reads ---------------------------------------------


def fields_yaml() -> list[dict]:
    out = []
    for fid, f in FIELDS.items():
        d = {"id": fid, "name": f"指标{fid}", "type": f["type"]}
        if "levels" in f:
            d["levels"] = f["levels"]
        if "formula" in f:
            d["formula"] = f["formula"]
        out.append(d)
    return out


def _strip_private(obj):
    if isinstance(obj, dict):
        return {k: _strip_private(v) for k, v in obj.items() if not k.startswith("_")}
    if isinstance(obj, list):
        return [_strip_private(v) for v in obj]
    return obj


def write_case(rubric: dict, rows: list[dict], meta: dict, directory: Path | None = None) -> tuple[Path, Path]:
    """Write the rubric (with the field pool inline) and a long CSV; return their paths."""
    directory = Path(directory or tempfile.mkdtemp(prefix="lawgov-case-"))
    doc = dict(_strip_private(rubric))
    doc["fields"] = fields_yaml()
    rpath = directory / "rubric.yaml"
    rpath.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    dpath = directory / "data.csv"
    levels = FIELDS["g1"]["levels"]
    lines = ["unit,year,field,value,city"]
    for r in rows:
        f = r["field"]
        v = r["value"]
        t = FIELDS[f]["type"]
        if v is None:
            text = ""  # a blank cell: the unit is named, the value missing
        else:
            text = ("是" if v else "否") if t == "bool" else (levels[int(v)] if t == "grade" else repr(v))
        lines.append(f"{r['unit']},{r['year']},{f},{text},{meta[r['unit']]['city']}")
    dpath.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rpath, dpath


def load_case(rubric: dict, rows: list[dict], meta: dict):
    """Engine result for a generated case (rubric and data through the real loaders)."""
    import lawgov_score as lg

    directory = Path(tempfile.mkdtemp(prefix="lawgov-case-"))
    try:
        rpath, dpath = write_case(rubric, rows, meta, directory)
        rub = lg.load_rubric(rpath)
        inds = lg.read_indicators([dpath], rub)
        return lg.score(rub, inds)
    finally:
        for p in directory.iterdir():
            p.unlink()
        os.rmdir(directory)
