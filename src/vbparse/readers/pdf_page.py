"""What an engine reports for one page: content glyphs, annotation glyphs, dropped junk."""

from __future__ import annotations

from dataclasses import dataclass, field

from .pdf_lines import Glyph

Rect = tuple[float, float, float, float]  # x0, top, x1, bottom


def is_junk(ch: str) -> bool:
    """A glyph without a usable Unicode mapping: replacement char, private use, or control."""
    code = ord(ch)
    return ch == "\ufffd" or 0xE000 <= code <= 0xF8FF or code < 0x20 or 0x7F <= code < 0xA0


@dataclass(slots=True)
class PageGlyphs:
    number: int  # 1-based
    width: float
    height: float
    content: list[Glyph] = field(default_factory=list)
    annotations: list[list[Glyph]] = field(default_factory=list)  # one list per annotation box
    junk: int = 0  # unmapped glyphs dropped

    def add_annotation_glyphs(self, glyphs: list[Glyph], rects: list[Rect]) -> None:
        """Group glyphs drawn by annotations by the annotation box that holds them."""
        groups: list[list[Glyph]] = [[] for _ in rects]
        for glyph in glyphs:
            _, x0, top, x1, bottom, _ = glyph
            cx, cy = (x0 + x1) / 2, (top + bottom) / 2
            for group, (left, upper, right, lower) in zip(groups, rects):
                if left - 1 <= cx <= right + 1 and upper - 1 <= cy <= lower + 1:
                    group.append(glyph)
                    break
            else:
                self.content.append(glyph)
        self.annotations.extend(group for group in groups if any(g[0] != " " for g in group))
