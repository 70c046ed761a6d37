"""A document parses the same whichever form it comes in: txt, DOCX and PDF twins.

The twins in samples/docx and samples/pdf are made from the text samples by
scripts/make_twins.py (see samples/twins.md).
"""

from __future__ import annotations

import pytest

import vbparse

from .conftest import SAMPLES

TWINS = sorted(
    (txt, twin)
    for txt in SAMPLES.glob("*.txt")
    for twin in (SAMPLES / "docx" / f"{txt.stem}.docx", SAMPLES / "pdf" / f"{txt.stem}.pdf")
    if twin.exists()
)


def _labels(sections):
    return [(s.label, _labels(s.children)) for s in sections]


def comparable(doc: vbparse.Document) -> dict:
    h = doc.header
    return {
        "kind": doc.kind,
        "header": {
            "heading": h.heading, "motto": h.motto, "issuer": h.issuer, "parent_issuer": h.parent_issuer,
            "number": h.number.text if h.number else None, "place": h.place, "date": h.date,
            "doc_type": h.doc_type, "summary": h.summary,
        },
        "recipients": doc.recipients,
        "sections": _labels(doc.sections),
        "citations": [
            (c.doc_type, c.number.text if c.number else c.name, c.date, c.issuer) for c in doc.citations
        ],
        "signatures": [(s.mode, s.authority, s.position, s.signer) for s in doc.signatures],
        "distribution": doc.distribution,
    }


def test_every_document_sample_has_both_twins():
    documents = [p for p in SAMPLES.glob("*.txt") if vbparse.parse(p).kind == "document"]
    for txt in documents:
        assert (SAMPLES / "docx" / f"{txt.stem}.docx").exists(), txt.name
        assert (SAMPLES / "pdf" / f"{txt.stem}.pdf").exists(), txt.name


@pytest.mark.parametrize(("txt", "twin"), TWINS, ids=lambda p: p.name)
def test_twin_parses_like_the_text(txt, twin):
    expected = comparable(vbparse.parse(txt))
    actual = comparable(vbparse.parse(twin))
    for field in expected:
        assert actual[field] == expected[field], f"{twin.name}: {field}"


@pytest.mark.parametrize("twin", [t for _, t in TWINS if t.suffix == ".pdf"], ids=lambda p: p.name)
def test_pdf_twin_items_carry_pages(twin):
    doc = vbparse.parse(twin)
    assert doc.source.pages and doc.source.pages >= 1
    assert all(s.span.page for s in doc.sections)
    assert all(c.span.page for c in doc.citations)
    assert all(s.span.page for s in doc.signatures)


@pytest.mark.parametrize("twin", [t for _, t in TWINS][:4], ids=lambda p: p.name)
def test_binary_formats_parse_deterministically(twin):
    assert vbparse.parse(twin).model_dump_json() == vbparse.parse(twin).model_dump_json()
