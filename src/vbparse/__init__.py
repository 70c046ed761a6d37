"""vbparse: Vietnamese party and state documents to validated, structured JSON.

    doc = vbparse.parse("archive/cv-12.pdf")          # a path (str or os.PathLike)
    doc = vbparse.parse_bytes(data, path="cv-12.pdf")  # a document's bytes
    doc = vbparse.parse_text(text)                     # a document's text
    vbparse.label_lines("archive/cv-12.pdf")          # each line's label, score and zone

The parser is imported on first use, so `import vbparse` (and `vbparse --help`) stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from ._version import __version__
from .errors import VbparseError
from .options import OcrMode, PdfEngine

if TYPE_CHECKING:
    from .api import label_lines, label_text, parse, parse_bytes, parse_text
    from .pipeline import LineLabel
    from .model import Citation, Document, DocumentNumber, Header, Section, Signature

# public name -> the module that defines it, imported when the name is first used
_LAZY = {
    "parse": "api", "parse_bytes": "api", "parse_text": "api", "label_lines": "api", "label_text": "api",
    "LineLabel": "pipeline",
    "Citation": "model", "Document": "model", "DocumentNumber": "model", "Header": "model",
    "Section": "model", "Signature": "model",
}

__all__ = ["OcrMode", "PdfEngine", "VbparseError", "__version__", *_LAZY]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
