"""Plain-text reader: decoding (UTF-8 with/without BOM, UTF-16, legacy encodings) and lines.

Bytes that are not UTF-8 are read as a legacy encoding (TCVN3, VNI, Windows-1258) found by
content scoring; a Unicode file may still carry legacy text (TCVN3 pasted as Latin-1, or a
text dump of a legacy PDF, Unicode cut to one byte per letter among them), which is converted
line by line. Each converted block names its encoding in `Block.legacy`.
Layout text (columns kept apart by runs of spaces, pages by form feeds) goes through the
layout stage as words with character columns, as a PDF page's words do.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import replace

import regex

from ..errors import BinaryInputError, DecodingError, EmptyInputError
from ..layout import lay_out
from ..layout.text import is_layout_text, source_row, text_pages
from ..normalise import legacy_text
from ..normalise.legacy import CONVERTERS, surface_of_bytes
from .base import Block, RawInput, check_size

# A cell separator used by table-to-text converters (vbpl.vn exports, our own DOCX dumps):
# "CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" is one table row of two cells.
CELL_SEPARATOR = " | "


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise a typed error; never returns mojibake."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16), utf16
    if b"\x00" in data:
        raise BinaryInputError("input contains NUL bytes: it is binary, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    found = legacy_text.detect(surface_of_bytes(data))
    if found is None:
        raise DecodingError(
            f"bytes are not valid UTF-8 (first bad byte at offset {utf8_error.start}) and do not read as "
            "Vietnamese in TCVN3, VNI or Windows-1258"
        )
    encoding, text = found
    return text, encoding


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodingError(f"invalid {encoding} at byte {exc.start}") from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in every other byte of its ASCII characters."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls == 0:
        return "utf-16-be"
    return None


_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _is_binary(text: str) -> bool:
    return len(_CONTROL.findall(text)) > max(8, len(text) // 100)


def read_text(data: bytes) -> RawInput:
    # no encoding takes more than 4 bytes a character: a larger file is over the limit unread
    check_size(len(data) // 4, 0)
    text, encoding = decode(data)
    if _is_binary(text):
        raise BinaryInputError("input is binary data, not text")
    if not text.strip():
        raise EmptyInputError("input has no text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_size(len(text), text.count("\n") + 1)
    lines = text.split("\n")
    if encoding in CONVERTERS:  # the whole file was legacy bytes
        converted: list[str | None] = [encoding] * len(lines)
    else:
        lines, converted = legacy_text.convert_lines(lines)
    if is_layout_text(lines):
        return _layout_input(lines, converted, data, encoding)
    blocks: list[Block] = []
    row = 0
    for line, kind in zip(lines, converted):
        stripped = line.lstrip(" \t\u00a0")
        indent = len(line) - len(stripped)
        if CELL_SEPARATOR in f" {line} ":  # also "| TM. CHÍNH PHỦ": an empty first cell
            row += 1
            for column, cell in enumerate(f" {line} ".split(CELL_SEPARATOR)):
                blocks.append(Block(cell, row=row, column=column, legacy=_converted(cell, kind)))
        else:
            blocks.append(Block(line, indent=indent, legacy=_converted(line, kind)))
    return RawInput(blocks, "text", hashlib.sha256(data).hexdigest(), encoding)


def _layout_input(lines: list[str], converted: list[str | None], data: bytes, encoding: str) -> RawInput:
    """Layout text: words with character columns through the layout stage, like a PDF page's."""
    pages, heights, origins = text_pages(lines)
    blocks, notes = lay_out(pages, heights)
    paged = len(pages) > 1
    blocks = [
        replace(
            block, page=block.page if paged else None, bbox=None,
            legacy=_converted(block.text, converted[origins[block.page or 1, source_row(block.bbox[1])]])
            if block.bbox else None,
        )
        for block in blocks
    ]
    return RawInput(blocks, "text", hashlib.sha256(data).hexdigest(), encoding, len(pages) if paged else None, notes)


def _converted(text: str, kind: str | None) -> str | None:
    """The encoding a block was converted from: none for ASCII, which every encoding leaves as is."""
    return None if kind is None or text.isascii() else kind
