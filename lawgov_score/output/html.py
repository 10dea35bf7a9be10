"""The report as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched."""

from __future__ import annotations

import math
from html import escape

import polars as pl

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
.scroll { overflow-x: auto; }
.radars { display: flex; flex-wrap: wrap; gap: 8px; }
.radars figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 4px; }
.legend { color: var(--muted); font-size: 12.5px; }
.legend i { display: inline-block; width: 26px; height: 0; border-top: 2px solid var(--accent); vertical-align: middle; margin: 0 4px 0 10px; }
.legend i.avg { border-top: 2px dashed #7f7f7f; }
details { margin: 6px 0; border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
summary { cursor: pointer; font-weight: 600; }
.note { color: var(--muted); }
ul.method li { margin: 4px 0; }
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


def render_html(data: ReportData, title: str | None = None) -> str:
    rub = data.rubric
    title = title or f"{rub.name} 评估报告"
    version = f"，版本 {rub.version}" if rub.version else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',  # no favicon request
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{_e(title)}</h1><p>细则：{_e(rub.name)}（{_e(rub.id)}{_e(version)}），满分 {rub.total:g} 分"
        f"；数据：{len(data.files)} 个文件，{data.ranked['unit'].n_unique()} 个单位</p></header>",
        '<nav><a href="#summary">概况</a><a href="#ranking">排名</a><a href="#heatmap">热力图</a><a href="#radar">雷达图</a>'
        '<a href="#gaps">差距</a><a href="#evidence">数据与佐证</a><a href="#method">评分方法</a></nav><main>',
        _summary(data),
        _ranking(data),
        _heatmap(data),
        _radars(data),
        _gaps(data),
        _evidence(data),
        _method(data),
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(data: ReportData) -> str:
    r = data.ranked
    rub = data.rubric
    d = rub.decimals
    years = sorted(y for y in r["year"].unique().to_list() if y is not None)
    cards = [
        (str(r["unit"].n_unique()), "参评单位"),
        ("、".join(map(str, years)) or "—", "年度"),
        (_num(r["total"].mean(), d), f"平均总分（满分 {rub.total:g}）"),
        (f"{data.missing_share * 100:.0f}%", "评分项目缺数据的比例"),
    ]
    if r["vetoed"].any():
        cards.append((str(int(r["vetoed"].sum())), "被一票否决"))
    html = ['<section id="summary"><h2>概况</h2><div class="cards">']
    html += [f'<div class="card"><b>{_e(v)}</b><span>{_e(k)}</span></div>' for v, k in cards]
    html.append("</div>")
    lines = []
    for (year,), part in r.group_by("year", maintain_order=True):
        best, worst = part.row(0, named=True), part.row(part.height - 1, named=True)
        counts = part.group_by("grade", maintain_order=True).len()
        grades = "，".join(f"{g or '无等次'} {n} 个" for g, n in counts.iter_rows())
        y = f"{year} 年" if year is not None else "未注明年度"
        line = f"{y}：{part.height} 个单位，平均 {_num(part['total'].mean(), d)} 分；最高 {_e(best['unit'])} {_num(best['total'], d)} 分"
        if part.height > 1:
            line += f"，最低 {_e(worst['unit'])} {_num(worst['total'], d)} 分"
        lines.append(f"<li>{line}；等次：{_e(grades)}。</li>")
    html.append("<ul>" + "".join(lines) + "</ul>")
    html.append("<h3>总分</h3>")
    html.append(svg.bars(data.labels, r["total"].to_list(), rub.total, r["grade"].to_list(), rub.grade_names(), d))
    if data.missing_share > 0.3:
        html.append(
            f'<p class="note">注意：{data.missing_share * 100:.0f}% 的评分项目没有数据，按细则计 0 分；'
            "得分低多因缺数据而非工作不到位，补齐数据和佐证后再比较更有意义（见“差距”）。</p>"
        )
    html.append("</section>")
    return "\n".join(html)


def _ranking(data: ReportData) -> str:
    r = data.ranked
    rub = data.rubric
    d = rub.decimals
    names = rub.grade_names()
    head = ["排名", "单位", "年度", "总分", "得分率", "等次", "否决"] + [f"{x.id} {x.name}" for x in data.dims]
    html = [
        '<section id="ranking"><h2>排名</h2>',
        '<p class="note">每个年度单独排名；总分相同者名次并列。各一级指标列为该指标得分（括号内为满分）。</p>',
        '<div class="scroll"><table class="ranking"><thead><tr>',
    ]
    html += [f"<th>{_e(h)}</th>" for h in head[:7]]
    html += [f'<th class="dim" title="{_e(x.name)}">{_e(x.id)} {_e(x.name)}（{x.max:g}）</th>' for x in data.dims]
    html.append("</tr></thead><tbody>")
    for row in r.iter_rows(named=True):
        cls = ' class="vetoed"' if row["vetoed"] else ""
        cells = [
            f'<td class="n">{_e(row["rank"])}</td>',
            f'<td class="u">{_e(row["unit"])}</td>',
            f'<td class="n">{_e(row["year"] or "")}</td>',
            f'<td class="n">{_num(row["total"], d)}</td>',
            f'<td class="n">{_num(row["percent"], 2)}%</td>',
            f"<td>{_grade(row['grade'], names)}</td>",
            f"<td>{'是' if row['vetoed'] else ''}</td>",
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
    cells = []
    n = len(dims)
    vals = data.dim_pct.select("score", "pct", "max").rows()
    for i in range(len(rows)):
        cells.append([(s, p, m) for s, p, m in vals[i * n : (i + 1) * n]])
    return (
        '<section id="heatmap"><h2>热力图：各单位 × 一级指标</h2>'
        '<p class="note">格中数字为得分，颜色为得分率（得分 ÷ 该指标满分）：红低、黄中、绿高。</p>'
        f'<div class="scroll">{svg.heatmap(rows, dims, cells, 0)}</div></section>'
    )


def _radars(data: ReportData) -> str:
    axes = [(x.id, x.name) for x in data.dims]
    n = len(axes)
    vals = data.dim_pct.select("year", "pct").rows()
    figs = []
    for i, label in enumerate(data.labels):
        part = vals[i * n : (i + 1) * n]
        year = part[0][0] if part else None
        avg = data.average.get(year, {})
        figs.append(f"<figure>{svg.radar(label, axes, [p for _, p in part], [avg.get(a) for a, _ in axes])}</figure>")
    legend = (
        '<p class="legend">各一级指标的得分率（得分 ÷ 满分，外圈为 100%）：<i></i>本单位<i class="avg"></i>'
        "同年度参评单位平均。轴：" + "；".join(f"{_e(a)} {_e(b)}" for a, b in axes) + "。</p>"
    )
    return f'<section id="radar"><h2>雷达图：各单位的长处与短板</h2>{legend}<div class="radars">{"".join(figs)}</div></section>'


def _gaps(data: ReportData) -> str:
    g = data.gaps
    d = data.rubric.decimals
    top = f"失分最多的 {data.top} 项" if data.top else "全部失分项目"
    html = [
        f'<section id="gaps"><h2>差距：{_e(top)}</h2>',
        '<p class="note">“缺数据”的项目须补充数据和佐证材料；“满分所需”是得满分要达到的值。</p>',
    ]
    for (unit, year), part in g.group_by(["unit", "year"], maintain_order=True):
        label = data.label(unit, year)
        total_lost = part["lost"].sum()
        html.append(
            f"<details open><summary>{_e(label)}：列出 {part.height} 项，共失分 {_num(total_lost, d)}</summary>"
        )
        html.append(
            "<table><thead><tr><th>编号</th><th>项目</th><th>失分</th><th>得分/满分</th><th>现值</th><th>满分所需</th>"
            "<th>原因</th><th>应有佐证</th></tr></thead><tbody>"
        )
        for row in part.iter_rows(named=True):
            html.append(
                f'<tr><td>{_e(row["id"])}</td><td>{_e(row["name"])}</td><td class="n">{_num(row["lost"], d)}</td>'
                f'<td class="n">{_num(row["score"], d)} / {row["max"]:g}</td><td>{_e(row["value_shown"] or "")}</td>'
                f'<td>{_e(row["target_shown"] or "")}</td><td>{_e(row["reason"])}</td><td class="q">{_e(row["note"] or "")}</td></tr>'
            )
        html.append("</tbody></table></details>")
    html.append("</section>")
    return "\n".join(html)


def _evidence(data: ReportData) -> str:
    ev = data.evidence
    html = [
        '<section id="evidence"><h2>数据与佐证</h2>',
        '<p class="note">评分所用的每个数值、原文佐证和出处（文件:行）。“下限”表示原文为“××余/多/以上”，按下限计。</p>',
    ]
    qual = {"lower_bound": "下限", "approx": "约数"}
    for (unit, year), part in ev.group_by(["unit", "year"], maintain_order=True):
        html.append(f"<details><summary>{_e(data.label(unit, year))}：{part.height} 个数值</summary>")
        html.append(
            "<table><thead><tr><th>指标</th><th>数值</th><th>佐证（原文）</th><th>出处</th></tr></thead><tbody>"
        )
        for row in part.iter_rows(named=True):
            where = f"{row['file']}:{row['row']}" if row["row"] is not None else row["file"]
            src = f"{row['source']}；{where}" if row["source"] else where
            q = f"（{qual.get(row['qualifier'], row['qualifier'])}）" if row["qualifier"] else ""
            html.append(
                f'<tr><td>{_e(row["fname"])}<br><span class="note">{_e(row["field"])}</span></td>'
                f'<td>{_e(row["value_shown"])}{_e(q)}</td><td class="q">{_e(row["evidence"] or "")}</td><td>{_e(src)}</td></tr>'
            )
        html.append("</tbody></table></details>")
    html.append("</section>")
    return "\n".join(html)


def _method(data: ReportData) -> str:
    rub = data.rubric
    version = f"，版本 {rub.version}" if rub.version else ""
    html = [
        '<section id="method"><h2>评分方法</h2>',
        f"<p>细则：<b>{_e(rub.name)}</b>（{_e(rub.id)}{_e(version)}），一级指标 {len(data.dims)} 个，"
        f"末级评分项目 {len(rub.leaves())} 个，满分 {rub.total:g} 分，得分保留 {rub.decimals} 位小数。</p>",
    ]
    if rub.note:
        html.append(f'<p class="note">{_e(rub.note.strip())}</p>')
    if rub.grades:
        html.append(
            "<p>等次：" + "，".join(f"{_e(g.name)}：得分率 ≥ {g.min_percent:g}%" for g in rub.grades) + "。</p>"
        )
    html.append(
        "<p>各项得分按细则的评分规则由数值算出；上级指标为下级得分之和（不超过本级满分）。"
        "没有数据的项目按细则计分（通常为 0 分）并标为“缺数据”。</p>"
    )
    html.append('<h3>各类评分规则</h3><ul class="method">')
    for r in data.rules:
        html.append(
            f'<li><b>{_e(r["text"])}</b>（{r["count"]} 项）<br><span class="note">例：{_e(r["example"])}</span></li>'
        )
    html.append("</ul><h3>数据文件</h3><ul>" + "".join(f"<li>{_e(f)}</li>" for f in data.files) + "</ul></section>")
    return "\n".join(html)


def ranked_frame(result, year: int | None, pool: bool) -> pl.DataFrame:
    from ..engine.rank import rank

    table = rank(result, pool=pool)
    if year is not None:
        table = table.filter(pl.col("year") == year)
    return table
