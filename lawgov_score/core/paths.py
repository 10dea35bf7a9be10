"""How paths appear in messages."""

from __future__ import annotations

import os
from pathlib import Path


def shown_path(path: str | Path) -> str:
    """Relative to the working directory when that is shorter, so messages stay readable."""
    p = os.path.normpath(str(path))
    try:
        rel = os.path.relpath(p)
    except ValueError:
        return p
    return rel if len(rel) < len(p) or not os.path.isabs(p) else p


def expand(paths, suffixes: set[str], code: str, kinds):
    """Files named, and the files with one of ``suffixes`` directly inside folders named.

    Sorted, so runs are reproducible; sub-folders are not entered, so a folder of samples can
    keep its variants apart; hidden and Office lock files (``~$…``) are skipped.  A folder with
    no such file, or a path that is not there, is a problem ``code``; ``kinds`` (words:
    ``said("data.files")``) names the suffixes for the message.  Returns (files, report)."""
    from .problems import Report, problem, said

    report = Report()
    out: list[Path] = []
    if isinstance(paths, (str, Path)):  # one path given as such, not a list of one-letter names
        paths = [paths]
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(
                q
                for q in p.iterdir()
                if q.is_file() and q.suffix.lower() in suffixes and not q.name.startswith((".", "~$"))
            )
            if not found:
                report.add(problem(code, shown_path(p), reason=said("file.none_in_folder", kinds=kinds)))
            out += found
        elif not p.exists():
            report.add(problem(code, shown_path(p), reason=said("file.missing")))
        elif _device(p):  # /dev/zero reads forever; a pipe (``<(…)``) is read as a file is
            report.add(problem(code, shown_path(p), reason=said("file.not_regular")))
        else:
            out.append(p)
    return out, report


def _device(path: Path) -> bool:
    """A character or block device, or a socket: nothing a table can be read from."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode)
