"""Any input gives a Document or a typed error, in time linear in it and within the size limits.

Each property is tested on inputs made here and, when ../shared is there, on the reproducers
of ../shared/reliability (found by fuzzing). Times are generous absolute bounds, a guard
against the quadratic paths coming back (they took 5-300 s); ratios are in bench/bench_limits.py.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import vbparse
from vbparse.errors import InputTooLargeError, OcrFailedError, TruncatedInputError, VbparseError
from vbparse.extract.sections import MAX_SECTION_DEPTH
from vbparse.model import Document
from vbparse.normalise import prepare
from vbparse.pipeline import build_document
from vbparse.readers import base, docx
from vbparse.readers.base import Block, RawInput
from vbparse.readers.pdf_render import PageRenderer

from .conftest import SAMPLES, shared_path

HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 12/QĐ-UBND\nLâm Đồng, ngày 05 tháng 3 năm 2025\nQUYẾT ĐỊNH\nVề việc thử nghiệm\n"
)
SAMPLE_DOCX = SAMPLES / "docx" / "04-ubnd-quyet-dinh.docx"
SAMPLE_PDF = SAMPLES / "pdf" / "01-party-cong-van.pdf"
TIME_BOUND = 5.0  # seconds; the quadratic paths took 5 to 300


def parse(tmp_path: Path, data: bytes | str, suffix: str = ".txt", **options) -> Document:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return vbparse.parse(str(path), **options)


def timed(tmp_path: Path, data: bytes | str, suffix: str = ".txt") -> tuple[Document, float]:
    start = time.process_time()
    doc = parse(tmp_path, data, suffix)
    doc.model_dump_json()
    return doc, time.process_time() - start


def depth(sections) -> int:
    return 1 + max((depth(s.children) for s in sections), default=0) if sections else 0


def reliability(name: str) -> Path:
    return shared_path("reliability", name)


# --- item 16: a damaged DOCX container is a typed error --------------------------------------

def _central_directory_moved(data: bytes, by: int) -> bytes:
    """The end record's central-directory offset moved: zipfile then seeks before the start."""
    eocd = data.rindex(b"PK\x05\x06")
    (offset,) = struct.unpack_from("<I", data, eocd + 16)
    return data[:eocd + 16] + struct.pack("<I", offset + by) + data[eocd + 20:]


@pytest.mark.parametrize("by", [100_000, 5_000, 40])
def test_docx_bad_central_directory_offset_is_truncated(tmp_path, by):
    with pytest.raises(TruncatedInputError):
        parse(tmp_path, _central_directory_moved(SAMPLE_DOCX.read_bytes(), by), ".docx")


@pytest.mark.parametrize("name", ["docx-negative-seek.min.docx", "docx-eocd-offset-plus-100000.docx"])
def test_docx_reproducers_are_typed_errors(tmp_path, name):
    with pytest.raises(TruncatedInputError):
        parse(tmp_path, reliability(name).read_bytes(), ".docx")


# --- item 22: limits on what an input expands to -----------------------------------------------

def _docx_with_body(body: bytes, *, declared_size: int | None = None) -> bytes:
    """The sample DOCX with its document.xml replaced; `declared_size` makes the ZIP lie."""
    out = io.BytesIO()
    with zipfile.ZipFile(SAMPLE_DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = body if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info.filename, data, compresslevel=1)
    data = out.getvalue()
    if declared_size is not None:  # the central directory's uncompressed size of document.xml
        entry = data.index(b"PK\x01\x02")
        while data[entry + 46:entry + 63] != b"word/document.xml":
            entry = data.index(b"PK\x01\x02", entry + 4)
        data = data[:entry + 24] + struct.pack("<I", declared_size) + data[entry + 28:]
    return data


def _document_xml(paragraphs: int, text: str = "Nội dung của đoạn văn") -> bytes:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    para = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    return f"<w:document {w}><w:body>".encode() + para * paragraphs + b"</w:body></w:document>"


def test_docx_expanding_past_the_part_limit_is_too_large_and_quick(tmp_path):
    # 80 MB of paragraphs in a ZIP of under 1 MB: refused while inflating, not after
    body = _document_xml(80 * 1024 * 1024 // 50)
    assert len(body) > docx.MAX_PART_BYTES
    data = _docx_with_body(body)
    assert len(data) < 1_000_000
    start = time.process_time()
    with pytest.raises(InputTooLargeError):
        parse(tmp_path, data, ".docx")
    assert time.process_time() - start < TIME_BOUND


def test_docx_member_lying_about_its_size_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(docx, "MAX_PART_BYTES", 200_000)
    data = _docx_with_body(_document_xml(20_000), declared_size=1_000)
    with pytest.raises((InputTooLargeError, TruncatedInputError)):
        parse(tmp_path, data, ".docx")


def test_docx_of_many_tags_is_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(docx, "MAX_PART_TAGS", 10_000)
    with pytest.raises(InputTooLargeError):
        parse(tmp_path, _docx_with_body(_document_xml(5_000)), ".docx")
    assert parse(tmp_path, _docx_with_body(_document_xml(500)), ".docx").text.count("Nội dung") == 500


def test_text_over_the_limits_is_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(base, "MAX_TEXT_CHARS", 5_000)
    with pytest.raises(InputTooLargeError, match="characters"):
        parse(tmp_path, HEADER + "Một dòng dài. " * 1_000)
    monkeypatch.setattr(base, "MAX_LINES", 100)
    with pytest.raises(InputTooLargeError, match="lines"):
        parse(tmp_path, HEADER + "x\n" * 200)
    assert parse(tmp_path, HEADER + "x\n" * 50).header.number.text == "12/QĐ-UBND"


def test_text_four_times_the_character_limit_is_refused_before_decoding(tmp_path):
    data = b"a" * (4 * base.MAX_TEXT_CHARS + 4)
    start = time.process_time()
    with pytest.raises(InputTooLargeError):
        parse(tmp_path, data)
    assert time.process_time() - start < TIME_BOUND


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_pdf_text_over_the_limit_is_too_large(tmp_path, monkeypatch, engine):
    monkeypatch.setattr(base, "MAX_TEXT_CHARS", 300)
    with pytest.raises(InputTooLargeError):
        parse(tmp_path, SAMPLE_PDF.read_bytes(), ".pdf", pdf_engine=engine, ocr="never")


# --- item 17: the pdfplumber engine ------------------------------------------------------------

@pytest.mark.parametrize("box", [b"[0 0 595.303937007874]", b"[0 0 (x) 841.889763779528]", b"[0 0 /A 1]", b"null"])
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_malformed_mediabox_is_a_document_or_a_typed_error(tmp_path, box, engine):
    data = SAMPLE_PDF.read_bytes()
    first = data.index(b"/MediaBox") + len(b"/MediaBox")
    data = data[:first] + box + data[data.index(b"]", first) + 1:]
    try:
        doc = parse(tmp_path, data, ".pdf", pdf_engine=engine, ocr="never")
    except VbparseError:
        return
    doc.model_dump_json()


def test_pdfplumber_malformed_page_costs_that_page_only(tmp_path):
    data = SAMPLE_PDF.read_bytes()
    first = data.index(b"/MediaBox") + len(b"/MediaBox")
    data = data[:first] + b"[0 0 (x) 841.889763779528]" + data[data.index(b"]", first) + 1:]
    doc = parse(tmp_path, data, ".pdf", pdf_engine="pdfplumber", ocr="never")
    unreadable = [d for d in doc.diagnostics if d.code == "pdf.page_unreadable"]
    assert len(unreadable) == 1 and "page 1 " in unreadable[0].message


def test_page_renderer_on_what_pdfium_cannot_open():
    renderer = PageRenderer(b"%PDF-1.4 not really a PDF %%EOF")
    assert renderer.image_share(0) == 0.0  # no image is known to be there: no scan
    with pytest.raises(OcrFailedError):
        renderer.render(0, 300)
    renderer.close()


# --- item 18: no RecursionError, whatever the depth ----------------------------------------------

def test_restarted_lists_are_siblings(tmp_path):
    doc, _ = timed(tmp_path, HEADER + "1. Một việc.\n2. Hai việc.\n" * 520)
    assert depth(doc.sections) == 1
    assert [s.label for s in doc.sections[:4]] == ["1", "2", "1", "2"]
    assert len(doc.sections) == 1040


def test_a_list_introduced_by_a_colon_nests(tmp_path):
    text = HEADER + "Điều 1. Sửa đổi\n1. Bổ sung khoản 3 như sau:\n1. Khoản mới một.\n2. Khoản mới hai.\n2. Hết.\n"
    doc = parse(tmp_path, text)
    clause = doc.sections[0].children[0]
    assert [c.label for c in doc.sections[0].children] == ["1", "2"]
    assert [c.label for c in clause.children] == ["1", "2"]


def test_tree_depth_is_bounded_and_round_trips(tmp_path):
    doc, _ = timed(tmp_path, HEADER + "1. Việc sau đây:\n" * 600 + "a) x\n" * 600)
    assert depth(doc.sections) == MAX_SECTION_DEPTH
    assert "sections.too_deep" in {d.code for d in doc.diagnostics}
    again = Document.model_validate_json(doc.model_dump_json())
    assert depth(again.sections) == MAX_SECTION_DEPTH


def test_point_labels_do_not_nest(tmp_path):
    doc, _ = timed(tmp_path, HEADER + "".join(f"{c}) Điểm {c}.\n" for c in "abcdeghik") * 600)
    assert depth(doc.sections) == 1


@pytest.mark.parametrize(
    "name", ["deep-list-restarts-520.txt", "deep-list-restarts-600.txt", "point-labels-lines-192kb.txt"]
)
def test_deep_list_reproducers_parse(tmp_path, name):
    doc, seconds = timed(tmp_path, reliability(name).read_bytes())
    assert 1 <= depth(doc.sections) <= MAX_SECTION_DEPTH
    assert seconds < TIME_BOUND


# --- item 19: linear paths ------------------------------------------------------------------------

def test_many_so_in_a_header_line(tmp_path):
    _, seconds = timed(tmp_path, "Số " * 4000 + "\nQUYẾT ĐỊNH\nVề việc thử\n")
    assert seconds < TIME_BOUND
    doc, _ = timed(tmp_path, "ỦY BAN NHÂN DÂN\n" + "Số " * 4000 + "12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thử\n")
    assert doc.header.number.text == "12/QĐ-UBND"


def test_long_line_of_decimal_labels(tmp_path):
    doc, seconds = timed(tmp_path, HEADER + "1." * 128_000 + "\n")
    assert seconds < TIME_BOUND
    assert doc.sections == []  # no label runs 128,000 levels deep


def test_decimal_labels_still_read(tmp_path):
    doc = parse(tmp_path, HEADER + "1. Chung\n1.1. Phạm vi\n1.1.1. Đối tượng\n1.1.1.1.1.1.1.1 Tám cấp\n")
    labels = [doc.sections[0].label, doc.sections[0].children[0].label, doc.sections[0].children[0].children[0].label]
    assert labels == ["1", "1.1", "1.1.1"]


def test_many_annex_lines(tmp_path):
    _, seconds = timed(tmp_path, HEADER + "Phụ lục  x\n" * 8000)
    assert seconds < TIME_BOUND


@pytest.mark.parametrize(
    "name", ["so-repeated-4000.txt", "numbered-labels-line-256kb.txt", "text-slow-16s-input-9082.txt"]
)
def test_slow_reproducers_are_quick(tmp_path, name):
    _, seconds = timed(tmp_path, reliability(name).read_bytes())
    assert seconds < TIME_BOUND


# --- lone surrogates: valid UTF-8 out ----------------------------------------------------------

def test_lone_surrogate_is_replaced_at_the_reader_boundary():
    raw = RawInput([Block("CÔNG VĂN"), Block("Nội dung \udc44 hết.")], "pdf", "0" * 64, None, 1, [],
                   {"signer": "Sở \ud800"})
    doc = build_document(prepare(raw), None)
    out = doc.model_dump_json().encode("utf-8")
    assert "\ufffd" in doc.text and b"\\ud" not in out.lower()
    assert doc.source.digital_signature.signer == "Sở \ufffd"
    notes = [d for d in doc.diagnostics if d.code == "text.invalid_characters"]
    assert len(notes) == 1 and "replaced 2 " in notes[0].message


def test_lone_surrogate_pdf_gives_utf8_json_from_the_cli():
    path = reliability("pdf-lone-surrogate-in-text.pdf")
    result = subprocess.run(
        [sys.executable, "-m", "vbparse", "parse", str(path), "--ocr", "never"], capture_output=True, timeout=300
    )
    assert result.returncode in (0, 1), result.stderr.decode("utf-8", "replace")[-2000:]
    data = json.loads(result.stdout.decode("utf-8"))
    assert "text.invalid_characters" in {d["code"] for d in data["diagnostics"]}
