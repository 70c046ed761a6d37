"""--resume keeps what an earlier run skipped as no document (a photo OCR'd for seconds before it
was found to hold no text), also when that run was interrupted before its manifest."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from vbparse.batch import discover, parse_file, run_batch
from vbparse.batch.resume import SKIPS_NAME
from vbparse.errors import NotADocumentError
from vbparse.export import document_json
from vbparse.readers.ocr import find_tesseract

from .conftest import REPO, SAMPLES
from .test_batch_io import _photo


def _photo_skipper(path: str, calls: str) -> object:
    """A parse function that finds every .jpg no document, and notes each call (workers are
    other processes: the note is a line appended to the file `calls`)."""
    if not path.endswith(".jpg"):
        return parse_file(path)
    with open(calls, "a", encoding="utf-8") as log:
        log.write(Path(path).name + "\n")
    raise NotADocumentError("OCR found 3 Vietnamese words on 1 page: a photo or picture, not a document")


def _run(folder: Path, out: Path, calls: Path, *, resume: bool) -> list[dict]:
    entries = run_batch(discover([str(folder)]), render=document_json, out_dir=out, jobs=2, resume=resume,
                        parse=partial(_photo_skipper, calls=str(calls)))
    return [json.loads(entry.to_json()) for entry in entries]


def _calls(calls: Path) -> list[str]:
    return calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []


def _without_seconds(entries: list[dict]) -> list[dict]:
    return [{k: v for k, v in e.items() if k != "seconds"} for e in entries]


def test_resume_keeps_skips_even_without_a_manifest(tmp_path):
    folder, out, calls = tmp_path / "in", tmp_path / "out", tmp_path / "calls.txt"
    folder.mkdir()
    shutil.copy(SAMPLES / "01-party-cong-van.txt", folder)
    (folder / "IMG_1.jpg").write_bytes(b"\xff\xd8\xff\xe0 first photo")
    (folder / "IMG_2.jpg").write_bytes(b"\xff\xd8\xff\xe0 second photo")
    first = _run(folder, out, calls, resume=False)
    assert [(Path(e["path"]).name, e["status"], e["code"]) for e in first] == [
        ("01-party-cong-van.txt", "ok", None), ("IMG_1.jpg", "skipped", "input.not_a_document"),
        ("IMG_2.jpg", "skipped", "input.not_a_document")]
    assert sorted(_calls(calls)) == ["IMG_1.jpg", "IMG_2.jpg"]
    assert sorted(p.name for p in out.iterdir()) == [SKIPS_NAME, "01-party-cong-van.txt.json"]

    # as after Ctrl-C or kill -9: the run wrote its outputs and skips, never its manifest
    again = _run(folder, out, calls, resume=True)
    assert sorted(_calls(calls)) == ["IMG_1.jpg", "IMG_2.jpg"]  # neither photo read again
    assert _without_seconds(again) == _without_seconds(first)
    assert all(e["seconds"] == 0 for e in again[1:])

    # other bytes at the same path are another input; the unchanged photo stays kept
    (folder / "IMG_2.jpg").write_bytes(b"\xff\xd8\xff\xe0 another photo")
    changed = _run(folder, out, calls, resume=True)
    assert sorted(_calls(calls)) == ["IMG_1.jpg", "IMG_2.jpg", "IMG_2.jpg"]
    assert changed[2]["status"] == "skipped" and changed[2]["sha256"] != first[2]["sha256"]
    _run(folder, out, calls, resume=True)
    assert len(_calls(calls)) == 3  # the changed photo's skip was recorded too

    # without --resume everything is read again, and the log starts over
    _run(folder, out, calls, resume=False)
    assert len(_calls(calls)) == 5
    log = [json.loads(line) for line in (out / SKIPS_NAME).read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(e["path"]).name for e in log) == ["IMG_1.jpg", "IMG_2.jpg"]  # in finishing order


def test_a_torn_or_unwritable_skip_log_costs_only_time(tmp_path):
    folder, out, calls = tmp_path / "in", tmp_path / "out", tmp_path / "calls.txt"
    folder.mkdir()
    (folder / "IMG_1.jpg").write_bytes(b"\xff\xd8\xff\xe0 photo")
    _run(folder, out, calls, resume=False)
    log = out / SKIPS_NAME
    log.write_text(log.read_text(encoding="utf-8") + '{"path": "cut sh', encoding="utf-8")  # a killed run's last line
    assert _run(folder, out, calls, resume=True)[0]["status"] == "skipped"
    assert len(_calls(calls)) == 1
    log.unlink()
    log.mkdir()  # neither readable nor writable as a file
    assert _run(folder, out, calls, resume=True)[0]["status"] == "skipped"
    assert len(_calls(calls)) == 2


def test_a_clerk_resuming_a_folder_with_a_photo_waits_for_no_ocr(tmp_path):
    if find_tesseract() is None:
        pytest.skip("Tesseract with its Vietnamese model is not installed")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "01-party-cong-van.txt", folder)
    _photo(folder / "IMG_2041.jpg")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "vbparse", "parse", str(folder), "-o", str(tmp_path / "out")]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    again = subprocess.run([*command, "--resume", "--verbose"], env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    photo = next(line for line in again.stderr.splitlines() if "IMG_2041.jpg" in line)
    assert "skipped" in photo and "input.not_a_document" in photo and "kept from an earlier run" in photo
    assert "2 kept from an earlier run" in again.stderr
    entries = [json.loads(line) for line in (tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (entries[1]["status"], entries[1]["code"], entries[1]["seconds"]) == ("skipped", "input.not_a_document", 0)
