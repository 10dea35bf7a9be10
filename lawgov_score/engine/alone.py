"""Scoring's warning W-ALONE: the units a relative rule had no peer for, gathered.

One line per comparison (the items comparing within the same group, and scoring a unit without
peers the same way), naming its items and, per unit, the items it was alone on: a rubric with
many relative items and a few units alone in their city says so once, not once per item."""

from __future__ import annotations

import polars as pl

from ..core.problems import Problem, problem, said
from ..core.yamlsafe import locate
from ..rubric.compiled import Item, Rubric

_LISTED = 6  # units (and items' names) named in one warning; the rest are counted


def col_alone(item_id: str) -> str:
    """The scored frame's column of whether a unit had no peer for a relative rule."""
    return f"a:{item_id}"


def peer_warnings(rubric: Rubric, frame: pl.DataFrame) -> list[Problem]:
    """W-ALONE for each comparison some unit has no peer in: the items, the units, why (the only
    one of its group with a value, or its group blank), the items each unit was alone on (when not
    all of them), and what the rubric's ``alone`` made of it.  A comparison of one item is located
    at that item's rule, where ``alone`` is chosen; of several, at the rubric."""
    comparisons: dict[tuple, list[tuple[Item, pl.DataFrame]]] = {}
    for it in rubric.leaves():
        if not it.relative or col_alone(it.id) not in frame.columns:
            continue
        within = it.rule.within
        group = (pl.col(within) if within else pl.lit(None, dtype=pl.String)).cast(pl.String).alias("_g")
        rows = frame.filter(pl.col(col_alone(it.id))).select("unit", "year", group, pl.lit(it.id).alias("_item"))
        if rows.height:
            key = (within, it.rule.alone, it.rule.alone == "missing" and it.missing == "full")
            comparisons.setdefault(key, []).append((it, rows))
    return [_comparison_warning(rubric, within, found) for (within, *_), found in comparisons.items()]


def _comparison_warning(rubric: Rubric, within: str | None, found: list[tuple[Item, pl.DataFrame]]) -> Problem:
    """One W-ALONE: the items of one comparison and the units alone in it."""
    items = [it for it, _ in found]
    units = (
        pl.concat([rows for _, rows in found])
        .group_by("unit", "year", "_g", maintain_order=True)
        .agg(pl.col("_item"))
        .sort("year", "unit", nulls_last=True)
    )
    every = len(items)
    listed = tuple(
        _alone_unit(unit, year, g, within, ids if len(ids) < every else ())
        for unit, year, g, ids in units.head(_LISTED).iter_rows()
    )
    more = units.height - _LISTED
    if every == 1:
        it = items[0]
        path, line = locate(it.raw, ("rule",)) if it.raw is not None else (it.path, it.line)
        path, line, where = path or it.path, line or it.line or None, said("engine.item", id=it.id, name=it.name)
    else:
        paths = {it.path for it in items}
        path, line = (paths.pop() if len(paths) == 1 else rubric.path), None
        named = tuple(said("engine.item_named", id=it.id, name=it.name) for it in items[:_LISTED])
        shown = said("engine.and_more", units=named, more=every - _LISTED) if every > _LISTED else named
        where = said("engine.items", count=every, items=shown)
    return problem(
        "W-ALONE",
        path,
        line,
        where=where,
        peers=said("engine.peers_within", group=said(f"group.{within}")) if within else said("engine.peers_year"),
        count=units.height,
        units=said("engine.and_more", units=listed, more=more) if more > 0 else listed,
        policy=_alone_policy(items[0]),
        items=tuple(it.id for it in items),
    )


def _alone_unit(unit: str, year, group, within: str | None, ids: list[str] | tuple = ()):
    """One unit without peers, in words: who, why (its group blank, or the only one with a value),
    and on which items when not on every item of the warning."""
    when = f"{unit} {year}" if year is not None else unit
    key, params = "engine.alone_in_year", {}
    if within and (group is None or not str(group).strip()):
        key, params = "engine.alone_blank_group", {"group": said(f"group.{within}")}
    elif within:
        key, params = "engine.alone_in_group", {"group": group}
    if ids:
        return said(f"{key}_items", unit=when, items=tuple(ids), **params)
    return said(key, unit=when, **params)


def _alone_policy(item: Item):
    """What a unit without peers scores on this item, in words."""
    alone = item.rule.alone
    if alone == "missing":
        return said("engine.alone_missing_full") if item.missing == "full" else said("engine.alone_missing")
    return said("engine.alone_zero") if alone == "zero" else said("engine.alone_full")
