"""The audit view: plain-language findings first, then the indicators, the correlations and the structure."""

from __future__ import annotations

from ..core.messages import say
from ..output.columns import Column, records
from ..output.view import Table, View
from ..output.xlsx import Sheet

INDICATOR_COLUMNS = [
    Column("id", "编号", "id"),
    Column("name", "指标", "indicator"),
    Column("field", "字段", "field"),
    Column("n", "有效数", "n", "int"),
    Column("missing", "缺失比例", "missing", "number"),
    Column("mean", "均值", "mean", "number"),
    Column("sd", "标准差", "sd", "number"),
    Column("min", "最小值", "min", "number"),
    Column("max", "最大值", "max", "number"),
    Column("skew", "偏度", "skew", "number"),
    Column("kurtosis", "峰度", "kurtosis", "number"),
    Column("outlier", "异常分布", "outlier", "bool"),
    Column("two_valued", "两值（不查异常）", "two-valued (not checked)", "bool"),
    Column("zero_variance", "无差异", "zero variance", "bool"),
    Column("full_share", "满分比例", "at full points", "number"),
]
CORRELATION_COLUMNS = [
    Column("parent", "上级", "parent"),
    Column("a", "指标甲", "a"),
    Column("b", "指标乙", "b"),
    Column("pearson", "Pearson r", "Pearson r", "number"),
    Column("spearman", "Spearman ρ", "Spearman ρ", "number"),
    Column("redundant", "高度相关", "redundant", "bool"),
    Column("negative", "负相关", "negative", "bool"),
]
NODE_COLUMNS = [
    Column("id", "编号", "id"),
    Column("name", "项目", "item"),
    Column("level", "级别", "level", "int"),
    Column("parent", "上级", "parent"),
    Column("children", "下级数", "children", "int"),
    Column("alpha", "Cronbach α", "Cronbach α", "number"),
    Column("pc1_share", "第一主成分占比", "PC1 share", "number"),
    Column("corr_with_parent", "与上级相关", "r with parent", "number"),
    Column("corr_with_total", "与总分相关", "r with total", "number"),
    Column("weak", "与上级弱相关", "weak", "bool"),
]


def audit_lines(audit, lang: str = "zh") -> list[str]:
    """The head line and every finding, in words (the most serious first)."""
    s = audit.summary()
    head = say(
        "audit.head",
        lang,
        year=s["year"],
        units=s["units"],
        indicators=s["indicators"],
        redundant=s["redundant_pairs"],
        negative=s["negative_pairs"],
        weak=s["weak_children"],
        outliers=s["outliers"],
        two_valued=say("audit.two_valued", lang, n=s["two_valued"]) if s["two_valued"] else "",
        zero=s["zero_variance"],
    )
    found = [say(key, lang, **params) for key, params in audit.findings] or [say("audit.none", lang)]
    return [head] + found


def audit_document(report) -> dict:
    """The JSON document: summary, findings, indicators, correlations, nodes."""
    a = report.audit
    return {
        "summary": report.summary(),
        "findings": [{"kind": key.split(".", 1)[1], **params} for key, params in a.findings],
        "indicators": records(a.indicators, INDICATOR_COLUMNS),
        "correlations": records(a.correlations, CORRELATION_COLUMNS),
        "nodes": records(a.nodes, NODE_COLUMNS),
    }


def audit_report_view(report, lang: str = "zh") -> View:
    """``audit``: findings in words, then three tables (CSV: the indicators); a workbook of
    three sheets."""
    a, d = report.audit, report.rubric.decimals
    tables = [
        Table(a.indicators, INDICATOR_COLUMNS, say("audit.indicators", lang)),
        Table(a.correlations, CORRELATION_COLUMNS, say("audit.correlations", lang)),
        Table(a.nodes, NODE_COLUMNS, say("audit.nodes", lang)),
    ]
    lines = audit_lines(a, lang)
    sheets = [
        Sheet(t.title, t.frame, t.columns, d, title=lines[:1] if i == 0 else [], freeze_cols=2, lang=lang)
        for i, t in enumerate(tables)
    ]
    return View(lines=lines, tables=tables, document=audit_document(report), sheets=sheets, decimals=d, lang=lang)
