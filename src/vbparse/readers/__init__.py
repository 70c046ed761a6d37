"""Readers: one per input format, each producing the same `RawInput` of blocks."""

from __future__ import annotations

import regex

from ..errors import UnsupportedFormatError
from ..options import OcrMode
from .base import Block, RawInput
from .text import read_text

__all__ = [
    "DOCUMENT_SUFFIXES", "Block", "OcrMode", "RawInput", "read_bytes", "sniff_format",
]

# File name endings of the documents vbparse reads (the format itself is told from the bytes).
DOCUMENT_SUFFIXES = (
    ".txt", ".docx", ".doc", ".rtf", ".pdf", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff",
)

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .doc (and encrypted OOXML)
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF
_RTF_MAGIC = b"{\\rtf"
# A page saved from a browser or CMS: a doctype or one of these tags near the top. Any other text
# that opens with a tag (XML, SVG) is markup vbparse does not read, never "text".
_HTML_TAGS = regex.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|br)[\s/>]", regex.I)
_TAG = regex.compile(rb"<[A-Za-z!?]")
_LEADING = regex.compile(rb"(?:\xef\xbb\xbf|\s|<!--.*?-->|<\?xml[^>]*>)*", regex.S)


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
    if data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(_RTF_MAGIC):
        return "rtf"
    head = data[:4096]
    start = _LEADING.match(head).end()
    if _TAG.match(head, start):
        return "html" if _HTML_TAGS.search(head, start) else "markup"
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
    if fmt == "rtf":
        from .rtf import read_rtf

        return read_rtf(data)
    if fmt == "html":
        from .html import read_html

        return read_html(data)
    if fmt == "markup":
        raise UnsupportedFormatError("the input is XML or other markup, not a document format vbparse reads")
    return read_text(data)
