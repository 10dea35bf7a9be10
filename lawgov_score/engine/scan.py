"""``rank --scan``: township-scale inputs scored year by year from the scanned grid (``data.scan``),
never loaded whole, then ranked together."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ..core.groups import META_COLUMNS
from ..core.problems import Report
from ..data.consistency import check_values
from ..data.scan import BATCH_ROWS, scan_indicators
from .parts import col_part
from .rank import rank, require_item
from .score import KEYS, ScoreResult, col_score, score


def scan_rank(
    paths: list[str | Path],
    rubric,
    *,
    by: str | None = None,
    ties: str = "competition",
    on: str | None = None,
    pool: bool = False,
    batch_rows: int = BATCH_ROWS,
) -> tuple[pl.DataFrame | None, Report]:
    """``rank`` for inputs scanned in batches: each year is scored on its own, then all are ranked.
    An ``on`` item the rubric lacks is refused before anything is read (E-USAGE-ITEM)."""
    require_item(rubric, on)
    scanned, report = scan_indicators(paths, rubric, batch_rows=batch_rows)
    if scanned is None:
        return None, report
    keep = [*KEYS, *META_COLUMNS, "total", "percent", "grade", "vetoed", "bonus", *[col_score(d) for d in rubric.roots]]
    keep += [col_part(p.id) for p in rubric.parts]
    if on is not None:
        keep.append(col_score(on))
    for year in scanned.years:  # derived values and declared constraints, like the in-memory reader
        report.extend(check_values(scanned.indicators(year), rubric))
    if not report.ok:
        return None, report
    frames = []
    for year in scanned.years:
        result = score(rubric, scanned.indicators(year))
        frames.append(result.frame.select(list(dict.fromkeys(keep))))
        report.extend(result.warnings)  # each year's units without peers (W-ALONE)
        del result
    frame = pl.concat(frames) if frames else pl.DataFrame()
    table = rank(
        ScoreResult(
            rubric=rubric, frame=frame, indicators=scanned.indicators(scanned.years[0]) if scanned.years else None
        ),
        by=by,
        ties=ties,
        on=on,
        pool=pool,
    )
    return table, report
