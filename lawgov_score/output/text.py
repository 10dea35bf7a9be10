"""Tables as text: a terminal table or a markdown table, Chinese aligned by display width."""

from __future__ import annotations

HEADER_WIDTH = 12  # display columns; longer Chinese headers wrap onto more lines in tables


def wrap_header(text: str, width: int = HEADER_WIDTH) -> str:
    """Break a long header into lines of at most ``width`` display columns (中文 counts 2)."""
    from wcwidth import wcswidth, wcwidth

    if wcswidth(text) <= width or " " in text:
        return text
    lines, cur, w = [], "", 0
    for ch in text:
        cw = max(wcwidth(ch), 0)
        if w + cw > width:
            lines.append(cur)
            cur, w = "", 0
        cur += ch
        w += cw
    return "\n".join(lines + [cur])


def table_text(rows: list[list[str]], headers: list[str], kinds: list[str], markdown: bool = False) -> str:
    """Rows of cell texts under their headers; numbers right-aligned, long Chinese headers wrapped."""
    import tabulate

    tabulate.WIDE_CHARS_MODE = True  # width of 中文 is 2 columns
    align = ["right" if k in ("score", "number", "int", "percent") else "left" for k in kinds]
    if not markdown:
        headers = [wrap_header(h) for h in headers]
    text = tabulate.tabulate(
        rows, headers=headers, tablefmt="github" if markdown else "simple", colalign=align, disable_numparse=True
    )
    return text + "\n"


# Characters that steer a terminal or reorder what it shows: C0 and C1 controls (escape
# sequences clear the screen or set the window title) and the bidirectional overrides that
# make text read differently from what it is.
_BIDI = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _shown(ch: str) -> str:
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def visible(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character shown escaped (ESC as ``\\x1b``, a newline as
    ``\\x0a`` unless ``keep_newlines``), so a name cannot steer the terminal it is printed on."""
    import unicodedata

    if text.isprintable():
        return text
    return "".join(
        ch if (keep_newlines and ch == "\n") or not (unicodedata.category(ch) == "Cc" or ch in _BIDI) else _shown(ch)
        for ch in text
    )


_MARKDOWN_ESCAPES = {"\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;", "&": "&amp;", "\r\n": "<br>"}


def markdown_inline(text: str) -> str:
    """``text`` safe in a markdown table cell or list item: ``|`` cannot open a column, a line
    break cannot start a row or a heading (it becomes ``<br>``), and HTML is shown, not run."""
    import re

    return re.sub(r"\r\n|[\\|<>&\r\n]", lambda m: _MARKDOWN_ESCAPES.get(m.group(0), "<br>"), text)


def unique_name(name: str, taken: set[str], numbered) -> str:
    """``name``, or ``numbered(2)``, ``numbered(3)`` … until no name in ``taken`` is the same up to
    case (file names on Windows and macOS, sheet names in Excel); the name chosen is added to ``taken``."""
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = numbered(n)
    taken.add(candidate.casefold())
    return candidate
