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
        "why_join": ("；", "; "),
        "page_offset": ("第 {page} 页（{offset}）", "page {page} ({offset})"),
        "review_sheet": ("核对表", "review"),
        "review_title": (
            "从年度报告读出的指标值：请逐行对照原文核对（〖〗中是读出的数）",
            "values read from the annual reports: check each row against its quote (the number read is in 〖〗)",
        ),
        "review_how": (
            "在“确认”列填：是（值正确）、否（不用）或更正后的数值；"
            "score / rank 读本表时只用填了“是”或更正值的行，原文作为佐证",
            "in the confirmed column write: yes (right), no (not used) or the corrected value; score and rank "
            "read this sheet using only rows confirmed or corrected, with the quote as evidence",
        ),
        "why.phrasing": ("按措辞「{template}」读出", "read by the phrasing '{template}'"),
        "why.context": ("句中有“{words}”之一", "the sentence names one of: {words}"),
        "why.restated": (
            "一句话把一个数值给了几项，或几项各带数值共用一个谓语：逐项重述后读出",
            "one clause gives one value to several names, or several subjects with their counts one "
            "predicate: read from the clause restated per subject",
        ),
        "why.named_part": (
            "总数包含几类，“其中”给出的一类正是该指标所数的：取该部分数",
            "a total of several kinds whose part (其中…) is the field's own kind: the part is taken",
        ),
        "why.mixed": (
            "该数把该指标所数的与其他类合计（…和…共N件），只找到这个数：请核对",
            "the number counts the field's kind together with others (…和…共N件) and is the only one found: check it",
        ),
        "why.not_mixed": (
            "另有把该指标与其他类合计的数，不取",
            "another number counts the field's kind together with others: not taken",
        ),
        "why.committee": (
            "一句列出几个会议的次数，该指标未指明会议：取常委会的次数",
            "a clause lists several meetings' counts and the field names no meeting: the standing committee's count",
        ),
        "why.sole_own_body": (
            "一句列出几个机关会议的次数，其余是人大等非本级政府机关的：取本单位唯一所列会议的次数",
            "a clause lists several bodies' meeting counts and the others are not the unit's own (人大 …): the count "
            "of the one meeting of the unit's",
        ),
        "why.respectively": ("“分别”句：名称与数值逐一配对", "a 分别 clause: names and numbers paired in order"),
        "why.table": (
            "表格单元格：计量单位取自行或列的表头",
            "a table cell: the counting word from its row or column heading",
        ),
        "why.shared": ("同一数值也属于同句的另一指标", "the same number is also another field's value in the clause"),
        "why.part": ("只找到部分数（其中…、涉及…、本级）", "only a part was found (其中…, 涉及…, 本级)"),
        "why.priority": ("该指标有更具体的措辞读出的值，取之", "a more specific phrasing of the field was preferred"),
        "why.stand_in": (
            "他方的措辞（如法院的收案数）：报告未给出本单位自己的数，以之代替",
            "another body's wording (such as the court's cases), standing in: the report gives none of the unit's own",
        ),
        "why.written": ("数值写作「{text}」，读为 {value}", "the number is written '{text}', read as {value}"),
        "why.over": ("“{word}”：所读数值为下限", "'{word}': the number read is a lower bound"),
        "why.total": (
            "该指标既有总数又有部分（其中…），取总数",
            "the field has a total and a part (其中…): the total is taken",
        ),
        "why.own_meeting": (
            "一句列出几个会议的次数，该指标读到其中几个：取指标名称所指的会议的次数",
            "a clause lists several meetings' counts and the field reads more than one: the count of the meeting "
            "the field's name names",
        ),
        "why.whole_unit": (
            "同一段先给某部门、乡镇或渠道的数，后给全县（共…）的数：取全县的数",
            "a paragraph gives an office's, a township's or a channel's count, then the whole unit's (全县共…): "
            "the whole unit's is taken",
        ),
        "why.first": (
            "该指标在报告中的第一个值（另有 {others} 处未取）",
            "the field's first value in the report ({others} more not taken)",
        ),
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
