"""The Dask engine: a batch's files parsed on a dask.distributed cluster.

One Dask task per few files (CHUNK). Inside a Dask worker the file is still parsed in a killable child
process (a one-process local pool per worker thread), because Dask cannot stop a running task:
a file over its time budget costs that child, not the Dask worker, and a crash in native code
is that file's failure. A Dask worker that dies (killed, out of memory) has its tasks run again
elsewhere by the scheduler; a file whose task ends workers twice is recorded as failed
(`distributed.scheduler.allowed-failures` = 1 on the cluster this module starts; a chunk whose
workers died is run again file by file first).

Outputs are written by the workers, atomically, so the output folder must be a path every worker
sees (a shared file system) and inputs paths they can read; the manifest, resume, ordering and
streams stay with the caller (run.py), so outputs are the same bytes as with the local engine.

From Python, with a Client of your own:

    from distributed import Client
    from vbparse.batch.dask import parse_many
    entries = parse_many(["archive/"], client=Client("tcp://scheduler:8786"), out_dir=Path("/shared/out"))
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from multiprocessing.util import Finalize
from pathlib import Path

import dask
from distributed import Client, KilledWorker, LocalCluster, as_completed

from ..model import Document
from .discover import discover
from .engine import Budget, Engine, EngineFactory, EngineUnavailable, Lost
from .manifest import MANIFEST_NAME, ManifestEntry, write_manifest
from .pool import WorkerPool
from .run import DEFAULT_TIMEOUT, run_batch
from .work import Job, Outcome, ParseWork, parse_file

ALLOWED_FAILURES = 1  # retries of a task whose worker died; one more death and the file failed
_CONNECT_TIMEOUT = "10s"
_WINDOW = 2  # tasks submitted per worker thread ahead of the results taken in
# Files per task: the scheduler's cost per task (~1 ms idle, tens on a loaded machine) is paid
# once for a few files; a task whose worker died is split again to find the file at fault.
CHUNK = 4
# Dask workers must be allowed children (the killable parse processes): not daemonic.
CLUSTER_CONFIG = {"distributed.worker.daemon": False, "distributed.scheduler.allowed-failures": ALLOWED_FAILURES}
_DAEMONIC = ("the Dask workers are daemonic processes, which cannot start the processes that parse "
             "files: start them with DASK_DISTRIBUTED__WORKER__DAEMON=False in their environment")

_local = threading.local()


def _apply(pair: tuple[ParseWork, Job]) -> Outcome:
    work, job = pair
    return work(job)


def _pool(budget: Budget) -> WorkerPool:
    """This Dask worker thread's one-process pool, kept for the next tasks of the same budget."""
    pool = getattr(_local, "pool", None)
    if pool is None or pool.budget != budget:
        if pool is not None:
            _local.closer()
        pool = _local.pool = WorkerPool(_apply, jobs=1, timeout=budget).__enter__()
        # on the worker's exit (Dask workers are multiprocessing children, which skip atexit)
        _local.closer = Finalize(pool, pool.__exit__, args=(None,), exitpriority=10)
    return pool


def parse_chunk(work: ParseWork, jobs: list[Job], budget: Budget) -> list[Outcome | Lost]:
    """A Dask task: a few files parsed (and their outputs written) one by one in a killable child
    process, each within its own budget."""
    if _daemonic():
        raise EngineUnavailable(_DAEMONIC)
    results = dict(_pool(budget).run(enumerate((work, job) for job in jobs)))
    return [results[index] for index in range(len(jobs))]


def _daemonic() -> bool:
    return multiprocessing.current_process().daemon


class DaskEngine:
    """Runs a batch's tasks on a cluster: `scheduler` is a Client, a scheduler address, or None
    for a LocalCluster of `jobs` worker processes (started here, and closed on leaving)."""

    def __init__(self, work: ParseWork, jobs: int, budget: Budget, scheduler: Client | str | None = None) -> None:
        self.work, self.jobs, self.budget, self.scheduler = work, jobs, budget, scheduler
        self._owned: list[Client | LocalCluster] = []

    def __enter__(self) -> DaskEngine:
        try:
            if isinstance(self.scheduler, Client):
                self.client = self.scheduler
            elif self.scheduler is not None:
                self.client = self._own(Client(self.scheduler, timeout=_CONNECT_TIMEOUT))
            else:
                self.client = self._own(Client(self._own(local_cluster(self.jobs))))
        except OSError as exc:  # includes the connection's TimeoutError
            self.__exit__(None)
            raise EngineUnavailable(f"no Dask scheduler at {self.scheduler}: {exc}") from None
        try:
            daemonic = any(self.client.run(_daemonic).values())
        except Exception as exc:  # vbparse missing on a worker, or another version of it
            self.__exit__(None)
            raise EngineUnavailable(f"the Dask workers cannot run vbparse: {type(exc).__name__}: {exc}") from None
        if daemonic:
            self.__exit__(None)
            raise EngineUnavailable(_DAEMONIC)
        return self

    def _own(self, thing):
        self._owned.append(thing)
        return thing

    def __exit__(self, exc_type: object, *_: object) -> None:
        for thing in reversed(self._owned):
            thing.close()
        self._owned = []

    def run(self, tasks: Iterable[tuple[int, Job]]) -> Iterator[tuple[int, Outcome | Lost]]:
        source = iter(tasks)
        chunks: dict[str, list[tuple[int, Job]]] = {}
        running = as_completed()

        def submit(chunk: list[tuple[int, Job]]) -> None:
            future = self.client.submit(parse_chunk, self.work, [job for _, job in chunk], self.budget, pure=False)
            chunks[future.key] = chunk
            running.add(future)

        def submit_next() -> None:
            if chunk := list(islice(source, CHUNK)):
                submit(chunk)

        for _ in range(_WINDOW * max(sum(self.client.nthreads().values()), 1)):
            submit_next()
        for future in running:
            chunk = chunks.pop(future.key)
            try:
                results = future.result()
            except KilledWorker:
                if len(chunk) > 1:  # which file ends workers? each on its own, with its own retries
                    for one in chunk:
                        submit([one])
                    continue
                results = [Lost("died", f"the workers running it died {ALLOWED_FAILURES + 1} times", 0.0)]
            except Exception as exc:  # the task could not run (a worker's import, pickling)
                results = [Lost("error", f"{type(exc).__name__}: {exc}", 0.0)] * len(chunk)
            future.release()
            submit_next()
            yield from zip((key for key, _ in chunk), results)


def local_cluster(workers: int) -> LocalCluster:
    """A cluster on this machine: `workers` processes of one thread, any dashboard on a free port. Sets
    CLUSTER_CONFIG for this process, not only while starting: the nanny reads it again each
    time it restarts a worker that died."""
    dask.config.set(CLUSTER_CONFIG)
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                        silence_logs=logging.ERROR)


def dask_engine(scheduler: Client | str | None = None) -> EngineFactory:
    """What run_batch(engine=…) takes to run on a cluster (see DaskEngine)."""

    def make(work: ParseWork, jobs: int, budget: Budget) -> Engine:
        return DaskEngine(work, jobs, budget, scheduler)

    return make


def parse_many(
    paths: Sequence[str],
    *,
    client: Client,
    out_dir: Path | None = None,
    emit: Callable[[ManifestEntry, str | None], None] | None = None,
    render: Callable[[Document], str] | None = None,
    parse: Callable[[str], Document] = parse_file,
    timeout: float | None = DEFAULT_TIMEOUT,
    resume: bool = False,
) -> list[ManifestEntry]:
    """Parse files, folders and glob patterns on `client`'s cluster, as `vbparse parse` does:
    with `out_dir`, one JSON per input below it and its manifest.jsonl; with `emit`, each
    document's text handed back in path order. Returns the manifest entries."""
    from ..export import document_json

    entries = run_batch(discover(paths, exclude=[out_dir] if out_dir else []), render=render or document_json,
                        out_dir=out_dir, emit=emit, parse=parse, timeout=timeout, resume=resume,
                        engine=dask_engine(client))
    if out_dir is not None:
        write_manifest(out_dir / MANIFEST_NAME, entries)
    return entries
