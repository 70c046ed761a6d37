"""A short run of scripts/fuzz.py: mutated text, DOCX, PDF (both engines), saved web page and RTF
inputs give a Document or a typed error within the time limit. A new seed each run (printed,
and in the failure message) so that CI keeps exploring; rerun a failure with that seed."""

from __future__ import annotations

import importlib.util
import random
import re
import shutil
import subprocess
import sys

import pytest

from vbparse.readers.doc import TIMEOUT_SECONDS

from .conftest import REPO

SECONDS = 40  # fuzzing time; the run ends after the input in progress (at most TIMEOUT more)
TIMEOUT = 30  # per input: samples parse in well under a second
RTF_LIMIT = TIMEOUT_SECONDS  # an RTF input has LibreOffice's time besides (scripts/fuzz.py)


def _fuzz(seconds: float, *options: str) -> tuple[int, str]:
    seed = random.SystemRandom().randrange(10**9)
    print(f"fuzz seed {seed}")
    command = [
        sys.executable, str(REPO / "scripts" / "fuzz.py"), "--seed", str(seed), "--seconds", str(seconds),
        "--timeout", str(TIMEOUT), "--max-size", "100000", *options,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 6 * TIMEOUT + RTF_LIMIT)
    assert "documents" in result.stdout, result.stderr[-3000:]
    assert result.returncode == 0, f"fuzz seed {seed} found failures:\n{result.stdout[-4000:]}"
    return seed, result.stdout


def test_fuzz_gives_documents_or_typed_errors():
    _fuzz(SECONDS)


def test_fuzzed_web_pages_and_rtf_give_documents_or_typed_errors():
    """The two readers behind a converter get a run of their own, so each surely meets inputs;
    RTF needs LibreOffice and is left out (and said so) without it."""
    readers = ["html"] if importlib.util.find_spec("trafilatura") else []
    readers += ["rtf"] if shutil.which("soffice") else []
    if not readers:
        pytest.skip("neither trafilatura nor LibreOffice is installed")
    seed, out = _fuzz(25, "--readers", "html,rtf")
    assert f"readers: {', '.join(readers)}\n" in out
    counts = dict((reader, int(n)) for reader, n in re.findall(r"(html|rtf) (\d+)", out.splitlines()[-1]))
    assert all(counts.get(reader, 0) > 0 for reader in readers), f"seed {seed}: {out[-2000:]}"
