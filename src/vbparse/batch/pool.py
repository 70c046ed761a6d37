"""The local engine: a pebble process pool whose workers can be killed one at a time.

A parser stuck in C code (a PDF library looping on a broken file) never returns and cannot be
interrupted from Python; pebble cancels a running task by terminating the process that runs
it and starts a fresh worker in its place, and a worker that dies fails only its own task.
The time budget is kept here rather than by pebble's fixed `timeout=`, because it grows with
each page the file reads by OCR: each task has a slot in a shared array where its worker
writes when it started (the clock starts then, not when the task was queued), how many pages
it has sent to OCR so far and the last one's number. The parent reads the array as it polls,
so OCR progress costs the workers no messages.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path
from typing import Generic, TypeVar

from pebble import ProcessExpired, ProcessPool

from ..readers.ocr_hook import PAGE_LISTENERS
from .engine import Budget, Lost

Task = TypeVar("Task")
Result = TypeVar("Result")

# spawn: fresh interpreters, not forks of a caller that may hold threads (a progress bar) or much
# memory; and unlike forkserver it leaves no socket folder (pymp-*) behind when the run is killed.
_CONTEXT = multiprocessing.get_context("spawn")
_IN_FLIGHT = 2  # tasks queued per worker, so that none idles while the parent takes in a result
_POLL = 0.2  # seconds between looks at the running tasks' clocks
_START_WAIT = 10.0  # seconds a stopping pool waits for its workers to have started
_RUN_PREFIX = "vbparse-run-"
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
# A slot's fields in the shared array: start time, OCR pages so far, the last OCR page's number.
_STARTED, _PAGES, _PAGE, _FIELDS = 0, 1, 2, 3

# Called in the parent with a task's key, the number of the page its worker began reading by
# OCR, and the seconds since the task started.
OnOcrPage = Callable[[int, int, float], None]

# In a worker process: the shared clock array and the slot of the task being run.
_clock: list[float] = []
_slot = -1


def _start_worker(clock: list[float], tmp: str, parent: int) -> None:
    global _clock
    _clock = clock
    _end_with(parent)
    # Ctrl-C reaches the whole process group; the parent decides what happens to the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the worker's temporary files (a .doc's converted copy, LibreOffice's profile) go to the
    # run's private folder, which the parent removes even when the worker was killed
    tempfile.tempdir = os.environ["TMPDIR"] = tmp
    PAGE_LISTENERS.append(_ocr_page)
    clock[-1] += 1  # one more worker up (a lost increment only makes a stop wait _START_WAIT)


def _end_with(parent: int) -> None:
    """Have the kernel send SIGTERM when the parent dies (a `kill -9` of the run): workers share
    one task pipe, so they would never see it close and would wait forever. SIGTERM, so that a
    .doc conversion under way removes its copy of the document (readers/doc.py)."""
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: nothing to ask
        return
    if os.getppid() != parent:  # it died before the request was made
        os._exit(0)


def _ocr_page(page: int) -> None:
    if _slot >= 0:
        _clock[_FIELDS * _slot + _PAGE] = page  # before the count, which the parent watches
        _clock[_FIELDS * _slot + _PAGES] += 1


def _run(work: Callable[[Task], Result], slot: int, task: Task) -> Result:
    global _slot
    _slot = slot
    _clock[_FIELDS * slot + _PAGES] = _clock[_FIELDS * slot + _PAGE] = 0
    _clock[_FIELDS * slot + _STARTED] = time.monotonic()  # CLOCK_MONOTONIC: the same clock in every process
    try:
        return work(task)
    finally:
        _slot = -1


class WorkerPool(Generic[Task, Result]):
    """Run `work` over tasks in up to `jobs` processes, each task within `timeout` (a Budget, or
    seconds) from when its worker starts it. `work` and the tasks must be picklable.
    `on_ocr_page(key, page, seconds)` is told at each poll (every _POLL seconds) of the page a
    running task is reading by OCR, when it has begun another since the last poll.

    Use as a context manager; leaving it (normally, or by an exception such as Ctrl-C) stops
    every worker and removes the workers' temporary files.
    """

    def __init__(self, work: Callable[[Task], Result], *, jobs: int, timeout: Budget | float | None,
                 on_ocr_page: OnOcrPage | None = None) -> None:
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.work, self.jobs, self.on_ocr_page = work, jobs, on_ocr_page
        self.budget = timeout if isinstance(timeout, Budget) else Budget(timeout)
        self._slots = jobs * _IN_FLIGHT

    def __enter__(self) -> WorkerPool[Task, Result]:
        self._tmp = private_tmp()
        self._clock = _CONTEXT.RawArray("d", _FIELDS * self._slots + 1)  # the last: workers started
        self._pool = ProcessPool(max_workers=self.jobs, initializer=_start_worker,
                                 initargs=(self._clock, self._tmp, os.getpid()), context=_CONTEXT)
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            self._pool.close()
        else:
            # a worker still starting when the parent goes cannot rebuild the pool's locks and
            # prints a traceback: let the first ones come up before stopping them all
            deadline = time.monotonic() + _START_WAIT
            while self._clock[-1] < self.jobs and time.monotonic() < deadline:
                time.sleep(_POLL / 4)
            self._pool.stop()  # terminates the workers; one writing an output finishes the rename
        self._pool.join()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def run(self, tasks: Iterable[tuple[int, Task]]) -> Iterator[tuple[int, Result | Lost]]:
        """Yield (key, result) pairs in completion order; a task with no result yields `Lost`.

        Tasks are drawn lazily, as slots free up."""
        source = iter(tasks)
        pending: dict[Future, tuple[int, int]] = {}
        free = list(range(self._slots))
        exhausted = False
        told = [0.0] * self._slots  # the OCR page count last told of, per slot
        limited = self.budget.seconds is not None
        poll = _POLL if limited or self.on_ocr_page is not None else None
        while True:
            while free and not exhausted:
                task = next(source, None)
                if task is None:
                    exhausted = True
                    break
                slot = free.pop()
                self._clock[_FIELDS * slot + _STARTED] = self._clock[_FIELDS * slot + _PAGES] = told[slot] = 0
                pending[self._pool.schedule(_run, (self.work, slot, task[1]))] = (task[0], slot)
            if not pending:
                return
            done, _ = wait(pending, timeout=poll, return_when=FIRST_COMPLETED)
            for future in done:
                key, slot = pending.pop(future)
                free.append(slot)
                yield key, self._result(future, slot)
            for future, (key, slot) in list(pending.items()):
                lost = self._overdue(slot) if limited else None
                if lost is not None and future.cancel():  # pebble terminates the worker running it
                    del pending[future]
                    free.append(slot)
                    yield key, lost
            if self.on_ocr_page is not None:
                self._tell_ocr(pending.values(), told)

    def _tell_ocr(self, running: Iterable[tuple[int, int]], told: list[float]) -> None:
        for key, slot in running:
            pages = self._clock[_FIELDS * slot + _PAGES]
            if pages != told[slot] and self._clock[_FIELDS * slot + _STARTED]:
                told[slot] = pages
                self.on_ocr_page(key, int(self._clock[_FIELDS * slot + _PAGE]), self._elapsed(slot))

    def _elapsed(self, slot: int) -> float:
        started = self._clock[_FIELDS * slot + _STARTED]
        return time.monotonic() - started if started else 0.0

    def _overdue(self, slot: int) -> Lost | None:
        started, pages = self._clock[_FIELDS * slot + _STARTED], int(self._clock[_FIELDS * slot + _PAGES])
        if not started or time.monotonic() < self.budget.deadline(started, pages):
            return None
        elapsed = self._elapsed(slot)
        return Lost("timeout", self.budget.exceeded(elapsed, pages), elapsed)

    def _result(self, future: Future, slot: int) -> Result | Lost:
        try:
            return future.result()
        except ProcessExpired as exc:
            return Lost("died", f"worker exited with code {exc.exitcode}", self._elapsed(slot))
        except Exception as exc:  # the result could not be sent back (pickling), or `work` raised
            return Lost("error", f"{type(exc).__name__}: {exc}", self._elapsed(slot))


def private_tmp() -> str:
    """A new temporary folder for one run's workers. Folders left by runs whose process is gone
    (killed outright, so nothing of theirs could clean up) are removed first: they may hold
    copies of confidential documents."""
    base = Path(tempfile.gettempdir())
    for stale in base.glob(f"{_RUN_PREFIX}*"):
        pid = stale.name.removeprefix(_RUN_PREFIX).partition("-")[0]
        try:
            if pid.isdigit() and not _alive(int(pid)) and stale.stat().st_uid == os.getuid():
                shutil.rmtree(stale, ignore_errors=True)
        except OSError:  # removed meanwhile by its own run
            continue
    return tempfile.mkdtemp(prefix=f"{_RUN_PREFIX}{os.getpid()}-")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
