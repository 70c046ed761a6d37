"""`vbparse citations`: every citation with its citing document, linked to documents of the set."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys

from typer.testing import CliRunner

from vbparse import parse
from vbparse.cli import app
from vbparse.export import CITATION_COLUMNS

from .conftest import REPO, SAMPLES

runner = CliRunner()
# a reply that cites sample 01 by number and date, and another 512-CV/TU of a different day
REPLY = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN TUY AN | Độc lập - Tự do - Hạnh phúc
Số: 88/UBND-VP | Tuy An, ngày 20 tháng 3 năm 2024
V/v thực hiện Công văn số 512-CV/TU của Tỉnh ủy

Kính gửi: Các xã, thị trấn.

Thực hiện Công văn số 512-CV/TU ngày 15/3/2024 của Ban Thường vụ Tỉnh ủy về phòng cháy, chữa cháy rừng, Ủy ban nhân dân huyện đề nghị các xã, thị trấn triển khai ngay.
Công văn số 512-CV/TU ngày 02/01/2023 của Ban Thường vụ Tỉnh ủy hết hiệu lực.

TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Nguyễn Văn An
"""


def _folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "01-party-cong-van.txt", folder)
    (folder / "reply.txt").write_text(REPLY, encoding="utf-8")
    return folder


def test_citations_json_links_the_cited_document(tmp_path):
    folder = _folder(tmp_path)
    result = runner.invoke(app, ["citations", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    expected_count = sum(len(parse(p).citations) for p in sorted(folder.iterdir()))
    assert len(rows) == expected_count and all(tuple(row) == CITATION_COLUMNS for row in rows)
    replies = [r for r in rows if r["citing_path"] == str(folder / "reply.txt") and r["number"] == "512-CV/TU"]
    assert [(r["date"], r["cited_path"]) for r in replies] == [
        ("2024-03-15", str(folder / "01-party-cong-van.txt")),
        ("2023-01-02", None),  # same number, another year: not this document
    ]
    assert replies[0]["citing_number"] == "88/UBND-VP"
    sample = [r for r in rows if r["citing_path"] == str(folder / "01-party-cong-van.txt")]
    assert sample and sample[0]["citing_number"] == "512-CV/TU" and sample[0]["cited_path"] is None


def test_citations_csv_and_table(tmp_path):
    folder = _folder(tmp_path)
    as_csv = runner.invoke(app, ["citations", str(folder), "--format", "csv"])
    assert as_csv.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout_bytes.decode("utf-8-sig"), newline="")))
    linked = [r for r in rows if r["cited_path"]]
    assert [(r["citing_path"], r["raw"]) for r in linked] == [
        (str(folder / "reply.txt"), "Công văn số 512-CV/TU ngày 15/3/2024 của Ban Thường vụ Tỉnh ủy")
    ]
    table = runner.invoke(app, ["citations", str(folder)])
    assert table.exit_code == 0 and f"{len(rows)} citations" in table.stdout and "512-CV/TU" in table.stdout


def test_unreadable_inputs_are_reported_and_exit_4(tmp_path):
    folder = _folder(tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["citations", str(folder), "--format", "json"])
    assert result.exit_code == 4 and "input.empty" in result.stderr
    assert json.loads(result.stdout)  # the readable documents are still listed


def test_citations_read_the_json_outputs_of_a_run(tmp_path):
    folder = _folder(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    run = lambda *args: subprocess.run([sys.executable, "-m", "vbparse", *args], capture_output=True, env=env, timeout=300)
    assert run("parse", str(folder), "-o", str(tmp_path / "out"), "-q").returncode == 0
    from_outputs = run("citations", str(tmp_path / "out"), "--format", "json", "-q")
    from_inputs = run("citations", str(folder), "--format", "json", "-q")
    assert from_outputs.returncode == 0, from_outputs.stderr
    rows = json.loads(from_outputs.stdout)
    assert len(rows) >= 3 and rows == json.loads(from_inputs.stdout)  # paths are the inputs', as recorded
