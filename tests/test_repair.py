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
