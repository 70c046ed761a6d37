"""Glyphs of each page through pypdfium2 (the default, fast engine).

Per-character calls are the cheap way here: `get_text_bounded` per rectangle rescans the
whole page for every call (measured slower than one loose box per character), so the text
comes in one `get_text_range` call and only the boxes are read per character.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import EncryptedInputError, UnreadableInputError
from ..normalise.legacy_tables import LOW_BYTE_CONTROLS
from .pdf_legacy import convert_glyphs
from .base import TextBudget
from .pdf_lines import Glyph
from .pdf_page import PageGlyphs, Rect, is_junk


@dataclass(slots=True)
class Document:
    pdf: pdfium.PdfDocument
    budget: TextBudget = field(default_factory=TextBudget)


def open_document(data: bytes) -> Document:
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedInputError("the PDF is encrypted and needs a password") from exc
        raise UnreadableInputError(f"the PDF is damaged and cannot be opened ({exc})") from exc
    doc.init_forms()  # required before pages are loaded, so that form fields can be flattened
    return Document(doc)


def signature_fields(doc: Document) -> list[tuple[str, str]]:
    """(signing time, reason) of each signature dictionary, in field order."""
    fields = []
    pdf = doc.pdf
    for index in range(pdfium_c.FPDF_GetSignatureCount(pdf)):
        sig = pdfium_c.FPDF_GetSignatureObject(pdf, index)
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


def page_count(doc: Document) -> int:
    return len(doc.pdf)


def close(doc: Document) -> None:
    doc.pdf.close()


def read_page(doc: Document, index: int) -> PageGlyphs:
    page = doc.pdf[index]
    try:
        to_page = _display_transform(page)
        rects, drawn_text = _annotations(page, to_page)
        content_chars = None
        if rects and drawn_text:
            # Appearance streams of form fields (filled-in number and date, signing stamps) are
            # drawn but are not page content: flatten them into it. Their characters come after
            # the page's own, so the count before flattening tells them apart. (Flattening and
            # reloading cost more than reading the page, so pages whose annotations draw no
            # text, such as links and image-only signatures, are left as they are.)
            textpage = page.get_textpage()
            content_chars = textpage.count_chars()
            textpage.close()
            try:
                page.flatten()
            except pdfium.PdfiumError:  # keep the page's own text
                rects, content_chars = [], None
            else:
                page.close()
                page = doc.pdf[index]
        textpage = page.get_textpage()
        try:
            doc.budget.take(textpage.count_chars())  # before its glyphs are read: a page can hold millions
            glyphs, content, junk = _glyphs(textpage, to_page, content_chars)
        finally:
            textpage.close()
    finally:
        page.close()
    result = PageGlyphs(index + 1, to_page.width, to_page.height, junk=junk)
    if content_chars is None:
        result.content = glyphs
        return result
    result.content = glyphs[:content]
    result.add_annotation_glyphs(glyphs[content:], rects)
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


def _annotations(page: pdfium.PdfPage, to_page: _DisplayTransform) -> tuple[list[Rect], bool]:
    """The box of every annotation, and whether flattening them may add characters."""
    rects = []
    drawn_text = False
    rect = pdfium_c.FS_RECTF()
    for k in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, k)
        if pdfium_c.FPDFAnnot_GetRect(annot, rect):
            rects.append(to_page.rect(rect.left, rect.bottom, rect.right, rect.top))
        drawn_text = drawn_text or _may_draw_text(annot)
        pdfium_c.FPDFPage_CloseAnnot(annot)
    return rects, drawn_text


def _may_draw_text(annot: pdfium_c.FPDF_ANNOTATION) -> bool:
    """Could flattening the annotation add characters? Not without an appearance stream, nor
    when its normal appearance holds no text object. An appearance picked by state (AS), or one
    that shows no objects, is taken to draw text: flattening is then only wasted time."""
    if not pdfium_c.FPDFAnnot_HasKey(annot, b"AP"):
        return False
    if pdfium_c.FPDFAnnot_HasKey(annot, b"AS"):
        return True
    count = pdfium_c.FPDFAnnot_GetObjectCount(annot)
    return count <= 0 or any(_holds_text(pdfium_c.FPDFAnnot_GetObject(annot, k)) for k in range(count))


def _holds_text(obj: pdfium_c.FPDF_PAGEOBJECT) -> bool:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
        count = pdfium_c.FPDFFormObj_CountObjects(obj)
        return any(_holds_text(pdfium_c.FPDFFormObj_GetObject(obj, k)) for k in range(count))
    return kind == pdfium_c.FPDF_PAGEOBJ_TEXT


def _unchecked(fn, restype: type = ctypes.c_int):
    """`fn` without its argument prototype: ctypes' conversion of every argument costs more
    than PDFium's own work in the per-character loop. Callers pass ready ctypes objects."""
    bare = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    bare.restype = restype
    return bare


_LOOSE_CHAR_BOX = _unchecked(pdfium_c.FPDFText_GetLooseCharBox)
_TEXT_OBJECT = _unchecked(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
_FONT_INFO = _unchecked(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong)
_FONT_SIZE = _unchecked(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_FONT_BUFFER_SIZE = 256
_FONT_BUFFER_LENGTH = ctypes.c_ulong(_FONT_BUFFER_SIZE)
# PDFium reports a hyphen that ends a line as U+FFFE in text (U+0002 per character).
_LINE_END_HYPHENS = "\ufffe\x02"

# A character's font name and size, and the size's half and double (the em-box test below).
_Face = tuple[str | None, float, float, float]


def _glyphs(
    textpage: pdfium.PdfTextPage, to_page: _DisplayTransform, split: int | None
) -> tuple[list[Glyph], int, int]:
    """The glyph of every drawn character, how many of them come from the first `split`
    characters (all when None), and the count of unmapped characters dropped.

    Spaces PDFium inserts where it sees a word gap count like real ones: for some producers it
    flags the real space glyphs as inserted ones too. Legacy-encoded text is converted
    (pdf_legacy); the control characters that are letters of low-byte text wait for it.
    """
    raw = textpage.raw
    text = _text(textpage)
    # Classify each distinct character once, not every occurrence: whitespace other than " "
    # only breaks words, unmapped characters are junk; neither gets a glyph.
    alphabet = set(text)
    breaks = {ch for ch in alphabet if ch.isspace()} - {" "}
    junk_chars = {ch for ch in alphabet if is_junk(ch)} - breaks - LOW_BYTE_CONTROLS
    dropped = breaks | junk_chars
    junk = sum(map(text.count, junk_chars))
    end = len(text) if split is None else split
    content = end - sum(text.count(ch, 0, end) for ch in dropped)
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    corners = memoryview(box).cast("B").cast("f")  # left, top, right, bottom in one unpacking
    font_buffer = ctypes.create_string_buffer(_FONT_BUFFER_SIZE)
    # PDFium takes a character's font and size from its text object: one look-up per object
    faces: dict[int, _Face] = {}
    page_top = to_page.box[3]
    upright = to_page.rotation == 0
    glyphs: list[Glyph] = []
    font = None
    size = em_min = em_max = 0.0
    new_word = True
    for i, ch in enumerate(text):
        if ch in dropped:
            new_word = new_word or ch in breaks
            continue
        _LOOSE_CHAR_BOX(raw, i, box_ref)
        if ch == " ":
            new_word = True
        elif new_word:  # one font per word: fonts rarely change inside a word
            text_object = _TEXT_OBJECT(raw, i)
            face = faces.get(text_object)
            if face is None:
                face, known = _face(raw, i, font, font_buffer)
                if known:
                    faces[text_object] = face
            font, size, em_min, em_max = face
            new_word = False
        left, box_top, right, box_bottom = corners
        if upright:
            top, bottom = page_top - box_top, page_top - box_bottom
        else:
            left, top, right, bottom = to_page.rect(left, box_bottom, right, box_top)
        # The loose box reaches up to each glyph's own accents; pdfminer's box is one em above
        # the descent line. Use the em box in both engines so lines group the same way. (The
        # test is 0.5 * height < size < 2 * height, the exact halving and doubling moved onto
        # the size.)
        if em_min < bottom - top < em_max:
            top = bottom - size
        glyphs.append((ch, left, top, right, bottom, font))
    head, head_junk = convert_glyphs(glyphs[:content])
    tail, tail_junk = convert_glyphs(glyphs[content:])
    return head + tail, len(head), junk + head_junk + tail_junk


def _text(textpage: pdfium.PdfTextPage) -> str:
    """One character per character index, line-end hyphens as "-"."""
    count = textpage.count_chars()
    text = textpage.get_text_range()
    if len(text) != count:  # the text view skipped or added characters: ask one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))
    for hyphen in _LINE_END_HYPHENS:
        text = text.replace(hyphen, "-")
    return text


def _face(raw: pdfium_c.FPDF_TEXTPAGE, index: int, font: str | None, buffer: ctypes.Array) -> tuple[_Face, bool]:
    """The character's face, and whether PDFium knew its font; if not, `font` (the previous
    word's) goes on."""
    length = _FONT_INFO(raw, index, buffer, _FONT_BUFFER_LENGTH, ctypes.byref(ctypes.c_int()))
    known = 0 < length <= _FONT_BUFFER_SIZE  # PDFium wrote the name
    if known:
        font = buffer.value.decode("utf-8", "replace") or None
    size = _FONT_SIZE(raw, index)
    return (font, size, 0.5 * size, 2 * size), known
