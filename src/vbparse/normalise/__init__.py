"""Normalise: turn a reader's blocks into the one text every span indexes.

Each block becomes one line of `text` (NFC, look-alikes mapped, invisible characters and
markdown emphasis removed, spaces collapsed); runs of blank lines collapse to one. `fold`
is the tone-folded twin of `text`, the same length, used only for matching. Each line keeps
what was converted to give it (legacy encodings, NFD), for the diagnostics and `encoding`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..errors import NotADocumentError
from ..readers.base import RawInput
from .fold import fold_tones
from .legacy_report import block_conversions, describe
from .quality import MIN_DOCUMENT_SYLLABLES, vietnamese_syllables
from .repair import Repair, repair_keywords
from .unicode import normalise_line

__all__ = ["Line", "Prepared", "prepare", "fold_tones"]


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    start: int
    end: int
    text: str
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    row: int | None = None
    column: int | None = None
    indent: int = 0
    legacy: str | None = None  # conversions that gave this line: "tcvn3", "nfd", "vni+tcvn3"
    repairs: tuple[Repair, ...] = ()  # keywords whose lost marks were restored, offsets in the line
    furniture: str | None = None  # page furniture the layout stage labelled: no zone's content

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(slots=True)
class Prepared:
    text: str
    fold: str
    lines: list[Line]
    raw: RawInput
    notes: list[tuple[str, str]] = field(default_factory=list)
    encoding: str | None = None  # the codec and every conversion found: "utf-8+tcvn3"

    def slice(self, first: int, stop: int) -> Prepared:
        """Lines [first, stop) as a Prepared of their own, offsets re-based to its text."""
        lines = self.lines[first:stop]
        base, end = lines[0].start, lines[-1].end
        moved = [replace(l, index=i, start=l.start - base, end=l.end - base) for i, l in enumerate(lines)]
        return Prepared(self.text[base:end], self.fold[base:end], moved, self.raw, [], self.encoding)


def prepare(raw: RawInput) -> Prepared:
    parts: list[str] = []
    lines: list[Line] = []
    offset = 0
    removed_markup = 0
    kinds: dict[str, None] = {}  # every conversion, in order of appearance
    previous: str | None = None  # the last non-blank line, which a line may continue
    for block in raw.blocks:
        text, removed = normalise_line(block.text)
        text, repairs = repair_keywords(text, previous)
        previous = text or previous
        removed_markup += removed
        if not text and (not lines or lines[-1].blank):
            continue  # leading blank lines and runs of blanks collapse
        converted = block_conversions(block) if text else None
        if converted:
            kinds.update(dict.fromkeys(converted.split("+")))
        line = Line(
            len(lines), offset, offset + len(text), text,
            block.page, block.bbox, block.row, block.column, block.indent, converted, repairs, block.furniture,
        )
        lines.append(line)
        parts.append(text)
        offset += len(text) + 1
    while lines and lines[-1].blank:
        lines.pop()
        parts.pop()
    text = "\n".join(parts)
    _require_document(raw, text)
    notes = list(raw.notes)
    if removed_markup:
        notes.append(("text.markup_removed", f"removed {removed_markup} markdown emphasis markers"))
    return Prepared(text, fold_tones(text), lines, raw, notes, describe(raw.encoding, kinds))


def _require_document(raw: RawInput, text: str) -> None:
    """An input read wholly by OCR (an image, a PDF of scanned pages only) whose text holds too
    few Vietnamese words is a photo or a picture: NotADocumentError, not a garbage parse."""
    read = raw.ocr.get("pages") if raw.ocr else None
    if not read or (raw.format == "pdf" and len(read) < (raw.pages or 0)):
        return
    found = vietnamese_syllables(text)
    if found < MIN_DOCUMENT_SYLLABLES:
        raise NotADocumentError(f"OCR found {found} Vietnamese words on {len(read)} page{'s' * (len(read) > 1)}, fewer than "
                                f"the {MIN_DOCUMENT_SYLLABLES} of the shortest document: a photo or picture, not a document")
