"""Values checked across fields: derived values like stated ones, and the constraints a field
dictionary declares.

A stated value is checked on its own when it is read (a number, in its field's range).  Here
come the checks that need a unit's other values of the year:

* a value a formula derives (the dictionary's, for a field not stated; an item's own) must be
  finite and inside its field's range, like a stated one: 纠错 129 of 审结 78 gives a 纠错率 of
  165%, which is a data problem naming the inputs and their rows, never a score (E-DATA-DERIVED);
* every declared constraint (``reconsideration_corrected <= reconsideration_closed``) must hold
  where both sides have a value (E-DATA-CONSTRAINT, or W-DATA-CONSTRAINT for a ``warning``).

The checks are polars expressions over the wide frame (one row per unit and year); only the few
rows that fail are looked up to say where their values were read.
"""

from __future__ import annotations

import polars as pl

from ..core.problems import Problem, problem, said
from ..rubric import formula as fx
from .derive import derive, stated_col
from .formula import compare, to_polars

KEYS = ["unit", "year"]
MAX_PER_CHECK = 20  # problems reported per constraint or derived field; the rest are counted


def check_values(inds, rubric) -> list[Problem]:
    """Every problem of derived values and declared constraints in ``inds``."""
    needed = rubric.with_inputs(rubric.used_fields() | {f for c in rubric.constraints for f in c.fields()})
    wide = _wide(inds, sorted(needed))
    if wide is None or wide.height == 0:
        return []
    frame = derive(wide, rubric, needed)
    places = _Places(inds, rubric)
    out: list[Problem] = []
    broken: set[tuple] = set()  # (unit, year, field) of values in a broken error constraint
    for c in rubric.constraints:
        left, right = to_polars(c.left), to_polars(c.right)
        bad = frame.filter(left.is_not_null() & right.is_not_null() & ~compare(left, c.op, right))
        if bad.height == 0:
            continue
        fields = c.fields()
        code = "E-DATA-CONSTRAINT" if c.severity == "error" else "W-DATA-CONSTRAINT"
        rows = bad.select(*KEYS, *fields).iter_rows(named=True)
        for n, r in enumerate(rows):
            if c.severity == "error":
                broken.update((r["unit"], r["year"], f) for f in fields)
            if n < MAX_PER_CHECK:
                path, line = places.first(r, fields)
                out.append(
                    problem(
                        code,
                        path,
                        line,
                        unit=r["unit"],
                        year=_year(r["year"]),
                        values=places.values(r, fields, path),
                        check=c.check,
                        why=c.why or said("data.constraint_why"),
                    )
                )
        out += _more(code, bad.height, places.files)
    out += _derived_fields(frame, rubric, needed, places, broken)
    out += _derived_items(frame, rubric, places, broken)
    return out


def _derived_fields(frame: pl.DataFrame, rubric, needed: set[str], places: "_Places", broken: set) -> list[Problem]:
    from ..rubric.model import field_range

    out: list[Problem] = []
    for fid, ast in rubric.field_formulas.items():
        if fid not in needed:
            continue
        lo, hi = field_range(rubric.fields[fid])
        computed = ~pl.col(stated_col(fid)) & pl.col(fid).is_not_null()
        out += _outside(
            frame,
            computed,
            pl.col(fid),
            lo,
            hi,
            rubric.fields[fid].name,
            _inputs(rubric, ast),
            rubric.fields[fid].type == "percent",
            places,
            broken,
        )
    return out


def _derived_items(frame: pl.DataFrame, rubric, places: "_Places", broken: set) -> list[Problem]:
    """An item's own formula: finite, and 0–100 when the item says its value is a percent."""
    out: list[Problem] = []
    for it in rubric.leaves():
        if it.formula_ast is None:
            continue
        value = to_polars(it.formula_ast)
        percent = it.unit == "%"
        lo, hi = (0.0, 100.0) if percent else (None, None)
        name = said("data.item_value", id=it.id, name=it.name)
        out += _outside(
            frame, value.is_not_null(), value, lo, hi, name, _inputs(rubric, it.formula_ast), percent, places, broken
        )
    return out


def _outside(
    frame,
    computed: pl.Expr,
    value: pl.Expr,
    lo,
    hi,
    name,
    inputs: list[str],
    percent: bool,
    places: "_Places",
    broken: set,
) -> list[Problem]:
    bad = ~value.is_finite()
    if lo is not None:
        bad = bad | (value < lo)
    if hi is not None:
        bad = bad | (value > hi)
    rows = frame.filter(computed & bad).select(*KEYS, value.alias("_value"), *inputs)
    out: list[Problem] = []
    shown = 0
    for r in rows.iter_rows(named=True):
        if any((r["unit"], r["year"], f) in broken for f in inputs):
            continue  # the broken constraint already says what is wrong with these values
        shown += 1
        if shown > MAX_PER_CHECK:
            continue
        path, line = places.first(r, inputs)
        out.append(
            problem(
                "E-DATA-DERIVED",
                path,
                line,
                unit=r["unit"],
                year=_year(r["year"]),
                name=name,
                value=_number(r["_value"], percent),
                range=_range(lo, hi),
                values=places.values(r, inputs, path),
            )
        )
    return out + _more("E-DATA-DERIVED", shown, places.files)


def _more(code: str, count: int, files: list[str]) -> list[Problem]:
    if code.startswith("E-") and count > MAX_PER_CHECK:
        return [problem("E-DATA-MORE", ", ".join(files), None, count=count - MAX_PER_CHECK, kind=code)]
    return []


def _range(lo, hi):
    """A range as a message shows it: ``0–100``, ``≥ 0``, ``≤ 1``, or the words for any finite number."""
    if lo is not None and hi is not None:
        return f"{lo:g}–{hi:g}"
    if lo is not None:
        return f"≥ {lo:g}"
    if hi is not None:
        return f"≤ {hi:g}"
    return said("data.range_finite")


def _number(v: float | None, percent: bool = False):
    """A value as a message shows it: rounded to 2 decimals, with % for a percent; words for none."""
    if v is None:
        return said("data.no_value")
    text = f"{round(v, 2):g}" if abs(v) != float("inf") and v == v else str(v)
    return text + ("%" if percent else "")


def _year(y) -> str:
    return "" if y is None else str(y)


def _inputs(rubric, ast) -> list[str]:
    """The stated fields a formula rests on: derived fields are replaced by what they read."""
    out: list[str] = []
    for f in fx.fields_of(ast):
        for g in (_inputs(rubric, rubric.field_formulas[f]) if f in rubric.field_formulas else []) + [f]:
            if g not in out:
                out.append(g)
    return out


def _wide(inds, fields: list[str]) -> pl.DataFrame | None:
    """One row per unit and year with a Float64 column per field (null where not stated)."""
    wide = inds.wide
    if wide is None or not all(f in wide.columns for f in fields):
        vals = inds.values.filter(pl.col("field").is_in(fields))
        if vals.height == 0:
            return None
        wide = vals.pivot(on="field", index=KEYS, values="value", aggregate_function="first")
    missing = [f for f in fields if f not in wide.columns]
    wide = wide.with_columns([pl.lit(None, dtype=pl.Float64).alias(f) for f in missing])
    return wide.select(*KEYS, *[pl.col(f).cast(pl.Float64) for f in fields])


class _Places:
    """Where each value of a failing row was read (file and row), looked up only for those rows."""

    def __init__(self, inds, rubric):
        self.rubric = rubric
        self.files = list(inds.files)
        self._inds = inds
        self._at: dict | None = None

    def _table(self) -> dict:
        if self._at is None:
            try:
                vals = self._inds.values.select(*KEYS, "field", "file", "row")
            except NotImplementedError:  # scanned at township scale: no rows kept
                vals = None
            self._at = {} if vals is None else {(u, y, f): (file, row) for u, y, f, file, row in vals.iter_rows()}
        return self._at

    def at(self, r: dict, field: str) -> tuple[str, int | None] | None:
        return self._table().get((r["unit"], r["year"], field))

    def first(self, r: dict, fields: list[str]) -> tuple[str, int | None]:
        for f in fields:
            place = self.at(r, f)
            if place is not None:
                return place
        return ", ".join(self.files), None

    def values(self, r: dict, fields: list[str], here: str = "") -> tuple:
        """Each field's name, value and place (the row in the file ``here``, else file:row), as
        a list of words."""
        parts = []
        for f in fields:
            fdef = self.rubric.fields[f]
            place = self.at(r, f)
            shown = {"name": fdef.name, "value": _number(r.get(f), fdef.type == "percent")}
            if place is None or place[1] is None:
                parts.append(said("data.value", **shown))
            elif place[0] == here:
                parts.append(said("data.value_at_row", row=place[1], **shown))
            else:
                parts.append(said("data.value_at", file=place[0], row=place[1], **shown))
        return tuple(parts)
