"""Section labels (reference §7), one pattern per numbering scheme.

Each pattern matches at the start of a line; `rest` is what follows the label.
Structural labels (Phần, Chương, Mục, Điều) form a fixed hierarchy; the others nest in
the order a document first uses them.
"""

from __future__ import annotations

import regex

_ROMAN = r"[IVXLC]+"
_REST = r"(?P<rest>.*)$"
# Decimal labels go a few levels deep (1.2.3.4); bounding the repeat keeps the match constant-time
# on a line of "1.1.1.1…", which an unbounded repeat backtracks through quadratically.
MAX_DECIMAL_DEPTH = 8

# (style, pattern); tried in order, every match is a candidate reading of the label.
LABELS: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (style, regex.compile(pattern))
    for style, pattern in (
        ("part", rf"^(?P<label>(?:Phần|PHẦN)\s+(?P<value>thứ\s+\w+|THỨ\s+\w+|{_ROMAN}|\d+))\b\s*[.:\-–]?\s*{_REST}"),
        ("chapter", rf"^(?P<label>(?:Chương|CHƯƠNG)\s+(?P<value>{_ROMAN}|\d+))\b\s*[.:\-–]?\s*{_REST}"),
        ("subsection", rf"^(?P<label>(?:Tiểu\s+mục|TIỂU\s+MỤC)\s+(?P<value>\d+))\b\s*[.:\-–]?\s*{_REST}"),
        ("section", rf"^(?P<label>(?:Mục|MỤC)\s+(?P<value>\d+|{_ROMAN}))\b\s*[.:\-–]?\s*{_REST}"),
        ("article", rf"^(?P<label>(?:Điều|ĐIỀU)\s+(?P<value>\d+[a-zđ]?))\s*[.:]\s*{_REST}"),
        ("annex", rf"^(?P<label>(?:Phụ\s+lục|PHỤ\s+LỤC)(?:\s+(?P<value>{_ROMAN}|\d+))?)(?:\s*[.:\-–]\s*{_REST}|\s*$)"),
        ("decimal", rf"^(?P<label>(?P<value>\d{{1,2}}(?:\.\d{{1,2}}){{1,{MAX_DECIMAL_DEPTH - 1}}}))\.?\s+(?=\S)" + _REST),
        ("roman", rf"^(?P<label>(?P<value>{_ROMAN}))\s*[.\-–]\s+(?=\S){_REST}"),
        ("letter", r"^(?P<label>(?P<value>[A-ZĐ]))\s*\.\s+(?=\S)" + _REST),
        ("arabic", r"^(?P<label>(?P<value>\d{1,3}))\s*[.\-–]\s+(?=\S)" + _REST),
        ("alpha", r"^(?P<label>(?P<value>[a-zđ]))\s*\)\s*(?=\S)" + _REST),
        ("bullet", r"^(?P<label>(?P<value>[-–—+•*]))\s+(?=\S)" + _REST),
    )
)

# Rank of the structural levels: a label closes every open level of equal or lower rank.
STRUCTURAL_RANK = {"part": 0, "chapter": 1, "section": 2, "subsection": 3, "article": 4, "annex": 0}
