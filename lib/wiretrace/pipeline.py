"""Run every notebook on a corpus: executed copies, Markdown renders, tables and figures.

For each ``notebooks/NN-slug.ipynb`` the run writes, under the output directory:
``NN-slug.ipynb`` (executed, volatile papermill metadata stripped, cell ids renumbered),
``NN-slug.md`` with ``NN-slug_files/`` (Markdown render for reading in a pull request) and
``NN-slug/`` (the notebook's own CSV tables and SVG/PNG figures). Kernels run with the output
directory as working directory and receive ``out_dir = "NN-slug"`` and the corpus (and profile)
as paths relative to it, so no machine path ends up in an output.

Every notebook declares the case parameters (:data:`wiretrace.case.PARAMETERS`) and reads the
case's layers from ``case/`` under the output directory: notebook 00 builds them, the others and
any rerun with nothing changed read them, and a changed parameter recomputes only the layers that
depend on it.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import nbformat

from .case import check_parameters
from .paths import NOTEBOOKS, OUTPUTS, SEEDS, display_path, resolve
from .resources import ProfileError, check_profile, profile_beside

VOLATILE_CELL_METADATA = ("papermill", "execution", "collapsed", "scrolled")
CASE_DIR = "case"  # under the output directory: the case's layers


class PipelineError(RuntimeError):
    """A notebook failed or the run was asked to do something unsafe."""


def notebook_paths(only: list[str] | None = None) -> list[Path]:
    """The numbered source notebooks in reading order, optionally only those whose stem starts with one of ``only``."""
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    if not paths:
        raise PipelineError(f"no notebooks in {NOTEBOOKS} (the library is not beside its notebooks/ folder)")
    if only:
        paths = [p for p in paths if any(p.stem.startswith(o) for o in only)]
        if not paths:
            raise PipelineError(f"no notebook matches {only}")
    return paths


def relative_to_run(path: str | Path, out_dir: Path) -> str:
    """``path`` (relative to the current directory) as the kernels see it: relative to the output directory."""
    return Path(os.path.relpath(resolve(path).resolve(), out_dir.resolve())).as_posix()


def default_out(corpus: str | Path) -> Path:
    """Seed results go to the committed ``outputs/``; any other corpus to ``wiretrace-runs/<name>`` here."""
    if resolve(corpus).resolve() == SEEDS.resolve():
        return OUTPUTS
    return Path.cwd() / "wiretrace-runs" / resolve(corpus).resolve().stem


CELL_TIMEOUT = 6 * 3600  # seconds one notebook cell may run before the run stops with an error


def run(corpus: str | Path = "seeds", out: str | Path | None = None, parameters: dict | None = None,
        only: list[str] | None = None, overwrite_seed_outputs: bool = False, log=print,
        timeout: int | None = CELL_TIMEOUT) -> list[Path]:
    """Execute the notebooks with papermill on ``corpus``; return the executed notebooks' paths.

    ``parameters`` go to the notebooks that declare them (as data: papermill writes them as
    literals). Writing another corpus's results over the committed seed outputs needs
    ``overwrite_seed_outputs=True``. A cell running longer than ``timeout`` seconds stops the run
    with an error naming the notebook (None: no limit).
    """
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1):
        raise PipelineError(f"timeout must be a whole number of seconds, 1 or more, not {timeout!r}")
    import papermill

    out_dir = resolve(out) if out is not None else default_out(corpus)
    seeds = resolve(corpus).resolve() == SEEDS.resolve()
    if out_dir.resolve() == OUTPUTS.resolve() and not seeds and not overwrite_seed_outputs:
        raise PipelineError(f"{display_path(out_dir)} holds the committed seed results; "
                            "give another --out or pass --overwrite-seed-outputs")
    if out_dir.resolve() == OUTPUTS.resolve() and (parameters or {}).get("profile") is not None:
        raise PipelineError("the committed seed results are made without a profile (they show what a user with a "
                            "new story gets); give another --out to run with one")
    notebooks = notebook_paths(only)
    extra = dict(parameters or {})
    _check_parameters(notebooks, extra)  # before anything is written
    profile = extra.get("profile") or profile_beside(resolve(corpus))
    if profile is not None:
        try:
            check_profile(resolve(profile))
        except ProfileError as exc:
            raise PipelineError(str(exc)) from None
    if out_dir.exists() and not out_dir.is_dir():
        raise PipelineError(f"{display_path(out_dir)}: not a directory (--out must be a folder for the results)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PipelineError(f"{display_path(out_dir)}: cannot create the output folder ({exc.strerror})") from None
    corpus_value = relative_to_run(corpus, out_dir)
    written = []
    for i, source in enumerate(notebooks, 1):
        slug = source.stem
        log(f"[{i}/{len(notebooks)}] {slug}: running on {display_path(resolve(corpus))}", file=sys.stderr)
        declared = papermill.inspect_notebook(str(source))
        params = {"corpus": corpus_value, "out_dir": slug, "case_dir": CASE_DIR}
        params.update({k: v for k, v in extra.items() if k in declared})
        if profile is not None:
            params["profile"] = relative_to_run(profile, out_dir)
        params = {k: v for k, v in params.items() if k in declared}
        target = out_dir / f"{slug}.ipynb"
        shutil.rmtree(out_dir / slug, ignore_errors=True)
        started = time.perf_counter()
        try:
            papermill.execute_notebook(str(source), str(target), parameters=params, cwd=str(out_dir),
                                       kernel_name="python3", progress_bar=False, log_output=False,
                                       execution_timeout=timeout)
        except papermill.PapermillExecutionError as exc:
            raise PipelineError(f"{slug} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
        except TimeoutError:  # nbclient's CellTimeoutError
            raise PipelineError(f"{slug}: a cell ran longer than {timeout:g} s (--timeout); the kernel was stopped") \
                from None
        clean_executed(target)
        render_markdown(target)
        written.append(target)
        log(f"[{i}/{len(notebooks)}] {slug}: done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return written


def _check_parameters(notebooks: list[Path], extra: dict) -> None:
    """Refuse a parameter no notebook declares, one the pipeline sets itself, or a case parameter of the wrong kind."""
    import papermill

    declared = set().union(*(papermill.inspect_notebook(str(nb)).keys() for nb in notebooks))
    unknown = sorted(set(extra) - declared)
    if unknown:
        raise PipelineError(f"unknown parameter(s) {unknown}; the notebooks declare {sorted(declared)}")
    fixed = sorted({"corpus", "out_dir", "case_dir"} & set(extra))
    if fixed:
        raise PipelineError(f"{fixed} are set by the run itself (use --corpus and --out)")
    try:
        check_parameters({k: v for k, v in extra.items() if k in ("max_bytes", "threshold", "ngram", "num_perm")})
    except ValueError as exc:
        raise PipelineError(str(exc)) from None


def clean_executed(path: Path) -> None:
    """Strip what changes from run to run: papermill timings, execution timestamps, random cell ids."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("papermill", None)
    nb.metadata.get("language_info", {}).pop("version", None)
    for n, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{n:03d}"
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    nbformat.write(nb, path)


def strip_outputs(nb):
    """A source notebook as committed: no outputs, no execution counts, no volatile metadata."""
    nb.metadata.pop("papermill", None)
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def clean_source(path: Path) -> bool:
    """Strip outputs from a source notebook file in place; True when it changed."""
    before = path.read_text(encoding="utf-8")
    after = nbformat.writes(strip_outputs(nbformat.reads(before, as_version=4))) + "\n"
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before


def render_markdown(path: Path) -> Path:
    """``NN-slug.md`` beside the executed notebook, its figures in ``NN-slug_files/``."""
    from nbconvert import MarkdownExporter

    nb = nbformat.read(path, as_version=4)
    files_dir = f"{path.stem}_files"
    body, resources = MarkdownExporter().from_notebook_node(
        nb, resources={"output_files_dir": files_dir, "unique_key": path.stem})
    shutil.rmtree(path.parent / files_dir, ignore_errors=True)
    for name, data in sorted(resources.get("outputs", {}).items()):
        target = path.parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    target = path.with_suffix(".md")
    target.write_text(body, encoding="utf-8")
    return target
