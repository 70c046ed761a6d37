"""Legacy encodings (reference §12): TCVN3, VNI, VIQR, Windows-1258, NFD and low-byte Unicode
to NFC, in every reader, reported in `source.encoding` and `text.legacy_encoding`.

Known byte sequences are pinned from the reference and the public charts; the samples are
retyped in TCVN3 and VNI by tests/legacy_encode.py (tables of its own) and must parse as
the Unicode originals do.
"""

from __future__ import annotations

import html
import unicodedata

import pytest

import vbparse
from vbparse.errors import DecodingError
from vbparse.normalise import fold_tones, legacy
from vbparse.readers.pdf import read_pdf

from .conftest import SAMPLES, shared_path
from .legacy_encode import legacy_docx, legacy_pdf, tcvn3_bytes, tcvn3_text, vni_bytes
from .test_reader_docx import package
from .test_twins import comparable

TEXT_SAMPLES = sorted(SAMPLES.glob("*.txt"))
DOCX_SAMPLES = sorted((SAMPLES / "docx").glob("*.docx"))
ENGINES = ("pdfium", "pdfplumber")


def conversions(doc: vbparse.Document) -> list[tuple[str, str]]:
    """(severity, converted text) of each text.legacy_encoding diagnostic."""
    return [(d.severity, doc.text[d.span.start:d.span.end]) for d in doc.diagnostics if d.code == "text.legacy_encoding"]


def codes(doc: vbparse.Document) -> set[str]:
    return {d.code for d in doc.diagnostics}


# --- pinned byte sequences ----------------------------------------------------------------------

@pytest.mark.parametrize(("unicode", "surface"), [
    ("Việt Nam", b"Vi\xd6t Nam"),
    ("Quyết định", b"Quy\xd5t \xae\xdenh"),
    ("Trung ương", b"Trung \xad\xacng"),  # ư is the soft-hyphen byte
    ("Cộng hoà xã hội chủ nghĩa Việt Nam", "Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("cp1252")),  # §12.2
    ("Độc lập - Tự do - Hạnh phúc", "§éc lËp - Tù do - H¹nh phóc".encode("cp1252")),
    ("Uỷ ban nhân dân", "Uû ban nh©n d©n".encode("cp1252")),
    ("Nghị quyết", "NghÞ quyÕt".encode("cp1252")),
])
def test_tcvn3_known_bytes(unicode, surface):
    assert legacy.tcvn3(surface.decode("cp1252")) == unicode
    assert tcvn3_bytes(unicode) == surface


@pytest.mark.parametrize(("unicode", "surface"), [
    ("Việt Nam", b"Vie\xe4t Nam"),
    ("Cộng hoà xã hội chủ nghĩa Việt Nam", "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam".encode("cp1252")),  # §12.3
    ("Độc lập - Tự do - Hạnh phúc", "Ñoäc laäp - Töï do - Haïnh phuùc".encode("cp1252")),
    ("ĐẢNG CỘNG SẢN VIỆT NAM", "ÑAÛNG COÄNG SAÛN VIEÄT NAM".encode("cp1252")),
    ("năm thường ỵ Ỵ ĩ", "naêm thöôøng î Î ó".encode("cp1252")),
])
def test_vni_known_bytes(unicode, surface):
    assert legacy.vni(surface.decode("cp1252")) == unicode
    assert vni_bytes(unicode) == surface


def test_viqr_and_windows_1258_samples_of_the_reference():
    assert legacy.viqr("Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam. DDo^.c la^.p") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập"
    )
    assert legacy.viqr(r"Ha\. no^.i") == "Ha. nội"  # an escaped mark is a literal
    assert legacy.cp1258("Côòng hoÌa xaÞ hôòi chuÒ nghiÞa Viêòt Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"


@pytest.mark.parametrize(("font", "expected"), [
    (".VnTime", ("tcvn3", False)), (".VnTimeH", ("tcvn3", True)), ("ABCDEF+.VnTimeH,Bold", ("tcvn3", True)),
    (".VnArialH", ("tcvn3", True)), ("VnTime-Bold", ("tcvn3", False)), ("QWERTY+VNI-Times", ("vni", False)),
    ("VNI-Helve", ("vni", False)), ("Times New Roman", None), ("Verdana", None), (None, None),
])
def test_font_names(font, expected):
    assert legacy.font_encoding(font) == expected


# --- plain text ----------------------------------------------------------------------------------

def _folded(value):
    """TCVN3 has no toned capitals (`Ủy` is typed `Uỷ` or lower case): compare case- and
    tone-placement-blind."""
    if isinstance(value, str):
        return fold_tones(value).casefold()
    if isinstance(value, (list, tuple)):
        return [_folded(v) for v in value]
    if isinstance(value, dict):
        return {k: _folded(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("sample", TEXT_SAMPLES, ids=lambda p: p.name)
def test_legacy_text_parses_like_the_unicode_sample(sample, encoding):
    original = vbparse.parse(sample)
    unicode = sample.read_text("utf-8-sig")
    doc = vbparse.parse_bytes(tcvn3_bytes(unicode) if encoding == "tcvn3" else vni_bytes(unicode))
    assert doc.source.encoding == encoding
    if encoding == "vni":
        assert doc.text == original.text
        assert comparable(doc) == comparable(original)
    else:
        assert _folded(comparable(doc)) == _folded(comparable(original))
    ((severity, converted),) = conversions(doc)  # one region: every line with a converted letter
    assert severity == "info"
    assert all(line in converted for line in doc.text.split("\n") if not line.isascii())
    assert "text.legacy_encoding_suspected" not in codes(doc)


def test_tcvn3_capitals_typed_in_lower_case_are_restored():
    doc = vbparse.parse_bytes(tcvn3_bytes("BỘ CÔNG AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/QĐ-UBND\nKT. CHỦ TỊCH\n"))
    assert doc.text.split("\n") == ["BỘ CÔNG AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/QĐ-UBND", "KT. CHỦ TỊCH"]


def test_unicode_samples_are_never_converted():
    for sample in TEXT_SAMPLES:
        doc = vbparse.parse(sample)
        assert doc.source.encoding in ("utf-8", "utf-8-sig")
        assert "text.legacy_encoding" not in codes(doc)


def test_unicode_lines_of_latin_1_letters_stay():
    """Lines with no letter beyond Latin-1 could be legacy bytes; they read worse converted."""
    text = "Thái Bình, Hoà Bình, Cà Mau\nCafé crème\nHà Nội, ngày 5 tháng 3 năm 2024\n"
    doc = vbparse.parse_bytes(text.encode("utf-8"))
    assert doc.text == text.strip() and doc.source.encoding == "utf-8"


def test_ascii_without_diacritics_is_not_taken_for_viqr():
    text = "Ha Noi, ngay 5 thang 3 nam 2024. Cong van so 12/UBND-VP. Ai? Khi nao? Tai sao.\n" * 3
    doc = vbparse.parse_bytes(text.encode())
    assert doc.text == text.strip() and doc.source.encoding == "utf-8"


def test_viqr_text():
    text = ("CO^.NG HO`A XA~ HO^.I CHU? NGHI~A VIE^.T NAM\nDDo^.c la^.p - Tu+. do - Ha.nh phu'c\n"
            "Ke^'t qua? thu+.c hie^.n nhie^.m vu. na(m 2024 cu?a UBND tie^'p tu.c ddu+o+.c\n")
    doc = vbparse.parse_bytes(text.encode())
    assert doc.source.encoding == "utf-8+viqr"
    assert doc.text.split("\n") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Kết quả thực hiện nhiệm vụ năm 2024 của UBND tiếp tục được",
    ]


def test_windows_1258_bytes():
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nỦy ban nhân dân tỉnh Quảng Nam\n"
    decomposed = "".join(
        unicodedata.normalize("NFC", "".join(m for m in unicodedata.normalize("NFD", ch) if m not in "\u0300\u0301\u0303\u0309\u0323"))
        + "".join(m for m in unicodedata.normalize("NFD", ch) if m in "\u0300\u0301\u0303\u0309\u0323")
        for ch in text
    )
    doc = vbparse.parse_bytes(decomposed.encode("cp1258"))
    assert doc.source.encoding == "cp1258" and doc.text == text.strip()
    assert conversions(doc) == [("info", doc.text)]


def test_nfd_text_is_composed_and_reported():
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    doc = vbparse.parse_bytes(unicodedata.normalize("NFD", text).encode())
    assert doc.text == text.strip() and doc.source.encoding == "utf-8+nfd"
    assert conversions(doc) == [("info", doc.text)]


def test_unicode_text_with_a_tcvn3_table_converts_only_the_table():
    body = "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng\nỦy ban nhân dân tỉnh báo cáo kết quả như sau:\n"
    table = "STT | §¬n vÞ | KÕt qu¶\n1 | Së Tµi chÝnh | Hoµn thµnh\n2 | Së Néi vô | §¹t\n"
    tail = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    doc = vbparse.parse_bytes((body + table + tail).encode("utf-8"))
    assert doc.source.encoding == "utf-8+tcvn3"
    assert "Sở Tài chính" in doc.text and "Hoàn thành" in doc.text and "Sở Nội vụ" in doc.text
    assert "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng" in doc.text  # the Unicode lines are untouched
    ((_, converted),) = conversions(doc)
    assert converted.startswith("Đơn vị") and converted.endswith("Đạt")


def test_undecodable_bytes_are_still_refused():
    data = b"Bao cao tinh hinh thuc hien nhiem vu nam 2024. " * 3 + b"\x81\x8d\x8f\x90" * 50
    with pytest.raises(DecodingError, match="TCVN3, VNI or Windows-1258"):
        vbparse.parse_bytes(data)


def test_dropped_soft_hyphen_u_is_restored():
    assert legacy.tcvn3("Ban ChÊp hµnh Trung ¬ng, ®îc th¬ng") == "Ban Chấp hành Trung ương, được thương"
    assert legacy.tcvn3("c¶m ¬n, m¬i") == "cảm ơn, mơi"  # already good words keep their spelling


# --- DOCX ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("sample", DOCX_SAMPLES, ids=lambda p: p.name)
def test_legacy_docx_parses_like_the_unicode_twin(sample, encoding, tmp_path):
    target = tmp_path / f"{sample.stem}-{encoding}.docx"
    legacy_docx(sample, target, encoding)
    original, doc = vbparse.parse(sample), vbparse.parse(target)
    assert doc.text == original.text
    assert comparable(doc) == comparable(original)
    assert doc.source.encoding == encoding
    assert conversions(doc) and all(severity == "info" for severity, _ in conversions(doc))


def _run(text: str, font: str | None = None, *, soft_hyphen: bool = False) -> str:
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    hyphen = "<w:softHyphen/>" if soft_hyphen else ""
    return f'<w:r>{rpr}{hyphen}<w:t xml:space="preserve">{html.escape(text)}</w:t></w:r>'


def _paragraph(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def test_docx_unicode_body_with_a_tcvn3_table():
    cell = lambda text: f"<w:tc>{_paragraph(_run(tcvn3_text(text), '.VnTime'))}</w:tc>"  # noqa: E731
    body = (
        _paragraph(_run("Ủy ban nhân dân tỉnh báo cáo kết quả như sau:", "Times New Roman"))
        + f"<w:tbl><w:tr>{cell('Đơn vị')}{cell('Kết quả')}</w:tr><w:tr>{cell('Sở Tài chính')}{cell('Hoàn thành')}</w:tr></w:tbl>"
        + _paragraph(_run("Thái Bình", ".VnTime"))  # Unicode left in a TCVN3 font: reads worse converted
        + _paragraph(_run("Hà Nội", ".VnTime"))  # a letter beyond Latin-1: Unicode already
    )
    doc = vbparse.parse_bytes(package(body))
    assert doc.text.split("\n") == [
        "Ủy ban nhân dân tỉnh báo cáo kết quả như sau:", "Đơn vị", "Kết quả", "Sở Tài chính", "Hoàn thành",
        "Thái Bình", "Hà Nội",
    ]
    assert doc.source.encoding == "tcvn3"
    assert conversions(doc) == [("info", "Đơn vị\nKết quả\nSở Tài chính\nHoàn thành")]


def test_docx_capitals_font_soft_hyphen_and_split_vni_runs():
    body = (
        _paragraph(_run(tcvn3_text("cộng hoà xã hội"), ".VnTimeH"), _run(" ", None), _run("ViÖt", ".VnTime"))
        + _paragraph(_run("Trung ", ".VnTime"), _run("¬ng", ".VnTime", soft_hyphen=True))
        + _paragraph(_run("Vie", "VNI-Times"), _run("ät Nam", "VNI-Times"))  # Word split the letter from its mark
    )
    doc = vbparse.parse_bytes(package(body))
    assert doc.text.split("\n") == ["CỘNG HOÀ XÃ HỘI Việt", "Trung ương", "Việt Nam"]
    assert doc.source.encoding == "tcvn3+vni"


def test_unknown_font_legacy_text_is_converted_by_content():
    """TCVN3 text in a font that does not say so (fonts lie in real archives) is found by content."""
    sentence = "Ủy ban nhân dân tỉnh Lâm Đồng báo cáo kết quả thực hiện nhiệm vụ năm 2024 như sau"
    doc = vbparse.parse_bytes(package(_paragraph(_run((tcvn3_text(sentence) + " ") * 6, "Times New Roman"))))
    assert doc.text == " ".join([sentence.replace("Ủy", "Uỷ")] * 6)  # the typist's old-style tone place
    assert "text.legacy_encoding" in codes(doc) and "text.legacy_encoding_suspected" not in codes(doc)


# --- PDF ----------------------------------------------------------------------------------------

def _legacy_pdf() -> bytes:
    return legacy_pdf([
        ("ABCDEF+.VnTimeH", tcvn3_bytes("cộng hoà xã hội chủ nghĩa việt nam")),
        (".VnTime", tcvn3_bytes("Độc lập - Tự do - Hạnh phúc, Trung ương, người")),
        ("GHIJKL+VNI-Times", vni_bytes("Việt Nam Độc lập thường")),
        ("Times New Roman", "Hello Café".encode("cp1252")),
    ])


@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_glyphs_convert_by_font(engine):
    raw = read_pdf(_legacy_pdf(), engine)
    assert [b.text for b in raw.blocks] == [
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc, Trung ương, người",
        "Việt Nam Độc lập thường", "Hello Café",
    ]
    assert raw.blocks[0].fonts == ("ABCDEF+.VnTimeH::tcvn3",)
    assert raw.blocks[3].fonts == ("Times New Roman",)
    doc = vbparse.parse_bytes(_legacy_pdf(), pdf_engine=engine)
    assert doc.source.encoding == "tcvn3+vni"
    assert [text for _, text in conversions(doc)] == [
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc, Trung ương, người",
        "Việt Nam Độc lập thường",
    ]


def test_pdf_vni_letter_spans_its_base_and_mark_glyphs():
    raw = read_pdf(legacy_pdf([("VNI-Times", vni_bytes("Việt"))]), "pdfium")
    (block,) = raw.blocks
    x0, _, x1, _ = block.bbox
    assert block.text == "Việt" and x1 - x0 == pytest.approx(5 * 6.0, abs=0.5)  # five glyphs of 500/1000 em


def test_corpus_low_byte_ocr_layer_parses_with_its_header():
    """ttr-298: an OCR layer writing each letter as the low byte of its code point (`ư` as
    `°`, `Đ` as 0x10). The layer's own misreadings stay: `Sốg8` (a handwritten 298) leaves
    the number out, `Tụ do` the motto, `Lâm Đông` the place."""
    doc = vbparse.parse(shared_path("corpus", "pdf", "ttr-298-ttr-cat-pc04-2025-tcvn3.pdf"))
    h = doc.header
    assert (h.heading, h.issuer, h.parent_issuer) == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CÔNG AN TỈNH LÂM ĐỒNG", "BỘ CÔNG AN",
    )
    assert (h.doc_type, h.date) == ("Tờ trình", "2025-10-24")
    assert doc.source.encoding == "unicode-low-byte"
    assert "Căn cứ Khoản 1 Điều 21 Nghị định số 116/2021/NĐ-CP ngày 21/12/2021 của Chính phủ" in doc.text
    assert "Kính gửi: Đồng chí Chủ tịch UBND" in doc.text
    ((severity, _),) = conversions(doc)
    assert severity == "warning"  # letters sharing a byte are chosen by spelling
    assert "text.legacy_encoding_suspected" not in codes(doc)


def test_same_input_same_output():
    data = tcvn3_bytes((SAMPLES / "02-party-nghi-quyet.txt").read_text("utf-8-sig"))
    assert vbparse.parse_bytes(data).model_dump_json() == vbparse.parse_bytes(data).model_dump_json()
