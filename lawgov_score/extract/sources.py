"""Report files → text: plain text (UTF-8, UTF-16, GBK/GB18030), Word (.docx) and PDF (its text
layer).  The kind is told by the bytes, not only by the name, so a .docx saved as .txt reads."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

from ..core.paths import expand, shown_path
from ..core.problems import Problem, Report, failure_text, problem, said
from ..data.decode import DecodeError, decode, is_binary

REPORT_SUFFIXES = {".txt", ".text", ".md", ".docx", ".pdf"}
# A .docx is a zip: 1.5 MB of it once unpacked to 300 MB of paragraphs and 10 GB of memory.  A
# long annual report's document.xml is a few MB and a few thousand paragraphs; these limits are
# far above that and far below what hurts.
DOCX_XML_MAX_MB = 32
DOCX_BLOCKS_MAX = 50_000
OLD_WORD = {".doc", ".wps", ".rtf", ".odt"}


def report_files(paths: list[str | Path]) -> tuple[list[Path], Report]:
    """The reports named, and those directly inside folders named (see ``paths.expand``)."""
    return expand(paths, REPORT_SUFFIXES, "E-EXTRACT-FILE", said("report_file.files"))


def read_report(path: Path, shown: str | None = None) -> tuple[str | None, list[Problem]]:
    """The report's text, or None with the problems that stopped it.  Empty text is ''."""
    text, _, problems = read_report_pages(path, shown)
    return text, problems


def read_report_pages(path: Path, shown: str | None = None) -> tuple[str | None, list[int], list[Problem]]:
    """The report's text, where each page starts in it (a PDF's; [] for other files), and the
    problems that stopped it."""
    shown = shown or shown_path(path)
    if path.suffix.lower() == ".pdf" or _starts_pdf(path):
        text, pages, problems = _pdf_pages(path, shown)
        return text, pages, problems
    text, problems = _read_report(path, shown)
    return text, [], problems


def _starts_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(1024).lstrip()[:5] == b"%PDF-"
    except OSError:
        return False


def _pdf_pages(path: Path, shown: str) -> tuple[str | None, list[int], list[Problem]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [], [problem("E-EXTRACT-FILE", shown, reason=exc.strerror or str(exc))]
    text, problems = _pdf(raw, shown)
    if text is None:
        return None, [], problems
    # each page began with a mark that reflowing kept in place: its places are the page starts
    parts = text.split(PAGE_MARK)
    starts, k = [], 0
    for i, part in enumerate(parts):
        if i:
            starts.append(k)
        k += len(part)
    return "".join(parts), starts or [0], problems


def _read_report(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [problem("E-EXTRACT-FILE", shown, reason=exc.strerror or str(exc))]
    if path.suffix.lower() in OLD_WORD and not raw.startswith(b"PK"):
        return None, [problem("E-EXTRACT-FILE", shown, reason=said("report_file.old_word"))]
    if raw.startswith(b"PK\x03\x04"):
        return _docx(raw, shown)
    if raw.lstrip()[:5] == b"%PDF-":
        return _pdf(raw, shown)
    if not raw.strip():
        return "", []
    if is_binary(raw[:8192]):
        return None, [problem("E-EXTRACT-FILE", shown, reason=said("report_file.binary"))]
    try:
        text, _ = decode(raw)
    except DecodeError:
        return None, [problem("E-EXTRACT-FILE", shown, reason=said("report_file.encoding"))]
    return unwrap(text.replace("\r\n", "\n").replace("\r", "\n")), []


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


# Hard wraps: a line as long as the wrap width give or take what the wrapping tool does near it
# (a wide character that does not fit, punctuation kept off a line's start), in characters or in
# display columns; the narrowest wrap read (12 characters) is narrower than a phone's screen.
_WRAP_SLACK = {len: 2, _width: 3}
_WRAP_MIN = {len: 12, _width: 24}
_SENTENCE_END = re.compile(r"[。！？!?：:；;]\s*$")


def _wrap_width(sizes: list[int], slack: int, least: int) -> tuple[int, int]:
    """(lines at the wrap width, the width) of a text's line sizes, or (0, 0) when it is not
    hard-wrapped: at least two lines reach one width, a third of the long lines do, and hardly
    any line is longer (a text of whole paragraphs has lines of every length)."""
    long = [w for w in sizes if w >= least]
    if len(long) < 2:
        return 0, 0
    filled = sum(1 for w in sizes if w)
    best = (0, 0)
    for width in set(long):
        at = sum(1 for w in long if width - slack <= w <= width + 1)
        over = sum(1 for w in long if w > width + 1)
        if at >= 2 and at >= len(long) / 3 and over <= max(1, filled // 10) and (at, width) > best:
            best = (at, width)
    return best


def unwrap(text: str) -> str:
    """A text file broken into lines of one width (as some exports and e-mail do) is joined back
    into paragraphs: a line as long as the wrap width that does not end a sentence is joined to
    the next line (its indent dropped), unless that one starts a numbered heading.  The width is
    found in characters or in display columns, with or without the lines' indents.  Other text
    is returned as it is."""
    lines, cuts = _without_footers(text.split("\n"))
    best = (0, 0, len, str.rstrip)
    for measure in (len, _width):
        for trim in (str.rstrip, str.strip):
            at, width = _wrap_width([measure(trim(ln)) for ln in lines], _WRAP_SLACK[measure], _WRAP_MIN[measure])
            if at > best[0]:
                best = (at, width, measure, trim)
    count, wrap, measure, trim = best
    if not count:
        return "\n".join(_joined_at(lines, cuts))
    out: list[str] = []
    join = False
    for ln in lines:
        if join and ln.strip() and not _NUMBERED.match(ln.strip()):
            out[-1] = out[-1].rstrip() + ln.strip()
        else:
            out.append(ln)
        join = (
            measure(trim(ln)) >= wrap - _WRAP_SLACK[measure]
            and not _SENTENCE_END.search(ln)
            and not _TABLE_ROW.search(ln)
        )
    return "\n".join(out)


# A page's footer or header left in text copied from a PDF or a print layout: — 2 —, -3-, 第2页, 第2页 共6页,
# 2/6.  A bare number is not taken for one (it may be the rest of a number broken at the line's end).
_FOOTER = re.compile(
    r"\s*(?:[-—–－─]+\s*\d{1,3}\s*[-—–－─]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*"
)


def _without_footers(lines: list[str]) -> tuple[list[str], set[int]]:
    """The lines without page footers and the blank lines around them, and the places (the index
    of the line before) where a footer stood inside a paragraph: the line before it ends no sentence.
    A blank line is kept where a paragraph ended before the footer."""
    out: list[str] = []
    cuts: set[int] = set()
    after_footer = False
    for ln in lines:
        if _FOOTER.fullmatch(ln):
            blank = bool(out) and not out[-1].strip()
            while out and not out[-1].strip():
                out.pop()
            if out and not _SENTENCE_END.search(out[-1]):
                cuts.add(len(out) - 1)
            elif out and blank:
                out.append("")
            after_footer = True
            continue
        if after_footer and not ln.strip():
            continue
        after_footer = False
        out.append(ln)
    return out, cuts


# A line that ends inside a number (…受理１ / ２件) whatever the text's widths: a copy from a PDF
# breaks where the page's line ended, and a paragraph never ends in the middle of a count.
_NUMBER_END = re.compile(r"[\d０-９][.,．，]?\s*$")
_NUMBER_GOES_ON = re.compile(
    r"\s*(?:[\d０-９]|[.．,，][\d０-９]|[%％]|(?:"
    + "|".join(["场次", "件次", "人次", "件", "起", "次", "场", "期", "项", "条", "份", "卷", "个", "余", "多"])
    + r"))"
)


# a row of a table saved as text (cells apart by tabs, bars or runs of spaces) is never joined
_TABLE_ROW = re.compile(r"\t|\||\S {2,}\S|\u3000{2,}\S.*\S\u3000{2,}")


def _joined_at(lines: list[str], cuts: set[int]) -> list[str]:
    """The lines with each paragraph cut by a footer, or broken inside a number, joined again
    (unless a heading follows)."""
    out: list[str] = []
    joined = False
    for i, ln in enumerate(lines):
        if joined and ln.strip() and not _NUMBERED.match(ln.strip()):
            out[-1] = out[-1].rstrip() + ln.strip()
        else:
            out.append(ln)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        joined = i in cuts or bool(
            _NUMBER_END.search(ln) and _NUMBER_GOES_ON.match(nxt) and not _TABLE_ROW.search(ln + "\n" + nxt)
        )
    return out


def _docx_too_large(raw: bytes) -> str | None:
    """Why the .docx is refused before it is unpacked (its XML parts' declared sizes, which the
    zip reader enforces: a part cannot unpack to more than it declares), or None."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        size = sum(i.file_size for i in z.infolist() if i.filename.endswith((".xml", ".rels")))
    if size > DOCX_XML_MAX_MB * 2**20:
        return said("report_file.docx_too_large", size=f"{size / 2**20:.1f}", limit=DOCX_XML_MAX_MB)
    return None


def _docx(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        import docx
        from docx.table import Table

        why = _docx_too_large(raw)
        if why is not None:
            return None, [problem("E-EXTRACT-FILE", shown, reason=why)]
        document = docx.Document(io.BytesIO(raw))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if len(lines) > DOCX_BLOCKS_MAX:
                return None, [
                    problem("E-EXTRACT-FILE", shown, reason=said("report_file.docx_too_many", limit=DOCX_BLOCKS_MAX))
                ]
            if isinstance(block, Table):
                for row in block.rows:
                    cells: list[str] = []
                    for cell in row.cells:  # a merged cell repeats in every column it spans
                        text = cell.text.replace("\n", " ").strip()
                        if not cells or cells[-1] != text:
                            cells.append(text)
                    lines.append("\t".join(cells))
            else:
                lines.append(block.text)
    except Exception as exc:  # not a Word document after all, or a damaged one: one line, no traceback
        return None, [problem("E-EXTRACT-FILE", shown, reason=said("report_file.docx", error=failure_text(exc, 160)))]
    return "\n".join(lines), []


def _pdf(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            return None, [problem("E-EXTRACT-FILE", shown, reason=said("report_file.pdf_encrypted"))]
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        return None, [problem("E-EXTRACT-FILE", shown, reason=said("report_file.pdf", error=failure_text(exc, 160)))]
    text = reflow("\n".join(PAGE_MARK + "\n" + p.replace(PAGE_MARK, "") for p in pages))
    return (text if text.strip(PAGE_MARK + "\n ") else ""), []


PAGE_MARK = "\ue000"  # a private-use character standing where a PDF page begins, until the pages are counted

_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]+部分)"
)
_PAGE_NUMBER = re.compile(r"[-—\s\d第页/共]+")


def reflow(text: str) -> str:
    """PDF text breaks lines where the page did.  A paragraph ends after 。！？：； and after a
    short numbered heading; other line breaks are joined (Chinese needs no space between the
    halves).  Page numbers are dropped."""
    out: list[str] = []
    for ln in (x.strip() for x in text.replace("\r", "\n").split("\n")):
        if not ln or _PAGE_NUMBER.fullmatch(ln):
            continue
        prev = out[-1] if out else None
        ends = prev is None or re.search(r"[。！？!?:：；;]$", prev) or (_NUMBERED.match(prev) and len(prev) <= 30)
        if ends or _NUMBERED.match(ln):
            out.append(ln)
        else:
            out[-1] += ln
    return "\n".join(out)
