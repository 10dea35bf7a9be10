"""`--lang en` output carries no Chinese of the tool's own: what is left after the names the user
wrote (rubric items, fields, grades, levels; units, cities and evidence in the data) are removed.

    from english import tool_chinese
    assert tool_chinese(output, rubric, data_paths) == []
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import lawgov_score as lg

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


@lru_cache(maxsize=32)
def _names(rubric_path: str, data: tuple[str, ...]) -> tuple[str, ...]:
    rubric = lg.load_rubric(rubric_path)
    names = {rubric.name, *(g.name for g in rubric.grades)}
    for it in rubric.items.values():
        names |= {it.name, it.evidence or "", it.description or ""}
    for f in rubric.fields.values():
        names |= {f.name, f.unit or "", *(f.levels or []), *(getattr(f, "aliases", None) or [])}
    if data:
        inds = lg.read_indicators(list(data), rubric)
        for col in ("unit", "evidence", "source", "qualifier"):
            if col in inds.values.columns:
                names |= {str(v) for v in inds.values[col].drop_nulls().unique().to_list()}
        for col in inds.units.columns:
            names |= {str(v) for v in inds.units[col].drop_nulls().unique().to_list()}
    if rubric.note:
        names.add(rubric.note)
    names |= {rubric.grade_note or "", *(p.name for p in rubric.parts), *(p.id for p in rubric.parts)}
    # the rubric's English method text cites Chinese titles (《…》, 纲要): the author's words
    names |= {run for sec in rubric.method_en for run in CJK.findall(f"{sec.title}\n{sec.text}")}
    # longest first, so a name is removed whole before any shorter name inside it
    return tuple(sorted((n for n in names if n and CJK.search(n)), key=len, reverse=True))


def tool_chinese(text: str, rubric: str | Path, data: list[str | Path] | tuple = ()) -> list[str]:
    """The Chinese runs in ``text`` that are not the user's own names (empty: the output is English)."""
    names = _names(str(rubric), tuple(str(d) for d in data))
    for name in names:
        text = text.replace(name, " ")
    # a table wraps a long header (a grade's or a part's name) over lines: its pieces are the
    # user's words too, so a run of two or more characters inside one of the names is left out
    # (rank's English columns are headed by the dimensions' names, so a wrapped one may leave a
    # single character of a dimension's name on a line)
    dims = _dimension_names(str(rubric))
    return [
        run
        for run in CJK.findall(text)
        if (len(run) < 2 or not any(run in name for name in names)) and not any(run in d for d in dims)
    ]


@lru_cache(maxsize=32)
def _dimension_names(rubric_path: str) -> tuple[str, ...]:
    return tuple(d.name for d in lg.load_rubric(rubric_path).dimensions())
