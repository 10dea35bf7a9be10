"""Sentences of the composite-indicator methods (see ``core.messages``): ``normalise``, ``weights``
and ``rank --method``."""

from __future__ import annotations

from . import define

define(
    "methods",
    {
        "field": ("指标 {field}", "field {field}"),
        "rubric_top": ("细则的一级指标", "the rubric's first-level items"),
        "normalised_head": (
            "{name}：各指标按 {method} 标准化（同年度{group}比较）",
            "{name}: fields normalised by {method} (compared within the year{group})",
        ),
        "weights_head": (
            "{name}：按 {method} 定的权重（同一上级的下级合计为 1）",
            "{name}: weights by {method} (the children of each parent sum to 1)",
        ),
        "consistency": ("{where}：一致性比率 CR = {cr}", "{where}: consistency ratio CR = {cr}"),
        "within_group": ("、同{group}", " and {group}"),
        "rank_sheet": ("按 {method} 排名", "ranked by {method}"),
        "rank_note": (
            "按 {method} 排名：总分和各一级指标列为该方法的结果（{better}），不是细则的分数；"
            "满分、得分率、等次、加分和各评估部分的分数不适用，不列出",
            "ranked by {method}: the total and each dimension's column are the method's values ({better}), "
            "not the rubric's points; max, percent, grade, bonus and the parts' points do not apply and are left out",
        ),
        "ahp_rows": ("有 {rows} 行", "it has {rows} row(s)"),
        "ahp_row_length": ("第 {row} 行有 {count} 个值", "row {row} has {count} value(s)"),
        "ahp_not_positive": ("第 {row} 行有不是正数的值", "row {row} holds a value that is not a positive number"),
        "ahp_not_reciprocal": (
            "对角线应为 1，且 a[j][i] = 1/a[i][j]",
            "the diagonal must be 1 and a[j][i] = 1/a[i][j]",
        ),
        "item_count": ("{id}（{count}）", "{id} ({count})"),
        "higher_better": ("越大越好", "higher is better"),
        "lower_better": ("越小越好", "lower is better"),
        "wrote_overlay": (
            "已写出权重细则 {path}（extends {base}）",
            "wrote the weights rubric {path} (extends {base})",
        ),
    },
)
