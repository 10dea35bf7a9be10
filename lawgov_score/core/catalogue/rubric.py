"""Problem codes: Rubrics: structure, semantics, lint, the rubric commands and diff.

Codes are a public interface: never rename one, only add.  The example is what
`docs/errors.md` shows and what the tests check the message against."""

from __future__ import annotations

from . import Code, register

register(
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
        "E-RULE-SCALE",
        "error",
        "{where}：{method} 的值没有固定范围，须写明 scale: [得 0 分的值, 得满分的值]，如 scale: {example}",
        "{where}: {method} has no fixed range: state scale: [value scoring 0, value scoring full points], "
        "e.g. scale: {example}",
        "rubrics/x.yaml:31: E-RULE-SCALE: 项目 2.1「办案量」：zscore 的值没有固定范围，"
        "须写明 scale: [得 0 分的值, 得满分的值]，如 scale: [-2, 2]",
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
        "E-TREAT-CONFLICT",
        "error",
        "{where}：与项目 {other} 读同一指标 {field}，却声明了不同的数据处理（treatment）；一个指标只能有一种处理",
        "{where}: reads field {field} as item {other} does but declares another treatment; a field is treated one way",
        "rubrics/x.yaml:30: E-TREAT-CONFLICT: 项目 2.1「乙」：与项目 1.1 读同一指标 rate，"
        "却声明了不同的数据处理（treatment）；一个指标只能有一种处理",
    ),
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
    Code(
        "E-PART",
        "error",
        "{where}：{reason}",
        "{where}: {reason}",
        "rubrics/x.yaml:15: E-PART: 项目 1「审批服务」：assessed_by 中的“现场”不是细则 parts 中声明的评估部分"
        "（已声明：材料、实地、满意度）",
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
