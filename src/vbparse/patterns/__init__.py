"""Patterns and abbreviation tables, as named data.

Every keyword pattern is compiled through `keyword()`, which folds tone placement the way
`normalise.fold_tones` folds the text, so "Tỉnh ủy" also matches "Tỉnh uỷ". Such patterns
must be run on `Prepared.fold`, which has the same length as the text.
"""

from __future__ import annotations

import regex

from ..normalise.fold import fold_tones


def keyword(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """Compile a case- and tone-placement-insensitive pattern (run it on folded text)."""
    return regex.compile(fold_tones(pattern), flags | regex.IGNORECASE)


def shape(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """Compile a case-sensitive pattern whose keywords are tone-folded (run on folded text)."""
    return regex.compile(fold_tones(pattern), flags)
