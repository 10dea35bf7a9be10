#!/usr/bin/env python3
"""Benchmark: the composite-indicator methods at national scale against today's `rank` (run on demand).

    .venv/bin/python bench/methods_national.py                # 2,843 units × 5 years
    .venv/bin/python bench/methods_national.py --repeat 5

Synthetic data (`lawgov-score synth`, every field of rubrics/shifan.yaml, labelled synthetic) is
written to Parquet in a temporary folder.  Each command's library call runs from that file as
the command line would (read with every check, score, then the method), --repeat times; the
median is compared with today's `rank` (the rubric's points, `--method wsm`) on the same file.
The target of issue 16: `weights` and `rank --method topsis` within 2× of `rank`.  The method
alone (after reading and scoring, on the scored result in memory) is timed too, and so is `rank`
with a data treatment declared (every field imputed by its city's mean, COINr's outlier rule).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET = 2.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=2843)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=2025)
    args = ap.parse_args()

    import numpy as np
    import polars as pl

    import lawgov_score as lg
    from lawgov_score.analysis.methods import method_frame, rubric_weights
    from lawgov_score.engine.rank import rank
    from lawgov_score.output.write import write_frame

    rubric = lg.load_rubric(ROOT / "rubrics" / "shifan.yaml")
    treated = _treated(rubric)
    commands = {
        "rank (today: the rubric's points)": lambda p: lg.rank_table([p], rubric),
        "rank, treatment: impute group_mean by city + outliers coinr": lambda p: lg.rank_table([p], treated),
        "rank --method topsis": lambda p: lg.rank_table([p], rubric, method="topsis"),
        "rank --method vikor": lambda p: lg.rank_table([p], rubric, method="vikor"),
        "rank --method gra": lambda p: lg.rank_table([p], rubric, method="gra"),
        "rank --method wpm": lambda p: lg.rank_table([p], rubric, method="wpm"),
        "weights --method entropy": lambda p: lg.weights_table([p], rubric, method="entropy"),
        "weights --method critic": lambda p: lg.weights_table([p], rubric, method="critic"),
        "normalise --method zscore": lambda p: lg.normalise_table([p], rubric, method="zscore"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, f"national-{args.units}x{args.years}-synthetic.parquet")
        frame = lg.synthesize(rubric, args.units, args.years, seed=args.seed)
        write_frame(frame, path)
        times = _interleaved({name: (lambda fn=fn: fn(path)) for name, fn in commands.items()}, args.repeat)
        result = lg.score(rubric, lg.read_indicators([path], rubric))
    alone = {
        "rank (engine.rank.rank)": _median(lambda: rank(result), args.repeat),
        "topsis (analysis.methods.method_frame)": _median(lambda: method_frame(result, "topsis"), args.repeat),
        "entropy (analysis.methods.rubric_weights)": _median(lambda: rubric_weights(result, "entropy"), args.repeat),
    }
    ranked = method_frame(result, "topsis")[0]["total"].is_not_null().sum()
    base = times["rank (today: the rubric's points)"]
    print(f"# composite-indicator methods at national scale: {args.units} units × {args.years} years (synthetic)")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPU(s), "
        f"Python {platform.python_version()}, polars {pl.__version__}, numpy {np.__version__}"
    )
    print(
        f"values: {frame.height:,} rows; unit-years: {result.frame.height:,}; "
        f"ranked by topsis (every criterion given): {ranked:,}; median of {args.repeat} runs\n"
    )
    print("| command (read + score + method, from Parquet) | seconds | × rank | within 2×? |")
    print("|---|---:|---:|---|")
    for name, sec in times.items():
        ratio = sec / base
        target = name.startswith(("weights", "rank --method topsis"))
        verdict = ("yes" if ratio <= TARGET else "NO") if target else ""
        print(f"| {name} | {sec:.3f} | {ratio:.2f} | {verdict} |")
    print("\n| the method alone, on the scored result | seconds |")
    print("|---|---:|")
    for name, sec in alone.items():
        print(f"| {name} | {sec:.3f} |")
    print(f"\npeak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")


def _treated(rubric):
    """The rubric with every field its leaves read imputed by the city's mean and treated for outliers."""
    import dataclasses

    from lawgov_score.rubric.treatment import FieldPlan

    plans = {f: FieldPlan(f, impute="group_mean", by="city", outliers="coinr") for f in rubric.read_fields()}
    return dataclasses.replace(rubric, treatment=plans)


def _interleaved(fns: dict, repeat: int) -> dict[str, float]:
    """Median seconds of each call, the calls taking turns run by run: on a shared machine a
    busy minute then slows every command alike instead of the few measured during it."""
    runs: dict[str, list[float]] = {name: [] for name in fns}
    for i in range(repeat):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            runs[name].append(time.perf_counter() - t)
            print(f"  run {i + 1}/{repeat} {name}: {runs[name][-1]:.3f} s", file=sys.stderr, flush=True)
    return {name: statistics.median(sec) for name, sec in runs.items()}


def _median(fn, repeat: int) -> float:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


if __name__ == "__main__":
    main()
