"""What a rubric's normalisation rules (``type: zscore``, ``type: normalise`` …) rest on, said
after scoring: values left out of the peers' statistics, and values a method that divides by
them cannot use.  The same counts and codes as the ``normalise`` command's (W-METHOD-*)."""

from __future__ import annotations

import polars as pl

from ..core.problems import Problem, problem, said
from ..core.yamlsafe import locate
from ..rubric.compiled import Rubric
from ..rubric.model import NORMALISE_RULES
from .normalise import normalise_problems

# W-ALONE already says who had no peer (every relative rule); these are the other two.
_CODES = {"missing": "W-METHOD-MISSING", "not_positive": "W-METHOD-POSITIVE"}


def normalise_warnings(rubric: Rubric, frame: pl.DataFrame, value_col) -> list[Problem]:
    """W-METHOD-MISSING and W-METHOD-POSITIVE for each normalisation leaf of ``rubric`` in the
    scored ``frame`` (``value_col(id)``: the column of a leaf's value), located at its rule."""
    out: list[Problem] = []
    for it in rubric.leaves():
        if it.rule is None or it.rule.type not in NORMALISE_RULES or value_col(it.id) not in frame.columns:
            continue
        rule = it.rule
        over = ["year", rule.within] if rule.within else ["year"]
        counts = normalise_problems(frame, value_col(it.id), rule.normalisation, over=over)
        path, line = locate(it.raw, ("rule",)) if it.raw is not None else (it.path, it.line)
        where = said("engine.item", id=it.id, name=it.name)
        for kind, n in counts.items():
            if kind in _CODES:
                out.append(
                    problem(_CODES[kind], path or it.path, line or it.line or None, where=where, count=n,
                            method=rule.normalisation, item=it.id)
                )
    return out
