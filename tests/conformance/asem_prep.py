"""Data preparation of COINr's ASEM example build, before anything a rubric scores.

COINr (the composite-indicator R package of the EC's Joint Research Centre) builds its ASEM
example in steps; the ones before normalisation are data treatment, not scoring, so they are
done here and written to an indicator file that lawgov-score reads like any other:

1. ``denominate``: each indicator that names a ``Denominator`` in ASEM_iMeta.csv is divided
   by that column (trade by GDP, flights by population, …);
2. ``impute_group_mean``: a missing value becomes the mean of its ``EurAsia_group`` (Europe or
   Asia) for that indicator;
3. ``treat``: an indicator fails when |skewness| ≥ 2 and kurtosis ≥ 3.5 (sample-adjusted skew,
   excess kurtosis).  A failing indicator is winsorised: the most extreme value(s) on the
   skewed side are set to the next value in, one step at a time, re-checking after each step,
   at most 5 points in all.  If it still fails, the original column is replaced by
   log(x − min + 0.01·(max − min)) instead.

Normalisation (direction, min-max to 0–100), aggregation and ranking are the rubric's job
(``asem.yaml``).  Everything is vectorised over countries: Python loops run over the (at most
5) winsorisation steps, never over units.

Run as a script to write the prepared file::

    python tests/conformance/asem_prep.py ../shared/conformance/asem asem-prepared.csv
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl

GROUP = "EurAsia_group"
WINMAX = 5
SKEW_THRESHOLD = 2.0
KURT_THRESHOLD = 3.5


@dataclass
class Asem:
    data: pl.DataFrame  # one row per country: uCode, uName, groups, Time, denominators, indicators
    meta: pl.DataFrame  # ASEM_iMeta.csv

    @property
    def indicators(self) -> list[str]:
        return self.meta.filter(pl.col("Type") == "Indicator")["iCode"].to_list()


def load(folder: str | Path) -> Asem:
    folder = Path(folder)
    return Asem(data=pl.read_csv(folder / "ASEM_iData.csv"), meta=pl.read_csv(folder / "ASEM_iMeta.csv"))


def long_form(asem: Asem, data: pl.DataFrame | None = None) -> pl.DataFrame:
    """unit, group, ind, x: one row per country and indicator."""
    data = asem.data if data is None else data
    return (
        data.unpivot(index=["uCode", GROUP], on=asem.indicators, variable_name="ind", value_name="x")
        .rename({"uCode": "unit", GROUP: "group"})
        .with_columns(pl.col("x").cast(pl.Float64))
    )


def denominate(asem: Asem) -> pl.DataFrame:
    """Indicators divided by their denominator column (long form)."""
    denominators = asem.meta.filter(pl.col("Type") == "Indicator").select("iCode", "Denominator")
    denom_long = asem.data.unpivot(
        index="uCode",
        on=asem.meta.filter(pl.col("Type") == "Denominator")["iCode"].to_list(),
        variable_name="Denominator",
        value_name="d",
    ).rename({"uCode": "unit"})
    return (
        long_form(asem)
        .join(denominators, left_on="ind", right_on="iCode", how="left", maintain_order="left")
        .join(denom_long, on=["unit", "Denominator"], how="left", maintain_order="left")
        .with_columns(
            pl.when(pl.col("Denominator").is_null()).then(pl.col("x")).otherwise(pl.col("x") / pl.col("d")).alias("x")
        )
        .select("unit", "group", "ind", "x")
    )


def impute_group_mean(long: pl.DataFrame) -> pl.DataFrame:
    """A missing value → the mean of the country's group for that indicator."""
    return long.with_columns(pl.col("x").fill_null(pl.col("x").mean().over("ind", "group")))


def _fails() -> pl.Expr:
    """Per indicator (use inside ``over("ind")``): true when skew and kurtosis are both too high."""
    skew = pl.col("x").skew(bias=False)
    kurt = pl.col("x").kurtosis(fisher=True, bias=False)
    return (skew.abs() >= SKEW_THRESHOLD) & (kurt >= KURT_THRESHOLD)


def winsorise(long: pl.DataFrame, winmax: int = WINMAX) -> pl.DataFrame:
    """Step-wise winsorisation of every failing indicator at once.

    Each step, for each indicator that still fails and has winsorised fewer than ``winmax``
    points: when skew ≥ 0 every value equal to the maximum is set to the largest other value,
    else every value equal to the minimum to the smallest other value.  A point set to the
    next value becomes tied with it, so the next step moves both; ``winsorised`` counts the
    distinct points changed so far, per indicator.  (A step that moves several tied values at
    once can take the count past ``winmax``; in the ASEM data no indicator needs more than 4.)"""
    out = long.with_columns(pl.lit(False).alias("moved"), pl.lit(0, dtype=pl.Int64).alias("winsorised"))
    for _ in range(winmax):  # each step moves at least one new point, so winmax steps suffice
        x = pl.col("x")
        high = x.skew(bias=False).over("ind") >= 0
        active = _fails().over("ind") & (pl.col("winsorised") < winmax)
        top, bottom = x.max().over("ind"), x.min().over("ind")
        next_top = x.filter(x < x.max()).max().over("ind")
        next_bottom = x.filter(x > x.min()).min().over("ind")
        hit = active & pl.when(high).then(x == top).otherwise(x == bottom)
        out = out.with_columns(
            pl.when(hit).then(pl.when(high).then(next_top).otherwise(next_bottom)).otherwise(x).alias("x"),
            (pl.col("moved") | hit).alias("moved"),
        ).with_columns(pl.col("moved").sum().over("ind").cast(pl.Int64).alias("winsorised"))
    return out.drop("moved")


def log_ct(x: pl.Expr) -> pl.Expr:
    """COINr's ``log_CT``: log(x − min + 0.01·(max − min)), per indicator."""
    return (x - x.min() + 0.01 * (x.max() - x.min())).log()


def treat(long: pl.DataFrame, winmax: int = WINMAX) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(treated long frame, one row per treated indicator: how it was treated).

    Indicators that pass are left alone; failing ones are winsorised; those that still fail
    after winsorisation take the log transform of their original (imputed) values."""
    failing = long.group_by("ind").agg(_fails().alias("failed"))
    win = winsorise(long, winmax)
    still = win.group_by("ind").agg(_fails().alias("still_fails"), pl.col("winsorised").first())
    how = failing.join(still, on="ind").with_columns(
        pl.when(~pl.col("failed"))
        .then(pl.lit("none"))
        .when(~pl.col("still_fails"))
        .then(pl.lit("winsorised"))
        .otherwise(pl.lit("log"))
        .alias("treatment")
    )
    treated = (
        long.join(win.select("unit", "ind", pl.col("x").alias("x_win")), on=["unit", "ind"], maintain_order="left")
        .join(how.select("ind", "treatment"), on="ind", maintain_order="left")
        .with_columns(
            pl.when(pl.col("treatment") == "winsorised")
            .then(pl.col("x_win"))
            .when(pl.col("treatment") == "log")
            .then(log_ct(pl.col("x")).over("ind"))
            .otherwise(pl.col("x"))
            .alias("x")
        )
        .select(long.columns)
    )
    summary = (
        how.filter(pl.col("failed"))
        .select(
            "ind", "treatment", pl.when(pl.col("treatment") == "winsorised").then(pl.col("winsorised")).alias("points")
        )
        .sort("ind")
    )
    return treated, summary


def prepare(folder: str | Path) -> pl.DataFrame:
    """The indicator file's content: one row per country (unit, name, group, year) and one
    column per indicator, named by its ``iCode``."""
    asem = load(folder)
    treated, _ = treat(impute_group_mean(denominate(asem)))
    wide = treated.pivot(on="ind", index="unit", values="x")
    info = asem.data.select(
        pl.col("uCode").alias("unit"),
        pl.col("uName").alias("name"),
        pl.col(GROUP).alias("group"),
        pl.col("Time").cast(pl.Int64).alias("year"),
    )
    return info.join(wide, on="unit", how="left", maintain_order="left").select(
        "unit", "name", "group", "year", *asem.indicators
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: asem_prep.py <asem folder> <output .csv|.parquet>", file=sys.stderr)
        return 2
    frame = prepare(argv[0])
    out = Path(argv[1])
    frame.write_parquet(out) if out.suffix == ".parquet" else frame.write_csv(out)
    print(f"{out}: {frame.height} units × {frame.width - 4} indicators")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
