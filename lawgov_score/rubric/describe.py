"""A rule in words: one line a person can check against the written rubric (``rubric show``,
``rubric diff``, the report's method notes)."""

from __future__ import annotations

from ..core.groups import META_NAMES
from .compiled import Item, Rubric

GROUP_ZH = {k: zh for k, (zh, _) in META_NAMES.items()}


def _n(x: float) -> str:
    return f"{x:g}"


def describe_rule(item: Item, rubric: Rubric, lang: str = "zh") -> str:
    """One line a person can check against the written rubric."""
    r = item.rule
    f = rubric.fields.get(item.field) if item.field else None
    u = "%" if f is not None and f.type == "percent" else (f.unit if f is not None else "")
    P = _n(item.max)
    hi = getattr(r, "direction", "higher") == "higher"
    en = lang == "en"
    t = r.type
    if t == "boolean":
        return (
            f"{'yes' if r.expect else 'no'}: {P}, else 0" if en else f"{'是' if r.expect else '否'}得 {P} 分，否则 0 分"
        )
    if t == "threshold":
        op = "≥" if hi else "≤"
        return (
            f"{op} {_n(r.target)}{u}: {P}, else {_n(r.partial)}"
            if en
            else f"{op} {_n(r.target)}{u} 得 {P} 分，否则 {_n(r.partial)} 分"
        )
    if t == "linear":
        return (
            f"linear from {_n(r.floor)}{u} (0) to {_n(r.target)}{u} ({P})"
            if en
            else f"{_n(r.floor)}{u} 得 0 分至 {_n(r.target)}{u} 得 {P} 分，其间按比例"
        )
    if t == "bands":
        op = "≥" if hi else "≤"
        parts = [f"{op}{_n(b.at)}{u}→{_n(b.points)}" for b in r.bands]
        return "; ".join(parts) + (f"; else {_n(r.else_)}" if en else f"；其余 {_n(r.else_)} 分")
    if t == "deduct":
        per = "" if r.per == 1 else _n(r.per)
        cap = _n(r.cap if r.cap is not None else item.max)
        if en:
            return f"target {_n(r.target)}{u}: −{_n(r.each)} per {per or ''}{u or 'unit'} {'short' if hi else 'over'}, at most −{cap}"
        word = "每少" if hi else "每多"
        return f"目标 {_n(r.target)}{u}，{word}{per or '1'}{u or ''}扣 {_n(r.each)} 分，最多扣 {cap} 分"
    if t == "graded":
        parts = [f"{k}→{_n(v * item.max)}" for k, v in r.levels.items()]
        return "; ".join(parts) if en else "，".join(parts)
    if t == "direct":
        return f"score entered by assessor, 0–{P}" if en else f"评估组直接打分，0–{P} 分"
    if t == "negative":
        return (
            f"−{_n(r.each)} each, at most −{_n(r.cap)}"
            if en
            else f"每发生一次扣 {_n(r.each)} 分，最多扣 {_n(r.cap)} 分"
        )
    if t == "bonus":
        return f"+{_n(r.each)} each, at most +{_n(r.cap)}" if en else f"每项加 {_n(r.each)} 分，最多加 {_n(r.cap)} 分"
    if t == "veto":
        if r.when is not None:
            cond = ("yes" if r.when else "no") if en else ("为“是”" if r.when else "为“否”")
        elif r.above is not None:
            cond = f"> {_n(r.above)}{u}"
        else:
            cond = f"< {_n(r.below)}{u}"
        caps = []
        if r.cap_total is not None:
            caps.append(f"total ≤ {_n(r.cap_total)}" if en else f"总分不超过 {_n(r.cap_total)}")
        if r.cap_grade is not None:
            caps.append(f"grade at most {r.cap_grade}" if en else f"等次最高为{r.cap_grade}")
        return (f"veto when {cond}: " + ", ".join(caps)) if en else (f"一票否决：{cond}时" + "，".join(caps))
    peers = (
        ("same year" + (f" and {r.within}" if r.within else ""))
        if en
        else ("同年度" + ("同" + GROUP_ZH.get(r.within, r.within) if r.within else "") + "单位")
    )
    # the default (`alone: missing`) is the documented one; another choice is said
    alone = {"full": ("; no peer: full", "；无可比单位时得满分"), "zero": ("; no peer: 0", "；无可比单位时得 0 分")}
    alone = alone.get(r.alone, ("", ""))[0 if en else 1]
    if t == "ratio_to_best":
        return (
            f"value / best among {peers} × {P}" if en else f"实际值 ÷ {peers}最{'高' if hi else '低'}值 × {P}"
        ) + alone
    if t == "rank":
        pts = "/".join(_n(p) for p in r.by_rank)
        text = (
            f"by rank among {peers}: {pts}, else {_n(r.else_)}"
            if en
            else f"按{peers}排名得 {pts} 分，其余 {_n(r.else_)} 分"
        )
        return text + alone
    if t == "minmax":
        return (f"min-max among {peers} × {P}" if en else f"按{peers}最小—最大值折算 × {P}") + alone
    return t
