"""What the `vbparse` commands share: the app, the exit codes, options and reading an input."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup
from rich.console import Console
from rich.markup import escape

from .._version import __version__
from ..errors import VbparseError
from ..options import OcrMode as OcrChoice  # the name the commands know it by
from ..options import PdfEngine

if TYPE_CHECKING:  # the parser is imported by the commands that run it, not by `--help`
    from ..batch import ManifestEntry
    from ..model import Document

EXIT_OK, EXIT_DIAGNOSTIC_ERRORS, EXIT_USAGE, EXIT_UNREADABLE, EXIT_FAILED, EXIT_OUTPUT = 0, 1, 2, 3, 4, 5
EXIT_CHECK_FAILED = EXIT_DIAGNOSTIC_ERRORS  # `vbparse check` reuses 1
EXIT_INTERRUPTED = 130  # the shell's code for Ctrl-C

# The one table of exit codes, shown by --help and in the README.
EXIT_CODES = {
    EXIT_OK: "all inputs parsed cleanly (check: every check passed)",
    EXIT_DIAGNOSTIC_ERRORS: "parsed, but a document has errors in its diagnostics (a batch: some inputs "
    "partial; check: a check failed)",
    EXIT_USAGE: "usage error",
    EXIT_UNREADABLE: "an input could not be read (a single input; a batch records it as failed)",
    EXIT_FAILED: "a batch: some inputs failed or timed out (see the manifest)",
    EXIT_OUTPUT: "an output could not be written (read-only or missing folder, full disk, closed or full stdout)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C); finished outputs are kept, rerun with --resume",
}
EXIT_CODES_HELP = "Exit codes: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items()) + "."

# Words a user may put after a flag, expecting it to take a value (`--pretty true`).
_FLAG_VALUES = frozenset({"true", "false", "yes", "no", "on", "off", "1", "0"})


class _Commands(TyperGroup):
    """The command group; refuses `--flag true`, which would otherwise read `true` as an input."""

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        flags = {opt for param in getattr(command, "params", ()) if getattr(param, "is_flag", False) for opt in param.opts}
        options = rest[: rest.index("--")] if "--" in rest else rest  # after `--`, every word is an input
        for flag, word in zip(options, options[1:]):
            if flag in flags and word.lower() in _FLAG_VALUES and not os.path.exists(word):
                ctx.fail(f"{flag} takes no value: write {flag} alone ({word!r} would be read as an input)")
        return name, command, rest


app = typer.Typer(
    name="vbparse",
    cls=_Commands,
    help="Parse Vietnamese party and state documents into structured JSON.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def console(*, stderr: bool = False) -> Console:
    """A console for tables: off a terminal (a CI log, a file) 160 columns, not an 80-column squeeze."""
    out = Console(stderr=stderr, highlight=False)
    return out if out.is_terminal else Console(stderr=stderr, highlight=False, width=160)


err = console(stderr=True)


PdfEngineOption = Annotated[
    PdfEngine, typer.Option("--pdf-engine", help="PDF text extractor: pdfium (fast) or pdfplumber.")
]


OcrOption = Annotated[
    OcrChoice,
    typer.Option("--ocr", help="auto: OCR scanned PDF pages and images (needs Tesseract); always: every PDF page "
                               "too, for a garbled text layer; never: no OCR."),
]
JobsOption = Annotated[
    Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes for several inputs (default: the number of cores).")
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0, help="Seconds a file may take (as many again per page read by OCR) before its worker is killed; 0: no limit.")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vbparse {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = None,
) -> None:
    pass


def print_input_error(path: str, exc: VbparseError) -> None:
    """A typed input error on stderr; escaped, since messages may hold brackets."""
    err.print(f"[red]error:[/] {escape(path)}: {escape(exc.message)} [dim]({exc.code})[/]")


def read_document(path: str, engine: PdfEngine, ocr: OcrChoice) -> Document:
    from ..api import parse_bytes
    from ..batch import parse_file

    if path == "-":
        return parse_bytes(sys.stdin.buffer.read(), pdf_engine=engine, ocr=ocr)
    return parse_file(path, pdf_engine=engine, ocr=ocr)


def batch_exit_code(entries: Iterable[ManifestEntry]) -> int:
    from ..batch import FAILED_STATUSES

    statuses = {entry.status for entry in entries}
    if statuses & FAILED_STATUSES:
        return EXIT_FAILED
    return EXIT_DIAGNOSTIC_ERRORS if "partial" in statuses else EXIT_OK
