"""The overall precision and recall of `extract` on one of the synthetic sets under tests/data, as a
user gets them (`extract FILES --evaluate GOLD -f json`)."""

import json

from conftest import ROOT
from typer.testing import CliRunner

from lawgov_score.cli import app

DATA = ROOT / "tests" / "data"


def overall(folder: str, gold: str) -> dict:
    """The `overall` row of the evaluation of every synthetic-*.txt in ``folder`` against ``gold``."""
    files = sorted((DATA / folder).glob("synthetic-*.txt"))
    res = CliRunner().invoke(app, ["extract", *map(str, files), "--evaluate", str(DATA / folder / gold), "-f", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["overall"]
