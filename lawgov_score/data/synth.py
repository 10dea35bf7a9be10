"""Seeded synthetic indicator data for every field a rubric reads: for trying the tool out,
for tests and for benchmarks at national scale.

ALL VALUES ARE INVENTED.  Units are named 合成… ("synthetic") and grouped into made-up cities
and provinces; every row's ``evidence`` and ``source`` say ``synthetic``.

How values are drawn (numpy, one vector per field, never a loop over units or rows):

* each unit has a lasting quality q ~ N(0, 1) that drifts upward a little each year; every
  value is redrawn each year from ``z = 0.6·q + 0.8·noise``;
* a percent is drawn near the target of the rule that reads it (``target + spread·z``, on the
  right side of the target for a ``lower`` rule), clipped to 0–100; without a target near 88%;
* a count is skewed (log-normal) around the rule's target, or around a size of its own;
  counts that a rubric penalises (negative list, veto ``above``, ``lower`` rules) are rare
  events (Poisson with a small rate);
* a yes/no is the expected answer for about 85% of units (a veto or negative-list fact is
  rare, a bonus fact occasional); a grade leans to the better levels;
* about 3% of values are missing (the row is left out);
* derived fields (those with a ``formula``) are left to their formula;
* every constraint the field dictionary declares holds: for ``a <= b`` between two numbers, ``a``
  is drawn as a share of ``b`` (near the target of a rule that scores ``a / b``, if one does,
  else ``b`` caps it), so 纠错 ≤ 审结 ≤ 受理; a value that breaks any other constraint is left out.

The same seed gives the same rows, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from ..rubric.compiled import Rubric

MISSING_SHARE = 0.03
UNITS_PER_CITY = 10
CITIES_PER_PROVINCE = 10
LEVELS = ("县", "区", "县级市")


@dataclass
class FieldPlan:
    """What the rubric asks of a field: the target and direction of the first rule that
    reads it, and whether a unit wants it high, low, or rarely at all."""

    field: str
    ftype: str
    target: float | None = None
    higher: bool = True
    rare: bool = False  # a counted event or fact the rubric penalises or rewards
    expect: bool = True  # for yes/no: the answer that scores


def plans(rubric: Rubric) -> list[FieldPlan]:
    """How each stated field the rubric reads is made up: its type, range, direction and rarity."""
    derived = set(rubric.field_formulas)
    used = sorted(f for f in rubric.used_fields() if f not in derived)
    by_field: dict[str, list] = {}
    for it in rubric.leaves():
        if it.field:
            by_field.setdefault(it.field, []).append(it)
    out = []
    for fid in used:
        f = rubric.fields[fid]
        plan = FieldPlan(fid, f.type)
        for it in by_field.get(fid, []):
            r = it.rule
            t = r.type
            if t in ("negative", "veto") or (t == "bonus"):
                plan.rare = True
                if t == "veto" and r.when is not None:
                    plan.expect = not r.when
                elif t == "negative":
                    plan.expect = False
                elif t == "bonus":
                    plan.expect = False  # a bonus fact is the exception
                continue
            if t == "boolean":
                plan.expect = bool(r.expect)
            elif t in ("threshold", "linear", "deduct"):
                plan.target, plan.higher = float(r.target), r.direction == "higher"
            elif t == "bands":
                plan.target, plan.higher = float(r.bands[0].at), r.direction == "higher"
            elif hasattr(r, "direction"):
                plan.higher = r.direction == "higher"
            plan.rare = False
            break
        out.append(plan)
    return out


def _names(n: int, prefix: str, suffixes: np.ndarray | None, suffix: str = "") -> np.ndarray:
    """合成0001县 …: zero-padded numbers, so names sort in number order."""
    width = max(2, len(str(n)))
    num = pl.Series(np.arange(1, n + 1)).cast(pl.String).str.zfill(width)
    tail = pl.Series(suffixes, dtype=pl.String) if suffixes is not None else pl.Series([suffix] * 1, dtype=pl.String)
    out = pl.select((pl.lit(prefix) + num + tail).alias("name")).to_series()
    return out.to_numpy().astype(object)


def synth(rubric: Rubric, units: int, years: int, seed: int = 0, last_year: int = 2024) -> pl.DataFrame:
    """Long rows: unit, year, field, value (text as people type it), evidence, source,
    qualifier, city, province, level."""
    if units < 1 or years < 1:
        raise ValueError("units and years must be at least 1")
    rng = np.random.default_rng(seed)
    year_list = np.arange(last_year - years + 1, last_year + 1)
    n = units * years
    unit_idx = np.repeat(np.arange(units), years)
    year_col = np.tile(year_list, units)
    quality = rng.standard_normal(units)
    drift = np.tile(np.arange(years) * 0.15, units)  # a little better every year
    level = rng.choice(len(LEVELS), size=units, p=[0.6, 0.3, 0.1])

    meta = _unit_meta(units, level)
    size = np.exp(0.5 * rng.standard_normal(units))[unit_idx]  # population-like scale of a unit
    q = quality[unit_idx] + drift
    drawn: dict[str, tuple] = {}  # field → (numbers or words, decimals; None for words), its z, what is kept
    for plan in plans(rubric):
        z = 0.6 * q + 0.8 * rng.standard_normal(n)
        drawn[plan.field] = (*_values(plan, rubric, z, size, rng), z, rng.random(n) >= MISSING_SHARE)
    _satisfy(rubric, drawn)
    return _long_rows(drawn, unit_idx, year_col, meta)


def _unit_meta(units: int, level: np.ndarray) -> pl.DataFrame:
    """The units' names (合成0001县 …), cities, provinces and levels."""
    unit_names = _names(units, "合成", np.array(["县", "区", "市"], dtype=object)[level])
    n_cities = -(-units // UNITS_PER_CITY)
    city_of = np.arange(units) // UNITS_PER_CITY
    city_names = _names(n_cities, "合成", np.full(n_cities, "市", dtype=object))
    prov_names = _names(-(-n_cities // CITIES_PER_PROVINCE), "合成", None, "省")
    return pl.DataFrame(
        {
            "unit": unit_names,
            "city": city_names[city_of],
            "province": prov_names[city_of // CITIES_PER_PROVINCE],
            "level": np.array(LEVELS, dtype=object)[level],
        },
        schema={"unit": pl.String, "city": pl.String, "province": pl.String, "level": pl.String},
    )


def _long_rows(drawn: dict[str, tuple], unit_idx: np.ndarray, year_col: np.ndarray, meta: pl.DataFrame) -> pl.DataFrame:
    """The drawn values as long rows, unit by unit and year by year, with the units' metadata."""
    parts: list[pl.DataFrame] = []
    for fid, (v, decimals, _, keep) in drawn.items():
        text = v if decimals is None else _num_text(v, decimals)
        keep = keep & (pl.Series(text).is_not_null().to_numpy())
        parts.append(
            pl.DataFrame(
                {
                    "u": unit_idx[keep].astype(np.int64),
                    "year": year_col[keep].astype(np.int64),
                    "field": fid,
                    "value": text[keep],
                },
                schema={"u": pl.Int64, "year": pl.Int64, "field": pl.String, "value": pl.String},
            )
        )
    long = pl.concat(parts).sort(["u", "year"], maintain_order=True)
    units_frame = meta.with_row_index("u").with_columns(pl.col("u").cast(pl.Int64))
    long = long.join(units_frame, on="u", how="left", maintain_order="left").drop("u")
    return long.select(
        "unit",
        pl.col("year").cast(pl.Int32),
        "field",
        "value",
        pl.lit("synthetic").alias("evidence"),
        pl.lit("synthetic").alias("source"),
        pl.lit("").alias("qualifier"),
        "city",
        "province",
        "level",
    )


def _values(plan: FieldPlan, rubric: Rubric, z: np.ndarray, size: np.ndarray, rng) -> tuple[np.ndarray, int | None]:
    """(numbers and the decimals to write them with), or (words, None) for yes/no and grades."""
    n = z.shape[0]
    f = rubric.fields[plan.field]
    if plan.ftype == "bool":
        if plan.rare:
            p_yes = 0.02 if plan.expect is False else 0.98
            if any(it.field == plan.field and it.rule.type == "bonus" for it in rubric.leaves()):
                p_yes = 0.15
        else:
            p_good = 1 / (1 + np.exp(-(1.9 + 1.0 * z)))
            p_yes = p_good if plan.expect else 1 - p_good
        yes = rng.random(n) < p_yes
        return np.where(yes, "是", "否").astype(object), None
    if plan.ftype == "grade":
        levels = f.levels or []
        k = len(levels)
        idx = np.clip(np.floor((1.2 - z) * k / 3.5), 0, k - 1).astype(np.int64)
        return np.array(levels, dtype=object)[idx], None
    lo, hi = (f.min, f.max)
    if plan.ftype == "percent":
        lo = 0.0 if lo is None else lo
        hi = 100.0 if hi is None else hi
        return _percent(plan.target, plan.higher, z, lo, hi), 2
    if plan.ftype == "count":
        if plan.rare or (plan.target is not None and not plan.higher and plan.target <= 1):
            lam = np.exp(-1.6 - 0.7 * z)
            v = rng.poisson(lam).astype(np.float64)
        else:
            base = plan.target if plan.target is not None else 20.0 * np.exp(rng.normal(0.0, 1.0))
            v = np.round(base * np.exp(0.45 * z) * (size if plan.target is None else 1.0))
        v = np.clip(v, lo if lo is not None else 0.0, hi if hi is not None else np.inf)
        return v, 0
    # number
    base = plan.target if plan.target is not None else 50.0
    v = base * np.exp(0.4 * z)
    v = np.clip(v, lo if lo is not None else -np.inf, hi if hi is not None else np.inf)
    return np.round(v, 2), 2


def _percent(target: float | None, higher: bool, z: np.ndarray, lo: float = 0.0, hi: float = 100.0) -> np.ndarray:
    """A rate near its target, on the good side for most units (2 decimals)."""
    t = target if target is not None else 88.0
    if higher:
        spread = max(2.0, min(12.0, (hi - t) + 4.0))
        v = t + spread * (z + 0.3)
    else:
        spread = max(0.5, t * 0.5)
        v = t - spread * (z + 0.3)
    return np.round(np.clip(v, lo, hi), 2)


def _satisfy(rubric: Rubric, drawn: dict) -> None:
    """Change the drawn values so that every declared constraint holds (see the module notes)."""
    from ..rubric import formula as fx
    from .formula import compare, to_polars

    for c in _in_order(rubric.constraints, drawn):
        pair = _pair(c, drawn)
        if pair is not None:
            small, big, strict = pair
            vs, ds, zs, _ = drawn[small]
            vb = drawn[big][0]
            rate = _ratio_rule(rubric, small, big)
            if rate is not None:  # the share a rule scores, drawn as that rule's rate is
                share = _percent(*rate, zs) / 100
                vs = np.round(vb * share, ds)
            vs = np.minimum(vs, vb - (1.0 if strict else 0.0))
            vs = np.where(vs < 0, np.nan, vs)
            drawn[small] = (vs, ds, zs, drawn[small][3])
            continue
        fields = c.fields()
        if not all(f in drawn and drawn[f][1] is not None for f in fields):
            continue  # a yes/no or grade in a constraint: nothing the draw can do
        frame = pl.DataFrame({f: drawn[f][0] for f in fields}).fill_nan(None)
        left, right = to_polars(c.left), to_polars(c.right)
        ok = frame.select(compare(left, c.op, right).fill_null(True)).to_series().to_numpy()
        parts = _summands(c.left)
        if parts and c.right[0] == "num" and c.op in ("<=", "<"):  # a + b ≤ 100: scaled down together
            total = frame.select(left).to_series().to_numpy()
            factor = np.where(ok, 1.0, c.right[1] / np.where(total > 0, total, 1.0) * (0.999 if c.op == "<" else 1.0))
            for f in parts:
                v, d, z, keep = drawn[f]
                k = 10.0**d
                drawn[f] = (np.where(ok, v, np.floor(v * factor * k) / k), d, z, keep)
            continue
        first = fx.fields_of(c.left)[0] if fx.fields_of(c.left) else fields[0]
        v, d, z, keep = drawn[first]
        drawn[first] = (np.where(ok, v, np.nan), d, z, keep)


def _summands(node) -> list[str] | None:
    """The fields of ``a + b + …`` (fields only), else None."""
    if node[0] == "field":
        return [node[1]]
    if node[0] == "bin" and node[1] == "+":
        a, b = _summands(node[2]), _summands(node[3])
        return a + b if a is not None and b is not None else None
    return None


def _in_order(constraints: list, drawn: dict) -> list:
    """Pairs a ≤ b before c ≤ a (the larger side is final before it caps the smaller one), then the rest."""
    pairs = [c for c in constraints if _pair(c, drawn) is not None]
    order: list = []
    while pairs:
        smalls = {_pair(c, drawn)[0] for c in pairs}
        ready = [c for c in pairs if _pair(c, drawn)[1] not in smalls] or pairs[:1]  # a cycle: any one first
        order += ready
        pairs = [c for c in pairs if c not in ready]
    return order + [c for c in constraints if _pair(c, drawn) is None]


def _pair(c, drawn: dict) -> tuple[str, str, bool] | None:
    """(smaller field, larger field, strict) for ``a <= b`` (or ``b >= a``) between two drawn numbers."""
    if c.left[0] != "field" or c.right[0] != "field" or c.op == "==":
        return None
    a, b = c.left[1], c.right[1]
    small, big = (a, b) if c.op in ("<=", "<") else (b, a)
    if not all(f in drawn and drawn[f][1] is not None for f in (small, big)):
        return None
    return small, big, c.op in ("<", ">")


def _ratio_rule(rubric: Rubric, small: str, big: str) -> tuple[float | None, bool] | None:
    """(target, higher) of the first rule that scores ``small / big`` as a percent: an item's own
    formula, or the dictionary formula of the field it reads."""
    from ..rubric import formula as fx

    def divides(node) -> bool:
        if node[0] == "bin" and node[1] == "/" and node[3] == ("field", big) and small in fx.fields_of(node[2]):
            return True
        return any(divides(k) for k in _kids(node))

    for it in rubric.leaves():
        ast = it.formula_ast if it.formula_ast is not None else rubric.field_formulas.get(it.field)
        if ast is None or not divides(ast):
            continue
        r = it.rule
        if r.type in ("threshold", "linear", "deduct"):
            return float(r.target), getattr(r, "direction", "higher") == "higher"
        if r.type == "bands":
            return float(r.bands[0].at), r.direction == "higher"
        if hasattr(r, "direction"):
            return None, r.direction == "higher"
    return None


def _kids(node) -> list:
    if node[0] == "neg":
        return [node[1]]
    if node[0] == "bin":
        return [node[2], node[3]]
    if node[0] == "call":
        return list(node[2])
    return []


def _num_text(v: np.ndarray, decimals: int) -> np.ndarray:
    """Numbers as people type them; NaN (a value a constraint ruled out) as None."""
    s = pl.Series(v, nan_to_null=True).round(decimals)
    if decimals == 0:
        return s.cast(pl.Int64).cast(pl.String).to_numpy().astype(object)
    return s.cast(pl.String).str.replace(r"\.0$", "").to_numpy().astype(object)
