"""The four seed texts the project started from (../shared/seeds): the issue's acceptance cases."""

from __future__ import annotations

import pytest

from vbparse import parse

from .conftest import shared_path, walk_sections


def seed(prefix: str):
    folder = shared_path("seeds")
    (path,) = folder.glob(f"{prefix}_*.txt")
    return parse(path)


def by_number(doc):
    return {c.number.text: c for c in doc.citations if c.number}


@pytest.fixture(scope="module")
def seed1():
    return seed("001")


def test_001_is_a_cong_van_with_recipients(seed1):
    assert seed1.kind == "document"
    assert len(seed1.recipients) == 5
    assert seed1.recipients[0] == "Các ban cán sự đảng, đảng đoàn"
    assert seed1.recipients[-1] == "Các đồng chí Tỉnh ủy viên"
    assert seed1.header.doc_type == "Công văn"


def test_001_sections(seed1):
    assert [s.label for s in seed1.sections] == ["1", "2", "3", "4", "5"]
    assert all(s.style == "arabic" for s in seed1.sections)
    # the inline (1)…(5) enumeration stays inside section 2
    assert not seed1.sections[1].children
    assert "(3) Tiếp tục tập trung cao" in seed1.sections[1].text


def test_001_citations(seed1):
    cites = by_number(seed1)
    assert cites["307-NQ/TU"].date == "2023-12-06"
    assert cites["316-NQ/TU"].date == "2023-12-29"
    assert cites["26-CT/TU"].date == "2023-06-02"
    assert cites["26-CT/TU"].issuer == "Ban Thường vụ Tỉnh ủy"
    assert cites["26-CT/TU"].doc_type == "Chỉ thị"
    assert cites["233-NQ/TU"].date == "2022-07-25"
    assert cites["1975-TB/TU"].date == "2023-10-13"
    assert cites["1975-TB/TU"].doc_type == "Thông báo"
    named = [c for c in seed1.citations if c.number is None]
    assert any(c.name == "Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX" for c in named)


def test_001_signature_and_distribution(seed1):
    (signature,) = seed1.signatures
    assert signature.authority == ["T/M BAN THƯỜNG VỤ"]
    assert signature.mode == "TM"
    assert signature.position == "PHÓ BÍ THƯ"
    assert signature.signer == "Lê Thị Thu Hồng"
    assert len(seed1.distribution) == 5
    assert seed1.distribution[1] == "Ban Bí thư Trung ương Đảng (báo cáo)"


def test_001_reports_what_is_missing(seed1):
    codes = {d.code for d in seed1.diagnostics}
    assert {"header.number.missing", "header.date.missing"} <= codes
    assert seed1.header.number is None and seed1.header.date is None


def test_002_report():
    doc = seed("002")
    assert doc.kind == "report"
    assert doc.title.startswith("Tăng cường lãnh đạo")
    cites = by_number(doc)
    assert cites["28-NQ/TW"].date == "2022-11-17"
    assert cites["27-NQ/TW"].date == "2022-11-09"
    assert cites["29-NQ/TW"].date == "2022-11-17"
    assert cites["45-KL/TW"].date == "2022-11-17"
    assert cites["45-KL/TW"].doc_type == "Kết luận"
    assert cites["32-NQ/TU"].date == "2022-12-05"
    assert doc.signatures == []
    assert "Skip" not in doc.title
    assert not any("Toàn cảnh" in (s.heading or "") + s.text for s in walk_sections(doc.sections))


def test_003_report_with_ocr_errors():
    doc = seed("003")
    assert doc.kind == "report"
    assert doc.title.startswith("Tập trung lãnh đạo")
    cites = by_number(doc)
    assert cites["128/NQ-CP"].date == "2021-10-11"
    assert cites["128/NQ-CP"].number.family == "administrative"
    assert cites["128/NQ-CP"].issuer == "Chính phủ"
    assert cites["01-KL/TW"].date == "2021-05-18"
    assert cites["01-KL/TW"].issuer == "Bộ Chính trị"
    assert cites["21-KL/TW"].date == "2021-10-25"
    (cv,) = [c for c in doc.citations if c.number and c.number.text == "1537"]
    assert cv.doc_type == "Công văn" and cv.number.serial == "1537"


@pytest.fixture(scope="module")
def seed4():
    return seed("004")


def test_004_section_tree(seed4):
    assert seed4.kind == "report"
    assert [s.label for s in seed4.sections] == list("ABCDEFG")
    assert all(s.style == "letter" for s in seed4.sections)
    e = seed4.sections[4]
    assert [s.label for s in e.children] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert all(s.style == "roman" for s in e.children)
    ii = e.children[1]
    assert [s.label for s in ii.children] == ["1", "2", "3"]
    assert [s.label for s in ii.children[0].children] == ["a", "b"]
    assert [s.style for s in ii.children[0].children] == ["alpha", "alpha"]


def test_004_captions_do_not_leak(seed4):
    d = seed4.sections[3]
    assert [s.label for s in d.children] == [str(i) for i in range(1, 10)]
    assert "Mai Xuân Liêm" not in d.children[-1].text
    assert seed4.author == "Xuân Nghĩa"
    assert seed4.signatures == []


def test_004_citations(seed4):
    cites = by_number(seed4)
    law = cites["37/2021/QH15"]
    assert (law.date, law.number.family, law.issuer) == ("2021-11-13", "normative", "Quốc hội")
    assert cites["22-KH/TU"].date == "2021-07-23"
    assert cites["26-KH/TU"].date == "2021-08-13"
    assert cites["27-KH/TU"].date == "2021-08-13"
    assert cites["06-NQ/TU"].date == "2021-11-10"
    assert cites["223/KH-UBND"].date is None
    assert {"12", "327"} <= set(cites)
    assert cites["12"].issuer == "Tỉnh ủy"
