"""The evaluation's parts, the grade note and a unit's standing, as the scoring views show them.

Shared by score, rank, gaps and the report: columns of part scores beside the total, the line
saying how the total is made of the parts, what a grade means (the rubric's ``grade_note``),
and per unit its total, parts, position and percentile.  Nothing is computed here."""

from __future__ import annotations

import polars as pl

from ..core.messages import say
from ..engine.parts import col_part
from ..output.columns import Column
from ..rubric.compiled import Rubric
from .values import grade_text, year_text


def part_columns(rubric: Rubric) -> list[Column]:
    """One score column per declared part, headed with its name and maximum: 书面评审（600）."""
    maxima = rubric.part_maxima()
    return [
        Column(
            col_part(p.id),
            say("scoring.parts.header", "zh", name=p.name, max=f"{maxima[p.id]:g}"),
            p.id,  # in English the part's id, short enough not to wrap (as dimensions show theirs)
            "score",
        )
        for p in rubric.parts
    ]


def rubric_lines(rubric: Rubric, lang: str = "zh") -> list[str]:
    """How the total is made of the parts (where declared), and what a grade means (the grade note)."""
    lines = []
    if rubric.parts:
        maxima = rubric.part_maxima()
        parts = say("scoring.parts.plus", lang).join(
            say("scoring.parts.weight", lang, name=p.name, max=f"{maxima[p.id]:g}") for p in rubric.parts
        )
        lines.append(say("scoring.parts.weights", lang, parts=parts))
    if rubric.grade_note and rubric.grades:
        lines.append(rubric.grade_note.strip())
    return lines


def unit_lines(standing, rubric: Rubric, lang: str = "zh", totals: bool = True) -> list[str]:
    """Per unit-year of a ``Standing``: total, grade and part scores (``totals``: False, the part
    scores alone, under a line that gave the total); then its position and percentile."""
    d = rubric.decimals
    maxima = rubric.part_maxima()
    sep = say("scoring.list", lang)
    lines = []
    for row in standing.frame.iter_rows(named=True):
        parts = sep.join(
            say("scoring.parts.score", lang, name=p.name, score=f"{row[col_part(p.id)]:.{d}f}", max=f"{maxima[p.id]:g}")
            for p in rubric.parts
        )
        if not totals:
            lines.append(say("scoring.parts.parts_only", lang, parts=parts) if parts else "")
        else:
            lines.append(
                say(
                    "scoring.parts.unit",
                    lang,
                    unit=row["unit"],
                    year=year_text(row["year"]),
                    total=f"{row['total']:.{d}f}",
                    max=f"{row['max']:g}",
                    percent=f"{row['percent']:.2f}",
                    grade=grade_text(row["grade"], lang),
                    parts=parts,
                ).rstrip("；; ")
            )
        if row["percentile"] is not None:
            synthetic = say("scoring.parts.synthetic", lang) if standing.synthetic else ""
            lines.append(
                "  "
                + say(
                    "scoring.parts.position",
                    lang,
                    n=row["peers"],
                    rank=row["position"],
                    pct=f"{row['percentile']:g}",
                    synthetic=synthetic,
                )
            )
    return lines


def assessed_by(rubric: Rubric, lang: str = "zh") -> pl.DataFrame:
    """id → the names of the parts that check the item (leaves only), for a column beside the items."""
    names = {p.id: p.name for p in rubric.parts}
    sep = say("scoring.list", lang)
    rows = [
        (it.id, sep.join(names.get(p, p) for p in it.assessed_by) if it.is_leaf else None)
        for it in rubric.items.values()
    ]
    return pl.DataFrame(rows, schema={"id": pl.String, "assessed": pl.String}, orient="row")


def item_places(rubric: Rubric) -> pl.DataFrame:
    """id → where the item stands, for JSON: its dimension (the first-level item it is under, the
    table's grouping: ``dimension``, ``dimension_name``) and the parts of the evaluation that check
    it (``assessed_by`` ids and ``assessed_by_names``, leaves only, as ``rubric show`` gives them)."""
    names = {p.id: p.name for p in rubric.parts}
    rows = []
    for it in rubric.items.values():
        top = it
        while top.parent is not None:
            top = rubric.items[top.parent]
        parts = list(it.assessed_by) if it.is_leaf else []
        rows.append((it.id, top.id, top.name, parts, [names.get(p, p) for p in parts]))
    schema = {
        "id": pl.String,
        "dimension": pl.String,
        "dimension_name": pl.String,
        "assessed_by": pl.List(pl.String),
        "assessed_by_names": pl.List(pl.String),
    }
    return pl.DataFrame(rows, schema=schema, orient="row")
