"""`vbparse parse`: one document to stdout, or a batch over files, folders and glob patterns."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional, TextIO

import typer

from ..errors import VbparseError
from ..options import DEFAULT_TIMEOUT
from .common import (
    EXIT_CODES_HELP, EXIT_DIAGNOSTIC_ERRORS, EXIT_INTERRUPTED, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, JobsOption,
    OcrChoice, OcrOption, OutputFormat, PdfEngine, PdfEngineOption, QuietOption, TimeoutOption, app, batch_exit_code,
    err, print_input_error, read_document,
)

if TYPE_CHECKING:  # the parser is imported when a command runs, not by `--help`
    from ..batch import ManifestEntry
    from ..model import Document
    from .report import BatchProgress


@app.command(epilog=EXIT_CODES_HELP)
def parse(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns ('archive/**/*.pdf'); '-' reads standard input.")],
    out_dir: Annotated[Optional[Path], typer.Option("-o", "--out", help="Output folder: one JSON per input mirroring the input tree (or documents.jsonl / documents.csv), and manifest.jsonl.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="json: one document per output; jsonl: one line per document; csv: one archive metadata row per document (TT 05/2025/TT-BNV).")] = OutputFormat.json,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indent JSON output.")] = False,
    pdf_engine: PdfEngineOption = PdfEngine.pdfium,
    ocr: OcrOption = OcrChoice.auto,
    jobs: JobsOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    resume: Annotated[bool, typer.Option("--resume", help="Keep outputs that already hold a document of the same bytes (needs -o and --format json).")] = False,
    shard: Annotated[Optional[str], typer.Option("--shard", metavar="i/N", help="Parse only shard i of N (by a hash of each file's relative path), to split an archive across machines.")] = None,
    quiet: QuietOption = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="A line per file as it finishes, and every problem in the summary.")] = False,
) -> None:
    """Parse documents to JSON, JSONL or archive CSV.

    One file (or '-') prints to stdout. Several inputs, a folder or a glob pattern make a batch:
    files are parsed in parallel worker processes, each within --timeout, the outputs are
    ordered by input path whatever --jobs is, and with -o a manifest.jsonl records every
    input's status (ok, partial, failed, timeout, skipped). A bad file never stops a batch.
    """
    from ..batch import MANIFEST_NAME, Shard, discover, is_pattern, output_collisions, parse_file, run_batch, write_manifest
    from ..export import archive_csv_row, document_json
    from .report import BatchProgress, print_summary

    if pretty and fmt is not OutputFormat.json:
        _usage(f"--pretty cannot be used with --format {fmt.value}")
    if quiet and verbose:
        _usage("--quiet and --verbose exclude each other")
    if "-" in paths and len(paths) > 1:
        _usage("'-' (standard input) cannot be combined with other inputs")
    if resume and (out_dir is None or fmt is not OutputFormat.json):
        _usage("--resume needs -o OUT_DIR and --format json (one output file per input)")
    try:
        selected = Shard.parse(shard) if shard else None
    except ValueError as exc:
        _usage(str(exc))
    render = archive_csv_row if fmt is OutputFormat.csv else partial(document_json, pretty=pretty)
    if len(paths) == 1 and out_dir is None and (paths[0] == "-" or not (Path(paths[0]).is_dir() or is_pattern(paths[0]))):
        _parse_one(paths[0], pdf_engine, ocr, fmt, render)
    if fmt is OutputFormat.json and out_dir is None:
        _usage("a folder, a pattern or several inputs with --format json need -o OUT_DIR (or use --format jsonl)")
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        _usage(f"-o {out_dir} is not a folder")
    inputs = discover(paths, exclude=[out_dir] if out_dir else [])
    if selected is not None:
        inputs = [item for item in inputs if selected.holds(item)]
    if fmt is OutputFormat.json and (collisions := output_collisions(inputs)):
        name, claimants = next(iter(collisions.items()))
        _usage(f"{' and '.join(claimants)} would both be written to {name}; pass their folder instead")
    progress = BatchProgress(len(inputs), err, bar=not quiet, verbose=verbose)
    run = partial(run_batch, inputs, render=render, parse=partial(parse_file, pdf_engine=pdf_engine, ocr=ocr),
                  jobs=jobs, timeout=timeout or None, on_entry=progress)
    entries = _run_interruptible(run, fmt, out_dir, resume, progress)
    if out_dir is not None:
        write_manifest(out_dir / MANIFEST_NAME, entries)
    if not quiet:
        print_summary(err, entries, progress, all_problems=verbose)
    raise typer.Exit(batch_exit_code(entries))


def _run_interruptible(run: Callable[..., list[ManifestEntry]], fmt: OutputFormat, out_dir: Path | None,
                       resume: bool, progress: BatchProgress) -> list[ManifestEntry]:
    """The batch, to files or to one stream; Ctrl-C or kill ends it with exit 130."""
    try:
        with _interrupt_on_sigterm(), progress:
            if fmt is OutputFormat.json:
                return run(out_dir=out_dir, resume=resume)
            with _stream(out_dir, fmt) as stream:
                stream.write(_stream_header(fmt))
                return run(emit=lambda _, text: text and stream.write(text))
    except KeyboardInterrupt:
        err.print("[yellow]interrupted:[/] finished outputs are kept; run again with --resume to go on")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _usage(message: str) -> NoReturn:
    err.print(f"[red]error:[/] {message}")
    raise typer.Exit(EXIT_USAGE)


def _parse_one(path: str, pdf_engine: PdfEngine, ocr: OcrChoice, fmt: OutputFormat,
               render: Callable[[Document], str]) -> NoReturn:
    """A single input, parsed in this process: the output on stdout, exit 0, 1 or 3."""
    try:
        doc = read_document(path, pdf_engine, ocr)
    except VbparseError as exc:
        print_input_error(path, exc)
        raise typer.Exit(EXIT_UNREADABLE) from None
    sys.stdout.write(_stream_header(fmt) + render(doc))
    raise typer.Exit(EXIT_DIAGNOSTIC_ERRORS if doc.has_errors else EXIT_OK)


def _stream_header(fmt: OutputFormat) -> str:
    from ..export import archive_csv_header

    return archive_csv_header() if fmt is OutputFormat.csv else ""


def _stream(out_dir: Path | None, fmt: OutputFormat) -> AbstractContextManager[TextIO]:
    """Where a JSONL or CSV stream goes: OUT/documents.jsonl (or .csv), else stdout."""
    from ..batch.stream import open_atomic

    return open_atomic(out_dir / f"documents.{fmt.value}") if out_dir is not None else nullcontext(sys.stdout)


@contextmanager
def _interrupt_on_sigterm() -> Iterator[None]:
    """`kill` stops a run the way Ctrl-C does: workers stopped, no temporary file left."""

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
