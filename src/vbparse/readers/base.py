"""The intermediate every reader produces: blocks of text with layout hints.

A reader turns bytes into `Block`s (one visual line each) without interpreting them; the
normaliser then builds the single normalised text that all spans index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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
