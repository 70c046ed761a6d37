"""--resume: an input whose output already holds a document of the same bytes is not parsed again.

The output itself is the record (its `source.sha256`), not the manifest: an interrupted run
writes its manifest only at the end, but every output it finished is complete (written to a
temporary name, then renamed).
"""

from __future__ import annotations

import time
from pathlib import Path

from pydantic import ValidationError

from ..model import Document
from .work import Outcome, outcome_of


def reuse(output: Path, sha256: str) -> Outcome | None:
    """The outcome recorded by an existing output of these bytes, or None to parse again (no
    output, not a valid document, or made from other bytes)."""
    start = time.perf_counter()
    try:
        doc = Document.model_validate_json(output.read_bytes())
    except (OSError, ValidationError):
        return None
    if doc.source.sha256 != sha256:
        return None
    return outcome_of(doc, round(time.perf_counter() - start, 3))
