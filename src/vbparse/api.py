"""The public API: `parse(path)`, `parse_bytes(data)`, `parse_text(text)` -> Document; and
`label_lines(path)` / `label_text(text)`: each line's label and zone, to see why a field came out so.

A path and a document's content are different arguments, never told apart by looking at the
file system: `parse("Công văn 999.pdf")` for a file that is gone is an `InputNotFoundError`,
not a one-line document.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DecodingError, EmptyInputError, InputNotFoundError, InputTooLargeError, UnreadableInputError
from .model import Document
from .normalise import prepare
from .options import OcrMode, PdfEngine, choose
from .pipeline import LineLabel, build_document, label_lines as lines_of
from .readers import RawInput, read_bytes
from .readers.text import read_text

MAX_INPUT_BYTES = 200 * 1024 * 1024  # larger inputs are refused, not half-read


def parse(
    path: str | os.PathLike[str],
    *,
    pdf_engine: PdfEngine | str = PdfEngine.pdfium,
    ocr: OcrMode | str = OcrMode.auto,
) -> Document:
    """Parse the document in the file at `path` (a `str` or `os.PathLike`, never its content).

    `pdf_engine`: "pdfium" (fast, default) or "pdfplumber". `ocr`: "auto" (default: PDF pages
    without a usable text layer, and images, are read by OCR), "always" (every PDF page too, for
    a garbled text layer) or "never". Raises `InputNotFoundError` for a missing file, another
    `VbparseError` subclass for unreadable input, ValueError for an unknown option.
    """
    if not isinstance(path, (str, os.PathLike)):
        hint = "parse_bytes(data)" if isinstance(path, (bytes, bytearray)) else "parse_text(text) or parse_bytes(data)"
        raise TypeError(f"parse() takes a path (str or os.PathLike), not {type(path).__name__}: use {hint}")
    engine, mode = _options(pdf_engine, ocr)
    name = os.fspath(path)
    return _build(read_bytes(_read_file(Path(name)), pdf_engine=engine, ocr=mode), name)


def parse_bytes(
    data: bytes,
    *,
    path: str | None = None,
    pdf_engine: PdfEngine | str = PdfEngine.pdfium,
    ocr: OcrMode | str = OcrMode.auto,
) -> Document:
    """Parse a document's raw bytes (text in any supported encoding, DOCX, .doc, PDF or image).

    The format is told from the bytes. `path`, if given, is recorded as the document's source.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"parse_bytes() takes bytes, not {type(data).__name__}")
    engine, mode = _options(pdf_engine, ocr)
    return _build(read_bytes(_check_size(bytes(data), path), pdf_engine=engine, ocr=mode), path)


def parse_text(text: str, *, path: str | None = None) -> Document:
    """Parse a document's text, already decoded (legacy-encoded characters are still converted).

    `path`, if given, is recorded as the document's source.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_text() takes a str, not {type(text).__name__}")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, e.g. from os.fsdecode of bad bytes
        raise DecodingError(f"text holds an unpaired surrogate at {exc.start}", path=path) from exc
    return _build(read_text(_check_size(data, path)), path)


def label_lines(
    path: str | os.PathLike[str],
    *,
    pdf_engine: PdfEngine | str = PdfEngine.pdfium,
    ocr: OcrMode | str = OcrMode.auto,
) -> list[LineLabel]:
    """Each line of the file at `path` with the label the classifier gave it, its score and the zone
    the grammar put it in: what to read when a field comes out wrong."""
    engine, mode = _options(pdf_engine, ocr)
    return lines_of(prepare(read_bytes(_read_file(Path(os.fspath(path))), pdf_engine=engine, ocr=mode)))


def label_text(text: str) -> list[LineLabel]:
    """`label_lines` for a text already decoded."""
    return lines_of(prepare(read_text(_check_size(text.encode("utf-8"), None))))


def _options(pdf_engine: object, ocr: object) -> tuple[PdfEngine, OcrMode]:
    return choose(PdfEngine, pdf_engine, "pdf_engine"), choose(OcrMode, ocr, "ocr")


def _build(raw: RawInput, path: str | None) -> Document:
    prepared = prepare(raw)
    # a scan is still a document when nothing was read on it: its diagnostics say why
    scan = prepared.raw.ocr is not None or any(code == "pdf.no_text_layer" for code, _ in prepared.raw.notes)
    if not prepared.text.strip() and not scan:
        raise EmptyInputError("input has no visible text", path=path)
    return build_document(prepared, path)


def _read_file(file: Path) -> bytes:
    try:
        size = file.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputTooLargeError(f"{size} bytes is over the {MAX_INPUT_BYTES}-byte limit", path=str(file))
        return file.read_bytes()
    except FileNotFoundError as exc:
        raise InputNotFoundError("no such file", path=str(file)) from exc
    except IsADirectoryError as exc:
        raise UnreadableInputError("is a directory", path=str(file)) from exc
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise UnreadableInputError(getattr(exc, "strerror", None) or str(exc), path=str(file)) from exc


def _check_size(data: bytes, path: str | None) -> bytes:
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"{len(data)} bytes is over the {MAX_INPUT_BYTES}-byte limit", path=path)
    return data
