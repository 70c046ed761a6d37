"""Excel export: codes stay text, dates are dates, a status and diagnostics column, failed files
as rows, a frozen header, and the same bytes for the same inputs."""

from __future__ import annotations

import datetime
import random
import shutil
import time

import pytest

from .conftest import SAMPLES
from .test_batch_io import vbparse

openpyxl = pytest.importorskip("openpyxl")

BAD_DATE = "TỈNH ỦY QUẢNG NAM\nSố 09-NQ/TU\nQuảng Nam, ngày 31 tháng 02 năm 2024\nNGHỊ QUYẾT\nvề việc thử\n"


def test_xlsx_keeps_codes_as_text_dates_as_dates_and_lists_failures(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "02-party-nghi-quyet.txt", folder)
    (folder / "bad-date.txt").write_text(BAD_DATE, encoding="utf-8")
    (folder / "junk.txt").write_bytes(random.Random(3).randbytes(400))
    result = vbparse("parse", str(folder), "-o", str(tmp_path / "out"), "--format", "xlsx", "-q")
    assert result.returncode == 4, result.stderr
    book = openpyxl.load_workbook(tmp_path / "out" / "documents.xlsx")
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    header, *rows = [[cell for cell in row] for row in sheet.iter_rows()]
    names = [cell.value for cell in header]
    assert names[-2:] == ["status", "diagnostics"] and all(cell.font.b for cell in header)
    by_path = {row[0].value.rsplit("/", 1)[-1]: {name: cell for name, cell in zip(names, row)} for row in rows}
    assert list(by_path) == ["02-party-nghi-quyet.txt", "bad-date.txt", "junk.txt"]

    resolution = by_path["02-party-nghi-quyet.txt"]
    assert (resolution["typeName"].value, resolution["typeName"].data_type) == ("01", "s")  # not the number 1
    assert resolution["language"].value == "01" and resolution["codeNumber"].value == "37"
    assert resolution["issuedDate"].value == datetime.datetime(2024, 4, 22)  # a date, not text
    assert resolution["issuedDate"].number_format == "DD/MM/YYYY"
    assert (resolution["status"].value, resolution["diagnostics"].value) == ("ok", None)

    partial = by_path["bad-date.txt"]
    assert partial["codeNumber"].value == "09" and partial["status"].value == "partial"
    assert partial["diagnostics"].value.startswith("error header.date")

    junk = by_path["junk.txt"]
    assert junk["status"].value == "failed" and junk["diagnostics"].value.startswith("input.binary: ")
    assert junk["typeName"].value is None


def test_xlsx_is_the_same_bytes_for_the_same_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "01-party-cong-van.txt", folder)
    assert vbparse("parse", str(folder), "-o", str(tmp_path / "a"), "--format", "xlsx", "-q").returncode == 0
    time.sleep(2.1)  # ZIP times have a resolution of two seconds: a clock inside would now differ
    assert vbparse("export", str(tmp_path / "a"), "--format", "xlsx", "--output", str(tmp_path / "b.xlsx")).returncode == 0
    assert (tmp_path / "a" / "documents.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
