"""`vbparse check`: parse samples, validate them and compare them with expected JSON (CI, pre-commit)."""

from __future__ import annotations

import os
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.markup import escape

from ..options import DEFAULT_TIMEOUT
from .common import (
    EXIT_CHECK_FAILED, EXIT_CODES_HELP, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, JobsOption, OcrChoice, OcrOption, PdfEngine,
    PdfEngineOption, TimeoutOption, app, console, err,
)

if TYPE_CHECKING:  # the parser is imported when the command runs, not by `--help`
    from rich.table import Table

    from ..batch import ManifestEntry
    from ..check import CheckResult

_STYLE = {"pass": "green", "fail": "red", "updated": "yellow", "skipped": "dim"}


class FailOn(str, Enum):
    warning = "warning"
    error = "error"


@app.command(epilog=EXIT_CODES_HELP)
def check(
    paths: Annotated[list[str], typer.Argument(help="Sample files, folders or glob patterns.")],
    expect: Annotated[Optional[Path], typer.Option("--expect", metavar="DIR", help="Expected JSON per input, mirroring the inputs as `vbparse parse PATH -o DIR --pretty` writes them.")] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Fail a document with a diagnostic of this severity or worse.")] = FailOn.error,
    update: Annotated[bool, typer.Option("--update", help="Rewrite the expected files that differ or are missing (refused when CI is set).")] = False,
    pdf_engine: PdfEngineOption = PdfEngine.pdfium,
    ocr: OcrOption = OcrChoice.auto,
    jobs: JobsOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
) -> None:
    """Check parses against the schema, their diagnostics and expected JSON (for CI).

    Each input is parsed, validated against the schema, its diagnostics held to --fail-on, and
    compared with its expected JSON when there is one: a readable diff per field, then a
    pass/fail table.
    """
    from ..batch import discover, parse_file, run_batch
    from ..check import check_output, diff_lines
    from ..export import document_json

    if update and os.environ.get("CI"):
        err.print("[red]error:[/] --update is refused when CI is set: expected files are reviewed and committed by a person")
        raise typer.Exit(EXIT_USAGE)
    if update and expect is None:
        err.print("[red]error:[/] --update needs --expect DIR")
        raise typer.Exit(EXIT_USAGE)
    inputs = {item.path: item for item in discover(paths, exclude=[expect] if expect else [])}
    out = console()
    results: list[CheckResult] = []

    def take(entry: ManifestEntry, text: str | None) -> None:
        expected = expect / inputs[entry.path].output_name if expect else None
        result = check_output(entry, text, expected, fail_on=fail_on.value, update=update)
        results.append(result)
        if result.status == "fail":
            out.print(f"[red]FAIL[/] {escape(result.path)}")
            for line in [*result.problems, *diff_lines(list(result.diffs))]:
                out.print(f"  {escape(line)}")

    try:
        run_batch(list(inputs.values()), render=document_json, emit=take,
                  parse=partial(parse_file, pdf_engine=pdf_engine, ocr=ocr), jobs=jobs, timeout=timeout or None)
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None
    out.print(_table(results))
    raise typer.Exit(EXIT_CHECK_FAILED if any(r.status == "fail" for r in results) else EXIT_OK)


def _table(results: list[CheckResult]) -> Table:
    from rich.table import Table

    counts = {status: sum(r.status == status for r in results) for status in _STYLE}
    table = Table(title=", ".join(f"{n} {s}" for s, n in counts.items() if n), title_justify="left")
    table.add_column("path", overflow="fold")
    table.add_column("result")
    table.add_column("details")
    for result in results:
        changed = f"{len(result.diffs)} field{'s' if len(result.diffs) > 1 else ''} changed" if result.diffs else None
        details = "; ".join(filter(None, [*result.problems[:1], changed]))
        table.add_row(escape(result.path), f"[{_STYLE[result.status]}]{result.status}[/]", escape(details))
    return table
