"""Layout text (`pdftotext -layout` and the like) as positioned words.

Such text keeps a page's columns apart by runs of spaces and its pages apart by form feeds.
Each word gets a box in character cells: x from its column, y from its line number. The layout
stage's thresholds are shares of the glyph height, so the cell is scaled to a typeset page: a
character is about half an em wide, so a glyph is EM cells tall (one or two spaces stay a word
space, three open a column gap) and lines are set PITCH apart (a blank line is a paragraph
break, as wide leading is on a PDF page).
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import regex

from .lines import Line, Word

EM = 2.5
PITCH = 1.2 * EM
FORM_FEED = "\f"
# A run of at least this many spaces inside a line keeps two columns apart.
COLUMN_GAP = 3
_WORD = regex.compile(r"\S+")
_GAP = regex.compile(r"(?<=\S) {%d,}(?=\S)" % COLUMN_GAP)
# Layout text without form feeds: at least this many lines set in columns, and as many of them
# starting a column at one place (give or take a character).
MIN_COLUMN_LINES = 4
MIN_ALIGNED = 3


def is_layout_text(lines: list[str]) -> bool:
    """Pages split by form feeds, or lines set in columns by runs of spaces at common places."""
    if any(FORM_FEED in line for line in lines):
        return True
    starts: Counter[int] = Counter()
    gapped = 0
    for line in lines:
        found = [m.end() for m in _GAP.finditer(line.expandtabs())]
        if found:
            gapped += 1
            starts.update(found)
    if gapped < MIN_COLUMN_LINES:
        return False
    return any(starts[c - 1] + starts[c] + starts[c + 1] >= MIN_ALIGNED for c in starts)


def text_pages(lines: list[str]) -> tuple[list[list[Line]], list[float], dict[tuple[int, int], int]]:
    """The lines of each form-feed page as positioned words, each page's height, and where each
    (page, row) came from in `lines`."""
    pages: list[list[Line]] = [[]]
    sizes = [0]
    origins: dict[tuple[int, int], int] = {}
    for number, source in enumerate(lines):
        parts = source.split(FORM_FEED)
        for index, part in enumerate(parts):
            if index:
                pages.append([])
                sizes.append(0)
            row = sizes[-1]
            if index < len(parts) - 1 and not part.strip():
                continue  # a form feed at the end of a line ends the page without a line of its own
            sizes[-1] += 1
            origins[len(pages), row] = number
            words = _words(part, len(pages), row)
            if words:
                pages[-1].append(Line(len(pages), words).finish())
    return pages, [size * PITCH for size in sizes], origins


def _words(text: str, page: int, row: int) -> list[Word]:
    text = unicodedata.normalize("NFC", text).expandtabs()
    top = row * PITCH
    return [Word(m.group(), m.start(), top, m.end(), top + EM, (), True) for m in _WORD.finditer(text)]


def source_row(line_top: float) -> int:
    """The line number within its page of a line whose box starts at `line_top`."""
    return round(line_top / PITCH)
