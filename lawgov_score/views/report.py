"""What the report shows, computed once for the HTML page and for the PNG charts."""

from __future__ import annotations

import polars as pl

from ..output.page import ReportData

# How each rule type scores, in the words of the report's method notes.
RULE_TYPES_ZH = {
    "boolean": "是/否：符合要求得满分，否则 0 分。",
    "threshold": "达标：达到目标值得满分，未达到得规定的部分分（多为 0 分）。",
    "linear": "线性：在下限得 0 分，达到目标得满分，其间按比例计分。",
    "bands": "分档：按数值所达到的档次得分。",
    "deduct": "扣分：以满分为起点，每差一定数量扣若干分，扣完为止或扣至上限。",
    "graded": "等次：按评定的等次（如优、良、中、差）得满分的相应比例。",
    "direct": "直接打分：由评估组在 0 分到满分之间直接打分。",
    "negative": "负面清单：每发生一次扣若干分（有上限），从所在指标中扣除。",
    "bonus": "加分：每项加若干分（有上限），计入总分。",
    "veto": "一票否决：发生即否决，总分或等次封顶。",
    "ratio_to_best": "与最优比：实际值 ÷ 同年度（同组）单位的最优值 × 满分。",
    "rank": "按名次：按同年度（同组）单位中的排名得分。",
    "minmax": "极差折算：按数值在同年度（同组）单位最小值与最大值之间的位置折算。",
}


def build(result, ranked: pl.DataFrame, top: int | None = 10) -> ReportData:
    from ..analysis.gaps import lost_items
    from ..rubric.describe import describe_rule
    from .gaps import gaps_view
    from .values import field_types, shown_value

    rubric = result.rubric
    years = ranked["year"].unique().to_list()
    many_years = len(years) > 1
    labels = [f"{u} {y}" if many_years and y is not None else u for u, y in zip(ranked["unit"], ranked["year"])]
    dims = rubric.dimensions()
    keys = ranked.select("unit", "year").with_columns(
        pl.Series("label", labels), pl.int_range(pl.len()).alias("_order")
    )
    dim_pct = (
        ranked.select("unit", "year", *[d.id for d in dims])
        .unpivot(index=["unit", "year"], on=[d.id for d in dims], variable_name="dim", value_name="score")
        .join(
            pl.DataFrame(
                {
                    "dim": [d.id for d in dims],
                    "name": [d.name for d in dims],
                    "max": [d.max for d in dims],
                    "_d": list(range(len(dims))),
                }
            ),
            on="dim",
        )
        .with_columns(
            pl.when(pl.col("max") > 0)
            .then((pl.col("score") / pl.col("max") * 100).clip(0, 100))
            .otherwise(None)
            .alias("pct")
        )
        .join(keys, on=["unit", "year"], nulls_equal=True)
        .sort("_order", "_d")
        .drop("_d")
    )
    average = {}
    for (year,), part in dim_pct.group_by("year", maintain_order=True):
        average[year] = dict(part.group_by("dim").agg(pl.col("pct").mean()).iter_rows())
    items = result.items().join(keys.select("unit", "year", "_order"), on=["unit", "year"], nulls_equal=True)
    lost = lost_items(items.drop("_order"), rubric.decimals).join(keys, on=["unit", "year"], nulls_equal=True)
    lost = lost.sort("_order", maintain_order=True)
    if top is not None:
        lost = lost.filter(pl.int_range(pl.len()).over("unit", "year") < top)
    lost_view, _ = gaps_view(lost.drop("label", "_order"), rubric)
    scored = items.filter(pl.col("role") == "score")
    missing_share = (scored.filter(pl.col("status") == "missing").height / scored.height) if scored.height else 0.0

    names = pl.DataFrame({"field": list(rubric.fields), "fname": [f.name for f in rubric.fields.values()]})
    vals = result.indicators.values.join(keys.select("unit", "year", "_order"), on=["unit", "year"], nulls_equal=True)
    vals = vals.filter(pl.col("field").is_in(list(rubric.used_fields())))
    evidence = (
        vals.join(field_types(rubric), on="field", how="left")
        .join(names, on="field", how="left")
        .with_columns(shown_value("value", rubric.decimals).alias("value_shown"))
        .sort("_order", "file", "row")
        .select("unit", "year", "field", "fname", "value_shown", "qualifier", "evidence", "source", "file", "row")
    )
    rules = []
    by_type: dict[str, list] = {}
    for it in rubric.leaves():
        by_type.setdefault(it.rule_type, []).append(it)
    for t, its in by_type.items():
        ex = its[0]
        rules.append(
            {
                "type": t,
                "count": len(its),
                "text": RULE_TYPES_ZH.get(t, t),
                "example": f"{ex.id} {ex.name}：{describe_rule(ex, rubric)}",
            }
        )
    return ReportData(
        rubric=rubric,
        ranked=ranked,
        labels=labels,
        dims=dims,
        dim_pct=dim_pct,
        average=average,
        gaps=lost_view,
        evidence=evidence,
        files=list(result.indicators.files),
        missing_share=missing_share,
        rules=rules,
        top=top,
    )
