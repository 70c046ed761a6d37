"""Parquet export: one row per input with nested lists and the whole JSON, in row groups, the same
bytes for the same inputs, read back by pyarrow (what pandas reads with) and DuckDB."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402

from vbparse.batch import discover, run_batch  # noqa: E402
from vbparse.export import ExportItem, document_json  # noqa: E402
from vbparse.export import parquet  # noqa: E402

from .conftest import REPO, SAMPLES  # noqa: E402


def items(folder: Path) -> list[ExportItem]:
    found: list[ExportItem] = []
    run_batch(discover([str(folder)]), render=document_json, jobs=2,
              emit=lambda e, text: found.append(ExportItem(e.path, e.status, e.code, e.message, text)))
    return found


def write(rows: list[ExportItem]) -> bytes:
    out = io.BytesIO()
    writer = parquet.writer(out)
    for item in rows:
        writer.add(item)
    writer.close()
    return out.getvalue()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("in")
    for name in ("01-party-cong-van.txt", "06-chinh-phu-nghi-dinh.txt", "04-ubnd-quyet-dinh.txt"):
        shutil.copy(SAMPLES / name, root)
    shutil.copy(SAMPLES / "pdf" / "06-chinh-phu-nghi-dinh.pdf", root)
    (root / "zz-empty.txt").write_bytes(b"")
    return root


def test_one_row_per_input_with_nested_lists_and_the_json(archive):
    rows = items(archive)
    data = write(rows)
    assert data == write(rows)  # the same inputs, the same bytes
    table = pq.read_table(io.BytesIO(data))
    assert table.schema == parquet._schema()
    assert table.num_rows == 5
    by_name = {Path(r["path"]).name: r for r in table.to_pylist()}
    nd = by_name["06-chinh-phu-nghi-dinh.pdf"]
    assert (nd["status"], nd["kind"], nd["number"], nd["doc_type"], nd["pages"]) == ("ok", "document", "58/2025/NĐ-CP", "Nghị định", 3)
    document = json.loads(nd["document"])
    assert nd["sha256"] == document["source"]["sha256"] and nd["date"].isoformat() == document["header"]["date"]
    assert [c["number"] for c in nd["citations"]] == [c["number"]["text"] if c["number"] else None for c in document["citations"]]
    cv = by_name["01-party-cong-van.txt"]
    assert cv["signatures"] == [{"mode": "TM", "authority": ["T/M BAN THƯỜNG VỤ"], "position": "PHÓ BÍ THƯ", "signer": "Hồ Quang Vinh"}]
    assert cv["citations"][0] == {"raw": "Chỉ thị số 13-CT/TW ngày 12/01/2017 của Ban Bí thư", "doc_type": "Chỉ thị",
                                  "number": "13-CT/TW", "date": "2017-01-12", "issuer": "Ban Bí thư", "name": None}
    assert cv["recipients"][0] == "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy" and cv["confidence"] is None
    empty = by_name["zz-empty.txt"]
    assert (empty["status"], empty["code"], empty["document"], empty["citations"]) == ("failed", "input.empty", None, None)


def test_rows_are_written_in_row_groups(archive, monkeypatch):
    monkeypatch.setattr(parquet, "ROW_GROUP", 2)
    written = []
    out = io.BytesIO()
    writer = parquet.writer(out)
    for item in items(archive):
        writer.add(item)
        written.append(out.tell())
    writer.close()
    metadata = pq.ParquetFile(io.BytesIO(out.getvalue())).metadata
    assert metadata.num_row_groups == 3 and metadata.num_rows == 5
    assert written[0] < written[1] < written[3]  # a group reaches the file as soon as it is full


def test_duckdb_reads_the_documented_columns(archive, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "documents.parquet"
    path.write_bytes(write(items(archive)))
    assert duckdb.sql(f"SELECT status, count(*) FROM '{path}' GROUP BY status ORDER BY status").fetchall() == [
        ("failed", 1), ("ok", 4)]
    assert duckdb.sql(f"SELECT number, year(date), citations[1].number, len(diagnostics) FROM '{path}' "
                      "WHERE path LIKE '%01-party-cong-van.txt'").fetchall() == [("512-CV/TU", 2024, "13-CT/TW", 0)]


def test_parse_and_export_write_parquet(archive, tmp_path):
    """`parse --format parquet -o OUT` writes OUT/documents.parquet; `export` rebuilds it from the
    JSON outputs, the same bytes."""
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "vbparse", "parse", str(archive), "-o", str(out), "--format", "parquet",
                          "-q"], cwd=REPO, capture_output=True)
    assert run.returncode == 4, run.stderr  # the empty file failed
    table = pq.read_table(out / "documents.parquet")
    assert table.num_rows == 5 and sorted(table.column("status").to_pylist()) == ["failed", "ok", "ok", "ok", "ok"]
    first = (out / "documents.parquet").read_bytes()
    (out / "documents.parquet").unlink()
    again = subprocess.run([sys.executable, "-m", "vbparse", "export", str(out), "--format", "parquet"], cwd=REPO,
                           capture_output=True)
    assert again.returncode in (0, 4), again.stderr
    assert (out / "documents.parquet").read_bytes() == first
