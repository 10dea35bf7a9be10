"""Sentences of the analysis commands (see ``core.messages``): ``define("analysis", {name: (zh, en)})``."""

from __future__ import annotations

from . import define

define("analysis", {})
