"""The layout stage: positioned lines of any reader -> blocks in reading order.

Readers hand over pages of lines of positioned words (PDF glyphs and OCR words with boxes in
points, layout text with character cells: see `text`). Page by page, stamps and page markers
are labelled as furniture (furniture), header and signature bands are split into their columns
(bands); over the document, running headers, footers and page numbers are labelled (flow), then
wrapped lines joined (flow). Furniture lines stay in the output with their label, after the
content.
"""

from __future__ import annotations

from itertools import count

from ..readers.base import Block
from .bands import split_bands
from .flow import join_paragraphs, mark_furniture
from .furniture import mark_by_content
from .lines import Line

__all__ = ["Line", "lay_out"]


def lay_out(pages: list[list[Line]], heights: list[float]) -> tuple[list[Block], list[tuple[str, str]]]:
    """The blocks of the pages' lines (each page top to bottom, words left to right), and the
    notes on what was labelled as furniture."""
    rows = count(1)
    ordered: list[list[Line]] = []
    started = False  # a content line was seen: later headers must show a national heading
    for lines in pages:
        mark_by_content(lines)
        out: list[Line] = []
        run: list[Line] = []
        for line in [*lines, None]:
            if line is not None and line.furniture is None:
                run.append(line)
                continue
            if run:  # columns are found between furniture lines, which cross no band
                out += split_bands(run, not started, rows)
                started, run = True, []
            if line is not None:
                out.append(line)
        for line in out:
            line.words = []  # only text and boxes are needed from here on
        ordered.append(out)
    marked = mark_furniture(ordered, heights)
    lines = [line for page in ordered for line in join_paragraphs(page)]
    # Furniture goes after the content, in page order: text running on over a page break (a
    # citation, a sentence) stays one run of lines, as it reads on paper.
    lines = [line for line in lines if not line.furniture] + [line for line in lines if line.furniture]
    blocks = [
        Block(
            line.text, line.page, (line.x0, line.top, line.x1, line.bottom), line.row, line.column,
            fonts=line.fonts, furniture=line.furniture,
        )
        for line in lines
    ]
    notes = [("layout.furniture", f"{marked} lines of page furniture (running headers and footers, page numbers, "
                                  "stamps) kept out of the zones")] if marked else []
    return blocks, notes
