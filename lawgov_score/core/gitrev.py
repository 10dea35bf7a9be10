"""A rubric as it was at a git revision: ``main:rubrics/shifan.yaml``, ``HEAD~1:./kaohe.yaml``.

A rubric names other files by relative path (``extends``, field dictionaries), so the file alone
is not enough: ``materialise`` writes the rubric and every file it reaches, as they were at the
revision, into a directory that mirrors the repository, and the ordinary loader reads them
there.  The working tree and the index are never touched (only ``git rev-parse`` and
``git show`` run).  Paths in messages are shown as ``REV:path``.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
import subprocess
from pathlib import Path

from .problems import Problem, ProblemError, Report, problem, said


def looks_like_revision(spec: str) -> bool:
    """True for ``REV:PATH`` that is not an existing file (``C:\\x.yaml`` on Windows exists)."""
    return ":" in spec and not Path(spec).exists()


def _git(args: list[str], cwd: str | None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


def _fail(spec: str, reason) -> ProblemError:
    return ProblemError(Report([problem("E-GIT", "", None, spec=spec, reason=reason)]))


def materialise(spec: str, dest: Path, cwd: str | None = None) -> Path:
    """Write ``REV:PATH`` and the files it reaches under ``dest``; return where the rubric is.

    ``PATH`` is relative to the top of the repository, or to the working directory when it
    starts with ``./`` or ``../`` (as git reads it).  Raises ``ProblemError`` (E-GIT)."""
    rev, _, path = spec.partition(":")
    try:
        top = _git(["rev-parse", "--show-toplevel"], cwd)
    except FileNotFoundError:
        raise _fail(spec, said("git.no_git")) from None
    if top.returncode != 0:
        raise _fail(spec, said("git.no_repository"))
    prefix = _git(["rev-parse", "--show-prefix"], cwd).stdout.decode().strip()
    if rev and _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd).returncode != 0:
        raise _fail(spec, said("git.no_revision", rev=rev))
    first = posixpath.normpath(posixpath.join(prefix, path) if path.startswith(("./", "../")) else path)
    if first.startswith("../") or not path:
        raise _fail(spec, said("git.outside"))
    todo, seen = [first], set()
    while todo:
        repo_path = todo.pop()
        if repo_path in seen:
            continue
        seen.add(repo_path)
        shown = _git(["show", f"{rev}:{repo_path}"], top.stdout.decode().strip())
        if shown.returncode != 0:
            if repo_path == first:
                missing = (
                    said("git.no_file", rev=rev, path=repo_path) if rev else said("git.no_file_staged", path=repo_path)
                )
                raise _fail(spec, missing)
            continue  # a missing extends/fields target: the loader reports it where it is named
        target = dest / repo_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shown.stdout)
        todo += [p for p in _references(shown.stdout, repo_path) if p not in seen]
    return dest / first


def _references(data: bytes, repo_path: str) -> list[str]:
    """The repository paths a rubric file names: its ``extends`` and field dictionaries."""
    from . import yamlsafe

    try:
        doc, _ = yamlsafe.load_text(data.decode("utf-8-sig"), repo_path)
    except UnicodeDecodeError:
        return []
    if not isinstance(doc, dict):
        return []
    names = [doc["extends"]] if isinstance(doc.get("extends"), str) else []
    names += [f for f in doc.get("fields") or [] if isinstance(f, str)] if isinstance(doc.get("fields"), list) else []
    here = posixpath.dirname(repo_path)
    out = []
    for name in names:
        p = posixpath.normpath(posixpath.join(here, name))
        if not p.startswith("../"):
            out.append(p)
    return out


def reshow(p: Problem, dest: Path, rev: str) -> Problem:
    """A problem found in a materialised file, located as ``REV:path`` instead of the temp path."""
    root = os.path.abspath(dest)

    def shown(text: str) -> str:
        full = os.path.abspath(text) if text else ""
        if full.startswith(root + os.sep):
            return f"{rev}:" + os.path.relpath(full, root).replace(os.sep, "/")
        return text

    params = tuple((k, shown(v) if isinstance(v, str) and os.sep in v else v) for k, v in p.params)
    return dataclasses.replace(p, path=shown(p.path), params=params)
