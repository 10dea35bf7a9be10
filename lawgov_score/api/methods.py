"""The composite-indicator commands: normalise, weights, and rank by an MCDA method."""

from __future__ import annotations

from pathlib import Path

from ..analysis.methods import NormalisedValues, Weights
from ..analysis.tables import RankTable
from ..core.problems import ProblemError
from ..rubric.compiled import Rubric
from .inputs import inputs, scored


def normalise_table(
    data=None,
    rubric: str | Path | Rubric | None = None,
    *,
    method: str = "minmax",
    field: str | None = None,
    by: str | None = None,
    ddof: int = 1,
    threshold: float = 0.2,
) -> NormalisedValues:
    """``normalise``: every field a leaf reads (or ``field``) normalised by ``method`` among the
    units of the same year (and ``by`` group); a lower-is-better leaf mirrors the method.
    Records: unit, year, field, value, normalised.  A field the rubric does not know is
    E-USAGE-FIELD; warnings say where values are missing, ≤ 0 or alone among their peers."""
    from ..analysis.methods import normalised_values
    from ..core.problems import did_you_mean
    from ..engine.normalise import METHODS
    from ..engine.rank import require_group
    from ..engine.score import wide_values

    _choice(method, METHODS)
    require_group(None, by)
    rub, inds, warnings = inputs(rubric, data)
    if field is not None and field not in rub.used_fields():
        raise ProblemError.one("E-USAGE-FIELD", field=field, suggestion=did_you_mean(field, sorted(rub.used_fields())))
    treated: list = []  # the rubric's treatment acts before normalising too, and is said
    wide = wide_values(inds, rub, treated)
    require_group(wide, by)
    out = normalised_values(rub, wide, method, fields=[field] if field else None, by=by, ddof=ddof, threshold=threshold)
    out.warnings = [*warnings, *treated, *out.warnings]
    return out


def weights_table(
    data=None,
    rubric: str | Path | Rubric | None = None,
    *,
    method: str = "entropy",
    variant: str = "normalised",
    overlay_for: str | Path | None = None,
) -> Weights:
    """``weights``: each item's weight among its parent's children by ``method`` (entropy with
    ``variant`` normalised or raw, critic, std, equal, ahp from the rubric's ``pairwise``
    matrices, combined = the rubric's points × entropy), from every unit-year of the data.
    A consistency ratio ≥ 0.1 is a warning (W-AHP-CR).  ``overlay_for``: the path an overlay
    rubric will be written to; ``.overlay`` then holds its YAML (``weights_overlay``)."""
    from ..analysis.methods import WEIGHT_METHODS, rubric_weights
    from ..analysis.weights import VARIANTS

    _choice(method, WEIGHT_METHODS)
    _choice(variant, VARIANTS)
    result = scored(rubric, data)
    out = rubric_weights(result, method, variant=variant)
    out.warnings = [*result.warnings, *out.warnings]
    if overlay_for is not None:
        out.overlay = weights_overlay(out, _relative(Path(result.rubric.path), Path(overlay_for)))
    return out


def _relative(base: Path, overlay: Path) -> str:
    """How the overlay names its base: relative to the overlay's folder where it can be."""
    import os

    try:
        return os.path.relpath(base.resolve(), overlay.resolve().parent)
    except ValueError:  # another drive
        return str(base.resolve())


def weights_overlay(weights: Weights, base: str | Path) -> str:
    """The YAML of a rubric that ``extends`` ``base`` (a path, as the overlay will name it) and
    carries ``weights``: every parent aggregates by ``weighted_mean`` with these weights, so
    every command (``rubric diff`` included) can use and compare it."""
    import yaml

    from ..analysis.methods import overlay_document

    return yaml.safe_dump(overlay_document(weights, str(base)), allow_unicode=True, sort_keys=False)


def method_rank_table(
    data=None,
    rubric: str | Path | Rubric | None = None,
    *,
    method: str,
    by: str | None = None,
    ties: str = "competition",
    on: str | None = None,
    pool: bool = False,
    year: int | None = None,
    dimensions: bool = True,
) -> RankTable:
    """``rank --method``: units ranked by ``method`` (wpm, topsis, vikor, gra) over the scoring
    leaves, their directions and their shares of the rubric's total as weights; ``on`` ranks by
    the method over that item's leaves.  The same columns as ``rank``; ``total`` is the method's
    value (VIKOR's Q: lower is better, ranks ascend); max, percent and grade are null."""
    import polars as pl

    from ..analysis.mcdm import LOWER_IS_BETTER, METHODS
    from ..analysis.methods import method_frame
    from ..engine.rank import rank_frame, require_group, require_item

    _choice(method, METHODS)
    require_group(None, by)
    result = scored(rubric, data)
    require_item(result.rubric, on)
    frame, warnings = method_frame(result, method, by=by, pool=pool, on=on)
    key = "_key" if on is not None else "total"
    table = rank_frame(frame, 6, by=by, ties=ties, pool=pool, key=key, on=on, descending=method not in LOWER_IS_BETTER)
    if year is not None:
        table = table.filter(pl.col("year") == year)
    warnings = [*result.warnings, *warnings]
    return RankTable(result.rubric, table, by, on, dimensions, result, warnings=warnings, method=method)


def _choice(value: str, allowed) -> None:
    if value not in allowed:
        raise ProblemError.one("E-METHOD-UNKNOWN", value=value, allowed=", ".join(allowed))
