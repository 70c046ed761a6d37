"""vbparse: Vietnamese party and state documents to validated, structured JSON."""

from ._version import __version__
from .api import parse
from .errors import VbparseError
from .model import Citation, Document, DocumentNumber, Header, Section, Signature

__all__ = [
    "Citation", "Document", "DocumentNumber", "Header", "Section", "Signature",
    "VbparseError", "__version__", "parse",
]
