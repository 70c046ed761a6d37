"""The command line: outputs, exit codes, stdin, determinism."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from vbparse import __version__
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


def test_lines_prints_each_lines_zone_label_and_score():
    result = runner.invoke(app, ["lines", str(SAMPLES / "06-chinh-phu-nghi-dinh.txt")])
    assert result.exit_code == 0
    rows = [line.split(None, 4) for line in result.stdout.splitlines()]
    by_text = {row[4]: (row[1], row[2]) for row in rows if len(row) == 5}
    assert by_text["Số: 58/2025/NĐ-CP"] == ("header", "number")
    assert by_text["Lương Văn Khánh"] == ("tail", "signer")
    assert all(0 < float(row[3]) <= 1 for row in rows)
    assert runner.invoke(app, ["lines", str(SAMPLES / "no-such-file.txt")]).exit_code == 3


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


# --- help, version and start-up (subprocesses: what a user's shell sees) ------------------------

# Modules that hold the parser: `--help` and `--version` must not pay for importing them.
PARSER_MODULES = ("vbparse.api", "vbparse.model", "vbparse.pipeline", "vbparse.readers", "vbparse.batch",
                  "vbparse.export.", "vbparse.extract", "vbparse.normalise", "pydantic", "pypdfium2", "lxml")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m vbparse ARGS` on this checkout's sources."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "vbparse", *args], capture_output=True, text=True, env=env,
                          check=False, timeout=120)


@pytest.mark.parametrize("option", ["--help", "-h"])
def test_help_lists_the_commands(option):
    proc = run_cli(option)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Usage: python -m vbparse [OPTIONS] COMMAND [ARGS]...")
    commands = proc.stdout.split("Commands:")[1].split()
    assert {"parse", "check", "citations", "show", "schema", "eval"} <= set(commands)
    assert "-h, --help" in proc.stdout and "--version" in proc.stdout


def test_help_shows_flags_as_flags_and_inputs_as_inputs():
    proc = run_cli("parse", "-h")
    assert proc.returncode == 0, proc.stderr
    assert "Usage: python -m vbparse parse [OPTIONS] PATHS..." in proc.stdout
    lines = {line.split()[0]: line for line in proc.stdout.splitlines() if line.strip().startswith("--")}
    for flag in ("--pretty", "--resume"):
        assert lines[flag].split()[1][0].isupper() and "<" not in lines[flag], lines[flag]  # no value after a flag
    assert "--format [json|jsonl|csv|xlsx" in proc.stdout and "{paths}" not in proc.stdout and "<bool>" not in proc.stdout


def test_version():
    proc = run_cli("--version")
    assert (proc.returncode, proc.stdout) == (0, f"vbparse {__version__}\n")


@pytest.mark.parametrize("word", ["true", "False", "1"])
def test_a_value_after_a_flag_is_a_usage_error_not_an_input(word):
    proc = run_cli("parse", str(SAMPLE), "--pretty", word)
    assert proc.returncode == 2 and proc.stdout == ""
    assert f"--pretty takes no value: write --pretty alone ('{word}' would be read as an input)" in proc.stderr


def test_a_file_named_like_a_value_is_still_an_input(tmp_path):
    (tmp_path / "true").write_bytes(SAMPLE.read_bytes())
    proc = subprocess.run([sys.executable, "-m", "vbparse", "parse", "--pretty", "true"], capture_output=True,
                          text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO / "src")}, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["source"]["path"] == "true"


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["parse", "--help"], ["check", "-h"]])
def test_help_and_version_do_not_import_the_parser(args):
    script = (
        "import sys\nfrom vbparse.cli import main\n"
        f"sys.argv = ['vbparse', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in sys.modules if m.startswith({PARSER_MODULES!r})))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert proc.stdout.splitlines()[-1] == "[]"
