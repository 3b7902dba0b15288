"""When was a story written, and when was its page captured? Dates with their evidence.

A **stated** date comes from a date line the page shows ("Published : 6 Feb 2023", "date
2019-12-05 Fast News", a dateline's day with its year; ``wiretrace.datelines`` finds and parses
them) or the page's metadata.
Otherwise the story date is **inferred** as the set of days consistent with what the text says:

- a dated event reported in the past tense is over: the story is written after it ends
  (journalists call the current period "this week", "this month", "this year");
- a dated event that is planned (future tense) is still ahead: the story is written before it;
- expressions relative to the writing date ("3 December this year", "on Wednesday", "last
  April") must resolve consistently with both rules, so they narrow the candidate days;
- dated reference events (``data/reference_events.csv``): mentioning an ``event`` means the
  story is written after it; a ``planned`` event, between its announcement and the day it was
  due; a ``period`` (a title such as "president-elect" or "acting envoy")
  bounds the date of the sentence it appears in, or, if that sentence carries no date, the
  writing date itself.

Copies in one duplicate cluster carry one story: a copy without a date of its own **inherits**
its dated siblings' date and says so. Text glued onto a page from other stories (``foreign``
segments) dates the **capture** of the page, never the story. Captions date their photos only.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import pandas as pd

from . import roles
from .resources import cached, table
from .timex import TimexMatch, find_timexes

STORY_ROLES = roles.STORY
WINDOW_DAYS = 3653  # when nothing bounds a date from above, look this far past the lower bound
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


@dataclass
class Dating:
    """An interval of days with how it was obtained and the spans that are its evidence."""

    earliest: date | None = None
    latest: date | None = None
    how: str = "unknown"  # stated, inferred, inherited, unknown
    rule: str = ""
    evidence: list[dict] = field(default_factory=list)

    def as_dict(self, prefix: str) -> dict:
        return {f"{prefix}_earliest": self.earliest.isoformat() if self.earliest else None,
                f"{prefix}_latest": self.latest.isoformat() if self.latest else None,
                f"{prefix}_how": self.how, f"{prefix}_rule": self.rule}


@dataclass(frozen=True)
class ReferenceEvent:
    id: str
    kind: str
    pattern: re.Pattern
    earliest: date
    latest: date
    description: str


@cached
def reference_events() -> tuple[ReferenceEvent, ...]:
    return tuple(ReferenceEvent(r["id"], r["kind"], re.compile(r["pattern"]), date.fromisoformat(r["earliest"]),
                                date.fromisoformat(r["latest"]), r["description"]) for r in table("reference_events.csv"))


# Which of the dates a page states is the story's: the published date first, then an unlabelled
# date line, then the day a dateline gives with its year; an update comes after the story.
STATED_KINDS = ("published", "date line", "dateline", "updated")


def stated_date(article, page_dates: pd.DataFrame) -> Dating | None:
    """The date the page states for its story (``page_dates`` rows of the article), or its metadata's.

    A numeric date whose day and month orders both make sense gives the interval between its two
    readings, not a guess; a day without a year is not a stated date (inference may use it).
    """
    for kind in STATED_KINDS:
        for row in page_dates[page_dates.kind == kind].sort_values("start").itertuples():
            days = sorted(date.fromisoformat(r) for r in row.readings.split(";") if r and not r.startswith("--"))
            if not days:
                continue
            span = {"start": int(row.start), "end": int(row.end), "text": row.text, "rule": f"{kind} on the page"}
            rule = f"{kind} on the page" + ("" if len(days) == 1 else
                                            f" (day and month order ambiguous: {', '.join(map(str, days))})")
            return Dating(days[0], days[-1], "stated", rule, [span])
    published = article.meta.get("published", "")
    if m := _ISO.search(published):
        day = date(*map(int, m.groups()))
        return Dating(day, day, "stated", "page metadata (published)", [])
    return None


@dataclass
class _Constraint:
    span: dict
    rule: str
    test: object  # day -> bool


def infer_date(article, sentences: pd.DataFrame, timexes: dict | None = None) -> Dating:
    """The days the text of ``sentences`` (rows with start/end/text) can have been written on.

    ``timexes``: the sentences' temporal expressions by sentence id, when already found.
    """
    lower, upper, constraints, evidence = None, None, [], []
    for sent in sentences.sort_values("start").itertuples():
        found = timexes[sent.sentence_id] if timexes is not None else find_timexes(sent.text)
        matches = [m for m in found if m.resolve(None) is not None]
        dated = [m for m in matches if m.resolve(None).type == "DATE"]
        for m in dated:
            span = _span(sent, m)
            if m.absolute:
                t = m.resolve(None)
                if t.earliest and m.tense == "past":
                    if lower is None or t.latest > lower:
                        lower = t.latest
                        evidence.append({**span, "rule": f"past event named with its year ({t.value}): written after it"})
                elif t.earliest and m.tense == "future":
                    if upper is None or t.earliest - timedelta(1) < upper:
                        upper = t.earliest - timedelta(1)
                        evidence.append({**span, "rule": f"planned event ({t.value}): written before it"})
            elif m.tense in ("past", "future") and not m.deictic:
                constraints.append(_Constraint(span, f"{m.tense} '{m.match.group(0)}' resolves consistently",
                                               _tense_test(m)))
        for event in reference_events():
            if not (hit := event.pattern.search(sent.text)):
                continue
            span = {"start": sent.start + hit.start(), "end": sent.start + hit.end(), "text": hit.group(0)}
            if event.kind == "event":
                if lower is None or event.earliest > lower:
                    lower = event.earliest
                    evidence.append({**span, "rule": f"mentions {event.description} ({event.earliest}): written after it"})
            elif event.kind == "planned":
                lower = max(lower, event.earliest) if lower else event.earliest
                if upper is None or event.latest - timedelta(1) < upper:
                    upper = event.latest - timedelta(1)
                evidence.append({**span, "rule": f"plans {event.description}: written before {event.latest}"})
            elif dated:
                constraints += [_Constraint(span, f"date of a sentence naming {event.description} "
                                            f"({event.earliest} to {event.latest})", _within(m, event)) for m in dated]
            else:
                lower = max(lower, event.earliest) if lower else event.earliest
                upper = min(upper, event.latest) if upper else event.latest
                evidence.append({**span, "rule": f"names {event.description}: written between "
                                                 f"{event.earliest} and {event.latest}"})
    if lower is None:
        return Dating(rule="no dated event to reason from", evidence=evidence)
    return _solve(lower, upper, constraints, evidence)


def _span(sent, m: TimexMatch) -> dict:
    return {"start": sent.start + m.start, "end": sent.start + m.end, "text": m.match.group(0)}


def _tense_test(m: TimexMatch):
    m = replace(m, firm=True)  # the question is whether the tense allows this day: let the tense decide

    def test(day: date) -> bool:
        t = m.resolve(day)
        if t is None or t.earliest is None:
            return True
        return t.latest <= day if m.tense == "past" else t.earliest > day
    return test


def _within(m: TimexMatch, event: ReferenceEvent):
    def test(day: date) -> bool:
        t = m.resolve(day)
        return t is None or t.earliest is None or (t.earliest <= event.latest and event.earliest <= t.latest)
    return test


def _solve(lower: date, upper: date | None, constraints: list[_Constraint], evidence: list[dict]) -> Dating:
    """Keep the candidate days every constraint allows; a constraint that would leave none is noted and skipped."""
    open_end = upper is None
    end = upper if upper is not None else lower + timedelta(WINDOW_DAYS)
    if end < lower:
        return Dating(lower, upper, "inferred", "inconsistent bounds: written after its latest possible date",
                      evidence)
    days = [lower + timedelta(n) for n in range((end - lower).days + 1)]
    for c in constraints:
        kept = [d for d in days if c.test(d)]
        if not kept:
            evidence.append({**c.span, "rule": c.rule + " (inconsistent with the rest, ignored)"})
        elif len(kept) < len(days):
            days = kept
            evidence.append({**c.span, "rule": c.rule})
    latest = None if open_end and days[-1] == end else days[-1]
    return Dating(days[0], latest, "inferred", "days consistent with the dated expressions", evidence)


def date_articles(corpus, annotations, clusters: pd.DataFrame | None = None,
                  timexes: dict | None = None) -> dict[str, dict[str, Dating]]:
    """Story and capture dates of every article: ``{article_id: {"story": Dating, "capture": Dating}}``.

    ``timexes``: temporal expressions by sentence id (the case's layer), found here when not given.
    """
    segments, sentences = annotations.segments, annotations.sentences
    roles = segments.set_index("segment_id").role
    with_roles = sentences.assign(role=sentences.segment_id.map(roles))
    sentences_of = dict(iter(with_roles.groupby("article_id", sort=False)))
    page_dates = annotations.page_dates
    page_dates_of = dict(iter(page_dates.groupby("article_id", sort=False)))
    result = {}
    for article in corpus:
        mine = sentences_of.get(article.id, with_roles.iloc[:0])
        story = stated_date(article, page_dates_of.get(article.id, page_dates.iloc[:0])) or \
            infer_date(article, mine[mine.role.isin(STORY_ROLES)], timexes)
        foreign = mine[mine.role == "foreign"]
        header = page_dates_of.get(article.id, page_dates.iloc[:0])
        header = header[header.kind == "page header"]
        capture = infer_date(article, foreign, timexes) if len(foreign) else Dating(rule="no foreign text on the page")
        if capture.how == "inferred":
            capture.rule = "glued-on text about other stories: " + capture.rule
        for row in header.sort_values("start").itertuples():
            days = sorted(date.fromisoformat(r) for r in row.readings.split(";") if r and not r.startswith("--"))
            if days:
                capture = Dating(days[0], days[-1], "stated", "date in the site's header (the day the page was shown)",
                                 [{"start": int(row.start), "end": int(row.end), "text": row.text,
                                   "rule": "page header"}])
                break
        result[article.id] = {"story": story, "capture": capture}
    if clusters is not None:
        _inherit(result, clusters)
    return result


def _inherit(result: dict[str, dict[str, Dating]], clusters: pd.DataFrame) -> None:
    """A copy without a stated date takes the stated date of its cluster siblings."""
    for _, group in clusters.groupby("cluster"):
        members = sorted(group.article_id)
        stated = [m for m in members if result[m]["story"].how == "stated"]
        if not stated:
            continue
        earliest = min(result[m]["story"].earliest for m in stated)
        latest = max(result[m]["story"].latest for m in stated)
        for member in members:
            own = result[member]["story"]
            if own.how == "stated":
                continue
            note = f"inherited from {', '.join(stated)} (stated), the same story in its duplicate cluster"
            if own.how == "inferred":
                agrees = (own.earliest <= latest) and (own.latest is None or earliest <= own.latest)
                note += f"; its own text allows {own.earliest} to {own.latest or 'open'}" + ("" if agrees else
                                                                                                 " (disagrees)")
            evidence = [{**e, "article_id": m} for m in stated for e in result[m]["story"].evidence]
            evidence += [{**e, "article_id": member} for e in own.evidence]
            result[member]["story"] = Dating(earliest, latest, "inherited", note, evidence)


DATING_COLUMNS = ["article_id", "kind", "earliest", "latest", "how", "rule", "evidence"]


def dating_table(dates: dict[str, dict[str, Dating]]) -> pd.DataFrame:
    """Every article's story and capture :class:`Dating` as rows (``evidence`` as JSON): the case's layer."""
    rows = [{"article_id": a, "kind": kind, "earliest": d.earliest.isoformat() if d.earliest else None,
             "latest": d.latest.isoformat() if d.latest else None, "how": d.how, "rule": d.rule,
             "evidence": json.dumps(d.evidence, ensure_ascii=False)}
            for a, both in dates.items() for kind, d in both.items()]
    return pd.DataFrame(rows, columns=DATING_COLUMNS)


def dates_from_table(frame: pd.DataFrame) -> dict[str, dict[str, Dating]]:
    """The inverse of :func:`dating_table`."""
    result: dict[str, dict[str, Dating]] = {}
    for r in frame.itertuples():
        day = lambda v: date.fromisoformat(v) if isinstance(v, str) else None  # noqa: E731
        result.setdefault(r.article_id, {})[r.kind] = Dating(day(r.earliest), day(r.latest), r.how, r.rule,
                                                             json.loads(r.evidence))
    return result


def dates_table(dates: dict[str, dict[str, Dating]]) -> pd.DataFrame:
    """One row per article: story and capture dates with how and the rule (the table of notebook 04)."""
    return pd.DataFrame([{"article_id": a, **d["story"].as_dict("story"), **d["capture"].as_dict("capture")}
                         for a, d in dates.items()])
