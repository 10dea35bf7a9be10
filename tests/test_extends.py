"""`extends`: a provincial rubric reuses a national one and overrides points, targets or rules."""

import pytest
from helpers import FIELDS_YAML, write

import lawgov_score as lg

BASE = """
id: base
name: 全国
fields: [fields.yaml]
grades: [{name: 好, min_percent: 80}, {name: 差, min_percent: 0}]
items:
  - id: "1"
    name: 一
    items:
      - {id: "1.1", name: 比率, points: 10, field: rate, rule: {type: threshold, target: 100}}
      - {id: "1.2", name: 次数, points: 5, field: count, rule: {type: deduct, target: 4, each: 1}}
      - {id: "1.10", name: 制度, points: 5, field: flag, rule: {type: boolean}}
"""


@pytest.fixture
def base(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    return write(tmp_path, "base.yaml", BASE)


def test_override_remove_add(tmp_path, base):
    child = write(
        tmp_path,
        "prov/child.yaml",
        """
    extends: ../base.yaml
    id: prov
    name: 某省
    override:
      "1.1": {points: 12, rule: {target: 95}}
      "1.2": {rule: {type: linear, floor: 0, target: 4}}
    remove: ["1.10"]
    add:
      - {parent: "1", id: "1.3", name: 新增, points: 3, field: amount, rule: {type: direct}}
    """,
    )
    rub = lg.load_rubric(child)
    assert rub.id == "prov" and list(rub.items) == ["1", "1.1", "1.2", "1.3"]
    assert (
        rub.items["1.1"].max == 12 and rub.items["1.1"].rule.target == 95 and rub.items["1.1"].rule.type == "threshold"
    )
    assert rub.items["1.2"].rule.type == "linear"
    assert rub.total == 20
    base_rub = lg.load_rubric(base)
    assert base_rub.items["1.1"].max == 10 and "1.10" in base_rub.items  # the base is untouched


def test_ids_stay_text(base):
    assert "1.10" in lg.load_rubric(base).items


def test_extends_cycle_is_reported_where_it_closes(tmp_path):
    write(tmp_path, "fields.yaml", FIELDS_YAML)
    write(tmp_path, "a.yaml", "extends: b.yaml\nid: a\nname: A\n")
    b = write(tmp_path, "b.yaml", "extends: a.yaml\nid: b\nname: B\n")
    with pytest.raises(lg.ProblemError) as e:
        lg.load_rubric(b)
    (p,) = e.value.report.errors
    assert p.code == "E-EXTENDS-CYCLE" and p.line == 1 and "b.yaml → a.yaml → b.yaml" in p.message()


def test_override_of_a_missing_item_names_it(tmp_path, base):
    child = write(tmp_path, "c.yaml", 'extends: base.yaml\nid: c\nname: C\noverride:\n  "1.9": {points: 1}\n')
    with pytest.raises(lg.ProblemError) as e:
        lg.load_rubric(child)
    (p,) = e.value.report.errors
    assert (p.code, p.line) == ("E-OVERRIDE-UNKNOWN", 5) and p.path.endswith("c.yaml")


def test_a_problem_in_an_overridden_value_points_into_the_child(tmp_path, base):
    child = write(tmp_path, "c.yaml", 'extends: base.yaml\nid: c\nname: C\noverride:\n  "1.1":\n    points: -3\n')
    with pytest.raises(lg.ProblemError) as e:
        lg.load_rubric(child)
    (p,) = e.value.report.errors
    assert p.code == "E-POINTS" and p.path.endswith("c.yaml") and p.line == 6
