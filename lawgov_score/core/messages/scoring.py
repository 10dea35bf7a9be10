"""Sentences of the scoring commands (see ``core.messages``): ``define("scoring", {name: (zh, en)})``."""

from __future__ import annotations

from . import define

define("scoring", {})
