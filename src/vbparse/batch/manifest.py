"""The manifest of a batch run: one JSON line per input, sorted by path.

Fields, in this order: path, output (relative to the output folder; null when nothing was
written or the run wrote one stream), sha256 (of the input bytes; null when skipped or
unreadable), status, code, message, duplicate_of (the first path, in sorted order, with the
same sha256), pages, seconds. Everything but `seconds` is the same for the same inputs.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from ..errors import OutputError
from ..export import ExportFormat, ExportItem, open_atomic, write_atomic

Status = Literal["ok", "partial", "failed", "skipped", "timeout"]
STATUSES: tuple[Status, ...] = ("ok", "partial", "failed", "timeout", "skipped")
FAILED_STATUSES = frozenset({"failed", "timeout"})

# Codes of what goes wrong around the parser; the parser's own are in vbparse.errors.
CODE_UNSUPPORTED = "batch.unsupported_extension"
CODE_TIMEOUT = "batch.timeout"
CODE_WORKER_DIED = "batch.worker_died"
CODE_INTERNAL = "batch.internal_error"
CODE_WRITE_FAILED = "batch.write_failed"
CODE_OUTPUT_MISSING = "export.output_missing"

MANIFEST_NAME = "manifest.jsonl"
_ESCAPED_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


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
        values = {name: printable(value) if isinstance(value, str) else value for name, value in asdict(self).items()}
        return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def printable(path: str) -> str:
    """A file name as valid UTF-8 text: bytes that are not UTF-8 (a name from an old archive in
    a legacy code page, which Python holds as lone surrogates) shown as `\\xNN`."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def _file_name(shown: str) -> str:
    """The name `printable` showed: each `\\xNN` of a byte that is not UTF-8 (always 0x80 or
    more) back to the surrogate Python holds it as."""
    return _ESCAPED_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), shown)


def write_manifest(path: Path, entries: Iterable[ManifestEntry]) -> None:
    """Raises OutputError when the manifest cannot be written (read-only folder, full disk)."""
    try:
        write_atomic(path, manifest_text(entries))
    except OSError as exc:
        raise OutputError(f"the manifest cannot be written: {exc.strerror or exc}", path=str(path)) from exc


def manifest_text(entries: Iterable[ManifestEntry]) -> str:
    return "".join(entry.to_json() + "\n" for entry in entries)


def read_manifest(path: Path) -> list[ManifestEntry]:
    """The entries of a manifest written by a run (OSError when it cannot be read, ValueError
    when it is not a manifest)."""
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            entries.append(entry_of(line))
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: {exc}") from None
    return entries


def entry_of(line: str) -> ManifestEntry:
    """One manifest line read back (ValueError when it is not one)."""
    try:
        data = json.loads(line)
        return ManifestEntry(**{field.name: data[field.name] for field in fields(ManifestEntry)})
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not a manifest line ({exc})") from None


def export_items(entries: Iterable[ManifestEntry], out_dir: Path) -> Iterator[ExportItem]:
    """What an export of a run shows: each input that was not skipped, with its document as
    written below `out_dir` (an output gone since is a failed row saying so)."""
    for entry in entries:
        if entry.status == "skipped":
            continue
        item = ExportItem(printable(entry.path), entry.status, entry.code, entry.message)
        if entry.output is not None:
            try:
                output = out_dir / entry.output
                if not output.exists():  # read back from a manifest, a name that is not UTF-8 is shown escaped
                    output = out_dir / _file_name(entry.output)
                item = ExportItem(item.path, item.status, item.code, item.message, output.read_text(encoding="utf-8"))
                item.document  # noqa: B018  (validated here: a damaged output is a row saying so)
            except (OSError, UnicodeDecodeError, ValidationError) as exc:
                item = ExportItem(item.path, "failed", CODE_OUTPUT_MISSING, f"{printable(entry.output)}: {exc}")
        yield item


def count_by_status(entries: Iterable[ManifestEntry]) -> dict[Status, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for entry in entries:
        counts[entry.status] += 1
    return counts


def write_export(fmt: ExportFormat, entries: Iterable[ManifestEntry], out_dir: Path, target: Path) -> None:
    """The run's documents below `out_dir` gathered into one file at `target`, which appears only
    complete. Raises OutputError when it cannot be written."""
    try:
        with open_atomic(target, binary=True) as handle:
            fmt.write(export_items(entries, out_dir), handle)
    except OSError as exc:
        raise OutputError(f"the {fmt.name} export cannot be written: {exc.strerror or exc}", path=str(target)) from exc
