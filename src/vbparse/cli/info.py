"""`vbparse schema` and `vbparse show`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from ..errors import VbparseError
from .common import (
    EXIT_DIAGNOSTIC_ERRORS, EXIT_OK, EXIT_UNREADABLE, OcrChoice, OcrOption, PdfEngine, PdfEngineOption, app,
    print_input_error, read_document,
)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output."""
    from ..schema import schema_text

    sys.stdout.write(schema_text())


@app.command()
def show(
    path: Annotated[str, typer.Argument(help="Input file; '-' reads standard input.")],
    pdf_engine: PdfEngineOption = PdfEngine.pdfium,
    ocr: OcrOption = OcrChoice.auto,
) -> None:
    """Print a readable tree of the parse."""
    from ..render import document_tree

    try:
        doc = read_document(path, pdf_engine, ocr)
    except VbparseError as exc:
        print_input_error(path, exc)
        raise typer.Exit(EXIT_UNREADABLE) from None
    Console().print(document_tree(doc))
    raise typer.Exit(EXIT_DIAGNOSTIC_ERRORS if doc.has_errors else EXIT_OK)


@app.command()
def lines(
    path: Annotated[str, typer.Argument(help="Input file.")],
    pdf_engine: PdfEngineOption = PdfEngine.pdfium,
    ocr: OcrOption = OcrChoice.auto,
) -> None:
    """Print each line's label, score and zone: why a field came out as it did."""
    from ..api import label_lines

    try:
        labelled = label_lines(path, pdf_engine=pdf_engine, ocr=ocr)
    except VbparseError as exc:
        print_input_error(path, exc)
        raise typer.Exit(EXIT_UNREADABLE) from None
    for line in labelled:
        if line.zone is not None:
            sys.stdout.write(f"{line.index:5} {line.zone:10} {line.label:18} {line.score:.2f}  {line.text}\n")
