"""The manifest of a batch run: one JSON line per input, sorted by path.

Fields, in this order: path, output (relative to the output folder; null when nothing was
written or the run wrote one stream), sha256 (of the input bytes; null when skipped or
unreadable), status, code, message, duplicate_of (the first path, in sorted order, with the
same sha256), pages, seconds. Everything but `seconds` is the same for the same inputs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from ..export import write_atomic

Status = Literal["ok", "partial", "failed", "skipped", "timeout"]
STATUSES: tuple[Status, ...] = ("ok", "partial", "failed", "timeout", "skipped")
FAILED_STATUSES = frozenset({"failed", "timeout"})

# Codes of what goes wrong around the parser; the parser's own are in vbparse.errors.
CODE_UNSUPPORTED = "batch.unsupported_extension"
CODE_TIMEOUT = "batch.timeout"
CODE_WORKER_DIED = "batch.worker_died"
CODE_INTERNAL = "batch.internal_error"
CODE_WRITE_FAILED = "batch.write_failed"

MANIFEST_NAME = "manifest.jsonl"


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    path: str
    output: str | None
    sha256: str | None
    status: Status
    code: str | None
    message: str | None
    duplicate_of: str | None
    pages: int | None
    seconds: float

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))


def write_manifest(path: Path, entries: Iterable[ManifestEntry]) -> None:
    write_atomic(path, "".join(entry.to_json() + "\n" for entry in entries))


def count_by_status(entries: Iterable[ManifestEntry]) -> dict[Status, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for entry in entries:
        counts[entry.status] += 1
    return counts
