"""`vbparse export`: gather the per-document JSON of an earlier run into one file, parsing nothing."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from ..errors import OutputError
from ..export import EXPORT_FORMATS
from .common import EXIT_CODES_HELP, EXIT_USAGE, app, batch_exit_code, err
from .output import Stdout, output_failed

ExportChoice = Enum("ExportChoice", {name: name for name in EXPORT_FORMATS}, type=str)


@app.command(epilog=EXIT_CODES_HELP)
def export(
    out_dir: Annotated[Path, typer.Argument(metavar="OUT", help="The output folder of `vbparse parse … -o OUT`.")],
    fmt: Annotated[ExportChoice, typer.Option("--format", "-f", help="; ".join(f"{f.name}: {f.help}" for f in EXPORT_FORMATS.values()) + ".")],
    output: Annotated[Optional[str], typer.Option("--output", metavar="FILE", help="Where to write: a file, or '-' for standard output (default: OUT/documents.FORMAT).")] = None,
) -> None:
    """Build an export (CSV, Excel, JSONL…) from the documents a run wrote, without parsing again.

    Reads OUT/manifest.jsonl and the JSON it names: one row per input in the manifest's order,
    failed inputs included with their error. The exit code is the run's.
    """
    from ..batch import MANIFEST_NAME, export_items, read_manifest, write_export

    fmt_ = EXPORT_FORMATS[fmt.value]
    if output == "-" and fmt_.binary and sys.stdout.isatty():
        err.print(f"[red]error:[/] --format {fmt_.name} is a binary file: redirect standard output or give --output FILE")
        raise typer.Exit(EXIT_USAGE)
    try:
        entries = read_manifest(out_dir / MANIFEST_NAME)
    except (OSError, ValueError) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}: `vbparse parse … -o {escape(str(out_dir))}` writes the manifest when "
                  "it ends (finish an interrupted run with --resume)")
        raise typer.Exit(EXIT_USAGE) from None
    try:
        if output == "-":
            fmt_.write(export_items(entries, out_dir), Stdout())
        else:
            write_export(fmt_, entries, out_dir, Path(output) if output else out_dir / fmt_.file_name)
    except OutputError as exc:
        output_failed(exc)
    raise typer.Exit(batch_exit_code(entries))
