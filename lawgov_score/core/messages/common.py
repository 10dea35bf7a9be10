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
        # a mistake on the command line: where to read how the command is used
        "help_hint": ("（用法见 {command} -h）", " (see {command} -h)"),
        # what an option takes (E-USAGE-OPTION-VALUE)
        "expect_choice": ("可选：{choices}", "use one of: {choices}"),
        "expect_int": ("应为整数", "it takes a whole number"),
        "expect_int_min": ("应为不小于 {min} 的整数", "it takes a whole number of at least {min}"),
        "expect_number": ("应为数值", "it takes a number"),
        "expect_bool": ("应为 是/否", "it takes yes or no"),
        "expect_path": ("应为文件或目录的路径", "it takes a file or folder path"),
        "expect_value": ("请查看用法", "see the command's help"),
    },
)
