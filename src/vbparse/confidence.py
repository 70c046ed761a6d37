"""How sure we are: a confidence in [0, 1] for each header field, signature block and the zone split.

Runs after extraction on the finished Document and reads only what it says: each value is
checked against what the format rules say it must look like and against the other fields it
must agree with (the number's type code and the type line, the number's year and the date),
then lowered for what makes any reading doubtful (text read by OCR, converted from a legacy
encoding or repaired where it was found, a document whose text looks garbled). The factors are
few and coarse on purpose: they were set looking at the tune half of the gold set only, and
`vbparse eval --calibration` shows, per confidence band, how often the value was right.
"""

from __future__ import annotations

import regex

from .model import Document, Header, Signature, Span
from .patterns.tables import (
    ORGAN_HEADS, PARTY_HEADING, PARTY_TYPE_CODES, POSITIONS, STATE_HEADING, STATE_TYPE_CODES, YOUTH_HEADING,
)

# A value that passed every check.
SURE = 0.97
# A value that is present but fails a check of its own shape or of agreement with another field.
DOUBTFUL = 0.6
# A summary has no shape to check and ends where the layout says: never sure on its own.
SUMMARY = 0.85
# A value the shape checks say is probably not what the field holds.
UNLIKELY = 0.3

# Words that name an issuing body: a header line without one is probably not the issuer.
_BODY_WORDS = regex.compile(
    r"\b(?:ỦY|UỶ|UBND|HĐND|BAN|BỘ|SỞ|CỤC|TỔNG|VĂN PHÒNG|ĐẢNG|TỈNH ỦY|HUYỆN ỦY|THÀNH ỦY|ĐẢNG ỦY|CHI BỘ|"
    r"HỘI|CÔNG AN|QUÂN|TÒA|TOÀ|VIỆN|KIỂM TOÁN|NGÂN HÀNG|CHÍNH PHỦ|QUỐC HỘI|THỦ TƯỚNG|CHỦ TỊCH|ĐOÀN|"
    r"CÔNG TY|TRƯỜNG|BỆNH VIỆN|TRUNG TÂM|CHI CỤC|THANH TRA|MẶT TRẬN|LIÊN|TẬP ĐOÀN|HỌC VIỆN|ĐÀI|BÁO)\b"
    + "|" + "|".join(regex.escape(o) for o in ORGAN_HEADS)
)
_HEADINGS = {PARTY_HEADING, STATE_HEADING, YOUTH_HEADING}
_NAME = regex.compile(r"^(?:\p{Lu}[\p{Ll}]*\.?\s+){1,5}\p{Lu}[\p{Ll}]+$")
_TIME = regex.compile(r"\d{1,2}:\d{2}(?::\d{2})?|\+\d{2}:\d{2}")
# Diagnostics that make the text they cover doubtful.
_DOUBTFUL_TEXT = ("text.legacy_encoding", "number.repaired", "text.keyword_repaired")
_GARBLED = ("text.legacy_encoding_suspected", "text.diacritics_missing", "pdf.unmapped_glyphs")


def score(doc: Document) -> None:
    """Set `header.confidence`, each `signature.confidence` and each zone's confidence, in place."""
    header = doc.header
    if doc.kind != "document":
        return
    document_factor = _document_factor(doc)
    checks = {
        "heading": SURE if header.heading in _HEADINGS else (DOUBTFUL if header.heading else None),
        "issuer": _issuer(header),
        "parent_issuer": _issuer_like(header.parent_issuer),
        "number": _number(header),
        "place": SURE if header.place and "date" in header.spans else (DOUBTFUL if header.place else None),
        "date": _date(header),
        "doc_type": _doc_type(header),
        "summary": _summary(header.summary),
    }
    header.confidence = {
        name: round(value * document_factor * _span_factor(doc, header.spans.get(name)), 3)
        for name, value in checks.items()
        if value is not None
    }
    for signature in doc.signatures:
        signature.confidence = round(_signature(signature) * document_factor * _span_factor(doc, signature.span), 3)
    split = _split(doc) * document_factor
    for zone in doc.zones:
        zone.confidence = round(split, 3)


def _document_factor(doc: Document) -> float:
    """Doubt that covers the whole text: garbled text, OCR of a poor scan."""
    factor = 1.0
    if any(d.code.startswith(_GARBLED) and d.severity != "info" for d in doc.diagnostics):
        factor *= 0.5
    ocr = doc.source.ocr
    if ocr is not None and ocr.mean_confidence is not None:
        factor *= min(1.0, max(0.3, ocr.mean_confidence / 100))
    return factor


def _span_factor(doc: Document, span: Span | None) -> float:
    """Doubt about the place a value was read: repaired or converted text, an OCR'd page."""
    if span is None:
        return 1.0
    factor = 1.0
    for d in doc.diagnostics:
        if d.span is not None and d.code in _DOUBTFUL_TEXT and d.span.start < span.end and span.start < d.span.end:
            factor = min(factor, 0.85)
    ocr = doc.source.ocr
    if ocr is not None and (span.page is None or span.page in ocr.pages):
        factor *= 0.9
    return factor


def _issuer_like(value: str | None) -> float | None:
    if not value:
        return None
    if _TIME.search(value) or any(ch.isdigit() for ch in value):
        return UNLIKELY
    return SURE if value.isupper() and _BODY_WORDS.search(value) else DOUBTFUL


def _issuer(header: Header) -> float | None:
    if header.issuer and (header.issuer in _HEADINGS or "DỰ THẢO" in header.issuer):
        return UNLIKELY
    return _issuer_like(header.issuer)


def _number(header: Header) -> float | None:
    number = header.number
    if number is None:
        return None
    if not number.serial:
        return DOUBTFUL  # a blank serial: a draft, or written by hand
    code = number.type_code
    if code is None:
        return DOUBTFUL if header.doc_type != "Công văn" else SURE
    named = STATE_TYPE_CODES.get(code) or PARTY_TYPE_CODES.get(code)
    if named is None:
        return DOUBTFUL
    if header.doc_type and header.doc_type != named and not (code == "QĐ" and header.doc_type == "Quy định"):
        return DOUBTFUL
    return SURE


def _date(header: Header) -> float | None:
    if not header.date:
        return None
    year = int(header.date[:4])
    if not 1945 <= year <= 2100:
        return UNLIKELY
    if header.number and header.number.year and abs(header.number.year - year) > 1:
        return DOUBTFUL
    return SURE if "date" in header.spans else DOUBTFUL


def _doc_type(header: Header) -> float | None:
    if not header.doc_type:
        return None
    code = header.number.type_code if header.number else None
    if code:
        named = STATE_TYPE_CODES.get(code) or PARTY_TYPE_CODES.get(code)
        agrees = named == header.doc_type or (code == "QĐ" and header.doc_type == "Quy định")
        return SURE if agrees else DOUBTFUL
    return SURE if "doc_type" in header.spans or header.doc_type == "Công văn" else DOUBTFUL


def _summary(value: str | None) -> float | None:
    if not value:
        return None
    if _TIME.search(value) or len(value) < 8:
        return UNLIKELY
    return SUMMARY


def _signature(signature: Signature) -> float:
    name_ok = bool(signature.signer and _NAME.match(signature.signer))
    position_ok = signature.position is None or signature.position.upper() in POSITIONS or signature.position.isupper()
    if name_ok and position_ok and (signature.authority or signature.position):
        return SURE
    if name_ok or (signature.authority and signature.position):
        return DOUBTFUL
    return UNLIKELY


def _split(doc: Document) -> float:
    """The zone split is sure when the parts every issued document has were all found."""
    names = {zone.name for zone in doc.zones}
    found = sum(part in names for part in ("header", "body", "signature"))
    return {3: SURE, 2: DOUBTFUL}.get(found, UNLIKELY)
