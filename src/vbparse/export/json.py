"""JSON and JSONL output, and atomic file writes."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, BinaryIO

from ..model import Document
from .item import ExportItem


def document_json(doc: Document, *, pretty: bool = False) -> str:
    """The Document as JSON: field order from the model, UTF-8 text kept, no timestamps."""
    data = doc.model_dump(mode="json")
    if pretty:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


class JsonlWriter:
    """One document per line, as parsed; inputs that gave no document have no line."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out

    def add(self, item: ExportItem) -> None:
        if item.json is not None:
            self.out.write(item.json.rstrip("\n").encode("utf-8") + b"\n")

    def close(self) -> None:
        pass


writer = JsonlWriter  # the registry's entry point (see vbparse.export)


def write_atomic(path: Path, content: str) -> None:
    """Write via a temporary file in the same folder and rename, so no reader ever sees half."""
    with open_atomic(path) as handle:
        handle.write(content)


@contextmanager
def open_atomic(path: Path, binary: bool = False) -> Iterator[IO]:
    """Write to a temporary name beside `path` and rename on success; an error or Ctrl-C on the
    way removes the temporary file and leaves any earlier `path` as it was. The file gets the
    permissions of any new file under the umask (mkstemp's are owner-only, which would keep
    colleagues and shares from reading the outputs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        mode = "wb" if binary else "w"
        text = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **text) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@cache
def _umask() -> int:
    """The process's umask: reading it means setting it, so it is read once and put back."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
