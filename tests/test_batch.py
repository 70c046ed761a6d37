"""Batch runs: discovery, manifest, mirrored tree, order, shards, resume, interruption, timeouts."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from vbparse.batch import Lost, Shard, WorkerPool, discover, parse_file, run_batch
from vbparse.cli import app
from vbparse.cli.report import BatchProgress
from vbparse.export import document_json

from .conftest import REPO, SAMPLES, shared_path

runner = CliRunner()
BAD_DATE = "TỈNH ỦY QUẢNG NAM\nSố 12-NQ/TU\nQuảng Nam, ngày 31 tháng 02 năm 2024\nNGHỊ QUYẾT\nvề việc thử\n"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Good, bad, duplicate, unsupported and hidden files in nested folders."""
    root = tmp_path / "in"
    (root / "a").mkdir(parents=True)
    (root / "b" / "pdf").mkdir(parents=True)
    (root / "bad").mkdir()
    shutil.copy(SAMPLES / "01-party-cong-van.txt", root / "a")
    shutil.copy(SAMPLES / "01-party-cong-van.txt", root / "a" / "copy.txt")
    shutil.copy(SAMPLES / "docx" / "04-ubnd-quyet-dinh.docx", root / "b")
    shutil.copy(SAMPLES / "pdf" / "06-chinh-phu-nghi-dinh.pdf", root / "b" / "pdf")
    pdf = (SAMPLES / "pdf" / "01-party-cong-van.pdf").read_bytes()
    (root / "bad" / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (root / "bad" / "junk.txt").write_bytes(random.Random(5).randbytes(3000))
    (root / "bad" / "empty.txt").write_bytes(b"")
    (root / "notes.xyz").write_text("not a document", encoding="utf-8")
    (root / ".hidden.txt").write_text("never walked", encoding="utf-8")
    return root


def _manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def _without_seconds(entries: list[dict]) -> list[dict]:
    return [{k: v for k, v in e.items() if k != "seconds"} for e in entries]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def copies(folder: Path, count: int) -> Path:
    """`folder` holding `count` variants of a sample (a closing line of its own each)."""
    folder.mkdir(parents=True)
    text = (SAMPLES / "06-chinh-phu-nghi-dinh.txt").read_text(encoding="utf-8")
    for n in range(count):
        (folder / f"doc{n:03}.txt").write_text(text + f"\n{n}\n", encoding="utf-8")
    return folder


def test_batch_manifest_summary_and_mirrored_tree(archive, tmp_path):
    before = _snapshot(archive)
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(archive), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 4, result.output
    entries = _manifest(out)
    paths = [e["path"] for e in entries]
    assert paths == sorted(paths)
    assert {Path(p).relative_to(archive).as_posix(): (e["status"], e["code"]) for p, e in zip(paths, entries)} == {
        "a/01-party-cong-van.txt": ("ok", None),
        "a/copy.txt": ("ok", None),
        "b/04-ubnd-quyet-dinh.docx": ("ok", None),
        "b/pdf/06-chinh-phu-nghi-dinh.pdf": ("ok", None),
        "bad/empty.txt": ("failed", "input.empty"),
        "bad/junk.txt": ("failed", "input.binary"),
        "bad/truncated.pdf": ("failed", "input.truncated"),
        "notes.xyz": ("skipped", "batch.unsupported_extension"),
    }
    by_name = {Path(e["path"]).name: e for e in entries}
    assert by_name["copy.txt"]["duplicate_of"] == str(archive / "a" / "01-party-cong-van.txt")
    assert by_name["01-party-cong-van.txt"]["duplicate_of"] is None
    assert by_name["06-chinh-phu-nghi-dinh.pdf"]["pages"] == 3
    assert by_name["truncated.pdf"]["sha256"] == hashlib.sha256((archive / "bad" / "truncated.pdf").read_bytes()).hexdigest()
    assert by_name["notes.xyz"]["sha256"] is None and by_name["junk.txt"]["output"] is None
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["a/01-party-cong-van.txt.json", "a/copy.txt.json", "b/04-ubnd-quyet-dinh.docx.json",
                       "b/pdf/06-chinh-phu-nghi-dinh.pdf.json", "manifest.jsonl"]
    assert json.loads((out / "b/pdf/06-chinh-phu-nghi-dinh.pdf.json").read_text(encoding="utf-8"))["header"]["number"]["text"] == "58/2025/NĐ-CP"
    assert [e["output"] for e in entries if e["status"] == "ok"] == [w for w in written if w != "manifest.jsonl"]
    summary = " ".join(result.stderr.split())
    assert "8 inputs" in summary and "input.truncated" in summary and "duplicates: 1" in summary
    assert _snapshot(archive) == before  # inputs are never modified


def test_partial_document_exits_1(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad-date.txt").write_text(BAD_DATE, encoding="utf-8")
    shutil.copy(SAMPLES / "07-bao-cao.txt", tmp_path / "in")
    result = runner.invoke(app, ["parse", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--jobs", "2"])
    assert result.exit_code == 1
    entries = _manifest(tmp_path / "out")
    assert [(e["status"], e["code"]) for e in entries] == [("ok", None), ("partial", "header.date.invalid")]
    assert "31" in entries[1]["message"] and entries[1]["output"] == "bad-date.txt.json"


def test_jsonl_is_ordered_by_path_whatever_the_jobs(archive, tmp_path):
    one = runner.invoke(app, ["parse", str(archive), "--format", "jsonl", "--jobs", "1", "-q"])
    two = runner.invoke(app, ["parse", str(archive), "--format", "jsonl", "--jobs", "2", "-q"])
    assert one.exit_code == two.exit_code == 4
    assert one.stdout == two.stdout and one.stderr == ""
    paths = [json.loads(line)["source"]["path"] for line in one.stdout.splitlines()]
    assert paths == sorted(paths) and len(paths) == 4
    to_file = runner.invoke(app, ["parse", str(archive), "--format", "jsonl", "-o", str(tmp_path / "out"), "-q"])
    assert to_file.exit_code == 4
    assert (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8") == one.stdout
    assert len(_manifest(tmp_path / "out")) == 8


def test_discovery_rules(archive, tmp_path):
    found = {Path(i.path).relative_to(archive).as_posix(): i for i in discover([str(archive)], exclude=[archive / "b"])}
    assert sorted(found) == ["a/01-party-cong-van.txt", "a/copy.txt", "bad/empty.txt", "bad/junk.txt",
                             "bad/truncated.pdf", "notes.xyz"]
    assert not found["notes.xyz"].supported and found["bad/junk.txt"].supported
    by_pattern = discover([str(archive / "**" / "*.pdf")])
    assert [(i.relative, i.supported) for i in by_pattern] == [("b/pdf/06-chinh-phu-nghi-dinh.pdf", True), ("bad/truncated.pdf", True)]
    named = discover([str(archive / "notes.xyz"), str(tmp_path / "missing.txt")])
    assert [(i.relative, i.supported) for i in named] == [("notes.xyz", True), ("missing.txt", True)]


def test_shards_partition_the_inputs(archive, tmp_path):
    inputs = discover([str(archive)])
    shards = [[i.path for i in inputs if Shard(k, 3).holds(i)] for k in (1, 2, 3)]
    assert sorted(p for shard in shards for p in shard) == [i.path for i in inputs]  # union, no overlap
    assert sum(bool(shard) for shard in shards) >= 2
    moved = shutil.copytree(archive, tmp_path / "elsewhere" / "mount")  # another machine's mount point
    again = [[i.relative for i in discover([str(moved)]) if Shard(k, 3).holds(i)] for k in (1, 2, 3)]
    assert again == [[str(Path(p).relative_to(archive).as_posix()) for p in shard] for shard in shards]
    result = runner.invoke(app, ["parse", str(archive), "-o", str(tmp_path / "out"), "--shard", "2/3", "-q"])
    assert result.exit_code in (0, 4)
    assert [e["path"] for e in _manifest(tmp_path / "out")] == shards[1]
    for bad in ("0/3", "4/3", "x", "1/0"):
        assert runner.invoke(app, ["parse", str(archive), "-o", str(tmp_path / "o2"), "--shard", bad]).exit_code == 2


def test_resume_keeps_outputs_of_unchanged_inputs(archive, tmp_path):
    out = tmp_path / "out"
    first = runner.invoke(app, ["parse", str(archive), "-o", str(out), "--jobs", "2", "-q"])
    inodes = {p: p.stat().st_ino for p in out.rglob("*.json")}
    changed = archive / "a" / "copy.txt"
    changed.write_text((SAMPLES / "07-bao-cao.txt").read_text(encoding="utf-8"), encoding="utf-8")
    second = runner.invoke(app, ["parse", str(archive), "-o", str(out), "--jobs", "2", "--resume"])
    assert first.exit_code == second.exit_code == 4
    assert "3 kept from an earlier run" in second.stderr
    rewritten = {p.relative_to(out).as_posix() for p, ino in inodes.items() if p.stat().st_ino != ino}
    assert rewritten == {"a/copy.txt.json"}
    copy = json.loads((out / "a" / "copy.txt.json").read_text(encoding="utf-8"))
    assert copy["header"]["number"]["text"] == "210/BC-SNV"
    assert copy["source"]["sha256"] == hashlib.sha256(changed.read_bytes()).hexdigest()
    assert next(e for e in _manifest(out) if e["path"] == str(changed))["duplicate_of"] is None


def test_interrupted_run_resumes_to_the_same_output(tmp_path):
    """Kill a real run (SIGKILL to its whole process group) half-way, resume it, and compare
    every byte with an uninterrupted run."""
    archive = tmp_path / "in"
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for n in range(160):
        folder = archive / f"f{n % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"doc{n:03}.txt").write_text(texts[n % len(texts)] + f"\nGhi chú {n}.\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "vbparse", "parse", str(archive), "-o", str(out), "--jobs", "1", "-q"],
                            cwd=REPO, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(list(out.rglob("*.json"))) < 10 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    kept = list(out.rglob("*.json"))
    assert 10 <= len(kept) < 160 and not (out / "manifest.jsonl").exists()
    for path in kept:  # every output that exists is whole
        assert json.loads(path.read_text(encoding="utf-8"))["source"]["path"].startswith(str(archive))
    resumed = runner.invoke(app, ["parse", str(archive), "-o", str(out), "--resume", "--jobs", "2", "-q"])
    clean = runner.invoke(app, ["parse", str(archive), "-o", str(tmp_path / "clean"), "--jobs", "2", "-q"])
    assert resumed.exit_code == clean.exit_code == 0
    visible = lambda snap: {k: v for k, v in snap.items() if not Path(k).name.startswith(".") and k != "manifest.jsonl"}
    assert visible(_snapshot(out)) == visible(_snapshot(tmp_path / "clean"))
    assert _without_seconds(_manifest(out)) == _without_seconds(_manifest(tmp_path / "clean"))


def test_sigterm_stops_a_run_cleanly(tmp_path):
    archive = copies(tmp_path / "in", 400)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "vbparse", "parse", str(archive), "-o", str(out), "--format", "jsonl",
                             "--jobs", "2", "-q"], cwd=REPO, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(list(out.glob("*.json"))) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "--resume" in stderr
    # the documents finished are kept for --resume; neither a stream nor a temporary file
    left = {p.name for p in out.iterdir()}
    assert left and all(name.startswith("doc") and name.endswith(".txt.json") for name in left)


def _parse_or_hang(path: str):
    """A parse function for the pool: hangs on files named hang*, dies on crash*, raises on bug*."""
    name = Path(path).name
    if name.startswith("hang"):
        Path(path).with_suffix(".pid").write_text(str(os.getpid()))
        time.sleep(600)
    if name.startswith("crash"):
        os._exit(3)
    if name.startswith("bug"):
        raise RuntimeError("a parser bug")
    return parse_file(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_timeout_kills_the_hung_worker_and_crashes_cost_one_file(tmp_path):
    for name in ("a.txt", "bug.txt", "crash.txt", "hang.txt", "z.txt"):
        shutil.copy(SAMPLES / "02-party-nghi-quyet.txt", tmp_path / name)
    start = time.monotonic()
    entries = run_batch(discover([str(tmp_path)]), render=document_json, emit=lambda *_: None,
                        parse=_parse_or_hang, jobs=2, timeout=4)
    assert time.monotonic() - start < 20
    assert [(Path(e.path).name, e.status, e.code) for e in entries] == [
        ("a.txt", "ok", None), ("bug.txt", "failed", "batch.internal_error"),
        ("crash.txt", "failed", "batch.worker_died"), ("hang.txt", "timeout", "batch.timeout"), ("z.txt", "ok", None),
    ]
    assert entries[1].message == "RuntimeError: a parser bug" and entries[3].seconds >= 4
    pid = int((tmp_path / "hang.pid").read_text())
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)


def _upper_or_hang(text: str) -> str:
    if text == "hang":
        time.sleep(600)
    return text.upper()


def test_tasks_queued_behind_a_hung_one_still_run():
    """One worker, so 'b' waits in the pipe behind 'hang' when it is killed; it is handed on."""
    start = time.monotonic()
    with WorkerPool(_upper_or_hang, jobs=1, timeout=1.0) as pool:
        results = dict(pool.run(enumerate(["a", "hang", "b", "c"])))
    assert time.monotonic() - start < 15
    assert (results[0], results[2], results[3]) == ("A", "B", "C")
    assert isinstance(results[1], Lost) and results[1].reason == "timeout" and 1.0 <= results[1].seconds < 5


@pytest.mark.parametrize(
    "args",
    [["--resume"], ["--format", "csv", "--resume"], ["-q", "-v", "-o", "OUT"], ["--pretty", "--format", "csv"],
     ["--scheduler", "tcp://127.0.0.1:8786", "-o", "OUT"]],
)
def test_batch_usage_errors(archive, tmp_path, args):
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    assert runner.invoke(app, ["parse", str(archive), *args]).exit_code == 2


def test_colliding_output_names_are_a_usage_error(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        shutil.copy(SAMPLES / "07-bao-cao.txt", tmp_path / folder)
    result = runner.invoke(app, ["parse", str(tmp_path / "x" / "07-bao-cao.txt"), str(tmp_path / "y" / "07-bao-cao.txt"),
                                 "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "07-bao-cao.txt.json" in result.stderr


def test_quiet_and_verbose(archive, tmp_path):
    quiet = runner.invoke(app, ["parse", str(archive), "-o", str(tmp_path / "q"), "-q"])
    assert quiet.stderr == ""
    verbose = runner.invoke(app, ["parse", str(archive), "-o", str(tmp_path / "v"), "-v"])
    lines = [line.split() for line in verbose.stderr.splitlines() if line.strip().startswith(("ok ", "failed ", "skipped "))]
    assert sorted(Path(words[1]).name for words in lines) == [  # a line per input as it finishes
        "01-party-cong-van.txt", "04-ubnd-quyet-dinh.docx", "06-chinh-phu-nghi-dinh.pdf", "copy.txt", "empty.txt",
        "junk.txt", "notes.xyz", "truncated.pdf"]
    assert "parsing" not in verbose.stderr  # no progress bar off a terminal


def test_progress_bar_only_on_a_terminal_and_never_takes_stdout(capsys):
    for terminal in (True, False):
        shown = io.StringIO()
        with BatchProgress(1, Console(file=shown, force_terminal=terminal, width=100), bar=True, verbose=False):
            sys.stdout.write("a JSONL line\n")  # the stream may be on stdout while the bar runs
        assert capsys.readouterr().out == "a JSONL line\n"
        assert ("parsing" in shown.getvalue()) is terminal and "JSONL" not in shown.getvalue()


def test_help_documents_the_batch_exit_codes():
    text = " ".join(runner.invoke(app, ["parse", "--help"]).stdout.split())
    assert "4 a batch: some inputs failed or timed out" in text and "130 interrupted" in text


def test_crashing_files_cost_only_themselves(tmp_path):
    """Workers dying one after another (the pool restarting them while others are handed tasks)
    never abort the run: issue 12 saw BrokenPipeError end whole batches."""
    for n in range(3):
        shutil.copy(SAMPLES / "07-bao-cao.txt", tmp_path / f"crash{n}.txt")
        shutil.copy(SAMPLES / "07-bao-cao.txt", tmp_path / f"ok{n}.txt")
    entries = run_batch(discover([str(tmp_path)]), render=document_json, emit=lambda *_: None,
                        parse=_parse_or_hang, jobs=2, timeout=30)
    assert [(Path(e.path).name, e.status, e.code) for e in entries] == [
        *((f"crash{n}.txt", "failed", "batch.worker_died") for n in range(3)),
        *((f"ok{n}.txt", "ok", None) for n in range(3))]


def _ocr_pages_or_sleep(task: str) -> str:
    """'pages:N': N pages sent to OCR, 0.5 s each; 'sleep:S': S seconds with no OCR."""
    from vbparse.readers.ocr import PAGE_LISTENERS

    kind, _, amount = task.partition(":")
    for page in range(int(amount) if kind == "pages" else 0):
        for listener in PAGE_LISTENERS:
            listener(page + 1)
        time.sleep(0.5)
    time.sleep(float(amount) if kind == "sleep" else 0)
    return task


def test_time_budget_starts_with_the_task_and_grows_with_ocr_pages():
    """--timeout 1: three 0.7 s tasks one after another in one worker are each within time (the
    clock starts when the worker takes a task, not when it is queued); 4 OCR pages of 0.5 s fit
    in 1 s + 4 × 1 s; 1.6 s without OCR does not, and the message names --timeout."""
    with WorkerPool(_ocr_pages_or_sleep, jobs=1, timeout=1.0) as pool:
        results = dict(pool.run(enumerate(["sleep:0.7", "sleep:0.7", "sleep:0.7", "pages:4", "sleep:1.6"])))
    assert [results[k] for k in range(4)] == ["sleep:0.7", "sleep:0.7", "sleep:0.7", "pages:4"]
    lost = results[4]
    assert isinstance(lost, Lost) and lost.reason == "timeout" and "--timeout 1 s" in lost.detail


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _processes_using(text: str) -> list[int]:
    """Live processes whose command line or environment mentions `text`."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if text.encode() in (proc / "cmdline").read_bytes() + (proc / "environ").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return [pid for pid in found if _alive(pid) and pid != os.getpid()]


def test_a_worker_killed_during_a_doc_conversion_leaves_no_copy(tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    doc = next(shared_path("corpus", "doc").glob("*.doc"), None) or pytest.skip("no .doc in ../shared/corpus/doc")
    archive, tmp = tmp_path / "in", tmp_path / "tmp"
    archive.mkdir(), tmp.mkdir()
    shutil.copy(doc, archive / "a.doc")
    result = subprocess.run([sys.executable, "-m", "vbparse", "parse", str(archive), "-o", str(tmp_path / "out"),
                             "--timeout", "0.5", "-q"], cwd=REPO, env={**os.environ, "TMPDIR": str(tmp)})
    assert result.returncode == 4 and _manifest(tmp_path / "out")[0]["status"] == "timeout"
    assert _leftovers(tmp) == []  # no vbparse-doc-* copy of the document, no LibreOffice profile
    deadline = time.monotonic() + 10
    while _processes_using(str(tmp)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_using(str(tmp)) == []  # soffice ended with the conversion


def test_killing_the_parent_ends_its_workers_and_the_next_run_cleans_up(tmp_path):
    archive, tmp = copies(tmp_path / "in", 60), tmp_path / "tmp"
    tmp.mkdir()
    out, env = tmp_path / "out", {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen([sys.executable, "-m", "vbparse", "parse", str(archive), "-o", str(out), "-j", "2", "-q"],
                            cwd=REPO, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(list(out.glob("*.json"))) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.kill()  # the parent alone, as the OOM killer would
    proc.wait()
    deadline = time.monotonic() + 10
    while _processes_using(str(tmp)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_using(str(tmp)) == []  # no orphaned worker waits forever
    assert not [name for name in _leftovers(tmp) if name.startswith("pymp-")]
    again = subprocess.run([sys.executable, "-m", "vbparse", "parse", str(archive), "-o", str(out), "--resume", "-j", "2", "-q"],
                           cwd=REPO, env=env)
    assert again.returncode == 0 and _leftovers(tmp) == []
