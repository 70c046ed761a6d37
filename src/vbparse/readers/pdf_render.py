"""Page images of a PDF for OCR, through pypdfium2 whichever engine reads the text layer.

The pages are rendered from a document of their own: the text engines flatten form fields
into the pages they read, and an image for OCR must show neither the signing stamp (it is
kept as `source.digital_signature`) nor the form fields (their text comes from the text layer).
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import OcrFailedError
from .ocr import PageImage, grey


class PageRenderer:
    def __init__(self, data: bytes) -> None:
        self._data = data
        self._doc: pdfium.PdfDocument | None = None

    def _page(self, index: int) -> pdfium.PdfPage:
        """A page from PDFium, which may fail on a file the pdfplumber engine could read."""
        if self._doc is None:
            self._doc = pdfium.PdfDocument(self._data)
        return self._doc[index]

    def image_share(self, index: int) -> float:
        """The share of the page that images cover (a scan: about all of it). Images drawn
        inside form XObjects are not counted: their bounds are not in page space. 0 when
        PDFium cannot read the page: no image is known to be there."""
        try:
            page = self._page(index)
        except (pdfium.PdfiumError, IndexError):
            return 0.0
        try:
            x0, y0, x1, y1 = page.get_mediabox()
            covered = 0.0
            for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=1):
                left, bottom, right, top = image.get_bounds()
                covered += max(0.0, min(right, x1) - max(left, x0)) * max(0.0, min(top, y1) - max(bottom, y0))
            area = (x1 - x0) * (y1 - y0)
            return min(1.0, covered / area) if area > 0 else 0.0
        except pdfium.PdfiumError:
            return 0.0
        finally:
            page.close()

    def render(self, index: int, dpi: int) -> PageImage:
        """The page as displayed (its /Rotate applied), without annotations, in OCR's grey."""
        try:
            page = self._page(index)
        except (pdfium.PdfiumError, IndexError) as exc:
            raise OcrFailedError(f"page {index + 1} cannot be rendered for OCR ({exc})") from exc
        try:
            bitmap = page.render(scale=dpi / 72, draw_annots=False, may_draw_forms=False)
            image = grey(bitmap.to_pil())
        except pdfium.PdfiumError as exc:
            raise OcrFailedError(f"page {index + 1} cannot be rendered for OCR ({exc})") from exc
        finally:
            page.close()
        return PageImage(index + 1, image, dpi)

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None
