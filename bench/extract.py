#!/usr/bin/env python3
"""Benchmark: `extract` on very long report text, to show that its time grows linearly with the
length (run on demand: `.venv/bin/python bench/extract.py`, or `make bench`).

The text is a report excerpt (the first synthetic one of tests/data/heldout-final/, or the .txt
given) repeated up to 1 MB and 10 MB (so it holds as many values per kilobyte as a report does: the
worst case for extraction, not a padded one).  Each size runs `lawgov-score extract FILE --all
-f json` in a fresh process and reports its wall time, CPU time and peak memory; the ratio of
the two sizes' CPU times should be about 10 (linear), where before it was about 60.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES_MB = (1, 10)


def _text(source: Path, size: int) -> str:
    text = source.read_text(encoding="utf-8")
    return (text * (size // len(text.encode("utf-8")) + 1)).encode("utf-8")[:size].decode("utf-8", "ignore")


def _run(path: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident MiB) of one extract run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    exe = Path(sys.executable).with_name("lawgov-score")
    subprocess.run([str(exe), "extract", str(path), "--all", "-f", "json"], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", nargs="?", type=Path, help="a .txt report to repeat (default: a synthetic excerpt)")
    args = ap.parse_args()
    source = args.report or next(iter(sorted((ROOT / "tests" / "data" / "heldout-final").glob("*.txt"))), None)
    if source is None:
        sys.exit("no report text to repeat: name a .txt report")
    print(f"extract on {source.name} repeated; fresh process per size")
    cpus = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mb in SIZES_MB:
            path = Path(tmp) / f"long-{mb}mb.txt"
            path.write_text(_text(source, mb * 1_000_000), encoding="utf-8")
            wall, cpu, rss = _run(path)
            cpus[mb] = cpu
            print(f"{mb:>3} MB: wall {wall:7.1f} s  cpu {cpu:7.1f} s  peak {rss:7.0f} MiB")
    print(f"cpu ratio 10 MB / 1 MB: {cpus[10] / cpus[1]:.1f} (linear: about 10)")


if __name__ == "__main__":
    main()
