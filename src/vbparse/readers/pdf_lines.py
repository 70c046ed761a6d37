"""PDF glyphs -> words (shared by both PDF engines); words -> lines is the layout stage's.

A glyph is a tuple `(text, x0, top, x1, bottom, font)` in PDF points, top-down, its box one em
tall above the descent line. `text` " " is a space: a word break in content order and, when it
is drawn with a box, left to right too. Engines hand glyphs over in content order, which is
reading order within a word, so words are built in one linear pass.
"""

from __future__ import annotations

from itertools import chain

from ..layout.lines import SPACE_GAP, Word

Glyph = tuple[str, float, float, float, float, str | None]


def build_words(glyphs: list[Glyph]) -> list[Word]:
    # The open word lives in locals and becomes a Word when it ends: this loop runs once per
    # glyph. Its text and fonts are a string and a tuple rather than two lists per word, so the
    # garbage collector (run by counts of new container objects) has far less to scan.
    words: list[Word] = []
    word_text: str | None = None  # None when no word is open
    word_x0 = word_top = word_x1 = word_bottom = 0.0
    word_font: str | None = None
    fonts: tuple[str, ...] = ()
    word_spaced = spaced = False
    last_text = ""
    last_x0 = 0.0
    for text, x0, top, x1, bottom, font in chain(glyphs, _END):
        if text == " ":
            if word_text is not None:
                words.append(Word(word_text, word_x0, word_top, word_x1, word_bottom, fonts, word_spaced))
                word_text = None
            if x1 > x0 and bottom > top:  # a drawn space: keep where it is, for the line to see
                words.append(Word(" ", x0, top, x1, bottom, (), False))
            spaced = True
            continue
        height = bottom - top
        if height <= 0:
            continue
        if word_text is not None:
            if "\u0300" <= text <= "\u036f":
                word_text += text  # a separate accent glyph sits over the letter before it
                continue
            if abs(bottom - word_bottom) <= 0.25 * height:  # on the word's baseline
                if text == last_text and abs(x0 - last_x0) < 0.3 * (x1 - x0):
                    continue  # fake bold: the same glyph drawn again a hair to the side
                if -0.3 * height <= x0 - word_x1 <= SPACE_GAP * height:
                    word_text += text
                    if x1 > word_x1:
                        word_x1 = x1
                    if top < word_top:
                        word_top = top
                    if font != word_font:  # the common case, the font of the glyph before, is known
                        word_font = font
                        if font and font not in fonts:
                            fonts += (font,)
                    last_text, last_x0 = text, x0
                    continue
            words.append(Word(word_text, word_x0, word_top, word_x1, word_bottom, fonts, word_spaced))
        word_text, fonts = text, (font,) if font else ()
        word_x0, word_top, word_x1, word_bottom, word_font, word_spaced = x0, top, x1, bottom, font, spaced
        spaced = False
        last_text, last_x0 = text, x0
    return words


# An undrawn space after the last glyph: it ends the open word.
_END = ((" ", 0.0, 0.0, 0.0, 0.0, None),)
