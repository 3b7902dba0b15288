"""Where things are: every path resolves from the package, never from the working directory.

Papermill and nbval start kernels in different directories, so notebooks and the CLI
resolve relative corpus paths against the repository root.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"
ROOT = PACKAGE.parents[1]
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"
OUTPUTS = ROOT / "outputs"


def resolve(path: str | Path) -> Path:
    """Resolve ``path``: absolute paths as given, relative ones against the repository root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else ROOT / p


def display_path(path: str | Path) -> str:
    """A path for outputs: relative to the repository root when inside it, so no machine path leaks."""
    p = Path(path).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return p.as_posix()
