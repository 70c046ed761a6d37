"""Readers: one per input format, each producing the same `RawInput` of blocks."""

from __future__ import annotations

from .._version import __version__
from ..errors import UnsupportedFormatError
from .base import Block, RawInput
from .text import read_text

__all__ = ["Block", "RawInput", "read_bytes", "sniff_format"]

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .doc


def sniff_format(data: bytes, name: str | None = None) -> str:
    """Decide the format from the leading bytes (extensions lie; magic numbers rarely do)."""
    head = data[:1024].lstrip()
    if head.startswith(_PDF_MAGIC):
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return "docx"
    if data.startswith(_OLE_MAGIC):
        return "doc"
    return "text"


def read_bytes(data: bytes, name: str | None = None) -> RawInput:
    fmt = sniff_format(data, name)
    if fmt == "text":
        return read_text(data)
    raise UnsupportedFormatError(
        f"{fmt.upper()} input is not supported by vbparse {__version__}: "
        "convert it to plain text first (DOCX and PDF readers are planned)"
    )
