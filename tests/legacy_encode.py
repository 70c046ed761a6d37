"""Test helper: write Unicode text as a pre-2010 typist's keyboard driver did, in TCVN3 or VNI.

The byte tables here are written out independently of vbparse's decoding tables (from the
public TCVN3 and VNI-Windows charts), so a round trip checks one against the other.
"""

from __future__ import annotations

import copy
import unicodedata
from pathlib import Path

import docx
import regex
from docx.oxml.ns import qn
from docx.text.run import Run

# TCVN3 (ABC): one byte per lower-case letter, seven capitals. No toned capitals exist.
_TCVN3_BYTES = {
    "à": 0xB5, "á": 0xB8, "ả": 0xB6, "ã": 0xB7, "ạ": 0xB9,
    "ă": 0xA8, "ằ": 0xBB, "ắ": 0xBE, "ẳ": 0xBC, "ẵ": 0xBD, "ặ": 0xC6,
    "â": 0xA9, "ầ": 0xC7, "ấ": 0xCA, "ẩ": 0xC8, "ẫ": 0xC9, "ậ": 0xCB,
    "đ": 0xAE,
    "è": 0xCC, "é": 0xD0, "ẻ": 0xCE, "ẽ": 0xCF, "ẹ": 0xD1,
    "ê": 0xAA, "ề": 0xD2, "ế": 0xD5, "ể": 0xD3, "ễ": 0xD4, "ệ": 0xD6,
    "ì": 0xD7, "í": 0xDD, "ỉ": 0xD8, "ĩ": 0xDC, "ị": 0xDE,
    "ò": 0xDF, "ó": 0xE3, "ỏ": 0xE1, "õ": 0xE2, "ọ": 0xE4,
    "ô": 0xAB, "ồ": 0xE5, "ố": 0xE8, "ổ": 0xE6, "ỗ": 0xE7, "ộ": 0xE9,
    "ơ": 0xAC, "ờ": 0xEA, "ớ": 0xED, "ở": 0xEB, "ỡ": 0xEC, "ợ": 0xEE,
    "ù": 0xEF, "ú": 0xF3, "ủ": 0xF1, "ũ": 0xF2, "ụ": 0xF4,
    "ư": 0xAD, "ừ": 0xF5, "ứ": 0xF8, "ử": 0xF6, "ữ": 0xF7, "ự": 0xF9,
    "ỳ": 0xFA, "ý": 0xFD, "ỷ": 0xFB, "ỹ": 0xFC, "ỵ": 0xFE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
}

# VNI-Windows: a base letter, then one mark byte (lower-case marks after lower-case letters).
_TONES = {"\u0301": "acute", "\u0300": "grave", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot"}
_VNI_MARK_BYTES = {
    None: {"acute": 0xF9, "grave": 0xF8, "hook": 0xFB, "tilde": 0xF5, "dot": 0xEF},
    "\u0302": {None: 0xE2, "acute": 0xE1, "grave": 0xE0, "hook": 0xE5, "tilde": 0xE3, "dot": 0xE4},  # circumflex
    "\u0306": {None: 0xEA, "acute": 0xE9, "grave": 0xE8, "hook": 0xFA, "tilde": 0xFC, "dot": 0xEB},  # breve
}
_VNI_LETTER_BYTES = {  # letters that are one byte of their own, lower case
    "ơ": 0xF4, "ư": 0xF6, "đ": 0xF1, "í": 0xED, "ì": 0xEC, "ỉ": 0xE6, "ĩ": 0xF3, "ị": 0xF2, "ỵ": 0xEE,
}
_VNI_CAPITAL = 0x20  # capital letters and marks sit this far below the lower-case ones


# A toned capital O before a or e, or U before y: the tone can move onto the second vowel
# (the new style, `Uỷ`), leaving a capital TCVN3 can write.
_MOVABLE_TONE = regex.compile(r"(?<!\w)(O(?=.[ae])|U(?=.y))([\u0300\u0301\u0303\u0309\u0323])(.)")


def tcvn3_bytes(text: str) -> bytes:
    """TCVN3 bytes of `text`, written as a typist without toned capitals did: `Ủy ban` as
    `Uỷ ban`, other toned capitals with their lower-case codes (the `…H` fonts drew them)."""
    text = unicodedata.normalize("NFC", _MOVABLE_TONE.sub(r"\1\3\2", unicodedata.normalize("NFD", text)))
    out = bytearray()
    for ch in text:
        code = _TCVN3_BYTES.get(ch) or _TCVN3_BYTES.get(ch.lower())
        out += bytes([code]) if code else ch.encode("cp1252")
    return bytes(out)


def vni_bytes(text: str) -> bytes:
    return b"".join(_vni_letter(ch) for ch in text)


def _vni_letter(ch: str) -> bytes:
    if ch.isascii():
        return ch.encode()
    shift = _VNI_CAPITAL if ch.isupper() else 0
    lower = ch.lower()
    if lower in _VNI_LETTER_BYTES:
        return bytes([_VNI_LETTER_BYTES[lower] - shift])
    decomposed = unicodedata.normalize("NFD", lower)
    if decomposed[0] not in "aeiouy":
        return ch.encode("cp1252")  # punctuation: – “ ”
    tone = next((_TONES[m] for m in decomposed if m in _TONES), None)
    if "\u031b" in decomposed:  # ơ and ư are one byte of their own; the tone follows
        head = bytes([_VNI_LETTER_BYTES["ơ" if decomposed[0] == "o" else "ư"] - shift])
        mark = _VNI_MARK_BYTES[None][tone] if tone else None
    else:
        head = (decomposed[0].upper() if shift else decomposed[0]).encode()
        modifier = next((m for m in decomposed if m in _VNI_MARK_BYTES), None)
        mark = _VNI_MARK_BYTES[modifier][tone] if modifier or tone else None
    return head if mark is None else head + bytes([mark - shift])


def tcvn3_text(text: str) -> str:
    """What Word stores for `text` typed in a `.VnTime` font: the bytes seen through cp1252."""
    return tcvn3_bytes(text).decode("cp1252")


def vni_text(text: str) -> str:
    return vni_bytes(text).decode("cp1252")


# --- DOCX ----------------------------------------------------------------------------------------

_TCVN3_CAPITALS = set("ĂÂÊÔƠƯĐ")
_TOKEN = regex.compile(r"\S+\s*|\s+")
_VNI_TIMES, _VNTIME, _VNTIME_CAPITALS = "VNI-Times", ".VnTime", ".VnTimeH"


def _writes_in_capitals_font(ch: str) -> bool:
    """TCVN3 has no toned capitals: a typist switched to `.VnTimeH` for them."""
    return ch.isupper() and not ch.isascii() and ch not in _TCVN3_CAPITALS


def _tcvn3_pieces(text: str) -> list[tuple[str, str]]:
    """(surface text, font) pieces of a run: words in capitals with Vietnamese letters in
    `.VnTimeH`, as are single toned capitals (`Ủy`); the rest in `.VnTime`."""
    pieces: list[tuple[str, str]] = []
    for token in _TOKEN.findall(text):
        letters = [ch for ch in token if ch.isalpha()]
        capitals_word = bool(letters) and all(ch.isupper() for ch in letters) and not token.isascii()
        for ch in token:
            font = _VNTIME_CAPITALS if capitals_word or _writes_in_capitals_font(ch) else _VNTIME
            if font == _VNTIME_CAPITALS and ch.isspace() and not capitals_word:
                font = _VNTIME
            surface = tcvn3_text(ch.lower() if font == _VNTIME_CAPITALS else ch)
            if pieces and pieces[-1][1] == font:
                pieces[-1] = (pieces[-1][0] + surface, font)
            else:
                pieces.append((surface, font))
    return pieces


def legacy_docx(source: Path, target: Path, encoding: str) -> None:
    """Copy a Unicode DOCX with every run retyped in TCVN3 (`.VnTime`, `.VnTimeH`) or VNI
    (`VNI-Times`) fonts."""
    document = docx.Document(str(source))
    for r in list(document.element.body.iter(qn("w:r"))):
        run = Run(r, None)  # type: ignore[arg-type]
        text = run.text
        if not text:
            continue
        pieces = _tcvn3_pieces(text) if encoding == "tcvn3" else [(vni_text(text), _VNI_TIMES)]
        anchor = r
        for i, (surface, font) in enumerate(pieces):
            element = r if i == 0 else copy.deepcopy(r)
            if i:
                anchor.addnext(element)
            piece = Run(element, None)  # type: ignore[arg-type]
            piece.text = surface
            piece.font.name = font
            anchor = element
    document.save(str(target))


# --- PDF -------------------------------------------------------------------------------------------

def legacy_pdf(lines: list[tuple[str, bytes]], size: float = 12.0) -> bytes:
    """A one-page PDF drawing each (font name, bytes) line in that font, as a word processor
    exported a legacy document: simple TrueType fonts with WinAnsi codes, not embedded."""
    fonts = list(dict.fromkeys(font for font, _ in lines))
    content = b"BT\n"
    for i, (font, data) in enumerate(lines):
        escaped = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        content += b"/F%d %g Tf 1 0 0 1 72 %g Tm (%s) Tj\n" % (fonts.index(font) + 1, size, 760 - 20 * i, escaped)
    content += b"ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << "
        + b" ".join(b"/F%d %d 0 R" % (k + 1, 5 + k) for k in range(len(fonts)))
        + b" >> >> >>",
        b"<< /Length %d >>\nstream\n%sendstream" % (len(content), content),
    ]
    for k, font in enumerate(fonts):
        name = font.replace(" ", "#20").encode()
        descriptor = 5 + len(fonts) + k
        objects.append(
            b"<< /Type /Font /Subtype /TrueType /BaseFont /%s /Encoding /WinAnsiEncoding /FirstChar 32 "
            b"/LastChar 255 /Widths [%s] /FontDescriptor %d 0 R >>" % (name, b" ".join([b"500"] * 224), descriptor)
        )
    for font in fonts:
        objects.append(
            b"<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [0 -200 1000 800] /ItalicAngle 0 "
            b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>" % font.replace(" ", "#20").encode()
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
