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
    # --- writing output files --------------------------------------------------------------
    Code(
        "E-OUTPUT-INPUT",
        "error",
        "输出文件就是输入文件“{input}”，写出会覆盖它；请换一个文件名",
        "the output is the input file '{input}', which writing would overwrite; choose another name",
        "排名.csv: E-OUTPUT-INPUT: 输出文件就是输入文件“排名.csv”，写出会覆盖它；请换一个文件名",
    ),
    Code(
        "E-OUTPUT-IN-INPUT",
        "error",
        "输出位于正在读取的输入目录“{input}”之中，下次读取该目录时会被当作数据；请写到该目录之外",
        "the output lies inside the input folder '{input}', where the next run would read it as data; "
        "write it outside that folder",
        "samples/排名.csv: E-OUTPUT-IN-INPUT: 输出位于正在读取的输入目录“samples”之中，下次读取该目录时会被当作数据；"
        "请写到该目录之外",
    ),
    Code(
        "E-OUTPUT-PATH",
        "error",
        "无法写入：{reason}",
        "cannot write there: {reason}",
        "结果: E-OUTPUT-PATH: 无法写入：这是一个目录：请在其后写出文件名，如 结果/结果.csv",
    ),
)
