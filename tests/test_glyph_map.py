"""PDF text layers printed through fonts that map glyphs to wrong letters ("7ӌ1+" for "TỈNH")."""

from __future__ import annotations

import pytest

from vbparse.api import parse
from vbparse.normalise.quality import wrongly_mapped
from vbparse.readers.ocr import find_tesseract

from .conftest import SHARED

# what such a layer gives for "UBND TỈNH LÀO CAI / CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM / SỞ CÔNG THƯƠNG"
MISMAPPED = "UBND 7ӌ1+ LÀO CAI &Ӝ1* HOÀ XÃ +Ӝ, &+Ӫ 1*+Ƭ$ 9,ӊ7 NAM 6Ӣ CÔNG 7+ѬѪ1* ĈӝF OұS - 7ӵ do - +ҥQK phúc "
CLEAN = "UBND TỈNH LÀO CAI CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM SỞ CÔNG THƯƠNG Độc lập - Tự do - Hạnh phúc "
BROKEN = sorted((SHARED / "corpus" / "pdf").glob("*broken-font*.pdf"))


def test_letters_of_another_script_mean_a_wrong_glyph_map():
    assert wrongly_mapped(MISMAPPED * 3)
    assert not wrongly_mapped(CLEAN * 3)
    assert not wrongly_mapped(MISMAPPED[:20])  # too few letters to judge
    # a Russian name quoted in a Vietnamese text is not enough
    assert not wrongly_mapped(CLEAN * 10 + " Москва")


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_a_wrong_glyph_map_is_an_error_without_ocr(path):
    doc = parse(path, ocr="never")
    assert [d.severity for d in doc.diagnostics if d.code == "pdf.wrong_glyph_map"] == ["error"]


@pytest.mark.skipif(find_tesseract() is None, reason="Tesseract with its Vietnamese model is not installed")
@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_a_wrong_glyph_map_is_read_by_ocr(path):
    doc = parse(path)
    assert "pdf.wrong_glyph_map" not in {d.code for d in doc.diagnostics}
    assert doc.source.ocr is not None and doc.source.ocr.pages
    assert not wrongly_mapped(doc.text)
    assert doc.header.date and doc.header.doc_type
