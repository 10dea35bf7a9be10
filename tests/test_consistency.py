"""Derived values are checked like stated ones, and the constraints a field dictionary declares
hold for every unit and year: a broken one is a data problem naming every value and its row."""

from __future__ import annotations

import pytest
from helpers import data, write
from typer.testing import CliRunner

import lawgov_score as lg
from lawgov_score.cli import app

BUNDLED = "rubrics/shifan.yaml"


def _read(rows, tmp_path, rubric=BUNDLED):
    rub = lg.load_rubric(rubric)
    return lg.read_indicators_report([data(tmp_path, rows)], rub)


def test_more_corrections_than_closed_cases_is_an_error_naming_both_rows(tmp_path):
    inds, report = _read(
        [
            ("甲县", 2024, "reconsideration_received", 3),
            ("甲县", 2024, "reconsideration_closed", 78),
            ("甲县", 2024, "reconsideration_corrected", 129),
        ],
        tmp_path,
    )
    assert inds is None
    errors = report.errors
    assert [p.code for p in errors] == ["E-DATA-CONSTRAINT"]  # the 165% 纠错率 it implies is not reported again
    p = errors[0]
    assert (p.path.endswith("data.csv"), p.line) == (True, 4)
    assert "行政复议纠错件数 129（第 4 行）" in p.message() and "审结(办结)行政复议案件数 78（第 3 行）" in p.message()
    # closed 78 of received 3 is only a warning: closings may include cases carried over
    assert [w.code for w in report.warnings] == ["W-DATA-CONSTRAINT"]


def test_a_constraint_over_a_formula(tmp_path):
    inds, report = _read(
        [("乙县", 2024, "litigation_win_rate", "80%"), ("乙县", 2024, "litigation_loss_rate", "30%")], tmp_path
    )
    assert inds is None and [p.code for p in report.errors] == ["E-DATA-CONSTRAINT"]
    assert "行政诉讼胜诉率 80%（第 2 行）、行政诉讼败诉率 30%（第 3 行）" in report.errors[0].message()


def test_a_warning_constraint_lets_scoring_go_on(tmp_path):
    inds, report = _read(
        [("甲县", 2024, "reconsideration_received", 10), ("甲县", 2024, "reconsideration_closed", 12)], tmp_path
    )
    assert inds is not None and report.ok
    assert [w.code for w in report.warnings] == ["W-DATA-CONSTRAINT"]
    r = CliRunner().invoke(app, ["rank", str(tmp_path / "data.csv")])
    assert r.exit_code == 0
    assert "W-DATA-CONSTRAINT" in r.stderr and "W-DATA-CONSTRAINT" not in r.stdout


def test_values_that_agree_pass_and_missing_sides_are_not_checked(tmp_path):
    inds, report = _read(
        [
            ("甲县", 2024, "reconsideration_closed", 48),
            ("甲县", 2024, "reconsideration_corrected", 10),
            ("乙县", 2024, "reconsideration_corrected", 500),
        ],
        tmp_path,
    )
    assert inds is not None and report.problems == []


DICT = """
fields:
  - {id: a, name: 甲数, unit: 件, type: count}
  - {id: b, name: 乙数, unit: 件, type: count}
  - {id: r, name: 甲占乙, unit: "%", type: percent, formula: a / b * 100}
"""


def _rubric(tmp_path, items: str, constraints: str = "") -> str:
    write(tmp_path, "fields.yaml", DICT + constraints)
    return str(
        write(
            tmp_path,
            "rubric.yaml",
            """
    id: t
    name: 测试
    fields: [fields.yaml]
    items:
    """
            + items,
        )
    )


def test_a_derived_percent_above_100_is_a_data_problem_naming_its_inputs(tmp_path):
    rubric = _rubric(
        tmp_path,
        """
      - {id: "1", name: 比率, points: 10, field: r, rule: {type: linear, floor: 0, target: 100}}
    """,
    )
    inds, report = _read(
        [("甲县", 2024, "a", 129), ("甲县", 2024, "b", 78), ("乙县", 2024, "a", 39), ("乙县", 2024, "b", 78)],
        tmp_path,
        rubric,
    )
    assert inds is None
    assert [p.code for p in report.problems] == ["E-DATA-DERIVED"]
    msg = report.problems[0].message()
    assert (
        "甲县 2024" in msg and "165.38%" in msg and "0–100" in msg and "甲数 129（第 2 行）、乙数 78（第 3 行）" in msg
    )


def test_a_stated_value_of_a_derived_field_is_not_recomputed(tmp_path):
    rubric = _rubric(
        tmp_path,
        """
      - {id: "1", name: 比率, points: 10, field: r, rule: {type: linear, floor: 0, target: 100}}
    """,
    )
    inds, report = _read([("甲县", 2024, "a", 129), ("甲县", 2024, "b", 78), ("甲县", 2024, "r", 95)], tmp_path, rubric)
    assert inds is not None and report.ok


def test_an_item_formula_declared_a_percent_is_checked_as_one(tmp_path):
    rubric = _rubric(
        tmp_path,
        """
      - {id: "1", name: 比率, points: 10, formula: a / b * 100, unit: "%", rule: {type: linear, floor: 0, target: 100}}
      - {id: "2", name: 差, points: 10, formula: a - b, rule: {type: direct}}
    """,
    )
    inds, report = _read([("甲县", 2024, "a", 129), ("甲县", 2024, "b", 78)], tmp_path, rubric)
    assert inds is None and [p.code for p in report.problems] == ["E-DATA-DERIVED"]
    assert "项目 1「比率」的值" in report.problems[0].message()
    # a − b = −51 is fine for an item formula without a unit: nothing says it cannot be negative


@pytest.mark.parametrize(
    "check,code",
    [
        ("a <= c", "E-FIELD-UNKNOWN"),
        ("a", "E-FORMULA"),
        ("a <= b <= 3", "E-FORMULA"),
        ("1 <= 2", "E-FORMULA"),
    ],
)
def test_a_bad_constraint_is_reported_at_its_line(tmp_path, check, code):
    write(tmp_path, "fields.yaml", DICT + f"constraints:\n  - check: {check}\n")
    report = lg.check_rubric(tmp_path / "fields.yaml")
    assert [p.code for p in report.problems] == [code]
    assert report.problems[0].line == 6


def test_whatif_checks_the_changed_values_too():
    r = CliRunner().invoke(app, ["whatif", "-u", "杭锦旗", "-s", "reconsideration_corrected=60"])
    assert r.exit_code == 2
    assert "E-DATA-CONSTRAINT" in r.stderr and "samples/hangjin-2024.csv:10" in r.stderr


def test_rubric_diff_names_a_changed_constraint(tmp_path):
    rubric = _rubric(
        tmp_path,
        """
      - {id: "1", name: 比率, points: 10, field: r, rule: {type: linear, floor: 0, target: 100}}
    """,
        "constraints:\n  - check: a <= b\n",
    )
    old = lg.load_rubric(rubric)
    write(
        tmp_path, "fields.yaml", DICT + "constraints:\n  - check: a <= b\n    severity: warning\n  - check: b <= 100\n"
    )
    changes = [(c.key, c.name, c.old, c.new) for c in lg.diff_rubrics(old, lg.load_rubric(rubric)).changes]
    assert changes == [("constraints", "a <= b", "error", "warning"), ("constraints", "b <= 100", None, "error")]
