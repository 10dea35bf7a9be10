"""Sentences about writing output files: why a path cannot be written (``E-OUTPUT-PATH``)."""

from __future__ import annotations

from . import define

define(
    "output",
    {
        "is_dir": (
            "这是一个目录：请在其后写出文件名，如 {path}/结果.csv",
            "it is a folder: add a file name, e.g. {path}/result.csv",
        ),
        "not_dir": ("这是一个文件，而此处须是目录", "it is a file, and a folder is needed here"),
        "parent_not_dir": ("路径中的“{part}”是文件，不是目录", "'{part}' on the path is a file, not a folder"),
        "not_file": (
            "这不是普通文件（块设备或套接字等），不能写入",
            "it is not an ordinary file (a block device, a socket …) and cannot be written",
        ),
        "denied": ("没有写入权限", "permission denied"),
        "readonly": ("所在文件系统为只读", "the file system is read-only"),
        "no_space": ("磁盘空间不足", "the disk is full"),
        "cannot_create": ("此处不能新建文件", "no file can be created there"),
        "too_long": ("文件名或路径过长", "the file name or path is too long"),
        "os": ("{error}", "{error}"),
        "sheet_part": (
            "第 {k} 部分，共 {n} 部分：第 {first}–{last} 行，共 {total} 行（一张工作表最多 1,048,576 行）",
            "part {k} of {n}: rows {first}–{last} of {total} (a sheet holds at most 1,048,576 rows)",
        ),
    },
)
