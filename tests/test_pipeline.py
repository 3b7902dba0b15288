"""The notebook pipeline: clean sources, deterministic runs, committed outputs up to date."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import nbformat
import pytest

from wiretrace import pipeline
from wiretrace.paths import OUTPUTS, ROOT, SEEDS


def tree(directory):
    """Every file of a run by relative path, the case's layer store left out (a cache, not a result)."""
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and p.relative_to(directory).parts[0] != pipeline.CASE_DIR}


def run_cli(*args, hashseed="0", cwd=ROOT):
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    return subprocess.run([sys.executable, "-m", "wiretrace.cli", *args], capture_output=True, text=True,
                          env=env, cwd=cwd)


@pytest.mark.parametrize("path", pipeline.notebook_paths(), ids=lambda p: p.stem)
def test_source_notebooks_are_clean_and_parameterized(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "commit notebooks without outputs"
    assert code[0].metadata.get("tags") == ["parameters"]
    assert "corpus =" in code[0].source and "out_dir =" in code[0].source
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith(f"# {path.stem[:2]}")


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    runs = []
    for seed in ("1", "2"):  # laid out as the repository is (seeds/ beside outputs/), so paths match
        base = tmp_path_factory.mktemp(f"run{seed}")
        shutil.copytree(SEEDS, base / "seeds")
        result = run_cli("run", "--corpus", "seeds", "--out", "outputs", hashseed=seed, cwd=base)
        assert result.returncode == 0, result.stderr
        runs.append(base / "outputs")
    return runs


def test_two_runs_are_byte_identical(two_runs):
    first, second = (tree(d) for d in two_runs)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    stems = [p.stem for p in pipeline.notebook_paths()]
    assert {f"{s}.ipynb" for s in stems} | {f"{s}.md" for s in stems} <= set(first)


def test_committed_outputs_match_a_fresh_run(two_runs):
    fresh, committed = tree(two_runs[0]), tree(OUTPUTS)
    assert sorted(committed) == sorted(fresh), "outputs/ is stale: run `make run` and commit"
    assert [name for name in fresh if fresh[name] != committed[name]] == [], "outputs/ is stale: `make run`"


def test_outputs_hold_no_machine_paths_or_timestamps(two_runs):
    for name, data in tree(two_runs[0]).items():
        if name.endswith((".ipynb", ".md", ".csv", ".svg")):
            text = data.decode("utf-8")
            assert str(ROOT) not in text and str(two_runs[0]) not in text, name
            assert '"papermill"' not in text and "start_time" not in text, name


def test_another_corpus_never_overwrites_the_seed_outputs(tmp_path):
    (tmp_path / "a.txt").write_text("Some other story.", encoding="utf-8")
    with pytest.raises(pipeline.PipelineError, match="committed seed results"):
        pipeline.run(tmp_path, OUTPUTS)
    assert pipeline.default_out(tmp_path) != OUTPUTS


def test_unknown_parameters_are_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "never-written"
    result = run_cli("run", "--out", str(out), "-p", "no_such_knob", "1")
    assert result.returncode == 3 and "unknown parameter(s) ['no_such_knob']" in result.stderr
    assert not out.exists()


def test_clean_source_strips_outputs(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1+1", execution_count=3, outputs=[
        nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=3)])])
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    assert pipeline.clean_source(path) is True
    cell = nbformat.read(path, as_version=4).cells[0]
    assert cell.outputs == [] and cell.execution_count is None
    assert pipeline.clean_source(path) is False


def test_a_corpus_whose_every_input_is_rejected_still_runs_every_notebook(tmp_path):
    corpus = tmp_path / "bad"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    result = run_cli("run", "--corpus", str(corpus), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.md")) == [f"{p.stem}.md" for p in pipeline.notebook_paths()]
    report = (tmp_path / "out" / "00-corpus" / "report.csv").read_text(encoding="utf-8")
    assert "empty" in report and "binary" in report


def test_an_output_path_that_is_a_file_is_refused_in_one_line(tmp_path):
    target = tmp_path / "results"
    target.write_text("not a folder", encoding="utf-8")
    result = run_cli("run", "--corpus", str(SEEDS), "--out", str(target))
    assert result.returncode != 0 and "not a directory" in result.stderr and "Traceback" not in result.stderr


def test_a_cell_running_past_the_timeout_stops_the_run_with_one_line(tmp_path):
    # one page of 12,000 paragraphs: annotating it takes many seconds, whatever the layers' speed-ups
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    words = ["river", "council", "harbour", "ferry", "storm", "mayor", "bridge", "village", "road", "school"]
    (corpus / "long.txt").write_text("\n\n".join(" ".join(words[(i * 7 + j * 3) % 10] for j in range(40)).capitalize()
                                                  + "." for i in range(12_000)), encoding="utf-8")
    result = run_cli("run", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--only", "00",
                     "--timeout", "1")
    last = result.stderr.strip().splitlines()[-1]  # (a kernel stopped mid-reply may print its own noise first)
    assert result.returncode == 3 and last.startswith("wiretrace run: 00-corpus: a cell ran longer than 1 s")


def test_a_kernels_own_stderr_never_reaches_the_runs(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('import os; os.write(2, b"KERNEL-NOISE\\n")')])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, tmp_path / "noise.ipynb")
    script = ("import sys, papermill\nfrom wiretrace import pipeline\n"
              "quiet = {'kernel_manager_class': pipeline._quiet_kernel_manager()} if sys.argv[1] == 'quiet' else {}\n"
              "papermill.execute_notebook('noise.ipynb', 'out.ipynb', kernel_name='python3', progress_bar=False, **quiet)\n")
    runs = {how: subprocess.run([sys.executable, "-c", script, how], cwd=tmp_path, capture_output=True, text=True)
            for how in ("plain", "quiet")}
    assert runs["plain"].returncode == runs["quiet"].returncode == 0
    assert "KERNEL-NOISE" in runs["plain"].stderr and "KERNEL-NOISE" not in runs["quiet"].stderr
