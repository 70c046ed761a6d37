"""Paragraphs laid out with tabs and spaces: two columns side by side in one paragraph.

A word processor's paragraph has no geometry, but a clerk who sets `Nơi nhận:` and
`TL. CHỦ TỊCH` side by side with tabs and spaces, paragraph after paragraph, has drawn the
signature band in character columns. Runs of short paragraphs outside tables are read as layout
text rows (tabs every TAB_SIZE columns) and given to the band finder; a band found there
replaces its paragraphs with their column pieces.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .bands import split_bands
from .lines import Line
from .text import row_words, source_row

TAB_SIZE = 8
# A paragraph longer than this (in columns) is running text, not one row of a band.
SHORT_ROW = 100
_GAPPED = regex.compile(r"\S(?:\t|\s{3,})\s*\S")


@dataclass(frozen=True, slots=True)
class Piece:
    source: int  # index of the paragraph line it comes from
    text: str
    row: int
    column: int


@dataclass(frozen=True, slots=True)
class Band:
    """Paragraph lines [start, end) read as the column pieces of one band."""

    start: int
    end: int
    pieces: list[Piece]


def paragraph_bands(texts: list[str | None], rows: Iterator[int]) -> list[Band]:
    """The bands set with tabs and spaces among paragraph lines (None: a line that cannot be a
    band row, such as a table cell), in order."""
    bands: list[Band] = []
    start = 0
    while start < len(texts):
        end = start
        while end < len(texts) and _row_like(texts[end]):
            end += 1
        if end > start and any(_GAPPED.search(text or "") for text in texts[start:end]):
            bands += _bands(texts, start, end, rows)
        start = end + 1
    return bands


def _row_like(text: str | None) -> bool:
    return text is not None and len(text.expandtabs(TAB_SIZE).strip()) <= SHORT_ROW


def _bands(texts: list[str | None], start: int, end: int, rows: Iterator[int]) -> list[Band]:
    lines = [
        Line(1, words).finish()
        for index in range(start, end)
        if (words := row_words((texts[index] or "").expandtabs(TAB_SIZE), index - start))
    ]
    grouped: dict[int, list[Piece]] = {}
    for line in split_bands(lines, False, rows):
        if line.row is not None and line.column is not None:
            piece = Piece(start + source_row(line.top), line.text, line.row, line.column)
            grouped.setdefault(line.row, []).append(piece)
    return [
        Band(min(p.source for p in pieces), max(p.source for p in pieces) + 1, pieces)
        for pieces in grouped.values()
    ]
