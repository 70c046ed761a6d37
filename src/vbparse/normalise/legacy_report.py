"""What the readers converted: per line, per document (`source.encoding`), and the regions the
`text.legacy_encoding` diagnostics name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..readers.base import Block

if TYPE_CHECKING:
    from . import Line

# What `source.encoding` and the diagnostics call each conversion.
LABELS = {
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI",
    "viqr": "VIQR",
    "cp1258": "Windows-1258",
    "unicode-low-byte": "letters cut to the low byte of their code point (a broken PDF font encoding)",
    "nfd": "decomposed Unicode (NFD)",
}


def describe(codec: str | None, kinds: Iterable[str]) -> str | None:
    """`source.encoding`: the codec, then each conversion found ("utf-8+tcvn3", "tcvn3")."""
    parts = [codec] if codec else []
    for kind in kinds:
        if kind not in parts:
            parts.append(kind)
    return "+".join(parts) or None


# PDF glyphs keep their font name with the conversion added ("ABCDEF+.VnTime::tcvn3"): the
# font names are what a PDF line carries through to its block.
_FONT_TAG = "::"


def tag_font(font: str | None, encoding: str) -> str:
    return f"{font or ''}{_FONT_TAG}{encoding}"


def block_conversions(block: Block) -> str | None:
    """What was converted in a block: the reader's record, the tags of its fonts, and NFD."""
    kinds = block.legacy.split("+") if block.legacy else []
    for font in block.fonts:
        kind = font.rpartition(_FONT_TAG)[2] if _FONT_TAG in font else None
        if kind and kind not in kinds:
            kinds.append(kind)
    if not kinds and not block.text.isascii() and not unicodedata.is_normalized("NFC", block.text):
        kinds.append("nfd")
    return "+".join(kinds) or None


def regions(lines: Sequence[Line]) -> list[tuple[Line, Line, str]]:
    """(first, last, kinds) of each run of lines converted alike; ASCII and blank lines, which
    no conversion touches, do not break a run."""
    found: list[tuple[Line, Line, str]] = []
    joined = False  # the next converted line may extend the last run
    for line in lines:
        if line.legacy:
            if joined and found[-1][2] == line.legacy:
                found[-1] = (found[-1][0], line, line.legacy)
            else:
                found.append((line, line, line.legacy))
            joined = True
        elif not line.text.isascii():
            joined = False
    return found
