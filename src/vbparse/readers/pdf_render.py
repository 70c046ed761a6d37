"""Page images of a PDF for OCR, through pypdfium2 whichever engine reads the text layer.

The pages are rendered from a document of their own: the text engines flatten form fields
into the pages they read, and an image for OCR must show neither the signing stamp (it is
kept as `source.digital_signature`) nor the form fields (their text comes from the text layer).
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .ocr import PageImage, grey


class PageRenderer:
    def __init__(self, data: bytes) -> None:
        self._data = data
        self._doc: pdfium.PdfDocument | None = None

    def _document(self) -> pdfium.PdfDocument:
        if self._doc is None:
            self._doc = pdfium.PdfDocument(self._data)
        return self._doc

    def image_share(self, index: int) -> float:
        """The share of the page that images cover (a scan: about all of it)."""
        page = self._document()[index]
        try:
            width, height = page.get_size()
            covered = 0.0
            for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
                left, bottom, right, top = obj.get_pos()
                covered += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
            return min(1.0, covered / (width * height)) if width and height else 0.0
        finally:
            page.close()

    def render(self, index: int, dpi: int) -> PageImage:
        """The page as displayed (its /Rotate applied), without annotations, in OCR's grey."""
        page = self._document()[index]
        try:
            bitmap = page.render(scale=dpi / 72, draw_annots=False, may_draw_forms=False)
            image = grey(bitmap.to_pil())
        finally:
            page.close()
        return PageImage(index + 1, image, dpi)

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None
