"""Where a run may write: no output is one of its inputs, lies in a folder it reads, or cannot be
written.  The one check of it, before any work: the command line calls it with the paths it was
given, and every API function that writes a file (``synthesize(output=…)``) calls it too."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from ..core import bundled


def check_outputs(
    outputs: Mapping[str | Path, bool] | Iterable[str | Path],
    inputs: Iterable[str | Path] = (),
    *,
    bundled_data: bool = False,
    bundled_rubric: bool = False,
) -> None:
    """Raise ``ProblemError`` before any work when an output would replace an input (the same
    file, or the same file under another name: E-OUTPUT-INPUT), lie inside an input folder
    (E-OUTPUT-IN-INPUT) or cannot be written (E-OUTPUT-PATH).  ``outputs``: paths, or path →
    whether it is a folder of files (``report --png``); ``"-"`` (stdout) is skipped.
    ``bundled_data``/``bundled_rubric``: the run reads the bundled samples/rubric, which count
    as inputs too."""
    from ..output.files import check_target

    sources = [Path(p) for p in inputs]
    if bundled_data:
        sources += bundled.default_data()
    if bundled_rubric:
        sources.append(bundled.default_rubric())
    targets = outputs.items() if isinstance(outputs, Mapping) else ((p, False) for p in outputs)
    for path, folder in targets:
        if str(path) != "-":
            check_target(Path(path), sources, folder=folder)
