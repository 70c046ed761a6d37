"""Linear time and bounded memory on adversarial inputs.

Time: each generated input (a header line repeating "Số ", a line of "1.1.1…", a list
restarting hundreds of times, thousands of annex and point lines, a plain document) is parsed at
n and at 4n; linear work gives a ratio near 4 (CPU time, best of --rounds), a quadratic path 16.

Memory: a fresh child process parses an input at the reader limits (readers/base.py: the text
limit in characters; the line limit in short lines; a DOCX part at its tag limit) and reports
its peak RSS, against the baseline of the same child parsing a small sample. --scale takes a
fraction of the limits (a full run takes minutes on a small machine).

Usage: python bench/bench_limits.py [--n 2000] [--rounds 2] [--scale 1.0] [--skip-memory]
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import vbparse  # noqa: E402
from vbparse.readers import base, docx  # noqa: E402

HEADER = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/QĐ-UBND\nLâm Đồng, ngày 05 tháng 3 năm 2025\nQUYẾT ĐỊNH\nVề việc thử\n"
SAMPLE = (REPO / "samples" / "04-ubnd-quyet-dinh.txt").read_text(encoding="utf-8")
INPUTS = {
    "'Số ' repeated in a header line": lambda n: "ỦY BAN NHÂN DÂN\n" + "Số " * n + "12/QĐ-UBND\nQUYẾT ĐỊNH\n",
    "one line of '1.1.1…'": lambda n: HEADER + "1." * (16 * n) + "\n",
    "a list restarting n times": lambda n: HEADER + "1. Một việc.\n2. Hai việc.\n" * n,
    "n lines opening a list ('… như sau:')": lambda n: HEADER + "1. Việc sau đây:\n" * n,
    "n point lines 'a)'": lambda n: HEADER + "a) Điểm.\n" * n,
    "n annex lines": lambda n: HEADER + "Phụ lục  x\n" * n,
    "n signing lines": lambda n: HEADER + "TM. ỦY BAN NHÂN DÂN\n" * n,
    "a document n/20 times over": lambda n: SAMPLE * max(1, n // 20),
}


def cpu_seconds(text: str, rounds: int, folder: Path) -> float:
    path = folder / "input.txt"
    path.write_text(text, encoding="utf-8")
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        try:
            vbparse.parse(str(path)).model_dump_json()
        except vbparse.errors.VbparseError:
            pass
        best = min(best, time.process_time() - start)
    return best


def time_ratios(n: int, rounds: int, folder: Path) -> None:
    print(f"time (CPU s, best of {rounds}) at n = {n} and 4n; linear ~4, quadratic ~16")
    cpu_seconds(SAMPLE, 1, folder)  # imports and first-use set-up out of the measurements
    for name, make in INPUTS.items():
        small, large = cpu_seconds(make(n), rounds, folder), cpu_seconds(make(4 * n), rounds, folder)
        print(f"  {name:42} {small:7.2f} {large:7.2f}   ratio {large / max(small, 1e-3):5.1f}", flush=True)


CHILD = """
import resource, sys, vbparse
path = sys.argv[1]
try:
    vbparse.parse(path).model_dump_json()
    status = "parsed"
except vbparse.errors.VbparseError as exc:
    status = exc.code
print(status, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def peak(path: Path) -> tuple[str, int, float]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"}).stdout.split()
    return out[0], int(out[1]), time.perf_counter() - start


def memory(scale: float, folder: Path) -> None:
    chars, lines, tags = int(base.MAX_TEXT_CHARS * scale), int(base.MAX_LINES * scale), int(docx.MAX_PART_TAGS * scale)
    line = "Các cơ quan, đơn vị triển khai thực hiện nghiêm túc nội dung của văn bản này.\n"
    # 14 tags a paragraph: the tag limit is reached before the line limit
    paragraph = "<w:p>" + "<w:r><w:t>Các cơ quan thực hiện. </w:t></w:r>" * 3 + "</w:p>"
    cases = {
        "small sample (baseline)": ("sample.txt", SAMPLE.encode()),
        f"text, {chars:,} characters": ("chars.txt", (HEADER + line * (chars // len(line)))[:chars].encode()),
        f"text, {lines:,} short lines": ("lines.txt", (HEADER + "a) x.\n" * (lines - 10)).encode()),
        f"DOCX, {tags:,} tags": ("tags.docx", _docx(paragraph * (tags // 14 - 10))),
    }
    print(f"peak RSS of a child process parsing inputs at {scale:g} x the limits")
    for name, (file, data) in cases.items():
        path = folder / file
        path.write_bytes(data)
        status, rss, seconds = peak(path)
        print(f"  {name:38} {len(data) / 1e6:7.1f} MB  {status:16} {rss:6} MB peak  {seconds:6.1f} s", flush=True)


def _docx(body: str) -> bytes:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:document {w}><w:body>{body}</w:body></w:document>")
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        time_ratios(args.n, args.rounds, Path(folder))
        if not args.skip_memory:
            memory(args.scale, Path(folder))


if __name__ == "__main__":
    main()
