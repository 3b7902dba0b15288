"""Duplicate detection on a Dask cluster: the Dask backend of :func:`wiretrace.reuse.find_duplicates`.

MinHash signatures per partition (the local engine's code, :mod:`wiretrace.minhash`); LSH bands
melted into (band, bucket, id) rows and grouped through a shuffle; exact verification of every
candidate by merging shingle sets; clusters by connected components of the verified pairs. It
returns the local engine's table.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .minhash import PAIR_COLUMNS, cluster_labels, lsh_parameters, signatures, text_shingles
from .resources import active_profile, profile
from .scale import dask_client

_MIX = np.uint64(0x9E3779B97F4A7C15)


def _sign(part: pd.DataFrame, ngram: int, num_perm: int, seed: int, bands: int, rows: int,
          story_profile: str | None = None) -> pd.DataFrame:
    """Per document: its shingles and one 64-bit key per LSH band (equal values give equal keys).

    ``story_profile``: the profile active where the job was submitted (workers are other processes).
    """
    with profile(story_profile):
        sets = [text_shingles(t, ngram) for t in part.text]
    sigs = signatures(sets, num_perm, seed).astype(np.uint64) if len(sets) else np.zeros((0, num_perm), np.uint64)
    keys = {}
    for band in range(bands):
        key = np.full(len(sets), np.uint64(band + 1))
        for column in range(band * rows, (band + 1) * rows):
            key = (key * _MIX) ^ sigs[:, column]
        keys[f"b{band}"] = key.view(np.int64)
    empty = np.array([len(s) == 0 for s in sets], dtype=bool)
    return pd.DataFrame({"id": part.id.values, "shingles": sets, "no_text": empty, **keys}, index=part.index)


def _melt(part: pd.DataFrame, bands: int) -> pd.DataFrame:
    part = part[~part["no_text"]]
    return pd.DataFrame({"band": np.repeat(np.arange(bands), len(part)).astype("int64"),
                         "key": np.concatenate([part[f"b{b}"].to_numpy() for b in range(bands)]) if bands else [],
                         "id": np.tile(part.id.to_numpy(), bands)})


def _bucket_pairs(part: pd.DataFrame) -> pd.DataFrame:
    """Pairs of ids that share a (band, key) bucket within one shuffled partition."""
    found = []
    for _, ids in part.groupby(["band", "key"]).id:
        if len(ids) > 1:
            members = sorted(set(ids))
            found += [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
    return pd.DataFrame(found, columns=["a", "b"]).astype(object)


def _verify(part: pd.DataFrame, threshold: float) -> pd.DataFrame:
    rows = []
    for a, b, sa, sb in zip(part.a, part.b, part.shingles_a, part.shingles_b):
        inter = np.intersect1d(sa, sb, assume_unique=True).size
        union = len(sa) + len(sb) - inter
        jac, c_ab, c_ba = inter / union, inter / len(sa), inter / len(sb)
        if max(jac, c_ab, c_ba) >= threshold:
            rows.append((a, b, round(float(jac), 4), round(float(c_ab), 4), round(float(c_ba), 4)))
    return pd.DataFrame(rows, columns=PAIR_COLUMNS[:-1])


def find_duplicates_dask(texts, *, threshold: float = 0.5, ngram: int = 5, num_perm: int = 128,
                         lsh_threshold: float = 0.15, seed: int = 1, client=None, progress: bool = False) -> pd.DataFrame:
    """Duplicate pairs of a Dask dataframe of (id, text): the same table as the local engine."""
    story_profile = str(active_profile()) if active_profile() is not None else None  # the same data on every worker
    bands, rows = lsh_parameters(min(lsh_threshold, threshold), num_perm)
    meta = pd.DataFrame({"id": pd.Series(dtype=object), "shingles": pd.Series(dtype=object),
                         "no_text": pd.Series(dtype=bool), **{f"b{b}": pd.Series(dtype="int64") for b in range(bands)}})
    with dask_client(client) as active:
        signed = texts[["id", "text"]].map_partitions(_sign, ngram, num_perm, seed, bands, rows, story_profile, meta=meta).persist()
        long = signed.map_partitions(_melt, bands, meta=pd.DataFrame({"band": pd.Series(dtype="int64"),
                                                                      "key": pd.Series(dtype="int64"),
                                                                      "id": pd.Series(dtype=object)}))
        candidates = long.shuffle(on=["band", "key"]).map_partitions(
            _bucket_pairs, meta=pd.DataFrame({"a": pd.Series(dtype=object), "b": pd.Series(dtype=object)}))
        candidates = candidates.drop_duplicates()
        sets = signed[["id", "shingles"]]
        joined = candidates.merge(sets.rename(columns={"id": "a", "shingles": "shingles_a"}), on="a") \
                           .merge(sets.rename(columns={"id": "b", "shingles": "shingles_b"}), on="b")
        verified = joined.map_partitions(_verify, threshold, meta=pd.DataFrame(columns=PAIR_COLUMNS[:-1]).astype(
            {"a": object, "b": object, "jaccard": float, "containment_a_in_b": float, "containment_b_in_a": float}))
        futures = active.compute([verified, signed.id])
        if progress:
            from dask.distributed import progress as show
            show(futures)
        pairs, ids = (f.result() for f in futures)
    pairs = pairs.sort_values(["a", "b"]).reset_index(drop=True)
    labels = cluster_labels(sorted(ids), pairs)
    return pairs.assign(cluster=pairs.a.map(labels))
