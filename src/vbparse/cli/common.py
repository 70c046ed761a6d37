"""What the `vbparse` commands share: the app, exit codes, options and reading an input.

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

from .. import __version__
from ..api import parse as parse_document
from ..model import Document

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


def read_document(path: str, engine: PdfEngine) -> Document:
    if path == "-":
        return parse_document(sys.stdin.buffer.read(), path=None, pdf_engine=engine.value)
    return parse_document(Path(path), path=path, pdf_engine=engine.value)


def output_name(path: str, fmt: OutputFormat) -> str:
    return ("stdin" if path == "-" else Path(path).name) + ".json"
