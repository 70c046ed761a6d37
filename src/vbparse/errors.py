"""Typed errors: every way an input can fail to become a Document.

Each error carries a stable `code` and the CLI exit code it maps to, so scripts can tell
"unreadable input" from "usage error" without parsing messages.
"""

from __future__ import annotations


class VbparseError(Exception):
    """Base class of every error vbparse raises on purpose."""

    code = "error"
    exit_code = 3
    batch_status = "failed"  # what a batch records for an input that raised it

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class UnreadableInputError(VbparseError):
    """The input exists but cannot be turned into text (exit code 3)."""

    code = "input.unreadable"


class EmptyInputError(UnreadableInputError):
    code = "input.empty"


class BinaryInputError(UnreadableInputError):
    code = "input.binary"


class DecodingError(UnreadableInputError):
    code = "input.undecodable"


class InputTooLargeError(UnreadableInputError):
    code = "input.too_large"


class UnsupportedFormatError(UnreadableInputError):
    code = "input.unsupported_format"


class InputNotFoundError(UnreadableInputError):
    code = "input.not_found"


class EncryptedInputError(UnreadableInputError):
    code = "input.encrypted"


class TruncatedInputError(UnreadableInputError):
    code = "input.truncated"


class NotADocumentError(UnreadableInputError):
    """An image, or a PDF of scanned pages only, on which OCR found too little text to be a
    document (a photo, a picture): a batch lists it as skipped, not as a parsed document."""

    code = "input.not_a_document"
    batch_status = "skipped"


class ConverterMissingError(UnreadableInputError):
    """A format needs an external converter that is not installed (LibreOffice for .doc)."""

    code = "input.converter_missing"


class OcrUnavailableError(UnreadableInputError):
    """The input needs OCR (an image, or OCR asked for on every page) and OCR is turned off, or
    Tesseract or its Vietnamese model is not installed; the message says how to enable it."""

    code = "input.ocr_unavailable"


class OcrFailedError(UnreadableInputError):
    """Tesseract was run and failed (crashed, timed out, or could not be started)."""

    code = "input.ocr_failed"


class OutputError(VbparseError):
    """An output could not be written: a read-only or missing folder, a full disk, a closed or
    full standard output (exit code 5). The path is the output's."""

    code = "output.write_failed"
    exit_code = 5


class ExportUnavailableError(VbparseError):
    """An export format needs a package that is not installed (openpyxl for xlsx)."""

    code = "export.unavailable"
    exit_code = 2
