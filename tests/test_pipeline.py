"""Pipeline behaviour across readers: bundled documents, scans without text, reader notes."""

from __future__ import annotations

import pytest

import vbparse
from vbparse.normalise import prepare
from vbparse.pipeline import build_document
from vbparse.readers.base import Block, RawInput

from .conftest import SAMPLES


def test_a_second_document_becomes_an_attachment():
    first = (SAMPLES / "04-ubnd-quyet-dinh.txt").read_text(encoding="utf-8")
    second = (SAMPLES / "09-state-cong-van.txt").read_text(encoding="utf-8")
    doc = vbparse.parse_text(first + "\n" + second)
    assert doc.header.number.text == "1234/QĐ-UBND"
    assert [s.signer for s in doc.signatures] == ["Đinh Công Khải"]
    (attachment,) = doc.attachments
    assert attachment.header.number.text == "356/UBND-VP"
    assert attachment.header.issuer == "ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG"
    assert [s.signer for s in attachment.signatures] == ["Võ Thị Ngọc Hân"]
    assert attachment.text.startswith("ỦY BAN NHÂN DÂN")
    # each document's spans index its own text
    c = attachment.citations[0]
    assert attachment.text[c.span.start : c.span.end] == c.raw


def test_one_document_has_no_attachments():
    assert vbparse.parse(SAMPLES / "06-chinh-phu-nghi-dinh.txt").attachments == []


def raw(blocks, notes=(), stamp=None):
    return RawInput(list(blocks), "pdf", "0" * 64, None, 2, list(notes), stamp)


def test_scan_without_text_layer_is_a_document_with_an_error():
    doc = build_document(prepare(raw([], [("pdf.no_text_layer", "pages 1-2 have no text layer")])), "scan.pdf")
    assert doc.kind == "document" and doc.text == ""
    assert [(d.severity, d.code) for d in doc.diagnostics] == [("error", "pdf.no_text_layer")]
    assert doc.has_errors


def test_reader_notes_and_stamp_reach_the_document():
    blocks = [Block("UBND TỈNH LÂM ĐỒNG", page=1), Block("Số: 85/GM-UBND", page=1),
              Block("Lâm Đồng, ngày 19 tháng 01 năm 2026", page=1)]
    stamp = {"signer": "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "time": "19.01.2026 16:20:29 +07:00"}
    doc = build_document(prepare(raw(blocks, [("pdf.unmapped_glyphs", "page 2")], stamp)), None)
    assert doc.source.digital_signature.signer == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert doc.source.digital_signature.time == "19.01.2026 16:20:29 +07:00"
    assert ("warning", "pdf.unmapped_glyphs") in [(d.severity, d.code) for d in doc.diagnostics]
    assert doc.header.number.text == "85/GM-UBND"
    assert doc.header.spans["number"].page == 1


def test_unknown_pdf_engine_is_refused():
    with pytest.raises(ValueError):
        vbparse.parse(SAMPLES / "01-party-cong-van.txt", pdf_engine="ocr")
