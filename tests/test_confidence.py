"""Confidence: each header field, signature block and the zone split says how sure the parse is."""

from __future__ import annotations

import pytest

from vbparse.api import parse, parse_text

from .conftest import SAMPLES

_LETTER = (
    "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: {number}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nLào Cai, ngày 12 tháng 3 năm {year}\n{type_line}\n"
    "Về việc sử dụng vật liệu nổ công nghiệp\nĐiều 1. Cho phép Công ty A sử dụng vật liệu nổ.\n"
    "Điều 2. Quyết định có hiệu lực từ ngày ký.\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n"
    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n{signer}\n"
)


def _doc(number="15/QĐ-UBND", year="2026", type_line="QUYẾT ĐỊNH", signer="Nguyễn Văn An"):
    text = _LETTER.format(number=number, year=year, type_line=type_line, signer=signer)
    return parse_text(text)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("0*.txt") if "news" not in p.name))
def test_every_field_of_a_clean_sample_is_sure(name):
    doc = parse(SAMPLES / name)
    found = {n for n in ("heading", "issuer", "number", "date", "doc_type") if getattr(doc.header, n)}
    assert found <= set(doc.header.confidence)
    assert all(doc.header.confidence[n] >= 0.9 for n in found), doc.header.confidence
    assert all(s.confidence >= 0.9 for s in doc.signatures if s.signer)
    assert all(0 <= c <= 1 for c in doc.header.confidence.values())


def test_fields_that_disagree_are_doubtful():
    sure = _doc()
    assert sure.header.confidence["doc_type"] >= 0.9 and sure.header.confidence["number"] >= 0.9
    # the number's type code says Kế hoạch, the type line Quyết định: one of them is wrong
    clash = _doc(number="15/KH-UBND")
    assert clash.header.confidence["doc_type"] < 0.9 and clash.header.confidence["number"] < 0.9
    # a number of 2026 dated 2019
    assert _doc(number="15/2026/QĐ-UBND").header.confidence["date"] >= 0.9
    assert _doc(number="15/2026/QĐ-UBND", year="2019").header.confidence["date"] < 0.9


def test_a_repaired_value_is_less_sure_than_a_clean_one():
    assert _doc(type_line="QUYÉT ĐỊNH").header.confidence["doc_type"] < _doc().header.confidence["doc_type"]


def test_a_signer_that_is_no_name_is_doubtful():
    doc = _doc(signer="28-07-2026 18:08:51 +07:00")
    assert all(s.confidence < 0.9 for s in doc.signatures)


def test_a_report_carries_no_header_confidence():
    doc = parse(SAMPLES / "08-news-report.txt")
    assert doc.kind == "report" and doc.header.confidence == {}


def test_zones_carry_the_split_confidence():
    doc = _doc()
    assert doc.zones and all(z.confidence is not None and z.confidence >= 0.9 for z in doc.zones)
