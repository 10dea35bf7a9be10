"""Sentences every command shares (see ``core.messages``): written files, error summaries, yes/no."""

from __future__ import annotations

from . import define

define(
    "common",
    {
        "wrote": ("已写出 {path}", "wrote {path}"),
        "errors_nothing_written": ("共 {n} 个错误；未写出任何结果。", "{n} error(s); nothing was written."),
        "yes": ("是", "yes"),
        "no": ("否", "no"),
        "none": ("（无）", "(none)"),
        "internal": (
            "内部错误（{reason}）；加 --debug 查看详情并报告此问题",
            "internal error ({reason}); run again with --debug for details and report it",
        ),
    },
)
