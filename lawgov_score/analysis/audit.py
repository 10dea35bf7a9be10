"""Is the rubric sound on this data?  Statistics of the indicators and of the structure.

What is computed, for the units of one year (the latest unless asked):

* per indicator (a scoring leaf): n, missing share, mean, sample sd, min, max, skew and
  kurtosis adjusted for the sample as Excel's SKEW and KURT compute them, an outlier flag
  (|skew| ≥ 2 and kurtosis ≥ 3.5, COINr's rule), zero variance, and the share of units at full
  points (a ceiling: the item no longer separates the units).  An item whose values take at most
  two values (a yes/no item, a 0/1 column) is not checked for outliers: the skew and kurtosis of
  two points say only how the units split between them, never that a few values are extreme;
* per pair of sibling leaves: Pearson and Spearman (average ranks for ties) on the raw values,
  over the units that state both; flagged redundant at |r| ≥ 0.9 and negative at r ≤ −0.4
  (COINr's thresholds for its correlation flags);
* per parent: Cronbach's α of its children's scores and the first principal component's share
  of the variance of the standardised children (children with zero variance cannot be
  standardised and are left out of it); per child, its score's correlation with its parent's
  and with the total, flagged weak below 0.2 (the child hardly moves its parent).

Loops run over items and pairs of items, never over units: every statistic is a numpy
reduction over a column of units.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from ..engine.score import ScoreResult, col_score, col_value
from ..rubric.compiled import Item
from .select import NotFound

OUTLIER_SKEW = 2.0
OUTLIER_KURT = 3.5
REDUNDANT_R = 0.9
NEGATIVE_R = -0.4
WEAK_R = 0.2
CEILING_SHARE = 0.9  # a finding when this share of units or more scores full points


@dataclass
class Audit:
    """The audit of one year's units: indicators, sibling correlations, nodes, findings."""

    year: int
    units: int
    indicators: pl.DataFrame  # one row per scoring leaf
    correlations: pl.DataFrame  # one row per pair of sibling leaves
    nodes: pl.DataFrame  # one row per item: α and PC1 share (parents), correlations with parent and total
    findings: list[tuple[str, dict]] = field(default_factory=list)  # (message key, parameters), most serious first
    heat_ids: list[str] = field(default_factory=list)  # the items of the correlation heat map
    heat: np.ndarray | None = None  # their scores' Pearson correlations (square, NaN where undefined)

    def summary(self) -> dict:
        """The year, the units, and how many flags of each kind."""
        ind, cor, nod = self.indicators, self.correlations, self.nodes
        return {
            "year": self.year,
            "units": self.units,
            "indicators": ind.height,
            "outliers": int(ind["outlier"].sum()),
            "two_valued": int(ind["two_valued"].sum()),  # not checked for outliers
            "zero_variance": int(ind["zero_variance"].sum()),
            "redundant_pairs": int(cor["redundant"].sum()) if cor.height else 0,
            "negative_pairs": int(cor["negative"].sum()) if cor.height else 0,
            "weak_children": int(nod["weak"].sum()) if nod.height else 0,
        }


def skew_kurt(x: np.ndarray) -> tuple[float | None, float | None]:
    """Sample-adjusted skewness and excess kurtosis (Excel's SKEW and KURT) of finite values;
    None where undefined (too few values, or no spread)."""
    n = x.size
    if n < 3:
        return None, None
    s = x.std(ddof=1)
    if not s > 0:
        return None, None
    z = (x - x.mean()) / s
    skew = n / ((n - 1) * (n - 2)) * float((z**3).sum())
    if n < 4:
        return skew, None
    kurt = n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * float((z**4).sum()) - 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))
    return skew, kurt


def pearson(x: np.ndarray, y: np.ndarray) -> float | None:
    """Pearson's r over the positions where both are finite; None without spread or pairs."""
    m = np.isfinite(x) & np.isfinite(y)
    if m.sum() < 3:
        return None
    a, b = x[m] - x[m].mean(), y[m] - y[m].mean()
    den = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / den) if den > 0 else None


def average_ranks(x: np.ndarray) -> np.ndarray:
    """Ranks 1..n with ties sharing their average rank."""
    return pl.Series(x).rank("average").to_numpy().astype(np.float64)


def spearman(x: np.ndarray, y: np.ndarray) -> float | None:
    """Spearman's ρ: Pearson's r of the average ranks, over the positions where both are finite."""
    m = np.isfinite(x) & np.isfinite(y)
    if m.sum() < 3:
        return None
    return pearson(average_ranks(x[m]), average_ranks(y[m]))


def cronbach_alpha(scores: np.ndarray) -> float | None:
    """Cronbach's α of the columns of ``scores`` (units × children, complete rows only)."""
    rows = scores[np.isfinite(scores).all(axis=1)]
    k = rows.shape[1]
    if k < 2 or rows.shape[0] < 2:
        return None
    total_var = rows.sum(axis=1).var(ddof=1)
    if not total_var > 0:
        return None
    return float(k / (k - 1) * (1 - rows.var(axis=0, ddof=1).sum() / total_var))


def pc1_share(scores: np.ndarray) -> float | None:
    """The share of the standardised columns' variance on the first principal component: the
    largest eigenvalue of their correlation matrix over their number (columns that never vary
    are left out)."""
    rows = scores[np.isfinite(scores).all(axis=1)]
    if rows.shape[0] < 3:
        return None
    rows = rows[:, rows.std(axis=0, ddof=1) > 0]
    k = rows.shape[1]
    if k < 2:
        return None
    eig = np.linalg.eigvalsh(np.corrcoef(rows, rowvar=False))
    return float(eig[-1] / k)


def _col(frame: pl.DataFrame, name: str) -> np.ndarray:
    """A column as float64 with NaN for missing (booleans as 0/1; text is all NaN)."""
    if name not in frame.columns:
        return np.full(frame.height, np.nan)
    s = frame[name]
    if s.dtype == pl.Boolean or s.dtype.is_numeric():
        return s.cast(pl.Float64).fill_null(float("nan")).to_numpy()
    return np.full(frame.height, np.nan)


def _scoring_children(result: ScoreResult, parent: Item) -> list[Item]:
    items = result.rubric.items
    return [items[c] for c in parent.children if items[c].role in ("score", "group")]


def _indicator_row(result: ScoreResult, frame: pl.DataFrame, it: Item) -> dict:
    v = _col(frame, col_value(it.id))
    s = _col(frame, col_score(it.id))
    x = v[np.isfinite(v)]
    n = int(x.size)
    skew, kurt = skew_kurt(x)
    sd = float(x.std(ddof=1)) if n >= 2 else None
    # 是/否 (or any 0/1 column) among enough units to be checked: no outliers in COINr's sense
    two_valued = n >= 4 and np.unique(x).size == 2
    skewed = skew is not None and kurt is not None and abs(skew) >= OUTLIER_SKEW and kurt >= OUTLIER_KURT
    return {
        "id": it.id,
        "name": it.name,
        "field": it.field,
        "n": n,
        "missing": 1 - n / frame.height,
        "mean": float(x.mean()) if n else None,
        "sd": sd,
        "min": float(x.min()) if n else None,
        "max": float(x.max()) if n else None,
        "skew": skew,
        "kurtosis": kurt,
        "outlier": skewed and not two_valued,
        "two_valued": two_valued,
        "zero_variance": n >= 2 and sd == 0,
        "full_share": float((s >= it.max - 1e-9).mean()) if it.max > 0 else None,
    }


def _pairs(result: ScoreResult, frame: pl.DataFrame) -> list[dict]:
    out = []
    for parent in (it for it in result.rubric.items.values() if not it.is_leaf):
        leaves = [k for k in _scoring_children(result, parent) if k.is_leaf]
        cols = {k.id: _col(frame, col_value(k.id)) for k in leaves}
        for i, a in enumerate(leaves):
            for b in leaves[i + 1 :]:
                r = pearson(cols[a.id], cols[b.id])
                out.append(
                    {
                        "a": a.id,
                        "b": b.id,
                        "parent": parent.id,
                        "pearson": r,
                        "spearman": spearman(cols[a.id], cols[b.id]),
                        "redundant": r is not None and abs(r) >= REDUNDANT_R,
                        "negative": r is not None and r <= NEGATIVE_R,
                    }
                )
    return out


def _node_rows(result: ScoreResult, frame: pl.DataFrame) -> list[dict]:
    rub = result.rubric
    total = _col(frame, "total")
    rows = []
    for it in rub.items.values():
        if it.role not in ("score", "group"):
            continue
        row = {"id": it.id, "name": it.name, "level": it.level, "parent": it.parent, "children": None}
        row |= {"alpha": None, "pc1_share": None}
        if not it.is_leaf:
            kids = _scoring_children(result, it)
            scores = np.column_stack([_col(frame, col_score(k.id)) for k in kids]) if kids else np.empty((0, 0))
            row |= {"children": len(kids), "alpha": cronbach_alpha(scores), "pc1_share": pc1_share(scores)}
        own = _col(frame, col_score(it.id))
        r_parent = pearson(own, _col(frame, col_score(it.parent))) if it.parent else None
        row |= {"corr_with_parent": r_parent, "corr_with_total": pearson(own, total)}
        row["weak"] = it.parent is not None and r_parent is not None and r_parent < WEAK_R
        rows.append(row)
    return rows


IND_SCHEMA = {
    "id": pl.String, "name": pl.String, "field": pl.String, "n": pl.Int64, "missing": pl.Float64,
    "mean": pl.Float64, "sd": pl.Float64, "min": pl.Float64, "max": pl.Float64, "skew": pl.Float64,
    "kurtosis": pl.Float64, "outlier": pl.Boolean, "two_valued": pl.Boolean, "zero_variance": pl.Boolean,
    "full_share": pl.Float64,
}  # fmt: skip
COR_SCHEMA = {
    "a": pl.String, "b": pl.String, "parent": pl.String, "pearson": pl.Float64, "spearman": pl.Float64,
    "redundant": pl.Boolean, "negative": pl.Boolean,
}  # fmt: skip
NODE_SCHEMA = {
    "id": pl.String, "name": pl.String, "level": pl.Int64, "parent": pl.String, "children": pl.Int64,
    "alpha": pl.Float64, "pc1_share": pl.Float64, "corr_with_parent": pl.Float64, "corr_with_total": pl.Float64,
    "weak": pl.Boolean,
}  # fmt: skip


def audit(result: ScoreResult, year: int | None = None) -> Audit:
    """The statistical audit of the units of ``year`` (the latest in the data by default)."""
    frame = result.frame
    if frame.height == 0:
        raise NotFound.one("E-SENS-EMPTY")
    if year is None:
        year = int(frame["year"].max())
    frame = frame.filter(pl.col("year") == year)
    if frame.height == 0:
        raise NotFound.one("E-SENS-YEAR", year=year)
    leaves = [it for it in result.rubric.leaves() if it.role == "score"]
    ind = pl.DataFrame([_indicator_row(result, frame, it) for it in leaves], schema=IND_SCHEMA)
    cor = pl.DataFrame(_pairs(result, frame), schema=COR_SCHEMA)
    nodes = pl.DataFrame(_node_rows(result, frame), schema=NODE_SCHEMA)
    ids, heat = heat_matrix(result, frame)
    return Audit(
        year=year,
        units=frame.height,
        indicators=ind,
        correlations=cor,
        nodes=nodes,
        findings=findings(ind, cor, nodes),
        heat_ids=ids,
        heat=heat,
    )


HEAT_MAX = 40  # items a heat map shows at most: the second level where it is no larger, else the first


def heat_matrix(result: ScoreResult, frame: pl.DataFrame) -> tuple[list[str], np.ndarray]:
    """The items of the heat map (second-level items, or the dimensions where there are more
    than ``HEAT_MAX``) and the Pearson correlations of their scores."""
    items = [it for it in result.rubric.items.values() if it.role in ("score", "group")]
    level2 = [it.id for it in items if it.level == 2]
    ids = level2 if 0 < len(level2) <= HEAT_MAX else [it.id for it in items if it.level == 1]
    cols = [_col(frame, col_score(i)) for i in ids]
    heat = np.array([[pearson(a, b) if a is not b else 1.0 for b in cols] for a in cols], dtype=float)
    return ids, heat


def findings(ind: pl.DataFrame, cor: pl.DataFrame, nodes: pl.DataFrame) -> list[tuple[str, dict]]:
    """What a maintainer should read first, as (message key, parameters): redundant and negative
    pairs, weak children, outliers, zero variance, ceilings; strongest first within a kind."""
    out: list[tuple[str, dict]] = []
    for r in cor.filter("redundant").sort(pl.col("pearson").abs(), descending=True).iter_rows(named=True):
        out.append(("audit.redundant", {"a": r["a"], "b": r["b"], "r": f"{r['pearson']:.2f}"}))
    for r in cor.filter("negative").sort("pearson").iter_rows(named=True):
        out.append(("audit.negative", {"a": r["a"], "b": r["b"], "r": f"{r['pearson']:.2f}", "parent": r["parent"]}))
    for r in nodes.filter("weak").sort("corr_with_parent").iter_rows(named=True):
        out.append(("audit.weak", {"id": r["id"], "parent": r["parent"], "r": f"{r['corr_with_parent']:.2f}"}))
    for r in ind.filter("outlier").sort(pl.col("skew").abs(), descending=True).iter_rows(named=True):
        out.append(("audit.outlier", {"id": r["id"], "skew": f"{r['skew']:.2f}", "kurt": f"{r['kurtosis']:.2f}"}))
    for r in ind.filter("zero_variance").iter_rows(named=True):
        out.append(("audit.zero_variance", {"id": r["id"], "value": f"{r['mean']:g}"}))
    ceiling = ind.filter(pl.col("full_share") >= CEILING_SHARE).sort("full_share", descending=True)
    for r in ceiling.iter_rows(named=True):
        out.append(("audit.ceiling", {"id": r["id"], "share": f"{r['full_share'] * 100:.0f}"}))
    return out


@dataclass(kw_only=True)
class AuditReport:
    """``audit``: the audit with the scored result it came from (what the api returns)."""

    result: ScoreResult
    audit: Audit
    warnings: list = field(default_factory=list)
    exit_code: int = 0

    @property
    def rubric(self):
        """The rubric the units were scored with."""
        return self.result.rubric

    def summary(self) -> dict:
        """The audit's year, units and flag counts."""
        return self.audit.summary()


@dataclass
class AuditChange:
    """``rubric diff … DATA``: each parent's Cronbach's α and the audit's flags under the old and
    the new rubric (the same data, its latest year)."""

    alphas: pl.DataFrame  # id, alpha_old, alpha_new: parents in either rubric whose α changed
    flags_old: int
    flags_new: int

    def records(self) -> dict:
        """What ``rubric diff -f json`` shows under ``impact.audit``."""
        rows = [{k: (None if v is None else round(v, 6) if isinstance(v, float) else v) for k, v in r.items()}
                for r in self.alphas.iter_rows(named=True)]  # fmt: skip
        return {"alphas": rows, "flags_old": self.flags_old, "flags_new": self.flags_new}


def audit_change(old: ScoreResult, new: ScoreResult) -> AuditChange | None:
    """The audits of one data set scored by two rubrics, side by side (None without units)."""
    if old.frame.height == 0:
        return None
    a, b = audit(old), audit(new)

    def alphas(x: Audit) -> pl.DataFrame:
        return x.nodes.filter(pl.col("children").is_not_null()).select("id", "alpha")

    both = alphas(a).join(alphas(b), on="id", how="full", coalesce=True, suffix="_new")
    both = both.rename({"alpha": "alpha_old"}).filter(
        (pl.col("alpha_old") - pl.col("alpha_new")).abs().fill_null(1.0) > 1e-9
    )
    both = both.filter(pl.col("alpha_old").is_not_null() | pl.col("alpha_new").is_not_null())
    return AuditChange(alphas=both, flags_old=len(a.findings), flags_new=len(b.findings))
