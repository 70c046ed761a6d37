"""OCR progress: a scan is read for minutes, page by page. The workers tell the parent each page
they begin through the shared array the time budget already uses; the terminal shows the page
being read and the file's clock; a log gets at most one line per file whose OCR runs long."""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console
from rich.progress import Progress

from vbparse.batch import ManifestEntry, WorkerPool, discover, parse_file, run_batch
from vbparse.cli.report import LINE_SECONDS, BatchProgress
from vbparse.export import document_json
from vbparse.readers.ocr import find_tesseract

from .conftest import REPO, SAMPLES
from .test_batch_io import _photo

PAGE_SECONDS = 0.6  # three polls a page: every page is seen even on a loaded machine


def _pages(task: str) -> str:
    """'pages:N': N pages sent to OCR one after another; 'plain': no OCR."""
    from vbparse.readers.ocr_hook import PAGE_LISTENERS

    for page in range(1, int(task.partition(":")[2] or 0) + 1):
        for listener in PAGE_LISTENERS:
            listener(page)
        time.sleep(PAGE_SECONDS)
    return task


def _scan_like(path: str):
    """A parse function whose .txt named scan* is read after three OCR pages, like a scan."""
    if Path(path).name.startswith("scan"):
        _pages("pages:3")
    return parse_file(path)


@pytest.mark.parametrize("timeout", [None, 30.0])
def test_the_pool_tells_each_ocr_page_of_each_task(timeout):
    told: list[tuple[int, int, float]] = []
    with WorkerPool(_pages, jobs=2, timeout=timeout, on_ocr_page=lambda *page: told.append(page)) as pool:
        results = dict(pool.run(enumerate(["pages:3", "plain", "pages:2"])))
    assert results == {0: "pages:3", 1: "plain", 2: "pages:2"}
    assert [(key, page) for key, page, _ in told if key == 0] == [(0, 1), (0, 2), (0, 3)]
    assert [(key, page) for key, page, _ in told if key == 2] == [(2, 1), (2, 2)]
    seconds = [s for key, _, s in told if key == 0]
    assert seconds == sorted(seconds) and seconds[-1] >= 2 * PAGE_SECONDS  # since the task started
    assert 1 not in {key for key, _, _ in told}


def test_a_batch_tells_pages_by_input_path_and_writes_the_same_outputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "07-bao-cao.txt", folder / "scan-07.txt")
    shutil.copy(SAMPLES / "01-party-cong-van.txt", folder)
    told: list[tuple[str, int]] = []
    watched = run_batch(discover([str(folder)]), render=document_json, out_dir=tmp_path / "watched", jobs=2,
                        parse=_scan_like, on_ocr_page=lambda path, page, _: told.append((Path(path).name, page)))
    plain = run_batch(discover([str(folder)]), render=document_json, out_dir=tmp_path / "plain", jobs=2, parse=_scan_like)
    assert told == [("scan-07.txt", 1), ("scan-07.txt", 2), ("scan-07.txt", 3)]
    assert [(e.path, e.status, e.sha256) for e in watched] == [(e.path, e.status, e.sha256) for e in plain]
    for entry in watched:
        assert (tmp_path / "watched" / entry.output).read_bytes() == (tmp_path / "plain" / entry.output).read_bytes()


def _frame(progress: Progress) -> str:
    shown = io.StringIO()
    Console(file=shown, width=160).print(progress.get_renderable())
    return shown.getvalue()


def test_on_a_terminal_a_row_per_file_being_read_by_ocr_until_it_is_done():
    batch = BatchProgress(5, Console(file=io.StringIO(), force_terminal=True), bar=True, verbose=False)
    rows, progress = batch.ocr, batch.ocr.progress
    rows.page("archive/2024/qd-12-scan.pdf", 3, 12.0)
    rows.page("archive/2024/cv-7-scan.pdf", 1, 2.0)
    rows.page("archive/2024/qd-12-scan.pdf", 4, 16.0)
    frame = _frame(progress)
    assert "page 4" in frame and "16 s" in frame and "archive/2024/qd-12-scan.pdf" in frame
    assert "page 3" not in frame and "page 1" in frame
    batch(ManifestEntry("archive/2024/qd-12-scan.pdf", None, None, "ok", None, None, None, 4, 20.0), False)
    batch(ManifestEntry("archive/2024/other.txt", None, None, "ok", None, None, None, None, 0.1), False)
    assert [(task.description, task.fields["current"]) for task in progress.tasks] == [
        ("parsing", "archive/2024/other.txt"), ("OCR", "archive/2024/cv-7-scan.pdf")]


def test_off_a_terminal_one_line_for_a_file_whose_ocr_runs_long():
    for terminal, bar, expected in ((False, True, 1), (True, True, 0), (False, False, 0)):
        log = io.StringIO()
        progress = BatchProgress(2, Console(file=log, force_terminal=terminal, width=200), bar=bar, verbose=False)
        before = log.getvalue()
        for page, seconds in ((1, 3.0), (2, LINE_SECONDS - 1), (3, LINE_SECONDS + 1.4), (4, LINE_SECONDS + 9)):
            progress.ocr.page("archive/qd-12-scan.pdf", page, seconds)
        lines = [line for line in log.getvalue()[len(before):].splitlines() if "qd-12-scan.pdf" in line]
        assert len(lines) == expected, (terminal, bar, log.getvalue())
        if expected:
            assert lines[0] == f"archive/qd-12-scan.pdf: reading page 3 by OCR, {LINE_SECONDS + 1.4:.0f} s so far"


def test_a_clerk_parsing_one_image_sees_its_ocr_on_the_terminal_and_the_same_output(tmp_path):
    if find_tesseract() is None:
        pytest.skip("Tesseract with its Vietnamese model is not installed")
    _photo(tmp_path / "IMG_1.jpg")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "120"}
    command = [sys.executable, "-m", "vbparse", "parse", str(tmp_path / "IMG_1.jpg")]
    master, terminal = pty.openpty()
    with open(tmp_path / "stdout", "wb") as stdout:
        on_tty = subprocess.Popen(command, env=env, stdout=stdout, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:  # read as it comes: a terminal nobody reads blocks its writer
        try:
            chunk = os.read(master, 65536)
        except OSError:  # closed by the process's exit, and drained
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert on_tty.wait(timeout=300) == 3  # a photo: not a document
    logged = subprocess.run(command, env=env, capture_output=True, timeout=300)
    assert logged.returncode == 3 and (tmp_path / "stdout").read_bytes() == logged.stdout == b""
    text = shown.decode("utf-8", "replace")
    assert "OCR" in text and "page 1" in text and "IMG_1.jpg" in text
    assert "page 1" not in logged.stderr.decode() and b"input.not_a_document" in logged.stderr  # no progress in a log
