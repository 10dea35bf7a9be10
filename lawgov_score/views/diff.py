"""The `rubric diff` report: the rubric changes, then (with data) what they do to the units.

Three shapes: ``table`` for a terminal, ``markdown`` to paste into a pull request (movers and
grade changes up front, every unit folded away), ``json`` for machines (``DiffReport.records``).
"""

from __future__ import annotations

import polars as pl

from ..analysis.diffreport import DiffReport, Gate, Impact
from ..core.messages import say, words
from ..output.columns import Column
from ..output.render import render
from ..output.view import Table, View
from ..rubric.diff import RubricDiff, show


def diff_view(report: DiffReport, lang: str = "zh") -> View:
    """``rubric diff``: the report as a terminal table, as markdown and as JSON; as CSV the one
    table a spreadsheet wants: with data every unit before and after, else the changes."""
    return View(
        tables=[_csv_table(report, lang)],
        document=report.records(lang),
        text={"table": _text(report, lang, markdown=False), "markdown": _text(report, lang, markdown=True)},
        decimals=report.diff.new.decimals,
        lang=lang,
    )


def _csv_table(report: DiffReport, lang: str) -> Table:
    """Every unit's total, rank and grade under both rubrics (numbers as numbers), or, without
    data, the changes to the rubric."""
    impact = report.impact
    if impact is None:
        return Table(changes_frame(report.diff, lang), _change_columns())
    numbers = (Column("delta", "变化", "change", "score"), Column("rank_change", "名次变化", "rank change", "int"))
    return Table(impact.units, _unit_columns(impact.by, *numbers))


def gate_note(report: DiffReport, lang: str = "zh") -> str:
    """The line on stderr when a gate fails and the table that lists the tripped units is not on screen."""
    return say("rubric.diff.gate_note", lang, n=len(report.gate.tripped)) if report.exit_code else ""


def changes_frame(diff: RubricDiff, lang: str = "zh") -> pl.DataFrame:
    """The changes as a polars frame: kind, kind_text, id, name, key, old, new, scoring."""
    labels = words("rubric.kind", lang)
    rows = [
        {
            "kind": c.kind,
            "kind_text": labels[c.kind],
            "id": c.id,
            "name": c.name,
            "key": c.key,
            "old": show(diff.worded(c.old, lang)),
            "new": show(diff.worded(c.new, lang)),
            "scoring": c.scoring,
        }
        for c in diff.changes
    ]
    schema = {k: pl.String for k in ("kind", "kind_text", "id", "name", "key", "old", "new")}
    return pl.DataFrame(rows, schema={**schema, "scoring": pl.Boolean})


def _change_columns() -> list[Column]:
    return [
        Column("kind_text", "类别", "kind"),
        Column("id", "编号", "id"),
        Column("name", "项目", "item"),
        Column("key", "内容", "key"),
        Column("old", "原", "old"),
        Column("new", "新", "new"),
    ]


def _signed(x, decimals: int) -> str:
    if x is None or x == 0:
        return ""
    return f"{'+' if x > 0 else '−'}{abs(x):.{decimals}f}"


def _move(x) -> str:
    if x is None or x == 0:
        return ""
    return f"↑{x}" if x > 0 else f"↓{-x}"


def _unit_columns(by: str | None, delta: Column, move: Column) -> list[Column]:
    """The columns of a unit before and after: year, unit, group (``by``), totals, ``delta``,
    ranks and ``move``, grades (the change and the move as text on screen, numbers in CSV)."""
    cols = [Column("year", "年度", "year", "int"), Column("unit", "单位", "unit")]
    if by:
        cols.append(Column("group", "分组", "group"))
    return cols + [
        Column("total_old", "原总分", "old total", "score"),
        Column("total_new", "新总分", "new total", "score"),
        delta,
        Column("rank_old", "原排名", "old rank", "int"),
        Column("rank_new", "新排名", "new rank", "int"),
        move,
        Column("grade_old", "原等次", "old grade"),
        Column("grade_new", "新等次", "new grade"),
    ]


def _unit_view(frame: pl.DataFrame, decimals: int, by: str | None) -> tuple[pl.DataFrame, list[Column]]:
    shown = frame.with_columns(
        pl.Series("delta_text", [_signed(x, decimals) for x in frame["delta"].to_list()], dtype=pl.String),
        pl.Series("move", [_move(x) for x in frame["rank_change"].to_list()], dtype=pl.String),
    )
    cols = _unit_columns(by, Column("delta_text", "变化", "change", "number"), Column("move", "名次", "move", "number"))
    return shown, cols


def _headline(report: DiffReport, lang: str) -> list[str]:
    o, n = report.diff.old, report.diff.new
    counts = {"changes": len(report.diff.changes), "scoring": report.scoring}
    return [
        say("rubric.diff.headline", lang, old=report.old, new=report.new),
        say(
            "rubric.diff.summary",
            lang,
            total_old=f"{o.total:g}",
            total_new=f"{n.total:g}",
            items_old=len(o.items),
            items_new=len(n.items),
            **counts,
        ),
    ]


def _impact_line(impact: Impact, lang: str) -> str:
    scope = say("rubric.diff.scope_group", lang, by=impact.by) if impact.by else say("rubric.diff.scope_year", lang)
    top = ""
    if impact.movers.height:
        r = impact.movers.row(0, named=True)
        if r["rank_change"]:
            top = say("rubric.diff.top", lang, unit=r["unit"], year=r["year"], move=_move(r["rank_change"]))
    c = impact.counts
    return say(
        "rubric.diff.impact",
        lang,
        n=impact.units.height,
        scope=scope,
        changed=c["total"],
        moved=c["rank"],
        graded=c["grade"],
        top=top,
    )


def _gate_lines(gate: Gate | None, lang: str) -> list[str]:
    if gate is None or not gate.asked:
        return []
    if not gate.failed:
        return [say("rubric.diff.gates_passed", lang)]
    lines = [say("rubric.diff.gates_failed", lang, n=len(gate.tripped))]
    for r in gate.tripped:
        what = []
        if gate.rank_change is not None and r["rank_change"] is not None and abs(r["rank_change"]) >= gate.rank_change:
            what.append(say("rubric.diff.gate_rank", lang, old=r["rank_old"], new=r["rank_new"]))
        if gate.grade_change and r["grade_changed"]:
            what.append(say("rubric.diff.gate_grade", lang, old=r["grade_old"], new=r["grade_new"]))
        what_text = say("rubric.diff.gate_join", lang).join(what)
        lines.append(say("rubric.diff.gate_unit", lang, unit=r["unit"], year=r["year"], what=what_text))
    return lines


def _text(report: DiffReport, lang: str, markdown: bool) -> str:
    """The report as a terminal table or as markdown."""
    diff, impact = report.diff, report.impact
    h = "### " if markdown else ""
    head = _headline(report, lang)
    parts = [h + head[0] + "\n\n" + head[1] + "\n" if markdown else "\n".join(head) + "\n"]
    if diff.changes:
        parts.append(render(changes_frame(diff, lang), _change_columns(), "markdown" if markdown else "table", lang))
    if not report.scoring:
        parts.append(say("rubric.diff.no_scoring", lang) + "\n")
    if report.method_unchanged:  # the report would print reasons for figures the rubric no longer has
        parts.append(say("rubric.diff.method_unchanged", lang) + "\n")
    if impact is not None:
        parts.append(h + say("rubric.diff.impact_title", lang, data=" ".join(impact.data)) + "\n")
        parts.append(_impact_line(impact, lang) + "\n")
        audit = _audit_lines(impact, lang)  # before the tables: the folded list of units stays last
        if audit:
            parts.append("\n".join(f"- {x}" if markdown else x for x in audit) + "\n")
        parts += (_impact_markdown if markdown else _impact_table)(impact, lang, diff.new.decimals)
    gate_lines = _gate_lines(report.gate, lang)
    if gate_lines:
        if markdown:
            listed = "\n".join(f"- {x.strip()}" for x in gate_lines[1:])
            parts.append("**" + gate_lines[0] + "**\n" + listed + "\n")
        else:
            parts.append("\n".join(gate_lines) + "\n")
    return "\n".join(parts)


def _impact_markdown(impact: Impact, lang: str, decimals: int) -> list[str]:
    """Movers and grade changes up front, every unit folded away."""
    units, cols = _unit_view(impact.units, decimals, impact.by)
    graded, _ = _unit_view(impact.grade_changes, decimals, impact.by)
    movers, _ = _unit_view(impact.movers, decimals, impact.by)
    parts = []
    if movers.height:
        parts.append(f"**{say('rubric.diff.movers', lang)}**\n\n" + render(movers, cols, "markdown", lang, decimals))
    if graded.height:
        title = say("rubric.diff.grade_changes", lang)
        parts.append(f"**{title}**\n\n" + render(graded, cols, "markdown", lang, decimals))
    summary = say("rubric.diff.all_units", lang, n=units.height)
    table = render(units, cols, "markdown", lang, decimals)
    parts.append(f"<details><summary>{summary}</summary>\n\n" + table + "\n</details>\n")
    return parts


def _impact_table(impact: Impact, lang: str, decimals: int) -> list[str]:
    """Every unit, then the grade changes and the largest movers again."""
    units, cols = _unit_view(impact.units, decimals, impact.by)
    graded, _ = _unit_view(impact.grade_changes, decimals, impact.by)
    movers, _ = _unit_view(impact.movers, decimals, impact.by)
    parts = [render(units, cols, "table", lang, decimals)]
    if graded.height:
        parts.append(say("rubric.diff.grade_changes", lang) + "\n" + render(graded, cols, "table", lang, decimals))
    if movers.height:
        title = say("rubric.diff.movers_top", lang, n=movers.height)
        parts.append(title + "\n" + render(movers, cols, "table", lang, decimals))
    return parts


def _audit_lines(impact: Impact, lang: str) -> list[str]:
    """How the audit's flags and each parent's α change (the maintainer's question)."""
    ch = impact.audit
    if ch is None:
        return []
    lines = [say("audit.diff_flags", lang, old=ch.flags_old, new=ch.flags_new)]

    def f(x):
        return "—" if x is None else f"{x:.2f}"

    lines += [say("audit.diff", lang, id=r["id"], old=f(r["alpha_old"]), new=f(r["alpha_new"]))
              for r in ch.alphas.iter_rows(named=True)]  # fmt: skip
    return lines
