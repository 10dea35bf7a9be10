"""The JSON Schema of the rubric format, generated from the pydantic models in ``model``.

One schema covers both kinds of file `rubric check` reads: a rubric (``RubricDoc``) and a field
dictionary (``FieldsDoc``), as ``anyOf``.  Editors that understand the comment
``# yaml-language-server: $schema=../docs/rubric.schema.json`` complete keys and flag mistakes
while a rubric is typed.  The committed ``docs/rubric.schema.json`` is this output (a test
keeps them equal): regenerate it with ``lawgov-score rubric schema -o docs/rubric.schema.json``.

The models say what is valid; this module only adds what an editor shows: a Chinese
description of each key, and no auto-generated titles.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_RULE_KEYS = {
    "type": "规则类型",
    "expect": "boolean：得分所需的值（默认 true）",
    "target": "目标值：达到即得满分（threshold、linear）；deduct 从此起扣分",
    "direction": "higher（默认，越大越好）或 lower（越小越好，如败诉率）",
    "partial": "threshold：未达标时的得分（默认 0）",
    "floor": "linear：得 0 分的值",
    "bands": "bands：档位，从最好的一档起，如 [{at: 95, points: 5}, {at: 90, points: 3}]",
    "else": "未达任何档位或名次时的得分（默认 0）",
    "each": "每次（每个单位的差距）扣或加的分",
    "per": "deduct：每多少个单位算一次（默认 1，如每低 1 个百分点）",
    "cap": "最多扣或加的分（deduct 默认等于本项分值）",
    "steps": "deduct：不足一次时 prorate（按比例，默认）、ceil（算一次）或 floor（不算）",
    "levels": "graded：各等次得分占本项分值的比例，如 {优: 1, 良: 0.8}",
    "when": "veto：是/否类指标为此值时否决",
    "above": "veto：数值大于此值时否决",
    "below": "veto：数值小于此值时否决",
    "cap_total": "veto：否决后总分的上限",
    "cap_grade": "veto：否决后最高只能评的等次（须是 grades 中的名称）",
    "within": "与同一分组的单位比较：city、province、level 或 group",
    "alone": "没有可比单位（同年度同组只有本单位有数据，或分组未填）时：missing（按缺数据计分，默认）、"
    "zero（0 分）或 full（满分）",
    "by_rank": "rank：第 1、2、3… 名的得分",
}

# The data treatment's keys, the same at the rubric's top (defaults) and for one field.
_TREATMENT = {
    "impute": "缺失值插补：none（默认，不插补）、mean、median（同年度单位的均值、中位数）、"
    "group_mean、group_median（同年度同组单位）或 previous_year（本单位此前最近一年的值）；插补值标为插补，不算佐证",
    "by": "group_mean、group_median 按哪一列分组：city、province、level 或 group（默认）",
    "outliers": "离群值处理：none（默认）或 coinr（|偏度| ≥ 2 且峰度 ≥ 3.5 时逐点缩尾，仍不合格则取对数）",
    "winmax": "每个指标每年最多缩尾的点数（默认 5）",
    "skew": "离群判断的偏度界限（默认 2）",
    "kurtosis": "离群判断的峰度界限（超额峰度，默认 3.5）",
    "per": "分母指标：先除以它的值再计分",
    "scale": "除以分母后再乘的倍数，如每万人 10000",
}

_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "RubricDoc": {
        "id": "细则的稳定编号（英文），如 shifan",
        "name": "细则名称，显示在所有输出中",
        "version": '版本，如 "2025.1"（加引号）',
        "note": "说明分值来源等，显示在报告中",
        "source": "出处（文件名、文号）",
        "method": "评分方法说明：分值和权重如何确定、为什么；分节写出，显示在报告的“评分方法”中",
        "method_en": "评分方法说明的英文版（--lang en 时显示；省略时显示中文）",
        "fields": "指标字典文件的路径（相对本文件）和/或直接写的指标定义",
        "total": "声明的满分；与各项合计不符时给出警告",
        "aggregate": "上级如何汇总下级：sum（相加，默认）、weighted_mean（加权平均）、"
        "geometric_mean（加权几何平均）或 harmonic_mean（加权调和平均）",
        "decimals": "每项得分保留的小数位数（默认 2）",
        "bonus_cap": "全部加分项目合计最多加的分",
        "grades": "等次，从高到低，按得分率（%）划分",
        "items": "项目树：一级指标、二级指标……末级项目",
        "extends": "以另一细则为底本（路径相对本文件）",
        "override": '按编号修改底本中的项目，如 {"2.1.3": {points: 12}}',
        "remove": "删去底本中的这些编号",
        "add": "新增项目；parent 为上级编号（省略时为新的一级指标）",
        "waive": "本细则有意接受的警告及理由，如 {W-EVIDENCE: 佐证另有清单}",
        "pairwise": "AHP 两两比较矩阵（一级指标之间，1–9 标度，可写 1/3），供 weights --method ahp 使用",
        "treatment": "计分前的数据处理：分母、缺失值插补、离群值（见 docs/methods.md）",
        "columns": "数据文件自己的列名：哪一列是单位、年度、分组，哪些列不读",
    },
    "Node": {
        "id": '项目编号，细则内唯一；写成带引号的文字，如 "1.10"',
        "name": "项目名称（中文），显示在所有输出中",
        "points": "本项分值（末级必填；上级省略时为下级合计）",
        "weight": "上级按 weighted_mean、geometric_mean 或 harmonic_mean 汇总时的权重（默认 1）",
        "aggregate": "本项如何汇总下级：sum、weighted_mean、geometric_mean 或 harmonic_mean",
        "items": "下级项目",
        "field": "末级项目读取的指标编号（见指标字典）",
        "formula": "由指标计算的值，如 corrected / closed * 100",
        "unit": "formula 项目的值的计量单位，如 %（百分比，0–100）；field 项目用指标字典的单位",
        "rule": "评分规则",
        "missing": "缺数据时：zero（0 分，默认）或 full（满分）",
        "evidence": "佐证材料：考核组要看的证明",
        "description": "说明（如扣分口径）",
        "treatment": "本项读取的指标的数据处理（插补、离群值、分母），覆盖细则和指标字典的设定",
        "waive": "本项及其下级有意接受的警告及理由，如 {W-POINTS-SUM: 下级为选做项}",
        "pairwise": "AHP 两两比较矩阵（本项下级之间，行列按下级顺序，1–9 标度，可写 1/3），"
        "供 weights --method ahp 使用",
        "parent": "新增项目的上级编号",
    },
    "FieldsDoc": {
        "id": "指标字典编号",
        "name": "指标字典名称",
        "note": "说明",
        "fields": "指标定义",
        "constraints": "各指标之间应满足的关系（读数据时逐单位逐年检查）",
    },
    "Constraint": {
        "check": "两个公式的比较，如 reconsideration_corrected <= reconsideration_closed",
        "severity": "error（默认：数据有误，不计分）或 warning（提示核实，照常计分）",
        "why": "理由，随问题一并显示",
    },
    "FieldDef": {
        "id": "指标编号：英文字母、数字和下划线，不以数字开头",
        "name": "指标中文名（读数据时也认这个名称）",
        "unit": "计量单位，如 %、件、次",
        "type": "number（数值）、percent（百分比 0–100）、count（计数）、bool（是/否）或 grade（等次）",
        "levels": "grade 类型的等次，从好到差，如 [优, 良, 中, 差]",
        "aliases": "数据表中可能出现的其他名称",
        "patterns": "从年度报告中提取数值的模式",
        "formula": "本指标缺数据时的计算公式，如 corrected / closed * 100",
        "min": "最小值",
        "max": "最大值",
        "description": "说明",
        "per": "分母：本指标先除以这个指标的值再计分（如 population）；分母缺失或为 0 时按缺数据处理",
        "scale": "除以分母后再乘的倍数，如每万人 10000",
    },
    "FieldTreatment": _TREATMENT,
    "Treatment": {**_TREATMENT, "fields": "单个指标的处理，覆盖上面的默认，如 {Flights: {per: Population}}"},
    "DataColumns": {
        "unit": "数据文件中表示单位的列名（如 uCode）",
        "year": "表示年度的列名（如 Time）",
        "city": "表示所属市的列名",
        "province": "表示省份的列名",
        "level": "表示层级的列名",
        "group": "表示分组的列名（如 EurAsia_group）",
        "ignore": "不作为指标读取的列名",
    },
    "MethodSection": {"title": "小节标题", "text": "正文：段落之间空一行；以“- ”开头的行为列表"},
    "Grade": {"name": "等次名称，如 优秀", "min_percent": "达到此得分率（%）即为本等次"},
    "Band": {"at": "档位的值", "points": "达到此档位的得分"},
}


def json_schema() -> dict[str, Any]:
    """The schema as a dict (a rubric file or a field dictionary file)."""
    from pydantic.json_schema import models_json_schema

    from .model import FieldsDoc, RubricDoc

    _, generated = models_json_schema(
        [(RubricDoc, "validation"), (FieldsDoc, "validation")], ref_template="#/$defs/{model}"
    )
    defs = generated["$defs"]
    for name, model in defs.items():
        _strip_titles(model)
        known = {
            **_DESCRIPTIONS.get("Node" if name == "AddedNode" else name, {}),
            **(_RULE_KEYS if name.endswith("Rule") else {}),
        }
        for key, prop in model.get("properties", {}).items():
            if key in known:
                prop["description"] = known[key]
            if key == "waive":
                prop["propertyNames"] = {"pattern": "^W-[A-Z0-9-]+$"}
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "lawgov-score rubric",
        "description": "法治政府建设评分细则（rubric）或指标字典（fields）文件。格式说明见 docs/rubric-format.md。",
        "anyOf": [{"$ref": "#/$defs/RubricDoc"}, {"$ref": "#/$defs/FieldsDoc"}],
        "$defs": dict(sorted(defs.items())),
    }


def _strip_titles(node: Any) -> None:
    """Drop pydantic's auto titles ("Id", "Points"): the descriptions say more."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for prop in props.values():
                prop.pop("title", None)
                _strip_titles(prop)
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                node[key].pop("title", None)
                _strip_titles(node[key])
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in node.get(key, []):
                _strip_titles(sub)


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
