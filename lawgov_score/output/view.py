"""What a command shows, in one language, ready for any format: a ``View``.

A view holds the summary lines, the tables (a polars frame and the ``Column``s to show of it), the
JSON document and, where the command offers a workbook, the sheets.  Views (``lawgov_score.views``)
build it from a typed result; ``write`` (``output.write``) lays it out in the format asked for.
Nothing is computed here: a view only arranges what the result already holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from .columns import Column


@dataclass
class Table:
    """One table of a view: the frame and the columns to show of it."""

    frame: pl.DataFrame
    columns: list[Column]
    title: str = ""  # a heading above it in text formats (and its sheet's name in a workbook)


@dataclass
class View:
    """Everything a command prints, for every format it offers.

    * ``table`` / ``markdown``: ``lines`` (markdown: as a list), then every table;
    * ``csv``: the table ``csv_table`` alone (a CSV file holds one table);
    * ``json``: ``document`` (or the records of the first table when it is None);
    * ``xlsx``: ``sheets`` (``output.xlsx.Sheet``; None: the command writes no workbook);
    * any text format in ``text``: that text as it is;
    * ``html``, ``png`` (the report and its charts) and the fill-in ``xlsx``: ``page``, a document
      drawn by its own writer (``output.page.ReportData``, ``output.template.TemplatePage``)."""

    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    document: Any = None
    csv_table: int = 0
    sheets: list | None = None
    title: str = ""  # the workbook's title
    page: Any = None  # a report page or a fill-in workbook (see above)
    decimals: int = 2
    lang: str = "zh"
    # a text format laid out by the view itself, where lines and tables cannot hold its shape
    # (a report with headings between tables, folded sections): fmt → the whole text
    text: Mapping[str, str] = field(default_factory=dict)


class LaidOutOnDemand(Mapping):
    """A view's ``text`` whose formats are each laid out only when asked for: a long table takes seconds
    to lay out, and a run prints one format."""

    def __init__(self, formats: tuple[str, ...], lay_out: Callable[[str], str]):
        self._formats = formats
        self._lay_out = lay_out
        self._done: dict[str, str] = {}

    def __getitem__(self, fmt: str) -> str:
        if fmt not in self._formats:
            raise KeyError(fmt)
        if fmt not in self._done:
            self._done[fmt] = self._lay_out(fmt)
        return self._done[fmt]

    def __iter__(self) -> Iterator[str]:
        return iter(self._formats)

    def __len__(self) -> int:
        return len(self._formats)
