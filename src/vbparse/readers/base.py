"""The intermediate every reader produces: blocks of text with layout hints.

A reader turns bytes into `Block`s (one visual line each) without interpreting them; the
normaliser then builds the single normalised text that all spans index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from ..errors import InputTooLargeError

# What one input may expand to, whatever its size on disk (a ZIP holds 250 MB of paragraphs in
# 780 KB). Parsing time and memory grow with the text and the number of lines (a line costs
# about as much as 50 characters), so both are bounded: about 10 M characters or 200,000 lines,
# some 3,000 pages, keep a parse under about 1 GB (bench/bench_limits.py measures it).
MAX_TEXT_CHARS = 10_000_000
MAX_LINES = 200_000

# A lone UTF-16 surrogate (U+D800-U+DFFF) is not a character: PDF text layers can yield one,
# and it cannot be written as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"

Format = Literal["text", "docx", "pdf", "image", "html"]


@dataclass(frozen=True, slots=True)
class Block:
    """One visual line of the source, as the reader saw it."""

    text: str
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    row: int | None = None  # id shared by the cells of one table row / side-by-side band
    column: int | None = None  # cell index within `row`
    indent: int = 0  # leading spaces in the source line (captions are often indented)
    fonts: tuple[str, ...] = ()  # font names of the runs/characters, for legacy-encoding detection
    align: str | None = None  # "center" | "right" | "justify" when the format records it
    legacy: str | None = None  # legacy encoding(s) the reader converted this text from: "tcvn3", "vni+tcvn3"
    furniture: str | None = None  # page furniture the layout stage found: "page_number", "signing_stamp", …


@dataclass(slots=True)
class RawInput:
    """What a reader hands to the normaliser."""

    blocks: list[Block]
    format: Format
    sha256: str
    encoding: str | None = None
    pages: int | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)  # (diagnostic code, message)
    digital_signature: dict[str, str] | None = None  # PDF signing stamp: {"signer", "time", ...}
    ocr: dict[str, object] | None = None  # what OCR did: {"engine", "version", "dpi", "pages", ...}

    def __post_init__(self) -> None:
        """The reader boundary: what readers hand on is within the limits and valid Unicode."""
        check_size(sum(len(block.text) for block in self.blocks), len(self.blocks))
        replaced = 0
        for i, block in enumerate(self.blocks):
            text, count = _SURROGATE.subn(REPLACEMENT, block.text)
            if count:
                self.blocks[i] = replace(block, text=text)
                replaced += count
        if self.digital_signature:
            for key, value in self.digital_signature.items():
                text, count = _SURROGATE.subn(REPLACEMENT, value)
                self.digital_signature[key] = text
                replaced += count
        if replaced:
            self.notes.append((
                "text.invalid_characters",
                f"replaced {replaced} lone surrogate code point(s) (U+D800-U+DFFF, not characters) with U+FFFD",
            ))


@dataclass(slots=True)
class TextBudget:
    """The text read so far from one input (a PDF's pages), checked as it grows."""

    chars: int = 0
    lines: int = 0

    def take(self, chars: int, lines: int = 0) -> None:
        self.chars += chars
        self.lines += lines
        check_size(self.chars, self.lines)


def check_size(chars: int, lines: int) -> None:
    """Raise InputTooLargeError past the limits; readers call it as they read, so that an
    oversized input is refused before its text is all in memory."""
    if chars > MAX_TEXT_CHARS:
        raise InputTooLargeError(f"the text is over the limit of {MAX_TEXT_CHARS:,} characters")
    if lines > MAX_LINES:
        raise InputTooLargeError(f"the text is over the limit of {MAX_LINES:,} lines")
