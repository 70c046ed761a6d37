"""Legacy Vietnamese encodings to Unicode (format reference §12).

Each converter takes a *surface* string (see legacy_tables) and returns NFC Unicode. What to
convert is decided by the font name where the format has one (`.VnTime` is TCVN3, `VNI-Times`
is VNI) and by content scoring (legacy_text) where it has not. Text holding any character a
legacy surface cannot hold is Unicode already and is never converted.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

import regex

from .legacy_score import best_reading, gain, word_score
from .legacy_tables import (
    BYTE_OF_SURFACE, C1_TO_SURFACE, CP1258_OF_BYTE, LOW_BYTE_LETTERS, SURFACE_CHARS, SURFACE_OF_BYTE, TCVN3_OF_BYTE,
    VIQR_MODIFIER_BASES, VIQR_MODIFIERS, VIQR_TONES, VNI_BREVE_BASES, VNI_CIRCUMFLEX_BASES, VNI_MARKS, VNI_SINGLE,
    VNI_TONE_BASES, compose,
)
from .vietnamese import is_syllable

# A character no legacy surface holds: its text is Unicode already. Spaces do not count: a
# converter writes Unicode spaces (U+2006 for RTF's \qmspace…) between legacy letters.
_BEYOND_SURFACE = regex.compile("[^" + regex.escape("".join(sorted(SURFACE_CHARS))) + r"\s]")
_SPACES = {ch: " " for ch in map(chr, range(0x2000, 0x3001)) if ch.isspace()} | {"\u1680": " "}
_SPACES_TO_SURFACE = str.maketrans(_SPACES)


def is_surface(text: str) -> bool:
    """Whether `text` could be legacy bytes shown through a Windows font (no Unicode-only letter)."""
    return _BEYOND_SURFACE.search(text) is None


def count_beyond_surface(text: str) -> int:
    """How many characters of `text` no legacy surface holds."""
    return len(_BEYOND_SURFACE.findall(text))


# A page or a file with more than this share of its characters beyond what a legacy surface
# holds is Unicode (a stray Unicode dash or bullet aside): it is not read as a whole by content.
MAX_UNICODE_SHARE = 0.01


def mostly_surface(text: str) -> bool:
    """Whether `text` as a whole could be legacy bytes, a few Unicode characters aside."""
    return count_beyond_surface(text) <= MAX_UNICODE_SHARE * len(text)


_UNICODE_WORD = regex.compile(rf"\S*{_BEYOND_SURFACE.pattern}\S*")


def unicode_words(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each word holding a character no legacy surface holds."""
    for m in _UNICODE_WORD.finditer(text):
        yield m.start(), m.end()


def surface_of_bytes(data: bytes) -> str:
    return codecs.charmap_decode(data, "strict", SURFACE_OF_BYTE)[0]


def _recode(text: str, table: str) -> str:
    """Surface text read through another byte table (a 256-character string)."""
    try:
        data = codecs.charmap_encode(text, "strict", BYTE_OF_SURFACE)[0]
    except UnicodeEncodeError:  # C1 controls where cp1252 has characters; Unicode spaces
        text = text.translate(C1_TO_SURFACE).translate(_SPACES_TO_SURFACE)
        data = codecs.charmap_encode(text, "strict", BYTE_OF_SURFACE)[0]
    return codecs.charmap_decode(data, "strict", table)[0]


# --- the converters ---------------------------------------------------------------------------------

def tcvn3(text: str) -> str:
    """TCVN3 of any text: text dumps of PDFs (`pdftotext`) carry an engine's hyphen for `ư`
    as the PDF's glyphs do, and typists' files sometimes lose its soft hyphen altogether."""
    return _restore_dropped_u(tcvn3_glyphs(text))


def tcvn3_glyphs(text: str) -> str:
    """TCVN3 of PDF text, one character for one (each keeps its glyph box). `ư` is the soft
    hyphen, which PDFium reports as `-` and pdfminer as a space: a `-` touching letters, or a
    space before `ơ`, is read both ways and the better spelling kept."""
    converted = _recode(text, TCVN3_OF_BYTE)
    if "-" in converted:
        converted = _HYPHEN_IN_WORD.sub(_hyphen_or_u, converted)
    if " " in converted:
        converted = _SPACE_BEFORE_HORN.sub(_space_or_u, converted)
    return converted


_HORNED_O = "ơờớởỡợƠỜỚỞỠỢ"
_HYPHEN_IN_WORD = regex.compile(r"[\p{L}-]*(?:(?<=\p{L})-|-(?=\p{L}))[\p{L}-]*")
_SPACE_BEFORE_HORN = regex.compile(f"\\w* [{_HORNED_O}]\\w*")


def _hyphen_or_u(m: regex.Match[str]) -> str:
    return best_reading([ch if ch != "-" else "-ư" for ch in m.group(0)])


def _space_or_u(m: regex.Match[str]) -> str:
    apart = m.group(0)
    joined = apart.replace(" ", "Ư" if apart[apart.index(" ") + 1].isupper() else "ư")
    return joined if word_score(joined) > sum(map(word_score, apart.split())) else apart


# ơ not after u/ư, where the `ư` before it may have been dropped with its soft hyphen
# ("Trung ¬ng", "®­îc" read as "đợc"); found first, its word then read both ways.
_LONE_HORNED_O = regex.compile(f"(?<![uưUƯ])[{_HORNED_O}]")
_WORD_END, _WORD_START = regex.compile(r"\w*\Z"), regex.compile(r"\w*")


def _restore_dropped_u(text: str) -> str:
    pieces, done = [], 0
    for m in _LONE_HORNED_O.finditer(text):
        i = m.start()
        start = _WORD_END.search(text, max(done, i - 40), i).start()
        end = _WORD_START.match(text, i).end()
        word = text[start:end]
        restored = _with_u(word, i - start)
        if restored != word:
            pieces += [text[done:start], restored]
            done = end
    return "".join(pieces) + text[done:] if pieces else text


@lru_cache(maxsize=4096)
def _with_u(word: str, at: int) -> str:
    prefix = word[:at]
    if (prefix and not prefix.isalpha()) or is_syllable(word):
        return word
    restored = word[:at] + ("Ư" if word[at].isupper() else "ư") + word[at:]
    return restored if is_syllable(restored) else word


_VNI_TONES = "ùøûõïÙØÛÕÏ"
_VNI_CIRCUMFLEX = "áàåãäâÁÀÅÃÄÂ"
_VNI_BREVE = "éèúüëêÉÈÚÜËÊ"
_VNI = regex.compile(
    f"[{VNI_BREVE_BASES}][{_VNI_TONES}{_VNI_CIRCUMFLEX}{_VNI_BREVE}]"
    f"|[{VNI_CIRCUMFLEX_BASES}][{_VNI_TONES}{_VNI_CIRCUMFLEX}]"
    f"|[{VNI_TONE_BASES}][{_VNI_TONES}]"
    f"|[{''.join(VNI_SINGLE)}]"
)


@lru_cache(maxsize=512)
def _vni_letter(seq: str) -> str:
    base = VNI_SINGLE.get(seq[0], seq[0])
    return compose(base, VNI_MARKS[seq[1]]) if len(seq) == 2 else base


def vni(text: str) -> str:
    return _VNI.sub(lambda m: _vni_letter(m.group(0)), text)


def vni_matches(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, letter) of each VNI sequence, for callers that keep per-character boxes."""
    for m in _VNI.finditer(text):
        yield m.start(), m.end(), _vni_letter(m.group(0))


def cp1258(text: str) -> str:
    return unicodedata.normalize("NFC", _recode(text, CP1258_OF_BYTE))


# A vowel, its modifier and its tone; `\x` is a literal x. A `.` or `?` ends a sentence, not
# a word, unless a letter follows it, the sentence goes on in lower case, or it is a line in
# capitals going on in capitals.
_VIQR_TONE = r"['`~]|[.?](?=\p{L}|[ \t]+\p{Ll})|(?<=[AEIOUY][(^+]?)[.?](?=[ \t]+\p{Lu})"
_VIQR = regex.compile(
    r"\\(.)|([dD])[dD]"
    rf"|([aeiouyAEIOUY])(?:([(^+])({_VIQR_TONE})?|({_VIQR_TONE}))"
)


def _viqr_letter(m: regex.Match[str]) -> str:
    if m.group(1) is not None:
        return m.group(1)
    if m.group(2):
        return "Đ" if m.group(2) == "D" else "đ"
    vowel, modifier, tone = m.group(3), m.group(4), m.group(5) or m.group(6)
    marks = ""
    if modifier and vowel in VIQR_MODIFIER_BASES[modifier]:
        marks = VIQR_MODIFIERS[modifier]
    elif modifier:
        return m.group(0)  # `i^` is not a letter: leave the sequence alone
    if tone:
        marks += VIQR_TONES[tone]
    return compose(vowel, marks) if marks else vowel


def viqr(text: str) -> str:
    return _VIQR.sub(_viqr_letter, text)


def lowbyte(text: str) -> str:
    """Letters cut to the low byte of their code point, read back by spelling, word by word."""
    return regex.sub(r"\S+", lambda m: _lowbyte_word(m.group(0)), text)


# Ð and ð are also OCR's look-alikes of Đ and đ (reference §12.4), read first as those.
_LOOKALIKE_D = {"Ð": "Đ", "ð": "đ"}


@lru_cache(maxsize=8192)
def _lowbyte_word(word: str) -> str:
    options = []
    for i, ch in enumerate(word):
        letters = LOW_BYTE_LETTERS.get(ch, "")
        inside = 0 < i < len(word) - 1 and word[i - 1].isalpha() and word[i + 1].isalpha()
        if ch in "()" and not inside:
            letters = ""
        elif ch == "-" and inside:
            letters = "ậĂ"  # PDFium reports the soft hyphen 0xAD (ậ) and 0x02 (Ă) as hyphens
        keep = "" if ord(ch) < 0x20 and letters else _LOOKALIKE_D.get(ch, ch)
        options.append(keep + letters)
    if all(len(o) == 1 for o in options):
        return "".join(options)
    return best_reading(options)


CONVERTERS: dict[str, Callable[[str], str]] = {
    "tcvn3": tcvn3, "vni": vni, "cp1258": cp1258, "viqr": viqr, "unicode-low-byte": lowbyte,
}


# --- fonts -------------------------------------------------------------------------------------------

_SUBSET = regex.compile(r"^[A-Z]{6}\+")
_TCVN3_FONT = regex.compile(r"^[._]?Vn[A-Z]")  # .VnTime, .VnTimeH, .VnArial; PDFs may drop the dot
_VNI_FONT = regex.compile(r"^VNI[-_ ]", regex.I)  # VNI-Times, VNI-Helve
_STYLE_SUFFIX = regex.compile(r"(?:[-, ]?(?:Bold|Italic|Oblique|Regular|Normal|PSMT|MT))+$", regex.I)


@lru_cache(maxsize=1024)
def font_encoding(font: str | None) -> tuple[str, bool] | None:
    """(encoding, capitals) of a legacy font, None for any other. `capitals`: a TCVN3 `…H`
    font, which draws lower-case codes as capitals (.VnTimeH, .VnArialH)."""
    if not font:
        return None
    name = _SUBSET.sub("", font).strip()
    if _TCVN3_FONT.match(name):
        return "tcvn3", _STYLE_SUFFIX.sub("", name.split(",")[0]).endswith("H")
    if _VNI_FONT.match(name):
        return "vni", False
    return None


def convert_by_font(text: str, encoding: str, capitals: bool = False) -> str | None:
    """`text` of a run set in a legacy font, converted; None when it is Unicode already."""
    if not is_surface(text):
        return None
    converted = CONVERTERS[encoding](text)
    return converted.upper() if capitals else converted


def reads_worse(before: str, after: str) -> bool:
    """A conversion by font that spells worse than the text as it was: Unicode text left in a
    legacy font (`Thái Bình` would become `Thỏi Bỡnh`). Judge whole lines, not runs: Word
    splits runs inside words."""
    return gain(before, after)[0] < 0
