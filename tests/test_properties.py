"""Property tests: whatever text comes in, `vbparse.parse_text` returns a consistent Document.

The strategy below mixes the keywords the parser keys on (Số, Điều, Nơi nhận:, T/M,
Kính gửi:, symbols, dates, section labels, signature lines, web chrome…) with random
characters — Vietnamese letters, digits, punctuation, spaces and newlines — so that the
generated texts reach every extractor, including in half-formed shapes.
"""

from __future__ import annotations

import os
import unicodedata

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vbparse
from vbparse.errors import BinaryInputError, EmptyInputError, VbparseError
from vbparse.model import Document
from vbparse.schema import document_schema

# Derandomised and without the example database, so a run's outcome depends only on the code
# (another engineer edits the parser while these run). Set VBPARSE_HYPOTHESIS_SEARCH=<n> to
# search n fresh random examples per property instead, e.g. before a release.
_SEARCH = int(os.environ.get("VBPARSE_HYPOTHESIS_SEARCH", "0") or 0)
SETTINGS = settings(
    max_examples=_SEARCH or 200,
    deadline=None,
    derandomize=not _SEARCH,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
ALPHABET = (
    VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "fjwzFJWZ" + "0123456789"
    + "/-–—:.,;()*|+_… \n\t\"“”'%&" + "\u00a0\u200b\u00ad\u0301\u0323"  # NBSP, ZWSP, soft hyphen, loose marks
)

KEYWORDS = [
    "Số", "Số:", "Số ", "SỐ", "số", "Luật số:", "Điều", "Điều 1.", "ĐIỀU 2.", "Chương I", "CHƯƠNG II",
    "Mục 1", "Phần thứ nhất", "Tiểu mục 1", "Phụ lục I", "khoản", "điểm", "Nơi nhận:", "NƠI NHẬN:",
    "T/M", "T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN", "TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "TM. CHÍNH PHỦ",
    "TUQ. GIÁM ĐỐC", "Q. CHỦ TỊCH", "PHÓ BÍ THƯ", "THỦ TƯỚNG", "(Đã ký)", "Kính gửi:", "Đồng kính gửi:",
    "Kính trình:", "ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "TỈNH ỦY QUẢNG NAM",
    "TỈNH UỶ", "ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM", "UBND TỈNH GIA LAI", "SỞ NỘI VỤ", "*", "-----",
    "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "QUYẾT ĐỊNH:", "CÔNG VĂN", "THÔNG BÁO KẾT LUẬN", "V/v", "về việc",
    "CỦA BAN THƯỜNG VỤ TỈNH ỦY", "Căn cứ", "- Căn cứ Điều lệ Đảng;", "Theo đề nghị của",
    "Hà Nội, ngày 05 tháng 3 năm 2020", "Tam Kỳ, ngày", "ngày", "tháng", "năm", "ngày   tháng   năm 2026",
    "ngày 31 tháng 02 năm 2023", "307-NQ/TU", "128/NQ-CP", "1537/UBND-VP", "30/2020/NĐ-CP", "30/2020/ND-CP",
    "37/2021/QH15", "367 - QĐ/TWĐTN-VP", "1206 /QĐ-HVTC", "15–NQ/TU", "05-QC/BTCTU-BDVTU", "28/2018/QĐ-TTg",
    "     /QĐ-UBND", "-NQ/ĐU", "06/12/2023", "30/02/2021", "06-12-2023", "Nghị quyết", "Nghị quyết số",
    "Kết luận số", "Chỉ thị", "Quyết định của Bộ Chính trị số", "công văn", "Luật Tổ chức Chính phủ",
    "Bộ luật Hình sự", "Hiến pháp năm 2013", "Nghị quyết Trung ương 6 khóa XIII",
    "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX", "của Ban Thường vụ Tỉnh ủy", "của",
    "và", ", ", "I.", "II.", "I-", "1.", "1-", "1.1.", "1.2.1.", "A.", "B.", "a)", "đ)", "- ", "+ ", "* ",
    "(1)", "./.", "Lưu: VT", "- Như trên;", "Nguyễn Văn An", "Hồ Quang Vinh", "Thượng tướng Lương Tam Quang",
    "Skip to main content", "Tin liên quan", "Ảnh minh họa.", "Tác giả:", "Nguồn:", "Chia sẻ",
    "Trang chủ | Giới thiệu | Tin tức | Liên hệ", " | ", "**", "\n", "\n\n", "  ", "\r\n", ".txt",
]

_fragment = st.one_of(
    st.sampled_from(KEYWORDS),
    st.text(alphabet=ALPHABET, min_size=1, max_size=12),
    st.integers(min_value=0, max_value=20000).map(str),
)
# Lines built from fragments, joined by newlines; sometimes a rare control character.
_line = st.lists(_fragment, min_size=0, max_size=8).map(" ".join)

# -- document-shaped texts: a header, a body of labelled lines with citations, a tail -----
_digits = st.integers(min_value=0, max_value=99999).map(str)
_code = st.sampled_from(["NQ", "QĐ", "ND", "NĐ", "TTg", "CTr", "QĐi", "QyĐ", "KL", "CV", "TU", "TW", "CP",
                         "UBND", "VP", "HVTC", "TWĐTN", "BTCTU", "BDVTU", "QH15", "UBTVQH14", "SNV", "BNV"])
_sep = st.sampled_from(["-", "–", " - ", "/", " /", " / ", "/ ", " "])
symbols = st.one_of(
    st.tuples(_digits, _sep, _code, _sep, _code).map("".join),
    st.tuples(_digits, _sep, st.integers(1900, 2099).map(str), _sep, _code, _sep, _code).map("".join),
    st.tuples(st.sampled_from(["", "   ", " … "]), _sep, _code, _sep, _code).map("".join),
    st.sampled_from(KEYWORDS[KEYWORDS.index("307-NQ/TU") : KEYWORDS.index("06/12/2023")]),
)
_day = st.one_of(st.integers(0, 40).map(str), st.integers(1, 9).map("0{}".format), st.just("   "))
_year = st.one_of(st.integers(1890, 2110).map(str), st.just("  "))
dates = st.one_of(
    st.tuples(_day, st.sampled_from(["/", "-", "."]), _day, st.sampled_from(["/", "-", "."]), _year).map("".join),
    st.tuples(_day, _day, _year).map(lambda t: f"ngày {t[0]} tháng {t[1]} năm {t[2]}"),
    _year.map("năm {}".format),
)
_words = st.lists(st.one_of(st.sampled_from(KEYWORDS), st.text(alphabet=VIETNAMESE_LETTERS + " ", max_size=10)),
                  max_size=5).map(" ".join)
citations = st.tuples(
    st.sampled_from(["Nghị quyết", "Kết luận", "Quyết định", "công văn", "Luật", "Chỉ thị", "Kế hoạch", ""]),
    st.sampled_from([" số ", " ", " số: ", " của Bộ Chính trị số "]),
    st.lists(symbols, min_size=1, max_size=3).map(lambda xs: ", ".join(xs[:-1]) + (" và " if len(xs) > 1 else "") + xs[-1]),
    st.sampled_from(["", " ngày ", ", ngày ", " "]),
    dates,
    st.sampled_from(["", " của ", " của Ban Thường vụ ", " do "]),
    _words,
).map("".join)
_label = st.one_of(
    st.sampled_from(["I. ", "II- ", "1. ", "1- ", "1.1. ", "a) ", "đ) ", "- ", "+ ", "* ", "A. ", "E. ", "Điều 3. ",
                     "Chương IV", "Mục 2", "(1) ", "", "", ""]),
    st.tuples(st.integers(0, 200).map(str), st.sampled_from([". ", "- ", ") ", "."])).map("".join),
)
body_line = st.tuples(_label, st.one_of(_words, citations), st.sampled_from(["", ".", ";", ":", "./.", ","])).map("".join)
header_lines = st.lists(st.one_of(
    st.sampled_from(KEYWORDS[KEYWORDS.index("ĐẢNG CỘNG SẢN VIỆT NAM") : KEYWORDS.index("Căn cứ")]),
    symbols.map("Số {}".format), symbols.map("Số: {}".format),
    st.tuples(st.sampled_from(["Hà Nội", "Tam Kỳ", "", "Thành phố Hồ Chí Minh"]), dates).map(", ".join),
    st.tuples(_words, _words).map(" | ".join),
), max_size=10)
tail_lines = st.lists(st.one_of(
    st.sampled_from(KEYWORDS[KEYWORDS.index("T/M") : KEYWORDS.index("Kính gửi:")]),
    st.sampled_from(["Nơi nhận:", "- Như trên,", "- Lưu Văn phòng Tỉnh ủy.", "- Lưu: VT, VP.", "Nguyễn Văn An",
                     "K/T TRƯỞNG BAN | K/T TRƯỞNG BAN", "Lê Thị Hồng Nhung | Đặng Văn Tiến", "**T/M BAN THƯỜNG VỤ",
                     "PHÓ BÍ THƯ**", "Nơi nhận: | TM. ỦY BAN NHÂN DÂN", "- Như trên; | KT. CHỦ TỊCH"]),
    _words.map("- {};".format),
), max_size=10)
shaped = st.tuples(
    header_lines,
    st.lists(st.sampled_from(["Kính gửi:", "Kính gửi: Bộ Nội vụ.", "- Sở Tài chính;", "Đồng kính gửi:"]), max_size=3),
    st.lists(body_line, max_size=15),
    tail_lines,
    st.lists(st.sampled_from(["", "Skip to main content", "Ảnh minh họa.", "Tác giả: Trần Minh Khoa", "Nguồn: Báo"]),
             max_size=3),
).map(lambda parts: "\n".join(parts[4][:1] + parts[0] + parts[1] + parts[2] + parts[3] + parts[4][1:]))

documents = st.one_of(
    shaped,
    shaped,
    st.lists(_line, min_size=0, max_size=30).map("\n".join),
    st.lists(_fragment, min_size=0, max_size=40).map("".join),
    st.text(alphabet=ALPHABET, max_size=300),
    st.text(max_size=200),  # anything at all (surrogates are excluded by hypothesis)
)


def _binary_like(text: str) -> bool:
    """Control characters other than line/tab whitespace: the reader may reject these."""
    return any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in text)


def _nothing_visible(text: str) -> bool:
    """Only whitespace, invisible format characters (ZWSP, soft hyphen, BOM) and cell bars."""
    return not "".join(
        ch for ch in text if ch != "|" and not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")
    )


def _parse(text: str) -> Document | None:
    """Parse, or return None after checking that the refusal was legitimate."""
    try:
        doc = vbparse.parse_text(text)
    except VbparseError as exc:
        if isinstance(exc, EmptyInputError):
            assert _nothing_visible(text), f"EmptyInputError for text with content: {text!r}"
        else:
            assert _binary_like(text), f"{type(exc).__name__} ({exc}) for non-binary text: {text!r}"
        return None
    assert text.strip(), f"whitespace-only input {text!r} should raise EmptyInputError"
    return doc


def _spans(doc: Document):
    """(where, span) for every span in the document."""

    def sections(items, path):
        for i, s in enumerate(items):
            yield f"{path}[{i}]", s.span
            yield from sections(s.children, f"{path}[{i}].children")

    yield from sections(doc.sections, "sections")
    for i, c in enumerate(doc.citations):
        yield f"citations[{i}]", c.span
    for i, s in enumerate(doc.signatures):
        yield f"signatures[{i}]", s.span
    for i, d in enumerate(doc.diagnostics):
        if d.span is not None:
            yield f"diagnostics[{i}] {d.code}", d.span
    for i, z in enumerate(doc.zones):
        yield f"zones[{i}] {z.name}", z.span
    for name, span in doc.header.spans.items():
        yield f"header.spans[{name}]", span


_VALIDATOR = jsonschema.Draft202012Validator(document_schema())


def test_schema_itself_is_valid():
    jsonschema.Draft202012Validator.check_schema(document_schema())


@SETTINGS
@given(documents)
def test_parse_returns_valid_document_or_typed_error(text):
    doc = _parse(text)
    if doc is None:
        return
    # (a) the JSON output validates against the published schema
    errors = sorted(_VALIDATOR.iter_errors(doc.model_dump(mode="json")), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    # (b) every span indexes doc.text
    n = len(doc.text)
    for where, span in _spans(doc):
        assert 0 <= span.start <= span.end <= n, f"{where}: {span.start}..{span.end} outside 0..{n}"
    # (c) a citation's raw is exactly the text it spans
    for c in doc.citations:
        assert doc.text[c.span.start : c.span.end] == c.raw


@SETTINGS
@given(documents)
def test_parse_is_deterministic(text):
    first = _parse(text)
    if first is None:
        with pytest.raises(VbparseError):
            vbparse.parse_text(text)
        return
    assert vbparse.parse_text(text).model_dump_json() == first.model_dump_json()


@SETTINGS
@given(st.lists(_line, min_size=1, max_size=30).map("\n".join))
def test_bytes_and_text_input_agree(text):
    """The same document given as a str or as its UTF-8 bytes parses to the same content."""
    if _binary_like(text):
        return
    try:
        from_text = vbparse.parse_text(text)
    except VbparseError:
        with pytest.raises(VbparseError):
            vbparse.parse_bytes(text.encode("utf-8"))
        return
    from_bytes = vbparse.parse_bytes(text.encode("utf-8"))
    assert from_bytes.model_dump(exclude={"source"}) == from_text.model_dump(exclude={"source"})


@pytest.mark.parametrize("text", ["", " ", "\n", " \n\t \n", "\u00a0\n\u00a0"])
def test_whitespace_only_is_empty_input(text):
    with pytest.raises(EmptyInputError):
        vbparse.parse_text(text)


@pytest.mark.parametrize(
    "data", [b"\x00\x01\x02\x03binary\x00\xff" * 20, b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e" * 30]
)
def test_binary_bytes_are_refused(data):
    with pytest.raises(BinaryInputError):
        vbparse.parse_bytes(data)


@SETTINGS
@given(st.lists(_line, min_size=2, max_size=20).map("\n".join))
def test_zones_are_sorted(text):
    doc = _parse(text)
    if doc is None:
        return
    starts = [z.span.start for z in doc.zones]
    assert starts == sorted(starts)


# -- regressions found by the properties above ---------------------------------------------


def test_side_by_side_signature_spans_are_ordered():
    doc = vbparse.parse_text("Lê Thị Hồng Nhung | Đặng Văn Tiến\nK/T TRƯỞNG BAN | K/T TRƯỞNG BAN")
    for where, span in _spans(doc):
        assert 0 <= span.start <= span.end <= len(doc.text), where


@pytest.mark.parametrize("text", ["\u200b\n", "\u00ad\n\u200b\n", " | \n | "])
def test_input_without_visible_text_is_empty(text):
    with pytest.raises(EmptyInputError):
        vbparse.parse_text(text)


def test_text_naming_a_file_is_still_text():
    doc = vbparse.parse_text("\nbao-cao.txt\n")
    assert doc.text == "bao-cao.txt"
