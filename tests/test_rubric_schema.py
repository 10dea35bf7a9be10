"""`rubric schema`: generated from the models, committed as docs/rubric.schema.json, and the
bundled rubrics (and the field dictionary) validate against it as an editor would read them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from lawgov_score.cli import app
from lawgov_score.rubric.schema import json_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "docs" / "rubric.schema.json"
BUNDLED = sorted((ROOT / "rubrics").glob("*.yaml"))
CORPUS = Path(__file__).parent / "corpus" / "rubrics"


def validator():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_the_generated_one():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "docs/rubric.schema.json is stale: run `lawgov-score rubric schema -o docs/rubric.schema.json`"
    )


def test_cli_prints_the_schema():
    result = CliRunner().invoke(app, ["rubric", "schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_files_carry_the_modeline_and_validate(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/rubric.schema.json"
    errors = [
        f"{list(e.absolute_path)}: {e.message[:120]}"
        for e in validator().iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))
    ]
    assert errors == []


@pytest.mark.parametrize("name", ["unknown-key-typo", "unknown-rule-type", "points-not-a-number", "waiver-of-error"])
def test_schema_rejects_what_the_loader_rejects(name):
    doc = yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))
    assert not validator().is_valid(doc)


def test_schema_describes_keys_in_chinese():
    node = json_schema()["$defs"]["Node"]["properties"]
    assert node["evidence"]["description"].startswith("佐证材料")
    assert "title" not in node["points"]
    rule = json_schema()["$defs"]["DeductRule"]["properties"]
    assert "每" in rule["each"]["description"]
