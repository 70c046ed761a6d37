"""RTF: told from the bytes, converted by LibreOffice, legacy font runs converted by font name."""

from __future__ import annotations

import shutil

import pytest

import vbparse
from vbparse.errors import ConverterMissingError
from vbparse.readers import sniff_format

from .legacy_encode import tcvn3_bytes, vni_bytes

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

_FONTS = r"{\fonttbl{\f0\froman Times New Roman;}{\f1\fswiss .VnTime;}{\f2\fswiss .VnTimeH;}{\f3\froman VNI-Times;}}"


def _escaped(data: bytes) -> str:
    """Bytes as RTF text: 8-bit bytes as \\'xx, the RTF specials escaped."""
    return "".join(f"\\'{b:02x}" if b > 0x7F else "\\" + chr(b) if chr(b) in "\\{}" else chr(b) for b in data)


def _unicode(text: str) -> str:
    return "".join(ch if ch.isascii() else f"\\u{ord(ch)}?" for ch in text)


def _paragraph(font: int, text: str) -> str:
    return f"{{\\pard\\f{font} {text}\\par}}\n"


def rtf(*paragraphs: str) -> bytes:
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0" + _FONTS + "\n" + "".join(paragraphs) + "}").encode("ascii")


def _legacy_decision() -> bytes:
    # .VnTimeH draws lower-case codes as capitals: a heading is typed in lower case.
    return rtf(
        _paragraph(2, _escaped(tcvn3_bytes("ủy ban nhân dân tỉnh quảng nam"))),
        _paragraph(1, _escaped(tcvn3_bytes("Số: 12/QĐ-UBND"))),
        _paragraph(2, _escaped(tcvn3_bytes("quyết định"))),
        _paragraph(1, _escaped(tcvn3_bytes("Về việc ban hành quy chế làm việc của cơ quan"))),
        _paragraph(3, _escaped(vni_bytes("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;"))),
        _paragraph(0, _unicode("Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.")),
    )


def test_rtf_is_told_from_its_bytes_whatever_the_name():
    assert sniff_format(b"{\\rtf1\\ansi hello}") == "rtf"
    assert sniff_format(b"\xef\xbb\xbf\r\n{\\rtf1}") == "rtf"
    assert sniff_format(b"{not rtf}") == "text"


def test_rtf_without_libreoffice_is_a_typed_error_not_text(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ConverterMissingError, match=r"\.rtf files"):
        vbparse.parse_bytes(_legacy_decision())


@needs_soffice
def test_vntime_vni_and_unicode_runs_of_one_rtf():
    doc = vbparse.parse_bytes(_legacy_decision())
    lines = doc.text.split("\n")
    assert lines == [
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM",
        "Số: 12/QĐ-UBND",
        "QUYẾT ĐỊNH",
        "Về việc ban hành quy chế làm việc của cơ quan",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;",
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.",
    ]
    assert doc.source.encoding == "tcvn3+vni"
    assert doc.header.number.text == "12/QĐ-UBND"
    assert any(d.code == "input.converted" for d in doc.diagnostics)
    assert [c.number.text for c in doc.citations if c.number] == ["30/2020/NĐ-CP"]
