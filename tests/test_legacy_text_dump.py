"""Text dumps (`pdftotext -layout`, copy and paste) of PDFs set in legacy fonts: the glyph codes
come through as Latin-1 code points in a UTF-8 file, and the text reader converts them by
content as the PDF reader converts the PDF's glyphs.

The samples are an invented document, written as the dump of each kind of PDF comes out:
TCVN3 (`.VnTime`) with the soft hyphen `ư` printed as `-`, and Unicode cut to the low byte of
each code point, where pdftotext drops the letters that fall on control codes (Đ đ Ă ă).
"""

from __future__ import annotations

import pytest

import vbparse
from vbparse.normalise import legacy_text

from .legacy_encode import tcvn3_text
from .test_legacy import _folded, codes, conversions
from .test_twins import comparable

# An invented letter laid out as pdftotext -layout lays out a two-column header and signature.
LETTER = """\
  SỞ VĂN HÓA VÀ THỂ THAO                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
     PHÒNG NGHIỆP VỤ                               Độc lập - Tự do - Hạnh phúc

     Số: 57/TTr-PNV                         Tân Phú, ngày 12 tháng 3 năm 2025

                                    TỜ TRÌNH
           Về việc tổ chức hội thi thể thao mùa xuân cho người lao động

              Kính gửi: Giám đốc Sở Văn hóa và Thể thao.

      Thực hiện kế hoạch công tác của cơ quan, Phòng Nghiệp vụ kính trình Giám
  đốc Sở xem xét, phê duyệt việc tổ chức hội thi thể thao mùa xuân cho công chức,
  viên chức và người lao động trong cơ quan, nhằm nâng cao sức khỏe và tinh thần
  đoàn kết của tập thể.
      Thời gian tổ chức dự kiến trong tháng tư; kinh phí lấy từ nguồn chi thường
  xuyên được giao cho phòng.
      Kính trình Giám đốc Sở xem xét, quyết định./.

  Nơi nhận:                                               TRƯỞNG PHÒNG
  - Như trên;
  - Lưu: VT, PNV.

                                                         Nguyễn Văn Bình
"""


def tcvn3_dump(text: str) -> str:
    """What pdftotext prints for `text` set in `.VnTime`/`.VnTimeH`: the TCVN3 bytes as
    Latin-1, the soft hyphen (`ư`) as a hyphen."""
    return tcvn3_text(text).replace("\u00ad", "-")


def low_byte_dump(text: str) -> str:
    """What pdftotext prints for `text` in a font that keeps only the low byte of each code
    point: letters on control codes are dropped, the soft hyphen (`ậ`) becomes a hyphen."""
    cut = (chr(ord(ch) & 0xFF) if ord(ch) > 0xFF else ch for ch in text)
    return "".join(ch for ch in cut if ch >= " " or ch == "\n").replace("\u00ad", "-")


def test_tcvn3_layout_dump_parses_like_the_unicode_letter():
    original = vbparse.parse_text(LETTER)
    dump = tcvn3_dump(LETTER)
    assert "Trung" not in dump and "ng-êi lao" in dump  # `người`: the hyphen stands for `ư`
    doc = vbparse.parse_bytes(dump.encode("utf-8"))
    assert doc.source.encoding == "utf-8+tcvn3"
    assert _folded(comparable(doc)) == _folded(comparable(original))
    h = doc.header
    assert (h.parent_issuer, h.issuer, h.number.text, h.date, h.doc_type) == (
        "SỞ VĂN HÓA VÀ THỂ THAO", "PHÒNG NGHIỆP VỤ", "57/TTr-PNV", "2025-03-12", "Tờ trình",
    )
    assert "nguồn chi thường xuyên được giao" in doc.text
    assert {severity for severity, _ in conversions(doc)} == {"info"}
    assert "text.legacy_encoding_suspected" not in codes(doc)


def test_low_byte_layout_dump_is_converted_without_inventing_dropped_letters():
    doc = vbparse.parse_bytes(low_byte_dump(LETTER).encode("utf-8"))
    assert doc.source.encoding == "utf-8+unicode-low-byte"
    lines = doc.text.split("\n")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines and "TỜ TRÌNH" in lines
    # ơ and ạ share the byte `¡`: the letter is chosen by spelling
    assert "Thực hiện kế hoạch công tác của cơ quan, Phòng Nghiệp vụ kính trình" in doc.text
    assert "Về việc tổ chức hội thi thể thao mùa xuân cho người lao" in doc.text
    # Đ, đ, Ă, ă fell on control codes the dump dropped: nothing is made up in their place
    assert "ộc lập - Tự do - Hạnh phúc" in lines and "Tân Phú, ngày 12 tháng 3 nm 2025" in lines
    assert "Kính gửi: Giám ốc Sở Vn hóa và Thể thao." in lines
    h = doc.header
    assert (h.parent_issuer, h.issuer, h.number.text, h.doc_type) == (
        "SỞ VN HÓA VÀ THỂ THAO", "PHÒNG NGHIỆP VỤ", "57/TTr-PNV", "Tờ trình",
    )
    assert (h.date, h.motto) == (None, None)
    assert [s.position for s in doc.signatures] == ["TRƯỞNG PHÒNG"]
    assert {severity for severity, _ in conversions(doc)} == {"warning"}  # letters sharing a byte
    assert "text.legacy_encoding_suspected" not in codes(doc)


WESTERN = {
    "fr": "« Ça va ? » demanda-t-elle. « Oui, ça va, merci. » Il a reçu une leçon de français à "
          "l'école, où le garçon était déjà là. Noël approche ; ça sent le maïs grillé et le café crème. "
          "« Et toi, ça roule ? » « Ça roule ! » Ça, c'est la vie.",
    "de": "Die Straße in München ist schön. Müller aß süße Äpfel für die Größe und das Maß. Fußgänger "
          "gehen über Brücken; öffentliche Verkehrsmittel sind günstig, während die Übernachtung teuer ist.",
    "no": "Vi må gå på skolen i morgen. Hun så på meg og sa at vi får være på hytta. Det blir kaldt på "
          "fjellet, så vi tar med oss varme klær og kaffe på termos. Bøker og blåbær, sjø og snø.",
    "da": "Jeg bor på Nørrebro, og jeg går på arbejde hver dag. Vi må gå til købmanden, før den lukker. "
          "Hun får øl og smørrebrød, så vi kan spise på altanen. Søren så på bøgerne.",
    "sv": "Vi åker till Göteborg på lördag och äter räkor på båten. Hon är från Malmö och går på "
          "gymnasiet. Det är så fint väder, så vi går ut och köper glass på torget.",
}


@pytest.mark.parametrize("language", sorted(WESTERN))
def test_western_latin_1_text_stays_as_it_is(language):
    """Latin-1 letters are Western letters too: `på` read as low bytes is `pụ`, `ça` `ủa`."""
    lines = [WESTERN[language]] * 3
    assert legacy_text.convert_lines(lines) == (lines, [None] * 3)
    doc = vbparse.parse_bytes("\n".join(lines).encode("utf-8"))
    assert doc.source.encoding == "utf-8" and "text.legacy_encoding" not in codes(doc)
    assert doc.text == "\n".join(lines)


def test_unicode_vietnamese_with_latin_1_only_lines_stays_as_it_is():
    """A Unicode letter whose header lines hold no letter beyond Latin-1 is not a low-byte dump."""
    doc = vbparse.parse_text(LETTER)
    assert doc.source.encoding is None or "low-byte" not in doc.source.encoding
    assert "text.legacy_encoding" not in codes(doc)
    assert "Tân Phú, ngày 12 tháng 3 năm 2025" in doc.text and "CÔNG" not in doc.text
