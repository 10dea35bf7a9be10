"""The views of the composite-indicator commands: normalise, weights, rank --method."""

from __future__ import annotations

from dataclasses import replace

from ..core.messages import say
from ..core.problems import said
from ..engine.parts import col_part
from ..output.columns import Column, records
from ..output.view import Table, View
from ..output.xlsx import Sheet
from .rank import every_column, rank_columns

NORMALISED_COLUMNS = [
    Column("unit", "单位", "unit"),
    Column("year", "年度", "year", "int"),
    Column("field", "指标", "field"),
    Column("value", "数值", "value", "number"),
    Column("normalised", "标准化值", "normalised", "number"),
]
WEIGHT_COLUMNS = [
    Column("id", "编号", "id"),
    Column("name", "名称", "name"),
    Column("parent", "上级", "parent"),
    Column("weight", "权重", "weight", "number"),
    Column("method", "方法", "method"),
]
# What a method's ranking leaves empty (null in JSON, under `rank`'s keys) and its table, CSV and
# workbook leave out: they speak of the rubric's points, not of the method's value.
POINTS_ONLY = ("max", "percent", "grade", "bonus")


def normalised_view(t, lang: str = "zh") -> View:
    """``normalise``: unit, year, field, value, normalised; JSON the same records."""
    return View(
        lines=[],
        tables=[Table(t.frame, NORMALISED_COLUMNS)],
        document=records(t.frame, NORMALISED_COLUMNS),
        decimals=6,
        lang=lang,
    )


def weights_view(t, lang: str = "zh") -> View:
    """``weights``: id, name, parent, weight, method; AHP's consistency ratio per parent on stderr's side lines."""
    lines = []
    for parent, cr in t.consistency.items():
        item = t.rubric.items.get(parent)
        where = said("engine.item", id=item.id, name=item.name) if item else said("methods.rubric_top")
        lines.append(say("methods.consistency", lang, where=where.text(lang), cr=f"{cr:.4f}"))
    return View(
        lines=lines,
        tables=[Table(t.frame, WEIGHT_COLUMNS)],
        document=records(t.frame, WEIGHT_COLUMNS),
        decimals=6,
        lang=lang,
    )


def _as_numbers(cols: list[Column]) -> list[Column]:
    """A method's values are not points: shown as numbers (four places), not to the rubric's decimals."""
    return [replace(c, kind="number") if c.kind == "score" else c for c in cols]


def method_rank_view(t, lang: str = "zh") -> View:
    """``rank --method``: the ranked table with the method's values; JSON with the same keys as
    ``rank`` (max, percent and grade null); a line saying what the total is."""
    cols = rank_columns(t.table, t.rubric, by=t.by, on=t.on, dimensions=t.dimensions)
    parts = {col_part(p.id) for p in t.rubric.parts}
    shown = [c for c in _as_numbers(cols) if c.key not in POINTS_ONLY and c.key not in parts]
    better = say("methods.lower_better" if t.method == "vikor" else "methods.higher_better", lang)
    note = say("methods.rank_note", lang, method=t.method, better=better)
    name = say("methods.rank_sheet", lang, method=t.method)
    sheet = Sheet(name, t.table, shown, 4, title=[note], freeze_cols=2, lang=lang)
    return View(
        lines=[note],
        tables=[Table(t.table, shown)],
        document=records(t.table, _as_numbers(every_column(t))),
        sheets=[sheet],
        decimals=t.rubric.decimals,
        lang=lang,
    )
