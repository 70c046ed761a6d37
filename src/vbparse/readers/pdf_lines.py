"""Glyphs -> words -> visual lines, from geometry alone (shared by both PDF engines).

A glyph is a tuple `(text, x0, top, x1, bottom, font)` in PDF points, top-down, its box one em
tall above the descent line. `text` " " is a space: a word break in content order and, when it
is drawn with a box, left to right too. Engines hand glyphs over in content order, which is
reading order within a word, so words are built in one linear pass; words are then clustered
into lines by vertical overlap.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

Glyph = tuple[str, float, float, float, float, str | None]

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


@dataclass(slots=True)
class Word:
    chars: list[str]
    x0: float
    top: float
    x1: float
    bottom: float
    fonts: list[str]
    space_before: bool  # a space glyph preceded it

    @property
    def text(self) -> str:
        return "".join(self.chars)

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

    def finish(self) -> Line:
        words = self._drop_spaces(self.words)
        self.words = words
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.top = min(w.top for w in words)
        self.bottom = max(w.bottom for w in words)
        self.lead = words[0].x1 - words[0].x0
        heights = sorted(w.height for w in words)
        self.height = heights[len(heights) // 2]
        parts = [words[0].text]
        for n, (prev, word) in enumerate(zip(words, words[1:])):
            gap = word.x0 - prev.x1
            if word.space_before or gap > SPACE_GAP * self.height:
                parts.append(" ")
            # the first gap may be a tab after a label: "(4)⇥Tổng hợp …"
            self.gapped = self.gapped or (n > 0 and gap > WIDE_GAP * self.height)
            parts.append(word.text)
        self.text = unicodedata.normalize("NFC", "".join(parts))
        seen: dict[str, None] = {}
        for word in words:
            for font in word.fonts:
                seen.setdefault(font)
        self.fonts = tuple(seen)
        return self

    @staticmethod
    def _drop_spaces(words: list[Word]) -> list[Word]:
        """Drawn space glyphs only say that the next word (left to right) is a new word."""
        kept: list[Word] = []
        spaced = False
        for word in words:
            if word.chars == [" "]:
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


def build_words(glyphs: list[Glyph]) -> list[Word]:
    words: list[Word] = []
    word: Word | None = None
    spaced = False
    last_text = ""
    last_x0 = 0.0
    for text, x0, top, x1, bottom, font in glyphs:
        if text == " ":
            if x1 > x0 and bottom > top:  # a drawn space: keep where it is, for the line to see
                words.append(Word([" "], x0, top, x1, bottom, [], False))
            spaced = True
            word = None
            continue
        height = bottom - top
        if height <= 0:
            continue
        if word is not None and "\u0300" <= text <= "\u036f":
            word.chars.append(text)  # a separate accent glyph sits over the letter before it
            continue
        same_baseline = word is not None and abs(bottom - word.bottom) <= 0.25 * height
        if same_baseline and text == last_text and abs(x0 - last_x0) < 0.3 * (x1 - x0):
            continue  # fake bold: the same glyph drawn again a hair to the side
        if same_baseline and -0.3 * height <= x0 - word.x1 <= SPACE_GAP * height:
            word.chars.append(text)
            if x1 > word.x1:
                word.x1 = x1
            if top < word.top:
                word.top = top
            if font and font not in word.fonts:
                word.fonts.append(font)
        else:
            word = Word([text], x0, top, x1, bottom, [font] if font else [], spaced)
            words.append(word)
            spaced = False
        last_text, last_x0 = text, x0
    return words


def _overlap(a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> float:
    """Vertical overlap as a share of the smaller box."""
    smaller = min(a_bottom - a_top, b_bottom - b_top)
    if smaller <= 0:
        return 0.0
    return max(0.0, min(a_bottom, b_bottom) - max(a_top, b_top)) / smaller


def _collides(line: list[Word], word: Word) -> bool:
    for other in line:
        if min(other.x1, word.x1) - max(other.x0, word.x0) > 0.3 * min(other.x1 - other.x0, word.x1 - word.x0):
            return True
    return False


def build_lines(words: list[Word], page: int) -> list[Line]:
    """Cluster words into lines: top to bottom, each line's words left to right."""
    words = sorted(words, key=lambda w: w.top + w.bottom)
    open_lines: list[tuple[float, float, list[Word]]] = []  # (top, bottom) of the line's first word
    done: list[tuple[float, float, list[Word]]] = []
    for word in words:
        best = None
        best_overlap = LINE_OVERLAP
        keep = []
        for entry in open_lines:
            top, bottom, members = entry
            if bottom < word.top:
                done.append(entry)
                continue
            keep.append(entry)
            overlap = _overlap(top, bottom, word.top, word.bottom)
            if overlap >= best_overlap and (overlap >= SURE_OVERLAP or not _collides(members, word)):
                best, best_overlap = members, overlap
        open_lines = keep
        if best is None:
            open_lines.append((word.top, word.bottom, [word]))
        else:
            best.append(word)
    done.extend(open_lines)
    done.sort(key=lambda entry: (entry[0], entry[1]))
    lines = []
    for _, _, members in done:
        if all(w.chars == [" "] for w in members):
            continue
        members.sort(key=lambda w: w.x0 + w.x1)  # by centre: a word typed over a space follows it
        lines.append(Line(page, _drop_doubled(members)).finish())
    return lines


def _drop_doubled(words: list[Word]) -> list[Word]:
    """Fake bold drawn as whole duplicate words: keep the first of two near-identical words."""
    kept = [words[0]]
    for word in words[1:]:
        prev = kept[-1]
        if word.chars == prev.chars and abs(word.x0 - prev.x0) < 0.3 * word.height:
            continue
        kept.append(word)
    return kept
