"""The case: layers computed once, kept under keys, recomputed when stale; profiles only add."""
from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

import wiretrace as wt
from wiretrace import case as case_module
from wiretrace.resources import ProfileError, check_profile, profile, table

STORY = [
    "date 2031-05-04 Harbour News\n\nThe Velmora ferry ran aground off Quillon Point on Tuesday, the port "
    "authority said. All 212 passengers were taken ashore by lifeboats before noon.\n\nCaptain Ines Tarrow said "
    "the ship had lost steering in heavy fog. Divers will inspect the hull next week.\n",
    "The Velmora ferry ran aground off Quillon Point on Tuesday, the port authority said. All 212 passengers "
    "were taken ashore by lifeboats before noon.\n\nCaptain Ines Tarrow said the ship had lost steering in "
    "heavy fog. Local radio said a high tide would help tugboats refloat the vessel.\n",
    "Farmers in the Ossian valley began the grape harvest early this year after a dry summer, growers said. "
    "About 40 families work the terraces above the river.\n",
]


def write_corpus(folder, texts=STORY):
    folder.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(texts):
        (folder / f"page{n}.txt").write_text(text, encoding="utf-8")
    return folder


def computed(store) -> list[str]:
    log = store / case_module.LOG
    return [line.split()[0] for line in log.read_text().splitlines()] if log.exists() else []


def test_layers_are_computed_once_and_read_back_identical(tmp_path):
    corpus, store = write_corpus(tmp_path / "ferry"), tmp_path / "case"
    first = wt.open_case(corpus, store=store).build()
    assert computed(store) == list(case_module.LAYERS)
    again = wt.open_case(corpus, store=store).build()
    assert computed(store) == list(case_module.LAYERS)  # nothing changed: every layer read
    for layer in case_module.LAYERS:
        for name, frame in first.tables(layer).items():
            pd.testing.assert_frame_equal(frame.reset_index(drop=True), again.tables(layer)[name].reset_index(drop=True))
    assert again.clusters.groupby("cluster").size().max() == 2  # the copy and its source
    assert again.dates["page1"]["story"].how == "inherited"


def test_a_changed_parameter_recomputes_only_what_depends_on_it(tmp_path):
    corpus, store = write_corpus(tmp_path / "ferry"), tmp_path / "case"
    wt.open_case(corpus, store=store).build()
    strict = wt.open_case(corpus, store=store, threshold=0.99).build()
    assert computed(store)[len(case_module.LAYERS):] == ["duplicates", "dates", "alignments", "claims"]
    assert strict.clusters["size"].max() == 1  # at 0.99 the edited copy is no longer a duplicate
    assert strict.dates["page1"]["story"].how != "inherited"


def test_stale_or_corrupt_layers_are_recomputed_never_trusted(tmp_path):
    corpus, store = write_corpus(tmp_path / "ferry"), tmp_path / "case"
    wt.open_case(corpus, store=store).build()
    segments = store / "segments.parquet"
    segments.write_bytes(segments.read_bytes()[:100])  # truncated
    (store / "claims.parquet").write_bytes(b"not parquet at all")
    rebuilt = wt.open_case(corpus, store=store).build()
    assert computed(store)[len(case_module.LAYERS):] == ["annotations", "claims"]
    assert len(rebuilt.annotations.segments) > 0 and len(rebuilt.claims) > 0
    # a file of another corpus (another key) under the right name is not read either
    other = write_corpus(tmp_path / "other", STORY[2:])
    wt.open_case(other, store=store).build()
    assert len(wt.open_case(corpus, store=store).annotations.segments) == len(rebuilt.annotations.segments)
    assert not [p for p in store.iterdir() if p.name.endswith(".tmp")]  # no half-written file left


def test_parameters_of_the_wrong_kind_are_refused_by_name(tmp_path):
    corpus = write_corpus(tmp_path / "ferry")
    for name, value, message in [("threshold", 2, "threshold must be"), ("ngram", 0, "ngram must be"),
                                 ("max_bytes", -1, "max_bytes must be"), ("colour", 1, "unknown case parameter")]:
        with pytest.raises(ValueError, match=message):
            wt.open_case(corpus, **{name: value})


def test_a_profile_only_adds_and_bad_profiles_are_named(tmp_path):
    assert table("reference_events.csv") == ()  # the library knows no story's events
    folder = tmp_path / "ferry.profile"
    folder.mkdir()
    (folder / "gazetteer.csv").write_text("entity_id,canonical,type,variants\n"
                                          "ines-tarrow,Ines Tarrow,person,Ines Tarrow|Tarrow\n", encoding="utf-8")
    before = len(table("gazetteer.csv"))
    with profile(folder):
        assert len(table("gazetteer.csv")) == before + 1
    assert len(table("gazetteer.csv")) == before
    corpus = write_corpus(tmp_path / "ferry")
    beside = wt.open_case(corpus)  # NAME.profile beside the corpus is found
    assert beside.profile == folder.resolve()
    assert "ines-tarrow" in set(beside.annotations.mentions.entity_id)
    assert "ines-tarrow" not in set(wt.open_case(beside.corpus).annotations.mentions.entity_id)
    (folder / "gazeteer.csv").write_text("x\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="gazeteer.csv: not a data file"):
        check_profile(folder)
    (folder / "gazeteer.csv").unlink()
    (folder / "measures.csv").write_text("name,value\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="measures.csv: columns"):
        check_profile(folder)
    with pytest.raises(ProfileError, match="not a profile folder"):
        check_profile(tmp_path / "nowhere")


def test_cli_paths_resolve_against_the_current_directory(tmp_path):
    write_corpus(tmp_path / "ferry")
    result = subprocess.run([sys.executable, "-m", "wiretrace.cli", "corpus", "./ferry", "--format", "csv"],
                            capture_output=True, text=True, cwd=tmp_path, env=os.environ)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("loaded") == 3


def test_one_run_shares_parameters_and_annotates_once(tmp_path):
    """`wiretrace run -p max_bytes -p threshold`: every notebook's tables show both took effect."""
    write_corpus(tmp_path / "ferry", STORY + ["x" * 600 + " a page too large for the limit.\n"])
    out = tmp_path / "run"
    result = subprocess.run([sys.executable, "-m", "wiretrace.cli", "run", "--corpus", "ferry", "--out", "run",
                             "-p", "max_bytes", "500", "-p", "threshold", "0.99"],
                            capture_output=True, text=True, cwd=tmp_path, env=os.environ)
    assert result.returncode == 0, result.stderr
    report = pd.read_csv(out / "00-corpus" / "report.csv")
    assert report.set_index("source").loc["page3.txt", "reason"] == "too large"
    for table_path in [out / "00-corpus" / "articles.csv", out / "01-provenance" / "provenance.csv",
                       out / "04-timeline" / "story_dates.csv", out / "02-duplicates" / "clusters.csv"]:
        assert set(pd.read_csv(table_path).article_id) == {"page0", "page1", "page2"}, table_path
    assert pd.read_csv(out / "02-duplicates" / "clusters.csv")["size"].max() == 1  # threshold 0.99 reached 02
    assert pd.read_csv(out / "01-provenance" / "provenance.csv").cluster.nunique() == 3  # and 01
    assert computed(out / "case").count("annotations") == 1
    assert sorted(computed(out / "case")) == sorted(case_module.LAYERS)
