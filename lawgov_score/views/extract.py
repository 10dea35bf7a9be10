"""The extract views: the values read from reports (an indicator file), the evaluation against a
gold file, and the lines `synth` says about the file it wrote."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import polars as pl

from ..core.messages import say, words
from ..extract import COLUMNS, records_frame
from ..extract.results import Extraction, ExtractionCheck, number
from ..output.columns import Column
from ..output.render import render
from ..output.view import LaidOutOnDemand, Table, View
from ..output.xlsx import Sheet


def extract_view(ex: Extraction, lang: str = "zh", explain: bool = False) -> View:
    """``extract``: CSV is an indicator file (its columns whatever the language); a table and
    markdown add the field names and put the qualifiers in words; JSON is ``ex.records()``;
    xlsx is the review sheet (``review_sheet``).  ``explain`` adds why each value was taken."""
    frame = records_frame(ex.found)
    why = [why_text(r.why, lang) for r in ex.found]
    indicator_file = frame.with_columns(
        pl.col("value").map_elements(lambda v: str(number(v)), return_dtype=pl.String),
        pl.col("qualifier").replace("", None),
    )
    csv_cols = [Column(c, c, c) for c in COLUMNS]
    document = ex.records(lang)
    if explain:
        indicator_file = indicator_file.with_columns(pl.Series("why", why, dtype=pl.String))
        csv_cols.append(Column("why", "why", "why"))
        document = [d | {"why": w} for d, w in zip(document, why)]
    return View(
        tables=[Table(indicator_file, csv_cols)],
        document=document,
        text=_found_text(ex, frame, lang, why if explain else None),
        sheets=[review_sheet(ex, lang)],
        lang=lang,
    )


def why_text(why: tuple, lang: str) -> str:
    """A record's reasons in words, joined."""
    return say("extract.why_join", lang).join(say(key, lang, **params) for key, params in why)


def _found_text(ex: Extraction, frame: pl.DataFrame, lang: str, why: list[str] | None) -> Mapping[str, str]:
    if not ex.found:
        return dict.fromkeys(("table", "markdown"), say("extract.none", lang) + "\n")
    if why is not None:
        frame = frame.with_columns(pl.Series("why", why, dtype=pl.String))
    frame = frame.with_columns(pl.Series("location", [location(r, lang) for r in ex.found], dtype=pl.String))
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
        Column("location", "位置", "location"),
    ]
    if why is not None:
        cols.append(Column("why", "读取依据", "why"))
    return LaidOutOnDemand(("table", "markdown"), lambda fmt: render(shown, cols, fmt, lang))


# The review sheet: what a person checks, and the 确认 column they fill in (data.reviewed reads it back).
REVIEW_COLUMNS = [
    Column("source", "来源文件", "source"),
    Column("unit", "单位", "unit"),
    Column("year", "年度", "year", "int"),
    Column("field", "指标", "field"),
    Column("name", "中文名", "name"),
    Column("value", "数值", "value"),
    Column("measure", "计量单位", "measure"),
    Column("marked", "原文", "quote"),
    Column("sentence", "上下文", "sentence"),
    Column("confidence", "置信度", "confidence", "text"),
    Column("why", "读取依据", "why"),
    Column("location", "位置", "location"),
    Column("confirmed", "确认", "confirmed"),
]


def review_sheet(ex: Extraction, lang: str = "zh") -> Sheet:
    """``extract -o 核对表.xlsx``: one row per value (the field's name, the value as an indicator
    file writes it, its counting word, the quote with the number marked, the whole sentence, a
    confidence, why it was taken, where it stands) and an empty 确认 column: 是, 否 or the
    corrected value.  ``score`` and ``rank`` read the sheet back and use only the rows confirmed
    or corrected (``data.reviewed``)."""
    rows = []
    for r in ex.found:
        f = ex.fields.get(r.field)
        rows.append(
            {
                "source": r.source,
                "unit": r.unit,
                "year": r.year,
                "field": r.field,
                "name": f.name if f else "",
                "value": value_text(r.value, r.qualifier, f.type if f else ""),
                "measure": (f.unit or "") if f else "",
                "marked": r.marked or r.quote,
                "sentence": r.sentence,
                "confidence": f"{r.confidence:.2f}",
                "why": why_text(r.why, lang),
                "location": say("extract.page_offset", lang, page=r.page, offset=r.offset) if r.page else str(r.offset),
                "confirmed": None,
            }
        )
    schema = {c.key: (pl.Int32 if c.key == "year" else pl.String) for c in REVIEW_COLUMNS}
    frame = pl.DataFrame(rows, schema=schema)
    title = [say("extract.review_title", lang), say("extract.review_how", lang)]
    return Sheet(say("extract.review_sheet", lang), frame, REVIEW_COLUMNS, title=title, freeze_cols=5, lang=lang)


def location(r, lang: str) -> str:
    """Where a value stands: its character offset in the report, after its page in a PDF."""
    return say("extract.page_offset", lang, page=r.page, offset=r.offset) if r.page else str(r.offset)


def value_text(value: float, qualifier: str, ftype: str) -> str:
    """A value as an indicator file writes it: 1100余 (a lower bound), 约300, 98%以上."""
    text = str(number(value))
    pct = "%" if ftype == "percent" and qualifier else ""
    if qualifier == "lower_bound":
        return f"{text}{pct}以上" if pct else f"{text}余"
    if qualifier == "approx":
        return f"约{text}{pct}"
    return text


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
