"""The problem catalogue: every code with its severity and zh/en message templates.

Each subject's codes live in their own module (files, rubric, data, extract, usage), which
registers them here; ``core.problems`` builds problems from the one ``CATALOGUE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """One entry of the catalogue: a stable name, its severity and message templates."""

    code: str
    severity: Severity
    zh: str
    en: str
    example: str = ""


CATALOGUE: dict[str, Code] = {}


def register(*entries: Code) -> None:
    """Add a subject's codes; a code defined twice is a programming error."""
    for c in entries:
        if c.code in CATALOGUE:
            raise ValueError(f"problem code defined twice: {c.code}")
        CATALOGUE[c.code] = c


from . import data, extract, files, methods, rubric, usage  # noqa: E402,F401  (each registers its codes)
