"""Every citation across a set of documents, with the citing document and, when the cited
document is in the set too, its path: which documents cite which."""

from __future__ import annotations

from ..model import Citation, Document

CITATION_COLUMNS: tuple[str, ...] = (
    "citing_path", "citing_number", "citing_doc_type", "citing_date",
    "raw", "doc_type", "number", "date", "issuer", "name", "cited_path",
)


class CitationIndex:
    """Collects the citations of documents added one by one (only small rows are kept, so a
    large set streams through), then links each to the documents of the set it names."""

    def __init__(self) -> None:
        self._rows: list[dict[str, str | None]] = []
        self._numbered: dict[str, list[tuple[str, str | None]]] = {}  # number text -> (path, date)

    def add(self, doc: Document) -> None:
        """A document and the ones attached to it (each cites, and can be cited, on its own)."""
        path = doc.source.path or ""
        for part in _with_attachments(doc):
            h = part.header
            if h.number and h.number.serial:
                self._numbered.setdefault(h.number.text, []).append((path, h.date))
            citing = {"citing_path": path, "citing_number": h.number.text if h.number else None,
                      "citing_doc_type": h.doc_type, "citing_date": h.date}
            self._rows.extend({**citing, **_cited(c)} for c in part.citations)

    def rows(self) -> list[dict[str, str | None]]:
        """One row per citation, in the order the documents were added, keyed by CITATION_COLUMNS."""
        return [{**row, "cited_path": self._target(row)} for row in self._rows]

    def _target(self, row: dict[str, str | None]) -> str | None:
        """Paths of the documents with the cited number (other than the citing one), and with the
        cited date when both dates are known: numbers restart each year or term."""
        date = row["date"]
        paths = sorted({path for path, doc_date in self._numbered.get(row["number"] or "", ())
                        if path != row["citing_path"] and (not date or not doc_date or doc_date.startswith(date))})
        return "; ".join(paths) or None


def _with_attachments(doc: Document):
    yield doc
    for attachment in doc.attachments:
        yield from _with_attachments(attachment)


def _cited(citation: Citation) -> dict[str, str | None]:
    return {"raw": citation.raw, "doc_type": citation.doc_type,
            "number": citation.number.text if citation.number else None,
            "date": citation.date, "issuer": citation.issuer, "name": citation.name}
