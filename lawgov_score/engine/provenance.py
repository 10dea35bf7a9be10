"""Where each item's value comes from: stated, derived (from which stated fields), imputed, or
absent.

* ``stated``: the item reads a field and the unit states it;
* ``derived``: computed by a formula (the item's own, or the dictionary's for the field it
  reads) from stated values, every one of which is present: ``derived_from`` lists them;
* ``imputed``: computed, but resting on a fallback nobody stated (a ``coalesce`` that took a
  number, say): the rubric's choice, flagged, and never ``met``;
* ``absent``: no value.

Everything is a polars expression over the scored frame (one row per unit and year): the loop
runs over items and fields, never over rows."""

from __future__ import annotations

import polars as pl

from ..data.derive import stated_col
from ..data.formula import provenance
from ..data.treat import imputed_col
from ..rubric.compiled import Item, Rubric

STATED, DERIVED, IMPUTED, ABSENT = "stated", "derived", "imputed", "absent"


class _Fields:
    """For each field: the stated fields its value rests on, and whether it is imputed."""

    def __init__(self, rubric: Rubric, columns: list[str]):
        self.rubric = rubric
        self.columns = set(columns)
        self.memo: dict[str, tuple[pl.Expr, pl.Expr]] = {}

    def stated(self, fid: str) -> pl.Expr:
        if stated_col(fid) in self.columns:
            return pl.col(stated_col(fid))
        return pl.col(fid).is_not_null()

    def filled(self, fid: str) -> pl.Expr:
        """Whether the rubric's treatment imputed the field's value (``data.treat``)."""
        return pl.col(imputed_col(fid)) if imputed_col(fid) in self.columns else pl.lit(False)

    def of(self, fid: str) -> tuple[pl.Expr, pl.Expr]:
        if fid not in self.memo:
            own = pl.lit([fid], dtype=pl.List(pl.String))
            ast = self.rubric.field_formulas.get(fid)
            if ast is None or stated_col(fid) not in self.columns:
                self.memo[fid] = (own, self.filled(fid))
            else:
                inputs, imputed = provenance(ast, self.inputs, self.imputed)
                stated = self.stated(fid)
                self.memo[fid] = (
                    pl.when(stated).then(own).otherwise(inputs),
                    pl.when(stated).then(False).otherwise(imputed) | self.filled(fid),
                )
        return self.memo[fid]

    def inputs(self, fid: str) -> pl.Expr:
        return self.of(fid)[0]

    def imputed(self, fid: str) -> pl.Expr:
        return self.of(fid)[1]


def leaf_provenance(
    item: Item, rubric: Rubric, value: pl.Expr, columns: list[str], fields: _Fields | None = None
) -> tuple[pl.Expr, pl.Expr]:
    """(source, inputs) of a leaf's ``value``: its source word and, for a derived or imputed
    value, the stated fields it rests on (null for a stated or absent one)."""
    fields = fields or _Fields(rubric, columns)
    plan = rubric.treatment.get(item.field) if item.field else None
    if item.field and item.field not in rubric.field_formulas and plan is None:  # the common case, kept cheap
        stated_or_absent = pl.when(value.is_null()).then(pl.lit(ABSENT)).otherwise(pl.lit(STATED))
        return stated_or_absent, pl.lit(None, dtype=pl.List(pl.String))
    if item.field and item.field not in rubric.field_formulas:  # treated: imputed, or divided by a denominator
        imputed = fields.filled(item.field)
        per = [item.field, plan.per] if plan.per else None
        source = (
            pl.when(value.is_null())
            .then(pl.lit(ABSENT))
            .when(imputed)
            .then(pl.lit(IMPUTED))
            .otherwise(pl.lit(DERIVED if per else STATED))
        )
        inputs = pl.when(value.is_null() | imputed).then(None).otherwise(pl.lit(per, dtype=pl.List(pl.String)))
        return source, inputs
    if item.field:
        inputs, imputed = fields.of(item.field)
        stated = fields.stated(item.field)
    else:
        inputs, imputed = provenance(item.formula_ast, fields.inputs, fields.imputed)
        stated = pl.lit(False)
    source = (
        pl.when(value.is_null())
        .then(pl.lit(ABSENT))
        .when(stated)
        .then(pl.lit(STATED))
        .when(imputed | (inputs.list.len() == 0))
        .then(pl.lit(IMPUTED))
        .otherwise(pl.lit(DERIVED))
    )
    return source, pl.when(value.is_null() | stated).then(None).otherwise(inputs)


def provenance_of(rubric: Rubric, columns: list[str]) -> _Fields:
    """One memo of field provenance for all the leaves of a rubric (shared sub-expressions)."""
    return _Fields(rubric, columns)
