"""Events and the timeline: dated clauses from every article, merged across sources.

An event is a sentence with a resolved temporal expression (a DATE with days, not a duration,
a set or a vague reference such as "recently"), anchored on its article's story date. It carries
its date interval, TIMEX3 value, actors (entity mentions), status (past, ongoing, planned), how
the date was obtained (explicit: the text names the year; relative: resolved against the story
date; inherited: against a date inherited from a sibling copy) and its source span. A dated
reference event named in the same sentence picks the reading of a relative date that matches it.

Tellings of one event by several articles (or copies) are merged when their dates overlap and
their words agree; the same words with dates that do not overlap are flagged as a conflict.
Sentences in ``foreign`` or ``boilerplate`` segments are left out; a caption's date dates its
photo (the event is the photographed scene), never the article.
"""
from __future__ import annotations

import html
import json
import re

from dataclasses import replace
from datetime import date, timedelta

import networkx as nx
import pandas as pd
from rapidfuzz import fuzz

from . import roles
from .dating import reference_events
from .normalise import ENTITY_PREFIX, normalise_tokens
from .records import itertuples
from .timex import find_timexes
from .timex_values import common_value

EVENT_ROLES = roles.EVENTS
TELLING_COLUMNS = ["article_id", "start", "end", "text", "timex", "timex_start", "timex_end", "earliest",
                   "latest", "value", "actors", "status", "how"]
# ``sources`` is for reading ("id:start-end; ..."); ``source_spans`` is the same as JSON
# ([[article_id, start, end], ...]), unambiguous whatever characters an id holds.
EVENT_COLUMNS = ["event_id", "earliest", "latest", "value", "text", "actors", "status", "how", "sources",
                 "conflict", "source_spans"]
SAME_WORDING = 75.0  # rapidfuzz ratio of normalised sentences: the same telling
SHARED_WORDS = 3  # or this many shared content words (2 when the dates are the same value)
VAGUE = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def tellings(corpus, annotations, dates: dict, timexes: dict | None = None) -> pd.DataFrame:
    """One row per dated clause of every article (see ``TELLING_COLUMNS``), in article order.

    ``timexes``: temporal expressions by sentence id (the case's layer), found here when not given.
    """
    segments, sentences, mentions = annotations.segments, annotations.sentences, annotations.mentions
    roles = segments.set_index("segment_id").role
    named = mentions[mentions.match.isin(["exact", "fuzzy"])]
    mentions_of: dict[str, list[tuple[int, int, str]]] = {}
    for aid, start, end, canonical in zip(named.article_id, named.start, named.end, named.canonical):
        mentions_of.setdefault(aid, []).append((start, end, canonical))
    rows = []
    for sent in itertuples(sentences.assign(role=sentences.segment_id.map(roles))):
        if sent.role not in EVENT_ROLES:
            continue
        found = timexes[sent.sentence_id] if timexes is not None else find_timexes(sent.text)
        if not found:
            continue
        story = dates[sent.article_id]["story"]
        days = _anchor_days(story)
        actors = _actors(mentions_of.get(sent.article_id, []), sent)
        for m in found:
            m = replace(m, firm=len(days) > 1)  # nearness needs a known writing day; without one the tense decides
            first = m.resolve(days[0] if days else None)
            if first is not None and first.type == "DURATION" and days and \
                    (counted := _counted_from(sent.text, m, first.value, found, days)) is not None:
                earliest, latest = counted  # "nine days after they went missing": that day
                rows.append({
                    "article_id": sent.article_id, "start": sent.start, "end": sent.end, "text": sent.text,
                    "timex": m.match.group(0), "timex_start": sent.start + m.start, "timex_end": sent.start + m.end,
                    "earliest": earliest, "latest": latest,
                    "value": earliest.isoformat() if earliest == latest else common_value(
                        [earliest.isoformat(), latest.isoformat()]),
                    "actors": actors, "status": "past" if latest <= days[-1] else "planned", "how": "relative"})
                continue
            if first is None or first.type not in ("DATE", "TIME") or first.value in VAGUE:
                continue
            if not m.absolute and not days:
                continue  # a relative date in an undated article: no day to resolve it against
            # day by day on a short interval; on a long one its two ends (the readings between them
            # lie between theirs), so the work does not grow with an uncertain story date's width
            readings = [first] if m.absolute else [m.resolve(d) for d in days] if len(days) <= PER_DAY_DAYS \
                else [m.resolve((days[0], days[-1]))]
            readings = _matching_reference(sent.text, readings)
            if any(r is None or r.earliest is None or r.latest is None for r in readings):
                continue  # no day, or an open end: nothing to place on the timeline
            earliest = min(r.earliest for r in readings)
            latest = max(r.latest for r in readings)
            values = sorted({r.value for r in readings})
            rows.append({
                "article_id": sent.article_id, "start": sent.start, "end": sent.end, "text": sent.text,
                "timex": m.match.group(0), "timex_start": sent.start + m.start, "timex_end": sent.start + m.end,
                "earliest": earliest, "latest": latest, "value": values[0] if len(values) == 1 else common_value(values),
                "actors": actors, "status": _status(sent.text, m, earliest, story), "how": _how(m, story)})
    return pd.DataFrame(rows, columns=TELLING_COLUMNS)


_DAYS_PER_UNIT = {"D": 1, "W": 7}
PER_DAY_DAYS = 366  # story intervals up to a year resolve each relative date day by day


def _counted_from(text: str, m, duration: str, found: list, days: list[date]):
    """(earliest, latest) of the event a duration followed by "after"/"before" dates ("nine
    days after they went missing": nine days before the day the sentence tells of, else the
    story's day), or None. Only days and weeks: months and years are too loose to count."""
    after = re.match(r"\s+(after|before)\s+[a-z]", text[m.end:])
    unit = re.fullmatch(r"P(\d+)([DW])", duration)
    if not after or not unit:
        return None
    shift = timedelta(int(unit.group(1)) * _DAYS_PER_UNIT[unit.group(2)])
    told = [r for n in found if n is not m and (n.start >= m.end or n.end <= m.start)
            for r in {n.resolve(days[0]), n.resolve(days[-1])} if r is not None and r.type in ("DATE", "TIME")
            and r.earliest and r.value not in VAGUE]
    reference = (min(r.earliest for r in told), max(r.latest for r in told)) if told else (days[0], days[-1])
    sign = -1 if after.group(1) == "after" else 1
    return reference[0] + sign * shift, reference[1] + sign * shift


def _anchor_days(story) -> _DayRange | list:
    """The candidate writing days of an article: its story interval, none when an end is unknown
    (a relative date cannot be placed against an open interval without pretending)."""
    if story.earliest is None or story.latest is None:
        return []
    return _DayRange(story.earliest, story.latest)


class _DayRange:
    """The days from ``first`` to ``last`` as a sequence, made only when read: an interval between
    two copies' dates can span centuries (a feed's "0001-01-01" for no date), and only its ends and
    short intervals are read day by day."""

    def __init__(self, first: date, last: date):
        self.ordinals = range(first.toordinal(), last.toordinal() + 1)

    def __len__(self) -> int:
        return len(self.ordinals)

    def __getitem__(self, index: int) -> date:
        return date.fromordinal(self.ordinals[index])


def _matching_reference(text: str, readings: list) -> list:
    """Readings that contain the date of a reference event named in the sentence, if any do."""
    for event in reference_events():
        if event.kind == "event" and event.pattern.search(text):
            kept = [r for r in readings if r.earliest and r.earliest <= event.latest and event.earliest <= r.latest]
            if kept:
                return kept
    return readings


def _actors(mentions: list[tuple[int, int, str]], sent) -> str:
    """The named entities (gazetteer matches: start, end, canonical name) of one article inside ``sent``."""
    return "; ".join(sorted({name for start, end, name in mentions if start >= sent.start and end <= sent.end}))


def _status(text: str, m, earliest: date, story) -> str:
    """ongoing ("since 2017"), planned (future tense, or dated after the story was written), or past."""
    if "since" in text[max(0, m.start - 25):m.start].lower():
        return "ongoing"
    written_by = story.latest or story.earliest
    if m.tense == "future" or (written_by is not None and earliest > written_by):
        return "planned"
    return "past"


def _how(m, story) -> str:
    if m.absolute:
        return "explicit"
    return "inherited" if story.how == "inherited" else "relative"


def _content(text: str) -> set[str]:
    return {t for t in normalise_tokens(text) if len(t) >= 5 or t.startswith(ENTITY_PREFIX)}


def merge_events(told: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, conflicts): tellings merged into events, and same-worded tellings whose dates disagree."""
    graph, conflicts = nx.Graph(), []
    graph.add_nodes_from(range(len(told)))
    rows = told.to_dict("records")
    words = [_content(r["text"]) for r in rows]
    norms = [" ".join(normalise_tokens(r["text"])) for r in rows]
    for i, j in _candidate_pairs(words):
        a, b = rows[i], rows[j]
        if a["article_id"] == b["article_id"] and a["start"] == b["start"]:
            continue  # two dates in one sentence are two events
        overlap = a["earliest"] <= b["latest"] and b["earliest"] <= a["latest"]
        similar = fuzz.ratio(norms[i], norms[j]) >= SAME_WORDING
        shared = len(words[i] & words[j])
        if overlap and (similar or shared >= SHARED_WORDS or (a["value"] == b["value"] and shared >= 2)):
            graph.add_edge(i, j)
        elif similar and not overlap and _timex_role_alike(a, b):
            conflicts.append((i, j))
    groups = sorted((sorted(c) for c in nx.connected_components(graph)),
                    key=lambda g: (min(rows[k]["earliest"] for k in g), rows[g[0]]["article_id"], rows[g[0]]["start"]))
    events, event_of = [], {}
    for n, group in enumerate(groups, 1):
        event_id = f"E{n:03d}"
        for k in group:
            event_of[k] = event_id
        events.append(_event(event_id, [rows[k] for k in group]))
    conflict_rows = [{"event_a": event_of[i], "event_b": event_of[j],
                      "reading_a": f"{rows[i]['value']} ({rows[i]['article_id']}: {rows[i]['timex']})",
                      "reading_b": f"{rows[j]['value']} ({rows[j]['article_id']}: {rows[j]['timex']})",
                      "text": rows[i]["text"]} for i, j in conflicts]
    frame = pd.DataFrame(events, columns=EVENT_COLUMNS)
    for c in conflict_rows:
        for mine, other in (("event_a", "event_b"), ("event_b", "event_a")):
            frame.loc[frame.event_id == c[mine], "conflict"] = c[other]
    return frame, pd.DataFrame(conflict_rows, columns=["event_a", "event_b", "reading_a", "reading_b", "text"])


MAX_SHARED_BY = 50  # a content word told by more tellings than this proposes no pair by itself


def _candidate_pairs(words: list[set[str]]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of tellings that may tell the same event or disagree on its date: those
    sharing a content word that at most ``MAX_SHARED_BY`` tellings use (on a large corpus a word in
    hundreds of sentences says nothing about two of them), and any pair with a telling that has no
    content word. Near-linear in the tellings instead of every pair."""
    index: dict[str, list[int]] = {}
    for i, told in enumerate(words):
        for word in told:
            index.setdefault(word, []).append(i)
    pairs = set()
    for members in index.values():
        if len(members) <= MAX_SHARED_BY:
            pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1:])
    for i in (i for i, told in enumerate(words) if not told):
        pairs.update((min(i, j), max(i, j)) for j in range(len(words)) if j != i)
    return sorted(pairs)


def _timex_role_alike(a: dict, b: dict) -> bool:
    """Whether two tellings date the same thing: their date expressions sit at the same place in the sentence."""
    return abs((a["timex_start"] - a["start"]) / max(1, a["end"] - a["start"])
               - (b["timex_start"] - b["start"]) / max(1, b["end"] - b["start"])) < 0.2


def _event(event_id: str, tellings_: list[dict]) -> dict:
    """One event from its tellings: the narrowest shared interval, every source and actor."""
    tellings_ = sorted(tellings_, key=lambda r: (r["article_id"], r["start"]))
    earliest = max(r["earliest"] for r in tellings_)
    latest = min(r["latest"] for r in tellings_)
    if earliest > latest:  # overlapping pairwise but not all together: keep the union
        earliest, latest = min(r["earliest"] for r in tellings_), max(r["latest"] for r in tellings_)
    narrowest = min(tellings_, key=lambda r: ((r["latest"] - r["earliest"]).days, r["article_id"]))
    rank = {"explicit": 0, "relative": 1, "inherited": 2}
    return {"event_id": event_id, "earliest": earliest.isoformat(), "latest": latest.isoformat(),
            "value": narrowest["value"], "text": tellings_[0]["text"],
            "actors": "; ".join(sorted({a for r in tellings_ for a in r["actors"].split("; ") if a})),
            "status": tellings_[0]["status"], "how": min((r["how"] for r in tellings_), key=rank.get),
            "sources": "; ".join(f"{r['article_id']}:{r['start']}-{r['end']}" for r in tellings_), "conflict": "",
            "source_spans": json.dumps([[r["article_id"], int(r["start"]), int(r["end"])] for r in tellings_],
                                       ensure_ascii=False)}


def build_timeline(corpus, annotations=None, dates=None, clusters=None,
                   timexes: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, conflicts) of a corpus; annotations, story dates and clusters are computed when not given."""
    if annotations is None:
        from .annotate import annotate
        annotations = annotate(corpus)
    if dates is None:
        from .dating import date_articles
        from .reuse import clusters as cluster_table, find_duplicates
        if clusters is None:
            clusters = cluster_table(corpus, find_duplicates(corpus, annotations=annotations))
        dates = date_articles(corpus, annotations, clusters, timexes)
    return merge_events(tellings(corpus, annotations, dates, timexes))


def timelinejs(events: pd.DataFrame, corpus) -> dict:
    """The events as Knight Lab TimelineJS3 JSON: date, headline, text with the quoted sources.

    An event known only to an interval of days ("last week", a story date that is itself an
    interval) is placed at its first day and labelled with the interval (``display_date``) and a
    note; it is never given an ``end_date``, which TimelineJS draws as a duration. Article text and
    ids are HTML-escaped: TimelineJS renders the fields as HTML.
    """
    items = []
    for e in events.itertuples():
        start, end = date.fromisoformat(e.earliest), date.fromisoformat(e.latest)
        quotes = []
        for article_id, s, t in json.loads(e.source_spans):
            quotes.append(f"<blockquote>{html.escape(corpus[article_id].raw[s:t])}</blockquote>"
                          f"<p>— {html.escape(article_id)}</p>")
        headline = e.text[:90] + ("…" if len(e.text) > 90 else "")
        item = {"start_date": _tl_date(start, e.value), "text": {"headline": html.escape(headline),
                                                                 "text": "".join(quotes)},
                "group": e.status, "unique_id": e.event_id}
        if end != start and not _tl_whole(e.value):
            label = f"between {start:%d %b %Y} and {end:%d %b %Y}"
            item["display_date"] = label
            item["text"]["text"] = f"<p><em>Date uncertain: {label}.</em></p>" + item["text"]["text"]
        items.append(item)
    return {"title": {"text": {"headline": "Timeline", "text": f"{len(items)} events from {len(corpus)} articles"}},
            "events": items}


def _tl_whole(value: str) -> bool:
    """A value that names a whole year or month: TimelineJS shows it at that precision, without an end."""
    return len(value) in (4, 7) and value[:4].isdigit()


def _tl_date(d: date, value: str) -> dict:
    """A TimelineJS date with only the precision the TIMEX3 value has (2011 -> year only)."""
    parts = {"year": str(d.year), "month": str(d.month), "day": str(d.day)}
    if _tl_whole(value):
        return dict(list(parts.items())[: 1 if len(value) == 4 else 2])
    return parts
