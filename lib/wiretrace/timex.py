"""Temporal expressions: found, typed and normalised as TimeML TIMEX3, with an interval of days.

``extract_timexes(text, anchor)`` finds dates, times, durations and sets and gives each a
TIMEX3 ``type`` (DATE, TIME, DURATION, SET) and ``value`` (``2019-12-05``, ``2019-W48``,
``2019-04``, ``2020``, ``P3M``, ``PAST_REF``, ``2019-12-XX``) as in the TempEval-3 guidelines,
and, for dates, the calendar days ``[earliest, latest]`` it can mean. The anchor is the
article's story date: a day, or an interval of days when the date is uncertain (the result is
then widened to every day the expression can mean for some anchor day), or None. Expressions
that need a direction (a bare weekday or month) take the side the governing verb points to:
the nearest such day at or before the anchor for the past, after it for the future; a month
close to a known writing day is that one unless a future marker says otherwise. Anaphora
('the following year') count from the date last mentioned. This module finds the expressions
(one regex grammar, the tense, look-alikes left alone); ``wiretrace.timex_values`` gives their
values. The words (months, weekdays, numbers, units, tense markers) are in
``data/temporal_words.csv``.
"""
from __future__ import annotations

import re as stdlib_re
from dataclasses import dataclass, replace
from datetime import date, timedelta

import regex as re

from .timex_values import (alternation, common_value, holiday_date, holidays, matched_groups, narrow, normalise, number_of,
                           span, words)
from .progress import steps
from .processes import parts, pool, workers as process_count
from .records import itertuples
from .resources import cached

Anchor = date | tuple[date, date] | None


@dataclass(frozen=True)
class Timex:
    """One temporal expression: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    type: str
    value: str
    earliest: date | None = None
    latest: date | None = None
    mod: str | None = None
    rule: str = ""

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value,
                "earliest": self.earliest.isoformat() if self.earliest else None,
                "latest": self.latest.isoformat() if self.latest else None}


# -- tense ------------------------------------------------------------------------------------
def tense_at(text: str, start: int, end: int) -> str:
    """'past', 'future' or 'unknown' for text[start:end]: the nearest tense marker before it in
    its clause (the governing verb usually precedes), else the nearest after it in its sentence
    ("On 3 December, the envoy said")."""
    return _tense(text, start, end)[0]


def _tense(text: str, start: int, end: int) -> tuple[str, bool]:
    """(tense, firm): firm when a future marker governs from before, in the same clause ('will meet
    in December'); past markers are weak evidence for a date close ahead ('said' the deal is
    expected in December), so is a marker after the expression: a close date wins over them."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) if stops else len(text)
    # a clause starts after a comma, a semicolon or 'that' ("had promised its dealers that by 2033
    # it intended to ...": the reporting verb does not set the tense of what it reports)
    clause = max([left] + [i + len(mark) for mark in (", ", "; ", " that ") if (i := text.rfind(mark, left, start)) >= 0])
    before, after = _markers(text, clause, start), _markers(text, end, right)
    if before:
        tense = before[-1][1]
        return tense, tense == "future"
    if after:
        return after[0][1], False
    return "unknown", False


def _markers(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """(position, tense) of the tense markers in text[lo:hi]: the listed past and future markers,
    present-tense verbs and modals ('unknown': in "the firm said it is optimistic about 2032"
    nothing says 2032 is past), and words ending in -ed (a past verb: "lamps that soon will be
    taxed reached $3 million in 2027"). A participle after 'be' is passive, not past: the auxiliary
    before it decides ('will be held'); an -ed word that is a listed marker ('planned') is that
    marker; one in a hyphenated compound ('lower-than-hoped') or after a determiner ('the
    proposed 2031 budget', 'a still undecided date') is an adjective."""
    found = {m.start(): "past" for m in ED_WORD.finditer(text, lo, hi)
             if not ATTRIBUTIVE.search(text, max(0, m.start() - 30), m.start())}
    for kind, tense in (("present_marker", "unknown"), ("past_marker", "past"), ("future_marker", "future")):
        found.update((m.start(), tense) for m in _marker_pattern(kind).finditer(text, lo, hi))
    return sorted((i, tense) for i, tense in found.items()
                  if not (tense == "past" and PASSIVE.search(text, max(0, i - 8), i)))


UNTIL = re.compile(r"\b(?:until|till)\s+(?:(?:late|early)\s+)?$", re.I)
# a past verb or participle; not a hyphenated compound, not a word that only ends so (need, hundred)
ED_WORD = re.compile(r"(?<![\w-])(?!(?:need|indeed|speed|feed|seed|hundred|red|bed|shed)\b)\w+ed\b(?!-)", re.I)


@cached
def _marker_pattern(kind: str) -> re.Pattern:
    return re.compile(rf"(?<![\w'])(?:{alternation(kind)})(?![\w'])", re.I)


PASSIVE = re.compile(r"\b(?:be|been|being)\s+$", re.I)
ATTRIBUTIVE = re.compile(r"(?:\b(?:a|an|the|its|their|his|her|our|this|these|those)|\w's)\s+(?:(?:still|yet|not|\w+ly)\s+)?$", re.I)


# -- the grammar --------------------------------------------------------------------------------
def _month_alternation() -> str:
    """Month names; only an abbreviation (Aug., Sept.) takes a full stop with it."""
    names = sorted(words("month"), key=len, reverse=True)
    full = [n for n in names if int(words("month")[n]) and (len(n) > 4 or n in ("may", "june", "july"))]
    abbreviations = [n for n in names if n not in full]
    return "|".join([re.escape(n) for n in full] + [re.escape(n) + r"\.?" for n in abbreviations])


YEAR = r"(?:1[89]\d\d|20\d\d)"
QORD = r"(?:fiscal[- ])?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"


# TIMEX3 mod of an approximation before a number
APPROX_MODS = {"about": "APPROX", "almost": "APPROX", "nearly": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
               "around": "APPROX", "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
               "less than": "LESS_THAN", "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "at least": "EQUAL_OR_MORE"}


def _year_alternation() -> str:
    """A year in digits, or spoken as in broadcast transcripts ('nineteen ninety-six', 'the year two thousand')."""
    tens = "|".join(w for w, v in words("number").items() if v.isdigit() and 10 <= int(v) <= 90 and w != "nineteen"
                    or w == "nineteen")
    units = "|".join(w for w, v in words("number").items() if v.isdigit() and 1 <= int(v) <= 9 and w not in ("a", "an"))
    return (rf"{YEAR}|nineteen[- ](?:{tens})(?:[- ](?:{units}))?"
            rf"|(?<=the year )two thousand(?:[- ](?:and[- ])?(?:{tens}|{units}))?")


@cached
def grammar() -> re.Pattern:
    """One regex of named alternatives, most specific first (Python takes the first that matches)."""
    month = rf"(?P<month>{_month_alternation()})"
    m2 = rf"(?P<month2>{_month_alternation()})"
    weekday = rf"(?P<wday>{alternation('weekday')})"
    number = rf"(?P<num>\d+|{alternation('number')})"
    unit = rf"(?P<unit>{alternation('unit')})s?"
    part = r"(?P<part>early|mid|late|the (?:beginning|start|middle|end) of)"
    year = _year_alternation()
    holiday_names = "|".join(re.escape(row["name"]) for row in sorted(holidays().values(), key=lambda r: -len(r["name"])))
    # an approximation belongs to the expression's extent in TimeML ('about two years ago')
    approx = rf"(?:(?P<approx>{'|'.join(sorted(APPROX_MODS, key=len, reverse=True))})\s+)?"
    rules = [
        ("iso", rf"(?P<y>{YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>[0-3]\d)"),
        ("weekday_date", rf"{weekday},?\s+(?:(?P<d>{DAYNUM})\s+{month}|{month}\s+(?P<d2>{DAYNUM}))(?![\d,]*\d)"
                         rf"(?:,?\s+(?P<y>{year}))?"),
        ("month_day_year", rf"{month}\s+(?P<d>{DAYNUM}),?\s+(?P<y>{year})"),
        ("day_month_year", rf"(?P<d>{DAYNUM})\s+(?:of\s+)?{month},?\s+(?:in\s+)?(?P<y>{year})"),
        ("day_month_rel", rf"(?P<d>{DAYNUM})\s+{month}\s+(?P<rel>this|last|next) year"),
        ("month_day", rf"{month}\s+(?P<d>{DAYNUM})(?![\d,]*\d)"),
        ("day_month", rf"(?P<d>{DAYNUM})\s+(?:of\s+)?{month}"),
        ("part_month", rf"{part}[- ]{m2}(?:,?\s+(?P<y>{year}))?"),
        ("month_year", rf"{month},?\s+(?:of\s+)?(?P<y>{year})"),
        ("month_rel", rf"{month}\s+(?P<rel>this|last|next) year"),
        ("rel_month", rf"(?P<rel>last|next|this|earlier this|late last|early next)\s+{month}(?![.\s]*\d)"),
        ("month", rf"{month}(?![.\s]*\d)"),
        ("part_year", rf"{part}[- ](?P<y>{year})(?!s)"),
        ("part_rel", r"(?P<part2>early|mid|late|earlier|later)[- ](?:(?P<rel>this|last|next)|in the) (?P<unit>year|month|week)"),
        ("decade", rf"(?:the\s+)?(?:{part}[- ])?(?:(?P<dec>(?:1[89]|20)\d0)'?s|'(?P<dec2>\d0)s)"
                   rf"|the\s+(?:{part}[- ])?(?P<decword>{alternation('decade')})"),  # not 'in his sixties'
        ("century", r"(?:the\s+)?(?P<cent>1\d|20|21|\d)(?:st|nd|rd|th)[- ]century"),
        ("part_the_unit", rf"{part}[- ]the (?P<unit>week|month|year)"),
        ("fiscal", rf"fiscal (?P<y>{year})"),
        ("season_year", rf"(?:the\s+)?(?P<seas>{alternation('season')})\s+(?:of\s+)?(?P<y>{year})"),
        ("year", rf"(?:the year\s+)?(?P<y>{year})(?![\d,.]*\d)(?!\s*(?:%|percent|per cent))"
                 r"(?!\s*(?:local time|GMT|UTC|hours?\b|hrs\b|h\b))"),  # "by 1900 local time" is a clock time
        ("weekday", rf"(?:(?P<rel>last|next|this|coming|past)\s+)?{weekday}s?"
                    rf"(?:\s+(?P<tod>morning|afternoon|evening|night))?"
                    r"(?:,?\s+(?:of\s+)?(?P<week>last|next|this)\s+week)?"),  # "Monday (of) last week"
        ("time_weekday", rf"(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm)"
                         rf"(?:\s+[A-Z]{{3}})?,?\s+(?:on\s+)?{weekday}"),
        ("noon_weekday", rf"(?P<clock>noon|midnight)\s+(?:on\s+)?{weekday}"),
        ("time_date", rf"(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm)"
                      rf"(?:\s+[A-Z]{{3}})?,?\s+(?:on\s+)?{month}\s+(?P<d>{DAYNUM})(?:,?\s+(?P<y>{year}))?(?![\d,]*\d)"),
        ("day_part", r"(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>morning|afternoon|evening|night)|(?P<tonight>tonight)"
                     r"|(?P<overnight>overnight)(?!\s+(?:stays?|trains?|flights?|bags?|shifts?|oats)\b)"
                     r"|(?<=\b(?:by|through|throughout|during|in|into)\s)the\s+(?P<thepart>morning|afternoon|evening|night)"),
        ("clock_zone", r"(?P<h24>[01]?\d|2[0-3]):?(?P<min24>[0-5]\d)\s*(?:hrs\s+)?(?P<zone>GMT|UTC|local time)"),
        ("clock_word", r"(?P<clock>midday|noon|midnight)"),
        ("day_offset", rf"(?P<offset>{alternation('day_offset')})"),
        ("quarter_year", rf"(?:the\s+)?{QORD}[- ]quarters?\s+of\s+(?P<y>{year})"),
        ("half_year", rf"the\s+(?P<half>first|second|last|latter)\s+half\s+of\s+(?P<y>{year})"),
        ("year_quarter", rf"the\s+(?P<y>{year})\s+(?:{QORD}[- ])?(?:quarter|period)"),
        ("rel_year_quarter", rf"(?P<rel>this|last|next) year's\s+(?:{QORD}[- ])?quarter"),
        ("year_ago_quarter", rf"(?:the\s+)?(?:comparable\s+)?year[- ](?:ago|earlier)(?:\s+(?:{QORD}[- ])?(?:quarter|period))?"
                             r"|the quarter a year (?:ago|earlier)"),
        ("quarter", rf"(?:the\s+)?{QORD}[- ]quarter"),
        ("the_quarter", r"(?P<current>the current quarter)|(?:the|that) (?:latest |most recent )?quarter|the latest period"),
        ("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<holiday>(?-i:{holiday_names}))"),  # as capitalised
        ("year_end", r"(?:the\s+)?year(?:[- ]end|'s end)"),
        ("anaphoric", r"(?P<ana>(?:later|earlier) that|that(?: same)?|the same|the (?:following|next))\s+"
                      r"(?P<anaunit>day|morning|afternoon|evening|night|week|month|year)"),
        ("ago", rf"{approx}{number}\s+{unit}\s+(?P<dir>ago|earlier|later|before)"),
        ("rel_unit", rf"(?P<rel>last|next|this|the past|the previous|the coming|the current)\s+"
                     rf"(?P<unit>week|weekend|month|quarter|year|{alternation('season')})"),
        ("the_weekend", r"the weekend"),
        ("the_year", r"the (?:current |full |entire )?(?:fiscal[- ])?year"),
        ("the_season", rf"(?:the|this past)\s+(?:(?P<part>early|late|mid)[- ]?)?(?P<seas>{alternation('season')})"),
        ("season", rf"(?P<rel>last|next|this)\s+(?P<seas>{alternation('season')})"),
        ("past_n", rf"(?:the\s+)?(?P<rel>past|last|next|coming|first|previous)\s+{number}\s+{unit}"),
        ("recent_ref", r"recent years"),
        ("compound_duration", rf"(?P<num>\d+|{alternation('number')})-(?P<unit>{alternation('unit')})(?=[- ]\w)"),
        ("duration", rf"{approx}{number}\s+{unit}(?!\s+(?:ago|earlier|later|before)|-(?:ago|earlier))"),
        ("for_units", rf"(?:recent|the past|the last|(?<=\bfor\s))\s*(?P<unit>{alternation('unit')})s"),
        ("set", rf"(?P<setword>{alternation('set')})|every (?P<unit>day|week|month|year)"),
        ("reference", rf"(?P<ref>{alternation('reference')})(?!\s+(?:\w+\s+)?(?:{alternation('unit')})s?\b)"),
        ("time", r"(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)"),
    ]
    body = "|".join(f"(?P<r_{name}>{pattern})" for name, pattern in rules)
    return re.compile(rf"(?<![\w-]){GATE}(?:{body})(?![\w])", re.I, first=_first_words())


# A cheap gate before the alternatives: an expression starts with a digit, an apostrophe ('90s) or
# one of its first words (:func:`_first_words`), so most positions of a text fail at once.
GATE = r"(?=[\d']|\L<first>(?![\w]))"


# Words that may open a temporal expression, besides its vocabularies (the grammar's literal words).
_OPENING_WORDS = ("the", "early", "mid", "late", "this", "last", "next", "earlier", "later", "coming", "past",
                  "previous", "first", "that", "fiscal", "noon", "midnight", "midday", "tonight", "overnight", "every",
                  "recent", "comparable", "year", "years", "quarter", "quarters", "weekend", "current", "latest",
                  "most", "nineteen", "two", "in", "at", "for", "these", "each", "more", "over", "just", "less", "up")


@cached
def _first_words() -> frozenset[str]:
    """Every word a temporal expression of the grammar can start with, lower-cased: the first word
    of each vocabulary entry (months, weekdays, numbers, units, references, seasons, holidays ...),
    of each approximation, and the grammar's own opening words."""
    entries = [w for kind in ("month", "weekday", "number", "unit", "day_offset", "reference", "decade", "set",
                              "season", "ordinal", "part") for w in words(kind)]
    entries += list(APPROX_MODS) + [row["name"] for row in holidays().values()] + list(_OPENING_WORDS)
    first = {re.split(r"[\s.'’-]", e.lower())[0] for e in entries}
    return frozenset(w for w in first if w) | {w + "s" for w in words("unit")}


@cached
def _rule_groups() -> tuple[str, ...]:
    """The grammar's alternatives as group names (r_<rule>), in order."""
    return tuple(sorted((n for n in grammar().groupindex if n.startswith("r_")), key=grammar().groupindex.get))


@dataclass(frozen=True)
class TimexMatch:
    """A temporal expression found in a text, not yet normalised: resolve it against any anchor."""

    match: object
    rule: str
    tense: str  # past, future or unknown: from the governing verb
    antecedent: TimexMatch | None = None  # the date last mentioned before 'that year', 'the next day'
    firm: bool = False  # a future marker before it ('will', 'planned'): a close date does not override it

    @property
    def start(self) -> int:
        return self.match.start()

    @property
    def end(self) -> int:
        return self.match.end()

    def resolve(self, anchor: Anchor) -> Timex | None:
        tense = self.tense
        if self.antecedent is not None:  # anaphora count from the date last mentioned
            reference = self.antecedent.resolve(anchor)
            # 'that day' needs a day to count from; 'that year' any date in it
            exact = reference is not None and reference.earliest is not None and reference.earliest == reference.latest
            if exact or (reference is not None and reference.earliest is not None
                         and (self.match["anaunit"] or "").lower() in ("year", "month", "week")):
                anchor, tense = reference.earliest, "unknown"  # the date said fixes it: the verb takes no side
        try:
            return _resolve(self.rule, self.match, self.match.string, anchor, tense, self.firm)
        except (OverflowError, ValueError):  # counting from a day at the calendar's edge (year 1 or 9999)
            # leaves the calendar: the value is the one without a writing day (its days unknown)
            return _resolve(self.rule, self.match, self.match.string, None, tense, self.firm)

    @property
    def deictic(self) -> bool:
        """Whether the expression points at the writing day itself (today, now): tense adds nothing."""
        return self.rule in ("day_offset", "reference", "recent_ref")

    @property
    def absolute(self) -> bool:
        """Whether the expression names its own year (its value does not depend on the anchor)."""
        return self.rule in ABSOLUTE_RULES or (self.rule in YEAR_OPTIONAL_RULES and self.match.group("y") is not None)


ABSOLUTE_RULES = {"iso", "month_day_year", "day_month_year", "month_year", "part_year", "decade", "century", "fiscal",
                  "year", "season_year", "quarter_year", "half_year"}
YEAR_OPTIONAL_RULES = {"part_month", "weekday_date", "time_date"}  # absolute when they name the year


def find_timexes(text: str, *, tense_aware: bool = True) -> list[TimexMatch]:
    """The temporal expressions of ``text`` with their rule and tense, ready to resolve."""
    found, antecedent, day_said = [], None, None
    for match in _grammar_matches(text):
        groups = matched_groups(match)
        rule = next(name[2:] for name in _rule_groups() if name in groups)
        if not _plausible(rule, match, text):
            continue
        tense, firm = _tense(text, match.start(), match.end()) if tense_aware and not _names_a_thing(rule, match) \
            else ("unknown", False)
        # 'that day' counts from the date last mentioned; 'by the evening' from the day last named
        reference = antecedent if rule == "anaphoric" else day_said if "thepart" in groups else None
        found.append(TimexMatch(match, rule, tense, reference, firm))
        if not found[-1].absolute and UNTIL.search(text, max(0, match.start() - 16), match.start()):
            # the end of a state ("called off until Monday"): the verb says when the state began, and
            # the end of a state reported is mostly still ahead; a close past day may still win
            # (not firm). A date with its year needs no side ("a trustee until 1974" keeps the verb's)
            found[-1] = replace(found[-1], tense="future", firm=False)
        if rule in ANTECEDENT_RULES:
            antecedent = found[-1]
        if rule in ANTECEDENT_RULES or rule in DAY_RULES:
            day_said = found[-1]
    return found


def _names_a_thing(rule: str, match) -> bool:
    """A year between a determiner and a noun names a thing ("his 1990 earnings projection", "the
    2004 treaty"), not when the clause's verb happened: its tense says nothing of that year."""
    text = match.string
    return rule == "year" and ATTRIBUTIVE.search(text, max(0, match.start() - 30), match.start()) is not None \
        and re.match(r" [A-Za-z]", text[match.end():match.end() + 2]) is not None


def _grammar_matches(text: str) -> list:
    """The matches of ``grammar().finditer(text)``, found faster (:func:`matches_at_openings`;
    the standard ``re`` scans a text several times faster than ``regex`` tries the grammar's gate
    at every character)."""
    return matches_at_openings(grammar(), _openings(), text)


def matches_at_openings(grammar_, openings, text: str) -> list:
    """The matches of ``grammar_.finditer(text)``, the grammar tried only where ``openings`` (a
    cheaper pattern) finds a place one may start: every such place must be found, or a match is
    missed."""
    found, end = [], 0
    for opening in openings.finditer(text):
        if opening.start() < end:
            continue
        match = grammar_.match(text, opening.start())
        if match is not None:
            if match.end() == match.start():  # an empty match: leave the stepping to finditer
                return list(grammar_.finditer(text))
            found.append(match)
            end = match.end()
    return found


@cached
def _openings() -> stdlib_re.Pattern:
    """Every place the grammar's gate can let a match start, and maybe more: a digit or an
    apostrophe, one of :func:`_first_words` (ASCII, any case) not inside an ASCII word, any
    non-ASCII character and any word with one in it (where the two engines' ideas of a digit, a
    word character or a case may differ). Each match spans word characters only, so no place the
    gate accepts lies inside one."""
    return stdlib_re.compile(rf"(?<![a-zA-Z0-9_-])(?:[0-9']|[^\x00-\x7f]|(?=[\w']*[^\x00-\x7f])"
                             rf"|(?i:{trie(_first_words())})(?![a-zA-Z0-9_]))")


def trie(words) -> str:
    """An alternation of ``words`` as a trie of their characters ("a(?:pril|ug(?:ust|))|..."), the
    longest word first wherever one is a prefix of another: it matches what the flat alternation
    of the words, longest first, matches, but the standard ``re`` tries one branch per character
    instead of one per word (a flat alternation of 200 words made the scan a third of the cost)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [stdlib_re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        branches += [""] if "" in node else []  # a word ends here: after the longer ones
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return pattern(trie)


TIMEX_COLUMNS = ["sentence_id", "article_id", "n", "start", "end", "text", "rule", "tense", "firm", "antecedent"]


PARALLEL_FROM = 1_000  # sentences from which :func:`sentence_timexes` may use one process per core


def sentence_timexes(sentences, processes: bool = False) -> dict[str, list[TimexMatch]]:
    """The temporal expressions of every sentence (a table with ``sentence_id`` and ``text``), by
    sentence id; with ``processes``, ``PARALLEL_FROM`` sentences or more are read in one process
    per core (the same matches, in the same order)."""
    ids, texts = sentences.sentence_id.tolist(), sentences.text.tolist()  # lists: faster than itertuples
    workers = process_count(len(texts), PARALLEL_FROM, processes)
    if workers == 1:
        return {sentence_id: find_timexes(text)
                for sentence_id, text in steps(zip(ids, texts), len(texts), "temporal expressions", "sentence")}
    grammar()  # compiled once, before the workers start
    with pool(workers) as executor:
        done = executor.map(_spans_of, parts(texts, workers))
        found = steps((spans for part in done for spans in part), len(texts), "temporal expressions", "sentence")
        return {sentence_id: _matches_at(text, spans) for sentence_id, text, spans in zip(ids, texts, found)}


def _spans_of(texts: list[str]) -> list[list[tuple]]:
    """:func:`find_timexes` of each text as plain tuples (a worker's answer; a match cannot be pickled):
    ``(start, end, rule, tense, firm, index of the antecedent or -1)``."""
    return [[(m.start, m.end, m.rule, m.tense, m.firm, next((k for k, o in enumerate(ms) if o is m.antecedent), -1))
             for m in ms] for ms in map(find_timexes, texts)]


def _matches_at(text: str, spans) -> list[TimexMatch]:
    """The matches of :func:`_spans_of` (or of stored rows) again: the grammar's match at each start;
    ValueError when one no longer matches there."""
    matches: list[TimexMatch] = []
    for start, end, rule, tense, firm, antecedent in spans:
        match = grammar().match(text, start)
        if match is None or match.end() != end or match.group(f"r_{rule}") is None:
            raise ValueError(f"temporal expression {text[start:end]!r} no longer matches its sentence")
        matches.append(TimexMatch(match, rule, tense, matches[antecedent] if 0 <= antecedent < len(matches) else None,
                                  bool(firm)))
    return matches


def timex_table(found: dict[str, list[TimexMatch]], sentences):
    """The expressions of :func:`sentence_timexes` as a table of spans into the raw text (a layer of the case)."""
    import pandas as pd

    rows = []
    for s in itertuples(sentences):
        matches = found.get(s.sentence_id, [])
        for n, m in enumerate(matches):
            antecedent = next((k for k, other in enumerate(matches) if other is m.antecedent), -1)
            rows.append({"sentence_id": s.sentence_id, "article_id": s.article_id, "n": n, "start": s.start + m.start,
                         "end": s.start + m.end, "text": m.match.group(0), "rule": m.rule, "tense": m.tense,
                         "firm": m.firm, "antecedent": antecedent})
    return pd.DataFrame(rows, columns=TIMEX_COLUMNS)


def timexes_from_table(table, sentences) -> dict[str, list[TimexMatch]]:
    """Rebuild :func:`sentence_timexes` from its table; ValueError when a row no longer matches its sentence."""
    sentence = {s.sentence_id: (s.start, s.text) for s in itertuples(sentences)}
    rows: dict[str, list[tuple]] = {sid: [] for sid in sentence}
    for r in itertuples(table.sort_values(["sentence_id", "n"])):
        if r.sentence_id not in sentence:
            raise ValueError(f"temporal expression of unknown sentence {r.sentence_id}")
        offset = sentence[r.sentence_id][0]
        rows[r.sentence_id].append((r.start - offset, r.end - offset, r.rule, r.tense, r.firm, r.antecedent))
    found = {}
    for sid, spans in rows.items():
        try:
            found[sid] = _matches_at(sentence[sid][1], spans)
        except ValueError as error:
            raise ValueError(f"stored {error} {sid}") from None
    return found


# Days named relative to the writing day, which a part of the day ("by the evening") can refer back to
DAY_RULES = {"weekday", "day_offset"}
# Expressions naming a day, month or year that 'that day', 'the following year' can refer back to
ANTECEDENT_RULES = {"iso", "weekday_date", "month_day_year", "day_month_year", "day_month_rel", "month_day",
                    "day_month", "month_year", "month_rel", "rel_month", "month", "year", "fiscal", "time_date",
                    "holiday"}


def extract_timexes(text: str, anchor: Anchor = None, *, tense_aware: bool = True) -> list[Timex]:
    """Temporal expressions in ``text``, normalised against ``anchor`` (a date, an interval, or None)."""
    return [t for t in (m.resolve(anchor) for m in find_timexes(text, tense_aware=tense_aware)) if t is not None]


# Matches that only look temporal: (rules or None for any, the matched text, the text before, the
# text after). A match is left alone when all three patterns match; an empty pattern matches anything.
NOT_TEMPORAL = [
    ({"month"}, r"(?i:may|march)", "", r"\s+(?:be|have|not|\w+ed)\b"),  # verbs: 'may be', 'march ended'
    ({"month"}, r"March", "", r"\s+(?:of|for|on)\s"),  # a name: 'the March for Life', 'March on Washington'
    ({"reference"}, r"(?i:current)", "", r"(?! [a-z])"),  # a noun: 'the current'; temporal before a noun
    ({"compound_duration", "duration"}, "", "", r"(?:-|\s+)old\b"),  # ages: 'a 6-year-old', '52 years old'
    ({"year"}, "", r"(?i:\$|€|£|us\$|no\.|number|page|flight|route)\s*$", ""),  # amounts and numbers
    ({"duration"}, r"(?i:.*\ba second)", "", r"\s+(?!later|earlier|ago|before|after)[a-z]"),  # 'a second group'
    ({"duration"}, r"(?i:.*\ba quarter)", "", r"\s+of\b"),  # a fraction: 'a quarter of the market'
    ({"the_quarter"}, "", "", r"-"),  # 'the quarter-to-quarter comparison'
    ({"rel_unit"}, r"\w+ [A-Z][a-z]+", r"[^.!?\s]\s*$", ""),  # a title mid-sentence: ABC's "This Week"
    ({"day_offset"}, r"Today", r"[^.!?\s\"'`]\s+$", ""),  # a title mid-sentence: 'VOA Today'
]


def _plausible(rule: str, match: re.Match, text: str) -> bool:
    """Leave alone words that only look temporal (``NOT_TEMPORAL``), lower-case month names
    ('may', 'march' as verbs) and month abbreviations without a full stop or a day ('Jan Kavan')."""
    groups = matched_groups(match)
    month = groups.get("month") or groups.get("month2")
    if month and not month[0].isupper():
        return False
    if month and len(month) <= 4 and month.lower() not in ("may", "june", "july") \
            and not re.match(r"\.?\s*\d", text[match.end():]) and not month.endswith(".") \
            and not re.search(r"\d", match.group(0)):  # "Feb 6" has its day; "Jan Kavan" has none
        return False
    before, after = text[max(0, match.start() - 60):match.start()], text[match.end():match.end() + 20]
    return not any((rules is None or rule in rules) and matched.fullmatch(match.group(0))
                   and (left is None or left.search(before)) and (right is None or right.match(after))
                   for rules, matched, left, right in _not_temporal())


@cached
def _not_temporal() -> tuple:
    """``NOT_TEMPORAL`` compiled once."""
    return tuple((rules, re.compile(matched or ".*", re.S), re.compile(left) if left else None,
                  re.compile(right) if right else None) for rules, matched, left, right in NOT_TEMPORAL)


def _resolve(rule, m, text, anchor, tense, firm=False) -> Timex | None:
    """Normalise one match: at each end of an interval anchor, then widened."""
    anchors = (anchor if isinstance(anchor, tuple) else (anchor, anchor))
    firm = firm or anchors[0] != anchors[1]  # nearness needs a known writing day; without one the tense decides
    results = [normalise(rule, m, a, tense, firm) for a in dict.fromkeys(anchors)]  # a single day: once
    if results[0] is None:
        return None
    kind, value, mod = results[0]
    if mod is None and matched_groups(m).get("approx"):
        mod = APPROX_MODS[m["approx"].lower()]
    earliest = latest = None
    values = [r[1] for r in results if r]
    if kind == "DATE":
        spans = [narrow(*days, mod) if (days := span(v))[0] else (None, None) for v in values]
        if all(s[0] for s in spans):
            earliest, latest = min(s[0] for s in spans), max(s[1] for s in spans)
        if len(set(values)) > 1:
            value = common_value(values)
        if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF") and anchor is not None:
            lo, hi = anchors
            earliest, latest = {"PRESENT_REF": (lo, hi), "PAST_REF": (None, hi), "FUTURE_REF": (lo, None)}[value]
    if kind == "DATE" and rule == "ago" and m.group("unit").lower().startswith("week") and anchors[0] is not None \
            and value not in ("PAST_REF", "FUTURE_REF") and (n := number_of(m.group("num"))).isdigit():
        # "two weeks ago" is about 14 days before the day written, not the whole calendar week
        # TIMEX3 names (the value stays the week): half a week either side, or the near half
        # for "almost"/"nearly" and the far half for "more than"
        sign = 1 if m.group("dir").lower() == "later" else -1
        day_lo, day_hi = anchors[0] + timedelta(sign * 7 * int(n)), anchors[1] + timedelta(sign * 7 * int(n))
        near = (matched_groups(m).get("approx") or "").lower() in ("almost", "nearly", "less than", "up to", "at most")
        far = (matched_groups(m).get("approx") or "").lower() in ("more than", "over", "just over", "at least")
        earliest = day_lo - timedelta(0 if near and sign < 0 or far and sign > 0 else 3)
        latest = day_hi + timedelta(0 if far and sign < 0 or near and sign > 0 else 3)
    if kind == "DATE" and rule == "part_rel" and m.group("part2").lower() in ("earlier", "later") \
            and (m.group("rel") or "this").lower() == "this" and anchors[0] is not None and earliest is not None:
        whole = span(value)  # "earlier this month": from its start up to the writing day; "later": from then on
        if whole[0] is not None:
            earliest, latest = (whole[0], max(whole[0], anchors[1])) if m.group("part2").lower() == "earlier" \
                else (min(whole[1], anchors[0]), whole[1])
    if kind == "TIME":
        days = [date.fromisoformat(v[:10]) for v in values if re.match(r"\d{4}-\d{2}-\d{2}", v)]
        if days:
            earliest, latest = min(days), max(days)
    return Timex(m.start(), m.end(), m.group(0), kind, value, earliest, latest, mod, rule)


__all__ = ["Timex", "TimexMatch", "extract_timexes", "find_timexes", "sentence_timexes", "timex_table",
           "timexes_from_table", "holiday_date", "tense_at", "words"]
