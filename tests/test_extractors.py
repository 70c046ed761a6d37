"""Unit tests for the extractors, on the tricky variants of the format reference.

Every test builds a small, realistic document inline and asserts the values the parser must
produce. Tests marked xfail(strict=True) document parser bugs: they must start passing (and
the mark be removed) when the bug is fixed.
"""

from __future__ import annotations

import codecs
import unicodedata

import pytest

import vbparse
from vbparse.errors import BinaryInputError, DecodingError, EmptyInputError, VbparseError
from vbparse.extract.number import parse_symbol
from vbparse.model import Document, Section
from vbparse.normalise import fold_tones
from vbparse.readers.text import decode, read_text

# --------------------------------------------------------------------------------------------
# Builders and helpers
# --------------------------------------------------------------------------------------------

PARTY_HEADER = """TỈNH ỦY QUẢNG NAM
*
Số 307-NQ/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Tam Kỳ, ngày 06 tháng 12 năm 2023

NGHỊ QUYẾT
CỦA BAN THƯỜNG VỤ TỈNH ỦY
về phát triển du lịch giai đoạn 2024 - 2030
-----
"""

PARTY_TAIL = """
Nơi nhận:
- Ban Tuyên giáo Trung ương (để báo cáo),
- Các huyện ủy, thị ủy, thành ủy,
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Hồ Quang Vinh
"""

STATE_HEADER = """ỦY BAN NHÂN DÂN
HUYỆN ĐỨC TRỌNG
Số: 356/UBND-VP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đức Trọng, ngày 09 tháng 10 năm 2024
V/v triển khai tự kiểm tra công tác văn thư, lưu trữ năm 2024

Kính gửi: Các cơ quan, đơn vị thuộc UBND huyện.
"""

STATE_TAIL = """
Nơi nhận:
- Như trên;
- Sở Nội vụ tỉnh (b/c);
- Lưu: VT, VP.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Võ Thị Ngọc Hân
"""

DECREE_HEADER = """CHÍNH PHỦ
Số: 30/2020/NĐ-CP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 05 tháng 3 năm 2020

NGHỊ ĐỊNH
Về công tác văn thư

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Theo đề nghị của Bộ trưởng Bộ Nội vụ;
Chính phủ ban hành Nghị định về công tác văn thư.
"""

DECREE_TAIL = """
Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Các bộ, cơ quan ngang bộ;
- Lưu: VT, TCCV.

TM. CHÍNH PHỦ
THỦ TƯỚNG
(Đã ký)
Nguyễn Xuân Phúc
"""


def party_doc(body: str, header: str = PARTY_HEADER, tail: str = PARTY_TAIL) -> Document:
    return vbparse.parse_text(f"{header}\n{body.strip()}\n{tail}")


def state_doc(body: str, header: str = STATE_HEADER, tail: str = STATE_TAIL) -> Document:
    return vbparse.parse_text(f"{header}\n{body.strip()}\n{tail}")


def decree_doc(body: str) -> Document:
    return vbparse.parse_text(f"{DECREE_HEADER}\n{body.strip()}\n{DECREE_TAIL}")


def codes(doc: Document, severity: str | None = None) -> list[str]:
    return [d.code for d in doc.diagnostics if severity is None or d.severity == severity]


def outline(sections: list[Section]) -> list:
    """(label, style, [children…]) tuples: the tree's shape, without the text."""
    return [(s.label, s.style, outline(s.children)) for s in sections]


def walk(sections: list[Section]):
    for s in sections:
        yield s
        yield from walk(s.children)


def spanned(doc: Document, span) -> str:
    return doc.text[span.start : span.end]


def only_citation(doc: Document):
    assert len(doc.citations) == 1, [c.raw for c in doc.citations]
    return doc.citations[0]


def assert_citations_consistent(doc: Document) -> None:
    for c in doc.citations:
        assert c.raw == spanned(doc, c.span)


# --------------------------------------------------------------------------------------------
# Number and symbol (§3)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, text, serial, year, type_code, issuer_code, family",
    [
        ("307-NQ/TU", "307-NQ/TU", "307", None, "NQ", "TU", "party"),
        ("128/NQ-CP", "128/NQ-CP", "128", None, "NQ", "CP", "administrative"),
        ("1537/UBND-VP", "1537/UBND-VP", "1537", None, None, "UBND-VP", "administrative"),
        ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "30", 2020, "NĐ", "CP", "normative"),
        ("37/2021/QH15", "37/2021/QH15", "37", 2021, None, "QH15", "normative"),
        ("351/2017/UBTVQH14", "351/2017/UBTVQH14", "351", 2017, None, "UBTVQH14", "normative"),
        ("367 - QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP", "367", None, "QĐ", "TWĐTN-VP", "party"),
        ("1206 /QĐ-HVTC", "1206/QĐ-HVTC", "1206", None, "QĐ", "HVTC", "administrative"),
        ("15–NQ/TU", "15-NQ/TU", "15", None, "NQ", "TU", "party"),
        ("28/2018/QĐ-TTg", "28/2018/QĐ-TTg", "28", 2018, "QĐ", "TTg", "normative"),
        ("05-QC/BTCTU-BDVTU", "05-QC/BTCTU-BDVTU", "05", None, "QC", "BTCTU-BDVTU", "party"),
        ("08-QĐi/TW", "08-QĐi/TW", "08", None, "QĐi", "TW", "party"),
        ("14514-CV/VPTW", "14514-CV/VPTW", "14514", None, "CV", "VPTW", "party"),
        ("05/BNV-VP", "05/BNV-VP", "05", None, None, "BNV-VP", "administrative"),
    ],
)
def test_parse_symbol_variants(written, text, serial, year, type_code, issuer_code, family):
    parsed = parse_symbol(written)
    assert parsed is not None
    n = parsed.number
    assert (n.text, n.serial, n.year, n.type_code, n.issuer_code, n.family) == (
        text, serial, year, type_code, issuer_code, family,
    )
    assert n.raw == written  # stored as written
    assert (parsed.start, parsed.end) == (0, len(written))
    assert parsed.repairs == ()


def test_parse_symbol_repairs_ascii_d():
    parsed = parse_symbol("30/2020/ND-CP")
    assert parsed is not None
    assert parsed.number.text == "30/2020/NĐ-CP"
    assert parsed.number.raw == "30/2020/ND-CP"
    assert parsed.number.type_code == "NĐ"
    assert len(parsed.repairs) == 1 and "ND" in parsed.repairs[0] and "NĐ" in parsed.repairs[0]


def test_parse_symbol_keeps_mixed_case_and_finds_symbol_inside_text():
    parsed = parse_symbol("theo Quyết định số 28/2018/QĐ-TTg của Thủ tướng")
    assert parsed is not None
    assert parsed.number.issuer_code == "TTg"  # not upper-cased
    assert "theo Quyết định số 28/2018/QĐ-TTg"[parsed.start : parsed.end] == "28/2018/QĐ-TTg"


def test_parse_symbol_none_without_symbol():
    assert parse_symbol("Kế hoạch 5 năm phát triển kinh tế - xã hội") is None


def test_header_number_repair_is_reported():
    doc = vbparse.parse_text(DECREE_HEADER.replace("30/2020/NĐ-CP", "30/2020/ND-CP") + "\nĐiều 1. Phạm vi\n" + DECREE_TAIL)
    assert doc.header.number.text == "30/2020/NĐ-CP"
    assert doc.header.number.raw == "30/2020/ND-CP"
    repaired = [d for d in doc.diagnostics if d.code == "number.repaired"]
    assert len(repaired) == 1
    assert spanned(doc, repaired[0].span) == "30/2020/ND-CP"


def test_cited_number_repair_is_reported():
    doc = party_doc("1. Thực hiện Nghị định số 30/2020/ND-CP ngày 05/3/2020 của Chính phủ về công tác văn thư.")
    c = only_citation(doc)
    assert c.number.text == "30/2020/NĐ-CP"
    assert "number.repaired" in codes(doc)


# --------------------------------------------------------------------------------------------
# Header (§1–§5)
# --------------------------------------------------------------------------------------------


def test_party_header():
    doc = party_doc("1. Các cấp ủy tổ chức quán triệt Nghị quyết.")
    h = doc.header
    assert doc.kind == "document"
    assert h.heading == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert h.motto is None
    assert h.issuer == "TỈNH ỦY QUẢNG NAM"
    assert h.parent_issuer is None
    assert h.number.text == "307-NQ/TU"
    assert (h.number.serial, h.number.type_code, h.number.issuer_code) == ("307", "NQ", "TU")
    assert (h.place, h.date) == ("Tam Kỳ", "2023-12-06")
    assert h.doc_type == "Nghị quyết"
    assert h.summary == "về phát triển du lịch giai đoạn 2024 - 2030"
    assert h.family == "party"
    assert doc.title == "Nghị quyết về phát triển du lịch giai đoạn 2024 - 2030"
    assert spanned(doc, h.spans["number"]) == "307-NQ/TU"
    assert spanned(doc, h.spans["place"]) == "Tam Kỳ"
    assert not codes(doc, "warning") and not codes(doc, "error")


def test_party_number_with_website_colon_is_the_same():
    plain = party_doc("1. Nội dung.")
    colon = party_doc("1. Nội dung.", header=PARTY_HEADER.replace("Số 307-NQ/TU", "Số: 307-NQ/TU"))
    assert colon.header.number == plain.header.number
    assert colon.header.number.family == "party"


def test_state_normative_header():
    doc = decree_doc("Điều 1. Phạm vi điều chỉnh\nNghị định này quy định về công tác văn thư.")
    h = doc.header
    assert h.heading == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert h.motto == "Độc lập - Tự do - Hạnh phúc"
    assert h.issuer == "CHÍNH PHỦ"
    assert h.number.text == "30/2020/NĐ-CP"
    assert (h.number.year, h.number.type_code, h.number.issuer_code) == (2020, "NĐ", "CP")
    assert h.family == "normative"
    assert (h.place, h.date) == ("Hà Nội", "2020-03-05")
    assert h.doc_type == "Nghị định"
    assert h.summary == "Về công tác văn thư"
    assert doc.title == "Nghị định về công tác văn thư"


def test_unpadded_date():
    header = PARTY_HEADER.replace("Tam Kỳ, ngày 06 tháng 12 năm 2023", "Tam Kỳ, ngày 5 tháng 1 năm 2023")
    doc = party_doc("1. Nội dung.", header=header)
    assert doc.header.date == "2023-01-05"
    assert doc.header.place == "Tam Kỳ"


def test_draft_with_blank_number_and_date():
    header = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NAM
Số:      /QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Nam, ngày   tháng   năm 2026

QUYẾT ĐỊNH
Về việc thành lập Tổ công tác rà soát văn bản
"""
    doc = state_doc("Điều 1. Thành lập Tổ công tác rà soát văn bản.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
                    header=header)
    n = doc.header.number
    assert n is not None
    assert n.serial is None
    assert (n.type_code, n.issuer_code) == ("QĐ", "UBND")
    assert doc.header.date is None
    assert doc.header.place == "Quảng Nam"
    assert "header.number.blank" in codes(doc, "warning")
    assert "header.date.blank" in codes(doc, "warning")
    assert "header.date.invalid" not in codes(doc)


def test_invalid_header_date_is_an_error():
    header = PARTY_HEADER.replace("ngày 06 tháng 12 năm 2023", "ngày 31 tháng 02 năm 2023")
    doc = party_doc("1. Nội dung.", header=header)
    assert doc.header.date is None
    errors = [d for d in doc.diagnostics if d.code == "header.date.invalid"]
    assert len(errors) == 1 and errors[0].severity == "error"
    assert doc.has_errors
    assert "header.date.missing" not in codes(doc)  # the line was found, the date is wrong


@pytest.mark.parametrize("issuer", ["TỈNH UỶ QUẢNG NAM", "TỈNH ỦY QUẢNG NAM"])
def test_issuer_in_old_and_new_tone_placement(issuer):
    doc = party_doc("1. Nội dung.", header=PARTY_HEADER.replace("TỈNH ỦY QUẢNG NAM", issuer))
    assert doc.header.issuer == issuer  # the original spelling is kept
    assert doc.header.number.text == "307-NQ/TU"


def test_state_heading_with_hoa_spelling():
    doc = vbparse.parse_text(DECREE_HEADER.replace("CỘNG HÒA", "CỘNG HOÀ") + "\nĐiều 1. Phạm vi\n" + DECREE_TAIL)
    assert doc.header.heading == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert doc.header.motto == "Độc lập - Tự do - Hạnh phúc"
    assert doc.header.family == "normative"


def test_motto_with_en_dashes():
    doc = vbparse.parse_text(DECREE_HEADER.replace("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc")
                        + "\nĐiều 1. Phạm vi\n" + DECREE_TAIL)
    assert doc.header.motto == "Độc lập - Tự do - Hạnh phúc"


def test_issuer_wrapped_over_two_lines():
    header = STATE_HEADER.replace("ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM")
    doc = state_doc("1. Nội dung.", header=header)
    assert doc.header.issuer == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"
    assert doc.header.parent_issuer is None


@pytest.mark.parametrize(
    "lines, parent, issuer",
    [
        ("UBND TỈNH GIA LAI\nSỞ NỘI VỤ", "UBND TỈNH GIA LAI", "SỞ NỘI VỤ"),
        ("BỘ NỘI VỤ\nCỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC", "BỘ NỘI VỤ", "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC"),
    ],
)
def test_state_parent_and_issuer(lines, parent, issuer):
    header = STATE_HEADER.replace("ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG", lines).replace("356/UBND-VP", "12/SNV-VP")
    doc = state_doc("1. Nội dung.", header=header)
    assert (doc.header.parent_issuer, doc.header.issuer) == (parent, issuer)


@pytest.mark.parametrize(
    "lines, parent, issuer",
    [
        ("BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG", "BAN CHẤP HÀNH TRUNG ƯƠNG", "VĂN PHÒNG"),
        ("TỈNH ỦY QUẢNG NINH\nBAN TUYÊN GIÁO", "TỈNH ỦY QUẢNG NINH", "BAN TUYÊN GIÁO"),
        ("ĐẢNG BỘ TỈNH THÁI NGUYÊN\nHUYỆN ỦY ĐỊNH HÓA", "ĐẢNG BỘ TỈNH THÁI NGUYÊN", "HUYỆN ỦY ĐỊNH HÓA"),
    ],
)
def test_party_parent_and_issuer(lines, parent, issuer):
    doc = party_doc("1. Nội dung.", header=PARTY_HEADER.replace("TỈNH ỦY QUẢNG NAM", lines))
    assert (doc.header.parent_issuer, doc.header.issuer) == (parent, issuer)


def test_header_flattened_into_table_rows():
    text = """CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 | Độc lập - Tự do - Hạnh phúc
Số: 128/NQ-CP | Hà Nội, ngày 31 tháng 12 năm 2023

NGHỊ QUYẾT
Phiên họp Chính phủ thường kỳ tháng 12 năm 2023

1. Chính phủ thống nhất đánh giá tình hình kinh tế - xã hội.

 | TM. CHÍNH PHỦ
 | THỦ TƯỚNG
 | Phạm Minh Chính
"""
    doc = vbparse.parse_text(text)
    h = doc.header
    assert h.issuer == "CHÍNH PHỦ"
    assert h.parent_issuer is None
    assert h.heading == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert h.motto == "Độc lập - Tự do - Hạnh phúc"
    assert h.number.text == "128/NQ-CP"
    assert (h.place, h.date) == ("Hà Nội", "2023-12-31")
    assert h.doc_type == "Nghị quyết"
    assert "|" not in doc.text  # the cell separators are layout, not text
    assert [(s.mode, s.position, s.signer) for s in doc.signatures] == [("TM", "THỦ TƯỚNG", "Phạm Minh Chính")]


def test_header_flattened_into_one_line_docplayer_style():
    text = """BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG * Số 36-HD/VPTW ĐẢNG CỘNG SẢN VIỆT NAM Hà Nội, ngày 03 tháng 4 năm 2018

HƯỚNG DẪN
thể thức và kỹ thuật trình bày văn bản của Đảng
-----

1. Thể thức văn bản
Thể thức văn bản của Đảng gồm các thành phần.

T/L BAN BÍ THƯ
CHÁNH VĂN PHÒNG

Nguyễn Văn Ba
"""
    doc = vbparse.parse_text(text)
    h = doc.header
    assert h.heading == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert h.number.text == "36-HD/VPTW"
    assert (h.place, h.date) == ("Hà Nội", "2018-04-03")
    assert h.doc_type == "Hướng dẫn"
    assert h.summary == "thể thức và kỹ thuật trình bày văn bản của Đảng"


def test_one_line_flattened_issuer_block_is_split():
    text = """BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG * Số 36-HD/VPTW ĐẢNG CỘNG SẢN VIỆT NAM Hà Nội, ngày 03 tháng 4 năm 2018

HƯỚNG DẪN
thể thức và kỹ thuật trình bày văn bản của Đảng
-----

1. Thể thức văn bản
"""
    doc = vbparse.parse_text(text)
    assert (doc.header.parent_issuer, doc.header.issuer) == ("BAN CHẤP HÀNH TRUNG ƯƠNG", "VĂN PHÒNG")


def test_header_spans_index_the_text():
    doc = decree_doc("Điều 1. Phạm vi")
    h = doc.header
    assert spanned(doc, h.spans["heading"]) == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert spanned(doc, h.spans["motto"]) == "Độc lập - Tự do - Hạnh phúc"
    assert spanned(doc, h.spans["number"]) == "30/2020/NĐ-CP"
    assert spanned(doc, h.spans["date"]) == "Hà Nội, ngày 05 tháng 3 năm 2020"
    assert spanned(doc, h.spans["issuer"]) == "CHÍNH PHỦ"
    assert spanned(doc, h.spans["doc_type"]) == "NGHỊ ĐỊNH"


# --------------------------------------------------------------------------------------------
# Recipients (§6)
# --------------------------------------------------------------------------------------------


def test_single_recipient():
    header = STATE_HEADER.replace("Kính gửi: Các cơ quan, đơn vị thuộc UBND huyện.", "Kính gửi: Bộ Nội vụ.")
    doc = state_doc("Ủy ban nhân dân huyện báo cáo như sau.", header=header)
    assert doc.recipients == ["Bộ Nội vụ"]
    assert doc.header.doc_type == "Công văn"  # no type line + recipients
    assert doc.title == "Công văn về việc triển khai tự kiểm tra công tác văn thư, lưu trữ năm 2024"


def test_recipient_dash_list_ending_with_full_stop():
    header = STATE_HEADER.replace(
        "Kính gửi: Các cơ quan, đơn vị thuộc UBND huyện.",
        "Kính gửi:\n- Phòng Nội vụ huyện;\n- Các cơ quan chuyên môn thuộc UBND huyện;\n- UBND các xã, thị trấn.",
    )
    doc = state_doc("Chủ tịch UBND huyện có ý kiến chỉ đạo như sau:\n1. Các cơ quan tổ chức tự kiểm tra.", header=header)
    assert doc.recipients == ["Phòng Nội vụ huyện", "Các cơ quan chuyên môn thuộc UBND huyện", "UBND các xã, thị trấn"]
    # the list stops at its full stop: the body is not swallowed
    assert [s.label for s in doc.sections] == ["1"]


def test_co_recipients_are_added():
    header = STATE_HEADER.replace(
        "Kính gửi: Các cơ quan, đơn vị thuộc UBND huyện.",
        "Kính gửi: Bộ Nội vụ.\nĐồng kính gửi:\n- Sở Tài chính;\n- Kho bạc Nhà nước tỉnh.",
    )
    doc = state_doc("Ủy ban nhân dân huyện báo cáo như sau.", header=header)
    assert doc.recipients == ["Bộ Nội vụ", "Sở Tài chính", "Kho bạc Nhà nước tỉnh"]


def test_party_recipients_end_in_commas():
    header = """TỈNH ỦY PHÚ YÊN
*
Số 512-CV/TU
V/v tăng cường phòng cháy, chữa cháy rừng
ĐẢNG CỘNG SẢN VIỆT NAM
Tuy Hòa, ngày 15 tháng 3 năm 2024

Kính gửi:
- Các huyện ủy, thị ủy, thành ủy,
- Ban cán sự đảng Ủy ban nhân dân tỉnh,
"""
    doc = party_doc("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy thực hiện tốt một số nội dung sau:\n1. Quán triệt.",
                    header=header)
    assert doc.recipients == ["Các huyện ủy, thị ủy, thành ủy", "Ban cán sự đảng Ủy ban nhân dân tỉnh"]
    assert doc.header.number.type_code == "CV"
    assert doc.header.doc_type == "Công văn"


# --------------------------------------------------------------------------------------------
# Sections (§7)
# --------------------------------------------------------------------------------------------


def test_letter_roman_arabic_alpha_bullet_nesting():
    doc = state_doc("""
A. KẾT QUẢ THỰC HIỆN
I. TÌNH HÌNH CHUNG
1. Về tổ chức bộ máy
Các cơ quan đã hoàn thành sắp xếp tổ chức bộ máy.
a) Cấp tỉnh giảm 3 sở.
- Sáp nhập Sở Giao thông vận tải với Sở Xây dựng;
+ Hoàn thành trong quý I.
b) Cấp huyện giảm 12 phòng.
2. Về biên chế
II. HẠN CHẾ
B. NHIỆM VỤ NĂM 2025
""")
    assert outline(doc.sections) == [
        ("A", "letter", [
            ("I", "roman", [
                ("1", "arabic", [
                    ("a", "alpha", [("-", "bullet", [("+", "bullet", [])])]),
                    ("b", "alpha", []),
                ]),
                ("2", "arabic", []),
            ]),
            ("II", "roman", []),
        ]),
        ("B", "letter", []),
    ]
    a = doc.sections[0]
    assert a.heading == "KẾT QUẢ THỰC HIỆN"
    one = a.children[0].children[0]
    assert one.heading == "Về tổ chức bộ máy"
    assert one.text == "Các cơ quan đã hoàn thành sắp xếp tổ chức bộ máy."
    assert one.children[0].text == "Cấp tỉnh giảm 3 sở."
    assert not codes(doc, "warning")


def test_letters_stay_letters_and_roman_under_letter():
    doc = state_doc("""
A. KẾT QUẢ
B. HẠN CHẾ
C. NGUYÊN NHÂN
D. BÀI HỌC KINH NGHIỆM
E. TỔ CHỨC THỰC HIỆN
I. Trách nhiệm của các sở, ngành
II. Trách nhiệm của các huyện
""")
    assert outline(doc.sections) == [
        ("A", "letter", []),
        ("B", "letter", []),
        ("C", "letter", []),
        ("D", "letter", []),
        ("E", "letter", [("I", "roman", []), ("II", "roman", [])]),
    ]
    assert doc.sections[2].heading == "NGUYÊN NHÂN"
    assert "sections.numbering.gap" not in codes(doc)


def test_letter_i_after_h_is_a_letter():
    doc = state_doc("\n".join(f"{c}. PHẦN VIỆC {c}" for c in "ABCDEGHIK"))
    assert [(s.label, s.style) for s in doc.sections] == [(c, "letter") for c in "ABCDEGHIK"]
    assert not codes(doc, "warning")


def test_decimals_under_arabic():
    doc = party_doc("""
1. Mục đích
1.1. Bảo đảm đại hội thành công.
1.2. Đúng quy định của Điều lệ Đảng.
2. Yêu cầu
2.1. Nghiêm túc, đúng tiến độ.
2.1.1. Hoàn thành trước tháng 6.
""")
    assert outline(doc.sections) == [
        ("1", "arabic", [("1.1", "decimal", []), ("1.2", "decimal", [])]),
        ("2", "arabic", [("2.1", "decimal", [("2.1.1", "decimal", [])])]),
    ]
    assert doc.sections[0].children[1].text == "Đúng quy định của Điều lệ Đảng."


def test_party_hyphen_style_labels():
    doc = party_doc("""
I- MỤC ĐÍCH, YÊU CẦU
1- Mục đích
Bảo đảm đại hội thành công.
2- Yêu cầu
II- NỘI DUNG
1- Công tác chuẩn bị
""")
    assert outline(doc.sections) == [
        ("I", "roman", [("1", "arabic", []), ("2", "arabic", [])]),
        ("II", "roman", [("1", "arabic", [])]),
    ]
    assert doc.sections[0].heading == "MỤC ĐÍCH, YÊU CẦU"
    assert doc.sections[0].children[0].text == "Bảo đảm đại hội thành công."


def test_structural_levels_of_a_normative_text():
    doc = decree_doc("""
Chương I
QUY ĐỊNH CHUNG
Mục 1
PHẠM VI VÀ ĐỐI TƯỢNG
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định về công tác văn thư.
Điều 2. Giải thích từ ngữ
Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:
1. Văn bản là thông tin thành văn được truyền đạt bằng ngôn ngữ.
2. Văn bản chuyên ngành gồm:
a) Văn bản của ngành tài chính;
b) Văn bản của ngành ngân hàng;
c) Văn bản của ngành tư pháp;
d) Văn bản của ngành y tế;
đ) Văn bản của ngành giáo dục;
e) Văn bản khác.
Chương II
VĂN BẢN HÀNH CHÍNH
Điều 3. Thể thức văn bản
Thể thức văn bản gồm các thành phần chính.
""")
    points = [(p, "point", []) for p in "abcdđe"]
    assert outline(doc.sections) == [
        ("Chương I", "chapter", [
            ("Mục 1", "section", [
                ("Điều 1", "article", []),
                ("Điều 2", "article", [("1", "clause", []), ("2", "clause", points)]),
            ]),
        ]),
        ("Chương II", "chapter", [("Điều 3", "article", [])]),
    ]
    chapter = doc.sections[0]
    assert chapter.heading == "QUY ĐỊNH CHUNG"
    assert chapter.children[0].heading == "PHẠM VI VÀ ĐỐI TƯỢNG"
    article = chapter.children[0].children[1]
    assert article.heading == "Giải thích từ ngữ"
    assert article.text == "Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:"
    assert article.children[1].children[4].text == "Văn bản của ngành giáo dục;"
    assert not codes(doc, "warning")


def test_inline_enumeration_stays_in_text():
    doc = party_doc("""
1. Hạn chế, nguyên nhân
Kinh tế tập thể còn những hạn chế: (1) quy mô nhỏ, vốn thấp; (2) liên kết chưa bền vững; (3) cán bộ quản lý thiếu.
(4) cơ chế hỗ trợ chậm được cụ thể hóa.
2. Mục tiêu
""")
    assert outline(doc.sections) == [("1", "arabic", []), ("2", "arabic", [])]
    text = doc.sections[0].text
    assert "(1) quy mô nhỏ, vốn thấp; (2) liên kết chưa bền vững; (3) cán bộ quản lý thiếu." in text
    assert "(4) cơ chế hỗ trợ chậm được cụ thể hóa." in text


def test_numbering_gap_is_warned():
    doc = party_doc("""
1. Kết quả đạt được
2. Hạn chế
4. Tổ chức thực hiện
Các cấp ủy tổ chức thực hiện.
""")
    assert [(s.label, s.style) for s in doc.sections] == [("1", "arabic"), ("2", "arabic"), ("4", "arabic")]
    gaps = [d for d in doc.diagnostics if d.code == "sections.numbering.gap"]
    assert len(gaps) == 1 and gaps[0].severity == "warning"
    assert spanned(doc, gaps[0].span) == "4. Tổ chức thực hiện"


def test_section_spans_cover_their_lines():
    doc = party_doc("I. TÌNH HÌNH\n1. Kết quả\nĐã đạt nhiều kết quả.\nII. NHIỆM VỤ\nTiếp tục thực hiện.")
    first, second = doc.sections
    assert spanned(doc, first.span) == "I. TÌNH HÌNH\n1. Kết quả\nĐã đạt nhiều kết quả."
    assert spanned(doc, first.children[0].span) == "1. Kết quả\nĐã đạt nhiều kết quả."
    assert spanned(doc, second.span) == "II. NHIỆM VỤ\nTiếp tục thực hiện."


# --------------------------------------------------------------------------------------------
# Citations (§8)
# --------------------------------------------------------------------------------------------


def test_citation_full_form():
    doc = party_doc("1. Thực hiện Nghị quyết số 307-NQ/TU ngày 06/12/2023 của Ban Thường vụ Tỉnh ủy về phát triển du lịch, "
                    "các cấp ủy xây dựng kế hoạch.")
    c = only_citation(doc)
    assert c.doc_type == "Nghị quyết"
    assert c.number.text == "307-NQ/TU" and c.number.family == "party"
    assert c.date == "2023-12-06"
    assert c.issuer == "Ban Thường vụ Tỉnh ủy"
    assert c.name is None
    assert c.raw == "Nghị quyết số 307-NQ/TU ngày 06/12/2023 của Ban Thường vụ Tỉnh ủy"
    assert c.raw == spanned(doc, c.span)


def test_citation_without_so():
    doc = party_doc("1. Quán triệt Nghị quyết 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, công nghệ.")
    c = only_citation(doc)
    assert (c.doc_type, c.number.text, c.issuer, c.date) == ("Nghị quyết", "57-NQ/TW", "Bộ Chính trị", None)
    assert c.raw == "Nghị quyết 57-NQ/TW của Bộ Chính trị"


def test_citation_with_comma_before_date():
    doc = party_doc("1. Thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW.")
    first = doc.citations[0]
    assert (first.doc_type, first.number.text, first.date, first.issuer) == (
        "Kết luận", "01-KL/TW", "2021-05-18", "Bộ Chính trị",
    )
    assert first.raw == "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị"
    assert [(c.doc_type, c.number.text) for c in doc.citations[1:]] == [("Chỉ thị", "05-CT/TW")]
    assert_citations_consistent(doc)


@pytest.mark.parametrize(
    "written, iso",
    [
        ("ngày 6/1/2022", "2022-01-06"),
        ("ngày 06-12-2023", "2023-12-06"),
        ("ngày 06 tháng 12 năm 2023", "2023-12-06"),
        (", ngày 14 tháng 6 năm 2024", "2024-06-14"),
        ("năm 2023", "2023"),
    ],
)
def test_citation_date_forms(written, iso):
    sep = "" if written.startswith(",") else " "
    doc = state_doc(f"1. Căn cứ Kế hoạch số 223/KH-UBND{sep}{written} của Ủy ban nhân dân tỉnh, các cơ quan thực hiện.")
    c = only_citation(doc)
    assert c.date == iso
    assert c.issuer == "Ủy ban nhân dân tỉnh"
    assert c.raw == f"Kế hoạch số 223/KH-UBND{sep}{written} của Ủy ban nhân dân tỉnh"


def test_older_party_form_issuer_before_number():
    doc = party_doc("1. Thực hiện Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997 về ban hành quy chế.")
    c = only_citation(doc)
    assert (c.doc_type, c.number.text, c.issuer, c.date) == ("Quyết định", "31-QĐ/TW", "Bộ Chính trị", "1997-10-01")
    assert c.raw == "Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997"


def test_shared_type_list():
    doc = party_doc("1. Thực hiện Nghị quyết số 27-NQ/TW, 28-NQ/TW và 29-NQ/TW ngày 17/11/2022 của Ban Chấp hành "
                    "Trung ương Đảng, Tỉnh ủy ban hành chương trình hành động.")
    assert [c.number.text for c in doc.citations] == ["27-NQ/TW", "28-NQ/TW", "29-NQ/TW"]
    for c in doc.citations:
        assert c.doc_type == "Nghị quyết"
        assert c.date == "2022-11-17"
        assert c.issuer == "Ban Chấp hành Trung ương Đảng"
    assert_citations_consistent(doc)


def test_number_only_references():
    doc = party_doc("1. Thực hiện Nghị quyết số 12 của Tỉnh ủy về công tác cán bộ và công văn 1537 của Văn phòng Tỉnh ủy, "
                    "các cấp ủy rà soát quy hoạch.")
    assert len(doc.citations) == 2
    nq, cv = doc.citations
    assert (nq.doc_type, nq.number.text, nq.number.serial, nq.issuer) == ("Nghị quyết", "12", "12", "Tỉnh ủy")
    assert nq.number.type_code is None and nq.number.family is None
    assert nq.raw == "Nghị quyết số 12 của Tỉnh ủy"
    assert (cv.doc_type, cv.number.text) == ("Công văn", "1537")
    assert cv.raw.startswith("công văn 1537")
    assert_citations_consistent(doc)


@pytest.mark.parametrize(
    "sentence",
    [
        "1. Xây dựng Kế hoạch 5 năm phát triển kinh tế - xã hội của tỉnh.",
        "1. Thực hiện Chương trình 3 nhóm giải pháp đột phá.",
        "1. Hoàn thành Kế hoạch trong 30 ngày kể từ ngày ký.",
    ],
)
def test_numerals_that_are_not_references(sentence):
    doc = party_doc(sentence)
    assert doc.citations == []


def test_named_party_references():
    doc = party_doc("1. Quán triệt Nghị quyết Trung ương 6 khóa XIII và Nghị quyết Đại hội đại biểu Đảng bộ tỉnh "
                    "lần thứ XIX đến toàn thể cán bộ, đảng viên.")
    assert len(doc.citations) == 2
    tw, dh = doc.citations
    assert (tw.doc_type, tw.number, tw.name) == ("Nghị quyết", None, "Trung ương 6 khóa XIII")
    assert tw.raw == "Nghị quyết Trung ương 6 khóa XIII"
    assert (dh.doc_type, dh.number, dh.name) == ("Nghị quyết", None, "Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX")
    assert_citations_consistent(doc)


def test_law_cited_by_name_and_date():
    doc = decree_doc("Điều 1. Phạm vi điều chỉnh\nNghị định này quy định về công tác văn thư.")
    laws = [c for c in doc.citations if c.doc_type == "Luật"]
    assert len(laws) == 1
    law = laws[0]
    assert law.number is None
    assert law.name == "Tổ chức Chính phủ"
    assert law.date == "2015-06-19"
    assert law.raw == "Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015"
    assert law.raw == spanned(doc, law.span)


@pytest.mark.parametrize("written", ["ngày 30/02/2021", "ngày 30 tháng 02 năm 2021"])
def test_invalid_cited_date(written):
    doc = party_doc(f"1. Thực hiện Thông báo số 15-TB/TU {written} của Ban Thường vụ Tỉnh ủy về công tác cán bộ.")
    c = only_citation(doc)
    assert c.number.text == "15-TB/TU"
    assert c.date is None
    assert c.issuer == "Ban Thường vụ Tỉnh ủy"
    invalid = [d for d in doc.diagnostics if d.code == "citation.date.invalid"]
    assert len(invalid) == 1 and invalid[0].severity == "warning"
    assert spanned(doc, invalid[0].span).strip() == written


def test_citations_in_grounds_and_body_are_all_found():
    doc = state_doc("""
Thực hiện Công văn số 1880/SNV-CCVTLT ngày 26/9/2024 của Sở Nội vụ tỉnh Lâm Đồng về việc kiểm tra công tác văn thư; căn cứ Kế hoạch số 145/KH-UBND ngày 15/3/2024 của UBND huyện, Chủ tịch UBND huyện chỉ đạo như sau:
1. Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ và Thông tư số 02/2019/TT-BNV ngày 24/01/2019 của Bộ Nội vụ.
""")
    assert [(c.doc_type, c.number.text, c.date, c.issuer) for c in doc.citations] == [
        ("Công văn", "1880/SNV-CCVTLT", "2024-09-26", "Sở Nội vụ tỉnh Lâm Đồng"),
        ("Kế hoạch", "145/KH-UBND", "2024-03-15", "UBND huyện"),
        ("Nghị định", "30/2020/NĐ-CP", "2020-03-05", "Chính phủ"),
        ("Thông tư", "02/2019/TT-BNV", "2019-01-24", "Bộ Nội vụ"),
    ]
    assert_citations_consistent(doc)


def test_citation_issuer_thuong_truc():
    doc = party_doc("1. Thực hiện Kết luận số 15-KL/TU ngày 03/4/2024 của Thường trực Tỉnh ủy về công tác cán bộ.")
    assert only_citation(doc).issuer == "Thường trực Tỉnh ủy"


def test_citation_issuer_office_holder():
    doc = state_doc("1. Thực hiện Công văn số 1880/SNV-CCVTLT ngày 26/9/2024 của Giám đốc Sở Nội vụ về kiểm tra.")
    assert only_citation(doc).issuer == "Giám đốc Sở Nội vụ"


def test_number_only_reference_with_date():
    doc = party_doc("1. Thực hiện Nghị quyết số 12 ngày 05/3/2021 của Tỉnh ủy về công tác cán bộ.")
    c = only_citation(doc)
    assert (c.doc_type, c.number.text, c.date, c.issuer) == ("Nghị quyết", "12", "2021-03-05", "Tỉnh ủy")


def test_compound_type_name_thong_bao_ket_luan():
    doc = party_doc("1. Thực hiện Thông báo kết luận số 15-TB/TU ngày 03/4/2024 của Ban Thường vụ Tỉnh ủy.")
    c = only_citation(doc)
    assert c.doc_type == "Thông báo"
    assert c.raw.startswith("Thông báo kết luận số 15-TB/TU")


def test_law_name_containing_so():
    doc = state_doc("1. Căn cứ Pháp lệnh Dân số ngày 09 tháng 01 năm 2003, các cơ quan thực hiện.")
    c = only_citation(doc)
    assert (c.doc_type, c.name, c.date) == ("Pháp lệnh", "Dân số", "2003-01-09")


# --------------------------------------------------------------------------------------------
# Signatures (§9)
# --------------------------------------------------------------------------------------------


def sig_tuple(s):
    return (s.mode, s.authority, s.position, s.signer)


def test_party_signature():
    doc = party_doc("1. Nội dung.")
    assert [sig_tuple(s) for s in doc.signatures] == [("TM", ["T/M BAN THƯỜNG VỤ"], "PHÓ BÍ THƯ", "Hồ Quang Vinh")]
    assert spanned(doc, doc.signatures[0].span) == "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nHồ Quang Vinh"
    assert "signature.missing" not in codes(doc)


def test_state_signature_by_order_and_deputy():
    tail = STATE_TAIL.replace("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG")
    doc = state_doc("1. Nội dung.", tail=tail)
    assert [sig_tuple(s) for s in doc.signatures] == [
        ("TL", ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"], "PHÓ CHÁNH VĂN PHÒNG", "Võ Thị Ngọc Hân"),
    ]


def test_government_signature_with_signed_mark():
    doc = decree_doc("Điều 1. Phạm vi")
    assert [sig_tuple(s) for s in doc.signatures] == [("TM", ["TM. CHÍNH PHỦ"], "THỦ TƯỚNG", "Nguyễn Xuân Phúc")]
    assert spanned(doc, doc.signatures[0].span) == "TM. CHÍNH PHỦ\nTHỦ TƯỚNG\n(Đã ký)\nNguyễn Xuân Phúc"


def test_signature_without_prefix():
    tail = STATE_TAIL.replace("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "CHỦ TỊCH").replace("Võ Thị Ngọc Hân", "Nguyễn Văn An")
    doc = state_doc("1. Nội dung.", tail=tail)
    assert [sig_tuple(s) for s in doc.signatures] == [(None, [], "CHỦ TỊCH", "Nguyễn Văn An")]


@pytest.mark.parametrize(
    "prefix, mode",
    [("TUQ. CHỦ TỊCH", "TUQ"), ("Q. CHỦ TỊCH", "Q"), ("T/L BAN THƯỜNG VỤ", "TL"), ("K/T TRƯỞNG BAN", "KT")],
)
def test_signing_prefix_modes(prefix, mode):
    tail = STATE_TAIL.replace("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", f"{prefix}\nCHÁNH VĂN PHÒNG")
    doc = state_doc("1. Nội dung.", tail=tail)
    assert [sig_tuple(s) for s in doc.signatures] == [(mode, [prefix], "CHÁNH VĂN PHÒNG", "Võ Thị Ngọc Hân")]


def test_signer_military_rank_is_not_part_of_the_name():
    tail = STATE_TAIL.replace("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG").replace(
        "Võ Thị Ngọc Hân", "Thượng tướng Lương Tam Quang")
    doc = state_doc("1. Nội dung.", tail=tail)
    assert [sig_tuple(s) for s in doc.signatures] == [
        ("KT", ["KT. BỘ TRƯỞNG"], "THỨ TRƯỞNG", "Lương Tam Quang"),
    ]


def test_deputy_for_secretary_is_flagged():
    tail = PARTY_TAIL.replace("T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ")
    doc = party_doc("1. Nội dung.", tail=tail)
    assert [sig_tuple(s) for s in doc.signatures] == [("KT", ["K/T BÍ THƯ"], "PHÓ BÍ THƯ", "Hồ Quang Vinh")]
    assert "signature.deputy_for_secretary" in codes(doc, "warning")


def test_two_signature_blocks_side_by_side():
    tail = """
K/T TRƯỞNG BAN | K/T TRƯỞNG BAN
PHÓ TRƯỞNG BAN | PHÓ TRƯỞNG BAN

Lê Thị Hồng Nhung | Đặng Văn Tiến

Nơi nhận:
- Ban Tuyên giáo Trung ương (để báo cáo),
- Lưu BTGTU, BDVTU.
"""
    header = PARTY_HEADER.replace("Số 307-NQ/TU", "Số 05-HD/BTGTU-BDVTU").replace(
        "NGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY", "HƯỚNG DẪN")
    doc = party_doc("1. Ban Tuyên giáo Tỉnh ủy chủ trì định hướng nội dung tuyên truyền.", header=header, tail=tail)
    assert [sig_tuple(s) for s in doc.signatures] == [
        ("KT", ["K/T TRƯỞNG BAN"], "PHÓ TRƯỞNG BAN", "Lê Thị Hồng Nhung"),
        ("KT", ["K/T TRƯỞNG BAN"], "PHÓ TRƯỞNG BAN", "Đặng Văn Tiến"),
    ]
    assert doc.distribution == ["Ban Tuyên giáo Trung ương (để báo cáo)", "Lưu BTGTU, BDVTU"]
    assert doc.header.number.issuer_code == "BTGTU-BDVTU"
    for s in doc.signatures:
        assert s.span.start <= s.span.end


def test_markdown_emphasis_in_signature_is_removed():
    tail = PARTY_TAIL.replace("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "**T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ**").replace(
        "Hồ Quang Vinh", "**Hồ Quang Vinh**")
    doc = party_doc("1. Nội dung.", tail=tail)
    assert [sig_tuple(s) for s in doc.signatures] == [("TM", ["T/M BAN THƯỜNG VỤ"], "PHÓ BÍ THƯ", "Hồ Quang Vinh")]
    assert "*" not in doc.text.split("Nơi nhận")[-1]
    assert "text.markup_removed" in codes(doc, "info")


def test_distribution_and_signature_in_one_table_row():
    tail = """
Nơi nhận: | T/M BAN THƯỜNG VỤ
- Như trên, | PHÓ BÍ THƯ
- Thường trực Tỉnh ủy (để báo cáo), |
- Lưu Văn phòng Tỉnh ủy. | Hồ Quang Vinh
"""
    doc = party_doc("1. Nội dung.", tail=tail)
    assert doc.distribution == ["Như trên", "Thường trực Tỉnh ủy (để báo cáo)", "Lưu Văn phòng Tỉnh ủy"]
    assert [sig_tuple(s) for s in doc.signatures] == [("TM", ["T/M BAN THƯỜNG VỤ"], "PHÓ BÍ THƯ", "Hồ Quang Vinh")]


def test_missing_signature_is_warned():
    doc = vbparse.parse_text(PARTY_HEADER + "\n1. Các cấp ủy tổ chức quán triệt Nghị quyết.\n")
    assert doc.signatures == []
    assert "signature.missing" in codes(doc, "warning")


# --------------------------------------------------------------------------------------------
# Distribution (§10)
# --------------------------------------------------------------------------------------------


def test_state_distribution_list():
    doc = state_doc("1. Nội dung.")
    assert doc.distribution == ["Như trên", "Sở Nội vụ tỉnh (b/c)", "Lưu: VT, VP"]


def test_party_distribution_list():
    doc = party_doc("1. Nội dung.")
    assert doc.distribution == [
        "Ban Tuyên giáo Trung ương (để báo cáo)", "Các huyện ủy, thị ủy, thành ủy", "Lưu Văn phòng Tỉnh ủy",
    ]


def test_distribution_entries_are_stripped():
    tail = """
Nơi nhận:
– Như Điều 3;
- Bộ Nội vụ (b/c) ;
- CT, các PCT UBND tỉnh,
-Lưu: VT, NC (2b).

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Đinh Công Khải
"""
    doc = state_doc("Điều 1. Nội dung.\nĐiều 3. Quyết định này có hiệu lực kể từ ngày ký./.", tail=tail)
    assert doc.distribution == ["Như Điều 3", "Bộ Nội vụ (b/c)", "CT, các PCT UBND tỉnh", "Lưu: VT, NC (2b)"]
    for entry in doc.distribution:
        assert not entry.startswith(("-", "–", " ")) and not entry.endswith((",", ";", ".", " "))


def test_distribution_zone_and_signature_zone():
    doc = state_doc("1. Nội dung.")
    zones = {z.name: spanned(doc, z.span) for z in doc.zones}
    assert zones["distribution"].startswith("Nơi nhận:")
    assert zones["distribution"].endswith("- Lưu: VT, VP.")
    assert zones["signature"] == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVõ Thị Ngọc Hân"
    assert zones["recipients"] == "Kính gửi: Các cơ quan, đơn vị thuộc UBND huyện."


# --------------------------------------------------------------------------------------------
# News reports
# --------------------------------------------------------------------------------------------

REPORT = """Skip to main content
Trang chủ | Giới thiệu | Tin tức - Sự kiện | Liên hệ

Ban Thường vụ Tỉnh ủy Quảng Nam quán triệt Nghị quyết về phát triển du lịch

Thứ Hai, 22/07/2024 08:30

Sáng 20/7, Ban Thường vụ Tỉnh ủy tổ chức hội nghị quán triệt Nghị quyết số 307-NQ/TU ngày 06/12/2023 của Ban Thường vụ Tỉnh ủy về phát triển du lịch. Nghị quyết đề ra ba nhiệm vụ trọng tâm:
1. Phát triển sản phẩm du lịch đặc trưng gắn với di sản văn hóa Hội An, Mỹ Sơn.
Ảnh minh họa.
2. Nâng cao chất lượng nguồn nhân lực du lịch.
            Đồng chí Nguyễn Văn Ba, Phó Bí thư Thường trực Tỉnh ủy phát biểu tại hội nghị.
3. Đẩy mạnh chuyển đổi số trong quản lý du lịch.

Tác giả: Trần Minh Khoa
Nguồn: Báo Quảng Nam

Chia sẻ
Tin liên quan
Quảng Nam đón 8 triệu lượt khách trong 6 tháng đầu năm (15/07/2024)
"""


def test_report_kind_title_and_author():
    doc = vbparse.parse_text(REPORT)
    assert doc.kind == "report"
    assert doc.title == "Ban Thường vụ Tỉnh ủy Quảng Nam quán triệt Nghị quyết về phát triển du lịch"
    assert doc.author == "Trần Minh Khoa"
    assert doc.header.number is None and doc.signatures == [] and doc.distribution == []


def test_report_chrome_captions_and_byline_stay_out_of_sections():
    doc = vbparse.parse_text(REPORT)
    assert [s.label for s in doc.sections] == ["1", "2", "3"]
    assert doc.sections[0].text == "Phát triển sản phẩm du lịch đặc trưng gắn với di sản văn hóa Hội An, Mỹ Sơn."
    assert doc.sections[1].text == "Nâng cao chất lượng nguồn nhân lực du lịch."
    everything = " ".join([doc.title or ""] + [f"{s.heading or ''} {s.text}" for s in walk(doc.sections)])
    for chrome in ("Skip to main content", "Trang chủ", "Ảnh minh họa", "phát biểu tại hội nghị", "Tác giả",
                   "Nguồn", "Báo Quảng Nam", "Chia sẻ", "Tin liên quan", "8 triệu lượt khách"):
        assert chrome not in everything, chrome
    assert [c.raw for c in doc.citations] == ["Nghị quyết số 307-NQ/TU ngày 06/12/2023 của Ban Thường vụ Tỉnh ủy"]
    assert "text.boilerplate_skipped" in codes(doc, "info")


def test_report_byline_zone():
    doc = vbparse.parse_text(REPORT)
    names = [z.name for z in doc.zones]
    assert "byline" in names and "header" not in names and "signature" not in names
    byline = next(z for z in doc.zones if z.name == "byline")
    assert spanned(doc, byline.span).startswith("Tác giả: Trần Minh Khoa\nNguồn: Báo Quảng Nam")


# --------------------------------------------------------------------------------------------
# Text reader and normalisation (§12)
# --------------------------------------------------------------------------------------------

SAMPLE = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Ủy ban nhân dân tỉnh Quảng Nam quyết định thành lập Tổ công tác rà soát văn bản.\n"
)
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _tone_decomposed(text: str) -> str:
    """Windows-1258 style: ă â ê ô ơ ư đ precomposed, the tone as a combining mark after them."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(m for m in parts if m in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES)) + tone)
    return "".join(out)


def test_decode_utf8_with_bom():
    text, encoding = decode(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"))
    assert text == SAMPLE
    assert encoding == "utf-8-sig"


def test_decode_plain_utf8():
    assert decode(SAMPLE.encode("utf-8")) == (SAMPLE, "utf-8")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_decode_utf16(codec):
    data = SAMPLE.encode(codec)
    text, encoding = decode(data)
    assert text == SAMPLE
    assert encoding.startswith("utf-16")


def test_decode_windows_1258():
    data = _tone_decomposed(SAMPLE).encode("cp1258")
    text, encoding = decode(data)
    assert encoding == "cp1258"
    assert unicodedata.normalize("NFC", text) == SAMPLE


def test_parse_windows_1258_gives_nfc_text():
    doc = vbparse.parse_bytes(_tone_decomposed(SAMPLE).encode("cp1258"))
    assert doc.source.encoding == "cp1258"
    assert doc.text == SAMPLE.strip()
    assert doc.header.heading == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_parse_nfd_text_is_normalised():
    doc = vbparse.parse_text(unicodedata.normalize("NFD", SAMPLE))
    assert doc.text == SAMPLE.strip()
    assert doc.header.motto == "Độc lập - Tự do - Hạnh phúc"


def test_undecodable_bytes_raise():
    data = b"Bao cao tinh hinh thuc hien nhiem vu nam 2024. " * 3 + b"\x81\x8d\x8f\x90" * 50
    with pytest.raises(DecodingError):
        decode(data)
    with pytest.raises(DecodingError):
        vbparse.parse_bytes(data)


def test_empty_bytes_raise():
    with pytest.raises(EmptyInputError):
        vbparse.parse_bytes(b"")
    with pytest.raises(EmptyInputError):
        read_text(b"")
    with pytest.raises(EmptyInputError):
        vbparse.parse_bytes(b" \r\n\t\n")


def test_binary_bytes_raise():
    data = b"\x00\x01\x02\x03PK binary payload\x00\xff\xfe" * 20
    with pytest.raises(BinaryInputError):
        decode(data)
    with pytest.raises(BinaryInputError):
        vbparse.parse_bytes(data)


def test_errors_are_vbparse_errors_with_codes():
    for data, code in ((b"", "input.empty"), (b"\x00\x01\x02" * 30, "input.binary")):
        with pytest.raises(VbparseError) as info:
            vbparse.parse_bytes(data)
        assert info.value.code == code


def test_lookalike_d_and_invisible_characters_are_normalised():
    text = PARTY_HEADER.replace("ĐẢNG CỘNG SẢN", "\u00d0ẢNG CỘNG SẢN").replace("Tam Kỳ", "Tam\u00a0Kỳ\u200b")
    doc = party_doc("1. Nội dung.", header=text)
    assert doc.header.heading == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert doc.header.place == "Tam Kỳ"
    assert "\u00d0" not in doc.text and "\u200b" not in doc.text


@pytest.mark.parametrize(
    "old, new", [("hòa", "hoà"), ("Tỉnh ủy", "Tỉnh uỷ"), ("khỏe", "khoẻ"), ("HÒA", "HOÀ"), ("ỦY", "UỶ")]
)
def test_fold_tones_unifies_old_and_new_placement(old, new):
    assert fold_tones(old) == fold_tones(new)
    assert len(fold_tones(new)) == len(new)


@pytest.mark.parametrize("word", ["thuyết", "Nguyễn", "Đảng", "307-NQ/TU", "30/2020/NĐ-CP"])
def test_fold_tones_leaves_words_without_a_movable_tone(word):
    assert fold_tones(word) == word


@pytest.mark.parametrize("text", ["hoàng", "quý", "CỘNG HOÀ XÃ HỘI", "Tỉnh uỷ Quảng Nam", "Nghị quyết"])
def test_fold_tones_keeps_length(text):
    # spans found on the folded text are used on the original: lengths must agree
    assert len(fold_tones(text)) == len(text)


@pytest.mark.parametrize(
    "sentence, number, issuer",
    [
        ("Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 16/9/2024.", "45/TTr-SNV", "Giám đốc Sở Nội vụ"),
        ("Các nhiệm vụ đã được Ban Thường vụ Tỉnh ủy phê duyệt tại Nghị quyết số 316-NQ/TU ngày 29/12/2023.",
         "316-NQ/TU", "Ban Thường vụ Tỉnh ủy"),
        ("Tại hội nghị, Tỉnh ủy đã thông qua Nghị quyết số 32-NQ/TU ngày 5/12/2022 về nhiệm vụ năm 2023.",
         "32-NQ/TU", "Tỉnh ủy"),
        ("Sở đã tham mưu Ủy ban nhân dân tỉnh ban hành Quyết định số 17/QĐ-UBND ngày 08/01/2024.",
         "17/QĐ-UBND", "Ủy ban nhân dân tỉnh"),
        # a sentence opening is not a body: no issuer rather than a wrong one
        ("Các huyện đã ban hành Kế hoạch số 12/KH-UBND ngày 08/01/2024.", "12/KH-UBND", None),
        ("Theo đề nghị của các sở tại Tờ trình số 45/TTr-SNV ngày 16/9/2024.", "45/TTr-SNV", None),
    ],
)
def test_citation_issuer_written_before_it(sentence, number, issuer):
    c = only_citation(state_doc("1. " + sentence))
    assert (c.number.text, c.issuer) == (number, issuer)


def test_issuer_after_the_last_of_two_citations_is_shared():
    doc = party_doc("1. Thực hiện Nghị quyết số 233-NQ/TU ngày 25/7/2022 và Thông báo số 1975-TB/TU ngày 13/10/2023 "
                    "của Ban Chấp hành Đảng bộ tỉnh.")
    assert [(c.number.text, c.issuer) for c in doc.citations] == [
        ("233-NQ/TU", "Ban Chấp hành Đảng bộ tỉnh"), ("1975-TB/TU", "Ban Chấp hành Đảng bộ tỉnh"),
    ]


def test_issuer_keeps_its_term():
    doc = party_doc("1. Tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị khóa XII về học tập và làm theo.")
    assert only_citation(doc).issuer == "Bộ Chính trị khóa XII"


def test_form_codes_are_not_citations():
    doc = state_doc("1. Báo cáo theo Mẫu số 01/BCĐBQH-MT và biểu mẫu số 02/BCĐBQH-MT kèm theo.")
    assert doc.citations == []


def test_normative_serial_with_letter():
    c = only_citation(state_doc("1. Chương trình tại Nghị quyết số 30a/2008/NQ-CP ngày 27 tháng 12 năm 2008 của Chính phủ."))
    assert (c.number.text, c.date, c.issuer) == ("30a/2008/NQ-CP", "2008-12-27", "Chính phủ")


def test_law_name_with_commas_and_va_keeps_its_date():
    doc = state_doc("1. Căn cứ Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 29 tháng 6 năm 2024;")
    c = only_citation(doc)
    assert (c.doc_type, c.name, c.date) == ("Luật", "Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ", "2024-06-29")
    two = state_doc("1. Căn cứ Luật Đất đai và Luật Nhà ở ngày 18 tháng 01 năm 2024;")
    assert [c.name for c in two.citations] == ["Đất đai", "Nhà ở"]


LAW = """QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Luật số: 12/2025/QH15 |

LUẬT
BẢO HIỂM TIỀN GỬI

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;

Điều 1. Phạm vi điều chỉnh
Luật này quy định về bảo hiểm tiền gửi.

Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, Kỳ họp thứ 10 thông qua ngày 10 tháng 12 năm 2025.

CHỦ TỊCH QUỐC HỘI

Trần Thanh Mẫn
"""


def test_law_date_is_its_adoption_date():
    doc = vbparse.parse_text(LAW)
    assert (doc.header.number.text, doc.header.date, doc.header.place) == ("12/2025/QH15", "2025-12-10", None)
    assert spanned(doc, doc.header.spans["date"]) == "ngày 10 tháng 12 năm 2025"
    assert [d.code for d in doc.diagnostics if d.code.startswith("header.date")] == ["header.date.adoption"]


def test_a_sentence_under_the_type_line_is_body_not_summary():
    header = STATE_HEADER.replace("V/v triển khai tự kiểm tra công tác văn thư, lưu trữ năm 2024\n", "GIẤY MỜI\n").replace(
        "Kính gửi: Các cơ quan, đơn vị thuộc UBND huyện.\n", "")
    body = ("Thực hiện Chương trình công tác của Ủy ban nhân dân huyện tháng 01/2026, Ủy ban nhân dân huyện tổ chức "
            "Họp đánh giá công tác cải cách hành chính năm 2025 và triển khai nhiệm vụ năm 2026 của huyện Đức Trọng.\n"
            "1. Chủ trì: Đồng chí Chủ tịch UBND huyện.\n")
    doc = vbparse.parse_text(header + body + STATE_TAIL)
    assert (doc.header.doc_type, doc.header.summary) == ("Giấy mời", None)


def test_capitals_summary_with_commas_is_not_an_authority_line():
    doc = vbparse.parse_text(LAW.replace("BẢO HIỂM TIỀN GỬI", "QUY ĐỊNH SỐ LƯỢNG PHÓ CHỦ TỊCH HỘI ĐỒNG NHÂN DÂN, PHÓ TRƯỞNG BAN\n\n"
                            "CỦA HỘI ĐỒNG NHÂN DÂN CẤP TỈNH, CẤP XÃ VÀ VIỆC BỐ TRÍ ĐẠI BIỂU\n\n"
                            "HỘI ĐỒNG NHÂN DÂN CẤP TỈNH, CẤP XÃ HOẠT ĐỘNG CHUYÊN TRÁCH").replace("LUẬT\n", "NGHỊ QUYẾT\n"))
    assert doc.header.summary.endswith("CẤP XÃ HOẠT ĐỘNG CHUYÊN TRÁCH")


@pytest.mark.parametrize(
    "issuer_lines, issuer, parent",
    [
        ("HỘI ĐỒNG THẨM PHÁN\nTÒA ÁN NHÂN DÂN TỐI CAO", "HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO", None),
        ("HIỆP HỘI\nCÔNG CHỨNG VIÊN VIỆT NAM\nBAN THƯỜNG VỤ", "BAN THƯỜNG VỤ", "HIỆP HỘI CÔNG CHỨNG VIÊN VIỆT NAM"),
        ("UBND TỈNH GIA LAI\nSỞ NỘI VỤ", "SỞ NỘI VỤ", "UBND TỈNH GIA LAI"),
    ],
)
def test_issuer_lines(issuer_lines, issuer, parent):
    header = STATE_HEADER.replace("ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG", issuer_lines)
    doc = state_doc("1. Nội dung.", header=header)
    assert (doc.header.issuer, doc.header.parent_issuer) == (issuer, parent)


def test_joint_document_names_all_issuers_as_one():
    header = ("ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHÍNH PHỦ - ĐOÀN CHỦ TỊCH\nỦY BAN TRUNG ƯƠNG\nMẶT TRẬN TỔ QUỐC VIỆT NAM"
              " | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
              "Số: 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTQVN | Hà Nội, ngày 26 tháng 9 năm 2025\n\nNGHỊ QUYẾT LIÊN TỊCH\n"
              "Hướng dẫn quy trình hiệp thương\n\n")
    doc = vbparse.parse_text(header + "Điều 1. Phạm vi\nNội dung.\n" + STATE_TAIL)
    assert (doc.header.issuer, doc.header.parent_issuer) == (
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI CHÍNH PHỦ - ĐOÀN CHỦ TỊCH ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM", None)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Ngày 09/4/2025, Bộ Tư pháp đã có Công văn số 1866/BTP-PLHSHC gửi các tỉnh.",
         ("1866/BTP-PLHSHC", "2025-04-09", "Bộ Tư pháp")),
        ("Ngày 03/7/2025, Hội đồng nhân dân tỉnh Lâm Đồng ban hành Nghị quyết số 03/NQ-HĐND về tổ chức.",
         ("03/NQ-HĐND", "2025-07-03", "Hội đồng nhân dân tỉnh Lâm Đồng")),
        ("Thực hiện Công văn số 5689/BCA-C04 ngày 16/12/2025 của Bộ Công an về kế hoạch.",
         ("5689/BCA-C04", "2025-12-16", "Bộ Công an")),
        ("Căn cứ Nghị định số 126/2024/NĐ-CP ngày 08/10/2024 của Chính phủ tổ chức, hoạt động và quản lý hội.",
         ("126/2024/NĐ-CP", "2024-10-08", "Chính phủ")),
        ("Theo Công văn số 6705/UBND-NC ngày 05/10/2023 của Ủy ban nhân dân thành phố Đà Lạt (cũ) về việc đo đạc.",
         ("6705/UBND-NC", "2023-10-05", "Ủy ban nhân dân thành phố Đà Lạt (cũ)")),
    ],
)
def test_citation_dates_and_issuers_in_running_text(sentence, expected):
    c = only_citation(state_doc("1. " + sentence))
    assert (c.number.text, c.date, c.issuer) == expected


def test_shared_details_only_between_documents_of_one_issuer():
    doc = state_doc("1. Triển khai Nghị quyết số 140/NQ-CP và Chương trình hành động số 06-CTr/TU, ngày 29/8/2025 "
                    "của Ban Thường vụ Tỉnh ủy; Nghị quyết số 01/NQ-CP và Nghị quyết số 02/NQ-CP ngày 08/01/2025 của Chính phủ.")
    assert [(c.number.text, c.date, c.issuer) for c in doc.citations] == [
        ("140/NQ-CP", None, None),
        ("06-CTr/TU", "2025-08-29", "Ban Thường vụ Tỉnh ủy"),
        ("01/NQ-CP", "2025-01-08", "Chính phủ"),
        ("02/NQ-CP", "2025-01-08", "Chính phủ"),
    ]


def test_references_known_by_their_date():
    doc = state_doc("1. Căn cứ Luật tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Bộ luật dân sự ngày 24 tháng 11 năm 2015 và "
                    "Nghị quyết ngày 28-10-1995 của Quốc hội. Bộ luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2017.")
    assert [(c.doc_type, c.name, c.date, c.issuer) for c in doc.citations] == [
        ("Luật", "tổ chức Chính phủ", "2015-06-19", None),
        ("Bộ luật", "dân sự", "2015-11-24", None),
        ("Nghị quyết", None, "1995-10-28", "Quốc hội"),
    ]


def test_counts_are_not_number_only_citations():
    doc = state_doc("1. Tỉnh đưa ra khỏi kế hoạch 55 lớp bồi dưỡng và hoàn thành công văn 2045 của Văn phòng.")
    assert [c.number.text for c in doc.citations] == ["2045"]


def test_ocr_letters_in_serials_are_repaired_and_reported():
    doc = state_doc("1. Căn cứ Nghị định số l2/2020/NĐ-CP ngày 05/3/2020 của Chính phủ và Công văn số 3O5/UBND-VP.")
    assert [c.number.text for c in doc.citations] == ["12/2020/NĐ-CP", "305/UBND-VP"]
    repairs = [(d.code, spanned(doc, d.span)) for d in doc.diagnostics if d.code == "number.repaired"]
    assert repairs == [("number.repaired", "l2/2020/NĐ-CP"), ("number.repaired", "3O5/UBND-VP")]
    # a word is never a number: at least one real digit
    assert state_doc("1. Theo Công văn số IO/UBND-VP.").citations == []


@pytest.mark.parametrize(
    "number_line, number, code",
    [
        ("/TB-UBND", "/TB-UBND", "header.number.blank"),  # "Số:" and the serial written by hand
        ("Số: /TTr-CAT(PC04)", "/TTr-CAT(PC04)", "header.number.blank"),
        ("Số: 4H09 BCA-C04", None, "header.number.unreadable"),
        ("Sốg8 /TTr- CAT-PC04", None, "header.number.unreadable"),
        ("Số: 12/TTr-CAT(PC04)", "12/TTr-CAT(PC04)", None),
    ],
)
def test_number_lines_read_by_ocr_stay_number_lines(number_line, number, code):
    header = STATE_HEADER.replace("Số: 356/UBND-VP", number_line)
    doc = state_doc("1. Nội dung.", header=header)
    assert (doc.header.issuer, doc.header.number.text if doc.header.number else None) == ("ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG", number)
    if code:
        assert code in [d.code for d in doc.diagnostics]
