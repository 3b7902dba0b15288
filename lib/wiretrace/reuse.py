"""Which articles carry the same text: MinHash LSH candidates, exact verification, clusters.

Documents are sets of word n-gram shingles over the normalised story text (``normalise``),
``foreign`` and ``boilerplate`` segments left out by default. Signatures follow datasketch's
``affine32`` MinHash scheme, computed for many documents at once with numpy; candidates come
from datasketch's ``MinHashLSH``; every candidate is verified exactly (Jaccard and containment
both ways, since a trimmed copy is contained in a longer one even when Jaccard is low); clusters
are connected components (networkx) of the verified pairs. Passage alignment lives in
:mod:`wiretrace.align` and is re-exported here.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
from datasketch import LeanMinHash, MinHash, MinHashLSH
from tqdm.auto import tqdm

from .align import align, align_pair, cluster_union  # noqa: F401  (public API of this module)
from .corpus import Corpus
from .normalise import normalise_tokens

SCHEME = "affine32"
_MULT = np.uint32(0x01000193)  # FNV prime: combines token hashes into a shingle hash
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
EMPTY = np.empty(0, dtype=np.uint32)
PAIR_COLUMNS = ["a", "b", "jaccard", "containment_a_in_b", "containment_b_in_a", "cluster"]
DEFAULT_EXCLUDED = ("foreign", "boilerplate")


@lru_cache(maxsize=1 << 20)
def token_hash(token: str) -> int:
    """A stable 32-bit hash of a token (the same in every process, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=4).digest(), "little")


def shingles(tokens: Sequence[str], ngram: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word ``ngram``-grams of ``tokens`` (a shorter text is one shingle)."""
    if not tokens:
        return EMPTY
    ids = np.fromiter((token_hash(t) for t in tokens), dtype=np.uint32, count=len(tokens))
    width = min(ngram, len(ids))
    count = len(ids) - width + 1
    hashed = np.zeros(count, dtype=np.uint32)
    for k in range(width):
        hashed = hashed * _MULT + ids[k:k + count]
    return np.unique(hashed)


def story_texts(corpus: Corpus, annotations=None, exclude_roles: Sequence[str] = DEFAULT_EXCLUDED) -> dict[str, str]:
    """Each article's text without the segments whose role is in ``exclude_roles``."""
    if not exclude_roles:
        return {a.id: a.raw for a in corpus}
    if annotations is None:
        from .annotate import annotate
        annotations = annotate(corpus)
    kept = annotations.segments[~annotations.segments.role.isin(exclude_roles)]
    return {aid: "\n".join(group.sort_values("start").text) for aid, group in kept.groupby("article_id")} | {
        a.id: "" for a in corpus if a.id not in set(kept.article_id)}


def shingle_texts(texts: Mapping[str, str], ngram: int, progress: bool = False) -> list[np.ndarray]:
    """Shingle sets of ``texts`` (in the mapping's order)."""
    return [shingles(normalise_tokens(t), ngram)
            for t in tqdm(texts.values(), desc="shingles", disable=not progress, unit="doc")]


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


def signatures(shingle_sets: Sequence[np.ndarray], num_perm: int = 128, seed: int = 1,
               chunk: int = 4096, progress: bool = False) -> np.ndarray:
    """MinHash signatures (n_docs x num_perm, uint32), datasketch ``affine32`` compatible.

    Documents are processed in groups of about ``chunk`` shingles: one matrix product of hashes
    and permutations per group and a segmented minimum (``np.minimum.reduceat``).
    """
    a, b = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations
    out = np.full((len(shingle_sets), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    start, bar = 0, tqdm(total=len(shingle_sets), desc="signatures", disable=not progress, unit="doc")
    while start < len(shingle_sets):
        stop, size = start, 0
        while stop < len(shingle_sets) and (size == 0 or size + len(shingle_sets[stop]) <= chunk):
            size += len(shingle_sets[stop])
            stop += 1
        group = shingle_sets[start:stop]
        nonempty = [i for i, s in enumerate(group) if len(s)]
        if nonempty:
            hv = _fmix32(np.concatenate([group[i] for i in nonempty]))
            offsets = np.cumsum([0] + [len(group[i]) for i in nonempty[:-1]])
            out[[start + i for i in nonempty]] = np.minimum.reduceat(hv[:, None] * a + b, offsets, axis=0)
        bar.update(stop - start)
        start = stop
    bar.close()
    return out


def candidate_pairs(sigs: np.ndarray, lsh_threshold: float, seed: int = 1, progress: bool = False) -> list[tuple[int, int]]:
    """Index pairs (i < j) whose signatures share an LSH band (datasketch ``MinHashLSH``)."""
    num_perm = sigs.shape[1]
    lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
    sketches = [LeanMinHash(seed=seed, hashvalues=sig, scheme=SCHEME) for sig in sigs]
    with lsh.insertion_session() as session:
        for i, sketch in enumerate(sketches):
            session.insert(i, sketch, check_duplication=False)
    pairs = set()
    for i, sketch in enumerate(tqdm(sketches, desc="candidates", disable=not progress, unit="doc")):
        pairs.update((i, j) for j in lsh.query(sketch) if j > i)
    return sorted(pairs)


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
                    num_perm: int = 128, lsh_threshold: float = 0.3, seed: int = 1,
                    progress: bool = False) -> pd.DataFrame:
    """The verified duplicate pairs of prepared shingle sets (see :func:`find_duplicates`)."""
    sigs = signatures(shingle_sets, num_perm, seed, progress=progress)
    pairs = candidate_pairs(sigs, min(lsh_threshold, threshold), seed, progress=progress)
    scores = verify(shingle_sets, pairs)
    keep = np.maximum(scores[:, 0], scores[:, 1:].max(axis=1)) >= threshold if len(pairs) else np.zeros(0, bool)
    rows = []
    for (i, j), (jac, c_ij, c_ji) in zip(np.asarray(pairs)[keep] if len(pairs) else [], scores[keep]):
        a, b, c_ab, c_ba = (ids[i], ids[j], c_ij, c_ji) if ids[i] < ids[j] else (ids[j], ids[i], c_ji, c_ij)
        rows.append((a, b, round(float(jac), 4), round(float(c_ab), 4), round(float(c_ba), 4)))
    frame = pd.DataFrame(rows, columns=PAIR_COLUMNS[:-1]).sort_values(["a", "b"]).reset_index(drop=True)
    labels = cluster_labels(ids, frame)
    return frame.assign(cluster=frame.a.map(labels))


def cluster_labels(ids: Sequence[str], pairs: pd.DataFrame) -> dict[str, str]:
    """Article id -> cluster label (C1, C2, ... by first member id; a lone article gets its own)."""
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_edges_from(zip(pairs.a, pairs.b))
    # shared stories first (by their first member), then lone articles
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (len(c) == 1, c[0]))
    return {member: f"C{n}" for n, comp in enumerate(components, 1) for member in comp}


def find_duplicates(corpus: Corpus, *, threshold: float = 0.5, ngram: int = 5, num_perm: int = 128,
                    engine: str = "local", lsh_threshold: float = 0.3, annotations=None,
                    exclude_roles: Sequence[str] = DEFAULT_EXCLUDED, seed: int = 1) -> pd.DataFrame:
    """Pairs of articles that carry the same text, one row per pair.

    Columns: ``a, b`` (article ids, a < b), ``jaccard``, ``containment_a_in_b``,
    ``containment_b_in_a`` (exact, over shingle sets), ``cluster``. A pair is kept when its
    Jaccard or either containment reaches ``threshold``; LSH proposes candidates at the lower
    ``lsh_threshold`` so trimmed copies (high containment, low Jaccard) are not missed.
    """
    if engine != "local":
        raise ValueError(f"engine must be 'local', not {engine!r}")
    texts = story_texts(corpus, annotations, exclude_roles)
    ids = list(texts)
    return duplicate_pairs(ids, shingle_texts(texts, ngram), threshold=threshold, num_perm=num_perm,
                           lsh_threshold=lsh_threshold, seed=seed, progress=len(ids) > 10_000)


def clusters(corpus: Corpus, pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per article: ``article_id, cluster, size`` (articles in the same story share a cluster)."""
    labels = cluster_labels(corpus.ids, pairs)
    frame = pd.DataFrame({"article_id": list(labels), "cluster": list(labels.values())})
    frame["size"] = frame.groupby("cluster").article_id.transform("size")
    order = frame.cluster.str[1:].astype(int)
    return frame.assign(_order=order).sort_values(["_order", "article_id"]).drop(columns="_order").reset_index(drop=True)


def similarity_matrix(corpus: Corpus, *, ngram: int = 5, annotations=None,
                      exclude_roles: Sequence[str] = DEFAULT_EXCLUDED) -> dict[str, pd.DataFrame]:
    """Exact all-pairs ``jaccard`` and ``containment`` (row contained in column) tables, for small corpora."""
    texts = story_texts(corpus, annotations, exclude_roles)
    ids, sets = list(texts), shingle_texts(texts, ngram)
    pairs = [(i, j) for i in range(len(ids)) for j in range(len(ids))]
    scores = verify(sets, pairs).reshape(len(ids), len(ids), 3)
    return {"jaccard": pd.DataFrame(scores[:, :, 0].round(4), index=ids, columns=ids),
            "containment": pd.DataFrame(scores[:, :, 1].round(4), index=ids, columns=ids)}
