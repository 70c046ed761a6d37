"""Lines classified once, zones chosen by the grammar: each test is a family, written as a small sample."""

from __future__ import annotations

from vbparse.api import label_text, parse_text
from vbparse.classify import LABELS
from vbparse.zones import GRAMMAR, ZONE_NAMES

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
DECISION_HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\nSố: 15/QĐ-UBND\n" + MOTTO + "Hòa Bình, ngày 3 tháng 3 năm 2026\n"
                 "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n")
TAIL = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n"


def _zones(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in label_text(text):
        if line.zone:
            found.setdefault(line.zone, []).append(line.text)
    return found


def test_every_line_gets_one_known_label_and_a_score():
    lines = label_text(DECISION_HEAD + "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\n"
                       "Điều 1. Thành lập Tổ công tác.\n" + TAIL)
    assert all(line.label in LABELS and 0 < line.score <= 1 for line in lines)
    by_text = {line.text: line.label for line in lines}
    assert by_text["Số: 15/QĐ-UBND"] == "number"
    assert by_text["QUYẾT ĐỊNH"] == "type" and by_text["Về việc thành lập Tổ công tác"] == "subject"
    assert by_text["QUYẾT ĐỊNH:"] == "formula" and by_text["Điều 1. Thành lập Tổ công tác."] == "section"
    assert by_text["KT. CHỦ TỊCH"] == "signing_prefix" and by_text["Trần Văn Bình"] == "signer"
    assert by_text["- Như trên;"] == "distribution_entry"


def test_zones_follow_the_grammar_order():
    zones = _zones(DECISION_HEAD + "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\n"
                   "Điều 1. Thành lập Tổ công tác.\nĐiều 2. Quyết định có hiệu lực từ ngày ký.\n" + TAIL)
    assert list(zones) == ["header", "preamble", "body", "tail"]
    assert list(zones) == [name for name in ZONE_NAMES if name in zones]
    assert zones["preamble"] == ["Căn cứ Luật Tổ chức chính quyền địa phương;", "QUYẾT ĐỊNH:"]
    assert zones["tail"][0] == "Nơi nhận:" and zones["tail"][-1] == "Trần Văn Bình"


def test_a_stray_ocr_line_inside_the_header_does_not_end_it():
    # OCR reads a stamp or a speck above the type line as a line of its own
    for stray in ("ee ~ ,", "Sao y bản chính"):
        text = ("ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\nSố: 15/QĐ-UBND\n" + MOTTO + "Hòa Bình, ngày 3 tháng 3 năm 2026\n"
                + stray + "\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n"
                "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. Thành lập Tổ công tác.\n" + TAIL)
        doc = parse_text(text)
        assert doc.header.number.text == "15/QĐ-UBND", stray
        assert doc.header.date == "2026-03-03" and doc.header.doc_type == "Quyết định", stray
        assert doc.header.issuer == "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH", stray
        assert doc.header.summary == "Về việc thành lập Tổ công tác", stray


def test_a_grounds_line_wrapped_in_two_stays_in_the_preamble():
    text = (DECISION_HEAD + "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6\nnăm 2025;\n"
            "Căn cứ Nghị định số 30/2020/NĐ-CP;\nQUYẾT ĐỊNH:\nĐiều 1. Thành lập Tổ công tác.\n" + TAIL)
    zones = _zones(text)
    assert zones["preamble"][1] == "năm 2025;" and zones["preamble"][-1] == "QUYẾT ĐỊNH:"
    assert zones["body"] == ["Điều 1. Thành lập Tổ công tác."]


def test_a_note_after_the_signature_keeps_the_signature():
    doc = parse_text(DECISION_HEAD + "Điều 1. Thành lập Tổ công tác.\n" + TAIL +
                     "Ghi chú: bản này thay thế bản đã gửi ngày 2 tháng 3 năm 2026 do sai sót về số liệu.\n")
    assert [(s.authority, s.position, s.signer) for s in doc.signatures] == [(["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Trần Văn Bình")]
    assert doc.distribution == ["Như trên", "Lưu: VT"]


def test_an_annex_opens_only_after_the_signature():
    body = "Điều 1. Ban hành kèm theo Quyết định này Phụ lục danh sách thành viên.\n"
    inside = "Phụ lục kèm theo gồm 2 trang.\n"
    doc = parse_text(DECISION_HEAD + body + inside + "Điều 2. Hiệu lực từ ngày ký.\n" + TAIL +
                     "PHỤ LỤC\nDANH SÁCH THÀNH VIÊN\n1. Ông Nguyễn Văn An, Trưởng ban.\n")
    assert [s.label for s in doc.sections] == ["Điều 1", "Điều 2"]
    assert [a.label for a in doc.annexes] == ["PHỤ LỤC"]
    assert doc.signatures[0].signer == "Trần Văn Bình"


def test_a_letter_puts_its_recipients_body_and_tail_in_their_zones():
    text = ("SỞ Y TẾ\nSố: 21/SYT-VP\nV/v báo cáo số liệu quý I\n" + MOTTO + "Hòa Bình, ngày 5 tháng 4 năm 2026\n"
            "Kính gửi:\n- Ủy ban nhân dân các xã;\n- Trung tâm Y tế các khu vực.\n"
            "Sở Y tế đề nghị các đơn vị gửi số liệu trước ngày 10 tháng 4 năm 2026.\n" + TAIL)
    zones = _zones(text)
    assert list(zones) == ["header", "recipients", "body", "tail"]
    doc = parse_text(text)
    assert doc.recipients == ["Ủy ban nhân dân các xã", "Trung tâm Y tế các khu vực"]
    assert doc.header.summary == "V/v báo cáo số liệu quý I"


def test_every_zone_rule_weighs_known_labels():
    for rule in GRAMMAR:
        assert set(rule.weights) <= set(LABELS), rule.name
        assert rule.opens is None or rule.opens <= set(LABELS), rule.name


PARTY_GUIDE_HEAD = ("BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG\n*\nSố: 12-HD/VPTW\nĐẢNG CỘNG SẢN VIỆT NAM\n"
                    "Hà Nội, ngày 3 tháng 4 năm 2026\nHƯỚNG DẪN\nTHỂ THỨC TRÌNH BÀY VĂN BẢN\n")
PARTY_TAIL = "Nơi nhận:\n- Các tỉnh ủy, thành ủy,\n- Lưu Văn phòng.\nK/T CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nLê Văn Tâm\n"


def test_a_sentence_citing_a_dated_rule_under_the_title_opens_the_body():
    # "X số …, ngày dd/mm/yyyy …" has the shape of a place-and-date line; under the type line's
    # summary the header is over, so it is the body's first sentence and its citation counts
    doc = parse_text(PARTY_GUIDE_HEAD + "Thực hiện Quy định số 66-QĐ/TW, ngày 06/02/2017 của Ban Bí thư về thể loại văn bản, "
                     "Văn phòng hướng dẫn như sau:\nI- HƯỚNG DẪN CHUNG\n1. Phạm vi.\n" + PARTY_TAIL)
    assert doc.header.date == "2026-04-03" and doc.header.place == "Hà Nội"
    assert "66-QĐ/TW" in [c.number.text for c in doc.citations if c.number]


def test_example_signature_blocks_in_a_guide_are_body_not_its_signature():
    examples = ("a) Văn bản của đại hội\nVí dụ 1: Văn bản của đoàn chủ tịch\nT/M ĐOÀN CHỦ TỊCH\n(chữ ký)\nHọ và tên\n"
                "Ví dụ 2: Văn bản của ban thường vụ ký thay\nT/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n(chữ ký)\nHọ và tên\n"
                "b) Văn bản của cơ quan tham mưu được trình bày như các ví dụ trên, với tên cơ quan thay cho tên cấp ủy.\n")
    doc = parse_text(PARTY_GUIDE_HEAD + "I- HƯỚNG DẪN CHUNG\n1. Chữ ký\n" + examples + "2. Hiệu lực\nHướng dẫn có hiệu lực từ ngày ký.\n"
                     + PARTY_TAIL + "PHỤ LỤC\nMẪU TRÌNH BÀY\n")
    assert [(s.authority, s.position, s.signer) for s in doc.signatures] == [(["K/T CHÁNH VĂN PHÒNG"], "PHÓ CHÁNH VĂN PHÒNG", "Lê Văn Tâm")]
    assert doc.distribution == ["Các tỉnh ủy, thành ủy", "Lưu Văn phòng"]


def test_a_wrapped_entry_of_codes_in_capitals_stays_in_the_distribution():
    # an entry wrapped after its comma: the next line opens in lower case but is mostly codes in
    # capitals; no position opens in lower case. Contact lines after the signature are no entries.
    doc = parse_text(DECISION_HEAD + "Điều 1. Thành lập Tổ công tác.\nNơi nhận:\n- Như trên;\n- VPUB: CVP, các PCVP,\n"
                     "các phòng: KT, TH, NC, KGVX;\n- Lưu: VT, TH\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n"
                     "Số điện thoại liên hệ: 0203 3852 111\n")
    assert doc.distribution == ["Như trên", "VPUB: CVP, các PCVP, các phòng: KT, TH, NC, KGVX", "Lưu: VT, TH"]
    assert [(s.position, s.signer) for s in doc.signatures] == [("PHÓ CHỦ TỊCH", "Trần Văn Bình")]


def test_ocr_specks_are_noise_wherever_they_fall():
    # a seal or a signature read by OCR leaves letters alone on their lines
    doc = parse_text(DECISION_HEAD + "Điều 1. Thành lập Tổ công tác.\n" +
                     TAIL.replace("PHÓ CHỦ TỊCH\n", "Ắ Ễ\nPHÓ CHỦ TỊCH\n„ ,\n"))
    assert [(s.authority, s.position, s.signer) for s in doc.signatures] == [(["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Trần Văn Bình")]
    assert "noise" in [line.label for line in label_text("Ắ Ễ\nỦY BAN NHÂN DÂN\n")]


def test_grounds_broken_over_lines_and_treaty_grounds_stay_in_the_preamble():
    # each ground closes with ';': a line broken inside one continues it, capitalised or not;
    # a circular implementing a treaty lists "Để thực hiện Hiệp định …;" among its grounds
    text = ("BỘ GIAO THÔNG VẬN TẢI\nSố: 37/2026/TT-BGTVT\n" + MOTTO + "Hà Nội, ngày 7 tháng 5 năm 2026\nTHÔNG TƯ\n"
            "Quy định về vận tải đường bộ qua biên giới\nCăn cứ Nghị định số 119/2021/NĐ-CP ngày 24 tháng 12 năm 2021 của\n"
            "Chính phủ quy định về giấy phép vận tải đường bộ qua biên giới;\n"
            "Để thực hiện Hiệp định khung ASEAN về tạo thuận lợi cho hàng hóa quá cảnh ký ngày 16 tháng 12 năm 1998;\n"
            "Theo đề nghị của Vụ trưởng Vụ Hợp tác quốc tế;\n"
            "Bộ trưởng Bộ Giao thông vận tải ban hành Thông tư quy định về vận tải đường bộ qua biên giới.\n"
            "Điều 1. Phạm vi điều chỉnh\n" + TAIL)
    zones = _zones(text)
    assert len(zones["preamble"]) == 5 and zones["body"] == ["Điều 1. Phạm vi điều chỉnh"]
