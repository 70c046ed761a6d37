"""A short run of scripts/fuzz.py: mutated text, DOCX and PDF (both engines) inputs give a
Document or a typed error within the time limit. A new seed each run (printed, and in the
failure message) so that CI keeps exploring; rerun a failure with that seed."""

from __future__ import annotations

import random
import subprocess
import sys

from .conftest import REPO

SECONDS = 40  # fuzzing time; the run ends after the input in progress (at most TIMEOUT more)
TIMEOUT = 30  # per input: samples parse in well under a second


def test_fuzz_gives_documents_or_typed_errors():
    seed = random.SystemRandom().randrange(10**9)
    print(f"fuzz seed {seed}")
    command = [
        sys.executable, str(REPO / "scripts" / "fuzz.py"), "--seed", str(seed), "--seconds", str(SECONDS),
        "--timeout", str(TIMEOUT), "--max-size", "100000",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=SECONDS + 6 * TIMEOUT)
    assert "documents" in result.stdout, result.stderr[-3000:]
    assert result.returncode == 0, f"fuzz seed {seed} found failures:\n{result.stdout[-4000:]}"
