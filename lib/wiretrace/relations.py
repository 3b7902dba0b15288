"""Is one article a copy of another? Decided from aligned passages, not from one set score.

Candidate pairs come from MinHash LSH (:mod:`wiretrace.minhash`); for each, the story sentences of
both texts are compared with rapidfuzz (word order kept, a reworded sentence still scores) and
every sentence of one text gets its best match in the other. Then, with the share of each text's
story characters carried by the other:

- ``copy``: the shorter text is carried by the longer one (share >= the duplicate ``threshold``,
  with at least ``MIN_CONTAINMENT`` of its word shingles in the other): an excerpt of 2,000 bytes
  is a copy of the full story, a trimmed or lightly reworded copy too;
- ``partial``: a passage of ``PARTIAL_SENTENCES`` or more consecutive sentences is carried, but
  not the story: a derivation, not the same text;
- ``none``: otherwise.

Shingle containment at or above the same ``threshold`` is a copy too (a copy whose sentences
were re-split or merged still is one). The evidence is the longest carried passage of each pair.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from .align import Unit
from .progress import steps

SENTENCE_SIMILARITY = 60.0  # rapidfuzz ratio (0-100) for a sentence to be carried by the other text
PARTIAL_SENTENCES = 2  # consecutive carried sentences for a partial derivation
# Shingle containment (5 words) a copy also needs: independent reports of one event have sentences
# alike enough to align (same names, same numbers) but share almost no five-word sequences.
MIN_CONTAINMENT = 0.1
RELATION_COLUMNS = ["carried_a_in_b", "carried_b_in_a", "longest_passage", "relation", "relation_rule",
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
    return "none", f"only {shorter:.0%} of the shorter story is carried"


def relate(candidates: pd.DataFrame, units: dict[str, list[Unit]], threshold: float) -> pd.DataFrame:
    """``candidates`` (a, b, jaccard, containments) with the relation columns of each pair."""
    rows = []
    for pair in steps(candidates.itertuples(index=False), len(candidates), "passages of candidate pairs", "pair"):
        found = carried(units.get(pair.a, []), units.get(pair.b, []))
        kind, rule = relation(found, max(pair.containment_a_in_b, pair.containment_b_in_a), threshold)
        spans = found.pop("spans") or (None, None, None, None)
        rows.append({**found, "relation": kind, "relation_rule": rule, "passage_a_start": spans[0],
                     "passage_a_end": spans[1], "passage_b_start": spans[2], "passage_b_end": spans[3]})
    extra = pd.DataFrame(rows, columns=RELATION_COLUMNS, index=candidates.index)
    for column in ("passage_a_start", "passage_a_end", "passage_b_start", "passage_b_end"):
        extra[column] = extra[column].astype("Int64")
    return pd.concat([candidates, extra], axis=1)
