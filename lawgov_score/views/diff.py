"""The `rubric diff` report: the rubric changes, then (with data) what they do to the units.

Three shapes: ``table`` for a terminal, ``markdown`` to paste into a pull request (movers and
grade changes up front, every unit folded away), ``json`` for machines.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ..output.columns import Column
from ..output.render import render, to_json
from ..rubric.diff import RubricDiff, show


@dataclass
class Impact:
    units: pl.DataFrame  # analysis.impact.rank_impact
    movers: pl.DataFrame
    data: list[str]  # the data paths, as given
    by: str | None = None


@dataclass
class Gate:
    rank_change: int | None
    grade_change: bool
    tripped: list[dict]

    @property
    def failed(self) -> bool:
        return bool(self.tripped)


KINDS_ZH = {
    "added": "新增",
    "removed": "删除",
    "renamed": "改名",
    "renumbered": "改编号",
    "moved": "移动",
    "points": "分值",
    "rule": "规则",
    "target": "目标",
    "field": "指标",
    "weight": "权重",
    "aggregate": "汇总方式",
    "missing": "缺数据",
    "evidence": "佐证",
    "description": "说明",
    "total": "满分",
    "bonus_cap": "加分上限",
    "grades": "等次",
    "decimals": "小数位",
    "rubric": "细则信息",
    "field_def": "指标定义",
}
KINDS_EN = {
    "added": "added",
    "removed": "removed",
    "renamed": "renamed",
    "renumbered": "renumbered",
    "moved": "moved",
    "points": "points",
    "rule": "rule",
    "target": "target",
    "field": "field",
    "weight": "weight",
    "aggregate": "aggregate",
    "missing": "missing",
    "evidence": "evidence",
    "description": "description",
    "total": "total",
    "bonus_cap": "bonus cap",
    "grades": "grades",
    "decimals": "decimals",
    "rubric": "rubric",
    "field_def": "field definition",
}


def changes_frame(diff: RubricDiff, lang: str = "zh") -> pl.DataFrame:
    """The changes as a polars frame: kind, kind_text, id, name, key, old, new, scoring."""
    labels = KINDS_EN if lang == "en" else KINDS_ZH
    rows = [
        {
            "kind": c.kind,
            "kind_text": labels[c.kind],
            "id": c.id,
            "name": c.name,
            "key": c.key,
            "old": show(c.old),
            "new": show(c.new),
            "scoring": c.scoring,
        }
        for c in diff.changes
    ]
    return pl.DataFrame(
        rows,
        schema={
            "kind": pl.String,
            "kind_text": pl.String,
            "id": pl.String,
            "name": pl.String,
            "key": pl.String,
            "old": pl.String,
            "new": pl.String,
            "scoring": pl.Boolean,
        },
    )


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


def _unit_view(frame: pl.DataFrame, decimals: int, by: str | None) -> tuple[pl.DataFrame, list[Column]]:
    shown = frame.with_columns(
        pl.Series("delta_text", [_signed(x, decimals) for x in frame["delta"].to_list()], dtype=pl.String),
        pl.Series("move", [_move(x) for x in frame["rank_change"].to_list()], dtype=pl.String),
    )
    cols = [Column("year", "年度", "year", "int"), Column("unit", "单位", "unit")]
    if by:
        cols.append(Column("group", "分组", "group"))
    cols += [
        Column("total_old", "原总分", "old total", "score"),
        Column("total_new", "新总分", "new total", "score"),
        Column("delta_text", "变化", "change", "number"),
        Column("rank_old", "原排名", "old rank", "int"),
        Column("rank_new", "新排名", "new rank", "int"),
        Column("move", "名次", "move", "number"),
        Column("grade_old", "原等次", "old grade"),
        Column("grade_new", "新等次", "new grade"),
    ]
    return shown, cols


def _headline(diff: RubricDiff, old_label: str, new_label: str, lang: str) -> list[str]:
    o, n = diff.old, diff.new
    scoring = sum(1 for c in diff.changes if c.scoring)
    if lang == "en":
        return [
            f"Rubric changes: {old_label} → {new_label}",
            f"maximum {o.total:g} → {n.total:g}; items {len(o.items)} → {len(n.items)}; "
            f"{len(diff.changes)} changes, {scoring} of them can change scores",
        ]
    return [
        f"细则变更：{old_label} → {new_label}",
        f"满分 {o.total:g} → {n.total:g}；项目 {len(o.items)} → {len(n.items)}；变更 {len(diff.changes)} 处，其中影响得分 {scoring} 处",
    ]


def _impact_line(impact: Impact, lang: str) -> str:
    u = impact.units
    moved = u.filter(pl.col("rank_change").fill_null(0) != 0).height
    graded = u.filter(pl.col("grade_changed")).height
    changed = u.filter(pl.col("delta").fill_null(0) != 0).height
    scope = (
        ("ranked within each year" + (f" and {impact.by}" if impact.by else ""))
        if lang == "en"
        else ("每年" + ("按" + impact.by + "分组" if impact.by else "") + "单独排名")
    )
    top = ""
    if impact.movers.height:
        r = impact.movers.row(0, named=True)
        if r["rank_change"]:
            top = (
                f"; largest move: {r['unit']} {r['year']} {_move(r['rank_change'])}"
                if lang == "en"
                else f"；变动最大：{r['unit']} {r['year']} {_move(r['rank_change'])}"
            )
    if lang == "en":
        return (
            f"{u.height} unit-years ({scope}): {changed} change total, {moved} change rank, {graded} change grade{top}"
        )
    return f"{u.height} 个单位·年度（{scope}）：总分变化 {changed} 个，排名变化 {moved} 个，等次变化 {graded} 个{top}"


def _gate_lines(gate: Gate | None, lang: str) -> list[str]:
    if gate is None or (gate.rank_change is None and not gate.grade_change):
        return []
    if not gate.failed:
        return ["gates passed" if lang == "en" else "门槛：通过"]
    lines = [
        f"gates FAILED: {len(gate.tripped)} unit-years"
        if lang == "en"
        else f"门槛：未通过（{len(gate.tripped)} 个单位·年度）"
    ]
    for r in gate.tripped:
        what = []
        if gate.rank_change is not None and r["rank_change"] is not None and abs(r["rank_change"]) >= gate.rank_change:
            what.append(
                f"rank {r['rank_old']} → {r['rank_new']}" if lang == "en" else f"排名 {r['rank_old']} → {r['rank_new']}"
            )
        if gate.grade_change and r["grade_changed"]:
            what.append(
                f"grade {r['grade_old']} → {r['grade_new']}"
                if lang == "en"
                else f"等次 {r['grade_old']} → {r['grade_new']}"
            )
        lines.append(
            f"  {r['unit']} {r['year']}" + (": " + "; ".join(what) if lang == "en" else "：" + "；".join(what))
        )
    return lines


def render_diff(
    diff: RubricDiff,
    old_label: str,
    new_label: str,
    fmt: str,
    lang: str = "zh",
    impact: Impact | None = None,
    gate: Gate | None = None,
) -> str:
    if fmt == "json":
        return _json(diff, old_label, new_label, lang, impact, gate)
    md = fmt == "markdown"
    decimals = diff.new.decimals
    h = "### " if md else ""
    parts: list[str] = []
    head = _headline(diff, old_label, new_label, lang)
    parts.append(h + head[0] + "\n\n" + head[1] + "\n" if md else "\n".join(head) + "\n")
    if diff.changes:
        parts.append(render(changes_frame(diff, lang), _change_columns(), "markdown" if md else "table", lang))
    if not any(c.scoring for c in diff.changes):
        parts.append(
            "No change can alter a score: totals, ranks and grades stay as they are.\n"
            if lang == "en"
            else "没有影响得分的变更：各单位的总分、排名和等次不变。\n"
        )
    if impact is not None:
        title = "Scores and ranks" if lang == "en" else "得分与排名"
        data = " ".join(impact.data)
        parts.append(f"{h}{title}（{data}）\n" if lang != "en" else f"{h}{title} ({data})\n")
        parts.append(_impact_line(impact, lang) + "\n")
        units, cols = _unit_view(impact.units, decimals, impact.by)
        graded = units.filter(pl.col("grade_changed"))
        movers, _ = _unit_view(impact.movers, decimals, impact.by)
        if md:
            if movers.height:
                parts.append(
                    f"**{'Largest movers' if lang == 'en' else '变动最大'}**\n\n"
                    + render(movers, cols, "markdown", lang, decimals)
                )
            if graded.height:
                parts.append(
                    f"**{'Grade changes' if lang == 'en' else '等次变化'}**\n\n"
                    + render(graded, cols, "markdown", lang, decimals)
                )
            summary = f"All units ({units.height})" if lang == "en" else f"全部单位（{units.height}）"
            parts.append(
                f"<details><summary>{summary}</summary>\n\n"
                + render(units, cols, "markdown", lang, decimals)
                + "\n</details>\n"
            )
        else:
            parts.append(render(units, cols, "table", lang, decimals))
            if graded.height:
                parts.append(
                    ("Grade changes" if lang == "en" else "等次变化")
                    + "\n"
                    + render(graded, cols, "table", lang, decimals)
                )
            if movers.height:
                parts.append(
                    ("Largest movers" if lang == "en" else f"变动最大（前 {movers.height}）")
                    + "\n"
                    + render(movers, cols, "table", lang, decimals)
                )
    gate_lines = _gate_lines(gate, lang)
    if gate_lines:
        parts.append(
            (
                "**" + gate_lines[0] + "**\n" + "\n".join(f"- {x.strip()}" for x in gate_lines[1:])
                if md
                else "\n".join(gate_lines)
            )
            + "\n"
        )
    return "\n".join(parts)


def _side(rubric, label: str) -> dict:
    return {
        "spec": label,
        "id": rubric.id,
        "name": rubric.name,
        "version": rubric.version,
        "total": rubric.total,
        "items": len(rubric.items),
    }


def _records(frame: pl.DataFrame) -> list[dict]:
    from ..output.columns import json_value as _json_value

    return [{k: _json_value(v) for k, v in r.items()} for r in frame.iter_rows(named=True)]


def _json(diff: RubricDiff, old_label: str, new_label: str, lang: str, impact: Impact | None, gate: Gate | None) -> str:
    payload: dict = {
        "old": _side(diff.old, old_label),
        "new": _side(diff.new, new_label),
        "changes": [c.to_dict() for c in diff.changes],
        "impact": None,
    }
    if impact is not None:
        payload["impact"] = {
            "data": impact.data,
            "by": impact.by,
            "units": _records(impact.units),
            "movers": _records(impact.movers),
            "grade_changes": _records(impact.units.filter(pl.col("grade_changed"))),
        }
    if gate is not None:
        payload["gate"] = {
            "fail_on_rank_change": gate.rank_change,
            "fail_on_grade_change": gate.grade_change,
            "failed": gate.failed,
            "tripped": _records(pl.DataFrame(gate.tripped)) if gate.tripped else [],
        }
    return to_json(payload)
