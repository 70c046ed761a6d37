"""What a worker process does with one input: parse, render, write (or hand the text back)."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..api import parse
from ..errors import VbparseError
from ..export import write_atomic
from ..model import Diagnostic, Document
from ..options import OcrMode, PdfEngine
from .manifest import CODE_INTERNAL, CODE_WRITE_FAILED, Status, printable


def parse_file(path: str, *, pdf_engine: PdfEngine | str = PdfEngine.pdfium, ocr: OcrMode | str = OcrMode.auto) -> Document:
    """The default parse function of a batch: the file at `path`, which the output records (in a
    printable form: a name need not be valid UTF-8)."""
    doc = parse(path, pdf_engine=pdf_engine, ocr=ocr)
    doc.source.path = printable(path)
    return doc


@dataclass(frozen=True, slots=True)
class Job:
    path: str
    output: Path | None  # write the rendered document here; None: hand the text back


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Status
    code: str | None
    message: str | None
    pages: int | None
    seconds: float
    text: str | None = None


def outcome_of(doc: Document, seconds: float, text: str | None = None) -> Outcome:
    """ok, or partial when the document has errors in its diagnostics (the first one's code)."""
    first = next(_errors(doc), None)
    if first is None:
        return Outcome("ok", None, None, doc.source.pages, seconds, text)
    return Outcome("partial", first.code, first.message, doc.source.pages, seconds, text)


def _errors(doc: Document) -> Iterator[Diagnostic]:
    yield from (d for d in doc.diagnostics if d.severity == "error")
    for attachment in doc.attachments:
        yield from _errors(attachment)


@dataclass(frozen=True, slots=True)
class ParseWork:
    """The worker's function (picklable: `parse` and `render` must be module-level functions or
    partials of them). A test can pass a `parse` that hangs or crashes."""

    parse: Callable[[str], Document]
    render: Callable[[Document], str]

    def __call__(self, job: Job) -> Outcome:
        start = time.perf_counter()
        seconds = lambda: round(time.perf_counter() - start, 3)
        try:
            doc = self.parse(job.path)
            text = self.render(doc)
        except VbparseError as exc:
            return Outcome(exc.batch_status, exc.code, exc.message, None, seconds())
        except Exception as exc:  # a parser bug must cost one file, not the run
            return Outcome("failed", CODE_INTERNAL, f"{type(exc).__name__}: {exc}", None, seconds())
        if job.output is None:
            return outcome_of(doc, seconds(), text)
        try:
            _write_uninterrupted(job.output, text)
        except OSError as exc:
            return Outcome("failed", CODE_WRITE_FAILED, f"{job.output}: {exc.strerror or exc}", None, seconds())
        return outcome_of(doc, seconds())


def _write_uninterrupted(path: Path, text: str) -> None:
    """Write with SIGTERM held back until the rename is done, so stopping a run (Ctrl-C makes
    the parent terminate its workers) never leaves a temporary file behind."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks to hold anything back
        write_atomic(path, text)
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        write_atomic(path, text)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
