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

A run is recorded in ``wiretrace-run.json`` (corpus, a hash of its files, profile, parameters,
and each notebook's state: ``pending``, ``complete`` or ``failed``; ``complete`` for the run when
every notebook is). Two runs into one folder at once are refused (a lock in ``case/``); the
results of the notebooks a run will execute are removed before the first one starts, so a run
stopped part-way (Ctrl-C, SIGTERM, SIGKILL) never leaves one corpus's notebooks beside another's,
and running again completes it with the same bytes as an uninterrupted run. ``--only`` over the
results of another corpus or other parameters is refused. Nothing is written through a symbolic
link planted in the output folder.
"""
from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import shutil
import signal
import stat
import sys
import threading
import time
from pathlib import Path

import nbformat

from .case import ENGINES, PARAMETERS, check_parameters
from .corpus import _run_output
from .paths import NOTEBOOKS, OUTPUTS, SEEDS, display_path, make_folder, resolve
from .resources import ProfileError, check_profile, profile_beside

VOLATILE_CELL_METADATA = ("papermill", "execution", "collapsed", "scrolled")
CASE_DIR = "case"  # under the output directory: the case's layers
RUN_RECORD = "wiretrace-run.json"  # under the output directory: what ran, on what, and whether it finished
LOCK = "run.lock"  # under CASE_DIR: held while a run writes into the folder
# The kernels' own log (transport warnings; a socket error when a stopped run shuts its kernel down)
# is not the user's business: errors in cells are in the executed notebook and end the run.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


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
    name = re.sub(r"[*?\[\]]+", "", resolve(corpus).resolve().stem).strip("-_. ") or "corpus"  # "feed-*" -> "feed"
    return Path.cwd() / "wiretrace-runs" / name


CELL_TIMEOUT = 6 * 3600  # seconds one notebook cell may run before the run stops with an error


def run(corpus: str | Path = "seeds", out: str | Path | None = None, parameters: dict | None = None,
        only: list[str] | None = None, overwrite_seed_outputs: bool = False, log=print,
        timeout: int | None = CELL_TIMEOUT, engine: str = "local", scheduler=None) -> list[Path]:
    """Execute the notebooks with papermill on ``corpus``; return the executed notebooks' paths.

    ``parameters`` go to the notebooks that declare them (as data: papermill writes them as
    literals). Writing another corpus's results over the committed seed outputs needs
    ``overwrite_seed_outputs=True``. A cell running longer than ``timeout`` seconds stops the run
    with an error naming the notebook (None: no limit). ``engine="dask"`` computes the case's
    layers on a Dask cluster (``scheduler``: an address, or None for a local cluster) before the
    notebooks run; the notebooks then read them from the case folder (the same tables).
    """
    if engine not in ENGINES:
        raise PipelineError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1):
        raise PipelineError(f"timeout must be a whole number of seconds, 1 or more, not {timeout!r}")
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
    try:
        make_folder(out_dir)
    except ValueError as exc:
        raise PipelineError(f"{display_path(out_dir)}: {exc} (--out must be a folder for the results)") from None
    corpus_value = relative_to_run(corpus, out_dir)
    identity = {"corpus": corpus_value, "corpus_sha256": corpus_fingerprint(resolve(corpus), out_dir),
                "profile": relative_to_run(profile, out_dir) if profile is not None else None,
                "parameters": {k: extra[k] for k in sorted(extra) if k != "profile"}}
    try:
        with _locked(out_dir), _sigterm_as_interrupt():
            record = _start_record(out_dir, identity, notebooks, only)
            if engine == "dask":
                _build_case_on_dask(corpus, out_dir, extra, profile, scheduler, log)
            written = []
            for i, source in enumerate(notebooks, 1):
                slug = source.stem
                log(f"[{i}/{len(notebooks)}] {slug}: running on {display_path(resolve(corpus))}", file=sys.stderr)
                started = time.perf_counter()
                target = _execute(source, out_dir, corpus_value, extra, profile, timeout, record)
                written.append(target)
                log(f"[{i}/{len(notebooks)}] {slug}: done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            record["complete"] = all(state == "complete" for state in record["notebooks"].values())
            _write_record(out_dir, record)
    except OSError as exc:  # a read-only folder, a full disk: the results stop where the record says
        raise PipelineError(f"{display_path(out_dir)}: cannot write the results ({exc.strerror or exc}); "
                            f"{RUN_RECORD} says which notebooks finished") from None
    return written


def _build_case_on_dask(corpus, out_dir: Path, extra: dict, profile, scheduler, log) -> None:
    """Every layer of the run's case computed on Dask into its case folder, where the notebooks find them."""
    from .case import open_case

    started = time.perf_counter()
    log(f"building the case on Dask ({'scheduler ' + scheduler if scheduler else 'a local cluster'})",
        file=sys.stderr)
    parameters = {k: v for k, v in extra.items() if k in PARAMETERS and k != "profile"}
    from .scale import SchedulerError

    try:
        open_case(resolve(corpus), store=out_dir / CASE_DIR, profile=resolve(profile) if profile is not None else None,
                  engine="dask", scheduler=scheduler, log=log, **parameters).build()
    except SchedulerError as exc:
        raise PipelineError(str(exc)) from None
    log(f"case built in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def _quiet_kernel_manager():
    """The kernel manager nbclient uses, launching kernels whose process stderr goes nowhere: a
    cell's output travels over the kernel's sockets, never its stderr, which only carries
    ipykernel's own noise (a "Socket operation on non-socket" traceback when a kernel is stopped
    while it writes), not a failure of the run: failures reach the run through nbclient."""
    import subprocess

    from jupyter_client import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kw["stderr"] = subprocess.DEVNULL
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return QuietKernelManager


def _execute(source: Path, out_dir: Path, corpus_value: str, extra: dict, profile, timeout, record: dict) -> Path:
    """Run one notebook into ``out_dir`` (under a hidden name until it has finished) and record its state."""
    import papermill

    slug = source.stem
    declared = papermill.inspect_notebook(str(source))
    params = {"corpus": corpus_value, "out_dir": slug, "case_dir": CASE_DIR}
    params.update({k: v for k, v in extra.items() if k in declared})
    if profile is not None:
        params["profile"] = relative_to_run(profile, out_dir)
    params = {k: v for k, v in params.items() if k in declared}
    target, running = out_dir / f"{slug}.ipynb", out_dir / f".{slug}.running.ipynb"
    try:
        papermill.execute_notebook(str(source), str(running), parameters=params, cwd=str(out_dir),
                                   kernel_name="python3", progress_bar=False, log_output=False,
                                   execution_timeout=timeout, extra_arguments=KERNEL_ARGUMENTS,
                                   kernel_manager_class=_quiet_kernel_manager())
    except papermill.PapermillExecutionError as exc:
        _fail(out_dir, record, slug, running, target)
        raise PipelineError(f"{slug} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
    except TimeoutError:  # nbclient's CellTimeoutError
        _fail(out_dir, record, slug, running, target)
        raise PipelineError(f"{slug}: a cell ran longer than {timeout:g} s (--timeout); the kernel was stopped") \
            from None
    clean_executed(running)
    os.replace(running, target)
    render_markdown(target)
    record["notebooks"][slug] = "complete"
    _write_record(out_dir, record)
    return target


def _fail(out_dir: Path, record: dict, slug: str, running: Path, target: Path) -> None:
    """Keep a failed notebook (its traceback is what the user reads) and record the failure."""
    if running.exists():
        os.replace(running, target)
    record["notebooks"][slug] = "failed"
    _write_record(out_dir, record)


def corpus_fingerprint(path: Path, out_dir: Path | None = None) -> str:
    """A hash of the corpus's files (relative names and bytes; links by their target's name, never
    followed; the output folder and hidden files left out): which corpus a run's results are of."""
    digest = hashlib.sha256()
    root = path.resolve()
    if root.is_file():
        digest.update(_file_digest(root).encode())
        return digest.hexdigest()
    if not root.exists() and glob.has_magic(root.name):  # shards/feed-*.jsonl: the files it matches
        for match in sorted(root.parent.glob(root.name)):
            if match.is_file():
                digest.update(f"{match.name}\0{_file_digest(match)}\n".encode("utf-8", "surrogateescape"))
        return digest.hexdigest()
    skip = out_dir.resolve() if out_dir is not None else None
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (base / d).resolve() != skip
                             and not _run_output(base / d))
        for name in sorted(n for n in filenames if not n.startswith(".")):
            file = base / name
            mode = file.lstat().st_mode
            content = (os.readlink(file) if stat.S_ISLNK(mode) else _file_digest(file) if stat.S_ISREG(mode)
                       else "special file")
            digest.update(f"{file.relative_to(root).as_posix()}\0{content}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        return f"unreadable: {exc.strerror}"
    return digest.hexdigest()


@contextlib.contextmanager
def _locked(out_dir: Path):
    """Hold ``case/run.lock`` for the run: a second run into the same folder is refused, not mixed in."""
    case = out_dir / CASE_DIR
    _no_link(case)
    case.mkdir(exist_ok=True)
    _no_link(case / LOCK)
    handle = (case / LOCK).open("a")
    try:
        import fcntl
    except ImportError:  # no advisory locks on this system (Windows): run unguarded
        fcntl = None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise PipelineError(f"{display_path(out_dir)}: another wiretrace run is writing here; wait for it "
                                    "to finish or give another --out") from None
        yield
    finally:
        handle.close()  # closing releases the lock (and so does the process ending, however it ends)


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """SIGTERM stops the run as Ctrl-C does: the kernel is shut down, not orphaned."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _no_link(path: Path) -> None:
    if path.is_symlink():
        raise PipelineError(f"{display_path(path.parent)}/{path.name}: a symbolic link in the output folder; wiretrace does not write "
                            "through links (remove it or give another --out)")


def _outputs_of(out_dir: Path, slug: str) -> list[Path]:
    return [out_dir / f"{slug}.ipynb", out_dir / f"{slug}.md", out_dir / f"{slug}_files", out_dir / slug,
            out_dir / f".{slug}.running.ipynb"]


def _start_record(out_dir: Path, identity: dict, notebooks: list[Path], only) -> dict:
    """Check what the folder holds, remove the results about to be remade, and record the run as started."""
    every = notebook_paths()
    for slug in [p.stem for p in every]:
        for path in _outputs_of(out_dir, slug):
            _no_link(path)
    _no_link(out_dir / RUN_RECORD)
    previous = _read_record(out_dir)
    if only:
        others = [p.stem for p in every if p not in notebooks and any(x.exists() for x in _outputs_of(out_dir, p.stem))]
        if others and (previous is None or any(previous.get(k) != v for k, v in identity.items())):
            what = ("results not recorded by this version" if previous is None
                    else f"the results of {previous.get('corpus')!r} with other files, profile or parameters")
            raise PipelineError(f"{display_path(out_dir)} holds {what} (notebooks {', '.join(others)}); --only would "
                                "mix them: run every notebook, or give another --out")
    states = {p.stem: "pending" for p in every}
    if only and previous is not None:
        states.update({k: v for k, v in previous.get("notebooks", {}).items() if k in states})
    for source in notebooks:
        states[source.stem] = "pending"
        for path in _outputs_of(out_dir, source.stem):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    record = {**identity, "notebooks": states, "complete": False}
    _write_record(out_dir, record)
    return record


def _read_record(out_dir: Path) -> dict | None:
    try:
        value = json.loads((out_dir / RUN_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _write_record(out_dir: Path, record: dict) -> None:
    tmp = out_dir / f".{RUN_RECORD}.tmp"
    tmp.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / RUN_RECORD)


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
