#!/usr/bin/env python3
"""Make "scans" of the PDF twins: page images with scan-like wear, for the OCR tests.

    python scripts/make_scans.py [--out DIR] [--dpi N] [STEM ...]

For each samples/pdf/<stem>.pdf (all of them, or the stems given) this writes to DIR
(default: scans/ in the current directory):

- <stem>-scan.pdf      an image-only PDF, one JPEG page image per page and no text layer;
- <stem>-scan.tiff     the same pages as one multi-page TIFF;
- <stem>-scan-p<N>.png each page as a PNG.

Each page is rendered in grey at --dpi (default 300, an office scanner's setting), put on an
off-white paper tone with less contrast, turned by up to ±0.5°, softened, given sensor noise
and a few specks, and passed through JPEG at a low quality. The wear is drawn from a random
generator seeded by the stem and page number, and the PDF is written by hand without dates, so
a run gives byte-identical files (for the same Pillow and PDFium).
"""

from __future__ import annotations

import argparse
import io
import random
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
TWINS = ROOT / "samples" / "pdf"

PAPER = 236  # grey of the paper
INK = 40  # grey of black print
MAX_TURN = 0.5  # degrees either way
NOISE = 0.08  # share of uniform noise blended into each pixel
SPECKS = 40  # dust and toner specks per page
JPEG_QUALITY = 55


def worn_page(page: pdfium.PdfPage, dpi: int, rng: random.Random) -> bytes:
    """The page as a JPEG of a worn grey scan."""
    image = page.render(scale=dpi / 72, grayscale=True, draw_annots=False).to_pil().convert("L")
    image = image.point(lambda v: INK + (PAPER - INK) * v // 255)
    image = image.rotate(rng.uniform(-MAX_TURN, MAX_TURN), Image.BICUBIC, fillcolor=PAPER)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    noise = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
    image = Image.blend(image, noise, NOISE)
    draw = ImageDraw.Draw(image)
    for _ in range(SPECKS):
        x, y, r = rng.randrange(image.width), rng.randrange(image.height), rng.uniform(0.5, 2.0)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice((INK, INK + 40, PAPER + 15)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, dpi=(dpi, dpi))
    return out.getvalue()


def image_pdf(pages: list[bytes], sizes: list[tuple[float, float]]) -> bytes:
    """A PDF whose pages are the given JPEGs (grey, DCTDecode), each filling its page."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for jpeg, (width, height) in zip(pages, sizes):
        with Image.open(io.BytesIO(jpeg)) as im:
            pixels = im.size
        first = len(objects) + 1  # page, contents, image
        kids.append(b"%d 0 R" % first)
        draw = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (width, height)
        objects += [
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R"
            b" /Resources << /XObject << /Im0 %d 0 R >> >> >>" % (width, height, first + 1, first + 2),
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(draw), draw),
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
            b" /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (*pixels, len(jpeg))
            + jpeg + b"\nendstream",
        ]
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


FORMATS = ("pdf", "tiff", "png")


def make_scans(twin: Path, out: Path, dpi: int = 300, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write the scans of one twin in the given formats; return the files written."""
    stem = twin.stem
    pdf = pdfium.PdfDocument(twin)
    try:
        jpegs, sizes = [], []
        for index in range(len(pdf)):
            page = pdf[index]
            jpegs.append(worn_page(page, dpi, random.Random(f"{stem}:{index + 1}")))
            sizes.append(page.get_size())
            page.close()
    finally:
        pdf.close()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    if "pdf" in formats:
        written.append(out / f"{stem}-scan.pdf")
        written[-1].write_bytes(image_pdf(jpegs, sizes))
    images = [Image.open(io.BytesIO(jpeg)) for jpeg in jpegs]
    if "tiff" in formats:
        written.append(out / f"{stem}-scan.tiff")
        images[0].save(written[-1], save_all=True, append_images=images[1:], compression="tiff_lzw", dpi=(dpi, dpi))
    if "png" in formats:
        for number, image in enumerate(images, 1):
            written.append(out / f"{stem}-scan-p{number}.png")
            image.save(written[-1], dpi=(dpi, dpi), compress_level=1)  # fast: noise compresses badly
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stems", nargs="*", help="twins to scan (default: all of samples/pdf)")
    parser.add_argument("--out", type=Path, default=Path("scans"))
    parser.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args(argv)
    twins = [TWINS / f"{stem}.pdf" for stem in args.stems] or sorted(TWINS.glob("*.pdf"))
    missing = [t.name for t in twins if not t.exists()]
    if missing:
        parser.error(f"no such twin: {', '.join(missing)}")
    for twin in twins:
        for path in make_scans(twin, args.out, args.dpi):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
