"""The `vbparse` command: a thin layer over `vbparse.parse`, one module per command group."""

from __future__ import annotations

from . import check, citations, eval, export, info, parse  # noqa: F401  (each module registers its commands on `app`)
from .common import app


def main() -> None:
    """Console-script entry point; click's usage errors exit 2 already."""
    app()
