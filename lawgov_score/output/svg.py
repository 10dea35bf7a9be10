"""The report's charts as inline SVG: nothing to fetch, text drawn by the reader's own fonts.

Each function returns one ``<svg>`` element as text; every label and value is escaped.
"""

from __future__ import annotations

import math
from html import escape

from wcwidth import wcswidth

from ..core.messages import say

FONT = (
    "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','Hiragino Sans GB',"
    "'WenQuanYi Micro Hei','SimHei',sans-serif"
)
STOPS = [(0.0, (248, 105, 107)), (50.0, (255, 235, 132)), (100.0, (99, 190, 123))]  # red, yellow, green


def color(pct: float | None) -> str:
    """Red (0 %) through yellow (50 %) to green (100 %); grey for no value."""
    if pct is None or (isinstance(pct, float) and math.isnan(pct)):
        return "#e0e0e0"
    p = max(0.0, min(100.0, pct))
    for (a, ca), (b, cb) in zip(STOPS, STOPS[1:]):
        if p <= b:
            t = (p - a) / (b - a)
            return "#%02x%02x%02x" % tuple(round(x + (y - x) * t) for x, y in zip(ca, cb))
    return "#%02x%02x%02x" % STOPS[-1][1]


def _w(text: str, size: float) -> float:
    """Approximate width in pixels: CJK characters are about one em, others half."""
    return max(wcswidth(text), len(text)) * size * 0.55


def _e(text) -> str:
    return escape(str(text), quote=True)


def _svg(width: float, height: float, body: list[str], label: str, cls: str) -> str:
    return (
        f'<svg class="{cls}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{_e(label)}" font-family="{_e(FONT)}">'
        + "".join(body)
        + "</svg>"
    )


def heatmap(
    rows: list[str],
    dims: list[tuple[str, str]],
    cells: list[list[tuple[float | None, float | None, float]]],
    decimals: int = 0,
    lang: str = "zh",
    label: str | None = None,
    cls: str = "heatmap",
) -> str:
    """Units (rows) × dimensions (columns); a cell is (score, pct, max), coloured by pct.
    ``label`` and ``cls``: another heat map's accessible name and class (the audit's)."""
    size, cw, ch = 13, 58, 28
    left = max([_w(r, size) for r in rows] + [40]) + 12
    names = [f"{i} {n}" for i, n in dims]
    top = max([_w(n, size) for n in names] + [40]) * math.sin(math.radians(40)) + 20
    width = (
        left + cw * len(dims) + max(_w(names[-1], size) * math.cos(math.radians(40)) - cw / 2, 0) + 20
        if dims
        else left + 20
    )
    height = top + ch * len(rows) + 10
    no_data = say("scoring.report.no_data", lang)
    body = []
    for j, name in enumerate(names):
        x = left + cw * j + cw / 2
        body.append(
            f'<text x="{x:.1f}" y="{top - 6:.1f}" font-size="{size}" transform="rotate(-40 {x:.1f} {top - 6:.1f})">'
            f"<title>{_e(name)}</title>{_e(name)}</text>"
        )
    for i, row in enumerate(rows):
        y = top + ch * i
        body.append(
            f'<text x="{left - 8:.1f}" y="{y + ch / 2 + 4:.1f}" font-size="{size}" text-anchor="end">{_e(row)}</text>'
        )
        for j, (score, pct, mx) in enumerate(cells[i]):
            x = left + cw * j
            tip = f"{row} · {names[j]}" + say("scoring.colon", lang)
            if score is None:
                tip += no_data
            else:
                tip += f"{score:.{decimals}f} / {mx:g}" + say("scoring.paren", lang, text=f"{pct:.0f}%")
            body.append(
                f'<g class="cell"><title>{_e(tip)}</title><rect x="{x:.1f}" y="{y:.1f}" '
                f'width="{cw - 2}" height="{ch - 2}" fill="{color(pct)}" rx="2"/>'
            )
            if score is not None:
                body.append(
                    f'<text x="{x + (cw - 2) / 2:.1f}" y="{y + ch / 2 + 3:.1f}" font-size="12" text-anchor="middle" '
                    f'fill="#1a1a1a">{_e(f"{score:.{decimals}f}")}</text>'
                )
            body.append("</g>")
    return _svg(width, height, body, label or say("scoring.report.heatmap_label", lang), cls)


def radar(
    title: str,
    axes: list[tuple[str, str]],
    values: list[float | None],
    average: list[float | None] | None = None,
    size: int = 300,
    lang: str = "zh",
) -> str:
    """One unit's percent of each dimension's maximum (0–100), with the average dashed."""
    pad = 56  # room for the axis labels left and right
    cx, cy = size / 2 + pad, size / 2
    r = size / 2 - 48
    n = len(axes)
    body = [f'<text x="{cx}" y="16" font-size="14" font-weight="bold" text-anchor="middle">{_e(title)}</text>']

    def point(k: int, pct: float) -> tuple[float, float]:
        a = -math.pi / 2 + 2 * math.pi * k / n
        return cx + r * pct / 100 * math.cos(a), cy + 8 + r * pct / 100 * math.sin(a)

    for ring in (25, 50, 75, 100):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(k, ring) for k in range(n)))
        body.append(f'<polygon points="{pts}" fill="none" stroke="#d0d0d0" stroke-width="1"/>')
    for k, (ident, name) in enumerate(axes):
        x, y = point(k, 100)
        body.append(f'<line x1="{cx}" y1="{cy + 8}" x2="{x:.1f}" y2="{y:.1f}" stroke="#d0d0d0"/>')
        lx, ly = point(k, 116)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        short = name if len(name) <= 6 else name[:5] + "…"
        body.append(
            f'<text x="{lx:.1f}" y="{ly + 4:.1f}" font-size="10.5" text-anchor="{anchor}" fill="#404040">'
            f"<title>{_e(ident + ' ' + name)}</title>{_e(short)}</text>"
        )
    if average:
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(k, v or 0) for k, v in enumerate(average)))
        body.append(
            f'<polygon class="average" points="{pts}" fill="none" stroke="#7f7f7f" stroke-width="1.5" '
            'stroke-dasharray="4 3"/>'
        )
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(k, v or 0) for k, v in enumerate(values)))
    body.append(
        f'<polygon class="unit" points="{pts}" fill="rgba(46,117,182,0.25)" stroke="#2e75b6" stroke-width="2"/>'
    )
    for k, v in enumerate(values):
        x, y = point(k, v or 0)
        tip = f"{axes[k][0]} {axes[k][1]}" + say("scoring.colon", lang)
        tip += say("scoring.report.no_data", lang) if v is None else f"{v:.0f}%"
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#2e75b6"><title>{_e(tip)}</title></circle>')
    return _svg(size + 2 * pad, size + 10, body, say("scoring.report.radar_label", lang, title=title), "radar")


def bars(
    rows: list[str],
    totals: list[float],
    maximum: float,
    grades: list[str | None],
    grade_names: list[str],
    decimals: int = 2,
    lang: str = "zh",
) -> str:
    """Totals as horizontal bars, coloured by grade (best grade green)."""
    size, bh = 12, 22
    left = max([_w(r, size) for r in rows] + [40]) + 12
    plot = 520
    width = left + plot + 150
    height = bh * len(rows) + 30
    body = []
    for i, (row, total, grade) in enumerate(zip(rows, totals, grades)):
        y = 8 + bh * i
        k = grade_names.index(grade) if grade in grade_names else None
        pct = 100.0 if k is None or len(grade_names) <= 1 else 100.0 * (1 - k / (len(grade_names) - 1))
        w = 0 if maximum <= 0 else plot * max(0.0, min(total, maximum)) / maximum
        label = f"{total:.{decimals}f}" + (f"  {grade}" if grade else "")
        body.append(
            f'<text x="{left - 8:.1f}" y="{y + bh / 2 + 3:.1f}" font-size="{size}" text-anchor="end">{_e(row)}</text>'
            f'<rect class="bar" x="{left}" y="{y + 2}" width="{w:.1f}" height="{bh - 6}" fill="{color(pct)}">'
            f"<title>{_e(row + say('scoring.colon', lang) + label)}</title></rect>"
            f'<text x="{left + w + 6:.1f}" y="{y + bh / 2 + 3:.1f}" font-size="11">{_e(label)}</text>'
        )
    body.append(f'<line x1="{left}" y1="4" x2="{left}" y2="{height - 20}" stroke="#808080"/>')
    body.append(
        f'<text x="{left + plot:.1f}" y="{height - 6}" font-size="10" text-anchor="end" fill="#606060">'
        f"{_e(say('scoring.report.bars_max', lang, max=f'{maximum:g}'))}</text>"
    )
    return _svg(width, height, body, say("scoring.report.bars_label", lang), "bars")
