"""The report's charts as PNG images (``report --png DIR``), drawn with matplotlib.

Chinese needs a font that has the characters.  ``find_cjk_font`` looks, in order, at the file
named by ``LAWGOV_CJK_FONT``, the well-known Chinese fonts of Windows, macOS and Linux that
matplotlib finds on the system, and then any installed font that covers every character the
charts draw.  When none does, ``FontMissing`` says so in one line: no chart with boxes for
characters is ever written.
"""

from __future__ import annotations

import io
import math
import os
import re
from pathlib import Path

from ..core.messages import say
from .page import ReportData
from .text import unique_name

KNOWN = [
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Source Han Sans",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "SimSun",
    "Noto Serif CJK SC",
]


class FontMissing(Exception):
    """No installed font draws the charts' Chinese; the message says how to get one, in the
    report's language."""


def _covers(path: str, text: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        cmap = FT2Font(path).get_charmap()
    except Exception:
        return False
    return all(ord(ch) in cmap for ch in set(text) if not ch.isspace())


def find_cjk_font(text: str, lang: str = "zh") -> str:
    """The path of a font that draws every character of ``text``; ``FontMissing`` when none does."""
    env = os.environ.get("LAWGOV_CJK_FONT")
    if env:
        if Path(env).is_file() and _covers(env, text):
            return env
        raise FontMissing(say("scoring.report.font_file", lang, path=env))
    from matplotlib import font_manager

    fonts = font_manager.fontManager.ttflist
    rank = {name: i for i, name in enumerate(KNOWN)}
    known = sorted((f for f in fonts if f.name in rank), key=lambda f: (rank[f.name], f.weight != 400, f.fname))
    for f in known:
        if _covers(f.fname, text):
            return f.fname
    for f in sorted(fonts, key=lambda f: f.fname):
        # "Last Resort" fonts map every character to a placeholder box: exactly what must not be drawn
        if f.name not in rank and "lastresort" not in f.name.replace(" ", "").lower() and _covers(f.fname, text):
            return f.fname
    raise FontMissing(say("scoring.report.font_missing", lang))


def _say(data: ReportData, key: str, **params) -> str:
    return say(f"scoring.report.{key}", data.lang, **params)


def _text_of(data: ReportData) -> str:
    """Every character the charts draw: names, labels and the charts' own words."""
    parts = [
        *data.labels,
        *(d.name for d in data.dims),
        *(d.id for d in data.dims),
        *(g or "" for g in data.ranked["grade"]),
        *(_say(data, k) for k in ("chart_totals_axis", "chart_heatmap_axis", "chart_average", "chart_unit")),
        _say(data, "chart_totals_title", name=data.rubric.name),
        _say(data, "chart_radar_title"),
        "…%0123456789.",
    ]
    return "".join(parts)


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+', "_", name).strip("._")[:60] or "unit"


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3`` … where two units' names make the same file name (甲/乙县
    and 甲:乙县; A县 and a县, one file on Windows and macOS): one chart never overwrites another."""
    return unique_name(name, taken, lambda n: f"{name}-{n}")


def charts(data: ReportData) -> dict[str, bytes]:
    """File name → PNG bytes: totals.png, heatmap.png and radar-<单位>[-<年度>].png per unit."""
    font = find_cjk_font(_text_of(data), data.lang)
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    font_manager.fontManager.addfont(font)
    family = font_manager.FontProperties(fname=font).get_name()
    out: dict[str, bytes] = {}
    with matplotlib.rc_context(
        {"font.family": [family], "axes.unicode_minus": False, "svg.hashsalt": "lawgov", "path.simplify": True}
    ):
        out["totals.png"] = _save(plt, _totals(plt, data))
        out["heatmap.png"] = _save(plt, _heatmap(plt, data))
        n = len(data.dims)
        pcts = data.dim_pct["pct"].to_list()
        years = data.dim_pct["year"].to_list()
        taken: set[str] = set()
        for i, label in enumerate(data.labels):
            vals = pcts[i * n : (i + 1) * n]
            avg = data.page.average.get(years[i * n] if n else None, {})
            out[_unique(f"radar-{_safe(label)}", taken) + ".png"] = _save(
                plt, _radar(plt, data, label, vals, [avg.get(d.id) for d in data.dims])
            )
    return out


def _save(plt, fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _rgb(pct):
    from .svg import color

    c = color(pct)
    return tuple(int(c[k : k + 2], 16) / 255 for k in (1, 3, 5))


def _totals(plt, data: ReportData):
    r = data.ranked
    names = data.rubric.grade_names()
    labels, totals, grades = data.labels, r["total"].to_list(), r["grade"].to_list()
    fig, ax = plt.subplots(figsize=(8, 0.42 * len(labels) + 1.2))
    colors = []
    for g in grades:
        k = names.index(g) if g in names else None
        colors.append(_rgb(100.0 if k is None or len(names) <= 1 else 100.0 * (1 - k / (len(names) - 1))))
    y = list(range(len(labels)))
    ax.barh(y, totals, color=colors)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, data.rubric.total * 1.15)
    d = data.rubric.decimals
    for yi, t, g in zip(y, totals, grades):
        ax.text(t + data.rubric.total * 0.01, yi, f"{t:.{d}f} {g or ''}", va="center", fontsize=9)
    ax.set_xlabel(_say(data, "chart_totals_axis", total=f"{data.rubric.total:g}"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(_say(data, "chart_totals_title", name=data.rubric.name))
    return fig


def _heatmap(plt, data: ReportData):
    n = len(data.dims)
    rows = data.labels
    pct = data.dim_pct["pct"].to_list()
    score = data.dim_pct["score"].to_list()
    fig, ax = plt.subplots(figsize=(1.0 + 0.75 * n + 1.6, 1.6 + 0.38 * len(rows)))
    for i in range(len(rows)):
        for j in range(n):
            p, s = pct[i * n + j], score[i * n + j]
            ax.add_patch(plt.Rectangle((j, i), 0.96, 0.92, color=_rgb(p)))
            if s is not None and not (isinstance(s, float) and math.isnan(s)):
                ax.text(j + 0.48, i + 0.5, f"{s:.0f}", ha="center", va="center", fontsize=8)
    ax.set_xlim(0, n)
    ax.set_ylim(len(rows), 0)
    ax.set_xticks(
        [j + 0.48 for j in range(n)], [f"{d.id} {d.name}" for d in data.dims], rotation=40, ha="left", fontsize=8
    )
    ax.xaxis.tick_top()
    ax.set_yticks([i + 0.46 for i in range(len(rows))], rows, fontsize=9)
    ax.tick_params(length=0)
    for s in ax.spines.values():
        s.set_visible(False)
    ax.set_xlabel(_say(data, "chart_heatmap_axis"), fontsize=9)
    return fig


def _radar(plt, data: ReportData, label: str, values, average):
    n = len(data.dims)
    angles = [2 * math.pi * k / n for k in range(n)]
    fig = plt.figure(figsize=(5.2, 5.2))
    ax = fig.add_subplot(projection="polar")
    ax.set_theta_offset(math.pi / 2)  # the first dimension at the top, then clockwise
    ax.set_theta_direction(-1)

    def closed(xs):
        return list(xs) + [xs[0]]

    v = [x or 0 for x in values]
    a = [x or 0 for x in average]
    ax.plot(
        closed(angles), closed(a), linestyle="--", color="#7f7f7f", linewidth=1.2, label=_say(data, "chart_average")
    )
    ax.plot(closed(angles), closed(v), color="#2e75b6", linewidth=2, label=_say(data, "chart_unit"))
    ax.fill(closed(angles), closed(v), color="#2e75b6", alpha=0.25)
    ax.set_xticks(angles, [d.name if len(d.name) <= 7 else d.name[:6] + "…" for d in data.dims], fontsize=8)
    ax.set_ylim(0, 100)
    ax.set_yticks([25, 50, 75, 100], ["25%", "50%", "75%", "100%"], fontsize=7, color="#808080")
    ax.set_title(_say(data, "chart_radar_title", label=label), pad=18)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8, frameon=False)
    return fig
