"""The pipeline: normalised text -> segments -> extractors -> Document."""

from __future__ import annotations

from dataclasses import dataclass

from .confidence import score as score_confidence
from .context import Context
from .extract.citations import extract_citations
from .classify import Labelled, classify
from .extract.header import read_header
from .extract.lists import extract_distribution, extract_recipients
from .extract.signature import extract_signatures
from .extract.sections import extract_sections
from .model import DigitalSignature, Document, Header, Ocr, Severity, Source, Zone
from .normalise import Line, Prepared
from .normalise.legacy_report import LABELS, regions
from .normalise.quality import assess
from .segment import find_boilerplate, find_byline, find_document_starts, find_report_title, is_caption
from .zones import Split, split


# Reader notes that are more than information: a page without text, glyphs without Unicode.
NOTE_SEVERITY: dict[str, Severity] = {
    "pdf.no_text_layer": "error", "pdf.unmapped_glyphs": "warning", "ocr.page_failed": "warning",
    "pdf.wrong_glyph_map": "error",
}


def build_document(prep: Prepared, path: str | None) -> Document:
    """The Document of a file; documents bundled after the first become its attachments."""
    starts = find_document_starts(Context(prep))
    if not starts:
        return _build(prep, path, prep.notes)
    bounds = [0, *starts, len(prep.lines)]
    main = _build(prep.slice(0, starts[0]), path, prep.notes)
    main.attachments = [_build(prep.slice(a, b), path, []) for a, b in zip(starts, bounds[2:])]
    return main


@dataclass(frozen=True, slots=True)
class LineLabel:
    """One line as the classifier and the zone grammar saw it (`vbparse lines`)."""
    index: int
    text: str
    label: str
    score: float
    zone: str | None  # None for void lines (blank, page furniture, web-page chrome)
    page: int | None


def label_lines(prep: Prepared) -> list[LineLabel]:
    """Every line's label, score and zone, as `build_document` chooses them."""
    ctx = Context(prep)
    _, labelled, zoned = _labelled_zones(ctx)
    zone_of = {item.line.index: name for name, items in zoned.zones.items() for item in items if not item.void}
    return [LineLabel(item.line.index, item.line.text, item.label, item.score, zone_of.get(item.line.index), item.line.page)
            for item in labelled]


def _labelled_zones(ctx: Context) -> tuple[set[int], list[Labelled], Split]:
    """The lines left out as page chrome, every line's label, and the zones the grammar chose."""
    skip = find_boilerplate(ctx)
    labelled = classify(ctx, skip)
    return skip, labelled, split(labelled)


def _source(prep: Prepared, path: str | None) -> Source:
    raw = prep.raw
    stamp = DigitalSignature(**raw.digital_signature) if raw.digital_signature else None
    return Source(path=path, format=raw.format, sha256=raw.sha256, encoding=prep.encoding,
                  pages=raw.pages, digital_signature=stamp, ocr=Ocr(**raw.ocr) if raw.ocr else None)


def _build(prep: Prepared, path: str | None, notes: list[tuple[str, str]]) -> Document:
    ctx = Context(prep)
    for code, message in notes:
        ctx.note(NOTE_SEVERITY.get(code, "info"), code, message)
    _note_conversions(ctx)
    _note_repairs(ctx)
    for severity, code, message in assess("\n".join(l.text for l in prep.lines if not l.legacy)):
        ctx.note(severity, code, message)  # type: ignore[arg-type]
    lines = ctx.lines
    skip, _, zoned = _labelled_zones(ctx)

    scan = read_header(ctx, zoned.lines("header"))
    recipients = extract_recipients(ctx, zoned.lines("recipients"))
    tail = [item for item in zoned.lines("tail") if not item.void]
    distribution = extract_distribution(ctx, tail)
    # an empty text (a scan without a text layer) is still taken for a document
    is_document = scan.substantial or recipients is not None or bool(tail) or not lines

    zones: list[Zone] = []
    header = scan.header
    title = None
    author = None
    signatures = []
    if is_document:
        dist_lines = {l.index for l in distribution.lines} if distribution else set()
        signature_lines = [item.line for item in tail if item.line.index not in dist_lines and item.label != "noise"]
        signatures = extract_signatures(ctx, signature_lines)
        title = _document_title(header)
        _zone(ctx, zones, "header", _lines(zoned, "header"))
        if recipients:
            _zone(ctx, zones, "recipients", recipients.lines)
        _zone(ctx, zones, "preamble", _lines(zoned, "preamble"))
        body = _lines(zoned, "body")
        _zone(ctx, zones, "body", body)
        _zone(ctx, zones, "signature", signature_lines)
        if distribution:
            _zone(ctx, zones, "distribution", distribution.lines)
        citation_lines = [*_lines(zoned, "recipients"), *_lines(zoned, "preamble"), *body]
        annex = _lines(zoned, "annexes")
    else:
        header = Header()
        annex = []
        first = next((l.index for l in lines if not l.blank and l.index not in skip), len(lines))
        title_line = find_report_title(ctx, skip)
        body_start = title_line.index + 1 if title_line else first
        body_end, author = find_byline(ctx, len(lines), skip)
        skip |= {l.index for l in lines[body_start:body_end] if not l.blank and is_caption(ctx, l)}
        title = title_line.text if title_line else None
        citation_lines = [l for l in lines[body_start - 1 if title_line else body_start:body_end] if l.index not in skip]
        if body_end < len(lines):
            _zone(ctx, zones, "byline", lines[body_end:])
        body = [l for l in lines[body_start:body_end] if not l.blank and l.index not in skip]
        _zone(ctx, zones, "body", lines[body_start:body_end])
    boiler = sorted(skip)
    if boiler:
        ctx.note("info", "text.boilerplate_skipped", f"{len(boiler)} lines of page chrome or captions skipped",
                 ctx.span(lines[boiler[0]].start, lines[boiler[-1]].end))

    document = Document(
        source=_source(prep, path),
        kind="document" if is_document else "report",
        title=title,
        header=header,
        recipients=recipients.entries if recipients else [],
        sections=extract_sections(ctx, body),
        annexes=extract_sections(ctx, annex),
        citations=extract_citations(ctx, [(l.start, l.end) for l in citation_lines]),
        signatures=signatures,
        distribution=distribution.entries if distribution else [],
        author=author,
        zones=sorted(zones, key=lambda z: z.span.start),
        diagnostics=[],
        text=prep.text,
    )
    if is_document and lines:
        _check_document(ctx, document)
    document.diagnostics = ctx.diagnostics
    score_confidence(document)
    return document


def _note_conversions(ctx: Context) -> None:
    """One `text.legacy_encoding` per run of lines converted alike. Low-byte text is decoded by
    guessing among letters that share a byte, so it is a warning."""
    for first, last, kinds in regions(ctx.lines):
        names = " and ".join(LABELS[kind] for kind in kinds.split("+"))
        count = last.index - first.index + 1
        severity: Severity = "warning" if "unicode-low-byte" in kinds else "info"
        ctx.note(severity, "text.legacy_encoding", f"{count} lines converted to Unicode from {names}",
                 ctx.span(first.start, last.end))


def _note_repairs(ctx: Context) -> None:
    """Each structural keyword whose lost marks were restored (normalise.repair), with its span."""
    for line in ctx.lines:
        for r in line.repairs:
            ctx.note("info", "text.keyword_repaired", f"'{r.before}' read as '{r.after}'",
                     ctx.span(line.start + r.start, line.start + r.end))


def _lines(zoned: Split, name: str) -> list[Line]:
    """The content lines of a zone."""
    return [item.line for item in zoned.lines(name) if not item.void]


def _zone(ctx: Context, zones: list[Zone], name: str, lines: list[Line]) -> None:
    content = [l for l in lines if not l.blank]
    if content:
        zones.append(Zone(name=name, span=ctx.span(content[0].start, content[-1].end)))  # type: ignore[arg-type]


def _document_title(header: Header) -> str | None:
    summary = header.summary
    if summary:
        if summary[:4].lower() == "v/v ":
            summary = "về việc " + summary[4:]
        first = summary.split()[0]
        if not first.isupper():
            summary = summary[0].lower() + summary[1:]
    parts = [p for p in (header.doc_type, summary) if p]
    return " ".join(parts) or None


def _check_document(ctx: Context, doc: Document) -> None:
    """Say what an issued document lacks, and what was inferred rather than read."""
    h = doc.header
    if h.number is None:
        ctx.note("warning", "header.number.missing", "no number and symbol (Số …) found")
    if h.date is None and "date" not in h.spans:
        ctx.note("warning", "header.date.missing", "no place and date line found")
    if h.issuer is None:
        ctx.note("warning", "header.issuer.missing", "no issuing body found in the header")
    if h.doc_type is None and doc.recipients:
        h.doc_type = "Công văn"
        doc.title = _document_title(h)
        ctx.note("info", "header.doc_type.inferred", "no type line: a letter with recipients is a Công văn")
    if h.doc_type is None:
        ctx.note("warning", "header.doc_type.missing", "no document type found")
    if h.family is None:
        h.family = _family_from_signatures(doc)
        if h.family:
            ctx.note("info", "header.family.inferred", f"family '{h.family}' inferred from the signing prefixes")
    if not doc.signatures:
        ctx.note("warning", "signature.missing", "no signature block found")


def _family_from_signatures(doc: Document) -> str | None:
    for signature in doc.signatures:
        for line in signature.authority:
            if "/" in line.split()[0]:
                return "party"
            return "administrative"
    return None
