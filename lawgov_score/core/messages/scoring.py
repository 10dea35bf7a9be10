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
