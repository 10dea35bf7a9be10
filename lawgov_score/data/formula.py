"""Formulas evaluated on data: the parsed formula (``rubric.formula``) as polars expressions.

Semantics, as docs/rubric-format.md states them: every operator and function gives missing when
an argument is missing, ``coalesce`` alone skips a missing argument, and division by zero gives
missing (never inf).
"""

from __future__ import annotations

import polars as pl

from ..rubric.formula import Ast


def compare(a, op: str, b):
    """The polars expression ``a op b``."""
    return {"<=": a <= b, "<": a < b, ">=": a >= b, ">": a > b, "==": a == b}[op]


def to_polars(ast: Ast, column=None):
    """Compile to a polars expression.  ``column(id)`` maps a field id to its expression."""
    col = column or pl.col

    def comp(node: Ast):
        kind = node[0]
        if kind == "num":
            return pl.lit(node[1], dtype=pl.Float64)
        if kind == "field":
            return col(node[1]).cast(pl.Float64)
        if kind == "neg":
            return -comp(node[1])
        if kind == "bin":
            a, b = comp(node[2]), comp(node[3])
            if node[1] == "+":
                return a + b
            if node[1] == "-":
                return a - b
            if node[1] == "*":
                return a * b
            return pl.when(b == 0).then(None).otherwise(a / b)
        fn, args = node[1], [comp(x) for x in node[2]]
        if fn == "coalesce":
            return pl.coalesce(args)
        if fn == "abs":
            return args[0].abs()
        # polars' horizontal min/max skip nulls; here any missing argument makes the result missing
        extreme = pl.min_horizontal(args) if fn == "min" else pl.max_horizontal(args)
        return pl.when(pl.any_horizontal([a.is_null() for a in args])).then(None).otherwise(extreme)

    return comp(ast)


def provenance(ast: Ast, inputs_of, imputed_of, column=None):
    """Where a formula's value comes from, as two polars expressions: the stated fields it rests
    on (a list of field ids, in order of first use) and whether it rests on a fallback nobody
    stated (a ``coalesce`` that took a branch reading no stated field, such as a number).

    ``inputs_of(id)`` and ``imputed_of(id)`` give the same two for a field; ``column(id)`` its
    value, as for ``to_polars``.  Every operator and function but ``coalesce`` needs all its
    arguments, so its inputs are all of theirs; ``coalesce`` has those of the argument it took.
    Where the value is missing the expressions mean nothing (callers look at the value first)."""
    none = pl.lit([], dtype=pl.List(pl.String))

    def union(parts: list) -> tuple:
        if len(parts) == 1:
            return parts[0]
        inputs = pl.concat_list([p[0] for p in parts]).list.unique(maintain_order=True)
        return inputs, pl.any_horizontal([p[1] for p in parts])

    def prov(node: Ast) -> tuple:
        kind = node[0]
        if kind == "num":
            return none, pl.lit(False)
        if kind == "field":
            return inputs_of(node[1]), imputed_of(node[1])
        if kind == "neg":
            return prov(node[1])
        if kind == "bin":
            return union([prov(node[2]), prov(node[3])])
        fn, args = node[1], node[2]
        if fn != "coalesce":
            return union([prov(a) for a in args])
        inputs, imputed = None, None
        for arg in args:  # the first present argument is the one taken
            present = to_polars(arg, column).is_not_null()
            a_inputs, a_imputed = prov(arg)
            fallback = a_imputed | (a_inputs.list.len() == 0)
            inputs = pl.when(present).then(a_inputs) if inputs is None else inputs.when(present).then(a_inputs)
            imputed = pl.when(present).then(fallback) if imputed is None else imputed.when(present).then(fallback)
        return inputs.otherwise(None), imputed.otherwise(False)

    return prov(ast)
