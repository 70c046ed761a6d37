"""Tone-placement folding for matching (never for output).

Old and new styles put the tone on different vowels of the pairs oa, oe, uy ("hòa"/"hoà",
"Tỉnh ủy"/"Tỉnh uỷ"); both are official. `fold_tones` moves the tone onto the first vowel of
such a pair, keeping the string length, so a match on the folded text maps back to the same
[start, end) in the original.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


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


def _toned(bases: str) -> str:
    return "".join(_with_tone(b, t) for b in bases for t in sorted(_TONES))


# An untoned o/u followed by a toned a, e (after o) or y (after u): the only places to fold.
_CANDIDATE = regex.compile(f"[oO][{_toned('aeAE')}]|[uU][{_toned('yY')}]")


def _move(m: regex.Match[str]) -> str:
    first, second = m.group(0)
    bare, tone = _split(second)
    return _with_tone(first, tone) + bare  # type: ignore[arg-type]


def fold_tones(text: str) -> str:
    return _CANDIDATE.sub(_move, text)
