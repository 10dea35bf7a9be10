"""Problem codes: Usage: options and arguments of the commands (scoring and analysis commands).

Codes are a public interface: never rename one, only add.  The example is what
`docs/errors.md` shows and what the tests check the message against."""

from __future__ import annotations

from . import Code, register

register(
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
    Code(
        "E-USAGE-VARY",
        "error",
        "--vary 不认识“{name}”；可变动：{known}",
        "--vary does not know '{name}'; it can vary: {known_en}",
        "E-USAGE-VARY: --vary 不认识“权重”；可变动：weights、normalisation、aggregation、imputation、method",
    ),
    Code(
        "E-USAGE-VARY-ALTERNATIVE",
        "error",
        "{choice} 没有备选项 {names}；有：{known}",
        "{choice} has no alternative {names}; it has: {known_en}",
        "E-USAGE-VARY-ALTERNATIVE: method 没有备选项 ahp；有：wsm、topsis",
    ),
    Code(
        "E-USAGE-VARY-UNAVAILABLE",
        "error",
        "{choice} 的备选项 {names} 本版本尚不能计算，不能作为敏感性分析的选项",
        "{choice}: {names} cannot be computed by this version, so it cannot be varied",
        "E-USAGE-VARY-UNAVAILABLE: imputation 的备选项 none, group_mean 本版本尚不能计算，不能作为敏感性分析的选项",
    ),
    Code(
        "E-USAGE-VARY-TOPSIS",
        "error",
        "topsis 需要全部指标的数值，而 {units} 个单位都有缺失：不能以它为备选项（可用 --alternatives method=wsm）",
        "topsis needs every value and all {units} units lack one: it cannot be an alternative "
        "(--alternatives method=wsm)",
        "E-USAGE-VARY-TOPSIS: topsis 需要全部指标的数值，而 12 个单位都有缺失："
        "不能以它为备选项（可用 --alternatives method=wsm）",
    ),
    Code("E-SENS-EMPTY", "error", "没有可分析的单位", "there is no unit to analyse", "E-SENS-EMPTY: 没有可分析的单位"),
    Code(
        "E-SENS-YEAR",
        "error",
        "数据中没有 {year} 年",
        "the data has no year {year}",
        "E-SENS-YEAR: 数据中没有 2030 年",
    ),
)
