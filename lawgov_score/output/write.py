"""Writing results: to standard output, or to a file atomically (a failed run leaves no file)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.problems import ProblemError
from .files import write_files
from .text import visible

# The format a file's extension stands for, when no --format is given.
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}
FILE_FORMATS = ("xlsx", "html")  # written to a file, never to the terminal


@dataclass(frozen=True)
class Out:
    """Where and how a command's result goes: the format, the file (None: standard output), the language."""

    fmt: str
    path: Path | None = None
    lang: str = "zh"
    encoding: str = "utf-8"  # of text written to a file: utf-8 (CSV with a BOM) or gb18030

    @property
    def to_file(self) -> bool:
        """Whether the result goes to a file (not standard output)."""
        return self.path is not None and str(self.path) != "-"


def resolve_out(
    fmt: str | None,
    path: Path | str | None,
    lang: str = "zh",
    allowed: tuple[str, ...] = ("table", "markdown", "csv", "json"),
    encoding: str = "utf-8",
) -> Out:
    """The output of a command: ``--format`` if given, else the extension of ``-o``, else table.

    A format the command does not offer, or a file format (xlsx) without ``-o``, is E-USAGE-FORMAT."""
    path = Path(path) if path is not None else None
    if fmt is None and path is not None:
        guess = SUFFIX_FORMATS.get(path.suffix.lower())
        fmt = guess if guess in allowed else None
    fmt = fmt or "table"
    if fmt not in allowed:
        raise ProblemError.one("E-USAGE-FORMAT", fmt=fmt, choices=", ".join(allowed))
    if fmt in FILE_FORMATS and (path is None or str(path) == "-"):
        raise ProblemError.one("E-USAGE-OUTPUT", fmt=fmt)
    return Out(fmt, path, lang, encoding)


def write(view, out: Out) -> None:
    """Lay ``view`` out in ``out.fmt`` and print it or write it to ``out.path`` (atomically; CSV with a BOM)."""
    from .render import render_view

    text = render_view(view, out.fmt)
    if out.fmt in ("table", "markdown"):  # text to read: a name's escape sequences are shown, never obeyed
        text = visible(text, keep_newlines=True)
    write_output(text, str(out.path) if out.to_file else None, out.fmt, out.encoding)


def write_all(view, outs: list[Out]) -> list[int]:
    """Every output of one run (``report``: the page and its charts): all are rendered first, then
    written together (``files.write_files``), so a run that fails on one writes none.  A format
    whose rendering is several files (png: file name → bytes) writes them into the directory
    ``out.path``.  Returns the number of files written per output."""
    from .render import render_view

    rendered = [(render_view(view, out.fmt), out) for out in outs]
    files: list[tuple[Path, bytes]] = []
    for data, out in rendered:
        if isinstance(data, dict):
            files += [(Path(out.path) / name, content) for name, content in data.items()]
        elif out.to_file:
            files.append((Path(out.path), encoded(data, out)))
        else:
            write_output(data, None, out.fmt)
    write_files(files)
    return [len(data) if isinstance(data, dict) else 1 for data, _ in rendered]


def write_output(text: str | bytes, path: str | None, fmt: str, encoding: str = "utf-8") -> None:
    """Print, or write ``path`` (all or nothing, see ``files.write_files``).  CSV to a file in UTF-8
    gets a BOM so Excel/WPS read it; ``encoding="gb18030"`` writes it without one."""
    if path is None or path == "-":
        import sys

        if isinstance(text, bytes) and fmt == "xlsx":
            raise ValueError("a workbook is written to a file, not to standard output")

        data = text if isinstance(text, str) else text.decode("utf-8")
        sys.stdout.write(data)
        return
    write_files([(Path(path), encoded(text, Out(fmt, Path(path), encoding=encoding)))])


def encoded(text: str | bytes, out: Out) -> bytes:
    """A rendering as the bytes of its file: text in UTF-8 (a CSV with a BOM), or in GB18030
    where ``--encoding gb18030`` asks for it (for programs that ignore the BOM)."""
    if isinstance(text, bytes):
        return text
    if out.encoding == "gb18030" and out.fmt == "csv":
        return text.encode("gb18030")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if out.fmt == "csv" else data


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, renamed into place."""
    write_files([(Path(path), data)])


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
