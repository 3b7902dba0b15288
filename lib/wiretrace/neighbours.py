"""Candidate pairs for reworded copies: each article's nearest neighbours by its heaviest words.

A reworded, re-ordered or translated-style derivation keeps few five-word sequences of its
source, so MinHash LSH over shingles (:mod:`wiretrace.minhash`) seldom proposes it; it keeps the
source's rare words (names, numbers, the story's own terms). Each article is weighted by TF-IDF
over its words (sublinear term frequency, smooth idf, L2 norm) and keeps its ``KEEP`` heaviest
words that at least two articles use; their similarity is the sum, over the words both keep, of
their weights' products (a partial cosine). Two articles are a candidate pair when their similarity
is at least ``FLOOR`` and one is among the other's ``NEIGHBOURS`` best, ranked by similarity less
the mean of each article's similarities to its own ``NEIGHBOURS`` nearest (cross-domain similarity
local scaling, CSLS): on a busy topic a few articles are near every other one and would take the
best places of each, crowding out the one text an article was derived from, which stands out from
both articles' usual neighbourhoods. The similarities are computed by blocks of ``BLOCK`` rows
and those at ``FLOOR`` or above kept, for usual nearness, then the scaled ranking: at most
``NEIGHBOURS`` pairs per article, and a word that more than ``MAX_POSTINGS`` articles keep (a
large one-story corpus's stock vocabulary) is left out of the product. Whether a candidate is a
copy is decided by its aligned passages (:mod:`wiretrace.relations`), never here.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

KEEP = 30  # heaviest words an article keeps
NEIGHBOURS = 3  # best neighbours of an article proposed as candidates
FLOOR = 0.1  # smallest partial cosine of a candidate (0.05 proposed 8,156 pairs at 10,000 synthetic articles, 0.1 1,412, finding the same COUNTER derivations)
MAX_POSTINGS = 1000  # a word kept by more articles than this says nothing about which two belong together
BLOCK = 4000  # articles whose neighbours are computed in one sparse product


def neighbour_pairs(words: Sequence[np.ndarray]) -> list[tuple[int, int]]:
    """(i, j), i < j, of the articles whose word hashes (``words[i]``: one uint32 per running
    word, as :func:`wiretrace.minhash.text_words` gives them) make them neighbours, sorted."""
    n = len(words)
    if n < 2:
        return []
    # each article's distinct words and how often it uses them, article by article (one sort of
    # every running word of the corpus held several copies of them: 2.4 GB at 100,000 documents)
    counted = [np.unique(np.asarray(w).astype(np.uint32, copy=False), return_counts=True) for w in words]
    if not any(len(distinct) for distinct, _ in counted):
        return []
    row = np.repeat(np.arange(n, dtype=np.int64), [len(distinct) for distinct, _ in counted])
    tf = np.concatenate([count for _, count in counted])
    # np.unique(..., return_inverse=True, return_counts=True) by hashing (the same values): sorting
    # every article's words took 9 s at 100,000 documents
    column, vocabulary = pd.factorize(np.concatenate([distinct for distinct, _ in counted]), sort=True)
    del counted
    df = np.bincount(column, minlength=len(vocabulary))
    weight = (1 + np.log(tf)) * (np.log((1 + n) / (1 + df)) + 1)[column]
    weight /= np.sqrt(np.bincount(row, weight * weight, minlength=n))[row]
    shared = df[column] >= 2
    row, column, weight = row[shared], column[shared], weight[shared]
    # each article's KEEP heaviest words, ties in word order: the rows are sorted by article, so
    # each article's words are sorted on their own (one lexsort of the corpus: 1.7 s at 10,000)
    bounds = np.searchsorted(row, np.arange(n + 1)).tolist()
    kept = np.concatenate([start + np.argsort(-weight[start:end], kind="stable")[:KEEP]
                           for start, end in zip(bounds[:-1], bounds[1:])])
    row, column, weight = row[kept], column[kept], weight[kept]
    common = np.bincount(column, minlength=len(vocabulary)) > MAX_POSTINGS
    row, column, weight = row[~common[column]], column[~common[column]], weight[~common[column]]
    matrix = sparse.csr_matrix((weight, (row, column)), shape=(n, len(vocabulary)))
    transposed = matrix.T.tocsr()
    # the products by blocks of rows, so memory holds one block's products at a time; the pairs at
    # FLOOR or above are few (142,310 at 100,000 documents) and read twice: each article's usual
    # nearness first, then each article's best neighbours by the scaled similarity
    similar = list(_similar_blocks(matrix, transposed))
    nearest = np.zeros(n)
    for i, _, score in similar:
        i, score = _best(i, score, score)
        nearest += np.bincount(i, score, minlength=n) / NEIGHBOURS
    codes = []
    for i, j, score in similar:
        i, j = _best(i, j, 2 * score - nearest[i] - nearest[j])
        codes.append(np.minimum(i, j) * n + np.maximum(i, j))
    codes = np.unique(np.concatenate(codes))
    return [(int(c // n), int(c % n)) for c in codes]


def _similar_blocks(matrix: sparse.csr_matrix, transposed: sparse.csr_matrix):
    """(i, j, similarity) of the ordered pairs of different articles at ``FLOOR`` or above, one
    block of ``BLOCK`` rows (articles i) at a time."""
    for start in range(0, matrix.shape[0], BLOCK):
        scores = (matrix[start:start + BLOCK] @ transposed).tocoo()
        i, j, score = scores.row.astype(np.int64) + start, scores.col.astype(np.int64), scores.data
        keep = (i != j) & (score >= FLOOR)
        yield i[keep], j[keep], score[keep]


def _best(i: np.ndarray, values: np.ndarray, key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(i, value) of each article i's ``NEIGHBOURS`` pairs with the highest ``key`` (ties by
    value then position: the same pairs on every run)."""
    order = np.lexsort((values, -key, i))
    i, values = i[order], values[order]
    best = (np.arange(len(i)) - np.searchsorted(i, i)) < NEIGHBOURS
    return i[best], values[best]
