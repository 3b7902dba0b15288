"""Is one article a copy of another? Decided from aligned passages, not from one set score.

Candidate pairs come from MinHash LSH (:mod:`wiretrace.minhash`); for each, the story sentences of
both texts are compared with rapidfuzz (word order kept, a reworded sentence still scores) and
every sentence of one text gets its best match in the other. Then, with the share of each text's
story characters carried by the other:

- ``copy``: the shorter text is carried by the longer one (share >= the duplicate ``threshold``,
  with at least ``MIN_CONTAINMENT`` of its word shingles in the other): an excerpt of 2,000 bytes
  is a copy of the full story, a trimmed or lightly reworded copy too;
- ``partial``: a passage of ``PARTIAL_SENTENCES`` or more consecutive sentences is carried, but
  not the story, or the two texts are reworded from one another (``reworded`` >= ``REWORDED``):
  a derivation, not the same text;
- ``none``: otherwise.

``reworded`` (:func:`reworded`) tolerates the substitutions, reordering and re-splitting of a
rewritten story in any language: every sentence's best match in the other text by the rarity-
weighted share of words they have in common (rare words, a story's own names and numbers, weigh
more than the words every article of the corpus uses), averaged over both texts. Independent
reports of one event share names but not the sentence-level wording around them.

Shingle containment at or above the same ``threshold`` is a copy too (a copy whose sentences
were re-split or merged still is one). The evidence is the longest carried passage of each pair.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist
from scipy import sparse

from .align import Unit
from .progress import steps

SENTENCE_SIMILARITY = 60.0  # rapidfuzz ratio (0-100) for a sentence to be carried by the other text
PARTIAL_SENTENCES = 2  # consecutive carried sentences for a partial derivation
# Shingle containment (5 words) a copy also needs: independent reports of one event have sentences
# alike enough to align (same names, same numbers) but share almost no five-word sequences.
MIN_CONTAINMENT = 0.1
REWORDED = 0.2  # reworded score (0-1) at and above which two texts are reworded from one another
RELATION_COLUMNS = ["carried_a_in_b", "carried_b_in_a", "longest_passage", "reworded", "relation", "relation_rule",
                    "passage_a_start", "passage_a_end", "passage_b_start", "passage_b_end"]


def carried(units_a: list[Unit], units_b: list[Unit]) -> dict:
    """How much of each text the other carries: shares of story characters, the longest run of
    consecutive carried sentences of the shorter text and its spans in both."""
    a = [u for u in units_a if not u.furniture]
    b = [u for u in units_b if not u.furniture]
    if not a or not b:
        return {"carried_a_in_b": 0.0, "carried_b_in_a": 0.0, "longest_passage": 0, "spans": None}
    sim = cdist([u.norm for u in a], [u.norm for u in b], scorer=fuzz.ratio)
    len_a = np.array([len(u.norm) for u in a], dtype=float)
    len_b = np.array([len(u.norm) for u in b], dtype=float)
    in_b, in_a = sim.max(axis=1) >= SENTENCE_SIMILARITY, sim.max(axis=0) >= SENTENCE_SIMILARITY
    share_a = float((len_a * in_b).sum() / len_a.sum()) if len_a.sum() else 0.0
    share_b = float((len_b * in_a).sum() / len_b.sum()) if len_b.sum() else 0.0
    run, best, spans = 0, 0, None
    for i, hit in enumerate(in_b):  # the longest run of consecutive carried sentences of a
        run = run + 1 if hit else 0
        if run > best:
            best = run
            j0, j1 = int(sim[i - run + 1].argmax()), int(sim[i].argmax())
            spans = (a[i - run + 1].start, a[i].end, b[min(j0, j1)].start, b[max(j0, j1)].end)
    return {"carried_a_in_b": round(share_a, 4), "carried_b_in_a": round(share_b, 4), "longest_passage": best,
            "spans": spans}


def word_rarity(units: dict[str, list[Unit]]) -> dict[str, float]:
    """Each word's rarity over the story sentences of ``units`` (article -> units): its inverse
    document frequency ln((N + 1) / (df + 0.5)), N articles, df those that use it."""
    df: dict[str, int] = {}
    for article in units.values():
        for word in {w for u in article if not u.furniture for w in u.norm.split()}:
            df[word] = df.get(word, 0) + 1
    n = len(units)
    return {w: float(np.log((n + 1) / (c + 0.5))) for w, c in df.items()}


def reworded(units_a: list[Unit], units_b: list[Unit], rarity: dict[str, float]) -> tuple[float, tuple | None]:
    """How much two texts are reworded from one another (0-1), with the spans (a start, a end, b
    start, b end) of their best-matching pair of sentences: for each story sentence of one, the
    rarity-weighted Dice coefficient of its words and those of its best-matching sentence of the
    other (2 x rarity of the shared words / rarity of both sentences' words), averaged over the
    text weighting each sentence by its length, then over both texts. A word ``rarity`` does not
    know weighs as the rarest."""
    units_a = [u for u in units_a if not u.furniture and u.norm]
    units_b = [u for u in units_b if not u.furniture and u.norm]
    if not units_a or not units_b:
        return 0.0, None
    a, b = [u.norm for u in units_a], [u.norm for u in units_b]
    vocabulary: dict[str, int] = {}
    rows_a = [[vocabulary.setdefault(w, len(vocabulary)) for w in set(u.split())] for u in a]
    rows_b = [[vocabulary.setdefault(w, len(vocabulary)) for w in set(u.split())] for u in b]
    unseen = max(rarity.values(), default=1.0)
    weight = np.array([rarity.get(w, unseen) for w in vocabulary])
    matrix_a, matrix_b = _incidence(rows_a, len(vocabulary)), _incidence(rows_b, len(vocabulary))
    shared = (matrix_a.multiply(weight) @ matrix_b.T).toarray()
    total_a, total_b = matrix_a @ weight, matrix_b @ weight
    dice = 2 * shared / np.maximum(total_a[:, None] + total_b[None, :], 1e-12)
    len_a = np.array([len(u) for u in a], dtype=float)
    len_b = np.array([len(u) for u in b], dtype=float)
    score = (len_a @ dice.max(axis=1) / len_a.sum() + len_b @ dice.max(axis=0) / len_b.sum()) / 2
    i, j = np.unravel_index(int(dice.argmax()), dice.shape)
    return round(float(score), 4), (units_a[i].start, units_a[i].end, units_b[j].start, units_b[j].end)


def _incidence(rows: list[list[int]], width: int) -> sparse.csr_matrix:
    cols = [c for row in rows for c in row]
    index = [i for i, row in enumerate(rows) for _ in row]
    return sparse.csr_matrix((np.ones(len(cols)), (index, cols)), shape=(len(rows), width))


def relation(found: dict, containment: float, threshold: float) -> tuple[str, str]:
    """``copy``, ``partial`` or ``none`` for a pair, with the rule that decided it."""
    shorter = max(found["carried_a_in_b"], found["carried_b_in_a"])
    if shorter >= threshold and containment >= MIN_CONTAINMENT:
        return "copy", (f"{shorter:.0%} of the shorter story is carried by the other (>= {threshold:.0%}), "
                        f"{containment:.0%} of its word shingles")
    if containment >= threshold:
        return "copy", f"{containment:.0%} of one text's word shingles are in the other (>= {threshold:.0%})"
    if found["longest_passage"] >= PARTIAL_SENTENCES and containment >= MIN_CONTAINMENT / 2:
        return "partial", (f"a passage of {found['longest_passage']} consecutive sentences "
                           f"({shorter:.0%} of the shorter story) is carried")
    if found.get("reworded", 0.0) >= REWORDED:
        return "partial", (f"the texts are reworded from one another: their sentences' best matches share "
                           f"{found['reworded']:.0%} of their words by rarity (>= {REWORDED:.0%})")
    return "none", f"only {shorter:.0%} of the shorter story is carried (reworded {found.get('reworded', 0.0):.0%})"


def relate(candidates: pd.DataFrame, units: dict[str, list[Unit]], threshold: float) -> pd.DataFrame:
    """``candidates`` (a, b, jaccard, containments) with the relation columns of each pair."""
    rows, rarity = [], word_rarity(units)
    for pair in steps(candidates.itertuples(index=False), len(candidates), "passages of candidate pairs", "pair"):
        found = carried(units.get(pair.a, []), units.get(pair.b, []))
        found["reworded"], closest = reworded(units.get(pair.a, []), units.get(pair.b, []), rarity)
        kind, rule = relation(found, max(pair.containment_a_in_b, pair.containment_b_in_a), threshold)
        # the evidence: the longest carried passage, else the two sentences reworded most alike
        spans = found.pop("spans") or closest or (None, None, None, None)
        rows.append({**found, "relation": kind, "relation_rule": rule, "passage_a_start": spans[0],
                     "passage_a_end": spans[1], "passage_b_start": spans[2], "passage_b_end": spans[3]})
    extra = pd.DataFrame(rows, columns=RELATION_COLUMNS, index=candidates.index)
    for column in ("passage_a_start", "passage_a_end", "passage_b_start", "passage_b_end"):
        extra[column] = extra[column].astype("Int64")
    return pd.concat([candidates, extra], axis=1)
