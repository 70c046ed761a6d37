"""Exporters: Document -> text in a stable, byte-identical form, and the registry of the formats
that gather a whole set of documents into one file.

A format is one `ExportFormat` entry in EXPORT_FORMATS: `vbparse parse --format NAME` and
`vbparse export OUT --format NAME` both offer every registered format. Its module has a
`writer(out: BinaryIO)` returning an object with `add(item: ExportItem)` (one call per input,
in path order, failed inputs included) and `close()` (finish the file). Modules are imported
on first use, so a format's dependency (openpyxl for xlsx) is needed only by those who use it;
so are the exporters named below (PEP 562), so that the CLI can list the formats in its help
without importing the parser.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .citations import CITATION_COLUMNS, CitationIndex
    from .csv import ARCHIVE_COLUMNS, archive_record, records_csv
    from .item import ExportItem, all_diagnostics
    from .json import document_json, open_atomic, write_atomic

# name -> the module below vbparse.export that defines it, imported on first use
_LAZY = {
    "CITATION_COLUMNS": "citations", "CitationIndex": "citations",
    "ARCHIVE_COLUMNS": "csv", "archive_record": "csv", "records_csv": "csv",
    "ExportItem": "item", "all_diagnostics": "item",
    "document_json": "json", "open_atomic": "json", "write_atomic": "json",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


class ExportWriter(Protocol):
    def add(self, item: "ExportItem") -> None: ...
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

    def write(self, items: Iterable["ExportItem"], out: BinaryIO) -> None:
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
register(ExportFormat("parquet", "parquet", True, "one row per input with nested lists and the whole JSON, for data pipelines"))

__all__ = [
    "ARCHIVE_COLUMNS", "CITATION_COLUMNS", "EXPORT_FORMATS", "CitationIndex", "ExportFormat", "ExportItem",
    "ExportWriter", "all_diagnostics", "archive_record", "document_json", "open_atomic", "records_csv", "register",
    "write_atomic",
]
