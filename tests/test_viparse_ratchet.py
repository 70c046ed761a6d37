"""Ratchet on the viparse benchmark (real TCVN3/VNI documents, person-typed transcripts, the
peer's scorer): the diacritic accuracy of each format on a fixed subset, the three smallest files
of each format, may not fall. The full benchmark is bench/bench_viparse_corpus.py.

Raise a floor when a change lifts its format; never lower one to make a change pass.
"""

from __future__ import annotations

import shutil
import sys

import pytest

from .conftest import REPO, shared_path

# Measured on the subset (diacritic accuracy), less a little for the scorer's alignment.
FLOORS = {"doc": 0.91, "rtf": 0.97, "pdf": 0.955}
SUBSET_PER_FORMAT = 3


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.doc and .rtf)")
def test_diacritic_accuracy_per_format_does_not_fall():
    corpus = shared_path("benchmarks", "viparse-corpus")
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import bench_viparse_corpus as bench
    finally:
        sys.path.remove(str(REPO / "bench"))
    result = bench.run(corpus, bench.documents(corpus, SUBSET_PER_FORMAT), jobs=2)
    assert result["refused"] == {}
    measured = {fmt: result["summary"][f"{fmt} (all)"]["diacritic_accuracy"] for fmt in FLOORS}
    assert all(measured[fmt] >= floor for fmt, floor in FLOORS.items()), measured
