"""Problem files of ../shared/corpus (SOURCES.md): scans, garbled OCR, TCVN3, bundled documents.
They must come out with the right diagnostic or structure, never a bogus parse."""

from __future__ import annotations

import pytest

import vbparse

from .conftest import shared_path


def codes(doc, severity="error"):
    return {d.code for d in doc.diagnostics if d.severity == severity}


@pytest.mark.parametrize("name", ["ttr-511-ttr-cat-pc04-2025-scan.pdf", "cv-4409-bca-c04-2025-saoy-image.pdf"])
def test_scans_report_the_missing_text_layer(name):
    doc = vbparse.parse(shared_path("corpus", "pdf", name), ocr="never")  # read by OCR: test_ocr.py
    assert "pdf.no_text_layer" in codes(doc)
    assert doc.header.number is None and doc.signatures == []


@pytest.mark.parametrize(
    "name", ["cv-bao-ptth-lamdong-tinhuy-2025-garbled-ocr.pdf", "tb-493-tb-ubnd-lamdong-2025-garbled-ocr.pdf"]
)
def test_garbled_ocr_is_reported_and_read_again_by_ocr(name):
    path = shared_path("corpus", "pdf", name)
    assert "text.diacritics_missing" in codes(vbparse.parse(path, ocr="never"))
    # auto: a scan under an OCR layer without diacritics is read again (when Tesseract is there)
    doc = vbparse.parse(path)
    if doc.source.ocr is not None:
        assert doc.source.ocr.pages and "text.diacritics_missing" not in codes(doc)


def test_legacy_text_layer_is_converted_and_reported():
    """ttr-298's layer is Unicode cut to one byte per letter; decoding it is a guess (test_legacy)."""
    doc = vbparse.parse(shared_path("corpus", "pdf", "ttr-298-ttr-cat-pc04-2025-tcvn3.pdf"))
    assert "text.legacy_encoding" in codes(doc, "warning")
    assert "text.legacy_encoding_suspected" not in codes(doc)


def test_clean_documents_raise_no_quality_alarm():
    for name in ("qd-294-qd-tw-2025.pdf", "cv-11902-bnv-tcpcp-2025.pdf"):
        doc = vbparse.parse(shared_path("corpus", "pdf", name))
        assert not {c for c in codes(doc) if c.startswith("text.")}


def test_several_letters_in_one_pdf_become_attachments():
    doc = vbparse.parse(shared_path("corpus", "pdf", "cv-3917-btp-bttp-2025-multi.pdf"))
    assert doc.header.number.text == "3917/BTP-BTTP"
    assert doc.header.date == "2025-07-01"
    assert len(doc.attachments) == 2
    assert all(a.header.issuer == "BỘ TƯ PHÁP" for a in doc.attachments)
    # no merged headers or signature blocks: one block per letter
    assert len(doc.signatures) == 1
    assert all(len(a.signatures) == 1 for a in doc.attachments)


def test_decision_with_its_regulation_attached():
    doc = vbparse.parse(shared_path("corpus", "pdf", "qd-779-qd-ubnd-binhthuan-2025.pdf"))
    assert (doc.header.doc_type, doc.header.number.text) == ("Quyết định", "779/QĐ-UBND")
    (regulation,) = doc.attachments
    assert regulation.header.doc_type == "Điều lệ"
    assert regulation.sections[0].label == "Chương I"


def test_digital_signature_stamp_is_kept_apart_from_the_header():
    doc = vbparse.parse(shared_path("corpus", "pdf", "cv-11902-bnv-tcpcp-2025.pdf"))
    assert doc.source.digital_signature.signer == "Vũ Chiến Thắng"
    assert doc.header.issuer == "BỘ NỘI VỤ"
    assert "Ký bởi" not in doc.text
