"""Exporters: Document -> text in a stable, byte-identical form, and the registry of the formats
that gather a whole set of documents into one file.

A format is one `ExportFormat` entry in EXPORT_FORMATS: `vbparse parse --format NAME` and
`vbparse export OUT --format NAME` both offer every registered format. Its module has a
`writer(out: BinaryIO)` returning an object with `add(item: ExportItem)` (one call per input,
in path order, failed inputs included) and `close()` (finish the file). Modules are imported
on first use, so a format's dependency (openpyxl for xlsx) is needed only by those who use it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from .citations import CITATION_COLUMNS, CitationIndex
from .csv import ARCHIVE_COLUMNS, archive_record, records_csv
from .item import ExportItem, all_diagnostics
from .json import document_json, open_atomic, write_atomic


class ExportWriter(Protocol):
    def add(self, item: ExportItem) -> None: ...
    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    module: str  # below vbparse.export, holding `writer`
    binary: bool  # bytes that a terminal cannot show (xlsx)
    help: str

    @property
    def file_name(self) -> str:
        return f"documents.{self.name}"

    def writer(self, out: BinaryIO) -> ExportWriter:
        return importlib.import_module(f"{__name__}.{self.module}").writer(out)

    def write(self, items: Iterable[ExportItem], out: BinaryIO) -> None:
        writer = self.writer(out)
        for item in items:
            writer.add(item)
        writer.close()


EXPORT_FORMATS: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat) -> None:
    EXPORT_FORMATS[fmt.name] = fmt


register(ExportFormat("jsonl", "json", False, "one line per document"))
register(ExportFormat("csv", "csv", False, "one archive metadata row per input (TT 05/2025/TT-BNV), with status"))
register(ExportFormat("xlsx", "xlsx", True, "the csv rows as an Excel workbook: codes as text, dates as dates"))

__all__ = [
    "ARCHIVE_COLUMNS", "CITATION_COLUMNS", "EXPORT_FORMATS", "CitationIndex", "ExportFormat", "ExportItem",
    "ExportWriter", "all_diagnostics", "archive_record", "document_json", "open_atomic", "records_csv", "register",
    "write_atomic",
]
