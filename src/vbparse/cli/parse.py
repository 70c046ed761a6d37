"""`vbparse parse`: documents to JSON or JSONL."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import VbparseError
from ..export import document_json, write_atomic
from .common import (
    EXIT_DIAGNOSTIC_ERRORS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, OutputFormat, PdfEngine,
    PdfEngineOption, app, err, output_name, read_document,
)


@app.command()
def parse(
    paths: Annotated[list[str], typer.Argument(help="Input files; '-' reads standard input.")],
    out_dir: Annotated[Optional[Path], typer.Option("-o", "--out", help="Write one output per input into this folder.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="json: one document per output; jsonl: one line per document.")] = OutputFormat.json,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indent JSON output.")] = False,
    pdf_engine: PdfEngineOption = PdfEngine.pdfium,
) -> None:
    """Parse documents to JSON: one file to stdout, several (or -o) to one file each.

    Exit codes: 0 all inputs parsed cleanly; 1 parsed, but a document has errors in its
    diagnostics; 2 usage error; 3 an input could not be read.
    """
    if fmt is OutputFormat.jsonl and pretty:
        err.print("[red]error:[/] --pretty cannot be used with --format jsonl")
        raise typer.Exit(EXIT_USAGE)
    to_files = out_dir is not None or (len(paths) > 1 and fmt is OutputFormat.json)
    if to_files and out_dir is None:
        err.print("[red]error:[/] several inputs with --format json need -o OUT_DIR (or use --format jsonl)")
        raise typer.Exit(EXIT_USAGE)
    status = EXIT_OK
    jsonl_lines: list[str] = []
    for path in paths:
        try:
            doc = read_document(path, pdf_engine)
        except VbparseError as exc:
            err.print(f"[red]error:[/] {path}: {exc.message} [dim]({exc.code})[/]")
            status = max(status, EXIT_UNREADABLE)
            continue
        if doc.has_errors:
            status = max(status, EXIT_DIAGNOSTIC_ERRORS)
        text = document_json(doc, pretty=pretty and fmt is OutputFormat.json)
        if fmt is OutputFormat.jsonl:
            jsonl_lines.append(text)
        elif out_dir is not None:
            write_atomic(out_dir / output_name(path, fmt), text)
        else:
            sys.stdout.write(text)
    if jsonl_lines:
        if out_dir is not None:
            write_atomic(out_dir / "documents.jsonl", "".join(jsonl_lines))
        else:
            sys.stdout.write("".join(jsonl_lines))
    raise typer.Exit(status)
