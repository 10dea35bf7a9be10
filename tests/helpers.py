"""Small builders for tests: a rubric from YAML text, data from rows, a scored result."""

from __future__ import annotations

import textwrap
from pathlib import Path

import lawgov_score as lg

FIELDS_YAML = """
fields:
  - {id: rate, name: 某比率, unit: "%", type: percent, aliases: [比率]}
  - {id: count, name: 某次数, unit: 次, type: count}
  - {id: amount, name: 某数值, type: number}
  - {id: flag, name: 某制度, type: bool}
  - {id: grade, name: 某等次, type: grade, levels: [优, 良, 中, 差]}
  - {id: part, name: 分子, type: count}
  - {id: whole, name: 分母, type: count}
  - {id: derived, name: 导出比率, unit: "%", type: percent, formula: part / whole * 100}
"""


def write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return p


def one_rule(tmp: Path, rule: str, field: str = "rate", points: str | None = "10", extra: str = "") -> Path:
    """A rubric with the test field dictionary and one leaf carrying ``rule``."""
    write(tmp, "fields.yaml", FIELDS_YAML)
    pts = f"\n        points: {points}" if points is not None else ""
    return write(
        tmp,
        "rubric.yaml",
        f"""
    id: t
    name: 测试
    fields: [fields.yaml]
    grades: [{{name: 好, min_percent: 80}}, {{name: 中, min_percent: 60}}, {{name: 差, min_percent: 0}}]
    {extra}
    items:
      - id: "1"
        name: 一{pts}
        field: {field}
        rule: {rule}
    """,
    )


def data(tmp: Path, rows: list[tuple], name: str = "data.csv") -> Path:
    lines = ["unit,year,field,value"] + [",".join(str(x) for x in r) for r in rows]
    return write(tmp, name, "\n".join(lines) + "\n")


def scores(rubric_path: Path, data_path: Path, item: str = "1") -> dict[str, float]:
    rub = lg.load_rubric(rubric_path)
    res = lg.score(rub, lg.read_indicators([data_path], rub))
    return {r["unit"]: r[f"s:{item}"] for r in res.frame.iter_rows(named=True)}
