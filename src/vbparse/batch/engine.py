"""The boundary between a batch run and what executes its tasks.

The runner (run.py) owns everything a run promises whatever executes it: discovery, hashing,
resume, ordered outputs, the manifest. An engine only takes (key, task) pairs and gives back
(key, result) pairs in completion order, a task that produced nothing as a `Lost`. Two engines:
`local` (a pebble process pool, pool.py) and `dask` (a dask.distributed cluster, dask.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar

from ..options import EngineName

Task = TypeVar("Task")
Result = TypeVar("Result")


@dataclass(frozen=True, slots=True)
class Lost:
    """A task that produced no result: it ran over its time budget (its process was killed), its
    process died (a crash in native code, the out-of-memory killer), or the engine failed it."""

    reason: Literal["timeout", "died", "error"]
    detail: str
    seconds: float


@dataclass(frozen=True, slots=True)
class Budget:
    """A file's time: `seconds` from when a worker starts it, and as many again for each page it
    reads by OCR (scans take seconds a page, so one fixed limit either lets hangs run long or
    times out every long scan). None: no limit."""

    seconds: float | None

    def deadline(self, started: float, ocr_pages: int) -> float:
        return float("inf") if self.seconds is None else started + self.seconds * (1 + ocr_pages)

    def exceeded(self, elapsed: float, ocr_pages: int) -> str:
        pages = f" + {ocr_pages} OCR page{'s' * (ocr_pages != 1)} × {self.seconds:g} s" if ocr_pages else ""
        return (f"no result after {elapsed:.0f} s (--timeout {self.seconds:g} s a file{pages}): "
                "raise --timeout, or 0 for no limit")


class Engine(Protocol[Task, Result]):
    """Runs tasks; used as a context manager, which stops every worker it started on leaving."""

    def __enter__(self) -> Engine[Task, Result]: ...

    def __exit__(self, exc_type: object, *_: object) -> None: ...

    def run(self, tasks: Iterable[tuple[int, Task]]) -> Iterator[tuple[int, Result | Lost]]:
        """(key, result) pairs in completion order. Tasks are drawn lazily, as workers have room."""
        ...


# Makes the engine of a run from the work (a ParseWork), the number of jobs and a file's budget.
EngineFactory = Callable[[Any, int, Budget], Engine]


class EngineUnavailable(RuntimeError):
    """The engine could not start: no scheduler at the address, workers that cannot run tasks."""


def engine_named(name: EngineName | str, scheduler: str | None = None) -> EngineFactory | None:
    """The factory run_batch takes for an engine chosen by name (None: the local default);
    ValueError when it cannot be had."""
    if EngineName(name) is EngineName.local:
        if scheduler is not None:
            raise ValueError("--scheduler needs --engine dask")
        return None
    try:
        from .dask import dask_engine
    except ImportError as exc:
        raise ValueError(f'--engine dask needs Dask: pip install "vbparse[dask]" ({exc})') from None
    return dask_engine(scheduler)
