"""The same inputs give byte-identical output, run after run: in two fresh processes with
different hash seeds (set and dict order), a moment apart, every format and command."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = ROOT / "samples" / "synthetic-city"
JOBS = {
    "rank.csv": ["rank"],
    "rank.json": ["rank", str(SYNTHETIC), "--by", "city"],
    "rank.md": ["rank", str(SYNTHETIC), "--ties", "dense"],
    "rank.txt": ["rank", "--pool"],
    "rank.xlsx": ["rank", str(SYNTHETIC)],
    "score.csv": ["score", str(SYNTHETIC)],
    "score.json": ["score"],
    "score.xlsx": ["score"],
    "gaps.json": ["gaps", "--unit", "乃东"],
    "gaps.md": ["gaps", str(SYNTHETIC), "--unit", "合成甲县", "--top", "5"],
}
SCRIPT = """
import json, sys
from typer.testing import CliRunner
from lawgov_score.cli import app
out, jobs = sys.argv[1], json.loads(sys.argv[2])
for name, args in jobs.items():
    r = CliRunner().invoke(app, args + ["-o", out + "/" + name])
    if r.exit_code != 0:
        sys.exit(f"{name}: {r.output}")
"""


def run(folder: Path, seed: str) -> dict[str, str]:
    import json

    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED")}
    env["PYTHONHASHSEED"] = seed
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder), json.dumps(JOBS, ensure_ascii=False)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.slow  # among the slowest (measured with --durations)
def test_same_inputs_same_bytes(tmp_path: Path):
    first = run(tmp_path / "a", "1")
    time.sleep(1.1)  # a stored clock time would now differ
    second = run(tmp_path / "b", "2")
    assert set(first) == set(JOBS)
    assert first == second
