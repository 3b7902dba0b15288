"""Hostile input: random bytes, encodings, names from strangers, parameters that look like code.

Properties: only CorpusError or ValueError escape (with a message); every span is its slice of
the raw text; a loaded file's raw text round-trips to its bytes; loaded plus rejected equals offered.
"""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import wiretrace as wt
from wiretrace.corpus import encode_raw
from wiretrace.figures import extract_figures, parse_figures
from wiretrace.paths import ROOT
from wiretrace.reuse import find_duplicates
from wiretrace.timex import extract_timexes

# Random on a developer's machine (new examples every run); fixed in CI, so a landing never hinges on luck.
FUZZ = settings(max_examples=40, deadline=None, derandomize=os.environ.get("CI") == "true", database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252"]
# text of any script: combining marks, right-to-left, emoji, controls; lone surrogates are escaped
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
PROSE = st.lists(st.sampled_from(["Haftar said", "2,000 fighters", "on Wednesday", "last week", "U.S.", "“quoted”",
                                  "مرتزقة روس", "Вагнер", "🇱🇾", "e\u0301", "\u202eRTL\u202c", "\x07", "\n\n", ". ",
                                  "between 600 to 800", "Source: AP", "READ MORE: x", "mid-December", "3 December",
                                  "$1,000", "more than 20,000"]), max_size=40).map(" ".join)


def offered(directory) -> int:
    return sum(len(files) for _, _, files in os.walk(directory))


@FUZZ
@given(st.lists(st.tuples(st.binary(max_size=300), st.sampled_from([".txt", ".md", ".html", ".bin", ""])),
                min_size=1, max_size=6))
def test_random_bytes_never_crash_and_nothing_is_lost(tmp_path_factory, files):
    directory = tmp_path_factory.mktemp("bytes")
    for n, (data, suffix) in enumerate(files):
        (directory / f"f{n}{suffix}").write_bytes(data)
    try:
        corpus = wt.load_corpus(directory, on_error="record")
    except wt.CorpusError as exc:
        assert str(exc) and exc.reason
        return
    assert len(corpus) + len(corpus.rejected) == offered(directory)
    for article in corpus:
        if article.source.endswith((".txt", ".md")):
            assert encode_raw(article.raw, article.encoding) == (directory / article.source).read_bytes()


@FUZZ
@given(PROSE, st.sampled_from(ENCODINGS), st.booleans())
def test_encodings_round_trip_or_are_rejected_with_a_reason(tmp_path_factory, text, encoding, truncate):
    directory = tmp_path_factory.mktemp("enc")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    data = data[:-1] if truncate and len(data) > 1 else data
    (directory / "a.txt").write_bytes(data)
    corpus = wt.load_corpus(directory, on_error="record")
    assert len(corpus) + len(corpus.rejected) == 1
    if len(corpus):
        article = corpus["a"]
        assert encode_raw(article.raw, article.encoding) == data
    else:
        assert corpus.rejected.reason.iloc[0] in {"empty", "binary", "undecodable"}


def test_trees_symlinks_and_loops(tmp_path):
    deep = tmp_path / "c" / "/".join(f"d{i}" for i in range(30))
    deep.mkdir(parents=True)
    (deep / "a.txt").write_text("A deep article.", encoding="utf-8")
    (tmp_path / "c" / "long.txt").write_text("word " * 200_000, encoding="utf-8")  # one 1 MB line
    (tmp_path / "c" / "loop1.txt").symlink_to(tmp_path / "c" / "loop2.txt")
    (tmp_path / "c" / "loop2.txt").symlink_to(tmp_path / "c" / "loop1.txt")
    (tmp_path / "c" / "back").symlink_to(tmp_path / "c", target_is_directory=True)
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    (tmp_path / "c" / "nul.txt").write_bytes(b"ab\x00\x01cd")
    corpus = wt.load_corpus(tmp_path / "c", on_error="record")
    assert sorted(corpus.ids) == sorted(["long", "/".join(f"d{i}" for i in range(30)) + "/a"])
    reasons = dict(zip(corpus.rejected.source, corpus.rejected.reason))
    assert reasons == {"loop1.txt": "missing", "loop2.txt": "missing", "back": "not followed",
                       "empty.txt": "empty", "nul.txt": "binary"}


def test_a_huge_file_is_rejected_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.seek(50_000_000)
        fh.write(b"x")
    with pytest.raises(wt.CorpusError, match=r"big.txt: too large \(50000001 bytes > limit 5000000\)"):
        wt.load_corpus(big)


@FUZZ
@given(st.lists(st.one_of(TEXT, PROSE), min_size=1, max_size=4))
def test_every_entry_point_on_random_text_keeps_spans_exact(tmp_path_factory, texts):
    directory = tmp_path_factory.mktemp("text")
    for n, text in enumerate(texts):
        (directory / f"t{n}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        corpus = wt.load_corpus(directory, on_error="record")
    except wt.CorpusError:
        return
    if not len(corpus):
        return
    raw = {a.id: a.raw for a in corpus}
    annotations = wt.annotate(corpus)
    for table in annotations.tables().values():
        for row in table.itertuples():
            assert raw[row.article_id][row.start:row.end] == row.text
    for article in corpus:
        for t in extract_timexes(article.raw, date(2020, 6, 15)):
            assert article.raw[t.start:t.end] == t.text
        for f in parse_figures(article.raw):
            assert article.raw[f["start"]:f["end"]] == f["text"]
    pairs = find_duplicates(corpus, annotations=annotations)
    assert set(pairs.a) | set(pairs.b) <= set(raw)
    for claim in extract_figures(corpus, annotations).itertuples():
        assert raw[claim.article_id][claim.start:claim.end] == claim.text


BAD_IDS = ["../../escape", "/etc/passwd", "CON", "a\x00b", "new\nline", "..", "  ", "$(touch PWNED)"]


def test_ids_from_strangers_never_write_outside_the_output(tmp_path):
    import json

    table = tmp_path / "in" / "feed.jsonl"
    table.parent.mkdir()
    rows = [{"id": bad, "text": f"Fighters arrived in the port city on Monday, officials said ({n})."}
            for n, bad in enumerate(BAD_IDS)]
    table.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    before = {p for p in tmp_path.rglob("*")}
    result = subprocess.run([sys.executable, "-m", "wiretrace.cli", "run", "--corpus", str(table), "--out", str(out),
                             "--only", "00"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    created = {p for p in tmp_path.rglob("*")} - before
    assert created and all(out in p.parents or p == out for p in created)
    assert not (tmp_path / "escape").exists() and not (ROOT / "escape").exists()
    assert not list(tmp_path.rglob("PWNED")) and not (ROOT / "PWNED").exists()
    report = (out / "00-corpus" / "report.csv").read_text(encoding="utf-8")
    assert report.count("loaded") == len(BAD_IDS)  # every stranger's id loaded as data


def test_parameters_that_look_like_code_reach_notebooks_as_data(tmp_path):
    hostile = 'x"; import os; os.system("touch PWNED") #\n\'"""'
    corpus = tmp_path / hostile.replace("/", "_").replace("\n", "_")
    corpus.mkdir()
    (corpus / "a.txt").write_text("A short article about a port.", encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "wiretrace.cli", "run", "--corpus", str(corpus), "--out", str(out),
                             "--only", "00", "-p", "max_bytes", '1000"); import os; os.system("touch PWNED2")#'],
                            capture_output=True, text=True, cwd=tmp_path)
    assert not list(tmp_path.rglob("PWNED*")) and not (ROOT / "PWNED").exists()
    # the string parameter reached the notebook as a value: the loader refused it by name
    assert result.returncode == 3 and "max_bytes must be a positive whole number" in result.stderr
