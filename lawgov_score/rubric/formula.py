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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

FUNCTIONS = {"min": (1, None), "max": (1, None), "abs": (1, 1), "coalesce": (1, None)}

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>[-+*/(),]))")

Ast = Union[tuple]  # ("num", v) | ("field", id) | ("neg", a) | ("bin", op, a, b) | ("call", fn, [args])


class FormulaError(ValueError):
    """A formula that does not parse; the message says where and why."""


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
            raise FormulaError(f"第 {pos + 1} 个字符“{bad}”不能出现在公式中（只允许数字、指标编号、+ - * / 和括号）")
        kind = m.lastgroup or "op"
        out.append(_Tok(kind, m.group(kind), m.start(kind)))
        pos = m.end()
    out.append(_Tok("end", "", len(src)))
    return out


class _Parser:
    def __init__(self, src: str):
        self.toks = _tokens(src)
        self.i = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        tok = self.take()
        if tok.text != text:
            raise FormulaError(f"第 {tok.pos + 1} 个字符处应为“{text}”，实为“{tok.text or '结尾'}”")

    def parse(self) -> Ast:
        if self.peek().kind == "end":
            raise FormulaError("公式为空")
        node = self.expr()
        tok = self.peek()
        if tok.kind != "end":
            raise FormulaError(f"第 {tok.pos + 1} 个字符处多出“{tok.text}”")
        return node

    def expr(self) -> Ast:
        node = self.term()
        while self.peek().text in ("+", "-"):
            op = self.take().text
            node = ("bin", op, node, self.term())
        return node

    def term(self) -> Ast:
        node = self.unary()
        while self.peek().text in ("*", "/"):
            op = self.take().text
            node = ("bin", op, node, self.unary())
        return node

    def unary(self) -> Ast:
        if self.peek().text == "-":
            self.take()
            return ("neg", self.unary())
        return self.atom()

    def atom(self) -> Ast:
        tok = self.take()
        if tok.kind == "num":
            return ("num", float(tok.text))
        if tok.kind == "name":
            if self.peek().text == "(":
                if tok.text not in FUNCTIONS:
                    raise FormulaError(f"未知函数“{tok.text}”；可用：{', '.join(FUNCTIONS)}")
                self.take()
                args = [self.expr()]
                while self.peek().text == ",":
                    self.take()
                    args.append(self.expr())
                self.expect(")")
                lo, hi = FUNCTIONS[tok.text]
                if len(args) < lo or (hi is not None and len(args) > hi):
                    raise FormulaError(f"函数 {tok.text} 的参数个数不对")
                return ("call", tok.text, args)
            return ("field", tok.text)
        if tok.text == "(":
            node = self.expr()
            self.expect(")")
            return node
        raise FormulaError(f"第 {tok.pos + 1} 个字符处不应出现“{tok.text or '结尾'}”")


def parse(src: str) -> Ast:
    """Parse a formula; raise FormulaError with a message fit for the user."""
    if not isinstance(src, str):
        raise FormulaError("公式须为文字")
    return _Parser(src).parse()


COMPARISONS = ("<=", ">=", "==", "<", ">")
_COMPARISON = re.compile(r"<=|>=|==|<|>")


def parse_comparison(src: str) -> tuple[Ast, str, Ast]:
    """``left op right`` (a constraint's check): two formulas and one of ``<= < >= > ==``
    (≤ and ≥ are read as <= and >=)."""
    if not isinstance(src, str):
        raise FormulaError("比较式须为文字")
    text = src.replace("≤", "<=").replace("≥", ">=")
    ops = _COMPARISON.findall(text)
    if len(ops) != 1:
        raise FormulaError("须有且只有一个比较符号：<=、<、>=、>、==（如 a <= b）")
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
