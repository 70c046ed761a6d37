"""The layout stage: columns, reading order and page furniture for any reader's lines."""

from __future__ import annotations

import io

import docx
import pytest

import vbparse
from vbparse.errors import VbparseError
from vbparse.evaluate.answers import from_document
from vbparse.evaluate.score import soft_key
from vbparse.layout.furniture import mark_by_content
from vbparse.layout.text import is_layout_text, text_pages
from vbparse.readers.text import read_text

from .conftest import shared_path

# A letter as `pdftotext -layout` writes it: the header band and the Nơi nhận | signature band
# in two columns kept apart by runs of spaces.
LETTER = """\
     ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      TỈNH LÂM ĐỒNG                        Độc lập - Tự do - Hạnh phúc

   Số: 123/UBND-VX                      Lâm Đồng, ngày 05 tháng 3 năm 2026
V/v tăng cường công tác phòng,
     chống dịch bệnh

             Kính gửi: Sở Y tế tỉnh Lâm Đồng.

     Thực hiện Công văn số 45/BYT-DP ngày 01/3/2026 của Bộ Y tế, Ủy ban nhân dân
tỉnh đề nghị Sở Y tế chủ trì, phối hợp với các đơn vị liên quan triển khai ngay
các biện pháp phòng, chống dịch bệnh trên địa bàn tỉnh./.

Nơi nhận:                                            KT. CHỦ TỊCH
- Như trên;                                          PHÓ CHỦ TỊCH
- Chủ tịch, các PCT UBND tỉnh;
- Lưu: VT, VX.



                                                     Nguyễn Văn An
"""


def signatures(doc) -> list[tuple[list[str], str | None, str | None]]:
    return [(s.authority, s.position, s.signer) for s in doc.signatures]


def test_layout_text_header_band_is_split_into_its_columns():
    doc = vbparse.parse_bytes(LETTER.encode())
    header = doc.header
    assert header.issuer == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert header.heading == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert header.number.text == "123/UBND-VX"
    assert (header.place, header.date) == ("Lâm Đồng", "2026-03-05")
    assert header.summary == "V/v tăng cường công tác phòng, chống dịch bệnh"
    assert doc.recipients == ["Sở Y tế tỉnh Lâm Đồng"]


def test_layout_text_distribution_does_not_swallow_the_signature_column():
    doc = vbparse.parse_bytes(LETTER.encode())
    assert doc.distribution == ["Như trên", "Chủ tịch, các PCT UBND tỉnh", "Lưu: VT, VX"]
    assert signatures(doc) == [(["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Nguyễn Văn An")]


def test_layout_text_band_rows_are_read_column_by_column():
    blocks = read_text(LETTER.encode()).blocks
    band = [(b.text, b.column) for b in blocks if b.row is not None and b.row == blocks[0].row]
    assert band[:3] == [("ỦY BAN NHÂN DÂN", 0), ("TỈNH LÂM ĐỒNG", 0), ("Số: 123/UBND-VX", 0)]
    assert ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1) in band
    # wrapped body lines are joined into their paragraph, as a PDF page's are
    assert any(b.text.startswith("Thực hiện Công văn") and b.text.endswith("trên địa bàn tỉnh./.") for b in blocks)


def page(number: int, body: list[str]) -> str:
    """One page of a dump: a running header, the page number at the top (pages after the first)."""
    top = ["                          UBND TỈNH LÂM ĐỒNG - CÔNG VĂN 123/UBND-VX", ""]
    if number > 1:
        top += [f"                                     {number}", ""]
    return "\n".join(top + body + [""] * 30)  # a page is mostly white below a short text


PAGED = "\f".join([
    page(1, LETTER.splitlines()[:12] + ["     1. Sở Y tế tổ chức giám sát dịch bệnh tại các địa phương."]),
    page(2, ["     2. Các địa phương báo cáo tình hình dịch bệnh hằng tuần."]),
    page(3, ["     3. Sở Tài chính bố trí kinh phí phòng, chống dịch bệnh."] + LETTER.splitlines()[12:]),
]) + "\f"


def test_form_feed_pages_label_page_numbers_and_running_headers_as_furniture():
    raw = read_text(PAGED.encode())
    assert raw.pages == 3
    labels = {b.text: b.furniture for b in raw.blocks if b.furniture}
    assert labels == {"UBND TỈNH LÂM ĐỒNG - CÔNG VĂN 123/UBND-VX": "running", "2": "page_number", "3": "page_number"}
    assert [b.page for b in raw.blocks if b.text == "2"] == [2]


def test_furniture_is_kept_in_the_text_but_out_of_the_zones():
    doc = vbparse.parse_bytes(PAGED.encode())
    assert doc.text.count("UBND TỈNH LÂM ĐỒNG - CÔNG VĂN 123/UBND-VX") == 3  # labelled, not deleted
    assert [s.label for s in doc.sections] == ["1", "2", "3"]
    assert all(s.text.split("\n")[-1] not in {"2", "3"} for s in doc.sections)
    assert doc.header.number.text == "123/UBND-VX" and doc.header.issuer == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert signatures(doc) == [(["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Nguyễn Văn An")]
    assert any(d.code == "layout.furniture" for d in doc.diagnostics)


STAMPED = """\
                                                                             Ký bởi: ỦY BAN NHÂN
                                                                             DÂN TỈNH LÂM ĐỒNG
                                                                             Thời gian ký:
                                                                             28-07-2026 18:08:51 +07:00

""" + LETTER


def test_signing_stamp_is_furniture_not_header():
    raw = read_text(STAMPED.encode())
    stamp = [b.text for b in raw.blocks if b.furniture == "signing_stamp"]
    assert stamp == ["Ký bởi: ỦY BAN NHÂN", "DÂN TỈNH LÂM ĐỒNG", "Thời gian ký:", "28-07-2026 18:08:51 +07:00"]
    doc = vbparse.parse_bytes(STAMPED.encode())
    assert doc.header.issuer == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert doc.header.summary == "V/v tăng cường công tác phòng, chống dịch bệnh"


@pytest.mark.parametrize("text, label", [
    ("===== Trang 2 =====", "page_marker"),
    ("- 3 -", "page_marker"),
    ("28-07-2026 18:08:51 +07:00", "signing_stamp"),
    ("ĐẾN Số: 1234 Ngày: 05/3/2026", "received_stamp"),
    ("ĐẾN NĂM 2030", None),  # a title's second line
    ("Đơn vị: Sở Y tế", None),  # a label of ordinary text, without a stamp above it
])
def test_furniture_by_content(text, label):
    lines = text_pages([text])[0][0]
    mark_by_content(lines)
    assert lines[0].furniture == label


def test_plain_text_is_not_layout_text():
    plain = "Kính gửi: Sở Y tế.\nNội dung   có một chỗ cách rộng.\nDòng khác."
    assert not is_layout_text(plain.splitlines())
    assert is_layout_text(LETTER.splitlines())
    assert is_layout_text(["a", "b\fc"])
    blocks = read_text(plain.encode()).blocks
    assert [b.text for b in blocks] == plain.splitlines()  # the plain reader, line for line


def docx_bytes(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)  # python-docx writes "\t" as w:tab
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_set_side_by_side_with_tabs_and_spaces():
    lines = LETTER.splitlines()
    body = [line.strip() for line in lines[:12]]
    tail = [
        "Nơi nhận:\t\t\t\t\tKT. CHỦ TỊCH",
        "- Như trên;\t\t\t\t\tPHÓ CHỦ TỊCH",
        "- Chủ tịch, các PCT UBND tỉnh;",
        "- Lưu: VT, VX.",
        "",
        "\t\t\t\t\t\tNguyễn Văn An",
    ]
    doc = vbparse.parse_bytes(docx_bytes(body + tail))
    assert doc.distribution == ["Như trên", "Chủ tịch, các PCT UBND tỉnh", "Lưu: VT, VX"]
    assert signatures(doc) == [(["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Nguyễn Văn An")]


def test_docx_paragraph_with_a_tab_after_a_label_is_left_alone():
    doc = vbparse.parse_bytes(docx_bytes(["Điều 1.\tPhạm vi điều chỉnh", "Nội dung\tthứ nhất."]))
    assert "Điều 1. Phạm vi điều chỉnh\nNội dung thứ nhất." in doc.text


# --- the corpus: layout text against its PDF -------------------------------------------------------

# Pairs are compared when their PDF is short: the long ones only cost time, not evidence.
MAX_PAGES = 12
AGREEMENT_FLOOR = 0.8  # measured 21 of 25 pairs of up to 12 pages (bench/layout_agreement.py: all pairs)


def answers(path) -> tuple | None:
    try:
        a = from_document(vbparse.parse(path, ocr="never"))
    except VbparseError:  # a dump of a PDF whose text layer is binary junk
        return None
    single = tuple(soft_key(a.single[f"header.{n}"] or "") for n in ("number", "date", "issuer", "place", "doc_type"))
    lists = tuple(sorted(soft_key(v) for v in a.lists[k]) for k in (
        "signatures.authority", "signatures.position", "signatures.signer", "distribution"))
    return single + tuple(map(tuple, lists))


def test_layout_text_agrees_with_its_pdf():
    corpus = shared_path("corpus")
    pairs = []
    for txt in sorted((corpus / "txt-layout").glob("*.txt")):
        pdf = corpus / "pdf" / f"{txt.stem}.pdf"
        if pdf.is_file() and txt.read_bytes().count(b"\f") <= MAX_PAGES:
            pairs.append((pdf, txt))
    assert len(pairs) >= 10
    agreeing = sum(answers(txt) is not None and answers(pdf) == answers(txt) for pdf, txt in pairs)
    assert agreeing / len(pairs) >= AGREEMENT_FLOOR, f"{agreeing} of {len(pairs)} pairs agree"
