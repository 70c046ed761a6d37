"""Parquet for data pipelines (pyarrow, the `vbparse[parquet]` extra): one row per input.

Columns (SCHEMA): the input's `path`, `sha256`, batch `status`, `code` and `message`; the
document's `kind`, `title`, header fields (`date` a date), `pages`, OCR `confidence`, counts;
`recipients` and `distribution` as lists of strings, `citations`, `signatures` and `diagnostics`
as lists of structs; and `document`, the whole JSON as written. An input that gave no document
is a row with its status and error and nulls elsewhere (its sha256 too: the export item does
not carry it; the manifest has it). Rows are written in row groups of ROW_GROUP as they are
added, so memory stays flat however many documents; the same inputs give the same bytes.

    duckdb -c "SELECT status, count(*) FROM 'out/documents.parquet' GROUP BY status"
    pandas.read_parquet("out/documents.parquet", columns=["path", "number", "date"])
"""

from __future__ import annotations

import datetime
import json
from typing import Any, BinaryIO

from ..errors import ExportUnavailableError

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError:  # the extra is not installed: refused when the format is asked for
    pa = None  # type: ignore[assignment]

ROW_GROUP = 1000
_INSTALL = '--format parquet needs pyarrow: pip install "vbparse[parquet]"'


def _schema() -> pa.Schema:
    text, count = pa.string(), pa.int32()
    return pa.schema([
        ("path", text), ("sha256", text), ("status", text), ("code", text), ("message", text),
        ("kind", text), ("title", text), ("doc_type", text), ("number", text), ("serial", text),
        ("issuer", text), ("parent_issuer", text), ("place", text), ("date", pa.date32()),
        ("summary", text), ("family", text), ("heading", text), ("format", text), ("encoding", text),
        ("pages", count), ("confidence", pa.float64()),
        ("sections", count), ("attachments", count), ("errors", count), ("warnings", count),
        ("recipients", pa.list_(text)), ("distribution", pa.list_(text)),
        ("citations", pa.list_(pa.struct([("raw", text), ("doc_type", text), ("number", text), ("date", text),
                                          ("issuer", text), ("name", text)]))),
        ("signatures", pa.list_(pa.struct([("mode", text), ("authority", pa.list_(text)), ("position", text),
                                           ("signer", text)]))),
        ("diagnostics", pa.list_(pa.struct([("severity", text), ("code", text), ("message", text)]))),
        ("document", text),
    ])


def document_row(doc: dict[str, Any]) -> dict[str, Any]:
    """The columns taken from a document (its JSON, loaded: no model validation per row)."""
    source, header = doc["source"], doc["header"]
    number = header.get("number") or {}
    ocr = source.get("ocr") or {}
    severities = [d["severity"] for d in doc["diagnostics"]]
    return {
        "sha256": source["sha256"], "kind": doc["kind"], "title": doc.get("title"),
        "doc_type": header.get("doc_type"), "number": number.get("text"), "serial": number.get("serial"),
        "issuer": header.get("issuer"), "parent_issuer": header.get("parent_issuer"), "place": header.get("place"),
        "date": datetime.date.fromisoformat(header["date"]) if header.get("date") else None,
        "summary": header.get("summary"), "family": header.get("family"), "heading": header.get("heading"),
        "format": source["format"], "encoding": source.get("encoding"), "pages": source.get("pages"),
        "confidence": ocr.get("mean_confidence"),
        "sections": _count_sections(doc["sections"]), "attachments": len(doc["attachments"]),
        "errors": severities.count("error"), "warnings": severities.count("warning"),
        "recipients": doc["recipients"], "distribution": doc["distribution"],
        "citations": [{**{k: c.get(k) for k in ("raw", "doc_type", "date", "issuer", "name")},
                       "number": (c.get("number") or {}).get("text")} for c in doc["citations"]],
        "signatures": [{k: s.get(k) for k in ("mode", "authority", "position", "signer")} for s in doc["signatures"]],
        "diagnostics": [{k: d.get(k) for k in ("severity", "code", "message")} for d in doc["diagnostics"]],
    }


def _count_sections(sections: list[dict[str, Any]]) -> int:
    count, stack = 0, list(sections)  # a loop, not recursion: section trees can be deep
    while stack:
        count += 1
        stack.extend(stack.pop()["children"])
    return count


class ParquetWriter:
    """Rows are gathered and written a row group at a time to `out`; `close` writes the footer."""

    def __init__(self, out: BinaryIO) -> None:
        if pa is None:
            raise ExportUnavailableError(_INSTALL)
        self.schema = _schema()
        self._writer = pq.ParquetWriter(out, self.schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []

    def add(self, item: Any) -> None:
        """`item`: an ExportItem (path, status, code, message, json: the document or None)."""
        row = {"path": item.path, "status": item.status, "code": item.code, "message": item.message,
               "document": item.json.rstrip("\n") if item.json is not None else None}
        if item.json is not None:
            row.update(document_row(json.loads(item.json)))
        self._rows.append(row)
        if len(self._rows) >= ROW_GROUP:
            self._flush()

    def close(self) -> None:
        self._flush()
        self._writer.close()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            self._rows = []


def writer(out: BinaryIO) -> ParquetWriter:
    return ParquetWriter(out)
