"""When was a story written, and when was its page captured? Dates with their evidence.

A **stated** date comes from a date line the page shows ("Published : 6 Feb 2023", "date
2019-12-05 Fast News", a dateline's day with its year; ``wiretrace.datelines`` finds and parses
them) or the page's metadata. Otherwise the story date is **inferred** as the days consistent with
what the text says (:func:`infer_date`): a past event named with its year, a dated photo in a
caption or a dated post the page embeds, bounds it below; a planned one above; a weekday named with its day and month pins the
week; expressions relative to the writing day must resolve consistently. An end nothing bounds
is ``None`` (unknown), never a guess; dated reference events count only from a profile
(``reference_events.csv`` is empty in the library).

Copies in one duplicate cluster carry one story: a copy without a date of its own **inherits**
its dated siblings' date and says so; a dated copy that another copy's earlier date shows to be
a reprint gets its **news** days too (from that date to its own). Text glued onto a page from
other stories (``foreign`` segments) dates the **capture** of the page, never the story. Captions
date their photos only.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import pandas as pd

from . import roles
from .annotate import rows_of
from .corpus import published_day
from .progress import steps
from .records import by_article
from .resources import cached, table
from .segments import EMBEDDED_POST
from .timex import TimexMatch, find_timexes
from .timex_values import Parts, words

STORY_ROLES = roles.STORY


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


def stated_date(article, page_dates) -> Dating | None:
    """The date the page states for its story (its ``page_dates`` rows), or its metadata's.

    A numeric date whose day and month orders both make sense gives the interval between its two
    readings, not a guess; a day without a year is not a stated date (inference may use it).
    """
    rows = rows_of(page_dates)
    for kind in STATED_KINDS:
        for row in (r for r in rows if r.kind == kind):
            days = sorted(date.fromisoformat(r) for r in row.readings.split(";") if r and not r.startswith("--"))
            if not days:
                continue
            span = {"start": int(row.start), "end": int(row.end), "text": row.text, "rule": f"{kind} on the page"}
            rule = f"{kind} on the page" + ("" if len(days) == 1 else
                                            f" (day and month order ambiguous: {', '.join(map(str, days))})")
            return Dating(days[0], days[-1], "stated", rule, [span])
    day = published_day(article.meta.get("published", ""))
    if day is not None:
        return Dating(day, day, "stated", "page metadata (published)", [])
    return None


@dataclass
class _Constraint:
    span: dict
    rule: str
    test: object  # day -> bool


Days = list[tuple[date, date]]  # disjoint, sorted intervals of candidate days
# Days within which a weekday said without "last"/"next" is the story's own week: "said on Monday"
# is the Monday of the last seven days, "will meet on Friday" the Friday of the next seven.
WEEK = 6
CHECK_DAYS = 1100  # relative expressions are checked day by day only on a window this short (three years)


def infer_date(article, sentences, timexes: dict | None = None,
               dated_furniture=None, context: tuple[date, date] | None = None) -> Dating:
    """The days the text of ``sentences`` (a DataFrame or a list of rows with sentence_id/start/text) can
    have been written on.

    Evidence, each with its span: a past event named with its year bounds the story below (so does
    a date in ``dated_furniture``: a photo's caption, an embedded post's attribution), a planned
    one above; a weekday named with its day and month
    ("Tuesday (March 30)", "Tuesday 10 July") pins the week the story was written in, the year
    coming from the other bounds; "today (Tuesday)" pins the weekday; then expressions relative to
    the writing day ("last April", "on Wednesday") must resolve consistently, checked on a short
    window only. An end that nothing bounds stays ``None`` (unknown). ``timexes``: the sentences'
    temporal expressions by sentence id, when already found. ``context`` (the days the corpus's
    other articles are dated within, widened) places a weekday named with its day and month in a
    text that names no year, when exactly one year of the context has that day on that weekday.
    """
    lower, upper, evidence = None, None, []
    pins, weekdays, constraints = [], [], []

    def raise_lower(day: date, span: dict, rule: str) -> None:
        nonlocal lower
        if lower is None or day > lower:
            lower = day
            evidence.append({**span, "rule": rule})

    def cut_upper(day: date, span: dict, rule: str) -> None:
        nonlocal upper
        if upper is None or day < upper:
            upper = day
            evidence.append({**span, "rule": rule})

    for sent in rows_of(dated_furniture if dated_furniture is not None else []):
        what = "photo in a caption" if sent.role == "caption" else "post the page embeds"
        for m in _found(sent, timexes):
            t = m.resolve(None)
            if m.absolute and t is not None and t.type == "DATE" and t.earliest:
                raise_lower(t.earliest, _span(sent, m), f"dated {what} ({t.value}): published after it")
    for sent in rows_of(sentences):
        found = _found(sent, timexes)
        for i, m in enumerate(found):
            t = m.resolve(None)
            if t is None:
                continue
            span = _span(sent, m)
            pin = _weekday_pin(found, i, sent.text)
            if pin is not None:
                pins.append((span, *pin))
            elif m.rule == "day_offset" and (wd := _weekday_after(found, i, sent.text)) is not None:
                weekdays.append((span, wd, m.match.group(0).lower()))
            elif m.absolute and t.type == "DATE" and t.earliest:
                if m.tense == "past":
                    raise_lower(t.earliest, span, f"past event named with its year ({t.value}): written after it began")
                elif m.tense == "future":
                    cut_upper(t.latest, span, f"planned event ({t.value}): written before it ended")
            elif t.type == "DATE" and m.tense in ("past", "future") and not m.deictic and not m.absolute:
                constraints.append(_Constraint(span, f"{m.tense} '{m.match.group(0)}' resolves consistently",
                                               _tense_test(m)))
        for event in reference_events():
            if not (hit := event.pattern.search(sent.text)):
                continue
            span = {"start": sent.start + hit.start(), "end": sent.start + hit.end(), "text": hit.group(0)}
            if event.kind == "event":
                raise_lower(event.earliest, span, f"mentions {event.description} ({event.earliest}): written after it")
            elif event.kind == "planned":
                raise_lower(event.earliest, span, f"plans {event.description}: announced {event.earliest}")
                cut_upper(event.latest - timedelta(1), span, f"plans {event.description}: written before {event.latest}")
            elif dated := [m for m in found if (t := m.resolve(None)) is not None and t.type == "DATE"]:
                constraints += [_Constraint(span, f"date of a sentence naming {event.description} "
                                            f"({event.earliest} to {event.latest})", _within(m, event)) for m in dated]
            else:
                before = len(evidence)
                raise_lower(event.earliest, span, f"names {event.description}: written after {event.earliest}")
                cut_upper(event.latest, span, f"names {event.description}: written before {event.latest}")
                if len(evidence) == before:
                    evidence.append({**span, "rule": f"names {event.description}: written between "
                                                     f"{event.earliest} and {event.latest} (agrees)"})
    if lower is None and upper is None and pins and context is not None:
        return _pinned_in_context(pins, context, evidence)
    if lower is None and upper is None:
        return Dating(rule="no dated event to reason from", evidence=evidence)
    days: Days = [(lower or date.min, upper or date.max)]
    if lower is not None and upper is not None and upper < lower:
        return Dating(rule=f"inconsistent evidence: written after {lower} and before {upper}; both kept as evidence",
                      evidence=evidence)
    for span, rule, candidates in pins:
        kept = _intersect(days, candidates(days))
        if kept:
            days = kept
            evidence.append({**span, "rule": rule})
        else:
            evidence.append({**span, "rule": rule + " (inconsistent with the rest, ignored)"})
    bounded = days[0][0] != date.min and days[-1][1] != date.max
    if bounded and sum((b - a).days + 1 for a, b in days) <= CHECK_DAYS:
        candidates = [a + timedelta(n) for a, b in days for n in range((b - a).days + 1)]
        tests = [(span, f"the story is written on a {wd_name} ('{word}')", _weekday_test(wd, word))
                 for span, (wd, wd_name), word in weekdays]
        tests += [(c.span, c.rule, c.test) for c in constraints]
        for span, rule, test in tests:
            kept = [d for d in candidates if test(d)]
            if not kept:
                evidence.append({**span, "rule": rule + " (inconsistent with the rest, ignored)"})
            elif len(kept) < len(candidates):
                candidates = kept
                evidence.append({**span, "rule": rule})
        days = [(candidates[0], candidates[-1])]
    earliest = days[0][0] if days[0][0] != date.min else None
    latest = days[-1][1] if days[-1][1] != date.max else None
    return Dating(earliest, latest, "inferred", "days consistent with the dated expressions", evidence)


def _pinned_in_context(pins: list, context: tuple[date, date], evidence: list) -> Dating:
    """A text with no year, dated by a weekday named with its day and month ("Tuesday (March 23)")
    placed in the one year of ``context`` where that day is that weekday; unknown when none or
    several years fit."""
    years = [(date(y, 1, 1), date(y, 12, 31)) for y in range(context[0].year, context[1].year + 1)]
    for span, rule, candidates in pins:
        fits = [window for y0, y1 in years if (window := candidates([(max(y0, context[0]), min(y1, context[1]))]))]
        if len(fits) == 1:
            (earliest, latest), = fits[0]
            note = f"the only year within the corpus's dates ({context[0]} to {context[1]})"
            return Dating(earliest, latest, "inferred", f"{rule.replace('the first year the other evidence allows', note)}",
                          evidence + [{**span, "rule": f"{rule} ({note})"}])
    return Dating(rule="no dated event to reason from (a weekday with its day names no year the corpus's dates "
                       "settle)", evidence=evidence)


def _found(sent, timexes) -> list[TimexMatch]:
    return timexes[sent.sentence_id] if timexes is not None else find_timexes(sent.text)


def _intersect(a: Days, b: Days) -> Days:
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday_pin(found: list[TimexMatch], i: int, text: str):
    """A weekday named with its day and month, as (rule, candidates(days) -> Days), or None.

    "Tuesday 10 July", "on Tuesday (March 30)", "Monday (February 6, 2023)": the day is one whose
    weekday matches, in a year the other evidence allows; said in the past, the story is written
    in the week after it ("last Monday": the two weeks after), planned, in the week before.
    """
    m = found[i]
    parts = None
    if m.rule == "weekday_date":
        parts, weekday = Parts(m.match, None, m.tense, 0), m.match.group("wday")
        rel = None
    elif m.rule == "weekday" and i + 1 < len(found):
        n = found[i + 1]
        if n.rule in ("month_day", "day_month", "month_day_year", "day_month_year") and \
                re.fullmatch(r"\s*[(,]\s*", text[m.end:n.start]):
            parts, weekday, rel = Parts(n.match, None, m.tense, 0), m.match.group("wday"), m.match.group("rel")
    if parts is None or parts.month is None or parts.day is None:
        return None
    wd = int(words("weekday")[weekday.lower()])
    month, day, year = parts.month, parts.day, parts.year
    rel = (rel or "").lower()
    if rel == "last":
        after = (1, 2 * WEEK + 1)
    elif rel == "next" or m.tense == "future":
        after = (-2 * WEEK - 1, -1) if rel == "next" else (-WEEK, 0)
    elif m.tense == "past":
        after = (0, WEEK)
    else:
        after = (-WEEK, WEEK)
    label = f"{_WEEKDAY_NAMES[wd]} {month:02d}-{day:02d}"

    def candidates(days: Days) -> Days:
        lo = days[0][0] if days[0][0] != date.min else None
        hi = days[-1][1] if days[-1][1] != date.max else None
        if year is not None:
            years = [year]
        elif lo is None and hi is None:
            return days  # no year to put the day in: leave the candidates as they are
        elif lo is not None:  # the first fitting year from the earliest evidence on (a day written
            years = range(lo.year - 1, (hi.year if hi else lo.year + 28) + 1)  # without its year is the story's own)
        else:
            years = range(hi.year + 1, hi.year - 28, -1)
        for y in years:
            try:
                day_ = date(y, month, day)
            except ValueError:
                continue
            window = (day_ + timedelta(after[0]), day_ + timedelta(after[1]))
            if day_.weekday() == wd and _intersect(days, [window]):
                return [window]
        return []

    when = {(0, WEEK): "in the week after it", (1, 2 * WEEK + 1): "in the two weeks after it",
            (-WEEK, 0): "in the week before it", (-2 * WEEK - 1, -1): "in the two weeks before it"}.get(after, "within a week of it")
    year_note = "" if year is not None else " (in the first year the other evidence allows where it falls on that weekday)"
    return f"'{m.match.group(0)}' is a {label}{year_note}: written {when}", candidates


def _weekday_after(found: list[TimexMatch], i: int, text: str):
    """The weekday in parentheses after 'today'/'yesterday'/'tomorrow' ("today (Tuesday)"): (weekday, name)."""
    if i + 1 >= len(found) or found[i + 1].rule != "weekday" or found[i + 1].match.group("rel"):
        return None
    if not re.fullmatch(r"\s*[(,]\s*", text[found[i].end:found[i + 1].start]):
        return None
    wd = int(words("weekday")[found[i + 1].match.group("wday").lower()])
    return wd, _WEEKDAY_NAMES[wd]


def _weekday_test(weekday: int, word: str):
    offset = {"yesterday": 1, "tomorrow": -1}.get(word.split()[0], 0)
    return lambda day: (day - timedelta(offset)).weekday() == weekday


def _within(m: TimexMatch, event: ReferenceEvent):
    def test(day: date) -> bool:
        t = m.resolve(day)
        return t is None or t.earliest is None or (t.earliest <= event.latest
                                                    and (t.latest is None or event.earliest <= t.latest))
    return test


def _span(sent, m: TimexMatch) -> dict:
    return {"start": sent.start + m.start, "end": sent.start + m.end, "text": m.match.group(0)}


def _tense_test(m: TimexMatch):
    m = replace(m, firm=True)  # the question is whether the tense allows this day: let the tense decide

    def test(day: date) -> bool:
        t = m.resolve(day)
        if t is None or t.earliest is None:
            return True
        if m.tense == "past":  # an open end ("the future": from the day on) only says where it starts
            return (t.latest if t.latest is not None else t.earliest) <= day
        return t.earliest > day
    return test


def date_articles(corpus, annotations, clusters: pd.DataFrame | None = None,
                  timexes: dict | None = None) -> dict[str, dict[str, Dating]]:
    """Story and capture dates of every article: ``{article_id: {"story": Dating, "capture": Dating}}``
    (and ``"news"``: the days a reprint's news is from, when an earlier copy shows it is one).

    ``timexes``: temporal expressions by sentence id (the case's layer), found here when not given.
    Three steps, each of which a Dask engine can run on parts of the corpus: each page's own
    evidence (:func:`own_dates`); undated pages again, within the days the corpus's dated pages
    span (:func:`corpus_days`, :func:`date_in_context`); copies inherit (needs the clusters).
    """
    sentences_of = _sentences_of(annotations)  # made once for the three steps
    result = own_dates(corpus, annotations, timexes, sentences_of)
    context = corpus_days(result)
    if context is not None:
        result.update(date_in_context(corpus, annotations, result, context, timexes, sentences_of))
    if clusters is not None:
        inherit_dates(result, clusters, annotations, timexes, sentences_of)
    return result


def _sentences_of(annotations) -> dict[str, list]:
    """The sentences of each article with their segment's role and rule (one pass: per-article
    DataFrame slicing costs more than dating)."""
    segments = annotations.segments.set_index("segment_id")
    segment_ids = annotations.sentences.segment_id
    with_roles = annotations.sentences.assign(role=segment_ids.map(segments.role),
                                              segment_rule=segment_ids.map(segments.rule))
    return by_article(with_roles)


def _dated_furniture(sentences: list) -> list:
    """The furniture whose dates the page was published after: captions (their photos) and the
    attribution lines of embedded posts ("— Name (@handle) May 2, 2024")."""
    return [r for r in sentences if r.role == "caption" or r.segment_rule == EMBEDDED_POST]


def own_dates(corpus, annotations, timexes: dict | None = None,
              sentences_of: dict | None = None) -> dict[str, dict[str, Dating]]:
    """Each article's story and capture date from its own page alone (date lines, its text);
    ``sentences_of``: :func:`_sentences_of` of ``annotations``, when already made."""
    sentences_of = sentences_of if sentences_of is not None else _sentences_of(annotations)
    page_dates_of = by_article(annotations.page_dates)
    result = {}
    for article in steps(corpus, len(corpus), "dating"):
        mine = sentences_of.get(article.id, [])
        page_dates = page_dates_of.get(article.id, [])
        story = stated_date(article, page_dates) or \
            infer_date(article, [r for r in mine if r.role in STORY_ROLES], timexes, _dated_furniture(mine))
        foreign = [r for r in mine if r.role == "foreign"]
        capture = infer_date(article, foreign, timexes) if foreign else Dating(rule="no foreign text on the page")
        if capture.how == "inferred":
            capture.rule = "glued-on text about other stories: " + capture.rule
        for row in sorted((r for r in page_dates if r.kind == "page header"), key=lambda r: r.start):
            days = sorted(date.fromisoformat(r) for r in row.readings.split(";") if r and not r.startswith("--"))
            if days:
                capture = Dating(days[0], days[-1], "stated", "date in the site's header (the day the page was shown)",
                                 [{"start": int(row.start), "end": int(row.end), "text": row.text,
                                   "rule": "page header"}])
                break
        result[article.id] = {"story": story, "capture": capture}
    return result


def date_in_context(corpus, annotations, result: dict[str, dict[str, Dating]], context: tuple[date, date],
                    timexes: dict | None = None, sentences_of: dict | None = None) -> dict[str, dict[str, Dating]]:
    """The articles of ``corpus`` that ``result`` leaves undated, dated again within ``context``
    (the corpus's days: a weekday or month-day then names one day); only those that get a date."""
    sentences_of = sentences_of if sentences_of is not None else _sentences_of(annotations)
    dated = {}
    for article in corpus:
        story = result[article.id]["story"]
        if story.earliest is None and story.latest is None:
            mine = sentences_of.get(article.id, [])
            found = infer_date(article, [r for r in mine if r.role in STORY_ROLES], timexes,
                               _dated_furniture(mine), context)
            if found.earliest is not None:
                dated[article.id] = {**result[article.id], "story": found}
    return dated


CORPUS_SPAN_DAYS = 731  # the corpus's dated articles within two years: one story, whose other texts share its year(s)


def corpus_days(result: dict[str, dict[str, Dating]]) -> tuple[date, date] | None:
    """The days the corpus's dated articles span, widened by a year each way, when they lie within
    ``CORPUS_SPAN_DAYS`` (a corpus on one story); None otherwise or when none is dated."""
    bounded = [d["story"] for d in result.values() if d["story"].earliest and d["story"].latest]
    if not bounded:
        return None
    lo, hi = min(d.earliest for d in bounded), max(d.latest for d in bounded)
    if (hi - lo).days > CORPUS_SPAN_DAYS:
        return None
    return lo - timedelta(365), hi + timedelta(365)


CLOCK_RULES = ("time", "clock_zone", "clock_word")
INHERITED_INFERENCE_DAYS = 7  # with no stated copy, a copy inferred to within a week dates its cluster  # timex rules that name an hour but no day


def inherit_dates(result: dict[str, dict[str, Dating]], clusters: pd.DataFrame, annotations,
                  timexes: dict | None = None, sentences_of: dict | None = None) -> None:
    """A copy without a stated date takes its dated copies' date as the day its text existed by
    (with no stated copy, the date of a copy inferred to within ``INHERITED_INFERENCE_DAYS``).

    A copy's words were written once, by its source: the dated copies say the text existed by
    their (latest) date; the events the copy itself tells in the past, placed against that date
    ("on Monday"), say it was written after them. So the copy is dated from its own reported
    events to its copies' date: a reprint dated a day after its source still contains the source's
    day. With no such event, the copies' dates are the interval.
    """
    sentences_of = sentences_of if sentences_of is not None else _sentences_of(annotations)
    story_sentences = {a: [r for r in rows if r.role in STORY_ROLES] for a, rows in sentences_of.items()}
    for _, group in clusters.groupby("cluster"):
        members = sorted(group.article_id)
        stated = [m for m in members if result[m]["story"].how == "stated"] or \
            [m for m in members if result[m]["story"].how == "inferred" and result[m]["story"].latest is not None
             and result[m]["story"].earliest is not None
             and (result[m]["story"].latest - result[m]["story"].earliest).days <= INHERITED_INFERENCE_DAYS]
        if not stated:
            continue
        earliest = min(result[m]["story"].earliest for m in stated)
        latest = max(result[m]["story"].latest for m in stated)
        for member in members:
            own = result[member]["story"]
            if own.how == "stated" and own.earliest and own.earliest > earliest:
                result[member]["news"] = _news_of_a_reprint(own, earliest, [m for m in stated if m != member], result)
            if own.how == "stated" or member in stated:
                continue
            how = result[stated[0]]["story"].how
            note = f"inherited from {', '.join(stated)} ({how}), the same story in its duplicate cluster"
            evidence = [{**e, "article_id": m} for m in stated for e in result[m]["story"].evidence]
            lower, told = _latest_past_event(story_sentences.get(member, []), timexes, earliest)
            if told is not None and lower < earliest:
                note += f"; its text tells '{told['text']}' ({lower}) in the past: written after it"
                evidence.append({**told, "article_id": member, "rule": "past event placed against its copies' date"})
                start = lower
            else:
                start = earliest
            if own.how == "inferred":
                agrees = (own.earliest is None or own.earliest <= latest) and (own.latest is None or start <= own.latest)
                note += f"; its own text allows {own.earliest or 'open'} to {own.latest or 'open'}" + \
                    ("" if agrees else " (disagrees)")
            evidence += [{**e, "article_id": member} for e in own.evidence]
            result[member]["story"] = Dating(start, latest, "inherited", note, evidence)


def _news_of_a_reprint(own: Dating, earliest: date, copies: list[str], result) -> Dating:
    """The days a dated copy's news is from when another copy of its text is dated earlier: a
    digest of Wednesday reprinting Tuesday's report tells Tuesday's news, at the latest its own."""
    source = [m for m in copies if result[m]["story"].earliest == earliest]
    return Dating(earliest, own.latest, "inherited",
                  f"the same text is dated {earliest} in {', '.join(source)}: its news is from then to its own date",
                  [{**e, "article_id": m} for m in source for e in result[m]["story"].evidence])


def _latest_past_event(sentences: list, timexes: dict | None, anchor: date) -> tuple[date | None, dict | None]:
    """The latest day that the relative dates a text tells in the past ("on Monday") fall on,
    placed against ``anchor``, with its span; (None, None) when there is none."""
    best, span = None, None
    for sent in sentences:
        for m in _found(sent, timexes):
            if m.absolute or m.deictic or m.tense != "past" or m.rule in CLOCK_RULES:
                continue  # a clock time ("at 1025 GMT") names no day: it is put on the anchor's
            t = m.resolve(anchor)
            if t is None or t.type not in ("DATE", "TIME") or t.earliest is None or t.latest is None \
                    or t.latest > anchor:
                continue
            if t.earliest == t.latest and (best is None or t.latest > best):
                best, span = t.latest, _span(sent, m)
    return best, span


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
