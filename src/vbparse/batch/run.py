"""A batch run: inputs parsed by an engine (killable local worker processes, or a Dask cluster);
one output file per input, or one stream handed over in input order, so the result does not
depend on --jobs or the engine."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from ..errors import InputNotFoundError, UnreadableInputError
from ..model import Document
from ..options import DEFAULT_TIMEOUT
from .discover import SUPPORTED_SUFFIXES, Input
from .engine import Budget, Engine, EngineFactory, Lost
from .manifest import CODE_INTERNAL, CODE_TIMEOUT, CODE_UNSUPPORTED, CODE_WORKER_DIED, ManifestEntry, Status
from .pool import WorkerPool
from .resume import SkipLog, reuse
from .work import Job, Outcome, ParseWork, parse_file

_UNSUPPORTED = f"not a document file ({', '.join(SUPPORTED_SUFFIXES)})"
_CHUNK = 1 << 20

Emit = Callable[[ManifestEntry, "str | None"], None]
OnEntry = Callable[[ManifestEntry, bool], None]
OnOcrPage = Callable[[str, int, float], None]
_LOST: dict[str, tuple[Status, str]] = {
    "timeout": ("timeout", CODE_TIMEOUT), "died": ("failed", CODE_WORKER_DIED), "error": ("failed", CODE_INTERNAL),
}


def default_jobs() -> int:
    """The cores this process may run on (fewer than the machine's in a container or under taskset)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_batch(
    inputs: Sequence[Input],
    *,
    render: Callable[[Document], str],
    out_dir: Path | None = None,
    emit: Emit | None = None,
    parse: Callable[[str], Document] = parse_file,
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    resume: bool = False,
    on_entry: OnEntry | None = None,
    on_ocr_page: OnOcrPage | None = None,
    engine: EngineFactory | None = None,
) -> list[ManifestEntry]:
    """Parse every input and return the manifest entries, sorted by path.

    With `out_dir`, each document is rendered and written (atomically) to
    out_dir/<relative path>.json; with `emit`, it is handed back as text, one call per input
    in path order (text None when nothing was parsed). `resume` (with `out_dir`) keeps outputs
    that hold a document of the same bytes, and the skips of an earlier run (resume.SkipLog).
    `on_entry(entry, reused)` is called as each input finishes, in completion order, and
    `on_ocr_page(path, page, seconds)` as a worker of the local engine begins to read another
    page of an input by OCR, `seconds` after it took the input (for progress displays: a scan
    takes seconds a page). `parse` and `render` run in worker processes, so they must be
    picklable. `timeout` is a file's budget in seconds, to which each
    page read by OCR adds as much again. `engine` makes what runs the tasks (default: the local
    process pool; see vbparse.batch.dask for a cluster).
    """
    if (out_dir is None) == (emit is None):
        raise ValueError("give exactly one of out_dir and emit")
    if resume and out_dir is None:
        raise ValueError("resume needs out_dir")
    ordered = sorted(inputs, key=lambda item: item.path)
    release = _InOrder(emit)
    hashes: dict[int, str] = {}
    skips = SkipLog(out_dir, resume=resume) if out_dir is not None else None

    def finish(index: int, entry: ManifestEntry, text: str | None = None, reused: bool = False) -> None:
        if on_entry is not None:
            on_entry(entry, reused)
        if skips is not None and not reused:
            skips.add(entry)
        release.add(index, entry, text)

    def tasks() -> Iterator[tuple[int, Job]]:
        """Inputs that need a worker; the others (skipped, unreadable, reused) finish here."""
        for index, item in enumerate(ordered):
            output = out_dir / item.output_name if out_dir is not None else None
            if not item.supported:
                finish(index, _entry(item, None, "skipped", CODE_UNSUPPORTED, _UNSUPPORTED))
                continue
            try:
                hashes[index] = sha256 = _file_sha256(item.path)
            except OSError as exc:
                error = InputNotFoundError if isinstance(exc, FileNotFoundError) else UnreadableInputError
                finish(index, _entry(item, None, "failed", error.code, exc.strerror or str(exc)))
                continue
            if resume and output is not None and (kept := reuse(output, sha256)) is not None:
                finish(index, _from_outcome(item, sha256, kept, wrote=True), reused=True)
                continue
            if resume and skips is not None and (skipped := skips.kept(item.path, sha256)) is not None:
                finish(index, skipped, reused=True)
                continue
            yield index, Job(item.path, output.absolute() if output is not None else None)

    def tell_ocr(index: int, page: int, seconds: float) -> None:  # the engine knows inputs by index
        on_ocr_page(ordered[index].path, page, seconds)

    make = engine or partial(_local, on_ocr_page=tell_ocr if on_ocr_page is not None else None)
    with make(ParseWork(parse, render), min(jobs or default_jobs(), max(len(ordered), 1)), Budget(timeout)) as runner:
        for index, result in runner.run(tasks()):
            item, sha256 = ordered[index], hashes.pop(index)
            if isinstance(result, Lost):
                status, code = _LOST[result.reason]
                finish(index, _entry(item, sha256, status, code, result.detail, round(result.seconds, 3)))
            else:
                finish(index, _from_outcome(item, sha256, result, wrote=out_dir is not None), result.text)
    return release.entries


def _local(work: ParseWork, jobs: int, budget: Budget, *, on_ocr_page: Callable[[int, int, float], None] | None) -> Engine:
    return WorkerPool(work, jobs=jobs, timeout=budget, on_ocr_page=on_ocr_page)


def _file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _entry(item: Input, sha256: str | None, status: Status, code: str, message: str, seconds: float = 0.0) -> ManifestEntry:
    """The entry of an input that produced no document."""
    return ManifestEntry(item.path, None, sha256, status, code, message, None, None, seconds)


def _from_outcome(item: Input, sha256: str, outcome: Outcome, *, wrote: bool) -> ManifestEntry:
    output = item.output_name if wrote and outcome.status in ("ok", "partial") else None
    return ManifestEntry(item.path, output, sha256, outcome.status, outcome.code, outcome.message, None,
                         outcome.pages, outcome.seconds)


class _InOrder:
    """Releases finished entries in input order, holding back those that finish early, and marks
    each entry whose bytes an earlier path already had (`duplicate_of` that first path)."""

    def __init__(self, emit: Emit | None) -> None:
        self.emit = emit
        self.entries: list[ManifestEntry] = []
        self._held: dict[int, tuple[ManifestEntry, str | None]] = {}
        self._first_path: dict[str, str] = {}

    def add(self, index: int, entry: ManifestEntry, text: str | None) -> None:
        self._held[index] = (entry, text)
        while (nxt := self._held.pop(len(self.entries), None)) is not None:
            entry, text = nxt
            if entry.sha256 is not None:
                first = self._first_path.setdefault(entry.sha256, entry.path)
                if first != entry.path:
                    entry = replace(entry, duplicate_of=first)
            self.entries.append(entry)
            if self.emit is not None:
                self.emit(entry, text)
