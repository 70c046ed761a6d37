"""Image reader (PNG, JPEG, TIFF of one or more pages): every page is read by OCR.

An image has no text layer, so without Tesseract, or with OCR turned off, it cannot be read
at all: that is a typed error saying how to enable OCR (a scanned PDF only gets a diagnostic,
as its other pages may have text). Boxes are in points at the image's resolution.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Iterator

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from ..errors import OcrUnavailableError, UnreadableInputError
from . import OcrMode
from .base import RawInput
from .ocr import OCR_DPI, OcrLog, PageImage, grey, page_words, recognise_pages, require_tesseract
from ..layout import lay_out
from ..layout.lines import Line, build_lines

# A resolution outside this range is a placeholder (72 dpi from cameras), not the scan's.
PLAUSIBLE_DPI = (100, 1200)
# Without a plausible resolution, the page is taken for A4 (Vietnamese official documents are,
# by rule): its short side is 210 mm.
A4_SHORT_SIDE_INCHES = 210 / 25.4
# Pages coarser than this are enlarged to OCR_DPI first: Tesseract misses more at 100 dpi than
# on the same page enlarged (measured on the scans of the samples), no more from 150 dpi up.
MIN_DPI = 150


def read_image(data: bytes, ocr: OcrMode = "auto") -> RawInput:
    if ocr == "never":
        raise OcrUnavailableError("the input is an image, which only OCR can read, and OCR is off")
    tesseract = require_tesseract("the input is an image, which only OCR can read")
    log = OcrLog(tesseract)
    pages: list[list[Line]] = []
    heights: list[float] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                for page, words in recognise_pages(tesseract, _pages(image)):
                    found = words.result()  # an OCR failure loses the only text there is: an error
                    log.record(page, found)
                    pages.append(build_lines(page_words(found, page.dpi), page.number))
                    heights.append(page.image.height * 72 / page.dpi)
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UnreadableInputError(f"the image cannot be read ({exc})") from exc
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's ways of saying "damaged"
        raise UnreadableInputError(f"the image is damaged ({exc})") from exc
    blocks, layout_notes = lay_out(pages, heights)
    notes = log.notes() + layout_notes
    return RawInput(blocks, "image", hashlib.sha256(data).hexdigest(), None, len(pages), notes, ocr=log.summary())


def _pages(image: Image.Image) -> Iterator[PageImage]:
    for number, frame in enumerate(ImageSequence.Iterator(image), 1):
        upright = ImageOps.exif_transpose(frame)  # phone photos are stored sideways
        page, dpi = grey(upright), _dpi(upright)
        if dpi < MIN_DPI:
            size = (round(page.width * OCR_DPI / dpi), round(page.height * OCR_DPI / dpi))
            page, dpi = page.resize(size, Image.LANCZOS), OCR_DPI
        yield PageImage(number, page, dpi)


def _dpi(image: Image.Image) -> int:
    dpi = image.info.get("dpi")
    if dpi and PLAUSIBLE_DPI[0] <= float(dpi[0]) <= PLAUSIBLE_DPI[1]:
        return round(float(dpi[0]))
    return max(1, round(min(image.size) / A4_SHORT_SIDE_INCHES))
