"""--resume: an input whose output already holds a document of the same bytes is not parsed again,
and neither is one that an earlier run skipped as no document (a photo).

The output itself is the record (its `source.sha256`), not the manifest: an interrupted run
writes its manifest only at the end, but every output it finished is complete (written to a
temporary name, then renamed). A skipped input leaves no output, so the run appends its manifest
line to a log of skips (SKIPS_NAME in the output folder) as it is skipped.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from ..model import Document
from .manifest import ManifestEntry, entry_of, printable
from .work import Outcome, outcome_of

SKIPS_NAME = ".vbparse-skipped.jsonl"


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


class SkipLog:
    """The inputs of the runs into one output folder that a worker skipped (a photo is OCR'd,
    seconds a page, before it is found to be no document). A run without --resume starts the
    log again; one with it keeps the earlier skips of the same path and bytes. The log only
    saves time: when it cannot be read or written, the inputs are parsed again."""

    def __init__(self, out_dir: Path, *, resume: bool) -> None:
        self.path = out_dir / SKIPS_NAME
        self._skipped: dict[tuple[str, str | None], ManifestEntry] = {}
        with suppress(OSError):
            if resume:
                self._skipped = {(entry.path, entry.sha256): entry for entry in self._read()}
            else:
                self.path.unlink(missing_ok=True)

    def _read(self) -> Iterator[ManifestEntry]:
        for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                yield entry_of(line)
            except ValueError:  # the line a killed run was writing
                continue

    def kept(self, path: str, sha256: str) -> ManifestEntry | None:
        """The entry of an earlier run that skipped these bytes at this path."""
        entry = self._skipped.get((printable(path), sha256))
        return None if entry is None else replace(entry, path=path, duplicate_of=None, seconds=0.0)

    def add(self, entry: ManifestEntry) -> None:
        """Record `entry` when a worker skipped it (not a file skipped for its name)."""
        if entry.status != "skipped" or entry.sha256 is None:
            return
        with suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as log:
                log.write(entry.to_json() + "\n")
