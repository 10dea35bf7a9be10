"""Problems: every finding has a stable code from one catalogue, a severity and a location.

Problems are collected, never raised one at a time: a loader or a check returns a ``Report``
holding all of them, and the caller decides.  The exit code of the CLI comes from the report
(frictionless style).  Messages are kept as templates per language so the same finding reads
in Chinese (default) or English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

from .messages import MESSAGES, say

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """One entry of the catalogue: a stable name, its severity and message templates."""

    code: str
    severity: Severity
    zh: str
    en: str
    example: str = ""


def _codes(*entries: Code) -> dict[str, Code]:
    return {c.code: c for c in entries}


# The catalogue.  Codes are a public interface: never rename one, only add.  The examples are
# what `docs/errors.md` shows and what the tests check the message against.
CATALOGUE: dict[str, Code] = _codes(
    # --- reading YAML -------------------------------------------------------------------
    Code(
        "E-FILE",
        "error",
        "无法读取文件：{reason}",
        "cannot read the file: {reason}",
        "rubrics/x.yaml: E-FILE: 无法读取文件：文件不存在",
    ),
    Code(
        "E-YAML",
        "error",
        "YAML 语法错误：{reason}",
        "YAML syntax error: {reason}",
        "rubrics/x.yaml:7: E-YAML: YAML 语法错误：mapping values are not allowed here",
    ),
    Code(
        "E-YAML-DUPKEY",
        "error",
        "键“{key}”重复（首次出现在第 {first} 行）；删去其中一个",
        "key '{key}' appears twice (first on line {first}); remove one",
        "rubrics/x.yaml:12: E-YAML-DUPKEY: 键“points”重复（首次出现在第 11 行）；删去其中一个",
    ),
    Code(
        "E-YAML-TAG",
        "error",
        "不允许的 YAML 标签 {tag}：细则只能包含普通数据",
        "YAML tag {tag} is not allowed: a rubric holds plain data only",
    ),
    Code(
        "E-YAML-ALIAS",
        "error",
        "YAML 别名展开过大（超过 {limit} 个节点），疑似别名炸弹",
        "YAML aliases expand to more than {limit} nodes (an alias bomb?)",
    ),
    # --- rubric structure ----------------------------------------------------------------
    Code(
        "E-KEY-UNKNOWN",
        "error",
        "{where}：未知的键“{key}”",
        "{where}: unknown key '{key}'",
        "rubrics/x.yaml:9: E-KEY-UNKNOWN: 项目 1.1.1：未知的键“pionts”（是否应为“points”？）",
    ),
    Code("E-KEY-MISSING", "error", "{where}：缺少必填键“{key}”", "{where}: required key '{key}' is missing"),
    Code(
        "E-TYPE",
        "error",
        "{where}：“{key}”的值 {value} 不合要求：{expected}",
        "{where}: '{key}' = {value} is not valid: {expected_en}",
    ),
    Code(
        "E-RULE-TYPE",
        "error",
        "{where}：未知的规则类型“{value}”；可用：{choices}",
        "{where}: unknown rule type '{value}'; use one of: {choices}",
        "rubrics/x.yaml:14: E-RULE-TYPE: 项目 2.1.1：未知的规则类型“thresh”；可用：boolean, threshold, …",
    ),
    Code("E-RULE", "error", "{where}：规则有误：{reason}", "{where}: invalid rule: {reason}"),
    Code(
        "E-RULE-ORDER",
        "error",
        "{where}：规则阈值顺序有误：{reason}",
        "{where}: rule thresholds out of order: {reason}",
    ),
    Code(
        "E-RULE-FIELD",
        "error",
        "{where}：规则“{rule}”不适用于{ftype}类型的指标“{field}”",
        "{where}: rule '{rule}' does not fit field '{field}' of type {ftype}",
    ),
    Code(
        "E-POINTS",
        "error",
        "{where}：分值 {value} 无效：分值须为不小于 0 的数",
        "{where}: points {value} are invalid: points must be a number ≥ 0",
        "rubrics/x.yaml:42: E-POINTS: 项目 1.2.3「规范性文件备案」：分值 -2 无效：分值须为不小于 0 的数",
    ),
    Code(
        "E-ID-DUP",
        "error",
        "编号“{id}”重复（首次出现在第 {first} 行）；每个项目的编号须唯一",
        "id '{id}' is used twice (first on line {first}); every item needs its own id",
    ),
    Code("E-ID", "error", "{where}：编号“{id}”无效：{reason}", "{where}: id '{id}' is invalid: {reason}"),
    Code(
        "E-FIELD-UNKNOWN",
        "error",
        "{where}：指标“{field}”不在指标字典中",
        "{where}: field '{field}' is not in the field dictionary",
        "rubrics/x.yaml:20: E-FIELD-UNKNOWN: 项目 3.1.2："
        "指标“court_apperance_rate”不在指标字典中（是否应为“court_appearance_rate”？）",
    ),
    Code(
        "E-FIELD-DUP",
        "error",
        "指标“{field}”重复定义（首次在 {first}）",
        "field '{field}' is defined twice (first in {first})",
    ),
    Code("E-FIELD", "error", "指标“{field}”定义有误：{reason}", "field '{field}' is invalid: {reason}"),
    Code(
        "E-FORMULA",
        "error",
        "{where}：公式“{formula}”有误：{reason}",
        "{where}: formula '{formula}' is invalid: {reason}",
    ),
    Code(
        "E-FORMULA-CYCLE",
        "error",
        "指标公式循环引用：{cycle}",
        "field formulas refer to each other in a cycle: {cycle}",
    ),
    Code(
        "E-EXTENDS-CYCLE",
        "error",
        "extends 循环引用：{cycle}",
        "extends forms a cycle: {cycle}",
        "rubrics/a.yaml:2: E-EXTENDS-CYCLE: extends 循环引用：a.yaml → b.yaml → a.yaml",
    ),
    Code(
        "E-EXTENDS-MISSING",
        "error",
        "extends 指向的细则不存在：{target}",
        "extends points to a missing rubric: {target}",
    ),
    Code(
        "E-OVERRIDE-UNKNOWN",
        "error",
        "{section} 指向不存在的项目“{id}”",
        "{section} names an item that does not exist: '{id}'",
    ),
    Code("E-GRADE", "error", "等次设置有误：{reason}", "grade bands are invalid: {reason}"),
    Code(
        "E-DECIMALS",
        "error",
        "{where}：{what} {value} 需要 {needed} 位小数，而细则 decimals 为 {decimals}；提高 decimals 或改用整数分值",
        "{where}: {what} {value} needs {needed} decimal places but the rubric's decimals is {decimals}",
    ),
    Code("E-TREE", "error", "{where}：{reason}", "{where}: {reason}"),
    # --- data ------------------------------------------------------------------------------
    Code("E-DATA-FILE", "error", "无法读取数据文件：{reason}", "cannot read the data file: {reason}"),
    Code(
        "E-DATA-ENCODING",
        "error",
        "无法识别文件编码（已尝试 UTF-8、UTF-16、GB18030）：请另存为 UTF-8 或 GBK 的 CSV",
        "cannot decode the file (tried UTF-8, UTF-16, GB18030): save it as UTF-8 or GBK CSV",
    ),
    Code("E-DATA-COLUMNS", "error", "{reason}", "{reason}"),
    Code(
        "E-DATA-FIELD",
        "error",
        "指标“{field}”不在细则的指标字典中",
        "field '{field}' is not in the rubric's field dictionary",
        "data.csv:17:field: E-DATA-FIELD: 指标“出庭率”不在细则的指标字典中（是否应为“court_appearance_rate”？）",
    ),
    Code(
        "E-DATA-NUMBER",
        "error",
        "“{value}”不是数值（指标“{field}”应填{expected}）",
        "'{value}' is not a number (field '{field}' expects {expected})",
        "data.csv:17:value: E-DATA-NUMBER: “九十”不是数值（指标“court_appearance_rate”应填百分比，如 96.5%）",
    ),
    Code(
        "E-DATA-BOOL",
        "error",
        "“{value}”不是是/否（指标“{field}”应填 是/否、有/无、√/×）",
        "'{value}' is not yes/no (field '{field}' expects 是/否, 有/无, √/×)",
    ),
    Code(
        "E-DATA-GRADE",
        "error",
        "“{value}”不是指标“{field}”的等次；可填：{levels}",
        "'{value}' is not a level of field '{field}'; use one of: {levels}",
    ),
    Code(
        "E-DATA-RANGE",
        "error",
        "{value} 超出指标“{field}”的取值范围（{range}）",
        "{value} is outside the range of field '{field}' ({range})",
    ),
    Code(
        "E-DATA-DUP",
        "error",
        "{unit} {year} 的指标“{field}”重复（首次在第 {first} 行）；每个单位每年每项只填一个值",
        "{unit} {year} field '{field}' appears twice (first on row {first}); give one value per unit, year and field",
    ),
    Code(
        "E-DATA-YEAR",
        "error",
        "年度“{value}”无效：应为四位年份，如 2024",
        "year '{value}' is invalid: use a four-digit year such as 2024",
    ),
    Code("E-DATA-UNIT", "error", "单位名称为空", "the unit name is empty"),
    Code("E-DATA-EMPTY", "error", "文件中没有数据行", "the file has no data rows"),
    Code(
        "E-DATA-MORE",
        "error",
        "另有 {count} 处同类问题（{kind}）未逐一列出",
        "{count} more problems of the same kind ({kind}) not listed",
    ),
    Code(
        "E-DATA-META",
        "error",
        "单位“{unit}”的{what}不一致：“{a}”与“{b}”",
        "unit '{unit}' has two values for {what}: '{a}' and '{b}'",
    ),
    Code(
        "E-DATA-MIXED",
        "error",
        "“{value}”与同列其他单元格的单位不一致：该列的百分比写有 %，而 {value} 会被读作 {value}%；"
        "若指 {percent}%，请填 {percent}%，若确是 {value}%，请写明 %",
        "'{value}' does not match the other cells of its column: they write percents with %, "
        "and {value} would read as {value}%; write {percent}% if that is meant, or {value}% if it really is {value}%",
        "data.csv:5:value: E-DATA-MIXED: “0.96”与同列其他单元格的单位不一致："
        "该列的百分比写有 %，而 0.96 会被读作 0.96%；若指 96%，请填 96%，若确是 0.96%，请写明 %",
    ),
    Code(
        "E-DATA-CONSTRAINT",
        "error",
        "{unit} {year}：{values}，不满足“{check}”：{why}",
        "{unit} {year}: {values} break '{check}': {why}",
        "data.csv:12: E-DATA-CONSTRAINT: 合成甲县 2024：行政复议纠错件数 129（data.csv:12）、"
        "审结(办结)行政复议案件数 78（data.csv:11），"
        "不满足“reconsideration_corrected <= reconsideration_closed”：纠错（撤销、变更、确认违法、责令履行）"
        "是审结案件的一种结果，纠错件数不能多于审结件数",
    ),
    Code(
        "W-DATA-CONSTRAINT",
        "warning",
        "{unit} {year}：{values}，不满足“{check}”：{why}；请核实",
        "{unit} {year}: {values} break '{check}': {why}; please check",
        "data.csv:7: W-DATA-CONSTRAINT: 合成甲县 2022：审结(办结)行政复议案件数 36（data.csv:7）、"
        "受理行政复议案件数 35（data.csv:5），"
        "不满足“reconsideration_closed <= reconsideration_received”：审结件数多于受理件数，"
        "只在审结含上年结转案件时才对；请核实",
    ),
    Code(
        "E-DATA-DERIVED",
        "error",
        "{unit} {year}：由公式算出的{name}为 {value}，超出取值范围（{range}），不能计分；算自 {values}",
        "{unit} {year}: {name} computed by its formula is {value}, outside its range ({range}), "
        "so it cannot be scored; computed from {values}",
        "data.csv:12: E-DATA-DERIVED: 合成甲县 2024：由公式算出的行政复议纠错率为 165.38%，"
        "超出取值范围（0–100），不能计分；"
        "算自 行政复议纠错件数 129（data.csv:12）、审结(办结)行政复议案件数 78（data.csv:11）",
    ),
    # --- data and engine words (codes that replace free-text reasons) ---------------------------
    Code(
        "E-DATA-NOFILES",
        "error",
        "没有给出数据文件",
        "no data file was given",
        "E-DATA-NOFILES: 没有给出数据文件",
    ),
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
    # --- usage -----------------------------------------------------------------------------
    Code("E-USAGE", "error", "{reason}", "{reason}"),
    Code(
        "E-GROUP",
        "error",
        "不能按“{by}”分组：{reason}",
        "cannot group by '{by}': {reason_en}",
        "E-GROUP: 不能按“level”分组：数据中没有“层级”（level）这一列，或它全部为空；"
        "在单位信息文件（如 samples/units.csv）中加上这一列，或不按它分组",
    ),
    Code(
        "E-USAGE-UNIT",
        "error",
        "数据中没有单位“{unit}”；有：{units}",
        "no unit '{unit}' in the data; it has: {units_en}",
        "E-USAGE-UNIT: 数据中没有单位“乃东县”；有：乃东区、乐平市、杭锦旗、石峰区、高台县",
    ),
    Code(
        "E-USAGE-UNIT-MANY",
        "error",
        "“{unit}”与 {n} 个单位相符：{matches}；请写出其中一个（可只写能区分它的一部分）",
        "'{unit}' matches {n} units: {matches_en}; name one of them (enough of it to tell it apart)",
        "E-USAGE-UNIT-MANY: “合成丙”与 2 个单位相符：合成丙县、合成丙区；请写出其中一个（可只写能区分它的一部分）",
    ),
    Code(
        "E-USAGE-YEAR",
        "error",
        "单位“{unit}”没有 {year} 年的数据；有：{years}",
        "unit '{unit}' has no data for {year}; it has: {years_en}",
    ),
    Code(
        "E-USAGE-FORMAT",
        "error",
        "此命令不支持 --format {fmt}；可用：{choices}",
        "this command does not write --format {fmt}; use one of: {choices}",
    ),
    Code(
        "E-USAGE-OUTPUT",
        "error",
        "--format {fmt} 写出的是文件，请用 -o 指定文件名，如 -o 结果.{fmt}",
        "--format {fmt} writes a file: name it with -o, e.g. -o result.{fmt}",
    ),
    Code(
        "E-SET",
        "error",
        "“{text}”应写成 指标=数值，如 court_appearance_rate=100% 或 行政机关负责人出庭应诉率=100%",
        "'{text}' should read FIELD=VALUE, e.g. court_appearance_rate=100%",
    ),
    # --- scoring commands (score, rank, report, template) ------------------------------------------
    Code(
        "E-USAGE-ITEM",
        "error",
        "细则中没有编号为“{id}”的项目",
        "the rubric has no item '{id}'",
        "E-USAGE-ITEM: 细则中没有编号为“99”的项目",
    ),
    Code(
        "E-USAGE-SCAN-XLSX",
        "error",
        "逐批读取（--scan）时不写 Excel 工作簿：请用 -o 排名.csv",
        "a ranking read in batches (--scan) is not written as an Excel workbook: use -o ranking.csv",
        "E-USAGE-SCAN-XLSX: 逐批读取（--scan）时不写 Excel 工作簿：请用 -o 排名.csv",
    ),
    Code(
        "E-USAGE-YEAR-NONE",
        "error",
        "数据中没有 {year} 年的单位",
        "no unit in the data has the year {year}",
        "E-USAGE-YEAR-NONE: 数据中没有 1999 年的单位",
    ),
    Code(
        "E-USAGE-YEAR-INVALID",
        "error",
        "年度“{year}”无效：应为四位年份，如 2024",
        "year '{year}' is invalid: use a four-digit year such as 2024",
        "E-USAGE-YEAR-INVALID: 年度“3000”无效：应为四位年份，如 2024",
    ),
    Code(
        "E-USAGE-REPORT-OUTPUT",
        "error",
        "请用 -o 指定要写出的 HTML 文件，如 -o report.html",
        "name the HTML file to write with -o, e.g. -o report.html",
        "E-USAGE-REPORT-OUTPUT: 请用 -o 指定要写出的 HTML 文件，如 -o report.html",
    ),
    Code(
        "E-USAGE-REPORT-SUFFIX",
        "error",
        "报告是 HTML 文件，文件名须以 .html 结尾（而不是“{name}”）",
        "the report is an HTML file: its name ends in .html (not '{name}')",
        "E-USAGE-REPORT-SUFFIX: 报告是 HTML 文件，文件名须以 .html 结尾（而不是“report.pdf”）",
    ),
    Code(
        "E-USAGE-PNG-DIR",
        "error",
        "--png 须是目录，而“{path}”是文件",
        "--png names a directory, and '{path}' is a file",
        "E-USAGE-PNG-DIR: --png 须是目录，而“charts.png”是文件",
    ),
    Code(
        "E-USAGE-TEMPLATE-OUTPUT",
        "error",
        "请用 -o 指定要写出的 .xlsx 文件，如 -o 填报模板.xlsx",
        "name the .xlsx file to write with -o, e.g. -o template.xlsx",
        "E-USAGE-TEMPLATE-OUTPUT: 请用 -o 指定要写出的 .xlsx 文件，如 -o 填报模板.xlsx",
    ),
    Code(
        "E-USAGE-TEMPLATE-SUFFIX",
        "error",
        "模板是 Excel 工作簿，文件名须以 .xlsx 结尾（而不是“{name}”）",
        "the template is an Excel workbook: its name ends in .xlsx (not '{name}')",
        "E-USAGE-TEMPLATE-SUFFIX: 模板是 Excel 工作簿，文件名须以 .xlsx 结尾（而不是“template.csv”）",
    ),
    Code(
        "E-REPORT-EMPTY",
        "error",
        "数据中没有可评分的单位",
        "the data has no unit to score",
        "E-REPORT-EMPTY: 数据中没有可评分的单位",
    ),
    # --- warnings ------------------------------------------------------------------------------
    Code(
        "W-POINTS-SUM",
        "warning",
        "{where}：下级分值合计 {sum} 与本项分值 {points} 不符",
        "{where}: children add up to {sum}, not the item's {points}",
    ),
    Code(
        "W-TOTAL",
        "warning",
        "细则声明总分 {declared}，各项合计 {actual}",
        "the rubric declares total {declared} but its items add up to {actual}",
    ),
    Code("W-EVIDENCE", "warning", "{where}：未写明佐证材料（evidence）", "{where}: no evidence note (evidence)"),
    # --- scoring ----------------------------------------------------------------------------------
    Code(
        "W-ALONE",
        "warning",
        "{where}：与{peers}比较，{count} 个单位没有可比单位：{units}；{policy}",
        "{where}: compared with {peers}, {count} unit(s) have no peer: {units}; {policy}",
        "rubrics/shifan.yaml:583: W-ALONE: 项目 6.4.1「法律援助案件办理」："
        "与同年度同所属市单位比较，2 个单位没有可比单位："
        "高台县 2022（张掖市仅此一家有数据）、甲县 2024（未填所属市）；按缺数据计 0 分（alone: missing）",
    ),
    # --- analysis commands (gaps, whatif, benchmark, trend, sensitivity) -----------------------------
    Code(
        "E-USAGE-PERCENT",
        "error",
        "{option} 应为百分比，如 20%，而不是“{text}”",
        "{option} should be a percentage such as 20%, not '{text}'",
        "E-USAGE-PERCENT: --perturb 应为百分比，如 20%，而不是“abc”",
    ),
    Code(
        "E-USAGE-PERCENT-RANGE",
        "error",
        "{option} 应在 0% 与 100% 之间，而不是“{text}”",
        "{option} should lie between 0% and 100%, not '{text}'",
        "E-USAGE-PERCENT-RANGE: --perturb 应在 0% 与 100% 之间，而不是“150%”",
    ),
    Code(
        "E-USAGE-SAMPLES-FILE",
        "error",
        "--write-samples 须为 .csv 或 .parquet 文件，而不是“{name}”",
        "--write-samples takes a .csv or .parquet file, not '{name}'",
        "E-USAGE-SAMPLES-FILE: --write-samples 须为 .csv 或 .parquet 文件，而不是“x.txt”",
    ),
    Code(
        "E-GAPS-NO-PATH",
        "error",
        "没有到下一等次的路径：已是最高等次、细则没有等次，或用了 --path none",
        "there is no path to the next grade: the unit has the top grade, the rubric has no grades, "
        "or --path none was given",
        "E-GAPS-NO-PATH: 没有到下一等次的路径：已是最高等次、细则没有等次，或用了 --path none",
    ),
    Code(
        "E-BENCH-NO-PEER",
        "error",
        "“{unit}”在同年度（同组）没有可比的其他单位",
        "'{unit}' has no other unit to compare with in its year (and group)",
        "E-BENCH-NO-PEER: “高台县”在同年度（同组）没有可比的其他单位",
    ),
    Code(
        "E-BENCH-UNIT",
        "error",
        "对标单位“{unit}”在该年度（或同组）没有数据",
        "'{unit}', the unit to compare with, has no data in this year (or group)",
        "E-BENCH-UNIT: 对标单位“合成甲县”在该年度（或同组）没有数据",
    ),
    Code(
        "E-BENCH-AGAINST",
        "error",
        "“{against}”既不是 best、median，也不是数据中的单位或分组；分组有：{groups}",
        "'{against}' is not best, median, or a unit or group of the data; its groups are: {groups_en}",
        "E-BENCH-AGAINST: “某某市”既不是 best、median，也不是数据中的单位或分组；分组有：区、县、县级市、合成市",
    ),
    Code(
        "E-TREND-YEARS",
        "error",
        "趋势需要至少两个年度的数据；数据中只有：{years}",
        "a trend needs data of two years at least; the data has: {years_en}",
        "E-TREND-YEARS: 趋势需要至少两个年度的数据；数据中只有：2022",
    ),
    Code(
        "E-TREND-YEAR",
        "error",
        "数据中没有 {year} 年；有：{years}",
        "the data has no year {year}; it has: {years_en}",
        "E-TREND-YEAR: 数据中没有 2030 年；有：2022、2023、2024",
    ),
    Code(
        "E-TREND-BEFORE",
        "error",
        "{year} 年之前没有数据",
        "the data has no year before {year}",
        "E-TREND-BEFORE: 2022 年之前没有数据",
    ),
    Code("E-TREND-SAME", "error", "起止年度相同", "the two years are the same", "E-TREND-SAME: 起止年度相同"),
    Code(
        "E-TREND-COMMON",
        "error",
        "{year_from} 年与 {year_to} 年没有共同的单位：趋势要比较同一单位的两个年度",
        "no unit has data of both {year_from} and {year_to}: a trend compares the same unit's two years",
        "E-TREND-COMMON: 2023 年与 2024 年没有共同的单位：趋势要比较同一单位的两个年度",
    ),
    Code(
        "E-TREND-UNIT",
        "error",
        "单位“{unit}”没有 {year} 年的数据",
        "unit '{unit}' has no data for {year}",
        "E-TREND-UNIT: 单位“合成甲县”没有 2021 年的数据",
    ),
    Code("E-SENS-EMPTY", "error", "没有可分析的单位", "there is no unit to analyse", "E-SENS-EMPTY: 没有可分析的单位"),
    Code(
        "E-SENS-YEAR",
        "error",
        "数据中没有 {year} 年",
        "the data has no year {year}",
        "E-SENS-YEAR: 数据中没有 2030 年",
    ),
    # --- rubric lint (`rubric check`) ------------------------------------------------------------
    Code(
        "W-NEVER-SCORES", "warning", "{where}：不可能{effect}：{reason}", "{where}: can never {effect_en}: {reason_en}"
    ),
    Code(
        "W-NAME-DUP",
        "warning",
        "{where}：下级项目名称“{name}”重复（与项目 {first} 同名）",
        "{where}: two children are named '{name}' (the other is item {first})",
    ),
    Code("W-CAP", "warning", "{where}：上限设置不合理：{reason}", "{where}: the cap makes no sense: {reason_en}"),
    Code(
        "W-BONUS",
        "warning",
        "{where}：加分设置不起作用：{reason}",
        "{where}: the bonus setting has no effect: {reason_en}",
    ),
    Code(
        "W-VETO",
        "warning",
        "{where}：一票否决的上限不起作用：{reason}",
        "{where}: the veto's cap has no effect: {reason_en}",
    ),
    Code("W-GRADE", "warning", "等次设置有漏洞：{reason}", "grade bands leave a gap: {reason_en}"),
    Code(
        "W-WEIGHT",
        "warning",
        "{where}：weight 不起作用：上级按分值相加（sum）汇总，只有 weighted_mean 才用权重",
        "{where}: weight has no effect: the parent adds scores up (sum); only weighted_mean uses weights",
    ),
    Code("E-WAIVER", "error", "{where}：不能豁免“{waived}”：{reason}", "{where}: cannot waive '{waived}': {reason_en}"),
    Code(
        "W-WAIVER-UNUSED",
        "warning",
        "{where}：豁免的“{waived}”并未出现；删去这条 waive",
        "{where}: the waived '{waived}' does not occur; remove the waiver",
    ),
    # --- rubric commands and rubric words (check, show, diff, schema; E-TREE reasons) ----------------
    Code(
        "E-USAGE-NO-YAML",
        "error",
        "目录 {directory} 中没有 .yaml 文件",
        "the directory {directory} holds no .yaml file",
        "E-USAGE-NO-YAML: 目录 rubrics/draft 中没有 .yaml 文件",
    ),
    Code(
        "E-USAGE-GATE-DATA",
        "error",
        "--fail-on-rank-change 和 --fail-on-grade-change 需要数据：在两份细则后给出指标文件或目录",
        "--fail-on-rank-change and --fail-on-grade-change need data: give indicator files or directories "
        "after the two rubrics",
        "E-USAGE-GATE-DATA: --fail-on-rank-change 和 --fail-on-grade-change 需要数据：在两份细则后给出指标文件或目录",
    ),
    Code(
        "E-USAGE-SYNTH-FILE",
        "error",
        "输出文件须为 .csv 或 .parquet，而不是“{name}”",
        "the output file must be .csv or .parquet, not '{name}'",
        "E-USAGE-SYNTH-FILE: 输出文件须为 .csv 或 .parquet，而不是“synthetic.xlsx”",
    ),
    Code(
        "E-USAGE-SYNTH-YEARS",
        "error",
        "--years {years} 与 --last-year {last_year} 使第一年早于 1949 年",
        "--years {years} with --last-year {last_year} would start before 1949",
        "E-USAGE-SYNTH-YEARS: --years 50 与 --last-year 1990 使第一年早于 1949 年",
    ),
    # --- rubric diff ------------------------------------------------------------------------------
    Code("E-GIT", "error", "无法从 git 取得“{spec}”：{reason}", "cannot read '{spec}' from git: {reason}"),
)


def lookup(code: str) -> Code:
    """The catalogue entry of ``code`` (``KeyError`` for a code that does not exist)."""
    return CATALOGUE[code]


@dataclass(frozen=True)
class Said:
    """A parameter put in words when its problem is shown, in the reader's language: a sentence
    of ``core.messages`` and its own language-neutral parameters (ids, numbers, names the user
    wrote, or other ``Said``).  A reason such as "the file does not exist" travels so, never as
    Chinese text, and ``--lang en`` says it in English.  ``str()`` gives the Chinese."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "zh") -> str:
        """The sentence in ``lang``, its parameters said in ``lang`` too."""
        return say(self.key, lang, **{k: in_words(v, lang) for k, v in self.params})

    def __str__(self) -> str:
        return self.text("zh")


def said(key: str, /, **params) -> Said:
    """A problem parameter in words: ``problem("E-DATA-FILE", path, reason=said("file.missing"))``.
    An unknown key raises ``KeyError`` at once; a list or tuple parameter is said as a list."""
    if key not in MESSAGES:
        raise KeyError(f"unknown message {key}")
    return Said(key, tuple((k, _fmt(v)) for k, v in params.items()))


def in_words(value, lang: str = "zh") -> str:
    """A parameter as shown in ``lang``: a ``Said`` in that language, a list joined with the
    language's separator (、 or a comma), anything else as it is."""
    if isinstance(value, Said):
        return value.text(lang)
    if isinstance(value, tuple):
        return say("list.sep", lang).join(in_words(v, lang) for v in value)
    return value


@dataclass(frozen=True)
class Problem:
    """One finding.  ``path`` is the file, ``line`` a 1-based line or data row, ``column`` a
    data column name.  ``params`` fill the catalogue template: text, or ``Said`` words and
    lists of them, which are said in the language the message is shown in."""

    code: str
    path: str = ""
    line: int | None = None
    column: str | None = None
    params: tuple[tuple[str, str | Said | tuple], ...] = ()

    @property
    def severity(self) -> Severity:
        """``error`` or ``warning``, as the catalogue says for the code."""
        return CATALOGUE[self.code].severity

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``en``; anything else is Chinese), without the location."""
        entry = CATALOGUE[self.code]
        template = entry.en if lang == "en" else entry.zh
        params = {k: in_words(v, lang) for k, v in self.params}
        if lang == "en":  # a parameter given in English too (``where_en``) reads so in an English message
            params.update({k[:-3]: in_words(v, lang) for k, v in self.params if k.endswith("_en")})
        text = template.format_map(_Defaulting(params))
        # A suggestion is stored as a bare word so it can be phrased in either language.
        if params.get("suggestion"):
            word = params["suggestion"]
            text += f"（是否应为“{word}”？）" if lang != "en" else f" (did you mean '{word}'?)"
        return text

    def location(self) -> str:
        """``path:line:column``, each part only where known."""
        parts = [self.path] if self.path else []
        if self.line is not None:
            parts.append(str(self.line))
        if self.column:
            parts.append(self.column)
        return ":".join(parts)

    def render(self, lang: str = "zh") -> str:
        """The one line a user reads: ``path:line:column: CODE: message``."""
        loc = self.location()
        head = f"{loc}: " if loc else ""
        return f"{head}{self.code}: {self.message(lang)}"

    def to_dict(self, lang: str = "zh") -> dict:
        """The record ``--format json`` prints for the problem."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message(lang),
        }


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:  # a template never crashes on a missing parameter
        return ""


def problem(code: str, path: str = "", line: int | None = None, column: str | None = None, **params) -> Problem:
    """A problem of catalogue ``code`` at ``path:line:column``; ``params`` fill its templates
    (text and numbers, or ``said(...)`` words for what must read in the reader's language)."""
    if code not in CATALOGUE:
        raise KeyError(f"unknown problem code {code}")
    return Problem(code, str(path), line, column, tuple((k, _fmt(v)) for k, v in params.items()))


def _fmt(value) -> str | Said | tuple:
    if isinstance(value, Said):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_fmt(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Report:
    """All problems found by one load or check, in the order found."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, p: Problem) -> None:
        """Add one problem."""
        self.problems.append(p)

    def extend(self, ps: Iterable[Problem]) -> None:
        """Add problems, in their order."""
        self.problems.extend(ps)

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that are warnings."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """No error (warnings allowed)."""
        return not self.errors

    def sorted(self) -> list[Problem]:
        """The problems by file, line, column and code (where none is known: last)."""
        return sorted(
            self.problems,
            key=lambda p: (p.path, p.line if p.line is not None else float("inf"), p.column or "", p.code),
        )

    def render(self, lang: str = "zh") -> str:
        """Every problem on its own line, sorted."""
        return "\n".join(p.render(lang) for p in self.sorted())

    def passed(self, strict: bool = False) -> bool:
        """No error (and, ``strict``, no warning either): what a check counts as passing."""
        return not (self.errors or (strict and self.warnings))

    def to_dict(self, lang: str = "zh") -> list[dict]:
        """Every problem as a record (path, line, column, code, severity, message), in file order."""
        return [p.to_dict(lang) for p in self.sorted()]


class ProblemError(Exception):
    """Raised by the library when input cannot be used; carries the whole report."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__(report.render())

    @classmethod
    def one(cls, code: str, path: str = "", line: int | None = None, column: str | None = None, **params):
        """The error of a single problem: ``raise ProblemError.one("E-USAGE-UNIT", unit=…)``."""
        return cls(Report([problem(code, path, line, column, **params)]))


def failure_text(exc: BaseException, limit: int = 200) -> str:
    """The first line of what a library said when it failed on bad input (its own words, often
    English), cut to ``limit`` characters: the ``error`` of a reason such as "cannot be read as a
    table: {error}"."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:limit]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The closest choice to a misspelt word, or '' (pass it as ``suggestion=``)."""
    import difflib

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.7)
    return close[0] if close else ""
