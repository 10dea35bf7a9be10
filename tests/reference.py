"""A deliberately simple pure-Python scorer, used as an oracle for the polars engine.

It reads the rubric as the plain dict a YAML file holds (not the library's model) and the data
as a list of dicts, and scores one unit-year at a time with ordinary loops and if/else.  It
shares nothing with the engine but the written specification (docs/rubric-format.md and the
README): if the two disagree, one of them misreads the specification.
"""

from __future__ import annotations

import ast
import math
from collections import defaultdict


def round_half_up(x: float, decimals: int) -> float:
    """The documented rounding: half away from zero, as written (the 1e-9 nudge)."""
    k = 10.0**decimals
    sign = (x > 0) - (x < 0)
    r = math.floor(abs(x) * k + 0.5 + 1e-9) / k * sign
    return 0.0 if r == 0 else r


def eval_formula(src: str, values: dict) -> float | None:
    """A formula's value, as docs/rubric-format.md states it (see ``evaluate``)."""
    return evaluate(src, values, lambda f: ([f], False))[0]


def evaluate(src: str, values: dict, inputs_of) -> tuple[float | None, list[str], bool]:
    """Evaluate a formula with Python's own parser: a different implementation from the engine's.

    As docs/rubric-format.md states it: a missing value (None) read by any operator or by
    ``min``, ``max`` or ``abs`` makes the result missing; ``coalesce`` takes its first present
    argument (missing only when all are); division by zero is missing.

    Returns (value, inputs, imputed) as "Where each value comes from" describes them: the stated
    fields the value rests on (``inputs_of(field)`` gives them for a present field) and whether
    it rests on a coalesce that fell back to something no stated field gave."""
    tree = ast.parse(src, mode="eval")

    def union(parts):
        inputs: list[str] = []
        for p in parts:
            inputs += [f for f in p[1] if f not in inputs]
        return inputs, any(p[2] for p in parts)

    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant):
            return float(node.value), [], False
        if isinstance(node, ast.Name):
            v = values.get(node.id)
            return (None, [], False) if v is None else (v, *inputs_of(node.id))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            v, inputs, imputed = ev(node.operand)
            return (None if v is None else -v), inputs, imputed
        if isinstance(node, ast.BinOp):
            pa, pb = ev(node.left), ev(node.right)
            a, b = pa[0], pb[0]
            if a is None or b is None:
                return None, [], False
            if isinstance(node.op, ast.Add):
                v = a + b
            elif isinstance(node.op, ast.Sub):
                v = a - b
            elif isinstance(node.op, ast.Mult):
                v = a * b
            elif isinstance(node.op, ast.Div):
                v = None if b == 0 else a / b
            else:
                raise ValueError(ast.dump(node))
            return (v, *union([pa, pb]))
        if isinstance(node, ast.Call):
            name = node.func.id
            if name == "coalesce":  # evaluated left to right, stopping at the first present value
                for arg in node.args:
                    v, inputs, imputed = ev(arg)
                    if v is not None:
                        return v, inputs, imputed or not inputs
                return None, [], False
            parts = [ev(a) for a in node.args]
            args = [p[0] for p in parts]
            if any(a is None for a in args):
                return None, [], False
            v = min(args) if name == "min" else max(args) if name == "max" else abs(args[0])
            return (v, *union(parts))
        raise ValueError(f"unsupported formula node {ast.dump(node)}")

    return ev(tree)


def source_of(value, inputs: list[str], imputed: bool, stated: bool) -> tuple[str, list[str] | None]:
    """(source, derived_from) of a leaf's value, as documented."""
    if value is None:
        return "absent", None
    if stated:
        return "stated", None
    return ("imputed" if imputed or not inputs else "derived"), inputs


def _leaves(nodes):
    for n in nodes:
        if n.get("items"):
            yield from _leaves(n["items"])
        else:
            yield n


def _max_of(node) -> float:
    rule = node.get("rule") or {}
    if not node.get("items"):
        return 0.0 if rule.get("type") in ("negative", "bonus", "veto") else float(node["points"])
    if node.get("points") is not None:
        return float(node["points"])
    agg = node.get("aggregate") or node.get("_agg", "sum")
    if agg != "sum":
        return 100.0
    return sum(_max_of(c) for c in node["items"])


def _mean(aggregate: str, pairs: list[tuple[float, float]]) -> float:
    """The weighted mean of shares s with weights w (Σw = 1), as docs/rubric-format.md defines
    it: arithmetic Σ w·s, geometric Π s^w, harmonic 1/Σ(w/s); a share of 0 makes the geometric
    and the harmonic mean 0."""
    if aggregate == "weighted_mean":
        return sum(s * w for s, w in pairs)
    if any(s <= 0 for s, _ in pairs):
        return 0.0
    if aggregate == "geometric_mean":
        out = 1.0
        for s, w in pairs:
            out *= s**w
        return out
    return 1 / sum(w / s for s, w in pairs)


# docs/rubric-format.md "Normalisation rules" and docs/methods.md "Normalisations"
NORMALISE_TYPES = {
    "normalise", "zscore", "percentile", "ratio_to_mean", "ratio_to_worst", "distance_to_mean",
    "distance_to_best", "distance_to_worst", "above_below_mean", "vector", "sum",
}
DEFAULT_SCALES = {"minmax": (0, 1), "ratio_to_best": (0, 1), "vector": (0, 1), "sum": (0, 1), "percentile": (0, 100)}


def _div(a: float, b: float, infinite: bool = False) -> float | None:
    """a/b; b = 0: ±∞ for a nonzero a where ``infinite`` (a rule clips it to its scale), else None."""
    if b != 0:
        return a / b
    return math.copysign(math.inf, a) if infinite and a != 0 else None


def normalised(
    method: str, v: float, ps: list[float], higher: bool, ddof: int = 1, p: float = 0.2, infinite: bool = False
) -> float | None:
    """A value normalised among its peers' values ``ps`` (its own included) as docs/methods.md
    writes each formula and its edge cases, lower-is-better mirrored as it says; None where it
    divides by 0 (with ``infinite``, as a rule takes it: ±∞ where a nonzero is divided by 0)."""
    n = len(ps)
    mean, lo, hi = sum(ps) / n, min(ps), max(ps)
    if method == "minmax":
        return 1.0 if hi == lo else ((v - lo) if higher else (hi - v)) / (hi - lo)
    if method == "zscore":
        if n - ddof <= 0 or hi == lo:  # one value, or all equal: sd 0
            return 0.0
        sd = math.sqrt(sum((x - mean) ** 2 for x in ps) / (n - ddof))
        return 0.0 if sd == 0 else ((v - mean) if higher else (mean - v)) / sd
    if method in ("rank", "percentile"):
        r = 1 + sum(1 for x in ps if (x < v if higher else x > v))
        return float(r) if method == "rank" else r / n * 100
    if method == "vector":
        norm = math.sqrt(sum(x * x for x in ps))
        share = 0.0 if norm == 0 else v / norm
        return share if higher else 1 - share
    if method == "sum":
        if hi == lo:
            return 1 / n  # equal values share the sum equally, zeros too
        if higher:
            return _div(v, sum(ps))
        zeros = sum(1 for x in ps if x == 0)
        if zeros:  # 1/0 outweighs every other reciprocal: the zeros share the whole
            return 1 / zeros if v == 0 else 0.0
        return _div(1 / v, sum(1 / x for x in ps))
    if method == "above_below_mean":
        r = 1.0 if hi == lo or v == mean else _div(v, mean)  # a value at the mean: ratio 1
        if r is None or math.isinf(r):
            return None
        verdict = 1.0 if r > 1 + p else (-1.0 if r < 1 - p else 0.0)
        return verdict if higher else -verdict
    best, worst = (hi, lo) if higher else (lo, hi)
    if method.startswith("ratio_to_"):
        ref = {"ratio_to_mean": mean, "ratio_to_best": best, "ratio_to_worst": worst}[method]
        if v == ref:
            return 1.0  # the reference itself, also a reference of 0
        return _div(v, ref, infinite) if higher else _div(ref, v, infinite)
    ref = {"distance_to_mean": mean, "distance_to_best": best, "distance_to_worst": worst}[method]
    if v == ref:
        return 0.0
    return _div(v - ref if higher else ref - v, ref, infinite)


def normalise_score(rule: dict, v: float, ps: list[float], higher: bool, P: float, missing_full: bool) -> float:
    """A normalisation rule's score: points × clip((n − a)/(b − a), 0, 1); no number: as a missing value."""
    method = rule.get("method") or rule["type"]
    n = normalised(method, v, ps, higher, rule.get("ddof", 1), rule.get("threshold", 0.2), infinite=True)
    if n is None or math.isnan(n):
        return P if missing_full else 0.0
    a, b = rule.get("scale") or DEFAULT_SCALES[method]
    return P * min(max((n - a) / (b - a), 0.0), 1.0)


def _value(leaf, vals: dict):
    if leaf.get("field"):
        return vals.get(leaf["field"])
    return eval_formula(leaf["formula"], vals)


def score_reference(rubric: dict, fields: dict, rows: list[dict], meta: dict | None = None) -> dict:
    """rubric: the YAML dict; fields: id → {type, levels, formula}; rows: unit, year, field, value.

    Returns {(unit, year): {"items": {id: score}, "values": {id: value}, "sources": {id: (source,
    derived_from)}, "total": …, "base": …, "bonus": …, "vetoed": …, "percent": …, "grade": …}}."""
    meta = meta or {}
    decimals = rubric.get("decimals", 2)
    agg_default = rubric.get("aggregate", "sum")

    def mark(nodes):  # a node's own `aggregate` applies to it alone; others use the rubric's
        for n in nodes:
            n["_agg"] = n.get("aggregate") or agg_default
            if n.get("items"):
                mark(n["items"])

    mark(rubric["items"])

    data: dict = defaultdict(dict)
    for r in rows:
        data[(r["unit"], r["year"])][r["field"]] = r["value"]
    # derived fields, in an order that respects dependencies (repeat until stable); each field
    # that has a value also has its provenance: the stated fields it rests on
    derived = {fid: f["formula"] for fid, f in fields.items() if f.get("formula")}
    provenance: dict = {}
    for key, vals in data.items():
        prov = provenance[key] = {f: ([f], False) for f, v in vals.items() if v is not None}
        for _ in range(len(derived) + 1):
            for fid, src in derived.items():
                if vals.get(fid) is None:
                    v, inputs, imputed = evaluate(src, vals, lambda f, prov=prov: prov[f])
                    if v is not None:
                        vals[fid] = v
                        prov[fid] = (inputs, imputed)

    leaves = list(_leaves(rubric["items"]))
    keys = sorted(data, key=lambda k: (k[0], k[1]))
    # values of every leaf for every unit-year (relative rules need the peers)
    values = {k: {lf["id"]: _value(lf, data[k]) for lf in leaves} for k in keys}
    sources = {}
    for k in keys:
        stated = {r["field"] for r in rows if (r["unit"], r["year"]) == k and r["value"] is not None}
        sources[k] = {}
        for lf in leaves:
            if lf.get("field"):
                f = lf["field"]
                inputs, imputed = provenance[k].get(f, ([], False))
                sources[k][lf["id"]] = source_of(values[k][lf["id"]], inputs, imputed, f in stated)
            else:
                v, inputs, imputed = evaluate(lf["formula"], data[k], lambda f, k=k: provenance[k][f])
                sources[k][lf["id"]] = source_of(v, inputs, imputed, False)

    def peers(key, leaf):
        within = (leaf.get("rule") or {}).get("within")
        out = []
        for k in keys:
            if k[1] != key[1]:
                continue
            if within and (meta.get(k[0], {}).get(within) != meta.get(key[0], {}).get(within)):
                continue
            v = values[k][leaf["id"]]
            if v is not None:
                out.append(v)
        return out

    results = {}
    for key in keys:
        scores: dict[str, float] = {}
        fired: dict[str, bool] = {}
        for leaf in leaves:
            v = values[key][leaf["id"]]
            rule = leaf["rule"]
            t = rule["type"]
            P = _max_of(leaf)
            higher = rule.get("direction", "higher") == "higher"
            fired[leaf["id"]] = False
            if v is None:
                if t in ("negative", "bonus", "veto"):
                    s = 0.0
                else:
                    s = P if leaf.get("missing") == "full" else 0.0
            elif t == "boolean":
                s = P if v == (1.0 if rule.get("expect", True) else 0.0) else 0.0
            elif t == "threshold":
                met = v >= rule["target"] if higher else v <= rule["target"]
                s = P if met else float(rule.get("partial", 0))
            elif t == "linear":
                share = (v - rule["floor"]) / (rule["target"] - rule["floor"])
                s = P * min(max(share, 0.0), 1.0)
            elif t == "bands":
                s = float(rule.get("else", 0))
                for band in rule["bands"]:
                    if (v >= band["at"]) if higher else (v <= band["at"]):
                        s = float(band["points"])
                        break
            elif t == "deduct":
                short = max((rule["target"] - v) if higher else (v - rule["target"]), 0.0)
                steps = short / rule.get("per", 1)
                mode = rule.get("steps", "prorate")
                if mode == "ceil":
                    steps = max(math.ceil(steps - 1e-9), 0)
                elif mode == "floor":
                    steps = math.floor(steps + 1e-9)
                cap = float(rule["cap"]) if rule.get("cap") is not None else P
                s = max(P - min(steps * rule["each"], cap), 0.0)
            elif t == "graded":
                level = fields[leaf["field"]]["levels"][int(v)]
                s = P * float(rule["levels"].get(level, 0.0))
            elif t == "direct":
                s = min(max(v, 0.0), P)
            elif t == "negative":
                s = -min(max(v, 0.0) * rule["each"], rule["cap"])
            elif t == "bonus":
                s = min(max(v, 0.0) * rule["each"], rule["cap"])
            elif t == "veto":
                if rule.get("when") is not None:
                    fired[leaf["id"]] = v == (1.0 if rule["when"] else 0.0)
                elif rule.get("above") is not None:
                    fired[leaf["id"]] = v > rule["above"]
                else:
                    fired[leaf["id"]] = v < rule["below"]
                s = 0.0
            elif (t in ("ratio_to_best", "rank", "minmax") or t in NORMALISE_TYPES) and (
                len(ps := peers(key, leaf)) < 2 or (rule.get("within") and not meta.get(key[0], {}).get(rule["within"]))
            ):
                # no peer (docs/rubric-format.md, `alone`): missing (default) scores as a missing value;
                # otherwise `ps`, the peers' values, serve the branches below
                alone = rule.get("alone", "missing")
                s = P if alone == "full" or (alone == "missing" and leaf.get("missing") == "full") else 0.0
            elif t in NORMALISE_TYPES:
                s = normalise_score(rule, v, ps, higher, P, leaf.get("missing") == "full")
            elif t == "ratio_to_best":
                if higher:
                    best = max(ps)
                    s = P * min(max(v / best, 0.0), 1.0) if best > 0 else 0.0
                else:
                    best = min(ps)
                    s = P if v <= best else P * min(max(best / v, 0.0), 1.0)
            elif t == "rank":
                better = sum(1 for p in ps if (p > v if higher else p < v))
                r = better + 1
                by = rule["by_rank"]
                s = float(by[r - 1]) if r <= len(by) else float(rule.get("else", 0))
            elif t == "minmax":
                lo, hi = min(ps), max(ps)
                if hi == lo:
                    s = P
                else:
                    share = (v - lo) / (hi - lo) if higher else (hi - v) / (hi - lo)
                    s = P * min(max(share, 0.0), 1.0)
            else:
                raise ValueError(t)
            scores[leaf["id"]] = round_half_up(s, decimals)

        def roll(node) -> float:
            if not node.get("items"):
                return scores[node["id"]]
            kids = node["items"]
            child_scores = {c["id"]: roll(c) for c in kids}

            def role(c):
                return (c.get("rule") or {}).get("type") if not c.get("items") else "group"

            scoring = [c for c in kids if role(c) not in ("negative", "bonus", "veto")]
            neg = sum(child_scores[c["id"]] for c in kids if role(c) == "negative")
            M = _max_of(node)
            if node["_agg"] != "sum":
                weighted = [c for c in scoring if _max_of(c) > 0 and c.get("weight", 1) > 0]
                wsum = sum(c.get("weight", 1) for c in weighted)
                if weighted and wsum > 0:
                    pairs = [(child_scores[c["id"]] / _max_of(c), c.get("weight", 1) / wsum) for c in weighted]
                    raw = M * _mean(node["_agg"], pairs) + neg
                else:
                    raw = neg
            else:
                raw = sum(child_scores[c["id"]] for c in scoring) + neg
            s = round_half_up(min(max(raw, 0.0), M), decimals)
            scores[node["id"]] = s
            return s

        root = {
            "id": "",
            "items": rubric["items"],
            "_agg": agg_default,
            "points": rubric.get("total") if agg_default != "sum" or rubric.get("total") is not None else None,
        }
        if root["points"] is None and agg_default != "sum":
            root["points"] = 100.0
        total_max = _max_of(root)
        base = roll(root)
        scores.pop("", None)
        bonus = sum(scores[lf["id"]] for lf in leaves if lf["rule"]["type"] == "bonus")
        if rubric.get("bonus_cap") is not None:
            bonus = min(bonus, rubric["bonus_cap"])
        bonus = round_half_up(bonus, decimals)
        total = round_half_up(base + bonus, decimals)
        vetoes = [lf for lf in leaves if lf["rule"]["type"] == "veto" and fired[lf["id"]]]
        for vl in vetoes:
            if vl["rule"].get("cap_total") is not None:
                total = min(total, vl["rule"]["cap_total"])
        percent = round_half_up(total / total_max * 100, 2) if total_max > 0 else 0.0
        grades = rubric.get("grades") or []
        grade_idx = None
        for i, g in enumerate(grades):
            if percent >= g["min_percent"]:
                grade_idx = i
                break
        names = [g["name"] for g in grades]
        for vl in vetoes:
            cap = vl["rule"].get("cap_grade")
            if cap is not None and grade_idx is not None:
                grade_idx = max(grade_idx, names.index(cap))
        results[key] = {
            "items": scores,
            "values": values[key],
            "sources": sources[key],
            "base": base,
            "bonus": bonus,
            "total": total,
            "vetoed": bool(vetoes),
            "percent": percent,
            "grade": names[grade_idx] if grade_idx is not None else None,
            "max": total_max,
        }
    return results


def competition_ranks(totals: dict, decimals: int = 2) -> dict:
    """Rank 1 2 2 4 within each year, from {(unit, year): total}."""
    out = {}
    for (unit, year), t in totals.items():
        same_year = [v for (u, y), v in totals.items() if y == year]
        out[(unit, year)] = 1 + sum(1 for v in same_year if round(v, decimals) > round(t, decimals))
    return out
