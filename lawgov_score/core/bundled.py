"""Where the bundled rubrics and samples are: beside the package in a source checkout, inside
it (``_bundled``) in an installed wheel."""

from __future__ import annotations

from pathlib import Path

DEFAULT_RUBRIC = "shifan.yaml"
FALLBACK_RUBRIC = "example.yaml"


def root() -> Path:
    here = Path(__file__).resolve().parent.parent  # the package folder (this file is in core/)
    for candidate in (here / "_bundled", here.parent):
        if (candidate / "rubrics").is_dir():
            return candidate
    return here.parent


def rubrics_dir() -> Path:
    return root() / "rubrics"


def samples_dir() -> Path:
    return root() / "samples"


def default_rubric() -> Path:
    preferred = rubrics_dir() / DEFAULT_RUBRIC
    return preferred if preferred.exists() else rubrics_dir() / FALLBACK_RUBRIC


def default_data() -> list[Path]:
    """The samples that go with the default rubric."""
    if default_rubric().name == FALLBACK_RUBRIC:
        return [root() / "docs" / "examples"]
    return [samples_dir()]
