"""What a figure counts: its measure, learned from its own words and clause (a general category of
``data/measure_categories.csv`` with the qualifiers that tell two measures apart: place, state,
kind of thing, unit and rate, part of a count, a past event's year), or a row of a profile's
``data/measures.csv``; then what a page and a corpus lend a figure that leaves something unsaid
(the place and state a page stated once, the measure other claims of the same number agree on,
a group named by its number). :mod:`wiretrace.figures` finds the figures and calls these.
"""
from __future__ import annotations

import re
from collections import Counter

from .resources import cached, table
from .timex import words as temporal_words


@cached
def _measures() -> tuple[dict, ...]:
    return tuple(table("measures.csv"))


@cached
def _profile_measures() -> frozenset[str]:
    """The measures a profile names (``data/measures.csv``): its own words, which no rule adds a place to."""
    return frozenset(r["measure"] for r in _measures())


_STOP = {"in", "from", "to", "at", "on", "for", "with", "who", "that", "which", "were", "are", "have", "has", "was",
         "is", "belonging", "had", "and", "as", "by", "into", "across", "of", "said", "says", "say"}


def counted_phrase(text: str, end: int) -> str:
    """The noun phrase a number counts: the words after it up to a preposition or verb ("Russian fighters")."""
    rest = re.sub(r"^\s*(?:of\s+)?", "", text[end:])
    taken = []
    for word in re.findall(r"[\w’'-]+|[,.;:()“”\"]", rest)[:8]:
        if re.search(r"\d", word):  # "237 people and injured 639 others": the next figure's words are its own
            lowered = [t.lower() for t in taken]
            taken = taken[:len(lowered) - lowered[::-1].index("and") - 1] if "and" in lowered else taken
            break
        if not re.match(r"[\w’'-]", word) or (word.lower() in _STOP and not (word.lower() == "and" and taken)):
            break
        taken.append(word)
    while taken and taken[-1].lower() == "and":
        taken.pop()
    if len(taken) > 1 and "and" in [t.lower() for t in taken]:  # "fighters and mercenaries in" keeps both nouns
        return " ".join(taken[:6])
    return " ".join(taken[:4])


def measure_of(kind: str, counted: str, sentence: str, clause: str | None = None, places: list[str] = (),
               story_year: int | None = None, text: str = "", lead: str = "", own: int = 0) -> str | None:
    """The measure a claim counts: a row of ``data/measures.csv`` (a profile's) when one matches,
    else one learned from the claim's own words (:func:`learned_measure`; ``lead``: the sentence's
    words before the figure, ``own``: where the figure's own words start in ``clause``)."""
    for row in _measures():
        if row["kind"] != kind:
            continue
        if row["counted"] and not re.search(row["counted"], counted, re.I):
            continue
        if row["context"] and not re.search(row["context"], sentence, re.I):
            continue
        return row["measure"]
    return learned_measure(kind, counted, clause if clause is not None else sentence, places, story_year, text,
                           lead, own)


@cached
def _categories() -> tuple[tuple[str, tuple[str, ...], re.Pattern | None, re.Pattern | None], ...]:
    return tuple((r["category"], tuple(r["kinds"].split("|")),
                  re.compile(r["counted"], re.I) if r["counted"] else None,
                  re.compile(r["context"], re.I) if r["context"] else None) for r in table("measure_categories.csv"))


@cached
def _things() -> dict[str, frozenset[str]]:
    """Categories of countable things (vessels, personnel, buildings) -> their generic head nouns:
    such a figure is told apart by its kind ("bulk carriers") and its state (waiting or moving)."""
    return {r["category"]: frozenset(r["generic"].split("|")) for r in table("measure_categories.csv") if r["generic"]}


@cached
def _states() -> tuple[tuple[str, re.Pattern], ...]:
    """What is happening to counted things (``data/count_states.csv``): held (waiting, stuck) or moving."""
    return tuple((r["state"], re.compile(rf"\b(?:{r['words']})\b", re.I)) for r in table("count_states.csv"))


_RATE = re.compile(r"\b(?:a|an|per|each|every)\s+(day|hour|week|month|year)\b|\b(daily|hourly|weekly|monthly|annually)\b", re.I)
_RATE_WORDS = {"daily": "day", "hourly": "hour", "weekly": "week", "monthly": "month", "annually": "year"}
_TIME_UNIT = re.compile(r"^(?:more\s+)?(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b", re.I)
_SIZE_UNIT = re.compile(r"^-?(tonnes?|tons?|metres?|meters?|m|feet|foot|ft|yards?|yd|miles?|km|kilometres?|kilometers?|"
                        r"inch(?:es)?|kg|kilograms?|pounds?|lbs?|litres?|liters?|gallons?|barrels?|teu)\b", re.I)
_SIZE_WORDS = {"tonne": "tonnes", "ton": "tonnes", "tons": "tonnes", "metre": "metres", "meter": "metres",
               "meters": "metres", "m": "metres", "foot": "feet", "ft": "feet", "yard": "yards", "yd": "yards",
               "mile": "miles", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km"}
STATE_CATEGORIES = ("people",)
_PARTICIPLE = re.compile(r"\b(?!(?:during|including|according|following|morning|evening|something|nothing|"
                         r"building|during|being|bring|thing|king|ring)\b)[a-z]{3,}(?:ing|ed)\b")
_NEEDED_BEFORE = re.compile(r"\b(?:take|takes|took|taking|need|needs|needed|within|last|lasts)\b(?:\s+\w+){0,3}\s*$", re.I)
_TIME_SCALE = {"second": "hours", "minute": "hours", "hour": "hours", "day": "days", "week": "days",
               "month": "months", "year": "months"}  # units a writer trades for one another ("ten days", "a fortnight")
_FORECAST = re.compile(r"\s*(?:[\w’'-]+\s+){0,3}?(?:would|will|(?:is|are|was|were)\s+(?:expected|due|set|likely)\s+to)\b",
                       re.I)
_IN_TIME = re.compile(r"\b(?:in|within)\s+$", re.I)  # "would be repaired in five days": the time it will take
_MODAL = re.compile(r"\b(?:will|would|could|can|may|might|should|expected|expects?|hopes?|hoped|plans?|aims?)\b", re.I)
_NEEDED_AFTER = re.compile(r"\s*(?:more\s+)?\w+\s+to\s+[a-z]+", re.I)
_EACH = re.compile(r"[\w\s'-]{0,40}?\b(?:each|apiece|(?<!\bfor )(?:per|a)\s+(day|week|hour|month|year)|per\s+(?!cent)\w+)\b", re.I)
_FIGURE_END = re.compile(r"\b(?:which|where|when|while|but|although|because|whereas)\b|[;:]", re.I)
_DETERMINERS = {"more", "the", "of", "other", "another", "further", "additional", "some", "all", "these", "those", "new",
                "now", "a", "an"}
_COMBINED = re.compile(r"\b(?:combined|total|overall(?!\s*(?:[,.;]|and\b|but\b|$))|both countries|in both|altogether)\b",
                       re.I)  # not "the miners are well overall, and"
_CURRENCY = (("US$", "USD"), ("S$", "SGD"), ("A$", "AUD"), ("C$", "CAD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"),
             ("euros", "EUR"), ("dollars", "USD"), ("pounds", "GBP"))
PROPERTIES = ("magnitude", "size", "duration", "share", "change")  # measures of one thing, never split by place
_CHANGE_BY = re.compile(r"\b(?:cut|cuts|cutting|reduc\w+|lower\w*|rais\w+|increas\w+|rises?|rising|rose|risen|fell|falls?|"
                        r"falling|fallen|drop\w*|grow\w*|grew|climb\w*|jump\w*|decreas\w+|declin\w+|slash\w*|boost\w*)"
                        r"\b(?:\s+[\w'’-]+){0,4}?\s+by\s+$", re.I)  # "reduced the claim by ": the change's size follows
_ADDED_BEFORE = re.compile(r"\b(?:adds?|added|adding)\b(?!\s+that\b)(?:(?!\b(?:will|would|could|can|may|might|should)\b)"
                           r"[^.!?]){0,60}$", re.I)  # "which adds 3,000 miles and up to ": not "added it would take"


def _last_clause(lead: str) -> str:
    """The words of a sentence before a figure back to the last comma (not one in "3,500"), semicolon or colon."""
    return re.split(r"[;:]|,(?!\d)", lead)[-1]


def learned_measure(kind: str, counted: str, clause: str, places: list[str] = (), story_year: int | None = None,
                    text: str = "", lead: str = "", own: int = 0) -> str | None:
    """What a figure counts, from its own words: a general category (``data/measure_categories.csv``:
    deaths, injured, rescued, vessels, money, duration ...) read from the counted noun phrase, else
    from the verbs of its clause ("912 people were killed"), with the qualifiers that make two
    figures count different things: the kind and state of counted things ("vessels [bulk carriers]
    held": waiting, stuck; "moving": passing), a count per item or per day ("each"), the place named
    in the clause ("in Turkey"; "combined" for a total), a year other than the story's ("in 1939"),
    the currency, rate and topic of money ("$2bn in compensation", "a day"), the scale of a
    duration ("[hours]", "[days]", "[months]"), one still needed ("could take four days") or added
    ("the detour adds ten days"), a percentage something changed by ("cut by 40%": "change"), a
    forecast ("expected": "30 ships would leave"), a part of a count ("more", "remaining", "part").
    None when nothing says what is counted."""
    category, size = None, None
    at = clause.find(text) if text else -1
    before = clause[max(0, at - 25):at] if at >= 0 else ""
    if kind == "count" and (re.match(r"\s*(?:-?\s*magnitude|on the richter)\b", counted, re.I)
                            or re.search(r"\b(?:magnitude(?:[- ]|\s+of\s+)|measuring\s+)$", before, re.I)):
        category = "magnitude"  # "a 7.8 magnitude quake", "magnitude-7.8", "measuring 6.1": the quake's size
    elif kind == "count" and _TIME_UNIT.match(counted):
        category = "duration"  # "six days" and "a six-day blockage": one measure whatever the unit
    elif kind == "count" and (size := _SIZE_UNIT.match(counted)):  # "400-metre-long ship", "200,000-tonne"
        word = size.group(1).lower()
        category = f"size ({_SIZE_WORDS.get(word, word)})"
    elif kind == "percent" and _CHANGE_BY.search(_last_clause(lead or before)):
        category = "change"  # "cut the claim by 40 percent": how much something changed, not a share of something
    rows = [r for r in _categories() if kind in r[1]]
    rows.sort(key=lambda r: r[0] not in _things())  # "vessels now stuck" are vessels, held
    for name, _, counted_re, _ in rows:  # the counted phrase first ("buildings collapsed")
        if category is None and counted_re is not None and name != "people" and counted_re.search(counted):
            category = name
    told = {name for name, _, _, context_re in rows if context_re is not None and name not in PROPERTIES}
    if category in told and at >= 0 \
            and (finite := _finite_predicate(rows, clause, at + len(text), category)):
        category = finite  # "9 miners trapped for a week have been freed": the verb, not the participle
    if category is None:  # then what the clause says happened to them ("people were killed")
        category = _said_of_it(rows, clause, at, len(text), lead or before, own)
    for name, _, counted_re, context_re in rows:
        if category is None and ((counted_re is not None and counted_re.search(counted))
                                 or (counted_re is None and context_re is None)):
            category = name
    if category is None:
        return None
    after = clause[at + len(text):] if at >= 0 else counted
    parts = [category]
    if category in _things():
        parts[0] += _kind_of_thing(category, counted)
        parts.append(_state(counted, after, clause[max(0, at - 40):at] if at >= 0 else ""))
    elif category in STATE_CATEGORIES and (state := _PARTICIPLE.search(counted)):
        parts.append(state.group(0).lower())  # "people waiting" and "people carrying water" count different people
    if category == "duration" and (unit := _TIME_UNIT.match(counted) if kind == "count" else
                                   re.search(r"(day|week|month|year)", text, re.I)):
        parts[0] += f" [{_TIME_SCALE[unit.group(1).lower().rstrip('s')]}]"  # "ten days", "three weeks": not "six hours"
    if category == "duration" and (_NEEDED_BEFORE.search(clause[max(0, at - 30):at] if at >= 0 else "")
                                   or _NEEDED_AFTER.match(after)
                                   or (at >= 0 and _IN_TIME.search(clause[:at])
                                       and _MODAL.search(re.split(r"[,;:]", lead or clause[:at])[-1]))):
        parts.append("needed")  # "could take four days" is not "blocked the canal for six days"
    if category == "duration" and _ADDED_BEFORE.search(_last_clause(lead or before)):
        parts.append("added")  # "the detour adds 3,000 miles and ten days": time added to something, not how long it lasted
    if kind == "count" and category.split(" ")[0] not in PROPERTIES + STATE_CATEGORIES and at >= 0 \
            and _FORECAST.match(after):
        parts.append("expected")  # "30 barges would leave by noon": a forecast, not a count of what happened
    if kind == "count" and category not in PROPERTIES and (each := _EACH.match(after)):
        parts.append(f"per {each.group(1).lower()}" if each.group(1) else "each")  # "two divers each", "40 ships a day"
    if size is not None and (dimension := _DIMENSION.match(counted[size.end():])):
        parts.append(dimension.group(1).lower())  # "a 400m-long ship" and "the 200-metre-wide canal" differ
    if category == "magnitude" and _ANOTHER_EVENT.search(clause[:at] if at >= 0 else ""):
        parts.append("(another event)")  # "followed by another tremor of magnitude 7.5": not the first quake's
    if kind in ("count", "money") and category.split(" (")[0] not in PROPERTIES \
            and (part := _part(counted, before, after)) and part not in parts:
        parts.append(part)  # "another 40 were rescued", "the remaining eight": not the running total
        if part == "remaining" and category in told and _counted_re("people").search(counted) \
                and not _done(before, after):
            parts[0] = "people"  # "if the four remaining pupils are rescued": those not yet rescued
    if kind == "money" and (topic := _money_topic(clause, at, len(text), lead)):
        parts.append(f"[{topic}]")  # "$2bn in compensation" and "$5bn of goods a week" count different money
    if kind == "money":
        currency = next((code for mark, code in _CURRENCY if mark in text), "")
        rate = _RATE.search(clause)
        parts.append(currency + (f" per {rate.group(1) or _RATE_WORDS[rate.group(2).lower()]}" if rate else ""))
    if category.split(" (")[0] not in PROPERTIES and kind != "money":  # a magnitude, a duration, a sum: not per place
        if _COMBINED.search(clause) or len(set(places)) > 1:
            parts.append("combined")
        elif places:
            parts.append(f"in {places[0]}")
    years = {int(y) for y in re.findall(r"\b(?:in|of|since|from|during)\s+((?:19|20)\d\d)\b", clause)}
    if opening := re.match(r"\s*(?:in|during)\s+((?:19|20)\d\d)\s*,", lead, re.I):
        years.add(int(opening.group(1)))  # "In 1987, a flood ... killed 3,100": the year opens the whole sentence
    if story_year is not None and years and story_year not in years:
        parts = [p for p in parts if p != "combined" and not p.startswith("in ")]  # a past event: its year, not a place
        parts.append(f"({min(years)})")
    return " ".join(p for p in parts if p).strip()


_FINITE = re.compile(r"\b(?:is|are|was|were|been)\s+(?:[a-z]+ly\s+)?([a-z]+(?:ed|en|t))\b", re.I)


def _finite_predicate(rows, clause: str, end: int, category: str) -> str | None:
    """Another category named by the finite verb of the figure's clause ("have been freed"), when
    the counted phrase only names a state in passing ("9 miners trapped for a week have been
    freed"); None when the verb says nothing else (or comes after a relative pronoun)."""
    after = clause[end:]
    if relative := _RELATIVE_AFTER.search(after):
        after = after[:relative.start()]
    if not (verb := _FINITE.search(after)):
        return None
    named = [name for name, _, _, context_re in rows if context_re is not None and context_re.fullmatch(verb.group(1))]
    return named[0] if named and named[0] != category else None


_OTHER_SUBJECT = re.compile(r"\b(?:but|while|whereas|although|though|as(?=\s+(?:the\s+)?[a-z]+\s+[a-z]+ed\b))\b|;",
                            re.I)  # "passing 400 as crews struggled to reach families stranded ...": another clause
_RELATIVE_AFTER = re.compile(r"\b(?:who|whom|whose|where|which)\b", re.I)


@cached
def _whole_of_part() -> tuple[re.Pattern, re.Pattern]:
    """"three of 9 miners", "three miners out of the 9 trapped": the part's number before "(out) of (the)",
    and the whole's number after it."""
    words = "|".join(sorted((w for w, v in temporal_words("number").items() if v.isdigit() and int(v) > 1),
                            key=len, reverse=True))
    number = rf"(?:\d[\d,.]*|{words})"
    return (re.compile(rf"\b{number}\s+(?:[\w’'-]+\s+){{0,2}}?(?:out\s+)?of\s+(?:the\s+)?$", re.I),
            re.compile(rf"\s*(?:[\w’'-]+\s+){{0,2}}?(?:out\s+)?of\s+(?:the\s+)?{number}\b", re.I))


def _said_of_it(rows, clause: str, at: int, length: int, before: str, own: int = 0) -> str | None:
    """The category whose words (a category's ``context``) stand nearest the figure in its clause:
    "9 miners were freed from the shaft where they had been trapped" is a count of the freed.
    A relative clause after the figure ("who had been trapped", "where ...") tells of another noun,
    so words before it come first; the whole of a part ("three of 9 miners were freed": 9) is not
    what the verb counts, so it takes no category from the clause, and the part does not take
    the whole's words ("three miners out of the 9 trapped were freed": three were freed)."""
    if at < 0:
        return next((name for name, _, _, context_re in rows if context_re is not None and context_re.search(clause)),
                    None)
    part_before, whole_after = _whole_of_part()
    if part_before.search(before[-40:]):
        return None  # the whole of a part: "three of 9 miners were freed" does not say what 9 are
    end = at + length
    scope = " " * min(own, at) + clause[min(own, at):]  # "killed 40 and injured 310": not the first's verb
    if whole := whole_after.match(clause, end):  # blank the whole's own words out of the part's clause
        rest = counted_phrase(clause, whole.end())
        stop = clause.find(rest, whole.end()) + len(rest) if rest else whole.end()
        scope = clause[:end] + " " * (stop - end) + clause[stop:]
    if other := _OTHER_SUBJECT.search(scope, end):  # "two miners had fevers but three freed were walking"
        scope = scope[:other.start()]
    relative = _RELATIVE_AFTER.search(scope, end)
    for window in ([scope[:relative.start()], scope] if relative else [scope]):
        best = None
        for name, _, _, context_re in rows:
            if context_re is None:
                continue
            for m in context_re.finditer(window):
                distance = at - m.end() if m.end() <= at else max(0, m.start() - end)
                if best is None or distance < best[0]:
                    best = (distance, name)
        if best:
            return best[1]
    outside = before[:len(before) - at] if 0 < at <= len(before) else ""
    if re.match(r"\s*[a-z]+ing\b", clause) and (previous := re.search(r"[^,;:]*,\s*$", outside)):
        found = [(-m.end(), name) for name, _, _, context_re in rows if context_re is not None
                 for m in context_re.finditer(previous.group(0))]
        if found:  # "the toll has risen, passing 400": a clause opening on a participle goes on with the one before
            return min(found)[1]
    return None


@cached
def _money_topics() -> tuple[tuple[str, re.Pattern], ...]:
    """What a sum of money is (``data/money_topics.csv``): compensation, revenue, trade, aid ..."""
    return tuple((r["topic"], re.compile(rf"\b(?:{r['words']})\b", re.I)) for r in table("money_topics.csv"))


_BOUND = re.compile(r"\b((?:north|south|east|west|in|out)bound)\s+(?:[\w-]+\s+)?$", re.I)


def _money_topic(clause: str, at: int, length: int, lead: str = "") -> str | None:
    """The topic word nearest a sum in its clause ("over $2bn in damages for the
    outage": compensation), else nearest it in the sentence before it (``lead``); None when neither names one."""
    if at < 0:
        return None
    for text, start, end in ((clause, at, at + length), (lead, len(lead), len(lead))):
        found = [(start - m.end() if m.end() <= start else max(0, m.start() - end), m.start(), topic)
                 for topic, words in _money_topics() for m in words.finditer(text)]
        if found:
            _, at_word, topic = min(found)
            bound = _BOUND.search(text[max(0, at_word - 30):at_word])  # "northbound traffic", "southbound weekly traffic"
            return topic + (f" {bound.group(1).lower()}" if bound else "")
    return None


_DIMENSION = re.compile(r"[\s-]*(long|wide|deep|high|tall)\b", re.I)
_ANOTHER_EVENT = re.compile(r"\b(?:another|a second|a new|a further)\b", re.I)
_MORE_BEFORE = re.compile(r"\b(?:another|a further|an additional|an extra)\s+(?:\S+\s+)?$", re.I)
_REMAINING_BEFORE = re.compile(r"\b(?:last|remaining|final|the (?:rest|remainder|balance)(?: (?:being|is|was|of))?)\s+$",
                               re.I)
_INCLUDED_BEFORE = re.compile(r"\b(?:including|of which)\s+$", re.I)


def _part(counted: str, before: str, after: str = "") -> str:
    """"more" for a figure that adds to a running total ("four more boys"; "another" for "another
    40", "a further 45", which :func:`carry_forward` makes "more" when the page counted the same
    thing before; "the last four were rescued", "the four from the first group": one batch of it),
    "remaining" for what is left of it ("the last 61 ships", "the remaining eight", "61 remaining
    ships"), "part" for a part of a group the page named before ("four of the boys are ill"; "more"
    when something was done to them: "four of the boys were brought out"); "" for a
    total. "more than" is a bound, never a part. ``after``: the figure's clause after it."""
    if re.match(r"more\b(?!\s+than\b)", counted, re.I):
        return "more"
    if _MORE_BEFORE.search(before):
        return "another"  # "more" when the page counted the same thing before (see carry_forward)
    if _BATCH_AFTER.match(after):
        return "more"  # "the four boys from the first group rescued": one batch, not the total
    if _LAST_BEFORE.search(before) and _done(before, after):
        return "more"  # "the last four were brought out": the last batch, not what is left
    if _REMAINING_BEFORE.search(before) or re.match(r"remaining\b", counted, re.I):
        return "remaining"
    if _INCLUDED_BEFORE.search(before):
        return "part"  # "a deal of $80m, including $30m in cash": a part of the sum, not the sum
    if _OF_GROUP_AFTER.match(after) and not _whole_of_part()[1].match(after):
        if _done(before, after):
            return "more"  # "four of the boys were brought out": one batch of those brought out, as "another four"
        return "part"  # "four of the boys are ill": a part of the group, not "four of 12"
    return ""


_BATCH_AFTER = re.compile(r"\s+(?:[\w'-]+\s+){0,3}?(?:from|in|of)\s+the\s+"
                          r"(?:first|second|third|next|last|final|latest)\s+(?:group|batch|wave|round|convoy)\b", re.I)


def _done(before: str, after: str) -> bool:
    """Whether the figure's clause tells an event done to what it counts ("were brought out",
    "rescued the last four"), not a state they are in ("were stranded")."""
    done = _DONE_AFTER.match(after) or _DONE_BEFORE.search(before)
    return bool(done) and not any(words.search(done.group("verb")) for state, words in _states() if state == "held")


_LAST_BEFORE = re.compile(r"\b(?:last|final)\s+$", re.I)
_DONE_AFTER = re.compile(r"(?:(?!\b(?:who|that|which|where)\b)[^,;:]){0,40}?\b(?:was|were|(?:have|has|had)\s+been)\s+"
                         r"(?:[a-z]+ly\s+)?(?P<verb>[a-z]+(?:ed|en|t))\b", re.I)
_DONE_BEFORE = re.compile(r"\b(?P<verb>[a-z]{3,}ed)\s+(?:out\s+)?the\s+(?:last|final)\s+$", re.I)
_OF_GROUP_AFTER = re.compile(r"\s+(?:out\s+)?of\s+(?:the|them|those|these)\b", re.I)


def _counted_re(category: str) -> re.Pattern:
    """The words that name a category's counted things (``data/measure_categories.csv``)."""
    return next(c for name, _, c, _ in _categories() if name == category)


def _kind_of_thing(category: str, counted: str) -> str:
    """The kind of a counted thing beyond its generic noun: " [bulk carriers]" for "41 bulk carriers",
    " [foreign divers]"; "" for plain "ships"."""
    head = _counted_re(category).search(counted)
    if head is None:
        return ""
    words = [w.lower() for w in re.findall(r"[\w'-]+", counted[:head.end()])]
    modifiers = [w for w in words[:-1] if w not in _DETERMINERS and not re.search(r"(?:ing|ed)$", w)]
    kind = " ".join(modifiers + ([words[-1]] if words[-1] not in _things()[category] else []))
    if not kind and (load := _CARRYING.match(counted, head.end())):
        kind = f"carrying {load.group(1).lower()}"  # "six barges carrying grain": grain carriers
    return f" [{kind}]" if kind else ""


_CARRYING = re.compile(r"\s+(?:carrying|transporting|hauling|loaded with)\s+([\w-]+)", re.I)


def _state(counted: str, after: str, before: str) -> str:
    """What is happening to counted things: said in their own phrase, else in the words after the figure
    (to the next clause word), else in the few words before it ("a build-up of 422 ships"; not "survivors
    trapped under the rubble of 400 buildings": a state with a place of its own tells of other things);
    "" when none."""
    after = after[:cut.start()] if (cut := _FIGURE_END.search(after)) else after
    for window in (counted, after[:60]):
        if state := next((name for name, words in _states() if words.search(window)), None):
            return state
    return next((name for name, words in _states() for m in words.finditer(before)
                 if not _STATE_OF_OTHERS.match(before, m.end())), "")


_STATE_OF_OTHERS = re.compile(r"\s+(?:under|beneath|inside|in|at|on|by)\b", re.I)  # "trapped under the rubble of"


_TOTAL_OF = re.compile(r"\b(?:tally|total|toll|count|number)\s+(?:[\w-]+\s+){0,2}$", re.I)
_ADDS = re.compile(r"\b(?:another|a further|an additional|an extra|more|other)\s+$", re.I)


def alike_before(earlier: dict, figure: dict, lead: str, clause: str) -> tuple[str | None, str]:
    """The measure of a bare number (no counted words, no category) from the count before it in its
    sentence: another estimate of the same thing when the two are alike in size ("about 70 barges
    are waiting, while the port put it at 60"; not "a further 20"), or a total of it when its
    clause names a total ("the toll there reached 310, bringing the combined tally to 450"), or
    more of it when its own words add to it ("95 ships would pass by noon and a further 45 by midnight")."""
    measure = earlier["measure"]
    place = _PLACE_PART.search(measure)
    core = measure[:place.start()] + measure[place.end():] if place else measure
    if _TOTAL_OF.search(lead):
        return core + (" combined" if _COMBINED.search(clause) else (place.group(0) if place else "")), \
            f"a total of what the figure before counts ({earlier['text']})"
    if _MORE_BEFORE.search(lead):
        return _PART_WORD.sub("", core) + " more" + (place.group(0) if place else ""), \
            f"more of what the figure before counts ({earlier['text']})"
    lo, hi = figure["low"], earlier["low"]
    named = any(counted_re is not None and counted_re.search(clause[:clause.rfind(figure["text"])])
                for _, _, counted_re, _ in _categories())  # "the number of homes that were lost is 640"
    if not named and not _ADDS.search(lead) and lo and hi and 0.5 <= lo / hi <= 2:
        return measure, f"another estimate of what the figure before counts ({earlier['text']})"
    return None, "nothing says what it counts"


_PLACE_PART = re.compile(r" (?:in [A-Z][^\[\]()]*|combined)(?= \(\d{4}\)$|$)")
_STATE_PART = re.compile(r" (held|moving)\b")
NOT_PER_PLACE = ("money", "size", "duration", "magnitude", "share", "change")


def carry_forward(rows: list[dict]) -> None:
    """What a page states once and then leaves unsaid (rows of one article in text order, with
    ``_sentence``, their sentence's number): a count with no place takes the place (or
    "combined") of the figure before it when that is in the same or the previous sentence ("The
    toll in Velmora rose to 912. Another 5,000 were injured."), else the one place the page
    counted the same thing in before, or the rest of its toll (:meth:`_Told.places_of`: "40 died
    in Velmora" ... "310 people were injured"); counted things with no state take
    the state of the last figure counting the same things ("ships waiting" ... "40 bulk
    carriers"); "another 40" adds to a count ("more") only when the page counted the same thing
    before ("another 5,000 were injured" after a toll is the injured count). What the rows before
    told is kept up as the rows are read (:class:`_Told`), so a long page is read once."""
    told = _Told()
    for i, row in enumerate(rows):
        _carry_forward_to(row, rows, i, told)
        told.learn(row)


class _Told:
    """What the rows of a page read so far counted: their measures' categories (the first word),
    the places each category was counted in (see :func:`carry_forward`) and the last row giving
    each category a state."""

    def __init__(self):
        self.categories: set[str] = set()
        self.places: dict[str, set[str]] = {}
        self.stated: dict[str, dict] = {}

    def learn(self, row: dict) -> None:
        measure = row["measure"]
        if not measure:
            return
        category = measure.split(" ")[0]
        self.categories.add(category)
        if not re.search(r" \(\d{4}\)$", measure) and (place := _PLACE_PART.search(measure)) \
                and (row["_places"] or place.group(0) != " combined"):
            self.places.setdefault(category, set()).add(place.group(0))
        if _STATE_PART.search(measure):
            self.stated[category] = row

    def places_of(self, category: str) -> set[str]:
        """Where the page counted ``category`` before; for a part of an event's toll (:func:`_tolls`)
        it has not counted yet, where it counted the toll's other parts ("40 died in Velmora" ...
        "310 were injured", "200 buildings collapsed")."""
        if category in self.places or category not in _tolls():
            return self.places.get(category, set())
        return set().union(*(places for name, places in self.places.items() if name in _tolls()))


@cached
def _tolls() -> frozenset[str]:
    """The categories that are parts of an event's toll (``data/measure_categories.csv``, column
    ``toll``): the dead, injured, missing, displaced ... and the buildings destroyed."""
    return frozenset(r["category"] for r in table("measure_categories.csv") if r.get("toll") == "yes")


def _carry_forward_to(row: dict, rows: list[dict], i: int, told: _Told) -> None:
    """Carry forward to ``row``, the ``i``-th of ``rows``, what the rows before it told (see :func:`carry_forward`)."""
    measure = row["measure"]
    if measure and " another" in measure:
        counted_before = measure.split(" ")[0] in told.categories
        row["measure"] = measure = measure.replace(" another", " more" if counted_before else "", 1)
    if not measure or measure.startswith(NOT_PER_PLACE):
        return
    year = re.search(r" \(\d{4}\)$", measure)
    core = measure[:year.start()] if year else measure
    if year:
        return  # a count of a past event ("killed 3,100 in 1987") is told apart by its year, not a place
    category = core.split(" ")[0]
    if not _PLACE_PART.search(core):
        for j in range(i - 1, -1, -1):  # the rows before, nearest first
            before = rows[j]
            if row["_sentence"] - before["_sentence"] > 1:
                break
            if before["measure"] and (place := _PLACE_PART.search(before["measure"])):
                if place.group(0) == " combined" and before["_sentence"] != row["_sentence"] \
                        and before["measure"].split(" ")[0] != core.split(" ")[0]:
                    break  # a sum ("the combined toll") is its own sentence's: not the next one's other count
                core += place.group(0)
                row["measure_rule"] += f"; its place from the figure before ({before['text']})"
                break
    if not _PLACE_PART.search(core) and core not in _profile_measures():
        places = told.places_of(category)
        if len(places) == 1:  # the page told where it counts (this thing, or its toll) before, and only one place
            core += next(iter(places))
            row["measure_rule"] += "; its place from the page's earlier counts"
    category = core.split(" ")[0]
    if category in _things() and not _STATE_PART.search(core) and (before := told.stated.get(category)):
        state = _STATE_PART.search(before["measure"])
        place = _PLACE_PART.search(core)
        core = (core[:place.start()] if place else core) + state.group(0) + (place.group(0) if place else "")
        row["measure_rule"] += f"; its state from an earlier figure ({before['text']})"
    row["measure"] = core + (year.group(0) if year else "")


SAME_VALUE_DONORS = 2  # claims of one number that must agree on what it counts before a vague one follows them
SAME_VALUE_AGREEMENT = 1 / 2  # ... and more than this share of that number's claims (small numbers count anything)
_UNSPECIFIC = re.compile(r"people(?: in .+| combined)?")


def _agreed(lenders: dict[str, list[dict]], allowed=lambda value: True) -> str | None:
    """The value (a place, a measure) that at least ``SAME_VALUE_DONORS`` of ``lenders`` (value ->
    the claims that give it) give, when they are more than ``SAME_VALUE_AGREEMENT`` of them all;
    the most given first, then the first in order; None when no value is agreed on."""
    agreed = sorted((-len(found), value) for value, found in lenders.items()
                    if len(found) >= SAME_VALUE_DONORS and allowed(value))
    if agreed and -agreed[0][0] > SAME_VALUE_AGREEMENT * sum(len(found) for found in lenders.values()):
        return agreed[0][1]
    return None


_BELOW = ("up to", "fewer than", "nearly")  # bounds whose number is their high end ("nearly 6,000")


def stated_number(row: dict) -> tuple:
    """The number a claim states, whatever bound it puts on it: "912", "at least 912" and "nearly
    912" all state 912; a vague quantity or a range states both its ends."""
    if row["qualifier"] in ("vague", "range"):
        return row["low"], row["high"]
    return (row["high"] if row["qualifier"] in _BELOW else row["low"]),


def same_value_places(rows: list[dict]) -> None:
    """A count that says what it counts but not where ("40 people were killed") takes the place
    that at least ``SAME_VALUE_DONORS`` other counts of the same thing stating the same number
    (:func:`stated_number`: "912 died" after "at least 912 were killed in Velmora") agree on,
    when they are more than ``SAME_VALUE_AGREEMENT`` of that number's placed counts of it."""
    donors: dict[tuple, dict[str, list[dict]]] = {}
    for row in rows:
        measure = row["measure"] or ""
        if row["kind"] == "count" and (place := _PLACE_PART.search(measure)) and not _UNSPECIFIC.fullmatch(measure):
            key = (stated_number(row), measure[:place.start()] + measure[place.end():])
            donors.setdefault(key, {}).setdefault(place.group(0), []).append(row)
    for row in rows:
        measure = row["measure"] or ""
        if row["kind"] != "count" or not measure or _PLACE_PART.search(measure) or measure.startswith(NOT_PER_PLACE) \
                or _UNSPECIFIC.fullmatch(measure) or measure in _profile_measures():
            continue
        lenders = donors.get((stated_number(row), measure), {})
        if place := _agreed(lenders):
            year = re.search(r" \(\d{4}\)$", measure)
            row["measure"] = (measure[:year.start()] + place + year.group(0)) if year else measure + place
            row["measure_rule"] += f"; its place as {len(lenders[place])} other claims of the same number"


def same_value_measures(rows: list[dict]) -> None:
    """A count whose own words do not say what it counts ("the 13", "four children", "912
    people") takes the measure that at least ``SAME_VALUE_DONORS`` other counts of exactly the
    same number in the corpus agree on, when they are more than ``SAME_VALUE_AGREEMENT`` of that
    number's counts ("13 boys trapped", "the 13 trapped"): pages telling one story repeat its
    numbers, while a small number that counts many things ("two ships", "two divers") lends
    nothing. Durations, sizes, magnitudes, shares and money never lend a measure; a count that
    names a place only takes a measure of that place. A count that is a part of a running total
    ("four more boys", "the last four", "four of the boys") lends what it counts without the
    part, which only its own words say. ``measure_rule`` names the lenders' spans."""
    donors: dict[tuple, dict[str, list[dict]]] = {}
    for row in rows:
        lent = _PART_WORD.sub("", row["measure"] or "")
        if row["kind"] == "count" and lent and not _UNSPECIFIC.fullmatch(lent) and not lent.startswith(NOT_PER_PLACE):
            donors.setdefault((row["low"], row["high"]), {}).setdefault(lent, []).append(row)
    for row in rows:
        if row["kind"] != "count" or (row["measure"] and not _UNSPECIFIC.fullmatch(row["measure"])):
            continue
        if not row["measure"] and row["counted"] and row["counted"].split(" ")[0].lower() not in _NOT_A_NOUN:
            continue  # "4 marshals came back": its own noun says what it counts, though no category knows it
        place = _PLACE_PART.search(row["measure"] or "")
        lenders = donors.get((row["low"], row["high"]), {})
        if measure := _agreed(lenders, lambda measure: place is None or measure.endswith(place.group(0))):
            spans = ", ".join(f"{d['article_id']}:{d['start']}-{d['end']}" for d in lenders[measure][:3])
            row["measure"] = measure
            row["measure_rule"] = f"as {len(lenders[measure])} other claims of the same number count it ({spans}" + \
                (", ...)" if len(lenders[measure]) > 3 else ")")


_PART_WORD = re.compile(r" (?:more|remaining|part)(?= |$)")
_NOT_A_NOUN = {"out", "up", "down", "back", "away", "alive", "safely", "together", "again", "here", "there", "home",
               "last", "next", "this", "early", "late", "earlier", "later", "yesterday", "today", "tonight", "when",
               "while", "after", "before", "because", "if", "until", "once", "they", "he", "she", "it", "we", "who",
               "are", "were", "was", "is", "have", "has", "had", "will", "would", "could", "can", "may", "might"}


def named_groups(rows: list[dict]) -> None:
    """A bare definite number that nothing else explains ("divers reached the 9", "how to get the 9
    out", "the 9 are safe": no noun of its own after it) names a group the story introduced before:
    such mentions of one number count one group across the corpus (measure ``group [the 9]``)."""
    bare = [row for row in rows if row.get("_the") and not row["measure"] and row["kind"] == "count"
            and row["qualifier"] == "exact" and (not row["counted"] or row["counted"].split(" ")[0].lower() in _NOT_A_NOUN)]
    told = Counter(row["low"] for row in bare)
    for row in bare:
        if told[row["low"]] >= SAME_VALUE_DONORS:  # one mention alone names no group the corpus agrees on
            row["measure"] = f"group [the {row['low']:g}]"
            row["measure_rule"] = f"a group named by its number (the {row['low']:g}), as {told[row['low']] - 1} other mentions"
