"""What is compared: the same answers read off a gold file and off a parsed Document.

Field names are the public names of the evaluation report and of the CI floors file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Document, Section
from .gold import Gold

HEADER_FIELDS = ("number", "date", "place", "issuer", "parent_issuer", "doc_type", "summary", "heading")
SIGNATURE_FIELDS = ("mode", "authority", "position", "signer")

# Report order. single: one value or none; bag: entries in any order; sequence: entries in order;
# citation fields are matched on (number, date) first, then compared on the matched pairs.
FIELDS: dict[str, str] = {
    **{f"header.{name}": "single" for name in HEADER_FIELDS},
    "kind": "single",
    "recipients": "bag",
    "distribution": "bag",
    "sections": "sequence",
    "citations": "citations",
    "citations.issuer": "citations",
    "citations.doc_type": "citations",
    **{f"signatures.{name}": "bag" for name in SIGNATURE_FIELDS},
}

# Section styles that carry no label of their own.
_UNLABELLED = {"bullet"}


@dataclass(frozen=True)
class CitationAnswer:
    number: str | None
    date: str | None
    doc_type: str | None
    issuer: str | None


@dataclass
class Answers:
    single: dict[str, str | None] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    citations: list[CitationAnswer] = field(default_factory=list)
    # the parser's confidence in its values: single field -> confidence; (signer, confidence) per block
    confidence: dict[str, float] = field(default_factory=dict)
    signer_confidence: list[tuple[str, float]] = field(default_factory=list)


def _signature_lists(blocks) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {f"signatures.{name}": [] for name in SIGNATURE_FIELDS}
    for block in blocks:
        lists["signatures.authority"].extend(block.authority)
        for name in ("mode", "position", "signer"):
            value = getattr(block, name)
            if value:
                lists[f"signatures.{name}"].append(value)
    return lists


def from_gold(gold: Gold) -> Answers:
    header = gold.header
    return Answers(
        single={**{f"header.{n}": getattr(header, n) for n in HEADER_FIELDS}, "kind": gold.kind},
        lists={
            "recipients": list(gold.recipients),
            "distribution": list(gold.distribution),
            "sections": list(gold.sections),
            **_signature_lists(gold.signatures),
        },
        citations=[CitationAnswer(c.number, c.date, c.doc_type, c.issuer) for c in gold.citations],
    )


def _section_paths(sections: list[Section]) -> list[str]:
    """Labels of the first two levels, a child as 'parent > child' (the gold notation)."""
    paths: list[str] = []
    for top in sections:
        if top.style in _UNLABELLED:
            continue
        paths.append(top.label)
        paths.extend(f"{top.label} > {child.label}" for child in top.children if child.style not in _UNLABELLED)
    return paths


def from_document(doc: Document) -> Answers:
    header = doc.header
    single: dict[str, str | None] = {f"header.{n}": getattr(header, n) for n in HEADER_FIELDS if n != "number"}
    # A draft's blank number ("Số:    /BC-UBND") is no number, as the gold writes it.
    single["header.number"] = header.number.text if header.number and header.number.serial else None
    single["kind"] = doc.kind
    return Answers(
        single=single,
        lists={
            "recipients": list(doc.recipients),
            "distribution": list(doc.distribution),
            "sections": _section_paths(doc.sections),
            **_signature_lists(doc.signatures),
        },
        citations=[
            CitationAnswer(c.number.text if c.number else None, _full_date(c.date), c.doc_type, c.issuer)
            for c in doc.citations
            if c.number is not None or _full_date(c.date) is not None
        ],
        confidence={f"header.{n}": c for n, c in header.confidence.items() if single.get(f"header.{n}") is not None},
        signer_confidence=[(s.signer, s.confidence) for s in doc.signatures if s.signer and s.confidence is not None],
    )


def _full_date(value: str | None) -> str | None:
    """Gold dates are full days; a year alone ('Luật Đất đai năm 2024') identifies no document."""
    return value if value and len(value) == 10 else None
