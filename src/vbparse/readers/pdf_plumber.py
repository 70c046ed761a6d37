"""Glyphs of each page through pdfplumber (pdfminer.six): slower, pure Python, a second opinion.

pdfplumber reads page content only; form-field appearances (the filled-in number and date of
signed office PDFs, signing stamps) are drawn by pdfminer here so both engines see the same.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psexceptions import PSException
from pdfminer.psparser import PSLiteral
from pdfminer.utils import apply_matrix_pt, decode_text, mult_matrix
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import EncryptedInputError, UnreadableInputError
from ..normalise.legacy_tables import LOW_BYTE_CONTROLS
from .pdf_legacy import convert_glyphs
from .base import TextBudget
from .pdf_lines import Glyph
from .pdf_page import PageGlyphs, Rect, is_junk

_HIDDEN = 2 | 32  # annotation flags Hidden and NoView


@dataclass(slots=True)
class Document:
    pdf: pdfplumber.PDF
    pages: list[PDFPage]  # pdfminer's pages; pdfplumber's are made one at a time in read_page
    budget: TextBudget = field(default_factory=TextBudget)


def open_document(data: bytes) -> Document:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PdfminerException, PSException) as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFEncryptionError):  # PDFPasswordIncorrect is one
            raise EncryptedInputError("the PDF is encrypted and needs a password") from exc
        raise UnreadableInputError(f"the PDF is damaged and cannot be opened ({cause})") from exc
    try:
        pages = list(PDFPage.create_pages(pdf.doc))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises builtins too on a damaged page tree
        pdf.stream.close()
        raise UnreadableInputError(f"the PDF's page tree is damaged ({exc})") from exc
    return Document(pdf, pages)


def signature_fields(doc: Document) -> list[tuple[str, str]]:
    """(signing time, reason) of each signature dictionary, in field order."""
    try:
        form = resolve1(doc.pdf.doc.catalog.get("AcroForm"))
        pending = list(resolve1(form.get("Fields")) or []) if isinstance(form, dict) else []
        pending.reverse()
        fields, seen = [], set()
        while pending:
            field = resolve1(pending.pop())
            if not isinstance(field, dict) or id(field) in seen:  # resolved objects are cached
                continue
            seen.add(id(field))
            kids = resolve1(field.get("Kids"))
            if isinstance(kids, list):
                pending.extend(reversed(kids))
            value = resolve1(field.get("V"))
            if _name(field.get("FT")) == "Sig" and isinstance(value, dict):
                fields.append((_string(value.get("M")), _string(value.get("Reason"))))
    except (PSException, ValueError, TypeError, KeyError):  # a broken form: no stamp fallback
        return []
    return fields


def page_count(doc: Document) -> int:
    return len(doc.pages)


def close(doc: Document) -> None:
    # Not pdf.close(): it re-creates every page object only to close it (pdfplumber #1339);
    # each page was closed after reading.
    doc.pdf.stream.close()


def read_page(doc: Document, index: int) -> PageGlyphs:
    # Made here, not by `pdf.pages`, which makes every page first: a page whose MediaBox is
    # malformed (pdfplumber raises in _normalize_box) then costs that page only.
    page = pdfplumber.page.Page(doc.pdf, doc.pages[index], page_number=index + 1, initial_doctop=0)
    try:
        return _read_page(doc.pdf, page, doc.budget)
    finally:
        page.close()  # drops the page's layout and text-map caches


def _read_page(pdf: pdfplumber.PDF, page: pdfplumber.page.Page, budget: TextBudget) -> PageGlyphs:
    result = PageGlyphs(page.page_number, float(page.width), float(page.height))
    budget.take(len(page.chars))
    result.content, result.junk = _glyphs(page.chars)
    try:
        drawn = list(_annotation_chars(pdf, page))
    except (PSException, ValueError, TypeError, KeyError):  # a broken annotation: keep the page
        drawn = []
    for rect, chars in drawn:
        glyphs, junk = _glyphs(chars)
        result.junk += junk
        result.add_annotation_glyphs(glyphs, [rect])
    return result


def _glyphs(chars: list[dict]) -> tuple[list[Glyph], int]:
    """Glyphs of pdfminer's characters, legacy-encoded text converted (pdf_legacy), and the
    count of unmapped ones dropped. pdfminer shows an unmapped code as "(cid:N)"; the codes
    that are letters of low-byte text wait for the converter."""
    glyphs: list[Glyph] = []
    junk = 0
    for char in chars:
        text = char["text"]
        if text.startswith("(cid:"):
            text = _LOW_BYTE_CIDS.get(text, "")
            if not text:
                junk += 1
                continue
        for ch in text:  # ligatures arrive as several characters in one glyph
            if ch.isspace():
                ch = " "
            elif is_junk(ch) and ch not in LOW_BYTE_CONTROLS:
                junk += 1
                continue
            glyphs.append((ch, char["x0"], char["top"], char["x1"], char["bottom"], char["fontname"]))
    glyphs, dropped = convert_glyphs(glyphs)
    return glyphs, junk + dropped


_LOW_BYTE_CIDS = {f"(cid:{ord(ch)})": ch for ch in LOW_BYTE_CONTROLS}


def _annotation_chars(pdf: pdfplumber.PDF, page: pdfplumber.page.Page) -> Iterator[tuple[Rect, list[dict]]]:
    """Characters drawn by each visible annotation's normal appearance (PDF 32000 §12.5.5)."""
    page_obj = page.page_obj
    annots = resolve1(page_obj.annots)
    if not isinstance(annots, list):
        return
    x0, y0, x1, y1 = page_obj.mediabox
    page_ctm = (1, 0, 0, 1, -x0, -y0)  # pdfminer's own, for unrotated pages
    for ref in annots:
        annot = resolve1(ref)
        if not isinstance(annot, dict) or int(resolve1(annot.get("F")) or 0) & _HIDDEN:
            continue
        form = _appearance(annot)
        rect = resolve1(annot.get("Rect"))
        if form is None or not isinstance(rect, list) or len(rect) != 4:
            continue
        left, bottom, right, top = _normal_box([float(resolve1(v)) for v in rect])
        matrix = tuple(float(resolve1(v)) for v in (resolve1(form.get("Matrix")) or (1, 0, 0, 1, 0, 0)))
        bbox = _normal_box(_transform_box(matrix, [float(resolve1(v)) for v in resolve1(form.get("BBox"))]))
        if bbox[2] <= bbox[0] or bbox[3] <= bbox[1]:
            continue
        sx, sy = (right - left) / (bbox[2] - bbox[0]), (top - bottom) / (bbox[3] - bbox[1])
        to_rect = (sx, 0, 0, sy, left - bbox[0] * sx, bottom - bbox[1] * sy)
        device = PDFPageAggregator(pdf.rsrcmgr, laparams=None)
        interpreter = PDFPageInterpreter(pdf.rsrcmgr, device)
        device.begin_page(page_obj, page_ctm)
        interpreter.render_contents(
            resolve1(form.get("Resources")) or {}, [form], ctm=mult_matrix(mult_matrix(matrix, to_rect), page_ctm)
        )
        device.end_page(page_obj)
        height = float(page.height)
        chars = [
            {"text": c.get_text(), "x0": c.x0 + x0, "x1": c.x1 + x0, "top": height - c.y1, "bottom": height - c.y0,
             "fontname": c.fontname}
            for c in _walk(device.get_result())
        ]
        yield (left, y1 - top, right, y1 - bottom), chars


def _appearance(annot: dict) -> PDFStream | None:
    if _name(annot.get("Subtype")) == "Popup":
        return None
    ap = resolve1(annot.get("AP"))
    normal = resolve1(ap.get("N")) if isinstance(ap, dict) else None
    if isinstance(normal, dict):  # one appearance per state (check boxes): take the current one
        normal = resolve1(normal.get(_name(annot.get("AS")) or ""))
    if isinstance(normal, PDFStream) and isinstance(resolve1(normal.get("BBox")), list):
        return normal
    return None


def _walk(item) -> Iterator[LTChar]:
    for child in item:
        if isinstance(child, LTChar):
            yield child
        elif isinstance(child, LTContainer):
            yield from _walk(child)


def _transform_box(matrix, box: list[float]) -> list[float]:
    corners = [apply_matrix_pt(matrix, (x, y)) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return [min(xs), min(ys), max(xs), max(ys)]


def _normal_box(box: list[float]) -> tuple[float, float, float, float]:
    return min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])


def _name(value) -> str | None:
    value = resolve1(value)
    return value.name if isinstance(value, PSLiteral) else None


def _string(value) -> str:
    value = resolve1(value)
    if isinstance(value, bytes):
        return decode_text(value)
    return value if isinstance(value, str) else ""
