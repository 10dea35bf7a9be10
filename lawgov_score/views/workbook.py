"""The scoring workbook (``--format xlsx`` of score, rank and gaps): 排名, 得分明细 and 差距.

Every workbook holds the three sheets; the command's own view comes first and is what the
command shows (its filters applied).  The other two cover the same units and years:

* 排名: the ranking of the years in view (every unit of those years, as ``rank`` ranks them);
  when the view is narrower (``score --unit``, ``gaps``) the units in view are in bold;
* 得分明细: every item of every unit and year in view (value, score, maximum, target, gap, status,
  evidence);
* 差距: every item that loses points, per unit and year, largest loss first.
"""

from __future__ import annotations

from types import SimpleNamespace

import polars as pl

from ..output.columns import Column
from ..output.xlsx import Sheet

RANK, ITEMS, GAPS = "排名", "得分明细", "差距"


def _typed(df: pl.DataFrame, col: str, shown: str, decimals: int) -> pl.DataFrame:
    """Number and number format for a value in its field's terms (null where it is a word),
    rounded to the rubric's decimals as every output shows it; other units as text after the
    number (12"件")."""
    from .values import rounded

    v, t = rounded(col, decimals), pl.col("ftype")
    places = "." + "0" * decimals if decimals else ""
    unit = pl.col("funit").fill_null("").str.replace_all('"', "")
    number = pl.when(unit == "").then(pl.lit("General")).otherwise(pl.format('General"{}"', unit))
    return df.with_columns(
        pl.when(t == "percent")
        .then(v / 100)
        .when(t.is_in(["count", "number"]))
        .then(v)
        .otherwise(None)
        .alias(f"_num:{shown}"),
        pl.when(t == "percent")
        .then(pl.lit(f"0{places}%"))
        .when(t == "count")
        .then(pl.format('0"{}"', unit))
        .otherwise(number)
        .alias(f"_fmt:{shown}"),
    )


def _typed_map(df: pl.DataFrame, pairs: list[tuple[str, str]], decimals: int) -> tuple[pl.DataFrame, dict]:
    typed = {}
    for col, shown in pairs:
        if col in df.columns and shown in df.columns:
            df = _typed(df, col, shown, decimals)
            typed[shown] = (f"_num:{shown}", f"_fmt:{shown}")
    return df, typed


def items_sheet(items: pl.DataFrame, rubric, lang: str = "zh") -> Sheet:
    from .score import score_view

    df, cols = score_view(items, rubric, lang)
    df, typed = _typed_map(df, [("value", "value_shown"), ("target", "target_shown")], rubric.decimals)
    title = [
        f"{rubric.name}：得分明细（每个单位、每个项目）",
        "数值与目标按指标的计量单位；差距 = 达到满分还差的量；状态：达标、失分、缺数据、否决。",
    ]
    return Sheet(ITEMS, df, cols, rubric.decimals, title=title, freeze_cols=4, typed=typed, lang=lang)


def rank_sheet(
    table: pl.DataFrame, rubric, columns: list[Column], highlight: list[str] | None = None, lang: str = "zh"
) -> Sheet:
    grades = "，".join(f"{g.name} ≥ {g.min_percent:g}%" for g in rubric.grades)
    title = [
        f"{rubric.name}：排名",
        f"满分 {rubric.total:g} 分；得分率 = 总分 ÷ 满分" + (f"；等次：{grades}" if grades else "") + "。",
    ]
    return Sheet(
        RANK,
        table,
        columns,
        rubric.decimals,
        title=title,
        freeze_cols=3,
        grades=rubric.grade_names(),
        highlight=("unit", highlight) if highlight else None,
        lang=lang,
    )


def gaps_sheet(
    lost: pl.DataFrame, rubric, lang: str = "zh", title: list[str] | None = None, per_unit: bool = True
) -> Sheet:
    from .gaps import gaps_view

    df, cols = gaps_view(SimpleNamespace(items=lost), rubric, lang)
    if per_unit:
        cols = [Column("unit", "单位", "unit"), Column("year", "年度", "year", "int")] + cols
    df, typed = _typed_map(df, [("value", "value_shown"), ("target", "target_shown")], rubric.decimals)
    title = title or [
        f"{rubric.name}：失分项目（每个单位失分从多到少）",
        "原因“缺数据”的项目须补充佐证材料；“无可比单位”的项目同年度同组没有其他单位的数据可比；"
        "“满分所需”是得满分要达到的值。",
    ]
    return Sheet(GAPS, df, cols, rubric.decimals, title=title, freeze_cols=4 if per_unit else 2, typed=typed, lang=lang)


def scoring_workbook(
    result,
    *,
    view: str,
    items: pl.DataFrame | None = None,
    rank_table: pl.DataFrame | None = None,
    rank_cols: list[Column] | None = None,
    gaps=None,
    top: int | None = None,
    lang: str = "zh",
) -> bytes:
    """The three-sheet workbook.  ``view`` is ``rank``, ``score`` or ``gaps``: ``rank`` passes the
    ranked table and its columns, ``score`` the filtered item records, ``gaps`` a ``Gaps``."""
    from ..analysis.gaps import lost_items
    from ..engine.rank import rank
    from ..output.render import render_workbook
    from .gaps import gaps_text
    from .rank import rank_columns

    rubric = result.rubric
    all_items = result.items()
    if view == "rank":
        keys = rank_table.select("unit", "year").unique()
    elif view == "score":
        keys = items.select("unit", "year").unique()
    else:
        keys = pl.DataFrame({"unit": [gaps.unit], "year": [gaps.year]}, schema={"unit": pl.String, "year": pl.Int32})
    in_view = all_items.join(keys, on=["unit", "year"], how="semi", nulls_equal=True)

    if view == "rank":
        ranked = rank_sheet(rank_table, rubric, rank_cols, lang=lang)
    else:
        table = rank(result).join(keys.select("year").unique(), on="year", how="semi", nulls_equal=True)
        narrower = table.height > keys.height
        ranked = rank_sheet(
            table,
            rubric,
            rank_columns(table, rubric, by=None, on=None, dimensions=True),
            highlight=sorted(set(keys["unit"].to_list())) if narrower else None,
            lang=lang,
        )
    detail = items_sheet(items if view == "score" else in_view, rubric, lang)
    if view == "gaps":
        lost = gaps.items if top is None else gaps.items.head(top)
        head = gaps_text(gaps, rubric, lang).splitlines()
        lost_sheet = gaps_sheet(lost, rubric, lang, title=[head[0], *head[1:]], per_unit=False)
    else:
        lost_sheet = gaps_sheet(lost_items(in_view, rubric.decimals), rubric, lang)
    order = {
        "rank": [ranked, detail, lost_sheet],
        "score": [detail, ranked, lost_sheet],
        "gaps": [lost_sheet, detail, ranked],
    }[view]
    return render_workbook(order, title=f"{rubric.name} 评分结果")
