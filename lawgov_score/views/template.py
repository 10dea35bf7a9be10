"""The template view: a fill-in template (``api.fill_in_template``) as a workbook in one language."""

from __future__ import annotations

from ..output.template import TemplatePage
from ..output.view import View


def template_view(fill, lang: str = "zh") -> View:
    """``template``: the fill-in workbook (``xlsx``) of ``fill`` in ``lang``."""
    page = TemplatePage(fill, lang)
    return View(page=page, title=page.say("title", name=fill.rubric.name), lang=lang)
