"""Progress of long steps on stderr, in the terminal and in notebooks, the same way everywhere.

A bar appears only when a step has at least ``FROM`` items (a seed-sized corpus shows none). In
a terminal it is a tqdm bar with the rate and the time left; elsewhere (a log, a pipe, a
notebook) it is a line at every tenth of the work that names no time, so an executed notebook
holds the same text on every run (outputs stay byte-identical).
"""
from __future__ import annotations

import sys
from typing import Iterable, Iterator, TypeVar

from tqdm import tqdm

FROM = 1000  # items: below this a step is quick enough to need no bar
T = TypeVar("T")


def steps(items: Iterable[T], total: int, what: str, unit: str = "article", shown: bool | None = None) -> Iterator[T]:
    """``items`` (``total`` of them) with a progress bar named ``what`` when there are ``FROM`` or
    more (or when ``shown`` says so: parts of a large corpus)."""
    if not (shown if shown is not None else total >= FROM):
        yield from items
        return
    if not sys.stderr.isatty():  # a log, a pipe, a notebook: a line at every tenth, the same on every run
        every, done = max(1, total // 10), 0
        print(f"{what}: 0/{total} {unit}s", file=sys.stderr, flush=True)
        for item in items:
            yield item
            done += 1
            if done % every == 0 or done == total:
                print(f"{what}: {done}/{total} {unit}s ({100 * done // total}%)", file=sys.stderr, flush=True)
        return
    with tqdm(total=total, desc=what, unit=unit, file=sys.stderr, mininterval=0.5, dynamic_ncols=True) as bar:
        for item in items:
            yield item
            bar.update(1)
