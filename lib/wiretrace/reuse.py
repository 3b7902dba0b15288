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
from .align import story_units
from .corpus import Corpus
from .minhash import (EMPTY, PAIR_COLUMNS, candidate_pairs, cluster_labels, duplicate_pairs,  # noqa: F401
                      pair_rows, shingle_texts, signatures, text_shingles, verify)

from .neighbours import neighbour_pairs
from .relations import relate

DEFAULT_EXCLUDED = roles.NOT_COMPARED
LSH_THRESHOLD = 0.1  # candidates: low enough for trimmed and reworded copies; passages decide


def story_texts(corpus: Corpus, annotations=None, exclude_roles: Sequence[str] = DEFAULT_EXCLUDED) -> dict[str, str]:
    """Each article's text without the segments whose role is in ``exclude_roles``."""
    if not exclude_roles:
        return {a.id: a.raw for a in corpus}
    if annotations is None:
        from .annotate import annotate
        annotations = annotate(corpus)
    kept = annotations.segments[~annotations.segments.role.isin(exclude_roles)].sort_values(["article_id", "start"])
    texts = {aid: "\n".join(group) for aid, group in kept.groupby("article_id", sort=False).text}
    return {a.id: texts.get(a.id, "") for a in corpus}


MIN_SHARED = 0.02  # share of the shorter text's shingles a candidate pair needs to be aligned


def find_duplicates(corpus, *, threshold: float = 0.5, ngram: int = 5, num_perm: int = 128,
                    engine: str = "local", lsh_threshold: float = LSH_THRESHOLD, annotations=None,
                    exclude_roles: Sequence[str] = DEFAULT_EXCLUDED, seed: int = 1, client=None) -> pd.DataFrame:
    """Pairs of articles that carry the same text or a passage of it, one row per pair.

    Columns: ``a, b`` (article ids, a < b), ``jaccard``, ``containment_a_in_b``,
    ``containment_b_in_a`` (exact, over shingle sets), ``cluster``, and, when the corpus's
    annotations can be had (a :class:`wiretrace.Corpus`), the relation read from aligned passages
    (:mod:`wiretrace.relations`): ``carried_a_in_b``, ``carried_b_in_a``, ``longest_passage``,
    ``reworded``, ``relation`` (copy or partial), ``relation_rule`` and the evidence spans.
    Copies share a ``cluster``; a partial derivation links two clusters without merging them
    (its ``cluster`` is empty). LSH proposes candidates from the low ``lsh_threshold`` (Jaccard):
    a trimmed or reworded copy shares few 5-word shingles with its source; so do each article's
    nearest neighbours by its heaviest words (:mod:`wiretrace.neighbours`), for a heavily
    reworded derivation that shares almost none.

    ``engine="dask"`` runs the shingle steps on a Dask cluster (``client``: a ``Client``, a
    scheduler address, or None for a ``LocalCluster`` with one worker per core); ``corpus`` may
    then also be a :class:`wiretrace.scale.DaskCorpus`, whose pairs are decided by shingles only.
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    from .scale import DaskCorpus

    passages = not isinstance(corpus, DaskCorpus)
    options = {"threshold": 0.0 if passages else threshold, "num_perm": num_perm,
               "lsh_threshold": lsh_threshold, "seed": seed}
    if passages and annotations is None:
        from .annotate import annotate
        annotations = annotate(corpus)
    texts = story_texts(corpus, annotations, exclude_roles) if passages else None
    if engine == "dask":
        from .dask_duplicates import find_duplicates_dask
        from .scale import from_frame

        frame = corpus.frame if not passages else from_frame(texts)
        candidates = find_duplicates_dask(frame, ngram=ngram, client=client, **options)
        features = shingle_texts(texts, ngram, words=True) if passages else None
    else:
        texts = texts if texts is not None else story_texts(corpus, annotations, exclude_roles)
        features = shingle_texts(texts, ngram, progress=len(texts) > 10_000, words=passages)
        sets = [f[0] for f in features] if passages else features
        candidates = duplicate_pairs(list(texts), sets, progress=len(texts) > 10_000, **options)
    if not passages:
        return candidates
    # at the low LSH threshold a large corpus proposes hundreds of thousands of pairs that share a
    # few stock phrases; aligning their passages is the costly step, so a pair is aligned only when
    # it shares MIN_SHARED of the shorter text's shingles (391,507 candidates -> 5,648 on 10,000
    # articles; the least-sharing real copy measured, a reworded one, shares 16%)
    shared = candidates[["containment_a_in_b", "containment_b_in_a"]].max(axis=1) >= MIN_SHARED
    candidates = with_neighbours(candidates[shared], list(texts), features)
    # sentences are normalised only for the articles of a candidate pair (word rarity counts every article's words)
    units = story_units(corpus, annotations, exclude_roles, ids=set(candidates.a) | set(candidates.b))
    stories = {a: " ".join(corpus[a].raw[u.start:u.end] for u in article if not u.furniture) for a, article in units.items()}
    related = relate(candidates.drop(columns="cluster"), units, threshold, [f[1] for f in features], stories)
    related = related[related.relation != "none"].reset_index(drop=True)
    labels = cluster_labels(corpus.ids, related[related.relation == "copy"])
    same = related.a.map(labels) == related.b.map(labels)
    related.insert(5, "cluster", related.a.map(labels).where(same))
    return related


def with_neighbours(candidates: pd.DataFrame, ids: list[str], features: list) -> pd.DataFrame:
    """``candidates`` and the pairs of articles that are each other's nearest neighbours by their
    heaviest words (:func:`wiretrace.neighbours.neighbour_pairs`: a reworded derivation shares
    few shingles), with their exact shingle scores; sorted by ``a, b``."""
    known = set(zip(candidates.a, candidates.b))
    extra = [(i, j) for i, j in neighbour_pairs([f[1] for f in features])
             if (min(ids[i], ids[j]), max(ids[i], ids[j])) not in known]
    rows = [(*row, None) for row in pair_rows(ids, extra, verify([f[0] for f in features], extra))]
    if not rows:
        return candidates.reset_index(drop=True)
    both = pd.concat([candidates, pd.DataFrame(rows, columns=PAIR_COLUMNS)], ignore_index=True)
    return both.sort_values(["a", "b"]).reset_index(drop=True)


def clusters(corpus: Corpus, pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per article: ``article_id, cluster, size`` (copies of one story share a cluster; a
    partial derivation does not join them)."""
    copies = pairs[pairs.relation == "copy"] if "relation" in pairs else pairs
    labels = cluster_labels(corpus.ids, copies)
    frame = pd.DataFrame({"article_id": list(labels), "cluster": list(labels.values())})
    frame["size"] = frame.groupby("cluster").article_id.transform("size")
    order = frame.cluster.map(lambda c: int(c[1:]))
    return frame.assign(_order=order).sort_values(["_order", "article_id"]).drop(columns="_order").reset_index(drop=True)


def similarity_matrix(corpus: Corpus, *, ngram: int = 5, annotations=None,
                      exclude_roles: Sequence[str] = DEFAULT_EXCLUDED, ids: Sequence[str] | None = None
                      ) -> dict[str, pd.DataFrame]:
    """Exact all-pairs ``jaccard`` and ``containment`` (row contained in column) tables of the
    articles ``ids`` (every article when None): quadratic, so for a few dozen articles
    (:func:`shown_articles` picks them in a large corpus)."""
    texts = story_texts(corpus, annotations, exclude_roles)
    if ids is not None:
        texts = {i: texts[i] for i in ids}
    ids, sets = list(texts), shingle_texts(texts, ngram)
    pairs = [(i, j) for i in range(len(ids)) for j in range(len(ids))]
    scores = verify(sets, pairs).reshape(len(ids), len(ids), 3)
    return {"jaccard": pd.DataFrame(scores[:, :, 0].round(4), index=ids, columns=ids),
            "containment": pd.DataFrame(scores[:, :, 1].round(4), index=ids, columns=ids)}


def shown_articles(clusters: pd.DataFrame, limit: int = 40) -> list[str]:
    """The articles a figure of pairs can show readably: all of them up to ``limit``, else the
    members of the largest copy clusters (largest first, whole clusters) up to ``limit``."""
    if len(clusters) <= limit:
        return list(clusters.article_id)
    sizes = clusters[clusters["size"] > 1].groupby("cluster").size()
    shown: list[str] = []
    for cluster in sizes.sort_index().sort_values(ascending=False, kind="stable").index:
        members = sorted(clusters.article_id[clusters.cluster == cluster])
        if shown and len(shown) + len(members) > limit:
            break
        shown += members[:limit - len(shown)]
    return shown
