"""Passage alignment between copies of a story, and the union of a cluster's passages.

Units are the sentences of each copy's story segments (``foreign`` and ``boilerplate`` left out).
Two copies are aligned by a monotone dynamic programme over rapidfuzz similarities of the
normalised sentences, allowing one sentence to match two (a split or merged sentence); units
left over on both sides that still match well are ``moved``. Each aligned unit gets a class:

- ``identical``: the same words; ``spelling``: only spelling/transliteration variants differ;
- ``minor``: a few words changed; ``reworded``: more than that;
- ``only_in_a`` / ``only_in_b``: the passage is in one copy only; ``moved``: same passage, other place.

Word-level edits inside aligned units are listed with their own kind (``spelling`` or ``minor``).
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
import re
import unicodedata

import numpy as np
import pandas as pd
import regex
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from . import roles
from .normalise import normalise, normalise_tokens
from .progress import steps
from .processes import pool, workers as process_count

MIN_SIMILARITY = 60.0  # rapidfuzz ratio (0-100) for two sentences to align
MOVED_SIMILARITY = 80.0  # for leftover sentences to count as the same passage moved
MINOR_MAX_SHARE = 0.2  # share of words changed up to which an edit is minor
_WORD = regex.compile(r"(?:\w\.){2,}|\w+(?:['’]\w+)*")  # marks stay inside words (see wiretrace.normalise)
ALIGN_COLUMNS = ["a", "b", "edit", "similarity", "a_start", "a_end", "b_start", "b_end", "a_text", "b_text",
                 "differences"]
EDIT_COLUMNS = ["a", "b", "kind", "a_start", "a_end", "b_start", "b_end", "a_text", "b_text", "passage_edit"]


# Page furniture is aligned with furniture, the story with the story: a crosshead or a caption
# between two sentences must not stop them matching a merged sentence of another copy.
FURNITURE_ROLES = frozenset(roles.ALIGNED_APART)


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    norm: str
    furniture: bool = False


def story_units(corpus, annotations, exclude_roles=roles.NOT_COMPARED, ids=None) -> dict[str, list[Unit]]:
    """Alignment units (sentences, in order) of every article (of ``ids`` when given), leaving out
    segments of ``exclude_roles``; ``PARALLEL_FROM`` sentences or more are normalised in one
    process per core."""
    roles = annotations.segments.set_index("segment_id").role
    sentences = annotations.sentences
    if ids is not None:
        ids = sorted(set(ids))
        sentences = sentences[sentences.article_id.isin(ids)]
    sentences = sentences.assign(role=sentences.segment_id.map(roles))
    sentences = sentences[~sentences.role.isin(exclude_roles)].sort_values(["article_id", "start"])
    out: dict[str, list[Unit]] = {a: [] for a in ids} if ids is not None else {a.id: [] for a in corpus}
    norms = _normalised(sentences.text.tolist())
    for article_id, start, end, role, norm in zip(sentences.article_id.tolist(), sentences.start.tolist(),
                                                   sentences.end.tolist(), sentences.role.tolist(), norms):
        out[article_id].append(Unit(start, end, norm, role in FURNITURE_ROLES))
    return out


PARALLEL_FROM = 20_000  # sentences from which :func:`story_units` normalises in one process per core


def _normalised(texts: list[str]) -> list[str]:
    """:func:`wiretrace.normalise.normalise` of each of ``texts``, in one process per core from
    ``PARALLEL_FROM`` texts (with the active profile: its spelling and entity variants)."""
    workers = process_count(len(texts), PARALLEL_FROM)
    if workers == 1:
        return [normalise(t) for t in texts]
    with pool(workers) as executor:
        return list(executor.map(normalise, texts, chunksize=1_000))


def monotone_alignment(a: list[str], b: list[str], min_similarity: float = MIN_SIMILARITY):
    """Best order-keeping matching of strings ``a`` to ``b``: a list of (a indices, b indices, similarity).

    Steps match 1:1, 1:2 or 2:1 units (a split or merged sentence). A step gains its similarity
    above ``min_similarity`` times the characters it covers, so a merge wins only when it
    explains more text better than a 1:1 match would.
    """
    m, n = len(a), len(b)
    sim = cdist(a, b, scorer=fuzz.ratio) if m and n else np.zeros((m, n))
    # each unit against each two consecutive units of the other (a split or merged sentence)
    merged = {(1, 2): _ratios(a, [" ".join(b[j:j + 2]) for j in range(n - 1)]),
              (2, 1): _ratios([" ".join(a[i:i + 2]) for i in range(m - 1)], b)}
    chars_a, chars_b = np.cumsum([0] + [len(x) for x in a]), np.cumsum([0] + [len(y) for y in b])
    # one row of the programme at a time: best[i, j], the best gain over a[:i] and b[:j], is the
    # best of the steps that end at (i, j) or best[i, j - 1] (a unit of b left out)
    best = np.zeros((m + 1, n + 1))
    gains = {}  # (di, dj) -> the gain of each step of that shape ending at (i, j), -inf where it cannot
    for i in range(1, m + 1):
        row = best[i - 1].copy()
        for (di, dj), ratios in (((1, 1), sim), ((1, 2), merged[1, 2]), ((2, 1), merged[2, 1])):
            if i < di or n < dj:
                continue
            s = ratios[i - di]
            # the similarity's own precision: a 1:1 ratio is single, a merged one double
            chars = (chars_a[i] - chars_a[i - di] + chars_b[dj:] - chars_b[:-dj]).astype(s.dtype)
            gain = np.where(s >= min_similarity, (s - min_similarity) / 100 * chars, -np.inf)
            gains[i, di, dj] = gain
            row[dj:] = np.maximum(row[dj:], best[i - di, :-dj] + gain)
        best[i] = np.maximum.accumulate(row)
    steps, i, j = [], m, n
    while i or j:  # back from the end, the first step (in a fixed order) that reaches best[i, j]
        options = [(1, 0, None)] if i else []
        options += [(0, 1, None)] if j else []
        for di, dj in ((1, 1), (1, 2), (2, 1)):
            if i >= di and j >= dj and np.isfinite(gains[i, di, dj][j - dj]):
                ratio = (sim if (di, dj) == (1, 1) else merged[di, dj])[i - di, j - dj]
                options.append((di, dj, ratio if (di, dj) == (1, 1) else float(ratio)))
        di, dj, s = next(o for o in options if _reached(best, i, j, o, gains))
        steps.append((list(range(i - di, i)), list(range(j - dj, j)), s))
        i, j = i - di, j - dj
    return steps[::-1]


def _reached(best: np.ndarray, i: int, j: int, step: tuple, gains: dict) -> bool:
    di, dj, _ = step
    if (di, dj) in ((1, 0), (0, 1)):
        return best[i - di, j - dj] == best[i, j]
    return best[i - di, j - dj] + gains[i, di, dj][j - dj] == best[i, j]


def _ratios(a: list[str], b: list[str]) -> np.ndarray:
    """rapidfuzz's ratio (0-100) of every string of ``a`` with every string of ``b``, in double
    precision (the values ``fuzz.ratio`` gives one by one)."""
    return cdist(a, b, scorer=fuzz.ratio, dtype=np.float64) if a and b else np.zeros((len(a), len(b)))


def _words(raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, folded word) of the words inside ``spans`` of ``raw``."""
    return [(start + m.start(), start + m.end(), unicodedata.normalize("NFC", m.group(0)).replace("’", "'").casefold())
            for start, end in spans for m in _WORD.finditer(raw[start:end])]


def word_edits(raw_a: str, spans_a: list[tuple[int, int]], raw_b: str, spans_b: list[tuple[int, int]]) -> list[dict]:
    """Word-level differences of two aligned passages (each given as its sentences' spans),
    with raw spans and a kind: ``spelling`` when the words normalise alike, else ``minor``."""
    wa, wb = _words(raw_a, spans_a), _words(raw_b, spans_b)
    matcher = SequenceMatcher(None, [w[2] for w in wa], [w[2] for w in wb], autojunk=False)
    edits = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        a_start, a_end = _edit_span(wa, i1, i2, spans_a)
        b_start, b_end = _edit_span(wb, j1, j2, spans_b)
        a_text, b_text = raw_a[a_start:a_end], raw_b[b_start:b_end]
        same = bool(a_text and b_text) and normalise_tokens(a_text) == normalise_tokens(b_text)
        edits.append({"kind": "spelling" if same else "minor", "a_start": a_start, "a_end": a_end,
                      "b_start": b_start, "b_end": b_end, "a_text": a_text, "b_text": b_text,
                      "changed": max(i2 - i1, j2 - j1)})
    return edits


def _edit_span(words, i1, i2, spans) -> tuple[int, int]:
    """The raw span of words[i1:i2]; for an insertion on the other side, the empty span where it goes."""
    if i2 > i1:
        return words[i1][0], words[i2 - 1][1]
    at = words[i1 - 1][1] if i1 else spans[0][0]
    return at, at


def describe(edit: dict) -> str:
    if not edit["a_text"]:
        return f"+ {edit['b_text']}"
    if not edit["b_text"]:
        return f"- {edit['a_text']}"
    return f"{edit['a_text']} -> {edit['b_text']}"


def classify(raw_a: str, spans_a, raw_b: str, spans_b, edits: list[dict]) -> str:
    """The class of an aligned pair of passages from its word-level edits."""
    if not edits:
        return "identical"
    if all(e["kind"] == "spelling" for e in edits):
        return "spelling"
    words = max(len(_words(raw_a, spans_a)), len(_words(raw_b, spans_b)), 1)
    changed = sum(e["changed"] for e in edits if e["kind"] != "spelling")
    return "minor" if changed <= max(3, MINOR_MAX_SHARE * words) else "reworded"


def align_pair(article_a, units_a: list[Unit], article_b, units_b: list[Unit]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Align two copies: (passages, edits) tables, both with spans into each copy's raw text."""
    return _frames(*_pair_rows(article_a, units_a, article_b, units_b))


def _frames(rows: list[dict], edit_rows: list[dict], extra: tuple[str, ...] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The (passages, edits) tables of rows (with the ``extra`` columns first)."""
    passages = pd.DataFrame(rows, columns=[*extra, *ALIGN_COLUMNS]).astype(
        {"a_start": "Int64", "a_end": "Int64", "b_start": "Int64", "b_end": "Int64"})
    return passages, pd.DataFrame(edit_rows, columns=[*extra, *EDIT_COLUMNS])


def _pair_rows(article_a, units_a: list[Unit], article_b, units_b: list[Unit]) -> tuple[list[dict], list[dict]]:
    """The rows of :func:`align_pair`'s tables: passages in the order of ``a`` (a passage only in
    ``b`` where it starts in ``b``), edits in the order of their spans."""
    matched, left_a, left_b = [], [], []
    for furniture in (False, True):
        index_a = [i for i, u in enumerate(units_a) if u.furniture == furniture]
        index_b = [j for j, u in enumerate(units_b) if u.furniture == furniture]
        steps = monotone_alignment([units_a[i].norm for i in index_a], [units_b[j].norm for j in index_b])
        matched += [([index_a[i] for i in ia], [index_b[j] for j in ib], s) for ia, ib, s in steps if ia and ib]
        left_a += [index_a[i] for ia, ib, _ in steps if not ib for i in ia]
        left_b += [index_b[j] for ia, ib, _ in steps if not ia for j in ib]
    moved = _moved(units_a, left_a, units_b, left_b)
    rows, edit_rows = [], []
    for ia, ib, s, label in [(ia, ib, s, None) for ia, ib, s in matched] + moved:
        spans_a = [(units_a[i].start, units_a[i].end) for i in ia]
        spans_b = [(units_b[j].start, units_b[j].end) for j in ib]
        span_a, span_b = (spans_a[0][0], spans_a[-1][1]), (spans_b[0][0], spans_b[-1][1])
        edits = word_edits(article_a.raw, spans_a, article_b.raw, spans_b)
        edit = label or classify(article_a.raw, spans_a, article_b.raw, spans_b, edits)
        rows.append(_row(article_a, span_a, article_b, span_b, edit, s, "; ".join(map(describe, edits))))
        edit_rows += [{"a": article_a.id, "b": article_b.id, **{k: e[k] for k in EDIT_COLUMNS[2:-1]},
                       "passage_edit": edit} for e in edits]
    moved_a = {i for ia, _, _, _ in moved for i in ia}
    moved_b = {j for _, ib, _, _ in moved for j in ib}
    rows += [_row(article_a, (units_a[i].start, units_a[i].end), article_b, None, "only_in_a", None, "")
             for i in left_a if i not in moved_a]
    rows += [_row(article_a, None, article_b, (units_b[j].start, units_b[j].end), "only_in_b", None, "")
             for j in left_b if j not in moved_b]
    # a stable sort, a passage with no span in b after those that have one at the same place
    rows.sort(key=lambda r: (r["a_start"] if r["a_start"] is not None else r["b_start"], r["b_start"] is None,
                             r["b_start"] or 0))
    edit_rows.sort(key=lambda e: (e["a_start"], e["b_start"]))
    return rows, edit_rows


def _moved(units_a, left_a, units_b, left_b):
    """Leftover units of both copies that match well: the same passage in another place."""
    found, used_b = [], set()
    if not left_a or not left_b:
        return found
    sim = cdist([units_a[i].norm for i in left_a], [units_b[j].norm for j in left_b], scorer=fuzz.ratio)
    for k in np.argsort(-sim, axis=None, kind="stable"):
        x, y = divmod(int(k), len(left_b))
        if sim[x, y] < MOVED_SIMILARITY:
            break
        if (left_a[x] in {i for ia, _, _, _ in found for i in ia} or left_b[y] in used_b
                or units_a[left_a[x]].furniture != units_b[left_b[y]].furniture):
            continue
        found.append(([left_a[x]], [left_b[y]], float(sim[x, y]), "moved"))
        used_b.add(left_b[y])
    return found


def _row(article_a, span_a, article_b, span_b, edit, similarity, differences) -> dict:
    return {"a": article_a.id, "b": article_b.id, "edit": edit,
            "similarity": None if similarity is None else round(float(similarity), 1),
            "a_start": span_a[0] if span_a else None, "a_end": span_a[1] if span_a else None,
            "b_start": span_b[0] if span_b else None, "b_end": span_b[1] if span_b else None,
            "a_text": article_a.raw[span_a[0]:span_a[1]] if span_a else "",
            "b_text": article_b.raw[span_b[0]:span_b[1]] if span_b else "", "differences": differences}


def align(corpus, a: str, b: str, annotations=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Align articles ``a`` and ``b`` of ``corpus``: (passages, edits); see :func:`align_pair`."""
    if annotations is None:
        from .annotate import annotate
        annotations = annotate(corpus)
    story = story_units(corpus, annotations, ids=[a, b])
    return align_pair(corpus[a], story[a], corpus[b], story[b])


UNION_COLUMNS = ["passage_id", "text", "n_carriers", "carriers", "article_id", "start", "end"]


def cluster_union(corpus, annotations, members: list[str], story: dict[str, list[Unit]] | None = None) -> pd.DataFrame:
    """Every distinct passage of a cluster's story once, in story order, with the copies that carry it.

    Page furniture (captions, crossheads, datelines, source lines, links) is left out.

    Copies are merged longest first: each is aligned to the union so far; its matched sentences
    join a passage as carriers, the others become new passages after their predecessor. One row
    per passage and carrier: ``passage_id, text`` (from the longest copy that carries it),
    ``n_carriers, carriers``, and the carrier's ``article_id, start, end`` (its span of the passage).
    :func:`union_table` gives the wide view, one row per passage. ``story``: the members' units
    (:func:`story_units`) when already made.
    """
    story = story if story is not None else story_units(corpus, annotations, ids=members)
    return pd.DataFrame(_union_rows(corpus, members, story), columns=UNION_COLUMNS)


def _union_rows(corpus, members: list[str], story: dict[str, list[Unit]], **extra) -> list[dict]:
    """The rows of :func:`cluster_union`, each with the ``extra`` columns."""
    story = {m: [u for u in story[m] if not u.furniture] for m in members}
    order = sorted(members, key=lambda m: (-sum(u.end - u.start for u in story[m]), m))
    passages: list[dict] = [{"norm": u.norm, "spans": {order[0]: (u.start, u.end)}} for u in story[order[0]]]
    for member in order[1:]:
        passages = _merge(passages, member, story[member])
    rows = []
    for n, p in enumerate(passages, 1):
        first = next(m for m in order if m in p["spans"])
        start, end = p["spans"][first]
        passage = {**extra, "passage_id": f"P{n:03d}", "text": corpus[first].raw[start:end],
                   "n_carriers": len(p["spans"]), "carriers": ";".join(sorted(p["spans"]))}
        rows += [{**passage, "article_id": m, "start": p["spans"][m][0], "end": p["spans"][m][1]}
                 for m in sorted(p["spans"])]
    return rows


def union_table(union: pd.DataFrame, members: list[str]) -> pd.DataFrame:
    """The wide view of a cluster union: one row per passage, per member its span ``start-end`` (empty if absent)."""
    if not len(union):
        return pd.DataFrame(columns=["passage_id", "text", "n_carriers", "carriers", *sorted(members)])
    spans = union.assign(span=union.start.astype(int).astype(str) + "-" + union.end.astype(int).astype(str))
    wide = spans.pivot(index="passage_id", columns="article_id", values="span").reindex(columns=sorted(members))
    passages = union.drop_duplicates("passage_id").set_index("passage_id")[["text", "n_carriers", "carriers"]]
    return passages.join(wide.fillna("")).reset_index().rename_axis(columns=None)


def _merge(passages: list[dict], member: str, member_units: list[Unit]) -> list[dict]:
    steps = monotone_alignment([p["norm"] for p in passages], [u.norm for u in member_units])
    merged: list[dict] = []
    for ip, iu, _ in steps:
        span = (member_units[iu[0]].start, member_units[iu[-1]].end) if iu else None
        for i in ip:
            passages[i]["spans"][member] = span if span else passages[i]["spans"].get(member)
            if passages[i]["spans"][member] is None:
                del passages[i]["spans"][member]
            merged.append(passages[i])
        if not ip:
            merged.append({"norm": " ".join(member_units[j].norm for j in iu), "spans": {member: span}})
    return merged


PAIRWISE_COPIES = 30  # larger clusters align each copy with the longest one only


def align_cluster(corpus, annotations, members: list[str],
                  story: dict[str, list[Unit]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Align every pair of a cluster's copies (a < b): concatenated (passages, edits) tables. A
    cluster of more than ``PAIRWISE_COPIES`` copies (a wire story reprinted by hundreds of outlets)
    aligns each copy with its longest one instead, so the work grows with the copies, not their
    pairs. ``story``: the members' units (:func:`story_units`) when already made."""
    story = story if story is not None else story_units(corpus, annotations, ids=members)
    pairs = _aligned_pairs(sorted(members), story)
    return _frames(*_cluster_rows(corpus, story, pairs))


def _aligned_pairs(members: list[str], story: dict[str, list[Unit]]) -> list[tuple[str, str]]:
    """The pairs of a cluster's (sorted) copies that :func:`align_cluster` aligns."""
    if len(members) <= PAIRWISE_COPIES:
        return [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
    longest = min(members, key=lambda m: (-sum(u.end - u.start for u in story[m]), m))
    return [tuple(sorted((longest, m))) for m in members if m != longest]


def _cluster_rows(corpus, story: dict[str, list[Unit]], pairs, **extra) -> tuple[list[dict], list[dict]]:
    """The rows of the aligned ``pairs`` of copies, each with the ``extra`` columns."""
    rows, edit_rows = [], []
    for a, b in pairs:
        pair_rows, pair_edits = _pair_rows(corpus[a], story[a], corpus[b], story[b])
        rows += [{**extra, **row} for row in pair_rows]
        edit_rows += [{**extra, **edit} for edit in pair_edits]
    return rows, edit_rows


def align_clusters(corpus, annotations, clusters: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every multi-copy cluster aligned: ``passages`` and ``edits`` of every pair of copies and the
    ``union`` of each cluster's passages, each with a leading ``cluster`` column (the case's layer)."""
    rows, edit_rows, unions = [], [], []  # every cluster's rows, made into tables once
    copies = clusters[clusters["size"] > 1]
    story = story_units(corpus, annotations, ids=copies.article_id)  # once, for every copy
    groups = copies.groupby("cluster", sort=False)
    for cluster, group in steps(groups, groups.ngroups, "aligning copies", "cluster"):
        members = sorted(group.article_id)
        cluster_rows, cluster_edits = _cluster_rows(corpus, story, _aligned_pairs(members, story), cluster=cluster)
        rows += cluster_rows
        edit_rows += cluster_edits
        unions += _union_rows(corpus, members, story, cluster=cluster)
    passages, edits = _frames(rows, edit_rows, ("cluster",))
    return {"passages": passages, "edits": edits, "union": pd.DataFrame(unions, columns=["cluster", *UNION_COLUMNS])}


def edit_counts(passages: pd.DataFrame, edits: pd.DataFrame) -> pd.DataFrame:
    """Per pair of copies: how many passages fall in each class, and how many word edits of each kind."""
    classes = ["identical", "spelling", "minor", "reworded", "moved", "only_in_a", "only_in_b"]
    table = passages.groupby(["a", "b"]).edit.value_counts().unstack(fill_value=0).reindex(
        columns=classes, fill_value=0)
    words = edits.groupby(["a", "b"]).kind.value_counts().unstack(fill_value=0).reindex(
        columns=["spelling", "minor"], fill_value=0).add_prefix("word_edits_")
    return table.join(words).fillna(0).astype(int).reset_index()
