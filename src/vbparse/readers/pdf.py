"""PDF reader: one block per visual line (wrapped lines joined), in reading order.

Steps: glyphs of each page from an engine (pdf_pdfium, the default, or pdf_plumber) -> words
(pdf_lines) and lines (layout.lines), the signing stamp taken out (pdf_stamp). Pages without
a usable text layer get their words from OCR instead (pdf_render, ocr). The lines then go
through the layout stage (vbparse.layout): bands split into columns, page furniture labelled,
wrapped lines joined.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from types import ModuleType

from ..errors import EmptyInputError, InputTooLargeError, OcrFailedError, TruncatedInputError, UnreadableInputError
from . import OcrMode, pdf_pdfium, pdf_plumber
from ..normalise.quality import lacks_diacritics, wrongly_mapped
from .base import RawInput
from .ocr import ALNUM, ENABLE_OCR, OCR_DPI, OcrLog, find_tesseract, page_words, recognise_pages, require_tesseract
from ..layout import lay_out
from ..layout.lines import Line, Word, build_lines
from .pages import page_list
from .pdf_lines import Glyph, build_words
from .pdf_page import PageGlyphs
from .pdf_render import PageRenderer
from .pdf_stamp import is_stamp, signature_fallback, stamp_fields

ENGINES: dict[str, ModuleType] = {"pdfium": pdf_pdfium, "pdfplumber": pdf_plumber}
# Readers tolerate a little junk before the header and after the end marker.
HEADER_WINDOW = 1024
TRAILER_WINDOW = 2048
# A page with text is still a scan (read by OCR in auto mode) when it has fewer letters than
# this and images cover this share of it: a copy mark ("SAO Y", "Bộ Công an") typed on a scan.
SCAN_MAX_LETTERS = 200
SCAN_IMAGE_SHARE = 0.5
# A scan's text layer with at least this many letters is judged by its diacritics (auto OCR).
GARBLED_MIN_LETTERS = 100
# In a PDF whose other pages have a text layer, a page without one on which OCR finds fewer
# words than this is a cover, a logo or a blank page (hd-545's back cover, "ATTESTING WILL -
# BUILDING TRUST", read on would become the signer's position): its words are left out.
MIN_PAGE_WORDS = 10


@dataclass(slots=True)
class _Scanned:
    """A page to read by OCR: where its lines go in the page list, and its form-field words."""

    place: int
    number: int
    fields: list[Word]


def read_pdf(data: bytes, engine: str = "pdfium", ocr: OcrMode = "auto", ocr_dpi: int = OCR_DPI) -> RawInput:
    """`ocr`: "auto" reads pages without a usable text layer by OCR, "always" every page,
    "never" none (a scan then gives the `pdf.no_text_layer` diagnostic). Pages are rendered
    for OCR at `ocr_dpi`."""
    module = ENGINES.get(engine)
    if module is None:
        raise ValueError(f"unknown PDF engine {engine!r}: use one of {', '.join(ENGINES)}")
    _check_envelope(data)
    doc = module.open_document(data)
    renderer = PageRenderer(data)
    try:
        return _read(module, doc, data, ocr, renderer, ocr_dpi)
    finally:
        renderer.close()
        module.close(doc)


def _check_envelope(data: bytes) -> None:
    if not data.strip():
        raise EmptyInputError("input is empty")
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise UnreadableInputError("not a PDF: no %PDF- header at the start")
    if b"%%EOF" not in data[-TRAILER_WINDOW:]:
        raise TruncatedInputError(f"the PDF is truncated: no %%EOF end marker ({len(data)} bytes)")


def _read(module: ModuleType, doc: object, data: bytes, ocr: OcrMode, renderer: PageRenderer, dpi: int) -> RawInput:
    total = module.page_count(doc)
    signatures = module.signature_fields(doc)  # before pages are read: flattening drops the fields
    pages: list[list[Line]] = []
    heights: list[float] = []
    stamp: dict[str, str] = {}
    no_text: list[int] = []
    junk: dict[int, int] = {}
    unreadable: list[str] = []
    scanned: list[_Scanned] = []
    misread: list[int] = []  # pages whose fonts map glyphs to wrong letters
    for index in range(total):
        try:
            page = module.read_page(doc, index)
        except InputTooLargeError:  # the text read so far is over the limit: the input is refused
            raise
        except Exception as exc:  # noqa: BLE001 - one bad page must not lose the others
            unreadable.append(f"{index + 1} ({exc})")
            continue
        if page.junk:
            junk[page.number] = page.junk
        scan = _is_scan(page, renderer)
        if scan:
            no_text.append(page.number)
        fields = _form_field_glyphs(page, stamp)
        text = "".join(g[0] for g in page.content)
        if not scan and wrongly_mapped(text):
            misread.append(page.number)
        if ocr == "always" or (ocr == "auto" and (scan or page.number in misread or _is_garbled_scan(page, text, renderer))):
            scanned.append(_Scanned(len(pages), page.number, build_words(fields)))
        pages.append(build_lines(build_words(page.content + fields), page.number))
        heights.append(page.height)
    log = _read_scans(scanned, pages, renderer, ocr, dpi) if scanned else None
    if log is not None:
        no_text = [number for number in no_text if number not in log.pages]
    notes = _notes(no_text, junk, unreadable, _unread_because(ocr, log))
    misread = [number for number in misread if log is None or number not in log.pages]
    if misread:
        notes.append(("pdf.wrong_glyph_map", f"{page_list(misread)} print through fonts that map glyphs to wrong "
                      f"letters ({_unread_because(ocr, log)}): their text is not the printed one"))
    if log is not None:
        notes += log.notes()
    blocks, layout_notes = lay_out(pages, heights)
    notes += layout_notes
    for key, value in signature_fallback(signatures).items():
        stamp.setdefault(key, value)
    return RawInput(
        blocks, "pdf", hashlib.sha256(data).hexdigest(), None, total, notes, stamp or None,
        ocr=log.summary() if log is not None and log.pages else None,
    )


def _form_field_glyphs(page: PageGlyphs, stamp: dict[str, str]) -> list[Glyph]:
    """The glyphs annotations draw that are content (the number and date typed into form
    fields); a signing stamp's lines go into `stamp` instead."""
    glyphs: list[Glyph] = []
    for group in page.annotations:
        texts = [line.text for line in build_lines(build_words(group), page.number)]
        if is_stamp(texts):
            for key, value in stamp_fields(texts).items():
                stamp.setdefault(key, value)
        else:
            glyphs += group
    return glyphs


def _is_scan(page: PageGlyphs, renderer: PageRenderer) -> bool:
    """Has the page no usable text layer? No text at all, or a few words over a page-sized
    image (a scan with a copy mark typed on)."""
    if not any(g[0] != " " for g in page.content):
        return True
    return _few_letters(page.content) and renderer.image_share(page.number - 1) >= SCAN_IMAGE_SHARE


def _is_garbled_scan(page: PageGlyphs, text: str, renderer: PageRenderer) -> bool:
    """A scan under another tool's OCR layer that lost the diacritics ("uY BAN NgAN nAN"): in
    the corpus such pages have under 1 % marked letters, real text pages over 25 %."""
    # the text first: it rules out almost every page without asking PDFium for its images
    if not lacks_diacritics(text, GARBLED_MIN_LETTERS):
        return False
    return renderer.image_share(page.number - 1) >= SCAN_IMAGE_SHARE


def _few_letters(glyphs: list[Glyph]) -> bool:
    """Fewer than SCAN_MAX_LETTERS letters (counting stops there: text pages have thousands)."""
    count = 0
    for glyph in glyphs:
        if glyph[0].isalpha():
            count += 1
            if count >= SCAN_MAX_LETTERS:
                return False
    return True


def _read_scans(
    scanned: list[_Scanned], pages: list[list[Line]], renderer: PageRenderer, ocr: OcrMode, dpi: int
) -> OcrLog | None:
    """Replace the lines of the scanned pages with those of their OCR words and form fields.
    None when Tesseract is missing (an error when OCR was asked for on every page)."""
    if ocr == "always":
        tesseract = require_tesseract("OCR was asked for on every page")
    else:
        tesseract = find_tesseract()
        if tesseract is None:
            return None
    log = OcrLog(tesseract)
    images = (renderer.render(scan.number - 1, dpi) for scan in scanned)
    mixed = len(scanned) < len(pages)  # other pages have a text layer
    for scan, (image, words) in zip(scanned, recognise_pages(tesseract, images)):
        try:
            found = words.result()
        except OcrFailedError as exc:
            log.failed.append(f"{scan.number} ({exc})")
            continue
        log.record(image, found)
        if mixed and sum(1 for word in found if ALNUM.search(word.text)) < MIN_PAGE_WORDS:
            log.left_out.append(scan.number)
            continue
        pages[scan.place] = build_lines(scan.fields + page_words(found, image.dpi), scan.number)
    return log


def _unread_because(ocr: OcrMode, log: OcrLog | None) -> str:
    """Why a page without a text layer was not read by OCR."""
    if ocr == "never":
        return "OCR is off"
    return f"OCR is not available: {ENABLE_OCR}" if log is None else "OCR failed"


def _notes(no_text: list[int], junk: dict[int, int], unreadable: list[str], why: str) -> list[tuple[str, str]]:
    notes = []
    if no_text:
        verb = "has" if len(no_text) == 1 else "have"
        notes.append(("pdf.no_text_layer", f"{page_list(no_text)} {verb} no text layer ({why})"))
    if junk:
        notes.append((
            "pdf.unmapped_glyphs",
            f"dropped {sum(junk.values())} glyphs without a Unicode mapping on {page_list(sorted(junk))}",
        ))
    if unreadable:
        notes.append(("pdf.page_unreadable", "could not read page " + "; ".join(unreadable)))
    return notes
