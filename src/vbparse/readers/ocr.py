"""OCR through the Tesseract command line: page images -> words with boxes and confidences.

The command line rather than a binding: pytesseract wraps this same command (writing every
image to a temporary file first) and tesserocr has to be compiled against libtesseract. Here
the image goes in on stdin and hOCR (word boxes, confidences, each line's baseline) comes out
on stdout: one process per page, ~0.1 s of start-up next to 1-2 s of recognition.

Pages are recognised in parallel, one single-threaded Tesseract per core: Tesseract's own
OpenMP threads make a page several times slower on two cores, and single-threaded recognition
gives the same words whatever the machine.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from xml.etree import ElementTree

import regex
from PIL import Image

from ..errors import OcrFailedError, OcrUnavailableError
from .ocr_hook import PAGE_LISTENERS
from .pages import page_list
from ..layout.lines import Word

LANGUAGE = "vie"
# PDF pages are rendered at this resolution for OCR (see bench/bench_ocr.py for the measurement).
OCR_DPI = 300
ENABLE_OCR = (
    "to read scans, install Tesseract and its Vietnamese model "
    "(apt-get install tesseract-ocr tesseract-ocr-vie)"
)
PAGE_TIMEOUT = 300  # seconds for one page; a stuck Tesseract must not hang a batch
# Tesseract's confidence in a word, 0-100: below GUESS_CONFIDENCE it is a guess at a mark that
# is no print (a seal, a scribble). Below NOISE_CONFIDENCE, a word with a character printed
# Vietnamese has no use for (f, j, w, z, "#", "{", the fraction slash Tesseract reads hand-written
# strokes as) is a misread hand-written number, and punctuation alone is dust, as is any
# punctuation smaller than SPECK_SIZE of the line's height.
GUESS_CONFIDENCE = 20
NOISE_CONFIDENCE = 50
SPECK_SIZE = 0.15
# Vietnamese print has no straight apostrophes or backticks: at a word's edge they are a speck
# beside it ("'Phạm Đình Khiêm").
SPECK_MARKS = "'`"
ALNUM = regex.compile(r"[\p{L}\p{N}]")
UNLIKELY = regex.compile(r"[^\p{L}\p{N}\s.,;:!?()/\-–\"'“”‘’%&+*]|[fjwzFJWZ]")
VERSION = regex.compile(r"tesseract\s+v?(\d[\w.\-]*)", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Tesseract:
    path: str
    version: str


def find_tesseract() -> Tesseract | None:
    """The `tesseract` on PATH when it has the Vietnamese model, else None."""
    path = shutil.which("tesseract")
    return _probe(path) if path else None


def require_tesseract(why: str) -> Tesseract:
    tesseract = find_tesseract()
    if tesseract is None:
        raise OcrUnavailableError(f"{why}, but OCR is not available: {ENABLE_OCR}")
    return tesseract


@cache
def _probe(path: str) -> Tesseract | None:
    try:
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60)
        languages = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if LANGUAGE not in languages.stdout.split():
        return None
    found = VERSION.search(version.stdout + version.stderr)
    return Tesseract(path, found.group(1) if found else "unknown")


@dataclass(frozen=True, slots=True)
class PageImage:
    """A page to recognise: a grey Pillow image, its resolution, and its page number."""

    number: int
    image: Image.Image
    dpi: int


@dataclass(frozen=True, slots=True)
class OcrWord:
    text: str
    confidence: float  # 0-100
    box: tuple[int, int, int, int]  # left, top, right, bottom in pixels
    line: tuple[float, float]  # top and bottom of the em box of its line, in pixels


@dataclass(slots=True)
class OcrLog:
    """What OCR did over one input, for `Source.ocr` and the diagnostics."""

    tesseract: Tesseract
    dpi: int | None = None
    pages: list[int] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    left_out: list[int] = field(default_factory=list)  # pages read whose few words were dropped

    def record(self, page: PageImage, words: list[OcrWord]) -> None:
        self.pages.append(page.number)
        self.confidences += [word.confidence for word in words]
        if self.dpi is None:  # pages of one input share a resolution but for odd multi-page TIFFs
            self.dpi = page.dpi

    def summary(self) -> dict[str, object]:
        mean = sum(self.confidences) / len(self.confidences) if self.confidences else None
        return {
            "engine": "tesseract", "version": self.tesseract.version, "language": LANGUAGE, "dpi": self.dpi,
            "pages": list(self.pages), "mean_confidence": None if mean is None else round(mean, 1),
        }

    def notes(self) -> list[tuple[str, str]]:
        notes = []
        if self.pages:
            summary = self.summary()
            confidence = summary["mean_confidence"]
            notes.append((
                "ocr.pages",
                f"{page_list(self.pages)} read by OCR (Tesseract {self.tesseract.version}, {LANGUAGE}, "
                f"{self.dpi} dpi)" + ("" if confidence is None else f", mean word confidence {confidence:.0f}%"),
            ))
        if self.left_out:
            notes.append((
                "ocr.page_left_out",
                f"{page_list(self.left_out)}: too few words for a page of the document (a cover, a logo?), left out",
            ))
        if self.failed:
            notes.append(("ocr.page_failed", "OCR failed on page " + "; ".join(self.failed)))
        return notes


def recognise_pages(
    tesseract: Tesseract, pages: Iterable[PageImage]
) -> Iterator[tuple[PageImage, Future[list[OcrWord]]]]:
    """Each page with its pending words (`result()` raises OcrFailedError), in the order given.
    Pages are drawn from `pages` only a few ahead of the one returned, so that page images do
    not pile up in memory."""
    workers = os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque[tuple[PageImage, Future[list[OcrWord]]]] = deque()
        for page in pages:
            for listener in PAGE_LISTENERS:
                listener(page.number)
            pending.append((page, pool.submit(recognise, tesseract, page)))
            if len(pending) > workers:
                yield pending.popleft()
        while pending:
            yield pending.popleft()


def recognise(tesseract: Tesseract, page: PageImage) -> list[OcrWord]:
    """The words Tesseract reads on one page image."""
    image = io.BytesIO()
    page.image.save(image, format="PPM")  # uncompressed: PNG encoding would cost more than it saves
    command = [tesseract.path, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(page.dpi), "hocr"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(command, input=image.getvalue(), capture_output=True, env=env, timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise OcrFailedError(f"Tesseract took over {PAGE_TIMEOUT} s on page {page.number}") from exc
    except OSError as exc:
        raise OcrFailedError(f"Tesseract could not be run ({exc.strerror or exc})") from exc
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {result.returncode}"]
        raise OcrFailedError(f"Tesseract failed on page {page.number}: {detail[0]}")
    try:
        return parse_hocr(result.stdout)
    except (ElementTree.ParseError, KeyError, ValueError) as exc:
        raise OcrFailedError(f"Tesseract's output for page {page.number} cannot be read ({exc})") from exc


def parse_hocr(hocr: bytes) -> list[OcrWord]:
    """The words of Tesseract's hOCR, each with the em box of its line.

    The em box comes from the baseline and row height Tesseract fits to the line, not from the
    ink: a speck or a misread blob must not make a line taller and pull in the lines around it.
    (The TSV output has no baseline, hence hOCR.)
    """
    words = []
    for line in ElementTree.fromstring(hocr).iter(_SPAN):
        if line.get("class") not in HOCR_LINES:
            continue
        fields = _title(line)
        left, _, _, bottom = fields["bbox"]
        slope, offset = fields.get("baseline", (0.0, 0.0))
        size = fields["x_size"][0]
        descent = fields.get("x_descenders", (0.0,))[0]
        for word in line.iter(_SPAN):
            text = "".join(word.itertext()).strip().strip(SPECK_MARKS)
            if word.get("class") != "ocrx_word" or not text:
                continue
            fields = _title(word)
            x0, top, x1, low = (int(v) for v in fields["bbox"])
            confidence = fields.get("x_wconf", (0.0,))[0]
            if _noise(text, confidence, max(x1 - x0, low - top), size):
                continue
            foot = bottom + offset + slope * ((x0 + x1) / 2 - left) + descent  # descender line
            words.append(OcrWord(text, confidence, (x0, top, x1, low), (foot - size, foot)))
    return words


def _noise(text: str, confidence: float, extent: int, size: float) -> bool:
    """A guess at nothing (a seal's ring, a scribble), a misread hand-written mark, or a speck
    read as punctuation."""
    if confidence < GUESS_CONFIDENCE:
        return True
    if confidence < NOISE_CONFIDENCE and UNLIKELY.search(text):
        return True
    return not ALNUM.search(text) and (confidence < NOISE_CONFIDENCE or extent < SPECK_SIZE * size)


_SPAN = "{http://www.w3.org/1999/xhtml}span"
HOCR_LINES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}


def _title(element: ElementTree.Element) -> dict[str, tuple[float, ...]]:
    """hOCR properties: title="bbox 479 205 2245 305; baseline 0.002 -16; x_size 53" """
    fields = {}
    for part in element.get("title", "").split(";"):
        if not part.strip():
            continue
        key, *values = part.split()
        try:
            fields[key] = tuple(float(v) for v in values)
        except ValueError:
            continue  # image "stdin" and the like
    return fields


def grey(image: Image.Image) -> Image.Image:
    """A page image as the grey image OCR reads. Plain luminance: the red channel alone would
    drop a red seal but, measured on the corpus scans, costs contrast on tinted paper."""
    if image.mode in ("I", "I;16", "I;16B", "I;16L"):  # 16-bit grey scans
        return image.point(lambda v: v / 256).convert("L")
    if image.mode in ("RGBA", "LA", "PA", "P") or "transparency" in image.info:  # transparent parts on white paper
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    return image.convert("L")


def page_words(words: list[OcrWord], dpi: int) -> list[Word]:
    """OCR words as the PDF reader's words, in points, for its line and band code."""
    scale = 72 / dpi
    return [
        Word(w.text, w.box[0] * scale, w.line[0] * scale, w.box[2] * scale, w.line[1] * scale, (), True)
        for w in words
    ]
