"""A reviewed sheet (`extract -o 核对表.xlsx`, filled in by a person) read as an indicator table.

The sheet is an ordinary long table (单位, 年度, 指标, 数值, 原文 …) with a 确认 column that the
reviewer fills in: 是 (the value is right), 否 (it is not used) or the corrected value.  Only
rows confirmed or corrected are read; a corrected row takes the correction as its value; an
unfilled row is not read (nobody has signed it).  The quote stays the value's evidence, without
the marks 〖〗 around the number.  The sheet's reading aids (上下文, 置信度, 读取依据, 位置) are not
data and are dropped.  Rows keep their own row numbers in messages: the rows read are passed on
as runs of consecutive rows, each a table of its own.
"""

from __future__ import annotations

import re

import polars as pl

from ..core.problems import Problem, problem
from .columns import column_roles
from .table import Table

CONFIRM_HEADERS = {"确认", "confirmed", "核对结果"}
YES = {"是", "对", "确认", "正确", "无误", "√", "✓", "✔", "y", "yes", "ok", "true"}
NO = {"否", "错", "不对", "错误", "不用", "删除", "×", "✗", "✘", "n", "no", "false"}
READING_AIDS = {"上下文", "sentence", "置信度", "confidence", "读取依据", "why", "位置", "location", "measure"}
MARKS = str.maketrans("", "", "〖〗")
_CORRECTION = re.compile(r"[\d０-９]|^[约近]?[一二两三四五六七八九十百千零〇]+")


def confirmed_rows(tables: list[Table]) -> tuple[list[Table], list[Problem]]:
    """Each reviewed table reduced to its confirmed and corrected rows; other tables as they are."""
    out: list[Table] = []
    problems: list[Problem] = []
    for t in tables:
        col = next((c for c in t.frame.columns if str(c).strip().lower() in CONFIRM_HEADERS), None)
        roles = column_roles(t.frame.columns)
        if col is None or "value" not in roles:
            out.append(t)
            continue
        runs, probs = _reviewed(t, col, roles)
        out += runs
        problems += probs
        if not runs and not probs:
            problems.append(problem("E-DATA-REVIEW-NONE", t.where(), t.first_row - 1, col))
    return out, problems


def _reviewed(t: Table, col: str, roles: dict[str, str]) -> tuple[list[Table], list[Problem]]:
    answers = [("" if a is None else str(a).strip()) for a in t.frame[col].cast(pl.String).to_list()]
    keep: list[bool] = []
    corrected: list[str | None] = []
    problems: list[Problem] = []
    for i, a in enumerate(answers):
        low = a.lower()
        ok = low in YES
        fix = a if not ok and a and low not in NO and _CORRECTION.search(a) else None
        if a and not ok and low not in NO and fix is None:
            problems.append(problem("E-DATA-REVIEW", t.where(), t.first_row + i, col, answer=a))
        keep.append(ok or fix is not None)
        corrected.append(fix)
    if problems:
        return [], problems
    vcol = roles["value"]
    frame = t.frame.with_columns(
        pl.when(pl.Series(corrected, dtype=pl.String).is_not_null())
        .then(pl.Series(corrected, dtype=pl.String))
        .otherwise(pl.col(vcol).cast(pl.String))
        .alias(vcol)
    )
    if "evidence" in roles:
        ecol = roles["evidence"]
        frame = frame.with_columns(pl.col(ecol).cast(pl.String).map_elements(_unmarked, return_dtype=pl.String))
    frame = frame.drop([c for c in frame.columns if c == col or str(c).strip().lower() in READING_AIDS])
    runs: list[Table] = []
    start = None
    for i, k in enumerate([*keep, False]):
        if k and start is None:
            start = i
        elif not k and start is not None:
            runs.append(Table(t.path, frame.slice(start, i - start), t.first_row + start, t.sheet))
            start = None
    return runs, []


def _unmarked(quote: str | None) -> str | None:
    return None if quote is None else quote.translate(MARKS)
