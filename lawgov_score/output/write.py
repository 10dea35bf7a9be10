"""Writing results: to standard output, or to a file atomically (a failed run leaves no file)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_output(text: str | bytes, path: str | None, fmt: str) -> None:
    """Print, or write ``path`` atomically.  CSV to a file gets a BOM so Excel/WPS read UTF-8."""
    if path is None or path == "-":
        import sys

        if isinstance(text, bytes) and fmt == "xlsx":
            raise ValueError("a workbook is written to a file, not to standard output")

        data = text if isinstance(text, str) else text.decode("utf-8")
        sys.stdout.write(data)
        return
    data = text.encode("utf-8") if isinstance(text, str) else text
    if fmt == "csv" and isinstance(text, str):
        data = b"\xef\xbb\xbf" + data
    atomic_write(Path(path), data)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's owner-only
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_frame(frame, path: Path) -> None:
    """A polars frame as Parquet (.parquet, .pq) or as CSV with a BOM (anything else), atomically."""
    import io

    path = Path(path)
    if path.suffix.lower() in (".parquet", ".pq"):
        buf = io.BytesIO()
        frame.write_parquet(buf)
        atomic_write(path, buf.getvalue())
    else:
        atomic_write(path, b"\xef\xbb\xbf" + frame.write_csv().encode("utf-8"))
