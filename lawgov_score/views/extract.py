"""The extract views: the values read from reports (an indicator file), the evaluation against a
gold file, and the lines `synth` says about the file it wrote."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ..core.messages import say, words
from ..extract import COLUMNS, records_frame
from ..extract.results import Extraction, ExtractionCheck, number
from ..output.columns import Column
from ..output.render import render
from ..output.view import Table, View


def extract_view(ex: Extraction, lang: str = "zh") -> View:
    """``extract``: CSV is an indicator file (its columns whatever the language); a table and
    markdown add the field names and put the qualifiers in words; JSON is ``ex.records()``."""
    frame = records_frame(ex.found)
    indicator_file = frame.with_columns(
        pl.col("value").map_elements(lambda v: str(number(v)), return_dtype=pl.String),
        pl.col("qualifier").replace("", None),
    )
    csv = Table(indicator_file, [Column(c, c, c) for c in COLUMNS])
    return View(tables=[csv], document=ex.records(lang), text=_found_text(ex, frame, lang), lang=lang)


def _found_text(ex: Extraction, frame: pl.DataFrame, lang: str) -> dict[str, str]:
    if not ex.found:
        return dict.fromkeys(("table", "markdown"), say("extract.none", lang) + "\n")
    shown = frame.with_columns(
        pl.col("field").replace_strict({f: d.name for f, d in ex.fields.items()}, default=None).alias("name"),
        pl.col("qualifier").replace_strict(words("extract.qualifier", lang), default="").alias("qualifier"),
    )
    cols = [
        Column("source", "报告", "report"),
        Column("unit", "单位", "unit"),
        Column("year", "年度", "year", "int"),
        Column("field", "指标", "field"),
        Column("name", "名称", "name"),
        Column("value", "数值", "value", "number"),
        Column("qualifier", "限定", "qualifier"),
        Column("quote", "原文", "quote"),
        Column("offset", "位置", "offset", "int"),
    ]
    return {fmt: render(shown, cols, fmt, lang) for fmt in ("table", "markdown")}


_SCORES = [
    Column("field", "指标", "field"),
    Column("name", "名称", "name"),
    Column("gold", "标准答案", "gold", "int"),
    Column("extracted", "读出", "extracted", "int"),
    Column("correct", "正确", "correct", "int"),
    Column("precision", "精确率", "precision", "text"),
    Column("recall", "召回率", "recall", "text"),
]
_DIFFERENCES = [
    Column("kind", "差异", "kind"),
    Column("report", "报告", "report"),
    Column("field", "指标", "field"),
    Column("gold", "标准答案", "gold"),
    Column("extracted", "读出", "extracted"),
    Column("quote", "原文", "quote"),
]


def evaluation_view(check: ExtractionCheck, lang: str = "zh") -> View:
    """``extract --evaluate``: precision and recall per field and overall, then every difference
    from the gold (CSV: the scores alone, keys as headers; JSON: ``check.records()``)."""
    e = check.evaluation
    names = {f: d.name for f, d in check.fields.items()} | {"overall": say("extract.overall", lang)}
    scores = pl.concat([e.fields, pl.DataFrame([e.overall], schema=e.fields.schema)])
    scores = scores.with_columns(pl.col("field").replace_strict(names, default="").alias("name"))
    shown = scores.with_columns(
        [pl.col(c).map_elements(lambda v: f"{v:.3f}", return_dtype=pl.String) for c in ("precision", "recall")]
    )
    diffs = e.differences.with_columns(pl.col("kind").replace(words("extract.kind", lang)))
    text = {}
    for fmt in ("table", "markdown"):
        text[fmt] = render(shown, _SCORES, fmt, lang)
        if diffs.height:
            text[fmt] += "\n" + render(diffs, _DIFFERENCES, fmt, lang)
    csv = Table(scores, [Column(c.key, c.key, c.key) for c in _SCORES])
    return View(tables=[csv], document=check.records(lang), text=text, lang=lang)


def evaluation_notes(check: ExtractionCheck, lang: str = "zh") -> list[str]:
    """The reports given that the gold has no rows for (for stderr)."""
    skipped = check.evaluation.skipped
    return [say("extract.skipped", lang, reports=say("extract.join", lang).join(skipped))] if skipped else []


def synth_notes(path: Path, frame: pl.DataFrame, units: int, years: int, last_year: int, seed: int, lang: str):
    """What `synth` wrote (for stderr), and a reminder when the file name does not say synthetic."""
    first = last_year - years + 1
    params = {"units": units, "years": years, "first": first, "last": last_year, "values": frame.height}
    lines = [say("synth.wrote", lang, path=path, seed=seed, **params)]
    if "synthetic" not in Path(path).name.lower():
        lines.append(say("synth.unlabelled", lang))
    return lines
