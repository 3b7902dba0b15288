"""The Dask engine gives exactly the local engine's results, and the same rejections."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from dask import distributed

import wiretrace as wt
from wiretrace import dask_duplicates, reuse, scale
from wiretrace.timex import extract_timexes


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as connected:
        yield connected


def synthetic(n_docs: int, seed: int = 0) -> dict[str, str]:
    """Clusters of copies (substituted words, trims) among unrelated documents of one vocabulary."""
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" for i in range(4000)])
    texts = {}
    while len(texts) < n_docs:
        original = rng.choice(vocab, 150)
        key = f"d{len(texts):05d}"
        texts[key] = " ".join(original)
        if rng.random() < 0.5:
            for c in range(rng.integers(1, 4)):
                copy = original.copy()
                changed = rng.random(len(copy)) < 0.05
                copy[changed] = rng.choice(vocab, int(changed.sum()))
                texts[f"{key}-c{c}"] = " ".join(copy[: int(len(copy) * rng.uniform(0.6, 1.0))])
    return texts


def test_dask_engine_returns_exactly_the_local_pairs_and_clusters(client):
    texts = synthetic(2500)
    ids = list(texts)
    local = reuse.duplicate_pairs(ids, reuse.shingle_texts(texts, 5))
    remote = dask_duplicates.find_duplicates_dask(scale.from_frame(texts, npartitions=5), client=client)
    assert len(local) > 500
    pd.testing.assert_frame_equal(local, remote)


def test_find_duplicates_engine_dask_on_a_corpus(client, seeds, seed_annotations):
    local = reuse.find_duplicates(seeds, annotations=seed_annotations)
    remote = reuse.find_duplicates(seeds, annotations=seed_annotations, engine="dask", client=client)
    pd.testing.assert_frame_equal(local, remote)


def shards(tmp_path, kind: str):
    rows = [{"id": f"a{i}", "text": f"Story number {i} about the port."} for i in range(12)]
    rows[3]["text"] = ""                          # empty text
    rows[7] = {"id": "a7", "body": "no text"}     # no text in this row
    rows[9]["id"] = "a1"                          # an id already used in another file
    paths = []
    for n, part in enumerate((rows[:4], rows[4:8], rows[8:])):
        path = tmp_path / f"part{n}.{kind}"
        if kind == "parquet":
            pd.DataFrame(part).to_parquet(path)
        else:
            path.write_text("\n".join(json.dumps(r) for r in part) + "\n{broken\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("kind", ["parquet", "jsonl"])
def test_sharded_tables_give_the_same_rejections(tmp_path, kind, client):
    shards(tmp_path, kind)
    dcorpus = scale.load_dask_corpus(str(tmp_path / f"*.{kind}"))
    corpus = dcorpus.compute()
    got = sorted(zip(corpus.rejected.source, corpus.rejected.reason))
    expected = [("part0.%s:4" % kind, "empty"), ("part1.%s:4" % kind, "empty"), ("part2.%s:2" % kind, "duplicate id")]
    if kind == "jsonl":
        expected += [(f"part{n}.jsonl:5", "bad row") for n in range(3)]  # the "{broken" line of each shard
    assert got == sorted(expected)
    assert len(corpus) == 9 and "a1" in corpus.ids
    dup = corpus.rejected[corpus.rejected.reason == "duplicate id"].detail.iloc[0]
    assert "part0" in dup  # names the file that holds the first occurrence


def test_per_article_work_partition_by_partition(tmp_path):
    texts = {f"n{i}": f"Officials said on Wednesday that talks would resume in March {2019 + i % 3}." for i in range(30)}
    pd.DataFrame({"id": list(texts), "text": list(texts.values())}).to_parquet(tmp_path / "a.parquet")
    dcorpus = scale.load_dask_corpus(tmp_path / "a.parquet")
    meta = pd.DataFrame({"article_id": pd.Series(dtype=object), "text": pd.Series(dtype=object),
                         "value": pd.Series(dtype=object)})

    def timexes(corpus):
        return pd.DataFrame([{"article_id": a.id, "text": t.text, "value": t.value}
                             for a in corpus for t in extract_timexes(a.raw, None)], columns=list(meta))

    remote = scale.map_corpus(dcorpus, timexes, meta).compute().sort_values(["article_id", "text"])
    local = timexes(wt.load_corpus(tmp_path / "a.parquet")).sort_values(["article_id", "text"])
    pd.testing.assert_frame_equal(local.reset_index(drop=True), remote.reset_index(drop=True))


def test_a_published_value_naming_no_day_gets_the_same_note_on_either_engine(tmp_path, client):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Ferries resumed on Monday.", "published": "2031-02-30"}) + "\n",
                    encoding="utf-8")
    notes = scale.load_dask_corpus(str(path)).compute()["a"].notes
    assert notes == wt.load_corpus(path)["a"].notes
    assert notes[-1] == "published '2031-02-30' names no day as YYYY-MM-DD: the story is dated without it"
