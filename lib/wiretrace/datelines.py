"""Dates a page states in its furniture: date lines, datelines and agency credits.

A **date line** is a short line that says when the page was published or updated ("Thursday 1 Apr
2021", "Published : 6 Feb 2023, 05:40 AM", "Updated: July 10, 2018", " date 2021-03-24"), maybe
with the writer's name ("Mohamed Soliman , Thursday 1 Apr 2021"). A **dateline** opens a story
with the place it was filed from, sometimes the day and the agency ("ANKARA, Feb 6 (Reuters) –",
"VELMORA, Egypt (AP) —", "ORROW, Thailand:"). Scrapers often glue either onto the first
sentence of the story; :func:`glued_prefix` finds where it ends so the sentence keeps its role.

The date string is found by the patterns below and parsed by ``dateparser``; a numeric date whose
day and month orders both make sense ("04/03/2021") gives both readings, not a guess. A date
without a year ("Feb 6") is kept as ``--MM-DD`` (ISO 8601's form for a day of an unknown year).
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import datetime

from .resources import word_list

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_SEP = r"[ \t]*,?[ \t]+"
# Full dates (with a year), the forms pages print above or below a story.
_FULL = (rf"(?:{_WEEKDAY},?[ \t]+)?(?:{_DAY}[ \t]+{_MONTH},?[ \t]+{_YEAR}|{_MONTH}[ \t]+{_DAY}{_SEP}{_YEAR})"
         rf"|(?<!\d){_YEAR}-[01]\d-[0-3]\d(?!\d)"
         rf"|(?<![\d/.])(?:[0-3]?\d)[/.](?:[0-3]?\d)[/.](?:{_YEAR}|\d\d)(?![\d/.])")
_NO_YEAR = rf"(?:{_MONTH}[ \t]+{_DAY}|{_DAY}[ \t]+{_MONTH})(?![ \t]*,?[ \t]*\d)"
FULL_DATE = re.compile(rf"\b(?:{_FULL})", re.IGNORECASE)
ANY_DATE = re.compile(rf"\b(?:{_FULL}|{_NO_YEAR})", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ \t]*[ap]\.?[ \t]?m\.?)?|\b\d{1,2}[ \t]*[ap]\.?m\b\.?"
                   r"|\b(?:GMT|UTC|IST|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST|ET|PT|AEST|WIB|ICT)\b"
                   r"|(?<=\d)T(?=\d)|[+-]\d{2}:?\d{2}\b", re.IGNORECASE)
_LABEL = re.compile(r"\b(?:date|published|updated|posted|modified|last|first|on|at|am|pm|created|"
                    r"\d+[ \t]+(?:seconds?|minutes?|mins?|hours?|hrs?|days?)[ \t]+ago|ago|today|yesterday)\b",
                    re.IGNORECASE)
_NAME_WORD = re.compile(r"(?:[A-Z][\w’'.-]*|de|da|van|von|bin|al|el|la|le|del|di)$")

# Where a dateline ends: the place (capitals, or any case before an agency credit), the region,
# the day, the credit in parentheses, then a dash or colon.
# Labels that open a line like a place but are not one ("FILE – In this photo", "UPDATE -").
_NOT_PLACE = (r"(?!(?:FILE|UPDATE|UPDATED|BREAKING|WATCH|LISTEN|EXCLUSIVE|PHOTO|PHOTOS|VIDEO|ANALYSIS|OPINION|"
              r"EDITORIAL|CORRECTION|CLARIFICATION|LIVE|NOTE|EDITOR'?S NOTE|READ MORE|ALSO READ|RELATED|ADVERTISEMENT)\b)")
_PLACE_CAPS = _NOT_PLACE + r"[A-Z][A-Z.’'-]+(?:[ \t][A-Z][A-Z.’'-]+){0,3}"
_PLACE_ANY = r"[A-Z][\w.’'-]+(?:[ \t][A-Z][\w.’'-]+){0,3}"
_REGION = r",[ \t]*[A-Z][\w.’'-]+(?:[ \t][A-Z][\w.’'-]+){0,2}"
_CREDIT = r"\([ \t]*[^()\n]{1,80}?[ \t]*\)"
_DASH = r"[ \t]*(?:[–—-]{1,2}|_|:)"  # "_": the dash of agencies' plain-text wire copy ("VELMORA, Ostravia (AP) _")
DATELINE = re.compile(
    rf"^(?:{_PLACE_CAPS}(?:{_REGION})?(?:,[ \t]*{_NO_YEAR})?[ \t]*(?:{_CREDIT})?{_DASH}"
    rf"|{_PLACE_ANY}(?:{_REGION})?(?:,[ \t]*{_NO_YEAR})?,?[ \t]*{_CREDIT}{_DASH})")
# A dateline must say more than a capitalised word and a colon ("BREAKING:", a teaser's kicker):
# a region, a day, a credit or a dash.
_DATELINE_EVIDENCE = re.compile(rf"{_REGION}|\(|[–—_-]|{_NO_YEAR}")
_GLUED_DATE = re.compile(rf"^\s*(?:(?:date|published|updated|posted)[ \t]*:?[ \t]+)?(?:{_FULL})"
                         rf"(?:[ \t,|]+{_TIME.pattern})*", re.IGNORECASE)


@dataclass(frozen=True)
class StatedDate:
    """A date a line states: offsets into the line, its text and its readings (ISO days)."""

    start: int
    end: int
    text: str
    readings: tuple[str, ...]


# "August 7", "Oct. 9, 2031", "9 October 2031": a month's name or its abbreviation (title case), a
# day of that month and maybe a year, the commonest forms, read without dateparser (its first call
# costs about 0.2 s and each new string about 2 ms): a real day of the month (in 2000, a leap year,
# dateparser's base here, without a year) gives its reading, another none. A test checks such
# strings against dateparser (13,764 of them, every month, form, day and stop, agreed).
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")  # not calendar.month_name: it follows the locale
_MONTH_NUMBERS = {**{name: n for n, name in enumerate(_MONTH_NAMES, 1)},
                  **{name[:3]: n for n, name in enumerate(_MONTH_NAMES, 1) if name != "May"}, "Sept": 9}
_SIMPLE_MONTH = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_SIMPLE_DATE = re.compile(rf"({_SIMPLE_MONTH})\.? ([1-9]|[12][0-9]|3[01])(?:, ((?:19|20)\d\d))?"
                          rf"|([1-9]|[12][0-9]|3[01]) ({_SIMPLE_MONTH})\.?(?: ((?:19|20)\d\d))?")


def _simple_readings(text: str) -> tuple[str, ...] | None:
    """The readings of a date in one of the simple forms of ``_SIMPLE_DATE``, or None for another form."""
    if (found := _SIMPLE_DATE.fullmatch(text)) is None:
        return None
    month, day, year = (found[1], found[2], found[3]) if found[1] else (found[5], found[4], found[6])
    month, day = _MONTH_NUMBERS[month], int(day)
    if day > calendar.monthrange(int(year or 2000), month)[1]:
        return ()
    return (f"{year}-{month:02d}-{day:02d}",) if year else (f"--{month:02d}-{day:02d}",)


# "2021-03-24": an ISO day (of a real month and day), read without dateparser, which reads it so
# in either order; a test checks such strings against dateparser.
_ISO_DAY = re.compile(r"((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")


def readings(text: str) -> tuple[str, ...]:
    """The ISO days ``text`` can mean: both orders of an ambiguous numeric date, ``--MM-DD`` without a year."""
    if (simple := _simple_readings(text)) is not None:
        return simple
    if (iso := _ISO_DAY.fullmatch(text)) and int(iso[3]) <= calendar.monthrange(int(iso[1]), int(iso[2]))[1]:
        return (text,)
    return _parsed_readings(text)


@functools.lru_cache(maxsize=4096)
def _parsed_readings(text: str) -> tuple[str, ...]:
    """:func:`readings` by ``dateparser`` (about 2 ms a call), kept for each text: a page's date
    lines are read several times (cut off the sentence they are glued onto, given a role, then
    their dates), and pages of a story print the same dates."""
    import dateparser

    found: list[str] = []
    full = FULL_DATE.fullmatch(text.strip())
    for order in ("DMY", "MDY"):
        settings = {"DATE_ORDER": order, "PREFER_DAY_OF_MONTH": "first",
                    "REQUIRE_PARTS": ["day", "month", "year"] if full else ["day", "month"],
                    "RELATIVE_BASE": datetime(2000, 1, 1)}
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
        if parsed is None:
            continue
        value = parsed.date().isoformat() if full else f"--{parsed.month:02d}-{parsed.day:02d}"
        if value not in found:
            found.append(value)
    return tuple(found)


def find_dates(text: str, with_year_only: bool = False) -> list[StatedDate]:
    """Every date written in ``text``, with its readings (dates nothing can parse are left out)."""
    pattern = FULL_DATE if with_year_only else ANY_DATE
    out = []
    for m in pattern.finditer(text):
        values = readings(m.group(0))
        if values:
            out.append(StatedDate(m.start(), m.end(), m.group(0), values))
    return out


def date_line(text: str, max_words: int = 16) -> tuple[list[StatedDate], tuple[int, int] | None] | None:
    """If ``text`` is a date line, its dates and the span of a writer's name on it (or None).

    A date line holds a full date and nothing else but times, labels ("Published", "Updated",
    "2 minutes ago"), separators and at most one name of two to four capitalised words.
    """
    if len(text.split(None, max_words)) > max_words:  # more than max_words words (split stops there)
        return None
    dates = find_dates(text, with_year_only=True)
    if not dates:
        return None
    rest = list(text)
    for d in dates:
        rest[d.start:d.end] = " " * (d.end - d.start)
    rest = "".join(rest)
    for pattern in (_TIME, _LABEL):
        rest = pattern.sub(lambda m: " " * len(m.group(0)), rest)
    words = [(m.start(), m.end()) for m in re.finditer(r"[^\s|/,:;·•&\-–—()\[\]]+", rest)]
    if not words:
        return dates, None
    names = [rest[s:e] for s, e in words]
    if any(re.search(r"\w\.[a-z]{2,}", w) for w in names):
        return None  # a web address beside the date is the site's, a line of its own
    if len(names) > 4 or not all(_NAME_WORD.match(w) for w in names):
        return None
    if len(names) == 1 or any(w.isupper() or w.strip(".") in word_list("organisation_words.txt") for w in names):
        return dates, None  # a section, agency or site label beside the date ("Fast News", "Xinhua)")
    return dates, (words[0][0], words[-1][1])


def dateline_end(text: str) -> int | None:
    """Where a dateline opening ``text`` ends (after its dash or colon), or None."""
    m = DATELINE.match(text)
    if not m or not _DATELINE_EVIDENCE.search(m.group(0)):
        return None
    return m.end()


def glued_prefix(text: str) -> int | None:
    """The end of a date line or dateline glued onto the sentence that follows it in ``text``."""
    if date_line(text) is not None:
        return None  # the whole line is a date line ("date 2019-12-05 World News")
    labelled = False
    if (m := _GLUED_DATE.match(text)) and readings(FULL_DATE.search(m.group(0)).group(0)):
        match_end, labelled = m.end(), bool(_LABEL.match(m.group(0).lstrip()))
    else:
        match_end = dateline_end(text)
    if match_end is None:
        return None
    rest = text[match_end:]
    stripped = rest.lstrip()
    if not stripped or (not labelled and not (stripped[0].isupper() or stripped[0] in "“\"‘'«(")):
        return None
    return match_end + (len(rest) - len(stripped))


def stated_dates(text: str, role: str, rule: str = "") -> list[tuple[str, StatedDate]]:
    """The dates a segment of the page states, by kind: ``published``/``updated`` on a date line
    (or ``date line`` when it does not say which), ``dateline`` for the day a dateline gives."""
    if role in ("dateline", "byline") and (found := date_line(text)) is not None:
        out = []
        for d in found[0]:
            label = re.findall(r"(?i)\b(published|posted|created|updated|modified)\b", text[:d.start])
            kind = label[-1].casefold() if label else "date line"
            out.append(({"posted": "published", "created": "published", "modified": "updated"}.get(kind, kind), d))
        return out
    if role == "dateline" and (end := dateline_end(text)) is not None:
        return [("dateline", d) for d in find_dates(text[:end])]
    return []
