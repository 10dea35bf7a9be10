"""Where the bundled rubrics and samples are: beside the package in a source checkout, inside
it (``_bundled``) in an installed wheel."""

from __future__ import annotations

from pathlib import Path

DEFAULT_RUBRIC = "shifan.yaml"
FALLBACK_RUBRIC = "example.yaml"


def root() -> Path:
    """The folder that holds the bundled ``rubrics`` and ``samples``."""
    here = Path(__file__).resolve().parent.parent  # the package folder (this file is in core/)
    for candidate in (here / "_bundled", here.parent):
        if (candidate / "rubrics").is_dir():
            return candidate
    return here.parent


def rubrics_dir() -> Path:
    """The bundled rubrics."""
    return root() / "rubrics"


def samples_dir() -> Path:
    """The bundled samples (five real reports' values, and the synthetic city)."""
    return root() / "samples"


def default_rubric() -> Path:
    """The rubric used when none is named: shifan.yaml, or example.yaml where it is not bundled."""
    preferred = rubrics_dir() / DEFAULT_RUBRIC
    return preferred if preferred.exists() else rubrics_dir() / FALLBACK_RUBRIC


def default_data() -> list[Path]:
    """The samples that go with the default rubric."""
    if default_rubric().name == FALLBACK_RUBRIC:
        return [root() / "docs" / "examples"]
    return [samples_dir()]
