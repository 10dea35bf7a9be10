"""A rule in words: one line a person can check against the written rubric (``rubric show``,
``rubric diff``, the report's method notes).  The sentences are ``rubric.rule.*`` in the catalogue."""

from __future__ import annotations

from typing import Any, Callable

from ..core.groups import META_NAMES
from ..core.messages import say
from .compiled import Item, Rubric
from .model import BOUNDED_SCALES, NORMALISE_RULES

GROUP_ZH = {k: zh for k, (zh, _) in META_NAMES.items()}


def _n(x: float) -> str:
    return f"{x:g}"


def describe_rule(item: Item, rubric: Rubric, lang: str = "zh") -> str:
    """One line a person can check against the written rubric."""
    r = item.rule
    f = rubric.fields.get(item.field) if item.field else None
    unit = "%" if f is not None and f.type == "percent" else (f.unit if f is not None else "")
    higher = getattr(r, "direction", "higher") == "higher"
    params = {"points": _n(item.max), "u": unit, "op": "≥" if higher else "≤"}
    build = _RULES.get(r.type)
    if build is None:
        return r.type
    return build(_Say(lang, higher), r, item, params)


def describe_item(item: Item, rubric: Rubric, lang: str = "zh") -> str:
    """What an item is worth and how it scores, in one line (an item added or removed in a diff)."""
    if item.children:
        leaves = sum(1 for it in rubric.items.values() if it.is_leaf and _under(rubric, it, item.id))
        return say("rubric.rule.parent_summary", lang, points=_n(item.max), leaves=leaves)
    rule = describe_rule(item, rubric, lang)
    return say("rubric.rule.leaf_summary", lang, points=_n(item.max), source=item.value_source, rule=rule)


def _under(rubric: Rubric, item: Item, ancestor: str) -> bool:
    cur = item.parent
    while cur is not None:
        if cur == ancestor:
            return True
        cur = rubric.items[cur].parent
    return False


class _Say:
    """``say`` bound to one language, for the sentences of one rule."""

    def __init__(self, lang: str, higher: bool):
        self.lang, self.higher = lang, higher

    def __call__(self, key: str, **params: Any) -> str:
        return say(f"rubric.rule.{key}", self.lang, **params)


def _boolean(s: _Say, r, item: Item, p: dict) -> str:
    return s("boolean", answer=s("yes" if r.expect else "no"), **p)


def _threshold(s: _Say, r, item: Item, p: dict) -> str:
    return s("threshold", target=_n(r.target), partial=_n(r.partial), **p)


def _linear(s: _Say, r, item: Item, p: dict) -> str:
    return s("linear", floor=_n(r.floor), target=_n(r.target), **p)


def _bands(s: _Say, r, item: Item, p: dict) -> str:
    parts = [f"{p['op']}{_n(b.at)}{p['u']}→{_n(b.points)}" for b in r.bands]
    return s("bands", bands="; ".join(parts), rest=_n(r.else_))


def _deduct(s: _Say, r, item: Item, p: dict) -> str:
    per = "" if r.per == 1 else _n(r.per)
    cap = _n(r.cap if r.cap is not None else item.max)
    key = "deduct_short" if s.higher else "deduct_over"
    params = {"per": per, "per1": per or "1", "unit": p["u"] or s("unit")}
    return s(key, target=_n(r.target), each=_n(r.each), cap=cap, **params, **p)


def _graded(s: _Say, r, item: Item, p: dict) -> str:
    return s("graded_join").join(f"{k}→{_n(v * item.max)}" for k, v in r.levels.items())


def _direct(s: _Say, r, item: Item, p: dict) -> str:
    return s("direct", **p)


def _negative(s: _Say, r, item: Item, p: dict) -> str:
    return s("negative", each=_n(r.each), cap=_n(r.cap))


def _bonus(s: _Say, r, item: Item, p: dict) -> str:
    return s("bonus", each=_n(r.each), cap=_n(r.cap))


def _veto(s: _Say, r, item: Item, p: dict) -> str:
    if r.when is not None:
        cond = s("veto_yes" if r.when else "veto_no")
    elif r.above is not None:
        cond = f"> {_n(r.above)}{p['u']}"
    else:
        cond = f"< {_n(r.below)}{p['u']}"
    caps = []
    if r.cap_total is not None:
        caps.append(s("veto_cap_total", cap=_n(r.cap_total)))
    if r.cap_grade is not None:
        caps.append(s("veto_cap_grade", grade=r.cap_grade))
    return s("veto", cond=cond, caps=s("veto_join").join(caps))


def _peers(s: _Say, r) -> str:
    """The units a relative rule compares with: the same year (and group)."""
    if not r.within:
        return s("peers_year")
    return s("peers_group", group=GROUP_ZH.get(r.within, r.within) if s.lang != "en" else r.within)


def _alone(s: _Say, r) -> str:
    # the default (`alone: missing`) is the documented one; another choice is said
    return s(f"alone_{r.alone}") if r.alone in ("full", "zero") else ""


def _ratio_to_best(s: _Say, r, item: Item, p: dict) -> str:
    key = "ratio_to_best_high" if s.higher else "ratio_to_best_low"
    return s(key, peers=_peers(s, r), **p) + _alone(s, r)


def _rank(s: _Say, r, item: Item, p: dict) -> str:
    pts = "/".join(_n(x) for x in r.by_rank)
    return s("rank", peers=_peers(s, r), by_rank=pts, rest=_n(r.else_)) + _alone(s, r)


def _minmax(s: _Say, r, item: Item, p: dict) -> str:
    return s("minmax", peers=_peers(s, r), **p) + _alone(s, r)


def _normalise(s: _Say, r, item: Item, p: dict) -> str:
    method = r.normalisation
    lo, hi = r.scale or BOUNDED_SCALES[method]
    words = say(f"rubric.norm.{method}", s.lang, p=_n(r.threshold * 100))
    if method == "zscore" and r.ddof == 0:
        words += s("population_sd")
    lower = "" if s.higher else s("lower")
    text = s("normalise", peers=_peers(s, r), method=words, lower=lower, lo=_n(lo), hi=_n(hi), points=p["points"])
    return text + _alone(s, r)


_RULES: dict[str, Callable[[_Say, Any, Item, dict], str]] = {
    "boolean": _boolean,
    "threshold": _threshold,
    "linear": _linear,
    "bands": _bands,
    "deduct": _deduct,
    "graded": _graded,
    "direct": _direct,
    "negative": _negative,
    "bonus": _bonus,
    "veto": _veto,
    "ratio_to_best": _ratio_to_best,
    "rank": _rank,
    "minmax": _minmax,
    **{t: _normalise for t in NORMALISE_RULES},
}
