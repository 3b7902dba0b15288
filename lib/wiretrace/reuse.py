"""Which articles carry the same text: MinHash LSH candidates, exact verification, clusters.

Documents are the story text of each article (``foreign`` and ``boilerplate`` segments left out
by default), compared as sets of word n-gram shingles (:mod:`wiretrace.minhash`). Pairs are found
in process or, with ``engine="dask"``, on a Dask cluster (:mod:`wiretrace.dask_duplicates`); both
return the same table. Passage alignment lives in :mod:`wiretrace.align` and is re-exported here.
"""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from . import roles
from .align import align, align_cluster, align_clusters, align_pair, cluster_union, edit_counts  # noqa: F401
from .corpus import Corpus
from .minhash import (EMPTY, PAIR_COLUMNS, candidate_pairs, cluster_labels, duplicate_pairs,  # noqa: F401
                      shingle_texts, signatures, text_shingles, verify)

DEFAULT_EXCLUDED = roles.NOT_COMPARED


def story_texts(corpus: Corpus, annotations=None, exclude_roles: Sequence[str] = DEFAULT_EXCLUDED) -> dict[str, str]:
    """Each article's text without the segments whose role is in ``exclude_roles``."""
    if not exclude_roles:
        return {a.id: a.raw for a in corpus}
    if annotations is None:
        from .annotate import annotate
        annotations = annotate(corpus)
    kept = annotations.segments[~annotations.segments.role.isin(exclude_roles)]
    texts = {aid: "\n".join(group.sort_values("start").text) for aid, group in kept.groupby("article_id")}
    return {a.id: texts.get(a.id, "") for a in corpus}


def find_duplicates(corpus, *, threshold: float = 0.5, ngram: int = 5, num_perm: int = 128,
                    engine: str = "local", lsh_threshold: float = 0.15, annotations=None,
                    exclude_roles: Sequence[str] = DEFAULT_EXCLUDED, seed: int = 1, client=None) -> pd.DataFrame:
    """Pairs of articles that carry the same text, one row per pair.

    Columns: ``a, b`` (article ids, a < b), ``jaccard``, ``containment_a_in_b``,
    ``containment_b_in_a`` (exact, over shingle sets), ``cluster``. A pair is kept when its
    Jaccard or either containment reaches ``threshold``. LSH proposes candidates from the lower
    ``lsh_threshold`` (Jaccard): a copy trimmed to 40% of a story and 60% contained in it has a
    Jaccard near 0.2, which 0.15 still catches with probability about 0.9.

    ``engine="dask"`` runs the same steps on a Dask cluster (``client``: a ``Client``, a scheduler
    address, or None for a ``LocalCluster`` with one worker per core) and returns the same table;
    ``corpus`` may then also be a :class:`wiretrace.scale.DaskCorpus` (its raw texts are compared).
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    options = {"threshold": threshold, "num_perm": num_perm, "lsh_threshold": lsh_threshold, "seed": seed}
    if engine == "dask":
        from .dask_duplicates import find_duplicates_dask
        from .scale import DaskCorpus, from_frame

        frame = corpus.frame if isinstance(corpus, DaskCorpus) else \
            from_frame(story_texts(corpus, annotations, exclude_roles))
        return find_duplicates_dask(frame, ngram=ngram, client=client, **options)
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
