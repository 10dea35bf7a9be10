#!/usr/bin/env python3
"""Benchmark: an xlsx sheet over Excel's 1,048,576 rows (run on demand, about a minute).

    .venv/bin/python bench/xlsx_rows.py              # 1,100,000 rows, as `score -o 得分.xlsx` of a
                                                      # nation's counties × items × years would be
    .venv/bin/python bench/xlsx_rows.py --rows 300000 --in-memory   # for comparison: held whole

A synthetic frame shaped like the 得分 sheet (unit, year, item id, item name, value, points, max,
status) is written through ``output.xlsx.write_workbook`` in a fresh process; printed: the time,
the peak memory (maximum resident set) beside the frame's own size, and the sheets with their
rows, read back with openpyxl in read-only mode, so that no row is dropped.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import io, json, resource, sys, time
import polars as pl
from lawgov_score.output import xlsx
from lawgov_score.output.columns import Column

n, mode = int(sys.argv[1]), sys.argv[2]
# in-memory: the whole workbook held in memory, as every workbook was before; streamed: rows
# written a group at a time (what a workbook over xlsx.LARGE_ROWS rows does)
xlsx.LARGE_ROWS = 10**12 if mode == "in-memory" else 0
i = pl.col("i")
frame = pl.DataFrame({"i": pl.int_range(0, n, eager=True)}).select(
    unit=pl.format("合成单位{}", i % 2843),
    year=2020 + i % 5,
    id=pl.format("{}.{}", i % 97 // 10 + 1, i % 10 + 1),
    name=pl.format("合成项目{}", i % 97),
    value=(i % 1000) / 10,
    points=(i % 7).cast(pl.Float64),
    max=pl.lit(6.0),
    status_shown=pl.when(i % 3 == 0).then(pl.lit("失分")).otherwise(pl.lit("达标")),
)
cols = [Column("unit", "单位", "Unit"), Column("year", "年度", "Year", "int"), Column("id", "编号", "Id"),
        Column("name", "项目", "Item"), Column("value", "数值", "Value", "number"),
        Column("points", "得分", "Points", "score"), Column("max", "满分", "Max", "score"),
        Column("status_shown", "状态", "Status")]
frame_mib = frame.estimated_size() / 2**20
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
data = xlsx.write_workbook([xlsx.Sheet("得分", frame, cols, title=["合成数据（synthetic）"])])
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
import openpyxl
book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
sheets = {ws.title: ws.max_row for ws in book}
print(json.dumps({"rows": n, "mode": mode, "seconds": round(seconds, 1), "frame_mib": round(frame_mib),
                  "rss_before_mib": round(before), "rss_peak_mib": round(peak),
                  "xlsx_mib": round(len(data) / 2**20, 1), "sheets": sheets}, ensure_ascii=False))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_100_000)
    parser.add_argument("--in-memory", action="store_true", help="hold the whole workbook in memory, for comparison")
    args = parser.parse_args()
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(args.rows), "in-memory" if args.in_memory else "streamed"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode:
        sys.exit(out.stderr)
    result = json.loads(out.stdout)
    result["wall_seconds"] = round(time.perf_counter() - t, 1)
    head = 2  # the title line and the header
    written = sum(rows - head - (1 if len(result["sheets"]) > 1 else 0) for rows in result["sheets"].values())
    result["rows_written"] = written
    print(json.dumps(result, ensure_ascii=False, indent=2))
    assert written == args.rows, "rows were dropped"


if __name__ == "__main__":
    main()
