"""Shared timing helper of the benchmark scripts."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable


def best_of(rounds: int, fn: Callable[[object], object], items: Iterable[object]) -> float:
    """Best wall time of `rounds` passes of fn over items: the least disturbed measurement."""
    items = list(items)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - start)
    return best
