"""Every layer of a case on Dask gives exactly the local engine's tables (ids, order, values)."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from dask import distributed

import wiretrace as wt
from wiretrace import dask_layers
from wiretrace.annotate import CorpusStatistics, annotate
from wiretrace.case import LAYERS, open_case
from wiretrace.paths import ROOT, SEEDS

PLACES = ["Velmora", "Quillport", "Ardenfall", "Brisk Hollow", "Tamsin Bay", "Orrow"]
PEOPLE = ["Mara Quill", "Tobin Vale", "Esha Marrow", "Colm Dree", "Ilse Varn"]
BODIES = ["the Velmora Harbour Board", "the Orrow Relief Council", "the Tamsin Coast Guard"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def news(n_docs: int, seed: int = 7) -> dict[str, str]:
    """Invented news pages: dated originals with figures, quotes and weekdays, and undated copies
    of some of them (trimmed, a word changed) among unrelated stories."""
    rng = np.random.default_rng(seed)
    pick = lambda xs: xs[int(rng.integers(len(xs)))]  # noqa: E731
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    words = ["".join(rng.choice(letters, int(rng.integers(4, 10)))) for _ in range(5000)]
    aside = lambda: " ".join(pick(words) for _ in range(16))  # noqa: E731  (stories differ in their words)
    texts: dict[str, str] = {}
    while len(texts) < n_docs:
        place, person, body, day = pick(PLACES), pick(PEOPLE), pick(BODIES), pick(WEEKDAYS)
        n = int(rng.integers(2, 5000))
        sentences = [  # few runs of five words in common: stories share no shingles by their frame
            f"At least {n:,} people {aside()} {place} on {day}, {body} said.",
            f"\u201c{aside()} by {pick(WEEKDAYS)},\u201d said {person}, {aside()}.",
            f"{aside()} {int(rng.integers(3, 900))} homes and {int(rng.integers(1, 60))} boats {aside()}.",
            f"{person} told reporters {aside()} {int(rng.integers(2, 80))} volunteers {aside()} since {day}.",
            f"{aside()} {place} {aside()} for {int(rng.integers(2, 9))} days.",
        ]
        order = rng.permutation(len(sentences))
        body_text = "\n\n".join(sentences[i] for i in order)
        headline = f"{n:,} evacuated as {pick(words)} {pick(words)} hits {place}"
        key = f"s{len(texts):05d}"
        dated = rng.random() < 0.6
        line = f"Published {int(rng.integers(1, 28))} {pick(MONTHS)} 2031\n\n" if dated else ""
        texts[key] = f"{headline}\n\n{line}{body_text}\n"
        for c in range(int(rng.integers(0, 3))):
            kept = body_text[: int(len(body_text) * rng.uniform(0.7, 1.0))]
            texts[f"{key}-copy{c}"] = f"{headline}\n\n{kept.replace('people', 'residents', 1)}\n"
    return dict(list(texts.items())[:n_docs])


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as connected:
        yield connected


def assert_same_case(local, remote):
    for layer in LAYERS:
        mine, theirs = local.tables(layer), remote.tables(layer)
        assert list(mine) == list(theirs)
        for name in mine:
            pd.testing.assert_frame_equal(mine[name], theirs[name], obj=f"{layer}.{name}")


def test_every_layer_on_dask_equals_local_on_sharded_news(tmp_path, client, monkeypatch):
    texts = news(2000)
    ids = list(texts)
    for shard in range(4):  # JSONL shards, read as one corpus by a glob
        with open(tmp_path / f"part-{shard}.jsonl", "w", encoding="utf-8") as fh:
            for i in ids[shard::4]:
                fh.write(json.dumps({"id": i, "text": texts[i]}) + "\n")
    corpus = wt.load_corpus(tmp_path / "part-*.jsonl")
    assert len(corpus) == 2000
    monkeypatch.setattr(dask_layers, "PART_ARTICLES", 150)  # 14 parts over 2 workers
    local = open_case(corpus).build()
    remote = open_case(corpus, engine="dask", scheduler=client).build()
    assert_same_case(local, remote)
    # the corpus is rich enough for the comparison to mean something
    assert (local.pairs.relation == "copy").sum() > 300
    assert len(local.claims) > 5000 and local.annotations.quotes.speaker.notna().sum() > 1000
    hows = {d["story"].how for d in local.dates.values()}
    assert {"stated", "inherited"} <= hows


def test_seeds_with_their_profile_on_dask(client, monkeypatch):
    monkeypatch.setattr(dask_layers, "PART_ARTICLES", 2)
    corpus, profile = wt.load_corpus(SEEDS), ROOT / "profiles" / "libya-2019"
    assert_same_case(open_case(corpus, profile=profile).build(),
                     open_case(corpus, profile=profile, engine="dask", scheduler=client).build())


def test_corpus_statistics_of_parts_add_up_to_the_whole():
    texts = news(40)
    whole = CorpusStatistics.of(_corpus(texts))
    first, second = dict(list(texts.items())[:15]), dict(list(texts.items())[15:])
    added = CorpusStatistics.of(_corpus(first)) + CorpusStatistics.of(_corpus(second))
    assert added == whole
    assert whole.words.pages == 40 and "velmora" in whole.words.pages_with


def _corpus(texts: dict[str, str]):
    from wiretrace.corpus import Article, Corpus

    return Corpus([Article(k, k, "0" * 64, t, "utf-8", len(t.encode()), (), {}) for k, t in texts.items()],
                  pd.DataFrame(), "test")


def test_an_articles_ids_do_not_depend_on_the_articles_before_it():
    texts = news(6)
    alone = annotate(_corpus(dict(list(texts.items())[-1:])))
    among = annotate(_corpus(texts))
    last = list(texts)[-1]
    mine = among.sentences[among.sentences.article_id == last].reset_index(drop=True)
    assert list(mine.sentence_id) == list(alone.sentences.sentence_id)
    assert mine.sentence_id.iloc[0] == f"{last}:t0001"


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="engine must be one of local, dask"):
        open_case(_corpus(news(2)), engine="spark")


def test_cli_figures_on_dask_prints_the_local_table(tmp_path):
    for key, text in news(30).items():
        (tmp_path / f"{key}.txt").write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "wiretrace.cli", "figures", str(tmp_path), "--format", "jsonl"]
    local = subprocess.run(command, capture_output=True, text=True, check=True)
    remote = subprocess.run(command + ["--engine", "dask"], capture_output=True, text=True, check=True)
    assert remote.stdout == local.stdout and local.stdout.count("\n") > 100


def test_a_scheduler_that_cannot_be_reached_is_one_line_not_a_traceback(tmp_path, monkeypatch, capsys):
    from wiretrace import cli, scale

    monkeypatch.setattr(scale, "CONNECT_TIMEOUT", "1s")
    (tmp_path / "a.txt").write_text("Rain\n\nAt least 40 people were evacuated, officials said.\n", encoding="utf-8")
    status = cli.main(["figures", str(tmp_path), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err.strip()
    assert status == 2 and err.startswith("wiretrace figures: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert "Traceback" not in err and len(err.splitlines()) == 1
