"""Bytes → text for the files offices actually send: UTF-8 (with or without BOM), UTF-16 (what
Excel calls "Unicode text", with or without its BOM), and GBK/GB18030 (what Excel and WPS save
as CSV on Chinese Windows).

A file is in one encoding.  A UTF-8 file with a row pasted in from a GBK file would decode as
GB18030 as a whole, every Chinese character of the UTF-8 rows turned into another one (甲县 →
鐢插幙); such a file is refused, naming the first row in the other encoding (``MixedEncoding``).
"""

from __future__ import annotations

import codecs
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what no text table holds (tab, CR, LF are fine)


class DecodeError(ValueError):
    """Bytes in none of the encodings tried."""


class MixedEncoding(DecodeError):
    """Rows in two encodings: ``row`` (1-based line) is the first in the file's minority encoding."""

    def __init__(self, row: int, main: str, other: str):
        self.row, self.main, self.other = row, main, other
        super().__init__(f"row {row} is {other}, the file {main}")


def utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 text saved without its BOM, else None.  The ASCII
    of a table (digits, commas, tabs, line ends) puts a NUL beside every such character, on the
    odd bytes in little-endian and the even ones in big-endian; the text must then decode and
    hold no control character."""
    sample = head[: len(head) // 2 * 2]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    codec = "utf-16-le" if odd > 2 * even else "utf-16-be" if even > 2 * odd else None
    if codec is None:
        return None
    try:
        text = sample.decode(codec)
    except UnicodeDecodeError:
        try:  # the sample may end inside a surrogate pair
            text = sample[:-2].decode(codec)
        except UnicodeDecodeError:
            return None
    return None if _CONTROL.search(text) else codec


def is_binary(head: bytes) -> bool:
    """A NUL byte in text that is not UTF-16 means a binary file (an .xlsx renamed .csv, say)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head and utf16_without_bom(head) is None


def decode(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding name).  Raise DecodeError when no candidate fits, MixedEncoding
    when rows are in two encodings."""
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
    bare16 = utf16_without_bom(raw[:8192])
    if bare16 is not None:
        try:
            return raw.decode(bare16), bare16
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    _refuse_mixed(raw)
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise DecodeError(str(exc)) from exc


def _refuse_mixed(raw: bytes) -> None:
    """Raise MixedEncoding when some rows with Chinese are UTF-8 and others GBK: the first row
    of the fewer kind is the one to fix."""
    first_utf8 = first_other = None
    utf8 = other = 0
    for i, line in enumerate(raw.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line.decode("gb18030")
            except UnicodeDecodeError:
                return  # bytes in no encoding at all: not a question of two encodings
            other += 1
            first_other = first_other or i
        else:
            utf8 += 1
            first_utf8 = first_utf8 or i
    if utf8 and other:
        if utf8 >= other:
            raise MixedEncoding(first_other, "UTF-8", "GBK")
        raise MixedEncoding(first_utf8, "GBK", "UTF-8")
