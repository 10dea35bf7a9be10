"""Properties of `rubric diff` on random rubrics: a rubric against itself, or against itself
written another way, changes nothing; one leaf's points raised is reported on that leaf, and
otherwise only on the maxima that follow from it (computed parents, the total)."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st
from strategies import fields_yaml, rubrics

import lawgov_score as lg
from lawgov_score.rubric.model import SIDE_RULES


def load(doc: dict, directory: Path, name: str, **dump) -> lg.Rubric:
    body = {k: v for k, v in doc.items() if not k.startswith("_")}
    body["fields"] = fields_yaml()
    path = directory / name
    path.write_text(yaml.safe_dump(body, allow_unicode=True, **dump), encoding="utf-8")
    return lg.load_rubric(path)


def scoring_leaves(nodes: list, parents: tuple = ()) -> list[tuple[dict, tuple]]:
    out = []
    for n in nodes:
        if n.get("items"):
            out += scoring_leaves(n["items"], parents + (n["id"],))
        elif n["rule"]["type"] not in SIDE_RULES:
            out.append((n, parents))
    return out


@given(rubrics(), st.data())
def test_self_and_reformatted_are_no_change(doc, data):
    with tempfile.TemporaryDirectory() as d:
        a = load(doc, Path(d), "a.yaml", sort_keys=False)
        b = load(doc, Path(d), "b.yaml", sort_keys=True, default_flow_style=True, width=60)
        assert Path(d, "a.yaml").read_text(encoding="utf-8") != Path(d, "b.yaml").read_text(encoding="utf-8")
        assert lg.diff_rubrics(a, b).changes == []


@given(rubrics(), st.data())
def test_raised_points_show_on_the_leaf_and_its_consequences_only(doc, data):
    leaves = scoring_leaves(doc["items"])
    if not leaves:
        return
    index = data.draw(st.integers(0, len(leaves) - 1))
    extra = data.draw(st.integers(1, 20).map(float))
    new = copy.deepcopy(doc)
    leaf, parents = scoring_leaves(new["items"])[index]
    old_points = leaf["points"]
    leaf["points"] = old_points + extra
    with tempfile.TemporaryDirectory() as d:
        a, b = load(doc, Path(d), "a.yaml"), load(new, Path(d), "b.yaml")
    changes = lg.diff_rubrics(a, b).changes
    own = [c for c in changes if c.id == leaf["id"]]
    assert [(c.kind, c.old, c.new) for c in own] == [("points", old_points, old_points + extra)]
    for c in changes:
        if c.id != leaf["id"]:
            assert (c.kind == "points" and c.id in parents) or c.kind == "total", c
            assert c.new - c.old == extra  # a computed maximum grows by exactly what was added
