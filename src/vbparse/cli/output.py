"""Where the commands write: standard output and output folders, whose failures (a read-only
folder, a full disk, a closed or full pipe) are an OutputError and exit 5, never a traceback."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import typer
from rich.markup import escape

from ..errors import OutputError
from .common import EXIT_OUTPUT, err


class Stdout:
    """Standard output as bytes, flushed on every write so that a full disk or a closed pipe is
    seen here, as an OutputError, and not at interpreter exit."""

    def write(self, data: bytes | str) -> None:
        try:
            sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
            sys.stdout.buffer.flush()
        except OSError as exc:
            # what is still buffered would fail again at exit: let it go nowhere
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise OutputError(f"standard output cannot be written: {exc.strerror or exc}") from exc

    def flush(self) -> None:
        pass


def ensure_writable(folder: Path) -> None:
    """Create the output folder and try a file in it before any work is done."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".vbparse-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"the output folder cannot be written: {exc.strerror or exc}", path=str(folder)) from exc


def output_failed(exc: OutputError) -> NoReturn:
    err.print(f"[red]error:[/] {escape(str(exc))} [dim]({exc.code})[/]")
    raise typer.Exit(EXIT_OUTPUT)
