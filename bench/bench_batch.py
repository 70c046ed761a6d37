"""Batch speed and memory: documents/s with 1 and 2 worker processes, and the peak RSS of the
whole process tree, on a generated archive of text documents; the Dask engine on a LocalCluster
of 2 workers against the local pool with 2 jobs (target >= 0.9x), and the scheduler's cost per
task, from which the throughput of 16 and 64 workers is projected.

Baselines, measured in the same run: the same documents parsed and written in a plain loop in
one process (vbparse.parse + JSON + atomic write), no worker pool; and how much faster two
plain CPU loops run side by side than one after the other, which bounds the --jobs 2 speed-up
when other work shares the cores. Memory should stay flat
whatever the count, so the pool is also run on a quarter of the archive.
Each measurement runs in a fresh child process; a sampler sums the RSS of the child and all
its descendants (forkserver, workers) from /proc every 20 ms, and their CPU time (which,
unlike wall time, does not depend on what else the machine is doing).

The Dask cluster is started, and has parsed a few files, before the clock: a user's cluster is
running already, its workers have imported the parser. Its CPU time includes all that and the
empty tasks that measure the scheduler.
The projection: a worker parses a document in (CPU seconds per document, from the --jobs 1 run)
plus its share of the per-task overhead (a task carries CHUNK documents); the scheduler handles
one task at a time, so it caps the whole cluster at CHUNK / (its cost per task) documents/s.

Usage: python bench/bench_batch.py [--count 2000] [--rounds 3] [--no-dask]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FOLDER_SIZE = 100  # documents per generated folder


def generate(count: int, root: Path) -> None:
    """Variations of samples/*.txt: each copy gets its own serial number and a closing note."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))]
    for n in range(count):
        text = texts[n % len(texts)]
        folder = root / f"{n // FOLDER_SIZE:03}"
        folder.mkdir(parents=True, exist_ok=True)
        varied = text.replace("Số", f"Số {n + 1}", 1) if n % 3 else text
        (folder / f"doc{n:05}.txt").write_text(varied + f"\nBản lưu số {n}.\n", encoding="utf-8")


def child(mode: str, archive: Path, out: Path, jobs: int) -> None:
    """One measurement, timed from inside so interpreter start-up is left out; prints JSON."""
    from vbparse.batch import discover, parse_file, run_batch
    from vbparse.export import document_json, write_atomic

    inputs = [item for item in discover([str(archive)]) if item.supported]
    start = time.perf_counter()
    extra = {}
    if mode == "loop":
        for item in inputs:
            write_atomic(out / item.output_name, document_json(parse_file(item.path)))
        ok = len(inputs)
    elif mode == "dask":
        from distributed import Client

        from vbparse.batch.dask import CHUNK, dask_engine, local_cluster

        with local_cluster(jobs) as cluster, Client(cluster) as client, tempfile.TemporaryDirectory() as warm:
            # a running cluster has imported the parser and started its parse processes already
            run_batch(inputs[: 2 * CHUNK * jobs], render=document_json, out_dir=Path(warm), jobs=jobs,
                      engine=dask_engine(client))
            start = time.perf_counter()
            entries = run_batch(inputs, render=document_json, out_dir=out, jobs=jobs, engine=dask_engine(client))
            seconds = time.perf_counter() - start
            extra = {"task_overhead": _scheduler_cost(client)}
        ok = sum(e.status == "ok" for e in entries)
        print(json.dumps({"docs": len(inputs), "ok": ok, "seconds": seconds, **extra}))
        return
    else:
        entries = run_batch(inputs, render=document_json, out_dir=out, jobs=jobs)
        ok = sum(e.status == "ok" for e in entries)
    seconds = time.perf_counter() - start
    print(json.dumps({"docs": len(inputs), "ok": ok, "seconds": seconds}))


def _noop(n: int) -> int:
    return n


def _scheduler_cost(client, tasks: int = 2000) -> float:
    """Seconds per task of the scheduler and its messages: empty tasks submitted and gathered."""
    client.gather(client.map(_noop, range(100), pure=False))  # connections warm
    start = time.perf_counter()
    client.gather(client.map(_noop, range(tasks), pure=False))
    return (time.perf_counter() - start) / tasks


def _tree(root_pid: int) -> dict[int, list[str]]:
    """/proc/<pid>/stat fields (after the command name) of a process and all its descendants."""
    stats: dict[int, list[str]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            stats[int(stat.parent.name)] = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        pid = frontier.pop()
        kids = [p for p, fields in stats.items() if int(fields[1]) == pid and p not in tree]
        tree.update(kids)
        frontier.extend(kids)
    return {pid: stats[pid] for pid in tree if pid in stats}


def _rss_kib(pid: int) -> int:
    try:
        line = next(l for l in Path(f"/proc/{pid}/status").read_text().splitlines() if l.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0
    return int(line.split()[1])


_SPIN = "s = 0\nfor i in range(10_000_000):\n    s += i"  # pure CPU, no I/O, no sharing


def spin(processes: int) -> float:
    """Wall time of `processes` copies of a CPU loop run side by side: what the machine can do in
    parallel right now (other load included), the ceiling of the --jobs 2 / --jobs 1 ratio."""
    start = time.perf_counter()
    for proc in [subprocess.Popen([sys.executable, "-c", _SPIN]) for _ in range(processes)]:
        proc.wait()
    return time.perf_counter() - start


def measure(mode: str, archive: Path, jobs: int) -> dict:
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.Popen([sys.executable, __file__, "--child", mode, str(archive), out, str(jobs)],
                                stdout=subprocess.PIPE, text=True, cwd=REPO)
        peak, cpu_ticks = 0, {}  # cpu: the last utime+stime seen of every process of the tree
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                tree = _tree(proc.pid)
                peak = max(peak, sum(_rss_kib(pid) for pid in tree))
                cpu_ticks.update({pid: int(fields[11]) + int(fields[12]) for pid, fields in tree.items()})
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        stdout, _ = proc.communicate()
        done.set()
        sampler.join()
    if proc.returncode:
        raise SystemExit(f"{mode} --jobs {jobs} failed with exit code {proc.returncode}")
    cpu = sum(cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")
    return {**json.loads(stdout), "peak_tree_mib": peak / 1024, "cpu_seconds": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="best time of this many runs of each (peak RSS: the highest)")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask engine")
    parser.add_argument("--child", nargs=4, metavar=("MODE", "ARCHIVE", "OUT", "JOBS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, archive, out, jobs = args.child
        child(mode, Path(archive), Path(out), int(jobs))
        return
    with tempfile.TemporaryDirectory() as tmp:
        full, quarter = Path(tmp) / "full", Path(tmp) / "quarter"
        generate(args.count, full)
        generate(args.count // 4, quarter)
        configs = [("loop, 1 process", "loop", full, 1), ("pool, --jobs 1", "pool", full, 1),
                   ("pool, --jobs 2", "pool", full, 2), ("pool, --jobs 2, quarter", "pool", quarter, 2)]
        if not args.no_dask:
            configs.append(("dask, 2 workers", "dask", full, 2))
        best: dict[str, dict] = {}
        spins = {1: float("inf"), 2: float("inf")}
        for _ in range(args.rounds):  # interleaved, so that a busy spell hits every configuration
            spins = {n: min(spins[n], spin(n)) for n in spins}
            for name, mode, archive, jobs in configs:
                run = measure(mode, archive, jobs)
                kept = best.setdefault(name, run)
                if run["seconds"] < kept["seconds"]:
                    best[name] = {**run, "peak_tree_mib": max(run["peak_tree_mib"], kept["peak_tree_mib"])}
                else:
                    kept["peak_tree_mib"] = max(run["peak_tree_mib"], kept["peak_tree_mib"])
        runs = list(best.items())
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{args.count} generated text documents, {cores} cores, best of {args.rounds} rounds, load average "
          f"{os.getloadavg()[0]:.1f} at the end")
    for name, run in runs:
        print(f"{name:<24}: {run['docs']:5} docs ({run['ok']} ok) in {run['seconds']:6.2f} s {run['docs'] / run['seconds']:7.1f} docs/s"
              f"   CPU {run['cpu_seconds']:6.2f} s   peak RSS of the process tree {run['peak_tree_mib']:6.1f} MiB")
    rate = {name: run["docs"] / run["seconds"] for name, run in runs}
    print(f"ratio --jobs 2 / --jobs 1    : {rate['pool, --jobs 2'] / rate['pool, --jobs 1']:5.2f}x  (target >= 1.7 on 2 cores)")
    print(f"ceiling: 2 CPU loops / 1     : {2 * spins[1] / spins[2]:5.2f}x  (what 2 processes get on this machine now)")
    print(f"ratio --jobs 1 / plain loop  : {rate['pool, --jobs 1'] / rate['loop, 1 process']:5.2f}x  (the pool's own cost)")
    if "dask, 2 workers" in rate:
        _dask_report(rate, best)
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"largest single process (getrusage RUSAGE_CHILDREN maxrss): {largest:.1f} MiB")


def _dask_report(rate: dict[str, float], best: dict[str, dict]) -> None:
    overhead = best["dask, 2 workers"]["task_overhead"]
    per_doc = best["pool, --jobs 1"]["cpu_seconds"] / best["pool, --jobs 1"]["docs"]  # CPU of a document, all processes
    print(f"ratio dask 2 workers / --jobs 2: {rate['dask, 2 workers'] / rate['pool, --jobs 2']:5.2f}x  (target >= 0.9)")
    print(f"scheduler cost per task      : {overhead * 1000:6.2f} ms  (empty tasks through a 2-worker LocalCluster)")
    print(f"CPU per document (--jobs 1)  : {per_doc * 1000:6.1f} ms")
    from vbparse.batch.dask import CHUNK

    per_task_doc = overhead / CHUNK  # a task carries CHUNK documents
    for workers in (16, 64):
        projected = min(workers / (per_doc + per_task_doc), 1 / per_task_doc)
        print(f"on paper, {workers:2} workers          : {projected:7.0f} docs/s  (min of {workers} / (CPU per doc + "
              f"cost per task / {CHUNK}) and the scheduler's {CHUNK} / cost per task)")


if __name__ == "__main__":
    main()
