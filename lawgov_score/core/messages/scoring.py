"""Sentences of the scoring commands (see ``core.messages``): ``score``, ``rank`` and their workbook,
the ``report`` page and its charts, the ``template`` workbook."""

from __future__ import annotations

from . import define

# Separators and small words that join a list or a number to its unit.
define(
    "scoring",
    {
        "list": ("、", ", "),
        "join": ("，", ", "),
        "then": ("；", "; "),
        "colon": ("：", ": "),
        "paren": ("（{text}）", " ({text})"),
        "wrote_images": ("已写出 {n} 张图片到 {path}", "wrote {n} image(s) to {path}"),
    },
)

# The scoring workbook (score, rank and gaps -f xlsx): sheet names and the lines above each table.
define(
    "scoring.workbook",
    {
        "title": ("{name} 评分结果", "{name}: scores"),
        "sheet_rank": ("排名", "ranking"),
        "sheet_items": ("得分明细", "items"),
        "sheet_gaps": ("差距", "gaps"),
        "rank_head": ("{name}：排名", "{name}: ranking"),
        "rank_note": (
            "满分 {total} 分；得分率 = 总分 ÷ 满分{grades}。",
            "full marks {total}; percent = total ÷ full marks{grades}.",
        ),
        "rank_grades": ("；等次：{grades}", "; grades: {grades}"),
        "grade_min": ("{name} ≥ {min}%", "{name} ≥ {min}%"),
        "items_head": ("{name}：得分明细（每个单位、每个项目）", "{name}: item scores (every unit, every item)"),
        "items_note": (
            "数值与目标按指标的计量单位；差距 = 达到满分还差的量；状态：达标、失分、缺数据、否决。",
            "values and targets in each field's unit; gap = what full marks still need; status: met, short, "
            "missing, vetoed.",
        ),
        "gaps_head": (
            "{name}：失分项目（每个单位失分从多到少）",
            "{name}: items losing points (largest loss first, per unit)",
        ),
        "gaps_note": (
            "原因“缺数据”的项目须补充佐证材料；“无可比单位”的项目同年度同组没有其他单位的数据可比；"
            "“满分所需”是得满分要达到的值。",
            "items 'missing evidence' need their evidence supplied; items with 'no peer to compare with' have "
            "no other unit of the same year and group to compare with; 'needed' is the value for full marks.",
        ),
    },
)

# The HTML report: header, navigation, and each section's headings, notes and lines.
define(
    "scoring.report",
    {
        "html_lang": ("zh-CN", "en"),
        "title": ("{name} 评估报告", "{name}: evaluation report"),
        "version": ("，版本 {version}", ", version {version}"),
        "header": (
            "细则：{name}（{id}{version}），满分 {total} 分；数据：{files} 个文件，{units} 个单位",
            "rubric: {name} ({id}{version}), full marks {total}; data: {files} file(s), {units} unit(s)",
        ),
        "nav_summary": ("概况", "Summary"),
        "nav_ranking": ("排名", "Ranking"),
        "nav_heatmap": ("热力图", "Heat map"),
        "nav_radar": ("雷达图", "Radar charts"),
        "nav_gaps": ("差距", "Gaps"),
        "nav_evidence": ("数据与佐证", "Data and evidence"),
        "nav_method": ("评分方法", "Scoring method"),
        "card_units": ("参评单位", "units evaluated"),
        "card_years": ("年度", "years"),
        "card_mean": ("平均总分（满分 {total}）", "mean total (of {total})"),
        "card_missing": ("评分项目缺数据的比例", "scored items without data"),
        "card_vetoed": ("被一票否决", "vetoed"),
        "year": ("{year} 年", "{year}"),
        "no_year": ("未注明年度", "year not stated"),
        "year_line": (
            "{year}：{units} 个单位，平均 {mean} 分；最高 {best} {best_total} 分",
            "{year}: {units} unit(s), mean {mean}; highest {best} {best_total}",
        ),
        "year_worst": ("，最低 {worst} {worst_total} 分", ", lowest {worst} {worst_total}"),
        "year_grades": ("；等次：{grades}。", "; grades: {grades}."),
        "grade_count": ("{grade} {n} 个", "{grade} {n}"),
        "no_grade": ("无等次", "no grade"),
        "totals": ("总分", "Totals"),
        "missing_note": (
            "注意：{pct}% 的评分项目没有数据，按细则计 0 分；得分低多因缺数据而非工作不到位，"
            "补齐数据和佐证后再比较更有意义（见“差距”）。",
            "Note: {pct}% of the scored items have no data and score 0 by the rubric; low scores then "
            "reflect missing data more than missing work: compare again once the data and evidence are "
            "supplied (see Gaps).",
        ),
        "ranking_note": (
            "每个年度单独排名；总分相同者名次并列。各一级指标列为该指标得分（括号内为满分）。",
            "Each year is ranked on its own; equal totals share a rank. Each dimension's column is its "
            "score (full marks in brackets).",
        ),
        "dim_head": ("{id} {name}（{max}）", "{id} {name} ({max})"),
        "heatmap_head": ("热力图：各单位 × 一级指标", "Heat map: units × dimensions"),
        "heatmap_note": (
            "格中数字为得分，颜色为得分率（得分 ÷ 该指标满分）：红低、黄中、绿高。",
            "Each cell shows the score; its colour the percent (score ÷ the dimension's full marks): "
            "red low, yellow middle, green high.",
        ),
        "radar_head": ("雷达图：各单位的长处与短板", "Radar charts: each unit's strengths and weaknesses"),
        "radar_legend": (
            "各一级指标的得分率（得分 ÷ 满分，外圈为 100%）：{unit}本单位{average}同年度参评单位平均。轴：{axes}。",
            "Percent of each dimension (score ÷ full marks, the outer ring is 100%): {unit}this unit{average}"
            "mean of the units of the same year. Axes: {axes}.",
        ),
        "gaps_top": ("失分最多的 {top} 项", "the {top} largest losses"),
        "gaps_all": ("全部失分项目", "every item losing points"),
        "gaps_head": ("差距：{top}", "Gaps: {top}"),
        "gaps_note": (
            "“缺数据”的项目须补充数据和佐证材料；“满分所需”是得满分要达到的值。",
            "Items with missing evidence need their data and evidence supplied; 'needed' is the value for full marks.",
        ),
        "gaps_unit": ("{label}：列出 {n} 项，共失分 {lost}", "{label}: {n} item(s) listed, {lost} points lost"),
        "gaps_columns": (
            "编号|项目|失分|得分/满分|现值|满分所需|原因|应有佐证",
            "id|item|lost|score / max|value|needed|reason|evidence expected",
        ),
        "evidence_head": ("数据与佐证", "Data and evidence"),
        "evidence_note": (
            "评分所用的每个数值、原文佐证和出处（文件:行）。“下限”表示原文为“××余/多/以上”，按下限计。",
            "Every value scored, its evidence as written and where it is (file:row). 'lower bound' means the "
            "text says 'more than …', read as its lower bound.",
        ),
        "evidence_unit": ("{label}：{n} 个数值", "{label}: {n} value(s)"),
        "evidence_columns": ("指标|数值|佐证（原文）|出处", "field|value|evidence (as written)|where"),
        "lower_bound": ("下限", "lower bound"),
        "approx": ("约数", "approximate"),
        "method_head": ("评分方法", "Scoring method"),
        "method_rubric": (
            "细则：<b>{name}</b>（{id}{version}），一级指标 {dims} 个，末级评分项目 {leaves} 个，满分 {total} 分，"
            "得分保留 {decimals} 位小数。",
            "Rubric: <b>{name}</b> ({id}{version}), {dims} dimensions, {leaves} scored items, full marks "
            "{total}, scores to {decimals} decimal place(s).",
        ),
        "method_grades": ("等次：{grades}。", "Grades: {grades}."),
        "method_grade": ("{name}：得分率 ≥ {min}%", "{name}: percent ≥ {min}%"),
        "method_rules": (
            "各项得分按细则的评分规则由数值算出；上级指标为下级得分之和（不超过本级满分）。"
            "没有数据的项目按细则计分（通常为 0 分）并标为“缺数据”。",
            "Each item is scored from its value by the rubric's rule; a parent adds up its children's scores "
            "(at most its own full marks). An item without data scores as the rubric says (usually 0) and "
            "is marked missing.",
        ),
        "rule_types": ("各类评分规则", "Rule types"),
        "rule_line": ("<b>{text}</b>（{count} 项）", "<b>{text}</b> ({count} item(s))"),
        "rule_example": ("例：{example}", "e.g. {example}"),
        "data_files": ("数据文件", "Data files"),
        "no_data": ("无数据", "no data"),
        "heatmap_label": ("各单位各一级指标得分热力图", "heat map of each unit's dimension scores"),
        "radar_label": ("{title} 各一级指标得分率雷达图", "radar chart of {title}'s dimension percents"),
        "bars_label": ("各单位总分", "totals of the units"),
        "bars_max": ("满分 {max}", "full marks {max}"),
        "chart_totals_axis": ("总分（满分 {total}）", "total (of {total})"),
        "chart_totals_title": ("{name}：总分", "{name}: totals"),
        "chart_heatmap_axis": (
            "格中为得分，颜色为得分率：红低、黄中、绿高",
            "cells show the score, colours the percent: red low, yellow middle, green high",
        ),
        "chart_average": ("同年度参评单位平均", "mean of the units of the same year"),
        "chart_unit": ("本单位", "this unit"),
        "chart_radar_title": ("{label}：各一级指标得分率", "{label}: percent of each dimension"),
        "font_missing": (
            "找不到能显示中文的字体，无法生成 PNG 图片（HTML 报告不受影响）：请安装中文字体"
            "（如 Debian/Ubuntu 的 fonts-noto-cjk），或用环境变量 LAWGOV_CJK_FONT 指定字体文件",
            "no font that draws Chinese was found, so the PNG charts cannot be drawn (the HTML report is not "
            "affected): install a Chinese font (on Debian/Ubuntu fonts-noto-cjk), or name a font file in the "
            "environment variable LAWGOV_CJK_FONT",
        ),
        "font_file": (
            "环境变量 LAWGOV_CJK_FONT 指向的“{path}”不是能显示这些中文的字体文件，无法生成 PNG 图片",
            "the environment variable LAWGOV_CJK_FONT names '{path}', which is not a font file that draws "
            "this Chinese text, so the PNG charts cannot be drawn",
        ),
    },
)

# How each rule type scores, in the words of the report's method notes.
define(
    "scoring.rule",
    {
        "boolean": ("是/否：符合要求得满分，否则 0 分。", "Yes/no: full marks when met, else 0."),
        "threshold": (
            "达标：达到目标值得满分，未达到得规定的部分分（多为 0 分）。",
            "Threshold: full marks at the target, else the partial points set (mostly 0).",
        ),
        "linear": (
            "线性：在下限得 0 分，达到目标得满分，其间按比例计分。",
            "Linear: 0 at the floor, full marks at the target, in proportion between.",
        ),
        "bands": ("分档：按数值所达到的档次得分。", "Bands: points by the band the value reaches."),
        "deduct": (
            "扣分：以满分为起点，每差一定数量扣若干分，扣完为止或扣至上限。",
            "Deduct: from full marks, points off for each step short, down to 0 or to the cap.",
        ),
        "graded": (
            "等次：按评定的等次（如优、良、中、差）得满分的相应比例。",
            "Graded: the share of full marks set for the level rated.",
        ),
        "direct": ("直接打分：由评估组在 0 分到满分之间直接打分。", "Direct: the evaluators give 0 to full marks."),
        "negative": (
            "负面清单：每发生一次扣若干分（有上限），从所在指标中扣除。",
            "Negative list: points off each time it happens (capped), taken from the parent item.",
        ),
        "bonus": ("加分：每项加若干分（有上限），计入总分。", "Bonus: points added for each (capped), into the total."),
        "veto": ("一票否决：发生即否决，总分或等次封顶。", "Veto: when it happens, the total or the grade is capped."),
        "ratio_to_best": (
            "与最优比：实际值 ÷ 同年度（同组）单位的最优值 × 满分。",
            "Ratio to best: value ÷ the best value of the same year (and group) × full marks.",
        ),
        "rank": (
            "按名次：按同年度（同组）单位中的排名得分。",
            "By rank: points by the rank among the same year's (group's) units.",
        ),
        "minmax": (
            "极差折算：按数值在同年度（同组）单位最小值与最大值之间的位置折算。",
            "Min–max: points by where the value lies between the lowest and highest of the same year (group).",
        ),
    },
)

# The fill-in workbook (`template`): sheet names, the guide, notes, hints and Excel's input checks.
# The Chinese sheet names are those ``data.template`` documents (a test keeps them equal).
define(
    "scoring.template",
    {
        "sheet_guide": ("填报说明", "guide"),
        "sheet_unit": ("单位信息", "unit"),
        "sheet_data": ("填报数据", "data"),
        "title": ("{name} 填报模板", "{name}: fill-in template"),
        "subject": ("法治政府建设指标填报", "rule-of-law government indicators to fill in"),
        "about": (
            "细则：{name}（{id}{version}），满分 {total} 分；本模板共 {n} 项指标需填报。",
            "Rubric: {name} ({id}{version}), full marks {total}; this template asks for {n} value(s).",
        ),
        "steps": ("填报步骤", "How to fill it in"),
        "step_unit": (
            "1. 在“{sheet}”表第 4 行填写单位名称和年度（必填）；所属市、省份、层级、分组可选填。"
            "一个工作簿只填一个单位、一个年度。",
            "1. On the sheet '{sheet}', row 4: the unit's name and the year (required); city, province, level "
            "and group if wanted. One workbook holds one unit and one year.",
        ),
        "step_data": (
            "2. 在“{sheet}”表逐行填写“填报值”和“佐证材料”（浅黄色两列）；"
            "灰色各列是细则的内容，请勿修改，也不要删除或插入行。",
            "2. On the sheet '{sheet}', fill in 'value' and 'evidence' row by row (the two light yellow "
            "columns); the grey columns are the rubric's: do not change them, nor delete or insert rows.",
        ),
        "step_blank": (
            "3. 不掌握数据的指标请留空，不要填 0：留空按“缺数据”计（该项不得分，并在差距清单中提示补充佐证）；"
            "填 0 表示确实为零。",
            "3. Leave a value you do not have blank, never 0: a blank counts as missing (the item scores "
            "nothing and the gaps list asks for its evidence); 0 means it really is zero.",
        ),
        "step_save": (
            "4. 保存为 .xlsx 文件（WPS 请选择“Excel 文件（*.xlsx）”），文件名建议为“单位名称-年度.xlsx”，交回汇总。",
            "4. Save as an .xlsx file (in WPS choose the Excel (*.xlsx) type), best named unit-year.xlsx, "
            "and send it back.",
        ),
        "kinds": ("各类指标的填法", "How each kind of value is written"),
        "kind_percent": (
            "百分比：直接输入数字，如输入 96.5 即显示为 96.50%；也可输入“96.5%”。",
            "Percents: type the number: 96.5 shows as 96.50%; '96.5%' also reads.",
        ),
        "kind_count": (
            "整数（次数、件数等）：如 12；报告中写作“450余”“180多”的，可照写，按下限读取。",
            "Whole numbers (counts, cases): e.g. 12; where a report gives only a lower bound, enter that number.",
        ),
        "kind_bool": (
            "是/否：从下拉列表选择“是”或“否”（也可填 有/无、√/×）。等次：从下拉列表选择。",
            "Yes/no: choose yes or no from the list (y/n, true/false and √/× also read). Grades: choose from the list.",
        ),
        "kind_number": ("数值：按“计量单位”列填写数字。", "Numbers: a number in the unit of the 'measure' column."),
        "kind_formula": (
            "由公式计算的指标（“填报提示”列写明公式）：可以不填，评分时按公式由相关指标计算；若填写，则以填报值为准。",
            "Values a formula computes (the 'hint' column gives it): may be left blank and are then computed "
            "from the values they read; a value filled in is taken as it stands.",
        ),
        "kind_evidence": (
            "佐证材料：写明数据出自哪份材料，最好摘录原文，"
            "如“行政机关负责人出庭应诉率达100%（2024年法治政府建设年度报告）”。",
            "Evidence: say which document a value comes from, best quoting it, e.g. 'heads of administrative "
            "organs appeared in court in 100% of cases (2024 annual report)'.",
        ),
        "collect": ("汇总评分（由收集单位操作）", "Scoring the returns (for the office collecting them)"),
        "collect_run": (
            "把各单位交回的工作簿放在同一个文件夹中，运行：lawgov-score score 文件夹；排名：lawgov-score rank 文件夹；"
            "报告：lawgov-score report 文件夹 -o 报告.html。评分时使用生成本模板的同一份细则（--rubric）。",
            "Put the workbooks returned in one folder and run: lawgov-score score FOLDER; ranking: lawgov-score "
            "rank FOLDER; report: lawgov-score report FOLDER -o report.html. Score with the rubric this "
            "template was made from (--rubric).",
        ),
        "unit_title": ("填报单位信息", "The unit filling in"),
        "unit_note": (
            "单位名称和年度必填；其余可选填。一个工作簿只填一个单位。",
            "The unit's name and the year are required; the rest is optional. One workbook, one unit.",
        ),
        "year_title": ("年度", "year"),
        "year_input": ("四位年份，如 2024", "a four-digit year, e.g. 2024"),
        "year_error": ("请填四位年份，如 2024", "give a four-digit year, e.g. 2024"),
        "unit_input_title": ("单位名称", "unit"),
        "unit_input": ("如：乃东区", "the unit's name as its reports give it"),
        "data_title": ("{name} 指标填报", "{name}: values to fill in"),
        "data_note": (
            "浅黄色两列（填报值、佐证材料）由填报单位填写；不掌握的数据留空。单位和年度填在“{sheet}”表。",
            "The unit fills in the two light yellow columns (value, evidence); a value it does not have stays "
            "blank. The unit and the year go on the sheet '{sheet}'.",
        ),
        "type_count": ("整数", "whole number"),
        "type_percent": ("百分比", "percent"),
        "type_number": ("数值", "number"),
        "type_bool": ("是/否", "yes/no"),
        "type_grade": ("等次", "grade"),
        "items_more": ("{items} 等 {n} 项", "{items} and more ({n} items)"),
        "hint_percent": ("输入 96.5 即为 96.50%", "96.5 means 96.50%"),
        "hint_count": ("整数，如 12；可写“450余”", "a whole number, e.g. 12"),
        "hint_bool": ("下拉选择 是/否", "choose yes/no from the list"),
        "hint_grade": ("下拉选择：{levels}", "choose from the list: {levels}"),
        "hint_number": ("数值", "a number"),
        "hint_range": ("，范围 {lo}–{hi}", ", from {lo} to {hi}"),
        "hint_formula": ("；可不填，未填时按公式计算：{formula}", "; may be left blank, then computed as {formula}"),
        "check": ("请核对", "please check"),
        "bool_input": ("选择“是”或“否”；不掌握情况请留空", "choose yes or no; leave blank if not known"),
        "bool_error": ("应为“是”或“否”（也可填 有/无、√/×）", "should be yes or no (y/n, √/× also read)"),
        "grade_input": ("从下拉列表选择等次", "choose the grade from the list"),
        "grade_error": ("应为：{levels}", "should be one of: {levels}"),
        "percent_input": (
            "输入 96.5 即为 96.50%（{lo}%–{hi}%）；不掌握请留空",
            "96.5 means 96.50% ({lo}%–{hi}%); leave blank if not known",
        ),
        "percent_error": (
            "应为 {lo}%–{hi}% 之间的百分比，如 96.5%",
            "should be a percent from {lo}% to {hi}%, e.g. 96.5%",
        ),
        "count_input": (
            "整数，如 12；可写“450余”（按下限读取）；不掌握请留空",
            "a whole number, e.g. 12; leave blank if not known",
        ),
        "count_error": ("应为不小于 0 的整数，如 12", "should be a whole number of 0 or more, e.g. 12"),
        "number_input": ("填写数值；不掌握请留空", "a number; leave blank if not known"),
        "number_error": ("应为 {lo}–{hi} 之间的数", "should be a number from {lo} to {hi}"),
    },
)

# The evaluation's parts and what a grade means (score, rank, gaps and the report, where the rubric
# declares parts or a grade note).
define(
    "scoring.parts",
    {
        "header": ("{name}", "{name}"),
        "assessed": ("评估方式", "assessed by"),
        "weights": (
            "总分 = {parts}；各部分得分 = 该部分所评项目的得分率 × 该部分分值（权重为细则自定，见细则说明）",
            "total = {parts}; each part = the score rate of the items it checks × the part's points "
            "(weights as the rubric declares them)",
        ),
        "weight": ("{name} {max}", "{name} {max}"),
        "plus": (" + ", " + "),
        "unit": (
            "{unit}{year}：总分 {total} / {max}（{percent}%），等次 {grade}；{parts}",
            "{unit}{year}: {total} of {max} ({percent}%), grade {grade}; {parts}",
        ),
        "score": ("{name} {score} / {max}", "{name} {score} of {max}"),
        "parts_only": ("其中：{parts}", "of which: {parts}"),
        "position": (
            "在输入数据同年度的 {n} 个单位中位列第 {rank}，百分位 {pct}（其余单位中总分低于它的占比）{synthetic}",
            "position {rank} of the {n} units of that year in the data given, percentile {pct} (the share "
            "of the other units with a lower total){synthetic}",
        ),
        "synthetic": ("；比较对象含合成数据", "; the peers include synthetic data"),
        "prepare": ("{name}：失分项目（{n} 项）", "{name}: items losing points ({n})"),
        "lost_total": ("折合总分", "in total"),
    },
)
