"""Reading the reviewable data files: the library's own, plus an optional story profile.

``wiretrace/data`` holds only what is true of any news corpus (language, calendar, agencies,
spelling variants, general categories of what news counts). What is true of one story (its
people and places, dated reference events, outlet quirks, measures) lives in a **profile**: a
folder of files with the same names and columns, whose rows are added to the library's. A
profile only adds; every analysis works without one.

Data files and whatever is built from them are cached; :func:`use_profile` changes the active
profile and empties every cache registered with :func:`cached`, so nothing built from another
profile's rows survives.
"""
from __future__ import annotations

import csv
import hashlib
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from .paths import DATA

PROFILE_SUFFIX = ".profile"  # a profile beside a corpus: ``flood/`` and ``flood.profile/``
_active: Path | None = None
_caches: list = []


class ProfileError(ValueError):
    """A profile folder that cannot be used: the message names the file and the reason."""


def cached(function):
    """``lru_cache`` for anything built from data files: emptied whenever the profile changes."""
    wrapped = lru_cache(maxsize=None)(function)
    _caches.append(wrapped)
    return wrapped


def active_profile() -> Path | None:
    """The profile folder in use, or None."""
    return _active


def check_profile(path: str | Path) -> Path:
    """``path`` as a usable profile folder, or a :class:`ProfileError` naming the file and the reason."""
    folder = Path(path).expanduser().resolve()
    if not folder.is_dir():
        raise ProfileError(f"{path}: not a profile folder ({'missing' if not folder.exists() else 'not a directory'})")
    known = {p.name for p in DATA.iterdir()}
    for file in sorted(folder.iterdir()):
        if file.name.startswith(".") or file.name.lower() in ("readme.md", "readme.txt", "readme"):
            continue
        if file.name not in known:
            raise ProfileError(f"{file}: not a data file wiretrace reads (expected one of: {', '.join(sorted(known))})")
        if file.suffix == ".csv":
            with (DATA / file.name).open(newline="", encoding="utf-8") as fh:
                expected = next(csv.reader(fh))
            try:
                with file.open(newline="", encoding="utf-8") as fh:
                    header = next(csv.reader(fh), [])
            except UnicodeDecodeError as exc:
                raise ProfileError(f"{file}: not UTF-8 text (byte {exc.start})") from None
            if header != expected:
                raise ProfileError(f"{file}: columns {header} differ from the library's {expected}")
    return folder


def use_profile(path: str | Path | None) -> Path | None:
    """Make ``path`` the active profile (None: the library's data alone); returns the previous one."""
    global _active
    folder = check_profile(path) if path is not None else None
    previous, _active = _active, folder
    if folder != previous:
        for cache in _caches:
            cache.cache_clear()
    return previous


@contextmanager
def profile(path: str | Path | None):
    """Run a block with ``path`` as the active profile, restoring the previous one after."""
    previous = use_profile(path)
    try:
        yield active_profile()
    finally:
        use_profile(previous)


def profile_beside(corpus: str | Path) -> Path | None:
    """The profile that sits beside a corpus (``NAME.profile/`` next to ``NAME``), if there is one."""
    path = Path(corpus).expanduser()
    candidate = path.parent / (path.stem + PROFILE_SUFFIX)
    return candidate if candidate.is_dir() else None


def profile_digest(path: str | Path | None) -> str:
    """A hash of a profile's files (names and bytes): layers built with other rows are not reused."""
    if path is None:
        return "none"
    digest = hashlib.sha256()
    for file in sorted(Path(path).iterdir()):
        if file.is_file():
            digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def _files(name: str) -> list[Path]:
    files = [DATA / name]
    if _active is not None and (_active / name).is_file():
        files.append(_active / name)
    return files


@cached
def word_list(name: str) -> frozenset[str]:
    """The words of a one-word-per-line file (library and profile), ``#`` comments and blank lines left out."""
    words = set()
    for file in _files(name):
        lines = file.read_text(encoding="utf-8").splitlines()
        words.update(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return frozenset(words)


@cached
def table(name: str) -> tuple[dict, ...]:
    """The rows of a CSV data file as dicts: the library's rows, then the active profile's."""
    rows = []
    for file in _files(name):
        with file.open(newline="", encoding="utf-8") as fh:
            rows.extend(csv.DictReader(fh))
    return tuple(rows)
