"""The rubric views: `rubric show` (the tree of items with points, fields and rules in words) and
`rubric check` (every problem, one line each, and a verdict per file)."""

from __future__ import annotations

import polars as pl

from ..core.messages import say
from ..output.columns import Column
from ..output.render import render
from ..output.view import Table, View
from ..rubric.check import RubricChecks
from ..rubric.compiled import Rubric
from ..rubric.describe import describe_rule
from ..rubric.tree import RubricTree
from .values import item_columns


def rubric_view(rubric: Rubric, lang: str = "zh", items=None) -> tuple[pl.DataFrame, list[Column]]:
    """The items (all, or those given) as rows: id, name, level, parent, max, the rule in words,
    the field and the evidence; the columns a table shows."""
    parts = {p.id: p.name for p in rubric.parts}
    rows = [
        {
            "id": it.id,
            "name": it.name,
            "level": it.level,
            "parent": it.parent,
            "max": it.max,
            "rule_text": describe_rule(it, rubric, lang) if it.rule is not None else "",
            "field": it.value_source or None,
            "evidence": it.evidence,
            "label": _marked_name(it, lang),  # indented by its level on screen only
            "wording": say(f"rubric.show.wording.{it.wording}", lang) if it.wording else None,
            "assessed": say("scoring.list", lang).join(parts.get(p, p) for p in it.assessed_by) if it.is_leaf else None,
        }
        for it in (rubric.items.values() if items is None else items)
    ]
    schema = {"id": pl.String, "name": pl.String, "level": pl.Int64, "parent": pl.String, "max": pl.Float64}
    schema |= {k: pl.String for k in ("rule_text", "field", "evidence", "label", "wording", "assessed")}
    df = pl.DataFrame(rows, schema=schema)
    cols = [
        Column("id", "编号", "id"),
        *item_columns("label"),
        Column("max", "分值", "points", "score"),
        Column("field", "指标", "field"),
        Column("rule_text", "评分规则", "rule"),
    ]
    if any(it.wording for it in rubric.items.values()):  # whether each name is the official text
        cols.append(Column("wording", say("rubric.show.wording.head", "zh"), say("rubric.show.wording.head", "en")))
    if rubric.parts:
        cols.append(Column("assessed", say("rubric.show.assessed.head", "zh"), say("rubric.show.assessed.head", "en")))
    return df, cols


def _marked_name(it, lang: str) -> str:
    """An item's name, marked when it is an 附加项 or what it asks is not published."""
    mark = say("rubric.show.additional_mark", lang) if it.additional else ""
    unknown = say("rubric.show.unknown", lang) if it.content == "unknown" else ""
    return f"{mark}{it.name}{unknown}"


def rubric_header(tree: RubricTree, lang: str = "zh") -> list[str]:
    """The lines above the tree: name and version, how many items, the note, the grade bands."""
    rub = tree.rubric
    version = say("rubric.show.version", lang, version=rub.version) if rub.version else ""
    lines = [
        say("rubric.show.title", lang, name=rub.name, id=rub.id, version=version),
        say("rubric.show.counts", lang, total=f"{rub.total:g}", **tree.counts),
    ]
    if rub.edition:
        key = "rubric.show.edition.guide" if rub.edition == "guide" else "rubric.show.edition.year"
        lines.append(say("rubric.show.edition", lang, edition=say(key, lang, edition=rub.edition)))
    additional = sum(1 for it in rub.items.values() if it.additional)
    if additional:
        lines.append(say("rubric.show.additional", lang, n=additional))
    if rub.note:
        lines.append(rub.note.strip())
    lines += _parts_and_wording(rub, lang)
    if rub.grades:
        bands = say("rubric.show.join", lang).join(f"{g.name} ≥ {g.min_percent:g}%" for g in rub.grades)
        lines.append(say("rubric.show.grades", lang, bands=bands))
        if rub.grade_note:
            lines.append(rub.grade_note.strip())
    if rub.method:
        lines.append(say("rubric.show.method", lang))
    return lines


def _parts_and_wording(rub: Rubric, lang: str) -> list[str]:
    """The parts with their weights' shares and points; how many names are official, how many a summary."""
    lines = []
    if rub.parts:
        maxima, wsum = rub.part_maxima(), sum(p.weight for p in rub.parts)
        shown = [
            say(
                "rubric.show.part",
                lang,
                name=p.name,
                id=p.id,
                share=f"{p.weight / wsum * 100:g}",
                points=f"{maxima[p.id]:g}",
            )
            for p in rub.parts
        ]
        lines.append(say("rubric.show.parts", lang, parts=say("rubric.show.join", lang).join(shown)))
    said = [it.wording for it in rub.items.values()]
    if any(said):
        lines.append(say("rubric.show.wording", lang, official=said.count("official"), summary=said.count("summary")))
    return lines


def rubric_tree_view(tree: RubricTree, lang: str = "zh") -> View:
    """``rubric show``: the header lines, then the tree (CSV: the tree alone; JSON: ``tree.records()``)."""
    rub = tree.rubric
    df, cols = rubric_view(rub, lang, tree.items)
    head = "".join(f"{line}\n" for line in rubric_header(tree, lang))
    markdown = head + "\n" + render(df, cols, "markdown", lang, rub.decimals)
    return View(
        lines=rubric_header(tree, lang),
        tables=[Table(df, cols)],
        document=tree.records(lang),
        text={"markdown": markdown},
        decimals=rub.decimals,
        lang=lang,
    )


def method_blocks(text: str) -> list[tuple[str, list[str]]]:
    """A method section's text as blocks: ("p", [paragraph]) or ("ul", [item, …]).  Paragraphs are
    separated by a blank line; the lines of a paragraph are joined (a YAML block keeps the author's
    wraps); lines starting "- " are the items of a list."""
    blocks: list[tuple[str, list[str]]] = []
    for para in text.strip().split("\n\n"):
        for i, ln in enumerate(ln.strip() for ln in para.splitlines() if ln.strip()):
            if ln.startswith("- "):
                if i == 0 or blocks[-1][0] != "ul":
                    blocks.append(("ul", []))
                blocks[-1][1].append(ln[2:].strip())
            elif i == 0:
                blocks.append(("p", [ln]))
            else:  # a wrapped line of the paragraph or of the list's last item
                blocks[-1][1][-1] = _joined(blocks[-1][1][-1], ln)
    return blocks


def _joined(a: str, b: str) -> str:
    """Two wrapped lines as one: a space between Latin words, none between Chinese characters."""
    return f"{a} {b}" if a[-1:].isascii() and b[:1].isascii() else a + b


def method_view(rubric: Rubric, lang: str = "zh") -> View:
    """``rubric show --method``: the rubric's method text (in English where the rubric gives it):
    each section's title, then its paragraphs and lists; markdown with headings; JSON the sections."""
    sections = rubric.method_text(lang)
    lines, md = [], []
    for sec in sections:
        lines += [sec.title, ""]
        md += [f"## {sec.title}", ""]
        for kind, texts in method_blocks(sec.text):
            shown = [f"- {t}" for t in texts] if kind == "ul" else texts
            lines += [*shown, ""]
            md += [*shown, ""]
    if not sections:
        lines = [say("rubric.show.no_method", lang)]
    document = {"id": rubric.id, "name": rubric.name, "method": [{"title": s.title, "text": s.text} for s in sections]}
    return View(lines=lines, document=document, text={"markdown": "\n".join(md or lines) + "\n"}, lang=lang)


def check_view(checks: RubricChecks, lang: str = "zh") -> View:
    """``rubric check``: every problem, one line each (file:line: CODE: message); JSON: ``checks.records``."""
    lines = [p.render(lang) for f in checks.files for p in f.report.sorted()]
    return View(lines=lines, document=checks.records(lang), lang=lang)


def check_summary(checks: RubricChecks, lang: str = "zh") -> list[str]:
    """A verdict per file (for stderr): passed or not, with its count of errors and warnings."""
    return [
        say(
            "rubric.check.passed" if f.passed(checks.strict) else "rubric.check.failed",
            lang,
            path=f.path,
            errors=len(f.report.errors),
            warnings=len(f.report.warnings),
        )
        for f in checks.files
    ]


def schema_view(schema: dict) -> View:
    """``rubric schema``: the JSON Schema of rubric files, as JSON."""
    return View(document=schema)
