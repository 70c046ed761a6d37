"""OCR: scans made from the PDF twins (scripts/make_scans.py, run into a temporary folder),
images, the scanned corpus PDFs, and what happens without Tesseract.

Expected corpus values were read off the rendered pages.
"""

from __future__ import annotations

import ctypes
import importlib.util
import io
import os
import stat
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

import vbparse
from vbparse.errors import OcrFailedError, OcrUnavailableError, UnreadableInputError
from vbparse.readers.ocr import ENABLE_OCR, find_tesseract, grey, parse_hocr

from .conftest import REPO, SAMPLES, shared_path

# On CI, .ci/run installs Tesseract: there a missing one fails the tests instead of skipping them.
needs_tesseract = pytest.mark.skipif(
    find_tesseract() is None and not os.environ.get("CI"), reason="Tesseract with its Vietnamese model is not installed"
)

PDF_SCANS = ("01-party-cong-van", "03-party-thong-bao-ket-luan", "09-state-cong-van")
TIFF_SCAN = "05-hdnd-nghi-quyet"
PNG_SCAN = "04-ubnd-quyet-dinh"


def _make_scans():
    spec = importlib.util.spec_from_file_location("make_scans", REPO / "scripts" / "make_scans.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_scans


@pytest.fixture(scope="session")
def scans(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scans")
    make_scans = _make_scans()
    for stem in PDF_SCANS:
        make_scans(SAMPLES / "pdf" / f"{stem}.pdf", out, formats=("pdf",))
    make_scans(SAMPLES / "pdf" / f"{TIFF_SCAN}.pdf", out, formats=("tiff",))
    make_scans(SAMPLES / "pdf" / f"{PNG_SCAN}.pdf", out, formats=("png",))
    return out


@cache
def parse(path: Path) -> vbparse.Document:
    """One OCR parse per file for all the tests that look at it."""
    return vbparse.parse(path)


def fields(doc: vbparse.Document) -> dict:
    header = doc.header
    return {
        "number": header.number.text if header.number else None, "date": header.date, "issuer": header.issuer,
        "signer": doc.signatures[-1].signer if doc.signatures else None,
    }


def codes(doc: vbparse.Document) -> dict[str, str]:
    return {d.code: d.message for d in doc.diagnostics}


# --- scans of the samples ----------------------------------------------------------------------


@needs_tesseract
@pytest.mark.parametrize("stem", PDF_SCANS)
def test_scanned_pdf_parses_like_its_twin(scans, stem):
    twin = vbparse.parse(SAMPLES / "pdf" / f"{stem}.pdf")
    doc = parse(scans / f"{stem}-scan.pdf")
    assert fields(doc) == fields(twin)
    assert None not in fields(twin).values()
    ocr = doc.source.ocr
    assert (doc.source.format, ocr.engine, ocr.language, ocr.dpi) == ("pdf", "tesseract", "vie", 300)
    assert ocr.pages == list(range(1, twin.source.pages + 1)) and ocr.mean_confidence > 85
    assert codes(doc)["ocr.pages"].startswith(f"pages 1-{twin.source.pages} read by OCR (Tesseract ")
    assert "pdf.no_text_layer" not in codes(doc)
    # spans still map to pages: the number on the first, the signature on the last
    assert doc.header.spans["number"].page == 1
    assert doc.signatures[-1].span.page == twin.signatures[-1].span.page


@needs_tesseract
def test_multi_page_tiff_parses_like_its_twin(scans):
    twin = vbparse.parse(SAMPLES / "pdf" / f"{TIFF_SCAN}.pdf")
    doc = parse(scans / f"{TIFF_SCAN}-scan.tiff")
    assert fields(doc) == fields(twin)
    assert (doc.source.format, doc.source.pages, doc.source.ocr.pages) == ("image", 3, [1, 2, 3])
    assert doc.source.ocr.dpi == 300  # the TIFF's own resolution
    assert [s.span.page for s in doc.signatures] == [s.span.page for s in twin.signatures]


@needs_tesseract
def test_png_header_and_boxes_match_the_twin(scans):
    twin = vbparse.parse(SAMPLES / "pdf" / f"{PNG_SCAN}.pdf")
    doc = parse(scans / f"{PNG_SCAN}-scan-p1.png")
    assert {k: v for k, v in fields(doc).items() if k != "signer"} == {
        "number": "1234/QĐ-UBND", "date": "2024-09-23", "issuer": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
    }
    assert (doc.source.format, doc.source.pages) == ("image", 1)
    # boxes are in points at the image's resolution: where the twin's text layer has them
    for name in ("number", "date"):
        got, want = doc.header.spans[name].bbox, twin.header.spans[name].bbox
        assert all(abs(a - b) < 6 for a, b in zip(got, want)), (name, got, want)


@needs_tesseract
def test_header_columns_are_split_from_the_word_boxes(scans):
    """The issuer column, then the heading column, as for the twin's text layer (but for the
    Party "*" under the issuer, which Tesseract takes for no text)."""
    lines = parse(scans / f"{PDF_SCANS[0]}-scan.pdf").text.splitlines()
    assert lines[:2] == ["TỈNH ỦY PHÚ YÊN", "Số 512-CV/TU"]
    assert lines[2].endswith("tăng cường lãnh đạo, chỉ đạo công")  # "V/v" in italics: not always read
    assert lines[3:7] == [
        "tác phòng cháy, chữa cháy rừng mùa khô", "năm 2024",
        "ĐẢNG CỘNG SẢN VIỆT NAM", "Tuy Hòa, ngày 15 tháng 3 năm 2024",
    ]


@needs_tesseract
def test_ocr_is_deterministic(scans):
    path = scans / f"{PNG_SCAN}-scan-p1.png"
    assert vbparse.parse(path).model_dump_json() == parse(path).model_dump_json()


@needs_tesseract
def test_coarse_image_without_resolution_is_enlarged(scans):
    """A 100 dpi page, its resolution unrecorded: taken for A4 (so 100 dpi), enlarged to 300."""
    with Image.open(scans / f"{PNG_SCAN}-scan-p1.png") as page:
        coarse = page.resize((page.width // 3, page.height // 3), Image.LANCZOS)
    data = io.BytesIO()
    coarse.save(data, "PNG")
    doc = vbparse.parse_bytes(data.getvalue())
    assert doc.source.ocr.dpi == 300
    assert (doc.header.number.text, doc.header.date) == ("1234/QĐ-UBND", "2024-09-23")
    # boxes in points of an A4 page: the number's, as in the twin, within the enlarging's error
    twin = vbparse.parse(SAMPLES / "pdf" / f"{PNG_SCAN}.pdf")
    assert all(abs(a - b) < 8 for a, b in zip(doc.header.spans["number"].bbox, twin.header.spans["number"].bbox))


def copy_marked(scan: Path) -> bytes:
    """The first page of a scan with "SAO Y" typed on it as page text, as e-copy software does."""
    pdf = pdfium.PdfDocument(scan)
    for index in range(len(pdf) - 1, 0, -1):
        pdf.del_page(index)
    page = pdf[0]
    mark = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Times-Roman", ctypes.c_float(12))
    pdfium_c.FPDFText_SetText(mark, (ctypes.c_ushort * 6)(*map(ord, "SAO Y"), 0))
    pdfium_c.FPDFPageObj_Transform(mark, 1, 0, 0, 1, 450, 800)
    pdfium_c.FPDFPage_InsertObject(page.raw, mark)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@needs_tesseract
def test_scan_with_a_typed_on_copy_mark_is_read(scans):
    data = copy_marked(scans / "09-state-cong-van-scan.pdf")
    doc = vbparse.parse_bytes(data)
    assert doc.source.ocr.pages == [1]
    assert doc.text.splitlines()[0] == "SAO Y"  # drawn on the page, so read with it
    assert (doc.header.number.text, doc.header.date) == ("356/UBND-VP", "2024-10-09")
    unread = vbparse.parse_bytes(data, ocr="never")
    assert codes(unread)["pdf.no_text_layer"] == "page 1 has no text layer (OCR is off)"
    assert unread.text == "SAO Y"


def test_ocr_never_leaves_a_scan_unread(scans):
    doc = vbparse.parse(scans / f"{PDF_SCANS[0]}-scan.pdf", ocr="never")
    assert codes(doc)["pdf.no_text_layer"] == "pages 1-2 have no text layer (OCR is off)"
    assert doc.source.ocr is None and doc.text == ""
    with pytest.raises(OcrUnavailableError, match="OCR is off"):
        vbparse.parse(scans / f"{PNG_SCAN}-scan-p1.png", ocr="never")


def test_ocr_mode_is_checked():
    with pytest.raises(ValueError, match="ocr must be one of"):
        vbparse.parse(SAMPLES / "01-party-cong-van.txt", ocr="sometimes")


# --- corpus scans -------------------------------------------------------------------------------


def corpus(name: str) -> Path:
    return shared_path("corpus", "pdf", name)


@needs_tesseract
def test_pure_scan_is_read():
    """ttr-511: an Adobe Scan PDF. The serial (511) and the day (23) are written in by hand,
    which Tesseract does not read; the printed rest of the header is."""
    doc = vbparse.parse(corpus("ttr-511-ttr-cat-pc04-2025-scan.pdf"))
    assert doc.source.ocr.pages == [1, 2]
    assert "pdf.no_text_layer" not in codes(doc)
    lines = doc.text.splitlines()
    # OCR reads ồ as ò and ô; the province's name, vouched for by its level and by the
    # place-and-date line, is repaired (normalise.repair), and says so
    assert lines[:2] == ["BỘ CÔNG AN", "CÔNG AN TỈNH LÂM ĐỒNG"]
    assert "text.keyword_repaired" in codes(doc)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    # the hand-written serial and day, misread with low confidence, are left out, not guessed
    assert "Số: /TTr-CAT(PC04)" in lines
    assert (doc.header.number.serial, doc.header.number.type_code) == (None, "TTr")
    assert "Lâm Đồng, tháng 12 năm 2025" in lines  # the day, written by hand, is not read
    assert (doc.header.place, doc.header.date) == ("Lâm Đồng", None)
    assert "TỜ TRÌNH" in lines


@needs_tesseract
def test_image_pages_under_a_copy_stamp_are_read():
    """cv-4409: image pages whose only text is the "SAO Y" signing stamp (an annotation): the
    stamp stays the digital signature, the page images are read; page 2 is blank."""
    doc = vbparse.parse(corpus("cv-4409-bca-c04-2025-saoy-image.pdf"))
    assert doc.source.ocr.pages == [1, 2]
    assert doc.source.digital_signature.organization == "Bộ Công an"
    assert "Thời gian ký" not in doc.text  # the stamp is not drawn into the page images
    assert doc.header.motto == "Độc lập - Tự do - Hạnh phúc"
    assert doc.recipients == ["UBND các tỉnh, thành phô trực thuộc Trung ương"]  # sic: ố read as ô
    assert [(s.authority, s.span.page) for s in doc.signatures] == [(["KT. BỘ TRƯỞNG"], 1)]


@needs_tesseract
def test_a_cover_without_text_in_a_text_pdf_is_left_out():
    """hd-545's back cover is an image with a motto; read on, it would end the signature block."""
    doc = vbparse.parse(corpus("hd-545-hd-btv-hiep-hoi-ccv-2025.pdf"))
    assert doc.source.ocr.pages == [7]
    assert codes(doc)["ocr.page_left_out"].startswith("page 7: too few words")
    assert "ATTESTING" not in doc.text
    authority = ["TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"]
    assert [(s.authority, s.position) for s in doc.signatures] == [(authority, "PHÓ CHỦ TỊCH")]


@needs_tesseract
def test_ocr_always_rereads_a_garbled_text_layer():
    """cv-bao: a scan under another tool's OCR layer without diacritics ("TINH trY LAM DONG").
    The serial and day are written in by hand: the serial comes out blank."""
    path = corpus("cv-bao-ptth-lamdong-tinhuy-2025-garbled-ocr.pdf")
    doc = vbparse.parse(path, ocr="always")
    assert doc.source.ocr.pages == [1]
    assert "text.diacritics_missing" not in codes(doc)
    assert doc.header.heading == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert (doc.header.number.text, doc.header.number.serial) == ("-CV/B&PTTH", None)
    assert "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng." in doc.text.splitlines()


# --- without Tesseract ---------------------------------------------------------------------------


@pytest.fixture
def no_tesseract(monkeypatch, tmp_path):
    """A PATH on which there is no tesseract."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_tesseract() is None


def fake_tesseract(folder: Path, languages: str, recognise: str) -> None:
    """A `tesseract` script on PATH: it lists `languages` and runs `recognise` for a page."""
    script = folder / "tesseract"
    script.write_text(
        "#!/bin/sh\n"
        'case "$1" in\n'
        '  --version) echo "tesseract 9.9.9";;\n'
        f'  --list-langs) printf "List of available languages (2):\\n{languages}\\n";;\n'
        f"  *) {recognise};;\n"
        "esac\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_scan_without_tesseract_says_how_to_enable_ocr(scans, no_tesseract):
    doc = vbparse.parse(scans / f"{PDF_SCANS[0]}-scan.pdf")
    message = codes(doc)["pdf.no_text_layer"]
    assert message == f"pages 1-2 have no text layer (OCR is not available: {ENABLE_OCR})"
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in message
    assert next(d for d in doc.diagnostics if d.code == "pdf.no_text_layer").severity == "error"


def test_image_without_tesseract_is_a_typed_error(scans, no_tesseract):
    with pytest.raises(OcrUnavailableError) as caught:
        vbparse.parse(scans / f"{PNG_SCAN}-scan-p1.png")
    assert caught.value.exit_code == 3 and caught.value.code == "input.ocr_unavailable"
    assert str(caught.value).endswith(ENABLE_OCR)
    with pytest.raises(OcrUnavailableError, match="every page"):
        vbparse.parse(SAMPLES / "pdf" / "09-state-cong-van.pdf", ocr="always")


def test_text_pdf_needs_no_tesseract(no_tesseract):
    doc = vbparse.parse(SAMPLES / "pdf" / "09-state-cong-van.pdf")
    assert doc.header.number.text == "356/UBND-VP" and doc.source.ocr is None


def test_tesseract_without_the_vietnamese_model_is_not_used(monkeypatch, tmp_path):
    english, vietnamese = tmp_path / "eng", tmp_path / "vie"
    english.mkdir(), vietnamese.mkdir()
    fake_tesseract(english, "eng\\nosd", "exit 1")
    fake_tesseract(vietnamese, "eng\\nvie", "exit 1")
    monkeypatch.setenv("PATH", str(english))
    assert find_tesseract() is None
    monkeypatch.setenv("PATH", str(vietnamese))
    assert find_tesseract().version == "9.9.9"


def test_tesseract_failure_is_reported(scans, monkeypatch, tmp_path):
    fake_tesseract(tmp_path, "vie", 'echo "Error: out of memory" >&2; exit 3')
    monkeypatch.setenv("PATH", str(tmp_path))
    doc = vbparse.parse(scans / f"{PDF_SCANS[0]}-scan.pdf")
    assert codes(doc)["pdf.no_text_layer"] == "pages 1-2 have no text layer (OCR failed)"
    assert codes(doc)["ocr.page_failed"] == (
        "OCR failed on page 1 (Tesseract failed on page 1: Error: out of memory); "
        "2 (Tesseract failed on page 2: Error: out of memory)"
    )
    with pytest.raises(OcrFailedError, match="out of memory"):
        vbparse.parse(scans / f"{PNG_SCAN}-scan-p1.png")


def test_damaged_image_is_a_typed_error(monkeypatch, tmp_path):
    fake_tesseract(tmp_path, "vie", "exit 1")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UnreadableInputError, match="the image"):
        vbparse.parse_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(UnreadableInputError, match="the image"):
        vbparse.parse_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)


@pytest.mark.parametrize(
    ("mode", "colour", "expected"),
    [
        ("RGB", (200, 40, 40), 88),  # a red seal stays visible: luminance, 0.299 R + 0.587 G + 0.114 B
        ("RGBA", (0, 0, 0, 0), 255),  # transparent: the white of the paper
        ("CMYK", (0, 0, 0, 255), 0),
        ("I;16", 40000, 156),  # 16-bit grey scaled to 8 bits, not clipped to white
        ("1", 0, 0),
    ],
)
def test_grey_of_every_image_mode(mode, colour, expected):
    image = grey(Image.new(mode, (2, 2), colour))
    assert image.mode == "L" and image.getpixel((0, 0)) == expected


# --- hOCR ---------------------------------------------------------------------------------------------

HOCR = b"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' title='image "stdin"; bbox 0 0 2481 3508; ppageno 0'>
 <span class='ocr_line' title="bbox 100 200 900 270; baseline 0.01 -14; x_size 56; x_descenders 14; x_ascenders 12">
  <span class='ocrx_word' title='bbox 100 205 220 256; x_wconf 96'>S&#7889;</span>
  <span class='ocrx_word' title='bbox 240 230 246 236; x_wconf 93'>.</span>
  <span class='ocrx_word' title='bbox 300 210 380 268; x_wconf 12'>Qx</span>
  <span class='ocrx_word' title='bbox 400 205 520 256; x_wconf 54'>'Ph&#7841;m</span>
  <span class='ocrx_word' title='bbox 540 205 600 256; x_wconf 34'>Z&#8260;</span>
  <span class='ocrx_word' title='bbox 700 200 900 262; x_wconf 91'>12-CV/TU</span>
 </span>
</div></body></html>"""


def test_hocr_words_get_the_em_box_of_their_line():
    words = parse_hocr(HOCR)
    # dropped: a speck, a 12% guess, a hand-written mark read as "Z⁄"; a speck's "'" stripped
    assert [w.text for w in words] == ["Số", "Phạm", "12-CV/TU"]
    first, last = words[0], words[-1]
    assert first.box == (100, 205, 220, 256) and first.confidence == 96
    # descender line: bbox bottom 270, baseline offset -14 and slope 0.01 at the word's centre
    assert first.line == pytest.approx((270 - 14 + 0.01 * 60 + 14 - 56, 270 - 14 + 0.01 * 60 + 14))
    assert last.line[1] - first.line[1] == pytest.approx(0.01 * 640)
