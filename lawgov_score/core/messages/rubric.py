"""Sentences of the rubric commands (see ``core.messages``): ``define("rubric", {name: (zh, en)})``."""

from __future__ import annotations

from . import define

define("rubric", {})
