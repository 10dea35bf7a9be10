"""Sentences of the extract commands (see ``core.messages``): ``define("extract", {name: (zh, en)})``."""

from __future__ import annotations

from . import define

define("extract", {})
