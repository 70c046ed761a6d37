"""PDF reader: one block per visual line (wrapped lines joined), in reading order.

Steps, page by page so memory stays flat: glyphs from an engine (pdf_pdfium, the default, or
pdf_plumber) -> words and lines (pdf_lines) -> the signing stamp taken out (pdf_stamp) -> header
and signature bands split into columns (pdf_bands). Then over the document: running headers,
footers and page numbers dropped and wrapped lines joined (pdf_flow).
"""

from __future__ import annotations

import hashlib
from itertools import count
from types import ModuleType

from ..errors import EmptyInputError, TruncatedInputError, UnreadableInputError
from . import pdf_pdfium, pdf_plumber
from .base import Block, RawInput
from .pdf_bands import split_bands
from .pdf_flow import drop_furniture, join_paragraphs
from .pdf_lines import Line, build_lines, build_words
from .pdf_page import PageGlyphs
from .pdf_stamp import is_stamp, signature_fallback, stamp_fields

ENGINES: dict[str, ModuleType] = {"pdfium": pdf_pdfium, "pdfplumber": pdf_plumber}
# Readers tolerate a little junk before the header and after the end marker.
HEADER_WINDOW = 1024
TRAILER_WINDOW = 2048


def read_pdf(data: bytes, engine: str = "pdfium") -> RawInput:
    module = ENGINES.get(engine)
    if module is None:
        raise ValueError(f"unknown PDF engine {engine!r}: use one of {', '.join(ENGINES)}")
    _check_envelope(data)
    doc = module.open_document(data)
    try:
        return _read(module, doc, data)
    finally:
        module.close(doc)


def _check_envelope(data: bytes) -> None:
    if not data.strip():
        raise EmptyInputError("input is empty")
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise UnreadableInputError("not a PDF: no %PDF- header at the start")
    if b"%%EOF" not in data[-TRAILER_WINDOW:]:
        raise TruncatedInputError(f"the PDF is truncated: no %%EOF end marker ({len(data)} bytes)")


def _read(module: ModuleType, doc: object, data: bytes) -> RawInput:
    total = module.page_count(doc)
    signatures = module.signature_fields(doc)  # before pages are read: flattening drops the fields
    rows = count(1)
    pages: list[list[Line]] = []
    heights: list[float] = []
    stamp: dict[str, str] = {}
    no_text: list[int] = []
    junk: dict[int, int] = {}
    unreadable: list[str] = []
    for index in range(total):
        try:
            page = module.read_page(doc, index)
        except Exception as exc:  # noqa: BLE001 - one bad page must not lose the others
            unreadable.append(f"{index + 1} ({exc})")
            continue
        if page.junk:
            junk[page.number] = page.junk
        if not any(g[0] != " " for g in page.content):
            no_text.append(page.number)
        lines = _page_lines(page, stamp)
        lines = split_bands(lines, not any(pages), rows)
        for line in lines:
            line.words = []  # only text and boxes are needed from here on
        pages.append(lines)
        heights.append(page.height)
    notes = _notes(no_text, junk, unreadable)
    removed = drop_furniture(pages, heights)
    if removed:
        notes.append(("pdf.page_furniture_removed", f"removed {removed} running header, footer and page-number lines"))
    for key, value in signature_fallback(signatures).items():
        stamp.setdefault(key, value)
    blocks = [
        Block(line.text, line.page, (line.x0, line.top, line.x1, line.bottom), line.row, line.column, fonts=line.fonts)
        for lines in pages
        for line in join_paragraphs(lines)
    ]
    return RawInput(
        blocks, "pdf", hashlib.sha256(data).hexdigest(), None, total, notes, stamp or None,
    )


def _page_lines(page: PageGlyphs, stamp: dict[str, str]) -> list[Line]:
    """The page's lines; a signing stamp's lines go into `stamp` instead, other annotation
    text (the number and date typed into form fields) joins the content."""
    glyphs = page.content
    for group in page.annotations:
        texts = [line.text for line in build_lines(build_words(group), page.number)]
        if is_stamp(texts):
            for key, value in stamp_fields(texts).items():
                stamp.setdefault(key, value)
        else:
            glyphs = glyphs + group
    return build_lines(build_words(glyphs), page.number)


def _notes(no_text: list[int], junk: dict[int, int], unreadable: list[str]) -> list[tuple[str, str]]:
    notes = []
    if no_text:
        notes.append(("pdf.no_text_layer", f"{_pages(no_text)} {'has' if len(no_text) == 1 else 'have'} no text layer"))
    if junk:
        notes.append((
            "pdf.unmapped_glyphs",
            f"dropped {sum(junk.values())} glyphs without a Unicode mapping on {_pages(sorted(junk))}",
        ))
    if unreadable:
        notes.append(("pdf.page_unreadable", "could not read page " + "; ".join(unreadable)))
    return notes


def _pages(numbers: list[int]) -> str:
    """"page 3", "pages 1-2", "pages 1, 4-6"."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    text = ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in spans)
    return f"{'page' if len(numbers) == 1 else 'pages'} {text}"
