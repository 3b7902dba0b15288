"""Is one article a copy of another? Decided from aligned passages, not from one set score.

Candidate pairs come from MinHash LSH (:mod:`wiretrace.minhash`) and from nearest neighbours
by heaviest words (:mod:`wiretrace.neighbours`); for each, the story sentences of both texts are
compared with rapidfuzz (word order kept, a reworded sentence still scores) and every sentence of
one text gets its best match in the other. Then, with the share of each text's
story characters carried by the other:

- ``copy``: the shorter text is carried by the longer one (share >= the duplicate ``threshold``,
  with at least ``MIN_CONTAINMENT`` of its word shingles in the other): an excerpt of 2,000 bytes
  is a copy of the full story, a trimmed or lightly reworded copy too;
- ``partial``: a passage of ``PARTIAL_SENTENCES`` or more consecutive sentences is carried, but
  not the story, or the two texts are reworded from one another in the same order (``ordered`` >=
  ``ORDERED``) or so closely that the order does not matter (``reworded`` >= ``REWORDED``): a
  derivation, not the same text;
- ``none``: otherwise.

``reworded`` (:meth:`SentenceWords.reworded`) tolerates the substitutions, reordering and
re-splitting of a rewritten story in any language: every sentence's best match in the other text
by the rarity-weighted share of words they have in common (rare words, a story's own names and
numbers, weigh more than the words every article of the corpus uses), averaged over both texts.
Independent reports of one event share names but not the sentence-level wording around them.
``ordered`` (:meth:`SentenceWords.ordered`) scores the same words along one order-keeping alignment
of the two texts' sentences (one sentence may match two consecutive ones, a split or merged
sentence): a derived text keeps its source's order, so its sentences add up along the alignment,
while the best matches of an independent report of the same event are scattered over the other
text and only a few of them lie on any one ordered alignment.

Shingle containment at or above the same ``threshold`` is a copy too (a copy whose sentences
were re-split or merged still is one). The evidence is the longest carried passage of each pair,
else its two sentences reworded most alike.

A rewrite changes a story's words, not the facts it reports. Reports of different events of one
kind (two companies' dividends, two matches) are worded alike in the same order, and their rare
words weigh as much in a corpus of many stories as a story's own names: when both texts state
enough facts of one kind (``FACTS``, read by :func:`text_facts`) and share none, alike wording
alone (``ordered``, ``reworded``) is not a derivation. A carried passage or a copy still is. The
kinds of fact:

- figures (:func:`text_figures`: numbers of ``FIGURE_DIGITS`` or more digits: tolls, sums,
  prices, years);
- days of the month the story text writes out (:func:`text_days`: "Oct. 9", "9 October 2031",
  read as day and month, so a year left out or added does not count). Only the story text: a
  page's date lines and a dateline's day are furniture, and a copy republished later gets new ones.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist
from threadpoolctl import threadpool_limits

from .align import Unit
from .datelines import find_dates
from .minhash import token_hashes
from .processes import parts, pool, workers as process_count
from .progress import steps

SENTENCE_SIMILARITY = 60.0  # rapidfuzz ratio (0-100) for a sentence to be carried by the other text
PARTIAL_SENTENCES = 2  # consecutive carried sentences for a partial derivation
# Shingle containment (5 words) a copy also needs: independent reports of one event have sentences
# alike enough to align (same names, same numbers) but share almost no five-word sequences.
MIN_CONTAINMENT = 0.1
# Ordered score (0-1) at and above which two texts are reworded from one another in the same order: above
# what independent English reports of one newsdev event reach (at most 0.142; their copies 0.30 and more).
ORDERED = 0.15
REWORDED = 0.4  # reworded score (0-1), in any order, at and above which two texts are reworded from one another
# A figure is a number of FIGURE_DIGITS or more digits (1,700; 11.5; 2013): smaller numbers (days,
# ages, counts under 100) recur in unrelated texts.
FIGURE_DIGITS = 3
# Facts of each kind two texts must each state, sharing none, for alike wording to report different
# facts: one apiece may be a year or a toll a rewrite brought up to date, or the day an update moved
# the story on to.
FACTS = {"figures": 2, "days": 2}
# a number (digits joined by single points or commas) that has FIGURE_DIGITS digits or more: the
# lookahead leaves shorter numbers to the regex engine, which finds them at C speed; opening on a
# digit (then looking back: no digit before it) lets the engine skip to digits (3x faster on news)
_FIGURE = re.compile(r"\d(?<!\d\d)(?=(?:[.,]?\d){%d})\d*(?:[.,]\d+)*" % (FIGURE_DIGITS - 1))
RELATION_COLUMNS = ["carried_a_in_b", "carried_b_in_a", "longest_passage", "reworded", "ordered", "relation",
                    "relation_rule",
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


class SentenceWords:
    """The story sentences of a corpus's articles as rows of their words weighted by rarity, to
    compare pairs of articles by how much they are reworded from one another (:meth:`reworded`).

    A word's rarity is its inverse document frequency over the articles of ``units`` (article ->
    units), ln((N + 1) / (df + 0.5)): a story's own names and numbers weigh more than the words
    every article uses; ``words``: each article's word hashes when already at hand
    (:func:`wiretrace.minhash.text_words`). Words are hashed (vectorised); each article's rows
    are built once, when it is first compared.
    """

    def __init__(self, units: dict[str, list[Unit]], words: list[np.ndarray] | None = None):
        self.all_units = units  # furniture too: :func:`carried` reads it
        self.units = {a: [u for u in article if not u.furniture and u.norm] for a, article in units.items()}
        if words is None:  # the word hashes of each article (those of the shingling, when given)
            words = [token_hashes(" ".join(u.norm for u in article).split()) for article in self.units.values()]
        used = [np.unique(w) for w in words]
        self.vocabulary, df = np.unique(np.concatenate(used) if used else np.zeros(0, np.uint32), return_counts=True)
        self.rarity = np.log((len(used) + 1) / (df + 0.5))
        self._rows: dict[str, tuple] = {}
        self._pair: tuple = (None, None)  # the last pair's incidence: reworded and ordered both need it

    def rows(self, article: str) -> tuple:
        """(sentences, sentence of each (sentence, word) cell, word of each cell, each sentence's
        total rarity, each sentence's length)."""
        if article not in self._rows:
            kept = self.units.get(article, [])
            words = [u.norm.split() for u in kept]
            index = np.repeat(np.arange(len(kept), dtype=np.int64), [len(w) for w in words])
            column = np.searchsorted(self.vocabulary, token_hashes([w for ws in words for w in ws])).astype(np.int64)
            width = max(len(self.vocabulary), 1)
            cells = np.unique(index * width + column)  # a word once per sentence
            index, column = cells // width, cells % width
            total = np.bincount(index, self.rarity[column], minlength=len(kept))
            self._rows[article] = (kept, index, column, total, np.array([len(u.norm) for u in kept], dtype=float))
        return self._rows[article]

    def _incidence(self, a: str, b: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sentence x word 0/1 matrix of ``a``, the same of ``b``, each word's rarity) over the
        words either article uses (kept for the last pair asked: read, never written to)."""
        if self._pair[0] == (a, b):
            return self._pair[1]
        (kept_a, index_a, column_a, _, _), (kept_b, index_b, column_b, _, _) = self.rows(a), self.rows(b)
        words, local = np.unique(np.concatenate([column_a, column_b]), return_inverse=True)
        in_a = np.zeros((len(kept_a), len(words)))
        in_a[index_a, local[:len(column_a)]] = 1.0
        in_b = np.zeros((len(kept_b), len(words)))
        in_b[index_b, local[len(column_a):]] = 1.0
        self._pair = ((a, b), (in_a, in_b, self.rarity[words]))
        return self._pair[1]

    def reworded(self, a: str, b: str) -> tuple[float, tuple | None]:
        """How much articles ``a`` and ``b`` are reworded from one another (0-1), with the spans
        (a start, a end, b start, b end) of their best-matching pair of sentences: for each story
        sentence of one, the rarity-weighted Dice coefficient of its words and those of its
        best-matching sentence of the other (2 x rarity of the shared words / rarity of both
        sentences' words), averaged over the text weighting each sentence by its length, then
        over both texts."""
        (kept_a, _, _, total_a, len_a), (kept_b, _, _, total_b, len_b) = self.rows(a), self.rows(b)
        if not kept_a or not kept_b:
            return 0.0, None
        in_a, in_b, rarity = self._incidence(a, b)
        dice = 2 * ((in_a * rarity) @ in_b.T) / np.maximum(total_a[:, None] + total_b[None, :], 1e-12)
        score = (len_a @ dice.max(axis=1) / len_a.sum() + len_b @ dice.max(axis=0) / len_b.sum()) / 2
        i, j = np.unravel_index(int(dice.argmax()), dice.shape)
        return round(float(score), 4), (kept_a[i].start, kept_a[i].end, kept_b[j].start, kept_b[j].end)

    def ordered(self, a: str, b: str) -> float:
        """How much articles ``a`` and ``b`` are reworded from one another keeping one order (0-1):
        the best monotone alignment of their story sentences, one to one or one to two consecutive
        sentences (a split or merged sentence), each aligned pair gaining the rarity-weighted Dice
        coefficient of its words times its mean length; the total over the mean length of the two
        texts. A sentence aligns once, so matches scattered out of order do not add up."""
        (kept_a, _, _, _, len_a), (kept_b, _, _, _, len_b) = self.rows(a), self.rows(b)
        if not kept_a or not kept_b:
            return 0.0
        in_a, in_b, rarity = self._incidence(a, b)

        def gain(x, y, len_x, len_y):  # rarity Dice of rows x and y, times their mean length
            dice = 2 * ((x * rarity) @ y.T) / np.maximum((x @ rarity)[:, None] + (y @ rarity)[None, :], 1e-12)
            return dice * (len_x[:, None] + len_y[None, :]) / 2

        one = gain(in_a, in_b, len_a, len_b)
        a_two = gain(np.minimum(in_a[:-1] + in_a[1:], 1), in_b, len_a[:-1] + len_a[1:], len_b)
        b_two = gain(in_a, np.minimum(in_b[:-1] + in_b[1:], 1), len_a, len_b[:-1] + len_b[1:])
        n, m = one.shape
        best = np.zeros((n + 1, m + 1))  # best[i, j]: the best alignment of a's first i and b's first j sentences
        for i in range(1, n + 1):
            row = best[i - 1].copy()
            row[1:] = np.maximum(row[1:], best[i - 1, :-1] + one[i - 1])
            if m > 1:
                row[2:] = np.maximum(row[2:], best[i - 1, :-2] + b_two[i - 1])
            if i > 1:
                row[1:] = np.maximum(row[1:], best[i - 2, :-1] + a_two[i - 2])
            best[i] = np.maximum.accumulate(row)
        return round(float(best[n, m] / ((len_a.sum() + len_b.sum()) / 2)), 4)


def text_figures(text: str) -> frozenset[str]:
    """The figures of ``text``: its numbers of ``FIGURE_DIGITS`` or more digits, in ASCII digits,
    thousands separators (commas) left out."""
    numbers = " ".join(set(_FIGURE.findall(text)))  # read as one string: digits and commas change in place
    return frozenset(_ascii_digits(numbers).replace(",", "").split())


def text_days(text: str) -> frozenset[str]:
    """The days of the month ``text`` writes out (:func:`wiretrace.datelines.find_dates`), each
    reading as ``--MM-DD``: the year, when given, is left out ("Oct. 9" and "Oct. 9, 2031" are one day)."""
    return frozenset("--" + reading[-5:] for found in find_dates(text) for reading in found.readings)


def text_facts(text: str) -> dict[str, frozenset[str]]:
    """The facts of each kind of ``FACTS`` that ``text`` states (its figures and its days)."""
    return {"figures": text_figures(text), "days": text_days(text)}


class StoryFacts:
    """The facts (:func:`text_facts`) of each article's story text, read when a pair first needs
    them: only pairs alike in wording alone do (a 600-word story's days cost about a millisecond)."""

    def __init__(self, stories: dict[str, str]):
        self.stories = stories
        self._read: dict[str, dict[str, frozenset[str]]] = {}

    def of(self, article: str) -> dict[str, frozenset[str]]:
        if article not in self._read:
            self._read[article] = text_facts(self.stories.get(article, ""))
        return self._read[article]

    def shared(self, a: str, b: str) -> dict[str, tuple[int, int, int]]:
        """For each kind of ``FACTS``: how many facts ``a`` and ``b`` state, and how many they share."""
        of_a, of_b = self.of(a), self.of(b)
        return {kind: (len(of_a[kind]), len(of_b[kind]), len(of_a[kind] & of_b[kind])) for kind in FACTS}


def _ascii_digits(number: str) -> str:
    return number if number.isascii() else "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in number)


def relation(found: dict, containment: float, threshold: float, facts=None) -> tuple[str, str]:
    """``copy``, ``partial`` or ``none`` for a pair, with the rule that decided it (``facts``: a
    function giving, for each kind of ``FACTS``, how many each text states and how many they share,
    as :meth:`StoryFacts.shared` does; called only for texts alike in wording alone)."""
    shorter = max(found["carried_a_in_b"], found["carried_b_in_a"])
    if shorter >= threshold and containment >= MIN_CONTAINMENT:
        return "copy", (f"{shorter:.0%} of the shorter story is carried by the other (>= {threshold:.0%}), "
                        f"{containment:.0%} of its word shingles")
    if containment >= threshold:
        return "copy", f"{containment:.0%} of one text's word shingles are in the other (>= {threshold:.0%})"
    if found["longest_passage"] >= PARTIAL_SENTENCES and containment >= MIN_CONTAINMENT / 2:
        return "partial", (f"a passage of {found['longest_passage']} consecutive sentences "
                           f"({shorter:.0%} of the shorter story) is carried")
    alike = found.get("ordered", 0.0) >= ORDERED or found.get("reworded", 0.0) >= REWORDED
    for kind, (in_a, in_b, shared) in (facts() if alike and facts is not None else {}).items():
        if min(in_a, in_b) >= FACTS[kind] and not shared:
            return "none", (f"worded alike (reworded {found.get('reworded', 0.0):.0%}, in order "
                            f"{found.get('ordered', 0.0):.0%}) but the texts give {in_a} and {in_b} {kind} and "
                            f"share none: they report different facts")
    if found.get("ordered", 0.0) >= ORDERED:
        return "partial", (f"the texts are reworded from one another in the same order: their sentences aligned in "
                           f"order share {found['ordered']:.0%} of their words by rarity (>= {ORDERED:.0%})")
    if found.get("reworded", 0.0) >= REWORDED:
        return "partial", (f"the texts are reworded from one another: their sentences' best matches share "
                           f"{found['reworded']:.0%} of their words by rarity (>= {REWORDED:.0%})")
    return "none", (f"only {shorter:.0%} of the shorter story is carried (reworded {found.get('reworded', 0.0):.0%}, "
                    f"in order {found.get('ordered', 0.0):.0%})")


def relate(candidates: pd.DataFrame, units: dict[str, list[Unit]], threshold: float,
           words: list[np.ndarray] | None = None, stories: dict[str, str] | None = None) -> pd.DataFrame:
    """``candidates`` (a, b, jaccard, containments) with the relation columns of each pair
    (``words``: see :class:`SentenceWords`; ``stories``: each article's story text, whose facts
    (:class:`StoryFacts`) tell alike wording of different events apart; without them facts decide
    nothing). From ``PARALLEL_FROM`` pairs, parts of the pairs are related in one process per core
    (the same rows, in the same order)."""
    facts = None if stories is None else StoryFacts(stories)
    sentence_words = SentenceWords(units, words)
    pairs = list(zip(candidates.a.tolist(), candidates.b.tolist(),
                     candidates[["containment_a_in_b", "containment_b_in_a"]].max(axis=1).tolist()))
    workers = process_count(len(pairs), PARALLEL_FROM)
    if workers == 1:
        rows = _relation_rows(steps(pairs, len(pairs), "passages of candidate pairs", "pair"), sentence_words,
                              threshold, facts)
    else:
        # consecutive pairs share articles, whose rows a worker keeps: the pairs go by parts
        with pool(workers, _start_worker, (sentence_words, threshold, facts)) as executor:
            done = executor.map(_relation_rows_in_worker, parts(pairs, workers))
            rows = list(steps((row for part in done for row in part), len(pairs), "passages of candidate pairs",
                              "pair"))
    extra = pd.DataFrame(rows, columns=RELATION_COLUMNS, index=candidates.index)
    for column in ("passage_a_start", "passage_a_end", "passage_b_start", "passage_b_end"):
        extra[column] = extra[column].astype("Int64")
    return pd.concat([candidates, extra], axis=1)


PARALLEL_FROM = 1_000  # candidate pairs from which :func:`relate` uses one process per core
_worker: tuple = (None, 0.0, None)  # (SentenceWords, threshold, StoryFacts) of this process


def _start_worker(sentence_words: SentenceWords | None, threshold: float, facts: StoryFacts | None) -> None:
    global _worker
    _worker = (sentence_words, threshold, facts)


def _relation_rows_in_worker(pairs) -> list[dict]:
    return _relation_rows(pairs, *_worker)


def _relation_rows(pairs, sentence_words: SentenceWords, threshold: float, facts: StoryFacts | None) -> list[dict]:
    """The relation columns of each (a, b, containment) of ``pairs``."""
    rows = []
    # a pair's matrices are a few dozen rows: BLAS threads would cost more in waking and waiting
    # for one another than they share (twice the time of one thread, the same numbers)
    with threadpool_limits(1, user_api="blas"):
        for a, b, containment in pairs:
            found = carried(sentence_words.all_units.get(a, []), sentence_words.all_units.get(b, []))
            found["reworded"], closest = sentence_words.reworded(a, b)
            found["ordered"] = sentence_words.ordered(a, b)
            kind, rule = relation(found, containment, threshold,
                                  None if facts is None else lambda: facts.shared(a, b))
            # the evidence: the longest carried passage, else the two sentences reworded most alike
            spans = found.pop("spans") or closest or (None, None, None, None)
            rows.append({**found, "relation": kind, "relation_rule": rule, "passage_a_start": spans[0],
                         "passage_a_end": spans[1], "passage_b_start": spans[2], "passage_b_end": spans[3]})
    return rows
