"""The choices a caller makes (enums, checked once, at the API) and their defaults.

Kept apart from the parser so that the command line can declare its options, and print its
help, without importing it.
"""

from __future__ import annotations

from enum import StrEnum

DEFAULT_TIMEOUT = 60.0  # seconds a batch gives each file before its worker is stopped


class PdfEngine(StrEnum):
    """Which library reads the characters of a PDF's text layer."""

    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


class OcrMode(StrEnum):
    """auto: OCR scanned PDF pages and images; always: every PDF page too; never: no OCR."""

    auto = "auto"
    always = "always"
    never = "never"


class EngineName(StrEnum):
    """What runs a batch's files: local worker processes, or a Dask cluster (vbparse.batch.dask)."""

    local = "local"
    dask = "dask"


def choose(kind: type[StrEnum], value: object, name: str) -> StrEnum:
    """`value` as a member of `kind`, or a ValueError naming the allowed values."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in kind)
        raise ValueError(f"{name} must be one of {allowed}, not {value!r}") from None
