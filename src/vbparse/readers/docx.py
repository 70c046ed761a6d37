"""DOCX reader: the body's paragraphs, tables, content controls and text boxes as lines, then
the footnotes and endnotes (citations often sit there), each led by its number.

The XML is walked directly with lxml (python-docx proxies per run are too slow for the
speed target and hide text boxes, content controls and numbering). Each block is one
visual line; table cells are read column-aware (all lines of cell 0, then cell 1, …)
because the header and signature blocks of these documents are two-column tables. Runs set
in legacy fonts (`.VnTime`, `.VnTimeH`, `VNI-Times`) are converted to Unicode line by line.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass, replace
from itertools import count, groupby

from lxml import etree

from ..errors import (
    EmptyInputError, EncryptedInputError, InputTooLargeError, TruncatedInputError, UnreadableInputError,
)
from ..layout.pieces import paragraph_bands
from ..normalise.legacy import font_encoding, reads_worse
from ..normalise.legacy_text import convert_run
from .base import Block, RawInput
from .docx_numbering import MC, W, Numbering

_W_URI = W[1:-1].encode()
_STRICT_W_URI = b"http://purl.oclc.org/ooxml/wordprocessingml/main"  # ISO Strict documents
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_VAL = f"{W}val"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # an OLE-wrapped, encrypted OOXML file
# Limits of one part (document.xml, styles, …) once expanded: its bytes, and its tags, which
# the parsed tree costs about 120 bytes each (2 M tags: some 250 MB). A document of 8 M
# characters fits; a ZIP bomb or a part of millions of empty paragraphs does not.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_PART_TAGS = 2_000_000
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)

P, TBL, TR, TC, SDT, SDT_CONTENT = (f"{W}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
R, T, RPR, PPR, TCPR = (f"{W}{t}" for t in ("r", "t", "rPr", "pPr", "tcPr"))
TAB, PTAB, BR, CR = (f"{W}{t}" for t in ("tab", "ptab", "br", "cr"))
NB_HYPHEN, SOFT_HYPHEN, SYM, TXBX = f"{W}noBreakHyphen", f"{W}softHyphen", f"{W}sym", f"{W}txbxContent"
_SOFT_HYPHEN = "\u00ad"
NOTE_REFS = {f"{W}footnoteRef", f"{W}endnoteRef"}  # the number a note shows at its start
RFONTS, RSTYLE, PSTYLE, JC, NUMPR = (f"{W}{t}" for t in ("rFonts", "rStyle", "pStyle", "jc", "numPr"))
CUSTOM_XML = f"{W}customXml"
_ASCII, _HANSI, _ASCII_THEME, _HANSI_THEME = (f"{W}{t}" for t in ("ascii", "hAnsi", "asciiTheme", "hAnsiTheme"))
ALTERNATE, CHOICE, FALLBACK = f"{MC}AlternateContent", f"{MC}Choice", f"{MC}Fallback"
# Inline wrappers whose runs are shown: insertions, links, smart tags, simple fields (their result).
_INLINE_WRAPPERS = {f"{W}{t}" for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")}
_BOX_HOLDERS = {f"{W}drawing", f"{W}pict", f"{W}object"}
# w:jc -> Block.align; "" is an explicit left/start, which overrides a centred style.
_ALIGN = {"center": "center", "right": "right", "end": "right", "both": "justify", "distribute": "justify",
          "thaiDistribute": "justify", "lowKashida": "justify", "mediumKashida": "justify", "highKashida": "justify"}
# Glyphs of symbol fonts (w:sym codes F0xx) that documents use as bullets, boxes and marks.
_SYMBOLS = {
    "symbol": {0xB7: "•", 0xB4: "×", 0xB3: "≥", 0xA3: "≤", 0xB9: "≠", 0xB1: "±", 0xAE: "→", 0xDE: "⇒",
               0xAC: "←", 0xB0: "°", 0x2D: "−", 0xB8: "÷"},
    "wingdings": {0x6C: "●", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x76: "❖", 0x9F: "•", 0xA7: "▪", 0xA8: "◻",
                  0xD8: "➢", 0xE8: "➔", 0xF0: "⇨", 0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑"},
    "webdings": {0x61: "✔", 0x63: "□", 0x67: "■"},
}


def read_docx(data: bytes) -> RawInput:
    package = _open(data)
    notes: list[tuple[str, str]] = []
    body = _parse(package, package.main).find(f"{W}body")
    if body is None:
        raise UnreadableInputError(f"{package.main} has no w:body: not a Word document")
    styles = _Styles(_optional(package, "styles", notes), _theme_fonts(_optional(package, "theme", notes)))
    numbering = Numbering(_optional(package, "numbering", notes), styles.nums)
    walker = _Walker(styles, numbering)
    walker.body(body, None, None)
    for kind in ("footnotes", "endnotes"):
        walker.notes(_optional(package, kind, notes), kind[:-1])
    if not any(block.text.strip() for block in walker.blocks):
        raise EmptyInputError("the DOCX document has no text")
    return RawInput(walker.laid_out(), "docx", hashlib.sha256(data).hexdigest(), notes=notes)


def is_encrypted_ooxml(data: bytes) -> bool:
    """Word saves a password-protected .docx as an OLE file holding an EncryptedPackage stream."""
    return data.startswith(_OLE_MAGIC) and _ENCRYPTED_STREAM in data


# --- the package -----------------------------------------------------------------------------

@dataclass(slots=True)
class _Package:
    zip: zipfile.ZipFile
    main: str
    parts: dict[str, str]  # relationship type ("styles", "numbering", "theme") -> part name


def _open(data: bytes) -> _Package:
    if not data:
        raise EmptyInputError("input is empty")
    if is_encrypted_ooxml(data):
        raise EncryptedInputError("the Word document is password-protected: remove the password and save it again")
    if data.startswith(_OLE_MAGIC):
        raise UnreadableInputError("this is a legacy Word 97-2003 .doc file, not DOCX")
    if not data.startswith(b"PK"):
        raise UnreadableInputError("not a DOCX file: it does not start with a ZIP signature")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError) as exc:
        raise TruncatedInputError(f"the DOCX (ZIP) archive is truncated or damaged: {exc}") from exc
    names = set(archive.namelist())
    main = _targets(archive, "_rels/.rels", "").get("officeDocument", "word/document.xml")
    if main not in names:
        main = "word/document.xml"
    if main not in names:
        raise UnreadableInputError("the ZIP archive has no word/document.xml: it is not a Word document")
    folder, name = posixpath.split(main)
    parts = _targets(archive, posixpath.join(folder, "_rels", name + ".rels"), folder)
    return _Package(archive, main, {k: v for k, v in parts.items() if v in names})


def _targets(archive: zipfile.ZipFile, rels: str, folder: str) -> dict[str, str]:
    """Relationship type (last path segment) -> part name, from one .rels part."""
    try:
        root = etree.fromstring(_read(archive, rels), _PARSER)
    except (KeyError, etree.XMLSyntaxError, UnreadableInputError):
        return {}  # a missing or broken .rels: fall back to the conventional names
    found: dict[str, str] = {}
    for rel in root.iter(_REL):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], posixpath.normpath(path))
    return found


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes, expanded at most to MAX_PART_BYTES: counted while inflating, since the
    size the ZIP declares can lie. Any damage of the container is a typed error."""
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise InputTooLargeError(f"{name} unpacks to {info.file_size} bytes, over the {MAX_PART_BYTES}-byte limit")
    try:
        with archive.open(info) as part:
            data = part.read(MAX_PART_BYTES + 1)
    except RuntimeError as exc:  # zipfile's "password required"
        raise EncryptedInputError(f"{name} in the DOCX archive is encrypted") from exc
    except NotImplementedError as exc:
        raise UnreadableInputError(f"{name} uses an unsupported ZIP compression: {exc}") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, OverflowError, struct.error) as exc:
        # a bad offset in the central directory seeks before the start (ValueError)
        raise TruncatedInputError(f"{name} in the DOCX archive is truncated or damaged: {exc}") from exc
    if len(data) > MAX_PART_BYTES:
        raise InputTooLargeError(f"{name} unpacks to more than {MAX_PART_BYTES} bytes, the limit")
    return data


def _parse(package: _Package, name: str) -> etree._Element:
    data = _read(package.zip, name).replace(_STRICT_W_URI, _W_URI)
    if data.count(b"<") > MAX_PART_TAGS:  # the tree's memory grows with its elements, not its bytes
        raise InputTooLargeError(f"{name} has over {MAX_PART_TAGS:,} XML tags, the limit")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise TruncatedInputError(f"{name} is not well-formed XML (truncated or damaged): {exc}") from exc


def _optional(package: _Package, kind: str, notes: list[tuple[str, str]]) -> etree._Element | None:
    """styles/numbering/theme: a broken one costs fonts or labels, not the whole document."""
    name = package.parts.get(kind)
    if name is None:
        return None
    try:
        return _parse(package, name)
    except UnreadableInputError as exc:
        notes.append(("input.part_skipped", f"{kind} part skipped: {exc}"))
        return None


def _theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    fonts: dict[str, str] = {}
    for kind in ("major", "minor"):
        latin = theme.find(f".//{_A}{kind}Font/{_A}latin") if theme is not None else None
        if latin is not None and latin.get("typeface"):
            fonts[kind] = latin.get("typeface", "")
    return fonts


# --- styles ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Style:
    font: str | None = None
    align: str | None = None
    num_id: str | None = None
    ilvl: int | None = None


class _Styles:
    """Fonts, alignment and list membership of styles, resolved through w:basedOn once."""

    def __init__(self, root: etree._Element | None, theme: dict[str, str]) -> None:
        self._theme = theme
        self._raw: dict[str, tuple[str | None, _Style]] = {}
        self._resolved: dict[str, _Style] = {}
        self.nums: dict[str, str] = {}  # style id -> its own w:numId (for w:numStyleLink)
        self.default = _Style()
        default_para = None
        if root is None:
            return
        rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default = _Style(font=self.font(rpr))
        for style in root.iterchildren(f"{W}style"):
            sid = style.get(f"{W}styleId", "")
            based = _child(style, f"{W}basedOn")
            own = _paragraph_props(_child(style, PPR), self.font(_child(style, RPR)))
            self._raw[sid] = (based.get(_VAL) if based is not None else None, own)
            if own.num_id:
                self.nums[sid] = own.num_id
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true", "on"):
                default_para = sid
        if default_para:
            self.default = self.get(default_para)

    def get(self, sid: str | None) -> _Style:
        if not sid or sid not in self._raw:
            return self.default
        style = self._resolved.get(sid)
        if style is None:
            self._resolved[sid] = self.default  # guards a w:basedOn cycle
            based, own = self._raw[sid]
            parent = self.get(based) if based and based != sid else self.default
            style = _Style(
                own.font or parent.font, own.align if own.align is not None else parent.align,
                own.num_id or parent.num_id, own.ilvl if own.ilvl is not None else parent.ilvl,
            )
            self._resolved[sid] = style
        return style

    def font(self, rpr: etree._Element | None) -> str | None:
        """Font of w:rFonts (ascii, else hAnsi; a theme font wins over a named one, as in Word)."""
        fonts = _child(rpr, RFONTS) if rpr is not None else None
        if fonts is None:
            return None
        theme = fonts.get(_ASCII_THEME) or fonts.get(_HANSI_THEME)
        if theme:
            return self._theme.get(theme[:5])
        return fonts.get(_ASCII) or fonts.get(_HANSI)

    def run_font(self, rpr: etree._Element) -> str | None:
        font = self.font(rpr)
        if font is None:
            char_style = _child(rpr, RSTYLE)
            if char_style is not None and char_style.get(_VAL) in self._raw:
                font = self.get(char_style.get(_VAL)).font
        return font


def _paragraph_props(ppr: etree._Element | None, font: str | None) -> _Style:
    if ppr is None:
        return _Style(font)
    jc = _child(ppr, JC)
    num_id = ilvl = None
    numpr = _child(ppr, NUMPR)
    if numpr is not None:
        nid, lvl = _child(numpr, f"{W}numId"), _child(numpr, f"{W}ilvl")
        num_id = nid.get(_VAL) if nid is not None else None
        ilvl = _int(lvl.get(_VAL)) if lvl is not None else None
    return _Style(font, _ALIGN.get(jc.get(_VAL, ""), "") if jc is not None else None, num_id, ilvl)


def _child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child with `tag` (twice as fast as lxml's find, which parses a path)."""
    return next(el.iterchildren(tag), None)


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


# --- the body --------------------------------------------------------------------------------

class _Lines:
    """The visual lines of one paragraph as they are built, with the fonts of each line."""

    __slots__ = ("done", "parts", "fonts")

    def __init__(self) -> None:
        self.done: list[tuple[str, tuple[str, ...], str | None]] = []  # text, fonts, conversions
        self.parts: list[tuple[str, str | None]] = []  # text and font of each run piece
        self.fonts: list[str] = []

    def add(self, text: str, font: str | None) -> None:
        self.parts.append((text, font))
        if font and font not in self.fonts:
            self.fonts.append(font)

    def newline(self) -> None:
        text, converted = _convert_legacy_runs(self.parts)
        self.done.append((text, tuple(self.fonts), converted))
        self.parts, self.fonts = [], []


def _convert_legacy_runs(parts: list[tuple[str, str | None]]) -> tuple[str, str | None]:
    """The line's text with legacy runs converted, and the encodings converted. Neighbouring
    runs of one font are converted together: Word splits runs anywhere, even between a VNI
    letter and its mark. Each font's text is converted by its name or, where the name does not
    say or lies, by content (normalise.legacy_text.convert_run)."""
    text = "".join(piece for piece, _ in parts)
    if text.isascii():
        return text, None
    shown = text.replace(_SOFT_HYPHEN, "")  # the optional hyphens of runs left as they are
    pieces: list[str] = []
    kinds: list[str] = []
    for _, group in groupby(parts, key=lambda part: font_encoding(part[1]) or part[1]):
        pieces_of_font = list(group)
        run = "".join(piece for piece, _ in pieces_of_font)
        converted = convert_run(run, pieces_of_font[0][1])
        if converted is not None and converted[0] != run:
            run = converted[0]
            if converted[1] not in kinds:
                kinds.append(converted[1])
        pieces.append(run.replace(_SOFT_HYPHEN, ""))
    converted_line = "".join(pieces)
    if not kinds or reads_worse(text, converted_line):
        return shown, None
    return converted_line, "+".join(kinds)


class _Walker:
    def __init__(self, styles: _Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.tabbed: list[str | None] = []  # each block's text with its tabs, None in a table
        self.rows = 0
        self.note = ""  # the number of the footnote or endnote being read

    def notes(self, root: etree._Element | None, kind: str) -> None:
        """Footnotes or endnotes in order, numbered as Word shows them; the separator lines are
        notes too (w:type), and are skipped."""
        if root is None:
            return
        number = 0
        for note in root.iterchildren(f"{W}{kind}"):
            if note.get(f"{W}type") in (None, "normal"):
                number += 1
                self.note = str(number)
                self.body(note, None, None)
        self.note = ""

    def body(self, parent: etree._Element, row: int | None, col: int | None) -> None:
        """Block-level content in document order: paragraphs, tables, content controls."""
        for el in parent:
            tag = el.tag
            if tag == P:
                self.paragraph(el, row, col)
            elif tag == TBL:
                self.table(el)
            elif tag == SDT:
                content = _child(el, SDT_CONTENT)
                if content is not None:
                    self.body(content, row, col)
            elif tag == CUSTOM_XML:
                self.body(el, row, col)

    def table(self, tbl: etree._Element) -> None:
        for tr in _cells(tbl, TR):
            self.rows += 1
            row = self.rows
            for col, tc in enumerate(_cells(tr, TC)):
                if not _merged_continuation(tc):
                    self.body(tc, row, col)

    def paragraph(self, p: etree._Element, row: int | None, col: int | None) -> None:
        ppr = _child(p, PPR)
        own = _paragraph_props(ppr, None)
        pstyle = _child(ppr, PSTYLE) if ppr is not None else None
        sid = pstyle.get(_VAL) if pstyle is not None else None
        style = self.styles.get(sid)
        lines, boxes = _Lines(), []
        self.inline(p, lines, boxes, style.font)
        lines.newline()
        label = self.label(own, style, sid)
        done = lines.done
        if label:
            text, fonts, converted = done[0]
            done[0] = (f"{label} {text}" if text else label, fonts, converted)
        align = (own.align if own.align is not None else style.align) or None
        for text, fonts, converted in done:
            self.blocks.append(Block(text.replace("\t", " "), row=row, column=col, fonts=fonts, align=align,
                                     legacy=converted))
            self.tabbed.append(text if row is None else None)
        for box in boxes:  # text boxes read right after the paragraph that anchors them
            self.body(box, row, col)

    def laid_out(self) -> list[Block]:
        """The blocks, with paragraphs set side by side with tabs and spaces (Nơi nhận |
        signature) split by the layout stage into their column pieces."""
        blocks = self.blocks
        for band in reversed(paragraph_bands(self.tabbed, count(self.rows + 1))):
            blocks[band.start:band.end] = [
                replace(blocks[piece.source], text=piece.text, row=piece.row, column=piece.column)
                for piece in band.pieces
            ]
        return blocks

    def label(self, own: _Style, style: _Style, sid: str | None) -> str | None:
        if own.num_id is not None:
            num_id, ilvl = own.num_id, own.ilvl or 0
        elif style.num_id is not None:
            num_id = style.num_id
            ilvl = own.ilvl if own.ilvl is not None else style.ilvl
            if ilvl is None:
                ilvl = self.numbering.style_level(num_id, sid or "")
        else:
            return None
        return self.numbering.label(num_id, ilvl) if num_id != "0" else None  # numId 0: "no list"

    def inline(self, parent: etree._Element, lines: _Lines, boxes: list, font: str | None) -> None:
        for el in parent:
            tag = el.tag
            if tag == R:
                self.run(el, lines, boxes, font)
            elif tag in _INLINE_WRAPPERS:
                self.inline(el, lines, boxes, font)
            elif tag == SDT:
                content = _child(el, SDT_CONTENT)
                if content is not None:
                    self.inline(content, lines, boxes, font)
            elif tag == ALTERNATE:
                branch = _branch(el)
                if branch is not None:
                    self.inline(branch, lines, boxes, font)
            # w:del, w:moveFrom (deleted text), w:pPr, bookmarks, proofing marks: not shown

    def run(self, r: etree._Element, lines: _Lines, boxes: list, font: str | None) -> None:
        for el in r:
            tag = el.tag
            if tag == T:
                if el.text:
                    lines.add(el.text, font)
            elif tag == RPR:
                font = self.styles.run_font(el) or font
            elif tag == TAB or tag == PTAB:
                lines.add("\t", None)  # a space in the text; the layout stage sees the tab
            elif tag == BR or tag == CR:
                lines.newline()
            elif tag == NB_HYPHEN:
                lines.add("-", None)
            elif tag == SOFT_HYPHEN:
                # Word keeps the TCVN3 `ư` byte as an optional hyphen: kept in the run for the
                # legacy conversion (normalise drops the ones left, which are hyphens)
                lines.add(_SOFT_HYPHEN, font)
            elif tag == SYM:
                lines.add(_symbol(el), None)
            elif tag in NOTE_REFS:
                lines.add(self.note, None)
            elif tag in _BOX_HOLDERS:
                boxes.extend(_text_boxes(el))
            elif tag == ALTERNATE:
                branch = _branch(el)
                if branch is not None:
                    self.run(branch, lines, boxes, font)
            # w:instrText (field codes), w:delText, w:fldChar, and the
            # footnote marks of the body (a superscript number glued to a word): not shown


def _cells(parent: etree._Element, tag: str):
    """Rows of a table / cells of a row, also those wrapped in content controls or custom XML."""
    for el in parent:
        if el.tag == tag:
            yield el
        elif el.tag == SDT:
            content = _child(el, SDT_CONTENT)
            if content is not None:
                yield from _cells(content, tag)
        elif el.tag == CUSTOM_XML:
            yield from _cells(el, tag)


def _merged_continuation(tc: etree._Element) -> bool:
    """A cell continuing a vertical (or legacy horizontal) merge: its text is in the first cell."""
    tcpr = _child(tc, TCPR)
    if tcpr is None:
        return False
    for name in ("vMerge", "hMerge"):
        merge = _child(tcpr, f"{W}{name}")
        if merge is not None and merge.get(_VAL, "continue") != "restart":
            return True
    return False


def _branch(alternate: etree._Element) -> etree._Element | None:
    """mc:AlternateContent holds one content twice; read one branch. The fallback is meant for
    readers that do not know the choice's extension (an emoji's w16se:symEx falls back to
    w:t), and it repeats a text box as VML; an empty fallback leaves the choice."""
    fallback = _child(alternate, FALLBACK)
    if fallback is not None and len(fallback):
        return fallback
    return _child(alternate, CHOICE)


def _text_boxes(el: etree._Element):
    """w:txbxContent under a drawing or VML shape, not descending into the boxes themselves."""
    if el.tag == ALTERNATE:
        el = _branch(el)
        if el is None:
            return
    for child in el:
        if child.tag == TXBX:
            yield child
        else:
            yield from _text_boxes(child)


def _symbol(sym: etree._Element) -> str:
    try:
        code = int(sym.get(f"{W}char", ""), 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:  # symbol fonts put their 8-bit codes in this private range
        return _SYMBOLS.get(sym.get(f"{W}font", "").lower(), {}).get(code - 0xF000, "")
    return chr(code) if 0x20 <= code < 0xD800 or 0xE000 <= code <= 0x10FFFF else ""
