"""Forms seen in documents the corpus lacked: each test is a family, written as a small sample."""

from __future__ import annotations

from vbparse.api import parse_text

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
TAIL = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n"


def _parse(text: str):
    return parse_text(text)


def test_a_dotted_serial_is_one_number():
    doc = _parse("CHÍNH PHỦ\nSố: 66.15/2026/NQ-CP\n" + MOTTO + "Hà Nội, ngày 10 tháng 4 năm 2026\nNGHỊ QUYẾT\n"
                 "Về việc thí điểm cơ chế đặc thù\nĐiều 1. Phạm vi.\n" + TAIL)
    assert doc.header.number.text == "66.15/2026/NQ-CP" and doc.header.number.serial == "66.15"
    assert doc.header.issuer == "CHÍNH PHỦ" and doc.header.parent_issuer is None


def test_a_draft_mark_is_never_the_issuer():
    for mark in ("(DỰ THẢO)", "DỰ THẢO", "[Dự thảo lần 2]"):
        doc = _parse(mark + "\nỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố:      /KH-UBND\n" + MOTTO +
                     "Lào Cai, ngày      tháng 5 năm 2026\nKẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW\nI. MỤC TIÊU\n" + TAIL)
        assert doc.header.issuer == "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", mark
        assert doc.header.parent_issuer is None, mark
        assert doc.header.number.serial is None and doc.header.date is None


def test_an_issuer_name_cut_after_a_conjunction_runs_on():
    doc = _parse("BỘ NÔNG NGHIỆP VÀ\nPHÁT TRIỂN NÔNG THÔN\nCỤC THỦY LỢI\nSố: 12/TB-TL\n" + MOTTO +
                 "Hà Nội, ngày 3 tháng 2 năm 2026\nTHÔNG BÁO\nKết luận của Cục trưởng\ntại cuộc họp giao ban tháng 1\n"
                 "Ngày 20/01/2026, Cục Thủy lợi tổ chức họp giao ban định kỳ.\n" + TAIL)
    assert doc.header.parent_issuer == "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"
    assert doc.header.issuer == "CỤC THỦY LỢI"
    # the body's first sentence is not part of the summary on the lines after the type line
    assert doc.header.summary == "Kết luận của Cục trưởng tại cuộc họp giao ban tháng 1"


def test_an_introduction_ends_the_summary_and_annexes_are_not_body_sections():
    doc = _parse("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 15/CTr-UBND\n" + MOTTO + "Lào Cai, ngày 5 tháng 5 năm 2026\n"
                 "CHƯƠNG TRÌNH HÀNH ĐỘNG\nThực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\n"
                 "Phần mở đầu\nNội dung mở đầu.\nI- MỤC TIÊU\n1- Mục tiêu chung\n2- Mục tiêu cụ thể\nII- NHIỆM VỤ\n"
                 "Nội dung.\n" + TAIL.replace("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
                 + "PHỤ LỤC I\nDANH MỤC NHIỆM VỤ\n1. Nhiệm vụ một\n2. Nhiệm vụ hai\n")
    assert doc.header.doc_type == "Chương trình"
    assert doc.header.summary == "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"
    assert [(s.label, [c.label for c in s.children]) for s in doc.sections] == [("I", ["1", "2"]), ("II", [])]
    assert [a.label for a in doc.annexes] == ["PHỤ LỤC I"]
    assert [c.label for c in doc.annexes[0].children] == ["1", "2"]


def test_a_day_written_by_hand_and_lost_leaves_place_month_and_a_blank_date():
    doc = _parse("BỘ CÔNG AN\nCÔNG AN TỈNH LÂM ĐỒNG\nSố: /TTr-CAT\n" + MOTTO + "Lâm Đồng, tháng 12 năm 2025\nTỜ TRÌNH\n"
                 "Về việc đề nghị ban hành Quyết định\nKính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng\n"
                 "Công an tỉnh kính đề nghị.\nơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nThiếu tướng Nguyễn Văn Hùng\n")
    h = doc.header
    assert (h.place, h.date, h.doc_type) == ("Lâm Đồng", None, "Tờ trình")
    assert h.summary == "Về việc đề nghị ban hành Quyết định"
    assert "header.date.blank" in {d.code for d in doc.diagnostics}
    assert doc.recipients == ["Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng"]
    assert doc.distribution == ["Như trên", "Lưu: VT"]
    assert [(s.position, s.signer) for s in doc.signatures] == [("GIÁM ĐỐC", "Nguyễn Văn Hùng")]


def test_a_joint_guidance_of_many_bodies():
    bodies = "BỘ CÔNG AN - BỘ QUỐC PHÒNG - BỘ Y TẾ - BỘ CÔNG THƯƠNG - BỘ TÀI CHÍNH"
    doc = _parse(bodies + "\nSố: 24/HDLN-BCA-BQP-BYT-BCT-BTC-VKSNDTC-TANDTC\n" + MOTTO +
                 "Hà Nội, ngày 05 tháng 3 năm 2026\nHƯỚNG DẪN LIÊN NGÀNH\nVề việc phối hợp phòng, chống ma túy\n"
                 "I. MỤC ĐÍCH\n1. Mục đích\nII. NỘI DUNG\n")
    assert doc.header.number.text == "24/HDLN-BCA-BQP-BYT-BCT-BTC-VKSNDTC-TANDTC"
    assert doc.header.doc_type == "Hướng dẫn" and doc.header.issuer == bodies


def test_an_ocr_position_with_specks_and_wrong_marks_reads_as_the_position():
    doc = _parse("SỞ CÔNG THƯƠNG\nSố: 12/SCT-CN\n" + MOTTO + "Lào Cai, ngày 3 tháng 2 năm 2026\nV/v kiểm tra\n"
                 "Kính gửi: Công ty A\nSở Công Thương đề nghị Công ty thực hiện.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
                 "KT. GIÁM ĐÓC\n“PHÓ GIÁM ĐÓC.\nNguyễn Văn An\n")
    assert [(s.authority, s.position, s.signer) for s in doc.signatures] == [(["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "Nguyễn Văn An")]


def test_an_enterprise_name_runs_over_two_lines_unless_the_second_names_a_unit():
    for top, issuer, parent in (
        ("CÔNG TY CP ĐẦU TƯ XÂY DỰNG\nHẠ TẦNG VÀ GIAO THÔNG\n", "CÔNG TY CP ĐẦU TƯ XÂY DỰNG HẠ TẦNG VÀ GIAO THÔNG", None),
        ("TỔNG CÔNG TY ĐIỆN LỰC MIỀN BẮC\nCÔNG TY ĐIỆN LỰC LÀO CAI\n", "CÔNG TY ĐIỆN LỰC LÀO CAI", "TỔNG CÔNG TY ĐIỆN LỰC MIỀN BẮC"),
        ("CÔNG TY TNHH MỘT THÀNH VIÊN XỔ SỐ KIẾN THIẾT\nPHÒNG KẾ TOÁN\n", "PHÒNG KẾ TOÁN", "CÔNG TY TNHH MỘT THÀNH VIÊN XỔ SỐ KIẾN THIẾT"),
    ):
        doc = _parse(top + "Số: 89/QĐ-CT\n" + MOTTO + "Lào Cai, ngày 2 tháng 3 năm 2026\nQUYẾT ĐỊNH\nPhê duyệt thiết kế\n"
                     "Điều 1. Phê duyệt.\n" + TAIL)
        assert (doc.header.issuer, doc.header.parent_issuer) == (issuer, parent), top


def test_a_summary_run_onto_the_type_line_opens_the_summary():
    # OCR or the drafter put the type and the start of the summary on one line; a word or two
    # after the type only qualify it, and the summary follows on the next line
    for type_line, rest, summary in (
        ("QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ", "ĐỒNG THỜI CHẤP THUẬN NHÀ ĐẦU TƯ",
         "CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ ĐỒNG THỜI CHẤP THUẬN NHÀ ĐẦU TƯ"),
        ("GIẤY PHÉP SỬ DỤNG VẬT LIỆU NỔ CÔNG NGHIỆP", "", "SỬ DỤNG VẬT LIỆU NỔ CÔNG NGHIỆP"),
        ("BIÊN BẢN KIỂM TRA", "Thực tế khu vực kho chứa", "Thực tế khu vực kho chứa"),
        ("KẾ HOẠCH HÀNH ĐỘNG", "Thực hiện Nghị quyết số 57-NQ/TW", "Thực hiện Nghị quyết số 57-NQ/TW"),
    ):
        doc = _parse("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 2338/QĐ-UBND\n" + MOTTO + "Lào Cai, ngày 2 tháng 7 năm 2026\n"
                     + type_line + "\n" + (rest + "\n" if rest else "") + "Căn cứ Luật Đầu tư;\nĐiều 1. Nội dung.\n" + TAIL)
        assert doc.header.summary == summary, type_line


def test_a_heading_and_type_with_their_spaces_lost_are_still_read():
    # pdftotext of a legacy-font PDF, or OCR, runs words together
    doc = _parse("BỘ CÔNG AN\nCÔNG AN TỈNH LÂM ĐỒNG\nSố: 298/TTr-CAT-PC04\nCỘNG HOÀXÃ HỘI CHỦNGHĨAVIỆT NAM\n"
                 "Độc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 24 tháng 10 năm 2025\nTỜTRÌNH\n"
                 "Về việc triển khai công tác cai nghiện ma túy tự nguyện\nKính gửi: Chủ tịch UBND tỉnh Lâm Đồng.\n"
                 "Công an tỉnh trình như sau.\n" + TAIL)
    assert doc.header.heading == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and doc.header.doc_type == "Tờ trình"
    assert doc.header.issuer == "CÔNG AN TỈNH LÂM ĐỒNG" and doc.header.parent_issuer == "BỘ CÔNG AN"
    assert doc.header.summary == "Về việc triển khai công tác cai nghiện ma túy tự nguyện"
