"""The public API: `parse(path_or_bytes_or_text) -> Document`."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import EmptyInputError, InputNotFoundError, InputTooLargeError, UnreadableInputError
from .model import Document
from .normalise import prepare
from .pipeline import build_document
from .readers import DOCUMENT_SUFFIXES, OCR_MODES, PDF_ENGINES, OcrMode, read_bytes

MAX_INPUT_BYTES = 200 * 1024 * 1024  # larger inputs are refused, not half-read

Source = str | bytes | os.PathLike[str]


def parse(
    source: Source, *, path: str | None = None, pdf_engine: str = "pdfium", ocr: OcrMode = "auto"
) -> Document:
    """Parse a document given as a path, raw bytes, or already-decoded text.

    A `str` is taken as a path when it names an existing file and has no newline; otherwise
    as the document's text. `pdf_engine` is "pdfium" (fast, default) or "pdfplumber".
    `ocr` is "auto" (default: PDF pages without a usable text layer, and images, are read by
    OCR), "always" (every PDF page too, for a garbled text layer) or "never".
    Raises a `VbparseError` subclass for unreadable input.
    """
    if pdf_engine not in PDF_ENGINES:
        raise ValueError(f"pdf_engine must be one of {PDF_ENGINES}, not {pdf_engine!r}")
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {OCR_MODES}, not {ocr!r}")
    data, path = _load(source, path)
    prepared = prepare(read_bytes(data, pdf_engine=pdf_engine, ocr=ocr))
    # a scan is still a document when nothing was read on it: its diagnostics say why
    scan = prepared.raw.ocr is not None or any(code == "pdf.no_text_layer" for code, _ in prepared.raw.notes)
    if not prepared.text.strip() and not scan:
        raise EmptyInputError("input has no visible text", path=path)
    return build_document(prepared, path)


def _load(source: Source, path: str | None) -> tuple[bytes, str | None]:
    if isinstance(source, bytes):
        return _check_size(source, path), path
    if isinstance(source, str) and ("\n" in source or not _names_a_file(source)):
        if _looks_like_path(source):
            raise InputNotFoundError("no such file", path=source)
        return _check_size(source.encode("utf-8"), path), path
    file = Path(source)
    try:
        size = file.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputTooLargeError(f"{size} bytes is over the {MAX_INPUT_BYTES}-byte limit", path=str(file))
        return file.read_bytes(), path or str(source)
    except FileNotFoundError as exc:
        raise InputNotFoundError("no such file", path=str(file)) from exc
    except IsADirectoryError as exc:
        raise UnreadableInputError("is a directory", path=str(file)) from exc
    except OSError as exc:
        raise UnreadableInputError(exc.strerror or str(exc), path=str(file)) from exc


def _check_size(data: bytes, path: str | None) -> bytes:
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"{len(data)} bytes is over the {MAX_INPUT_BYTES}-byte limit", path=path)
    return data


def _names_a_file(text: str) -> bool:
    try:
        return len(text) < 4096 and Path(text).is_file()
    except (OSError, ValueError):
        return False


def _looks_like_path(text: str) -> bool:
    """A one-word string ending in a document extension is a mistyped path, not a text."""
    return "\n" not in text and " " not in text.strip() and text.strip().lower().endswith(DOCUMENT_SUFFIXES)
