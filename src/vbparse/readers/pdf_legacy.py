"""Legacy-encoded PDF text, converted glyph by glyph so that every character keeps its box.

Glyphs of TCVN3 and VNI fonts (`ABCDEF+.VnTime`, `VNI-Times`) are converted by font name.
The other glyphs of a page that shows no Unicode letter are converted by content when they
clearly read as TCVN3, VNI, or Unicode cut to one byte per letter (an OCR layer of the
corpus, ttr-298, writes `ư` U+01B0 as `°` 0xB0). A converted glyph's font name is tagged with
the encoding (`.VnTime::tcvn3`), which is how its line tells the diagnostics what was done.
"""

from __future__ import annotations

from itertools import groupby

from ..normalise.legacy import (
    MAX_UNICODE_SHARE, count_beyond_surface, font_encoding, lowbyte, mostly_surface, reads_worse, tcvn3_glyphs,
    unicode_words, vni_matches,
)
from ..normalise.legacy_report import tag_font
from ..normalise.legacy_text import LOW_BYTE, detect
from ..normalise.legacy_tables import LOW_BYTE_CONTROLS
from .pdf_lines import Glyph

PAGE_ENCODINGS = ("tcvn3", "vni", LOW_BYTE)
# Some PDF producers name a legacy font's glyphs by their look (0xAD, TCVN3 `ư`, drawn like a dash,
# becomes "minus"; 0xB7, `ã`, "bulletoperator"): read back as the bytes they stand for.
_GLYPH_NAMES = {"\u2212": "\u00ad", "\u2219": "\u00b7"}


def convert_glyphs(glyphs: list[Glyph]) -> tuple[list[Glyph], int]:
    """The glyphs with legacy text converted, and how many unmapped control characters (kept by
    the engines for the low-byte decoder) were dropped."""
    if any(font_encoding(font) for font in {g[5] for g in glyphs}):
        converted: list[Glyph] = []
        for font, run in groupby(glyphs, key=lambda g: g[5]):
            legacy = font_encoding(font)
            converted.extend(_convert(list(run), *legacy) if legacy else run)
    else:
        converted = _convert_by_content(glyphs)
    kept = [g for g in converted if g[0] not in LOW_BYTE_CONTROLS]
    return kept, len(converted) - len(kept)


def _convert(run: list[Glyph], encoding: str, capitals: bool = False) -> list[Glyph]:
    """A run of glyphs converted from `encoding`; as it was when it is Unicode already or reads
    worse converted (a Unicode run left in a legacy font)."""
    original = run
    if encoding == "tcvn3" and any(g[0] in _GLYPH_NAMES for g in run):
        run = [(_GLYPH_NAMES[g[0]], *g[1:]) if g[0] in _GLYPH_NAMES else g for g in run]
    text = "".join(g[0] for g in run)
    beyond = count_beyond_surface(text)
    if beyond:
        return original if beyond > MAX_UNICODE_SHARE * len(text) else _around_unicode(original, text, encoding, capitals)
    if encoding == "vni":
        out = _merge_vni(run, text)
    else:
        letters = tcvn3_glyphs(text) if encoding == "tcvn3" else lowbyte(text)
        if capitals:
            letters = letters.upper()
        out = [_retyped(g, ch, encoding) if ch != g[0] else g for g, ch in zip(run, letters)]
    after = "".join(g[0] for g in out)
    return original if after == text or reads_worse(text, after) else out


def _around_unicode(run: list[Glyph], text: str, encoding: str, capitals: bool) -> list[Glyph]:
    """A legacy run holding a few Unicode words (a second, Unicode-mapped copy of the font): those
    words kept, the legacy text between them converted."""
    out: list[Glyph] = []
    done = 0
    for start, end in unicode_words(text):
        out += _convert(run[done:start], encoding, capitals) + run[start:end]
        done = end
    return out + _convert(run[done:], encoding, capitals)


def _merge_vni(run: list[Glyph], text: str) -> list[Glyph]:
    """VNI writes a letter as a base and a mark glyph: one glyph, spanning both, replaces them."""
    out: list[Glyph] = []
    done = 0
    for start, end, letter in vni_matches(text):
        out.extend(run[done:start])
        first, last = run[start], run[end - 1]
        box = (min(first[1], last[1]), min(first[2], last[2]), max(first[3], last[3]), max(first[4], last[4]))
        out.append((letter, *box, tag_font(first[5], "vni")))
        done = end
    out.extend(run[done:])
    return out


def _retyped(glyph: Glyph, ch: str, encoding: str) -> Glyph:
    return (ch, glyph[1], glyph[2], glyph[3], glyph[4], tag_font(glyph[5], encoding))


def _convert_by_content(glyphs: list[Glyph]) -> list[Glyph]:
    """The glyphs of a page without legacy font names, converted when they clearly read as a
    legacy encoding; a page showing Unicode letters is left alone."""
    text = "".join(g[0] for g in glyphs)
    if not text or not mostly_surface(text):
        return glyphs
    found = detect(text, PAGE_ENCODINGS)
    return _convert(glyphs, found[0]) if found else glyphs
