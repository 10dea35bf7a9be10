"""Sensitivity of the ranking to method choices, with Sobol indices.

Each varied *choice* (weights, normalisation, method, …) has declared *alternatives*; one
sample picks one alternative of every choice (a uniform column per choice, cut into equal
parts) and, for the weights' ``perturb`` alternative, one factor per item (the existing
±p perturbation of ``analysis.sensitivity``).  The columns of one choice form one group of
Saltelli's design (``analysis.sobol``), so the indices speak of choices, not of columns.

What one sample computes: every unit-year's rank under the chosen alternatives, and the
sample's output Y, the mean absolute shift of the ranks from the plain ranking.  The units'
table (median rank, 5–95 % interval, P(top K), P(grade)) is read over every run of the design;
the indices are the first-order and total Sobol indices of Y per choice, with bootstrap
intervals.

Alternatives and where they come from:

* ``weights``: ``rubric`` (the points as written), ``perturb`` (each item's points × a factor
  in [1 − p, 1 + p], as ``sensitivity`` does), ``equal`` and ``entropy`` (the weights of
  ``analysis.methods.rubric_weights``, turned into points factors so every parent keeps its points);
* ``normalisation``: ``rubric`` (the rubric's own rules), ``minmax`` and ``percentile``
  (``engine.normalise`` over the units of the year, × the leaf's points); ``zscore`` is declared
  but cannot be laid on points (a negative score would be clipped by every parent), so it is
  refused by name;
* ``method``: ``wsm`` (the rubric's roll-up) and ``topsis`` (``analysis.methods.method_frame``:
  TOPSIS on the leaves' values, with the rubric's shares as its weights; under topsis the
  weights and normalisation choices do not act);
* ``aggregation``: ``sum`` (the rubric's own roll-up) and ``geometric_mean`` (every parent and
  the rubric rolled up by the engine's weighted geometric mean, scored once: under it the
  weights and normalisation choices do not act);
* ``imputation``: ``none`` (missing values stay missing, whatever the rubric declares),
  ``group_mean`` (by the rubric's ``by`` column, else ``group``), ``mean``, ``median``,
  ``group_median`` and ``previous_year``: every field a leaf reads imputed so (``data.treat``;
  the rubric's denominators and outlier treatment kept), scored once per alternative; its leaf
  scores replace the rubric's in the runs that pick it (under ``topsis`` or ``geometric_mean`` it
  does not act).  Data with no value to fill make it inert, and that is said.

A choice that cannot act on this data (one alternative, a perturbation of 0, alternatives that
give the same scores) is said before the run and kept in the design: its indices come out ≈ 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import polars as pl

from ..core.problems import ProblemError
from ..engine.normalise import normalise_expr
from ..engine.rank import require_group
from ..engine.score import ScoreResult, col_value
from . import sobol
from .reports import AnalysisReport
from .select import NotFound, listed
from .sensitivity import _Model, _ranks, _table, group_codes

DECLARED = {
    "weights": ("rubric", "perturb", "equal", "entropy"),
    "normalisation": ("rubric", "minmax", "zscore", "percentile"),
    "aggregation": ("sum", "geometric_mean"),
    "imputation": ("none", "group_mean", "mean", "median", "group_median", "previous_year"),
    "method": ("wsm", "topsis"),
}
AVAILABLE = {
    "weights": ("rubric", "perturb", "equal", "entropy"),
    "normalisation": ("rubric", "minmax", "percentile"),
    "aggregation": ("sum", "geometric_mean"),
    "imputation": ("none", "group_mean"),
    "method": ("wsm", "topsis"),
}
# Alternatives that may be asked for besides the default set (``--alternatives``).
ASKABLE = {"imputation": DECLARED["imputation"]}
CELLS_PER_BATCH = 200_000  # samples × unit-years per batch


@dataclass
class Choice:
    """One varied choice: its alternatives and how many columns of the design it takes."""

    name: str
    alternatives: tuple[str, ...]
    columns: int = 1
    inert: str | None = None  # why it cannot act on this data (a message key), or None

    def pick(self, u: np.ndarray) -> np.ndarray:
        """Alternative index per row from a uniform column."""
        return np.minimum((u * len(self.alternatives)).astype(np.int64), len(self.alternatives) - 1)


@dataclass
class MethodSensitivity:
    """Ranks under sampled method choices: the units' table and the Sobol indices per choice."""

    table: pl.DataFrame  # as ``Sensitivity.table``
    indices: pl.DataFrame  # parameter, alternatives, first_order, first_low, first_high, total, total_low, …
    choices: list[Choice]
    samples: int  # base samples N
    runs: int  # N × (k + 2)
    seed: int
    perturb: float
    top: int
    by: str | None
    notes: list[tuple[str, dict]] = field(default_factory=list)  # said before the run
    params: pl.DataFrame | None = None  # one row per run: the alternatives and the weight factors
    shift: np.ndarray | None = None  # Y per run

    def summary(self) -> dict:
        """The run's settings, the varied choices and the one the ranking depends on most."""
        t = self.table
        top = self.indices.sort("total", descending=True)["parameter"][0] if self.indices.height else None
        return {
            "samples": self.samples,
            "runs": self.runs,
            "seed": self.seed,
            "perturb": self.perturb,
            "top": self.top,
            "by": self.by,
            "vary": [c.name for c in self.choices],
            "units": t.height,
            "rank_varies": int((t["p05"] != t["p95"]).sum()) if t.height else 0,
            "max_spread": int((t["p95"] - t["p05"]).max()) if t.height else 0,
            "mean_shift": float(np.mean(self.shift)) if self.shift is not None else None,
            "most": top,
            "inert": [c.name for c in self.choices if c.inert],
        }


def choices_of(vary: list[str], alternatives: dict[str, list[str]] | None, n_nodes: int) -> list[Choice]:
    """The varied choices with their alternatives (the available default set unless given);
    an unknown choice or alternative, or one this version cannot compute, is a usage error."""
    alternatives = alternatives or {}
    out = []
    for name in dict.fromkeys(vary):
        if name not in DECLARED:
            known = listed(DECLARED)
            raise ProblemError.one("E-USAGE-VARY", name=name, known=known["zh"], known_en=known["en"])
        asked = tuple(alternatives.get(name) or AVAILABLE[name] or DECLARED[name])
        unknown = [a for a in asked if a not in DECLARED[name]]
        if unknown:
            known = listed(DECLARED[name])
            raise ProblemError.one("E-USAGE-VARY-ALTERNATIVE", choice=name, names=", ".join(unknown),
                                   known=known["zh"], known_en=known["en"])  # fmt: skip
        missing = [a for a in asked if a not in AVAILABLE[name] and a not in ASKABLE.get(name, ())]
        if missing:
            raise ProblemError.one("E-USAGE-VARY-UNAVAILABLE", choice=name, names=", ".join(missing))
        cols = 1 + (n_nodes if name == "weights" and "perturb" in asked else 0)
        out.append(Choice(name, asked, cols))
    for name in alternatives:
        if name not in vary:  # alternatives of a choice that is not varied would be ignored in silence
            known = listed(vary)
            raise ProblemError.one("E-USAGE-VARY", name=name, known=known["zh"], known_en=known["en"])
    return out


class _Alternatives:
    """What each alternative does to the model, prepared once: weight factors, leaf scores, totals."""

    def __init__(self, result: ScoreResult, frame: pl.DataFrame, model: _Model, choices, perturb: float, by):
        self.model, self.perturb, self.choices = model, perturb, {c.name: c for c in choices}
        self.F_fixed = self._weights(result, frame, model) if "weights" in self.choices else {}
        # per imputation alternative (one, the rubric's, when imputation is not varied): the leaf
        # scores that differ from the rubric's, and the normalisation stacks on its values
        frames, self.nothing_imputed = [frame], False
        if "imputation" in self.choices:
            frames, self.S_imp, self.nothing_imputed = self._imputed(result, frame, model)
        else:
            self.S_imp = [{}]
        self.S_alts = [
            self._normalised(f, model, self.S_imp[i]) if "normalisation" in self.choices else {}
            for i, f in enumerate(frames)
        ]
        self.S_alt = self.S_alts[0]
        self.topsis = self._topsis(result, frame, by) if "method" in self.choices else None
        self.geometric = self._geometric(result, frame) if "aggregation" in self.choices else None

    def _geometric(self, result, frame) -> np.ndarray | None:
        """The totals with every parent aggregated by the weighted geometric mean (the engine's)."""
        import dataclasses

        from ..engine.score import score

        if "geometric_mean" not in self.choices["aggregation"].alternatives:
            return None
        rub = result.rubric
        items = {
            i: it if it.is_leaf else dataclasses.replace(it, aggregate="geometric_mean") for i, it in rub.items.items()
        }
        gm = score(dataclasses.replace(rub, items=items, aggregate="geometric_mean"), result.indicators).frame
        got = frame.select("unit", "year").join(gm.select("unit", "year", "total"), on=["unit", "year"], how="left")
        return got["total"].fill_null(0.0).to_numpy().astype(np.float64)

    def _weights(self, result, frame, model) -> dict[str, np.ndarray]:
        from .methods import rubric_weights

        out = {"rubric": np.ones(len(model.nodes))}
        for alt in self.choices["weights"].alternatives:
            if alt in ("equal", "entropy"):
                w = rubric_weights(ScoreResult(result.rubric, frame, result.indicators), alt)
                out[alt] = _factors(model, dict(w.frame.select("id", "weight").iter_rows()))
        return out

    def _imputed(self, result, frame, model) -> tuple[list, list[dict[str, np.ndarray]], bool]:
        """Per imputation alternative: the frame scored so (rows as ``frame``'s), the leaf scores
        that differ from the rubric's, and whether no alternative filled any value at all."""
        import dataclasses

        from ..data.treat import imputed_col
        from ..engine.score import col_score, score
        from ..rubric.treatment import FieldPlan

        rub = result.rubric
        frames, S, filled = [], [], False
        for alt in self.choices["imputation"].alternatives:
            plans = {}
            for fid in rub.read_fields():
                plan = rub.treatment.get(fid) or FieldPlan(field=fid)
                by = plan.by or "group"
                plans[fid] = dataclasses.replace(plan, impute=alt, by=by if alt.startswith("group_") else plan.by)
            scored = score(dataclasses.replace(rub, treatment=plans), result.indicators).frame
            got = frame.select("unit", "year").join(scored, on=["unit", "year"], how="left", maintain_order="left")
            filled |= any(got[c].any() for c in got.columns if c.startswith(imputed_col("")))
            frames.append(got)
            scores = {}
            for leaf, base in model.S.items():
                x = got[col_score(leaf)].fill_null(0.0).to_numpy().astype(np.float64)
                if not np.allclose(x, base):
                    scores[leaf] = x
            S.append(scores)
        return frames, S, not filled

    def _normalised(self, frame, model, own: dict | None = None) -> dict[str, np.ndarray]:
        """Per leaf, its scores under every normalisation alternative (n_alt, R), for the
        leaves where an alternative differs from the rubric's rules (``own``: the leaf scores
        that replace the rubric's in this frame)."""
        own = own or {}
        from .methods import direction_of

        alts = self.choices["normalisation"].alternatives
        out = {}
        for it in model.rubric.leaves():
            if it.role != "score" or col_value(it.id) not in frame.columns:
                continue
            rows = []
            for alt in alts:
                if alt == "rubric":
                    rows.append(own.get(it.id, model.S[it.id]))
                    continue
                e = normalise_expr(col_value(it.id), alt, over=["year"], direction=direction_of(it))
                x = frame.select(e.fill_null(0.0)).to_series().to_numpy().astype(np.float64)
                rows.append(x / (100.0 if alt == "percentile" else 1.0) * it.max)
            stack = np.vstack(rows)
            if not np.allclose(stack, stack[0]):
                out[it.id] = stack
        return out

    def _topsis(self, result, frame, by) -> np.ndarray | None:
        if "topsis" not in self.choices["method"].alternatives:
            return None
        from .methods import method_frame

        mf, _ = method_frame(ScoreResult(result.rubric, frame, result.indicators), "topsis", by=by)
        got = frame.select("unit", "year").join(mf.select("unit", "year", "total"), on=["unit", "year"], how="left")
        self.topsis_missing = int(got["total"].is_null().sum())
        if self.topsis_missing == frame.height:  # every run under topsis would tie every unit
            raise ProblemError.one("E-USAGE-VARY-TOPSIS", units=frame.height)
        # TOPSIS needs every value: a unit lacking one has no closeness and ranks below every unit
        # that has one (closeness lies in [0, 1])
        return got["total"].fill_null(-1.0).to_numpy().astype(np.float64)

    def inert_reasons(self) -> None:
        """Mark the choices that cannot act on this data."""
        for c in self.choices.values():
            if len(c.alternatives) < 2:
                c.inert = "vary.why.one_alternative"
            elif c.name == "weights":
                moves = self.perturb > 0 and "perturb" in c.alternatives
                fixed = [self.F_fixed[a] for a in c.alternatives if a != "perturb"]
                if not moves and all(np.allclose(f, fixed[0]) for f in fixed):
                    c.inert = "vary.why.same_result"
            elif c.name == "normalisation" and not any(self.S_alts):
                c.inert = "vary.why.same_result"
            elif c.name == "imputation" and self.nothing_imputed:
                c.inert = "vary.why.nothing_imputed"
            elif c.name == "imputation" and not any(self.S_imp):
                c.inert = "vary.why.same_result"


def _factors(model: _Model, weights: dict[str, float]) -> np.ndarray:
    """Points factors F (nodes,) that give each parent's children the shares ``weights`` while
    every parent keeps its points (the inverse of ``_Model.ratios``' normalisation)."""
    F = np.ones(len(model.nodes))
    for parent in [model.root] + model.parents:
        kids = model._weighted(parent) if parent.aggregate == "weighted_mean" else model._scoring(parent)
        base = np.array([float(k.weight if parent.aggregate == "weighted_mean" else k.max) for k in kids])
        if base.sum() <= 0:
            continue
        for k, b in zip(kids, base):
            if b > 0:
                F[model.node_ix[k.id]] = weights.get(k.id, b / base.sum()) / (b / base.sum())
    return F


def method_sensitivity(
    result: ScoreResult,
    vary: list[str],
    *,
    alternatives: dict[str, list[str]] | None = None,
    samples: int = 256,
    seed: int = 0,
    perturb: float = 0.2,
    top: int = 10,
    by: str | None = None,
    year: int | None = None,
    keep_params: bool = False,
    bootstrap: int = 200,
    notify: Callable[[list[tuple[str, dict]]], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> MethodSensitivity:
    """Ranks under ``samples`` base samples of the ``vary`` choices (Saltelli's design:
    ``samples × (k + 2)`` runs) and each choice's Sobol indices; ``notify(notes)`` hears, before
    the run, which choices cannot act."""
    frame = result.frame if year is None else result.frame.filter(pl.col("year") == year)
    if frame.height == 0:
        raise NotFound.one("E-SENS-EMPTY") if year is None else NotFound.one("E-SENS-YEAR", year=year)
    require_group(frame, by)
    model = _Model(result, frame)
    model.R = frame.height
    choices = choices_of(vary, alternatives, len(model.nodes))
    alts = _Alternatives(result, frame, model, choices, perturb, by)
    alts.inert_reasons()
    notes = [("vary.inert", {"choice": c.name, "why": c.inert}) for c in choices if c.inert]
    if getattr(alts, "topsis_missing", 0):
        notes.append(("vary.topsis_missing", {"choice": "method", "count": alts.topsis_missing, "units": frame.height}))
    if notify is not None:
        notify(notes)
    dz = sobol.design(samples, [c.columns for c in choices], seed)
    X = dz.stacked()
    codes, n_groups = group_codes(frame, by)
    plain = _ranks(model.roll_up(np.ones((1, len(model.nodes))), {}), codes, n_groups, model.d)[0]
    ranks, grade_counts, picks, F_all = _run(model, alts, choices, dz, X, codes, n_groups, progress)
    shift = np.abs(ranks - plain[None, :]).mean(axis=1)
    ix = sobol.split_indices(shift, samples, len(choices), bootstrap=bootstrap, seed=seed)
    table, order = _table(result, frame, by, ranks, grade_counts, model.grade_names, top)
    return MethodSensitivity(
        table=table,
        indices=_indices_frame(choices, ix),
        choices=choices,
        samples=samples,
        runs=X.shape[0],
        seed=seed,
        perturb=perturb,
        top=top,
        by=by,
        notes=notes,
        params=_params(model, choices, picks, F_all, samples) if keep_params else None,
        shift=shift,
    )


def _run(model, alts: _Alternatives, choices, dz, X, codes, n_groups, progress):
    """Every run's ranks and the grade counts (of the runs scored by points), batch by batch."""
    M, Rn = X.shape[0], model.R
    starts = np.cumsum([0] + [c.columns for c in choices])
    picks = {c.name: c.pick(X[:, starts[i]]) for i, c in enumerate(choices)}
    F_all = np.ones((M, len(model.nodes)))
    if "weights" in picks:
        c = alts.choices["weights"]
        for a, alt in enumerate(c.alternatives):
            rows = picks["weights"] == a
            if alt == "perturb":
                j = starts[[x.name for x in choices].index("weights")] + 1
                F_all[rows] = 1.0 + alts.perturb * (2.0 * X[rows, j : j + len(model.nodes)] - 1.0)
            else:
                F_all[rows] = alts.F_fixed[alt]
    topsis_rows = np.zeros(M, dtype=bool)
    if alts.topsis is not None:
        topsis_rows = np.array(alts.choices["method"].alternatives)[picks["method"]] == "topsis"
    ranks = np.empty((M, Rn), dtype=np.int32)
    if alts.geometric is not None:  # geometric means: ranks computed once (TOPSIS, where chosen, wins)
        gm_rows = np.array(alts.choices["aggregation"].alternatives)[picks["aggregation"]] == "geometric_mean"
        gm_rows &= ~topsis_rows
        ranks[gm_rows] = _ranks(alts.geometric[None, :], codes, n_groups, model.d)[0]
        topsis_rows = topsis_rows | gm_rows  # from here: the runs not rolled up by points
    if topsis_rows.any():  # TOPSIS ranks do not depend on the other choices: computed once
        only = topsis_rows if alts.geometric is None else topsis_rows & ~gm_rows
        ranks[only] = _ranks(alts.topsis[None, :], codes, n_groups, 9)[0] if alts.topsis is not None else 0
    G = len(model.grade_names)
    counts = np.zeros((G + 1, Rn), dtype=np.float64)
    B = max(1, min(M, CELLS_PER_BATCH // max(Rn, 1)))
    norm = picks.get("normalisation", np.zeros(M, dtype=np.int64))
    imp = picks.get("imputation", np.zeros(M, dtype=np.int64))
    done = int(topsis_rows.sum())
    # the runs scored by points, grouped by imputation and normalisation: one group's leaf scores
    # are shared (R,) arrays, never copied per run
    pairs = np.unique(np.stack([imp[~topsis_rows], norm[~topsis_rows]], axis=1), axis=0) if M else []
    for i, a in pairs:
        rows = np.flatnonzero((norm == a) & (imp == i) & ~topsis_rows)
        S_over = {**alts.S_imp[i], **{leaf: stack[a] for leaf, stack in alts.S_alts[i].items()}}
        for b0 in range(0, rows.size, B):
            part = rows[b0 : b0 + B]
            total = model.roll_up(F_all[part], S_over)
            ranks[part] = _ranks(total, codes, n_groups, model.d)
            gi = model.grades(total)
            for g in range(G + 1):
                counts[g] += (gi == g).sum(axis=0)
            done += part.size
            if progress is not None:
                progress(done, M)
    n_points = max(int((~topsis_rows).sum()), 1)
    return ranks, counts * (M / n_points), picks, F_all


def _indices_frame(choices, ix: sobol.Indices) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "parameter": [c.name for c in choices],
            "alternatives": [",".join(c.alternatives) for c in choices],
            "first_order": ix.first,
            "first_low": ix.first_ci[:, 0],
            "first_high": ix.first_ci[:, 1],
            "total": ix.total,
            "total_low": ix.total_ci[:, 0],
            "total_high": ix.total_ci[:, 1],
            "inert": [c.inert is not None for c in choices],
        }
    )


def _params(model, choices, picks, F_all, n) -> pl.DataFrame:
    """One row per run: which matrix of the design (A, B, AB:choice), the base sample, the
    alternative of every choice, and the points factor of every item."""
    k = len(choices)
    matrix = ["A"] * n + ["B"] * n + [f"AB:{c.name}" for c in choices for _ in range(n)]
    cols: dict = {"run": np.arange(1, n * (k + 2) + 1), "matrix": matrix, "sample": np.tile(np.arange(1, n + 1), k + 2)}
    cols |= {c.name: np.array(c.alternatives)[picks[c.name]] for c in choices}
    if "weights" in picks:
        cols |= {f"f:{node}": F_all[:, j] for j, node in enumerate(model.nodes)}
    return pl.DataFrame(cols)


@dataclass(kw_only=True)
class MethodSensitivityReport(AnalysisReport):
    """``sensitivity --vary``: the ranks under sampled method choices and their Sobol indices."""

    sensitivity: MethodSensitivity

    def summary(self) -> dict:
        """The run's settings, the choices and the one the ranking depends on most."""
        return self.sensitivity.summary()
