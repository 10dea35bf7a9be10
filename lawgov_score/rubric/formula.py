"""Formulas for derived values, e.g. ``reconsideration_corrected / reconsideration_closed * 100``.

A formula is parsed by a small recursive-descent parser into a tuple AST and compiled to a
polars expression.  Nothing is ever evaluated as Python: the grammar admits numbers, field ids,
``+ - * /``, parentheses and a fixed set of functions, and anything else is a parse error.

    expr  := term (("+" | "-") term)*
    term  := unary (("*" | "/") unary)*
    unary := "-" unary | atom
    atom  := NUMBER | NAME | NAME "(" expr ("," expr)* ")" | "(" expr ")"

Semantics: a missing argument makes the result missing, for every operator and for ``min``,
``max`` and ``abs`` alike (``min(100, a / b * 100)`` is missing when ``a`` or ``b`` is: a cap
never turns "nobody said" into 100).  ``coalesce`` is the one way to skip a missing value: it
takes its first present argument.  Division by zero gives missing (never inf).

Limits: a formula nests (parentheses, function calls, minus signs) and chains operators at most
``MAX_DEPTH`` levels deep, and a number in it is at most ``MAX_CONSTANT``; beyond either it is a
formula error, never a crash or an infinite value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Union

MAX_DEPTH = 100  # levels of nesting and chained operators; real formulas use fewer than 10
MAX_CONSTANT = 1e15  # beyond this a float no longer holds every whole number exactly
FUNCTIONS = {"min": (1, None), "max": (1, None), "abs": (1, 1), "coalesce": (1, None)}

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>[-+*/(),]))")

Ast = Union[tuple]  # ("num", v) | ("field", id) | ("neg", a) | ("bin", op, a, b) | ("call", fn, [args])


class FormulaError(ValueError):
    """A formula that does not parse; the message says where and why, in either language.

    ``key`` names the sentence in the catalogue (``rubric.formula.<key>``); ``str(error)`` is
    the Chinese message, ``error.message("en")`` the English one."""

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        super().__init__(self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang``."""
        from ..core.messages import say

        params = {k: say("rubric.formula.end", lang) if v is _END else v for k, v in self.params.items()}
        return say(f"rubric.formula.{self.key}", lang, **params)


_END = object()  # "the end of the formula", a word in either language


@dataclass
class _Tok:
    kind: str
    text: str
    pos: int


def _tokens(src: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    src = src.rstrip()
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if not m or m.end() == pos:
            bad = src[pos:].lstrip()[:1]
            raise FormulaError("bad_char", pos=pos + 1, char=bad)
        kind = m.lastgroup or "op"
        out.append(_Tok(kind, m.group(kind), m.start(kind)))
        pos = m.end()
    out.append(_Tok("end", "", len(src)))
    return out


class _Parser:
    def __init__(self, src: str):
        self.toks = _tokens(src)
        self.i = 0
        self.nesting = 0  # the parser recurses once per level: bounded, so deep input is an error, not a crash

    def enter(self) -> None:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise FormulaError("too_deep", pos=self.peek().pos + 1, limit=MAX_DEPTH)

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        tok = self.take()
        if tok.text != text:
            raise FormulaError("expected", pos=tok.pos + 1, wanted=text, found=tok.text or _END)

    def parse(self) -> Ast:
        if self.peek().kind == "end":
            raise FormulaError("empty")
        node = self.expr()
        tok = self.peek()
        if tok.kind != "end":
            raise FormulaError("extra", pos=tok.pos + 1, found=tok.text)
        return node

    def chained(self, chain: int) -> int:
        """One more operator in a chain (``a + b + …`` is as deep as it is long)."""
        if chain + 1 > MAX_DEPTH:
            raise FormulaError("too_deep", pos=self.peek().pos + 1, limit=MAX_DEPTH)
        return chain + 1

    def expr(self) -> Ast:
        self.enter()
        node = self.term()
        chain = self.nesting
        while self.peek().text in ("+", "-"):
            chain = self.chained(chain)
            op = self.take().text
            node = ("bin", op, node, self.term())
        self.nesting -= 1
        return node

    def term(self) -> Ast:
        node = self.unary()
        chain = self.nesting
        while self.peek().text in ("*", "/"):
            chain = self.chained(chain)
            op = self.take().text
            node = ("bin", op, node, self.unary())
        return node

    def unary(self) -> Ast:
        if self.peek().text == "-":
            self.enter()
            self.take()
            node = ("neg", self.unary())
            self.nesting -= 1
            return node
        return self.atom()

    def atom(self) -> Ast:
        tok = self.take()
        if tok.kind == "num":
            value = float(tok.text)
            if not value <= MAX_CONSTANT:  # (inf too: 5,000 digits read as a float are inf)
                raise FormulaError("number_too_large", pos=tok.pos + 1, limit=f"{MAX_CONSTANT:.0e}")
            return ("num", value)
        if tok.kind == "name":
            if self.peek().text == "(":
                if tok.text not in FUNCTIONS:
                    raise FormulaError("unknown_function", name=tok.text, choices=", ".join(FUNCTIONS))
                self.take()
                args = [self.expr()]
                while self.peek().text == ",":
                    self.take()
                    args.append(self.expr())
                self.expect(")")
                lo, hi = FUNCTIONS[tok.text]
                if len(args) < lo or (hi is not None and len(args) > hi):
                    raise FormulaError("arity", name=tok.text)
                return ("call", tok.text, args)
            return ("field", tok.text)
        if tok.text == "(":
            node = self.expr()
            self.expect(")")
            return node
        raise FormulaError("unexpected", pos=tok.pos + 1, found=tok.text or _END)


def parse(src: str) -> Ast:
    """Parse a formula; raise FormulaError with a message fit for the user."""
    if not isinstance(src, str):
        raise FormulaError("not_text")
    ast = _Parser(src).parse()
    if depth(ast) > MAX_DEPTH:  # a long chain (a + b + … ) is as deep as it has terms
        raise FormulaError("too_deep", pos=len(src.rstrip()), limit=MAX_DEPTH)
    return ast


def excerpt(src, limit: int = 80):
    """A formula as a message quotes it: cut to ``limit`` characters (a 5,000-character formula
    must not fill the screen)."""
    return src if not isinstance(src, str) or len(src) <= limit else src[: limit - 1] + "…"


def depth(ast: Ast) -> int:
    """How many levels deep a parsed formula is (a number or field is 1); counted without
    recursion, so that any tree can be measured."""
    deepest, todo = 0, [(ast, 1)]
    while todo:
        node, level = todo.pop()
        deepest = max(deepest, level)
        kind = node[0]
        children = (
            [node[1]] if kind == "neg" else list(node[2:4]) if kind == "bin" else node[2] if kind == "call" else []
        )
        todo.extend((c, level + 1) for c in children)
    return deepest


COMPARISONS = ("<=", ">=", "==", "<", ">")
_COMPARISON = re.compile(r"<=|>=|==|<|>")


def parse_comparison(src: str) -> tuple[Ast, str, Ast]:
    """``left op right`` (a constraint's check): two formulas and one of ``<= < >= > ==``
    (≤ and ≥ are read as <= and >=)."""
    if not isinstance(src, str):
        raise FormulaError("comparison_not_text")
    text = src.replace("≤", "<=").replace("≥", ">=")
    ops = _COMPARISON.findall(text)
    if len(ops) != 1:
        raise FormulaError("one_comparison")
    left, right = _COMPARISON.split(text)
    return parse(left), ops[0], parse(right)


def fields_of(ast: Ast) -> list[str]:
    """Field ids a formula reads, in order of first appearance."""
    out: list[str] = []

    def walk(node: Ast) -> None:
        kind = node[0]
        if kind == "field" and node[1] not in out:
            out.append(node[1])
        elif kind == "neg":
            walk(node[1])
        elif kind == "bin":
            walk(node[2])
            walk(node[3])
        elif kind == "call":
            for arg in node[2]:
                walk(arg)

    walk(ast)
    return out


# --- what a formula does whatever the data (for the checks) ----------------------------------

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def formula_text(ast: Any) -> str:
    """A parsed formula written back as text (for messages), with the parentheses it needs."""

    def text(node: Any, outer: int = 0, right: bool = False) -> str:
        kind = node[0]
        if kind == "num":
            return f"{node[1]:g}"
        if kind == "field":
            return node[1]
        if kind == "call":
            return f"{node[1]}({', '.join(text(a) for a in node[2])})"
        if kind == "neg":
            return f"-{text(node[1], 3)}"
        p = _PRECEDENCE[node[1]]
        out = f"{text(node[2], p)} {node[1]} {text(node[3], p, right=True)}"
        return f"({out})" if p < outer or (right and p == outer) else out

    return text(ast)


def _constant(ast: Any) -> tuple[bool, float | None]:
    """(True, value) for a part of a formula that reads no field (value None: always missing)."""
    kind = ast[0]
    if kind == "num":
        return True, ast[1]
    if kind == "field":
        return False, None
    parts = [_constant(a) for a in ([ast[1]] if kind == "neg" else ast[2:4] if kind == "bin" else ast[2])]
    if not all(known for known, _ in parts):
        return False, None
    vals = [v for _, v in parts]
    if kind == "call" and ast[1] == "coalesce":
        return True, next((v for v in vals if v is not None), None)
    if any(v is None for v in vals):
        return True, None
    if kind == "neg":
        return True, -vals[0]
    if kind == "bin":
        a, b = vals
        if ast[1] == "/":
            return True, None if b == 0 else a / b
        return True, {"+": a + b, "-": a - b, "*": a * b}[ast[1]]
    return True, {"min": min(vals), "max": max(vals), "abs": abs(vals[0])}[ast[1]]


def _zero_or_missing(ast: Any) -> bool:
    """Whether a part of a formula is 0 or missing whatever the data: a constant 0 (``2 - 2``),
    or a product with such a factor (``0 * b``)."""
    known, value = _constant(ast)
    if known:
        return value is None or value == 0
    if ast[0] == "neg":
        return _zero_or_missing(ast[1])
    if ast[0] == "bin" and ast[1] == "*":
        return _zero_or_missing(ast[2]) or _zero_or_missing(ast[3])
    if ast[0] == "bin" and ast[1] == "/":
        return _zero_or_missing(ast[2]) or _zero_or_missing(ast[3])
    return False


def zero_division(ast: Any) -> str | None:
    """The division by a constant zero that leaves a formula always missing, as text, or None.

    A division by zero gives a missing value, and a missing value carries through every
    operator and function except ``coalesce``, which is missing only when all its arguments
    are."""
    kind = ast[0]
    if kind in ("num", "field"):
        return None
    if kind == "neg":
        return zero_division(ast[1])
    if kind == "bin":
        if ast[1] == "/" and _zero_or_missing(ast[3]):
            return formula_text(ast)
        return zero_division(ast[2]) or zero_division(ast[3])
    found = [zero_division(a) for a in ast[2]]
    if ast[1] == "coalesce":
        return found[0] if all(found) else None
    return next((f for f in found if f), None)
