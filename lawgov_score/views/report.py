"""The report view: a ``ReportPage`` (computed by the library) in one language, for the HTML page
and the PNG charts.  Nothing is ranked or scored here: the view adds labels, words and values
shown in their field's terms."""

from __future__ import annotations

import polars as pl

from ..core.messages import say, words
from ..output.page import ReportData
from ..output.view import View
from .parts import part_columns, rubric_lines
from .rubric import method_blocks


def report_data(page, lang: str = "zh", title: str | None = None) -> ReportData:
    """What the page and the charts show of ``page`` (an ``analysis.tables.ReportPage``) in ``lang``."""
    from .gaps import gaps_view
    from .rank import rank_columns

    rubric, ranked = page.rubric, page.ranked
    many_years = ranked["year"].n_unique() > 1
    labels = [f"{u} {y}" if many_years and y is not None else u for u, y in zip(ranked["unit"], ranked["year"])]
    gaps, _ = gaps_view(page.lost, rubric, lang)
    headers = rank_columns(ranked, rubric, by=page.by, on=None, dimensions=False)
    return ReportData(
        page=page,
        lang=lang,
        title=title or say("scoring.report.title", lang, name=rubric.name),
        labels=labels,
        headers={c.key: c.header(lang) for c in headers},
        gaps=gaps,
        evidence=_evidence(page.values, rubric, lang),
        rules=_rules(rubric, lang),
        weights=_weights(rubric),
        parts=[c.key for c in part_columns(rubric)],
        notes=rubric_lines(rubric, lang),
        method=[(sec.title, method_blocks(sec.text)) for sec in rubric.method_text(lang)],
    )


def report_view(page, lang: str = "zh", title: str | None = None) -> View:
    """``report``: the page (``html``) and its charts (``png``) in ``lang``."""
    data = report_data(page, lang, title)
    return View(page=data, title=data.title, decimals=page.rubric.decimals, lang=lang)


def _evidence(values: pl.DataFrame, rubric, lang: str) -> pl.DataFrame:
    """The values scored with their field's name and the value as shown (96.12%, 是)."""
    from .score import shown_in
    from .values import field_types

    names = pl.DataFrame({"field": list(rubric.fields), "fname": [f.name for f in rubric.fields.values()]})
    return (
        values.join(field_types(rubric), on="field", how="left", maintain_order="left")
        .join(names, on="field", how="left", maintain_order="left")
        .with_columns(shown_in("value", rubric.decimals, lang).alias("value_shown"))
        .select("unit", "year", "field", "fname", "value_shown", "qualifier", "evidence", "source", "file", "row")
    )


def _weights(rubric) -> list[dict]:
    """How the full marks are shared among the dimensions (the method an official reads in
    the report itself, not in a file of this project): points, share of the total, items."""
    out = []
    for d in rubric.dimensions():
        leaves = [it for it in rubric.leaves() if it.id == d.id or it.id.startswith(d.id + ".")]
        share = f"{d.max / rubric.total * 100:.1f}%" if rubric.total and d.max else ""
        out.append({"id": d.id, "name": d.name, "points": f"{d.max:g}", "share": share, "items": len(leaves)})
    return out


def _rules(rubric, lang: str) -> list[dict]:
    """Per rule type the rubric uses: how many items, how it scores, and its first item as an example."""
    from ..rubric.describe import describe_rule

    text = words("scoring.rule", lang)
    by_type: dict[str, list] = {}
    for it in rubric.leaves():
        by_type.setdefault(it.rule_type, []).append(it)
    colon = say("scoring.colon", lang)
    return [
        {
            "type": t,
            "count": len(its),
            "text": text.get(t, t),
            "example": f"{its[0].id} {its[0].name}{colon}{describe_rule(its[0], rubric, lang)}",
        }
        for t, its in by_type.items()
    ]
