"""What the analysis commands show (whatif, benchmark, trend, sensitivity): display columns and
the summary lines above each table.  ``gaps`` lives in ``present`` with the other score views."""

from __future__ import annotations

import polars as pl

from ..output.columns import Column
from ..rubric.compiled import Rubric
from .common import _GROUP_ZH, field_types, json_numbers, label_value, shown_value, value_types


def _lines(lines: list[str], markdown: bool) -> str:
    if markdown:
        return "\n".join(f"- {ln}" for ln in lines) + "\n"
    return "\n".join(lines) + "\n"


def _indent() -> pl.Expr:
    return pl.lit("  ").repeat_by(pl.col("level") - 1).list.join("") + pl.col("name")


def _rank_text(s: dict) -> str:
    return f"{s['rank']}/{s['of']}"


# --- whatif -------------------------------------------------------------------------------------


def whatif_changes_view(w, rubric: Rubric) -> tuple[pl.DataFrame, list[Column]]:
    ft = field_types(rubric)
    d = rubric.decimals
    df = w.changes.join(ft, on="field", how="left").with_columns(
        shown_value("before", d).alias("before_shown"),
        shown_value("after", d).alias("after_shown"),
        label_value("before").alias("before_label"),
        label_value("after").alias("after_label"),
    )
    df = json_numbers(df, ["before", "after"], d)
    cols = [
        Column("field", "指标编号", "field"),
        Column("name", "指标", "name"),
        Column("before_shown", "原值", "before", json_label="before_label"),
        Column("after_shown", "改为", "after", json_label="after_label"),
    ]
    return df, cols


def whatif_view(w, rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    df = w.items.with_columns(_indent().alias("label"))
    cols = [
        Column("id", "编号", "id"),
        Column("label", "项目", "item"),
        Column("before", "原得分", "before", "score"),
        Column("after", "新得分", "after", "score"),
        Column("change", "变化", "change", "score"),
    ]
    return df, cols


def whatif_text(w, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    d = rubric.decimals
    b, a = w.before, w.after
    year = f" {w.year}" if w.year is not None else ""
    shown = dict(zip(w.changes["field"], zip(*whatif_changes_view(w, rubric)[0].select("before_shown", "after_shown"))))

    def show(fid, v, which):
        if v is None:
            return "（无）" if lang != "en" else "(none)"
        return shown[fid][which]

    moves = [
        (r, f"{show(r['field'], r['before'], 0)} → {show(r['field'], r['after'], 1)}")
        for r in w.changes.iter_rows(named=True)
    ]
    sets = "；".join(f"{r['name']} {move}" for r, move in moves)
    if lang == "en":
        lines = [
            f"{w.unit}{year}, if: " + "; ".join(f"{r['field']} {move}" for r, move in moves),
            f"total {b['total']:.{d}f} → {a['total']:.{d}f} ({a['total'] - b['total']:+.{d}f}), "
            f"{b['percent']:.2f}% → {a['percent']:.2f}%, grade {b['grade'] or '-'} → {a['grade'] or '-'}, "
            f"rank {_rank_text(b)} → {_rank_text(a)}" + _veto_change(b, a, lang),
        ]
        if w.others_changed:
            lines.append(f"{w.others_changed} other unit(s) change too: relative rules compare units with each other")
    else:
        lines = [
            f"{w.unit}{year} 假如：{sets}",
            f"总分 {b['total']:.{d}f} → {a['total']:.{d}f}（{a['total'] - b['total']:+.{d}f}），"
            f"得分率 {b['percent']:.2f}% → {a['percent']:.2f}%，等次 {b['grade'] or '—'} → {a['grade'] or '—'}，"
            f"排名 {_rank_text(b)} → {_rank_text(a)}" + _veto_change(b, a, lang),
        ]
        if w.others_changed:
            lines.append(f"另有 {w.others_changed} 个单位的得分随之变化（相对评分的项目与其他单位比较）")
    return _lines(lines, markdown)


def _veto_change(before: dict, after: dict, lang: str) -> str:
    """What the change does to a veto: newly triggered, still in force, lifted, or nothing."""
    was, now = bool(before["vetoed"]), bool(after["vetoed"])
    if not (was or now):
        return ""
    zh, en = {
        (False, True): ("触发一票否决", "now vetoed"),
        (True, True): ("仍被一票否决", "still vetoed"),
        (True, False): ("解除一票否决", "no longer vetoed"),
    }[(was, now)]
    return f", {en}" if lang == "en" else f"，{zh}"


# --- benchmark ------------------------------------------------------------------------------------


def benchmark_view(bm, rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    d = rubric.decimals
    df = bm.items.join(value_types(rubric), on="id", how="left").with_columns(
        _indent().alias("label"),
        shown_value("value", d).alias("value_shown"),
        shown_value("ref_value", d).alias("ref_shown"),
        label_value("value").alias("value_label"),
        label_value("ref_value").alias("ref_label"),
    )
    df = json_numbers(df, ["value", "ref_value"], d)
    ref_zh = {"best": "最优", "median": "中位数", "unit": bm.against, "group": f"{bm.against}中位数"}[bm.kind]
    ref_en = {"best": "best", "median": "median", "unit": bm.against, "group": f"{bm.against} median"}[bm.kind]
    cols = [
        Column("id", "编号", "id"),
        Column("label", "项目", "item"),
        Column("max", "满分", "max", "score"),
        Column("score", "本单位", "score", "score"),
        Column("ref", ref_zh, "ref", "score"),
        Column("diff", "差距", "diff", "score"),
        Column("value_shown", "本单位数值", "value", json_label="value_label"),
        Column("ref_shown", f"{ref_zh}数值" if bm.kind != "unit" else "对标数值", "ref_value", json_label="ref_label"),
    ]
    if bm.kind == "best":
        cols.append(Column("ref_unit", "最优单位", "ref_unit"))
    if lang == "en":
        cols[4] = Column("ref", ref_en, "ref", "score")
    return df, cols


def benchmark_text(bm, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    d = rubric.decimals
    s = bm.summary()
    year = f" {bm.year}" if bm.year is not None else ""
    if lang == "en":
        what = {
            "best": f"the best of {bm.peers} units, item by item",
            "median": f"the median of {bm.peers} other units",
            "unit": bm.against,
            "group": f"the median of {bm.peers} units of {bm.against}",
        }[bm.kind]
        ref = {"best": "top total", "median": "median total", "unit": "its total", "group": "median total"}[bm.kind]
        lines = [
            f"{bm.unit}{year} against {what}",
            f"total {bm.total:.{d}f}, {ref} {bm.ref_total:.{d}f} ({s['diff']:+.{d}f}); behind on {s['behind']} item(s), ahead on {s['ahead']}",
        ]
        if bm.kind in ("best", "median", "group"):
            lines.append("each item's reference is taken separately, so the items do not add up to the reference total")
    else:
        what = {
            "best": f"{bm.peers} 个单位各项最优",
            "median": f"其余 {bm.peers} 个单位的中位数",
            "unit": bm.against,
            "group": f"{bm.against} {bm.peers} 个单位的中位数",
        }[bm.kind]
        ref = {"best": "第一名总分", "median": "总分中位数", "unit": "对方总分", "group": "总分中位数"}[bm.kind]
        lines = [
            f"{bm.unit}{year} 对标：{what}",
            f"总分 {bm.total:.{d}f}，{ref} {bm.ref_total:.{d}f}（{s['diff']:+.{d}f}）；落后 {s['behind']} 项，领先 {s['ahead']} 项",
        ]
        if bm.kind in ("best", "median", "group"):
            lines.append(
                "各项目分别取最优，故各项之和不等于第一名总分"
                if bm.kind == "best"
                else "各项目分别取中位数，故各项之和不等于总分中位数"
            )
    return _lines(lines, markdown)


# --- trend ------------------------------------------------------------------------------------------


def trend_view(tr, rubric: Rubric, by: str | None, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    a, b = tr.year_from, tr.year_to
    cols = [Column("unit", "单位", "unit")]
    if by:
        cols.append(Column("group", _GROUP_ZH.get(by, "分组"), by))
    cols += [
        Column("total_from", f"{a}总分", f"total_{a}", "score"),
        Column("total_to", f"{b}总分", f"total_{b}", "score"),
        Column("change", "变化", "change", "score"),
        Column("rank_from", f"{a}排名", f"rank_{a}", "int"),
        Column("rank_to", f"{b}排名", f"rank_{b}", "int"),
        Column("rank_change", "名次升降", "rank_change", "int"),
        Column("grade_from", f"{a}等次", f"grade_{a}"),
        Column("grade_to", f"{b}等次", f"grade_{b}"),
        Column("improved", "进步项", "improved", "int"),
        Column("worsened", "退步项", "worsened", "int"),
        Column("new_gaps", "新增失分项", "new_gaps", "int"),
    ]
    df = tr.units.with_columns(pl.col("rank_change").cast(pl.Int64))
    return df, cols


def trend_items_view(tr, rubric: Rubric, lang: str = "zh") -> tuple[pl.DataFrame, list[Column]]:
    a, b = tr.year_from, tr.year_to
    d = rubric.decimals
    status = {"met": "达标", "short": "失分", "missing": "缺数据", "vetoed": "否决"}
    df = tr.items.join(value_types(rubric), on="id", how="left").with_columns(
        shown_value("value_from", d).alias("vf"),
        shown_value("value_to", d).alias("vt"),
        label_value("value_from").alias("vf_label"),
        label_value("value_to").alias("vt_label"),
        pl.when(pl.col("new_gap"))
        .then(pl.lit("新增失分" if lang != "en" else "new gap"))
        .when(pl.col("change") > 0)
        .then(pl.lit("进步" if lang != "en" else "better"))
        .otherwise(pl.lit("退步" if lang != "en" else "worse"))
        .alias("note"),
        *[
            pl.col(c).replace_strict(status, default=pl.col(c), return_dtype=pl.String).alias(f"{c}_zh")
            for c in ("status_from", "status_to")
        ],
    )
    df = json_numbers(df, ["value_from", "value_to"], d)
    cols = [
        Column("id", "编号", "id"),
        Column("name", "项目", "item"),
        Column("max", "满分", "max", "score"),
        Column("score_from", f"{a}得分", f"score_{a}", "score"),
        Column("score_to", f"{b}得分", f"score_{b}", "score"),
        Column("change", "变化", "change", "score"),
        Column("vf", f"{a}数值", f"value_{a}", json_label="vf_label"),
        Column("vt", f"{b}数值", f"value_{b}", json_label="vt_label"),
        Column("note", "说明", "note"),
    ]
    return df, cols


def trend_text(tr, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    s = tr.summary()
    if lang == "en":
        lines = [f"{tr.year_from} → {tr.year_to}: {s['units']} units, {s['up']} up, {s['down']} down"]
        if s["only_from"]:
            lines.append(f"only in {tr.year_from}: {', '.join(s['only_from'])}")
        if s["only_to"]:
            lines.append(f"only in {tr.year_to}: {', '.join(s['only_to'])}")
    else:
        lines = [f"{tr.year_from} → {tr.year_to} 年：{s['units']} 个单位，总分上升 {s['up']} 个，下降 {s['down']} 个"]
        if s["only_from"]:
            lines.append(f"仅 {tr.year_from} 年有数据：{'、'.join(s['only_from'])}")
        if s["only_to"]:
            lines.append(f"仅 {tr.year_to} 年有数据：{'、'.join(s['only_to'])}")
    if tr.unit is not None and tr.items is not None:
        row = tr.units.filter(pl.col("unit") == tr.unit).row(0, named=True)
        d = rubric.decimals
        if lang == "en":
            lines.append(
                f"{tr.unit}: {row['total_from']:.{d}f} → {row['total_to']:.{d}f} ({row['change']:+.{d}f}), rank "
                f"{row['rank_from']} → {row['rank_to']}; {row['improved']} item(s) better, {row['worsened']} worse, {row['new_gaps']} new gap(s)"
            )
        else:
            lines.append(
                f"{tr.unit}：总分 {row['total_from']:.{d}f} → {row['total_to']:.{d}f}（{row['change']:+.{d}f}），排名 "
                f"{row['rank_from']} → {row['rank_to']}；进步 {row['improved']} 项，退步 {row['worsened']} 项，新增失分 {row['new_gaps']} 项"
            )
    return _lines(lines, markdown)


# --- sensitivity ----------------------------------------------------------------------------------


def sensitivity_view(sv, rubric: Rubric, lang: str = "zh", json: bool = False) -> tuple[pl.DataFrame, list[Column]]:
    grades = rubric.grade_names()
    df = sv.table.with_columns(
        pl.format("{}–{}", "p05", "p95").alias("interval"),
        (pl.col("p_top") * 100).alias("p_top_pct"),
        *[(pl.col(f"p:{g}") * 100).alias(f"pct:{g}") for g in grades],
    )
    if json:
        cols = [
            Column(k, k, k)
            for k in ("unit", "year", "group", "rank", "total", "grade", "median_rank", "p05", "p95", "p_top")
        ]
        cols += [Column(f"p:{g}", f"p:{g}", f"p:{g}") for g in grades]
        return df, cols
    cols = [
        Column("rank", "排名", "rank", "int"),
        Column("unit", "单位", "unit"),
        Column("year", "年度", "year", "int"),
    ]
    if sv.by:
        cols.append(Column("group", _GROUP_ZH.get(sv.by, "分组"), sv.by))
    cols += [
        Column("total", "总分", "total", "score"),
        Column("grade", "等次", "grade"),
        Column("median_rank", "排名中位数", "median rank", "int"),
        Column("interval", "90%区间", "5–95%"),
        Column("p_top_pct", f"前{sv.top}名概率", f"P(top {sv.top})", "percent"),
    ]
    cols += [Column(f"pct:{g}", f"P({g})", f"P({g})", "percent") for g in grades]
    return df, cols


def sensitivity_text(sv, rubric: Rubric, lang: str = "zh", markdown: bool = False) -> str:
    s = sv.summary()
    pt = f"，规则阈值扰动 ±{sv.perturb_targets * 100:g}%" if sv.perturb_targets else ""
    pt_en = f", rule thresholds ±{sv.perturb_targets * 100:g}%" if sv.perturb_targets else ""
    if lang == "en":
        lines = [
            f"{sv.samples} samples, item points ±{sv.perturb * 100:g}%{pt_en}, seed {sv.seed}: the rank of "
            f"{s['rank_varies']} of {s['units']} unit-years varies (widest 5–95% interval: {s['max_spread']} places)"
        ]
    else:
        lines = [
            f"{sv.samples} 次抽样，各项分值扰动 ±{sv.perturb * 100:g}%{pt}，随机种子 {sv.seed}：{s['units']} 个单位（年度）中 "
            f"{s['rank_varies']} 个的排名随权重变化（90% 区间最宽 {s['max_spread']} 名）"
        ]
    return _lines(lines, markdown)
