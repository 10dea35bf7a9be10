"""Values as people type them → numbers, as polars expressions (no per-row Python).

``96.27%``, ``１００％``, ``1.3万``, ``239,471``, ``450余``, ``98%以上``, 是/否, 有/无, √/×, and
the many ways of writing "no value" (``—``, ``未报送``, empty).  Each field type reads its own
way; the result of ``parse`` is three columns: the number (``value``), a ``qualifier``
(``lower_bound`` for 余/多/以上, ``approx`` for 约/近) and a ``problem`` code for a cell that
cannot be read (null when it was fine).
"""

from __future__ import annotations

import polars as pl

# Full-width forms that Chinese input methods produce.
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)} | {
    "％": "%", "．": ".", "，": ",", "－": "-", "＋": "+", "　": " ", "﹪": "%", "。": ".",
}
MISSING_TOKENS = ["", "—", "——", "-", "--", "–", "/", "／", "未报送", "未填报", "无数据", "暂无数据", "不适用",
                  "n/a", "N/A", "NA", "na", "null", "NULL", "None", "缺", "缺失", "空"]
TRUE_TOKENS = ["是", "有", "√", "✓", "✔", "☑", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "1", "1.0", "已建立", "已完成", "已落实", "已公开", "达标"]
FALSE_TOKENS = ["否", "无", "×", "✗", "✘", "x", "X", "☐", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "0", "0.0", "未建立", "未完成", "未落实", "未公开", "不达标"]

ZERO_TOKENS = ["无", "没有", "零"]  # a count written as 无 is none at all

# Plain decimals, and the E notation spreadsheets and programs write for very small or large
# numbers (Excel shows 0.0000012 as 1.2E-06 and saves it so in CSV).
_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"


def clean_text(expr: pl.Expr) -> pl.Expr:
    """Half-width, trimmed, without thousands separators or inner spaces."""
    e = expr.cast(pl.String).str.replace_many(list(_FULLWIDTH), list(_FULLWIDTH.values()))
    return e.str.strip_chars().str.replace_all(r"(\d),(\d{3})", "$1$2").str.replace_all(r"(\d),(\d{3})", "$1$2").str.replace_all(r"\s+", "")


def parse(raw: pl.Expr, ftype: pl.Expr, lo: pl.Expr, hi: pl.Expr) -> list[pl.Expr]:
    """Expressions for ``value``, ``auto_qualifier``, ``problem``, ``is_missing`` and the cleaned
    ``text`` from a raw text column.

    ``ftype`` is the field's type per row (number/percent/count/bool/grade); ``lo``/``hi`` its
    range (null for open).  Grade levels are matched by the caller, which knows the levels."""
    text = clean_text(raw)
    missing = text.is_null() | text.is_in(MISSING_TOKENS)

    # Strip a counting word first (160余份 → 160余), then read the 余/多/以上 and 约/近 marks.
    core = text.str.replace(r"(件|次|场次|人次|场|个|项|条|人|份|起|卷|家|宗|期)$", "")
    lower = core.str.contains(r"(余|多|以上|\+)$")
    approx = core.str.contains(r"^(约|近|大约|将近)")
    core = core.str.replace(r"^(约|近|大约|将近)", "").str.replace(r"(余|多|以上|\+)$", "")
    has_pct = core.str.ends_with("%")
    core = core.str.strip_suffix("%")
    scale = (
        pl.when(core.str.ends_with("亿")).then(pl.lit(1e8))
        .when(core.str.ends_with("万")).then(pl.lit(1e4))
        .when(core.str.ends_with("千")).then(pl.lit(1e3))
        .otherwise(pl.lit(1.0))
    )
    digits = core.str.strip_suffix("亿").str.strip_suffix("万").str.strip_suffix("千")
    is_num = digits.str.contains(_NUMBER)
    number = pl.when(is_num).then(digits).otherwise(None).cast(pl.Float64, strict=False) * scale

    is_true = text.is_in(TRUE_TOKENS)
    is_false = text.is_in(FALSE_TOKENS)
    numeric_type = ftype.is_in(["number", "percent", "count"])
    value = (
        pl.when(missing).then(None)
        .when(ftype == "bool").then(pl.when(is_true).then(1.0).when(is_false).then(0.0).otherwise(None))
        .when((ftype == "count") & text.is_in(ZERO_TOKENS)).then(0.0)
        .when(numeric_type).then(pl.when(has_pct & (ftype != "percent")).then(None).otherwise(number))
        .otherwise(None)
    )
    problem = (
        pl.when(missing).then(None)
        .when(ftype == "bool").then(pl.when(is_true | is_false).then(None).otherwise(pl.lit("E-DATA-BOOL")))
        .when(ftype == "grade").then(None)  # grades are matched against levels separately
        .when(value.is_null()).then(pl.lit("E-DATA-NUMBER"))
        .when(~value.is_finite()).then(pl.lit("E-DATA-NUMBER"))
        .when((value < lo) | (value > hi)).then(pl.lit("E-DATA-RANGE"))
        .when((ftype == "count") & (value != value.floor())).then(pl.lit("E-DATA-RANGE"))
        .otherwise(None)
    )
    qualifier = (
        pl.when(missing | (ftype == "bool") | (ftype == "grade")).then(None)
        .when(lower).then(pl.lit("lower_bound"))
        .when(approx).then(pl.lit("approx"))
        .otherwise(None)
    )
    return [value.alias("value"), qualifier.alias("auto_qualifier"), problem.alias("problem"), missing.alias("is_missing"), text.alias("text")]
