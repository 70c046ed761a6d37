"""`vbparse eval`: score the parser against hand-checked gold files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from .common import EXIT_OK, EXIT_USAGE, app, err

EXIT_BELOW_FLOOR = 1


def _read_json(path: Path, what: str) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        err.print(f"[red]error:[/] cannot read {what} {path}: {exc}")
        raise typer.Exit(EXIT_USAGE) from None


@app.command("eval")
def eval_command(
    gold: Annotated[list[Path], typer.Argument(help="Gold files or folders of them (see gold/README.md).")],
    report: Annotated[Optional[Path], typer.Option("--report", help="Write the full JSON report here.")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="An earlier --report: show what each document gained or lost since.")] = None,
    floors: Annotated[Optional[Path], typer.Option("--floors", help="JSON {field: minimum soft F1}; exit 1 when a field falls below.")] = None,
    details: Annotated[bool, typer.Option("--details", help="List every missed and spurious value per document (soft level).")] = False,
    skip_tag: Annotated[list[str], typer.Option("--skip-tag", help="Leave out gold files with this tag (e.g. scanned); repeatable.")] = [],
    variants: Annotated[bool, typer.Option("--variants", help="Also score each corpus PDF's layout text and OCR text (txt-layout/, txt-ocr/) against its gold.")] = False,
    half: Annotated[Optional[str], typer.Option("--half", help="Score only the 'tune' or the 'check' half (a fixed hash of the document name).")] = None,
    breakdown: Annotated[bool, typer.Option("--breakdown", help="Also print soft F1 of the target fields per input kind and half.")] = False,
    calibration: Annotated[bool, typer.Option("--calibration", help="Also print, per half and confidence band, the share of values that were right.")] = False,
) -> None:
    """Score vbparse against gold files: precision, recall and F1 per field, strict and soft.

    Exit codes: 0 scored; 1 a field is below its --floors minimum; 2 unreadable gold or usage error.
    """
    from ..evaluate import (
        GoldError, below_floors, breakdown_table, calibration_table, changes_since, errors_by_document, collect_gold,
        evaluate, report_json, summary_table, totals,
    )
    from ..evaluate.split import HALVES
    from ..export import write_atomic

    try:
        entries = collect_gold(gold)
    except GoldError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    earlier = _read_json(baseline, "baseline") if baseline else None
    minimums = _read_json(floors, "floors") if floors else None
    if half not in (None, *HALVES):
        err.print(f"[red]error:[/] --half takes {' or '.join(HALVES)}, not {half!r}")
        raise typer.Exit(EXIT_USAGE)
    results = [r for r in evaluate(entries, variants=variants) if half in (None, r.half)]
    summary = totals(results, frozenset(skip_tag))
    out = Console()
    if not out.is_terminal:  # a pipe or file gets the whole table, not an 80-column squeeze
        out = Console(width=170)
    out.print(summary_table(summary, earlier))
    skipped = [r.gold for r in results if r.status == "skipped"]
    failed = [f"{r.gold} ({r.error})" for r in results if r.status == "error"]
    scored = len(results) - len(skipped)
    out.print(f"{scored} documents scored, {len(skipped)} skipped (document absent), {len(failed)} unreadable")
    for line in failed:
        out.print(f"  unreadable: {line}")
    if breakdown:
        out.print(breakdown_table(results, frozenset(skip_tag)))
    if calibration:
        out.print(calibration_table(results, frozenset(skip_tag)))
    if details:
        for line in errors_by_document(results):
            out.print(line, markup=False, highlight=False)
    if earlier is not None:
        for line in changes_since(earlier, results) or ["no document gained or lost a value"]:
            out.print(line, markup=False, highlight=False)
    if report is not None:
        write_atomic(report, report_json(results, summary, skip_tag))
    if minimums is not None:
        failures = below_floors(summary, minimums)
        for line in failures:
            err.print(f"[red]below floor:[/] {line}")
        if failures:
            raise typer.Exit(EXIT_BELOW_FLOOR)
    raise typer.Exit(EXIT_OK)
