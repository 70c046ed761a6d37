"""Worker processes that can be killed one at a time.

A parser stuck in C code (a PDF library looping on a broken file) never returns and cannot be
interrupted from Python, and `concurrent.futures.ProcessPoolExecutor` cannot cancel a task that
is already running. So each worker here has its own pipe and works through its tasks in order:
the pool knows which process runs which task since when, kills exactly that process when its
time is up, starts a fresh one in its place, and hands the tasks queued behind to the others.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
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
# Tasks sent to a worker ahead of its results: the next one is waiting in the pipe when a task
# ends, so the worker does not idle while the parent takes in the result.
_IN_FLIGHT = 2


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
        self.queue: deque[tuple[int, object]] = deque()  # sent, no result yet; the first is running
        self.started = 0.0  # when the first task of the queue started

    def give(self, key: int, payload: object) -> None:
        if not self.queue:
            self.started = time.monotonic()
        self.queue.append((key, payload))
        self.conn.send((key, payload))

    def took(self) -> tuple[int, object]:
        """The running task is done: the next one in the pipe starts now."""
        self.started = time.monotonic()
        return self.queue.popleft()

    def stop(self, *, now: bool) -> None:
        """Ask an idle worker to exit; terminate a busy one (or any, when `now`)."""
        if self.process.is_alive():
            if now or self.queue:
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
    """Run `work` over tasks in up to `jobs` processes, each task limited to `timeout` seconds
    from when its worker starts it.

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

        Tasks are drawn lazily, as workers have room; workers are started as needed.
        """
        pending = iter(tasks)
        orphans: deque[tuple[int, object]] = deque()  # queued behind a task whose worker was lost
        exhausted = False
        while True:
            while (worker := self._with_room()) is not None:
                task = orphans.popleft() if orphans else None if exhausted else next(pending, None)
                if task is None:
                    exhausted = True
                    break
                worker.give(*task)
            busy = [w for w in self._workers if w.queue]
            if not busy:
                return
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], self._wait_time(busy)))
            for worker in busy:
                outcome = self._collect(worker, ready)
                if outcome is None:
                    continue
                key, _ = worker.took()
                if isinstance(outcome, Lost):
                    orphans.extend(worker.queue)
                    worker.queue.clear()
                    worker.stop(now=True)
                    self._workers.remove(worker)
                yield key, outcome  # type: ignore[misc]

    def _with_room(self) -> _Worker | None:
        """An idle worker, else a new one while under `jobs`, else one with room in its pipe."""
        idle = next((w for w in self._workers if not w.queue), None)
        if idle is not None:
            return idle
        if len(self._workers) < self.jobs:
            worker = _Worker(self.work)  # type: ignore[arg-type]
            self._workers.append(worker)
            return worker
        return min((w for w in self._workers if len(w.queue) < _IN_FLIGHT), key=lambda w: len(w.queue), default=None)

    def _wait_time(self, busy: list[_Worker]) -> float | None:
        if self.timeout is None:
            return None
        first_deadline = min(w.started for w in busy) + self.timeout
        return max(0.0, first_deadline - time.monotonic())

    def _collect(self, worker: _Worker, ready: set[object]) -> Result | Lost | None:
        """The running task's result, a Lost when the worker died or ran out of time, or None
        while it works."""
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
