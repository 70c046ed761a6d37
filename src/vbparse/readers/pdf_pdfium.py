"""Glyphs of each page through pypdfium2 (the default, fast engine).

Per-character calls are the cheap way here: `get_text_bounded` per rectangle rescans the
whole page for every call (measured slower than one loose box per character), so the text
comes in one `get_text_range` call and only the boxes are read per character.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import EncryptedInputError, UnreadableInputError
from .pdf_lines import Glyph
from .pdf_page import PageGlyphs, Rect, is_junk


def open_document(data: bytes) -> pdfium.PdfDocument:
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedInputError("the PDF is encrypted and needs a password") from exc
        raise UnreadableInputError(f"the PDF is damaged and cannot be opened ({exc})") from exc
    doc.init_forms()  # required before pages are loaded, so that form fields can be flattened
    return doc


def signature_fields(doc: pdfium.PdfDocument) -> list[tuple[str, str]]:
    """(signing time, reason) of each signature dictionary, in field order."""
    fields = []
    for index in range(pdfium_c.FPDF_GetSignatureCount(doc)):
        sig = pdfium_c.FPDF_GetSignatureObject(doc, index)
        size = pdfium_c.FPDFSignatureObj_GetTime(sig, None, 0)
        when = ctypes.create_string_buffer(size)
        pdfium_c.FPDFSignatureObj_GetTime(sig, when, size)
        size = pdfium_c.FPDFSignatureObj_GetReason(sig, None, 0)
        reason = (ctypes.c_ushort * (size // 2 + 1))()
        if size:
            pdfium_c.FPDFSignatureObj_GetReason(sig, reason, size)
        text = bytes(reason)[: max(size - 2, 0)].decode("utf-16-le", "replace")
        fields.append((when.value.decode("latin-1"), text))
    return fields


def page_count(doc: pdfium.PdfDocument) -> int:
    return len(doc)


def close(doc: pdfium.PdfDocument) -> None:
    doc.close()


def read_page(doc: pdfium.PdfDocument, index: int) -> PageGlyphs:
    page = doc[index]
    try:
        to_page = _display_transform(page)
        rects = _annotation_rects(page, to_page)
        content_chars = None
        if rects:
            # Appearance streams of form fields (filled-in number and date, signing stamps) are
            # drawn but are not page content: flatten them into it. Their characters come after
            # the page's own, so the count before flattening tells them apart.
            textpage = page.get_textpage()
            content_chars = textpage.count_chars()
            textpage.close()
            try:
                page.flatten()
            except pdfium.PdfiumError:  # keep the page's own text
                rects, content_chars = [], None
            else:
                page.close()
                page = doc[index]
        textpage = page.get_textpage()
        try:
            glyphs, junk = _glyphs(textpage, to_page)
        finally:
            textpage.close()
    finally:
        page.close()
    result = PageGlyphs(index + 1, to_page.width, to_page.height, junk=junk)
    if content_chars is None:
        result.content = [g for _, g in glyphs]
        return result
    result.content = [g for i, g in glyphs if i < content_chars]
    result.add_annotation_glyphs([g for i, g in glyphs if i >= content_chars], rects)
    return result


class _DisplayTransform:
    """PDF user space -> top-down display space of the page as shown (pdfminer's convention)."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        self.box = mediabox
        self.rotation = rotation
        x0, y0, x1, y1 = mediabox
        turned = rotation in (90, 270)
        self.width, self.height = (y1 - y0, x1 - x0) if turned else (x1 - x0, y1 - y0)

    def rect(self, left: float, bottom: float, right: float, top: float) -> Rect:
        x0, y0, x1, y1 = self.box
        if self.rotation == 90:
            return bottom - y0, left - x0, top - y0, right - x0
        if self.rotation == 180:
            return x1 - right, bottom - y0, x1 - left, top - y0
        if self.rotation == 270:
            return y1 - top, x1 - right, y1 - bottom, x1 - left
        return left, y1 - top, right, y1 - bottom


def _display_transform(page: pdfium.PdfPage) -> _DisplayTransform:
    return _DisplayTransform(tuple(page.get_mediabox()), page.get_rotation())


def _annotation_rects(page: pdfium.PdfPage, to_page: _DisplayTransform) -> list[Rect]:
    rects = []
    rect = pdfium_c.FS_RECTF()
    for k in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, k)
        if pdfium_c.FPDFAnnot_GetRect(annot, rect):
            rects.append(to_page.rect(rect.left, rect.bottom, rect.right, rect.top))
        pdfium_c.FPDFPage_CloseAnnot(annot)
    return rects


def _glyphs(textpage: pdfium.PdfTextPage, to_page: _DisplayTransform) -> tuple[list[tuple[int, Glyph]], int]:
    """(char index, glyph) of every drawn character, and the count of unmapped ones dropped.

    Spaces PDFium inserts where it sees a word gap count like real ones: for some producers it
    flags the real space glyphs as inserted ones too.
    """
    raw = textpage.raw
    count = textpage.count_chars()
    text = textpage.get_text_range()
    if len(text) != count:  # the text view skipped or added characters: ask one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    box = pdfium_c.FS_RECTF()
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    font_buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    alphabet = set(text)  # classify each distinct character once, not every occurrence
    spaces = {ch for ch in alphabet if ch.isspace()}
    junk_chars = {ch for ch in alphabet if is_junk(ch)} - set(_LINE_END_HYPHENS)
    page_top = to_page.box[3]
    upright = to_page.rotation == 0
    glyphs: list[tuple[int, Glyph]] = []
    junk = 0
    font = None
    size = 0.0
    new_word = True
    for i, ch in enumerate(text):
        if ch in spaces:
            new_word = True
            if ch != " ":
                continue
        elif ch in junk_chars:
            junk += 1
            continue
        elif ch in _LINE_END_HYPHENS:
            ch = "-"
        loose_box(raw, i, box)
        if new_word and ch != " ":  # one font look-up per word: fonts rarely change inside a word
            pdfium_c.FPDFText_GetFontInfo(raw, i, font_buffer, 256, flags)
            font = font_buffer.value.decode("utf-8", "replace") or None
            size = pdfium_c.FPDFText_GetFontSize(raw, i)
            new_word = False
        if upright:
            x0, top, x1, bottom = box.left, page_top - box.top, box.right, page_top - box.bottom
        else:
            x0, top, x1, bottom = to_page.rect(box.left, box.bottom, box.right, box.top)
        # The loose box reaches up to each glyph's own accents; pdfminer's box is one em above
        # the descent line. Use the em box in both engines so lines group the same way.
        if 0.5 * (bottom - top) < size < 2 * (bottom - top):
            top = bottom - size
        glyphs.append((i, (ch, x0, top, x1, bottom, font)))
    return glyphs, junk


# PDFium reports a hyphen that ends a line as U+FFFE in text (U+0002 per character).
_LINE_END_HYPHENS = "\ufffe\x02"
