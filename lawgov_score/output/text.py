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
    # an item's indent shows its level: whitespace is kept (a keyword since tabulate 0.10, a global before)
    keep_ws = {"preserve_whitespace": True} if "preserve_whitespace" in _parameters(tabulate.tabulate) else {}
    keep, tabulate.PRESERVE_WHITESPACE = tabulate.PRESERVE_WHITESPACE, True
    try:
        text = tabulate.tabulate(
            rows,
            headers=headers,
            tablefmt="github" if markdown else "simple",
            colalign=align,
            disable_numparse=True,
            **keep_ws,
        )
    finally:
        tabulate.PRESERVE_WHITESPACE = keep
    return text + "\n"


def _parameters(fn) -> set[str]:
    import inspect

    return set(inspect.signature(fn).parameters)
