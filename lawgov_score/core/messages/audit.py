"""Sentences of `audit` (the indicators and the structure) and of sensitivity over method choices."""

from __future__ import annotations

from . import define

define(
    "audit",
    {
        "head": (
            "{year} 年 {units} 个单位，{indicators} 项指标：高度相关 {redundant} 对，负相关 {negative} 对，"
            "与上级弱相关 {weak} 项，异常分布 {outliers} 项{two_valued}，无差异 {zero} 项",
            "{year}, {units} units, {indicators} indicators: {redundant} highly correlated pair(s), "
            "{negative} negative pair(s), {weak} item(s) weakly tied to their parent, {outliers} with outliers"
            "{two_valued}, {zero} without variance",
        ),
        "two_valued": (
            "（{n} 项只有两种取值，如是/否，不查：两点的偏度和峰度只反映单位如何分在两值之间，不说明有极端值）",
            " ({n} two-valued item(s), such as yes/no, not checked: the skew and kurtosis of two points only say "
            "how the units split between them, not that some values are extreme)",
        ),
        "redundant": (
            "{a} 与 {b} 高度相关（r = {r}），可能重复计分",
            "{a} and {b} are highly correlated (r = {r}): they may score the same thing twice",
        ),
        "negative": (
            "{a} 与 {b} 负相关（r = {r}），同在 {parent} 之下却此消彼长",
            "{a} and {b} are negatively correlated (r = {r}) although both sit under {parent}",
        ),
        "weak": (
            "{id} 与上级 {parent} 几乎不相关（r = {r}），对上级得分影响很小",
            "{id} hardly correlates with its parent {parent} (r = {r}): it barely moves it",
        ),
        "outlier": (
            "{id} 分布严重偏斜（偏度 {skew}，峰度 {kurt}），少数单位的极端值左右得分",
            "{id} is heavily skewed (skew {skew}, kurtosis {kurt}): a few extreme values drive it",
        ),
        "zero_variance": (
            "{id} 各单位数值相同（{value}），不能区分单位",
            "{id} has the same value ({value}) for every unit: it separates none",
        ),
        "ceiling": (
            "{id} 有 {share}% 的单位得满分，已难区分单位",
            "{id}: {share}% of the units score full points, so it hardly separates them",
        ),
        "none": ("未发现需要注意的问题", "nothing calls for attention"),
        "indicators": ("指标统计", "Indicators"),
        "correlations": ("同级指标相关", "Correlations of siblings"),
        "nodes": ("结构（信度与主成分）", "Structure (alpha, PC1)"),
        "heatmap": ("指标相关热图（Pearson r）", "Correlations of the indicators (Pearson r)"),
        "diff": (
            "{id}：α {old} → {new}",
            "{id}: α {old} → {new}",
        ),
        "diff_flags": (
            "审计标记：旧细则 {old} 项，新细则 {new} 项",
            "audit flags: {old} under the old rubric, {new} under the new",
        ),
    },
)

define(
    "vary",
    {
        "head": (
            "方法敏感性：{samples} 个基础样本（{runs} 次计算），随机种子 {seed}；变动 {vary}。排名主要取决于 {main}",
            "method sensitivity: {samples} base samples ({runs} evaluations), seed {seed}; varied: {vary}. "
            "The ranking depends mostly on {main}",
        ),
        "inert": (
            "注意：{choice} 在这批数据上不起作用（{why}），其指数应约为 0",
            "note: {choice} cannot act on this data ({why}); its indices should be about 0",
        ),
        "why.one_alternative": ("只有一个备选项", "it has a single alternative"),
        "why.same_result": ("各备选项给出相同的得分", "every alternative gives the same scores"),
        "why.nothing_imputed": (
            "数据中没有哪一种插补方法能填的缺失值，插补选择无法起作用",
            "the data have no missing value any alternative can fill: the imputation choice cannot act",
        ),
        "topsis_missing": (
            "注意：TOPSIS 需要全部指标的数值，{units} 个单位中 {count} 个有缺失，在 topsis 下排在最后",
            "note: TOPSIS needs every value; {count} of {units} units lack one and rank last under topsis",
        ),
        "index": (
            "{parameter}：一阶指数 {first}，总效应指数 {total}",
            "{parameter}: first order {first}, total {total}",
        ),
    },
)

define("scoring.report", {"nav_audit": ("指标审计", "Indicator audit")})
