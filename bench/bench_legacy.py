"""Parse time of legacy-encoded text relative to the Unicode original, in the same run.

Every samples/*.txt is retyped in TCVN3 and in VNI (tests/legacy_encode.py) and parsed as bytes;
the baseline is parsing the UTF-8 original. The three forms take turns within each round, so
load on the machine falls on all of them alike; the best round of each is kept.
Target: legacy / Unicode <= 1.3x.
Usage: python bench/bench_legacy.py [--rounds N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import vbparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.legacy_encode import tcvn3_bytes, vni_bytes  # noqa: E402 - the test helper is the encoder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    texts = [p.read_text("utf-8-sig") for p in sorted((REPO / "samples").glob("*.txt"))]
    forms = {
        "unicode (utf-8)": [t.encode("utf-8") for t in texts],
        "tcvn3": [tcvn3_bytes(t) for t in texts],
        "vni": [vni_bytes(t) for t in texts],
    }
    for blobs in forms.values():  # warm imports and regex caches before timing
        vbparse.parse_bytes(blobs[0])
    times = dict.fromkeys(forms, float("inf"))
    for _ in range(args.rounds):
        for name, blobs in forms.items():
            start = time.perf_counter()
            for blob in blobs:
                vbparse.parse_bytes(blob)
            times[name] = min(times[name], time.perf_counter() - start)
    base = times["unicode (utf-8)"]
    print(f"{len(texts)} samples, best of {args.rounds} rounds")
    for name, seconds in times.items():
        print(f"{name:16} {seconds * 1000:8.1f} ms  {seconds / base:5.2f}x")


if __name__ == "__main__":
    main()
