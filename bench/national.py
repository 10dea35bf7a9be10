#!/usr/bin/env python3
"""Benchmark: `rank` at national scale against the floor of reading the file (run on demand).

    .venv/bin/python bench/national.py                 # 2,843 units × 5 years, Parquet and CSV
    .venv/bin/python bench/national.py --township      # and the lazy path at 38,000 units × 10 years

Synthetic data (`lawgov-score synth`, every field of rubrics/shifan.yaml, labelled synthetic) is
written in long form to a temporary folder, as Parquet and as CSV (values as text, as offices
type them).  Each measurement runs in a fresh process, so that its peak memory is its own:

  (a) the floor: reading the file with plain polars (`pl.read_parquet` / `pl.read_csv`);
  (b) rank from the same file: read (with every check), score, roll up, rank, in the library
      (the rubric loaded beforehand, timed apart); the ratio b/a; and the whole command
      `lawgov-score rank FILE -o 排名.csv` as a user runs it (start-up and writing included);
  (c) the naive per-row reference scorer of the tests (tests/reference.py) on the same values,
      and how many times faster (b) is;
  (d) peak memory (maximum resident set) of each process;
  (e) start-up time of `lawgov-score --help`.

Times are medians of --repeat runs (the machine is shared; the spread is printed too).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUBRIC = ROOT / "rubrics" / "shifan.yaml"
TARGETS = {"ratio": 2.0, "reference": 50.0, "rss_mib": 1024.0, "startup": 0.3}


# --- the measurements, each in its own process ------------------------------------------------------


def child_floor(path: str, repeat: int) -> dict:
    import polars as pl

    read = pl.read_parquet if path.endswith(".parquet") else pl.read_csv
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        read(path)
        times.append(time.perf_counter() - t)
    return {"times": times}


def child_rank(path: str, repeat: int) -> dict:
    import lawgov_score as lg
    from lawgov_score.engine.rank import rank
    from lawgov_score.engine.score import score

    t = time.perf_counter()
    rubric = lg.load_rubric(RUBRIC)
    load = time.perf_counter() - t
    times, phases = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        inds = lg.read_indicators([path], rubric)
        t1 = time.perf_counter()
        result = score(rubric, inds)
        t2 = time.perf_counter()
        table = rank(result)
        t3 = time.perf_counter()
        times.append(t3 - t0)
        phases.append((t1 - t0, t2 - t1, t3 - t2))
        del inds, result
    return {"times": times, "rubric": load, "phases": phases, "rows": table.height}


def child_reference(path: str, repeat: int) -> dict:
    """The reference scorer on the values the tool read (its input is already numbers)."""
    import yaml

    import lawgov_score as lg

    sys.path.insert(0, str(ROOT / "tests"))
    from reference import score_reference

    rubric = lg.load_rubric(RUBRIC)
    inds = lg.read_indicators([path], rubric)
    doc = yaml.safe_load(RUBRIC.read_text(encoding="utf-8"))
    fields = {f["id"]: f for f in yaml.safe_load((RUBRIC.parent / "fields.yaml").read_text(encoding="utf-8"))["fields"]}
    rows = inds.values.select("unit", "year", "field", "value").to_dicts()
    meta = {r["unit"]: r for r in inds.units.to_dicts()}
    t = time.perf_counter()
    out = score_reference(doc, fields, rows, meta)
    return {"times": [time.perf_counter() - t], "keys": len(out)}


def child_township(folder: str, repeat: int) -> dict:
    import lawgov_score as lg
    from lawgov_score.engine.scan import scan_rank

    rubric = lg.load_rubric(RUBRIC)
    files = sorted(str(p) for p in Path(folder).glob("*.parquet"))
    t = time.perf_counter()
    table, report = scan_rank(files, rubric)
    took = time.perf_counter() - t
    assert table is not None, report.render()
    return {"times": [took], "rows": table.height, "years": table["year"].n_unique()}


CHILDREN = {"floor": child_floor, "rank": child_rank, "reference": child_reference, "township": child_township}


def measure(kind: str, path: Path, repeat: int) -> dict:
    """Run one measurement in a fresh process; add its peak memory (MiB)."""
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", kind, str(path), "--repeat", str(repeat)],
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"{kind} {path.name} failed")
    result = json.loads(out)
    result["rss_mib"] = usage.ru_maxrss / 1024
    return result


def command(args: list[str], repeat: int) -> dict:
    """Wall time and peak memory of the command line, as a user runs it."""
    exe = str(Path(sys.executable).parent / "lawgov-score")
    times, rss = [], 0.0
    for _ in range(repeat):
        t = time.perf_counter()
        proc = subprocess.Popen([exe, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - t)
        if os.waitstatus_to_exitcode(status):
            sys.exit(f"lawgov-score {' '.join(args)} failed")
        rss = max(rss, usage.ru_maxrss / 1024)
    return {"times": times, "rss_mib": rss}


# --- data -----------------------------------------------------------------------------------------------


def make_data(folder: Path, units: int, years: int, seed: int) -> dict[str, Path]:
    import lawgov_score as lg
    from lawgov_score.data.synth import synth
    from lawgov_score.output.write import write_frame as write

    rubric = lg.load_rubric(RUBRIC)
    frame = synth(rubric, units, years, seed=seed)
    out = {}
    for suffix in ("parquet", "csv"):
        out[suffix] = folder / f"national-{units}x{years}-synthetic.{suffix}"
        write(frame, str(out[suffix]))
    return out | {"rows": frame.height}


def subset(path: Path, units: int, folder: Path) -> Path:
    """The first ``units`` units of the Parquet file (for the reference scorer, whose peers
    loop makes it quadratic in the number of units)."""
    import polars as pl

    frame = pl.read_parquet(path)
    keep = frame.select(pl.col("unit").unique(maintain_order=True).head(units))
    out = folder / f"subset-{units}-synthetic.parquet"
    frame.join(keep, on="unit", how="semi").write_parquet(out)
    return out


def make_township(folder: Path, units: int, years: int, seed: int, chunk: int = 2000) -> tuple[Path, int]:
    """Township scale, written in chunks of units (one Parquet file each), never whole in memory."""
    import polars as pl

    import lawgov_score as lg
    from lawgov_score.data.synth import synth

    rubric = lg.load_rubric(RUBRIC)
    target = folder / "township-synthetic"
    target.mkdir()
    rows = 0
    width = len(str(units))
    for k, start in enumerate(range(0, units, chunk)):
        n = min(chunk, units - start)
        part = synth(rubric, n, years, seed=seed + k)
        # number units, cities and provinces across chunks: 合成00001镇 …
        part = part.with_columns(
            (
                pl.lit("合成")
                + (pl.col("unit").str.extract(r"(\d+)").cast(pl.Int64) + start).cast(pl.String).str.zfill(width)
                + pl.lit("镇")
            ).alias("unit"),
            (
                pl.lit("合成")
                + (pl.col("city").str.extract(r"(\d+)").cast(pl.Int64) + start // 10).cast(pl.String).str.zfill(width)
                + pl.lit("县")
            ).alias("city"),
            (
                pl.lit("合成")
                + (pl.col("province").str.extract(r"(\d+)").cast(pl.Int64) + start // 100)
                .cast(pl.String)
                .str.zfill(width)
                + pl.lit("市")
            ).alias("province"),
            pl.lit("乡镇").alias("level"),
        )
        part.write_parquet(target / f"part-{k:03d}-synthetic.parquet")
        rows += part.height
        del part
    return target, rows


# --- the report -------------------------------------------------------------------------------------------


def times(x: float) -> str:
    return f"{x:.1f}" if x < 10 else f"{x:.0f}"


def med(r: dict) -> float:
    return statistics.median(r["times"])


def spread(r: dict) -> str:
    return f"{min(r['times']):.2f}–{max(r['times']):.2f}" if len(r["times"]) > 1 else ""


def machine() -> str:
    cpu = ""
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                cpu = line.split(":", 1)[1].strip()
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    import polars as pl

    return (
        f"{cpu or platform.processor()}, {os.cpu_count()} cores, {mem:.0f} GiB memory; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, polars {pl.__version__}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=2843)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--reference-units",
        type=int,
        default=0,
        help="units for the reference scorer (default all; it is quadratic in units: all 2,843 take about 1.5 minutes)",
    )
    ap.add_argument(
        "--township", action="store_true", help="also the lazy path at township scale (38,000 units × 10 years)"
    )
    ap.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, path = args.child
        print(json.dumps(CHILDREN[kind](path, args.repeat)))
        return

    folder = Path(tempfile.mkdtemp(prefix="lawgov-bench-"))
    try:
        print(
            f"# lawgov-score benchmark: {args.units} units × {args.years} years × every field of rubrics/shifan.yaml\n"
        )
        print(f"machine: {machine()}\n")
        t = time.perf_counter()
        data = make_data(folder, args.units, args.years, args.seed)
        print(
            f"synthetic data: {data['rows']:,} long rows (values as text); made in {time.perf_counter() - t:.1f} s; "
            f"Parquet {data['parquet'].stat().st_size / 2**20:.1f} MiB, CSV {data['csv'].stat().st_size / 2**20:.1f} MiB\n"
        )
        print(
            "| file | (a) plain polars read | (b) read + score + rank | b/a | of which read / score / rank | peak memory (b) | `lawgov-score rank -o 排名.csv` | its peak memory |"
        )
        print("|---|---:|---:|---:|---|---:|---:|---:|")
        results = {}
        for suffix in ("parquet", "csv"):
            path = data[suffix]
            floor = measure("floor", path, args.repeat)
            ranked = measure("rank", path, args.repeat)
            cli = command(["rank", str(path), "-o", str(folder / "排名.csv")], max(1, args.repeat // 2))
            phases = [statistics.median(p[i] for p in ranked["phases"]) for i in range(3)]
            ratio = med(ranked) / med(floor)
            results[suffix] = {"floor": floor, "rank": ranked, "cli": cli, "ratio": ratio}
            print(
                f"| {suffix} | {med(floor):.3f} s ({spread(floor)}) | {med(ranked):.3f} s ({spread(ranked)}) | {ratio:.1f} | "
                f"{phases[0]:.3f} / {phases[1]:.3f} / {phases[2]:.3f} s | {ranked['rss_mib']:.0f} MiB | {med(cli):.2f} s | {cli['rss_mib']:.0f} MiB |"
            )
        print(
            f"\nrubric loaded beforehand in {results['parquet']['rank']['rubric']:.3f} s; {results['parquet']['rank']['rows']:,} rows ranked.\n"
        )

        ref_units = args.reference_units or args.units
        sub = data["parquet"] if ref_units >= args.units else subset(data["parquet"], ref_units, folder)
        ref = measure("reference", sub, 1)
        ours = measure("rank", sub, args.repeat) if sub != data["parquet"] else results["parquet"]["rank"]
        speedup = med(ref) / med(ours)
        keys = ref["keys"]
        print(
            f"(c) reference scorer (tests/reference.py, pure Python, row by row, given the values already read) on "
            f"{'all' if ref_units >= args.units else f'the first {ref_units}'} units ({keys:,} unit-years): {med(ref):.1f} s "
            f"(peak memory {ref['rss_mib']:.0f} MiB); read + score + rank of the same file: {med(ours):.3f} s: **{times(speedup)}× faster**; "
            f"the whole command ({med(results['parquet']['cli']):.2f} s) is {times(med(ref) / med(results['parquet']['cli']))}× faster\n"
        )

        exe = str(Path(sys.executable).parent / "lawgov-score")
        startup = command(["--help"], 7)
        print(
            f"(e) start-up, `lawgov-score --help`: {med(startup):.3f} s median of 7 ({spread(startup)} s); "
            f"bare `{Path(sys.executable).name} -c pass`: {med(command_py(7)):.3f} s\n"
        )

        if args.township:
            t = time.perf_counter()
            town, rows = make_township(folder, 38000, 10, args.seed)
            size = sum(p.stat().st_size for p in town.glob("*.parquet")) / 2**20
            print(
                f"township scale: 38,000 units × 10 years, {rows:,} long rows in {len(list(town.glob('*.parquet')))} Parquet files "
                f"({size:.0f} MiB), made in {time.perf_counter() - t:.0f} s"
            )
            lazy = measure("township", town, 1)
            print(
                f"lazy path (`data/scan.py`: scanned in batches, never loaded whole; scored year by year): "
                f"{med(lazy):.1f} s for {lazy['rows']:,} ranked unit-years over {lazy['years']} years; peak memory {lazy['rss_mib']:.0f} MiB\n"
            )

        print(
            "targets: "
            + "; ".join(
                [
                    f"b/a ≤ {TARGETS['ratio']}: parquet {results['parquet']['ratio']:.1f}, csv {results['csv']['ratio']:.1f}",
                    f"≥ {TARGETS['reference']:.0f}× the reference: {times(speedup)}×",
                    f"peak memory ≤ {TARGETS['rss_mib']:.0f} MiB: {max(r['rank']['rss_mib'] for r in results.values()):.0f} MiB "
                    f"(command {max(r['cli']['rss_mib'] for r in results.values()):.0f} MiB)",
                    f"start-up ≤ {TARGETS['startup']} s: {med(startup):.3f} s",
                ]
            )
        )
        _ = exe
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def command_py(repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - t)
    return {"times": times}


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
