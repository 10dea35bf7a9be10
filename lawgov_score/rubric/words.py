"""The rubric layer's words in problems: each parameter a sentence from the catalogue, in both languages.

A problem's template reads ``{where}`` and ``{reason}`` in Chinese and ``{where_en}`` and
``{reason_en}`` in English, so a finding is written once and reads whole in either language:

    problem("E-RULE", path, line, **where_item(item), **reason("partial_over", partial="3", points="2"))

The sentences are in ``core/messages/rubric.py`` (``rubric.where.*``, ``rubric.reason.*`` …).
"""

from __future__ import annotations

from typing import Any

from ..core.messages import say


def both(name: str, key: str, /, **params: Any) -> dict[str, str]:
    """``{name: Chinese, name_en: English}`` of the sentence ``rubric.<key>``."""
    return {name: say(f"rubric.{key}", "zh", **params), f"{name}_en": say(f"rubric.{key}", "en", **params)}


def where(key: str, /, **params: Any) -> dict[str, str]:
    """Where a problem is, as ``where`` / ``where_en``: ``rubric``, ``field``, ``constraint`` …"""
    return both("where", f"where.{key}", **params)


def where_item(item_id: str, name: str = "") -> dict[str, str]:
    """An item as a problem names it: 项目 1.2.3「名称」 / item 1.2.3 '名称' (the id alone without a name)."""
    return where("item" if name else "item_id", id=item_id, name=name)


def reason(key: str, /, **params: Any) -> dict[str, str]:
    """Why, as ``reason`` / ``reason_en``: the sentence ``rubric.reason.<key>``."""
    return both("reason", f"reason.{key}", **params)


def role_words(role: str, lang: str) -> str:
    """A data file's column role in words (单位, 层级 …; ``ignored`` is a column the reader skips)."""
    return say(f"rubric.column_role.{role}", lang)


def number(x: float) -> str:
    """A number as a message writes it (``5``, ``2.5``)."""
    return f"{x:g}"


def formula_reason(exc) -> dict[str, str]:
    """Why a formula does not parse, as ``reason`` / ``reason_en``."""
    return {"reason": exc.message("zh"), "reason_en": exc.message("en")}
