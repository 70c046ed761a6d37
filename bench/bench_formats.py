"""PDF and DOCX parsing speed, as ratios to baselines measured in the same run.

PDF: raw text extraction with pdfplumber `extract_text` and with pypdfium2 `get_text_range`,
against vbparse's full parse (default engine, and --pdf-engine pdfplumber).
DOCX: python-docx opening each file and iterating its paragraphs and table cells, against
vbparse's full parse.
Targets (issue 3): full PDF parse >= 10x faster than pdfplumber extract_text and within 3x
of raw pypdfium2; DOCX parse within 2x of python-docx open+iterate.

Usage: python bench/bench_formats.py [--rounds N] [--pdf DIR] [--docx DIR]
Default inputs: ../shared/corpus/pdf and ../shared/corpus/docx plus samples/pdf, samples/docx.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import docx
import pdfplumber
import pypdfium2

import vbparse

from timing import best_of

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def pdfplumber_text(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def pdfium_text(data: bytes) -> None:
    pdf = pypdfium2.PdfDocument(data)
    try:
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


def pdf_pages(data: bytes) -> int:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def docx_iterate(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                cell.text


def parse_quietly(engine: str):
    def run(data: bytes) -> None:
        try:
            vbparse.parse_bytes(data, pdf_engine=engine)
        except vbparse.VbparseError:
            pass  # encrypted or broken files cost what they cost

    return run


def report(name: str, seconds: float, units: float, unit: str, baseline: float | None = None) -> None:
    ratio = f"  {baseline / seconds:6.2f}x faster than pdfplumber" if baseline else ""
    print(f"  {name:<34} {seconds * 1000:9.1f} ms  {units / seconds:9.1f} {unit}/s{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pdf", type=Path, action="append")
    parser.add_argument("--docx", type=Path, action="append")
    args = parser.parse_args()
    pdf_dirs = args.pdf or [CORPUS / "pdf", REPO / "samples" / "pdf"]
    docx_dirs = args.docx or [CORPUS / "docx", REPO / "samples" / "docx"]

    pdfs = [p.read_bytes() for d in pdf_dirs if d.exists() for p in sorted(d.glob("*.pdf"))]
    if pdfs:
        pages = sum(map(pdf_pages, pdfs))
        print(f"PDF: {len(pdfs)} files, {pages} pages, best of {args.rounds}")
        plumber = best_of(args.rounds, pdfplumber_text, pdfs)
        pdfium = best_of(args.rounds, pdfium_text, pdfs)
        full = best_of(args.rounds, parse_quietly("pdfium"), pdfs)
        full_plumber = best_of(1, parse_quietly("pdfplumber"), pdfs)
        report("pdfplumber extract_text", plumber, pages, "pages")
        report("pypdfium2 get_text_range", pdfium, pages, "pages", plumber)
        report("vbparse.parse (pdfium)", full, pages, "pages", plumber)
        report("vbparse.parse (pdfplumber)", full_plumber, pages, "pages", plumber)
        print(f"  full parse / raw pypdfium2: {full / pdfium:.2f}x  (target <= 3x)")
        print(f"  pdfplumber / full parse:    {plumber / full:.2f}x  (target >= 10x)")

    docs = [p.read_bytes() for d in docx_dirs if d.exists() for p in sorted(d.glob("*.docx"))]
    if docs:
        print(f"DOCX: {len(docs)} files, best of {args.rounds}")
        iterate = best_of(args.rounds, docx_iterate, docs)
        full = best_of(args.rounds, parse_quietly("pdfium"), docs)
        report("python-docx open + iterate", iterate, len(docs), "files")
        report("vbparse.parse", full, len(docs), "files")
        print(f"  full parse / python-docx: {full / iterate:.2f}x  (target <= 2x)")


if __name__ == "__main__":
    main()
