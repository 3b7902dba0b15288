"""Run every notebook on a corpus: executed copies, Markdown renders, tables and figures.

For each ``notebooks/NN-slug.ipynb`` the run writes, under the output directory:
``NN-slug.ipynb`` (executed, volatile papermill metadata stripped, cell ids renumbered),
``NN-slug.md`` with ``NN-slug_files/`` (Markdown render for reading in a pull request) and
``NN-slug/`` (the notebook's own CSV tables and SVG/PNG figures). Kernels run with the output
directory as working directory and receive ``out_dir = "NN-slug"``, so no machine path ends
up in an output.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat

from .paths import NOTEBOOKS, OUTPUTS, SEEDS, display_path, resolve

VOLATILE_CELL_METADATA = ("papermill", "execution", "collapsed", "scrolled")


class PipelineError(RuntimeError):
    """A notebook failed or the run was asked to do something unsafe."""


def notebook_paths(only: list[str] | None = None) -> list[Path]:
    """The numbered source notebooks in reading order, optionally only those whose stem starts with one of ``only``."""
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    if only:
        paths = [p for p in paths if any(p.stem.startswith(o) for o in only)]
        if not paths:
            raise PipelineError(f"no notebook matches {only}")
    return paths


def corpus_parameter(corpus: str | Path) -> str:
    """The corpus as the notebooks receive it: relative to the repository when inside it."""
    path = Path(corpus).expanduser()
    path = path if path.is_absolute() else Path.cwd() / path
    if not path.exists() and not Path(corpus).is_absolute():
        path = resolve(corpus)  # a repository-relative path given from elsewhere
    return display_path(path)


def default_out(corpus: str | Path) -> Path:
    """Seed results go to the committed ``outputs/``; any other corpus to ``wiretrace-runs/<name>`` here."""
    if Path(resolve(corpus_parameter(corpus))).resolve() == SEEDS.resolve():
        return OUTPUTS
    return Path.cwd() / "wiretrace-runs" / Path(corpus_parameter(corpus)).stem


def run(corpus: str | Path = "seeds", out: str | Path | None = None, parameters: dict | None = None,
        only: list[str] | None = None, overwrite_seed_outputs: bool = False, log=print) -> list[Path]:
    """Execute the notebooks with papermill on ``corpus``; return the executed notebooks' paths.

    ``parameters`` go to the notebooks that declare them (as data: papermill writes them as
    literals). Writing another corpus's results over the committed seed outputs needs
    ``overwrite_seed_outputs=True``.
    """
    import papermill

    corpus_value = corpus_parameter(corpus)
    out_dir = Path(out) if out is not None else default_out(corpus)
    seeds = resolve(corpus_value).resolve() == SEEDS.resolve()
    if out_dir.resolve() == OUTPUTS.resolve() and not seeds and not overwrite_seed_outputs:
        raise PipelineError(f"{display_path(out_dir)} holds the committed seed results; "
                            "give another --out or pass --overwrite-seed-outputs")
    notebooks = notebook_paths(only)
    extra = dict(parameters or {})
    _check_parameters(notebooks, extra)  # before anything is written
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for i, source in enumerate(notebooks, 1):
        slug = source.stem
        log(f"[{i}/{len(notebooks)}] {slug}: running on {corpus_value}", file=sys.stderr)
        declared = papermill.inspect_notebook(str(source))
        params = {"corpus": corpus_value, "out_dir": slug}
        params.update({k: v for k, v in extra.items() if k in declared})
        target = out_dir / f"{slug}.ipynb"
        shutil.rmtree(out_dir / slug, ignore_errors=True)
        try:
            papermill.execute_notebook(str(source), str(target), parameters=params, cwd=str(out_dir),
                                       kernel_name="python3", progress_bar=False, log_output=False)
        except papermill.PapermillExecutionError as exc:
            raise PipelineError(f"{slug} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
        clean_executed(target)
        render_markdown(target)
        written.append(target)
    return written


def _check_parameters(notebooks: list[Path], extra: dict) -> None:
    import papermill

    declared = set().union(*(papermill.inspect_notebook(str(nb)).keys() for nb in notebooks))
    unknown = sorted(set(extra) - declared)
    if unknown:
        raise PipelineError(f"unknown parameter(s) {unknown}; the notebooks declare {sorted(declared)}")


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
