"""A rubric's data treatment resolved per field: what happens to each value a leaf reads before
any rule scores it (denominator, imputation, outliers), and the data files' own column names.

The rubric's ``treatment`` is the default of every field; the field dictionary's ``per`` and
``scale`` and the rubric's ``treatment.fields.<id>`` override it, in that order.  The plans are
words only (no polars); ``data/treat`` carries them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.problems import Report, did_you_mean, problem
from ..core.yamlsafe import locate
from .model import DataColumns, FieldDef, FieldTreatment, Treatment
from .words import where, where_item

WINMAX, SKEW, KURTOSIS = 5, 2.0, 3.5  # COINr's defaults
IMPUTE_BY_DEFAULT = "group"


@dataclass(frozen=True)
class FieldPlan:
    """What is done to one field's values, in COINr's order: divided by ``per`` (× ``scale``),
    missing values imputed, outliers treated."""

    field: str
    impute: str = "none"
    by: str | None = None  # the unit column the group_ methods compare within
    outliers: str = "none"
    winmax: int = WINMAX
    skew: float = SKEW
    kurtosis: float = KURTOSIS
    per: str | None = None
    scale: float = 1.0

    @property
    def acts(self) -> bool:
        return self.impute != "none" or self.outliers != "none" or self.per is not None


_KEYS = ("impute", "by", "outliers", "winmax", "skew", "kurtosis", "per", "scale")


def _overlay(base: dict, layer: FieldTreatment | FieldDef | None, keys=_KEYS) -> dict:
    if layer is None:
        return base
    out = dict(base)
    for k in keys:
        v = getattr(layer, k, None)
        if v is not None:
            out[k] = v
    return out


def plan_fields(
    treatment: Treatment | None, fields: dict[str, FieldDef], read: set[str], raw, shown: str, report: Report, leaves=()
) -> dict[str, FieldPlan]:
    """field id → its plan, for the fields the leaves read (``read``) that some treatment acts on.
    A leaf's own ``treatment`` is its field's (the last word); two leaves that read one field and
    declare different treatments are E-TREAT-CONFLICT.  Unknown field ids (in
    ``treatment.fields`` or as a ``per``) are E-FIELD-UNKNOWN."""
    own = dict(treatment.fields) if treatment is not None else {}
    by_leaf = _leaf_treatments(leaves, report)
    for fid in own:
        if fid not in fields:
            path, line = locate(raw, ("treatment", "fields", fid))
            report.add(
                problem(
                    "E-FIELD-UNKNOWN",
                    path or shown,
                    line or None,
                    **where("treatment"),
                    field=fid,
                    suggestion=did_you_mean(fid, fields),
                )
            )
    plans: dict[str, FieldPlan] = {}
    for fid in sorted(read):
        if fid not in fields:
            continue
        settings = _overlay({}, treatment)
        settings = _overlay(settings, fields[fid], ("per", "scale"))
        settings = _overlay(settings, own.get(fid))
        settings = _overlay(settings, by_leaf.get(fid))
        if settings.get("impute", "none").startswith("group_") and not settings.get("by"):
            settings["by"] = IMPUTE_BY_DEFAULT
        if fields[fid].type in ("bool", "grade"):  # 是/否 and levels are categories: no outliers to treat
            settings["outliers"] = "none"
        plan = FieldPlan(field=fid, **settings)
        if plan.per is not None and plan.per not in fields:
            at = ("treatment", "fields", fid, "per") if fid in own else ("fields",)
            path, line = locate(raw, at)
            report.add(
                problem(
                    "E-FIELD-UNKNOWN",
                    path or shown,
                    line or None,
                    **where("treatment"),
                    field=plan.per,
                    suggestion=did_you_mean(plan.per, fields),
                )
            )
            continue
        if plan.acts:
            plans[fid] = plan
    return plans


def _leaf_treatments(leaves, report: Report) -> dict[str, FieldTreatment]:
    """field id → the treatment the leaves reading it declare (one; a second, different one is
    E-TREAT-CONFLICT at that leaf)."""
    out: dict[str, FieldTreatment] = {}
    first: dict[str, object] = {}
    for it in leaves:
        if it.treatment is None or not it.field:
            continue
        if it.field in out and out[it.field] != it.treatment:
            path, line = locate(it.raw, ("treatment",)) if it.raw is not None else (it.path, it.line)
            other = first[it.field]
            report.add(
                problem(
                    "E-TREAT-CONFLICT",
                    path or it.path,
                    line or it.line or None,
                    **where_item(it.id, it.name),
                    field=it.field,
                    other=other.id,
                )
            )
            continue
        out[it.field], first[it.field] = it.treatment, it
    return out


def column_names(columns: DataColumns | None) -> tuple[dict[str, str], frozenset[str]]:
    """(role → the header that plays it, headers to ignore) of a rubric's ``columns``."""
    if columns is None:
        return {}, frozenset()
    roles = {k: v for k, v in columns.model_dump(exclude={"ignore"}).items() if v}
    return roles, frozenset(columns.ignore)
