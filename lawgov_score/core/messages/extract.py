"""Sentences of the extract commands and of `synth` (see ``core.messages``)."""

from __future__ import annotations

from . import define

define(
    "extract",
    {
        "none": ("（未读出任何指标值）", "(no values found)"),
        "qualifier.lower_bound": ("下限", "lower_bound"),
        "qualifier.approx": ("约", "approx"),
        "overall": ("合计", "overall"),
        "kind.missed": ("漏读", "missed"),
        "kind.wrong": ("读错", "wrong"),
        "kind.extra": ("多读", "extra"),
        "skipped": ("标准答案中没有、未参加评估的报告：{reports}", "skipped, not in the gold: {reports}"),
        "join": ("、", ", "),
        "gold_no_source": (
            "标准答案没有 source 列：无法知道每个值出自哪份报告",
            "the gold has no source column: which report each value was read from is unknown",
        ),
        "gold_no_reports": (
            "标准答案中没有这些报告的记录（按 source 列的文件名对应）",
            "the gold has no rows for these reports (matched by the file names in its source column)",
        ),
    },
)

define(
    "synth",
    {
        "wrote": (
            "已写出 {path}：合成数据 {units} 个单位 × {years} 年（{first}—{last}），{values} 个数值，种子 {seed}",
            "wrote {path}: {units} synthetic units × {years} years ({first}–{last}), {values} values, seed {seed}",
        ),
        "unlabelled": (
            "注意：文件名中没有 synthetic；合成数据的文件名宜标明 synthetic，以免与真实数据混淆",
            "note: the file name does not say synthetic; name made-up data so nobody mistakes it for real",
        ),
    },
)
