"""Where things are: the library's own files resolve from the package; a user's paths from the
current directory, as every Unix tool does (``wiretrace corpus ./flood`` from any directory).

Notebooks receive their corpus as a path relative to the folder their kernel runs in (the output
directory under ``wiretrace run``, ``notebooks/`` in JupyterLab), so no machine path ends up in
an output.
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
    """Resolve a user's ``path``: absolute paths as given, relative ones against the current directory."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else Path.cwd() / p


def display_path(path: str | Path) -> str:
    """A path for outputs: relative to the repository root when inside it, so no machine path leaks."""
    p = Path(path).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return p.as_posix()


def make_folder(path: Path) -> None:
    """Make ``path`` a folder, with its parents, unless it is one already; ValueError with the reason
    when it cannot be (a file is there, or the system refuses)."""
    if path.exists() and not path.is_dir():
        raise ValueError("not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"cannot be made ({exc.strerror or type(exc).__name__})") from None
