"""`vbparse parse`: one document to stdout, or a batch over files, folders and glob patterns."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from ..errors import OutputError, VbparseError
from ..export import EXPORT_FORMATS, ExportFormat
from ..options import DEFAULT_TIMEOUT, EngineName
from .common import (
    EXIT_CODES_HELP, EXIT_DIAGNOSTIC_ERRORS, EXIT_INTERRUPTED, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, JobsOption,
    OcrChoice, OcrOption, PdfEngine, PdfEngineOption, QuietOption, TimeoutOption, app, batch_exit_code, err,
    print_input_error, read_document,
)
from .output import Stdout, ensure_writable, output_failed

if TYPE_CHECKING:  # the parser is imported when a command runs, not by `--help`
    from ..batch import ManifestEntry
    from .report import BatchProgress

# json, then every registered export format (vbparse.export): one file for all the documents
OutputFormat = Enum("OutputFormat", {name: name for name in ("json", *EXPORT_FORMATS)}, type=str)
_FORMAT_HELP = "json: one document per output file; " + "; ".join(f"{f.name}: {f.help}" for f in EXPORT_FORMATS.values()) + "."


@app.command(epilog=EXIT_CODES_HELP)
def parse(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns ('archive/**/*.pdf'); '-' reads standard input.")],
    out_dir: Annotated[Optional[Path], typer.Option("-o", "--out", help="Output folder: one JSON per input mirroring the input tree, manifest.jsonl, and documents.FORMAT for a --format other than json.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help=_FORMAT_HELP)] = OutputFormat.json,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indent JSON output.")] = False,
    pdf_engine: PdfEngineOption = PdfEngine.pdfium,
    ocr: OcrOption = OcrChoice.auto,
    jobs: JobsOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    engine: Annotated[EngineName, typer.Option("--engine", help="local: worker processes here; dask: a Dask cluster (vbparse[dask]).")] = EngineName.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="--engine dask on a running cluster (tcp://host:8786); without it, a local one of --jobs workers.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Keep outputs that already hold a document of the same bytes (needs -o).")] = False,
    shard: Annotated[Optional[str], typer.Option("--shard", metavar="i/N", help="Parse only shard i of N (by a hash of each file's relative path), to split an archive across machines.")] = None,
    include: Annotated[Optional[list[str]], typer.Option("--include", metavar="GLOB", help="Parse only the files found in folders or by patterns that match (repeatable; '*.pdf', '2024/*').")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option("--exclude", metavar="GLOB", help="Leave out the files found in folders or by patterns that match, or that lie in a folder that matches (repeatable; 'drafts', '*-old.docx').")] = None,
    quiet: QuietOption = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="A line per file as it finishes, and every problem in the summary.")] = False,
) -> None:
    """Parse documents to JSON, JSONL, archive CSV or Excel.

    One file (or '-') prints to stdout. Several inputs, a folder or a glob pattern make a batch:
    files are parsed in parallel worker processes, each within --timeout, the outputs are
    ordered by input path whatever --jobs is, and with -o a manifest.jsonl records every
    input's status (ok, partial, failed, timeout, skipped). A bad file never stops a batch.
    """
    from ..batch import (
        NameFilter, Shard, discover, engine_named, is_pattern, output_collisions, parse_file, run_batch, write_export,
    )
    from ..export import document_json
    from .report import BatchProgress, print_summary

    export = EXPORT_FORMATS.get(fmt.value)
    if pretty and export is not None:
        _usage(f"--pretty cannot be used with --format {fmt.value}")
    if quiet and verbose:
        _usage("--quiet and --verbose exclude each other")
    if "-" in paths and len(paths) > 1:
        _usage("'-' (standard input) cannot be combined with other inputs")
    if resume and out_dir is None:
        _usage("--resume needs -o OUT_DIR (the outputs it keeps)")
    if export is not None and export.binary and out_dir is None and sys.stdout.isatty():
        _usage(f"--format {fmt.value} is a binary file: give -o OUT_DIR or redirect standard output")
    try:
        selected = Shard.parse(shard) if shard else None
        runner = engine_named(engine, scheduler)
    except ValueError as exc:
        _usage(str(exc))
    if len(paths) == 1 and out_dir is None and (paths[0] == "-" or not (Path(paths[0]).is_dir() or is_pattern(paths[0]))):
        _parse_one(paths[0], pdf_engine, ocr, export, pretty, quiet)
    if export is None and out_dir is None:
        _usage("a folder, a pattern or several inputs with --format json need -o OUT_DIR (or use --format jsonl)")
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        _usage(f"-o {out_dir} is not a folder")
    inputs = discover(paths, exclude=[out_dir] if out_dir else [], names=NameFilter(tuple(include or ()), tuple(exclude or ())))
    if selected is not None:
        inputs = [item for item in inputs if selected.holds(item)]
    if out_dir is not None and (collisions := output_collisions(inputs)):
        name, claimants = next(iter(collisions.items()))
        _usage(f"{' and '.join(claimants)} would both be written to {name}; pass their folder instead")
    try:
        if out_dir is not None:
            ensure_writable(out_dir)
        progress = BatchProgress(len(inputs), err, bar=not quiet, verbose=verbose)
        run = partial(run_batch, inputs, render=partial(document_json, pretty=pretty),
                      parse=partial(parse_file, pdf_engine=pdf_engine.value, ocr=ocr.value),
                      jobs=jobs, timeout=timeout or None, on_entry=progress, on_ocr_page=progress.ocr.page, engine=runner)
        entries = _run_interruptible(run, export, out_dir, resume, progress)
        if out_dir is not None:
            _write_manifest(out_dir, entries)
            if export is not None:
                write_export(export, entries, out_dir, out_dir / export.file_name)
    except OutputError as exc:
        output_failed(exc)
    if not quiet:
        print_summary(err, entries, progress, all_problems=verbose)
    raise typer.Exit(batch_exit_code(entries))


def _run_interruptible(run: Callable[..., list[ManifestEntry]], export: ExportFormat | None, out_dir: Path | None,
                       resume: bool, progress: BatchProgress) -> list[ManifestEntry]:
    """The batch, to files (gathered into an export afterwards) or to one stream on stdout;
    Ctrl-C or kill ends it with exit 130."""
    from ..batch import EngineUnavailable, printable
    from ..export import ExportItem

    try:
        with _interrupt_on_sigterm(), progress:
            if out_dir is not None or export is None:
                return run(out_dir=out_dir, resume=resume)
            writer = export.writer(Stdout())

            def emit(entry: ManifestEntry, text: str | None) -> None:
                if entry.status != "skipped":
                    writer.add(ExportItem(printable(entry.path), entry.status, entry.code, entry.message, text))

            entries = run(emit=emit)
            writer.close()
            return entries
    except KeyboardInterrupt:
        err.print("[yellow]interrupted:[/] finished outputs are kept; run again with --resume to go on")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except EngineUnavailable as exc:
        _usage(str(exc))


def _write_manifest(out_dir: Path, entries: list[ManifestEntry]) -> None:
    """The manifest in OUT; when it cannot be written there, on stderr, so that the log still
    records what was done."""
    from ..batch import MANIFEST_NAME, manifest_text, write_manifest

    try:
        write_manifest(out_dir / MANIFEST_NAME, entries)
    except OutputError:
        sys.stderr.write(manifest_text(entries))
        raise


def _usage(message: str) -> NoReturn:
    err.print(f"[red]error:[/] {message}")
    raise typer.Exit(EXIT_USAGE)


def _parse_one(path: str, pdf_engine: PdfEngine, ocr: OcrChoice, export: ExportFormat | None, pretty: bool,
               quiet: bool) -> NoReturn:
    """A single input, parsed in this process: the output on stdout, exit 0, 1, 3 or 5."""
    from ..batch import printable
    from ..export import ExportItem, document_json
    from .report import one_file_ocr

    try:
        with one_file_ocr(err, printable(path), shown=not quiet):
            doc = read_document(path, pdf_engine, ocr)
    except VbparseError as exc:
        print_input_error(printable(path), exc)
        raise typer.Exit(EXIT_UNREADABLE) from None
    try:
        if export is None:
            Stdout().write(document_json(doc, pretty=pretty))
        else:
            export.write([ExportItem.of(doc, document_json(doc))], Stdout())
    except OutputError as exc:
        output_failed(exc)
    raise typer.Exit(EXIT_DIAGNOSTIC_ERRORS if doc.has_errors else EXIT_OK)


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
