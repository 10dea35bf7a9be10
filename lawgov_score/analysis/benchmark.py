"""对标: one unit against a reference, per item and per dimension.

The reference (``against``) is one of:

* ``best`` — for each item, the best score among the peers (the unit included), and the unit
  that scored it (the first by name when several did): the frontier a county can learn from;
* ``median`` — for each item, the median score of the other peers;
* a unit's name — that unit (exact, or a unique part of a name);
* a group's name — a city, province, level or group named in the unit metadata: the median of
  the units of that group (the unit itself left out).

Peers are the units of the same year; ``within`` (city, province, level or group) keeps only
those of the unit's own group.  ``diff`` is the unit's score minus the reference's: negative
where the unit is behind.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ..core.groups import META_COLUMNS
from ..engine.rank import require_group
from ..engine.score import ScoreResult
from .select import LISTED, NotFound, listed, select_unit_year, year_key


@dataclass
class Benchmark:
    """One unit against a reference, item by item (see the module's doc)."""

    unit: str
    year: int | None
    against: str  # best, median, or the unit or group named
    kind: str  # best | median | unit | group
    peers: int  # units the reference is drawn from
    total: float
    ref_total: float
    items: pl.DataFrame  # id, name, level, max, score, ref, diff, value, ref_value, ref_unit

    def summary(self) -> dict:
        """The totals and the count of items behind and ahead (what JSON's ``summary`` holds)."""
        return {
            "unit": self.unit,
            "year": self.year,
            "against": self.against,
            "kind": self.kind,
            "peers": self.peers,
            "total": self.total,
            "ref_total": self.ref_total,
            "diff": round(self.total - self.ref_total, 6),
            "behind": int((self.items["diff"] < 0).sum()),
            "ahead": int((self.items["diff"] > 0).sum()),
        }


def benchmark(
    result: ScoreResult, unit: str, against: str = "best", year: int | None = None, within: str | None = None
) -> Benchmark:
    """``unit`` item by item against ``against`` (best, median, a unit or a group's name) among
    the units of its year (and of its own group ``within``).  A reference the data cannot give
    is a ``NotFound`` (E-BENCH-…); a grouping it cannot support, E-GROUP."""
    unit, year = select_unit_year(result, unit, year)
    frame = result.frame.filter(year_key(year))
    if within is not None:
        require_group(frame, within, unit)  # the unit's own group must be stated: blanks are no group
        mine = frame.filter(pl.col("unit") == unit)[within][0]
        frame = frame.filter(pl.col(within) == mine)
    records = result.items().filter(year_key(year) & pl.col("unit").is_in(frame["unit"].implode()))
    mine_rec = records.filter(pl.col("unit") == unit).select("id", "name", "level", "max", "score", "value")
    kind, label, ref_units = _resolve(result, frame, unit, against)
    ref, ref_total = _reference(kind, records.filter(pl.col("unit").is_in(ref_units)), frame, ref_units)
    d = result.rubric.decimals
    items = (
        mine_rec.join(ref, on="id", how="left")
        .with_columns(
            pl.col("ref").round(d),
            (pl.col("score") - pl.col("ref")).round(d).alias("diff"),
        )
        .select("id", "name", "level", "max", "score", "ref", "diff", "value", "ref_value", "ref_unit")
    )
    total = float(frame.filter(pl.col("unit") == unit)["total"].item())
    return Benchmark(
        unit=unit,
        year=year,
        against=label,
        kind=kind,
        peers=len(ref_units),
        total=round(total, d),
        ref_total=round(ref_total, d),
        items=items,
    )


def _reference(kind: str, ref: pl.DataFrame, frame: pl.DataFrame, ref_units: list[str]) -> tuple[pl.DataFrame, float]:
    """Per item the reference's score, value and unit (best: the top scorer, the first by name
    on a tie; a unit: its own; a median: of the reference units), and the reference total."""
    totals = frame.filter(pl.col("unit").is_in(ref_units))["total"]
    if kind == "best":
        ref = (
            ref.sort(["id", "score", "unit"], descending=[False, True, False])
            .group_by("id", maintain_order=True)
            .agg(
                pl.col("score").first().alias("ref"),
                pl.col("value").first().alias("ref_value"),
                pl.col("unit").first().alias("ref_unit"),
            )
        )
        return ref, float(totals.max())
    if kind == "unit":
        ref = ref.select(
            "id", pl.col("score").alias("ref"), pl.col("value").alias("ref_value"), pl.col("unit").alias("ref_unit")
        )
        return ref, float(totals.item())
    ref = ref.group_by("id").agg(
        pl.col("score").median().alias("ref"),
        pl.col("value").median().alias("ref_value"),
        pl.lit(None, dtype=pl.String).alias("ref_unit"),
    )
    return ref, float(totals.median())


def _resolve(result: ScoreResult, frame: pl.DataFrame, unit: str, against: str) -> tuple[str, str, list[str]]:
    """(kind, label, the units the reference is drawn from)."""
    units = frame["unit"].to_list()
    others = [u for u in units if u != unit]
    if against == "best":
        return "best", "best", units
    if against == "median":
        if not others:
            raise NotFound.one("E-BENCH-NO-PEER", unit=unit)
        return "median", "median", others
    all_units = result.frame["unit"].unique().to_list()
    if against in all_units or len([u for u in all_units if against in u]) == 1:
        name = against if against in all_units else next(u for u in all_units if against in u)
        if name not in units:
            raise NotFound.one("E-BENCH-UNIT", unit=name)
        return "unit", name, [name]
    for m in META_COLUMNS:
        if m in frame.columns:
            members = frame.filter(pl.col(m) == against)["unit"].to_list()
            members = [u for u in members if u != unit]
            if members:
                return "group", against, members
    groups = sorted({g for m in META_COLUMNS if m in frame.columns for g in frame[m].drop_nulls().to_list()})
    names = listed(groups[:LISTED], empty="common.none")  # the first 12, as ever
    raise NotFound.one("E-BENCH-AGAINST", against=against, groups=names["zh"], groups_en=names["en"])
