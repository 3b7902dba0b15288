"""Reading the reviewable data files in ``wiretrace/data`` (cached: they do not change at run time)."""
from __future__ import annotations

import csv
from functools import lru_cache

from .paths import DATA


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """The words of a one-word-per-line file, ``#`` comments and blank lines left out."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def table(name: str) -> tuple[dict, ...]:
    """The rows of a CSV data file as dicts."""
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))
