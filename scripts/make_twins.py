#!/usr/bin/env python3
"""Regenerate the DOCX and PDF "twins" of the hand-written samples.

    python scripts/make_twins.py [--docx-only]

For every samples/*.txt except the news report (a web page has no Word original) this writes
samples/docx/<stem>.docx laid out as a Vietnamese office file is: a borderless two-column
header table, centred type and summary lines, the body, and a borderless table holding
Nơi nhận (left) and the signature (right). Unless --docx-only is given, LibreOffice
(`soffice --headless`) then renders each DOCX to samples/pdf/<stem>.pdf.

The words come only from the sample itself: vbparse parses it, and its zones, header spans
and section tree say which line goes where. A few documents get real Word numbering
(numbering.xml) for their section labels, so those labels are not typed in the runs.
See samples/twins.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
import regex
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

import vbparse

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DOCX_DIR = SAMPLES / "docx"
PDF_DIR = SAMPLES / "pdf"

# A provincial portal article is not a Word document: it has no twin.
SKIPPED = {"08-news-report"}
# Samples whose section labels become Word automatic numbering. The others keep typed labels,
# so the twins exercise both ways real files carry "1." / "a)".
AUTO_NUMBERED = {
    "04-ubnd-quyet-dinh",  # khoản 1. and điểm a)–d) (đ) stays typed: Word has no "đ")
    "06-chinh-phu-nghi-dinh",  # khoản and điểm a)–e) around a typed đ)
    "07-bao-cao",  # A. / I. / 1. / 1.1. / a)
    "10-joint-party-huong-dan",  # hyphen style 1- with 1.1.
}

FONT = "Times New Roman"
BODY_PT = 14
SMALL_PT = 13  # header and tail tables
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less a 3 cm left and 2 cm right margin (NĐ 30 layout)
CELL_PADDING_CM = 0.38  # Word's default left + right cell margins (0.19 cm each)
# Dash lines (Kính gửi, Nơi nhận) hang from their "- ", so that a wrapped item's second line
# is indented and never reads as a new item ("… chính trị" / "- xã hội tỉnh,").
HANG_CM = 0.35
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)  # core properties: reproducible
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # zip entry timestamps: reproducible

VML = "urn:schemas-microsoft-com:vml"
CAPS = regex.compile(r"^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$")  # has a capital and no lower-case letter


def is_caps(text: str) -> bool:
    return bool(CAPS.match(text))


# ---------------------------------------------------------------------------------------------
# Reading the sample: which line is what, from vbparse's own parse
# ---------------------------------------------------------------------------------------------


@dataclass
class Line:
    text: str
    start: int
    zone: str | None  # None for the blank lines between zones
    gap_before: bool = False  # a blank line precedes it in the sample


def split_lines(doc: vbparse.Document) -> list[Line]:
    """The lines of the normalised text with their offsets and zone names."""
    lines, pos, gap = [], 0, False
    for raw in doc.text.split("\n"):
        if raw.strip():
            zone = next((z.name for z in doc.zones if z.span.start <= pos < z.span.end), None)
            lines.append(Line(raw, pos, zone, gap))
            gap = False
        else:
            gap = True
        pos += len(raw) + 1
    return lines


def line_has(line: Line, doc: vbparse.Document, *fields: str) -> bool:
    """Does a header field's span start on this line?"""
    end = line.start + len(line.text)
    return any(
        (span := doc.header.spans.get(name)) is not None and line.start <= span.start < end
        for name in fields
    )


def line_in(line: Line, doc: vbparse.Document, name: str) -> bool:
    """Does this line lie inside a header field's span (a wrapped issuer covers two lines)?"""
    span = doc.header.spans.get(name)
    return span is not None and span.start <= line.start < span.end


@dataclass
class Plan:
    left: list[Line] = field(default_factory=list)  # header table, left cell
    right: list[Line] = field(default_factory=list)  # header table, right cell
    title: list[Line] = field(default_factory=list)  # centred type / summary / source lines
    middle: list[Line] = field(default_factory=list)  # Kính gửi, preamble, body (sample order)
    distribution: list[Line] = field(default_factory=list)
    signatures: list[list[Line]] = field(default_factory=list)  # one list per signature block
    state: bool = True  # state family (motto, short rules) rather than Party


def plan_layout(doc: vbparse.Document) -> Plan:
    lines = split_lines(doc)
    plan = Plan(state=doc.header.heading is None or "ĐẢNG" not in doc.header.heading)
    header = [ln for ln in lines if ln.zone == "header"]
    # The header table ends with the place-date line (last in column order, and in the last
    # row in row order); a công văn's "V/v" summary right below it still sits under the number.
    date_at = next(i for i, ln in enumerate(header) if line_has(ln, doc, "date"))
    table_end = date_at + 1
    if table_end < len(header) and header[table_end].text.startswith("V/v"):
        table_end += 1
    for ln in header[:table_end]:
        if line_has(ln, doc, "heading", "motto", "date"):
            plan.right.append(ln)
        else:
            plan.left.append(ln)
    plan.title = header[table_end:]
    plan.middle = [ln for ln in lines if ln.zone in ("recipients", "preamble", "body")]
    plan.distribution = [ln for ln in lines if ln.zone == "distribution"]
    plan.signatures = split_signatures([ln for ln in lines if ln.zone == "signature"], doc)
    # Every line of the sample must land somewhere exactly once: a change in the parser's
    # zones must fail here rather than silently drop text from the twins.
    placed = plan.left + plan.right + plan.title + plan.middle + plan.distribution + [
        ln for block in plan.signatures for ln in block]
    if sorted(ln.start for ln in placed) != [ln.start for ln in lines]:
        lost = [ln.text for ln in lines if ln.start not in {p.start for p in placed}]
        raise SystemExit(f"make_twins: lines not placed in the layout: {lost}")
    return plan


def split_signatures(lines: list[Line], doc: vbparse.Document) -> list[list[Line]]:
    """One list of lines per block. Side-by-side blocks arrive row by row ("A | B" split into
    two lines), so with n blocks every run of n lines between blank lines is one row."""
    n = max(1, len(doc.signatures))
    if n == 1:
        return [lines]
    blocks: list[list[Line]] = [[] for _ in range(n)]
    rows, row = [], []
    for ln in lines:
        if ln.gap_before and row:
            rows.append(row)
            row = []
        row.append(ln)
    rows.append(row)
    for row in rows:
        assert len(row) % n == 0, f"signature rows do not split into {n} blocks: {row}"
        for k in range(0, len(row), n):
            for j in range(n):
                # The blank line before a row stands before that line in every block.
                ln = row[k + j]
                blocks[j].append(Line(ln.text, ln.start, ln.zone, row[k].gap_before))
    for block, sig in zip(blocks, doc.signatures):  # the parse must agree with the split
        assert sig.signer in [ln.text for ln in block], (sig.signer, block)
    return blocks


# ---------------------------------------------------------------------------------------------
# Word automatic numbering
# ---------------------------------------------------------------------------------------------

# Typed label shape of each section style: the label followed by this separator.
SEPARATORS = {
    "letter": (".",),
    "roman": (".",),
    "arabic": (".", "-"),
    "clause": (".",),
    "alpha": (")",),
    "point": (")",),
    "decimal": (".",),
}
# List kind per (style, separator): level 0 format and text, optional level 1 (1.1. under 1.).
KINDS = {
    ("letter", "."): ("upperLetter", "%1.", None),
    ("roman", "."): ("upperRoman", "%1.", None),
    ("arabic", "."): ("decimal", "%1.", ("decimal", "%1.%2.")),
    ("arabic", "-"): ("decimal", "%1-", ("decimal", "%1.%2.")),
    ("clause", "."): ("decimal", "%1.", None),
    ("alpha", ")"): ("lowerLetter", "%1)", None),
    ("point", ")"): ("lowerLetter", "%1)", None),
}
ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def word_format(value: int, fmt: str) -> str:
    """What Word shows for a counter value (only the formats used here)."""
    if fmt == "upperRoman":
        out = ""
        for n, letters in ROMAN:
            count, value = divmod(value, n)
            out += letters * count
        return out
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(value)


@dataclass
class ListDef:
    levels: list[tuple[str, str]]  # (numFmt, lvlText) per level


@dataclass
class NumRef:
    list_index: int  # index into the ListDefs of the document
    ilvl: int
    strip: int  # characters of typed label plus the space that Word now draws


def typed_label(text: str, section: vbparse.model.Section) -> tuple[str, str] | None:
    """The label as typed at the start of the line, and its separator, if it is one we know."""
    for sep in SEPARATORS.get(section.style, ()):
        label = f"{section.label}{sep}"
        if text.startswith(label + " ") and not text.startswith(label + "  "):
            return label, sep
    return None


def plan_numbering(doc: vbparse.Document) -> tuple[dict[int, NumRef], list[ListDef]]:
    """Map the start offset of each section line that Word can number to its list and level.

    Each run of sibling sections of one style becomes its own list (a w:num over its own
    w:abstractNum, so it restarts at 1 whether a reader counts per w:num or, like Word, per
    w:abstractNum). An item Word cannot produce (đ) stays typed and is left out of the list;
    the next item still gets the right letter since the counter skips it too.
    """
    refs: dict[int, NumRef] = {}
    lists: list[ListDef] = []
    line_at = {ln.start: ln.text for ln in split_lines(doc)}

    def walk(children, parent: tuple[NumRef, int] | None) -> None:
        """`parent`: the list reference and counter value of an automatically numbered parent."""
        runs: dict[tuple[str, str], tuple[int | None, int]] = {}  # kind -> (list, counter)
        previous_kind = None
        sub_counter = 0
        for sec in children:
            text = line_at.get(sec.span.start, "")
            typed = typed_label(text, sec)
            ref, value = None, 0
            if typed and sec.style == "decimal":
                # 1.1. under an automatically numbered 1.: level 1 of the parent's list.
                if parent is not None and len(lists[parent[0].list_index].levels) > 1 \
                        and typed[0] == f"{parent[1]}.{sub_counter + 1}.":
                    sub_counter += 1
                    ref = NumRef(parent[0].list_index, 1, len(typed[0]) + 1)
            elif typed and (sec.style, typed[1]) in KINDS:
                kind = (sec.style, typed[1])
                if kind != previous_kind:  # a new run of siblings starts a new list
                    runs[kind] = (None, 0)
                previous_kind = kind
                list_index, counter = runs[kind]
                fmt0, text0, level1 = KINDS[kind]
                # Would Word show exactly the typed label? ("%1." -> "2.", "%1)" -> "b)")
                if word_format(counter + 1, fmt0) + text0[2:] == typed[0]:
                    if list_index is None:
                        lists.append(ListDef([(fmt0, text0)] + ([level1] if level1 else [])))
                        list_index = len(lists) - 1
                    counter += 1
                    ref, value = NumRef(list_index, 0, len(typed[0]) + 1), counter
                runs[kind] = (list_index, counter)
            if ref is not None:
                refs[sec.span.start] = ref
            walk(sec.children, (ref, value) if ref is not None and ref.ilvl == 0 else None)

    walk(doc.sections, None)
    return refs, lists


def install_numbering(document: docx.Document, lists: list[ListDef]) -> dict[int, int]:
    """Add one w:abstractNum and one w:num per list; return list index -> numId."""
    root = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in root.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in root.findall(qn("w:num"))]
    next_abstract, next_num = max(abstract_ids, default=-1) + 1, max(num_ids, default=0) + 1
    last_abstract = root.findall(qn("w:abstractNum"))[-1] if abstract_ids else None
    ids = {}
    for index, lst in enumerate(lists):
        aid, nid = next_abstract + index, next_num + index
        levels = "".join(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            # A space, not Word's default tab, follows the label: the line reads as typed.
            f'<w:suff w:val="space"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>'
            for ilvl, (fmt, text) in enumerate(lst.levels)
        )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
            f'<w:nsid w:val="{0x5A000000 + aid:08X}"/><w:multiLevelType w:val="multilevel"/>'
            f"{levels}</w:abstractNum>"
        )
        # Schema order: every w:abstractNum comes before the first w:num.
        if last_abstract is not None:
            last_abstract.addnext(abstract)
        else:
            root.insert(0, abstract)
        last_abstract = abstract
        root.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'
        ))
        ids[index] = nid
    return ids


def set_num(paragraph: Paragraph, num_id: int, ilvl: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # keeps the schema's order
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


# ---------------------------------------------------------------------------------------------
# Building the DOCX
# ---------------------------------------------------------------------------------------------


def setup_document() -> docx.Document:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):  # Vietnamese letters are hAnsi
        rfonts.set(qn(attr), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    props = document.core_properties
    props.author = props.last_modified_by = "vbparse make_twins.py"
    props.comments = "Generated from the plain-text sample by scripts/make_twins.py"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    props.language = "vi-VN"
    # The template's thumbnail shows python-docx's blank page, not this document: drop it.
    package_rels = document.part.package.rels
    for rid in [rid for rid, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(rid)
    return document


# Tokens whose hyphens must not break a line: symbols ("56-TTr/BCSĐ", "123/2021/NĐ-CP",
# anything with a "/") and dates written with hyphens ("30-7-2021").
UNBREAKABLE = regex.compile(r"\S*/\S*|\b\d{1,2}-\d{1,2}-\d{4}\b")


def add_run(paragraph: Paragraph, text: str, size: float, bold=False, italic=False,
            underline=False) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    # Clerks type such hyphens as Word's non-breaking hyphen so that "56-" and "TTr/BCSĐ"
    # never end up on two lines (which the PDF text would then split); Word and python-docx
    # read it back as "-".
    cuts = [i for m in UNBREAKABLE.finditer(text) for i in range(*m.span()) if text[i] == "-"]
    pos = 0
    for cut in cuts:
        if cut > pos:
            run._r.append(_text(text[pos:cut]))
        run._r.append(OxmlElement("w:noBreakHyphen"))
        pos = cut + 1
    if pos < len(text):
        run._r.append(_text(text[pos:]))


def _text(value: str):
    t = OxmlElement("w:t")
    t.text = value
    if value != value.strip():
        t.set(qn("xml:space"), "preserve")
    return t


def format_paragraph(paragraph: Paragraph, align=WD_ALIGN_PARAGRAPH.CENTER, before=0, after=0,
                     first_line=None, left=None) -> None:
    pf = paragraph.paragraph_format
    pf.alignment = align
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    if first_line is not None:
        pf.first_line_indent = Cm(first_line)
    if left is not None:
        pf.left_indent = Cm(left)


def add_rule(paragraph: Paragraph, width_cm: float, box_cm: float, y_pt: float) -> None:
    """A short horizontal line drawn (not typed) under a centred line, as Word files have
    under the issuer, the motto and the summary. It is a VML shape, so it adds no text."""
    x0 = (box_cm - width_cm) / 2 * 72 / 2.54
    x1 = x0 + width_cm * 72 / 2.54
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="{VML}"><w:pict>'
        f'<v:line style="position:absolute;z-index:1" from="{x0:.1f}pt,{y_pt}pt" '
        f'to="{x1:.1f}pt,{y_pt}pt" strokeweight=".75pt"/></w:pict></w:r>'
    ))


def borderless_table(document: docx.Document, widths_cm: list[float], rows: int = 1):
    table = document.add_table(rows=rows, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(int(Cm(w).twips) for w in widths_cm)))
    borders = parse_xml(
        f'<w:tblBorders {nsdecls("w")}>'
        + "".join(f'<w:{side} w:val="nil"/>' for side in
                  ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"
    )
    # Schema order inside w:tblPr: … tblW, jc, tblInd, tblBorders, shd, tblLayout, … tblLook.
    after = [tbl_pr.find(qn(f"w:{name}")) for name in ("shd", "tblLayout", "tblCellMar", "tblLook")]
    after = [el for el in after if el is not None]
    if after:
        after[0].addprevious(borders)
    else:
        tbl_pr.append(borders)
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        # A header or signature row is never split over two pages.
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
    return table


def cell_paragraph(cell: _Cell) -> Paragraph:
    """The empty paragraph every new cell has, then new ones."""
    paragraphs = cell.paragraphs
    return paragraphs[0] if len(paragraphs) == 1 and not paragraphs[0].runs else \
        cell.add_paragraph()


def header_widths(plan: Plan) -> list[float]:
    """Column widths (cm) that keep every issuer, heading, motto and date line on one line at
    these sizes (the widest: "BAN TUYÊN GIÁO - BAN DÂN VẬN" 13 pt bold, 7.4 cm; "CỘNG HÒA XÃ
    HỘI CHỦ NGHĨA VIỆT NAM" 13 pt bold, 8.8 cm). As in many office files, the header table is
    a little wider than the text area and reaches into both margins."""
    return [6.8, 10.2] if plan.state else [8.0, 9.0]


def build_header(document: docx.Document, plan: Plan, doc: vbparse.Document) -> None:
    widths = header_widths(plan)
    table = borderless_table(document, widths)
    left, right = table.rows[0].cells
    # In row order the issuer's span also covers the heading line between its two halves;
    # that line is in the right cell already.
    issuer_lines = [ln for ln in plan.left if line_in(ln, doc, "issuer")]
    for ln in plan.left:
        p = cell_paragraph(left)
        is_issuer = ln in issuer_lines
        if ln.text.startswith("V/v"):
            format_paragraph(p, before=6)
            add_run(p, ln.text, SMALL_PT, italic=not plan.state)
        elif ln.text == "*":
            format_paragraph(p)
            add_run(p, ln.text, SMALL_PT)
        elif line_has(ln, doc, "number"):
            format_paragraph(p, before=14 if plan.state else 0)
            add_run(p, ln.text, SMALL_PT)
        else:
            format_paragraph(p)
            add_run(p, ln.text, SMALL_PT, bold=is_issuer)
        if plan.state and is_issuer and ln is issuer_lines[-1]:
            add_rule(p, 2.5, widths[0] - CELL_PADDING_CM, SMALL_PT + 8)
    for ln in plan.right:
        p = cell_paragraph(right)
        if line_has(ln, doc, "heading"):
            format_paragraph(p)
            add_run(p, ln.text, SMALL_PT if plan.state else BODY_PT, bold=True)
            if not plan.state:
                add_rule(p, 6.0, widths[1] - CELL_PADDING_CM, BODY_PT + 7)
        elif line_has(ln, doc, "motto"):
            format_paragraph(p)
            add_run(p, ln.text, BODY_PT, bold=True)
            add_rule(p, 5.8, widths[1] - CELL_PADDING_CM, BODY_PT + 7)
        else:  # the place-date line
            format_paragraph(p, before=14 if plan.state else 10)
            add_run(p, ln.text, BODY_PT, italic=True)


def build_title(document: docx.Document, plan: Plan, doc: vbparse.Document) -> None:
    for i, ln in enumerate(plan.title):
        p = document.add_paragraph()
        format_paragraph(p, before=18 if i == 0 else 0)
        if line_has(ln, doc, "doc_type") or (i == 0 and is_caps(ln.text)):
            add_run(p, ln.text, BODY_PT, bold=True)
        elif ln.text.strip("-") == "":  # the Party dash rule is typed text: keep it
            add_run(p, ln.text, BODY_PT)
        else:
            add_run(p, ln.text, BODY_PT, bold=True)
    if plan.state and plan.title:
        # The short rule under a state summary sits where the sample has its blank line.
        p = document.add_paragraph()
        format_paragraph(p, after=6)
        add_rule(p, 4.0, TEXT_WIDTH_CM, 7)


def section_starts(doc: vbparse.Document) -> dict[int, vbparse.model.Section]:
    found = {}

    def walk(sections):
        for sec in sections:
            found[sec.span.start] = sec
            walk(sec.children)

    walk(doc.sections)
    return found


def looks_like_title(text: str) -> bool:
    """A numbered line that is a heading rather than a sentence: no closing punctuation."""
    return len(text) < 100 and not text.rstrip().endswith((".", ";", ":", ","))


def build_middle(document: docx.Document, plan: Plan, doc: vbparse.Document,
                 numbered: bool) -> None:
    """Kính gửi, preamble and body, one paragraph per line, in the sample's order."""
    sections = section_starts(doc)
    refs, lists = plan_numbering(doc) if numbered else ({}, [])
    num_ids = install_numbering(document, lists) if lists else {}
    recipients = [ln for ln in plan.middle if ln.zone == "recipients"]
    for ln in plan.middle:
        p = document.add_paragraph()
        if ln.zone == "recipients":
            add_recipient_line(p, ln, recipients)
        elif ln.zone == "preamble":
            add_preamble_line(p, ln, plan.state)
        else:
            ref = refs.get(ln.start)
            text = ln.text
            if ref is not None:  # Word draws the label: drop the typed one and its space
                set_num(p, num_ids[ref.list_index], ref.ilvl)
                text = text[ref.strip:]
            add_body_line(p, ln, text, sections.get(ln.start), numbered=ref is not None)


def add_recipient_line(p: Paragraph, ln: Line, recipients: list[Line]) -> None:
    if ln is recipients[0]:  # "Kính gửi:" (or the whole one-line form), centred
        format_paragraph(p, before=12, after=0 if len(recipients) > 1 else 12)
    else:  # the dash lines of a multi-line Kính gửi, indented under it
        format_paragraph(p, align=WD_ALIGN_PARAGRAPH.LEFT, left=4.0 + HANG_CM,
                         first_line=-HANG_CM, after=12 if ln is recipients[-1] else 0)
    add_run(p, ln.text, BODY_PT)


def add_preamble_line(p: Paragraph, ln: Line, state: bool) -> None:
    if is_caps(ln.text):  # authority line and the formula QUYẾT ĐỊNH: / QUYẾT NGHỊ:
        format_paragraph(p, before=6, after=6)
        add_run(p, ln.text, BODY_PT, bold=True)
    else:  # grounds: italic in state documents, upright dash lines in Party ones
        format_paragraph(p, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=1.0, after=3)
        add_run(p, ln.text, BODY_PT, italic=state)


def add_body_line(p: Paragraph, ln: Line, text: str, sec: vbparse.model.Section | None,
                  numbered: bool) -> None:
    """`text` is the line without its label when Word numbers it."""
    if sec is not None and sec.style in ("chapter", "section", "part"):
        format_paragraph(p, before=12)
        p.paragraph_format.keep_with_next = True  # never alone at the foot of a page
        add_run(p, text, BODY_PT, bold=True)
        return
    if sec is None and is_caps(text):  # the capitals title under Chương / Mục
        format_paragraph(p, after=6)
        p.paragraph_format.keep_with_next = True
        add_run(p, text, BODY_PT, bold=True)
        return
    spaced = sec is not None and sec.style in ("letter", "roman", "article")
    format_paragraph(p, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=1.0, after=6,
                     before=6 if spaced else 0)
    heading = sec is not None and sec.style != "bullet" and (
        sec.style in ("letter", "roman") or looks_like_title(ln.text))
    if sec is not None and sec.style == "article" and not heading:
        label = regex.match(r"Điều \d+\.", text)
        if label:  # "Điều 1." in bold, then the sentence
            add_run(p, label.group(0), BODY_PT, bold=True)
            text = text[label.end():]
    add_run(p, text, BODY_PT, bold=heading)
    if heading:
        p.paragraph_format.keep_with_next = True
        if numbered:  # Word draws the label in the paragraph mark's font: make it bold too
            p._p.get_or_add_pPr().append(parse_xml(f'<w:rPr {nsdecls("w")}><w:b/></w:rPr>'))


def fill_distribution(cell: _Cell, lines: list[Line], state: bool, before: float = 0) -> None:
    for i, ln in enumerate(lines):
        p = cell_paragraph(cell)
        format_paragraph(p, align=WD_ALIGN_PARAGRAPH.LEFT, before=before if i == 0 else 0)
        if i > 0:
            p.paragraph_format.left_indent = Cm(HANG_CM)
            p.paragraph_format.first_line_indent = Cm(-HANG_CM)
        if i == 0:  # "Nơi nhận:" bold italic (state) or bold underlined (Party)
            add_run(p, ln.text, SMALL_PT, bold=True, italic=state, underline=not state)
        else:
            add_run(p, ln.text, SMALL_PT)


def fill_signature(cell: _Cell, lines: list[Line]) -> None:
    for ln in lines:
        p = cell_paragraph(cell)
        # The sample's blank lines stand for the room left for the hand signature and seal;
        # the first line stays level with "Nơi nhận:".
        gap = ln.gap_before and ln is not lines[0]
        format_paragraph(p, before=(54 if ln is lines[-1] else 12) if gap else 0)
        if ln.text.startswith("("):  # (Đã ký)
            add_run(p, ln.text, BODY_PT, italic=True)
        else:
            add_run(p, ln.text, BODY_PT, bold=True)


def build_tail(document: docx.Document, plan: Plan) -> None:
    spacer = document.add_paragraph()
    format_paragraph(spacer, after=6)
    if len(plan.signatures) == 1:
        # Nơi nhận on the left and the signature on the right, whatever the sample's order.
        table = borderless_table(document, [8.0, 8.0])
        left, right = table.rows[0].cells
        fill_distribution(left, plan.distribution, plan.state)
        fill_signature(right, plan.signatures[0])
    else:
        # Joint document: the blocks side by side, each in its own cell; Nơi nhận below them,
        # its row merged across so that its long items fit on one line at 13 pt.
        n = len(plan.signatures)
        table = borderless_table(document, [TEXT_WIDTH_CM / n] * n, rows=2)
        for cell, block in zip(table.rows[0].cells, plan.signatures):
            fill_signature(cell, block)
        below = table.cell(1, 0).merge(table.cell(1, n - 1))
        fill_distribution(below, plan.distribution, plan.state, before=18)
    # Word keeps a paragraph after a closing table; make it tiny.
    end = document.add_paragraph()
    format_paragraph(end)
    end.paragraph_format.line_spacing = Pt(2)


def build_docx(sample: Path, out: Path) -> None:
    doc = vbparse.parse(sample)
    plan = plan_layout(doc)
    document = setup_document()
    document.core_properties.title = sample.stem
    build_header(document, plan, doc)
    build_title(document, plan, doc)
    build_middle(document, plan, doc, numbered=sample.stem in AUTO_NUMBERED)
    build_tail(document, plan)
    document.save(out)
    freeze_zip(out)


def freeze_zip(path: Path) -> None:
    """python-docx stamps zip entries with the current time; rewrite them with a fixed one so
    that regenerating an unchanged sample gives a byte-identical file."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)


# ---------------------------------------------------------------------------------------------
# PDF through LibreOffice
# ---------------------------------------------------------------------------------------------


INSTALL_HINT = ("apt-get install -y --no-install-recommends libreoffice-writer "
                "fonts-liberation2 fonts-dejavu-core")


def find_soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        sys.exit(
            "make_twins: LibreOffice (soffice) is not installed, so the PDFs cannot be made.\n"
            f"Install it with: {INSTALL_HINT}\nor run with --docx-only."
        )
    return exe


def check_fonts() -> None:
    """Warn when no Times-metric font with Vietnamese letters is installed: LibreOffice would
    then borrow "ệ", "ữ"… from another font, and the PDFs would look patched (fonts-liberation
    1.x lacks them; fonts-liberation2 has them)."""
    if shutil.which("fc-list") is None:
        return
    listed = subprocess.run(["fc-list", ":charset=1ec7 1eef", "family"],
                            capture_output=True, text=True).stdout
    if not any(name in listed for name in ("Times New Roman", "Liberation Serif", "Tinos")):
        print(f"make_twins: warning: no Times New Roman substitute with Vietnamese letters; "
              f"install fonts-liberation2 ({INSTALL_HINT})", file=sys.stderr)


def render_pdfs(docx_files: list[Path]) -> None:
    soffice = find_soffice()
    check_fonts()
    PDF_DIR.mkdir(parents=True, exist_ok=True)
    for f in docx_files:  # so that a PDF left from an earlier run cannot hide a failure
        (PDF_DIR / f"{f.stem}.pdf").unlink(missing_ok=True)
    # A throwaway profile: no clash with a running LibreOffice, no state from earlier runs.
    with tempfile.TemporaryDirectory(prefix="make_twins_lo_") as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(PDF_DIR), *map(str, docx_files)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    missing = [f.stem for f in docx_files if not (PDF_DIR / f"{f.stem}.pdf").exists()]
    if result.returncode != 0 or missing:
        sys.exit(f"make_twins: LibreOffice failed (exit {result.returncode}; missing {missing})\n"
                 f"{result.stdout}{result.stderr}")
    for f in docx_files:
        freeze_pdf(PDF_DIR / f"{f.stem}.pdf")


PDF_DATE = regex.compile(rb"(/(?:CreationDate|ModDate) ?\(D:)\d{14}")
PDF_ID = regex.compile(rb"(/ID\s*\[\s*<)[0-9A-Fa-f]{32}(>\s*<)[0-9A-Fa-f]{32}(>\s*\])")
PDF_CHECKSUM = regex.compile(rb"(/DocChecksum\s*/)[0-9A-Fa-f]{32}")


def freeze_pdf(path: Path) -> None:
    """LibreOffice stamps the export time into the PDF: /CreationDate, and the /ID and
    /DocChecksum derived from it. Overwrite them in place and at the same length, so the xref
    offsets stay right: the date with FIXED_TIME, the others with a digest of the rest."""
    stamp = FIXED_TIME.strftime("%Y%m%d%H%M%S").encode()
    data = PDF_DATE.sub(lambda m: m.group(1) + stamp, path.read_bytes())
    digest = hashlib.md5(PDF_CHECKSUM.sub(b"", PDF_ID.sub(b"", data))).hexdigest().upper()
    digest = digest.encode()
    data = PDF_ID.sub(lambda m: m.group(1) + digest + m.group(2) + digest + m.group(3), data)
    data = PDF_CHECKSUM.sub(lambda m: m.group(1) + digest, data)
    path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docx-only", action="store_true", help="do not render the PDFs")
    args = parser.parse_args(argv)
    if not args.docx_only:
        find_soffice()  # fail before writing anything
    DOCX_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for sample in sorted(SAMPLES.glob("*.txt")):
        if sample.stem in SKIPPED:
            continue
        out = DOCX_DIR / f"{sample.stem}.docx"
        build_docx(sample, out)
        written.append(out)
        print(f"wrote {out.relative_to(ROOT)}")
    if not args.docx_only:
        render_pdfs(written)
        for f in written:
            print(f"wrote {(PDF_DIR / f'{f.stem}.pdf').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
