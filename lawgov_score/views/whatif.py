"""The whatif view: the values changed, the totals before and after, and each item's change."""

from __future__ import annotations

import polars as pl

from ..core.messages import say
from ..output.columns import Column, records
from ..output.view import Table, View
from ..rubric.compiled import Rubric
from .values import (
    field_types,
    grade_text,
    item_columns,
    json_numbers,
    label_value,
    lines_text,
    rank_text,
    shown_value,
    year_text,
)


def whatif_changes_view(w, rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    """The values changed: each field before and after, in its own terms."""
    ft = field_types(rubric)
    d = rubric.decimals
    df = w.changes.join(ft, on="field", how="left").with_columns(
        shown_value("before", d, lang).alias("before_shown"),
        shown_value("after", d, lang).alias("after_shown"),
        label_value("before", lang=lang).alias("before_label"),
        label_value("after", lang=lang).alias("after_label"),
    )
    df = json_numbers(df, ["before", "after"], d)
    cols = [
        Column("field", "指标编号", "field"),
        Column("name", "指标", "name"),
        Column("before_shown", "原值", "before", json_label="before_label"),
        Column("after_shown", "改为", "after", json_label="after_label"),
    ]
    return df, cols


def whatif_view(w, rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    """The items whose score changes, before and after."""
    df = w.items
    cols = [
        Column("id", "编号", "id"),
        *item_columns(),
        Column("before", "原得分", "before", "score"),
        Column("after", "新得分", "after", "score"),
        Column("change", "变化", "change", "score"),
    ]
    return df, cols


def whatif_lines(w, rubric: Rubric, lang: str = "zh") -> list[str]:
    """The summary lines: the values changed, then total, percent, grade and rank before and after."""
    d = rubric.decimals
    b, a = w.before, w.after
    changed = whatif_changes_view(w, rubric, lang)[0]
    shown = {r["field"]: r for r in changed.iter_rows(named=True)}
    none = say("common.none", lang)
    sets = [
        say(
            "whatif.set",
            lang,
            name=r["name"],
            field=r["field"],
            before=none if r["before"] is None else shown[r["field"]]["before_shown"],
            after=none if r["after"] is None else shown[r["field"]]["after_shown"],
        )
        for r in w.changes.iter_rows(named=True)
    ]
    lines = [
        say("whatif.head", lang, unit=w.unit, year=year_text(w.year), sets=say("whatif.sets_sep", lang).join(sets)),
        say(
            "whatif.totals",
            lang,
            total_before=f"{b['total']:.{d}f}",
            total_after=f"{a['total']:.{d}f}",
            change=f"{a['total'] - b['total']:+.{d}f}",
            percent_before=f"{b['percent']:.2f}",
            percent_after=f"{a['percent']:.2f}",
            grade_before=grade_text(b["grade"], lang),
            grade_after=grade_text(a["grade"], lang),
            rank_before=rank_text(b),
            rank_after=rank_text(a),
            veto=_veto_change(b, a, lang),
        ),
    ]
    if w.others_changed:
        lines.append(say("whatif.others", lang, n=w.others_changed))
    return lines


def whatif_text(w, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    """The summary lines as text (or a markdown list)."""
    return lines_text(whatif_lines(w, rubric, lang), markdown)


def _veto_change(before: dict, after: dict, lang: str) -> str:
    """What the change does to a veto: newly triggered, still in force, lifted, or nothing."""
    was, now = bool(before["vetoed"]), bool(after["vetoed"])
    if not (was or now):
        return ""
    key = {(False, True): "now", (True, True): "still", (True, False): "lifted"}[(was, now)]
    return say(f"whatif.veto.{key}", lang)


def whatif_report_view(report, lang: str = "zh") -> View:
    """``whatif``: the summary lines and the items whose score changes; JSON with the summary,
    the values changed and the items."""
    from .gaps import about_unit

    w, rubric = report.whatif, report.rubric
    df, cols = whatif_view(w, rubric, lang)
    cdf, ccols = whatif_changes_view(w, rubric, lang)
    document = {"summary": report.summary(), "changes": records(cdf, ccols), "items": records(df, cols)}
    df, cols = about_unit(df, cols, w.unit, w.year)  # a CSV on its own says whose scenario it is
    return View(
        lines=whatif_lines(w, rubric, lang),
        tables=[Table(df, cols)],
        document=document,
        decimals=rubric.decimals,
        lang=lang,
    )
