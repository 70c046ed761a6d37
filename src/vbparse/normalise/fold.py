"""Tone-placement folding for matching (never for output).

Old and new styles put the tone on different vowels of the pairs oa, oe, uy ("hòa"/"hoà",
"Tỉnh ủy"/"Tỉnh uỷ"); both are official. `fold_tones` moves the tone onto the first vowel of
such a pair, keeping the string length, so a match on the folded text maps back to the same
[start, end) in the original.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}


@lru_cache(maxsize=4096)
def _split(ch: str) -> tuple[str, str | None]:
    """(character without its tone, tone mark or None)."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = next((m for m in decomposed if m in _TONES), None)
    if tone is None:
        return ch, None
    bare = unicodedata.normalize("NFC", "".join(m for m in decomposed if m != tone))
    return bare, tone


def _with_tone(ch: str, tone: str) -> str:
    return unicodedata.normalize("NFC", ch + tone)


def fold_tones(text: str) -> str:
    chars = list(text)
    for i in range(len(chars) - 1):
        first, first_tone = _split(chars[i])
        if first_tone is not None or first.lower() not in ("o", "u"):
            continue
        second, second_tone = _split(chars[i + 1])
        if second_tone is None or (first.lower(), second.lower()) not in _PAIRS:
            continue
        moved = _with_tone(first, second_tone)
        if len(moved) == 1:
            chars[i], chars[i + 1] = moved, second
    return "".join(chars)
