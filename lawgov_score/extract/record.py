"""One value read from a report: what the indicator file holds of it, and what a reviewer sees."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Record:
    """One value read from a report, with its quote and place."""

    source: str
    unit: str
    year: int | None
    field: str
    value: float
    quote: str
    offset: int
    qualifier: str
    # for the review sheet and --explain (not columns of the indicator file)
    marked: str = ""  # the quote with the number marked 〖…〗
    sentence: str = ""  # the whole sentence around it
    confidence: float = 0.0  # an ordering aid for the reviewer (see ``explain``), not a probability
    why: tuple = ()  # (message key, params) pairs: the phrasing, then each rule that decided
    page: int | None = None  # the PDF page the number stands on
