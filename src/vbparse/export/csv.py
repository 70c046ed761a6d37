"""CSV for archives: one row per document with the metadata fields of TT 05/2025/TT-BNV.

Columns: `path`, then the per-document fields of TT 05/2025/TT-BNV (which replaced TT 02/2019)
under their tags and in their order, then the signer fields of NĐ 30/2020/NĐ-CP Phụ lục VI
(`Position`, `FullName`), then `doc_type` (the type's name, which `typeName` gives as a code)
and `over_max_length` (fields longer than the standard allows, kept whole rather than cut),
then `status` (ok, partial, failed, timeout) and `diagnostics` (what to look at: the error of a
file that gave no document, else the error and warning codes), so that a file that failed has
its row and OCR garbage does not pass for a clean row. Fields the archive assigns (docId,
docCode, maintenance, …) stay empty. Files start with a UTF-8 byte-order mark, without which
Excel reads them as the local code page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import BinaryIO

from ..model import Document, DocumentNumber, Source
from ..normalise.fold import fold_tones
from ..patterns import shape
from .item import ExportItem, diagnostics_summary, document_status

BOM = "\ufeff"

# (tag, maximum length) in the order of TT 05/2025/TT-BNV; None: no limit given.
ARCHIVE_FIELDS: tuple[tuple[str, int | None], ...] = (
    ("docId", 25), ("docCode", 100), ("maintenance", 100), ("typeName", 10), ("codeNumber", 11),
    ("codeNotation", 30), ("issuedDate", 10), ("organName", 200), ("subject", 500), ("language", 100),
    ("numberOfPage", 4), ("inforSign", 30), ("keyword", 100), ("mode", 20), ("confidenceLevel", 30),
    ("autograph", 2000), ("format", 50), ("description", 500),
    ("Position", 100), ("FullName", 50),  # NĐ 30/2020/NĐ-CP Phụ lục VI
)
ARCHIVE_COLUMNS: tuple[str, ...] = (
    "path", *(tag for tag, _ in ARCHIVE_FIELDS), "doc_type", "over_max_length", "status", "diagnostics",
)

# typeName code list of TT 05/2025/TT-BNV; a type not in it is 32 (Khác).
TYPE_CODES: dict[str, str] = {
    "Nghị quyết": "01", "Quyết định": "02", "Chỉ thị": "03", "Quy chế": "04", "Quy định": "05",
    "Thông cáo": "06", "Thông báo": "07", "Hướng dẫn": "08", "Chương trình": "09", "Kế hoạch": "10",
    "Phương án": "11", "Đề án": "12", "Dự án": "13", "Báo cáo": "14", "Tờ trình": "15",
    "Giấy ủy quyền": "16", "Phiếu gửi": "17", "Phiếu chuyển": "18", "Phiếu báo": "19",
    "Biên bản": "20", "Hợp đồng": "21", "Công văn": "22", "Công điện": "23", "Bản ghi nhớ": "24",
    "Bản thỏa thuận": "25", "Giấy mời": "26", "Giấy giới thiệu": "27", "Giấy nghỉ phép": "28",
    "Thư công": "29", "Bản đồ": "30", "Bản vẽ kỹ thuật": "31",
}
OTHER_TYPE_CODE = "32"
LANGUAGE_VIETNAMESE = "01"
MODE_SECRET = "03"  # Mật: the document carries a secrecy mark
# confidenceLevel: 01 Gốc điện tử (electronically signed), 02 Số hóa (read by OCR), 03 Hỗn hợp
# (some pages by OCR, the others from a text layer)
CONFIDENCE_BORN_DIGITAL, CONFIDENCE_DIGITISED, CONFIDENCE_MIXED = "01", "02", "03"

# A secrecy mark printed on its own line in the header area (NĐ 30/2020/NĐ-CP, Phụ lục I).
_SECRECY_MARK = shape(r"^\s*(?:TUYỆT\s+MẬT|TỐI\s+MẬT|MẬT)\s*$")


def export_record(item: ExportItem) -> dict[str, str]:
    """The row of an input of a set: its document's, or its path, status and error."""
    if item.document is not None:
        return archive_record(item.document)
    failed = {"path": item.path, "status": item.status, "diagnostics": f"{item.code}: {item.message}"}
    return {column: failed.get(column) or "" for column in ARCHIVE_COLUMNS}


def archive_record(doc: Document) -> dict[str, str]:
    """The row of a document, by column name; empty strings where nothing is known."""
    h = doc.header
    values = {
        "typeName": TYPE_CODES.get(h.doc_type, OTHER_TYPE_CODE) if h.doc_type else None,
        "codeNumber": h.number.serial if h.number else None,
        "codeNotation": _notation(h.number) if h.number else None,
        "issuedDate": "/".join(reversed(h.date.split("-"))) if h.date else None,
        "organName": h.issuer,
        "subject": h.summary,
        "language": LANGUAGE_VIETNAMESE,
        "numberOfPage": str(doc.source.pages) if doc.source.pages else None,
        "mode": MODE_SECRET if _has_secrecy_mark(doc) else None,
        "confidenceLevel": _confidence(doc.source),
        "Position": "; ".join(s.position for s in doc.signatures if s.position),
        "FullName": "; ".join(s.signer for s in doc.signatures if s.signer),
    }
    over = [tag for tag, limit in ARCHIVE_FIELDS if limit and len(values.get(tag) or "") > limit]
    row = {"path": doc.source.path, **values, "doc_type": h.doc_type, "over_max_length": " ".join(over),
           "status": document_status(doc), "diagnostics": diagnostics_summary(doc)}
    return {column: row.get(column) or "" for column in ARCHIVE_COLUMNS}


class CsvWriter:
    """The archive CSV: byte-order mark and header first, then a row per input as added."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        out.write((BOM + csv_lines([ARCHIVE_COLUMNS])).encode("utf-8"))

    def add(self, item: ExportItem) -> None:
        self.out.write(csv_lines([list(export_record(item).values())]).encode("utf-8"))

    def close(self) -> None:
        pass


writer = CsvWriter  # the registry's entry point (see vbparse.export)


def csv_lines(rows: Iterable[Sequence[str]]) -> str:
    """Rows as CSV text: quoted where needed, CRLF line ends (RFC 4180, as Excel writes them)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def records_csv(columns: Sequence[str], records: Iterable[Mapping[str, str | None]]) -> str:
    """A whole CSV file (byte-order mark, header, rows) from records keyed by column."""
    return BOM + csv_lines([columns, *([record.get(c) or "" for c in columns] for record in records)])


def _notation(number: DocumentNumber) -> str:
    """The symbol without the serial and year: 307-NQ/TU -> NQ/TU, 30/2020/NĐ-CP -> NĐ-CP."""
    rest = number.text.removeprefix(number.serial or "").lstrip("-/")
    return rest.removeprefix(f"{number.year}/") if number.year is not None else rest


def _confidence(source: Source) -> str | None:
    if source.ocr is not None:
        some_pages = source.pages is not None and len(source.ocr.pages) < source.pages
        return CONFIDENCE_MIXED if some_pages else CONFIDENCE_DIGITISED
    return CONFIDENCE_BORN_DIGITAL if source.digital_signature else None


def _has_secrecy_mark(doc: Document) -> bool:
    header = next((zone.span for zone in doc.zones if zone.name == "header"), None)
    if header is None:
        return False
    return any(_SECRECY_MARK.match(fold_tones(line)) for line in doc.text[: header.end].splitlines())
