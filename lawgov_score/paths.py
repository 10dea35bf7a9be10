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
