"""A rubric ready to score: the validated tree flattened, maxima worked out, fields resolved.

Everything downstream (engine, renderers, checks, diff) reads this and never the YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import field as _field  # `Item.field` shadows the name inside the class
from typing import Any

from .model import RELATIVE_RULES, SIDE_RULES, FieldDef, Grade, MethodSection, Part


@dataclass
class Item:
    id: str
    name: str
    level: int  # 1 = top-level dimension
    parent: str | None
    max: float  # the most the item can score (0 for negative/bonus/veto items)
    weight: float
    children: tuple[str, ...] = ()
    aggregate: str = "sum"  # how a parent combines its children
    field: str | None = None
    formula: str | None = None
    formula_ast: Any = None
    unit: str | None = None  # the unit of a formula's value (a field's item takes the field's)
    rule: Any = None  # a pydantic rule model
    missing: str = "zero"
    name_en: str | None = None  # the name English output uses; None: the name as written
    evidence: str | None = None
    description: str | None = None
    path: str = ""
    line: int = 0
    waive: dict[str, str] = _field(default_factory=dict)  # warning code → why the rubric accepts it
    raw: Any = _field(default=None, repr=False, compare=False)  # the located mapping (yamlsafe.LDict), for lines
    assessed_by: tuple[str, ...] = ()  # the parts that check it (its own, else its parent's)
    wording: str | None = None  # official or summary (its own, else the rubric's default)
    additional: bool = False  # an 附加项, outside the counted items
    content: str = "known"  # unknown: what the item asks is not published
    treatment: Any = None  # the leaf's own data treatment (model.FieldTreatment), for its field

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def name_in(self, lang: str) -> str:
        """The name in ``lang``: the rubric's ``name_en`` in English where it gives one, else the
        name as its authors wrote it."""
        return self.name_en if lang == "en" and self.name_en else self.name

    @property
    def rule_type(self) -> str | None:
        return self.rule.type if self.rule is not None else None

    @property
    def role(self) -> str:
        """group, score, negative, bonus or veto."""
        if self.children:
            return "group"
        return self.rule.type if self.rule.type in SIDE_RULES else "score"

    @property
    def relative(self) -> bool:
        return self.rule is not None and self.rule.type in RELATIVE_RULES

    @property
    def value_source(self) -> str:
        """The field id or formula text the item reads (for display)."""
        return self.field or self.formula or ""


@dataclass
class Constraint:
    """A declared check across fields, ready to evaluate: ``left op right``."""

    check: str  # as written
    left: Any  # formula ast
    op: str  # one of <= < >= > ==
    right: Any
    severity: str = "error"
    why: str | None = None
    path: str = ""
    line: int = 0

    def fields(self) -> list[str]:
        from .formula import fields_of

        return list(dict.fromkeys(fields_of(self.left) + fields_of(self.right)))


@dataclass
class Rubric:
    id: str
    name: str
    path: str
    items: dict[str, Item]  # pre-order: a parent comes before its children
    roots: list[str]
    fields: dict[str, FieldDef]
    total: float  # the maximum of the whole rubric (bonus excluded)
    aggregate: str = "sum"
    decimals: int = 2
    bonus_cap: float | None = None
    grades: list[Grade] = field(default_factory=list)
    version: str | None = None
    note: str | None = None
    source: str | None = None
    edition: str | None = None  # the official edition the rubric follows (2019, 2021, 2023, guide)
    grade_note: str | None = None  # what a grade means and does not
    method: list[MethodSection] = field(default_factory=list)  # how the points were chosen and why (zh)
    method_en: list[MethodSection] = field(default_factory=list)  # the same in English, if the rubric gives it
    parts: list[Part] = field(default_factory=list)  # the evaluation's parts; the total is their weighted sum
    field_formulas: dict[str, Any] = field(default_factory=dict)  # field id → ast, dependency order
    constraints: list[Constraint] = field(default_factory=list)  # declared by the field dictionaries
    files: list[str] = field(default_factory=list)  # every file read, for messages and diff
    waive: dict[str, str] = field(default_factory=dict)  # warning code → why the rubric accepts it
    raw: Any = field(default=None, repr=False, compare=False)  # the merged, located mapping, for lines
    treatment: dict[str, Any] = field(default_factory=dict)  # field id → its FieldPlan (rubric.treatment)
    column_roles: dict[str, str] = field(default_factory=dict)  # role → a data file's own header (``columns``)
    ignore_columns: frozenset = frozenset()  # data file headers read as nothing

    def leaves(self) -> list[Item]:
        return [it for it in self.items.values() if it.is_leaf]

    def dimensions(self) -> list[Item]:
        return [self.items[i] for i in self.roots]

    def used_fields(self) -> set[str]:
        """Fields the items read, directly or through formulas (of items and of fields)."""
        from .formula import fields_of

        todo: list[str] = []
        for it in self.leaves():
            todo += [it.field] if it.field else fields_of(it.formula_ast)
        todo += [p.per for p in self.treatment.values() if p.per]  # denominators
        return self.with_inputs(todo)

    def read_fields(self) -> set[str]:
        """The fields the leaves read themselves (a leaf's field, the fields its formula names)."""
        from .formula import fields_of

        out: set[str] = set()
        for it in self.leaves():
            if it.field:
                out.add(it.field)
            elif it.formula_ast is not None:  # (an item that failed its checks reads nothing)
                out |= set(fields_of(it.formula_ast))
        return out

    def with_inputs(self, fields) -> set[str]:
        """The fields and every field their dictionary formulas read, all the way down."""
        from .formula import fields_of

        out: set[str] = set()
        todo = list(fields)
        while todo:
            f = todo.pop()
            if f in out:
                continue
            out.add(f)
            if f in self.field_formulas:
                todo += fields_of(self.field_formulas[f])
        return out

    def field_lookup(self) -> dict[str, str]:
        """Every way a data file may name a field (id, 中文名, alias) → the field id."""
        out: dict[str, str] = {}
        for f in self.fields.values():
            for name in [f.name, *f.aliases]:
                out.setdefault(name.strip(), f.id)
        for f in self.fields.values():  # ids win over names and aliases
            out[f.id] = f.id
        return out

    def method_text(self, lang: str = "zh") -> list[MethodSection]:
        """The method's sections in ``lang``: the English text where given, else the rubric's own."""
        return self.method_en if lang == "en" and self.method_en else self.method

    def grade_names(self) -> list[str]:
        return [g.name for g in self.grades]

    def part_maxima(self) -> dict[str, float]:
        """Part id → the points it carries: its weight's share of the total (weights normalised)."""
        wsum = sum(p.weight for p in self.parts)
        return {p.id: self.total * p.weight / wsum for p in self.parts} if wsum > 0 else {}

    def part_items(self, part_id: str) -> list[Item]:
        """The leaves a part checks (scoring and negative items; bonus and veto act on the total)."""
        return [it for it in self.leaves() if part_id in it.assessed_by and it.role in ("score", "negative")]
