"""What if one unit's values were different: its score, grade and rank, re-scored by the engine.

Values are given as people type them (``court_appearance_rate=100%``, ``出庭应诉率=95``,
``年度重大行政决策事项目录公布=是``) and read by the same code as an indicator file, so a value
that a file would reject is rejected here too, with the same message.  An empty value or ``—``
makes the value missing.  The unit's year (all units of it, because relative rules compare a
unit with its peers) is scored again; nothing is re-implemented here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

import polars as pl

from ..core.problems import ProblemError, Report, problem
from ..data.consistency import check_values
from ..data.read import TEXT_ROW_SCHEMA, VALUE_SCHEMA, Indicators, normalise_text_rows
from ..engine.rank import rank
from ..engine.score import ScoreResult, col_score, score
from .select import select_unit_year, unit_year_key, year_key

SET_FILE = "--set"


@dataclass
class WhatIf:
    """One unit's score, grade and rank before and after changing some of its values."""

    unit: str
    year: int | None
    changes: pl.DataFrame  # field, name, before, after (numbers in the field's terms; null = missing)
    before: dict  # total, percent, grade, vetoed, rank, of (units ranked)
    after: dict
    items: pl.DataFrame  # items whose score changed: id, name, level, before, after, change
    others_changed: int  # other units whose total moved (relative rules compare with peers)
    result: ScoreResult  # the year re-scored with the changes

    def summary(self) -> dict:
        """Unit, year, the standing before and after, and how many other units moved."""
        return {
            "unit": self.unit,
            "year": self.year,
            "before": self.before,
            "after": self.after,
            "others_changed": self.others_changed,
        }


def parse_settings(settings: list[str]) -> dict[str, str]:
    """``["FIELD=VALUE", …]`` → {FIELD: VALUE}; a malformed one is an E-SET problem."""
    report = Report()
    out: dict[str, str] = {}
    for i, text in enumerate(settings, 1):
        name, sep, value = text.partition("=")
        if not sep or not name.strip():
            report.add(problem("E-SET", SET_FILE, i, None, text=text))
            continue
        out[name.strip()] = value.strip()
    if not report.ok:
        raise ProblemError(report)
    return out


def value_text(rubric, field: str, value) -> str:
    """A number as a person would type it for this field (是/否, a grade's name, 95.5)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        return value
    f = rubric.fields[field]
    if f.type == "bool":
        return "是" if float(value) >= 0.5 else "否"
    if f.type == "grade":
        return (f.levels or [])[int(round(float(value)))]
    from decimal import Decimal

    text = format(Decimal(repr(float(value))), "f")  # shortest exact digits, never 1e-05
    return text[:-2] if text.endswith(".0") else text


def read_changes(rubric, unit: str, year: int | None, changes: Mapping[str, object]) -> tuple[pl.DataFrame, set[str]]:
    """The changes as canonical value rows (through the indicator reader) and the fields set to missing."""
    texts = [
        (name, value_text(rubric, rubric.field_lookup().get(name, name), v) if not isinstance(v, str) else v)
        for name, v in changes.items()
    ]
    raw = pl.DataFrame(
        {
            "unit": [unit] * len(texts),
            "year": [str(year) if year is not None else None] * len(texts),
            "field": [n for n, _ in texts],
            "raw": [t for _, t in texts],
            "evidence": ["what-if"] * len(texts),
            "source": [SET_FILE] * len(texts),
            "qualifier": [None] * len(texts),
            "file": [SET_FILE] * len(texts),
            "row": list(range(1, len(texts) + 1)),
            "vcol": [f"{n}={t}" for n, t in texts],
            "fcol": [f"{n}={t}" for n, t in texts],
        },
        schema=TEXT_ROW_SCHEMA,
    )
    report = Report()
    inds = normalise_text_rows(raw, rubric, report, [SET_FILE])
    if not report.ok:
        raise ProblemError(report)
    lookup = rubric.field_lookup()
    ids = {lookup[n.strip()] for n, _ in texts}
    return inds.values, ids - set(inds.values["field"].to_list())


def apply_changes(
    inds: Indicators, unit: str, year: int | None, new_values: pl.DataFrame, cleared: set[str]
) -> Indicators:
    """The indicators of ``year`` with the unit's values replaced."""
    vals = inds.values.filter(year_key(year))
    touched = set(new_values["field"].to_list()) | cleared
    keep = ~((pl.col("unit") == unit) & pl.col("field").is_in(list(touched)))
    vals = pl.concat([vals.filter(keep), new_values.cast(VALUE_SCHEMA)])
    return Indicators(values=vals, units=inds.units, files=inds.files)


def whatif(
    result: ScoreResult, unit: str, changes: Mapping[str, object], year: int | None = None, by: str | None = None
) -> WhatIf:
    """Score, grade and rank of ``unit`` if its values were ``changes`` ({field id or 中文名 or
    alias: value as typed, or a number}).  Ranks are among the units of the same year (and
    group ``by``)."""
    unit, year = select_unit_year(result, unit, year)
    rubric = result.rubric
    new_values, cleared = read_changes(rubric, unit, year, changes)
    inds = apply_changes(result.indicators, unit, year, new_values, cleared)
    report = Report(check_values(inds, rubric))  # a change may make a derived value impossible (纠错 > 审结)
    if not report.ok:
        raise ProblemError(report)
    after = score(rubric, inds)
    return _compare(result, after, unit, year, new_values, cleared, by)


def score_with(result: ScoreResult, unit: str, year: int | None, changes: Mapping[str, object]) -> ScoreResult:
    """Only the re-scored result (for searches that try many changes)."""
    new_values, cleared = read_changes(result.rubric, unit, year, changes)
    return score(result.rubric, apply_changes(result.indicators, unit, year, new_values, cleared))


def _standing(res: ScoreResult, unit: str, year, by: str | None) -> dict:
    table = rank(res, by=by).filter(year_key(year))
    row = table.filter(pl.col("unit") == unit).row(0, named=True)
    peers = table.filter(pl.col("group") == row["group"]) if by else table
    d = res.rubric.decimals  # as shown: no 26.580000000000002 from float arithmetic
    return {
        "total": round(row["total"], d),
        "percent": round(row["percent"], 2),
        "grade": row["grade"],
        "vetoed": bool(row["vetoed"]),
        "rank": row["rank"],
        "of": peers.height,
    }


def _compare(
    before: ScoreResult, after: ScoreResult, unit: str, year, new_values: pl.DataFrame, cleared: set[str], by
) -> WhatIf:
    rubric = before.rubric
    b, a = _standing(before, unit, year, by), _standing(after, unit, year, by)
    key = unit_year_key(unit, year)
    ids = list(rubric.items)
    cols = [col_score(i) for i in ids]
    row_b = before.frame.filter(key).select(cols).row(0)
    row_a = after.frame.filter(key).select(cols).row(0)
    items = pl.DataFrame(
        {
            "id": ids,
            "name": [rubric.items[i].name for i in ids],
            "level": [rubric.items[i].level for i in ids],
            "before": list(row_b),
            "after": list(row_a),
        },
        schema={"id": pl.String, "name": pl.String, "level": pl.Int64, "before": pl.Float64, "after": pl.Float64},
    )
    items = items.with_columns((pl.col("after") - pl.col("before")).round(rubric.decimals).alias("change"))
    items = items.filter(pl.col("change") != 0)
    # The fields as they were and as they are now.
    fields = sorted(set(new_values["field"].to_list()) | cleared)
    old = before.indicators.values.filter(key & pl.col("field").is_in(fields)).select(
        "field", pl.col("value").alias("before")
    )
    new = new_values.select("field", pl.col("value").alias("after"))
    changes = (
        pl.DataFrame({"field": fields}, schema={"field": pl.String})
        .join(old, on="field", how="left")
        .join(new, on="field", how="left")
    )
    changes = changes.with_columns(
        pl.col("field").replace_strict({f: rubric.fields[f].name for f in fields}, return_dtype=pl.String).alias("name")
    )
    # Other units of the year whose totals moved.
    tb = before.frame.filter(year_key(year) & (pl.col("unit") != unit)).select("unit", pl.col("total").alias("tb"))
    ta = after.frame.filter(year_key(year) & (pl.col("unit") != unit)).select("unit", pl.col("total").alias("ta"))
    others = tb.join(ta, on="unit").filter(pl.col("tb") != pl.col("ta")).height
    return WhatIf(
        unit=unit,
        year=year,
        changes=changes.select("field", "name", "before", "after"),
        before=b,
        after=a,
        items=items,
        others_changed=others,
        result=after,
    )
