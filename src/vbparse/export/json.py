"""JSON and JSONL output, and atomic file writes."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ..model import Document


def document_json(doc: Document, *, pretty: bool = False) -> str:
    """The Document as JSON: field order from the model, UTF-8 text kept, no timestamps."""
    data = doc.model_dump(mode="json")
    if pretty:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_atomic(path: Path, content: str) -> None:
    """Write via a temporary file in the same folder and rename, so no reader ever sees half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
