"""A run into an output folder: one at a time, never mixed with another corpus's results, never
written through a planted link, and a run stopped part-way completes to the same bytes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wiretrace import pipeline

STORY = ("By Ana Lima\n\nPORTO, March 3 (Reuters) - The harbour council said on Tuesday that 12 ships were "
         "waiting outside the port.\n\nIt said repairs to the quay would cost $4 million.\n")


def corpus(base: Path) -> Path:
    folder = base / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "b.txt").write_text(STORY.replace("Ana Lima", "Rui Costa"), encoding="utf-8")
    (folder / "c.txt").write_text("The mayor said 40 people attended the meeting on Monday.\n", encoding="utf-8")
    return folder


def tree(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and p.relative_to(directory).parts[0] != pipeline.CASE_DIR}


def wiretrace(*args, cwd):
    return [sys.executable, "-m", "wiretrace.cli", *args]


def kernels() -> set[int]:
    """Process ids of running Jupyter kernels (Linux /proc)."""
    found = set()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if b"ipykernel_launcher" in (entry / "cmdline").read_bytes():
                found.add(int(entry.name))
        except OSError:
            continue
    return found


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    base = tmp_path_factory.mktemp("whole")
    corpus(base)
    result = subprocess.run(wiretrace("run", "--corpus", "corpus", "--out", "out", cwd=base), cwd=base,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return tree(base / "out")


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc to see the kernels")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_a_run_stopped_part_way_then_rerun_equals_an_uninterrupted_run(tmp_path, uninterrupted, signum):
    corpus(tmp_path)
    before = kernels()
    process = subprocess.Popen(wiretrace("run", "--corpus", "corpus", "--out", "out", cwd=tmp_path), cwd=tmp_path,
                               stderr=subprocess.PIPE, text=True)
    for line in process.stderr:
        if line.startswith("[2/"):  # the second notebook's kernel is starting or busy
            time.sleep(1.5)
            break
    process.send_signal(signum)
    rest = process.stderr.read()
    assert process.wait() == (-signal.SIGKILL if signum == signal.SIGKILL else 130)
    if signum != signal.SIGKILL:
        assert "interrupted; the results are incomplete" in rest and "Traceback (most recent call last)" not in rest
    deadline = time.time() + 20  # a killed run's kernel notices its parent is gone and exits
    while kernels() - before and time.time() < deadline:
        time.sleep(0.5)
    assert kernels() - before == set(), "a kernel outlived its run"
    record = json.loads((tmp_path / "out" / pipeline.RUN_RECORD).read_text())
    assert record["complete"] is False and record["notebooks"]["04-timeline"] == "pending"
    assert not (tmp_path / "out" / "04-timeline.ipynb").exists()  # nothing stale beside the new results
    rerun = subprocess.run(wiretrace("run", "--corpus", "corpus", "--out", "out", cwd=tmp_path), cwd=tmp_path,
                           capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    again = tree(tmp_path / "out")
    assert sorted(again) == sorted(uninterrupted)
    assert [name for name in again if again[name] != uninterrupted[name]] == []


def test_a_second_run_into_a_busy_folder_is_refused(tmp_path):
    import fcntl

    out = tmp_path / "out"
    (out / pipeline.CASE_DIR).mkdir(parents=True)
    with (out / pipeline.CASE_DIR / pipeline.LOCK).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(pipeline.PipelineError, match="another wiretrace run is writing here"):
            pipeline.run(corpus(tmp_path), out)
    assert not (out / pipeline.RUN_RECORD).exists()


def test_only_over_another_corpus_results_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "00-corpus.ipynb").write_text("{}", encoding="utf-8")
    (out / pipeline.RUN_RECORD).write_text(json.dumps({"corpus": "../elsewhere", "corpus_sha256": "0",
                                                       "profile": None, "parameters": {}}), encoding="utf-8")
    with pytest.raises(pipeline.PipelineError, match=r"holds the results of '\.\./elsewhere'.*--only would mix them"):
        pipeline.run(corpus(tmp_path), out, only=["03"])
    assert (out / "00-corpus.ipynb").read_text(encoding="utf-8") == "{}"


def test_only_over_unrecorded_results_is_refused(tmp_path):
    out = tmp_path / "out"
    (out / "02-duplicates").mkdir(parents=True)
    with pytest.raises(pipeline.PipelineError, match="results not recorded.*02-duplicates"):
        pipeline.run(corpus(tmp_path), out, only=["03"])


@pytest.mark.parametrize("name", ["01-provenance.md", "02-duplicates", pipeline.RUN_RECORD, pipeline.CASE_DIR])
def test_nothing_is_written_through_a_link_planted_in_the_output(tmp_path, name):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine", encoding="utf-8")
    (out / name).symlink_to(elsewhere / "keep.txt" if "." in name and name != pipeline.CASE_DIR else elsewhere)
    with pytest.raises(pipeline.PipelineError, match=f"out/{name}: a symbolic link in the output folder"):
        pipeline.run(corpus(tmp_path), out)
    assert [p.name for p in elsewhere.iterdir()] == ["keep.txt"]
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_the_corpus_fingerprint_follows_the_files_not_the_clock(tmp_path):
    folder = corpus(tmp_path)
    first = pipeline.corpus_fingerprint(folder)
    os.utime(folder / "a.txt", (0, 0))
    assert pipeline.corpus_fingerprint(folder) == first
    (folder / "a.txt").write_text(STORY + "More.\n", encoding="utf-8")
    assert pipeline.corpus_fingerprint(folder) != first


def test_a_folder_that_cannot_be_written_is_one_line(tmp_path, monkeypatch):
    import errno

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pipeline, "_write_record", full)
    with pytest.raises(pipeline.PipelineError, match=r"out: cannot write the results \(No space left on device\)"):
        pipeline.run(corpus(tmp_path), tmp_path / "out")
