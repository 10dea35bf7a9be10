"""Problem codes: Reading files: YAML and the files a rubric names.

Codes are a public interface: never rename one, only add.  The example is what
`docs/errors.md` shows and what the tests check the message against."""

from __future__ import annotations

from . import Code, register

register(
    # --- reading YAML -------------------------------------------------------------------
    Code(
        "E-FILE",
        "error",
        "无法读取文件：{reason}",
        "cannot read the file: {reason}",
        "rubrics/x.yaml: E-FILE: 无法读取文件：文件不存在",
    ),
    Code(
        "E-YAML",
        "error",
        "YAML 语法错误：{reason}",
        "YAML syntax error: {reason}",
        "rubrics/x.yaml:7: E-YAML: YAML 语法错误：mapping values are not allowed here",
    ),
    Code(
        "E-YAML-DUPKEY",
        "error",
        "键“{key}”重复（首次出现在第 {first} 行）；删去其中一个",
        "key '{key}' appears twice (first on line {first}); remove one",
        "rubrics/x.yaml:12: E-YAML-DUPKEY: 键“points”重复（首次出现在第 11 行）；删去其中一个",
    ),
    Code(
        "E-YAML-TAG",
        "error",
        "不允许的 YAML 标签 {tag}：细则只能包含普通数据",
        "YAML tag {tag} is not allowed: a rubric holds plain data only",
    ),
    Code(
        "E-YAML-ALIAS",
        "error",
        "YAML 别名展开过大（超过 {limit} 个节点），疑似别名炸弹",
        "YAML aliases expand to more than {limit} nodes (an alias bomb?)",
    ),
)
