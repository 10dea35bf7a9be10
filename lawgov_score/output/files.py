"""Writing files without destroying anything: the checks before a run, and all-or-nothing writes.

* Before any work, ``check_target`` refuses an output that is one of the inputs (the same file
  after links are followed), that lies inside an input folder being read, or that cannot be
  written (a folder, a block device, a read-only folder): one line naming the user's path.
* ``write_files`` writes every file of a run or none: each is staged as a temporary file beside
  its target and only when all are staged are they renamed into place.  A symbolic link stays a
  link (its target is replaced); a character device or a FIFO (``/dev/null``, a named pipe) is
  written through, never renamed over.  Temporary files are removed on any failure and on
  SIGTERM or SIGHUP.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..core.problems import ProblemError, said


def _is_stream(mode: int) -> bool:
    """A node written through rather than replaced: a character device or a FIFO."""
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _stat(path: Path) -> os.stat_result | None:
    """The node at ``path`` (links followed), None where there is none yet."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise unwritable(path, exc) from None


def _is_dir(path: Path):
    return said("output.is_dir", path=str(path).rstrip("/"))


def _reason(path: Path, exc: OSError):
    """Why ``path`` cannot be written, in words (the OS's own text for a rare error)."""
    code = exc.errno
    if code == errno.EISDIR:
        return _is_dir(path)
    if code == errno.ENOTDIR:
        part = next((p for p in Path(path).parents if p.exists() and not p.is_dir()), None)
        return said("output.parent_not_dir", part=str(part)) if part else said("output.not_dir")
    if code in (errno.EACCES, errno.EPERM):
        return said("output.denied")
    if code == errno.EROFS:
        return said("output.readonly")
    if code in (errno.ENOSPC, errno.EDQUOT):
        return said("output.no_space")
    if code == errno.ENOENT:
        return said("output.cannot_create")
    if code == errno.ENAMETOOLONG:
        return said("output.too_long")
    return said("output.os", error=exc.strerror or type(exc).__name__)


def unwritable(path: Path, exc: OSError) -> ProblemError:
    """E-OUTPUT-PATH naming the user's path (never a temporary file) and the reason."""
    return ProblemError.one("E-OUTPUT-PATH", str(path), reason=_reason(path, exc))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(path: Path, inputs=(), *, folder: bool = False) -> None:
    """Refuse, before any work, an output that would overwrite an input (same file after links,
    hard links too), that lies inside an input folder being read, or that cannot be written.
    ``folder``: the output is a directory of files (``report --png``)."""
    path = Path(path)
    real = Path(os.path.realpath(path))
    for given in inputs:
        source = Path(os.path.realpath(given))
        if source.is_dir() and _inside(real, source):
            raise ProblemError.one("E-OUTPUT-IN-INPUT", str(path), input=str(given))
        if real == source or _same_node(path, source):
            raise ProblemError.one("E-OUTPUT-INPUT", str(path), input=str(given))
    node = _stat(path)
    if node is not None:
        if stat.S_ISDIR(node.st_mode) and not folder:
            raise ProblemError.one("E-OUTPUT-PATH", str(path), reason=_is_dir(path))
        if folder and not stat.S_ISDIR(node.st_mode):
            return  # the command says so in its own words (report: E-USAGE-PNG-DIR)
        if not (stat.S_ISDIR(node.st_mode) or stat.S_ISREG(node.st_mode) or _is_stream(node.st_mode)):
            raise ProblemError.one("E-OUTPUT-PATH", str(path), reason=said("output.not_file"))
        if _is_stream(node.st_mode):
            return
    parent = real if node is not None and folder else real.parent
    existing = next((p for p in (parent, *parent.parents) if os.path.lexists(p)), None)
    if existing is not None and not existing.is_dir():
        raise ProblemError.one("E-OUTPUT-PATH", str(path), reason=said("output.parent_not_dir", part=str(existing)))
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise ProblemError.one("E-OUTPUT-PATH", str(path), reason=said("output.denied"))


def _same_node(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@contextmanager
def _removed_on_term():
    """While temporary files exist, SIGTERM and SIGHUP raise SystemExit instead of ending the
    process at once, so that the cleanup of ``write_files`` runs.  A handler someone else set
    is left alone; outside the main thread signals cannot be caught and nothing changes."""

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    previous = {}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            if signal.getsignal(sig) == signal.SIG_DFL:
                previous[sig] = signal.signal(sig, stop)
        except ValueError:  # not the main thread
            break
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


class _Staging:
    """Temporary files beside their targets, renamed into place together (or all removed)."""

    def __init__(self):
        self.staged: list[tuple[Path, Path, Path]] = []  # (user's path, target, temporary file)
        self.made: list[Path] = []  # folders created for the outputs, removed again on failure
        self.backups: list[tuple[Path, Path | None]] = []  # (target, its old content's hard link)

    def stage(self, path: Path, data: bytes, node: os.stat_result | None) -> None:
        target = Path(os.path.realpath(path)) if os.path.islink(path) else path
        try:
            self._mkdirs(target.parent)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=target.parent)
        except OSError as exc:
            raise unwritable(path, exc) from None
        self.staged.append((path, target, Path(tmp)))
        try:
            umask = os.umask(0)
            os.umask(umask)
            # an existing file keeps its permissions; a new one gets an ordinary file's, not mkstemp's owner-only
            os.chmod(tmp, stat.S_IMODE(node.st_mode) if node is not None else 0o666 & ~umask)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise unwritable(path, exc) from None

    def _mkdirs(self, folder: Path) -> None:
        missing = [p for p in (folder, *folder.parents) if not os.path.lexists(p)]
        for p in reversed(missing):
            os.mkdir(p)
            self.made.append(p)

    def commit(self) -> None:
        """Rename every temporary file over its target; if one rename fails, put back the
        targets already replaced (their old content was kept as a hard link) and re-raise."""
        for path, target, tmp in self.staged:
            backup = None
            if os.path.exists(target):
                backup = target.with_name(tmp.name + ".old")
                try:
                    os.link(target, backup)
                except OSError:
                    backup = None
            self.backups.append((target, backup))
            try:
                os.replace(tmp, target)
            except OSError as exc:
                self.backups.pop()
                if backup is not None:
                    _unlink(backup)
                self.roll_back()
                raise unwritable(path, exc) from None
        for _, backup in self.backups:
            if backup is not None:
                _unlink(backup)
        self.backups = []

    def roll_back(self) -> None:
        for target, backup in reversed(self.backups):
            if backup is not None:
                os.replace(backup, target)
            else:
                _unlink(target)
        self.backups = []

    def discard(self) -> None:
        for _, _, tmp in self.staged:
            _unlink(tmp)
        for folder in reversed(self.made):
            try:
                os.rmdir(folder)
            except OSError:
                pass


def write_files(files: list[tuple[Path, bytes]]) -> None:
    """Write every ``(path, bytes)`` or none: all are staged, then renamed into place together;
    a device or FIFO is written through last.  Any failure (and SIGTERM) leaves no temporary
    file and no half-written output; an OS error is E-OUTPUT-PATH naming the user's path."""
    streams, staging = [], _Staging()
    with _removed_on_term():
        try:
            for path, data in files:
                path = Path(path)
                node = _stat(path)
                if node is not None and _is_stream(node.st_mode):
                    streams.append((path, data))
                elif node is not None and not stat.S_ISREG(node.st_mode):
                    reason = _is_dir(path) if stat.S_ISDIR(node.st_mode) else said("output.not_file")
                    raise ProblemError.one("E-OUTPUT-PATH", str(path), reason=reason)
                else:
                    staging.stage(path, data, node)
            staging.commit()
        except BaseException:
            staging.discard()
            raise
    for path, data in streams:
        try:
            with open(path, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise unwritable(path, exc) from None
