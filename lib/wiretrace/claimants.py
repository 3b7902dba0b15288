"""Who gives a figure: the claimant of a number in a sentence, and who speaks a quotation.

``claimant_of`` reads the subject of an attribution verb ("The agency has documented"), "according
to X", "X said" after the figure, a headline's source after a colon and a named source of data
("data compiled by X shows"), with the person a figure comes through as "via"; a pronoun is the
article's last speaker. ``identified_later`` and ``data_source_later`` give
a quotation's speaker when the text names it after the quote or only describes it ("a senior
official"); ``speaker_description`` is the description a page gives a speaker (``Descriptions``
keeps them, per article) and ``described_speaker`` the speaker with it, as a claimant.
``outlets_own`` tells a figure the outlet gives itself inside an attributed sentence (a size
that describes a noun, a conversion in brackets), and ``clause_span`` is a figure's clause.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from .entities import mask_periods_inside_names, person_titles
from .quotes import DATA_SOURCE, NOT_NAME_OPENERS, company_name, opens_with_name, said_after, untitled
from .resources import cached, word_list
from .timex import words as temporal_words

# Figures the outlet gives itself inside an attributed sentence: a size or magnitude that describes
# a noun ("a magnitude-7.8 earthquake", "the 400m-long ship"), a conversion in brackets after
# another figure ("$9.6bn (£7bn)"), the outlet's own sum (", bringing the combined toll to N").
_DESCRIBES_A_NOUN = re.compile(r"\b(?:a|an|the)\s+(?:magnitude[- ])?$", re.I)
_CONVERTS = re.compile(r"^\s*[A-Za-z]{0,12}\s*\(\s*$")
_BRINGING = re.compile(r",\s*bringing\s+(?:the\s+)?(?:[\w-]+\s+){0,3}to\s+$", re.I)


def clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of a sentence around ``sentence[start:end]`` as offsets: up to the nearest , ; : ( ) or dash."""
    left = max((sentence.rfind(c, 0, start) for c in ",;:()—–"), default=-1)
    rights = [i for c in ",;:()—–" if (i := sentence.find(c, end)) >= 0]
    return left + 1, min(rights) if rights else len(sentence)


ATTRIBUTION = (r"said|says|say|told|stated|added|has documented|have documented|documented|revealed|reported|estimated|"
               r"estimates|believes|claimed|warned|informed|shows|show|showed")
# Plural sources that give figures without a name ("..., officials said").
GROUP_SOURCES = r"officials|authorities|police|rescuers|experts|analysts|doctors|residents|witnesses|sources"
_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z]{1,9}\)")  # "(UNCTAD)" after an organisation's full name


@cached
def _subject_tail() -> re.Pattern:
    """What may stand between a subject and its attribution verb: "has", a day, "also", "now", a date in
    brackets ("Vrell on Tuesday (March 14, 2031) said")."""
    days = "|".join(temporal_words("weekday"))
    return re.compile(rf"(?:\s+(?:has|have|had))?(?:\s+(?:on\s+)?(?:{days}|yesterday|today|earlier|later|also|again|"
                      r"early|late|now|already|previously|recently|still|further|meanwhile|too|instead|likewise))?"
                      r"(?:\s*\([^()]*\d[^()]*\))?\s*$", re.I)


def outlets_own(sentence: str, figure: dict, before: dict | None, measure: str | None) -> bool:
    """Whether a figure is the outlet's own even in an attributed sentence (see ``_DESCRIBES_A_NOUN``):
    ``before`` is the sentence's figure before it, if any."""
    ahead = sentence[:figure["start"]]
    if measure and (measure == "magnitude" or measure.startswith("size (")) and _DESCRIBES_A_NOUN.search(ahead):
        return True
    if before is not None and _CONVERTS.match(sentence[before["end"]:figure["start"]]):
        return True
    return bool(_BRINGING.search(ahead))


def claimant_of(sentence: str, start: int, end: int, mentions: list[dict], quote_speaker: str | None,
                previous: list[dict], pronoun_means: str | None = None) -> str | None:
    """Who the sentence says gives the figure at sentence[start:end]: the subject of an attribution
    verb ("The agency has documented"), with the person it comes through ("according to X", "X said")
    as "via"; a quotation's speaker; None when the outlet states it itself. A pronoun ("he said")
    is ``pronoun_means`` (the article's last speaker before the sentence); words that are not a
    name or a short noun phrase ("holding up an estimated", "who has referred to") are no claimant."""
    if quote_speaker:
        return quote_speaker
    subject = None
    # a clause of its own before the figure ("..., X shows, while Y estimated 165"): its subject gives it
    restart = max((c.end() for c in _NEW_CLAUSE.finditer(sentence, 0, start)
                   if re.search(rf"\s(?:{ATTRIBUTION}|announced|announces)\b", sentence[c.end():start])), default=0)
    if m := re.search(rf"^(?P<who>.*?)(?<!\ban)(?<!\bthe)\s+(?:{ATTRIBUTION}|announced|announces)\b",
                      sentence[restart:start]):
        who, offset = _who_part(_subject_tail().sub("", m.group("who")), restart + m.start("who"))
        if re.search(rf"\b(?:{GROUP_SOURCES}|envoy|spokesman|spokeswoman|minister)\b", who, re.I) and _noun_phrase(who):
            subject = who
        elif who:
            subject = _name_in(who, offset, mentions, previous, pronoun_means, sentence)
    via = listener = None
    # read through the periods inside names ("according to Mr. Vellam"), the sentence's offsets kept
    if m := re.search(r"(?i:according to)\s+((?:the\s+)?[^,.;]+?)(?=\s+(?:there|it|they|is|are|was|were|has|have)\b|[,.;]|$)",
                      mask_periods_inside_names(sentence)):
        via = _name_in(sentence[m.start(1):m.end(1)], m.start(1), mentions, previous, pronoun_means, sentence)
    elif (m := re.search(rf"(?:{ATTRIBUTION})\s+(?P<who>[A-Z][^,.;]+)", sentence[end:])) \
            and m.group("who").split()[0] not in word_list("calendar_words.txt"):  # "reported Friday"
        via = _name_in(m.group("who"), end + m.start("who"), mentions, previous, pronoun_means, sentence)
        if via and not subject and _TOLD.match(m.group(0)):  # "an official told state TV": a listener, not the source
            listener, via = _LISTENER_ENDS.split(via)[0], None
    if subject and not via and (inner := _speaker_passed_on(sentence, start, mentions, previous, pronoun_means)):
        subject, via = inner, subject  # "The BBC reported that an adviser said ...": the adviser, via the BBC
    if not subject and not via:  # "912 people were killed ..., President X said on Monday"; "..., officials said"
        m = re.search(rf",\s*(?P<who>(?:(?:the|a|an|its|their|his|her)\s+|[A-Z]|he\b|she\b|(?:{GROUP_SOURCES})\b)"
                      rf"[^,;“”\"]{{0,100}}?)(?:\s+(?:has|have|had))?\s+(?:{ATTRIBUTION}|announced|reports)\b", sentence[end:])
        if m and (len(m.group("who").split()) <= 6 or _ACRONYM.search(m.group("who")) and _noun_phrase(m.group("who"))):
            via = _name_in(m.group("who"), end + m.start("who"), mentions, previous, pronoun_means, sentence)
    if not subject and not via:  # "..., Ana Lode, the head of the agency (VA), said on Saturday."
        m = re.search(rf",\s*(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,3}}),\s+(?:the|a|an)\s+[^,;“”\"]{{2,100}}?,"
                      rf"\s+(?:{ATTRIBUTION}|announced)\b", sentence[end:])
        if m:
            via = _name_in(m.group("who"), end + m.start("who"), mentions, previous, pronoun_means, sentence)
    if not subject and not via:  # "data compiled by Velmora Maritime shows", "an assessment by Orrow Freight"
        via = _named_source_of_data(sentence, mentions)
    if not subject and not via:  # a headline's source after a colon: "Toll rises to 237: health ministry"
        m = re.search(r":\s*(?P<who>[A-Za-z][\w’'. -]{1,60}?)\s*$", sentence[end:])
        if m and len(m.group("who").split()) <= 5 and _noun_phrase(m.group("who")):
            via = m.group("who").strip()
    if bool(subject) != bool(via):  # "..., X said, claiming 912 lives, Velmora News Agency reports."
        m = re.search(r",\s*(?P<who>(?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,4})\s+(?:reports|reported)\b"
                      r"[^,;“”\"]{0,30}[.!]?\s*$", sentence[end:])
        if m and _noun_phrase(m.group("who")) and m.group("who").strip() not in (subject, via):
            subject, via = subject or via, m.group("who").strip()
    if listener:  # the teller, through the listener; the listener alone when nobody is named telling
        subject, via = (subject or via, listener) if subject or via else (listener, None)
    if subject and via and _bare(via) != _bare(subject):
        return f"{subject} (via {via})"
    return subject or via


# A verb whose object is a listener, not a source ("an official told state TV").
_TOLD = re.compile(r"(?:told|informed)\b")
_LISTENER_ENDS = re.compile(r"\s+(?:on|at|in|about|that|after|before|last|this|late|early)\b")  # "state TV on Monday"
# The verbs of a reported clause's own speaker ("... reported that an adviser said"): narrower than
# data/speech_verbs.txt, whose "called", "described", "asked" also take objects that do not speak.
_SPOKE = r"said|says|told|stated|added|claimed|warned"


def _speaker_passed_on(sentence: str, start: int, mentions: list[dict], previous: list[dict],
                       pronoun_means: str | None) -> str | None:
    """Who speaks in the reported clause before sentence[start:] ("The BBC reported that an adviser to
    the minister said that ..." -> the adviser): the source the reporter passes on; None when the
    clause names no one."""
    for m in re.finditer(rf"\bthat\s+(?P<who>[^,;“”\"]{{2,80}}?)\s+(?:{_SPOKE})\b", sentence[:start]):
        if who := _name_in(m.group("who"), m.start("who"), mentions, previous, pronoun_means, sentence):
            return who
    return None


def _bare(name: str) -> str:
    """A name without its article and case, to compare ("The Velmora Post" = "Velmora Post")."""
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I).casefold()


# Where a clause with a subject of its own begins ("..., while Y estimated 165"; "...; Y said").
_NEW_CLAUSE = re.compile(r"(?:,\s*(?:while|whereas|but|and)|;)\s+", re.I)
# Words that make a phrase a clause, not a name or noun phrase that can give a figure.
_CLAUSE_WORDS = re.compile(r"\b(?:who|which|that|whose|is|are|was|were|has|have|had|be|been|being|will|would|"
                           r"could|can|may|might|should|did|does|do)\b|\d|[()“”\"]", re.IGNORECASE)
_PRONOUN_CLAIMANTS = {"he", "she"}  # a person; "it" and "they" are left unresolved (no claimant)


def _who_part(who: str, offset: int) -> tuple[str, int]:
    """The part of an attribution's subject that names the speaker, with its offset: of its
    comma-separated parts, the last that opens with a name ("Guy Platten, the secretary general
    of X" -> Guy Platten), else the last noun phrase ("just southwest of the epicentre, officials"
    -> officials; "The president, who has called it a disaster," -> The president)."""
    cut = max((m.end() for m in re.finditer(r",\s*(?:and|but)(?:\s+|$)|:\s+", who)), default=0)
    who, offset = who[cut:], offset + cut  # "..., and the agency said"; "Velmora City: X said": the subject restarts
    if opener := _OPENER.match(who):  # "But the company said"
        who, offset = who[opener.end():], offset + opener.end()
    parts, at = [], 0
    for piece in who.split(","):
        text = piece.strip(" \t\n\"“”'‘’")
        if text:
            parts.append((text, offset + at + piece.index(text)))
        at += len(piece) + 1
    if not parts:
        return "", offset
    named = [i for i, (p, _) in enumerate(parts) if opens_with_name(p) and not re.search(r"\d", p)]
    if named:
        # a name, not the description after it that opens with another ("Sun Vell, Orrow's chief
        # executive"); a company, not the town and state after it ("Orrow Freight Inc., Port Vell, Vellshire")
        named = [i for i in named if not (i - 1 in named and _POSSESSED.match(parts[i][0]))]
        firms = [i for i in named if company_name(parts[i][0])]
        return parts[(firms or named)[-1]]
    phrases = [(p, o) for p, o in parts  # not "who has called the flood a disaster", not "Separately"
               if _noun_phrase(p) and p.lower() not in NOT_NAME_OPENERS]
    who, at = phrases[-1] if phrases else parts[-1]
    return ("", at) if _PREPOSITION.match(who) else (who, at)  # "By some estimates": no one


# A conjunction or linking adverb opening a sentence's subject ("But the company said").
_OPENER = re.compile(r"(?:but|and|yet|however|meanwhile|separately|also)\b,?\s+", re.I)
# A description opening with a name's possessive ("Orrow's chief executive").
_POSSESSED = re.compile(r"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s\s+[a-z]")
# A phrase opening with a preposition names no one ("By some estimates", "Under the new terms").
_PREPOSITION = re.compile(r"(?:in|on|at|by|for|from|with|under|after|before|during|since|until|over|through|of|to|"
                          r"as|into|upon|among|despite|against|without|within|across|around|near|along|amid|"
                          r"throughout|outside|inside|beyond)\b", re.I)


def _appositive(sentence: str, end: int) -> str:
    """The description right after a name, when the text gives one (", a port expert on
    logistics,"): who the claimant is, in the text's words; "" when there is none."""
    m = re.match(r",\s+((?:the|a|an)\s+[^,.;:“”\"()]{2,80}?(?:\s*\([A-Z][A-Za-z]{1,9}\))?)\s*,", sentence[end:end + 120])
    return m.group(1) if m and _noun_phrase(m.group(1)) else ""


def _noun_phrase(phrase: str) -> bool:
    """A short noun phrase that can name who gives a figure ("the health ministry", "officials")."""
    words = phrase.split()
    if _ACRONYM.search(phrase):  # "the United Nations Conference on Trade and Development (UNCTAD)"
        return 0 < len(words) <= 12 and not _CLAUSE_WORDS.search(_ACRONYM.sub("", phrase))
    return 0 < len(words) <= 10 and not _CLAUSE_WORDS.search(phrase)


def _name_in(phrase: str, offset: int, mentions: list[dict], previous: list[dict],
             pronoun_means: str | None = None, sentence_of_phrase: str = "") -> str | None:
    """The entity a phrase names; a definite description ("the command", "the government") takes
    the latest entity named before whose name holds its head word; a pronoun is ``pronoun_means``;
    a phrase that is not a noun phrase names no one (None). With the ``sentence_of_phrase``, a
    description the text puts right after the name is kept ("Mara Quill, a port expert")."""
    inside = [x for x in mentions if offset <= x["start"] < offset + len(phrase) and x["canonical"]
              and x["type"] in ("person", "organisation")]
    if inside and _ACRONYM.search(phrase) and _noun_phrase(phrase):
        return phrase.strip()  # the organisation's full name with its acronym, as the text gives it
    if inside:
        described = _appositive(sentence_of_phrase, inside[0]["end"]) if sentence_of_phrase else ""
        return inside[0]["canonical"] + (f", {described}" if described else "")
    head = re.sub(r"^the\s+", "", phrase.strip(), flags=re.I).split()
    if head and phrase.strip().lower().startswith("the "):
        for x in reversed(previous + mentions):
            if x["canonical"] and x["type"] == "organisation" and head[-1].lower() in x["canonical"].lower().split():
                return x["canonical"]
        if len(head) == 1 and head[0].lower() in _FIRM_NOUNS and (firm := _first_company(previous)):
            return f"{phrase.strip()} ({firm})"  # "the company (Orrow Freight Inc)": the company the story is about
    if phrase.strip().lower() in _PRONOUN_CLAIMANTS:
        return pronoun_means
    if phrase.strip().lower() in ("it", "they"):
        return None
    if not _noun_phrase(phrase):
        return None
    described = _appositive(sentence_of_phrase, offset + len(phrase.rstrip())) if sentence_of_phrase else ""
    return _fullest_before(phrase.strip(), previous) + (f", {described}" if described else "")


# Nouns that stand for the company a story is about ("the company said", "the bank reported").
_FIRM_NOUNS = frozenset({"company", "firm", "concern", "group", "bank", "carrier", "airline", "maker", "insurer",
                         "retailer", "lender", "manufacturer", "producer", "brewer", "automaker", "utility"})


def _first_company(previous: list[dict]) -> str | None:
    """The first company the article named (a name of two words or more ending in a company's legal
    form, data/company_suffixes.txt: "Orrow Freight Inc"), the one its story is about, whose later
    "the company said" a business story leaves unnamed; None when it named none."""
    for x in previous:
        name = re.sub(r"['’]s?$", "", str(x.get("text") or ""))
        if len(name.split()) > 1 and company_name(name):
            return name
    return None


def _fullest_before(name: str, previous: list[dict]) -> str:
    """A short name ("Lode") in the fullest form the article gave it before ("Ana Lode"),
    titles left out; the name itself when it is not a short name or was not named more fully."""
    words = name.split()
    if not re.fullmatch(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?", name):
        return name
    for x in reversed(previous):
        other = untitled(re.sub(r"['’]s$", "", str(x.get("text") or ""))).split()  # not "Ana Lode's"
        if len(other) > len(words) and any(other[i:i + len(words)] == words for i in range(len(other))):
            return " ".join(other)
    return name


def identified_later(raw: str, begin: int, after: int, claimant: str, mentions: list[dict]) -> str | None:
    """The person a lede's unnamed source turns out to be ("A top Velmoran official said Tuesday ..."
    then "Interior Minister Ana Lode said Tuesday ..."): when nobody was said to speak before
    raw[begin:after] (the lede's sentence), the first person named with a title who speaks in
    the next two paragraphs, as the text names them, titles left out; None otherwise."""
    if not _UNNAMED_SOURCE.fullmatch(claimant.strip()):
        return None
    if any(x["end"] <= begin and (x["type"] in ("person", None)) and said_after(raw, x["end"]) for x in mentions):
        return None
    reach = after
    for _ in range(3):  # the rest of the lede's paragraph and the two after it
        reach = raw.find("\n\n", reach + 2) if raw.find("\n\n", reach + 2) >= 0 else len(raw)
    for x in mentions:
        name = str(x["text"])
        if after <= x["start"] < reach and (x["type"] == "person" or x["type"] is None and len(name.split()) >= 2) \
                and _speaks_after(raw, x["end"]):  # a named person who speaks ("Officials said" names no one)
            before = raw[max(0, x["start"] - 30):x["start"]].rstrip()
            titled = untitled(name) != name or any(t.end() == len(before) for t in person_titles().finditer(before))
            if titled and len(untitled(name).split()) >= 2:
                return untitled(name)
            return None  # the first to speak after the lede has no title: not told who the source is
    return None


def data_source_later(raw: str, after: int, claimant: str, mentions: list[dict]) -> str | None:
    """Whose data a claimant that names only data is ("according to shipping data", then "Data
    from freight analyst Orrow Lists values ..."): the name given within 30 characters after the
    same noun with "from" or "by" in the next two paragraphs; None otherwise."""
    noun = claimant.split()[-1].lower() if claimant.split() else ""
    if not re.fullmatch(r"data|figures|statistics|estimates", noun):
        return None
    reach = after
    for _ in range(3):  # the rest of the paragraph and the two after it
        paragraph_end = raw.find("\n\n", reach + 2)
        reach = paragraph_end if paragraph_end >= 0 else len(raw)
    return _named_source_of_data(raw, mentions, after, reach, noun)


def _named_source_of_data(text: str, mentions: list[dict], start: int = 0, end: int | None = None,
                          noun: str | None = None) -> str | None:
    """The name, known or not, given within 30 characters after a source of data in
    text[start:end] ("data compiled by Velmora Maritime", "an assessment by Orrow Freight"), the
    source's noun being ``noun`` when given; None when there is none. ``mentions``' offsets are
    ``text``'s."""
    for m in DATA_SOURCE.finditer(text, start, len(text) if end is None else end):
        if noun and m.group(0).split()[0].lower() != noun:
            continue
        name = next((x for x in mentions if 0 <= x["start"] - m.end() <= 30
                     and x["type"] in ("person", "organisation", None)), None)
        if name is not None:
            return name["canonical"] or name["text"]
    return None


def _speaks_after(raw: str, end: int) -> bool:
    """Whether a speech verb follows the name ending at ``end``, past a description in apposition
    ("Ana Lode, a member of the cabinet, said")."""
    apposition = re.match(r",\s+(?:the|a|an)\s+[^,.;:“”\"]{2,80}?,", raw[end:end + 90])
    return said_after(raw, end) or bool(apposition and said_after(raw, end + apposition.end()))


# An unnamed single source ("a top Velmoran official", "a senior police officer", "one spokesman").
_UNNAMED_SOURCE = re.compile(r"(?:a|an|one)\s+(?:[\w’'-]+\s+){0,3}(?:official|spokesman|spokeswoman|spokesperson|"
                             r"officer|commander|diplomat|minister)", re.I)


def speaker_description(quote: dict, descriptions: Descriptions) -> tuple[int, int] | None:
    """The span of the description the page gives a quotation's speaker: where the attribution
    names them ("Mara Quill, a port expert, said"; "the head of the operation, Tobin Vale, told"; a
    signature "- Tobin Vale, head of the operation"), else at the first mention of their name that
    has one (the page describes a person once, where it first names them); None when there is none."""
    speaker = quote["speaker"] or ""
    s, e = quote.get("speaker_start"), quote.get("speaker_end")
    described = _description_at(descriptions.raw, int(s), int(e)) if s is not None and e is not None else None
    surname = speaker.split()[-1] if speaker.split() else ""
    return described or (descriptions.first_before(surname, quote["start"]) if surname else None)


def described_speaker(quote: dict) -> str:
    """A quotation's speaker as a claimant: the name with the description the page gives them
    (its ``speaker_description``), "Mara Quill, a port expert"."""
    described = quote.get("speaker_description")
    return f"{quote['speaker']}, {described}" if isinstance(described, str) and described else quote["speaker"]


class Descriptions:
    """The descriptions a page gives its names in apposition (:func:`_description_at`), looked up
    by surname: a long page quotes a speaker again and again, and each time the first mention of
    their name that describes them is wanted; each mention is looked at once."""

    def __init__(self, raw: str, mentions: list[dict]):
        self.raw = raw
        self._named: dict[str, list[dict]] = {}  # surname -> its mentions, in their list's order
        for x in mentions:
            if words := x["text"].split():
                self._named.setdefault(words[-1], []).append(x)
        self._firsts: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}

    def first_before(self, surname: str, before: int) -> tuple[int, int] | None:
        """The span of the description at the first mention (in the list's order) of ``surname``
        that has one and ends at or before offset ``before``; None when there is none."""
        if surname not in self._firsts:
            self._firsts[surname] = self._record_lows(surname)
        ends, described = self._firsts[surname]
        at = bisect_left(ends, -before)  # the first whose end is at or before ``before``
        return described[at] if at < len(ends) else None

    def _record_lows(self, surname: str) -> tuple[list[int], list[tuple[int, int]]]:
        """The described mentions of ``surname`` that end before every described one listed before
        them, as their negated ends (ascending) and description spans: the first mention ending at
        or before any offset is always one of them."""
        ends, described = [], []
        for x in self._named.get(surname, []):
            if (not ends or -x["end"] > ends[-1]) and (d := _description_at(self.raw, int(x["start"]), int(x["end"]))):
                ends.append(-x["end"])
                described.append(d)
        return ends, described


_ACRONYMS = re.compile(r"\b[A-Z]{2,}\b")


def _description_at(raw: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the description the page gives in apposition to the name at raw[start:end]:
    after it (", a port expert," or a signature's ", head of the operation" ending its paragraph,
    or ", a port expert." or ", chief executive of Orrow." ending its sentence), or before it ("the
    head of the operation, Tobin Vale,"); None when there is none. Capitalised acronyms are names,
    never clause words ("the WHO's officer")."""
    line_end = raw.find("\n", end)
    line_end = line_end if line_end >= 0 else len(raw)
    window = max(0, start - 100)
    masked = _ACRONYMS.sub(lambda a: "X" * len(a.group(0)), raw[window:line_end])  # same offsets, from window
    after = masked[end - window:]
    if described := _appositive(after, 0):
        offset = end + after.index(described)
        return offset, offset + len(described)
    m = re.match(r",\s+([a-z][^,.;:“”\"()]{2,80}?)\s*$", after)  # "- Tobin Vale, head of the operation"
    if m and _noun_phrase(m.group(1)) and re.search(r"[-–—]\s*$", raw[max(0, start - 4):start]):
        return end + m.start(1), end + m.end(1)
    m = re.match(r",\s+([A-Za-z][^,.;:“”\"()]{2,80}?)\s*(?:[.!?](?:\s|$)|$)", after)  # "said Tobin Vale, a pilot."
    if m and _noun_phrase(m.group(1)) and (re.match(r"(?:the|a|an)\s", m.group(1)) or person_titles().search(m.group(1))):
        return end + m.start(1), end + m.end(1)
    m = re.search(r"(?:^|[,“”\"]\s*)((?:the|a|an)\s+[^,.;:“”\"()]{2,80}?),\s*$", masked[:start - window])
    if m and raw[end:end + 1] == "," and _noun_phrase(m.group(1)):
        return window + m.start(1), window + m.end(1)
    return None
