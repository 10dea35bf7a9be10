"""The rubric's data treatment carried out on the wide frame, before any rule scores a value.

In COINr's order, each step over every field it applies to at once (polars expressions over
``(field, year[, group])`` windows; the only Python loops run over fields and over the at most
``winmax`` winsorisation steps, never over units):

1. **denominators**: a field declared ``per: D`` (``scale: s``) becomes value ÷ D × s; where D is
   missing or 0 the value is missing (W-TREAT-DENOMINATOR), never inf;
2. **imputation**: a missing value takes the mean or median of the unit's peers (same year; and
   same ``by`` group for ``group_*``), or the unit's latest earlier value (``previous_year``).
   Peer statistics read stated values only.  Filled cells are marked in ``im:<field>`` so that
   scoring calls them ``imputed`` (never evidence, still missing evidence); what could not be
   filled is said (W-TREAT-NOT-IMPUTED);
3. **outliers** (``coinr``): per field and year, when |skew| ≥ 2 and excess kurtosis ≥ 3.5
   (sample-adjusted, as Excel's SKEW and KURT), the most extreme value(s) on the skewed side are
   set to the next value in, one step at a time, re-checking after each, at most ``winmax``
   points; if the column still fails, it becomes log(x − min + 0.01·(max − min)) of the values
   before winsorising instead.  Fewer than four values, or all alike: nothing to check.
   What was treated is said (W-TREAT-OUTLIER).
"""

from __future__ import annotations

import polars as pl

from ..core.problems import Problem, problem, said

_LISTED = 6  # places named in one warning; the rest are counted


def imputed_col(field: str) -> str:
    """The column saying that a field's value was imputed (True) rather than stated."""
    return f"im:{field}"


def treated_col(field: str) -> str:
    """The column saying how the outlier treatment changed a field's value: ``winsorised`` (this
    point was set to the next value in), ``log`` (its column was log-transformed), or null."""
    return f"tr:{field}"


def treat(wide: pl.DataFrame, plans: dict) -> tuple[pl.DataFrame, list[Problem]]:
    """``wide`` (unit, year, unit metadata, one Float64 column per field) treated as ``plans``
    (field id → ``rubric.treatment.FieldPlan``) say, and the warnings saying what was done."""
    plans = {f: p for f, p in plans.items() if f in wide.columns}
    if not plans:
        return wide, []
    wide, out = denominate(wide, [p for p in plans.values() if p.per and p.per in wide.columns])
    wide, said_ = impute(wide, [p for p in plans.values() if p.impute != "none"])
    out += said_
    wide, said_ = treat_outliers(wide, [p for p in plans.values() if p.outliers == "coinr"])
    return wide, out + said_


# --- 1. denominators -----------------------------------------------------------------------------


def denominate(wide: pl.DataFrame, plans: list) -> tuple[pl.DataFrame, list[Problem]]:
    """Each planned field divided by its ``per`` field (× ``scale``); a missing or zero
    denominator leaves the value missing and is said.  Denominators are read as stated, so a
    field that is itself another's denominator is divided by its own untreated value."""
    if not plans:
        return wide, []
    out = []
    bad = {p.field: pl.col(p.field).is_not_null() & (pl.col(p.per).is_null() | (pl.col(p.per) == 0)) for p in plans}
    counts = wide.select([b.sum().alias(f) for f, b in bad.items()]).row(0, named=True)
    for p in plans:
        if counts[p.field]:
            rows = wide.filter(bad[p.field]).select("unit", "year").head(_LISTED).rows()
            out.append(
                problem(
                    "W-TREAT-DENOMINATOR",
                    field=p.field,
                    per=p.per,
                    scale=said("treat.scale", scale=f"{p.scale:g}") if p.scale != 1 else "",
                    count=counts[p.field],
                    units=_listed([said("treat.unit_year", unit=u, year=y) for u, y in rows], counts[p.field]),
                )
            )
    divided = [
        pl.when(pl.col(p.per).is_null() | (pl.col(p.per) == 0))
        .then(None)
        .otherwise(pl.col(p.field) / pl.col(p.per) * p.scale)
        .alias(p.field)
        for p in plans
    ]
    return wide.with_columns(divided), out


# --- 2. imputation -------------------------------------------------------------------------------


def _peers(p) -> list[str]:
    return ["year", p.by] if p.impute.startswith("group_") else ["year"]


def fill_expr(p) -> pl.Expr:
    """What a missing value of the plan's field would take (null where nothing can be said)."""
    x = pl.col(p.field)
    if p.impute == "previous_year":
        return x.forward_fill().over("unit", order_by="year")
    stat = x.median() if p.impute.endswith("median") else x.mean()
    fill = stat.over(_peers(p))
    if p.impute.startswith("group_"):  # a unit with no group has no group's peers
        fill = pl.when(pl.col(p.by).is_null() | (pl.col(p.by).str.strip_chars() == "")).then(None).otherwise(fill)
    return fill


def impute(wide: pl.DataFrame, plans: list) -> tuple[pl.DataFrame, list[Problem]]:
    """Missing values of the planned fields filled as each plan says, ``im:<field>`` marking
    them; W-TREAT-IMPUTED (what was filled) and W-TREAT-NOT-IMPUTED (what could not be)."""
    plans = [p for p in plans if not p.impute.startswith("group_") or p.by in wide.columns]
    if not plans:
        return wide, []
    wide = wide.with_columns([fill_expr(p).alias(f"_fill:{p.field}") for p in plans])
    missing = {p.field: pl.col(p.field).is_null() for p in plans}
    wide = wide.with_columns(
        [(missing[p.field] & pl.col(f"_fill:{p.field}").is_not_null()).alias(imputed_col(p.field)) for p in plans]
    )
    counts = wide.select(
        *[pl.col(imputed_col(p.field)).sum().alias(p.field) for p in plans],
        *[(missing[p.field] & pl.col(f"_fill:{p.field}").is_null()).sum().alias(f"_n:{p.field}") for p in plans],
    ).row(0, named=True)
    out = _imputed_said(plans, counts)
    for p in plans:
        if counts[f"_n:{p.field}"]:
            out.append(_not_imputed(wide, p, counts[f"_n:{p.field}"]))
    wide = wide.with_columns([pl.coalesce(p.field, f"_fill:{p.field}").alias(p.field) for p in plans])
    return wide.drop([f"_fill:{p.field}" for p in plans]), out


def _how(p):
    if p.impute.startswith("group_"):
        return said(f"treat.how_{p.impute}", group=said(f"group.{p.by}"))
    return said(f"treat.how_{p.impute}")


def _imputed_said(plans: list, counts: dict) -> list[Problem]:
    """One W-TREAT-IMPUTED per way of imputing that filled anything: how many, in which fields."""
    out = []
    by_how: dict[tuple, list] = {}
    for p in plans:
        if counts[p.field]:
            by_how.setdefault((p.impute, p.by), []).append(p)
    for group in by_how.values():
        n = sum(counts[p.field] for p in group)
        fields = [said("treat.field_count", field=p.field, count=counts[p.field]) for p in group]
        out.append(problem("W-TREAT-IMPUTED", count=n, how=_how(group[0]), fields=_listed(fields, len(fields))))
    return out


def _not_imputed(wide: pl.DataFrame, p, count: int) -> Problem:
    """W-TREAT-NOT-IMPUTED of one field: where its missing values found nothing to take."""
    left = wide.filter(pl.col(p.field).is_null() & pl.col(f"_fill:{p.field}").is_null())
    if p.impute == "previous_year":
        places = [said("treat.no_earlier", count=left.height)]
    elif p.impute.startswith("group_"):
        blank = pl.col(p.by).is_null() | (pl.col(p.by).str.strip_chars() == "")
        group = said(f"group.{p.by}")
        places = [
            said("treat.blank_group", year=y, count=n, group=group)
            for y, n in left.filter(blank).group_by("year").len().sort("year").rows()
        ]
        places += [
            said("treat.no_peer_group", year=y, group=group, name=g)
            for y, g in left.filter(~blank).select("year", p.by).unique().sort("year", p.by).rows()
        ]
    else:
        places = [said("treat.no_peer_year", year=y) for y in left["year"].unique().sort().to_list()]
    return problem(
        "W-TREAT-NOT-IMPUTED", field=p.field, count=count, how=_how(p), where=_listed(places[:_LISTED], len(places))
    )


def _listed(items: list, total: int):
    """The first few of a list, and how many more there are."""
    shown = tuple(items[:_LISTED])
    return said("engine.and_more", units=shown, more=total - len(shown)) if total > len(shown) else shown


# --- 3. outliers (COINr's rule) ------------------------------------------------------------------

# The long frame's column names: a colon is in no field id, so no field can clash with them.
_F, _X = "f:", "x:"
_G = [_F, "year"]


def fails_expr(x: pl.Expr = pl.col(_X)) -> pl.Expr:
    """Per field and year (an aggregation, or inside ``over``): |skew| ≥ the limit and excess
    kurtosis ≥ the limit, both sample-adjusted.  Fewer than four values, all alike, or only two
    distinct values: false, never NaN (polars orders NaN above every number, so a NaN skew would
    pass any limit).  Two values (0/1) have no outlier: their skew and kurtosis only say how the
    units split between them, and winsorising would turn the rarer value into the other."""
    skew = x.skew(bias=False).fill_nan(None)
    kurt = x.kurtosis(fisher=True, bias=False).fill_nan(None)
    checkable = (x.count() >= 4) & (x.std() > 0) & (x.drop_nulls().n_unique() > 2)
    return (checkable & (skew.abs() >= pl.col("_skew").first()) & (kurt >= pl.col("_kurt").first())).fill_null(False)


def winsorise(long: pl.DataFrame, steps: int) -> pl.DataFrame:
    """``long`` (field, year, x, _winmax, _skew, _kurt) with failing columns winsorised step by
    step, ``_moved`` marking the points changed.  Each step, in every column that still fails
    and has changed fewer than ``_winmax`` distinct points, the value(s) equal to the extreme on
    the skewed side take the next value in; the tie so made moves together next time, counted
    once.  The statistics are one small table per step (a row per field and year); the step
    ends early when no column is left to treat."""
    x = pl.col(_X)
    out = long.with_columns(pl.lit(False).alias("_moved"))
    for _ in range(steps):
        stats = out.group_by(_G).agg(
            fails_expr().alias("_fails"),
            pl.col("_moved").sum().alias("_points"),
            pl.col("_winmax").first(),
            (x.skew(bias=False).fill_nan(0.0) >= 0).alias("_high"),
            x.max().alias("_top"),
            x.min().alias("_bottom"),
            x.filter(x < x.max()).max().alias("_next_top"),
            x.filter(x > x.min()).min().alias("_next_bottom"),
        )
        active = stats.filter(pl.col("_fails") & (pl.col("_points") < pl.col("_winmax")))
        if active.height == 0:
            break
        joined = ["_high", "_top", "_bottom", "_next_top", "_next_bottom"]
        out = out.join(active.select(*_G, *joined), on=_G, how="left", maintain_order="left")
        high = pl.col("_high")
        hit = pl.when(high).then(x == pl.col("_top")).otherwise(x == pl.col("_bottom")).fill_null(False)
        out = out.with_columns(
            pl.when(hit)
            .then(pl.when(high).then(pl.col("_next_top")).otherwise(pl.col("_next_bottom")))
            .otherwise(x)
            .alias(_X),
            (pl.col("_moved") | hit).alias("_moved"),
        ).drop(joined)
    return out


def log_ct(x: pl.Expr = pl.col(_X)) -> pl.Expr:
    """COINr's log transform of a column (inside ``over``): log(x − min + 0.01·(max − min))."""
    return (x - x.min() + 0.01 * (x.max() - x.min())).log()


def treat_outliers(wide: pl.DataFrame, plans: list) -> tuple[pl.DataFrame, list[Problem]]:
    """The planned fields' outliers treated per year (COINr's rule), ``tr:<field>`` saying how
    each value was changed, and one W-TREAT-OUTLIER per field treated, naming each year and how.
    Only the columns (field and year) that fail the check are worked on."""
    if not plans:
        return wide, []
    fids = [p.field for p in plans]
    params = pl.DataFrame(
        {
            _F: fids,
            "_winmax": [p.winmax for p in plans],
            "_skew": [float(p.skew) for p in plans],
            "_kurt": [float(p.kurtosis) for p in plans],
        },
        schema={_F: pl.String, "_winmax": pl.UInt32, "_skew": pl.Float64, "_kurt": pl.Float64},
    )
    long = (
        wide.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("_r"), "year", *fids)
        .unpivot(index=["_r", "year"], variable_name=_F, value_name=_X)
        .join(params, on=_F, how="left")
    )
    failing = long.group_by(_G).agg(fails_expr().alias("_fails")).filter("_fails").select(_G)
    if failing.height == 0:
        return wide, []
    sub = long.join(failing, on=_G, how="semi", maintain_order="left")
    win = winsorise(sub, max(p.winmax for p in plans))
    still = win.group_by(_G).agg(fails_expr().alias("_still"), pl.col("_moved").sum().alias("_points"))
    treated = (
        win.with_columns(sub[_X].alias("_orig"))
        .join(still, on=_G, how="left", maintain_order="left")
        .with_columns(
            pl.when(pl.col("_still")).then(log_ct(pl.col("_orig")).over(_G)).otherwise(pl.col(_X)).alias(_X),
            pl.when(pl.col("_still")).then(pl.lit("log")).otherwise(pl.lit("winsorised")).alias("_how"),
        )
    )
    changed = sorted(set(treated[_F].to_list()))
    back = treated.pivot(on=_F, index="_r", values=_X)
    how = treated.select(
        "_r", _F, pl.when((pl.col("_how") == "log") | pl.col("_moved")).then(pl.col("_how")).alias("_how")
    ).pivot(on=_F, index="_r", values="_how")
    marks = how.rename({f: treated_col(f) for f in changed})
    wide = (
        wide.with_row_index("_r")
        .join(back.rename({f: f"_new:{f}" for f in changed}), on="_r", how="left", maintain_order="left")
        .join(marks, on="_r", how="left", maintain_order="left")
        .with_columns([pl.coalesce(f"_new:{f}", f).alias(f) for f in changed])
        .drop(["_r", *[f"_new:{f}" for f in changed]])
    )
    return wide, _outliers_said(treated, plans)


def _outliers_said(treated: pl.DataFrame, plans: list) -> list[Problem]:
    done = treated.group_by(_F, "year").agg(pl.col("_how").first(), pl.col("_points").first()).sort(_F, "year")
    out = []
    by_field = {p.field: p for p in plans}
    for (fid,), rows in done.group_by([_F], maintain_order=True):
        p = by_field[fid]
        how = [
            said("treat.winsorised" if h == "winsorised" else "treat.logged", year=y, points=n)
            for y, h, n in rows.select("year", "_how", "_points").rows()
        ]
        out.append(
            problem(
                "W-TREAT-OUTLIER",
                field=fid,
                skew=f"{p.skew:g}",
                kurtosis=f"{p.kurtosis:g}",
                how=_listed(how, len(how)),
            )
        )
    return out
