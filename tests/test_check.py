"""`vbparse check`: schema validation, diagnostics, field diffs against expected JSON, --update."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from typer.testing import CliRunner

from vbparse.batch import ManifestEntry
from vbparse.check import check_output, diff_json, diff_lines
from vbparse.cli import app

from .conftest import REPO, SAMPLES

runner = CliRunner()


def _entry(status="ok", code=None, message=None) -> ManifestEntry:
    return ManifestEntry("in/x.txt", None, "0" * 64, status, code, message, None, None, 0.0)


def test_diff_json_names_each_changed_field():
    expected = {"source": {"path": "a/x.txt", "sha256": "1"}, "header": {"number": {"text": "512-CV/TU"}},
                "recipients": ["A", "B"], "title": None, "attachments": [{"source": {"path": "a/x.txt"}}]}
    actual = {"source": {"path": "b/x.txt", "sha256": "1"}, "header": {"number": {"text": "513-CV/TU"}},
              "recipients": ["A"], "title": None, "attachments": [{"source": {"path": "b/x.txt"}}], "author": "X"}
    assert [d.describe() for d in diff_json(expected, actual)] == [
        'header.number.text: expected "512-CV/TU", got "513-CV/TU"',
        'recipients[1]: missing (expected "B")',
        'author: added "X"',
    ]  # source.path is where the file was read from, not part of the parse


def test_diff_lines_sum_up_moved_spans_and_show_long_text_around_the_change():
    text = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; " * 5
    expected = {"text": text, "zones": [{"span": {"start": 10}}, {"span": {"start": 20}}]}
    actual = {"text": text.replace("19 tháng 6", "20 tháng 6", 1), "zones": [{"span": {"start": 11}}, {"span": {"start": 21}}]}
    lines = diff_lines(list(diff_json(expected, actual)))
    assert lines[0] == ('text: differs at character 48: expected …"c chính quyền địa phương ngày 19 tháng 6 năm 2015; Căn cứ Lu", '
                        'got …"c chính quyền địa phương ngày 20 tháng 6 năm 2015; Căn cứ Lu"')
    assert lines[1] == "2 span offsets differ (first: zones[0].span.start: expected 10, got 11)"


def test_check_output_fails_on_schema_errors_and_unparsed_inputs():
    bogus = check_output(_entry(), json.dumps({"kind": "memo"}), None)
    assert bogus.status == "fail" and bogus.problems[0].startswith("schema: ")
    failed = check_output(_entry("failed", "input.binary", "input contains NUL bytes"), None, None)
    assert failed.status == "fail" and failed.problems == ("failed (input.binary): input contains NUL bytes",)
    assert check_output(_entry("skipped", "batch.unsupported_extension", "not a document"), None, None).status == "skipped"


def _samples(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("01-party-cong-van.txt", "09-state-cong-van.txt"):
        shutil.copy(SAMPLES / name, folder)
    assert runner.invoke(app, ["parse", str(folder), "-o", str(tmp_path / "expected"), "--pretty", "-q"]).exit_code == 0
    (tmp_path / "expected" / "manifest.jsonl").unlink()
    return folder, tmp_path / "expected"


def test_check_fails_on_a_changed_sample_and_passes_after_update(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    folder, expected = _samples(tmp_path)
    passed = runner.invoke(app, ["check", str(folder), "--expect", str(expected)])
    assert passed.exit_code == 0, passed.stdout
    assert "2 pass" in passed.stdout

    sample = folder / "01-party-cong-van.txt"
    sample.write_text(sample.read_text(encoding="utf-8").replace("512-CV/TU", "513-CV/TU", 1), encoding="utf-8")
    failed = runner.invoke(app, ["check", str(folder), "--expect", str(expected)])
    assert failed.exit_code == 1
    out = " ".join(failed.stdout.split())
    assert 'header.number.text: expected "512-CV/TU", got "513-CV/TU"' in out
    assert "1 pass, 1 fail" in out

    monkeypatch.setenv("CI", "true")
    before = (expected / "01-party-cong-van.txt.json").read_bytes()
    refused = runner.invoke(app, ["check", str(folder), "--expect", str(expected), "--update"])
    assert refused.exit_code == 2 and "CI" in refused.stderr
    assert (expected / "01-party-cong-van.txt.json").read_bytes() == before

    monkeypatch.delenv("CI")
    updated = runner.invoke(app, ["check", str(folder), "--expect", str(expected), "--update"])
    assert updated.exit_code == 0 and "1 pass, 1 updated" in updated.stdout
    rewritten = json.loads((expected / "01-party-cong-van.txt.json").read_text(encoding="utf-8"))
    assert rewritten["header"]["number"]["text"] == "513-CV/TU"
    assert runner.invoke(app, ["check", str(folder), "--expect", str(expected)]).exit_code == 0


def test_update_creates_missing_expected_files(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    folder, expected = _samples(tmp_path)
    shutil.copy(SAMPLES / "07-bao-cao.txt", folder)
    assert runner.invoke(app, ["check", str(folder), "--expect", str(expected)]).exit_code == 0  # compared when present
    result = runner.invoke(app, ["check", str(folder), "--expect", str(expected), "--update"])
    assert result.exit_code == 0 and "2 pass, 1 updated" in result.stdout
    assert json.loads((expected / "07-bao-cao.txt.json").read_text(encoding="utf-8"))["header"]["number"]["text"] == "210/BC-SNV"


def test_fail_on_warning_and_unreadable_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = (SAMPLES / "04-ubnd-quyet-dinh.txt").read_text(encoding="utf-8")
    (folder / "no-number.txt").write_text(text.replace("Số: 1234/QĐ-UBND | ", ""), encoding="utf-8")
    assert runner.invoke(app, ["check", str(folder)]).exit_code == 0
    strict = runner.invoke(app, ["check", str(folder), "--fail-on", "warning"])
    assert strict.exit_code == 1 and "warning diagnostic header.number.missing" in " ".join(strict.stdout.split())
    (folder / "empty.txt").write_bytes(b"")
    broken = runner.invoke(app, ["check", str(folder)])
    assert broken.exit_code == 1 and "input.empty" in broken.stdout


def test_update_needs_expect():
    assert runner.invoke(app, ["check", str(SAMPLES / "07-bao-cao.txt"), "--update"]).exit_code == 2


def _check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vbparse", "check", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")})


def test_check_fails_when_nothing_was_compared(tmp_path):
    folder, expected = _samples(tmp_path)
    missing = _check(str(folder), "--expect", str(tmp_path / "nonexistent"))
    assert missing.returncode == 2 and "is not a folder: nothing would be compared" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = _check(str(tmp_path / "empty"))
    assert empty.returncode == 1 and "no document to check" in empty.stderr
    unrelated = _check(str(folder), "--expect", str(tmp_path / "empty"))
    assert unrelated.returncode == 1 and "no input has an expected file" in unrelated.stderr
    assert _check(str(folder), "--expect", str(expected)).returncode == 0


def test_check_fails_on_expected_files_whose_input_was_deleted(tmp_path):
    folder, expected = _samples(tmp_path)
    (folder / "09-state-cong-van.txt").unlink()
    result = _check(str(folder), "--expect", str(expected))
    assert result.returncode == 1
    out = " ".join(result.stdout.split())
    assert "09-state-cong-van.txt.json: expected file without an input (deleted or renamed?)" in out
    assert "1 pass, 1 fail" in out
