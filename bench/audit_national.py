#!/usr/bin/env python3
"""Benchmark: `audit` and sensitivity over method choices at national scale (on demand; not a test).

    .venv/bin/python bench/audit_national.py                 # 2,843 units × 1 year, N = 1,000
    .venv/bin/python bench/audit_national.py --figure out/audit-bench.png

Synthetic data (labelled synthetic) for every field of rubrics/shifan.yaml is generated,
written to Parquet, read and scored by the tool; then `audit`, and `sensitivity --vary` over
the method choices this version can compute (weights: rubric/perturb/equal/entropy;
normalisation: rubric/minmax/percentile; aggregation: sum/geometric_mean; method: wsm/topsis),
N base samples, N × (k + 2) runs (4 choices, N = 1,000: 6,000 runs, the target's case).
It prints each phase's wall time and the peak memory, and with --figure draws them.
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
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--vary", default="weights,normalisation,aggregation,method")
    ap.add_argument("--rubric", default=str(ROOT / "rubrics" / "shifan.yaml"))
    ap.add_argument("--figure", default=None, help="a PNG of the phases' times")
    args = ap.parse_args()

    import numpy as np
    import polars as pl

    import lawgov_score as lg
    from lawgov_score.output.write import write_frame as write

    rows: list[tuple[str, float]] = []

    def timed(label, fn):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        rows.append((label, time.perf_counter() - t, time.process_time() - c))
        return out

    rubric = lg.load_rubric(args.rubric)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, f"synthetic-{args.units}.parquet")
        frame = lg.synthesize(rubric, args.units, 1, seed=args.seed)
        write(frame, path)
        inds = timed("read indicators", lambda: lg.read_indicators([path], rubric))
    result = timed("score", lambda: lg.score(rubric, inds))
    a = timed("audit", lambda: lg.audit(result))
    vary = args.vary.split(",")
    ms = timed(
        f"sensitivity --vary {args.vary}: N = {args.samples}",
        lambda: lg.method_sensitivity(result, vary, samples=args.samples, seed=args.seed),
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"# audit and method sensitivity at national scale: {args.units} units × 1 year × {rubric.id} "
        f"({len(rubric.items)} items, {len(rubric.leaves())} leaves)"
    )
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f}, "
          f"Python {platform.python_version()}, polars {pl.__version__}, numpy {np.__version__}")  # fmt: skip
    print()
    print("| phase | wall s | CPU s (all threads) |")
    print("|---|---:|---:|")
    for label, sec, cpu in rows:
        print(f"| {label} | {sec:.2f} | {cpu:.2f} |")
    print()
    s = a.summary()
    print(f"audit: {s['indicators']} indicators, {a.correlations.height} sibling pairs, {len(a.findings)} findings")
    print(f"method sensitivity: {ms.runs:,} runs; ranking depends most on {ms.summary()['most']}")
    for r in ms.indices.iter_rows(named=True):
        print(f"  {r['parameter']}: S1 {r['first_order']:.3f} [{r['first_low']:.3f}, {r['first_high']:.3f}], "
              f"ST {r['total']:.3f} [{r['total_low']:.3f}, {r['total_high']:.3f}]")  # fmt: skip
    print(f"peak memory (RSS): {peak:,.0f} MiB")
    if args.figure:
        _figure(rows, ms, peak, args.figure)


def _figure(rows, ms, peak, path) -> None:
    """Phase times (left) and the Sobol indices with their intervals (right)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.8))
    labels = [r[0].split(":")[0] for r in rows]
    y0 = np.arange(len(rows))
    left.barh(y0 - 0.18, [r[1] for r in rows], height=0.34, color="#4a7ab5", label="wall")
    left.barh(y0 + 0.18, [r[2] for r in rows], height=0.34, color="#9bb8dc", label="CPU")
    left.set_yticks(y0, labels)
    left.legend()
    left.invert_yaxis()
    left.set_xlabel(f"seconds (load average {os.getloadavg()[0]:.0f} on {os.cpu_count()} CPUs)")
    left.set_title(f"2,843 units, shifan rubric; peak RSS {peak:,.0f} MiB")
    ix = ms.indices
    y = np.arange(ix.height)
    for off, key, colour in ((-0.18, "first", "#4a7ab5"), (0.18, "total", "#d9822b")):
        val = ix["first_order" if key == "first" else "total"].to_numpy()
        lo, hi = ix[f"{key}_low"].to_numpy(), ix[f"{key}_high"].to_numpy()
        right.barh(y + off, val, height=0.34, color=colour, xerr=[val - lo, hi - val], label=key)
    right.set_yticks(y, ix["parameter"].to_list())
    right.invert_yaxis()
    right.set_xlabel("Sobol index of the mean absolute rank shift")
    right.set_title(f"N = {ms.samples:,} ({ms.runs:,} runs), 95% CI")
    right.legend()
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    print(f"figure: {path}")


import numpy as np  # noqa: E402  (the figure's arrays)

if __name__ == "__main__":
    main()
