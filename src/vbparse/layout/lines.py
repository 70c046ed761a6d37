"""Positioned words -> visual lines, from geometry alone (any reader's words).

Boxes are top-down, in any unit whose glyph height is one em: PDF points, OCR pixels scaled to
points, or character cells of layout text (see `layout.text`). Words are clustered into lines by
vertical overlap; every threshold is a share of the glyph height, so the unit does not matter.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import itemgetter

# A horizontal gap wider than this share of the em separates two words. Across the corpus gaps
# inside words stay under 0.05 em and word spaces exceed 0.1 em; some producers draw no space
# glyphs, so the gap alone must do.
SPACE_GAP = 0.08
# A gap wider than this many glyph heights is not a word space of justified text.
WIDE_GAP = 2.0
# Two boxes are on one line when their vertical overlap is at least this share of the smaller.
LINE_OVERLAP = 0.4
# Above this overlap the boxes are surely one line; below it, a word that collides horizontally
# with the line belongs to a neighbouring line of a tightly spaced column.
SURE_OVERLAP = 0.7
# A piece set into a line (a form field's value, a stamped number) may start this many glyph
# heights after the word before it or end this far before the word after it; a column gutter
# is wider (layout.bands.ANCHOR_GAP).
PIECE_REACH = 1.0
TYPICAL_SAMPLE = 8


@dataclass(slots=True)
class Word:
    text: str  # " " for a drawn space
    x0: float
    top: float
    x1: float
    bottom: float
    fonts: tuple[str, ...]
    space_before: bool  # a space glyph preceded it

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class Line:
    page: int
    words: list[Word]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    height: float = 0.0
    text: str = ""
    fonts: tuple[str, ...] = field(default_factory=tuple)
    row: int | None = None
    column: int | None = None
    gapped: bool = False  # words set far apart after the first: a table row, side-by-side text
    lead: float = 0.0  # width of the first word: would it have fitted on the line above?
    furniture: str | None = None  # page furniture label (layout.furniture), kept for a later zone

    def finish(self) -> Line:
        words = self.words = self._drop_spaces(self.words)
        first = words[0]
        x0, top, x1, bottom = first.x0, first.top, first.x1, first.bottom
        for word in words:  # one pass, not four min/max scans; ties keep the first, as min/max do
            if word.x0 < x0:
                x0 = word.x0
            if word.x1 > x1:
                x1 = word.x1
            if word.top < top:
                top = word.top
            if word.bottom > bottom:
                bottom = word.bottom
        self.x0, self.top, self.x1, self.bottom = x0, top, x1, bottom
        self.lead = first.x1 - first.x0
        heights = sorted([word.bottom - word.top for word in words])
        height = self.height = heights[len(heights) // 2]
        space_gap, wide_gap = SPACE_GAP * height, WIDE_GAP * height
        parts = [first.text]
        gapped = False
        prev = first
        for word in words[1:]:
            gap = word.x0 - prev.x1
            if word.space_before or gap > space_gap:
                parts.append(" ")
            # the first gap may be a tab after a label: "(4)⇥Tổng hợp …"
            if gap > wide_gap and prev is not first:
                gapped = True
            parts.append(word.text)
            prev = word
        self.gapped = self.gapped or gapped
        self.text = unicodedata.normalize("NFC", "".join(parts))
        self.fonts = tuple(dict.fromkeys([font for word in words for font in word.fonts]))
        return self

    @staticmethod
    def _drop_spaces(words: list[Word]) -> list[Word]:
        """Drawn space glyphs only say that the next word (left to right) is a new word."""
        kept: list[Word] = []
        spaced = False
        for word in words:
            if word.text == " ":
                spaced = bool(kept)
                continue
            if spaced:
                word.space_before = True
                spaced = False
            kept.append(word)
        return kept

    def part(self, words: list[Word]) -> Line:
        """A new line made of some of this line's words (a column's share of a band row)."""
        return Line(self.page, words).finish()


def _collides(line: list[Word], word: Word) -> bool:
    for other in line:
        if min(other.x1, word.x1) - max(other.x0, word.x0) > 0.3 * min(other.x1 - other.x0, word.x1 - word.x0):
            return True
    return False


def build_lines(words: list[Word], page: int) -> list[Line]:
    """Cluster words into lines: top to bottom, each line's words left to right.

    Words come by vertical centre; a line is open until a word starts below its first word.
    """
    words = sorted(words, key=lambda w: w.top + w.bottom)
    # (top, bottom, height) of the line's first word, and the line's words
    open_lines: list[tuple[float, float, float, list[Word]]] = []
    done: list[tuple[float, float, float, list[Word]]] = []
    for word in words:
        top, bottom = word.top, word.bottom
        height = bottom - top
        best = None
        best_overlap = LINE_OVERLAP
        closing = False
        for entry in open_lines:
            line_top, line_bottom, line_height, members = entry
            if line_bottom < top:
                closing = True
                continue
            # the vertical overlap as a share of the smaller box (min and max inlined: hot loop)
            smaller = height if height < line_height else line_height
            if smaller <= 0:
                continue
            shared = (bottom if bottom < line_bottom else line_bottom) - (top if top > line_top else line_top)
            overlap = shared / smaller
            if overlap >= best_overlap and (overlap >= SURE_OVERLAP or not _collides(members, word)):
                best, best_overlap = members, overlap
        if closing:
            done += [entry for entry in open_lines if entry[1] < top]
            open_lines = [entry for entry in open_lines if not entry[1] < top]
        if best is None:
            open_lines.append((top, bottom, height, [word]))
        else:
            best.append(word)
    done += open_lines
    done.sort(key=itemgetter(0, 1))
    lines = []
    for members in _set_in(done):
        if all(w.text == " " for w in members):
            continue
        members.sort(key=lambda w: w.x0 + w.x1)  # by centre: a word typed over a space follows it
        lines.append(Line(page, _drop_doubled(members)).finish())
    return lines


def _set_in(groups: list[tuple[float, float, float, list[Word]]]) -> list[list[Word]]:
    """Join each piece set into a line's gap to that line: a value typed into a form field
    ("ngày [10] tháng") sits on its own baseline, a little below or above the line's, so it
    clusters with the line only when the line's first word came by close enough. A piece
    belongs to a line when its typical box overlaps the line's typical box as words of one line
    do (LINE_OVERLAP) and it fits in a gap between the line's words (or just before or after
    them)."""
    rows = [(members, *_typical_box(members)) for _, _, _, members in groups]
    by_top = sorted(rows, key=itemgetter(1))
    tops = [row[1] for row in by_top]
    tallest = max((bottom - top for _, top, bottom in rows), default=0.0)
    for piece, top, bottom in rows:
        if not piece:
            continue  # already set into another line
        host = None
        best = LINE_OVERLAP
        # only rows whose boxes can overlap this one's: tops within the tallest box above it
        for members, line_top, line_bottom in by_top[bisect_left(tops, top - tallest):bisect_left(tops, bottom)]:
            if members is piece or not members:
                continue
            smaller = min(bottom - top, line_bottom - line_top)
            if smaller <= 0:
                continue
            overlap = (min(bottom, line_bottom) - max(top, line_top)) / smaller
            if overlap >= best and _fits_between(piece, members):
                host, best = members, overlap
        if host is not None:
            host += piece
            piece.clear()
    return [members for members, _, _ in rows if members]


def _typical_box(words: list[Word]) -> tuple[float, float]:
    """The median top and bottom of the drawn words: one raised or lowered word does not move
    it. Taken over a sample of at most TYPICAL_SAMPLE words: a line's words share a baseline
    but for a few, and every line of every page goes through here."""
    step = len(words) // TYPICAL_SAMPLE + 1
    drawn = [w for w in words[::step] if w.text != " "] or words
    tops = sorted([w.top for w in drawn])
    bottoms = sorted([w.bottom for w in drawn])
    return tops[len(tops) // 2], bottoms[len(bottoms) // 2]


def _fits_between(piece: list[Word], line: list[Word]) -> bool:
    """Does the piece sit in a horizontal gap of the line, clear of its words?"""
    drawn = sorted((w for w in line if w.text != " "), key=lambda w: w.x0)
    inked = [w for w in piece if w.text != " "]
    if not drawn or not inked:
        return False
    x0, x1 = min(w.x0 for w in inked), max(w.x1 for w in inked)
    height = max(w.bottom - w.top for w in inked)
    slack, reach = 0.3 * height, PIECE_REACH * height
    if x1 <= drawn[0].x0 + slack:
        return drawn[0].x0 - x1 <= reach
    if x0 >= drawn[-1].x1 - slack:
        return x0 - drawn[-1].x1 <= reach
    return any(a.x1 - slack <= x0 and x1 <= b.x0 + slack for a, b in zip(drawn, drawn[1:]))


def _drop_doubled(words: list[Word]) -> list[Word]:
    """Fake bold drawn as whole duplicate words: keep the first of two near-identical words."""
    kept = [words[0]]
    for word in words[1:]:
        prev = kept[-1]
        if word.text == prev.text and abs(word.x0 - prev.x0) < 0.3 * word.height:
            continue
        kept.append(word)
    return kept
