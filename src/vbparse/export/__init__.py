"""Exporters: Document -> text in a stable, byte-identical form."""

from .citations import CITATION_COLUMNS, CitationIndex
from .csv import ARCHIVE_COLUMNS, archive_csv_header, archive_csv_row, archive_record, records_csv
from .json import document_json, write_atomic

__all__ = [
    "ARCHIVE_COLUMNS", "CITATION_COLUMNS", "CitationIndex", "archive_csv_header", "archive_csv_row",
    "archive_record", "document_json", "records_csv", "write_atomic",
]
