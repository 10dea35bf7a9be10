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


@pytest.mark.slow  # among the slowest (measured with --durations)
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
    assert table.returncode == 1 and "门槛：未通过（4 个单位·年度）" in table.stdout


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


def test_recipes_install_from_the_repository_and_keep_the_edits_to_check():
    """The tool is not on PyPI: the workflow installs it from a source the team sets; trying the
    gate locally never tells the reader to stash (or commit) the very edits it should check."""
    workflow = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    install = next(s for s in workflow["jobs"]["rubric"]["steps"] if s.get("name") == "Install lawgov-score")
    assert install["run"] == 'pip install "$LAWGOV_SCORE_SOURCE"'
    assert install["env"]["LAWGOV_SCORE_SOURCE"].startswith("git+")
    readme = (CI / "README.md").read_text(encoding="utf-8")
    assert "git stash" not in readme and "LAWGOV_SCORE_SOURCE" in readme
    assert "bash docs/ci/rubric-gate.sh HEAD data/" in readme


@pytest.mark.slow  # among the slowest (measured with --durations)
def test_the_readme_ci_journey_runs_as_written(repo):
    """The README's "A rubric change in CI" section: edit the rubric, run its commands before
    committing; the edit is checked and compared, and the gate it names trips."""
    import re
    import shlex

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## A rubric change in CI, step by step")
    part = text[start : text.index("\n## ", start + 1)]
    lines = [ln.strip() for b in re.findall(r"```\n(.*?)```", part, re.S) for ln in b.splitlines()]
    runs = [ln for ln in lines if "rubric-gate.sh" in ln]
    assert len(runs) == 2
    move_points(repo)  # the edit, uncommitted
    results = []
    for line in runs:
        words = shlex.split(line)
        env = dict(w.split("=", 1) for w in words if "=" in w and not w.startswith("-"))
        args = words[words.index("docs/ci/rubric-gate.sh") + 1 :]
        results.append(run_gate(repo, *args, "data/synthetic-city/", **env))  # the city's folder too
    plain, gated = results
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert "### 细则变更：HEAD:rubrics/shifan.yaml → rubrics/shifan.yaml" in plain.stdout
    assert gated.returncode == 1 and "门槛：未通过" in gated.stdout and "8.2.1" in gated.stdout
