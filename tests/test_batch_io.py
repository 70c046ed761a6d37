"""What a batch reads and writes, run as a user would (subprocesses): which files a walk takes,
photos that are no documents, exports rebuilt from the JSON outputs, permissions, progress in a
log, file names that are not UTF-8, and outputs that cannot be written."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from vbparse.batch import ManifestEntry
from vbparse.cli.report import BatchProgress
from vbparse.export import EXPORT_FORMATS
from vbparse.normalise.quality import MIN_DOCUMENT_SYLLABLES, vietnamese_syllables
from vbparse.readers.ocr import find_tesseract

from .conftest import REPO, SAMPLES, shared_path

SMALL = ("01-party-cong-van.txt", "02-party-nghi-quyet.txt", "09-state-cong-van.txt")


def vbparse(*args: str, cwd: Path | None = None, umask: int | None = None, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-m", "vbparse", *args], cwd=cwd, env=env, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=300, preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def folder_of(tmp_path: Path, names=SMALL) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, folder)
    return folder


# --- item 6: what a walk takes, and photos ----------------------------------------------------


def test_lock_files_are_not_walked_and_include_exclude_patterns_select(tmp_path):
    folder = folder_of(tmp_path, SMALL[:1])
    (folder / "drafts").mkdir()
    shutil.copy(SAMPLES / "02-party-nghi-quyet.txt", folder / "drafts")
    shutil.copy(SAMPLES / "docx" / "04-ubnd-quyet-dinh.docx", folder)
    (folder / "~$-ubnd-quyet-dinh.docx").write_bytes(b"\x0aNguyen Van A" + bytes(150))  # Word's lock file
    (folder / "Thumbs.db").write_bytes(bytes(64))
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\n", encoding="utf-8")
    every = vbparse("parse", str(folder), "-o", str(tmp_path / "all"), "-q")
    assert every.returncode == 0, every.stderr
    assert sorted(Path(e["path"]).relative_to(folder).as_posix() for e in manifest(tmp_path / "all")) == [
        "01-party-cong-van.txt", "04-ubnd-quyet-dinh.docx", "drafts/02-party-nghi-quyet.txt"]
    some = vbparse("parse", str(folder), "-o", str(tmp_path / "some"), "-q", "--include", "*.TXT", "--exclude", "drafts")
    assert some.returncode == 0, some.stderr
    assert [Path(e["path"]).name for e in manifest(tmp_path / "some")] == ["01-party-cong-van.txt"]
    by_path = vbparse("parse", str(folder), "-o", str(tmp_path / "sub"), "-q", "--include", "drafts/*")
    assert [Path(e["path"]).name for e in manifest(tmp_path / "sub")] == ["02-party-nghi-quyet.txt"]


def _photo(path: Path) -> None:
    """A picture without writing: gradients, blobs and noise, as a phone photo of a room."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(7)
    image = Image.new("RGB", (1600, 1200))
    draw = ImageDraw.Draw(image)
    for y in range(1200):
        draw.line([(0, y), (1600, y)], fill=(60 + y // 10, 140, 220 - y // 8))
    for _ in range(30):
        x, y, w = rng.randrange(1600), rng.randrange(1200), rng.randrange(40, 400)
        draw.ellipse([x, y, x + w, y + w * 0.7], fill=tuple(rng.randrange(256) for _ in range(3)))
    image.filter(ImageFilter.GaussianBlur(2)).save(path, quality=85)


def test_a_photo_is_skipped_as_not_a_document(tmp_path):
    if find_tesseract() is None:
        pytest.skip("Tesseract with its Vietnamese model is not installed")
    folder = folder_of(tmp_path, SMALL[:1])
    _photo(folder / "IMG_2041.jpg")
    result = vbparse("parse", str(folder), "-o", str(tmp_path / "out"), "-q")
    assert result.returncode == 0, result.stderr  # skipped files do not change the exit code
    photo = manifest(tmp_path / "out")[1]
    assert (Path(photo["path"]).name, photo["status"], photo["code"], photo["output"]) == (
        "IMG_2041.jpg", "skipped", "input.not_a_document", None)
    alone = vbparse("parse", str(folder / "IMG_2041.jpg"))
    assert alone.returncode == 3 and alone.stdout == b"" and b"input.not_a_document" in alone.stderr


def test_every_corpus_scan_has_far_more_syllables_than_a_photo():
    """The measure on OCR text: a third of a page of each scan's OCR text is already a document;
    what OCR makes of a photo is not."""
    scans = sorted(shared_path("corpus", "txt-ocr").glob("*.txt"))
    assert scans
    for scan in scans:
        text = scan.read_text(encoding="utf-8")[:1000]
        assert vietnamese_syllables(text) >= MIN_DOCUMENT_SYLLABLES, scan.name
    assert vietnamese_syllables("li i7 VY St 77\n|| ~ —\nCỬA HÀNG TẠP HÓA") < MIN_DOCUMENT_SYLLABLES


# --- item 8: exports built from the JSON outputs ---------------------------------------------


def test_export_rebuilds_any_format_from_the_outputs_and_csv_resumes(tmp_path):
    folder = folder_of(tmp_path)
    (folder / "junk.txt").write_bytes(random.Random(1).randbytes(500))
    first = vbparse("parse", str(folder), "-o", str(tmp_path / "out"), "--format", "csv", "-q")
    assert first.returncode == 4, first.stderr  # junk.txt failed
    out = tmp_path / "out"
    csv_bytes = (out / "documents.csv").read_bytes()
    assert sorted(p.name for p in out.glob("*.json")) == [f"{name}.json" for name in SMALL]

    (out / f"{SMALL[1]}.json").unlink()  # as if interrupted before this one
    resumed = vbparse("parse", str(folder), "-o", str(out), "--format", "csv", "--resume", "-q")
    assert resumed.returncode == 4 and (out / "documents.csv").read_bytes() == csv_bytes

    rebuilt = vbparse("export", str(out), "--format", "csv", "--output", str(tmp_path / "again.csv"))
    assert rebuilt.returncode == 4 and (tmp_path / "again.csv").read_bytes() == csv_bytes
    jsonl = vbparse("export", str(out), "--format", "jsonl", "--output", "-")
    streamed = vbparse("parse", str(folder), "--format", "jsonl", "-q")
    assert jsonl.stdout == streamed.stdout and len(jsonl.stdout.splitlines()) == len(SMALL)


def test_export_needs_a_finished_run(tmp_path):
    result = vbparse("export", str(tmp_path), "--format", "csv")
    assert result.returncode == 2 and b"manifest.jsonl" in result.stderr and b"Traceback" not in result.stderr


def test_every_registered_format_is_offered_by_parse_and_export():
    for command in ("parse", "export"):
        shown = vbparse(command, "--help").stdout.decode()
        assert all(name in shown for name in EXPORT_FORMATS), command


# --- item 9: permissions ----------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_outputs_follow_the_umask(tmp_path, umask, mode):
    folder = folder_of(tmp_path, SMALL[:2])
    out = tmp_path / "out"
    assert vbparse("parse", str(folder), "-o", str(out), "--format", "csv", "-q", umask=umask).returncode == 0
    written = [p for p in out.iterdir() if p.is_file()]
    assert len(written) == 4  # two documents, the CSV, the manifest
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in written} == {p.name: mode for p in written}


# --- item 10: progress in a log -----------------------------------------------------------------


def test_progress_lines_off_a_terminal(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = (SAMPLES / SMALL[0]).read_text(encoding="utf-8")
    for n in range(20):
        (folder / f"d{n:02}.txt").write_text(text + f"\n{n}\n", encoding="utf-8")
    result = vbparse("parse", str(folder), "-o", str(tmp_path / "out"), "-j", "2")
    log = result.stderr.decode().splitlines()
    assert log[0] == "20 inputs to parse"
    progress = [line for line in log if " inputs, " in line and "failed" in line]
    assert len(progress) >= 5 and progress[0].startswith("2/20 inputs, 0 failed,") and "left" in progress[0]


# --- item 20: names that are not UTF-8 ------------------------------------------------------------


def test_a_file_name_in_a_legacy_code_page_does_not_kill_the_batch(tmp_path):
    folder = folder_of(tmp_path, SMALL[1:2])
    odd = folder / os.fsdecode(b"C\xf4ng v\xe3n 512.txt")  # "Công văn" in Windows-1258 bytes
    shutil.copy(SAMPLES / SMALL[0], odd)
    out = tmp_path / "out"
    result = vbparse("parse", str(folder), "-o", str(out), "--format", "csv", "-q")
    assert result.returncode == 0, result.stderr
    entries = manifest(out)  # valid UTF-8, or read_text would have failed
    assert [Path(e["path"]).name for e in entries] == ["02-party-nghi-quyet.txt", "C\\xf4ng v\\xe3n 512.txt"]
    assert (Path(os.fsdecode(bytes(out) + b"/C\xf4ng v\xe3n 512.txt.json"))).exists()
    assert "C\\xf4ng v\\xe3n 512.txt" in (out / "documents.csv").read_text(encoding="utf-8-sig")
    again = vbparse("export", str(out), "--format", "csv", "--output", "-")  # names read back from the manifest
    assert again.returncode == 0 and again.stdout == (out / "documents.csv").read_bytes()
    alone = vbparse("parse", str(odd))
    assert alone.returncode == 0
    assert json.loads(alone.stdout.decode("utf-8"))["source"]["path"].endswith("C\\xf4ng v\\xe3n 512.txt")


# --- item 21: outputs that cannot be written ---------------------------------------------------


def _tmpfs(target: Path, options: str) -> None:
    target.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")


def _umount(target: Path) -> None:
    subprocess.run(["umount", str(target)], check=True)


def test_a_read_only_output_folder_is_refused_before_any_work(tmp_path):
    folder = folder_of(tmp_path)
    out = tmp_path / "ro"
    _tmpfs(out, "ro,size=64k")
    try:
        result = vbparse("parse", str(folder), "-o", str(out), "-q")
    finally:
        _umount(out)
    assert result.returncode == 5 and b"Traceback" not in result.stderr
    assert b"output folder cannot be written: Read-only file system (output.write_failed)" in result.stderr


def test_a_full_disk_fails_the_files_it_hits_and_the_manifest_tells(tmp_path):
    folder = folder_of(tmp_path, (*SMALL, "06-chinh-phu-nghi-dinh.txt", "07-bao-cao.txt"))
    out = tmp_path / "small"
    _tmpfs(out, "size=48k")
    try:
        result = vbparse("parse", str(folder), "-o", str(out), "-j", "1", "-q")
        written = sorted(p.name for p in out.glob("*.json"))
        lines = (out / "manifest.jsonl").read_text(encoding="utf-8") if (out / "manifest.jsonl").exists() else None
    finally:
        _umount(out)
    assert b"Traceback" not in result.stderr
    if lines is None:  # no room left even for the manifest: it is in the log, and the exit says so
        assert result.returncode == 5 and b"manifest cannot be written: No space left on device" in result.stderr
        lines = "\n".join(line for line in result.stderr.decode().splitlines() if line.startswith("{"))
    else:
        assert result.returncode == 4
    entries = [json.loads(line) for line in lines.splitlines()]
    assert len(entries) == 5
    ok = [e for e in entries if e["status"] == "ok"]
    failed = [e for e in entries if e["status"] == "failed"]
    assert ok and failed and len(ok) + len(failed) == 5
    assert sorted(e["output"] for e in ok) == written
    assert all(e["code"] == "batch.write_failed" and "No space left on device" in e["message"] for e in failed)


@pytest.mark.parametrize("args", [[str(SAMPLES / SMALL[0])], [str(SAMPLES), "--format", "jsonl"], [str(SAMPLES / SMALL[0]), "--format", "csv"]])
def test_a_full_stdout_is_a_typed_error(args):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        result = vbparse("parse", *args, "-q", stdout=full)
    assert result.returncode == 5 and b"Traceback" not in result.stderr
    assert b"standard output cannot be written: No space left on device" in result.stderr


def test_the_bar_on_a_terminal_names_the_file_last_finished():
    shown = io.StringIO()
    entry = ManifestEntry("archive/2024/cv-512.pdf", None, None, "ok", None, None, None, 2, 0.5)
    with BatchProgress(3, Console(file=shown, force_terminal=True, width=160), bar=True, verbose=False) as progress:
        progress(entry, False)
    assert "archive/2024/cv-512.pdf" in shown.getvalue() and "inputs to parse" not in shown.getvalue()
