"""Figure reconciliation: every numeric claim, who made it, as of when, and whether claims agree.

``extract_figures`` finds numbers in digits, money, ranges ("between 600 to 800", "600-800"),
bounds ("up to 800", "more than 20,000"), vague quantities ("hundreds", "more than a dozen":
``data/vague_quantities.csv``), durations ("3-month") and ranks ("fourth-largest"); normalises
each to an interval ``[low, high]`` with its qualifier; says what is counted (the noun phrase
after the number) and what it counts (:mod:`wiretrace.measures`); finds the claimant (a quote's
speaker, "according to X", "X said", "X has documented", "X revealed") and the as-of date (the
sentence's own date, else the story date). Claims in ``foreign`` or ``boilerplate`` text are
kept but marked and left out of reconciliation.

``reconcile`` collapses repeats of one claim carried by several copies of a story, then compares
the claims of each measure: ``consistent`` (intervals overlap), ``consistent_over_time`` (they
differ, as of different dates, with the later figure larger), ``down_over_time`` (the later
smaller: a fall, or a revision), ``conflict`` (disjoint intervals as of the same day or two),
``unknown_time`` (disjoint, but a claim's as-of date is unknown or spans more than two days, so
the two may be of different days), ``different_measure`` (alike, but counting something else).
"""
from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left
from datetime import date

import pandas as pd
from rapidfuzz import fuzz

from . import roles
from .dating import CLOCK_RULES
from .entities import person_titles, titled_person
from .measures import (NOT_PER_PLACE, alike_before, carry_forward, counted_phrase, measure_of, named_groups,
                       same_value_measures, same_value_places)
from .progress import steps
from .records import by_article
from .claimants import (claimant_of, clause_span, data_source_later, described_speaker,
                        identified_later, outlets_own)
from .quotes import said_after, speech_verbs, untitled
from .resources import cached, table, word_list
from .timex import find_timexes, matches_at_openings, trie, words as temporal_words

CLAIM_COLUMNS = ["claim_id", "article_id", "start", "end", "text", "sentence", "low", "high", "qualifier", "kind",
                 "counted", "measure", "measure_rule", "claimant", "as_of_earliest", "as_of_latest", "as_of_rule",
                 "role", "carriers"]
RECONCILE_COLUMNS = ["measure", "claim_a", "claim_b", "verdict", "reasons"]
EXCLUDED_ROLES = roles.NOT_RECONCILED  # other stories: kept, marked, not reconciled
NOT_CLAIMS = ("dateline", "byline")  # the page's date lines and credits hold dates and names, not claims
# digits grouped in thousands, in lakhs and crores (South Asian English: "1,05,505" is 105,505), or not at all
NUMBER = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALE = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3, "bln": 1e9, "mln": 1e6, "bn": 1e9,
         "mn": 1e6}
_SCALE_WORDS = "|".join(SCALE)
# a unit written against its number ("5km", "a 400m-long ship"): the number is a size; a bare "m"
# is a size only before -long/-high/...: "200m people" is a British 200 million
_GLUED_UNIT = r"(?:km|kg|cm|mm|mph|kph|km/h|sq\s?km|m(?=-(?:long|high|wide|tall|deep)\b))\b"
# qualifier, factor for the low end (None: the number itself), factor for the high end (None: the number).
# "More than 20,000" includes 20,000: reporters round, and a bound is not a claim of precision.
# "About 185" states 185: the claim keeps the number the text gives; the margin a rounded figure
# allows is the reconciler's (ROUNDING), not a bound the text stated.
BOUNDS = {"up to": ("up to", 0.0, None), "as many as": ("up to", 0.0, None), "more than": ("more than", None, math.inf),
          "over": ("more than", None, math.inf), "at least": ("at least", None, math.inf),
          "fewer than": ("fewer than", 0.0, None), "less than": ("fewer than", 0.0, None),
          "nearly": ("nearly", 0.9, 1.0), "almost": ("nearly", 0.9, 1.0), "about": ("about", None, None),
          "around": ("about", None, None), "some": ("about", None, None), "roughly": ("about", None, None),
          "approximately": ("about", None, None)}
ROUNDING = {"about": (0.9, 1.1)}  # qualifier: factors that widen a claim's interval when claims are compared


@cached
def _vague() -> tuple[tuple[str, float, float, str], ...]:
    rows = sorted(table("vague_quantities.csv"), key=lambda r: -len(r["phrase"]))
    return tuple((r["phrase"], float(r["low"]), float(r["high"]), r["qualifier"]) for r in rows)


def _number_values() -> dict[str, int]:
    return {w: int(v) for w, v in temporal_words("number").items() if v.isdigit() and w not in ("a", "an")}


@cached
def _grammar() -> re.Pattern:
    values = _number_values()
    tens = "|".join(w for w, v in values.items() if 20 <= v < 100 and v % 10 == 0)
    units = "|".join(w for w, v in values.items() if 1 <= v <= 9)
    number_words = f"(?:{tens})-(?:{units})|" + "|".join(  # "thirty-two" is one number, not 30 and 2
        sorted((w for w, v in values.items() if v > 1), key=len, reverse=True))
    num = rf"(?:{NUMBER})(?:\s+(?:{_SCALE_WORDS})\b)?"
    bound = "|".join(sorted(BOUNDS, key=len, reverse=True))
    vague = "|".join(re.escape(v[0]) for v in _vague())
    ordinals = "|".join(sorted(temporal_words("ordinal"), key=len, reverse=True))
    return re.compile(
        rf"(?P<money>(?:(?:US|C|A|S)?\$|€|£)\s?(?:(?P<mlo>{NUMBER})\s*(?:-|–|to)\s*(?P<mhi>(?:{NUMBER})(?:bn|m)\b|{num})"
        rf"|(?P<mnum>(?:{NUMBER})(?:bn|m)\b|{num}))"
        rf"|(?P<mnum2>{num})\s+(?P<cur>euros|dollars|pounds))"
        rf"|(?P<rank>\b(?P<ord>{ordinals}|\d+(?:st|nd|rd|th))"
        rf"-(?:largest|biggest|highest|smallest|lowest))"
        rf"|(?P<duration>\b(?P<dnum>\d+|{number_words})-(?P<unit>day|week|month|year)\b)"
        rf"|(?P<range>(?:\bbetween\s+)?(?P<lo>{num})\s*(?:-|–|to|and)\s*(?P<hi>{num})"
        rf"|\b(?P<wlo>{number_words})\s+(?:to|or)\s+(?P<whi>{number_words})\b)"  # "three to four days", "two or three"
        rf"|(?P<bound>\b(?P<bw>{bound})\s+(?P<bnum>{num}|{number_words})\b)"
        rf"|(?P<vague>\b(?:{vague})\b)"
        rf"|(?P<word>\b(?:{number_words})\b)"
        rf"|(?P<digits>(?<![\w.,])(?:{num})(?![\w])|(?<![\w.,$€£])(?:{NUMBER})(?={_GLUED_UNIT}))", re.I)


def _value(text: str) -> float:
    text = text.lower().replace(",", "")
    if m := re.fullmatch(r"(\d+(?:\.\d+)?)(bn|m)", text):  # "$9.6bn", "$400m"
        return float(m.group(1)) * (1e9 if m.group(2) == "bn" else 1e6)
    scale = next((v for k, v in SCALE.items() if text.endswith(" " + k)), 1)
    digits = text.split()[0]
    if "-" in digits:  # "thirty-two"
        return sum(_value(part) for part in digits.split("-"))
    if digits.replace(".", "").isdigit():
        return float(digits) * scale
    return float(temporal_words("number")[digits])


# a number in scientific notation ("1e308", "2.5E+6"): a machine's value, not a reporter's figure;
# read in part it would be a fragment ("308 dollars")
_SCIENTIFIC = re.compile(r"(?<![\w.])\d+(?:\.\d+)?e[+-]?\d+(?!\w)", re.I)
_PERCENT = re.compile(r"\s?(?:%|per\s?cent\b|percent\b)", re.I)


@cached
def _openings() -> re.Pattern:
    """Every place where a match of :func:`_grammar` can start: a digit, a currency sign (with the
    country letters before it), or the start of a word that opens an alternative (a number word, an
    ordinal, a bound, 'between', a vague quantity's first word). Zero-width, so every such place is
    found."""
    words = set(_number_values()) | set(temporal_words("ordinal")) | {b.split()[0] for b in BOUNDS} | {"between"}
    words |= {v[0].split()[0] for v in _vague()}
    return re.compile(rf"(?=[\d$€£]|(?:US|C|A|S)\$)|(?<!\w)(?={trie(sorted(w.lower() for w in words if w))})", re.I)


def _grammar_matches(text: str) -> list[re.Match]:
    """The matches of ``_grammar().finditer(text)``, found faster (:func:`timex.matches_at_openings`:
    scanning every character with the whole grammar was most of the cost of reading figures)."""
    return matches_at_openings(_grammar(), _openings(), text)


def parse_figures(text: str, timex_spans: list[tuple[int, int]] = ()) -> list[dict]:
    """The numeric expressions of one sentence: start, end, text, low, high, qualifier, kind."""
    found = []
    scientific = [m.span() for m in _SCIENTIFIC.finditer(text)]
    for m in _grammar_matches(text):
        if any(s < m.end() and m.start() < e for s, e in timex_spans) and not m.group("duration"):
            continue  # part of a date ("July 24, 2020", "in 2019")
        if any(s < m.end() and m.start() < e for s, e in scientific):
            continue
        if _age_or_clock(text, m.start(), m.end()) or _locates_a_place(text, m.start(), m.end()):
            continue
        if not m.group("money") and (_names_something(text, m.start(), m.end()) or _FRACTION_OF.match(text, m.end())):
            continue
        kind, qualifier, low, high = "count", "exact", None, None
        if m.group("money") and m.group("mhi"):  # "$14-15 million": the scale is both ends'
            kind, high = "money", _value(m.group("mhi"))
            low = _value(m.group("mlo")) * (high / _value(re.match(r"[\d,.]+", m.group("mhi")).group(0).rstrip(".")))
            qualifier = "range"
            if low > high:
                continue
        elif m.group("money"):
            kind, value = "money", _value(m.group("mnum") or m.group("mnum2"))
            low = high = value
        elif m.group("rank"):
            ordinal = m.group("ord").lower()
            value = float(re.match(r"\d+", ordinal).group(0) if ordinal[0].isdigit() else temporal_words("ordinal")[ordinal])
            kind, low, high = "rank", value, value
        elif m.group("duration"):
            kind, value = "duration", _value(m.group("dnum"))
            low = high = value
            qualifier = m.group("unit").lower()
        elif m.group("range"):
            if m.group("wlo") and m.start() > 0 and m.group("wlo")[0].isupper():
                continue  # "told the Seven to Eight programme": capitalised inside a sentence, a title
            low, high, qualifier = _value(m.group("lo") or m.group("wlo")), _value(m.group("hi") or m.group("whi")), "range"
            if low > high:
                continue
        elif m.group("bound"):
            qualifier, lo_f, hi_f = BOUNDS[m.group("bw").lower()]
            value = _value(m.group("bnum"))
            low = value * lo_f if lo_f is not None else value
            high = value * hi_f if hi_f not in (None, math.inf) else (math.inf if hi_f == math.inf else value)
            if qualifier == "fewer than":
                high = value - 1
        elif m.group("vague"):
            phrase = m.group("vague").lower()
            _, low, high, qualifier = next(v for v in _vague() if v[0] == phrase)
        else:
            raw = m.group("word") or m.group("digits")
            value = _value(raw)
            if m.group("digits") and 1900 <= value <= 2100 and "," not in raw:
                continue  # a year
            low = high = value
        if low == math.inf:
            continue  # hundreds of digits, beyond what a float holds: a code or a glitch, not a figure to compare
        low, high = _round(low), _round(high)
        if kind == "count" and _PERCENT.match(text, m.end()):
            kind = "percent"  # "10% of trade", "12 per cent": a share, never a count of things
        found.append({"start": m.start(), "end": m.end(), "text": m.group(0), "low": low, "high": high,
                      "qualifier": qualifier, "kind": kind})
    return found


_AGE_AFTER = re.compile(r"(?:-|\s)(?:years?|months?)(?:-|\s)old\b|-old\b", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged|ages|age of|as young as|as old as)\s+$", re.I)
# a person's age told with a verb, its clause ending there: "when she was 4.", "until he turned 18,"
_AGE_TOLD = re.compile(r"\b(?:he|she|I)\s+(?:was|is|turned|turns)\s+$", re.I)


@cached
def _speaker_named_before() -> re.Pattern:
    """A speech verb, then a name and a comma, ending the text: "..., said Ana Lode, "."""
    return re.compile(rf"\b(?:{speech_verbs()})\s+[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){{0,3}},\s*$")


def _age_or_clock(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] is an age ("a 25-year-old coach", "aged 11-16",
    "as young as 11", "Tarik Osmanov, 14, said", "said Ana Lode, 73.", "when she was 4.") or a clock
    time ("at 04:17"): never a claim."""
    after, before = text[end:end + 12], text[max(0, start - 40):start]
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
        return True
    if re.fullmatch(r"\d{1,3}", text[start:end]) and int(text[start:end]) <= 120 and (
            re.search(r"\b[A-Z][\w’'-]+,\s*$", before) and re.match(r"\s*,", after)
            or _speaker_named_before().search(before) and re.match(r"\s*(?:[.;]|$)", after)):
        return True  # an age in apposition to a name ("Tarik Osmanov, 14, said"; "said Ana Lode, 73.")
    if _AGE_TOLD.search(before) and re.match(r"\s*(?:[.,;!?]|$)", after):
        return True
    return bool(re.match(r":\d{2}\b", after) or re.search(r"\b\d{1,2}:$", before))


_DISTANCE = r"\s*(?:km|kilomet(?:er|re)s?|miles?|mi)\b"
_FROM_A_PLACE = re.compile(_DISTANCE + r"\)?\s*(?:\([^()]{1,30}\)\s*)?(?:(?:away|distant)\s+)?"
                           r"(?:from|(?:north|south|east|west)(?:-?(?:east|west))?(?:ward)?\s+of)\b", re.I)
_A_PLACE_BEFORE = re.compile(r"(?:\b[A-Z][\w’'-]+,|\b(?:city|town|village|region|district|province|port|capital)\s+"
                             r"(?:that|which)\s+(?:is|lies|was))\s*(?:(?:about|some|around|roughly|nearly|"
                             r"approximately|just|only)\s+)?$")


def _locates_a_place(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] is a distance that says where a place lies ("the
    town of Orsk, about 45 miles from the coast", "a village that is some 8 km (5 miles) away from
    the lake"): geography, not a claim. A distance told of what happened ("the search team was 2
    miles from the shaft") is a claim."""
    if not _FROM_A_PLACE.match(text, end):
        return False
    before = re.sub(r"[\d,.]+" + _DISTANCE + r"\s*\(\s*$", "", text[max(0, start - 80):start])  # "5 km (3 miles)"
    return _A_PLACE_BEFORE.search(before) is not None


# a number that names something rather than counts it: after a label word ("Flight 212", "No. 1",
# "Chapter 11": data/label_words.txt), glued by a hyphen to a short or camel-case capitalised code
# ("An-32", "MiG-29", "DC-9", "Covid-19"; not "Magnitude-7.8", a measure), or after one capitalised
# name and "the" or "a" ("the Boeing 747", "a Nasdaq 100 stock"): a model, a series, an index; not
# after a people's adjective ("a Danish 30% stake")
_NAMED_BY = re.compile(r"(?:\b(?:[A-Z][A-Za-z]{0,4}|[A-Z][a-z]*[A-Z][A-Za-z]*)-"
                       r"|\b(?:[Tt]he|[Aa]n?)\s+(?P<name>[A-Z][A-Za-z&]+)\s+)$")
# the numerator of a fraction in words ("two-thirds of the outflow"): a share, not a count of two
_FRACTION_OF = re.compile(r"-(?:thirds|quarters|fifths|sixths|sevenths|eighths|ninths|tenths)\b", re.I)


@cached
def _labelled() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(word_list("label_words.txt"), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{words})\s+$")


def _names_something(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] names something ("Flight 212", "No. 1", "the An-32",
    "the Boeing 747", "the Nasdaq 100") rather than counting it: never a claim. A number after a
    calendar word ("on a Monday 40 ...") or a people's adjective, or a percentage, is no name's."""
    before = text[max(0, start - 40):start]
    if _labelled().search(before):
        return True
    named = _NAMED_BY.search(before)
    if not named or _PERCENT.match(text, end) or set(re.findall(r"[A-Za-z]+", named.group(0))) & word_list(
            "calendar_words.txt"):
        return False
    return not (named.group("name") and _DEMONYM.search(named.group("name")))


def _round(value: float) -> float:
    return value if value in (math.inf, -math.inf) else round(value, 6)


def _figures_outside_dates(text: str) -> list[dict]:
    return parse_figures(text, [(t.start, t.end) for t in find_timexes(text)])


# A sentence that goes on with the one just before it ("These include 41 bulk carriers"), in its
# paragraph or opening the next: its figures come from the same source when it names none.
_CONTINUES = re.compile(r"\s*(?:these|those|they|of (?:these|them|those)|among (?:them|these|those)|that "
                        r"includes?|this includes?|there (?:is|are|was|were) also|it (?:also )?(?:said|says|added)|"
                        r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|some|most|many|all|none|both|each|"
                        r"several) of (?:the|them|these|those))\b", re.IGNORECASE)
def names_only(sentence: str, t) -> bool:
    """Whether the date ``t`` of ``sentence`` only names something ("Monday's quake", "the 1939
    earthquake", "since 2011") rather than saying when something happened."""
    after, before = sentence[t.end:t.end + 3], sentence[max(0, t.start - 7):t.start]
    since = sentence[max(0, t.start - 40):t.start]
    return bool(re.match(r"['’]s\b", after) or re.search(r"\bsince\b[^,;.]*$", since, re.I)
                or (re.search(r"\b(?:the|a|an)\s+$", before, re.I) and re.match(r"\s+[A-Za-z]", after)
                    and not re.match(r"\s+(?:and|or|to|of|in|at|on|when|as)\b", after)))


NEWS_DAY_LAG = 3  # days after its news a page may come out (a morning paper, a weekly round-up)
LEAD_ROLES = ("dateline", "standfirst", "body")


def news_day(sentences, timexes: dict | None, story) -> tuple[date, str] | None:
    """The day a page's news was told, when the page came out one to ``NEWS_DAY_LAG`` days after
    it: the first day its dateline or lead paragraph names ("ANKARA, Feb 6", "the governor said
    yesterday", "overnight"; a clock time names no day), or, further down, a day tied to a
    statement ("told reporters on Wednesday"), never one inside quotation marks; dates that only
    name something, future ones and the writing day itself (today, now) are passed over. With the
    day, the text that gave it; None when the page has no single-day date or its news is of the
    same day."""
    if story.earliest is None or story.earliest != story.latest:
        return None
    page = story.earliest
    ordered = sorted((s for s in sentences if s.role in LEAD_ROLES), key=lambda s: s.start)
    first_body = next((s.segment_id for s in ordered if s.role == "body"), None)
    for sent in ordered:
        lead = sent.role != "body" or sent.segment_id == first_body
        for t in (timexes[sent.sentence_id] if timexes is not None else find_timexes(sent.text)):
            r = t.resolve((page, page))
            if r is None or r.type not in ("DATE", "TIME") or t.rule in CLOCK_RULES or r.earliest is None \
                    or r.earliest != r.latest \
                    or t.tense == "future" or names_only(sent.text, t) or (t.deictic and r.earliest == page):
                continue
            quoted = in_quotation(sent.text, t.start)
            stated = re.search(rf"\b(?:{_speech_verbs()})\b", sent.text[max(0, t.start - 40):t.end + 40])
            if quoted or not (lead or stated):
                continue  # a quotation's day is its speaker's
            lag = (page - r.earliest).days
            if lag == 0 and sent.role == "dateline":
                continue  # the page's own date line
            return (r.earliest, t.match.group(0)) if 1 <= lag <= NEWS_DAY_LAG else None
    return None


def spoken_anchor(sentence: str, t, told: tuple[date, str] | None, anchor):
    """The anchor a relative date of ``sentence`` counts from: inside a quotation the day it was
    spoken, the page's news day when the page names one (a paper of Monday quoting "today we
    rescued four" of Sunday means Sunday); else the page's own date."""
    if told and not t.absolute and in_quotation(sentence, t.start):
        return told[0], told[0]
    return anchor


def in_quotation(sentence: str, at: int) -> bool:
    """Whether sentence[at] is inside quotation marks opened earlier in the sentence."""
    before = sentence[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


@cached
def _speech_verbs() -> str:
    return "|".join(sorted(word_list("speech_verbs.txt"), key=len, reverse=True))


_OTHER_CLAUSE = re.compile(r"\b(?:that|which|who|whose|where|after|since)\b|,\s*(?:and|but)\b", re.I)
# in a headline a comma joins two headlines: "4 rescued from cave, rest to follow Monday"
_OTHER_HEADLINE_CLAUSE = re.compile(_OTHER_CLAUSE.pattern + r"|,", re.I)
# a clock time restated in brackets, in another zone: "by 1900 local time (1am Wednesday Singapore time)"
_CLOCK_THEN_BRACKET = re.compile(r"\d(?:\s*(?:[ap]\.?m\.?|GMT|UTC|local time|hrs))\s*\(\s*$", re.I)
_DEADLINE = re.compile(r"\b(?:until|till)\s+(?:\w+\s+)?$", re.I)


def names_a_day(timex) -> bool:
    """Whether a resolved temporal expression names the day (or days) it is on: a date, or a time
    with its day ("late Monday night", "at 9 a.m. on Friday"), not a bare clock time ("at 10:25
    GMT", which takes the day written and says nothing of it)."""
    return timex.type == "DATE" or (timex.type == "TIME" and timex.rule not in CLOCK_RULES)


def attached_date(sentence: str, start: int, end: int, dated: list, clause: tuple[int, int],
                  headline: bool = False):
    """The date of the sentence that dates the figure at sentence[start:end], or None. Left out:
    dates that only name something ("the 1939 earthquake", "Monday's quake", "since 2011"), unless
    one comes before the figure in its own clause and no other date is there ("The 2021 census
    counted 40,000", but not "Monday's quake and 6,000 buildings"); a date after the figure beyond
    a relative pronoun or ", and" (it dates that clause: "40 divers joined the search in caves that
    flooded on Friday"; not "a 7.8 earthquake that struck on Monday", whose clause describes the
    figure's own noun); a deadline ("until Monday"); a relative date restated in brackets
    ("Tuesday (March 30)": the bracketed one stays); in a ``headline``, a date beyond a comma
    (it dates the second headline the comma joins on). Of the rest, one inside the figure's clause
    first, then the nearest. None when no date dates the figure (its page's date does)."""
    if not dated:
        return None

    def in_clause(t) -> bool:
        return clause[0] <= t.start and t.end <= clause[1]

    def elsewhere(t) -> bool:
        if _DEADLINE.search(sentence[:t.start]):
            return True
        if any(o is not t and o.start > t.end and re.fullmatch(r"\s*\(\s*", sentence[t.end:o.start]) for o in dated):
            return True  # restated in brackets
        if _CLOCK_THEN_BRACKET.search(sentence[:t.start]):
            return True  # the same moment in another time zone
        if t.start < end:
            return False
        between = sentence[end:t.start]
        other = (_OTHER_HEADLINE_CLAUSE if headline else _OTHER_CLAUSE).search(between)
        return other is not None and len(re.findall(r"[\w’'-]+", between[:other.start()])) > 3

    dated = [t for t in dated if not elsewhere(t)]
    kept = [t for t in dated if not names_only(sentence, t)] or \
        [t for t in dated if in_clause(t) and t.end <= start
         and not re.search(r"\b(?:and|or)\s+(?:[\w’'-]+\s+){0,2}$", sentence[t.end:start])]
    if not kept:  # every date only names something elsewhere ("..., its biggest disaster since 1939")
        return None
    inside = [t for t in kept if in_clause(t)]
    return min(inside or kept, key=lambda t: min(abs(t.start - end), abs(start - t.end)))


_NAMED_BY_DAY = re.compile(r"['’]s\s+((?:[a-z-]+\s+){0,2}[a-z]+)")  # "Monday's (major) earthquake"
_DAY_OF = re.compile(r"\bthe\s+([a-z]+)\s+(?:on|of)\s+$", re.I)  # "the quake on Monday"


def event_days(sentences, timexes: dict | None, told, anchor) -> list[tuple[object, set[str]]]:
    """The days a page gives events by naming them with their day ("Monday's earthquake", "the
    quake on Monday"): each resolved day with the nouns it names. Captions (their dates are
    their photos') are passed over."""
    found = []
    for sent in sentences:
        if sent.role == "caption" or sent.role in NOT_CLAIMS:
            continue
        for t in (timexes[sent.sentence_id] if timexes is not None else find_timexes(sent.text)):
            named = _NAMED_BY_DAY.match(sent.text, t.end) or _DAY_OF.search(sent.text[:t.start])
            r = named and t.resolve(spoken_anchor(sent.text, t, told, anchor))
            if r and r.earliest and r.earliest == r.latest and names_a_day(r):
                found.append((r, set(named.group(1).lower().split())))
    return found


def _same_noun(a: str, b: str) -> bool:
    """Whether two nouns name one thing, one being the other with a prefix ("quake", "earthquake")."""
    return min(len(a), len(b)) >= 4 and (a.endswith(b) or b.endswith(a))


def event_day(clause: str, days: list[tuple[object, set[str]]]):
    """The day the page gives the event a figure measures ("a 7.8 magnitude earthquake" on a page
    that says "Monday's earthquake" elsewhere): the one day named with a noun of the figure's
    clause, else None (none, or several days)."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", clause)}
    matching = {(r.earliest, r.latest): r for r, nouns in days
                if any(_same_noun(w, n) for w in words for n in nouns)}
    return next(iter(matching.values())) if len(matching) == 1 else None


def _quoted(quote: dict) -> tuple:
    """A quotation's speaker, at where the page names them: to order speakers by."""
    return quote["speaker_start"] or quote["start"], quote["speaker"]


def _said(mention: dict) -> tuple:
    """A name followed by a speech verb, at where it stands: to order speakers by."""
    return mention["start"], mention["canonical"] or mention["text"]


def _says(raw: str, mention: dict) -> bool:
    """Whether a mention of a person (or of a name the page does not know) is followed by a speech verb."""
    return (mention["type"] in ("person", None) or mention["canonical"] is None) and said_after(raw, mention["end"])


def _opens_as_subject(raw: str, mention: dict) -> bool:
    """Whether a mention is of a person that opens its sentence, alone or after title words ("Rescue
    chief Ana Lode refused ..."): a known person or a name of two words or more."""
    if not (mention["type"] == "person" or mention["type"] is None and len(str(mention["text"]).split()) >= 2):
        return False
    lead = ("\n" if mention["start"] <= 60 else "") + raw[max(0, mention["start"] - 60):mention["start"]]
    m = re.search(r"(?:[.!?][”\"’]?\s+|\n\s*)[“\"‘]?(?P<words>(?:[\w’'-]+\s+){0,3})$", lead)
    return bool(m and (not m.group("words") or person_titles().fullmatch(m.group("words").split()[-1])))


class SpansAt:
    """Spans (mentions) of an article looked up by where they start, without rescanning the article."""

    def __init__(self, spans: list[dict]):
        self.spans = spans
        self._by_start = sorted(range(len(spans)), key=lambda i: spans[i]["start"])
        self._starts = [spans[i]["start"] for i in self._by_start]

    def starting(self, start: int, end: int) -> list[dict]:
        """The spans that start in [start, end), in their list's order."""
        found = self._by_start[bisect_left(self._starts, start):bisect_left(self._starts, end)]
        return [self.spans[i] for i in sorted(found)]


class OpenQuotes:
    """The quotations of an article over each sentence, its sentences read in page order: each
    quotation is taken up when a sentence reaches its start and dropped once sentences are past its
    end, so a long article is read once, not once a sentence."""

    def __init__(self, quotes: list[dict]):
        self.quotes = quotes
        self._by_start = sorted(range(len(quotes)), key=lambda i: quotes[i]["start"])
        self._next, self._open = 0, []

    def over(self, start: int, end: int) -> list[dict]:
        """The quotations that overlap [start, end), in their list's order (``start`` never less than the last)."""
        while self._next < len(self._by_start) and self.quotes[self._by_start[self._next]]["start"] < end:
            self._open.append(self._by_start[self._next])
            self._next += 1
        self._open = [i for i in self._open if self.quotes[i]["end"] > start]
        return [self.quotes[i] for i in sorted(self._open)]


class ArticleSoFar:
    """What an article has said before a point as the point moves down it (to each sentence's start,
    in page order): the last mentions; the last speaker, the nearer of the last quotation's speaker
    and the last name followed by a speech verb ("Vrell told reporters"); the last person named as
    the subject of a sentence (who "he" or "she" is when nobody was said to speak before). Each
    mention and quotation is read once, when the point passes its end, so reading a long article
    is linear in its length, not quadratic."""

    EARLIER = 12  # mentions kept: a definite description or a short name looks back this far

    def __init__(self, raw: str, quotes: list[dict], mentions: list[dict]):
        self.raw, self.mentions = raw, mentions
        self._quotes = sorted((q for q in quotes if q["speaker"]), key=lambda q: q["end"])
        self._ends = sorted(range(len(mentions)), key=lambda i: mentions[i]["end"])  # mentions by end
        self._next_quote = self._next_mention = 0
        self._last = []  # a heap of the indices of the last mentions passed, in the page's list
        self._speaker = None  # (where, who) of the last speaker passed
        self._subject = None  # index of the last mention passed that opens a sentence as its subject

    def move_to(self, before: int) -> None:
        """Pass every mention and quotation that ends at or before offset ``before`` (never less than the last)."""
        while self._next_quote < len(self._quotes) and self._quotes[self._next_quote]["end"] <= before:
            self._heard(_quoted(self._quotes[self._next_quote]))
            self._next_quote += 1
        while self._next_mention < len(self._ends) and self.mentions[self._ends[self._next_mention]]["end"] <= before:
            i = self._ends[self._next_mention]
            x = self.mentions[i]
            (heapq.heappush if len(self._last) < self.EARLIER else heapq.heappushpop)(self._last, i)
            if _says(self.raw, x):
                self._heard(_said(x))
            if (self._subject is None or i > self._subject) and _opens_as_subject(self.raw, x):
                self._subject = i
            self._next_mention += 1

    def _heard(self, speaker: tuple) -> None:
        self._speaker = speaker if self._speaker is None else max(self._speaker, speaker)

    def earlier(self) -> list[dict]:
        """The last ``EARLIER`` mentions passed, in the page's order."""
        return [self.mentions[i] for i in sorted(self._last)]

    def speaker(self) -> str | None:
        return self._speaker[1] if self._speaker else None

    def subject(self) -> str | None:
        return untitled(str(self.mentions[self._subject]["canonical"] or self.mentions[self._subject]["text"])) \
            if self._subject is not None else None


def extract_figures(corpus, annotations=None, dates=None, clusters=None, timexes: dict | None = None) -> pd.DataFrame:
    """One row per numeric claim (see ``CLAIM_COLUMNS``; ``carriers`` is filled by :func:`reconcile`).

    Annotations, story dates, clusters and temporal expressions (by sentence id) are computed when
    not given; a :class:`wiretrace.case.Case` gives them once for every analysis.
    """
    annotations, dates, clusters = _context(corpus, annotations, dates, clusters, timexes)
    return claims_frame(claim_rows(corpus, annotations, dates, timexes))


_DEMONYM = re.compile(r"(?:ian|ean|can|ish|ese|i)$")  # "Velmoran", "Danish": an adjective, naming no place a count is in
_JOINED = re.compile(r"\b(?:and|&)\b|^\s*,\s*$")  # "in Velmora and Ostrava", "as Velmora, Ostrava count": together
_CONVERSION = re.compile(r"\(\s*[^()\d]{0,4}\d[\d,.]*\s*[^()]{0,12}\)")  # "(£4bn)", "(A$7.2 billion)", "(8 miles)"
_FROM_PLACE = re.compile(r"\b(?:from|near)\s+(?:the\s+)?$", re.I)  # "5 km from Velmora's border": a point of reference
_THE_NUMBER = re.compile(r"\b(?:the|all the)\s+$", re.I)


def _by_article(rows: list[dict]) -> dict[str, list]:
    """``rows`` (dicts) grouped by their article, each group in the rows' order."""
    grouped: dict[str, list] = {}
    for row in rows:
        grouped.setdefault(row["article_id"], []).append(row)
    return grouped


def claim_rows(corpus, annotations, dates, timexes: dict | None = None) -> list[dict]:
    """The claims of :func:`extract_figures` as rows, article by article (a Dask engine runs parts
    of a corpus apart and joins the rows)."""
    roles = annotations.segments.set_index("segment_id").role
    sentences = annotations.sentences.assign(role=annotations.sentences.segment_id.map(roles))
    mentions_of = _by_article(annotations.mentions.astype(object).where(annotations.mentions.notna(), None)
                              .to_dict("records"))
    quotes_of = _by_article(annotations.quotes.astype(object).where(annotations.quotes.notna(), None)
                            .to_dict("records"))
    # each article's sentences in the order of the text (one pass over the table: per-article
    # frames cost more than the figures read from them)
    sentences_of = by_article(sentences.sort_values(["article_id", "start"], kind="stable"))
    rows = []
    for article in steps(corpus, len(corpus), "figures"):
        story = dates[article.id]["story"]
        story_year = story.earliest.year if story.earliest and story.latest and \
            story.earliest.year == story.latest.year else None
        mine, my_quotes = mentions_of.get(article.id, []), quotes_of.get(article.id, [])
        previous_date, previous_claimant = None, (None, None)
        mine_sentences = sentences_of.get(article.id, [])
        told = news_day(mine_sentences, timexes, story)  # a figure with no date of its own is as of its news day
        reprint = dates[article.id].get("news")  # or as of the days its text is a reprint from
        default = (told[0], told[0]) if told else (reprint.earliest, reprint.latest) if reprint else \
            (story.earliest, story.latest)
        default_rule = f"the page's news day ('{told[1]}')" if told else \
            f"the days of the news it reprints ({reprint.rule})" if reprint else \
            f"the page's story date ({story.how})" if story.earliest or story.latest else \
            "unknown: the page's story date is unknown"
        first_row = len(rows)
        # the writing days a relative date counts from; none when an end is open (no pretending)
        anchor = (story.earliest, story.latest) if story.earliest and story.latest else None
        days = event_days(mine_sentences, timexes, told, anchor)
        so_far, placed = ArticleSoFar(article.raw, my_quotes, mine), SpansAt(mine)
        open_quotes = OpenQuotes(my_quotes)
        for n, sent in enumerate(mine_sentences):
            if sent.role in NOT_CLAIMS:
                continue  # a date line or byline: the page's dates and names, never a claim
            found = timexes[sent.sentence_id] if timexes is not None else find_timexes(sent.text)
            # dates are not claims; durations are ("trapped for nine days"), so they stay
            spans = [(t.start, t.end) for t in found if (r := t.resolve(None)) is None or r.type != "DURATION"]
            # a caption's date is its photo's: never the date a figure refers to
            dated = [] if sent.role == "caption" else \
                [r for t in found if (r := t.resolve(spoken_anchor(sent.text, t, told, anchor)))
                 and r.earliest and names_a_day(r)]
            local = [dict(x, start=x["start"] - sent.start, end=x["end"] - sent.start)
                     for x in placed.starting(sent.start, sent.end)]
            so_far.move_to(sent.start)
            earlier = so_far.earlier()
            numbers = parse_figures(sent.text, spans)
            he_or_she = (so_far.speaker() or so_far.subject()) if numbers else None
            previous_end, attributed, before, sentence_rows = 0, [], None, len(rows)
            quotes_here = open_quotes.over(sent.start, sent.end)
            for f in numbers:
                start, end = sent.start + f["start"], sent.start + f["end"]
                quote = next((q for q in quotes_here if q["start"] <= start < q["end"]), None)
                speaker = quote and quote["speaker"] and described_speaker(quote)
                claimant = claimant_of(sent.text, f["start"], f["end"], local, speaker, earlier, he_or_she)
                if claimant is None and previous_claimant[0] == n - 1 and _CONTINUES.match(sent.text):
                    claimant = previous_claimant[1]  # "... more than 160 vessels are waiting. These include 41 ..."
                counted = counted_phrase(sent.text, f["end"])
                lo, hi = clause_span(sent.text, f["start"], f["end"])
                own = 0  # "40 were killed and 310 injured": the second's own words start after "and"
                if previous_end > lo and (joined_by := list(re.finditer(r"\band\b", sent.text[previous_end:f["start"]]))):
                    own = previous_end + joined_by[-1].end() - previous_end
                lo = max(lo, previous_end)  # "killed 237 and injured 639": the second's clause starts after the first
                previous_end = f["end"]
                clause = sent.text[lo:hi]
                in_clause = [x for x in local if x["type"] == "place" and x["canonical"]
                             and lo <= x["start"] and x["end"] <= hi and sent.text[x["end"]:x["end"] + 1] != "$"
                             and not (f["start"] <= x["start"] < f["end"])]  # not "US" of "US$"
                for x in sorted(local, key=lambda x: x["start"]):  # "as Velmora, Ostrava count losses": a list the comma cut
                    if x["type"] == "place" and x["canonical"] and x not in in_clause and any(
                            re.fullmatch(r"\s*,\s*", sent.text[y["end"]:x["start"]]) for y in in_clause):
                        in_clause.append(x)
                joined = len({x["canonical"] for x in in_clause}) > 1 and _JOINED.search(
                    sent.text[min(x["end"] for x in in_clause):max(x["start"] for x in in_clause)])
                # several places joined by "and" count together ("in Turkey and Syria"); else the nearest
                places = [x["canonical"] for x in in_clause] if joined else \
                    [x["canonical"] for x in sorted(in_clause, key=lambda x: abs(x["start"] - f["start"]))[:1]]
                if not places:  # "In Velmora, 40 people died": the sentence's one place, if it names one
                    named_at = [x for x in local if x["type"] == "place" and x["canonical"]
                                and not (f["start"] <= x["start"] < f["end"])
                                and not (x["text"] != x["canonical"] and _DEMONYM.search(x["text"]))
                                and not _FROM_PLACE.search(sent.text[:x["start"]])]
                    named = {x["canonical"] for x in named_at}  # not "the Velmoran border" elsewhere in the sentence
                    together = len(named) > 1 and _JOINED.search(sent.text[
                        min(x["end"] for x in named_at):max(x["start"] for x in named_at)])
                    places = sorted(named) if len(named) == 1 or together else []  # "in A and B, ... killing 40"
                context = (previous_date or {}).get("text", "") + " " + sent.text
                if converted := _CONVERSION.match(sent.text, hi):  # "$5bn (£4bn) of goods a week": past the brackets
                    clause = sent.text[lo:clause_span(sent.text, converted.end(), converted.end())[1]]
                measure = measure_of(f["kind"], counted, context, clause, places, story_year, f["text"],
                                     lead=sent.text[:f["start"]], own=own)
                rule = "its own words" if measure else "nothing says what it counts"
                if not measure and f["kind"] == "count" and not counted and (
                        counts_before := [r for r in rows[sentence_rows:] if r["kind"] == "count"
                                          and r["measure"] and not r["measure"].startswith(NOT_PER_PLACE)]):
                    measure, rule = alike_before(counts_before[-1], f, sent.text[:f["start"]], clause)
                if claimant and speaker is None and outlets_own(sent.text, f, before, measure):
                    claimant = None
                before = f
                if claimant and "(" not in claimant and (holder := titled_person(article.raw, claimant)
                                                         or identified_later(article.raw, sent.start, sent.end, claimant, mine)
                                                         or data_source_later(article.raw, sent.end, claimant, mine)):
                    claimant = f"{claimant} ({holder})"  # "its chairman (Ana Lode)": the page names the holder
                if claimant:
                    attributed.append(claimant)
                # "40 died on Monday and 12 on Tuesday": the second's date is in its own words
                as_of = attached_date(sent.text, f["start"], f["end"], dated, (lo + own, hi),
                                      headline=sent.role == "headline")
                as_of_rule = as_of and f"the date its sentence gives it ('{as_of.text}')"
                if measure == "magnitude" and (day := event_day(clause, days)):
                    as_of = day  # a property of the event itself is as of the day the page gives the event
                    as_of_rule = f"the day the page gives the event it measures ('{day.text}')"
                if as_of is None and claimant and previous_date and any(n in claimant for n in previous_date["claimants"]):
                    as_of = previous_date["timex"]  # "..., according to the command": as of the command's dated statement
                    as_of_rule = f"the date of its claimant's statement before ('{as_of.text}')"
                rows.append({
                    "article_id": article.id, "start": start, "end": end, "text": article.raw[start:end],
                    "sentence": sent.text, "low": f["low"], "high": f["high"], "qualifier": f["qualifier"],
                    "kind": f["kind"], "counted": counted,
                    "measure": measure, "measure_rule": rule,
                    "claimant": claimant or "(the outlet)",
                    "as_of_earliest": (as_of.earliest if as_of else default[0]),
                    "as_of_latest": (as_of.latest if as_of else default[1]),  # None: unknown, not pretended
                    "as_of_rule": as_of_rule or default_rule,
                    "role": sent.role, "carriers": article.id, "_sentence": n, "_places": len(set(places)) > 1,
                    "_the": bool(_THE_NUMBER.search(sent.text[:f["start"]]))})
            previous_claimant = (n, attributed[-1]) if attributed else (None, None)
            if dated:
                names = {x["canonical"] for x in local if x["canonical"] and x["type"] in ("person", "organisation")}
                previous_date = {"timex": dated[0], "claimants": names, "text": sent.text}
        carry_forward(rows[first_row:])
    for row in rows:
        del row["_sentence"], row["_places"]
    return rows


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """The claims table of rows from :func:`claim_rows`, with ids and ISO as-of dates; a count
    that does not say where, or what it counts, takes the place or the measure the corpus's other
    counts of the same number agree on (:func:`wiretrace.measures.same_value_places`,
    :func:`~wiretrace.measures.same_value_measures`), and a bare "the 9" mentioned more than once
    names one group (:func:`~wiretrace.measures.named_groups`)."""
    same_value_places(rows)
    same_value_measures(rows)
    named_groups(rows)
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    if frame.empty:  # no claim at all: text columns stay text, so string methods work on them
        frame = frame.astype(object)
    frame["claim_id"] = [f"{a}:f{n:03d}" for a, n in zip(frame.article_id, frame.groupby("article_id").cumcount() + 1)]
    for column in ("as_of_earliest", "as_of_latest"):
        frame[column] = frame[column].map(lambda d: d.isoformat() if d is not None and not pd.isna(d) else None)
    return frame


def _context(corpus, annotations, dates, clusters, timexes):
    if annotations is None:
        from .annotate import annotate
        annotations = annotate(corpus)
    if clusters is None:
        from .reuse import clusters as cluster_table, find_duplicates
        clusters = cluster_table(corpus, find_duplicates(corpus, annotations=annotations))
    if dates is None:
        from .dating import date_articles
        dates = date_articles(corpus, annotations, clusters, timexes)
    return annotations, dates, clusters


def _records(claims: pd.DataFrame) -> list[dict]:
    """``claims.to_dict("records")`` (a table of text, integer and float columns), made from
    whole columns: pandas boxes every cell on its own, four times slower on 27,000 claims."""
    columns = list(claims.columns)
    return [dict(zip(columns, row)) for row in zip(*(claims[c].tolist() for c in columns))]


def collapse_repeats(claims: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct claim: repeats carried by copies of one story merge, listing every
    carrier (``carriers``) and the merged claims (``members``)."""
    cluster_of = dict(zip(clusters.article_id, clusters.cluster))
    rows, used = [], set()
    records = _records(claims)
    alike: dict[tuple, list[int]] = {}  # the same number in copies of one story: the only candidates
    for i, r in enumerate(records):
        if cluster_of.get(r["article_id"]) is not None:
            alike.setdefault((cluster_of[r["article_id"]], r["low"], r["high"], r["kind"]), []).append(i)
    for i, a in enumerate(records):
        if i in used:
            continue
        merged = [a]
        key = (cluster_of.get(a["article_id"]), a["low"], a["high"], a["kind"])
        for j in (j for j in alike.get(key, []) if j > i):
            b = records[j]
            if (j not in used and b["article_id"] not in {m["article_id"] for m in merged}
                    and fuzz.token_set_ratio(a["sentence"], b["sentence"]) >= 70):
                used.add(j)
                merged.append(b)
        rows.append({**a, "carriers": ";".join(sorted(m["article_id"] for m in merged)),
                     "members": ";".join(m["claim_id"] for m in merged)})
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS + ["members"])


def with_carriers(claims: pd.DataFrame, distinct: pd.DataFrame) -> pd.DataFrame:
    """``claims`` with the ``carriers`` of the distinct claim each one belongs to (empty when not reconciled)."""
    carriers = {member: row.carriers for row in distinct.itertuples() for member in row.members.split(";")}
    return claims.assign(carriers=claims.claim_id.map(lambda c: carriers.get(c, "")))


PAIRWISE_LIMIT = 50  # a measure with more claims compares each with its NEIGHBOURS nearest in time
NEIGHBOURS = 5
ALIKE_LIMIT = 20  # claims per measure and counted word compared across measures (different_measure)


def reconcile(claims: pd.DataFrame, clusters: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(distinct claims with carriers, verdicts): compare the claims of each measure pairwise.

    Claims in foreign or boilerplate text and claims with no measure take no part. Linear in the
    number of claims past a few dozen per measure: a measure with more than ``PAIRWISE_LIMIT``
    claims compares each claim with the ``NEIGHBOURS`` next in as-of order (its series,
    :func:`series`, shows them all in order); claims of different measures are compared when they
    count alike things (a counted word in common), up to ``ALIKE_LIMIT`` claims per measure and word.
    """
    usable = claims[~claims.role.isin(EXCLUDED_ROLES) & claims.measure.notna()]
    distinct = collapse_repeats(usable, clusters) if clusters is not None else \
        usable.assign(carriers=usable.article_id, members=usable.claim_id)
    records = _records(distinct)
    pairs = sorted(_same_measure_pairs(records) | _alike_pairs(records))
    interval_of = {id(r): _interval(r) for r in records}  # once per claim: a claim is in many pairs
    rows = []
    for i, j in pairs:
        a, b = records[i], records[j]
        verdict = _verdict(a, b, lambda c: interval_of[id(c)])
        if verdict:
            rows.append({"measure": a["measure"] if a["measure"] == b["measure"] else f"{a['measure']} / {b['measure']}",
                         "claim_a": a["claim_id"], "claim_b": b["claim_id"], "verdict": verdict[0], "reasons": verdict[1]})
    return distinct.reset_index(drop=True), pd.DataFrame(rows, columns=RECONCILE_COLUMNS)


def _same_measure_pairs(records: list[dict]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of claims of one measure: all of them, or each with its next in time."""
    by_measure: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        by_measure.setdefault(r["measure"], []).append(i)
    pairs = set()
    for members in by_measure.values():
        if len(members) <= PAIRWISE_LIMIT:
            pairs |= {(a, b) for k, a in enumerate(members) for b in members[k + 1:]}
            continue
        ordered = sorted(members, key=lambda i: (*_in_time(records[i]), i))
        pairs |= {tuple(sorted((a, b))) for k, a in enumerate(ordered) for b in ordered[k + 1:k + 1 + NEIGHBOURS]}
    return pairs


def _alike_pairs(records: list[dict]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of count claims of different measures that share a counted word."""
    by_word: dict[str, dict[str, list[int]]] = {}
    for i, r in enumerate(records):
        if r["kind"] == "count":
            for word in set(str(r["counted"]).lower().split()):
                members = by_word.setdefault(word, {}).setdefault(r["measure"], [])
                if len(members) < ALIKE_LIMIT:
                    members.append(i)
    pairs = set()
    for measures in by_word.values():
        groups = sorted(measures.values())
        for k, first in enumerate(groups):
            for second in groups[k + 1:]:
                pairs |= {tuple(sorted((a, b))) for a in first for b in second}
    return pairs


SERIES_COLUMNS = ["measure", "step", "as_of_earliest", "as_of_latest", "text", "low", "high", "claimant", "carriers",
                  "change", "claim_id"]


def series(distinct: pd.DataFrame) -> pd.DataFrame:
    """Each measure's claims as one series in as-of order (undated claims last): a rising toll told
    by a dozen pages reads as one growing series. ``change`` against the step before: ``first``,
    ``same`` (the intervals overlap), ``up``, ``down``, or ``unknown time``."""
    rows = []
    for measure, group in distinct[distinct.measure.notna()].groupby("measure", sort=True):
        records = sorted(_records(group), key=lambda r: (*_in_time(r), str(r["claim_id"])))
        for step, r in enumerate(records, 1):
            before = records[step - 2] if step > 1 else None
            if before is None:
                change = "first"
            elif _as_of(r) is None or _as_of(before) is None:
                change = "unknown time"
            elif _overlap(r, before):
                change = "same"
            else:
                change = "up" if _compared(r)[0] > _compared(before)[1] else "down"
            rows.append({"measure": measure, "step": step, "as_of_earliest": r["as_of_earliest"],
                         "as_of_latest": r["as_of_latest"], "text": r["text"], "low": r["low"], "high": r["high"],
                         "claimant": r["claimant"], "carriers": r["carriers"], "change": change,
                         "claim_id": r["claim_id"]})
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def _compared(c: dict) -> tuple[float, float]:
    """The interval a claim is compared with: its own, widened by ``ROUNDING`` for a rounded figure."""
    low, high = ROUNDING.get(c.get("qualifier"), (1.0, 1.0))
    return c["low"] * low, c["high"] * high


def _overlap(a: dict, b: dict) -> bool:
    (a_low, a_high), (b_low, b_high) = _compared(a), _compared(b)
    return a_low <= b_high and b_low <= a_high


def _interval(c: dict) -> str:
    low, high = _compared(c)
    whole = float(c["low"]).is_integer() and (c["high"] == math.inf or float(c["high"]).is_integer())
    high = "∞" if high == math.inf else _number(high, whole)
    ends = [day if isinstance(day, str) and day else "unknown" for day in (c["as_of_earliest"], c["as_of_latest"])]
    return f"{c['text']} [{_number(low, whole)}, {high}] ({c['claimant']}, as of {ends[0]}…{ends[1]})"


def _number(x: float, whole: bool) -> str:
    """A bound as precise as the figure it comes from: whole for a whole number ("about 185" is
    compared as [166, 204]), with its decimals for one that has them ("5.7", not 6)."""
    return f"{x:,.0f}" if whole else f"{x:,.4f}".rstrip("0").rstrip(".")


def _in_time(c: dict) -> tuple:
    """A claim's place in its measure's time order: by as-of date (undated last), then by number."""
    return _as_of(c) or ("9999", "9999"), c["low"]


def _as_of(c: dict) -> tuple[str, str] | None:
    """A claim's as-of interval as ISO strings, or None when either end is unknown."""
    lo, hi = c.get("as_of_earliest"), c.get("as_of_latest")
    return (lo, hi) if isinstance(lo, str) and isinstance(hi, str) and lo and hi else None


SAME_TIME_DAYS = 2  # a conflict needs both figures dated to a span of at most this many days (a day and the next)


def _days(c: dict) -> int:
    """The number of days a claim's as-of interval spans (1 for a single day)."""
    lo, hi = _as_of(c)
    return (date.fromisoformat(hi) - date.fromisoformat(lo)).days + 1


def _verdict(a: dict, b: dict, label=_interval) -> tuple[str, str] | None:
    """The verdict on two claims and its reason, or None when they are not compared; ``label``
    gives a claim's interval as the reason writes it (:func:`_interval`, or those made once)."""
    if a["measure"] != b["measure"]:
        alike = a["kind"] == b["kind"] == "count" and set(a["counted"].lower().split()) & set(b["counted"].lower().split())
        if alike:
            return "different_measure", (f"both count {', '.join(sorted(set(a['counted'].lower().split()) & set(b['counted'].lower().split())))}, "
                                         f"but {label(a)} measures {a['measure']} while {label(b)} measures {b['measure']}")
        return None
    if _overlap(a, b):
        return "consistent", f"the intervals overlap: {label(a)} and {label(b)}"
    if _as_of(a) is None or _as_of(b) is None:
        return "unknown_time", (f"disjoint intervals, but as of an unknown date, so growth and conflict cannot be "
                                f"told apart: {label(a)} and {label(b)}")
    same_time = a["as_of_earliest"] <= b["as_of_latest"] and b["as_of_earliest"] <= a["as_of_latest"]
    if not same_time:
        earlier, later = sorted((a, b), key=lambda c: c["as_of_earliest"])
        if _compared(later)[0] > _compared(earlier)[1]:
            return "consistent_over_time", (f"different figures as of different dates, the later larger (growth): "
                                            f"{label(earlier)}, then {label(later)}")
        return "down_over_time", (f"different figures as of different dates, the later smaller (a fall, or a "
                                  f"revision): {label(earlier)}, then {label(later)}")
    if max(_days(a), _days(b)) > SAME_TIME_DAYS:
        return "unknown_time", (f"disjoint intervals as of overlapping spans of {_days(a)} and {_days(b)} days, so "
                                f"growth and conflict cannot be told apart: {label(a)} and {label(b)}")
    if a["claimant"] != b["claimant"]:
        return "conflict", f"disjoint intervals for the same time from different claimants: {label(a)} vs {label(b)}"
    return "conflict", f"the same claimant gives disjoint intervals: {label(a)} vs {label(b)}"


CHANGED_COLUMNS = ["a", "b", "a_start", "b_start", "a_figures", "b_figures", "a_text", "b_text"]


def changed_numbers_in_clusters(corpus, annotations, clusters: pd.DataFrame) -> pd.DataFrame:
    """:func:`changed_numbers` over every pair of copies in every multi-copy cluster (aligned here;
    with a case, ``changed_numbers(case.alignments["passages"])``)."""
    from .align import align_clusters

    return changed_numbers(align_clusters(corpus, annotations, clusters)["passages"])


def changed_numbers(passages: pd.DataFrame) -> pd.DataFrame:
    """Aligned passages of two copies whose figures differ: how a wire figure gets distorted in reprints."""
    rows = []
    for p in passages[passages.edit.isin(["spelling", "minor", "reworded", "moved"])].itertuples():
        fa = [(f["text"], f["low"], f["high"]) for f in _figures_outside_dates(p.a_text)]
        fb = [(f["text"], f["low"], f["high"]) for f in _figures_outside_dates(p.b_text)]
        if [x[1:] for x in fa] != [x[1:] for x in fb]:
            rows.append({"a": p.a, "b": p.b, "a_start": p.a_start, "b_start": p.b_start,
                         "a_figures": "; ".join(x[0] for x in fa), "b_figures": "; ".join(x[0] for x in fb),
                         "a_text": p.a_text, "b_text": p.b_text})
    return pd.DataFrame(rows, columns=CHANGED_COLUMNS)
