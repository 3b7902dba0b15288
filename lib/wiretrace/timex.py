"""Temporal expressions: found, typed and normalised as TimeML TIMEX3, with an interval of days.

``extract_timexes(text, anchor)`` finds dates, times, durations and sets and gives each a
TIMEX3 ``type`` (DATE, TIME, DURATION, SET) and ``value`` (``2019-12-05``, ``2019-W48``,
``2019-04``, ``2020``, ``P3M``, ``PAST_REF``, ``2019-12-XX``) as in the TempEval-3 guidelines,
and, for dates, the calendar days ``[earliest, latest]`` it can mean. The anchor is the
article's story date: a day, or an interval of days when the date is uncertain (the result is
then widened to every day the expression can mean for some anchor day), or None. Expressions
that need a direction (a bare weekday or month) take the side the governing verb points to:
the nearest such day at or before the anchor for the past, after it for the future. The words
(months, weekdays, numbers, units, tense markers) are in ``data/temporal_words.csv``.
"""
from __future__ import annotations

import calendar
import regex as re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

from .resources import table

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


@lru_cache(maxsize=None)
def words(kind: str) -> dict[str, str]:
    """The temporal words of one kind from the data file: word -> value."""
    return {row["word"]: row["value"] for row in table("temporal_words.csv") if row["kind"] == kind}


def _alt(kind: str) -> str:
    return "|".join(re.escape(w) for w in sorted(words(kind), key=len, reverse=True))


# -- calendar helpers -------------------------------------------------------------------------
def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _span(value: str) -> tuple[date | None, date | None]:
    """The calendar days a TIMEX3 DATE value covers (None, None when it has no fixed days)."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        d = date(*map(int, m.groups()))
        return d, d
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return (monday + timedelta(5), monday + timedelta(6)) if m[3] else (monday, monday + timedelta(6))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return date(int(m[1]), int(m[2]), 1), month_end(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
        first = 3 * int(m[2]) - 2
        return date(int(m[1]), first, 1), month_end(int(m[1]), first + 2)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        year, start = int(m[1]), {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[2]]
        return date(year, start, 1), month_end(year + 1, 2) if start == 12 else month_end(year, start + 2)
    if m := re.fullmatch(r"(\d{4})", value):
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    if m := re.fullmatch(r"(\d{3})", value):
        return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    return None, None


def _narrow(earliest: date, latest: date, mod: str | None) -> tuple[date, date]:
    """Early/mid/late: the first, middle or last third of the span."""
    if not mod or mod not in ("START", "MID", "END"):
        return earliest, latest
    third = (latest - earliest).days // 3
    return {"START": (earliest, earliest + timedelta(third)),
            "MID": (earliest + timedelta(third + 1), latest - timedelta(third + 1)),
            "END": (latest - timedelta(third), latest)}[mod]


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
    clause = max(text.rfind(", ", left, start), text.rfind("; ", left, start), left - 2) + 2
    before, after = _markers(text, clause, start), _markers(text, end, right)
    if before:
        tense = before[-1][1]
        return tense, tense == "future"
    if after:
        return after[0][1], False
    return "unknown", False


def _markers(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """(position, tense) of the listed tense markers in text[lo:hi]; if there are none, of words
    ending in -ed (a weaker sign of the past: 'will be paid' is governed by 'will')."""
    found = []
    for kind, tense in (("past_marker", "past"), ("future_marker", "future")):
        found += [(m.start(), tense) for m in _marker_pattern(kind).finditer(text, lo, hi)]
    if not found:
        found = [(m.start(), "past") for m in ED_WORD.finditer(text, lo, hi)]
    # a participle after 'be' is passive, not past: the auxiliary before it decides ('will be held')
    return sorted((i, tense) for i, tense in found if not (tense == "past" and PASSIVE.search(text, max(0, i - 8), i)))


ED_WORD = re.compile(r"\b\w+ed\b", re.I)


@lru_cache(maxsize=None)
def _marker_pattern(kind: str) -> re.Pattern:
    return re.compile(rf"(?<![\w'])(?:{_alt(kind)})(?![\w'])", re.I)


PASSIVE = re.compile(r"\b(?:be|been|being)\s+$", re.I)


# -- the grammar --------------------------------------------------------------------------------
def _month_alt() -> str:
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


def _year_alt() -> str:
    """A year in digits, or spoken as in broadcast transcripts ('nineteen ninety-six', 'the year two thousand')."""
    tens = "|".join(w for w, v in words("number").items() if v.isdigit() and 10 <= int(v) <= 90 and w != "nineteen"
                    or w == "nineteen")
    units = "|".join(w for w, v in words("number").items() if v.isdigit() and 1 <= int(v) <= 9 and w not in ("a", "an"))
    return (rf"{YEAR}|nineteen[- ](?:{tens})(?:[- ](?:{units}))?"
            rf"|(?<=the year )two thousand(?:[- ](?:and[- ])?(?:{tens}|{units}))?")


def _year_value(raw: str) -> int:
    """The number of a year matched by ``_year_alt``."""
    if raw.isdigit():
        return int(raw)
    spoken = [w for w in re.findall(r"[a-z]+", raw.lower()) if w != "and"]
    if spoken[0] == "two":  # two thousand (and) ...
        return 2000 + sum(int(words("number")[w]) for w in spoken[2:])
    return 1900 + sum(int(words("number")[w]) for w in spoken[1:])


@lru_cache(maxsize=None)
def grammar() -> re.Pattern:
    """One regex of named alternatives, most specific first (Python takes the first that matches)."""
    month = rf"(?P<month>{_month_alt()})"
    m2 = rf"(?P<month2>{_month_alt()})"
    weekday = rf"(?P<wday>{_alt('weekday')})"
    number = rf"(?P<num>\d+|{_alt('number')})"
    unit = rf"(?P<unit>{_alt('unit')})s?"
    part = r"(?P<part>early|mid|late|the (?:beginning|start|middle|end) of)"
    year = _year_alt()
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
        ("part_rel", r"(?P<part2>early|mid|late|earlier|later)[- ](?P<rel>this|last|next) (?P<unit>year|month|week)"),
        ("decade", rf"(?:the\s+)?(?:{part}[- ])?(?:(?P<dec>(?:1[89]|20)\d0)'?s|'(?P<dec2>\d0)s)"
                   rf"|the\s+(?:{part}[- ])?(?P<decword>{_alt('decade')})"),  # not 'in his sixties'
        ("century", r"(?:the\s+)?(?P<cent>1\d|20|21|\d)(?:st|nd|rd|th)[- ]century"),
        ("part_the_unit", rf"{part}[- ]the (?P<unit>week|month|year)"),
        ("fiscal", rf"fiscal (?P<y>{year})"),
        ("season_year", rf"(?:the\s+)?(?P<seas>{_alt('season')})\s+(?:of\s+)?(?P<y>{year})"),
        ("year", rf"(?:the year\s+)?(?P<y>{year})(?![\d,.]*\d)(?!\s*(?:%|percent|per cent))"),
        ("weekday", rf"(?:(?P<rel>last|next|this|coming|past)\s+)?{weekday}s?"
                    rf"(?:\s+(?P<tod>morning|afternoon|evening|night))?"),
        ("time_weekday", rf"(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm)"
                         rf"(?:\s+[A-Z]{{3}})?,?\s+(?:on\s+)?{weekday}"),
        ("noon_weekday", rf"(?P<clock>noon|midnight)\s+(?:on\s+)?{weekday}"),
        ("time_date", rf"(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm)"
                      rf"(?:\s+[A-Z]{{3}})?,?\s+(?:on\s+)?{month}\s+(?P<d>{DAYNUM})(?:,?\s+(?P<y>{year}))?(?![\d,]*\d)"),
        ("day_part", r"(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>morning|afternoon|evening|night)|(?P<tonight>tonight)"),
        ("clock_word", r"(?P<clock>midday|noon|midnight)"),
        ("day_offset", rf"(?P<offset>{_alt('day_offset')})"),
        ("quarter_year", rf"(?:the\s+)?{QORD}[- ]quarters?\s+of\s+(?P<y>{year})"),
        ("half_year", rf"the\s+(?P<half>first|second|last|latter)\s+half\s+of\s+(?P<y>{year})"),
        ("year_quarter", rf"the\s+(?P<y>{year})\s+(?:{QORD}[- ])?(?:quarter|period)"),
        ("rel_year_quarter", rf"(?P<rel>this|last|next) year's\s+(?:{QORD}[- ])?quarter"),
        ("year_ago_quarter", rf"(?:the\s+)?(?:comparable\s+)?year[- ](?:ago|earlier)(?:\s+(?:{QORD}[- ])?(?:quarter|period))?"
                             r"|the quarter a year (?:ago|earlier)"),
        ("quarter", rf"(?:the\s+)?{QORD}[- ]quarter"),
        ("the_quarter", r"(?P<current>the current quarter)|(?:the|that) (?:latest |most recent )?quarter|the latest period"),
        ("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<holiday>(?-i:{'|'.join(re.escape(row['name']) for row in sorted(holidays().values(), key=lambda r: -len(r['name'])))}))"),
        ("year_end", r"(?:the\s+)?year(?:[- ]end|'s end)"),
        ("anaphoric", r"(?P<ana>(?:later|earlier) that|that(?: same)?|the same|the (?:following|next))\s+"
                      r"(?P<anaunit>day|morning|afternoon|evening|night|week|month|year)"),
        ("ago", rf"{approx}{number}\s+{unit}\s+(?P<dir>ago|earlier|later|before)"),
        ("rel_unit", rf"(?P<rel>last|next|this|the past|the previous|the coming|the current)\s+"
                     rf"(?P<unit>week|weekend|month|quarter|year|{_alt('season')})"),
        ("the_weekend", r"the weekend"),
        ("the_year", r"the (?:current |full |entire )?(?:fiscal[- ])?year"),
        ("the_season", rf"(?:the|this past)\s+(?:(?P<part>early|late|mid)[- ]?)?(?P<seas>{_alt('season')})"),
        ("season", rf"(?P<rel>last|next|this)\s+(?P<seas>{_alt('season')})"),
        ("past_n", rf"(?:the\s+)?(?P<rel>past|last|next|coming|first|previous)\s+{number}\s+{unit}"),
        ("recent_ref", r"recent years"),
        ("compound_duration", rf"(?P<num>\d+|{_alt('number')})-(?P<unit>{_alt('unit')})(?=[- ]\w)"),
        ("duration", rf"{approx}{number}\s+{unit}(?!\s+(?:ago|earlier|later|before)|-(?:ago|earlier))"),
        ("for_units", rf"(?:recent|the past|the last|(?<=\bfor\s))\s*(?P<unit>{_alt('unit')})s"),
        ("set", rf"(?P<setword>{_alt('set')})|every (?P<unit>day|week|month|year)"),
        ("reference", rf"(?P<ref>{_alt('reference')})(?!\s+(?:\w+\s+)?(?:{_alt('unit')})s?\b)"),
        ("time", r"(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)"),
    ]
    body = "|".join(f"(?P<r_{name}>{pattern})" for name, pattern in rules)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.I)


@lru_cache(maxsize=None)
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
    firm: bool = False  # whether the tense comes from a clear marker before it ('will', 'planned')

    @property
    def start(self) -> int:
        return self.match.start()

    @property
    def end(self) -> int:
        return self.match.end()

    def resolve(self, anchor: Anchor) -> Timex | None:
        if self.antecedent is not None:  # anaphora count from the date last mentioned
            reference = self.antecedent.resolve(anchor)
            if reference is not None and reference.earliest is not None:
                anchor = reference.earliest if reference.earliest == reference.latest or self.match["anaunit"].lower() \
                    in ("year", "month", "week") else anchor
        return _resolve(self.rule, self.match, self.match.string, anchor, self.tense, self.firm)

    @property
    def deictic(self) -> bool:
        """Whether the expression points at the writing day itself (today, now): tense adds nothing."""
        return self.rule in ("day_offset", "reference", "recent_ref")

    @property
    def absolute(self) -> bool:
        """Whether the expression names its own year (its value does not depend on the anchor)."""
        return self.rule in ABSOLUTE_RULES or (self.rule == "part_month" and self.match.group("y") is not None)


ABSOLUTE_RULES = {"iso", "month_day_year", "day_month_year", "month_year", "part_year", "decade", "fiscal", "year"}


def find_timexes(text: str, *, tense_aware: bool = True) -> list[TimexMatch]:
    """The temporal expressions of ``text`` with their rule and tense, ready to resolve."""
    found, antecedent = [], None
    for match in grammar().finditer(text):
        rule = next(name[2:] for name in _rule_groups() if match.group(name) is not None)
        if not _plausible(rule, match, text):
            continue
        tense, firm = _tense(text, match.start(), match.end()) if tense_aware else ("unknown", False)
        found.append(TimexMatch(match, rule, tense, antecedent if rule == "anaphoric" else None, firm))
        if rule in ANTECEDENT_RULES:
            antecedent = found[-1]
    return found


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
    month = match.groupdict().get("month") or match.groupdict().get("month2")
    if month and not month[0].isupper():
        return False
    if month and len(month) <= 4 and month.lower() not in ("may", "june", "july") \
            and not re.match(r"\.?\s*\d", text[match.end():]) and not month.endswith("."):
        return False
    before, after = text[max(0, match.start() - 60):match.start()], text[match.end():match.end() + 20]
    return not any((rules is None or rule in rules) and re.fullmatch(matched or ".*", match.group(0), re.S)
                   and (not left or re.search(left, before)) and (not right or re.match(right, after))
                   for rules, matched, left, right in NOT_TEMPORAL)


def _resolve(rule, m, text, anchor, tense, firm=False) -> Timex | None:
    """Normalise one match: at each end of an interval anchor, then widened."""
    anchors = (anchor if isinstance(anchor, tuple) else (anchor, anchor))
    firm = firm or anchors[0] != anchors[1]  # nearness needs a known writing day; without one the tense decides
    results = [_normalise(rule, m, a, tense, firm) for a in anchors]
    if results[0] is None:
        return None
    kind, value, mod = results[0]
    if mod is None and m.groupdict().get("approx"):
        mod = APPROX_MODS[m["approx"].lower()]
    earliest = latest = None
    values = [r[1] for r in results if r]
    if kind == "DATE":
        spans = [_narrow(*_span(v), mod) if _span(v)[0] else (None, None) for v in values]
        if all(s[0] for s in spans):
            earliest, latest = min(s[0] for s in spans), max(s[1] for s in spans)
        if len(set(values)) > 1:
            value = _common_value(values)
        if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF") and anchor is not None:
            lo, hi = anchors
            earliest, latest = {"PRESENT_REF": (lo, hi), "PAST_REF": (None, hi), "FUTURE_REF": (lo, None)}[value]
    if kind == "TIME":
        days = [date.fromisoformat(v[:10]) for v in values if re.match(r"\d{4}-\d{2}-\d{2}", v)]
        if days:
            earliest, latest = min(days), max(days)
    return Timex(m.start(), m.end(), m.group(0), kind, value, earliest, latest, mod, rule)


def _common_value(values: list[str]) -> str:
    """One value for several readings: the parts they share, X for the rest (2019-12-05, 2019-12-20 -> 2019-12-XX)."""
    first = values[0]
    if not all(len(v) == len(first) for v in values):
        return re.sub(r"\d", "X", first)
    return "".join(c if all(v[i] == c for v in values) else ("X" if c.isdigit() else c) for i, c in enumerate(first))


def _number(raw: str | None) -> str:
    if raw is None:
        return "1"
    raw = raw.lower()
    return raw if raw.isdigit() else str(words("number").get(raw, "X"))


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _normalise(rule, m, anchor: date | None, tense: str, firm: bool = False):
    """(type, value, mod) for one match and one anchor day."""
    near = 0 if firm else NEAR_MONTH
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    month = int(words("month")[(g.get("month") or g.get("month2") or "").lower().rstrip(".")]) \
        if (g.get("month") or g.get("month2")) else None
    year = _year_value(g["y"]) if "y" in g else None
    day = int(re.match(r"\d+", g.get("d") or g["d2"]).group(0)) if "d" in g or "d2" in g else None
    ay = anchor.year if anchor else None

    def dated(y, mo, d) -> tuple:
        try:
            return "DATE", date(y, mo, d).isoformat(), None
        except ValueError:
            return None

    if rule == "iso":
        return dated(year, int(g["mo"]), day)
    if rule in ("month_day_year", "day_month_year") or (rule == "weekday_date" and year):
        return dated(year, month, day)
    if rule == "day_month_rel":
        if ay is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}", None
        return dated(ay + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()], month, day)
    if rule == "time_date":
        found = _normalise("month_day_year" if year else "month_day", m, anchor, tense, firm)
        if found is None:
            return None
        hour = int(g["h"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
        return "TIME", f"{found[1]}T{hour:02d}:{int(g.get('min', 0)):02d}", None
    if rule in ("month_day", "day_month", "weekday_date"):
        if ay is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}", None
        candidates = [(y, month, day) for y in (ay - 1, ay, ay + 1)]
        valid = [c for c in candidates if _valid(*c)]
        # a month and day: the nearest such day when close, else on the side the verb points to
        pick = _directed([date(*c) for c in valid], anchor, tense, near)
        return "DATE", pick.isoformat(), None
    if rule == "part_month":
        mod = _mod(g["part"])
        y = year or (_directed_month(month, anchor, tense, near).year if anchor else None)
        return "DATE", f"{y:04d}-{month:02d}" if y else f"XXXX-{month:02d}", mod
    if rule == "month_year":
        return "DATE", f"{year:04d}-{month:02d}", None
    if rule == "month_rel":
        if anchor is None:
            return "DATE", f"XXXX-{month:02d}", None
        return "DATE", f"{ay + {'this': 0, 'last': -1, 'next': 1}[g['rel'].lower()]:04d}-{month:02d}", None
    if rule == "rel_month":
        rel = g["rel"].lower()
        if anchor is None:
            return "DATE", f"XXXX-{month:02d}", None
        if rel in ("last", "late last"):
            y = ay if month < anchor.month else ay - 1
        elif rel in ("next", "early next"):
            y = ay if month > anchor.month else ay + 1
        else:
            y = ay
        return "DATE", f"{y:04d}-{month:02d}", None
    if rule == "month":
        if anchor is None:
            return "DATE", f"XXXX-{month:02d}", None
        d = _directed_month(month, anchor, tense, near)
        return "DATE", f"{d.year:04d}-{month:02d}", None
    if rule == "part_year":
        return "DATE", str(year), _mod(g["part"])
    if rule == "part_rel":
        if anchor is None:
            return "DATE", "XXXX", _mod(g["part2"])
        shift = {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
        unit = g["unit"].lower()
        value = _unit_value(anchor, unit, shift)
        return "DATE", value, _mod(g["part2"])
    if rule == "decade":
        decade = g["dec"][:3] if g.get("dec") else "19" + (g.get("dec2") or words("decade")[g["decword"].lower()])[0]
        return "DATE", decade, _mod(g["part"]) if g.get("part") else None
    if rule == "century":
        return "DATE", f"{int(g['cent']) - 1:02d}", None
    if rule == "part_the_unit":
        return "DATE", _unit_value(anchor, g["unit"].lower(), 0) if anchor else "XXXX", _mod(g["part"])
    if rule == "fiscal":
        return "DATE", str(year), None
    if rule == "year":
        return "DATE", str(year), None
    if rule == "weekday":
        wd = int(words("weekday")[g["wday"].lower()])
        if anchor is None:
            return "DATE", "XXXX-XX-XX", None
        rel = (g.get("rel") or "").lower()
        direction = "future" if rel in ("next", "coming") else "past" if rel in ("last", "past") else tense
        if direction == "unknown" or (not rel and m.string.startswith("'s", m.end())):
            direction = "past"  # news mostly reports days gone by, and 'Wednesday's ruling' has been made
        after = anchor + timedelta((wd - anchor.weekday() - 1) % 7 + 1)
        # 'last Monday' is never the writing day itself; a bare 'Monday' may be
        before = anchor - timedelta((anchor.weekday() - wd - (rel in ("last", "past"))) % 7 + (rel in ("last", "past")))
        day = _directed([before, after], anchor, direction).isoformat()
        if g.get("tod"):
            return "TIME", f"{day}T{PARTS_OF_DAY[g['tod'].lower()]}", None
        return "DATE", day, None
    if rule in ("time_weekday", "noon_weekday"):
        if anchor is None:
            return "TIME", "XXXX-XX-XXTXX:XX", None
        wd = int(words("weekday")[g["wday"].lower()])
        day = _directed([anchor - timedelta((anchor.weekday() - wd) % 7),
                         anchor + timedelta((wd - anchor.weekday() - 1) % 7 + 1)], anchor,
                        "past" if tense == "unknown" else tense)
        if rule == "noon_weekday":
            return "TIME", f"{day.isoformat()}T{'12:00' if g['clock'].lower() == 'noon' else '24:00'}", None
        hour = int(g["h"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
        return "TIME", f"{day.isoformat()}T{hour:02d}:{int(g.get('min', 0)):02d}", None
    if rule == "day_part":
        if anchor is None:
            return "TIME", "XXXX-XX-XXTXX", None
        if g.get("tonight"):
            return "TIME", f"{anchor.isoformat()}TNI", None
        shift = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[g["rel"].lower()]
        code = PARTS_OF_DAY[g["part"].lower()]
        return "TIME", f"{(anchor + timedelta(shift)).isoformat()}T{code}", None
    if rule == "clock_word":
        clock = {"midday": "12:00", "noon": "12:00", "midnight": "24:00"}[g["clock"].lower()]
        return "TIME", f"{anchor.isoformat() if anchor else 'XXXX-XX-XX'}T{clock}", None
    if rule == "day_offset":
        if anchor is None:
            return "DATE", "XXXX-XX-XX", None
        return "DATE", (anchor + timedelta(int(words("day_offset")[g["offset"].lower()]))).isoformat(), None
    if rule == "ago":
        n = _number(g.get("num"))
        unit = _unit_code(g["unit"])
        if unit == "Y" and n == "1" and anchor is not None and _quarter_context(m):
            y, q = _reported_quarter(m, anchor, longer=True)
            return "DATE", f"{y - 1:04d}-Q{q}" if q else f"{y - 1:04d}", None
        if anchor is None or n == "X":
            return "DATE", "PAST_REF" if g["dir"].lower() in ("ago", "earlier", "before") else "FUTURE_REF", None
        sign = 1 if g["dir"].lower() == "later" else -1
        return "DATE", _shift_value(anchor, unit, sign * int(n)), None
    if rule == "rel_unit":
        rel, unit = g["rel"].lower(), g["unit"].lower()
        shift = {"last": -1, "the past": -1, "the previous": -1, "next": 1, "the coming": 1}.get(rel, 0)
        if unit in words("season"):
            code = words("season")[unit]
            return "DATE", (f"{ay + shift:04d}-{code}" if ay else f"XXXX-{code}"), None
        if anchor is None:
            return "DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                            "quarter": "XXXX-QX"}.get(unit, "XXXX"), None
        if unit == "weekend":
            return "DATE", _week(anchor + timedelta(7 * shift)) + "-WE", None
        return "DATE", _unit_value(anchor, unit, shift), None
    if rule == "quarter":
        q = int(words("ordinal")[g["ord"].lower()])
        return "DATE", f"{_quarter_year(q, anchor, tense):04d}-Q{q}" if ay else f"XXXX-Q{q}", None
    if rule == "quarter_year":
        return "DATE", f"{year:04d}-Q{words('ordinal')[g['ord'].lower()]}", None
    if rule == "half_year":
        return "DATE", f"{year:04d}-H{1 if g['half'].lower() == 'first' else 2}", None
    if rule in ("year_quarter", "rel_year_quarter", "year_ago_quarter", "the_quarter"):
        if anchor is None:
            return "DATE", f"{year:04d}-QX" if year else "XXXX-QX", None
        reported_year, q = _reported_quarter(m, anchor)
        if g.get("ord"):
            q = int(words("ordinal")[g["ord"].lower()])
            reported_year = _quarter_year(q, anchor, "past")
        if g.get("current"):
            reported_year, q = ay, (anchor.month - 1) // 3 + 1
        y = {"year_quarter": year, "year_ago_quarter": reported_year - 1,
             "rel_year_quarter": ay + {"this": 0, "last": -1, "next": 1}[(g.get("rel") or "this").lower()]}.get(rule, reported_year)
        return "DATE", f"{y:04d}-Q{q}", None
    if rule == "holiday":
        if anchor is None:
            return "DATE", "XXXX-XX-XX", None
        rel = (g.get("rel") or "").lower()
        days = [d for y in (ay - 1, ay, ay + 1) if (d := holiday_date(g["holiday"], y))]
        direction = {"last": "past", "next": "future"}.get(rel, tense)
        return "DATE", _directed(days, anchor - timedelta(rel == "last"), direction, 0 if rel else near).isoformat(), None
    if rule == "year_end":
        since = re.search(r"\bsince\s+$", m.string[max(0, m.start() - 8):m.start()], re.I)
        y = (ay - bool(since)) if ay else None  # 'since year-end' is the last one; 'by year-end' this one
        return "DATE", f"{y:04d}" if y else "XXXX", "END"
    if rule == "anaphoric":
        if anchor is None:
            return "DATE", "XXXX-XX-XX", None
        shift = 0 if g["ana"].lower().startswith(("that", "the same", "later", "earlier")) else 1
        unit = g["anaunit"].lower()
        if unit in PARTS_OF_DAY:
            return "TIME", f"{(anchor + timedelta(shift)).isoformat()}T{PARTS_OF_DAY[unit]}", None
        if unit == "day":
            return "DATE", (anchor + timedelta(shift)).isoformat(), None
        return "DATE", _unit_value(anchor, unit, shift), None
    if rule == "the_year":
        if re.match(r"\s+(?:ended|ending)\b", m.string[m.end():]):
            return "DURATION", "P1Y", None  # 'the year ended March 31' is a period of a year
        return "DATE", f"{ay:04d}" if ay else "XXXX", None
    if rule == "the_season":
        code = words("season")[g["seas"].lower()]
        if anchor is None:
            return "DATE", f"XXXX-{code}", _mod(g["part"]) if g.get("part") else None
        first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        starts = [date(y, first, 1) for y in (ay - 1, ay, ay + 1)]
        begun = _directed(starts, anchor, "future" if tense == "future" else "past")
        return "DATE", f"{begun.year:04d}-{code}", _mod(g["part"]) if g.get("part") else None
    if rule == "the_weekend":
        if anchor is None:
            return "DATE", "XXXX-WXX-WE", None
        saturday = _directed([anchor - timedelta((anchor.weekday() - 5) % 7),
                              anchor + timedelta((5 - anchor.weekday() - 1) % 7 + 1)], anchor, tense)
        return "DATE", _week(saturday) + "-WE", None
    if rule == "season_year":
        return "DATE", f"{year:04d}-{words('season')[g['seas'].lower()]}", None
    if rule == "season":
        code = words("season")[g["seas"].lower()]
        shift = {"last": -1, "next": 1, "this": 0}[g["rel"].lower()]
        return "DATE", f"{ay + shift:04d}-{code}" if ay else f"XXXX-{code}", None
    if rule in ("past_n", "duration", "compound_duration"):
        n = _number(g.get("num"))
        unit = _unit_code(g["unit"])
        return "DURATION", _duration(n, unit), None
    if rule == "recent_ref":
        return "DATE", "PAST_REF", None
    if rule == "for_units":
        return "DURATION", _duration("X", _unit_code(g["unit"])), None
    if rule == "set":
        if g.get("setword"):
            return "SET", words("set")[g["setword"].lower()], None
        return "SET", _duration("1", _unit_code(g["unit"])), None
    if rule == "reference":
        return "DATE", words("reference")[g["ref"].lower()], None
    if rule == "time":
        hour = int(g["h"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
        prefix = anchor.isoformat() if anchor else "XXXX-XX-XX"
        return "TIME", f"{prefix}T{hour:02d}:{int(g.get('min', 0)):02d}", None
    return None


PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


QUARTER_WORD = re.compile(r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ])?quarter"
                          r"|(?P<long>nine months|six months|first half|(?:fiscal|full|the) year\b)", re.I)
QUARTER_REACH = 1500  # characters before a match searched for the quarter a report is about


def _quarter_context(m) -> bool:
    """Whether the text around a match reports on a quarter (business news: "a year ago" is that
    quarter a year before): the sentence, or the stretch before it, speaks of quarters."""
    text = m.string
    right = text.find(". ", m.end())
    return "quarter" in text[max(0, m.start() - QUARTER_REACH):right if right > 0 else len(text)].lower()


def _quarter_year(q: int, anchor: date, tense: str) -> int:
    """The year of the nearest quarter q that has begun by the anchor (the next one for the future)."""
    begun = 3 * q - 2 <= anchor.month
    return anchor.year if begun or tense == "future" else anchor.year - 1


def _reported_quarter(m, anchor: date, longer: bool = False) -> tuple[int, int]:
    """(year, quarter) a business report is about: the last numbered quarter named before the
    match, else the last quarter completed before the anchor. With ``longer``, quarter 0 when the
    last period named is longer than a quarter (nine months, the year)."""
    text = m.string
    named = [q for q in QUARTER_WORD.finditer(text, max(0, m.start() - QUARTER_REACH), m.start()) if q["ord"] or q["long"]]
    sentence = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()))
    if longer and named and named[-1]["long"] and named[-1].start() > sentence:
        return anchor.year, 0  # the sentence is about a longer period (nine months, the year): a year ago is a year
    named = [q for q in named if q["ord"]]
    if named:
        q = int(words("ordinal")[named[-1]["ord"].lower()])
        return _quarter_year(q, anchor, "past"), q
    y, q = _unit_value(anchor, "quarter", -1).split("-Q")
    return int(y), int(q)


@lru_cache(maxsize=None)
def holidays() -> dict[str, dict]:
    """Named days from ``data/holidays.csv``: lower-case name -> row (fixed date, nth weekday, or Easter offset)."""
    return {row["name"].lower(): row for row in table("holidays.csv")}


def holiday_date(name: str, year: int) -> date | None:
    """The day a named holiday falls on in ``year``."""
    row = holidays()[name.lower()]
    if row["easter_offset"]:
        return easter(year) + timedelta(int(row["easter_offset"]))
    month, first = int(row["month"]), int(row["day"] or 1)
    if not row["weekday"]:
        return date(year, month, first)
    weekday, nth = int(row["weekday"]), int(row["nth"])
    if nth < 0:  # counted from the end of the month
        last = month_end(year, month)
        return last - timedelta((last.weekday() - weekday) % 7) + timedelta(7 * (nth + 1))
    start = date(year, month, first)
    return start + timedelta((weekday - start.weekday()) % 7 + 7 * (nth - 1))


def _valid(y: int, mo: int, d: int) -> bool:
    try:
        date(y, mo, d)
        return True
    except ValueError:
        return False


def _directed(candidates: list[date], anchor: date, tense: str, near: int = 0) -> date:
    """The candidate nearest the anchor on the side the tense points to (the anchor day counts as
    past); with no tense known, or when one candidate is within ``near`` days, the nearest one."""
    before = [c for c in candidates if c <= anchor]
    after = [c for c in candidates if c > anchor]
    nearest = min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))
    if abs((nearest - anchor).days) <= near:
        return nearest
    if tense == "future" and after:
        return min(after)
    if tense == "past" and before:
        return max(before)
    return nearest


# A month named without its year within this many days of the writing date is that one, whatever
# the tense ("results in mid-November" written in late October); farther ones follow the verb.
NEAR_MONTH = 62


def _directed_month(month: int, anchor: date, tense: str, near: int = NEAR_MONTH) -> date:
    """The month (its first day) nearest the anchor's month on the side the tense points to."""
    return _directed([date(anchor.year + k, month, 1) for k in (-1, 0, 1)], anchor.replace(day=1), tense, near)


def _mod(part: str) -> str:
    word = part.lower().split()[-2] if part.lower().startswith("the ") else part.lower()
    return words("part").get(word, "MID")


def _unit_code(unit: str) -> str:
    return words("unit")[unit.lower().rstrip("s") if unit.lower() != "s" else unit.lower()]


def _duration(n: str, unit: str) -> str:
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{'M' if unit == 'MIN' else unit}"
    if unit == "2W":
        return "P2W" if n == "1" else f"P{n}W"
    if unit == "DE":
        return f"P{int(n) * 10}Y" if n.isdigit() else "PXDE"
    if unit == "CE":
        return f"P{int(n) * 100}Y" if n.isdigit() else "PXCE"
    if unit == "Q":
        return f"P{n}Q"
    return f"P{n}{unit}"


def _unit_value(anchor: date, unit: str, shift: int) -> str:
    if unit == "week":
        return _week(anchor + timedelta(7 * shift))
    if unit == "month":
        d = add_months(anchor, shift)
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + shift
        y, q = anchor.year + q // 4, q % 4
        return f"{y:04d}-Q{q + 1}"
    return str(anchor.year + shift)


def _shift_value(anchor: date, unit: str, n: int) -> str:
    if unit == "D":
        return (anchor + timedelta(n)).isoformat()
    if unit in ("W", "2W"):
        return _week(anchor + timedelta(7 * n * (2 if unit == "2W" else 1)))
    if unit == "M":
        d = add_months(anchor, n)
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return _unit_value(anchor, "quarter", n)
    if unit == "Y":
        return str(anchor.year + n)
    if unit == "DE":
        return str(anchor.year + 10 * n)  # 'a decade ago' is the year ten years back, not the decade
    return anchor.isoformat()


__all__ = ["Timex", "TimexMatch", "extract_timexes", "find_timexes", "tense_at"]
