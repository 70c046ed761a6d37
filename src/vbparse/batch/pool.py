"""Worker processes that can be killed one at a time.

A parser stuck in C code (a PDF library looping on a broken file) never returns and cannot be
interrupted from Python, and `concurrent.futures.ProcessPoolExecutor` cannot cancel a task that
is already running. So each worker here has its own pipe and runs one task at a time: the pool
knows which process holds which task since when, kills exactly that process when its time is
up, and starts a fresh one in its place.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Generic, Literal, TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")

# forkserver: workers are forked from a small clean server process, not from the caller, which
# may hold threads (a progress bar) or much memory; the work function must be picklable.
_CONTEXT = multiprocessing.get_context(
    "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
)
if _CONTEXT.get_start_method() == "forkserver":
    # the server imports the parser once; each worker forked from it starts ready to parse
    _CONTEXT.set_forkserver_preload(["__main__", "vbparse.batch.work"])
_STOP_GRACE = 2.0  # seconds a worker gets to exit after being told to stop


@dataclass(frozen=True, slots=True)
class Lost:
    """A task that produced no result: it ran over its time (its worker was killed) or its
    worker died (a crash in native code, the out-of-memory killer)."""

    reason: Literal["timeout", "died"]
    detail: str
    seconds: float


def _serve(conn: Connection, work: Callable[[object], object]) -> None:
    # Ctrl-C reaches the whole process group; the parent decides what happens to the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        while (task := conn.recv()) is not None:
            key, payload = task
            conn.send((key, work(payload)))
    except (EOFError, BrokenPipeError):  # the parent has gone: nothing left to do
        pass


class _Worker:
    def __init__(self, work: Callable[[object], object]) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(child, work), daemon=True)
        self.process.start()
        child.close()
        self.key: int | None = None
        self.started = 0.0

    def give(self, key: int, payload: object) -> None:
        self.key, self.started = key, time.monotonic()
        self.conn.send((key, payload))

    def stop(self, *, now: bool) -> None:
        """Ask an idle worker to exit; terminate a busy one (or any, when `now`)."""
        if self.process.is_alive():
            if now or self.key is not None:
                self.process.terminate()
            else:
                try:
                    self.conn.send(None)
                except OSError:
                    self.process.terminate()
            self.process.join(_STOP_GRACE)
            if self.process.is_alive():
                self.process.kill()
        self.process.join()
        self.conn.close()


class WorkerPool(Generic[Task, Result]):
    """Run `work` over tasks in up to `jobs` processes, each task limited to `timeout` seconds.

    Use as a context manager; leaving it (normally, or by an exception such as Ctrl-C) stops
    every worker.
    """

    def __init__(self, work: Callable[[Task], Result], *, jobs: int, timeout: float | None) -> None:
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.work, self.jobs, self.timeout = work, jobs, timeout
        self._workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool[Task, Result]:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        for worker in self._workers:
            worker.stop(now=exc_type is not None)
        self._workers = []

    def run(self, tasks: Iterable[tuple[int, Task]]) -> Iterator[tuple[int, Result | Lost]]:
        """Yield (key, result) pairs in completion order; a task with no result yields `Lost`.

        Tasks are drawn lazily, one whenever a worker is free; workers are started as needed.
        """
        pending = iter(tasks)
        idle: list[_Worker] = list(self._workers)
        busy: list[_Worker] = []
        exhausted = False
        while True:
            while not exhausted and (idle or len(self._workers) < self.jobs):
                task = next(pending, None)
                if task is None:
                    exhausted = True
                    break
                worker = idle.pop() if idle else self._start()
                worker.give(*task)
                busy.append(worker)
            if not busy:
                return
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], self._wait_time(busy)))
            for worker in list(busy):
                outcome = self._collect(worker, ready)
                if outcome is None:
                    continue
                key = worker.key
                busy.remove(worker)
                if isinstance(outcome, Lost):
                    self._replace(worker)
                else:
                    idle.append(worker)
                worker.key = None
                yield key, outcome  # type: ignore[misc]

    def _start(self) -> _Worker:
        worker = _Worker(self.work)  # type: ignore[arg-type]
        self._workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.stop(now=True)
        self._workers.remove(worker)

    def _wait_time(self, busy: list[_Worker]) -> float | None:
        if self.timeout is None:
            return None
        first_deadline = min(w.started for w in busy) + self.timeout
        return max(0.0, first_deadline - time.monotonic())

    def _collect(self, worker: _Worker, ready: set[object]) -> Result | Lost | None:
        """The worker's result, a Lost when it died or ran out of time, or None while it works."""
        elapsed = time.monotonic() - worker.started
        died = worker.process.sentinel in ready
        # poll, not only `ready`: a result that arrived after `wait` returned still counts
        if worker.conn.poll():
            try:
                return worker.conn.recv()[1]
            except (EOFError, OSError):  # the pipe closed: the worker died
                died = True
        if died:
            worker.process.join()
            return Lost("died", f"worker exited with code {worker.process.exitcode}", elapsed)
        if self.timeout is not None and elapsed >= self.timeout:
            worker.process.kill()  # SIGKILL: a hang in native code ignores anything gentler
            return Lost("timeout", f"no result after {self.timeout:g} s", elapsed)
        return None
