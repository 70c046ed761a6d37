"""What an exporter is handed for each input of a set: its status and, when it parsed, its document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..model import Diagnostic, Document

_SHOWN_SEVERITIES = ("error", "warning")  # info diagnostics (OCR pages read, repairs) are no warning sign


@dataclass(frozen=True)
class ExportItem:
    """One input: `status` as in the manifest (ok, partial, failed, timeout), `code` and `message`
    saying why it is not ok, and `json` the document as written (None when nothing was parsed)."""

    path: str
    status: str
    code: str | None = None
    message: str | None = None
    json: str | None = None

    @classmethod
    def of(cls, doc: Document, json: str) -> ExportItem:
        """A document parsed on its own (no batch)."""
        return cls(doc.source.path or "", document_status(doc), json=json)

    @cached_property
    def document(self) -> Document | None:
        return Document.model_validate_json(self.json) if self.json is not None else None


def document_status(doc: Document) -> str:
    """ok, or partial when it (or an attachment) has an error diagnostic, as in the manifest."""
    return "partial" if doc.has_errors else "ok"


def diagnostics_summary(doc: Document) -> str:
    """What deserves a look in a document: the codes of its error and warning diagnostics, errors
    first, each with its count ('error header.date.invalid; warning header.summary.missing ×2')."""
    counts = Counter((d.severity, d.code) for d in all_diagnostics(doc) if d.severity in _SHOWN_SEVERITIES)
    ranked = sorted(counts.items(), key=lambda kv: _SHOWN_SEVERITIES.index(kv[0][0]))
    return "; ".join(f"{severity} {code}" + (f" ×{n}" if n > 1 else "") for (severity, code), n in ranked)


def all_diagnostics(doc: Document) -> Iterator[Diagnostic]:
    """A document's diagnostics and those of its attachments."""
    yield from doc.diagnostics
    for attachment in doc.attachments:
        yield from all_diagnostics(attachment)
