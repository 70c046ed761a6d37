"""Layout text (`pdftotext -layout` and the like) as positioned words.

Such text keeps a page's columns apart by runs of spaces and its pages apart by form feeds.
Each word gets a box in character cells: x from its column, y from its line number. The layout
stage's thresholds are shares of the glyph height, so the cell is scaled to a typeset page: a
character is about half an em wide, so a glyph is EM cells tall (one or two spaces stay a word
space, three open a column gap). Lines are set PITCH apart, a little under an em: the dump
puts a blank line wherever a page had a little more leading (between the lines of a footnote
in small type), so one blank line is still leading within a paragraph and two are a break.
A raised footnote mark lands on the line above its note ("1" over "Gồm: …"); it is put back.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import regex

from .lines import Line, Word

EM = 2.5
PITCH = 0.9 * EM
FORM_FEED = "\f"
# A run of at least this many spaces inside a line keeps two columns apart.
COLUMN_GAP = 3
_WORD = regex.compile(r"\S+")
_GAP = regex.compile(r"(?<=\S) {%d,}(?=\S)" % COLUMN_GAP)
# Layout text without form feeds: at least this many lines set in columns around one gutter.
MIN_COLUMN_LINES = 3
# A footnote mark: one or two digits alone on a row, at most this many columns left or right of
# the start of the row below.
FOOTNOTE_MARK = regex.compile(r"\d{1,2}")
MARK_REACH = 6


def is_layout_text(lines: list[str]) -> bool:
    """Pages split by form feeds, or lines set in columns: runs of spaces on several lines that
    share a gutter (one column inside every run), as the rows of a header or signature band do."""
    if any(FORM_FEED in line for line in lines):
        return True
    cover: Counter[int] = Counter()
    gapped = 0
    for line in lines:
        gaps = list(_GAP.finditer(line.expandtabs()))
        if gaps:
            gapped += 1
            cover.update(column for gap in gaps for column in range(gap.start(), gap.end()))
    return gapped >= MIN_COLUMN_LINES and max(cover.values()) >= MIN_COLUMN_LINES


def text_pages(lines: list[str]) -> tuple[list[list[Line]], list[float], dict[tuple[int, int], int]]:
    """The lines of each form-feed page as positioned words, each page's height, and where each
    (page, row) came from in `lines`."""
    pages: list[list[Line]] = [[]]
    sizes = [0]
    origins: dict[tuple[int, int], int] = {}
    mark: Word | None = None  # a lone number on the row above: a raised footnote mark?

    def flush() -> None:
        nonlocal mark
        if mark is not None:
            pages[-1].append(Line(len(pages), [mark]).finish())
            mark = None

    for number, source in enumerate(lines):
        parts = source.split(FORM_FEED)
        for index, part in enumerate(parts):
            if index:
                flush()
                pages.append([])
                sizes.append(0)
            if index < len(parts) - 1 and not part.strip():
                continue  # a form feed at the end of a line ends the page without a line of its own
            row = sizes[-1]
            sizes[-1] += 1
            origins[len(pages), row] = number
            words = row_words(part, row)
            if mark is not None and words and source_row(mark.top) == row - 1 and abs(words[0].x0 - mark.x0) <= MARK_REACH:
                words.insert(0, Word(mark.text, mark.x0, words[0].top, mark.x1, words[0].bottom, (), True))
                mark = None
            flush()
            if len(words) == 1 and FOOTNOTE_MARK.fullmatch(words[0].text):
                mark = words[0]
            elif words:
                pages[-1].append(Line(len(pages), words).finish())
    flush()
    while len(pages) > 1 and not pages[-1]:  # the form feed that ends the last page
        pages.pop()
        sizes.pop()
    return pages, [size * PITCH for size in sizes], origins


def row_words(text: str, row: int) -> list[Word]:
    text = unicodedata.normalize("NFC", text).expandtabs()
    top = row * PITCH
    return [Word(m.group(), m.start(), top, m.end(), top + EM, (), True) for m in _WORD.finditer(text)]


def source_row(line_top: float) -> int:
    """The line number within its page of a line whose box starts at `line_top`."""
    return round(line_top / PITCH)
