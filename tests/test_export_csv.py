"""Archive CSV (TT 05/2025/TT-BNV fields): BOM, Vietnamese text, derived codes, read back with csv."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from vbparse import parse, parse_text
from vbparse.cli import app
from vbparse.export import ARCHIVE_COLUMNS, archive_record
from vbparse.model import DigitalSignature, Ocr

from .conftest import REPO, SAMPLES

runner = CliRunner()


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the byte-order mark to read UTF-8
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert tuple(reader.fieldnames or ()) == ARCHIVE_COLUMNS
    return list(reader)


def test_batch_csv_file_reads_back_with_vietnamese_text(tmp_path):
    folder = tmp_path / "in"
    (folder / "pdf").mkdir(parents=True)
    for name in ("01-party-cong-van.txt", "06-chinh-phu-nghi-dinh.txt"):
        shutil.copy(SAMPLES / name, folder)
    shutil.copy(SAMPLES / "pdf" / "09-state-cong-van.pdf", folder / "pdf")
    result = runner.invoke(app, ["parse", str(folder), "--format", "csv", "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    data = (tmp_path / "out" / "documents.csv").read_bytes()
    assert b"\r\n" in data
    party, decree, letter = _rows(data)
    assert party["path"] == str(folder / "01-party-cong-van.txt")
    assert {k: party[k] for k in ("typeName", "codeNumber", "codeNotation", "issuedDate", "organName", "language",
                                  "Position", "FullName", "doc_type", "docId", "mode")} == {
        "typeName": "22", "codeNumber": "512", "codeNotation": "CV/TU", "issuedDate": "15/03/2024",
        "organName": "TỈNH ỦY PHÚ YÊN", "language": "01", "Position": "PHÓ BÍ THƯ", "FullName": "Hồ Quang Vinh",
        "doc_type": "Công văn", "docId": "", "mode": "",
    }
    # a summary with commas survives quoting
    assert party["subject"] == "V/v tăng cường lãnh đạo, chỉ đạo công tác phòng cháy, chữa cháy rừng mùa khô năm 2024"
    assert (decree["typeName"], decree["codeNotation"], decree["doc_type"]) == ("32", "NĐ-CP", "Nghị định")
    assert (letter["codeNotation"], letter["numberOfPage"], letter["typeName"]) == ("UBND-VP", "2", "22")
    assert decree["numberOfPage"] == ""  # text has no pages


def test_single_file_csv_on_stdout():
    result = runner.invoke(app, ["parse", str(SAMPLES / "02-party-nghi-quyet.txt"), "--format", "csv"])
    assert result.exit_code == 0
    (row,) = _rows(result.stdout_bytes)
    assert (row["codeNumber"], row["codeNotation"], row["organName"]) == ("37", "NQ/TU", "TỈNH ỦY THÁI BÌNH")


def test_secrecy_mark_sets_mode_and_long_values_are_reported_not_cut():
    text = (SAMPLES / "04-ubnd-quyet-dinh.txt").read_text(encoding="utf-8")
    secret = parse_text(text.replace("\n\nQUYẾT ĐỊNH", "\nMẬT\n\nQUYẾT ĐỊNH", 1))
    assert archive_record(secret)["mode"] == "03"
    assert archive_record(parse_text(text))["mode"] == ""
    doc = parse_text(text)
    long = doc.model_copy(update={"header": doc.header.model_copy(update={"summary": "Về việc " + "x" * 600})})
    record = archive_record(long)
    assert record["over_max_length"] == "subject" and len(record["subject"]) == 608


def test_confidence_level_from_signature_and_ocr():
    doc = parse(SAMPLES / "pdf" / "01-party-cong-van.pdf")  # 2 pages

    def level(**source) -> str:
        return archive_record(doc.model_copy(update={"source": doc.source.model_copy(update=source)}))["confidenceLevel"]

    def ocr(pages: list[int]) -> Ocr:
        return Ocr(version="5.3.0", language="vie", dpi=300, pages=pages, mean_confidence=91.0)

    assert level() == ""
    assert level(digital_signature=DigitalSignature(signer="Văn phòng Tỉnh ủy")) == "01"
    assert level(ocr=ocr([1, 2])) == "02"  # every page read by OCR: digitised
    assert level(ocr=ocr([2])) == "03"  # one page by OCR, one from the text layer: mixed


def test_csv_has_status_and_diagnostics_and_a_row_per_failed_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "01-party-cong-van.txt", folder)
    (folder / "bad-date.txt").write_text(
        "TỈNH ỦY QUẢNG NAM\nSố 12-NQ/TU\nQuảng Nam, ngày 31 tháng 02 năm 2024\nNGHỊ QUYẾT\nvề việc thử\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.xyz").write_text("not a document", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "vbparse", "parse", str(folder), "--format", "csv", "-q"],
                            env={**os.environ, "PYTHONPATH": str(REPO / "src")}, capture_output=True, timeout=300)
    assert result.returncode == 4, result.stderr
    rows = {Path(row["path"]).name: row for row in _rows(result.stdout)}
    assert list(rows) == ["01-party-cong-van.txt", "bad-date.txt", "empty.txt"]  # skipped files have no row
    assert (rows["01-party-cong-van.txt"]["status"], rows["01-party-cong-van.txt"]["diagnostics"]) == ("ok", "")
    assert rows["bad-date.txt"]["status"] == "partial"
    assert rows["bad-date.txt"]["diagnostics"].split("; ")[0].startswith("error header.date")
    empty = rows["empty.txt"]
    assert (empty["status"], empty["diagnostics"].split(":")[0], empty["typeName"]) == ("failed", "input.empty", "")
