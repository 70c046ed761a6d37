"""Text-quality checks: say when a text layer cannot be trusted, rather than parse it.

The pipeline runs them on the lines no legacy conversion gave (normalise.legacy): what is left
looking like TCVN3/VNI bytes came in a font that did not say so and did not read clearly
enough by content to be converted.
"""

from __future__ import annotations

import regex

from .vietnamese import is_syllable

# Characters a correct Vietnamese decoding almost never produces; TCVN3 and VNI text shown
# through a Latin-1/cp1252 font or codec is full of them ("CØNG HOÀXÃ HØI", "Coäng hoaø").
SUSPECT_CHARS = frozenset("¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿×÷ÞþÐðÆæØø") | {chr(c) for c in range(0x80, 0xA0)}
# Letters only Vietnamese writing has (with diacritics); OCR that lost them writes "TINH UY".
_VIETNAMESE = regex.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", regex.I)
_LETTER = regex.compile(r"\p{L}")
_SUSPECT = regex.compile("[" + regex.escape("".join(sorted(SUSPECT_CHARS))) + "]")

_MIN_LETTERS = 200
# Fewer Vietnamese syllables than this on an input read wholly by OCR make a photo, not a
# document: photos and pictures give 0-5 (a shop sign), the first page alone of every scan in
# the corpus 221-399, and the shortest official letter well over 50.
MIN_DOCUMENT_SYLLABLES = 30
_WORD = regex.compile(r"\p{L}{2,}")
_SAMPLE = 20_000  # characters
_MAX_SUSPECT = 0.01  # share of letters
_MIN_VIETNAMESE = 0.05  # real Vietnamese text has ~25-35 % such letters


# Letters of another script: Vietnamese is written in Latin letters only. A text layer printed
# through a font without a correct Unicode map shows glyph numbers as letters ("7ӌ1+" for
# "TỈNH"); in the corpus such pages have 16 % letters of other scripts, every other page none.
_FOREIGN = regex.compile(r"[^\p{Script=Latin}\P{L}]")
_MAX_FOREIGN = 0.03  # share of letters
_MIN_MAPPED_LETTERS = 50


def wrongly_mapped(text: str) -> bool:
    """Letters of other scripts where Vietnamese has only Latin ones: glyphs mapped to wrong letters."""
    letters = len(_LETTER.findall(text))
    return letters >= _MIN_MAPPED_LETTERS and len(_FOREIGN.findall(text)) > _MAX_FOREIGN * letters


def diacritic_share(text: str, min_letters: int = _MIN_LETTERS) -> float | None:
    """The share of letters carrying Vietnamese diacritics, or None under `min_letters` letters."""
    letters = len(_LETTER.findall(text))
    return _marked_share(text, letters) if letters >= min_letters else None


def _marked_share(text: str, letters: int) -> float:
    return len(_VIETNAMESE.findall(text)) / letters


def lacks_diacritics(text: str, min_letters: int = _MIN_LETTERS) -> bool:
    """Enough letters, too few of them Vietnamese: garbled OCR, or typed without accents."""
    share = diacritic_share(text, min_letters)
    return share is not None and share < _MIN_VIETNAMESE


def vietnamese_syllables(text: str, enough: int = MIN_DOCUMENT_SYLLABLES) -> int:
    """Words of two letters or more spelled as Vietnamese syllables, counted up to `enough`
    (OCR of a photo yields few words, and those mostly stray letters and digits)."""
    count = 0
    for word in _WORD.finditer(text):
        count += is_syllable(word.group())
        if count >= enough:
            break
    return count


def assess(text: str) -> list[tuple[str, str, str]]:
    """(severity, code, message) for a text that looks legacy-encoded or stripped of diacritics.
    A sample of the text is enough to tell, and keeps the check cheap on long documents."""
    text = text[:_SAMPLE]
    letters = len(_LETTER.findall(text))
    if letters < _MIN_LETTERS:
        return []
    suspect = len(_SUSPECT.findall(text)) / letters
    if suspect > _MAX_SUSPECT:
        return [("error", "text.legacy_encoding_suspected",
                 f"{suspect:.0%} of letters look like TCVN3/VNI bytes read as Latin-1 and were not converted: "
                 "no legacy font name, and the content did not read clearly as a legacy encoding")]
    vietnamese = _marked_share(text, letters)
    if vietnamese < _MIN_VIETNAMESE:
        return [("error", "text.diacritics_missing",
                 f"only {vietnamese:.0%} of letters carry Vietnamese diacritics: the text layer is "
                 "likely garbled OCR or typed without accents")]
    return []
