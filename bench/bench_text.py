"""Plain-text parsing speed, as a ratio to a baseline measured in the same run.

Baseline: read + decode + NFC-normalise the same files (the least any parser must do).
Usage: python bench/bench_text.py [--rounds N]
Inputs: samples/*.txt, and ../shared/seeds and ../shared/corpus/txt when present.
"""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path

import vbparse
from vbparse.readers.text import decode

from timing import best_of

REPO = Path(__file__).resolve().parent.parent


def inputs() -> list[Path]:
    shared = REPO.parent / "shared"
    files = sorted((REPO / "samples").glob("*.txt"))
    files += sorted((shared / "seeds").glob("*.txt")) + sorted((shared / "corpus" / "txt").glob("*.txt"))
    return files



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    files = inputs()
    blobs = [p.read_bytes() for p in files]
    size_kb = sum(map(len, blobs)) / 1024
    baseline = best_of(args.rounds, lambda b: unicodedata.normalize("NFC", decode(b)[0]), blobs)
    full = best_of(args.rounds, vbparse.parse_bytes, blobs)
    print(f"{len(files)} files, {size_kb:.0f} KiB, best of {args.rounds} rounds")
    print(f"baseline (decode + NFC): {baseline * 1000:8.1f} ms  {size_kb / baseline:10.0f} KiB/s")
    print(f"vbparse.parse_bytes    : {full * 1000:8.1f} ms  {size_kb / full:10.0f} KiB/s  {len(files) / full:7.1f} docs/s")
    print(f"ratio parse/baseline   : {full / baseline:8.1f}x")


if __name__ == "__main__":
    main()
