"""`vbparse check`: parse samples, validate them and compare them with expected JSON (CI, pre-commit)."""

from __future__ import annotations

import os
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from ..options import DEFAULT_TIMEOUT
from .common import (
    EXIT_CHECK_FAILED, EXIT_CODES_HELP, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, JobsOption, OcrChoice, OcrOption, PdfEngine,
    PdfEngineOption, TimeoutOption, app, console, err,
)

if TYPE_CHECKING:  # the parser is imported when the command runs, not by `--help`
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
    from ..check import CheckResult, check_output, diff_lines, orphans
    from ..export import document_json

    if update and os.environ.get("CI"):
        err.print("[red]error:[/] --update is refused when CI is set: expected files are reviewed and committed by a person")
        raise typer.Exit(EXIT_USAGE)
    if update and expect is None:
        err.print("[red]error:[/] --update needs --expect DIR")
        raise typer.Exit(EXIT_USAGE)
    if expect is not None and not update and not expect.is_dir():
        err.print(f"[red]error:[/] --expect {escape(str(expect))} is not a folder: nothing would be compared")
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
                  parse=partial(parse_file, pdf_engine=pdf_engine.value, ocr=ocr.value), jobs=jobs, timeout=timeout or None)
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if expect is not None and all(Path(p).is_dir() for p in paths):
        for orphan in orphans(expect, {item.output_name for item in inputs.values()}):
            results.append(CheckResult(str(orphan), "fail", ("expected file without an input (deleted or renamed?)",)))
            out.print(f"[red]FAIL[/] {escape(str(orphan))}: expected file without an input (deleted or renamed?)")
    out.print(_table(results, expect is not None))
    nothing = _nothing_compared(results, expect)
    if nothing:
        err.print(f"[red]error:[/] {escape(nothing)}")
    raise typer.Exit(EXIT_CHECK_FAILED if nothing or any(r.status == "fail" for r in results) else EXIT_OK)


def _nothing_compared(results: list[CheckResult], expect: Path | None) -> str | None:
    """Why the run checked nothing, which is a failure: a check that compares nothing passes
    whatever the parser does."""
    if not any(r.status != "skipped" for r in results):
        return "no document to check: the inputs matched no file vbparse reads"
    if expect is not None and not any(r.compared for r in results):
        return f"no input has an expected file in {expect}: nothing was compared (--update creates them)"
    return None


def _table(results: list[CheckResult], expecting: bool) -> Table:
    counts = {status: sum(r.status == status for r in results) for status in _STYLE}
    table = Table(title=", ".join(f"{n} {s}" for s, n in counts.items() if n), title_justify="left")
    table.add_column("path", overflow="fold")
    table.add_column("result")
    table.add_column("details")
    for result in results:
        changed = f"{len(result.diffs)} field{'s' if len(result.diffs) > 1 else ''} changed" if result.diffs else None
        uncompared = "no expected file" if expecting and not result.compared and result.status == "pass" else None
        details = "; ".join(filter(None, [*result.problems[:1], changed, uncompared]))
        table.add_row(escape(result.path), f"[{_STYLE[result.status]}]{result.status}[/]", escape(details))
    return table
