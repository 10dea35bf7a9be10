"""The report as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched.

Every word comes from the message catalogue (``scoring.report.*``) in the report's language; the
numbers come computed in the ``ReportPage`` the ``ReportData`` carries."""

from __future__ import annotations

import math
from html import escape

from ..core.messages import say
from . import svg
from .page import ReportData

CSS = """
:root { --ink:#1f1f1f; --muted:#5f5f5f; --line:#d9d9d9; --head:#ddebf7; --accent:#2e75b6; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.6; font-size: 14px;
  font-family: 'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','Hiragino Sans GB',
  'WenQuanYi Micro Hei','SimHei',sans-serif; }
header { padding: 24px 32px 12px; border-bottom: 3px solid var(--accent); }
header h1 { margin: 0 0 4px; font-size: 24px; }
header p { margin: 2px 0; color: var(--muted); }
nav { padding: 8px 32px; background: #f5f8fc; border-bottom: 1px solid var(--line); }
nav a { margin-right: 18px; color: var(--accent); text-decoration: none; }
main { padding: 8px 32px 40px; max-width: 1400px; }
section { margin-top: 28px; }
h2 { font-size: 19px; border-left: 5px solid var(--accent); padding-left: 10px; margin: 0 0 12px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 14px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; min-width: 150px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0 10px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
th { background: var(--head); font-weight: 600; white-space: nowrap; }
td.u { white-space: nowrap; }
th.dim { white-space: normal; min-width: 5.5em; max-width: 8em; font-size: 12px; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.q { max-width: 520px; }
tr.vetoed td { background: #fff0f0; }
.grade { padding: 1px 8px; border-radius: 10px; white-space: nowrap; }
.scroll { overflow-x: auto; max-width: 100%; }
svg { display: block; max-width: 100%; height: auto; }
.radars { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 8px; }
.radars figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 4px; min-width: 0; }
.radars svg { width: 100%; }
.toc { columns: 14em; column-gap: 24px; margin: 4px 0 10px; padding-left: 1.2em; }
.toc a { color: var(--accent); text-decoration: none; }
.legend { color: var(--muted); font-size: 12.5px; }
.legend i { display: inline-block; width: 26px; height: 0; border-top: 2px solid var(--accent); \
vertical-align: middle; margin: 0 4px 0 10px; }
.legend i.avg { border-top: 2px dashed #7f7f7f; }
details { margin: 6px 0; border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
summary { cursor: pointer; font-weight: 600; }
.note { color: var(--muted); }
ul.method li { margin: 4px 0; }
#method p, #method ul { max-width: 64em; }  /* the method is read as text: lines a reader can follow */
@media (max-width: 600px) {
  header, nav { padding-left: 12px; padding-right: 12px; }
  main { padding: 8px 12px 32px; }
  nav a { display: inline-block; margin-right: 12px; }
  td.u, th { white-space: normal; }
}
@media print { nav { display: none; } details { border: none; } details > * { display: block; } }
"""


def _e(x) -> str:
    return escape("" if x is None else str(x), quote=True)


def _num(x, d: int) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return f"{x:.{d}f}"


def _grade(name: str | None, names: list[str]) -> str:
    if not name:
        return "—"
    k = names.index(name) if name in names else len(names) - 1
    pct = 100.0 if len(names) <= 1 else 100.0 * (1 - k / (len(names) - 1))
    return f'<span class="grade" style="background:{svg.color(pct)}">{_e(name)}</span>'


def _say(data: ReportData, key: str, **params) -> str:
    """A sentence of the report (``scoring.report.<key>``) in its language."""
    return say(f"scoring.report.{key}", data.lang, **params)


NAV = ("summary", "ranking", "heatmap", "radar", "gaps", "evidence", "audit", "method")


def render_html(data: ReportData) -> str:
    """The whole report page: header, navigation and every section."""
    rub = data.rubric
    version = _say(data, "version", version=rub.version) if rub.version else ""
    header = _say(
        data,
        "header",
        name=_e(rub.name),
        id=_e(rub.id),
        version=_e(version),
        total=f"{rub.total:g}",
        files=len(data.page.files),
        units=data.ranked["unit"].n_unique(),
    )
    nav = "".join(f'<a href="#{k}">{_say(data, "nav_" + k)}</a>' for k in NAV)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_say(data, "html_lang")}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',  # no favicon request
        f"<title>{_e(data.title)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{_e(data.title)}</h1><p>{header}</p></header>",
        f"<nav>{nav}</nav><main>",
        _summary(data),
        _ranking(data),
        _heatmap(data),
        _radars(data),
        _gaps(data),
        _evidence(data),
        _audit(data),
        _method(data),
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(data: ReportData) -> str:
    r, page = data.ranked, data.page
    rub = data.rubric
    d = rub.decimals
    years = sorted(line.year for line in page.years if line.year is not None)
    cards = [
        (str(r["unit"].n_unique()), _say(data, "card_units")),
        (say("scoring.list", data.lang).join(map(str, years)) or "—", _say(data, "card_years")),
        (_num(r["total"].mean(), d), _say(data, "card_mean", total=f"{rub.total:g}")),
        (f"{page.missing_share * 100:.0f}%", _say(data, "card_missing")),
    ]
    if page.vetoed:
        cards.append((str(page.vetoed), _say(data, "card_vetoed")))
    html = [f'<section id="summary"><h2>{_say(data, "nav_summary")}</h2><div class="cards">']
    html += [f'<div class="card"><b>{_e(v)}</b><span>{_e(k)}</span></div>' for v, k in cards]
    html.append("</div>")
    html.append("<ul>" + "".join(f"<li>{_year_line(data, line)}</li>" for line in page.years) + "</ul>")
    html.append(f"<h3>{_say(data, 'totals')}</h3>")
    html.append(
        svg.bars(
            data.labels, r["total"].to_list(), rub.total, r["grade"].to_list(), rub.grade_names(), d, lang=data.lang
        )
    )
    if page.missing_share > 0.3:
        html.append(f'<p class="note">{_say(data, "missing_note", pct=f"{page.missing_share * 100:.0f}")}</p>')
    html.append("</section>")
    return "\n".join(html)


def _year_line(data: ReportData, line) -> str:
    """One year of the summary: units, mean, best and worst, units per grade."""
    d = data.rubric.decimals
    no_grade = _say(data, "no_grade")
    counts = say("scoring.join", data.lang).join(
        _say(data, "grade_count", grade=g or no_grade, n=n) for g, n in line.grades
    )
    year = _say(data, "year", year=line.year) if line.year is not None else _say(data, "no_year")
    text = _say(
        data,
        "year_line",
        year=year,
        units=line.units,
        mean=_num(line.mean, d),
        best=_e(line.best[0]),
        best_total=_num(line.best[1], d),
    )
    if line.units > 1:
        text += _say(data, "year_worst", worst=_e(line.worst[0]), worst_total=_num(line.worst[1], d))
    return text + _say(data, "year_grades", grades=_e(counts))


def _ranking(data: ReportData) -> str:
    rub = data.rubric
    d = rub.decimals
    names = rub.grade_names()
    yes = say("common.yes", data.lang)
    group = ("group",) if "group" in data.headers else ()
    keys = ("rank", "unit", "year", *group, "total", "percent", "grade", "vetoed", *data.parts)
    html = [
        f'<section id="ranking"><h2>{_say(data, "nav_ranking")}</h2>',
        f'<p class="note">{_say(data, "ranking_note")}</p>',
        *[f'<p class="note">{_e(note)}</p>' for note in data.notes],
        '<div class="scroll"><table class="ranking"><thead><tr>',
    ]
    html += [f"<th>{_e(data.headers[k])}</th>" for k in keys]
    for x in data.dims:
        head = _say(data, "dim_head", id=_e(x.id), name=_e(x.name), max=f"{x.max:g}")
        html.append(f'<th class="dim" title="{_e(x.name)}">{head}</th>')
    html.append("</tr></thead><tbody>")
    for row in data.ranked.iter_rows(named=True):
        cls = ' class="vetoed"' if row["vetoed"] else ""
        cells = [
            f'<td class="n">{_e(row["rank"])}</td>',
            f'<td class="u">{_e(row["unit"])}</td>',
            f'<td class="n">{_e(row["year"] or "")}</td>',
            *([f'<td class="u">{_e(row["group"] or "")}</td>'] if "group" in keys else []),
            f'<td class="n">{_num(row["total"], d)}</td>',
            f'<td class="n">{_num(row["percent"], 2)}%</td>',
            f"<td>{_grade(row['grade'], names)}</td>",
            f"<td>{yes if row['vetoed'] else ''}</td>",
            *[f'<td class="n">{_num(row[k], d)}</td>' for k in data.parts],
        ]
        for x in data.dims:
            pct = None if not x.max else (row[x.id] or 0) / x.max * 100
            cells.append(f'<td class="n" style="background:{svg.color(pct)}40">{_num(row[x.id], d)}</td>')
        html.append(f"<tr{cls}>" + "".join(cells) + "</tr>")
    html.append("</tbody></table></div></section>")
    return "\n".join(html)


def _heatmap(data: ReportData) -> str:
    rows = data.labels
    dims = [(x.id, x.name) for x in data.dims]
    n = len(dims)
    vals = data.dim_pct.select("score", "pct", "max").rows()
    cells = [list(vals[i * n : (i + 1) * n]) for i in range(len(rows))]
    return (
        f'<section id="heatmap"><h2>{_say(data, "heatmap_head")}</h2>'
        f'<p class="note">{_say(data, "heatmap_note")}</p>'
        f'<div class="scroll">{svg.heatmap(rows, dims, cells, 0, lang=data.lang)}</div></section>'
    )


def _radars(data: ReportData) -> str:
    axes = [(x.id, x.name) for x in data.dims]
    n = len(axes)
    vals = data.dim_pct.select("year", "pct").rows()
    figs = []
    for i, label in enumerate(data.labels):
        part = vals[i * n : (i + 1) * n]
        year = part[0][0] if part else None
        avg = data.page.average.get(year, {})
        chart = svg.radar(label, axes, [p for _, p in part], [avg.get(a) for a, _ in axes], lang=data.lang)
        figs.append(f"<figure>{chart}</figure>")
    names = say("scoring.then", data.lang).join(f"{_e(a)} {_e(b)}" for a, b in axes)
    legend = _say(data, "radar_legend", unit="<i></i>", average='<i class="avg"></i>', axes=names)
    return (
        f'<section id="radar"><h2>{_say(data, "radar_head")}</h2><p class="legend">{legend}</p>'
        f'<div class="radars">{"".join(figs)}</div></section>'
    )


def _gaps(data: ReportData) -> str:
    d = data.rubric.decimals
    top = _say(data, "gaps_top", top=data.page.top) if data.page.top else _say(data, "gaps_all")
    heads = "".join(f"<th>{h}</th>" for h in _say(data, "gaps_columns").split("|"))
    html = [
        f'<section id="gaps"><h2>{_say(data, "gaps_head", top=_e(top))}</h2>',
        f'<p class="note">{_say(data, "gaps_note")}</p>',
    ]
    parts = list(data.gaps.group_by(["unit", "year"], maintain_order=True))
    toc = "".join(
        f'<li><a href="#gaps-{k}">{_e(data.label(unit, year))}</a></li>' for k, ((unit, year), _) in enumerate(parts)
    )
    html.append(f'<ul class="toc">{toc}</ul>')
    for k, ((unit, year), part) in enumerate(parts):
        lost = _num(part["lost"].sum(), d)
        summary = _say(data, "gaps_unit", label=_e(data.label(unit, year)), n=part.height, lost=lost)
        html.append(f'<details id="gaps-{k}"><summary>{summary}</summary>')
        html.append(f'<div class="scroll"><table><thead><tr>{heads}</tr></thead><tbody>')
        for row in part.iter_rows(named=True):
            html.append(
                f'<tr><td>{_e(row["id"])}</td><td>{_e(row["name"])}</td><td class="n">{_num(row["lost"], d)}</td>'
                f'<td class="n">{_num(row["score"], d)} / {row["max"]:g}</td><td>{_e(row["value_shown"] or "")}</td>'
                f"<td>{_e(row['target_shown'] or '')}</td><td>{_e(row['reason'])}</td>"
                f'<td class="q">{_e(row["note"] or "")}</td></tr>'
            )
        html.append("</tbody></table></div></details>")
    html.append("</section>")
    return "\n".join(html)


def _evidence(data: ReportData) -> str:
    heads = "".join(f"<th>{h}</th>" for h in _say(data, "evidence_columns").split("|"))
    html = [
        f'<section id="evidence"><h2>{_say(data, "evidence_head")}</h2>',
        f'<p class="note">{_say(data, "evidence_note")}</p>',
    ]
    qual = {"lower_bound": _say(data, "lower_bound"), "approx": _say(data, "approx")}
    then = say("scoring.then", data.lang)
    for (unit, year), part in data.evidence.group_by(["unit", "year"], maintain_order=True):
        summary = _say(data, "evidence_unit", label=_e(data.label(unit, year)), n=part.height)
        html.append(f"<details><summary>{summary}</summary>")
        html.append(f'<div class="scroll"><table><thead><tr>{heads}</tr></thead><tbody>')
        for row in part.iter_rows(named=True):
            where = f"{row['file']}:{row['row']}" if row["row"] is not None else row["file"]
            src = f"{row['source']}{then}{where}" if row["source"] else where
            q = say("scoring.paren", data.lang, text=qual.get(row["qualifier"], row["qualifier"]))
            q = q if row["qualifier"] else ""
            html.append(
                f'<tr><td>{_e(row["fname"])}<br><span class="note">{_e(row["field"])}</span></td>'
                f'<td>{_e(row["value_shown"])}{_e(q)}</td><td class="q">{_e(row["evidence"] or "")}</td>'
                f"<td>{_e(src)}</td></tr>"
            )
        html.append("</tbody></table></div></details>")
    html.append("</section>")
    return "\n".join(html)


def _method(data: ReportData) -> str:
    rub = data.rubric
    version = _say(data, "version", version=rub.version) if rub.version else ""
    facts = dict(dims=len(data.dims), leaves=len(rub.leaves()), total=f"{rub.total:g}", decimals=rub.decimals)
    html = [
        f'<section id="method"><h2>{_say(data, "method_head")}</h2>',
        f"<p>{_say(data, 'method_rubric', name=_e(rub.name), id=_e(rub.id), version=_e(version), **facts)}</p>",
    ]
    if rub.note:
        html.append(f'<p class="note">{_e(rub.note.strip())}</p>')
    if rub.grades:
        grades = say("scoring.join", data.lang).join(
            _say(data, "method_grade", name=_e(g.name), min=f"{g.min_percent:g}") for g in rub.grades
        )
        html.append(f"<p>{_say(data, 'method_grades', grades=grades)}</p>")
    html.append(f"<p>{_say(data, 'method_rules')}</p>")
    if data.weights:
        heads = "".join(f"<th>{h}</th>" for h in _say(data, "weights_columns").split("|"))
        html.append(f'<h3>{_say(data, "weights_head")}</h3><div class="scroll"><table class="weights">')
        html.append(f"<thead><tr>{heads}</tr></thead><tbody>")
        for w in data.weights:
            html.append(
                f'<tr><td>{_e(w["id"])}</td><td>{_e(w["name"])}</td><td class="n">{_e(w["points"])}</td>'
                f'<td class="n">{_e(w["share"])}</td><td class="n">{w["items"]}</td></tr>'
            )
        html.append("</tbody></table></div>")
    html.append(_method_text(data))
    html.append(f'<h3>{_say(data, "rule_types")}</h3><ul class="method">')
    for r in data.rules:
        line = _say(data, "rule_line", text=_e(r["text"]), count=r["count"])
        example = _say(data, "rule_example", example=_e(r["example"]))
        html.append(f'<li>{line}<br><span class="note">{example}</span></li>')
    files = "".join(f"<li>{_e(f)}</li>" for f in data.page.files)
    html.append(f"</ul><h3>{_say(data, 'data_files')}</h3><ul>{files}</ul></section>")
    return "\n".join(html)


def _method_text(data: ReportData) -> str:
    """The rubric's own method text: how its points and weights were chosen and why (the reasoning
    travels with the rubric, so an official reading the report has it)."""
    html = []
    for title, blocks in data.method:
        html.append(f"<h3>{_e(title)}</h3>")
        for kind, texts in blocks:
            if kind == "ul":
                html.append('<ul class="method">' + "".join(f"<li>{_e(t)}</li>" for t in texts) + "</ul>")
            else:
                html.append(f"<p>{_e(texts[0])}</p>")
    return "\n".join(html)


AUDIT_FINDINGS = 12  # findings the report lists; the rest are in `audit`'s own output


def _audit(data: ReportData) -> str:
    """The audit of the indicators: its head line and first findings, then the heat map of the
    correlations of the items' scores (r from −1, red, to 1, green)."""
    a = data.page.audit
    if a is None:
        return ""
    s = a.summary()
    head = say("audit.head", data.lang, year=s["year"], units=s["units"], indicators=s["indicators"],
               redundant=s["redundant_pairs"], negative=s["negative_pairs"], weak=s["weak_children"],
               outliers=s["outliers"], zero=s["zero_variance"])  # fmt: skip
    found = [say(k, data.lang, **p) for k, p in a.findings[:AUDIT_FINDINGS]] or [say("audit.none", data.lang)]
    items = "".join(f"<li>{_e(x)}</li>" for x in found)
    names = {i: data.rubric.items[i].name for i in a.heat_ids}
    cells = [[(r, (r + 1) * 50, 1.0) if r == r else (None, None, 1.0) for r in row] for row in a.heat.tolist()]
    rows = [f"{i} {names[i]}" for i in a.heat_ids]
    title = say("audit.heatmap", data.lang)
    heat = svg.heatmap(rows, [(i, "") for i in a.heat_ids], cells, 2, lang=data.lang, label=title, cls="correlations")
    return (
        f'<section id="audit"><h2>{_say(data, "nav_audit")}</h2><p>{_e(head)}</p><ul>{items}</ul>'
        f'<h3>{_e(title)}</h3><div class="scroll">{heat}</div></section>'
    )
