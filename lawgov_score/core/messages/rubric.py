"""Sentences of the rubric commands and of the rubric layer (see ``core.messages``).

``rubric.where.*``, ``rubric.reason.*``, ``rubric.lint.*``, ``rubric.expected.*`` and
``rubric.formula.*`` are the parameters of the rubric's problems (``rubric.words`` puts them in as
``where``/``where_en``, ``reason``/``reason_en`` …); ``rubric.rule.*`` is a rule in words
(``rubric.describe``); the rest are what ``rubric check``, ``show`` and ``diff`` print.
A literal brace in a sentence is doubled (``{{n}}``).
"""

from __future__ import annotations

from . import define

# Where a problem is: the object the file line belongs to.
define(
    "rubric.where",
    {
        "rubric": ("细则", "rubric"),
        "top": ("细则顶层", "the rubric's top level"),
        "item": ("项目 {id}「{name}」", "item {id} '{name}'"),
        "item_id": ("项目 {id}", "item {id}"),
        "field": ("指标 {id}", "field {id}"),
        "field_formula": ("指标 {id} 的公式", "the formula of field {id}"),
        "constraint": ("约束“{check}”", "constraint '{check}'"),
        "constraints": ("约束", "constraint"),
        "dictionary": ("指标字典", "field dictionary"),
        "override": ("override {id}", "override {id}"),
        "add": ("add", "add"),
        "part": ("评估部分 {id}", "part {id}"),
        "treatment": ("数据处理（treatment）", "the data treatment (treatment)"),
    },
)

# Why a rubric cannot be used (E-TREE, E-RULE, E-RULE-ORDER, E-FIELD, E-GRADE, E-FILE, E-FORMULA).
define(
    "rubric.reason",
    {
        "fields_file": (
            "这是指标字典文件（只有 fields），不是细则；用 `rubric check` 检查它",
            "this is a field dictionary (fields only), not a rubric; check it with `rubric check`",
        ),
        "empty_file": ("文件为空", "the file is empty"),
        "part_unknown": (
            "assessed_by 中的“{part}”不是细则 parts 中声明的评估部分（已声明：{known}）",
            "'{part}' in assessed_by is not a part declared under parts (declared: {known})",
        ),
        "part_none": (
            "细则声明了评估部分，本项须用 assessed_by 说明由哪一部分评估（{known}）",
            "the rubric declares parts, so this item must say in assessed_by which part checks it ({known})",
        ),
        "part_empty": ("没有任何计分项目由该部分评估，其得分无从计算", "no scoring item is checked by this part"),
        "part_dup": ("评估部分编号重复", "the part id is used twice"),
        "parts_undeclared": (
            "写了 assessed_by，但细则没有声明 parts（评估部分及其权重）",
            "assessed_by is written but the rubric declares no parts (the parts and their weights)",
        ),
        "dictionary_empty": ("指标字典 {path} 为空", "the field dictionary {path} is empty"),
        "dictionary_unreadable": ("指标字典 {path} {why}", "field dictionary {path}: {why_en}"),
        "parent_rule": (
            "有下级项目的节点不能再设 rule、field 或 formula；把它们移到末级项目",
            "an item with children cannot have a rule, field or formula; move them to its leaf items",
        ),
        "field_and_formula": ("field 与 formula 只能设一个", "give field or formula, not both"),
        "unit_on_field": (
            "unit 只用于 formula 项目；field 项目的计量单位来自指标字典",
            "unit is for formula items only; a field item's unit comes from the field dictionary",
        ),
        "grade_levels": (
            "等次（grade）类型须列出 levels，如 [优, 良, 中, 差]",
            "a grade field must list its levels, e.g. [excellent, good, fair, poor]",
        ),
        "levels_not_grade": ("只有等次（grade）类型可以设 levels", "only a grade field can have levels"),
        "min_over_max": ("min {min} 大于 max {max}", "min {min} is greater than max {max}"),
        "name_taken": (
            "名称或别名“{name}”已被指标 {other} 使用，读数据时无法区分",
            "the name or alias '{name}' is field {other}'s already: reading data could not tell them apart",
        ),
        "name_reserved": (
            "数据文件里名为“{name}”的列{role_zh}，不会读作本指标，本指标永远读不到值；换一个 id、名称或别名",
            "a data file's column named '{name}' {role_en}, never as this field, so the field would never have a "
            "value; choose another id, name or alias",
        ),
        "patterns_type": (
            "只有数值、百分比、计数类型的指标可以设 patterns（extract 只读数值）",
            "only number, percent and count fields can have patterns (extract reads numbers only)",
        ),
        "patterns_alias": (
            "patterns 用了 {{alias}}，但指标没有 aliases",
            "patterns use {{alias}} but the field has no aliases",
        ),
        "constraint_no_field": ("约束须至少读一个指标", "a constraint must read at least one field"),
        "zero_division": (
            "“{culprit}”除以常数 0，结果总是缺失值",
            "'{culprit}' divides by the constant 0, so it is always missing",
        ),
        "side_points": (
            "{rule} 项不计入满分，不设 points（扣分上限用 cap）",
            "a {rule} item does not count towards the maximum: give it no points (cap limits it)",
        ),
        "out_of_range": (
            "{name} = {value} 超出指标“{field}”的取值范围（{range}）",
            "{name} = {value} is outside the range of field '{field}' ({range})",
        ),
        "levels_unknown": (
            "等次 {unknown} 不是指标“{field}”的等次（{levels}）",
            "{unknown} are not levels of field '{field}' ({levels})",
        ),
        "levels_unmapped": ("未给等次 {levels} 设得分比例", "the levels {levels} are given no share"),
        "veto_one": ("一票否决须且只须设 when、above、below 之一", "a veto needs exactly one of when, above, below"),
        "veto_cap": (
            "一票否决须设 cap_total（总分上限）或 cap_grade（最高等次）",
            "a veto needs cap_total (a cap on the total) or cap_grade (the best grade left)",
        ),
        "cap_grade": (
            "{where} 的 cap_grade“{grade}”不是细则的等次（{grades}）",
            "{where_en}: cap_grade '{grade}' is not one of the rubric's grades ({grades})",
        ),
        "cap_grade_no_grades": (
            "{where} 的 cap_grade“{grade}”不是细则的等次（未设等次）",
            "{where_en}: cap_grade '{grade}' is not a grade (the rubric has no grades)",
        ),
        "partial_over": (
            "未达标得分 partial {value} 超过满分 {points}",
            "partial {value} is more than the item's {points} points",
        ),
        "method_conflict": (
            "type 为 {type} 时 method 只能是 {type}（现为 {method}）；换方法请写 type: normalise",
            "with type {type}, method can only be {type} (it is {method}); for another method write type: normalise",
        ),
        "scale_order": (
            "scale 应从 0 分对应的值升到满分对应的值（现为 [{lo}, {hi}]）",
            "scale must rise from the value scoring 0 to the value scoring full points (it is [{lo}, {hi}])",
        ),
        "linear_order": (
            "direction 为 {direction} 时应 floor {sign} target（现为 floor {floor}，target {target}）",
            "with direction {direction}, floor must be {sign} target (floor is {floor}, target {target})",
        ),
        "bands_order_down": (
            "档位 at 应从最好的一档起递减（现为 {ats}）",
            "band thresholds (at) must fall from the best band on (they are {ats})",
        ),
        "bands_order_up": (
            "档位 at 应从最好的一档起递增（现为 {ats}）",
            "band thresholds (at) must rise from the best band on (they are {ats})",
        ),
        "band_over": (
            "档位得分 {value} 超过满分 {points}",
            "a band gives {value}, more than the item's {points} points",
        ),
        "else_over": ("else {value} 超过满分 {points}", "else {value} is more than the item's {points} points"),
        "rank_over": (
            "名次得分 {value} 超过满分 {points}",
            "a rank gives {value}, more than the item's {points} points",
        ),
        "grade_dup": ("等次名称“{name}”重复", "the grade name '{name}' appears twice"),
        "grade_order": (
            "等次应从高到低排列，min_percent 递减（“{name}”{min} 不低于上一等次 {above}）",
            "grades run from the highest down, min_percent falling "
            "('{name}' {min} is not below the grade above, {above})",
        ),
    },
)

# What a value should have been (E-TYPE).
define(
    "rubric.expected",
    {
        "number": ("应为数字", "a number"),
        "whole": ("应为整数", "a whole number"),
        "bool": ("应为 true 或 false", "true or false"),
        "text": ("应为文字", "text"),
        "list": ("应为列表（以 - 开头的各行）", "a list"),
        "mapping": ("应为映射（键: 值）", "a mapping"),
        "not_empty": ("不能为空", "must not be empty"),
        "identifier": (
            "只能用英文字母、数字和下划线，且不以数字开头",
            "letters, digits and _ only, not starting with a digit",
        ),
        "finite": ("应为有限的数", "a finite number"),
        "choices": ("可选：{choices}", "one of {raw}"),
        "ge": ("应不小于 {bound}", "must be ≥ {bound}"),
        "gt": ("应大于 {bound}", "must be > {bound}"),
        "le": ("应不大于 {bound}", "must be ≤ {bound}"),
        "min_length": ("至少需要 {n} 项", "needs at least {n} entries"),
        "top_mapping": ("顶层应为映射（id、name、items 等键）", "the top level must be a mapping (id, name, items …)"),
        "extends_path": ("应为细则文件的路径", "a path to the base rubric"),
        "override_mapping": ("应为映射（要改的键: 新值）", "a mapping of keys to new values"),
        "add_item": ("每项应为一个项目的映射", "each entry must be an item mapping"),
        "fields_list": ("应为指标字典文件路径或指标定义的列表", "a list of dictionary paths or field definitions"),
        "field_entry": ("应为指标字典文件路径或指标定义", "a dictionary path or a field definition"),
        "dictionary_fields": ("指标字典应有顶层键 fields", "a field dictionary needs a top-level 'fields' list"),
        "items": ("应为项目列表（以 - 开头）", "a list of items"),
        "item": ("每个项目应为映射（id、name、points …）", "each item must be a mapping"),
        "pattern_placeholder": (
            "“{m}”：只能用 {{n}}（数值）和 {{alias}}（别名）两种占位符",
            "'{m}': the only placeholders are {{n}} (the number) and {{alias}} (an alias)",
        ),
        "pattern_number": (
            "“{m}”：须有且只有一个 {{n}} 标出数值的位置（或给出 value）",
            "'{m}': needs exactly one {{n}} where the number is (or a value)",
        ),
        "pattern_value_number": (
            "“{m}”：给出 value 的写法不能再含 {{n}}",
            "'{m}': a phrasing with a value cannot also hold {{n}}",
        ),
        "pattern_alias": ("“{m}”：{{alias}} 最多出现一次", "'{m}': {{alias}} may appear once at most"),
        "pattern_empty": ("“{m}”：除占位符外还须有文字", "'{m}': needs words besides the placeholders"),
    },
)

# Other parameter words: a key, a setting, a field type, what an item does.
define(
    "rubric",
    {
        "key.top": ("(顶层)", "(top level)"),
        "what.points": ("分值", "points"),
        "ftype.number": ("数值", "number"),
        "ftype.percent": ("百分比", "percent"),
        "ftype.count": ("计数", "count"),
        "ftype.bool": ("是/否", "yes/no"),
        "ftype.grade": ("等次", "grade"),
        "effect.score": ("得分", "score"),
        "effect.negative": ("扣分", "deduct"),
        "effect.bonus": ("加分", "add a bonus"),
        "effect.veto": ("触发否决", "fire"),
        "effect.full": ("得满分", "score full points"),
        "effect.value": ("算出数值", "give a value"),
    },
)

# Why a formula does not parse (rubric.formula.FormulaError).
define(
    "rubric.formula",
    {
        "end": ("结尾", "the end"),
        "bad_char": (
            "第 {pos} 个字符“{char}”不能出现在公式中（只允许数字、指标编号、+ - * / 和括号）",
            "character {pos}, '{char}', cannot be in a formula (only numbers, field ids, + - * / and parentheses)",
        ),
        "expected": (
            "第 {pos} 个字符处应为“{wanted}”，实为“{found}”",
            "'{wanted}' expected at character {pos}, not '{found}'",
        ),
        "empty": ("公式为空", "the formula is empty"),
        "extra": ("第 {pos} 个字符处多出“{found}”", "'{found}' left over at character {pos}"),
        "unknown_function": ("未知函数“{name}”；可用：{choices}", "unknown function '{name}'; use one of: {choices}"),
        "arity": ("函数 {name} 的参数个数不对", "function {name} is given the wrong number of arguments"),
        "unexpected": ("第 {pos} 个字符处不应出现“{found}”", "'{found}' cannot stand at character {pos}"),
        "not_text": ("公式须为文字", "a formula must be text"),
        "too_deep": (
            "第 {pos} 个字符处公式嵌套或连用的运算超过 {limit} 层：请把它拆成几个派生指标的公式",
            "the formula nests or chains more than {limit} levels at character {pos}: split it into the formulas of "
            "several derived fields",
        ),
        "number_too_large": (
            "第 {pos} 个字符处的数过大（公式中的数不能超过 {limit}）",
            "the number at character {pos} is too large (a number in a formula is at most {limit})",
        ),
        "comparison_not_text": ("比较式须为文字", "a comparison must be text"),
        "one_comparison": (
            "须有且只有一个比较符号：<=、<、>=、>、==（如 a <= b）",
            "it needs exactly one comparison: <=, <, >=, > or == (as in a <= b)",
        ),
    },
)

# The lint's findings (W-NEVER-SCORES, W-CAP, W-BONUS, W-VETO, W-GRADE, E-WAIVER).
define(
    "rubric.lint",
    {
        "points_zero": ("分值为 0", "its points are 0"),
        "bands_zero": ("各档得分与 else 均为 0", "every band and else are worth 0"),
        "ranks_zero": ("各名次得分与 else 均为 0", "every rank and else are worth 0"),
        "levels_zero": ("各等次的得分比例均为 0", "every level earns a share of 0"),
        "weight_zero": (
            "上级按加权平均汇总，而本项权重为 0",
            "its parent takes a weighted mean and its weight is 0",
        ),
        "veto_above": (
            "否决条件为大于 {above}，而指标“{field}”最大为 {hi}",
            "it fires above {above} and field '{field}' is at most {hi}",
        ),
        "veto_below": (
            "否决条件为小于 {below}，而指标“{field}”最小为 {lo}",
            "it fires below {below} and field '{field}' is at least {lo}",
        ),
        "bonus_cap_zero": ("细则的 bonus_cap 为 0", "the rubric's bonus_cap is 0"),
        "best_band": (
            "最高一档 {best} 分，低于本项分值 {points}",
            "the best band gives {best}, below the item's {points} points",
        ),
        "best_rank": (
            "最高名次得分 {best} 分，低于本项分值 {points}",
            "the best rank gives {best}, below the item's {points} points",
        ),
        "best_level": (
            "最好的等次得分比例为 {best}，低于本项分值 {points}",
            "the best level earns a share of {best}, below the item's {points} points",
        ),
        "cap_below_each": (
            "cap {cap} 小于每次的 each {each}，一次就超过上限",
            "cap {cap} is below one step, each {each}",
        ),
        "cap_over_points": (
            "最多扣 {cap} 分，超过本项分值 {points}（本项最低 0 分）",
            "it deducts up to {cap}, more than the item's {points} points (the item stops at 0)",
        ),
        "bonus_over_cap": (
            "本项最多加 {each} 分，但全部加分合计不超过 bonus_cap {cap}",
            "the item adds up to {each} but all bonuses together stop at bonus_cap {cap}",
        ),
        "bonus_cap_unused": (
            "设了 bonus_cap {cap}，但没有加分（bonus）项目",
            "bonus_cap is {cap} but there is no bonus item",
        ),
        "veto_cap_total": (
            "cap_total {cap} 不低于可得的最高总分 {best}",
            "cap_total {cap} is not below the highest possible total {best}",
        ),
        "veto_cap_grade": ("cap_grade“{grade}”是最高等次", "cap_grade '{grade}' is the best grade"),
        "grade_floor": (
            "得分率低于 {min}% 的单位没有等次；最后一档应为 min_percent: 0",
            "a unit below {min}% gets no grade; make the last band min_percent: 0",
        ),
        "grade_unreachable": (
            "“{name}”要求得分率 {min}%，最高只能达到 {top}%",
            "'{name}' needs {min}% but at most {top}% can be reached",
        ),
        "no_code": ("没有这个问题代码", "no such problem code"),
        "error_waived": ("错误只能改正，不能豁免", "an error must be fixed, not waived"),
    },
)

# A rule in words (rubric.describe).
define(
    "rubric.rule",
    {
        "parent_summary": ("{points} 分，含 {leaves} 个末级项目", "{points} points, {leaves} leaf items"),
        "leaf_summary": ("{points} 分；{source}；{rule}", "{points} points; {source}; {rule}"),
        "yes": ("是", "yes"),
        "no": ("否", "no"),
        "unit": ("", "unit"),
        "boolean": ("{answer}得 {points} 分，否则 0 分", "{answer}: {points}, else 0"),
        "threshold": (
            "{op} {target}{u} 得 {points} 分，否则 {partial} 分",
            "{op} {target}{u}: {points}, else {partial}",
        ),
        "linear": (
            "{floor}{u} 得 0 分至 {target}{u} 得 {points} 分，其间按比例",
            "linear from {floor}{u} (0) to {target}{u} ({points})",
        ),
        "bands": ("{bands}；其余 {rest} 分", "{bands}; else {rest}"),
        "deduct_short": (
            "目标 {target}{u}，每少{per1}{u}扣 {each} 分，最多扣 {cap} 分",
            "target {target}{u}: −{each} per {per}{unit} short, at most −{cap}",
        ),
        "deduct_over": (
            "目标 {target}{u}，每多{per1}{u}扣 {each} 分，最多扣 {cap} 分",
            "target {target}{u}: −{each} per {per}{unit} over, at most −{cap}",
        ),
        "graded_join": ("，", "; "),
        "direct": ("评估组直接打分，0–{points} 分", "score entered by assessor, 0–{points}"),
        "negative": ("每发生一次扣 {each} 分，最多扣 {cap} 分", "−{each} each, at most −{cap}"),
        "bonus": ("每项加 {each} 分，最多加 {cap} 分", "+{each} each, at most +{cap}"),
        "veto_yes": ("为“是”", "yes"),
        "veto_no": ("为“否”", "no"),
        "veto_cap_total": ("总分不超过 {cap}", "total ≤ {cap}"),
        "veto_cap_grade": ("等次最高为{grade}", "grade at most {grade}"),
        "veto_join": ("，", ", "),
        "veto": ("一票否决：{cond}时{caps}", "veto when {cond}: {caps}"),
        "peers_year": ("同年度单位", "same year"),
        "peers_group": ("同年度同{group}单位", "same year and {group}"),
        "alone_full": ("；无可比单位时得满分", "; no peer: full"),
        "alone_zero": ("；无可比单位时得 0 分", "; no peer: 0"),
        "ratio_to_best_high": ("实际值 ÷ {peers}最高值 × {points}", "value / best among {peers} × {points}"),
        "ratio_to_best_low": ("实际值 ÷ {peers}最低值 × {points}", "value / best among {peers} × {points}"),
        "rank": ("按{peers}排名得 {by_rank} 分，其余 {rest} 分", "by rank among {peers}: {by_rank}, else {rest}"),
        "minmax": ("按{peers}最小—最大值折算 × {points}", "min-max among {peers} × {points}"),
        "normalise": (
            "按{peers}{method}{lower}：{lo} 得 0 分、{hi} 得 {points} 分，其间按比例",
            "{method} among {peers}{lower}: {lo} scores 0, {hi} scores {points}, linear between",
        ),
        "lower": ("（越低越好）", " (lower is better)"),
        "population_sd": ("（总体标准差）", " (population sd)"),
    },
)
# The thirteen normalisations named in a rule's description (`rubric show`).
define(
    "rubric.norm",
    {
        "minmax": ("最小—最大值标准化", "min-max"),
        "zscore": ("标准分（z 分数）", "z-score"),
        "rank": ("名次（最差为 1）", "rank (worst = 1)"),
        "percentile": ("百分位（名次 ÷ 单位数 × 100）", "percentile (rank / n × 100)"),
        "ratio_to_mean": ("与均值之比", "ratio to the mean"),
        "ratio_to_best": ("与最优值之比", "ratio to the best"),
        "ratio_to_worst": ("与最差值之比", "ratio to the worst"),
        "distance_to_mean": ("与均值的相对差距", "relative distance to the mean"),
        "distance_to_best": ("与最优值的相对差距", "relative distance to the best"),
        "distance_to_worst": ("与最差值的相对差距", "relative distance to the worst"),
        "above_below_mean": (
            "高于/低于均值 {p}% 以上记 1/−1、其余记 0",
            "above/below the mean by over {p}%: 1/−1, else 0",
        ),
        "vector": ("向量标准化（÷ 平方和的平方根）", "vector normalisation (/ root of the sum of squares)"),
        "sum": ("占总和的比例", "share of the sum"),
    },
)

# The roles a data file's column can play (core.column_names), as a field-name clash names them.
define(
    "rubric.column_role",
    {
        "unit": ("会读作单位名称", "is read as the unit's name"),
        "year": ("会读作年度", "is read as the year"),
        "field": ("会读作指标编号", "is read as the field id"),
        "value": ("会读作数值", "is read as the value"),
        "evidence": ("会读作佐证", "is read as the evidence"),
        "source": ("会读作来源", "is read as the source"),
        "qualifier": ("会读作数值限定", "is read as the qualifier"),
        "city": ("会读作所属市", "is read as the unit's city"),
        "province": ("会读作所属省份", "is read as the unit's province"),
        "level": ("会读作单位层级", "is read as the unit's level"),
        "group": ("会读作分组", "is read as the unit's group"),
    },
)

# `rubric diff`: the kinds of change, and the report's sentences.
define(
    "rubric.kind",
    {
        "added": ("新增", "added"),
        "removed": ("删除", "removed"),
        "renamed": ("改名", "renamed"),
        "renumbered": ("改编号", "renumbered"),
        "moved": ("移动", "moved"),
        "points": ("分值", "points"),
        "rule": ("规则", "rule"),
        "target": ("目标", "target"),
        "field": ("指标", "field"),
        "weight": ("权重", "weight"),
        "aggregate": ("汇总方式", "aggregate"),
        "missing": ("缺数据", "missing"),
        "evidence": ("佐证", "evidence"),
        "description": ("说明", "description"),
        "total": ("满分", "total"),
        "bonus_cap": ("加分上限", "bonus cap"),
        "grades": ("等次", "grades"),
        "decimals": ("小数位", "decimals"),
        "rubric": ("细则信息", "rubric"),
        "field_def": ("指标定义", "field definition"),
        "parts": ("评估部分", "evaluation part"),
        "assessed_by": ("评估方式", "assessed by"),
    },
)
define(
    "rubric.diff",
    {
        "headline": ("细则变更：{old} → {new}", "Rubric changes: {old} → {new}"),
        "summary": (
            "满分 {total_old} → {total_new}；项目 {items_old} → {items_new}；"
            "变更 {changes} 处，其中影响得分 {scoring} 处",
            "maximum {total_old} → {total_new}; items {items_old} → {items_new}; "
            "{changes} changes, {scoring} of them can change scores",
        ),
        "no_scoring": (
            "没有影响得分的变更：各单位的总分、排名和等次不变。",
            "No change can alter a score: totals, ranks and grades stay as they are.",
        ),
        "method_unchanged": (
            "注意：分值或权重变了，评分方法说明（method）却未修改；报告的“评分方法”一节会原样印出，请核对其中的数字和理由。",
            "Note: points or weights changed but the method text (method) did not; the report prints it as "
            "written, so check its figures and reasons.",
        ),
        "impact_title": ("得分与排名（{data}）", "Scores and ranks ({data})"),
        "scope_year": ("每年单独排名", "ranked within each year"),
        "scope_group": ("每年按{by}分组单独排名", "ranked within each year and {by}"),
        "top": ("；变动最大：{unit} {year} {move}", "; largest move: {unit} {year} {move}"),
        "impact": (
            "{n} 个单位·年度（{scope}）：总分变化 {changed} 个，排名变化 {moved} 个，等次变化 {graded} 个{top}",
            "{n} unit-years ({scope}): {changed} change total, {moved} change rank, {graded} change grade{top}",
        ),
        "movers": ("变动最大", "Largest movers"),
        "movers_top": ("变动最大（前 {n}）", "Largest movers"),
        "grade_changes": ("等次变化", "Grade changes"),
        "all_units": ("全部单位（{n}）", "All units ({n})"),
        "gates_passed": ("门槛：通过", "gates passed"),
        "gates_failed": ("门槛：未通过（{n} 个单位·年度）", "gates FAILED: {n} unit-years"),
        "gate_rank": ("排名 {old} → {new}", "rank {old} → {new}"),
        "gate_grade": ("等次 {old} → {new}", "grade {old} → {new}"),
        "gate_join": ("；", "; "),
        "gate_unit": ("  {unit} {year}：{what}", "  {unit} {year}: {what}"),
        "gate_note": ("门槛未通过：{n} 个单位·年度", "gates failed: {n} unit-years"),
    },
)

# `rubric show` and `rubric check`.
define(
    "rubric.show",
    {
        "title": ("{name}（{id}{version}）", "{name} ({id}{version})"),
        "version": ("，版本 {version}", ", version {version}"),
        "counts": (
            "一级指标 {dims} 个，末级项目 {leaves} 个，满分 {total} 分",
            "{dims} dimensions, {leaves} items, {total} points",
        ),
        "grades": ("等次：{bands}", "grades: {bands}"),
        "edition": ("依据版本：{edition}", "edition: {edition}"),
        "edition.guide": ("申报指南", "the application guide"),
        "edition.year": ("{edition} 年版", "the {edition} edition"),
        "wording.official": ("官方表述", "official"),
        "wording.summary": ("本工具概括", "summary"),
        "wording.head": ("名称", "wording"),
        "assessed.head": ("评估方式", "assessed by"),
        "unknown": ("（内容未公布）", " (content not published)"),
        "additional_mark": ("［附加项］", "[additional] "),
        "parts": ("评估部分及权重：{parts}", "evaluation parts and weights: {parts}"),
        "part": ("{name}（{id}）{share}%，{points} 分", "{name} ({id}) {share}%, {points} points"),
        "additional": (
            "附加项 {n} 个（不计入项目数和满分）",
            "{n} additional items (outside the item count and maximum)",
        ),
        "wording": (
            "名称：{official} 项为官方表述，{summary} 项为本工具的概括",
            "names: {official} official, {summary} this project's summary",
        ),
        "join": ("，", ", "),
        "method": (
            "评分方法说明：lawgov-score rubric show --method",
            "how the points were chosen: lawgov-score rubric show --method",
        ),
        "no_method": (
            "本细则没有写评分方法说明（method）",
            "this rubric has no method text (method)",
        ),
    },
)
define(
    "rubric.check",
    {
        "passed": (
            "{path}：通过（错误 {errors}，警告 {warnings}）",
            "{path}: ok ({errors} errors, {warnings} warnings)",
        ),
        "failed": (
            "{path}：未通过（错误 {errors}，警告 {warnings}）",
            "{path}: FAILED ({errors} errors, {warnings} warnings)",
        ),
    },
)
