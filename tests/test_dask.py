"""The Dask engine on a LocalCluster(n_workers=2, processes=True): the same bytes as the local
engine, hung and crashing files, a file that kills its workers, resume after the client is killed."""

from __future__ import annotations

import os
import signal
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from vbparse.batch import discover, run_batch, write_manifest  # noqa: E402
from vbparse.batch.dask import local_cluster, parse_many  # noqa: E402
from vbparse.export import document_json  # noqa: E402

from .conftest import REPO, SAMPLES  # noqa: E402
from .test_batch import _manifest, copies, _parse_or_hang, _snapshot, _without_seconds  # noqa: E402


@pytest.fixture(scope="module")
def client():
    from distributed import Client

    with local_cluster(2) as cluster, Client(cluster) as client:
        yield client


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "a").mkdir(parents=True)
    for name in ("01-party-cong-van.txt", "02-party-nghi-quyet.txt", "07-bao-cao.txt"):
        shutil.copy(SAMPLES / name, root / "a")
    shutil.copy(SAMPLES / "docx" / "04-ubnd-quyet-dinh.docx", root)
    shutil.copy(SAMPLES / "pdf" / "06-chinh-phu-nghi-dinh.pdf", root)
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.xyz").write_text("not a document", encoding="utf-8")
    return root


def test_outputs_and_manifest_are_the_bytes_of_the_local_engine(client, archive, tmp_path):
    dask_out, local_out = tmp_path / "dask", tmp_path / "local"
    parse_many([str(archive)], client=client, out_dir=dask_out)
    local = run_batch(discover([str(archive)]), render=document_json, out_dir=local_out, jobs=2)
    write_manifest(local_out / "manifest.jsonl", local)
    assert _snapshot(dask_out).keys() == _snapshot(local_out).keys()
    assert {k: v for k, v in _snapshot(dask_out).items() if k != "manifest.jsonl"} == \
           {k: v for k, v in _snapshot(local_out).items() if k != "manifest.jsonl"}
    assert _without_seconds(_manifest(dask_out)) == _without_seconds(_manifest(local_out))
    assert [e["status"] for e in _manifest(dask_out)].count("ok") == 5


def _kill_worker_or_parse(path: str):
    """Kills the Dask worker running it (its parent: the parse runs in the worker's child) for
    files named killer*, else parses as _parse_or_hang does."""
    if Path(path).name.startswith("killer"):
        os.kill(os.getppid(), signal.SIGKILL)
        time.sleep(60)
    return _parse_or_hang(path)


def test_hung_crashing_and_worker_killing_files_cost_only_themselves(client, tmp_path):
    for name in ("a.txt", "crash.txt", "hang.txt", "killer.txt", "z.txt"):
        shutil.copy(SAMPLES / "02-party-nghi-quyet.txt", tmp_path / name)
    entries = parse_many([str(tmp_path)], client=client, parse=_kill_worker_or_parse, timeout=2,
                         emit=lambda *_: None)
    assert [(Path(e.path).name, e.status, e.code) for e in entries] == [
        ("a.txt", "ok", None), ("crash.txt", "failed", "batch.worker_died"), ("hang.txt", "timeout", "batch.timeout"),
        ("killer.txt", "failed", "batch.worker_died"), ("z.txt", "ok", None),
    ]
    assert "died 2 times" in entries[3].message and "--timeout 2 s" in entries[2].message
    client.wait_for_workers(2, timeout=120)  # the nanny has restarted the killed workers


def test_resume_after_the_client_is_killed(client, tmp_path):
    archive = copies(tmp_path / "in", 16)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "vbparse", "parse", str(archive), "-o", str(out), "--engine", "dask",
                             "-j", "2", "-q"], cwd=REPO, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.json"))) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the client, its cluster and their workers
    proc.wait()
    kept = list(out.glob("*.json"))
    assert 3 <= len(kept) < 16 and not (out / "manifest.jsonl").exists()
    before = {p.name: p.stat().st_ino for p in kept}
    entries = parse_many([str(archive)], client=client, out_dir=out, resume=True)
    assert all(e.status == "ok" for e in entries) and len(entries) == 16
    assert all(p.stat().st_ino == before[p.name] for p in kept)  # finished outputs were kept, not redone
    clean = tmp_path / "clean"
    write_manifest(clean / "manifest.jsonl", run_batch(discover([str(archive)]), render=document_json, out_dir=clean, jobs=2))
    visible = lambda snap: {k: v for k, v in snap.items() if not k.startswith(".") and k != "manifest.jsonl"}
    assert visible(_snapshot(out)) == visible(_snapshot(clean))
    assert _without_seconds(_manifest(out)) == _without_seconds(_manifest(clean))
