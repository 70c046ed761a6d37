"""Structural keywords restored where OCR or a lost font dropped their marks (normalise.repair)."""

from __future__ import annotations

import pytest

from vbparse.normalise.repair import bare, repair_keywords


@pytest.mark.parametrize(
    "damaged, restored",
    [
        ("Ban Thường vụ Tinh ủy Quảng Nam", "Ban Thường vụ Tỉnh ủy Quảng Nam"),
        ("TINH UY LAM DONG", "TỈNH ỦY LAM DONG"),
        ("Độc lập - Tụ do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),
        ("CONG HOA XA HOI CHU NGHIA VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("ĐẢNG CỘNG SÁN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
        ("Kinh gửi: Sở Nội vụ", "Kính gửi: Sở Nội vụ"),
        ("Noi nhan:", "Nơi nhận:"),
    ],
)
def test_damaged_keywords_are_restored_in_place(damaged, restored):
    text, repairs = repair_keywords(damaged)
    assert text == restored and len(text) == len(damaged)
    assert [(r.before, r.after) for r in repairs] == [
        (damaged[r.start : r.end], restored[r.start : r.end]) for r in repairs
    ]
    assert repairs


@pytest.mark.parametrize(
    "text",
    [
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # the other official tone placement
        "Thành uỷ Hà Nội",
        "tài sản bị thu hồi",  # other marks make other words: not a damaged "BÍ THƯ"
        "Tình ủy viên",
        "chính quyển địa phương",
    ],
)
def test_right_or_other_words_are_left_alone(text):
    assert repair_keywords(text) == (text, ())


def test_bare_keeps_length():
    assert bare("Đảng ủy Ượ") == "dang uy uo"


def test_a_document_with_damaged_keywords_parses_and_reports_each_repair():
    import vbparse

    text = ("TINH UY LAM DONG\nSố 12-CV/TU\nĐẢNG CỘNG SÁN VIỆT NAM\nLâm Đồng, ngày 03 tháng 9 năm 2025\nV/v cử cán bộ\n\n"
            "Kinh gửi: Sở Nội vụ tỉnh Lâm Đồng\n\n1. Nội dung.\n\nNoi nhận:\n- Như trên;\n- Lưu VT.\n\n"
            "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn A\n")
    doc = vbparse.parse_text(text)
    assert (doc.header.heading, doc.header.issuer) == ("ĐẢNG CỘNG SẢN VIỆT NAM", "TỈNH ỦY LAM DONG")
    assert (doc.recipients, doc.distribution) == (["Sở Nội vụ tỉnh Lâm Đồng"], ["Như trên", "Lưu VT"])
    repairs = [(d.message, doc.text[d.span.start : d.span.end]) for d in doc.diagnostics if d.code == "text.keyword_repaired"]
    assert repairs == [
        ("'TINH UY' read as 'TỈNH ỦY'", "TỈNH ỦY"),
        ("'ĐẢNG CỘNG SÁN VIỆT NAM' read as 'ĐẢNG CỘNG SẢN VIỆT NAM'", "ĐẢNG CỘNG SẢN VIỆT NAM"),
        ("'Kinh gửi' read as 'Kính gửi'", "Kính gửi"),
        ("'Noi nhận' read as 'Nơi nhận'", "Nơi nhận"),
    ]


@pytest.mark.parametrize(
    "previous, damaged, restored",
    [
        # a line that is nothing but a type, position or keyword: wrong marks are repaired too
        (None, "QUYÉT ĐỊNH", "QUYẾT ĐỊNH"),
        (None, "QUYÉT ĐỊNH:", "QUYẾT ĐỊNH:"),
        (None, "GIẦY PHÉP", "GIẤY PHÉP"),
        (None, "KÉT LUẬN", "KẾT LUẬN"),
        (None, "GIÁM ĐÓC", "GIÁM ĐỐC"),
        (None, " PHÓ CHỦ TICH ", " PHÓ CHỦ TỊCH "),
        (None, "Noi nhạn:", "Nơi nhận:"),
        # a type name of two words opening a capitals line
        (None, "QUYÉT ĐỊNH PHÊ DUYỆT ĐỀ ÁN", "QUYẾT ĐỊNH PHÊ DUYỆT ĐỀ ÁN"),
        (None, "BAN CHÁP HÀNH ĐẢNG BỘ TỈNH", "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH"),
        # the level opening the line under a body's name
        ("ỦY BAN NHÂN DÂN", "TĨNH LÀO CAI", "TỈNH LÀO CAI"),
        ("HỘI ĐỒNG NHÂN DÂN", "THÀNH PHÔ HÀ NỘI", "THÀNH PHỐ HÀ NỘI"),
        # a province named with its level, anywhere
        (None, "CÔNG AN TỈNH LÂM ĐÒNG", "CÔNG AN TỈNH LÂM ĐỒNG"),
        (None, "trên địa bàn tỉnh Lâm Đông năm 2025", "trên địa bàn tỉnh Lâm Đồng năm 2025"),
        # the number line's "Số", known by the symbol that follows
        (None, "Só:3036 /SCT-CN", "Số:3036 /SCT-CN"),
        (None, "S6: 12/QĐ-UBND", "Số: 12/QĐ-UBND"),
        (None, "Sô     /KH-UBND", "Số     /KH-UBND"),
        # the place of the place-and-date line
        (None, "Lâm Đông, tháng 12 năm 2025", "Lâm Đồng, tháng 12 năm 2025"),
        (None, "Lào Cái, ngày 02 tháng 7 năm 2026", "Lào Cai, ngày 02 tháng 7 năm 2026"),
        # a rank opening the signer's line
        (None, "Thiêu tướng Nguyễn Văn Hùng", "Thiếu tướng Nguyễn Văn Hùng"),
    ],
)
def test_lines_that_vouch_for_their_words_are_repaired_with_wrong_marks(previous, damaged, restored):
    text, repairs = repair_keywords(damaged, previous)
    assert text == restored and len(text) == len(damaged)
    assert repairs and all(damaged[r.start : r.end] == r.before for r in repairs)


@pytest.mark.parametrize(
    "previous, line",
    [
        (None, "bị thu"),  # the end of a sentence, not a damaged "BÍ THƯ"
        (None, "TÌNH HÌNH KINH TẾ"),  # a capitals title, not a damaged level
        (None, "TĨNH TÂM"),  # no body's name above it, no province after it
        ("ỦY BAN NHÂN DÂN", "Tĩnh lặng"),  # not a capitals line
        (None, "Thông tư này quy định"),
        (None, "So 5 người"),
        (None, "Sở Công Thương"),
    ],
)
def test_other_words_with_the_same_letters_are_left_alone(previous, line):
    assert repair_keywords(line, previous) == (line, ())


def test_an_ocr_damaged_header_parses_as_printed():
    """The family: a scan's OCR text where one wrong mark per keyword broke the header."""
    from vbparse.api import parse_text

    text = (
        "ỦY BAN NHÂN DÂN\nTĨNH LÀO CAI\nSố: 15/GP-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nLào Cai, ngày 12 tháng 3 năm 2026\nGIẦY PHÉP\n"
        "Sử dụng vật liệu nổ công nghiệp\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI\n"
        "Xét đề nghị của Giám đốc Sở Công Thương.\nQUYÉT ĐỊNH:\n"
        "Điều 1. Cho phép Công ty A sử dụng vật liệu nổ công nghiệp.\nĐiều 2. Giấy phép có hiệu lực từ ngày ký.\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TICH\nNguyễn Văn An\n"
    )
    doc = parse_text(text)
    assert doc.header.issuer == "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"
    assert doc.header.parent_issuer is None
    assert doc.header.doc_type == "Giấy phép"
    assert doc.header.number.text == "15/GP-UBND"
    assert [(s.authority, s.position, s.signer) for s in doc.signatures] == [(["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Nguyễn Văn An")]
    repaired = [d for d in doc.diagnostics if d.code == "text.keyword_repaired"]
    assert len(repaired) == 4 and all(doc.text[d.span.start : d.span.end] for d in repaired)
