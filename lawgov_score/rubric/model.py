"""What a rubric author declares: the shape of a rubric file, as pydantic models.

These models say what may be written and check each value on its own (types, signs, keys).
Checks that need the whole rubric (ids unique, fields known, thresholds ordered) live in
``semantics.py``; how rules score lives in ``engine/``.  The JSON Schema that editors use is
generated from these models, so a key documented here is a key the schema knows.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..core.normalisations import NORMALISATIONS  # the thirteen, each usable as a leaf's rule

Direction = Literal["higher", "lower"]
FieldType = Literal["number", "percent", "count", "bool", "grade"]
# How a parent combines its children: their points added (sum), or their shares (score ÷ points)
# averaged with the children's weights: arithmetic (weighted_mean), geometric or harmonic.
Aggregate = Literal["sum", "weighted_mean", "geometric_mean", "harmonic_mean"]
MEANS = frozenset({"weighted_mean", "geometric_mean", "harmonic_mean"})
# Whether an item's name is the official indicator text or this project's summary of it.
Wording = Literal["official", "summary"]
# The edition of an official indicator system a rubric follows (``guide``: the application guide).
Edition = Literal["2019", "2021", "2023", "guide"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# --- rules ----------------------------------------------------------------------------------


class BooleanRule(_Strict):
    """有/无: full points when the value is ``expect``, else 0."""

    type: Literal["boolean"]
    expect: bool = True


class ThresholdRule(_Strict):
    """Full points when the target is met (≥ for higher, ≤ for lower), else ``partial``."""

    type: Literal["threshold"]
    target: float
    direction: Direction = "higher"
    partial: float = Field(0, ge=0)


class LinearRule(_Strict):
    """0 at or beyond ``floor``, full at or beyond ``target``, linear between."""

    type: Literal["linear"]
    floor: float
    target: float
    direction: Direction = "higher"


class Band(_Strict):
    at: float
    points: float = Field(ge=0)


class BandsRule(_Strict):
    """Steps: the points of the first band the value reaches, bands listed best first."""

    type: Literal["bands"]
    bands: list[Band] = Field(min_length=1)
    direction: Direction = "higher"
    else_: float = Field(0, alias="else", ge=0)


class DeductRule(_Strict):
    """每少一次扣 each 分，累计不超过 cap 分: ``points − min(cap, each × shortfall / per)``."""

    type: Literal["deduct"]
    target: float
    each: float = Field(gt=0)
    per: float = Field(1, gt=0)
    cap: float | None = Field(None, ge=0)
    direction: Direction = "higher"
    steps: Literal["prorate", "ceil", "floor"] = "prorate"


class GradedRule(_Strict):
    """优/良/中/差: the share of the points each level earns."""

    type: Literal["graded"]
    levels: dict[str, float]

    @field_validator("levels")
    @classmethod
    def _shares(cls, v: dict[str, float]) -> dict[str, float]:
        for level, share in v.items():
            if not 0 <= share <= 1:
                raise PydanticCustomError("share_range", "share of level {level} must be within 0–1", {"level": level})
        return v


class DirectRule(_Strict):
    """A score entered by an assessor, clipped to [0, points]."""

    type: Literal["direct"]


class NegativeRule(_Strict):
    """Negative list: deducts ``each`` per occurrence (a true counts once), at most ``cap``."""

    type: Literal["negative"]
    each: float = Field(gt=0)
    cap: float = Field(gt=0)


class BonusRule(_Strict):
    """加分: ``each`` per occurrence, at most ``cap``; all bonuses capped by ``bonus_cap``."""

    type: Literal["bonus"]
    each: float = Field(gt=0)
    cap: float = Field(gt=0)


class VetoRule(_Strict):
    """一票否决: when the condition holds the unit is vetoed and capped."""

    type: Literal["veto"]
    when: bool | None = None
    above: float | None = None
    below: float | None = None
    cap_total: float | None = Field(None, ge=0)
    cap_grade: str | None = None


# The unit metadata a relative rule may compare within (and `rank --by` may group by).
Group = Literal["city", "province", "level", "group"]
# What a relative rule gives a unit with no peer to compare with (alone in its year and group,
# or with its group blank).  The default, ``missing``: the comparison has no value, so the item
# scores as a missing value does (its ``missing``: 0 unless the rubric says ``full``) — a unit
# never earns points by being the only one compared.
Alone = Literal["full", "zero", "missing"]


class RatioToBestRule(_Strict):
    """实际值/最高值×分值 among the peers (same year, and group ``within``)."""

    type: Literal["ratio_to_best"]
    direction: Direction = "higher"
    within: Group | None = None
    alone: Alone = "missing"


class RankRule(_Strict):
    """Points by rank among the peers: ``by_rank[0]`` for the first, …, ``else`` beyond."""

    type: Literal["rank"]
    by_rank: list[Annotated[float, Field(ge=0)]] = Field(min_length=1)
    else_: float = Field(0, alias="else", ge=0)
    direction: Direction = "higher"
    within: Group | None = None
    alone: Alone = "missing"


class MinmaxRule(_Strict):
    """(value − min)/(max − min) × points among the peers; all equal gives full points."""

    type: Literal["minmax"]
    direction: Direction = "higher"
    within: Group | None = None
    alone: Alone = "missing"


# The normalised values a bounded method gives non-negative values (so its natural ``scale``): a
# leaf scores points × the share of that range.  Every other method must state its ``scale``.
BOUNDED_SCALES: dict[str, tuple[float, float]] = {
    "minmax": (0.0, 1.0),
    "percentile": (0.0, 100.0),
    "ratio_to_best": (0.0, 1.0),
    "vector": (0.0, 1.0),
    "sum": (0.0, 1.0),
}
# The normalisations that may be written as a rule's type themselves (``type: zscore``); the
# three that are older rule types of their own (minmax, rank, ratio_to_best: the 示范 rules) are
# written ``type: normalise, method: …`` when the normalisation is meant.
NORMALISATION_TYPES = tuple(m for m in NORMALISATIONS if m not in ("minmax", "rank", "ratio_to_best"))


class NormaliseRule(_Strict):
    """A normalisation among the peers (same year, and group ``within``) mapped onto the points:
    a normalised value of ``scale[0]`` scores 0, ``scale[1]`` full points, linear between,
    clipped to [0, points].  ``type: normalise`` names the method in ``method``; ``type: zscore``
    (and the other methods that are no older rule type) is the same as ``type: normalise,
    method: zscore``.  Bounded methods default their scale (``BOUNDED_SCALES``); the others must
    state it (E-RULE-SCALE)."""

    type: Literal[("normalise",) + NORMALISATION_TYPES]  # type: ignore[valid-type]
    method: Optional[Literal[NORMALISATIONS]] = None  # type: ignore[valid-type]
    direction: Direction = "higher"
    within: Group | None = None
    alone: Alone = "missing"
    ddof: Literal[0, 1] = 1  # zscore's sd: sample (1) or population (0)
    threshold: float = Field(0.2, ge=0)  # above_below_mean's p
    scale: Optional[tuple[float, float]] = None

    @property
    def normalisation(self) -> str | None:
        """The method: ``method``, or the type itself when the type names one."""
        return self.method or (self.type if self.type != "normalise" else None)

    @property
    def best_scores_full(self) -> bool:
        """Whether a value at least the best of the others earns full points: min-max and the
        ratio to the best give it 1, so with a scale reaching no higher than 1.  Under the other
        methods full points depend on every peer's value (a z-score, a share, a rank among ties),
        so no one value is the target."""
        if self.normalisation not in ("minmax", "ratio_to_best"):
            return False
        return self.scale is None or self.scale[1] <= 1


Rule = Annotated[
    Union[
        BooleanRule,
        ThresholdRule,
        LinearRule,
        BandsRule,
        DeductRule,
        GradedRule,
        DirectRule,
        NegativeRule,
        BonusRule,
        VetoRule,
        RatioToBestRule,
        RankRule,
        MinmaxRule,
        NormaliseRule,
    ],
    Field(discriminator="type"),
]

RULE_TYPES = [
    "boolean",
    "threshold",
    "linear",
    "bands",
    "deduct",
    "graded",
    "direct",
    "negative",
    "bonus",
    "veto",
    "ratio_to_best",
    "rank",
    "minmax",
    "normalise",
    *NORMALISATION_TYPES,
]
# Rules whose items sit outside the tree's maximum: they only take away, add on top, or veto.
SIDE_RULES = frozenset({"negative", "bonus", "veto"})
NORMALISE_RULES = frozenset({"normalise", *NORMALISATION_TYPES})
RELATIVE_RULES = frozenset({"ratio_to_best", "rank", "minmax"}) | NORMALISE_RULES


# --- data treatment (before any rule scores a value) -----------------------------------------

# How a missing value is filled: the mean or median of the unit's peers (same year, and the
# same ``by`` group for the group_ methods), or the unit's own most recent earlier year.
ImputeMethod = Literal["none", "mean", "median", "group_mean", "group_median", "previous_year"]
# ``coinr``: |skew| ≥ skew and excess kurtosis ≥ kurtosis → winsorise, else log (docs/methods.md).
OutlierMethod = Literal["none", "coinr"]


class FieldTreatment(_Strict):
    """How one field's values are treated before scoring; what is left out comes from the
    rubric's ``treatment`` (and the field dictionary's ``per``/``scale``)."""

    impute: ImputeMethod | None = None
    by: Group | None = None  # the unit column the group_ methods compare within (default: group)
    outliers: OutlierMethod | None = None
    winmax: int | None = Field(None, ge=0)  # at most so many points winsorised per field and year
    skew: float | None = Field(None, gt=0)
    kurtosis: float | None = None
    per: str | None = Field(None, min_length=1)  # the value is divided by this field's value …
    scale: float | None = Field(None, gt=0)  # … and multiplied by this (per 10,000: 10000)


class Treatment(FieldTreatment):
    """The rubric's data treatment: the default of every field a leaf reads, and ``fields``:
    one field's own (``{Flights: {per: Population}, TIRcon: {outliers: none}}``)."""

    fields: dict[str, FieldTreatment] = Field(default_factory=dict)


class DataColumns(_Strict):
    """Which header of a data file plays which part, where the file names them its own way
    (``{unit: uCode, year: Time, group: EurAsia_group, ignore: [uName]}``)."""

    unit: str | None = None
    year: str | None = None
    city: str | None = None
    province: str | None = None
    level: str | None = None
    group: str | None = None
    ignore: list[str] = Field(default_factory=list)  # columns read as neither a field nor a unit's metadata


def _points(v: float | None) -> float | None:
    if v is not None and v < 0:
        raise PydanticCustomError("points_negative", "points must be ≥ 0")
    return v


# --- tree -----------------------------------------------------------------------------------

# A warning the rubric knowingly accepts, with the reason (`rubric check` lists it no more):
# ``waive: {W-POINTS-SUM: 下级为选做项，合计可超过本项分值}``.  On an item it covers the item and
# everything below it; at the top of the rubric it covers the whole rubric.
Waivers = dict[str, Annotated[str, Field(min_length=1)]]


class Node(_Strict):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    name_en: str | None = Field(None, min_length=1)  # the item's name in English output (--lang en), if given
    points: float | None = None
    weight: float = Field(1, ge=0)
    aggregate: Aggregate | None = None
    items: list["Node"] = Field(default_factory=list)
    field: str | None = None
    formula: str | None = None
    unit: str | None = None  # the unit of a formula's value ("%": a percent, 0–100); a field has its own
    rule: Rule | None = None
    missing: Literal["zero", "full"] = "zero"
    evidence: str | None = None
    description: str | None = None
    waive: Waivers = Field(default_factory=dict)
    # AHP: how much more important each child is than each other (Saaty's 1–9 scale; 1/3 may be
    # written as a string), rows and columns in the order of the children; `weights --method ahp`
    pairwise: Optional[list[list[Union[float, str]]]] = None
    # How an evaluator checks the item: the ids of the rubric's ``parts`` (材料, 实地, 满意度 …);
    # an item without it takes its parent's.
    assessed_by: list[Annotated[str, Field(min_length=1)]] | None = Field(None, min_length=1)
    wording: Wording | None = None  # official text, or this project's summary (else the rubric's default)
    additional: bool = False  # an 附加项: outside the counted items (give it a bonus, negative or veto rule)
    content: Literal["known", "unknown"] = "known"  # unknown: what the item asks is not published
    treatment: FieldTreatment | None = None  # how the value this leaf reads is treated (its field's)

    @field_validator("points")
    @classmethod
    def _check_points(cls, v: float | None) -> float | None:
        return _points(v)

    @field_validator("assessed_by", mode="before", json_schema_input_type=Optional[Union[str, list[str]]])
    @classmethod
    def _one_part_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


class InvalidNode(Node):
    """Stands in for an item that failed validation, so that the whole-rubric checks (ids,
    fields) still run over the rest of the tree; its own rule is not checked again."""


class ExtractPattern(_Strict):
    """One way annual reports state a field's value, read by ``lawgov-score extract``.

    ``match`` holds phrasings written as the report writes them, with ``{n}`` where the number
    stands and ``…`` for a few words in between (up to 24 characters of the same clause, no
    digits and no ，。；): ``受理行政复议案件…{n}``, ``{n}…本行政执法案卷…评查``.  ``{alias}`` stands
    for any of the field's aliases.  The number's counting word (件、次、% …) follows from the
    field's ``unit`` unless ``units`` lists them or the phrasing writes one right after ``{n}``."""

    match: list[str] = Field(min_length=1)
    units: list[str] | None = None  # counting words accepted after the number
    context: list[str] = Field(default_factory=list)  # one of these must come earlier …
    within: Literal["sentence", "paragraph"] = "sentence"  # … in the same sentence or paragraph
    breaks: list[str] = Field(default_factory=list)  # none of these between the context (or the match) and the number
    exclude: list[str] = Field(default_factory=list)  # none of these in the number's clause
    value: float | None = None  # a phrasing without a number that plainly states this value (全覆盖 → 100)
    single: bool = False  # drop the matches when the phrasing matches twice in one sentence (parts of a total)
    priority: int = 0  # a field takes its first value from the phrasings of the highest priority that matched
    avoid: list[str] = Field(default_factory=list)  # none of these earlier in the number's sentence
    shared: bool = False  # the number is this field's value even where it is another field's too

    @field_validator("match", mode="before", json_schema_input_type=Union[str, list[str]])
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _placeholders(self) -> "ExtractPattern":
        # the error types are worded for people in rubric.validate (rubric.expected.<type>)
        for m in self.match:
            rest = m.replace("{n}", "").replace("{alias}", "")
            if "{" in rest or "}" in rest:
                raise PydanticCustomError(
                    "pattern_placeholder", "'{m}': only {n} and {alias} are placeholders", {"m": m}
                )
            if self.value is None and m.count("{n}") != 1:
                raise PydanticCustomError("pattern_number", "'{m}': needs exactly one {n} (or a value)", {"m": m})
            if self.value is not None and "{n}" in m:
                raise PydanticCustomError("pattern_value_number", "'{m}': with a value, no {n}", {"m": m})
            if m.count("{alias}") > 1:
                raise PydanticCustomError("pattern_alias", "'{m}': {alias} at most once", {"m": m})
            if "{alias}" not in m and not rest.replace("…", "").replace("...", "").strip():
                raise PydanticCustomError("pattern_empty", "'{m}': needs words besides placeholders", {"m": m})
        return self


class FieldDef(_Strict):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    name: str = Field(min_length=1)
    unit: str = ""
    type: FieldType = "number"
    levels: list[str] | None = None
    aliases: list[str] = Field(default_factory=list)
    # How `extract` finds the value in report text.  Absent: each alias, as "alias…{n}".
    # An empty list: the field is never extracted.  A phrasing alone may be written as a string.
    patterns: list[ExtractPattern] | None = None
    formula: str | None = None
    min: float | None = None
    max: float | None = None
    description: str | None = None
    per: str | None = Field(None, min_length=1)  # a denominator: the value is scored divided by this field's
    scale: float | None = Field(None, gt=0)  # … times this (per 10,000 people: 10000)

    @field_validator("patterns", mode="before", json_schema_input_type=Optional[list[Union[str, ExtractPattern]]])
    @classmethod
    def _pattern_strings(cls, v: Any) -> Any:
        if isinstance(v, list):
            return [{"match": p} if isinstance(p, str) else p for p in v]
        return v


class Grade(_Strict):
    name: str = Field(min_length=1)
    min_percent: float = Field(ge=0)


class Part(_Strict):
    """One part of an evaluation (书面评审, 实地评估, 人民群众满意度测评): the items it checks are those
    that name it in ``assessed_by``; its ``weight`` is its share of the total (weights are
    normalised by their sum)."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    weight: float = Field(gt=0)
    description: str | None = None


class MethodSection(_Strict):
    """One section of a rubric's method text: how its points and weights were chosen and why,
    in plain words.  ``text`` is paragraphs (a blank line between them); lines starting "- " are a list."""

    title: str = Field(min_length=1)
    text: str = Field(min_length=1)


class AddedNode(Node):
    parent: str | None = None


class RubricDoc(_Strict):
    """One rubric file as written.

    ``extends``, ``override``, ``remove`` and ``add`` are resolved by the loader before the
    rest is validated; they are declared here so the JSON Schema knows them."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    version: str | None = None
    edition: Edition | None = None
    note: str | None = None
    source: str | None = None
    grade_note: str | None = None  # what a grade means and does not, shown wherever grades are
    # The method in the rubric's own words (the report's method section, `rubric show --method`):
    # where the points come from and why, so the reasoning travels with the rubric.
    method: list[MethodSection] = Field(default_factory=list)
    method_en: list[MethodSection] = Field(default_factory=list)  # the same in English (--lang en), if given
    wording: Wording | None = None  # the items' default ``wording``
    parts: list[Part] = Field(default_factory=list)
    fields: list[Union[str, FieldDef]] = Field(default_factory=list)
    total: float | None = Field(None, ge=0)
    aggregate: Aggregate = "sum"
    decimals: int = Field(2, ge=0, le=6)
    bonus_cap: float | None = Field(None, ge=0)
    grades: list[Grade] = Field(default_factory=list)
    items: list[Node] = Field(default_factory=list)
    extends: str | None = None
    override: dict[str, dict[str, Any]] = Field(default_factory=dict)
    remove: list[str] = Field(default_factory=list)
    add: list[AddedNode] = Field(default_factory=list)
    waive: Waivers = Field(default_factory=dict)
    pairwise: Optional[list[list[Union[float, str]]]] = None  # AHP of the first-level items (see Node)
    treatment: Treatment | None = None  # denominators, imputation and outliers, before scoring
    columns: DataColumns | None = None  # the data files' own names of the unit, year and group columns

    @field_validator("edition", mode="before", json_schema_input_type=Optional[Union[Edition, int]])
    @classmethod
    def _edition_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v


class Constraint(_Strict):
    """A check across fields of one unit and year, declared in a field dictionary:
    ``check: reconsideration_corrected <= reconsideration_closed``.  Each side is a formula; the
    comparison is one of ``<= < >= > ==``.  Values that break an ``error`` constraint are a data
    problem (nothing is scored); a ``warning`` is reported and scoring goes on."""

    check: str = Field(min_length=1)
    severity: Literal["error", "warning"] = "error"
    why: str | None = None  # the reason, shown with the problem


class FieldsDoc(_Strict):
    """A field dictionary file."""

    id: str | None = None
    name: str | None = None
    note: str | None = None
    fields: list[FieldDef] = Field(min_length=1)
    constraints: list[Constraint] = Field(default_factory=list)


NUMERIC = {"number", "percent", "count"}  # the field types that hold a quantity


def field_range(f: FieldDef) -> tuple[float | None, float | None]:
    """The values a field can take: its own min/max, else what its type implies."""
    lo, hi = f.min, f.max
    if f.type == "percent":
        lo = 0.0 if lo is None else lo
        hi = 100.0 if hi is None else hi
    elif f.type == "count":
        lo = 0.0 if lo is None else lo
    return lo, hi
