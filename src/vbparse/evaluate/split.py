"""Which half of the gold set a document belongs to, and what kind of input a file is.

The split is a fixed rule on the document's name (never chosen by hand, never by score), so the
check half stays unseen by rule changes: rules are tuned looking at the tune half only, and the
check half's figure is the honest one. All renderings of one document (`pdf/X.pdf`,
`txt-layout/X.txt`, `txt-ocr/X.txt`) share its stem, hence its half.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

HALVES = ("tune", "check")

# Renderings of a corpus PDF that its gold holds for too: folder beside `pdf/` -> input kind.
VARIANT_FOLDERS = {"txt-layout": "layout-text", "txt-ocr": "ocr-text"}

# Report order of input kinds.
KINDS = ("text", "layout-text", "ocr-text", "docx", "doc", "pdf", "pdf-broken-font", "scan", "other")

_KIND_BY_SUFFIX = {".txt": "text", ".docx": "docx", ".doc": "doc", ".pdf": "pdf"}


def half_of(document: Path) -> str:
    """'tune' or 'check', from a hash of the document's stem (its name without the suffix)."""
    digest = hashlib.sha256(document.stem.encode("utf-8")).digest()
    return HALVES[digest[0] % 2]


def input_kind(document: Path, tags: list[str]) -> str:
    """The kind of input a gold document is scored as, from its folder, suffix and tags."""
    kind = VARIANT_FOLDERS.get(document.parent.name) or _KIND_BY_SUFFIX.get(document.suffix.lower(), "other")
    if kind == "pdf" and {"scanned", "garbled-ocr"} & set(tags):
        return "scan"
    if kind == "pdf" and "broken-font" in tags:
        return "pdf-broken-font"
    return kind


def variants_of(document: Path) -> list[Path]:
    """Existing renderings of a corpus PDF in the folders beside `pdf/` (none for other files)."""
    if document.parent.name != "pdf" or document.suffix.lower() != ".pdf":
        return []
    found = (document.parent.parent / folder / f"{document.stem}.txt" for folder in VARIANT_FOLDERS)
    return [path for path in found if path.is_file()]
