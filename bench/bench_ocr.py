"""OCR accuracy and speed by render resolution, on scans made from the PDF twins.

scripts/make_scans.py turns each samples/pdf twin into a worn image-only PDF (300 dpi grey
JPEG pages, turned, noisy); each is parsed with its pages rendered for OCR at each resolution.
Printed per resolution: seconds per page (wall time of the whole parse, pages recognised in
parallel on every core, and the cores), the character error rate of the text against the
twin's text layer (edit distance over characters, whitespace runs as one space), and how many
documents keep the twin's header number, date, issuer and signer.

Usage: python bench/bench_ocr.py [--dpi 150 200 300 ...] [STEM ...]
Needs Tesseract with its Vietnamese model (apt-get install tesseract-ocr tesseract-ocr-vie).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import regex

from vbparse.model import Document
from vbparse.normalise import prepare
from vbparse.pipeline import build_document
from vbparse.readers.ocr import find_tesseract
from vbparse.readers.pdf import read_pdf

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from make_scans import TWINS, make_scans  # noqa: E402

SPACES = regex.compile(r"\s+")
FIELDS = ("number", "date", "issuer", "signer")


def levenshtein(a: str, b: str) -> int:
    """Edit distance, bit-parallel (Hyyrö 2003): one pass over `b`, `a` as the bits of an int."""
    if not a:
        return len(b)
    full = (1 << len(a)) - 1
    top = 1 << (len(a) - 1)
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | 1 << i
    plus, minus, score = full, 0, len(a)
    for ch in b:
        eq = masks.get(ch, 0)
        xv = eq | minus
        xh = (((eq & plus) + plus) ^ plus) | eq
        h_plus = minus | (~(xh | plus) & full)
        h_minus = plus & xh
        if h_plus & top:
            score += 1
        elif h_minus & top:
            score -= 1
        h_plus = (h_plus << 1) | 1
        h_minus <<= 1
        plus = h_minus | (~(xv | h_plus) & full)
        minus = h_plus & xv
    return score


def fields(doc: Document) -> dict[str, str | None]:
    header = doc.header
    return {
        "number": header.number.text if header.number else None, "date": header.date, "issuer": header.issuer,
        "signer": doc.signatures[-1].signer if doc.signatures else None,
    }


def parse_pdf(data: bytes, ocr: str = "auto", dpi: int = 300) -> Document:
    return build_document(prepare(read_pdf(data, ocr=ocr, ocr_dpi=dpi)), None)


def flat(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stems", nargs="*", help="twins to scan (default: all of samples/pdf)")
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300, 400])
    args = parser.parse_args()
    tesseract = find_tesseract()
    if tesseract is None:
        sys.exit("bench_ocr: Tesseract with the Vietnamese model is not installed")
    twins = [TWINS / f"{stem}.pdf" for stem in args.stems] or sorted(TWINS.glob("*.pdf"))
    with tempfile.TemporaryDirectory() as tmp:
        scans = {twin: Path(tmp, f"{twin.stem}-scan.pdf").read_bytes() for twin in twins if make_scans(twin, Path(tmp))}
    truth = {twin: parse_pdf(twin.read_bytes(), ocr="never") for twin in twins}
    pages = sum(t.source.pages for t in truth.values())
    print(f"Tesseract {tesseract.version}, {len(twins)} scans, {pages} pages, {os.cpu_count()} cores")
    print(f"{'dpi':>5} {'s/page':>8} {'CER %':>7}  " + "  ".join(f"{name:>7}" for name in FIELDS))
    for dpi in args.dpi:
        start = time.perf_counter()
        docs = {twin: parse_pdf(scans[twin], dpi=dpi) for twin in twins}
        seconds = time.perf_counter() - start
        errors = sum(levenshtein(flat(truth[t].text), flat(docs[t].text)) for t in twins)
        chars = sum(len(flat(truth[t].text)) for t in twins)
        right = {name: sum(fields(docs[t])[name] == fields(truth[t])[name] for t in twins) for name in FIELDS}
        print(f"{dpi:>5} {seconds / pages:>8.2f} {100 * errors / chars:>7.2f}  "
              + "  ".join(f"{right[name]:>4}/{len(twins):<2}" for name in FIELDS))


if __name__ == "__main__":
    main()
