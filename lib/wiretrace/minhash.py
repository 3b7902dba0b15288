"""MinHash LSH for near-duplicate text: shingles, signatures, candidate pairs, exact verification.

Documents are sets of word n-gram shingles over normalised text (:mod:`wiretrace.normalise`).
Signatures follow datasketch's ``affine32`` MinHash scheme (its permutations, drawn from the same
seed), computed for many documents at once with numpy; LSH bands take the parameters datasketch's
``MinHashLSH`` chooses, bucketed by sorting; every candidate is verified exactly (Jaccard and
containment both ways); clusters are connected components (networkx) of the verified pairs. The
tests check signatures, parameters and candidates against datasketch itself, which is not
imported here: its LSH module imports ``scipy.integrate``, a third of a second of every command's
start. The in-process engine (:mod:`wiretrace.reuse`) and the Dask engine
(:mod:`wiretrace.dask_duplicates`) both build on these functions.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache, partial
from itertools import repeat
from typing import Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
from tqdm import tqdm

from .normalise import ENTITY_PREFIX, _maps, mapped_words
from .processes import pool, workers as process_count
from .resources import cached

_MULT = np.uint32(0x01000193)  # FNV prime: combines token hashes into a shingle hash
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


EMPTY = np.empty(0, dtype=np.uint32)


PAIR_COLUMNS = ["a", "b", "jaccard", "containment_a_in_b", "containment_b_in_a", "cluster"]


def token_hashes(tokens: Sequence[str]) -> np.ndarray:
    """Stable 32-bit hashes of tokens (pandas' keyed SipHash: the same in every process, unlike ``hash``)."""
    return pd.util.hash_array(np.asarray(tokens, dtype=object), categorize=False).astype(np.uint32)


def shingles(tokens: Sequence[str], ngram: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word ``ngram``-grams of ``tokens`` (a shorter text is one shingle)."""
    if not tokens:
        return EMPTY
    return _shingle_ids(token_hashes(tokens), ngram)


def text_words(text: str) -> np.ndarray:
    """The hashes of ``normalise_tokens(text)``, one per running word (an entity named twice in a
    row once), computed in numpy."""
    words = mapped_words(text)
    if not words:
        return EMPTY
    ids = token_hashes(words)
    repeat = np.zeros(len(ids), dtype=bool)
    repeat[1:] = (ids[1:] == ids[:-1]) & np.isin(ids[1:], _entity_hashes())
    return ids[~repeat]


def text_shingles(text: str, ngram: int) -> np.ndarray:
    """``shingles(normalise_tokens(text), ngram)``."""
    ids = text_words(text)
    return _shingle_ids(ids, ngram) if len(ids) else EMPTY


def _shingles_and_words(text: str, ngram: int) -> tuple[np.ndarray, np.ndarray]:
    ids = text_words(text)
    return (_shingle_ids(ids, ngram) if len(ids) else EMPTY), ids


@cached
def _entity_hashes() -> np.ndarray:
    return token_hashes(sorted({t for t in _maps()[0].values() if t.startswith(ENTITY_PREFIX)}))


def _shingle_ids(ids: np.ndarray, ngram: int) -> np.ndarray:
    width = min(ngram, len(ids))
    count = len(ids) - width + 1
    hashed = np.zeros(count, dtype=np.uint32)
    for k in range(width):
        hashed = hashed * _MULT + ids[k:k + count]
    return np.unique(hashed)


PARALLEL_FROM = 2_000  # documents from which shingling uses one process per core


def shingle_texts(texts: Mapping[str, str], ngram: int, progress: bool = False, words: bool = False) -> list:
    """Shingle sets of ``texts`` (in the mapping's order); with ``words``, (shingle set, word
    hashes) of each (:func:`text_words`, tokenised once). Large corpora use one process per core."""
    values = list(texts.values())
    workers = process_count(len(values), PARALLEL_FROM)
    task = _shingles_and_words if words else text_shingles
    if workers == 1:
        return [task(t, ngram) for t in tqdm(values, desc="shingles", disable=not progress, unit="doc")]
    with pool(workers) as executor:
        mapped = executor.map(task, values, repeat(ngram), chunksize=250)
        return list(tqdm(mapped, total=len(values), desc="shingles", disable=not progress, unit="doc"))


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


def signatures(shingle_sets: Sequence[np.ndarray], num_perm: int = 128, seed: int = 1,
               block: int = 1 << 22, progress: bool = False) -> np.ndarray:
    """MinHash signatures (n_docs x num_perm, uint32), datasketch ``affine32`` compatible.

    The shingles of a block of documents (about ``block`` shingles) are hashed once; then, for
    each permutation, one vectorised pass applies it and takes each document's minimum
    (``np.minimum.reduceat``). Permutations run on one thread per core (numpy releases the GIL).
    """
    a, b = permutations(num_perm, seed)
    out = np.full((len(shingle_sets), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool, \
            tqdm(total=len(shingle_sets), desc="signatures", disable=not progress, unit="doc") as bar:
        for first, stop in _blocks(shingle_sets, block):
            docs = [i for i in range(first, stop) if len(shingle_sets[i])]
            if docs:
                hv = _fmix32(np.concatenate([shingle_sets[i] for i in docs]))
                offsets = np.cumsum([0] + [len(shingle_sets[i]) for i in docs[:-1]])
                list(pool.map(partial(_permutation_minima, out, docs, hv, offsets, a, b), range(num_perm)))
            bar.update(stop - first)
    return out


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of the ``num_perm`` affine permutations ``h -> a * h + b mod 2**32`` that
    datasketch's ``MinHash(num_perm, seed, scheme="affine32")`` draws: ``a`` odd, so that each is
    a bijection."""
    draw = np.random.RandomState(seed)
    a = draw.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    return a, draw.randint(0, 1 << 32, num_perm, dtype=np.uint32)


def _permutation_minima(out, docs, hv, offsets, a, b, k: int) -> None:
    """Column k of the signatures of ``docs``: permutation k applied to their hashed shingles, minimum per document."""
    out[docs, k] = np.minimum.reduceat(hv * a[k] + b[k], offsets)


def _blocks(shingle_sets: Sequence[np.ndarray], block: int):
    """(first, stop) ranges of documents holding about ``block`` shingles each."""
    first, size = 0, 0
    for i, s in enumerate(shingle_sets):
        if size and size + len(s) > block:
            yield first, i
            first, size = i, 0
        size += len(s)
    if first < len(shingle_sets):
        yield first, len(shingle_sets)


@lru_cache(maxsize=None)
def lsh_parameters(lsh_threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band): the ones datasketch's ``MinHashLSH`` chooses for this threshold.

    Those minimise the false-positive probability (the area under ``1 - (1 - s**r)**b`` for
    Jaccard ``s`` below the threshold) plus the false-negative one (the area above it under its
    complement), with equal weights, over every ``b * r <= num_perm``. Each integrand is a
    polynomial of degree ``r * b``, so Gauss-Legendre quadrature with ``num_perm // 2 + 1`` nodes
    gives the areas exactly.
    """
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    below = lsh_threshold / 2 * nodes + lsh_threshold / 2            # nodes on [0, threshold]
    above = (1 - lsh_threshold) / 2 * nodes + (1 + lsh_threshold) / 2  # and on [threshold, 1]
    best, chosen = np.inf, (0, 0)  # in datasketch's order (bands, then rows): the first smallest error wins
    for b in range(1, num_perm + 1):
        rows = np.arange(1, num_perm // b + 1, dtype=float)[:, None]
        false_positive = lsh_threshold / 2 * ((1 - (1 - below ** rows) ** b) @ weights)
        false_negative = (1 - lsh_threshold) / 2 * (((1 - above ** rows) ** b) @ weights)
        error = 0.5 * false_positive + 0.5 * false_negative
        if error.min() < best:
            best, chosen = error.min(), (b, int(np.argmin(error)) + 1)
    return chosen


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n_docs x bands) int64 bucket ids: two documents share a bucket in a band exactly when
    their ``rows`` signature values in that band are equal (as in ``MinHashLSH``)."""
    keys = np.empty((len(sigs), bands), dtype=np.int64)
    for band in range(bands):
        block = np.ascontiguousarray(sigs[:, band * rows:(band + 1) * rows])
        _, keys[:, band] = np.unique(block.view(np.dtype((np.void, 4 * rows))).ravel(), return_inverse=True)
    return keys


def bucket_pairs(keys: np.ndarray) -> np.ndarray:
    """Unique index pairs (i < j) that share a bucket in any band: an (m x 2) array."""
    n, found = keys.shape[0], []
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        sorted_keys = keys[order, band]
        for gap in range(1, n):
            same = sorted_keys[gap:] == sorted_keys[:-gap]
            if not same.any():
                break
            i, j = order[:-gap][same], order[gap:][same]
            found.append(np.minimum(i, j).astype(np.int64) * n + np.maximum(i, j))
    codes = np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)
    return np.stack([codes // n, codes % n], axis=1) if len(codes) else np.empty((0, 2), dtype=np.int64)


def candidate_pairs(sigs: np.ndarray, lsh_threshold: float) -> list[tuple[int, int]]:
    """Index pairs (i < j) whose signatures agree on a whole LSH band.

    The bands are those of datasketch's ``MinHashLSH`` for ``lsh_threshold`` and the result is
    the same as querying it, computed for all documents at once (sorting each band's values)
    instead of one Python call per band and document. Documents with no shingles take no part.
    """
    bands, rows = lsh_parameters(lsh_threshold, sigs.shape[1])
    present = np.flatnonzero((sigs != np.iinfo(np.uint32).max).any(axis=1))
    pairs = bucket_pairs(band_keys(sigs[present], bands, rows))
    return [(int(present[i]), int(present[j])) for i, j in pairs]


def verify(shingle_sets: Sequence[np.ndarray], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """Exact (jaccard, containment of i in j, containment of j in i) for each pair."""
    out = np.zeros((len(pairs), 3))
    for k, (i, j) in enumerate(pairs):
        a, b = shingle_sets[i], shingle_sets[j]
        inter = np.intersect1d(a, b, assume_unique=True).size
        union = len(a) + len(b) - inter
        out[k] = (inter / union if union else 0.0, inter / len(a) if len(a) else 0.0, inter / len(b) if len(b) else 0.0)
    return out


def duplicate_pairs(ids: Sequence[str], shingle_sets: Sequence[np.ndarray], *, threshold: float = 0.5,
                    num_perm: int = 128, lsh_threshold: float = 0.15, seed: int = 1,
                    progress: bool = False) -> pd.DataFrame:
    """The verified duplicate pairs of prepared shingle sets (see :func:`find_duplicates`)."""
    sigs = signatures(shingle_sets, num_perm, seed, progress=progress)
    pairs = candidate_pairs(sigs, min(lsh_threshold, threshold))
    scores = verify(shingle_sets, pairs)
    keep = np.maximum(scores[:, 0], scores[:, 1:].max(axis=1)) >= threshold if len(pairs) else np.zeros(0, bool)
    rows = pair_rows(ids, np.asarray(pairs)[keep] if len(pairs) else [], scores[keep])
    frame = pd.DataFrame(rows, columns=PAIR_COLUMNS[:-1]).sort_values(["a", "b"]).reset_index(drop=True)
    labels = cluster_labels(ids, frame)
    return frame.assign(cluster=frame.a.map(labels))


def pair_rows(ids: Sequence[str], pairs, scores: np.ndarray) -> list[tuple]:
    """(a, b, jaccard, containment of a in b, containment of b in a) of index pairs and their
    :func:`verify` scores, ids ordered a < b, scores rounded."""
    rows = []
    for (i, j), (jac, c_ij, c_ji) in zip(pairs, scores):
        a, b, c_ab, c_ba = (ids[i], ids[j], c_ij, c_ji) if ids[i] < ids[j] else (ids[j], ids[i], c_ji, c_ij)
        rows.append((a, b, round(float(jac), 4), round(float(c_ab), 4), round(float(c_ba), 4)))
    return rows


def cluster_labels(ids: Sequence[str], pairs: pd.DataFrame) -> dict[str, str]:
    """Article id -> cluster label (C1, C2, ... by first member id; a lone article gets its own)."""
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_edges_from(zip(pairs.a, pairs.b))
    # shared stories first (by their first member), then lone articles
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (len(c) == 1, c[0]))
    return {member: f"C{n}" for n, comp in enumerate(components, 1) for member in comp}
