"""Unit names as one unit: spellings that print alike are the same unit.

A name copied from a web page or a Word table can carry characters nobody sees (a zero-width
space, a soft hyphen, a direction mark) or a non-breaking space where a space was typed; read
as they are, 甲​县 and 甲县 would be two units that print the same.  So each name is cleaned
(invisible characters removed, every kind of space made a plain one, ends trimmed), and names
whose NFKC forms agree (full-width and half-width letters and brackets too) are one unit,
shown as first written.  Each spelling folded into another is said (W-DATA-UNIT-NAME).
"""

from __future__ import annotations

import polars as pl

# Format characters (Unicode category Cf) that offices' text carries unseen: zero-width
# spaces and joiners, word joiner, BOM, soft hyphen, Mongolian vowel separator, bidi marks.
INVISIBLE = r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
SPACES = r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"


def cleaned(names: pl.Series) -> pl.Series:
    """Each name without invisible characters, with plain spaces, trimmed; blank → null."""
    out = names.str.replace_all(INVISIBLE, "").str.replace_all(SPACES, " ").str.strip_chars()
    return pl.select(pl.when(out == "").then(None).otherwise(out)).to_series()


def unify(names: pl.Series) -> tuple[pl.Series, list[tuple[str, str]]]:
    """(each name as its unit is shown, [(a spelling, the unit it was folded into)] for every
    spelling that differs from the name shown, in order of first appearance)."""
    clean = cleaned(names)
    key = clean.str.normalize("NFKC")
    frame = pl.DataFrame({"raw": names.str.strip_chars(), "clean": clean, "key": key})
    shown = frame.group_by("key", maintain_order=True).agg(pl.col("clean").first().alias("shown"))
    frame = frame.join(shown, on="key", how="left", maintain_order="left")
    folded = frame.filter(pl.col("raw") != pl.col("shown")).unique("raw", maintain_order=True)
    return frame.get_column("shown"), [(r["raw"], r["shown"]) for r in folded.iter_rows(named=True)]


def visible(name: str) -> str:
    """A spelling with its unseen characters written out (甲<U+200B>县), so a message shows how
    two names that print alike differ."""
    import re

    return re.sub(f"{INVISIBLE}|{SPACES}", lambda m: f"<U+{ord(m.group(0)):04X}>", name)
