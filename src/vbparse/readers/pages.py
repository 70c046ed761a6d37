"""Lines of each page -> blocks: the steps after line building that PDFs and page images share.

Page by page, header and signature bands are split into their columns (pdf_bands); then over
the document, running headers, footers and page numbers are dropped and wrapped lines joined
(pdf_flow). A text layer and OCR words give the same lines, so both go through here.
"""

from __future__ import annotations

from itertools import count

from .base import Block
from .pdf_bands import split_bands
from .pdf_flow import drop_furniture, join_paragraphs
from .pdf_lines import Line


def lay_out(pages: list[list[Line]], heights: list[float]) -> tuple[list[Block], int]:
    """The blocks of the pages' lines (each page top to bottom, words left to right), and how
    many running header, footer and page-number lines were dropped."""
    rows = count(1)
    banded: list[list[Line]] = []
    for lines in pages:
        lines = split_bands(lines, not any(banded), rows)
        for line in lines:
            line.words = []  # only text and boxes are needed from here on
        banded.append(lines)
    removed = drop_furniture(banded, heights)
    blocks = [
        Block(line.text, line.page, (line.x0, line.top, line.x1, line.bottom), line.row, line.column, fonts=line.fonts)
        for lines in banded
        for line in join_paragraphs(lines)
    ]
    return blocks, removed


def page_list(numbers: list[int]) -> str:
    """"page 3", "pages 1-2", "pages 1, 4-6"."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    text = ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in spans)
    return f"{'page' if len(numbers) == 1 else 'pages'} {text}"
