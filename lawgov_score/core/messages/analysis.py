"""Sentences of the analysis commands (see ``core.messages``): gaps, whatif, benchmark, trend and
sensitivity, and the words their views share (status, cause, the list separator).

One subject per command (``gaps.head``, ``trend.only``, …) and ``values`` for the words of
values and statuses every view shows.  Numbers reach these templates already formatted (the
view rounds them to the rubric's decimals), so a template only places them.
"""

from __future__ import annotations

from . import define

define(
    "values",
    {
        "sep": ("、", ", "),  # between the names of a list in a sentence
        "no_grade": ("—", "-"),
        "status.met": ("达标", "met"),
        "status.short": ("失分", "short"),
        "status.missing": ("缺数据", "missing"),
        "status.vetoed": ("否决", "vetoed"),
    },
)

define(
    "gaps",
    {
        "head": (
            "{unit}{year}：得分 {total} / {max}（{percent}%），等次 {grade}{vetoed}",
            "{unit}{year}: {total} of {max} ({percent}%), grade {grade}{vetoed}",
        ),
        "vetoed": ("，已被一票否决", " — vetoed"),
        "lost": (
            "共失分 {lost}：缺数据 {missing}，{alone}未达目标 {short}，负面清单扣分 {deducted}",
            "points lost: {lost}: {missing} for missing evidence, {alone}{short} below target, {deducted} deducted",
        ),
        "lost_alone": ("无可比单位 {alone}，", "{alone} for want of a peer to compare with, "),
        "to_next": ("距“{grade}”还差 {points} 分", "to reach {grade}: {points} more points"),
        "strategy.fewest": ("改动项目最少", "fewest items"),
        "strategy.effort": ("相对改进最小", "least relative improvement"),
        "path": (
            "最短路径（{what}）：按下表 {steps} 步可达“{reached}”，得分 {total}（{percent}%），已重新计分核实",
            "shortest path ({what}): {steps} step(s) below reach {reached}: {total} ({percent}%), "
            "checked by scoring again",
        ),
        "no_path": (
            "仅改单项数值无法达到“{grade}”：下表各步全部做到，得分 {total}（{percent}%），等次 {reached}",
            "{grade} cannot be reached by changing single values: with every step below, "
            "{total} ({percent}%), grade {reached}",
        ),
        "cause.missing": ("缺数据（须补佐证）", "missing evidence"),
        "cause.alone": ("无可比单位", "no peer to compare with"),
        "cause.short": ("未达目标", "below target"),
        "cause.deducted": ("负面清单扣分", "deducted"),
        "cause.vetoed": ("一票否决", "vetoed"),
    },
)

define(
    "whatif",
    {
        "head": ("{unit}{year} 假如：{sets}", "{unit}{year}, if: {sets}"),
        # zh names the field by its 中文名, en by its id (what one types after --set)
        "set": ("{name} {before} → {after}", "{field} {before} → {after}"),
        "sets_sep": ("；", "; "),
        "totals": (
            "总分 {total_before} → {total_after}（{change}），得分率 {percent_before}% → {percent_after}%，"
            "等次 {grade_before} → {grade_after}，排名 {rank_before} → {rank_after}{veto}",
            "total {total_before} → {total_after} ({change}), {percent_before}% → {percent_after}%, "
            "grade {grade_before} → {grade_after}, rank {rank_before} → {rank_after}{veto}",
        ),
        "veto.now": ("，触发一票否决", ", now vetoed"),
        "veto.still": ("，仍被一票否决", ", still vetoed"),
        "veto.lifted": ("，解除一票否决", ", no longer vetoed"),
        "others": (
            "另有 {n} 个单位的得分随之变化（相对评分的项目与其他单位比较）",
            "{n} other unit(s) change too: relative rules compare units with each other",
        ),
    },
)

define(
    "benchmark",
    {
        "head": ("{unit}{year} 对标：{what}", "{unit}{year} against {what}"),
        "what.best": ("{peers} 个单位各项最优", "the best of {peers} units, item by item"),
        "what.median": ("其余 {peers} 个单位的中位数", "the median of {peers} other units"),
        "what.unit": ("{against}", "{against}"),
        "what.group": ("{against} {peers} 个单位的中位数", "the median of {peers} units of {against}"),
        "totals": (
            "总分 {total}，{ref} {ref_total}（{diff}）；落后 {behind} 项，领先 {ahead} 项",
            "total {total}, {ref} {ref_total} ({diff}); behind on {behind} item(s), ahead on {ahead}",
        ),
        "ref.best": ("第一名总分", "top total"),
        "ref.median": ("总分中位数", "median total"),
        "ref.unit": ("对方总分", "its total"),
        "ref.group": ("总分中位数", "median total"),
        "note.best": (
            "各项目分别取最优，故各项之和不等于第一名总分",
            "each item's reference is taken separately, so the items do not add up to the reference total",
        ),
        "note.median": (
            "各项目分别取中位数，故各项之和不等于总分中位数",
            "each item's reference is taken separately, so the items do not add up to the reference total",
        ),
    },
)

define(
    "trend",
    {
        "head": (
            "{year_from} → {year_to} 年：{units} 个单位，总分上升 {up} 个，下降 {down} 个",
            "{year_from} → {year_to}: {units} units, {up} up, {down} down",
        ),
        "only": ("仅 {year} 年有数据：{units}", "only in {year}: {units}"),
        "no_year": ("（无年度）", "(no year)"),
        "unit": (
            "{unit}：总分 {total_from} → {total_to}（{change}），排名 {rank_from} → {rank_to}；"
            "进步 {improved} 项，退步 {worsened} 项，新增失分 {new_gaps} 项",
            "{unit}: {total_from} → {total_to} ({change}), rank {rank_from} → {rank_to}; "
            "{improved} item(s) better, {worsened} worse, {new_gaps} new gap(s)",
        ),
        "note.new_gap": ("新增失分", "new gap"),
        "note.better": ("进步", "better"),
        "note.worse": ("退步", "worse"),
    },
)

define(
    "sensitivity",
    {
        "head": (
            "{samples} 次抽样，各项分值扰动 ±{perturb}%{targets}，随机种子 {seed}：{units} 个单位（年度）中 "
            "{varies} 个的排名随权重变化（90% 区间最宽 {spread} 名）",
            "{samples} samples, item points ±{perturb}%{targets}, seed {seed}: the rank of "
            "{varies} of {units} unit-years varies (widest 5–95% interval: {spread} places)",
        ),
        "targets": ("，规则阈值扰动 ±{perturb}%", ", rule thresholds ±{perturb}%"),
        "sampling": ("抽样", "sampling"),
    },
)
