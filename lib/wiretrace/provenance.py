"""Provenance: where each copy comes from and what each outlet changed.

Per article, every field carries the rule that decided it and its evidence spans:

- **outlet**, **wire** and **byline**: what the page says of itself (:mod:`wiretrace.credits`);
  a copy that names no wire takes the one its duplicate-cluster siblings name;
- **story date** and **capture date**: from :mod:`wiretrace.dating`;
- **style**: British or American spelling, wire style against house style markers
  (``data/style_markers.csv``), and the editorial furniture the page adds.

Within a duplicate cluster a copy whose passages are all in another copy is that copy's trimmed
derivative (a direct edge), unless evidence says otherwise: dates, credits and the wire's style
decide direction before length (a fuller copy dated later, crediting the other page's outlet or
rewriting its wording in house style is its *edited copy*), and a fuller copy that adds only
headlines, or one a copy lacks only past the collector's mid-sentence cut, is not its source. A
copy carrying the same passages as the one that carries them all is its *copy*. Otherwise the
copies derive from a latent original, the union of their passages, attributed to the wire they
name. Each passage of the original is worded as the copy closest to all the others (the
medoid), so what each copy changed is measured against the common text. Every derivation
carries a short rule name and the spans it rests on (:meth:`_Copies.edge`).
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import quote
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
from rapidfuzz import fuzz

from . import roles
from .align import cluster_union, word_edits
from .annotate import rows_of
from .credits import PHOTO_ONLY, Field, _span, byline_of, outlet_of, wire_of
from .dating import date_articles
from .processes import pool, workers as process_count
from .records import by_article
from .resources import cached, table

RECORD_COLUMNS = ["article_id", "outlet", "wire", "byline", "story_earliest", "story_latest", "story_how",
                  "capture_earliest", "capture_latest", "style", "cluster", "derived_from"]
DERIVATION_COLUMNS = ["child", "parent", "kind", "shared_passages", "unique_passages", "dropped_passages",
                      "spelling_edits", "minor_edits", "added_furniture", "evidence", "rule", "evidence_spans"]
CHANGE_COLUMNS = ["article_id", "original", "passage_id", "kind", "original_text", "copy_text", "start", "end"]
FURNITURE = roles.EDITORIAL


@cached
def _spelling_patterns() -> tuple[re.Pattern, re.Pattern]:
    """One pattern for the American spellings of ``spelling_variants.csv``, one for the British."""
    rows = [r for r in table("spelling_variants.csv") if r["kind"] == "us_uk"]

    def alternation(words):
        words = sorted(set(words), key=len, reverse=True)
        # the lookahead on the words' first letters changes no match; it lets the engine skip to them
        first = "".join(sorted({re.escape(w[0]) for w in words if w}))
        return re.compile(rf"(?=[{first}])\b(?:{'|'.join(map(re.escape, words))})\b", re.I) if first else re.compile(r"(?!)")
    return alternation(r["variant"] for r in rows), alternation(r["canonical"] for r in rows)


@cached
def _style_markers() -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple((r["style"], r["marker"], re.compile(r["pattern"])) for r in table("style_markers.csv"))


def style_of(article, segments) -> Field:
    """Spelling (British/American), wire against house style markers, and furniture counts."""
    story = [r for r in rows_of(segments) if r.role not in roles.NOT_COMPARED]
    text = "\n".join(r.text for r in story)
    american, british = _spelling_patterns()
    us, uk = len(american.findall(text)), len(british.findall(text))
    spelling = "American" if us > uk else "British" if uk > us else "not shown"
    markers, spans = {"wire": [], "house": []}, []
    for style, marker, pattern in _style_markers():
        hits = [(seg.start + m.start(), seg.start + m.end(), m.group(0)) for seg in story for m in pattern.finditer(seg.text)]
        if hits:
            markers[style].append(f"{marker}×{len(hits)}")
            spans.append(_span(article.id, *hits[0]))
    counts = {}
    for r in story:
        counts[r.role] = counts.get(r.role, 0) + 1
    furniture_text = ", ".join(f"{counts[r]} {r}" for r in FURNITURE if r in counts)
    value = (f"spelling: {spelling} ({us} US, {uk} UK); wire style: {', '.join(markers['wire']) or 'none'}; "
             f"house style: {', '.join(markers['house']) or 'none'}; furniture: {furniture_text or 'none'}")
    return Field(value, "counts of spelling variants and style markers in the story text", spans)


def medoid_wording(corpus, union: pd.DataFrame, wire: str | None = None) -> pd.DataFrame:
    """Per passage of a cluster union (one row per carrier): the carrier whose wording stands for
    the original, with its span (``medoid, start, end, text``).

    When the copies disagree on a style marker (``data/style_markers.csv``: "U.S." against "US")
    and the cluster's text is ``wire``'s, the carriers written in that agency's style come first:
    the original is the agency's text, so an agency-styled copy did not change it. Among those,
    the carrier closest to all the others (the medoid), then the longest.
    """
    rows, spans_of = [], {}
    for passage_id, article_id, start, end in zip(union.passage_id, union.article_id, union.start, union.end):
        if not pd.isna(passage_id):  # as groupby: one group per passage, in order of first appearance
            spans_of.setdefault(passage_id, {})[article_id] = (int(start), int(end))
    for passage_id, spans in spans_of.items():
        texts = {m: corpus[m].raw[slice(*span)] for m, span in spans.items()}
        best = max(sorted(texts), key=lambda m: (_wire_style(texts[m], wire),
                                                 sum(fuzz.ratio(texts[m], texts[o]) for o in texts if o != m),
                                                 len(texts[m]), m))
        rows.append({"passage_id": passage_id, "medoid": best, "start": spans[best][0], "end": spans[best][1],
                     "text": texts[best]})
    return pd.DataFrame(rows, columns=["passage_id", "medoid", "start", "end", "text"])


def _wire_style(text: str, wire: str | None) -> int:
    """How much ``text`` is written in ``wire``'s style: its style markers less the house markers
    (0 when the wire is unknown; house markers count against every wire)."""
    if not wire:
        return 0
    score = 0
    for style, agency, pattern in _agency_markers():
        if style == "house" or agency == wire:
            score += len(pattern.findall(text)) * (1 if style == "wire" else -1)
    return score


@cached
def _agency_markers() -> tuple[tuple[str, str | None, re.Pattern], ...]:
    """(style, agency, pattern) for every style marker: a ``wire`` marker names its agency first in
    its meaning ("AP style: ..."); a ``house`` marker (agency None) is the other side of every agency's style."""
    out = []
    for r, (style, _, pattern) in zip(table("style_markers.csv"), _style_markers()):  # compiled once
        if style == "wire" and (m := re.match(r"\w+", r["meaning"])):
            out.append(("wire", m.group(0), pattern))
        elif style == "house":
            out.append(("house", None, pattern))
    return tuple(out)


def derivations(corpus, annotations, clusters: pd.DataFrame, wires: dict[str, str | None],
                unions: pd.DataFrame | None = None, fields: dict | None = None, credits: dict | None = None):
    """(derivation edges, changes against the original, originals, evidence spans) for every
    multi-copy cluster; the spans are per child, those its edge rests on (``evidence_spans`` renders them).

    ``unions``: every cluster's union of passages (the ``union`` table of the case's alignments
    layer, with a ``cluster`` column); computed here when not given. ``fields`` (article: its
    provenance :class:`Field` by name: story date, outlet, wire) and ``credits`` (article: the wire
    its own credit names) decide the direction between two copies before their lengths do
    (:meth:`_Copies.source_reason`), and give the spans of that evidence.
    """
    edges, changes, originals, spans = [], [], [], {}
    furniture_of = _added_furniture(annotations.segments)
    # each cluster's union, split off once (filtering the whole table per cluster grows with the square of the corpus)
    union_of = {} if unions is None else dict(tuple(unions.groupby("cluster", sort=False)))
    for cluster, group in clusters[clusters["size"] > 1].groupby("cluster"):
        members = sorted(group.article_id)
        union = cluster_union(corpus, annotations, members) if unions is None else \
            union_of.get(cluster, unions.iloc[0:0])
        named = sorted({w for m in members if (w := wires.get(m))})
        wire = named[0] if len(named) == 1 else None
        wording = medoid_wording(corpus, union, wire)
        copies = _Copies(corpus, union, members, wire, fields or {}, credits or {})
        original = copies.whole_source()
        if original is None:
            original = f"{cluster}-original"
            originals.append({"original": original, "cluster": cluster, "wire": wire,
                              "passages": len(copies.order), "members": ";".join(members)})
        carried = _carried(union)
        references = list(zip(wording.passage_id, wording.medoid, wording.start, wording.end, wording.text))
        for m in members:
            if m == original:
                continue
            mine = _changes(corpus, carried.get(m, {}), references, m, original)
            changes += mine
            counts = Counter(c["kind"] for c in mine)
            furniture = furniture_of.get(m, "")
            parent, kind, evidence, rule, cited = copies.edge(m, original)
            spans[m] = _each_once(cited)
            others = set().union(*(copies.passages[o] for o in members if o != m))
            edges.append({"child": m, "parent": parent, "kind": kind,
                          "shared_passages": len(copies.passages[m] & others),
                          "unique_passages": len(copies.passages[m] - others),
                          "dropped_passages": int(counts.get("dropped", 0)),
                          "spelling_edits": int(counts.get("spelling", 0)), "minor_edits": int(counts.get("minor", 0)),
                          "added_furniture": furniture, "evidence": evidence, "rule": rule,
                          "evidence_spans": render_spans(spans[m])})
    return (pd.DataFrame(edges, columns=DERIVATION_COLUMNS), pd.DataFrame(changes, columns=CHANGE_COLUMNS),
            pd.DataFrame(originals, columns=["original", "cluster", "wire", "passages", "members"]), spans)


ADDED_FURNITURE = ("headline", "crosshead", "caption", "related_link")  # what a copy's page adds to the story


def _added_furniture(segments: pd.DataFrame) -> dict[str, str]:
    """Article id -> its segments of ``ADDED_FURNITURE`` roles counted by role ("1 caption, 2
    headline"), read in one pass over the segments table."""
    added = segments[segments.role.isin(ADDED_FURNITURE)]
    counts: dict[str, list[str]] = {}
    for (article_id, role), n in added.groupby(["article_id", "role"]).size().items():
        counts.setdefault(article_id, []).append(f"{n} {role}")
    return {article_id: ", ".join(parts) for article_id, parts in counts.items()}


def render_spans(spans: list[dict], max_spans: int | None = None) -> str:
    """Evidence spans as text, ``article:start-end “words”`` joined by `` | `` (the first
    ``max_spans``, then `` …``; all when None)."""
    shown = spans if max_spans is None else spans[:max_spans]
    text = " | ".join(f"{s['article_id'][:10]}:{s['start']}-{s['end']} “{s['text']}”" for s in shown)
    return text + (" …" if len(shown) < len(spans) else "")


class _Reason(NamedTuple):
    """Why a rule fired: its words, its short name and the two copies it is about (a source and
    its copy, or a copy and a fuller copy that is not its source). Its spans are gathered only for
    the reasons an edge gives (:meth:`_Copies.cite`): most of the reasons weighed are never shown."""

    text: str
    rule: str
    pair: tuple[str, str]


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s")


class _Copies:
    """The copies of one duplicate cluster and what decides who derives from whom.

    Length alone (all of a copy's passages are in a fuller one) makes a trimmed copy only when
    nothing says otherwise: a copy dated before the other, or credited by it, or keeping the wire's
    style where the other changed it into house style, is the other's source; a fuller copy that
    adds only headlines or datelines carries no more story; a copy cut mid-sentence by the collector
    lacks the passages after its cut whoever copied whom.

    Passages compared are cited by the first and the last of them in the copy, each with the other
    copy's wording of it: they bound the shared text without repeating it (a passage is a
    paragraph, and copies may share dozens).
    """

    def __init__(self, corpus, union, members, wire, fields, credits):
        self.corpus, self.members, self.wire, self.fields, self.credits = corpus, members, wire, fields, credits
        self.order = {pid: i for i, pid in enumerate(dict.fromkeys(union.passage_id.dropna()))}
        self.spans = {m: {} for m in members}
        for pid, m, start, end in zip(union.passage_id, union.article_id, union.start, union.end):
            if not pd.isna(pid):
                self.spans[m][pid] = (int(start), int(end))
        self.passages = {m: set(self.spans[m]) for m in members}
        self._reasons: dict[tuple[str, str], _Reason | None] = {}
        self._styles: dict[tuple[str, frozenset], int] = {}
        self._ends: dict[tuple[str, str], bool] = {}
        # per copy, the copies it holds all of and has a reason to derive from (its edited copy's sources)
        self.sources = {m: {s: r for s in members if s != m and self.passages[s] <= self.passages[m]
                            and (r := self.source_reason(s, m)) and not self.source_reason(m, s)}
                        for m in members}

    def whole_source(self) -> str | None:
        """The copy that carries every passage, derives from no other copy and is fuller than the
        copies it holds for a reason (the earliest dated first), or None: the copies then derive
        from a latent original."""
        whole = [w for w in self.members if len(self.passages[w]) == len(self.order)
                 and not any(self.source_reason(o, w) or self.passages[o] < self.passages[w]
                             and self.no_trim_reason(o, w) for o in self.members if o != w)]
        return min(whole, key=lambda w: (_earliest(self.value(w, "story_date")), w)) if whole else None

    def edge(self, m: str, original: str) -> tuple[str, str, str, str, list[dict]]:
        """(parent, kind, evidence, rule, spans) of copy ``m``; kind, parent and evidence always agree.

        Rules: ``passages-subset`` (trimmed copy); ``dated-before``, ``credit``, ``wire-style``
        (edited copy, by what says its parent is its source); ``same-passages``, ``passages-in-whole``
        (copy of the copy carrying every passage; the second when a fuller copy is no source of a
        trimmed one); ``latent-original`` (passages of its own), ``no-trim`` (no fuller copy is its
        source), ``spread-passages`` (no copy holds them all): copies of a latent original.
        """
        mine = self.passages[m]
        fuller = [p for p in self.members if p != m and mine < self.passages[p]]
        objections = {p: (_Reason(f"{p} derives from it: {r.text}", r.rule, r.pair) if (r := self.source_reason(m, p))
                          else self.no_trim_reason(m, p)) for p in fuller}
        children = [c for c in self.members if m in self.sources[c]]
        for p in fuller:  # the source of an edited copy is no trimmed copy: that would close a loop
            if not objections[p] and children:
                objections[p] = self.sources[children[0]][m]._replace(text=f"it is the source of {children[0]}")
        supersets = [p for p in fuller if not objections[p]]
        if supersets:
            parent = min(supersets, key=lambda p: (len(self.passages[p]), p))
            return (parent, "trimmed copy", f"all {len(mine)} of its passages are in {parent}, which has "
                                            f"{len(self.passages[parent] - mine)} more", "passages-subset",
                    self.passage_spans(m, mine, parent))
        sources = self.sources[m]
        if sources:
            parent = max(sources, key=lambda s: (len(self.passages[s]), s))
            why, taken = sources[parent], self.passages[parent]
            return (parent, "edited copy", f"carries all {len(taken)} passages of {parent} and "
                                           f"{len(mine - taken)} more; {why.text}", why.rule,
                    self.cite(why) + self.passage_spans(m, taken, parent))
        rejected = list({o.text: o for o in objections.values()}.values())  # distinct, in order
        objected = "; ".join(o.text for o in rejected)
        objected_spans = [span for o in rejected for span in self.cite(o)]
        if original in self.passages:
            same = mine == self.passages[original]
            return (original, "copy", f"carries {'the same' if same else 'its'} {len(mine)} passage(s) as "
                                      f"{original}, the copy that carries every passage"
                                      + (f"; {objected}" if objected else ""),
                    "same-passages" if same else "passages-in-whole",
                    self.passage_spans(m, mine, original) + objected_spans)
        unique = sorted(mine - set().union(*(self.passages[o] for o in self.members if o != m)))
        if unique:
            return (original, "copy of a latent original",
                    f"carries {len(unique)} passage(s) no other copy has ({', '.join(unique[:6])}"
                    f"{', …' if len(unique) > 6 else ''}): no other copy can be its parent", "latent-original",
                    self.passage_spans(m, unique))
        if objected:
            return (original, "copy of a latent original",
                    f"carries no passage of its own, but no fuller copy is its parent: {objected}", "no-trim",
                    objected_spans)
        return (original, "copy of a latent original",
                f"its {len(mine)} passages are spread over several copies: no single copy carries them all",
                "spread-passages", self.passage_spans(m, mine))

    def source_reason(self, s: str, m: str) -> _Reason | None:
        """Why ``s`` is the source of ``m`` whatever their lengths (None when nothing says so):
        ``s`` is dated before ``m``; ``m``'s own credit names ``s``'s outlet; on the passages they
        share ``s`` keeps the wire's style where ``m`` has house style."""
        if (s, m) not in self._reasons:
            self._reasons[s, m] = self._source_reason(s, m)
        return self._reasons[s, m]

    def _source_reason(self, s: str, m: str) -> _Reason | None:
        ds, dm = self.value(s, "story_date"), self.value(m, "story_date")
        if ds is not None and dm is not None and ds.latest and dm.earliest and ds.latest < dm.earliest:
            return _Reason(f"{s} is dated before {m} ({ds.latest.isoformat()} < {dm.earliest.isoformat()})",
                           "dated-before", (s, m))
        outlet = self.value(s, "outlet")
        if outlet and outlet != "unknown" and self.credits.get(m) == outlet and self.value(m, "outlet") != outlet:
            return _Reason(f"the credit of {m} names {outlet}, the outlet of {s}", "credit", (s, m))
        shared = frozenset(self.passages[s] & self.passages[m])
        if self.wire and shared:
            ws, wm = (self.wire_style(x, shared) for x in (s, m))
            if ws > wm:
                return _Reason(f"{s} keeps {self.wire}'s style where {m} has house style "
                               f"({_house_markers(self.text(m, shared))})", "wire-style", (s, m))
        return None

    def no_trim_reason(self, m: str, p: str) -> _Reason | None:
        """Why ``m``'s passages all being in the fuller ``p`` does not make ``m`` its trimmed copy."""
        extra = self.passages[p] - self.passages[m]
        if not any(self.ends_a_sentence(p, pid) for pid in extra):
            return _Reason(f"{p} adds only headlines or datelines, no sentence of story", "headlines-only", (m, p))
        last = self.last_passage(m)
        if last is not None and all(self.order[pid] > self.order[last] for pid in extra):
            raw, end = self.corpus[m].raw, self.spans[m][last][1]
            if not _SENTENCE_END.search(raw[:end]) and not _SENTENCE_BREAK.search(raw[end:] + " "):
                return _Reason(f"{m} stops mid-sentence (cut by the collector) and {p} adds only what follows the cut",
                               "collector-cut", (m, p))
        return None

    def last_passage(self, m: str) -> str | None:
        """``m``'s last passage in the story's order."""
        return max(self.passages[m], key=self.order.get, default=None)

    def value(self, article: str, name: str):
        """The value of an article's provenance field ``name`` (None when not given)."""
        field = self.fields.get(article, {}).get(name)
        return field.value if field is not None else None

    def cite(self, why: _Reason) -> list[dict]:
        """The spans a source reason or an objection rests on: both story dates; the copy's credit
        and the source's outlet; the copy's house style markers with the source's wording of their
        passages, and the wire's markers in the source; the headlines or datelines a fuller copy
        adds; the passage the collector cut."""
        first, second = why.pair
        if why.rule == "dated-before":
            return self.fields[first]["story_date"].spans + self.fields[second]["story_date"].spans
        if why.rule == "credit":
            found = [self.fields.get(second, {}).get("wire"), self.fields.get(first, {}).get("outlet")]
            return [span for f in found if f for span in f.spans]  # an outlet in the page's metadata has none
        if why.rule == "wire-style":
            return self.style_spans(first, second, self.passages[first] & self.passages[second])
        if why.rule == "headlines-only":
            return self.all_spans(second, self.passages[second] - self.passages[first])
        return self.all_spans(first, [self.last_passage(first)])  # collector-cut

    def span(self, m: str, pid: str) -> dict:
        """``m``'s span of the passage ``pid``."""
        start, end = self.spans[m][pid]
        return _span(m, start, end, self.corpus[m].raw[start:end])

    def all_spans(self, m: str, pids) -> list[dict]:
        """``m``'s spans of the passages ``pids``, in its order."""
        return [self.span(m, pid) for pid in sorted(pids, key=lambda pid: self.spans[m][pid])]

    def passage_spans(self, m: str, pids, other: str | None = None) -> list[dict]:
        """``m``'s spans of the first and last of the passages ``pids`` (in ``m``'s order), each
        followed by ``other``'s span of it."""
        ordered = sorted(pids, key=lambda pid: self.spans[m][pid])
        return [self.span(x, pid) for pid in dict.fromkeys(ordered[:1] + ordered[-1:]) for x in (m, other) if x]

    def style_spans(self, s: str, m: str, pids) -> list[dict]:
        """On the passages ``pids``: the first match of each house style marker in ``m``'s wording,
        each followed by ``s``'s wording of its passage, then the first match of each of the wire's
        own markers in ``s``'s wording."""
        out = []
        for style, agency, pattern in _agency_markers():
            if style == "house" and (hit := self.first_match(m, pids, pattern)):
                out += [hit[1], self.span(s, hit[0])]
        for style, agency, pattern in _agency_markers():
            if style == "wire" and agency == self.wire and (hit := self.first_match(s, pids, pattern)):
                out.append(hit[1])
        return out

    def first_match(self, m: str, pids, pattern: re.Pattern) -> tuple[str, dict] | None:
        """(passage, span) of the first match of ``pattern`` in ``m``'s wording of the passages ``pids``."""
        raw = self.corpus[m].raw
        for pid in sorted(pids, key=lambda pid: self.spans[m][pid]):
            start, end = self.spans[m][pid]
            if found := pattern.search(raw[start:end]):  # as the style counts see the passage
                return pid, _span(m, start + found.start(), start + found.end(), found.group(0))
        return None

    def wire_style(self, m: str, pids: frozenset) -> int:
        """:func:`_wire_style` of ``m``'s wording of the passages ``pids`` (once per copy and set)."""
        if (m, pids) not in self._styles:
            self._styles[m, pids] = _wire_style(self.text(m, pids), self.wire)
        return self._styles[m, pids]

    def ends_a_sentence(self, m: str, pid: str) -> bool:
        """Whether ``m``'s passage ``pid`` ends as a sentence does (not a headline or a dateline)."""
        if (m, pid) not in self._ends:
            self._ends[m, pid] = bool(_SENTENCE_END.search(self.text(m, {pid})))
        return self._ends[m, pid]

    def text(self, m: str, pids) -> str:
        """``m``'s wording of the passages ``pids``, in story order."""
        raw = self.corpus[m].raw
        return "\n".join(raw[slice(*self.spans[m][pid])] for pid in sorted(pids, key=self.order.get))


def _earliest(dating) -> str:
    """A story date's earliest day for sorting (undated last)."""
    return dating.earliest.isoformat() if dating is not None and dating.earliest else "9999"


def _each_once(spans: list[dict]) -> list[dict]:
    """``spans`` without repeats, in order (a passage two reasons cite is shown once)."""
    return list({(s["article_id"], s["start"], s["end"]): s for s in spans}.values())


def _house_markers(text: str) -> str:
    """The house style markers in ``text`` with their counts (``Mr×1``)."""
    found = [f"{marker}×{n}" for style, marker, pattern in _style_markers()
             if style == "house" and (n := len(pattern.findall(text)))]
    return ", ".join(found) or "none"


def _carried(union: pd.DataFrame) -> dict[str, dict]:
    """Article -> passage -> (start, end, how many copies carry it), from a cluster's union, in one pass."""
    carried: dict[str, dict] = {}
    for article_id, passage_id, start, end, n in zip(union.article_id, union.passage_id, union.start, union.end,
                                                      union.n_carriers):
        carried.setdefault(article_id, {})[passage_id] = (int(start), int(end), n)
    return carried


def _changes(corpus, mine: dict, references: list[tuple], member: str, original: str) -> list[dict]:
    """What ``member`` changed against the original: word edits, dropped and added passages
    (``mine``: its passages, as :func:`_carried` gives them; ``references``: each passage's
    original wording as (passage, medoid, start, end, text), from :func:`medoid_wording`)."""
    rows = []
    for pid, medoid, ref_start, ref_end, ref_text in references:
        base = {"article_id": member, "original": original, "passage_id": pid, "original_text": ref_text}
        if pid not in mine:
            rows.append({**base, "kind": "dropped", "copy_text": "", "start": None, "end": None})
            continue
        start, end, carriers = mine[pid]
        if carriers == 1:
            rows.append({**base, "kind": "added", "original_text": "", "copy_text": corpus[member].raw[start:end],
                         "start": start, "end": end})
            continue
        if medoid == member:
            continue
        for e in word_edits(corpus[medoid].raw, [(ref_start, ref_end)], corpus[member].raw, [(start, end)]):
            rows.append({**base, "kind": e["kind"], "original_text": e["a_text"], "copy_text": e["b_text"],
                         "start": e["b_start"], "end": e["b_end"]})
    return rows


@dataclass
class Provenance:
    """Records (one per article), derivation edges, changes against the originals, the originals."""

    records: pd.DataFrame
    evidence: dict[str, dict[str, Field]]
    derivations: pd.DataFrame
    changes: pd.DataFrame
    originals: pd.DataFrame

    def evidence_table(self, max_spans: int = 4) -> pd.DataFrame:
        """One row per article and field: the rule, and the spans (``article:start-end “words”``) it rests on."""
        rows = []
        for article_id, fields in self.evidence.items():
            for name, f in fields.items():
                rows.append({"article_id": article_id, "field": name, "rule": f.rule,
                             "evidence": render_spans(f.spans, max_spans)})
        return pd.DataFrame(rows, columns=["article_id", "field", "rule", "evidence"])

    def as_json(self) -> list[dict]:
        """One object per article: the CLI's ``json`` form."""
        out = []
        for r in self.records.to_dict("records"):
            fields = self.evidence[r["article_id"]]
            out.append({
                "article_id": r["article_id"], "outlet": r["outlet"], "wire": r["wire"], "byline": r["byline"],
                "story_date": {"earliest": r["story_earliest"], "latest": r["story_latest"],
                               "stated": r["story_how"] == "stated"},
                "capture_date": {"earliest": r["capture_earliest"], "latest": r["capture_latest"], "stated": False},
                "style": r["style"], "cluster": r["cluster"], "derived_from": r["derived_from"],
                "evidence": {name: {"rule": f.rule, "spans": f.spans} for name, f in fields.items()}})
        return out


def build_provenance(corpus, annotations=None, clusters: pd.DataFrame | None = None, dates: dict | None = None,
                     unions: pd.DataFrame | None = None) -> Provenance:
    """The provenance of every article of ``corpus``.

    Annotations, clusters, story dates and cluster unions are computed when not given; a
    :class:`wiretrace.case.Case` gives them once (``provenance_of(case)``).
    """
    if annotations is None:
        from .annotate import annotate
        annotations = annotate(corpus)
    if clusters is None:
        from .reuse import clusters as cluster_table, find_duplicates
        clusters = cluster_table(corpus, find_duplicates(corpus, annotations=annotations))
    if dates is None:
        dates = date_articles(corpus, annotations, clusters)
    cluster_of = dict(zip(clusters.article_id, clusters.cluster))
    articles = list(corpus)
    fields: dict[str, dict[str, Field]] = {}
    for article, page in zip(articles, _page_fields(articles, annotations.segments)):
        story, capture = dates[article.id]["story"], dates[article.id]["capture"]
        fields[article.id] = {"outlet": page["outlet"], "wire": page["wire"], "byline": page["byline"],
                              "story_date": Field(story, f"{story.how}: {story.rule}", _own(story.evidence, article.id)),
                              "capture_date": Field(capture, capture.rule, _own(capture.evidence, article.id)),
                              "style": page["style"]}
    credits = {a: f["wire"].value for a, f in fields.items() if not f["wire"].rule.startswith(PHOTO_ONLY)}
    _wire_from_siblings(fields, clusters)
    edges, changes, originals, spans = derivations(corpus, annotations, clusters,
                                                   {a: f["wire"].value for a, f in fields.items()}, unions,
                                                   fields=fields, credits=credits)
    parent = dict(zip(edges.child, edges.parent))
    rules = _derivation_rules(edges)
    rows = []
    for article in corpus:
        f = fields[article.id]
        story, capture = f["story_date"].value, f["capture_date"].value
        rows.append({"article_id": article.id, "outlet": f["outlet"].value, "wire": f["wire"].value,
                     "byline": f["byline"].value, **story.as_dict("story"),
                     "capture_earliest": capture.as_dict("c")["c_earliest"],
                     "capture_latest": capture.as_dict("c")["c_latest"], "style": f["style"].value,
                     "cluster": cluster_of.get(article.id), "derived_from": parent.get(article.id)})
        fields[article.id]["derived_from"] = Field(parent.get(article.id),
                                                   rules.get(article.id, "no other copy in the corpus"),
                                                   spans.get(article.id, []))
    records = pd.DataFrame(rows).reindex(columns=RECORD_COLUMNS)
    records = records.astype(object).where(records.notna(), None)
    return Provenance(records, fields, edges, changes, originals)


PARALLEL_FROM = 2_000  # articles from which their page fields are read in one process per core
_worker_segments: dict[str, list] = {}


def _page_fields(articles: list, segments: pd.DataFrame) -> list[dict[str, Field]]:
    """The outlet, wire, byline and style of each of ``articles``, as its page's segments state
    them; from ``PARALLEL_FROM`` articles, in one process per core (the same fields, in order)."""
    count = process_count(len(articles), PARALLEL_FROM)
    if count == 1:
        segments_of = by_article(segments)
        return [_fields_of(article, segments_of.get(article.id, [])) for article in articles]
    with pool(count, _start_worker, (segments,)) as executor:
        return list(executor.map(_fields_in_worker, articles, chunksize=100))


def _fields_of(article, segs: list) -> dict[str, Field]:
    byline = byline_of(article, segs)
    return {"outlet": outlet_of(article, segs), "wire": wire_of(article, segs, byline), "byline": byline,
            "style": style_of(article, segs)}


def _start_worker(segments: pd.DataFrame) -> None:
    global _worker_segments
    _worker_segments = by_article(segments)


def _fields_in_worker(article) -> dict[str, Field]:
    return _fields_of(article, _worker_segments.get(article.id, []))


def provenance_of(case) -> Provenance:
    """The provenance of a :class:`wiretrace.case.Case`'s articles, from its layers."""
    return build_provenance(case.corpus, case.annotations, case.clusters, case.dates, case.alignments["union"])


def _own(spans: list[dict], article_id: str) -> list[dict]:
    """Evidence spans with the article they point into (the article itself unless they say otherwise)."""
    return [{"article_id": article_id, **s} for s in spans]


def _derivation_rules(edges: pd.DataFrame) -> dict[str, str]:
    """Why each article the derivation edges name has its parent, or is the source of its copies
    (an article they do not name: "no other copy in the corpus")."""
    rules = {parent: "carries every passage of its story: the source of the other copies in the corpus"
             for parent in edges.parent}
    for child, kind, evidence in reversed(list(zip(edges.child, edges.kind, edges.evidence))):
        rules[child] = f"{kind}: {evidence}"  # a child's own edge (its first) before being a source
    return rules


def _wire_from_siblings(fields: dict[str, dict[str, Field]], clusters: pd.DataFrame) -> None:
    """A copy that names no wire takes the wire its cluster siblings name (when they agree); a
    sibling's photo credit alone is not passed on (the photo's agency, not the text's)."""
    for _, group in clusters.groupby("cluster"):
        members = sorted(group.article_id)
        named = {m: fields[m]["wire"] for m in members
                 if fields[m]["wire"].value and not fields[m]["wire"].rule.startswith(PHOTO_ONLY)}
        wires = {f.value for f in named.values()}
        if len(wires) != 1:
            continue
        wire = wires.pop()
        for m in members:
            if not fields[m]["wire"].value:
                fields[m]["wire"] = Field(wire, f"named by its duplicate-cluster siblings {', '.join(sorted(named))}",
                                          [s for f in named.values() for s in f.spans])


def prov_document(prov_: Provenance):
    """The derivations as a W3C PROV document: articles and latent originals as entities, outlets
    and wire agencies as agents, derivations with their evidence as attributes."""
    from prov.model import ProvDocument

    doc = ProvDocument()
    doc.add_namespace("wt", "urn:wiretrace:")
    records = prov_.records.set_index("article_id")
    agents = {}

    def agent(kind: str, name: str):
        key = f"wt:{kind}/{_safe(name)}"
        if key not in agents:
            agents[key] = doc.agent(key, {"prov:type": f"wt:{kind}", "prov:label": name})
        return agents[key]

    for o in prov_.originals.itertuples():
        original = doc.entity(f"wt:original/{o.original}", {
            "prov:type": "wt:LatentOriginal", "prov:label": f"reconstructed original of cluster {o.cluster}",
            "wt:passages": int(o.passages)})
        if isinstance(o.wire, str):
            doc.wasAttributedTo(original, agent("agency", o.wire))
    for article_id, r in records.iterrows():
        entity = doc.entity(f"wt:article/{_safe(article_id)}", {
            "prov:type": "wt:Article", "prov:label": article_id,
            "wt:storyDate": f"{_known(r.story_earliest)}/{_known(r.story_latest)}", "wt:cluster": str(r.cluster)})
        if isinstance(r.outlet, str) and r.outlet != "unknown":
            doc.wasAttributedTo(entity, agent("outlet", r.outlet))
    for e in prov_.derivations.itertuples():
        parent = (f"wt:original/{e.parent}" if e.parent in set(prov_.originals.original)
                  else f"wt:article/{_safe(e.parent)}")
        doc.wasDerivedFrom(f"wt:article/{_safe(e.child)}", parent, other_attributes={
            "wt:kind": e.kind, "wt:rule": e.rule, "wt:evidence": e.evidence,
            "wt:sharedPassages": int(e.shared_passages), "wt:uniquePassages": int(e.unique_passages),
            "wt:droppedPassages": int(e.dropped_passages),
            "wt:spellingEdits": int(e.spelling_edits), "wt:minorEdits": int(e.minor_edits),
            "wt:addedFurniture": e.added_furniture or "none"})
    return doc


def _known(value) -> str:
    """A date bound for PROV: the ISO day, or ``unknown`` (never ``nan``)."""
    return value if isinstance(value, str) and value else "unknown"


def _safe(name: str) -> str:
    """A PROV local name for an id, percent-encoded so that different ids stay different
    ("story/1", "story 1" and "story_1" are three entities)."""
    return quote(str(name), safe="")
