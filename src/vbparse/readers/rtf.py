"""RTF reader, told from the bytes (`{\\rtf`): LibreOffice converts it to DOCX like a .doc.

LibreOffice keeps every run's font through the conversion, so text set in `.VnTime` or
`VNI-Times` is converted by font name as in DOCX; the RTF libraries of PyPI give plain text
without fonts, which would leave only content guessing for the mixed TCVN3/VNI files.
"""

from __future__ import annotations

from .base import RawInput
from .doc import read_converted


def read_rtf(data: bytes) -> RawInput:
    return read_converted(data, "rtf")
