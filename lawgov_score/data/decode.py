"""Bytes → text for the files offices actually send: UTF-8 (with or without BOM), UTF-16 (what
Excel calls "Unicode text"), and GBK/GB18030 (what Excel and WPS save as CSV on Chinese Windows).
"""

from __future__ import annotations

import codecs


class DecodeError(ValueError):
    """Bytes in none of the encodings tried."""


def is_binary(head: bytes) -> bool:
    """A NUL byte in text that is not UTF-16 means a binary file (an .xlsx renamed .csv, say)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head


def decode(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding name).  Raise DecodeError when no candidate fits."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise DecodeError(str(exc)) from exc
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DecodeError(str(exc)) from exc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise DecodeError(str(exc)) from exc
