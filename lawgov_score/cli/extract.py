"""`extract`: indicator values from annual report text, with the clause each was read from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import DebugOpt, FormatOpt, LangOpt, OutputOpt, RubricOpt, emit, guarded, resolve_format


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_cmd)


@guarded
def extract_cmd(
    reports: Annotated[
        list[Path], typer.Argument(help="法治政府建设年度报告（.txt .docx .pdf）或其所在目录", show_default=False)
    ],
    rubric: RubricOpt = None,
    evaluate: Annotated[
        Optional[Path],
        typer.Option(
            "--evaluate",
            help="标准答案：人工从这些报告读出的指标文件（须有 source 列写明报告文件名）；打印各指标的精确率和召回率",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="列出每一处读数，而不只是每个指标的第一处（结果不能直接用于评分）")
    ] = False,
    year: Annotated[
        Optional[int], typer.Option("--year", "-y", help="报告年度（代替从报告中认出的年度）", show_default=False)
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = "zh",
    debug: DebugOpt = False,
) -> int:
    """从年度报告中读出指标值，每个值附原文和位置；结果是指标文件，可直接用于 score / rank。"""
    from ..core.problems import ProblemError
    from ..extract import extract_reports, field_dictionary

    fmt = resolve_format(fmt, output)
    fields, report = field_dictionary(rubric)
    if fields is None:
        raise ProblemError(report)
    records, report = extract_reports(reports, fields, year=year, every=every and evaluate is None)
    if not report.ok:
        raise ProblemError(report)
    if report.problems:
        typer.echo(report.render(lang), err=True)
    if evaluate is not None:
        return _evaluate(evaluate, rubric, fields, records, reports, fmt, output, lang)
    emit(_records_text(records, fields, fmt, lang), output, fmt)
    return 0


def _records_text(records, fields, fmt: str, lang: str) -> str:
    import polars as pl

    from ..extract import COLUMNS, records_frame
    from ..output.columns import Column
    from ..output.render import render, to_json

    if fmt == "json":
        return to_json([{c: (_number(r.value) if c == "value" else getattr(r, c)) for c in COLUMNS} for r in records])
    frame = records_frame(records)
    if fmt == "csv":  # the columns of an indicator file, whatever the language
        frame = frame.with_columns(
            pl.col("value").map_elements(_number_text, return_dtype=pl.String), pl.col("qualifier").replace("", None)
        )
        return render(frame, [Column(c, c, c) for c in COLUMNS], "csv", lang)
    qualifier_zh = {"lower_bound": "下限", "approx": "约"}
    frame = frame.with_columns(
        pl.col("field").replace_strict({f: d.name for f, d in fields.items()}, default=None).alias("name"),
        (pl.col("qualifier").replace_strict(qualifier_zh, default="") if lang != "en" else pl.col("qualifier")).alias(
            "qualifier"
        ),
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
    if not records:
        return "(no values found)\n" if lang == "en" else "（未读出任何指标值）\n"
    return render(frame, cols, fmt, lang)


def _number(v: float):
    return int(v) if float(v).is_integer() else round(v, 6)


def _number_text(v: float) -> str:
    return str(_number(v))


def _evaluate(gold_path: Path, rubric_path, fields, records, reports, fmt, output, lang) -> int:
    import polars as pl

    from ..core.problems import ProblemError, Report, problem
    from ..data.read import read_indicators_report
    from ..extract.evaluate import evaluate
    from ..extract.sources import report_files
    from ..output.columns import Column
    from ..output.render import render, to_json
    from ..rubric.compiled import Rubric

    shell = Rubric(id="fields", name="fields", path=str(rubric_path or ""), items={}, roots=[], fields=fields, total=0)
    gold, report = read_indicators_report([gold_path], shell)
    if gold is None:
        raise ProblemError(report)
    if gold.values["source"].null_count() == gold.values.height:
        raise ProblemError(
            Report(
                [problem("E-EVAL-GOLD", str(gold_path), reason="标准答案没有 source 列：无法知道每个值出自哪份报告")]
            )
        )
    files, _ = report_files(reports)
    result = evaluate(records, gold.values, [p.stem for p in files])
    if not result.reports:
        raise ProblemError(
            Report(
                [
                    problem(
                        "E-EVAL-GOLD", str(gold_path), reason="标准答案中没有这些报告的记录（按 source 列的文件名对应）"
                    )
                ]
            )
        )
    if result.skipped:
        typer.echo(
            ("skipped, not in the gold: " if lang == "en" else "标准答案中没有、未参加评估的报告：")
            + "、".join(result.skipped),
            err=True,
        )

    names = {f: d.name for f, d in fields.items()}
    table = pl.concat([result.fields, pl.DataFrame([result.overall], schema=result.fields.schema)])
    table = table.with_columns(
        pl.col("field")
        .replace_strict(names | {"overall": "合计" if lang != "en" else "overall"}, default="")
        .alias("name")
    )
    cols = [
        Column("field", "指标", "field"),
        Column("name", "名称", "name"),
        Column("gold", "标准答案", "gold", "int"),
        Column("extracted", "读出", "extracted", "int"),
        Column("correct", "正确", "correct", "int"),
        Column("precision", "精确率", "precision", "ratio"),
        Column("recall", "召回率", "recall", "ratio"),
    ]
    if fmt == "json":
        payload = {
            "reports": result.reports,
            "skipped": result.skipped,
            "fields": result.fields.to_dicts(),
            "overall": result.overall,
            "differences": result.differences.to_dicts(),
        }
        emit(to_json(payload), output, fmt)
        return 0
    shown = table.with_columns(
        [pl.col(c).map_elements(lambda v: f"{v:.3f}", return_dtype=pl.String) for c in ("precision", "recall")]
    )
    cols = [Column(c.key, c.zh, c.en, "number" if c.kind == "ratio" else c.kind) for c in cols]
    if fmt == "csv":
        emit(render(table, [Column(c.key, c.key, c.key) for c in cols], "csv", lang), output, fmt)
        return 0
    text = render(
        shown,
        [Column(c.key, c.zh, c.en, "text" if c.key in ("precision", "recall") else c.kind) for c in cols],
        fmt,
        lang,
    )
    if result.differences.height:
        kinds = {"missed": "漏读", "wrong": "读错", "extra": "多读"} if lang != "en" else {}
        diffs = result.differences.with_columns(pl.col("kind").replace(kinds))
        dcols = [
            Column("kind", "差异", "kind"),
            Column("report", "报告", "report"),
            Column("field", "指标", "field"),
            Column("gold", "标准答案", "gold"),
            Column("extracted", "读出", "extracted"),
            Column("quote", "原文", "quote"),
        ]
        text += "\n" + render(diffs, dcols, fmt, lang)
    emit(text, output, fmt)
    return 0
