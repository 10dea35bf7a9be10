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
    "％": "%",
    "．": ".",
    "，": ",",
    "－": "-",
    "＋": "+",
    "　": " ",
    "﹪": "%",
    "。": ".",
}
MISSING_TOKENS = [
    "",
    "—",
    "——",
    "-",
    "--",
    "–",
    "/",
    "／",
    "未报送",
    "未填报",
    "无数据",
    "暂无数据",
    "不适用",
    "n/a",
    "N/A",
    "NA",
    "na",
    "null",
    "NULL",
    "None",
    "缺",
    "缺失",
    "空",
]
TRUE_TOKENS = [
    "是",
    "有",
    "√",
    "✓",
    "✔",
    "☑",
    "y",
    "Y",
    "yes",
    "Yes",
    "YES",
    "true",
    "True",
    "TRUE",
    "1",
    "1.0",
    "已建立",
    "已完成",
    "已落实",
    "已公开",
    "达标",
]
FALSE_TOKENS = [
    "否",
    "无",
    "×",
    "✗",
    "✘",
    "x",
    "X",
    "☐",
    "n",
    "N",
    "no",
    "No",
    "NO",
    "false",
    "False",
    "FALSE",
    "0",
    "0.0",
    "未建立",
    "未完成",
    "未落实",
    "未公开",
    "不达标",
]

ZERO_TOKENS = ["无", "没有", "零"]  # a count written as 无 is none at all

# Plain decimals, and the E notation spreadsheets and programs write for very small or large
# numbers (Excel shows 0.0000012 as 1.2E-06 and saves it so in CSV).
_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"


def clean_text(expr: pl.Expr) -> pl.Expr:
    """Half-width, trimmed, without thousands separators or inner spaces."""
    e = expr.cast(pl.String).str.replace_many(list(_FULLWIDTH), list(_FULLWIDTH.values()))
    return (
        e.str.strip_chars()
        .str.replace_all(r"(\d),(\d{3})", "$1$2")
        .str.replace_all(r"(\d),(\d{3})", "$1$2")
        .str.replace_all(r"\s+", "")
    )


def parse(frame: pl.DataFrame, raw: str = "raw", ftype: str = "ftype", lo: str = "lo", hi: str = "hi") -> pl.DataFrame:
    """Add ``value``, ``auto_qualifier``, ``problem``, ``is_missing`` and the cleaned ``text``.

    ``ftype`` names the column with each row's field type (number/percent/count/bool/grade);
    ``lo``/``hi`` its range (null for open).  Grade levels are matched by the caller, which
    knows the levels.  The text work is done once per distinct (text, type) pair and joined
    back: a national file repeats the same few thousand spellings millions of times."""
    distinct = frame.select(pl.col(raw).alias("_raw"), pl.col(ftype).alias("_ftype")).unique()
    parsed = parse_distinct(distinct.lazy()).collect().drop("pct")
    out = frame.join(
        parsed, left_on=[raw, ftype], right_on=["_raw", "_ftype"], how="left", nulls_equal=True, maintain_order="left"
    )
    v = pl.col("value")
    range_problem = (
        pl.when(
            pl.col("problem").is_null()
            & v.is_not_null()
            & ((v < pl.col(lo)) | (v > pl.col(hi)) | ((pl.col(ftype) == "count") & (v != v.floor())))
        )
        .then(pl.lit("E-DATA-RANGE"))
        .otherwise(pl.col("problem"))
    )
    return out.with_columns(range_problem.alias("problem"))


def parse_distinct(lf: pl.LazyFrame, keep: tuple[str, ...] = ()) -> pl.LazyFrame:
    """Read distinct texts (``_raw``) by field type (``_ftype``): adds ``value``,
    ``auto_qualifier``, ``problem``, ``is_missing``, the cleaned ``text`` and ``pct`` (whether the
    text carried a percent sign).  ``keep`` names columns passed through.  The text work is
    done in stages so that each intermediate is computed once."""
    lf = _number_parts(lf)
    ftype, text = pl.col("_ftype"), pl.col("text")
    missing, number = pl.col("is_missing"), pl.col("_number")
    numeric_type = ftype.is_in(["number", "percent", "count"])
    lf = lf.with_columns(
        pl.when(missing)
        .then(None)
        .when(ftype == "bool")
        .then(pl.when(pl.col("_true")).then(1.0).when(pl.col("_false")).then(0.0).otherwise(None))
        .when((ftype == "count") & text.is_in(ZERO_TOKENS))
        .then(0.0)
        .when(numeric_type)
        .then(pl.when(pl.col("_pct") & (ftype != "percent")).then(None).otherwise(number))
        .otherwise(None)
        .alias("value")
    )
    value = pl.col("value")
    lf = lf.with_columns(
        pl.when(missing)
        .then(None)
        .when(ftype == "bool")
        .then(pl.when(pl.col("_true") | pl.col("_false")).then(None).otherwise(pl.lit("E-DATA-BOOL")))
        .when(ftype == "grade")
        .then(None)  # grades are matched against levels separately
        .when(value.is_null() | ~value.is_finite())
        .then(pl.lit("E-DATA-NUMBER"))
        .otherwise(None)
        .alias("problem"),
        pl.when(missing | (ftype == "bool") | (ftype == "grade"))
        .then(None)
        .when(pl.col("_lower"))
        .then(pl.lit("lower_bound"))
        .when(pl.col("_approx"))
        .then(pl.lit("approx"))
        .otherwise(None)
        .alias("auto_qualifier"),
    )
    return lf.select(
        *keep, "_raw", "_ftype", "value", "auto_qualifier", "problem", "is_missing", "text", pl.col("_pct").alias("pct")
    )


def _number_parts(lf: pl.LazyFrame) -> pl.LazyFrame:
    """The cleaned ``text`` and what it says before the field type is asked: missing or not,
    the 余/以上 (``_lower``) and 约 (``_approx``) marks, a percent sign, the number (with 万/亿
    applied) and whether it reads as yes or no."""
    lf = lf.with_columns(clean_text(pl.col("_raw")).alias("text"))
    text = pl.col("text")
    # Strip a counting word first (160余份 → 160余), then read the 余/多/以上 and 约/近 marks.
    lf = lf.with_columns(
        (text.is_null() | text.is_in(MISSING_TOKENS)).alias("is_missing"),
        text.str.replace(r"(件|次|场次|人次|场|个|项|条|人|份|起|卷|家|宗|期)$", "").alias("_core"),
    )
    core = pl.col("_core")
    lf = lf.with_columns(
        core.str.contains(r"(余|多|以上|\+)$").alias("_lower"),
        core.str.contains(r"^(约|近|大约|将近)").alias("_approx"),
        core.str.replace(r"^(约|近|大约|将近)", "").str.replace(r"(余|多|以上|\+)$", "").alias("_core"),
    )
    lf = lf.with_columns(core.str.ends_with("%").alias("_pct"), core.str.strip_suffix("%").alias("_core"))
    lf = lf.with_columns(
        pl.when(core.str.ends_with("亿"))
        .then(pl.lit(1e8))
        .when(core.str.ends_with("万"))
        .then(pl.lit(1e4))
        .when(core.str.ends_with("千"))
        .then(pl.lit(1e3))
        .otherwise(pl.lit(1.0))
        .alias("_scale"),
        core.str.strip_suffix("亿").str.strip_suffix("万").str.strip_suffix("千").alias("_digits"),
    )
    digits = pl.col("_digits")
    return lf.with_columns(
        (
            pl.when(digits.str.contains(_NUMBER)).then(digits).otherwise(None).cast(pl.Float64, strict=False)
            * pl.col("_scale")
        ).alias("_number"),
        text.is_in(TRUE_TOKENS).alias("_true"),
        text.is_in(FALSE_TOKENS).alias("_false"),
    )
