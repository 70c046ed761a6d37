"""The document model: the output contract of vbparse.

JSON field names here are public API (see schemas/document.schema.json, generated from
these classes by `vbparse schema`). Fields may be added; existing ones are never renamed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "0.1"

Family = Literal["party", "administrative", "normative"]
Severity = Literal["info", "warning", "error"]
SectionStyle = Literal[
    "letter",  # A. B. C.
    "roman",  # I. II. / I- II-
    "arabic",  # 1. 2. / 1- 2-
    "decimal",  # 1.1. 1.2.1.
    "alpha",  # a) b) đ)
    "bullet",  # - + *
    "part",  # Phần I / Phần thứ nhất
    "chapter",  # Chương I
    "section",  # Mục 1
    "subsection",  # Tiểu mục 1
    "article",  # Điều 5.
    "clause",  # khoản: 1. inside an Điều
    "point",  # điểm: a) inside a khoản or Điều
    "annex",  # Phụ lục I
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Where an item came from: [start, end) in `Document.text`, and its page when known."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, description="1-based page number, for paged formats")
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="x0, top, x1, bottom in PDF points, when the format has boxes"
    )


class DigitalSignature(_Model):
    """The signing stamp printed on electronically signed PDFs ("Ký bởi: …", "Thời gian ký: …")."""

    signer: str | None = None
    time: str | None = Field(default=None, description="as printed, e.g. '19.01.2026 16:20:29 +07:00'")
    organization: str | None = None
    email: str | None = None


class Ocr(_Model):
    """What OCR read: the pages of a scan, or every page of an image."""

    engine: Literal["tesseract"] = "tesseract"
    version: str = Field(description="engine version, e.g. '5.3.0'")
    language: str = Field(description="Tesseract model, 'vie'")
    dpi: int | None = Field(
        description="resolution read at: PDF pages are rendered at it, images keep theirs from 150 dpi up"
    )
    pages: list[int] = Field(description="1-based pages read by OCR")
    mean_confidence: float | None = Field(description="mean word confidence, 0-100")


class Source(_Model):
    path: str | None = Field(description="input path as given; null for bytes/text/stdin")
    format: Literal["text", "docx", "pdf", "image", "html"]
    sha256: str = Field(description="hex SHA-256 of the input bytes")
    encoding: str | None = Field(
        description="the codec, then '+' each conversion found: 'utf-8', 'utf-8+tcvn3', 'tcvn3', 'vni', "
                    "'cp1258', 'utf-8+nfd', 'unicode-low-byte'"
    )
    pages: int | None = Field(default=None, description="page count, for paged formats")
    digital_signature: DigitalSignature | None = None
    ocr: Ocr | None = Field(default=None, description="set when some text was read by OCR")


class DocumentNumber(_Model):
    raw: str = Field(description="as written, e.g. 'Số: 30/2020/ND-CP' -> '30/2020/ND-CP'")
    text: str = Field(description="normalised full form: '307-NQ/TU', '128/NQ-CP', '12'")
    serial: str | None = Field(description="the number itself, e.g. '307'; null when left blank")
    year: int | None = None
    type_code: str | None = Field(default=None, description="e.g. 'NQ', 'QĐ', 'TTr'")
    issuer_code: str | None = Field(default=None, description="e.g. 'TU', 'CP', 'UBND-VP'")
    family: Family | None = None


class Header(_Model):
    heading: str | None = Field(default=None, description="ĐẢNG CỘNG SẢN VIỆT NAM or the national name")
    motto: str | None = Field(default=None, description="Độc lập - Tự do - Hạnh phúc")
    issuer: str | None = None
    parent_issuer: str | None = None
    number: DocumentNumber | None = None
    place: str | None = None
    date: str | None = Field(default=None, description="ISO date YYYY-MM-DD")
    doc_type: str | None = Field(default=None, description="canonical type name, e.g. 'Nghị quyết'")
    summary: str | None = Field(default=None, description="trích yếu")
    family: Family | None = Field(default=None, description="rulebook the document follows")
    spans: dict[str, Span] = Field(
        default_factory=dict, description="where each header field was found, by field name"
    )
    confidence: dict[str, float] = Field(
        default_factory=dict,
        description="how sure the parse is of each header field found, by field name, in [0, 1]; calibrated so "
        "that values at 0.9 or more are right at least 99% of the time (vbparse eval --calibration)",
    )


class Section(_Model):
    label: str = Field(description="'A', 'II', '3', '1.2', 'a', '-', 'Điều 5', 'Chương I'")
    style: SectionStyle
    heading: str | None = None
    text: str = Field(description="the section's own text, without its children")
    children: list[Section] = Field(default_factory=list)
    span: Span


class Citation(_Model):
    raw: str
    doc_type: str | None = Field(description="canonical type name of the cited document")
    number: DocumentNumber | None = Field(description="null for named references")
    date: str | None = Field(default=None, description="ISO date; YYYY when only the year is given")
    issuer: str | None = Field(default=None, description="the 'của …' phrase")
    name: str | None = Field(
        default=None, description="name of a named reference: 'Trung ương 6 khóa XIII'"
    )
    span: Span


class Signature(_Model):
    mode: Literal["TM", "KT", "TL", "TUQ", "Q"] | None = None
    authority: list[str] = Field(default_factory=list, description="signing prefix lines in order")
    position: str | None = None
    signer: str | None = None
    span: Span
    confidence: float | None = Field(default=None, ge=0, le=1, description="how sure the parse is of this block")


class Diagnostic(_Model):
    severity: Severity
    code: str = Field(description="stable dotted code, e.g. 'header.number.missing'")
    message: str
    span: Span | None = None


class Zone(_Model):
    """A segment of the document found by the segmenter."""

    name: Literal["boilerplate", "header", "recipients", "preamble", "body", "signature", "distribution", "byline"]
    span: Span
    confidence: float | None = Field(default=None, ge=0, le=1, description="how sure the parse is of the zone split")


class Document(_Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    kind: Literal["document", "report"]
    title: str | None = None
    header: Header = Field(default_factory=Header)
    recipients: list[str] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list, description="the body's sections")
    annexes: list[Section] = Field(
        default_factory=list,
        description="annexes and forms after the signature (PHỤ LỤC I, Mẫu số 01), each with its own sections",
    )
    citations: list[Citation] = Field(default_factory=list)
    signatures: list[Signature] = Field(default_factory=list)
    distribution: list[str] = Field(default_factory=list)
    author: str | None = Field(default=None, description="byline of a report")
    zones: list[Zone] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    attachments: list[Document] = Field(
        default_factory=list,
        description="further documents bundled in the same file (an attached regulation, more letters); "
        "each one's spans index its own text",
    )
    text: str = Field(description="the normalised text every span indexes")

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics) or any(a.has_errors for a in self.attachments)
