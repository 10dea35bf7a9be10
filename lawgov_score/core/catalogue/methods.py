"""Problem codes of the composite-indicator methods: normalise, weights, rank --method."""

from __future__ import annotations

from . import Code, register

register(
    Code(
        "W-METHOD-MISSING",
        "warning",
        "{where}：{count} 个单位年度没有数值，不参与同组统计，{method} 结果为空",
        "{where}: {count} unit-year(s) have no value: left out of the peers' statistics, no {method} result",
        "rubrics/shifan.yaml:120: W-METHOD-MISSING: 项目 1.2.1「规范性文件备案审查」："
        "3 个单位年度没有数值，不参与同组统计，minmax 结果为空",
    ),
    Code(
        "W-METHOD-POSITIVE",
        "warning",
        "{where}：{count} 个数值 ≤ 0，{method} 需要正数（按数值或其均值、最值、总和相除）：这些结果为空或无意义",
        "{where}: {count} value(s) ≤ 0; {method} needs positive values (it divides by them or their mean, "
        "best, worst or sum): those results are null or meaningless",
        "rubrics/shifan.yaml:88: W-METHOD-POSITIVE: 项目 2.1「行政复议纠错率」："
        "2 个数值 ≤ 0，ratio_to_best 需要正数（按数值或其均值、最值、总和相除）：这些结果为空或无意义",
    ),
    Code(
        "W-METHOD-ALONE",
        "warning",
        "{where}：{count} 个单位年度在同组中只有自己有数值，{method} 只与自身比较",
        "{where}: {count} unit-year(s) are the only ones of their peers with a value; {method} compares them "
        "with themselves",
        "rubrics/shifan.yaml:583: W-METHOD-ALONE: 项目 6.4.1「法律援助案件办理」："
        "1 个单位年度在同组中只有自己有数值，zscore 只与自身比较",
    ),
    Code(
        "W-METHOD-INCOMPLETE",
        "warning",
        "{count} 个单位年度缺少某些指标的数值，不参与 {method} 排名（缺得最多的项目及缺数：{items}）；"
        "在细则的 treatment 中声明插补（如 impute: group_mean）即可让它们参与",
        "{count} unit-year(s) lack the value of some criterion and are not ranked by {method} "
        "(the items most often missing, with counts: {items}); declare an imputation in the rubric's "
        "treatment (impute: group_mean, say) to rank them",
        "W-METHOD-INCOMPLETE: 3 个单位年度缺少某些指标的数值，不参与 topsis 排名（缺得最多的项目及缺数：3.2.1（2））；"
        "在细则的 treatment 中声明插补（如 impute: group_mean）即可让它们参与",
    ),
    Code(
        "W-METHOD-NO-VALUES",
        "warning",
        "{count} 个项目在所有单位都没有数值，{method} 不把它们作为指标：{items}",
        "{count} item(s) have no value for any unit; {method} leaves them out of the criteria: {items}",
        "W-METHOD-NO-VALUES: 2 个项目在所有单位都没有数值，topsis 不把它们作为指标：1.1.1、1.1.2",
    ),
    Code(
        "E-METHOD-AHP",
        "error",
        "{where}：没有两两比较矩阵（pairwise），不能用 ahp 定权重；在该项下写 pairwise: [[1, 3], [1/3, 1]]，"
        "行列按下级项目的顺序",
        "{where}: no pairwise comparison matrix (pairwise): ahp cannot weight it; write pairwise: "
        "[[1, 3], [0.333, 1]] under it, rows and columns in the order of its children",
        "rubrics/x.yaml: E-METHOD-AHP: 项目 1「依法全面履行政府职能」："
        "没有两两比较矩阵（pairwise），不能用 ahp 定权重；"
        "在该项下写 pairwise: [[1, 3], [1/3, 1]]，行列按下级项目的顺序",
    ),
    Code(
        "W-AHP-CR",
        "warning",
        "{where}：两两比较不一致，一致性比率 CR = {cr} ≥ 0.1；重新斟酌比较值",
        "{where}: the pairwise comparisons are inconsistent: consistency ratio CR = {cr} ≥ 0.1; revise them",
        "rubrics/x.yaml:12: W-AHP-CR: 项目 1「依法全面履行政府职能」："
        "两两比较不一致，一致性比率 CR = 0.17 ≥ 0.1；重新斟酌比较值",
    ),
    Code(
        "E-AHP-MATRIX",
        "error",
        "{where}：两两比较矩阵应为 {n}×{n}（每个下级项目一行一列）、各值为正数且 a[j][i] = 1/a[i][j]：{reason}",
        "{where}: the pairwise comparison matrix must be {n}×{n} (a row and column per child), positive, "
        "with a[j][i] = 1/a[i][j]: {reason}",
        "rubrics/x.yaml:12: E-AHP-MATRIX: 项目 1「依法全面履行政府职能」："
        "两两比较矩阵应为 3×3（每个下级项目一行一列）、各值为正数且 a[j][i] = 1/a[i][j]：第 2 行有 2 个值",
    ),
    Code(
        "E-METHOD-UNKNOWN",
        "error",
        "没有“{value}”这种方法；可用：{allowed}",
        "there is no method '{value}'; use one of {allowed}",
        "E-METHOD-UNKNOWN: 没有“topsys”这种方法；可用：wsm, wpm, topsis, vikor, gra",
    ),
    Code(
        "E-USAGE-FIELD",
        "error",
        "细则的项目不读指标“{field}”",
        "no item of the rubric reads field '{field}'",
        "E-USAGE-FIELD: 细则的项目不读指标“court_rate”（是否应为“court_appearance_rate”？）",
    ),
)
