"""Saved web pages: the main content of the page, read with trafilatura.

A portal article comes wrapped in menus, breadcrumbs, search boxes, related-news lists and
footers. trafilatura (a maintained main-content extractor, used for web corpora) keeps the
article and drops that chrome; its XML output keeps the structure we need: headings,
paragraphs, list items and table cells. Each paragraph, item and line of a cell becomes a
line; cells keep their row and column, as in DOCX. Pages in a legacy encoding (TCVN3 typed
into a `.VnTime` page) are converted line by line by content, as plain text is.
"""

from __future__ import annotations

import codecs
import hashlib

import regex
from lxml import etree

from ..errors import ConverterMissingError, EmptyInputError
from ..normalise import legacy_text
from ..normalise.legacy import surface_of_bytes
from .base import Block, RawInput

# Elements of trafilatura's XML whose text starts a new line.
_LINE_ELEMENTS = {"p", "head", "item", "quote", "code", "list", "table", "row", "cell", "lb"}
_BREAK = "\x00"  # a line break while a paragraph's text is gathered (never in extracted text)
_CHARSET = regex.compile(rb"""<meta[^>]*charset\s*=\s*["']?([\w.:-]+)|<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)""", regex.I)
# Pages declaring a Western code page were typed in legacy fonts as often as not: their bytes are
# read as the surface a Windows font showed, for the legacy conversion by content.
_WESTERN = {"cp1252", "iso8859-1", "iso8859-15"}


def read_html(data: bytes) -> RawInput:
    try:
        import trafilatura
    except ImportError as exc:
        raise ConverterMissingError(
            'reading web pages needs trafilatura: pip install "vbparse[html]"'
        ) from exc
    options = dict(output_format="xml", include_tables=True, include_comments=False, include_images=False,
                   include_links=False, include_formatting=False, with_metadata=True, deduplicate=False)
    # A short page can look like chrome only: read it again favouring recall before giving up.
    page, codec = _decode(data)
    found = trafilatura.extract(page, **options) or trafilatura.extract(page, favor_recall=True, **options)
    if not found:
        raise EmptyInputError("the web page has no main text")
    doc = etree.fromstring(found.encode("utf-8"))
    blocks = _blocks(doc.find("main"))
    title = " ".join((doc.get("title") or "").split())
    if title and not any(b.text == title for b in blocks[:3]):
        blocks.insert(0, Block(title))  # the headline sits outside the article body on some portals
    if not any(b.text.strip() for b in blocks):
        raise EmptyInputError("the web page has no main text")
    lines, converted = legacy_text.convert_lines([b.text for b in blocks])
    blocks = [
        Block(line, row=b.row, column=b.column, legacy=kind if kind and not line.isascii() else None)
        for b, line, kind in zip(blocks, lines, converted)
    ]
    return RawInput(blocks, "html", hashlib.sha256(data).hexdigest(), codec)


def _decode(data: bytes) -> tuple[str, str]:
    """The page's text and codec: a BOM, else the declared charset, else UTF-8, else the bytes'
    surface (a legacy encoding is then found by content)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, "replace"), codec
    declared = _CHARSET.search(data[:4096])
    codec = _codec((declared.group(1) or declared.group(2)).decode("ascii")) if declared else None
    if codec and codec not in _WESTERN:
        try:
            return data.decode(codec, "replace"), codec
        except LookupError:  # a declared codec that is not a text encoding (base64, rot13)
            codec = None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return surface_of_bytes(data), codec or "cp1252"


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _blocks(main: etree._Element | None) -> list[Block]:
    blocks: list[Block] = []
    if main is None:
        return blocks
    row = 0
    for el in main:
        if el.tag == "table":
            for tr in el.iter("row"):
                row += 1
                for column, cell in enumerate(tr.iterchildren("cell")):
                    blocks.extend(Block(line, row=row, column=column) for line in _lines(cell))
        else:
            blocks.extend(Block(line) for line in _lines(el))
    return blocks


def _lines(el: etree._Element) -> list[str]:
    """The element's text, one entry per paragraph, item or `<br>`, spaces collapsed."""
    lines = (" ".join(piece.split()) for piece in _gather(el).split(_BREAK))
    return [line for line in lines if line]


def _gather(el: etree._Element) -> str:
    parts = [el.text or ""]
    for child in el:
        inner = _gather(child)
        parts.append(f"{_BREAK}{inner}{_BREAK}" if child.tag in _LINE_ELEMENTS else inner)
        parts.append(child.tail or "")
    return "".join(parts)
