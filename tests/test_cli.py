"""The command line: outputs, exit codes, stdin, determinism."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from vbparse.cli import app
from vbparse.cli.common import EXIT_CODES

from .conftest import REPO, SAMPLES, shared_path

runner = CliRunner()
SAMPLE = SAMPLES / "01-party-cong-van.txt"
BAD_DATE = "TỈNH ỦY QUẢNG NAM\nSố 12-NQ/TU\nQuảng Nam, ngày 31 tháng 02 năm 2024\nNGHỊ QUYẾT\nvề việc thử\n"


def test_parse_one_file_prints_json():
    result = runner.invoke(app, ["parse", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["header"]["number"]["text"] == "512-CV/TU"
    assert data["source"]["path"] == str(SAMPLE)


def test_output_is_byte_identical_across_runs():
    first = runner.invoke(app, ["parse", str(SAMPLE), "--pretty"]).stdout
    second = runner.invoke(app, ["parse", str(SAMPLE), "--pretty"]).stdout
    assert first == second and first.endswith("}\n")


def test_stdin():
    result = runner.invoke(app, ["parse", "-"], input=SAMPLE.read_bytes())
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["source"]["path"] is None
    assert data["source"]["sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()


def test_several_files_to_out_dir(tmp_path):
    files = [SAMPLE, SAMPLES / "06-chinh-phu-nghi-dinh.txt"]
    before = [f.read_bytes() for f in files]
    result = runner.invoke(app, ["parse", *map(str, files), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [f.name + ".json" for f in sorted(files)] + ["manifest.jsonl"]
    assert json.loads((tmp_path / "06-chinh-phu-nghi-dinh.txt.json").read_text())["header"]["doc_type"] == "Nghị định"
    assert [f.read_bytes() for f in files] == before  # inputs are never modified


def test_several_files_need_out_dir_or_jsonl():
    result = runner.invoke(app, ["parse", str(SAMPLE), str(SAMPLE)])
    assert result.exit_code == 2
    result = runner.invoke(app, ["parse", str(SAMPLE), str(SAMPLES / "07-bao-cao.txt"), "--format", "jsonl"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [json.loads(line)["header"]["number"]["text"] for line in lines] == ["512-CV/TU", "210/BC-SNV"]


def test_exit_1_when_diagnostics_hold_errors(tmp_path):
    bad = tmp_path / "bad-date.txt"
    bad.write_text(BAD_DATE, encoding="utf-8")
    result = runner.invoke(app, ["parse", str(bad)])
    assert result.exit_code == 1
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "error"]
    assert codes == ["header.date.invalid"]


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "input.empty"), (b"\x00\x01\x02binary" * 20, "input.binary"),
     (b"Ngh\xe9 quy\x81t \x8d\x8f\x90" * 30, "input.undecodable"), (b"%PDF-1.7\n%\xe2\xe3", "input.truncated")],
)
def test_exit_3_for_unreadable_input(tmp_path, content, code):
    path = tmp_path / "input.bin"
    path.write_bytes(content)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 3
    assert code in result.stderr


def test_missing_file_in_a_batch_exit_4_and_others_still_parse(tmp_path):
    result = runner.invoke(app, ["parse", str(tmp_path / "nope.txt"), str(SAMPLE), "-o", str(tmp_path / "out")])
    assert result.exit_code == 4
    assert "input.not_found" in result.stderr
    assert (tmp_path / "out" / "01-party-cong-van.txt.json").exists()


def test_missing_single_file_exit_3(tmp_path):
    result = runner.invoke(app, ["parse", str(tmp_path / "nope.txt")])
    assert result.exit_code == 3
    assert "input.not_found" in result.stderr


def test_usage_error_exit_2():
    assert runner.invoke(app, ["parse"]).exit_code == 2
    assert runner.invoke(app, ["parse", str(SAMPLE), "--format", "xml"]).exit_code == 2


def test_help_documents_exit_codes():
    result = runner.invoke(app, ["parse", "--help"])
    assert "Exit codes" in result.stdout and "3 an input could not be read" in " ".join(result.stdout.split())


def test_readme_exit_code_table_matches_the_cli():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code, meaning in EXIT_CODES.items():
        assert f"| {code} | {meaning} |" in readme


def test_schema_command_matches_checked_in_file():
    result = runner.invoke(app, ["schema"])
    assert result.stdout == (REPO / "schemas" / "document.schema.json").read_text(encoding="utf-8")


def test_show_prints_a_tree():
    result = runner.invoke(app, ["show", str(SAMPLES / "06-chinh-phu-nghi-dinh.txt")])
    assert result.exit_code == 0
    assert "Chương II" in result.stdout and "58/2025/NĐ-CP" in result.stdout and "Lương Văn Khánh" in result.stdout


def test_python_dash_m_works():
    proc = subprocess.run([sys.executable, "-m", "vbparse", "parse", str(SAMPLE)], capture_output=True, check=False)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["signatures"][0]["signer"] == "Hồ Quang Vinh"


def test_ocr_option_reaches_the_reader():
    scan = shared_path("corpus", "pdf", "ttr-511-ttr-cat-pc04-2025-scan.pdf")
    result = CliRunner().invoke(app, ["parse", str(scan), "--ocr", "never"])
    doc = json.loads(result.stdout)
    assert doc["source"]["ocr"] is None
    assert "pdf.no_text_layer" in [d["code"] for d in doc["diagnostics"]]
    assert CliRunner().invoke(app, ["parse", str(scan), "--ocr", "sometimes"]).exit_code == 2
