#!/usr/bin/env python3
"""Benchmark: rank sensitivity at national scale (run on demand; not a test).

    .venv/bin/python bench/sensitivity_national.py              # 2,843 units × 1 year × 1,000 samples
    .venv/bin/python bench/sensitivity_national.py --years 5    # the same for five years

Synthetic data (labelled synthetic; see `lawgov-score synth`) for every field of
rubrics/shifan.yaml is generated, written to Parquet in a temporary folder, read and scored by
the tool, then `sensitivity` runs with weights perturbed ±20% (and again with rule thresholds
±10% too).  It prints each phase's wall time, the peak memory, and checks that zero perturbation
reproduces the plain ranking.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=2843)
    ap.add_argument("--years", type=int, default=1)
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--rubric", default=str(ROOT / "rubrics" / "shifan.yaml"))
    args = ap.parse_args()

    import numpy as np
    import polars as pl

    import lawgov_score as lg
    from lawgov_score.output.write import write_frame as write

    rows: list[tuple[str, float]] = []

    def timed(label, fn):
        t = time.perf_counter()
        out = fn()
        rows.append((label, time.perf_counter() - t))
        return out

    rubric = lg.load_rubric(args.rubric)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, f"synthetic-{args.units}x{args.years}.parquet")
        frame = timed("synth (generate)", lambda: lg.synthesize(rubric, args.units, args.years, seed=args.seed))
        timed("synth (write Parquet)", lambda: write(frame, path))
        inds = timed("read indicators", lambda: lg.read_indicators([path], rubric))
    result = timed("score", lambda: lg.score(rubric, inds))
    sv = timed(
        f"sensitivity: {args.samples} samples, weights ±20%",
        lambda: lg.sensitivity(result, samples=args.samples, seed=args.seed, perturb=0.2),
    )
    timed(
        f"sensitivity: {args.samples} samples, weights ±20%, thresholds ±10%",
        lambda: lg.sensitivity(result, samples=args.samples, seed=args.seed, perturb=0.2, perturb_targets=0.1),
    )
    zero = timed(
        "sensitivity: 100 samples, zero perturbation",
        lambda: lg.sensitivity(result, samples=100, seed=args.seed, perturb=0.0, keep_ranks=True),
    )
    plain = lg.rank(result).select("unit", "year", "rank")
    t = zero.table.select("unit", "year", "p05", "p95").join(plain, on=["unit", "year"])
    exact = bool(((t["p05"] == t["rank"]) & (t["p95"] == t["rank"])).all())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    n_leaves = len(rubric.leaves())
    print(
        f"# sensitivity at national scale: {args.units} units × {args.years} year(s) × {rubric.id} "
        f"({len(rubric.items)} items, {n_leaves} leaves) × {args.samples} samples"
    )
    print(
        f"machine: {_cpu()}, {os.cpu_count()} CPU(s), Python {platform.python_version()}, "
        f"polars {pl.__version__}, numpy {np.__version__}"
    )
    print(f"values: {frame.height:,} rows; unit-years scored: {result.frame.height:,}")
    print()
    print("| phase | seconds |")
    print("|---|---:|")
    for label, sec in rows:
        print(f"| {label} | {sec:.2f} |")
    print()
    s = sv.summary()
    print(
        f"rank varies for {s['rank_varies']:,} of {s['units']:,} unit-years; widest 5–95% interval: {s['max_spread']} places"
    )
    print(f"zero perturbation reproduces the plain ranking exactly: {'yes' if exact else 'NO'}")
    print(f"peak memory (RSS): {peak:,.0f} MiB")


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


if __name__ == "__main__":
    main()
