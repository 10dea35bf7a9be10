"""Is a rank solid, or an artefact of the weights?  Monte Carlo over the rubric's points.

What one sample changes
-----------------------
* **Weights** (``perturb``, default 20%): every item's points, at every level, are multiplied by
  its own factor drawn uniformly from ``[1 − p, 1 + p]``; each parent's points are then shared
  among its children in proportion to their perturbed points, so every parent, and the whole
  rubric, keeps its maximum and the grade bands keep their meaning.  Each item keeps its share of
  its points (score ÷ points): only the weights move.  Under ``weighted_mean`` the children's
  ``weight`` values are perturbed the same way.
* **Rule parameters** (``perturb_targets``, default 0, an option): the thresholds of each
  ``threshold``, ``linear``, ``bands`` and ``deduct`` rule (target, floor, band edges, the
  deduction step) are stretched by a factor from ``[1 − q, 1 + q]``: the bar moves up or down.
  These leaves are scored again by the engine's own rule expressions.
* Negative-list deductions, bonus points and vetoes are absolute and stay as they are.

Parents are rolled up exactly as the engine does (sum or weighted mean, clipped to
``[0, points]``, rounded to the rubric's decimals), then bonus, veto caps, percent, grade and the
rank among the units of the same year (and group ``by``), with ties sharing a rank
(competition).  With zero perturbation every sample reproduces the plain ranking exactly.

Vectorised: the factors of all samples are drawn at once (so the result does not depend on the
batch size), and samples are processed in batches as numpy matrices of ``batch × unit-years``
per item; Python loops run over items and batches, never over units or samples.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import numpy as np
import polars as pl

from ..engine import rules as R
from ..engine.rank import rank, require_group
from ..engine.score import ScoreResult, col_fired, col_score, col_value
from ..rubric.compiled import Item
from .select import NotFound

TARGET_RULES = ("threshold", "linear", "bands", "deduct")
CELLS_PER_BATCH = 400_000  # samples × unit-years held at once per item


@dataclass
class Sensitivity:
    """Each unit-year's rank under perturbed weights: the plain rank beside the median, the
    5–95% interval and the probabilities of the top K and of each grade."""

    table: pl.DataFrame  # one row per unit-year: plain rank and grade, median rank, p05, p95, p_top, p:<grade>…
    samples: int
    seed: int
    perturb: float
    perturb_targets: float
    top: int
    by: str | None
    params: pl.DataFrame | None  # one row per sample: f:<item> weight factors, t:<item> target factors
    ranks: np.ndarray | None = None  # (samples, unit-years) in the order of ``table``'s source rows

    def summary(self) -> dict:
        """The run's settings and how many ranks vary (what JSON's ``summary`` holds)."""
        t = self.table
        moved = int((t["p05"] != t["p95"]).sum()) if t.height else 0
        return {
            "samples": self.samples,
            "seed": self.seed,
            "perturb": self.perturb,
            "perturb_targets": self.perturb_targets,
            "top": self.top,
            "by": self.by,
            "units": t.height,
            "rank_varies": moved,
            "max_spread": int((t["p95"] - t["p05"]).max()) if t.height else 0,
        }


def _round_half_up(x: np.ndarray, decimals: int) -> np.ndarray:
    """The engine's rounding (half away from zero, with its 1e-9 nudge), in numpy."""
    k = 10.0**decimals
    r = np.floor(np.abs(x) * k + 0.5 + 1e-9) / k * np.sign(x)
    return np.where(r == 0, 0.0, r)


def _round_nonneg(x: np.ndarray, decimals: int) -> np.ndarray:
    """``_round_half_up`` for values ≥ 0 (clipped parents), in place: the same numbers, fewer passes."""
    k = 10.0**decimals
    x *= k
    x += 0.5
    x += 1e-9  # in two steps, as the engine adds them
    np.floor(x, out=x)
    x /= k
    return x


class _Model:
    """The rubric as arrays: what the Monte Carlo needs, prepared once."""

    def __init__(self, result: ScoreResult, frame: pl.DataFrame):
        rub = result.rubric
        self.rubric = rub
        self.d = rub.decimals
        items = rub.items
        self.nodes = [i for i, it in items.items() if it.role in ("score", "group")]
        self.node_ix = {n: j for j, n in enumerate(self.nodes)}
        self.root = Item(
            id="",
            name=rub.name,
            level=0,
            parent=None,
            max=rub.total,
            weight=1,
            children=tuple(rub.roots),
            aggregate=rub.aggregate,
        )
        self.parents = [it for it in items.values() if not it.is_leaf]
        # leaf scores and negative deductions as columns (R,)
        self.S = {
            it.id: frame[col_score(it.id)].to_numpy().astype(np.float64)
            for it in rub.leaves()
            if it.role in ("score", "negative")
        }
        self.bonus = frame["bonus"].to_numpy().astype(np.float64)
        self.vetoes = [it for it in rub.leaves() if it.role == "veto"]
        self.fired = {v.id: frame[col_fired(v.id)].to_numpy().astype(bool) for v in self.vetoes}
        self.targets = [it for it in rub.leaves() if it.role == "score" and it.rule_type in TARGET_RULES]
        self.V = {it.id: frame[col_value(it.id)].to_numpy().astype(np.float64) for it in self.targets}
        grades = rub.grades
        self.grade_names = [g.name for g in grades]
        cap = np.full(frame.height, -1, dtype=np.int64)
        for v in self.vetoes:
            if v.rule.cap_grade is not None:
                ci = self.grade_names.index(v.rule.cap_grade)
                cap = np.where(self.fired[v.id], np.maximum(cap, ci), cap)
        self.grade_cap = cap

    # --- weights -------------------------------------------------------------------------------
    def _scoring(self, parent: Item) -> list[Item]:
        return [self.rubric.items[c] for c in parent.children if self.rubric.items[c].role in ("score", "group")]

    def _weighted(self, parent: Item) -> list[Item]:
        return [k for k in self._scoring(parent) if k.max > 0 and k.weight > 0]

    def ratios(self, F: np.ndarray) -> dict[str, np.ndarray]:
        """Each node's points multiplier r (batch,), top-down; exactly 1.0 when F is all ones."""
        ones = np.ones(F.shape[0])
        r: dict[str, np.ndarray] = {"": ones}
        for parent in [self.root] + self.parents:
            rp = r[parent.id]
            kids = self._scoring(parent)
            if parent.aggregate != "sum":  # a mean: the weights set the shares
                base = {k.id: float(k.weight) for k in self._weighted(parent)}
            else:
                base = {k.id: float(k.max) for k in kids}
            b0, b1 = 0.0, np.zeros(F.shape[0])
            for kid, b in base.items():
                b0 += b * 1.0
                b1 = b1 + b * F[:, self.node_ix[kid]]
            norm = np.where(b1 > 0, b0 / np.where(b1 > 0, b1, 1.0), 1.0)
            for k in kids:
                r[k.id] = F[:, self.node_ix[k.id]] * rp * norm
        return r

    # --- one batch -----------------------------------------------------------------------------
    def roll_up(self, F: np.ndarray, S_override: dict[str, np.ndarray]) -> np.ndarray:
        """Totals (batch, R) for factor rows F (batch, nodes); leaf scores from ``S_override``
        ((batch, R) arrays) where given, else the plain ones."""
        one = _Pass(self, F, S_override)
        if self.rubric.parts:  # the total is the sum of the parts, as the engine makes it
            base = self.parts_base(one)
        else:
            for level in sorted({p.level for p in self.parents}, reverse=True):
                for p in self.parents:
                    if p.level == level:
                        one.val[p.id] = one.parent_value(p)
            base = one.parent_value(self.root)
        total = _round_half_up(base + self.bonus, self.d)
        for v in self.vetoes:
            if v.rule.cap_total is not None:
                total = np.where(self.fired[v.id], np.minimum(total, float(v.rule.cap_total)), total)
        return total

    def parts_base(self, one: "_Pass") -> np.ndarray:
        """The base total of a rubric with evaluation parts (batch, R): each part's score rate
        over its items at the sample's points (negative items absolute) × the part's points,
        rounded, then summed and kept within the maximum.  The part weights are not perturbed."""
        rub = self.rubric
        base = 0.0
        for pid, points in rub.part_maxima().items():
            items = rub.part_items(pid)
            got = np.zeros((one.F.shape[0], self.R))
            most = np.zeros(one.F.shape[0])
            for k in items:
                if k.role == "negative":
                    got = got + self.S[k.id]
                else:
                    got = got + one.leaf_score(k) * one.r[k.id][:, None]
                    most = most + k.max * one.r[k.id]
            rate = np.clip(got / np.where(most > 0, most, 1.0)[:, None], 0.0, 1.0) * (most > 0)[:, None]
            base = base + _round_half_up(rate * points, self.d)
        return _round_half_up(np.clip(base, 0.0, rub.total), self.d)

    def grades(self, total: np.ndarray) -> np.ndarray:
        """Grade index per cell (0 = best), len(grades) for none; veto caps applied."""
        G = len(self.grade_names)
        if G == 0:
            return np.full(total.shape, 0, dtype=np.int64)
        T = self.rubric.total
        pct = _round_half_up(total / T * 100, 2) if T > 0 else np.zeros_like(total)
        idx = np.full(total.shape, G, dtype=np.int64)
        for i in reversed(range(G)):  # the first grade in list order whose bound is met wins
            idx = np.where(pct >= self.rubric.grades[i].min_percent, i, idx)
        capped = (self.grade_cap >= 0) & (idx < G)
        return np.where(capped, np.maximum(idx, self.grade_cap), idx)


class _Pass:
    """One roll-up of a batch: each parent's points from its children's, bottom-up, as the
    engine rolls up (sum or weighted mean, clipped to ``[0, points]``, rounded)."""

    def __init__(self, model: _Model, F: np.ndarray, S_override: dict[str, np.ndarray]):
        self.m, self.F, self.S_override = model, F, S_override
        self.r = model.ratios(F)
        self.val: dict[str, np.ndarray] = {}  # parents rolled up and not yet used by theirs

    def leaf_score(self, k: Item):  # (batch, R) or (R,)
        """A leaf's score: the stretched rule's where thresholds move, else the plain one."""
        return self.S_override.get(k.id, self.m.S[k.id])

    def child_score(self, k: Item) -> np.ndarray:
        """A child's points under the sample's weights."""
        if k.is_leaf:
            return self.leaf_score(k) * self.r[k.id][:, None]
        return self.val.pop(k.id)

    def child_share(self, k: Item) -> np.ndarray:
        """A child's share of its points (score ÷ points)."""
        if k.is_leaf:
            return self.leaf_score(k) / k.max
        return self.val.pop(k.id) / (k.max * self.r[k.id][:, None])

    def deductions(self, p: Item):
        """The negative-list deductions of a parent's children (absolute: never reweighted)."""
        negs = [k for k in (self.m.rubric.items[c] for c in p.children) if k.role == "negative"]
        neg = 0.0
        if negs:
            neg = self.m.S[negs[0].id]
            for k in negs[1:]:
                neg = neg + self.m.S[k.id]
        return neg

    def weighted_mean(self, p: Item, cap: np.ndarray, neg) -> np.ndarray:
        """A parent taking a mean (weighted, geometric, harmonic) before clipping: its points × the mean share."""
        weighted = self.m._weighted(p)
        for k in self.m._scoring(p):
            if k not in weighted and not k.is_leaf:
                self.val.pop(k.id, None)
        if not weighted:
            return np.zeros_like(cap) + neg
        pairs = [(self.child_share(k), k.weight * self.F[:, self.m.node_ix[k.id]]) for k in weighted]
        wsum = sum(w for _, w in pairs)[:, None]
        if p.aggregate == "weighted_mean":
            return cap * (sum(s * w[:, None] for s, w in pairs) / wsum) + neg
        # geometric or harmonic (engine.score._mean_share): a child's share of 0 makes the mean 0
        zero = False
        for s, _ in pairs:
            zero = zero | (s <= 0)
        safe = [(np.where(s > 0, s, 1.0), w[:, None] / wsum) for s, w in pairs]
        if p.aggregate == "geometric_mean":
            share = np.exp(sum(w * np.log(s) for s, w in safe))
        else:
            share = 1 / sum(w / s for s, w in safe)
        return cap * np.where(zero, 0.0, share) + neg

    def summed(self, p: Item, neg):
        """A ``sum`` parent before clipping."""
        scoring = self.m._scoring(p)
        if scoring:
            acc = self.child_score(scoring[0])  # a fresh (batch, R) array: added to in place
            for k in scoring[1:]:
                acc += self.child_score(k)
        else:
            acc = 0.0
        return acc + neg

    def parent_value(self, p: Item) -> np.ndarray:
        """A parent's points (batch, R): its children rolled up, clipped and rounded."""
        neg = self.deductions(p)
        cap = (p.max * self.r[p.id])[:, None]
        raw = self.weighted_mean(p, cap, neg) if p.aggregate != "sum" else self.summed(p, neg)
        out = np.empty((self.F.shape[0], self.m.R))
        np.maximum(raw, 0.0, out=out)
        np.minimum(out, cap, out=out)
        return _round_nonneg(out, self.m.d)


def _target_scores(model: _Model, T: np.ndarray) -> dict[str, np.ndarray]:
    """Leaf scores with stretched rule thresholds, by the engine's own rule expressions: a
    threshold stretched by t is the value divided by t."""
    if not model.targets:
        return {}
    B = T.shape[0]
    Rn = model.R
    cols, exprs = {}, []
    for j, it in enumerate(model.targets):
        name = f"x{j}"
        cols[name] = (model.V[it.id][None, :] / T[:, j][:, None]).reshape(B * Rn)
        twin = replace(it, field=name, formula=None, formula_ast=None)
        _, score, _, _ = R.leaf_exprs(twin, model.rubric)
        exprs.append(R.round_half_up(score, model.d).alias(it.id))
    df = pl.DataFrame(cols).fill_nan(None)
    out = df.select(exprs)
    return {it.id: out[it.id].to_numpy().reshape(B, Rn) for it in model.targets}


def _ranks(total: np.ndarray, groups: np.ndarray, n_groups: int, decimals: int) -> np.ndarray:
    """Competition ranks (1 2 2 4) of the rounded totals within each group, for every row of a
    (batch, R) matrix at once: one flat sort of integer keys."""
    B, Rn = total.shape
    t = np.rint(total * 10.0**decimals).astype(np.int64)
    off = int(np.abs(t).max()) + 1 if t.size else 1
    scale = 2 * off + 1
    block = (np.arange(B, dtype=np.int64)[:, None] * n_groups + groups[None, :]) * scale
    key = (block + (off - t)).ravel()
    srt = np.sort(key)
    pos = np.searchsorted(srt, key, side="left")
    start = np.searchsorted(srt, block.ravel(), side="left")
    return (pos - start + 1).reshape(B, Rn).astype(np.int32)


def sensitivity(
    result: ScoreResult,
    samples: int = 1000,
    seed: int = 0,
    perturb: float = 0.2,
    perturb_targets: float = 0.0,
    top: int = 10,
    by: str | None = None,
    year: int | None = None,
    keep_params: bool = True,
    keep_ranks: bool = False,
    batch: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Sensitivity:
    """Monte Carlo over the rubric's weights (and, optionally, its rule thresholds); see the
    module's doc.  ``progress(done, total)`` is called after each batch of samples."""
    if samples < 1:
        raise ValueError("samples must be at least 1")
    if not 0 <= perturb < 1 or not 0 <= perturb_targets < 1:
        raise ValueError("perturb must be within [0, 1)")
    frame = result.frame
    if year is not None:
        frame = frame.filter(pl.col("year") == year)
    if frame.height == 0:
        raise NotFound.one("E-SENS-EMPTY") if year is None else NotFound.one("E-SENS-YEAR", year=year)
    require_group(frame, by)  # before sampling: every unit must state its group
    model = _Model(result, frame)
    model.R = frame.height
    # all factors at once, so the result does not depend on the batch size
    rng_w = np.random.default_rng([seed, 0])
    rng_t = np.random.default_rng([seed, 1])
    F_all = 1.0 + perturb * (2.0 * rng_w.random((samples, len(model.nodes))) - 1.0)
    T_all = (
        1.0 + perturb_targets * (2.0 * rng_t.random((samples, len(model.targets))) - 1.0)
        if perturb_targets > 0
        else None
    )
    ranks, grade_counts = _run(model, frame, by, F_all, T_all, batch, progress)
    table, order = _table(result, frame, by, ranks, grade_counts, model.grade_names, top)
    return Sensitivity(
        table=table,
        samples=samples,
        seed=seed,
        perturb=perturb,
        perturb_targets=perturb_targets,
        top=top,
        by=by,
        params=_params(model, F_all, T_all) if keep_params else None,
        ranks=ranks[:, order] if keep_ranks else None,
    )


def group_codes(frame: pl.DataFrame, by: str | None) -> tuple[np.ndarray, int]:
    """Each row's ranking group (year × ``by``) as 0..n−1, and n."""
    gcols = ["year"] + ([by] if by else [])
    codes = frame.select(gcols).with_columns(pl.struct(gcols).rank("dense").alias("_g"))["_g"].to_numpy()
    codes = codes.astype(np.int64) - 1
    return codes, int(codes.max()) + 1


def _run(model: _Model, frame: pl.DataFrame, by, F_all, T_all, batch, progress) -> tuple[np.ndarray, np.ndarray]:
    """Every sample's ranks (samples, unit-years) and the count of each grade per unit-year,
    batch by batch."""
    codes, n_groups = group_codes(frame, by)
    samples, Rn = F_all.shape[0], model.R
    B = batch or max(1, min(samples, CELLS_PER_BATCH // max(Rn, 1)))
    ranks = np.empty((samples, Rn), dtype=np.int32)
    G = len(model.grade_names)
    grade_counts = np.zeros((G + 1, Rn), dtype=np.int64)
    for start in range(0, samples, B):
        stop = min(samples, start + B)
        S_over = _target_scores(model, T_all[start:stop]) if T_all is not None else {}
        total = model.roll_up(F_all[start:stop], S_over)
        ranks[start:stop] = _ranks(total, codes, n_groups, model.d)
        gi = model.grades(total)
        for g in range(G + 1):  # a loop over grades: counts per unit-year
            grade_counts[g] += (gi == g).sum(axis=0)
        if progress is not None:
            progress(stop, samples)
    return ranks, grade_counts


def _table(result: ScoreResult, frame: pl.DataFrame, by, ranks, grade_counts, grade_names, top: int):
    """One row per unit-year (plain rank, total, grade, median rank, interval, probabilities),
    in ranking order, and the order of ``frame``'s rows it puts them in."""
    samples = ranks.shape[0]
    q05, q50, q95 = np.quantile(ranks, [0.05, 0.5, 0.95], axis=0, method="inverted_cdf")
    plain = rank(ScoreResult(rubric=result.rubric, frame=frame, indicators=result.indicators), by=by)
    base = frame.select("unit", "year").with_row_index("_row")
    table = base.with_columns(
        pl.Series("median_rank", q50.astype(np.int64)),
        pl.Series("p05", q05.astype(np.int64)),
        pl.Series("p95", q95.astype(np.int64)),
        pl.Series("p_top", (ranks <= top).mean(axis=0)),
        *[pl.Series(f"p:{name}", grade_counts[g] / samples) for g, name in enumerate(grade_names)],
    )
    table = plain.select("unit", "year", "group", "rank", "total", "grade").join(
        table, on=["unit", "year"], how="left", nulls_equal=True
    )
    table = table.with_columns((pl.col("p95") - pl.col("p05")).alias("spread")).sort(
        ["year", "group", "rank", "unit"], nulls_last=True
    )
    return table.drop("_row"), table["_row"].to_numpy()


def _params(model: _Model, F_all: np.ndarray, T_all: np.ndarray | None) -> pl.DataFrame:
    """One row per sample: the weight factor of every node (f:) and threshold factor (t:)."""
    cols = {"sample": np.arange(1, F_all.shape[0] + 1)}
    cols |= {f"f:{n}": F_all[:, j] for j, n in enumerate(model.nodes)}
    if T_all is not None:
        cols |= {f"t:{it.id}": T_all[:, j] for j, it in enumerate(model.targets)}
    return pl.DataFrame(cols)
