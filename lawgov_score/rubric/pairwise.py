"""AHP pairwise comparison matrices declared in a rubric (``pairwise:`` on a parent, or at the
top for the first-level items): their weights and consistency, and the checks ``rubric check``
makes of them (E-AHP-MATRIX: not square, not positive, not reciprocal; W-AHP-CR: CR ≥ 0.1).

The arithmetic is Saaty's: the principal right eigenvector, normalised to sum to 1;
CI = (λmax − n)/(n − 1), CR = CI/RI(n).  numpy only (no polars in this layer).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.messages import say
from ..core.problems import Problem, problem
from ..core.yamlsafe import locate
from .compiled import Rubric
from .words import where, where_item

# Saaty's random consistency index by matrix order (n = 0 … 15; the table of his 1980 book).
RANDOM_INDEX = (0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59)
CR_LIMIT = 0.1  # a consistency ratio at or above this: the judgements contradict each other
RECIPROCAL_TOL = 0.01  # a[i][j]·a[j][i] may be off 1 by this much (1/3 written as 0.333)


@dataclass(frozen=True)
class AHP:
    """The weights of a pairwise comparison matrix and how consistent its judgements are."""

    weights: np.ndarray
    lambda_max: float
    ci: float  # consistency index (λmax − n)/(n − 1)
    cr: float  # consistency ratio CI/RI; 0 for n ≤ 2 (always consistent)

    @property
    def consistent(self) -> bool:
        return self.cr < CR_LIMIT


def ahp_weights(pairwise) -> AHP:
    """AHP (Saaty): the principal right eigenvector of the reciprocal matrix ``pairwise``
    (a_ij = how much more important i is than j, a_ji = 1/a_ij), normalised to sum to 1;
    CI = (λmax − n)/(n − 1), CR = CI/RI(n) with Saaty's random index."""
    a = np.asarray(pairwise, dtype=float)
    n = a.shape[0] if a.ndim == 2 else 0
    if n == 0 or a.shape != (n, n):
        raise ValueError("a pairwise comparison matrix is square")
    if n == 1:
        return AHP(np.ones(1), 1.0, 0.0, 0.0)
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    lam = float(values[k].real)
    ci = (lam - n) / (n - 1)
    ri = RANDOM_INDEX[n] if n < len(RANDOM_INDEX) else RANDOM_INDEX[-1]
    cr = 0.0 if ri == 0 else max(ci, 0.0) / ri
    return AHP(w / w.sum(), lam, ci, cr)


def parse_entry(x) -> float | None:
    """A matrix entry as written: a number, or a fraction such as ``1/3``; None when neither."""
    if isinstance(x, bool):
        return None
    if isinstance(x, (int, float)):
        return float(x)
    text = str(x).strip()
    top, slash, bottom = text.partition("/")
    try:
        return float(top) / float(bottom) if slash else float(text)
    except (ValueError, ZeroDivisionError):
        return None


def matrix_problem(matrix, n: int) -> dict[str, str] | None:
    """Why ``matrix`` is no n×n positive reciprocal matrix (``reason`` / ``reason_en``), or None."""
    if not isinstance(matrix, list) or len(matrix) != n:
        return _reason("ahp_rows", rows=len(matrix) if isinstance(matrix, list) else 0)
    rows = []
    for i, row in enumerate(matrix, 1):
        if not isinstance(row, list) or len(row) != n:
            return _reason("ahp_row_length", row=i, count=len(row) if isinstance(row, list) else 0)
        vals = [parse_entry(x) for x in row]
        if any(v is None or v <= 0 for v in vals):
            return _reason("ahp_not_positive", row=i)
        rows.append(vals)
    a = np.array(rows)
    if not np.allclose(np.diag(a), 1.0) or not np.allclose(a * a.T, 1.0, atol=RECIPROCAL_TOL):
        return _reason("ahp_not_reciprocal")
    return None


def _reason(key: str, **params) -> dict[str, str]:
    return {"reason": say(f"methods.{key}", "zh", **params), "reason_en": say(f"methods.{key}", "en", **params)}


def declared(rubric: Rubric) -> list[tuple[str | None, object, int]]:
    """Each declared matrix: (parent id, None for the top; the matrix as written; its child count)."""
    out = []
    top = rubric.raw.get("pairwise") if rubric.raw is not None and hasattr(rubric.raw, "get") else None
    scoring = [r for r in rubric.roots if rubric.items[r].role in ("score", "group")]
    if top is not None:
        out.append((None, top, len(scoring)))
    for it in rubric.items.values():
        m = it.raw.get("pairwise") if it.raw is not None and hasattr(it.raw, "get") else None
        if m is not None:
            kids = [c for c in it.children if rubric.items[c].role in ("score", "group")]
            out.append((it.id, m, len(kids)))
    return out


def pairwise_problems(rubric: Rubric) -> list[Problem]:
    """E-AHP-MATRIX for a matrix that is not n×n, positive and reciprocal; W-AHP-CR for one whose
    consistency ratio is 0.1 or more."""
    out = []
    for parent, matrix, n in declared(rubric):
        item = rubric.items[parent] if parent else None
        raw = item.raw if item is not None else rubric.raw
        path, line = locate(raw, ("pairwise",))
        at = where_item(item.id, item.name) if item is not None else where("rubric")
        why = matrix_problem(matrix, n)
        if why is not None:
            out.append(problem("E-AHP-MATRIX", path, line, **at, n=n, **why, item=parent or ""))
            continue
        cr = ahp_weights([[parse_entry(x) for x in row] for row in matrix]).cr
        if cr >= CR_LIMIT:
            out.append(problem("W-AHP-CR", path, line, **at, cr=f"{cr:.3f}", item=parent or ""))
    return out
