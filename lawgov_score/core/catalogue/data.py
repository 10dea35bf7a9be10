"""Problem codes: Indicator data: reading, values, constraints, derived values; scoring warnings.

Codes are a public interface: never rename one, only add.  The example is what
`docs/errors.md` shows and what the tests check the message against."""

from __future__ import annotations

from . import Code, register

register(
    # --- data ------------------------------------------------------------------------------
    Code("E-DATA-FILE", "error", "无法读取数据文件：{reason}", "cannot read the data file: {reason}"),
    Code(
        "E-DATA-ENCODING",
        "error",
        "无法识别文件编码（已尝试 UTF-8、UTF-16、GB18030）：请另存为 UTF-8 或 GBK 的 CSV",
        "cannot decode the file (tried UTF-8, UTF-16, GB18030): save it as UTF-8 or GBK CSV",
    ),
    Code(
        "E-DATA-ENCODING-MIXED",
        "error",
        "此行的编码与文件其余部分不同（文件是 {main}，此行是 {other}）：请把整个文件另存为同一种编码（如 CSV UTF-8）",
        "this row is in another encoding than the rest of the file (the file is {main}, this row {other}): "
        "save the whole file in one encoding (CSV UTF-8, say)",
        "data.csv:3: E-DATA-ENCODING-MIXED: 此行的编码与文件其余部分不同（文件是 UTF-8，此行是 GBK）："
        "请把整个文件另存为同一种编码（如 CSV UTF-8）",
    ),
    Code("E-DATA-COLUMNS", "error", "{reason}", "{reason}"),
    Code(
        "E-DATA-UNCALCULATED",
        "error",
        "单元格 {cell} 是公式，但工作簿没有保存它的计算结果（本表共 {count} 个这样的单元格）："
        "请在 Excel/WPS 中打开工作簿、重新计算后保存",
        "cell {cell} holds a formula whose result the workbook never saved ({count} such cells in this sheet): "
        "open the workbook in Excel/WPS, recalculate and save it",
        "data.xlsx:3: E-DATA-UNCALCULATED: 单元格 A3 是公式，但工作簿没有保存它的计算结果（本表共 2 个这样的单元格）："
        "请在 Excel/WPS 中打开工作簿、重新计算后保存",
    ),
    Code(
        "W-DATA-UNIT-NAME",
        "warning",
        "单位名称“{name}”与“{unit}”只差不可见字符、空格种类或全角半角，已视为同一单位“{unit}”",
        "unit name '{name}' differs from '{unit}' only by invisible characters, kinds of space or full/half width: "
        "read as the same unit '{unit}'",
        "data.csv:7:单位: W-DATA-UNIT-NAME: 单位名称“甲<U+200B>县”与“甲县”只差不可见字符、空格种类或全角半角，"
        "已视为同一单位“甲县”",
    ),
    Code(
        "W-DATA-HIDDEN-SHEET",
        "warning",
        "工作表“{sheet}”已隐藏，其中的数据未读取：若要计分，请在 Excel/WPS 中取消隐藏",
        "sheet '{sheet}' is hidden and its rows were not read: unhide it in Excel/WPS to score them",
        "data.xlsx: W-DATA-HIDDEN-SHEET: 工作表“旧数据”已隐藏，其中的数据未读取：若要计分，请在 Excel/WPS 中取消隐藏",
    ),
    Code(
        "W-DATA-TEMPLATE-RUBRIC",
        "warning",
        "这份填报模板是按细则“{made}”生成的，本次按细则“{used}”计分：请用 -r 指定生成模板时的细则"
        "（若本次细则就是在其基础上修改的，可不理会）",
        "this fill-in template was made with rubric '{made}' but is scored with '{used}': give the rubric it was "
        "made with as -r (ignore this if the rubric used is built on it)",
        "交回/乐平市.xlsx: W-DATA-TEMPLATE-RUBRIC: 这份填报模板是按细则“kaohe”生成的，本次按细则“shifan”计分："
        "请用 -r 指定生成模板时的细则（若本次细则就是在其基础上修改的，可不理会）",
    ),
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
        "data.csv:17:value: E-DATA-NUMBER: “九十”不是数值"
        "（指标“行政机关负责人出庭应诉率（court_appearance_rate）”应填百分比，如 96.5%）",
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
        "E-DATA-REVIEW",
        "error",
        "核对表“确认”列的“{answer}”无法理解：应填 是、否 或更正后的数值",
        "'{answer}' in the review sheet's confirmed column is not understood: write yes, no or the corrected value",
        "核对表.xlsx[核对表]:7:确认: E-DATA-REVIEW: 核对表“确认”列的“待定”无法理解：应填 是、否 或更正后的数值",
    ),
    Code(
        "E-DATA-REVIEW-NONE",
        "error",
        "核对表中没有确认或更正过的行：请在“确认”列填 是、否 或更正后的数值",
        "no row of the review sheet is confirmed or corrected: fill in its confirmed column (yes, no or a value)",
        "核对表.xlsx:3:确认: E-DATA-REVIEW-NONE: 核对表中没有确认或更正过的行：请在“确认”列填 是、否 或更正后的数值",
    ),
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
        "W-DATA-EXCLUDED",
        "warning",
        "此文件有 {n} 个错误，未参与排名（--keep-going）；第一个错误：{first}",
        "this file has {n} error(s) and is left out of the ranking (--keep-going); the first: {first}",
        "乙县.csv: W-DATA-EXCLUDED: 此文件有 2 个错误，未参与排名（--keep-going）；第一个错误："
        "乙县.csv:5:value: E-DATA-NUMBER",
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
    # --- data treatment (the rubric's ``treatment``: denominators, imputation, outliers) ---------
    Code(  # said by `rubric check` (rubric/lint.py): the declaration, before any data
        "W-TREAT-IMPUTE-FRACTION",
        "warning",
        "{where}：按 {how} 插补是否型或等次型指标 {fields}，会得到它们不可能取的小数（如 0.5），规则按这个小数评分；"
        "在 treatment.fields 中对这些指标写 impute: none，或用 previous_year（本单位此前一年的值）",
        "{where_en}: imputing the yes/no or graded field(s) {fields_en} by {how} gives fractions they can never take "
        "(such as 0.5), which the rules score as numbers; declare impute: none for them in treatment.fields, or "
        "previous_year (the unit's own earlier value)",
        "rubrics/x.yaml:5: W-TREAT-IMPUTE-FRACTION: 数据处理（treatment）：按 group_mean 插补是否型或等次型指标 "
        "done（是否完成）、level（测评等次），会得到它们不可能取的小数（如 0.5），规则按这个小数评分；"
        "在 treatment.fields 中对这些指标写 impute: none，或用 previous_year（本单位此前一年的值）",
    ),
    Code(
        "W-TREAT-DENOMINATOR",
        "warning",
        "指标 {field} 按 {per} 计算（÷ {per}{scale}）：{count} 个值的分母缺失或为 0，按缺数据处理：{units}",
        "field {field} is taken per {per} (÷ {per}{scale}): {count} value(s) have no denominator (missing or 0) "
        "and count as missing: {units}",
        "W-TREAT-DENOMINATOR: 指标 Elec 按 Energy 计算（÷ Energy）：1 个值的分母缺失或为 0，按缺数据处理：LAO 2018",
    ),
    Code(
        "W-TREAT-IMPUTED",
        "warning",
        "按细则的 treatment 插补了 {count} 个缺失值（{how}）：{fields}；插补值标为“插补”，不是佐证，仍列为缺数据",
        "the rubric's treatment imputed {count} missing value(s) ({how}): {fields}; imputed values are marked "
        "'imputed', are not evidence and still count as missing evidence",
        "W-TREAT-IMPUTED: 按细则的 treatment 插补了 65 个缺失值（group_mean，同年度同分组单位的均值）："
        "ConSpeed 8、CultGood 7、CultServ 4、Elec 1、FemLab 2、ForPort 3 等（另有 12 个）；"
        "插补值标为“插补”，不是佐证，仍列为缺数据",
    ),
    Code(
        "W-TREAT-NOT-IMPUTED",
        "warning",
        "指标 {field}：{count} 个缺失值无法插补（{how}），仍按缺数据计分：{where}",
        "field {field}: {count} missing value(s) cannot be imputed ({how}) and score as missing: {where}",
        "W-TREAT-NOT-IMPUTED: 指标 x：2 个缺失值无法插补（group_mean，同年度同分组单位的均值），"
        "仍按缺数据计分：2024 年分组“B”没有单位有值",
    ),
    Code(
        "W-TREAT-OUTLIER",
        "warning",
        "指标 {field} 有离群值（|偏度| ≥ {skew} 且峰度 ≥ {kurtosis}），已处理：{how}",
        "field {field} has outliers (|skew| ≥ {skew} and kurtosis ≥ {kurtosis}), treated: {how}",
        "W-TREAT-OUTLIER: 指标 Services 有离群值（|偏度| ≥ 2 且峰度 ≥ 3.5），已处理：2018 年缩尾 4 个点",
    ),
)
