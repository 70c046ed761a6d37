"""Character tables of the legacy Vietnamese encodings (format reference §12).

Legacy text reaches us as a *surface* string: each byte shown as the character a Windows
(cp1252) font or codec gives it, which is what Word stores for a `.VnTime` or `VNI-Times` run,
what PDF extractors report for such fonts, and what decoding the bytes of a legacy text file
gives. Every table below maps surface characters to Unicode.
"""

from __future__ import annotations

import codecs
import unicodedata

# --- the surface view of a byte ------------------------------------------------------------------

# cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined: those bytes show as their Latin-1 controls.
SURFACE_OF_BYTE = "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256))
# Characters a surface string can hold; text with any other character is already Unicode. (The
# C1 controls are how some tools keep bytes 0x80-0x9F instead of cp1252's characters.)
SURFACE_CHARS = frozenset(SURFACE_OF_BYTE) | {chr(b) for b in range(0x80, 0xA0)}
C1_TO_SURFACE = str.maketrans({chr(b): SURFACE_OF_BYTE[b] for b in range(0x80, 0xA0)})
# A surface string back to its bytes, at codec speed (legacy text is recoded through its bytes).
BYTE_OF_SURFACE = codecs.charmap_build(SURFACE_OF_BYTE)

# --- TCVN3 (ABC, TCVN 5712:1993 VN3), reference §12.2 --------------------------------------------

# Surface character, then the letter it stands for. No toned capitals exist: headings use the
# `…H` fonts, which draw these lower-case codes as capitals. U+00AD (the soft hyphen) is `ư`.
_TCVN3_PAIRS = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ "
    "×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ "
    "\u00adư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ "
    "¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ"
)
TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ")}
TCVN3_OF_BYTE = "".join(TCVN3.get(surface, surface) for surface in SURFACE_OF_BYTE)

# --- VNI (VNI-Windows), reference §12.3 ------------------------------------------------------------

# Combining marks of the tones and vowel modifiers.
GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"

# A mark byte after a vowel: the marks it adds, lower- and upper-case forms alike.
VNI_MARKS = {
    "ù": ACUTE, "ø": GRAVE, "û": HOOK, "õ": TILDE, "ï": DOT,  # tone alone
    "á": CIRCUMFLEX + ACUTE, "à": CIRCUMFLEX + GRAVE, "å": CIRCUMFLEX + HOOK, "ã": CIRCUMFLEX + TILDE,
    "ä": CIRCUMFLEX + DOT,
    "é": BREVE + ACUTE, "è": BREVE + GRAVE, "ú": BREVE + HOOK, "ü": BREVE + TILDE, "ë": BREVE + DOT,
    "â": CIRCUMFLEX, "ê": BREVE,  # modifier alone
}
VNI_MARKS |= {mark.upper(): marks for mark, marks in VNI_MARKS.items()}
# Which vowels each kind of mark follows: tones follow any vowel (ơ and ư are single bytes
# of their own, `ô` and `ö`); a circumflex follows a, e, o; a breve only a.
VNI_TONE_BASES = "aeiouyAEIOUYôöÔÖ"
VNI_CIRCUMFLEX_BASES = "aeoAEO"
VNI_BREVE_BASES = "aA"
# Letters that are one byte of their own.
VNI_SINGLE = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
}

# --- Windows-1258, reference §12.4 -------------------------------------------------------------------

# The cp1258 character of each byte (tones are combining marks: NFC follows); bytes cp1258
# leaves undefined keep their surface character.
CP1258_OF_BYTE = "".join(bytes([b]).decode("cp1258", "ignore") or SURFACE_OF_BYTE[b] for b in range(256))

# --- VIQR (RFC 1456), reference §12.4 -------------------------------------------------------------

VIQR_TONES = {"'": ACUTE, "`": GRAVE, "?": HOOK, "~": TILDE, ".": DOT}
VIQR_MODIFIERS = {"(": BREVE, "^": CIRCUMFLEX, "+": HORN}
# Which vowels take each modifier: a( ; a^ e^ o^ ; o+ u+.
VIQR_MODIFIER_BASES = {"(": "aA", "^": "aeoAEO", "+": "ouOU"}

# --- Unicode cut to its low byte ------------------------------------------------------------------

# Some PDF producers (OCR layers among them) write each Unicode letter as the low byte of its
# code point in a one-byte font: `ư` U+01B0 comes out as `°` 0xB0, `Đ` U+0110 as the control
# 0x10. Several letters share a byte (ạ U+1EA1 and ơ U+01A1 are both `¡`), so the decoder
# chooses among them by spelling; these are the Vietnamese letters behind each byte.
VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
)
VIETNAMESE_LETTERS += VIETNAMESE_LETTERS.upper()
# ASCII bytes stand for themselves (`h` and `i` are never read as Ũ ũ), except `(` and `)`
# inside a word, which are Ĩ and ĩ there.
LOW_BYTE_LETTERS: dict[str, str] = {}
for _letter in VIETNAMESE_LETTERS:
    if ord(_letter) > 0xFF and (ord(_letter) & 0xFF >= 0x80 or chr(ord(_letter) & 0xFF) in "\x02\x03\x10\x11()"):
        _byte = chr(ord(_letter) & 0xFF)
        LOW_BYTE_LETTERS[_byte] = LOW_BYTE_LETTERS.get(_byte, "") + _letter
# Control characters that are letters in this encoding; a PDF reader keeps them for the decoder.
LOW_BYTE_CONTROLS = frozenset(ch for ch in LOW_BYTE_LETTERS if ord(ch) < 0x20)

# --- tone marks -----------------------------------------------------------------------------------

TONES = frozenset((GRAVE, ACUTE, TILDE, HOOK, DOT))


def compose(base: str, marks: str) -> str:
    """The precomposed letter of `base` with combining `marks` (modifier first, then tone)."""
    return unicodedata.normalize("NFC", base + marks)
