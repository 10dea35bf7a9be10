"""The CI recipes in docs/ci/ work as written: the gate script in a scratch repository, the
workflow and the hook parse and call it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / "docs" / "ci"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "rubrics").mkdir(parents=True)
    for name in ("shifan.yaml", "fields.yaml", "kaohe.yaml"):
        shutil.copy(ROOT / "rubrics" / name, repo / "rubrics" / name)
    shutil.copytree(ROOT / "samples", repo / "data", ignore=shutil.ignore_patterns("*.py", "*.md"))
    shutil.copytree(CI, repo / "docs" / "ci")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    return repo


def run_gate(repo: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return subprocess.run(
        ["bash", "docs/ci/rubric-gate.sh", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path, **env},
        timeout=300,
    )


def move_points(repo: Path) -> None:
    path = repo / "rubrics" / "shifan.yaml"
    text = path.read_text(encoding="utf-8")
    for item_id, points in (("8.2.1", 5), ("8.2.2", 15)):
        i = text.index(f'- id: "{item_id}"')
        j = text.index("points: ", i)
        text = text[:j] + f"points: {points}" + text[text.index("\n", j) :]
    path.write_text(text, encoding="utf-8")


def test_nothing_changed(repo):
    result = run_gate(repo, "HEAD", "data/")
    assert result.returncode == 0
    assert "No rubric changed since HEAD." in result.stdout


def test_changed_rubric_is_checked_compared_and_gated(repo):
    move_points(repo)
    result = run_gate(repo, "HEAD", "data/", "data/synthetic-city/", GATES="--fail-on-rank-change 1")
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "rubric check --strict rubrics/shifan.yaml" in out and "rubrics/shifan.yaml：通过（错误 0，警告 0）" in out
    assert "### 细则变更：HEAD:rubrics/shifan.yaml → rubrics/shifan.yaml" in out
    assert "| 分值   | 8.2.1  |" in out and "**门槛：未通过（4 个单位·年度）**" in out
    assert "### 细则变更：HEAD:rubrics/kaohe.yaml → rubrics/kaohe.yaml" in out  # unchanged, compared all the same
    data = ["data/", "data/synthetic-city/"]
    assert run_gate(repo, "HEAD", *data, GATES="--fail-on-rank-change 2").returncode == 0
    git(repo, "commit", "-q", "-am", "move points")
    table = run_gate(repo, "HEAD~1", *data, GATES="--fail-on-rank-change 1", FORMAT="table")
    assert table.returncode == 1 and "门槛：未通过（7 个单位·年度）" in table.stdout


def test_a_warning_fails_the_gate(repo):
    path = repo / "rubrics" / "kaohe.yaml"
    text = path.read_text(encoding="utf-8")
    i = text.rindex("\n", 0, text.index("evidence:", text.index('- id: "1.1"'))) + 1
    path.write_text(text[:i] + text[text.index("\n", i) + 1 :], encoding="utf-8")  # drop the evidence line
    result = run_gate(repo, "HEAD")
    assert result.returncode == 1
    assert "W-EVIDENCE" in result.stdout


def test_workflow_and_hook_call_the_script():
    workflow = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["rubric"]["steps"]
    assert any("bash docs/ci/rubric-gate.sh" in s.get("run", "") and s.get("shell") == "bash" for s in steps)
    hook = yaml.safe_load((CI / "pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    assert "bash docs/ci/rubric-gate.sh HEAD" in hook["entry"] and hook["pass_filenames"] is False
