"""Problem codes: Extracting values from annual reports.

Codes are a public interface: never rename one, only add.  The example is what
`docs/errors.md` shows and what the tests check the message against."""

from __future__ import annotations

from . import Code, register

register(
    # --- extracting values from reports -----------------------------------------------------
    Code(
        "E-EXTRACT-FILE",
        "error",
        "无法读取报告：{reason}",
        "cannot read the report: {reason}",
        "reports/x.doc: E-EXTRACT-FILE: 无法读取报告：旧版 Word/WPS 文件无法直接读取：请在 Word 或 WPS 中另存为 .docx",
    ),
    Code(
        "W-EXTRACT-EMPTY",
        "warning",
        "报告中没有文字（扫描件须先做文字识别）",
        "the report has no text (a scanned document needs OCR first)",
    ),
    Code("W-EXTRACT-NONE", "warning", "未从报告中读出任何指标值", "no indicator value was found in the report"),
    Code(
        "W-EXTRACT-UNIT",
        "warning",
        "未能从报告中认出单位名称，以文件名“{unit}”代替",
        "the report does not name its unit recognisably; the file name '{unit}' is used",
    ),
    Code(
        "W-EXTRACT-YEAR",
        "warning",
        "未能从报告中认出年度；可用 --year 指定",
        "the report does not state its year recognisably; give it with --year",
    ),
    Code(
        "W-EXTRACT-DUP",
        "warning",
        "与 {other} 是同一单位同一年度（{unit} {year}）的报告：评分时只能用其中一份",
        "same unit and year ({unit} {year}) as {other}: only one of them can be scored",
    ),
    Code("E-EVAL-GOLD", "error", "{reason}", "{reason}"),
    # --- extract words ---------------------------------------------------------------------------
)
