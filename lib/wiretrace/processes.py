"""Work spread over one process per core, the same way for every layer.

A layer reads its corpus in worker processes only from its own ``PARALLEL_FROM`` items (below,
starting the workers costs more than they save). Every worker starts with the profile active in
the caller (its spelling variants, cues and vocabularies), then with the layer's own state (a
vocabulary, the pairs' sentences), so a layer's rows are the same in one process or many.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence

from .resources import active_profile, use_profile

PARTS_PER_WORKER = 4  # parts of the items per worker: a slow part delays the others less


def workers(items: int, parallel_from: int, allowed: bool = True) -> int:
    """How many processes read ``items`` items: one per core from ``parallel_from`` items (when
    ``allowed``), else one (the caller's)."""
    cores = os.cpu_count() or 1
    return cores if allowed and items >= parallel_from else 1


def pool(count: int, initializer: Callable | None = None, initargs: tuple = ()) -> ProcessPoolExecutor:
    """A pool of ``count`` processes, each started with the caller's active profile, then with
    ``initializer(*initargs)`` (the layer's state, kept in the worker's module)."""
    return ProcessPoolExecutor(count, initializer=_start, initargs=(active_profile(), initializer, initargs))


def parts(items: Sequence, count: int) -> list:
    """``items`` cut into consecutive parts, ``PARTS_PER_WORKER`` for each of ``count`` workers
    (fewer for few items), in order."""
    size = max(1, -(-len(items) // (PARTS_PER_WORKER * count)))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _start(profile, initializer: Callable | None, initargs: tuple) -> None:
    use_profile(profile)
    if initializer is not None:
        initializer(*initargs)
