"""Readers: one per input format, each producing the same `RawInput` of blocks."""

from __future__ import annotations

from .base import Block, RawInput
from .text import read_text

__all__ = ["PDF_ENGINES", "Block", "RawInput", "read_bytes", "sniff_format"]

PDF_ENGINES = ("pdfium", "pdfplumber")

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .doc (and encrypted OOXML)


def sniff_format(data: bytes) -> str:
    """Decide the format from the leading bytes (extensions lie; magic numbers rarely do)."""
    if data[:1024].lstrip().startswith(_PDF_MAGIC):
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return "docx"
    if data.startswith(_OLE_MAGIC):
        return "doc"
    return "text"


def read_bytes(data: bytes, *, pdf_engine: str = "pdfium") -> RawInput:
    """Dispatch to the reader of the format; the heavy readers are imported on first use."""
    fmt = sniff_format(data)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, engine=pdf_engine)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data)
    if fmt == "doc":
        from .doc import read_doc

        return read_doc(data)
    return read_text(data)
