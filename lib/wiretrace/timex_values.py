"""TIMEX3 values: what one matched temporal expression means, for one anchor day.

``normalise(rule, match, anchor, tense)`` gives (type, value, mod) in the TempEval-3 conventions;
the calendar helpers turn values into days (``span``). ``wiretrace.timex`` finds the expressions
and calls this module. The words (months, weekdays, numbers, units, tense markers) are in
``data/temporal_words.csv``, named days in ``data/holidays.csv``.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import regex as re
from dateutil.easter import easter

from .resources import cached, table


@cached
def words(kind: str) -> dict[str, str]:
    """The temporal words of one kind from the data file: word -> value."""
    return {row["word"]: row["value"] for row in table("temporal_words.csv") if row["kind"] == kind}


def alternation(kind: str) -> str:
    """The words of one kind as a regex alternation, longest first."""
    return "|".join(re.escape(w) for w in sorted(words(kind), key=len, reverse=True))


# -- calendar helpers -------------------------------------------------------------------------
def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@lru_cache(maxsize=1 << 16)
def span(value: str) -> tuple[date | None, date | None]:
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


def narrow(earliest: date, latest: date, mod: str | None) -> tuple[date, date]:
    """Early/mid/late: the first, middle or last third of the span."""
    if not mod or mod not in ("START", "MID", "END"):
        return earliest, latest
    third = (latest - earliest).days // 3
    return {"START": (earliest, earliest + timedelta(third)),
            "MID": (earliest + timedelta(third + 1), latest - timedelta(third + 1)),
            "END": (latest - timedelta(third), latest)}[mod]


def year_value(raw: str) -> int:
    """The number of a year matched by the grammar."""
    if raw.isdigit():
        return int(raw)
    spoken = [w for w in re.findall(r"[a-z]+", raw.lower()) if w != "and"]
    if spoken[0] == "two":  # two thousand (and) ...
        return 2000 + sum(int(words("number")[w]) for w in spoken[2:])
    return 1900 + sum(int(words("number")[w]) for w in spoken[1:])


def common_value(values: list[str]) -> str:
    """One value for several readings: the parts they share, X for the rest (2019-12-05, 2019-12-20 -> 2019-12-XX)."""
    first = values[0]
    if not all(len(v) == len(first) for v in values):
        return re.sub(r"\d", "X", first)
    return "".join(c if all(v[i] == c for v in values) else ("X" if c.isdigit() else c) for i, c in enumerate(first))


def number_of(raw: str | None) -> str:
    """A count as digits ("two" -> "2"; none said -> "1"), or "X" when unknown."""
    if raw is None:
        return "1"
    raw = raw.lower()
    return raw if raw.isdigit() else str(words("number").get(raw, "X"))


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


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


@cached
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
    return f"{anchor.year + shift:04d}"


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
        return f"{anchor.year + n:04d}"
    if unit == "DE":
        return f"{anchor.year + 10 * n:04d}"  # 'a decade ago' is the year ten years back, not the decade
    return anchor.isoformat()


# -- normalising one match ---------------------------------------------------------------------
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
REL_SHIFT = {"this": 0, "last": -1, "next": 1}


@lru_cache(maxsize=4096)
def matched_groups(m) -> dict:
    """The groups a match of the timex grammar filled (name -> text, in the order of
    ``m.groupdict()``), made once per match: the grammar has about a hundred groups, and
    ``groups()`` gives their texts many times faster than ``groupdict()``."""
    return {k: v for k, v in zip(_group_names(m.re), m.groups()) if k is not None and v is not None}


@lru_cache(maxsize=None)
def _group_names(pattern) -> tuple:
    """The name of each group of ``pattern`` by its number (None for an unnamed group)."""
    names = [None] * pattern.groups
    for name, number in pattern.groupindex.items():
        names[number - 1] = name
    return tuple(names)


@dataclass(frozen=True)
class Parts:
    """What one match says (its groups and the numbers in them), with the anchor day and the tense."""

    m: object
    anchor: date | None
    tense: str
    near: int  # days within which a close date wins over a weak tense (0: the tense decides)

    @property
    def g(self) -> dict:
        return matched_groups(self.m)

    @property
    def ay(self) -> int | None:
        return self.anchor.year if self.anchor else None

    @property
    def month(self) -> int | None:
        name = self.g.get("month") or self.g.get("month2")
        return int(words("month")[name.lower().rstrip(".")]) if name else None

    @property
    def year(self) -> int | None:
        return year_value(self.g["y"]) if "y" in self.g else None

    @property
    def day(self) -> int | None:
        raw = self.g.get("d") or self.g.get("d2")
        return int(re.match(r"\d+", raw).group(0)) if raw else None

    @property
    def rel(self) -> str:
        return (self.g.get("rel") or "").lower()

    def mod(self, group: str = "part") -> str | None:
        return _mod(self.g[group]) if self.g.get(group) else None


def normalise(rule: str, m, anchor: date | None, tense: str, firm: bool = False) -> tuple | None:
    """(type, value, mod) of one match of ``rule`` for one anchor day (None: not a valid date)."""
    return NORMALISERS[rule](Parts(m, anchor, tense, 0 if firm else NEAR_MONTH), rule)


def _dated(y: int, mo: int, d: int) -> tuple | None:
    return ("DATE", date(y, mo, d).isoformat(), None) if _valid(y, mo, d) else None


def _explicit(p: Parts, rule: str) -> tuple | None:
    """Expressions that name their own year: a day, month, year, decade, century, quarter or season."""
    g, year = p.g, p.year
    if rule == "iso":
        return _dated(year, int(g["mo"]), p.day)
    if rule in ("month_day_year", "day_month_year", "weekday_date"):
        return _dated(year, p.month, p.day)
    if rule == "month_year":
        return "DATE", f"{year:04d}-{p.month:02d}", None
    if rule == "decade":
        decade = g["dec"][:3] if g.get("dec") else "19" + (g.get("dec2") or words("decade")[g["decword"].lower()])[0]
        return "DATE", decade, p.mod()
    if rule == "century":
        return "DATE", f"{int(g['cent']) - 1:02d}", None
    if rule == "quarter_year":
        return "DATE", f"{year:04d}-Q{words('ordinal')[g['ord'].lower()]}", None
    if rule == "half_year":
        return "DATE", f"{year:04d}-H{1 if g['half'].lower() == 'first' else 2}", None
    if rule == "season_year":
        return "DATE", f"{year:04d}-{words('season')[g['seas'].lower()]}", None
    return "DATE", str(year), p.mod()  # year, fiscal year, early 2020


def _month_named(p: Parts, rule: str) -> tuple | None:
    """A month, or a month and day, without its year: the year comes from the anchor."""
    month, day, anchor, ay = p.month, p.day, p.anchor, p.ay
    if rule == "weekday_date" and p.year:
        return _explicit(p, rule)
    if rule == "part_month" and p.year:
        return "DATE", f"{p.year:04d}-{month:02d}", p.mod()
    if anchor is None:
        return "DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""), p.mod()
    if rule == "day_month_rel":
        return _dated(ay + REL_SHIFT[p.rel], month, day)
    if rule == "month_rel":
        return "DATE", f"{ay + REL_SHIFT[p.rel]:04d}-{month:02d}", None
    if rule == "rel_month":
        if p.rel in ("last", "late last"):
            y = ay if month < anchor.month else ay - 1
        elif p.rel in ("next", "early next"):
            y = ay if month > anchor.month else ay + 1
        else:
            y = ay
        return "DATE", f"{y:04d}-{month:02d}", None
    if day:  # a month and day: the nearest such day when close, else on the side the verb points to
        valid = [date(y, month, day) for y in (ay - 1, ay, ay + 1) if _valid(y, month, day)]
        return "DATE", _directed(valid, anchor, p.tense, p.near).isoformat(), None
    y = p.year or _directed_month(month, anchor, p.tense, p.near).year  # month, part_month
    return "DATE", f"{y:04d}-{month:02d}", p.mod()


def _weekday(p: Parts, rule: str) -> tuple | None:
    """A weekday: the nearest such day on the side the verb points to (the past when it does not say)."""
    g, anchor = p.g, p.anchor
    if anchor is None:
        return ("DATE", "XXXX-XX-XX", None) if rule == "weekday" else ("TIME", "XXXX-XX-XXTXX:XX", None)
    wd = int(words("weekday")[g["wday"].lower()])
    last = p.rel in ("last", "past")
    direction = "future" if p.rel in ("next", "coming") else "past" if last else p.tense
    if direction == "unknown" or (not p.rel and p.m.string.startswith("'s", p.m.end())):
        direction = "past"  # news mostly reports days gone by, and 'Wednesday's ruling' has been made
    if g.get("week"):  # "Monday last week": that weekday of the calendar week named (weeks start on Monday)
        shift = {"last": -7, "next": 7, "this": 0}[g["week"].lower()]
        day = (anchor + timedelta(shift + wd - anchor.weekday())).isoformat()
    else:
        after = anchor + timedelta((wd - anchor.weekday() - 1) % 7 + 1)
        # 'last Monday' is never the writing day itself; a bare 'Monday' may be
        before = anchor - timedelta((anchor.weekday() - wd - last) % 7 + last)
        day = _directed([before, after], anchor, direction).isoformat()
    if rule == "noon_weekday":
        return "TIME", f"{day}T{'12:00' if g['clock'].lower() == 'noon' else '24:00'}", None
    if rule == "time_weekday":
        return "TIME", f"{day}T{_clock(g)}", None
    if g.get("tod"):
        return "TIME", f"{day}T{PARTS_OF_DAY[g['tod'].lower()]}", None
    return "DATE", day, None


def _clock(g: dict) -> str:
    hour = int(g["h"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
    return f"{hour:02d}:{int(g.get('min', 0)):02d}"


def _time(p: Parts, rule: str) -> tuple | None:
    """A time of day: on the anchor day, a day named with it, or the day before or after."""
    g, anchor = p.g, p.anchor
    if rule == "time_date":
        found = _month_named(p, "month_day") if not p.year else _explicit(p, "month_day_year")
        return ("TIME", f"{found[1]}T{_clock(g)}", None) if found else None
    prefix = anchor.isoformat() if anchor else "XXXX-XX-XX"
    if rule == "time":
        return "TIME", f"{prefix}T{_clock(g)}", None
    if rule == "clock_word":
        return "TIME", f"{prefix}T{ {'midday': '12:00', 'noon': '12:00', 'midnight': '24:00'}[g['clock'].lower()]}", None
    if rule == "clock_zone":  # "1025 GMT", "10:25 local time": a clock time on the day written
        return "TIME", f"{prefix}T{int(g['h24']):02d}:{g['min24']}", None
    if anchor is None:  # day_part
        return "TIME", "XXXX-XX-XXTXX", None
    if g.get("tonight"):
        return "TIME", f"{prefix}TNI", None
    if g.get("thepart"):  # "by the evening": that part of the day (of the date said before it, if any); a
        unit = g["thepart"].lower()  # night told in the past of the day written is the one before it
        day = anchor - timedelta(1) if unit == "night" and p.tense == "past" else anchor
        return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[unit]}", None
    if g.get("overnight"):  # the night before the day written, or the coming one when planned
        night = anchor if p.tense == "future" else anchor - timedelta(1)
        return "TIME", f"{night.isoformat()}TNI", None
    shift = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[g["rel"].lower()]
    return "TIME", f"{(anchor + timedelta(shift)).isoformat()}T{PARTS_OF_DAY[g['part'].lower()]}", None


def _relative(p: Parts, rule: str) -> tuple | None:
    """Days, weeks, months and years counted from the anchor: today, three days ago, last week."""
    g, anchor, ay = p.g, p.anchor, p.ay
    if rule == "ago":
        n, unit = number_of(g.get("num")), _unit_code(g["unit"])
        if unit == "Y" and n == "1" and anchor is not None and _quarter_context(p.m):
            y, q = _reported_quarter(p.m, anchor, longer=True)
            return "DATE", f"{y - 1:04d}-Q{q}" if q else f"{y - 1:04d}", None
        if anchor is None or n == "X":
            return "DATE", "FUTURE_REF" if g["dir"].lower() == "later" else "PAST_REF", None
        return "DATE", _shift_value(anchor, unit, (1 if g["dir"].lower() == "later" else -1) * int(n)), None
    if rule == "year_end":
        since = re.search(r"\bsince\s+$", p.m.string[max(0, p.m.start() - 8):p.m.start()], re.I)
        return "DATE", f"{ay - bool(since):04d}" if ay else "XXXX", "END"  # 'since year-end': the last one
    if rule == "the_year" and re.match(r"\s+(?:ended|ending)\b", p.m.string[p.m.end():]):
        return "DURATION", "P1Y", None  # 'the year ended March 31' is a period of a year
    if anchor is None:
        return "DATE", _unanchored(p, rule), p.mod("part2" if rule == "part_rel" else "part")
    if rule == "day_offset":
        return "DATE", (anchor + timedelta(int(words("day_offset")[g["offset"].lower()]))).isoformat(), None
    if rule == "the_year":
        return "DATE", f"{ay:04d}", None
    if rule == "part_rel":
        return "DATE", _unit_value(anchor, g["unit"].lower(), REL_SHIFT[p.rel or "this"]), p.mod("part2")
    if rule == "part_the_unit":
        return "DATE", _unit_value(anchor, g["unit"].lower(), 0), p.mod()
    if rule == "the_weekend":
        saturday = _directed([anchor - timedelta((anchor.weekday() - 5) % 7),
                              anchor + timedelta((5 - anchor.weekday() - 1) % 7 + 1)], anchor, p.tense)
        return "DATE", _week(saturday) + "-WE", None
    if rule == "anaphoric":  # counted from the date last mentioned, which find_timexes made the anchor
        shift = 0 if g["ana"].lower().startswith(("that", "the same", "later", "earlier")) else 1
        unit = g["anaunit"].lower()
        if unit in PARTS_OF_DAY:
            return "TIME", f"{(anchor + timedelta(shift)).isoformat()}T{PARTS_OF_DAY[unit]}", None
        if unit == "day":
            return "DATE", (anchor + timedelta(shift)).isoformat(), None
        return "DATE", _unit_value(anchor, unit, shift), None
    unit = g["unit"].lower()  # rel_unit
    shift = {"last": -1, "the past": -1, "the previous": -1, "next": 1, "the coming": 1}.get(p.rel, 0)
    if unit in words("season"):
        return "DATE", f"{ay + shift:04d}-{words('season')[unit]}", None
    if unit == "weekend":
        return "DATE", _week(anchor + timedelta(7 * shift)) + "-WE", None
    return "DATE", _unit_value(anchor, unit, shift), None


def _unanchored(p: Parts, rule: str) -> str:
    """The value of a relative expression with no anchor: its shape, digits unknown."""
    unit = (p.g.get("unit") or "").lower()
    if rule == "rel_unit":
        return f"XXXX-{words('season')[unit]}" if unit in words("season") else \
            {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX"}.get(unit, "XXXX")
    return {"day_offset": "XXXX-XX-XX", "the_weekend": "XXXX-WXX-WE", "anaphoric": "XXXX-XX-XX"}.get(rule, "XXXX")


def _quarter(p: Parts, rule: str) -> tuple | None:
    """Quarters: a numbered one, or the one a business report is about ('the quarter', 'a year earlier')."""
    g, anchor, ay = p.g, p.anchor, p.ay
    if rule == "quarter":
        q = int(words("ordinal")[g["ord"].lower()])
        return "DATE", f"{_quarter_year(q, anchor, p.tense):04d}-Q{q}" if ay else f"XXXX-Q{q}", None
    if anchor is None:
        return "DATE", f"{p.year:04d}-QX" if p.year else "XXXX-QX", None
    reported_year, q = _reported_quarter(p.m, anchor)
    if g.get("ord"):
        q = int(words("ordinal")[g["ord"].lower()])
        reported_year = _quarter_year(q, anchor, "past")
    if g.get("current"):
        reported_year, q = ay, (anchor.month - 1) // 3 + 1
    y = {"year_quarter": p.year, "year_ago_quarter": reported_year - 1,
         "rel_year_quarter": ay + REL_SHIFT[p.rel or "this"]}.get(rule, reported_year)
    return "DATE", f"{y:04d}-Q{q}", None


def _season(p: Parts, rule: str) -> tuple | None:
    """A season without its year: this, last or next one, or the one under way or just gone."""
    code = words("season")[p.g["seas"].lower()]
    if p.anchor is None:
        return "DATE", f"XXXX-{code}", p.mod()
    if rule == "season":
        return "DATE", f"{p.ay + REL_SHIFT[p.rel]:04d}-{code}", None
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    begun = _directed([date(y, first, 1) for y in (p.ay - 1, p.ay, p.ay + 1)], p.anchor,
                      "future" if p.tense == "future" else "past")
    return "DATE", f"{begun.year:04d}-{code}", p.mod()


def _holiday(p: Parts, rule: str) -> tuple | None:
    """A named day (data/holidays.csv) in the year the anchor and the tense point to."""
    if p.anchor is None:
        return "DATE", "XXXX-XX-XX", None
    days = [d for y in (p.ay - 1, p.ay, p.ay + 1) if (d := holiday_date(p.g["holiday"], y))]
    direction = {"last": "past", "next": "future"}.get(p.rel, p.tense)
    pick = _directed(days, p.anchor - timedelta(p.rel == "last"), direction, 0 if p.rel else p.near)
    return "DATE", pick.isoformat(), None


def _amount(p: Parts, rule: str) -> tuple | None:
    """Durations, sets and vague references: no anchor needed."""
    g = p.g
    if rule == "for_units":
        return "DURATION", _duration("X", _unit_code(g["unit"])), None
    if rule == "set":
        if g.get("setword"):
            return "SET", words("set")[g["setword"].lower()], None
        return "SET", _duration("1", _unit_code(g["unit"])), None
    if rule == "reference":
        return "DATE", words("reference")[g["ref"].lower()], None
    if rule == "recent_ref":
        return "DATE", "PAST_REF", None
    return "DURATION", _duration(number_of(g.get("num")), _unit_code(g["unit"])), None  # duration, past_n


NORMALISERS = {rule: fn for fn, rules in [
    (_explicit, "iso month_day_year day_month_year month_year part_year decade century fiscal year quarter_year "
                "half_year season_year"),
    (_month_named, "weekday_date day_month_rel month_day day_month part_month month_rel rel_month month"),
    (_weekday, "weekday time_weekday noon_weekday"),
    (_time, "time_date day_part clock_zone clock_word time"),
    (_relative, "ago day_offset rel_unit part_rel part_the_unit the_weekend the_year year_end anaphoric"),
    (_quarter, "quarter year_quarter rel_year_quarter year_ago_quarter the_quarter"),
    (_season, "season the_season"),
    (_holiday, "holiday"),
    (_amount, "past_n duration compound_duration for_units set reference recent_ref"),
] for rule in rules.split()}
