"""The `vbparse` command: a thin layer over `vbparse.parse`.

Exit codes: 0 parsed cleanly; 1 parsed, with errors in diagnostics; 2 usage error;
3 an input could not be read (missing, empty, binary, undecodable, unsupported).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .api import parse as parse_document
from .errors import VbparseError
from .export import document_json, write_atomic
from .model import Document

EXIT_OK, EXIT_DIAGNOSTIC_ERRORS, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3

EXIT_CODES_HELP = (
    "Exit codes: 0 all inputs parsed cleanly; 1 parsed, but a document has errors in its "
    "diagnostics; 2 usage error; 3 an input could not be read."
)

app = typer.Typer(
    name="vbparse",
    help="Parse Vietnamese party and state documents into structured JSON.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"


class PdfEngine(str, Enum):
    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


PdfEngineOption = Annotated[
    PdfEngine, typer.Option("--pdf-engine", help="PDF text extractor: pdfium (fast) or pdfplumber.")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vbparse {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = None,
) -> None:
    pass


def _read(path: str, engine: PdfEngine) -> Document:
    if path == "-":
        return parse_document(sys.stdin.buffer.read(), path=None, pdf_engine=engine.value)
    return parse_document(Path(path), path=path, pdf_engine=engine.value)


def _output_name(path: str, fmt: OutputFormat) -> str:
    return ("stdin" if path == "-" else Path(path).name) + ".json"


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
            doc = _read(path, pdf_engine)
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
            write_atomic(out_dir / _output_name(path, fmt), text)
        else:
            sys.stdout.write(text)
    if jsonl_lines:
        if out_dir is not None:
            write_atomic(out_dir / "documents.jsonl", "".join(jsonl_lines))
        else:
            sys.stdout.write("".join(jsonl_lines))
    raise typer.Exit(status)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output."""
    from .schema import schema_text

    sys.stdout.write(schema_text())


@app.command()
def show(
    path: Annotated[str, typer.Argument(help="Input file; '-' reads standard input.")],
    pdf_engine: PdfEngineOption = PdfEngine.pdfium,
) -> None:
    """Print a readable tree of the parse."""
    from .render import document_tree

    try:
        doc = _read(path, pdf_engine)
    except VbparseError as exc:
        err.print(f"[red]error:[/] {path}: {exc.message} [dim]({exc.code})[/]")
        raise typer.Exit(EXIT_UNREADABLE) from None
    Console().print(document_tree(doc))
    raise typer.Exit(EXIT_DIAGNOSTIC_ERRORS if doc.has_errors else EXIT_OK)


def main() -> None:
    """Console-script entry point; click's usage errors exit 2 already."""
    app()
