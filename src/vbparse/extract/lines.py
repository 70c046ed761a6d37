"""Predicates on single lines, shared by the segmenter and the extractors."""

from __future__ import annotations

import regex

from ..patterns.layout import END_MARK, SIGNED_MARK, SIGNING_PREFIX
from ..patterns.tables import RANKS

_WORD = regex.compile(r"\w+")
_UPPER = regex.compile(r"\p{Lu}")
_LOWER = regex.compile(r"\p{Ll}")
_CAPS_SAMPLE = 300  # a line whose first 300 characters are capitals is a capitals line
_NAME_WORD = regex.compile(r"^\p{Lu}[\p{Ll}]*\.?$")
_SENTENCE_END = regex.compile(r"[.;:,!?…]$")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_caps(text: str) -> bool:
    """Written in capitals (a few lower-case letters allowed, as in 'BÍ THƯ kiêm TRƯỞNG BAN')."""
    head = text[:_CAPS_SAMPLE]
    upper = len(_UPPER.findall(head))
    lower = len(_LOWER.findall(head))
    return upper + lower >= 2 and upper >= 0.8 * (upper + lower)


def without_rank(name: str) -> str:
    """'Thượng tướng Phạm Hoài Nam' -> 'Phạm Hoài Nam': a military rank is not part of the name."""
    for rank in RANKS:
        if name.startswith(rank + " "):
            return name[len(rank) + 1 :]
    return name


def is_person_name(text: str) -> bool:
    """'Lê Thị Thu Hồng', 'Nguyễn Hòa Bình': 2–6 capitalised words, nothing else."""
    text = without_rank(text.strip().rstrip("."))
    tokens = text.split()
    if not 2 <= len(tokens) <= 6 or len(text) > 50:
        return False
    if any(ch.isdigit() for ch in text) or is_caps(text):
        return False
    return all(_NAME_WORD.match(t) for t in tokens)


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def is_signing_prefix(folded: str) -> regex.Match[str] | None:
    m = SIGNING_PREFIX.match(folded)
    return m if m and is_caps(m.group("rest")) else None


def is_signed_mark(folded: str) -> bool:
    return bool(SIGNED_MARK.match(folded))


def is_end_mark(folded: str) -> bool:
    return bool(END_MARK.match(folded))


def strip_entry(text: str) -> str:
    """A list entry without its leading dash/bullet and trailing ',', ';', '.'."""
    text = regex.sub(r"^\s*[-–—+•*]\s*", "", text)
    return regex.sub(r"[\s,;.]+$", "", text).strip()
