"""The archive table as an Excel workbook (openpyxl, the `vbparse[xlsx]` extra).

The columns and rows of the archive CSV, written so that a spreadsheet keeps them as they are:
codes (`typeName` 01, `codeNumber` 09, `language` 01…) are text, not numbers that lose their
leading zero; `issuedDate` is a date, not text that a day-first/month-first guess turns into
9 April; `numberOfPage` a number. The header row is frozen and filtered. The file is the same
bytes for the same inputs: its creation time and every ZIP member dated 1980-01-01.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import BinaryIO

from ..errors import ExportUnavailableError
from .csv import ARCHIVE_COLUMNS, export_record
from .item import ExportItem

try:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.xml.functions import tostring
except ImportError:  # the extra is not installed: refused when the format is asked for
    Workbook = None  # type: ignore[assignment,misc]

SHEET = "documents"
DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
_CORE_PROPERTIES = "docProps/core.xml"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_WIDTHS = {"path": 48, "organName": 40, "subject": 60, "diagnostics": 60, "Position": 30, "FullName": 30}


class XlsxWriter:
    """Rows are added to a write-only sheet (streamed to a temporary file, not held as cells);
    the workbook is written to `out` on close."""

    def __init__(self, out: BinaryIO) -> None:
        if Workbook is None:
            raise ExportUnavailableError('--format xlsx needs openpyxl: pip install "vbparse[xlsx]"')
        self.out = out
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet(SHEET)
        self.sheet.freeze_panes = "A2"
        for index, column in enumerate(ARCHIVE_COLUMNS, 1):
            self.sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(column, 14)
        bold = Font(bold=True)
        self.sheet.append([self._cell(column, font=bold) for column in ARCHIVE_COLUMNS])
        self.rows = 1

    def add(self, item: ExportItem) -> None:
        record = export_record(item)
        doc = item.document
        values: dict[str, object] = dict(record)
        if doc is not None and doc.header.date:
            values["issuedDate"] = datetime.date.fromisoformat(doc.header.date)
        if doc is not None and doc.source.pages:
            values["numberOfPage"] = doc.source.pages
        self.sheet.append([self._cell(values[column]) for column in ARCHIVE_COLUMNS])
        self.rows += 1

    def close(self) -> None:
        self.sheet.auto_filter.ref = f"A1:{get_column_letter(len(ARCHIVE_COLUMNS))}{self.rows}"
        buffer = io.BytesIO()
        self.book.save(buffer)
        self.book.properties.created = self.book.properties.modified = datetime.datetime(*_ZIP_EPOCH)
        self.out.write(_reproducible(buffer.getvalue(), tostring(self.book.properties.to_tree())))

    def _cell(self, value: object, **style: object) -> WriteOnlyCell:
        if isinstance(value, str):
            # text that a spreadsheet must not read as a number; control characters are not XML
            cell = WriteOnlyCell(self.sheet, ILLEGAL_CHARACTERS_RE.sub("", value) or None)
            cell.number_format = TEXT_FORMAT
        else:
            cell = WriteOnlyCell(self.sheet, value)
            if isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell


def _reproducible(workbook: bytes, core_properties: bytes) -> bytes:
    """The same workbook with fixed member dates and the given (fixed-date) core properties."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = core_properties if info.filename == _CORE_PROPERTIES else source.read(info)
            target.writestr(zipfile.ZipInfo(info.filename, _ZIP_EPOCH), data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


writer = XlsxWriter  # the registry's entry point (see vbparse.export)
