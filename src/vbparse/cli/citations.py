"""`vbparse citations`: every citation across a set of documents, and which of them cite which."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import UnreadableInputError, UnsupportedFormatError
from ..options import DEFAULT_TIMEOUT
from .common import (
    EXIT_CODES_HELP, EXIT_INTERRUPTED, JobsOption, OcrChoice, OcrOption, PdfEngine, PdfEngineOption, QuietOption, TimeoutOption, app,
    batch_exit_code, console, err,
)

if TYPE_CHECKING:  # the parser is imported when the command runs, not by `--help`
    from ..batch import ManifestEntry
    from ..model import Document


class CitationFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command(epilog=EXIT_CODES_HELP)
def citations(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns.")],
    fmt: Annotated[CitationFormat, typer.Option("--format", "-f", help="table (readable), csv (UTF-8 with BOM, for Excel) or json.")] = CitationFormat.table,
    pdf_engine: PdfEngineOption = PdfEngine.pdfium,
    ocr: OcrOption = OcrChoice.auto,
    jobs: JobsOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    quiet: QuietOption = False,
) -> None:
    """List every citation across documents: which documents cite which.

    Each citation comes with the document that makes it; `cited_path` names the documents of
    the set that carry the cited number (and date, when both are known). The JSON outputs of
    `vbparse parse … -o OUT` are read as they are (`vbparse citations OUT`), not parsed again.
    """
    from ..batch import discover, run_batch
    from ..export import CITATION_COLUMNS, CitationIndex, document_json, records_csv
    from ..model import Document
    from .report import print_problems

    index = CitationIndex()

    def take(_: ManifestEntry, text: str | None) -> None:
        if text is not None:
            index.add(Document.model_validate_json(text))

    try:
        inputs = [replace(item, supported=True) if _is_json(item.path) else item for item in discover(paths)]
        entries = run_batch(inputs, render=document_json, emit=take,
                            parse=partial(parse_or_load, pdf_engine=pdf_engine.value, ocr=ocr.value), jobs=jobs, timeout=timeout or None)
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None
    rows = index.rows()
    if fmt is CitationFormat.csv:
        sys.stdout.write(records_csv(CITATION_COLUMNS, rows))
    elif fmt is CitationFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        console().print(_table(rows))
    if not quiet:
        print_problems(err, entries)
    raise typer.Exit(batch_exit_code(entries))


def parse_or_load(path: str, *, pdf_engine: str, ocr: str) -> Document:
    """A document's JSON (an output of `vbparse parse`) loaded; any other file parsed."""
    from pydantic import ValidationError

    from ..batch import parse_file
    from ..model import Document

    if not _is_json(path):
        return parse_file(path, pdf_engine=pdf_engine, ocr=ocr)
    try:
        return Document.model_validate_json(Path(path).read_bytes())
    except OSError as exc:
        raise UnreadableInputError(exc.strerror or str(exc), path=path) from exc
    except ValidationError as exc:
        raise UnsupportedFormatError(f"a JSON file that is not a vbparse document ({exc.error_count()} errors)", path=path) from exc


def _is_json(path: str) -> bool:
    return path.lower().endswith(".json")


def _table(rows: list[dict[str, str | None]]) -> Table:
    table = Table("citing document", "cites", "date", "issuer", "in this set", title=f"{len(rows)} citations", title_justify="left")
    for row in rows:
        citing = " ".join(filter(None, [row["citing_path"], row["citing_number"] and f"({row['citing_number']})"]))
        cited = " ".join(filter(None, [row["doc_type"], row["number"] or row["name"]]))
        table.add_row(*(escape(value or "") for value in (citing, cited, row["date"], row["issuer"], row["cited_path"])))
    return table
