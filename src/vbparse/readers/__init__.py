"""Readers: one per input format, each producing the same `RawInput` of blocks."""

from __future__ import annotations

from ..options import OcrMode
from .base import Block, RawInput
from .text import read_text

__all__ = [
    "DOCUMENT_SUFFIXES", "Block", "OcrMode", "RawInput", "read_bytes", "sniff_format",
]

# File name endings of the documents vbparse reads (the format itself is told from the bytes).
DOCUMENT_SUFFIXES = (".txt", ".docx", ".doc", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .doc (and encrypted OOXML)
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF


def sniff_format(data: bytes) -> str:
    """Decide the format from the leading bytes (extensions lie; magic numbers rarely do)."""
    if data[:1024].lstrip().startswith(_PDF_MAGIC):
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return "docx"
    if data.startswith(_OLE_MAGIC):
        return "doc"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    return "text"


def read_bytes(data: bytes, *, pdf_engine: str = "pdfium", ocr: OcrMode = "auto") -> RawInput:
    """Dispatch to the reader of the format; the heavy readers are imported on first use.

    `ocr` applies to PDFs and images: "auto" (pages without a usable text layer, and images),
    "always" (every page), "never".
    """
    fmt = sniff_format(data)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, engine=pdf_engine, ocr=ocr)
    if fmt == "image":
        from .image import read_image

        return read_image(data, ocr=ocr)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data)
    if fmt == "doc":
        from .doc import read_doc

        return read_doc(data)
    return read_text(data)
