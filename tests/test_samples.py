"""Every sample parses to its hand-checked expected JSON (samples/expected/*.json).

After a deliberate change, regenerate with
    vbparse check 'samples/*.txt' --expect samples/expected --update
and review the diff line by line before committing it.
"""

from __future__ import annotations

import json

import pytest

from vbparse import parse, parse_bytes
from vbparse.export import document_json

from .conftest import REPO, SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


def test_there_are_enough_samples():
    assert len(SAMPLE_FILES) >= 8
    assert {p.name + ".json" for p in SAMPLE_FILES} == {p.name for p in (SAMPLES / "expected").glob("*.json")}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_matches_expected(path):
    relative = str(path.relative_to(REPO))
    doc = parse_bytes(path.read_bytes(), path=relative)
    expected = json.loads((SAMPLES / "expected" / f"{path.name}.json").read_text(encoding="utf-8"))
    actual = json.loads(document_json(doc))
    for field in expected:
        assert actual[field] == expected[field], f"{path.name}: field {field!r} differs"
    assert actual == expected


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_parses_without_errors(path):
    doc = parse(path)
    assert not doc.has_errors, [d for d in doc.diagnostics if d.severity == "error"]
