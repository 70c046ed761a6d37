"""PDF reader: the real corpus PDFs in ../shared, both engines, and synthetic broken files.

Expected header, signature and stamp values were read off the rendered pages.
"""

from __future__ import annotations

import hashlib
import json
import struct
import subprocess
import sys
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import regex

from vbparse.errors import EmptyInputError, EncryptedInputError, TruncatedInputError, UnreadableInputError
from vbparse.normalise import prepare
from vbparse.pipeline import build_document
from vbparse.readers.base import RawInput
from vbparse.readers.pdf import read_pdf
from vbparse.layout.flow import join_paragraphs
from vbparse.layout.lines import build_lines
from vbparse.readers.pdf_lines import build_words

from .conftest import REPO, shared_path

ENGINES = ("pdfium", "pdfplumber")
CORPUS = (
    "bc-329-bc-ubnd-lamdong-2026.pdf", "cd-58-cd-vpcp-2026.pdf", "cv-11902-bnv-tcpcp-2025.pdf",
    "cv-1376-vp-nc-vpubnd-lamdong-2026.pdf", "cv-156-cv-tdtn-tinh-doan-lamdong-2025.pdf",
    "cv-3331-snv-tcbc-lamdong-2025.pdf", "cv-3917-btp-bttp-2025-multi.pdf", "cv-4409-bca-c04-2025-saoy-image.pdf",
    "cv-5816-bnv-cchc-2025.pdf", "cv-bao-ptth-lamdong-tinhuy-2025-garbled-ocr.pdf", "gm-85-gm-ubnd-lamdong-2026.pdf",
    "hd-06-hd-tw-2025.pdf", "hd-38-hd-btctw-2025.pdf", "hd-545-hd-btv-hiep-hoi-ccv-2025.pdf",
    "hd-btctu-hanoi-huy-hieu-dang-2025-unnumbered.pdf", "qd-1187-qd-bnv-2025.pdf", "qd-2319-qd-ttg-2025.pdf",
    "qd-2536-qd-ubnd-lamdong-2025.pdf", "qd-294-qd-tw-2025.pdf", "qd-779-qd-ubnd-binhthuan-2025.pdf",
    "tb-493-tb-ubnd-lamdong-2025-garbled-ocr.pdf", "ttr-298-ttr-cat-pc04-2025-tcvn3.pdf",
    "ttr-511-ttr-cat-pc04-2025-scan.pdf", "ttr-629-ttr-snv-lamdong-2025.pdf",
)
SCANNED = ("ttr-511-ttr-cat-pc04-2025-scan.pdf", "cv-4409-bca-c04-2025-saoy-image.pdf")
JUNK = regex.compile(r"[\x00-\x08\x0b-\x1f\ufffd\ue000-\uf8ff]")


def corpus_bytes(name: str) -> bytes:
    return shared_path("corpus", "pdf", name).read_bytes()


@cache
def _read(name: str, engine: str) -> RawInput:
    return read_pdf(corpus_bytes(name), engine, ocr="never")  # the text layer only (OCR: test_ocr.py)


def read(name: str, engine: str = "pdfium") -> RawInput:
    shared_path("corpus", "pdf", name)  # skip (not cache) when ../shared is absent
    return _read(name, engine)


def texts(raw: RawInput) -> list[str]:
    return [b.text for b in raw.blocks]


def column(raw: RawInput, row: int, col: int) -> list[str]:
    return [b.text for b in raw.blocks if b.row == row and b.column == col]


# --- every file, both engines -------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", CORPUS)
def test_every_corpus_pdf_reads(name, engine):
    data = corpus_bytes(name)
    raw = read(name, engine)
    assert raw.format == "pdf" and raw.encoding is None
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    assert raw.pages == len(pdfium.PdfDocument(data))
    for block in raw.blocks:
        assert block.text.strip() and not JUNK.search(block.text)
        assert 1 <= block.page <= raw.pages
        x0, top, x1, bottom = block.bbox
        assert x0 <= x1 and top <= bottom
        assert (block.row is None) == (block.column is None)
    if name not in SCANNED:
        assert len(raw.blocks) >= 10


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", SCANNED)
def test_scans_report_no_text_layer(name, engine):
    raw = read(name, engine)
    assert ("pdf.no_text_layer", "pages 1-2 have no text layer (OCR is off)") in raw.notes
    assert raw.blocks == []  # cv-4409's only text is its signing stamp, which is not content


# --- header and signature bands -------------------------------------------------------------

HEADERS = {
    "gm-85-gm-ubnd-lamdong-2026.pdf": (
        ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 85 /GM-UBND"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Lâm Đồng, ngày 19 tháng 01 năm 2026"],
    ),
    "cv-11902-bnv-tcpcp-2025.pdf": (
        ["BỘ NỘI VỤ", "Số: 11902 /BNV-TCPCP", "V/v báo cáo tình hình tổ chức,", "hoạt động và quản lý hội ở",
         "địa phương năm 2025"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 11 tháng 12 năm 2025"],
    ),
    "qd-1187-qd-bnv-2025.pdf": (
        ["BỘ NỘI VỤ", "Số: 1187 /QĐ-BNV"],
        ["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Ðộc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 15 tháng 10 năm 2025"],
    ),
    "qd-2319-qd-ttg-2025.pdf": (
        ["THỦ TƯỚNG CHÍNH PHỦ", "___________", "Số: 2319/QĐ-TTg"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "_" * 37,
         "Hà Nội, ngày 20 tháng 10 năm 2025"],
    ),
    "qd-2536-qd-ubnd-lamdong-2025.pdf": (
        ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 2536 /QĐ-UBND"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Lâm Đồng, ngày 12 tháng 12 năm 2025"],
    ),
    "qd-294-qd-tw-2025.pdf": (
        ["BAN CHẤP HÀNH TRUNG ƯƠNG", "*", "Số 294-QĐ/TW"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "---------------", "Hà Nội, ngày 26 tháng 5 năm 2025"],
    ),
    "cv-156-cv-tdtn-tinh-doan-lamdong-2025.pdf": (
        ["BCH ĐOÀN TỈNH LÂM ĐỒNG", "***", "Số: 156 -CV/TĐTN-BCTĐ&TTN", "“V/v giới thiệu Lãnh đạo tham gia",
         "Ban Vì sự tiến bộ của phụ nữ", "và tổ thư ký, giúp việc”"],
        ["ĐOÀN TNCS HỒ CHÍ MINH", "Lâm Đồng, ngày 04 tháng 9 năm 2025"],
    ),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_band_reads_left_column_then_right(name, engine):
    left, right = HEADERS[name]
    raw = read(name, engine)
    row = raw.blocks[0].row
    assert row is not None
    assert column(raw, row, 0) == left
    assert column(raw, row, 1) == right
    assert texts(raw)[: len(left) + len(right)] == left + right  # the band comes first, column by column


def test_issuer_and_heading_never_share_a_line():
    for name in CORPUS:
        for text in texts(read(name)):
            assert not regex.search(r"(?:ỦY BAN|BỘ|TRUNG ƯƠNG|CHÍNH PHỦ).*(?:CỘNG H[OÒ][AÀ]|ĐẢNG CỘNG SẢN)", text), text


@pytest.mark.parametrize("engine", ENGINES)
def test_signature_band_reads_distribution_then_signature(engine):
    raw = read("cv-11902-bnv-tcpcp-2025.pdf", engine)
    row = next(b.row for b in raw.blocks if b.text == "Nơi nhận:")
    assert column(raw, row, 0) == [
        "Nơi nhận:", "- Như trên;", "- Bộ trưởng (để b/c);", "- Thứ trưởng Vũ Chiến Thắng;",
        "- Sở Nội vụ tỉnh, thành phố;", "- Lưu: VT, TCPCP, PTG, NTQN.",
    ]
    assert column(raw, row, 1) == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Vũ Chiến Thắng"]
    assert texts(raw)[-1] == "Vũ Chiến Thắng"


def test_signing_block_above_the_distribution_joins_the_band():
    raw = read("cv-156-cv-tdtn-tinh-doan-lamdong-2025.pdf")
    row = next(b.row for b in raw.blocks if b.text == "Nơi nhận:")
    assert column(raw, row, 1) == ["TM. BAN THƯỜNG VỤ TỈNH ĐOÀN", "BÍ THƯ", "Trương Minh Quang"]


def test_each_letter_of_a_multi_letter_pdf_keeps_its_header():
    raw = read("cv-3917-btp-bttp-2025-multi.pdf")
    issuers = [b.page for b in raw.blocks if b.text == "BỘ TƯ PHÁP" and b.column == 0]
    assert issuers == [1, 3, 4]  # not taken for a running header


# --- signing stamp ------------------------------------------------------------------------------

STAMPS = {
    # drawn stamp text (annotation appearances) ...
    "tb-493-tb-ubnd-lamdong-2025-garbled-ocr.pdf": {
        "signer": "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "organization": "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "time": "2025-11-13T15:53:50",
    },
    "cv-4409-bca-c04-2025-saoy-image.pdf": {"organization": "Bộ Công an", "time": "2025-10-01T17:08:18+07:00"},
    "qd-2319-qd-ttg-2025.pdf": {
        "organization": "VĂN PHÒNG CHÍNH PHỦ",  # "Cơ quan phát hành" stamp; the rest from the signature
        "signer": "Thủ tướng Chính phủ", "email": "ttg@chinhphu.vn", "time": "2025-10-20T10:00:46+07:00",
    },
    # ... or, for image stamps, the first signature dictionary
    "cv-11902-bnv-tcpcp-2025.pdf": {
        "signer": "Vũ Chiến Thắng", "email": "vuchienthang@moha.gov.vn", "time": "2025-12-11T10:57:49+07:00",
    },
    "gm-85-gm-ubnd-lamdong-2026.pdf": {"time": "2026-01-19T14:07:55+07:00"},
    "qd-779-qd-ubnd-binhthuan-2025.pdf": {
        "signer": "Nguyễn Minh", "email": "minhn@ubnd.binhthuan.gov.vn", "time": "2022-03-23T16:25:47+07:00",
    },
    "hd-06-hd-tw-2025.pdf": None,
}
STAMP_LINE = regex.compile(r"Ký bởi|Thời gian ký|Cơ quan(?: phát hành)?:|Email:")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(STAMPS))
def test_digital_signature(name, engine):
    raw = read(name, engine)
    assert raw.digital_signature == STAMPS[name]
    assert not any(STAMP_LINE.search(text) for text in texts(raw))


def test_form_fields_typed_into_the_page_are_content():
    """The number and day of signed office PDFs are form fields, drawn over the page."""
    assert "Số: 5816 /BNV-CCHC" in texts(read("cv-5816-bnv-cchc-2025.pdf"))
    assert "Lâm Đồng, ngày 12 tháng 12 năm 2025" in texts(read("ttr-629-ttr-snv-lamdong-2025.pdf", "pdfplumber"))


# --- page furniture, unmapped glyphs, paragraphs ----------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_page_numbers_and_running_footer_labelled_as_furniture(engine):
    raw = read("hd-38-hd-btctw-2025.pdf", engine)
    furniture = [b for b in raw.blocks if b.furniture]
    assert len(furniture) >= 97
    content = [b.text for b in raw.blocks if not b.furniture]
    assert not any(regex.fullmatch(r"\d+", t) for t in content)
    assert not any(t.startswith("Tài liệu này thuộc sở hữu của các cơ quan Đảng") for t in content)
    assert {b.furniture for b in furniture if regex.fullmatch(r"\d+", b.text)} == {"page_number"}
    assert any(b.furniture == "running" and b.text.startswith("Tài liệu này thuộc") for b in furniture)


def test_unmapped_glyphs_are_dropped_and_noted():
    for engine in ENGINES:
        raw = read("hd-545-hd-btv-hiep-hoi-ccv-2025.pdf", engine)
        assert ("pdf.unmapped_glyphs", "dropped 2 glyphs without a Unicode mapping on pages 3-4") in raw.notes
        # ttr-298's control characters are letters of its low-byte text (test_legacy), not junk
        raw = read("ttr-298-ttr-cat-pc04-2025-tcvn3.pdf", engine)
        assert not any(note[0] == "pdf.unmapped_glyphs" for note in raw.notes)
        assert any("Times-Roman" in b.fonts for b in raw.blocks)  # font names stay for legacy-encoding checks


def test_wrapped_lines_join_into_paragraphs():
    blocks = texts(read("cd-58-cd-vpcp-2026.pdf"))
    # a symbol cut at its hyphen joins without a space; the item keeps its own block
    assert (
        "- Các đồng chí thành viên Ban Chỉ đạo quốc gia về dữ liệu (Theo Quyết định số 2319/QĐ-TTg ngày 20 tháng 10 "
        "năm 2025 và Quyết định số 2764/QĐ-TTg ngày 19 tháng 12 năm 2025 của Thủ tướng Chính phủ);"
    ) in blocks
    assert "Phiên họp do Thủ tướng Chính phủ Phạm Minh Chính, Trưởng Ban Chỉ đạo chủ trì." in blocks
    numbered = [t for t in texts(read("qd-2319-qd-ttg-2025.pdf")) if regex.match(r"\d+\. ", t)]
    assert numbered[:3] == [
        "1. Thủ tướng Chính phủ Phạm Minh Chính, Trưởng Ban Chỉ đạo.",
        "2. Phó Thủ tướng Thường trực Chính phủ Nguyễn Hoà Bình, Phó Trưởng Ban Chỉ đạo.",
        "3. Phó Thủ tướng Chính phủ Nguyễn Chí Dũng, Phó Trưởng Ban Chỉ đạo.",
    ]


def test_joined_block_spans_its_lines():
    raw = read("cd-58-cd-vpcp-2026.pdf")
    block = next(b for b in raw.blocks if b.text.startswith("Thực hiện ý kiến chỉ đạo"))
    x0, top, x1, bottom = block.bbox
    assert block.page == 1 and bottom - top > 40  # three lines
    assert block.row is None


def glyphs(text: str, x: float, baseline: float, size: float = 12.0, advance: float = 6.0):
    """Glyph tuples for `text` set from x on one baseline, one advance per character."""
    out = []
    for ch in text:
        out.append((" " if ch == " " else ch, x, baseline - size, x + advance, baseline, "Times"))
        x += advance
    return out


def lines_of(*runs) -> list[str]:
    return [line.text for line in build_lines(build_words([g for run in runs for g in run]), 1)]


def test_fake_bold_duplicates_are_dropped():
    twice_each = [g for pair in zip(glyphs("ĐẢNG", 100, 100), glyphs("ĐẢNG", 100.4, 100)) for g in pair]
    assert lines_of(twice_each) == ["ĐẢNG"]
    assert lines_of(glyphs("CỘNG HÒA", 100, 100), glyphs("CỘNG HÒA", 100.5, 100.2)) == ["CỘNG HÒA"]


def test_words_split_on_gaps_without_space_glyphs():
    assert lines_of(glyphs("V/v", 100, 100), glyphs("hợp", 121, 100), glyphs("nhất", 142, 100)) == ["V/v hợp nhất"]


def test_values_typed_into_a_lines_gaps_on_their_own_baselines_join_the_line():
    """Form fields draw their values on their own baselines: a number raised above its line
    comes first by height, and a day set lower would stay a line of its own."""
    number_row = [glyphs("Số:", 100, 108), glyphs("45", 128, 105, size=11.5), glyphs("/UBND-VP", 153, 108)]
    date_row = [glyphs("Hà Nội, ngày", 300, 109), glyphs("7", 384, 112, size=11.5), glyphs("tháng 3 năm 2024", 404, 109)]
    assert lines_of(*number_row, *date_row) == ["Số: 45 /UBND-VP Hà Nội, ngày 7 tháng 3 năm 2024"]


@pytest.mark.parametrize(("x", "baseline", "expected"), [
    (161, 112, ["ngày tháng 7 năm"]),  # in a gap between words
    (190, 112, ["ngày tháng năm 7"]),  # just after the last word
    (140, 112, ["ngày tháng năm", "7"]),  # over a word: not set into the line
    (220, 112, ["ngày tháng năm", "7"]),  # far after the line's end: a cell of another column
    (161, 116, ["ngày tháng năm", "7"]),  # a line below, overlapping less than words of one line do
])
def test_a_piece_joins_the_line_whose_gap_it_sits_in(x, baseline, expected):
    line = [glyphs("ngày", 100, 104), glyphs("tháng năm", 130, 108)]  # a raised first word
    assert lines_of(*line, glyphs("7", x, baseline)) == expected


def _line_list(*texts_at):
    """One line per (text, x0, baseline) through the same builder as the reader."""
    return [line for text, x, y in texts_at for line in build_lines(build_words(glyphs(text, x, y)), 1)]


def test_wraps_join_but_labels_and_indents_start_blocks():
    words = "Xxxx " + "xxxx " * 11  # 60 advances: a full line ends at the right margin, 460
    full = words.strip()
    joined = join_paragraphs(_line_list(
        ("Văn bản số 2764/QĐ-", 100, 100), ("TTg ngày 19/12/2025 " + full[20:], 100, 114),
        (full.lower(), 100, 128), ("infor-", 100, 142), ("mation ends here.", 100, 156),
        ("1. Mục tiêu", 136, 170), (full, 100, 184), ("continued", 100, 198),
        ("Next paragraph, indented.", 136, 212),
    ))
    assert [line.text for line in joined] == [
        f"Văn bản số 2764/QĐ-TTg ngày 19/12/2025 {full[20:]} {full.lower()} information ends here.",
        "1. Mục tiêu", f"{full} continued", "Next paragraph, indented.",
    ]


def test_a_decimal_label_without_its_last_dot_starts_a_block():
    """"6.2 Đối với …" opens an item as "6.2. Đối với …" does (the section grammar reads both);
    a number running on in lower case ("4.0 và …") does not."""
    full = ("Xxxx " + "xxxx " * 11).strip()  # 60 advances: ends at the right margin
    first, second = "6.1. Đối với tổ " + full[20:], "6.2 Đối với đơn vị " + full[20:]
    joined = join_paragraphs(_line_list(
        (first, 100, 100), (second, 100, 114), (full.lower(), 100, 128), ("4.0 và các nội dung khác.", 100, 142),
    ))
    assert [line.text for line in joined] == [first, f"{second} {full.lower()} 4.0 và các nội dung khác."]


# --- the two engines --------------------------------------------------------------------------------


SAME_IN_BOTH = ["cv-11902-bnv-tcpcp-2025.pdf", "qd-2536-qd-ubnd-lamdong-2025.pdf", "hd-06-hd-tw-2025.pdf"]


@pytest.mark.parametrize("name", SAME_IN_BOTH)
def test_engines_give_the_same_blocks(name):
    """Known differences elsewhere: table cells set between two text lines (bc-329) may group
    with either line; a space glyph overlapped by the next letter exists only for pdfplumber
    (hd-38 "- Ảnh"); a line ending within a point of the margin may count as full for one engine
    only (hd-545); glyphs of legacy TCVN3 fonts map differently (ttr-298)."""
    a, b = read(name, "pdfium"), read(name, "pdfplumber")

    def layout(raw):
        return [(x.text, x.page, x.row, x.column) for x in raw.blocks]

    assert layout(a) == layout(b)
    assert a.notes == b.notes and a.digital_signature == b.digital_signature


# --- broken input -------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_truncated_pdf(engine):
    data = corpus_bytes("cv-11902-bnv-tcpcp-2025.pdf")
    with pytest.raises(TruncatedInputError, match="truncated"):
        read_pdf(data[: len(data) // 2], engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_garbage_after_the_header(engine):
    with pytest.raises(TruncatedInputError):
        read_pdf(b"%PDF-1.7\n" + bytes(range(256)) * 20, engine)
    with pytest.raises(UnreadableInputError, match="damaged"):
        read_pdf(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_not_a_pdf(engine):
    with pytest.raises(EmptyInputError):
        read_pdf(b"", engine)
    with pytest.raises(UnreadableInputError, match="not a PDF"):
        read_pdf(b"Hello, world\n%%EOF", engine)
    with pytest.raises(ValueError, match="unknown PDF engine"):
        read_pdf(b"%PDF-1.4\n%%EOF", "mupdf")


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user: bytes = b"secret", owner: bytes = b"owner") -> bytes:
    """A one-page PDF under the standard security handler, RC4 40-bit (PDF 32000 §7.6.3)."""
    file_id = b"0123456789abcdef"
    permissions = struct.pack("<i", -44)
    o_entry = _rc4(hashlib.md5((owner + _PAD)[:32]).digest()[:5], (user + _PAD)[:32])
    key = hashlib.md5((user + _PAD)[:32] + o_entry + permissions + file_id).digest()[:5]
    u_entry = _rc4(key, _PAD)
    content = _rc4(hashlib.md5(key + b"\x04\x00\x00\x00\x00").digest()[:10], b"BT /F1 24 Tf 72 720 Td (Hello) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (o_entry.hex().encode(), u_entry.hex().encode()),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1, file_id.hex().encode(), file_id.hex().encode())
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_encrypted_fixture_is_a_real_encrypted_pdf():
    doc = pdfium.PdfDocument(encrypted_pdf(), password="secret")
    assert doc[0].get_textpage().get_text_range().strip() == "Hello"


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_pdf(engine):
    with pytest.raises(EncryptedInputError, match="encrypted"):
        read_pdf(encrypted_pdf(), engine)


# --- memory ---------------------------------------------------------------------------------------------

_MEMORY_PROBE = """
import io, json, sys
import pypdfium2 as pdfium
from vbparse.readers.pdf import read_pdf

def peak_kb():  # this process's own peak (ru_maxrss would count the forking parent's)
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

source = pdfium.PdfDocument(sys.argv[1])
book = pdfium.PdfDocument.new()
while len(book) < 300:
    book.import_pages(source)
buffer = io.BytesIO()
book.save(buffer)
data = buffer.getvalue()
pages = len(book)
book.close(); source.close()
before = peak_kb()
raw = read_pdf(data)
after = peak_kb()
print(json.dumps({"pages": pages, "before_kb": before, "after_kb": after, "blocks": len(raw.blocks)}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak RSS is read from /proc (Linux)")
def test_memory_stays_flat_on_a_300_page_pdf():
    source = shared_path("corpus", "pdf", "hd-38-hd-btctw-2025.pdf")
    done = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(source)], capture_output=True, text=True, check=True, cwd=REPO,
    )
    probe = json.loads(done.stdout)
    assert probe["pages"] >= 300 and probe["blocks"] > 3000
    assert probe["after_kb"] < 300 * 1024
    assert probe["after_kb"] - probe["before_kb"] < 100 * 1024


# --- end to end -------------------------------------------------------------------------------------------

END_TO_END = [
    ("cv-11902-bnv-tcpcp-2025.pdf", "11902/BNV-TCPCP", "2025-12-11", "Vũ Chiến Thắng"),
    ("cv-5816-bnv-cchc-2025.pdf", "5816/BNV-CCHC", "2025-07-31", "Cao Huy"),
    ("qd-1187-qd-bnv-2025.pdf", "1187/QĐ-BNV", "2025-10-15", "Phạm Thị Thanh Trà"),
    ("qd-2319-qd-ttg-2025.pdf", "2319/QĐ-TTg", "2025-10-20", "Phạm Minh Chính"),
    ("qd-2536-qd-ubnd-lamdong-2025.pdf", "2536/QĐ-UBND", "2025-12-12", "Nguyễn Minh"),
    ("qd-294-qd-tw-2025.pdf", "294-QĐ/TW", "2025-05-26", "Tô Lâm"),
    ("cv-3331-snv-tcbc-lamdong-2025.pdf", "3331/SNV-TCBC", "2025-12-03", "Nguyễn Đức Vũ"),
    # a footnote or contact lines printed below the signature
    ("gm-85-gm-ubnd-lamdong-2026.pdf", "85/GM-UBND", "2026-01-19", "Trịnh Ngọc Duệ"),
    ("ttr-629-ttr-snv-lamdong-2025.pdf", "629/TTr-SNV", "2025-12-12", "Trần Hữu Tuấn"),
    ("cd-58-cd-vpcp-2026.pdf", "58/CĐ-VPCP", "2026-01-10", "Phạm Mạnh Cường"),
    # the decision's attached Điều lệ, with a header of its own, is an attachment
    ("qd-779-qd-ubnd-binhthuan-2025.pdf", "779/QĐ-UBND", "2022-03-23", "Nguyễn Minh"),
    # a summary in quotes ("“V/v …”") before the right header column
    ("cv-156-cv-tdtn-tinh-doan-lamdong-2025.pdf", "156-CV/TĐTN-BCTĐ&TTN", "2025-09-04", "Trương Minh Quang"),
]


@pytest.mark.parametrize(("name", "number", "date", "signer"), END_TO_END)
def test_end_to_end_header_and_signer(name, number, date, signer):
    doc = build_document(prepare(read(name)), None)
    assert doc.header.number is not None and doc.header.number.text == number
    assert doc.header.date == date
    assert signer in [s.signer for s in doc.signatures]
    assert doc.source.pages == read(name).pages
