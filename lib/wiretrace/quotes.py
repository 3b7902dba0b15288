"""Direct quotations and their speakers.

A quotation is text between double quotation marks (an unclosed one runs to its attribution
or the end of its paragraph). Its speaker is found by the attribution around it: "“...,” X said",
"“...,” said X", "X said: “...”", "“...” according to X", or a speech verb earlier in the same
sentence ("X said the toll was rising, calling it “the worst”"). A pronoun speaker ("he said")
is the last speaker of an earlier quotation of the article, else the last person named before
(a name after "in", "near", "from" is a place). A quotation with no attribution of its own
continues the one before it in its paragraph, or in the paragraph before when it opens its
paragraph (a quotation running over several paragraphs). ", saying: “...”" is the sentence's
speaker's; a name right after a quotation signs it ("“...,” Mara Quill, an engineer"); a quotation
a scraper broke across two paragraphs takes the attribution after its closing mark; with no name,
title or pronoun, a speaking noun phrase speaks ("the port authority said", ``data/speaker_nouns.txt``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .entities import Entity, Mention, mask_periods_inside_names, person_titles
from .resources import cached, word_list

_OPEN, _CLOSE = "“„«\"", "”»\""
_PRONOUNS = {"he", "she", "they", "He", "She", "They"}
MAX_ATTRIBUTION_CHARS = 120
# A name right after one of these is a place ("in Ankara", "near Istanbul"), not a speaker.
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|near|from|of|across|outside|inside|around|into|toward|towards)\s+)$",
                           re.IGNORECASE)


@dataclass(frozen=True)
class Quote:
    start: int  # the quoted words, marks excluded
    end: int
    speaker: Entity | None
    speaker_name: str | None  # canonical name, or the words of a name not in the gazetteer
    speaker_start: int | None  # the words naming the speaker (a name or a pronoun)
    speaker_end: int | None
    rule: str


def find_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of the quoted words in one paragraph, quotation marks excluded. A quotation
    whose closing mark is missing (scrapers lose them) ends where its attribution begins
    ("..., Mara Quill, an expert, told a briefing"), else at the end of the paragraph."""
    spans, i = [], 0
    while (mark := _MARK.search(text, i)) is not None:  # nothing happens between marks
        i = mark.start()
        if text[i] == '"' and _closes_only(text, i):
            i += 1
        elif text[i] in "‘'" and (cut := _single_quoted(text, i)):
            spans.append((i + 1, cut))
            i = cut + 1
        elif text[i] in _OPEN:
            closer = "”" if text[i] in "“„" else "»" if text[i] == "«" else '"'
            end = text.find(closer, i + 1)
            if end < 0:
                cut = _unclosed_end().search(text, i + 1)
                end = cut.start() if cut else len(text)
            if text[i + 1:end].strip():
                spans.append((i + 1, end))
            i = end + 1
        else:
            i += 1
    return spans


_MARK = re.compile(f"[{re.escape(_OPEN)}‘']")  # where a quotation may open
_SINGLE_MARK = re.compile(r"['‘’]")
_CLOSING_SINGLE = re.compile(r"(?<=[,.!?])[’'](?=\s|$)")


def _single_quoted(text: str, i: int) -> int | None:
    """Where a quotation in single marks that opens its paragraph (or follows a colon) closes: at a
    mark right after , . ! or ? ("‘We saved the ship,’ Vrell said"); None when there is no such
    mark, or another opening mark comes first (an apostrophe inside a word is no mark)."""
    if not text[i + 1:i + 2].isupper():
        return None
    k = i
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k > 0 and text[k - 1] != ":":
        return None
    for m in _SINGLE_MARK.finditer(text, i + 1):
        at = m.start()
        if _CLOSING_SINGLE.match(text, at):
            return at
        if text[at] == "‘" or not text[at - 1].isalpha():
            return None  # another quotation opens: not a single-quoted one
    return None


def _closes_only(text: str, i: int) -> bool:
    """A straight quotation mark glued to the word before it and followed by a space or the end
    ('... passage," he said') closes a quotation; it never opens one."""
    return i > 0 and not text[i - 1].isspace() and (i + 1 == len(text) or text[i + 1].isspace())


def speech_verbs() -> str:
    """The speech verbs of data/speech_verbs.txt as a regex alternation, longest first."""
    return "|".join(sorted(word_list("speech_verbs.txt"), key=len, reverse=True))


# Words that open a phrase or clause, not a name ("On 3 December", "Meanwhile", "The ...").
NOT_NAME_OPENERS = frozenset({
    "the", "a", "an", "on", "in", "at", "after", "before", "during", "while", "when", "but", "and", "meanwhile",
    "separately", "earlier", "later", "since", "by", "for", "from", "with", "as", "of", "to", "last", "this", "next",
    "also", "however", "then", "according", "until", "if", "although", "across", "around", "near", "along", "amid",
    "throughout", "outside", "inside", "under", "over", "through", "within", "among", "despite", "into", "beyond"})


def opens_with_name(phrase: str) -> bool:
    """Whether a phrase opens with a capitalised word that can begin a name ("Guy Platten, ...",
    not "the secretary general", "On Monday" or "who has said")."""
    words = phrase.split()
    return bool(words) and words[0][:1].isupper() and words[0].lower() not in NOT_NAME_OPENERS


def said_after(raw: str, end: int) -> bool:
    """Whether a speech verb follows offset ``end``, up to three lower-case words on ("Vrell told",
    "Osei last week told"): the name before it is someone who spoke."""
    return _said_after().match(raw, end) is not None


@cached
def _said_after() -> re.Pattern:
    return re.compile(rf"\s+(?:[a-z]\w*\s+){{0,3}}(?:{speech_verbs()})\b")


@cached
def _unclosed_end() -> re.Pattern:
    """Where an unclosed quotation stops: a comma before "he said", "X said", "X, a title, told"."""
    name = r"(?:[Hh]e|[Ss]he|[Tt]hey|(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})"
    return re.compile(rf",\s+{name}(?:,[^,.“”\"]{{1,80}},)?\s+(?:{speech_verbs()})\b")


@cached
def _any_verb() -> re.Pattern:
    """Any speech verb, anywhere (what every attribution by a verb needs in its window)."""
    return re.compile(speech_verbs())


def attribute(raw: str, start: int, end: int, paragraph: tuple[int, int], mentions: list[Mention] | ArticleMentions,
              previous: Quote | None = None, previous_paragraph: tuple[int, int] | None = None) -> Quote:
    """The speaker of the quotation raw[start:end], from the words around it in its paragraph.

    ``mentions`` are the article's mentions (article offsets), a list in page order or, for an
    article with many quotations, its :class:`ArticleMentions` made once. ``previous`` is the last
    quotation of the article with a speaker and ``previous_paragraph`` the paragraph it is in: a
    pronoun takes its speaker, and a quotation without attribution continues it when it is in the
    same paragraph or in the one just before this quotation's (which it must open).
    """
    mentions = ArticleMentions.of(raw, mentions)
    verbs = speech_verbs()
    after_start = min(end + 1, paragraph[1])
    before_start = max(paragraph[0], start - 1 - MAX_ATTRIBUTION_CHARS)
    # the windows read up to a full stop: a period inside a name ("Mr. Tam Vell") is none
    after = _masked(raw[after_start:min(paragraph[1], after_start + MAX_ATTRIBUTION_CHARS)])
    before = _masked(raw[before_start:max(before_start, start - 1)])
    sentence_start = max(paragraph[0], start - 1 - 3 * MAX_ATTRIBUTION_CHARS)
    sentence_before = _masked(raw[sentence_start:max(sentence_start, start - 1)])
    # the words after a quotation attribute it only when it ends its clause ("“...,” X said", "“...?” asked X"),
    # not when it ends a sentence ("“...instantly.” The ..."); when its sentence goes on ("profits were “squeezed” in
    # 1989, the company said"), the attribution after the sentence's next comma does, if none comes before
    ends_clause = _ends_clause(raw, start, end)
    after_rule, later_rule = (r"^[\s,.]*", r"(?!)") if ends_clause else (r"(?!)", r"^[^.“”\"!?]*?,\s+")
    rules = (
        (after, after_start, after_rule + rf"(?P<who>[^.“”\"!?]*?)\s+(?:{verbs})\b", "quote, then speaker and verb", True),
        (after, after_start, after_rule + rf"(?:{verbs})\s+(?P<who>[^.,“”\"!?]+)", "quote, then verb and speaker", True),
        (after, after_start, r"^[\s,.]*according to\s+(?P<who>[^.,“”\"!?]+)", "quote, then 'according to'", False),
        (before, before_start, rf"(?P<who>[^.“”\"!?]*?)\s+(?:{verbs})\b(?:\s+\w+){{0,3}}[\s,;:]*$", "speaker and verb, then quote", True),
        (sentence_before, sentence_start, rf"(?P<who>[^.“”\"!?]*?)\s+(?:{verbs})\b[^.“”\"!?]*$",
         "speaker and verb earlier in the sentence", True),
        (after, after_start, later_rule + rf"(?P<who>[^,.“”\"!?]*?)\s+(?:{verbs})\b", "speaker and verb later in the sentence", True),
        (after, after_start, later_rule + rf"(?:{verbs})\s+(?P<who>[^.,“”\"!?]+)", "verb and speaker later in the sentence", True),
    )
    relative = re.search(r"(?P<who>[^.“”\"!?,;]+?),\s+who\s+[^.“”\"!?]*$", before)
    if relative and (raw[end - 1:end] == "," or after.lstrip().startswith(",")) and \
            re.match(rf"^[\s,]*(?:[^.“”\"!?,]{{1,60}},\s*)?(?:(?:also|later|then|again)\s+)?(?:{verbs})\b", after):
        # the quotation is inside a relative clause of the sentence's subject, who speaks
        found = _speaker_in(raw, before_start + relative.start("who"), before_start + relative.end("who"), mentions,
                            start, previous)
        if found is None and (phrase := _speaking_noun_phrase(raw, before_start + relative.start("who"),
                                                              before_start + relative.end("who"))):
            found = None, raw[phrase[0]:phrase[1]], *phrase, " (a speaking noun phrase)"
        if found is not None:
            entity, name, s_start, s_end, how = found
            return Quote(start, end, entity, name, s_start, s_end, "a relative clause of the speaker, then verb" + how)
    found = _participle_speaker(raw, start, paragraph, mentions, previous, verbs)
    if found is not None:
        entity, name, s_start, s_end, how = found
        return Quote(start, end, entity, name, s_start, s_end, "', saying:' names the sentence's speaker" + how)
    found = _with_speaker(raw, before, before_start, mentions, start, previous)
    if found is not None:
        entity, name, s_start, s_end, how = found
        return Quote(start, end, entity, name, s_start, s_end, "'with X saying' names the speaker" + how)
    matches = []  # each rule's match, read again below when no speaker is named
    for window, offset, pattern, rule, needs_verb in rules:
        # a rule that needs a speech verb cannot match a window without one: the cheap search first
        match = None if needs_verb and _any_verb().search(window) is None else re.search(pattern, window)
        matches.append(match)
        if match:
            found = _speaker_in(raw, offset + match.start("who"), offset + match.end("who"), mentions, start, previous)
            if found is not None:
                entity, name, s_start, s_end, how = found
                return Quote(start, end, entity, name, s_start, s_end, rule + how)
    signed = _name_after(raw, start, end, paragraph, mentions)
    if signed is not None:
        name = _fullest(raw, signed, mentions)[0]
        return Quote(start, end, signed.entity, name, signed.start, signed.end, "quote, then a name without a verb")
    for (_, offset, _, rule, _), match in zip(rules, matches):  # no name, title or pronoun: "the port authority said"
        if match and (phrase := _speaking_noun_phrase(raw, offset + match.start("who"), offset + match.end("who"))):
            if source := _source_described(raw, *phrase, paragraph, mentions):
                name = _fullest(raw, source, mentions)[0]
                return Quote(start, end, source.entity, name, *phrase, rule + f" (a description of the source {name})")
            return Quote(start, end, None, raw[phrase[0]:phrase[1]], *phrase, rule + " (a speaking noun phrase)")
    if (reported := _reported_in_sentence_before(raw, start, paragraph, mentions)) is not None:
        name = _fullest(raw, reported, mentions)[0]
        return Quote(start, end, reported.entity, name, reported.start, reported.end,
                     f"continues the reported speech before it ({name})")
    if previous is not None and previous_paragraph is not None and (
            previous_paragraph == paragraph or (previous_paragraph[1] <= paragraph[0]
                                                and not raw[paragraph[0]:start].strip(" \t\"“„«")
                                                and _blank(raw, previous_paragraph[1], paragraph[0]))):
        return Quote(start, end, previous.speaker, previous.speaker_name, previous.speaker_start, previous.speaker_end,
                     f"continues the quotation before it ({previous.speaker_name})")
    if not raw[paragraph[0]:start].strip(" \t\"“„«") and (reported := _reported_speaker(raw, paragraph[0], mentions)):
        name = _fullest(raw, reported, mentions)[0]
        return Quote(start, end, reported.entity, name, reported.start, reported.end,
                     f"continues the reported speech before it ({name})")
    return Quote(start, end, None, None, None, None, "no attribution found")


# A period that ends no sentence: inside a number ("$7.40"), inside initials ("U.S"), or before a comma or a
# lower-case word ("Ore., a timber firm", "Jonas Vell Jr., chairman", "Orrow Corp. said").
_NOT_A_STOP = re.compile(r"(?<=\d)\.(?=\d)|(?<=\b[A-Z])\.(?=[A-Z]\.)|\.(?=[,;]|\s+[a-z])")


def _masked(text: str) -> str:
    """``text`` with the periods that end no sentence (inside names, numbers, initials, before a comma or
    a lower-case word) turned into a one-dot leader (same length, same offsets)."""
    return _NOT_A_STOP.sub("\u2024", mask_periods_inside_names(text))


def _ends_clause(raw: str, start: int, end: int) -> bool:
    """Whether the quotation ending at ``end`` ends its clause with a comma, a question or exclamation
    mark or a dash, inside or right after its closing mark ("“...,” X said", "“...?” asked X"), a nested
    quotation's mark or a space before it left out."""
    return raw[start:end].rstrip(" '’‘")[-1:] in (",", "?", "!") or \
        re.match(r"[”»\"’']?\s*(?:,|--|—|–)", raw[end:end + 4]) is not None


def _reported_in_sentence_before(raw: str, start: int, paragraph: tuple[int, int],
                                 mentions: ArticleMentions) -> Mention | None:
    """The person the sentence just before a quotation says spoke, when the quotation opens its own
    sentence and that sentence reports speech without quoting it ("Vrell said the plan had failed.
    “We lost the cash.”" -> Vrell)."""
    lead = re.search(r"(?:^|[.!?][”\"]?)\s*[“\"„«]?$", _masked(raw[paragraph[0]:start]))
    if lead is None or lead.start() == 0 or not raw[start:start + 1].isupper():
        return None
    end = paragraph[0] + lead.start()
    sentence = _masked(raw[paragraph[0]:end])
    begin = paragraph[0] + max((m.end() for m in re.finditer(r"[.!?][”\"]?\s+", sentence)), default=0)
    if any(c in raw[begin:end] for c in "“”\""):
        return None
    speakers = [m for m in mentions.within(begin, end) if _may_speak(m, people_only=True) and said_after(raw, m.end)]
    return speakers[-1] if speakers else None


def attribute_across(raw: str, quote: Quote, paragraph: tuple[int, int], next_paragraph: tuple[int, int] | None,
                     mentions: list[Mention] | ArticleMentions, previous: Quote | None = None,
                     previous_paragraph: tuple[int, int] | None = None) -> Quote:
    """A quotation left open at the end of its paragraph, without a speaker, whose next paragraph
    opens without a quotation mark and closes it ('"... completed.⏎⏎... passage," chief Ana Berg
    said'): a scraper broke the paragraph, and the attribution after that closing mark speaks."""
    if quote.speaker_name or next_paragraph is None or quote.end < paragraph[1] or raw[quote.end:quote.end + 1] in _CLOSE:
        return quote
    text = raw[next_paragraph[0]:next_paragraph[1]]
    mark = re.search(r"[“”„«»\"]", text)
    if mark is None or text[:1] in _OPEN or not (mark.group(0) in "”»" or _closes_only(text, mark.start())):
        return quote
    found = attribute(raw, quote.start, next_paragraph[0] + mark.start(), (paragraph[0], next_paragraph[1]), mentions,
                      previous, previous_paragraph)
    if found.speaker_name and found.rule.startswith("quote, then"):
        return Quote(quote.start, quote.end, found.speaker, found.speaker_name, found.speaker_start, found.speaker_end,
                     found.rule + " (across a paragraph break)")
    return quote


def _participle_speaker(raw, start, paragraph, mentions, previous, verbs):
    """The speaker of a quotation introduced by ", saying:" or ", adding:": the subject of the
    sentence's first speech verb, which may hold an earlier quotation ("The minister warned that
    residents should follow the agency (AFV), saying: “...”" -> the minister, not AFV)."""
    lead = re.search(r",\s*(?:saying|adding)[\s,:;]*(?:that\s+)?$", raw[paragraph[0]:max(paragraph[0], start - 1)])
    if lead is None:
        return None
    cut = paragraph[0] + lead.start()
    sentence = paragraph[0]
    for boundary in _SENTENCE_START.finditer(raw, paragraph[0], cut):
        inside = raw[paragraph[0]:boundary.start()]
        if inside.count("“") <= inside.count("”") and inside.count('"') % 2 == 0:  # not inside a quotation
            sentence = boundary.end()
    verb = re.search(rf"\s+(?:{verbs})\b", raw[sentence:cut])
    if verb is None or verb.group(0).endswith("ing"):
        return None
    return _speaker_in(raw, sentence, sentence + verb.start(), mentions, start, previous)


def _with_speaker(raw, before, before_start, mentions, quote_start, previous):
    """The speaker of a quotation in a clause "with X saying": X, not a name earlier in the sentence
    ("A clip posted on the agency's Twitter page shows the street, with the poster saying homes
    were “...”" -> the poster, not Twitter)."""
    participles = "|".join(v for v in word_list("speech_verbs.txt") if v.endswith("ing"))
    m = re.search(rf"\bwith\s+(?P<who>[^,.;“”\"!?]{{1,60}}?)\s+(?:{participles})\b[^.;“”\"!?]{{0,60}}$", before)
    if m is None:
        return None
    who_start, who_end = before_start + m.start("who"), before_start + m.end("who")
    found = _speaker_in(raw, who_start, who_end, mentions, quote_start, previous)
    if found is None and (phrase := _speaking_noun_phrase(raw, who_start, who_end)):
        found = None, raw[phrase[0]:phrase[1]], *phrase, " (a speaking noun phrase)"
    return found


_SENTENCE_START = re.compile(r"(?:(?<=[.!?])[”\"]?\s+|\n\s*)(?=[A-Z“\"])")


def _name_after(raw, start, end, paragraph, mentions) -> Mention | None:
    """A name signing a quotation without a verb: "“...,” Mara Quill, a port engineer" (a quotation
    of four or more words ending in a comma) or a pull-quote "“...” - Mara Quill". The name opens
    right after the closing mark and is followed by a comma or the end of the paragraph; it is a
    person or has two words or more."""
    if raw[end:end + 1] not in _CLOSE:
        return None
    comma = raw[end - 1:end] == "," and len(raw[start:end].split()) >= 4
    dash = re.match(r"\s*[-–—]\s*\S", raw[end + 1:end + 6])
    if not (comma or dash):
        return None
    lead = end + 1 + re.match(r"[\s,]*(?:[-–—]\s*)?", raw[end + 1:paragraph[1]]).end()
    for m in mentions.starting_at(lead):
        if _may_speak(m) and re.match(r"\s*(?:,|$)", raw[m.end:paragraph[1]]) and (
                len(raw[m.start:m.end].split()) >= 2 or (m.entity is not None and m.entity.type == "person")):
            return m
    return None


def _speaking_noun_phrase(raw: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of a noun phrase headed by a speaking noun (``data/speaker_nouns.txt``) in the
    last comma part of raw[start:end], up to three modifiers before the head, determiners and
    prepositions left out: "On Friday, the port authority" -> "port authority"; "one Velmora woman"
    -> "Velmora woman"."""
    part = start + raw[start:end].rfind(",") + 1
    words = []
    for w in re.finditer(r"[\w’'.-]+", raw[part:end]):
        if w.group(0).lower() in _ENDS_NOUN_PHRASE:
            break
        words.append(w)
    heads = [i for i, w in enumerate(words) if w.group(0).lower() in word_list("speaker_nouns.txt")]
    if not heads:
        return None
    head = first = heads[-1]
    while first > 0 and head - first < 3 and words[first - 1].group(0).lower() not in _BEFORE_NOUN_PHRASE:
        first -= 1
    return part + words[first].start(), part + words[head].end()


_ENDS_NOUN_PHRASE = frozenset("has have had is was were are will would could also already later then said told who "
                              "which that".split())
_BEFORE_NOUN_PHRASE = frozenset("the a an one two some several its their his her with by on in at of and".split())


# Where a document's source is named ("an assessment by", "data from", "figures compiled by").
DATA_SOURCE = re.compile(r"\b(?:data|figures|statistics|assessment|estimates?|analysis|calculations?|survey|study|"
                         r"tally)\s+(?:(?:compiled|published|released|collected)\s+)?(?:by|from)\s+", re.I)
# Nouns of a description that stands for an organisation ("the venerable journal", "the firm").
_INSTITUTION_NOUNS = frozenset("agency broadcaster company firm journal newspaper organisation organization "
                               "publication".split())


def _source_described(raw: str, start: int, end: int, paragraph: tuple[int, int],
                      mentions: ArticleMentions) -> Mention | None:
    """The source a definite description of an organisation stands for ("... based on an assessment
    by Velmora Freight. The respected firm concedes ..."): the last name given as the source of
    a document ("an assessment by", "data from") in its paragraph or the one before, when the
    description opens with "the" and its head is an organisation noun; None otherwise."""
    if raw[start:end].split()[-1].lower() not in _INSTITUTION_NOUNS \
            or not re.search(r"\bthe\s+$", raw[max(0, start - 4):start], re.I):
        return None
    begin = max(raw.rfind("\n", 0, _stripped_end(raw, paragraph[0])), 0)
    sources = [m for m in mentions.within(begin, start) if _may_speak(m)
               and re.search(DATA_SOURCE.pattern + "$", raw[max(0, m.start - 60):m.start], re.I)]
    return sources[-1] if sources else None


def _reported_speaker(raw: str, paragraph_start: int, mentions: ArticleMentions) -> Mention | None:
    """The person last said to speak in the paragraph before ``paragraph_start`` when that paragraph
    reports speech without quoting it ("X said that the company failed to ..."): a quotation opening
    the next paragraph without attribution goes on with X."""
    end = _stripped_end(raw, paragraph_start)
    start = max(raw.rfind("\n", 0, end), 0)
    if not end or any(c in raw[start:end] for c in "“”\""):
        return None
    speakers = [m for m in mentions.within(start, end) if _may_speak(m, people_only=True) and said_after(raw, m.end)]
    return speakers[-1] if speakers else None


def _speaker_in(raw, who_start, who_end, mentions, quote_start, previous: Quote | None = None):
    """(entity, name, start, end, note) of the speaker named in the attribution (see
    :func:`_named_speaker`; a bare title such as "the President" is the person named with it
    before), or of a pronoun there, resolved to the nearer of the last quotation's speaker and the
    last person said to speak, else to the last person named before the quotation. A name not in
    the gazetteer counts (it may be a person); a name after "in", "near"... is a place, and a
    possessive ("the WHO's officer") never speaks. Names are given in their fullest form."""
    named = [m for m in mentions.within(who_start, who_end) if _may_speak(m)
             and not _after_place_word(raw, m)
             and not re.match(r"(?:\s+[a-z]+)?['’]s\b", raw[m.end:m.end + 20])
             and not raw[m.start:m.end].endswith(("'s", "’s")) and not _place_or_suffix(raw, m)]
    if named:
        m = _named_speaker(raw, who_start, named)
        rest = raw[m.end:who_end].strip(" ,")
        if rest and person_titles().fullmatch(rest):  # "the Velmoran president said": a title, not a name, speaks
            holder = mentions.titled_before(rest, quote_start) or mentions.titled_after(rest, quote_start)
            if holder is not None:
                name = _fullest(raw, holder, mentions)[0]
                t_start = raw.index(rest, m.end)
                return holder.entity, name, t_start, t_start + len(rest), f" (title: {name}, named with it)"
        if m.entity is None and person_titles().fullmatch(raw[m.start:m.end]):  # "the President said"
            holder = mentions.titled_before(raw[m.start:m.end], m.start)
            if holder is not None:
                name = _fullest(raw, holder, mentions)[0]
                return holder.entity, name, m.start, m.end, f" (title: {name}, named with it before)"
        if m.entity is None and (phrase := _speaking_noun_phrase(raw, who_start, _words_after(raw, m.end, who_end, 2))) \
                and phrase[0] <= m.start < m.end < phrase[1]:  # the name only modifies who speaks: "Velmoran authorities said"
            return None, raw[phrase[0]:phrase[1]], *phrase, " (a speaking noun phrase)"
        name, how = _fullest(raw, m, mentions)
        return m.entity, name, m.start, m.end, how or ("" if m.entity else " (name not in gazetteer)")
    title = person_titles().search(raw, who_start, who_end)
    if title and re.fullmatch(r"\s*(?:the\s+)?(?:[A-Z]\w*\s+|[\w\s-]{0,40}['’]s\s+)?",
                              raw[who_start:title.start()].rsplit(",", 1)[-1], re.IGNORECASE) \
            and not raw[title.end():who_end].strip(" ,"):
        # "the governor said", "Velmora province's governor said": the person named with that title,
        # before the quotation, else the first named with it after (a lede names the title first)
        holder = mentions.titled_before(title.group(0), quote_start) or \
            mentions.titled_after(title.group(0), quote_start)
        if holder is not None:
            name = _fullest(raw, holder, mentions)[0]
            return holder.entity, name, title.start(), title.end(), f" (title: {name}, named with it)"
    pronoun = re.search(r"(\w+)(?:\s+(?:also|later|then|again|earlier|previously|further|already|\w+ly))?\W*$",
                        raw[who_start:who_end])  # "he said", "she also said"
    if pronoun and pronoun.group(1) in _PRONOUNS:
        p_start = who_start + pronoun.start(1)
        p_end = p_start + len(pronoun.group(1))
        person, speaker, opener = (mentions.last_before(quote_start, kind) for kind in ("person", "speaker", "opener"))
        # a person opening a sentence after the last quotation's speaker is nearer ("Tilek, 14, said
        # he wished ... “...,” he said"), then the nearer of the last quotation's speaker and the last
        # person said to speak ("Vrell told the TV channel on Friday. “...,” he added"), else the last named
        if previous is not None and previous.speaker_name and opener is not None and \
                opener.start > (previous.speaker_start or 0) and (speaker is None or opener.start > speaker.start):
            name = _fullest(raw, opener, mentions)[0]
            return opener.entity, name, p_start, p_end, f" (pronoun: {name}, the subject named before)"
        if previous is not None and previous.speaker_name and (
                speaker is None or (previous.speaker_start or 0) >= speaker.start):
            return previous.speaker, previous.speaker_name, p_start, p_end, \
                f" (pronoun: {previous.speaker_name}, the speaker before)"
        for found, how in ((speaker, "the last to speak before"), (person, "last person named before")):
            if found is not None:
                name = _fullest(raw, found, mentions)[0]
                return found.entity, name, p_start, p_end, f" (pronoun: {name}, {how})"
    return None


def _after_place_word(raw: str, m: Mention) -> bool:
    """Whether a name follows a word that puts a place after it ("in Ankara", "near Istanbul"); not
    the "of" of a title ("Secretary of State Ana Varga")."""
    return _PLACE_BEFORE.search(raw[max(0, m.start - 12):m.start]) is not None and \
        _office_of().search(raw[max(0, m.start - 80):m.start]) is None


def _place_or_suffix(raw: str, m: Mention) -> bool:
    """Whether a name not in the gazetteer is a town with its state ("Marlow, Fla.,"), that state
    ("Fla.,") or a company's ending alone ("Corp"): no speaker."""
    return m.entity is None and (_TOWN_AND_STATE.match(raw, m.end) is not None
                                 or (raw[m.end:m.end + 2] == ".," and raw[max(0, m.start - 2):m.start] == ", ")
                                 or raw[m.start:m.end] in word_list("company_suffixes.txt"))


_TOWN_AND_STATE = re.compile(r",\s+[A-Z][\w.]*\.,")


def _words_after(raw: str, offset: int, limit: int, count: int) -> int:
    """The end of up to ``count`` words after ``offset``, not beyond ``limit``."""
    tail = re.match(rf"(?:\s+[\w’'-]+){{0,{count}}}", raw[offset:limit])
    return offset + tail.end()


def _named_speaker(raw: str, who_start: int, named: list[Mention]) -> Mention:
    """Which name of an attribution speaks. Its comma-separated parts that open with a name (not
    with "the", "an" or a lower-case word, as an appositive or a clause does) are the candidates;
    the last of them that names someone, and its last name (a part that opens with a possessive, an
    appositive, or with "who", a relative clause, names someone else): "Mara Quill, a port expert,
    told" -> Mara Quill; "the head of the operation, Tobin Vale, told" -> Tobin Vale; "after the
    1953 Velmora flood, President Odo Vrell said" -> Odo Vrell."""
    def part(m: Mention) -> int:
        return raw[who_start:m.start].count(",")

    def part_opens_with_name(m: Mention) -> bool:
        part = raw[who_start:m.start].rsplit(",", 1)[-1] + raw[m.start:m.end]
        return opens_with_name(part) and not _POSSESSIVE_OPENING.match(part)

    def in_relative_clause(m: Mention) -> bool:
        return _RELATIVE_OPENING.match(raw[who_start:m.start].rsplit(",", 1)[-1]) is not None

    named = [m for m in named if not in_relative_clause(m)] or named
    candidates = [m for m in named if part_opens_with_name(m)] or named
    last_part = part(candidates[-1])
    return [m for m in candidates if part(m) == last_part][-1]


# An appositive that opens with a possessive ("Vrell, Velmora's ambassador to the UN, said") and a relative
# clause ("Vrell, who cut his Orrow forecast, said") name someone else than the speaker.
_POSSESSIVE_OPENING = re.compile(r"\s*[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s?\s")
_RELATIVE_OPENING = re.compile(r"\s*(?:who|whose|which)\b")


def _fullest(raw: str, mention: Mention, mentions: ArticleMentions) -> tuple[str, str]:
    """The fullest form of a name the article gives before or at this mention ("Vrell" ->
    "Odo Vrell" when the article named him so), titles left out ("President Odo Vrell" ->
    "Odo Vrell"), with a note when it differs from the words at the mention: of the names not in
    the gazetteer before it that hold its words in a row, the one of most words, first named."""
    name = _person_name(raw, mention)
    other = mentions.fuller_before(name, mention.start) if mention.entity is None else None
    return (other, f" (short for {other}, named before)") if other else (name, "")


def _person_name(raw: str, mention: Mention) -> str:
    """The name of a mention without titles (see :func:`untitled`). A name not in the gazetteer
    right after "<title> of" or "for" opens with the office's domain ("Secretary of State Ana Varga",
    "Minister for Northern Affairs Ana Varga"): the person is its last two words, with the
    initials and "Jr." or "III" among or after them ("Ana N. Varga Jr.")."""
    name = untitled(_name(raw, mention))
    words = name.split()
    if mention.entity is not None or len(words) < 3 or not _office_of().search(raw[max(0, mention.start - 80):mention.start]):
        return name
    kept = named = 0
    for word in reversed(words):
        if named == 2 and not _NAME_SUFFIX.fullmatch(word):
            break
        kept += 1
        named += not _NAME_SUFFIX.fullmatch(word)
    return " ".join(words[-kept:])


_NAME_SUFFIX = re.compile(r"[A-Z]\.?|Jr\.?|Sr\.?|II|III|IV")


@cached
def _office_of() -> re.Pattern:
    """A title and the "of" or "for" that opens its office's domain, with the domain's capitalised words
    ("Secretary of ", "Secretary of State for ")."""
    return re.compile(rf"(?i:{person_titles().pattern})\s+(?:of|for)\s+(?:(?:[A-Z][\w.-]*|of|for|and|the)\s+)*$")


def untitled(name: str) -> str:
    """A name without the title words before it ("Interior Minister Ana Lode" -> "Ana Lode",
    "Gov. Ana Lode" -> "Ana Lode", "Mr Vell" -> "Vell")."""
    words = name.split()
    honorifics = word_list("honorifics.txt")
    last = max((i for i, w in enumerate(words[:-1]) if person_titles().fullmatch(w) or w.rstrip(".") in honorifics),
               default=-1)
    return " ".join(words[last + 1:]) if last >= 0 else name


def _named_with(raw: str, title: str):
    """A test of whether a mention names a person with ``title``: "President Odo Vrell", "the
    president, Odo Vrell", "Odo Vrell, the country's president"."""
    before = re.compile(rf"\b{re.escape(title)}\s*$", re.IGNORECASE)
    inside = re.compile(rf"(?:\w+\s+){{0,2}}{re.escape(title)}\s+\w", re.IGNORECASE)
    after = re.compile(rf"\s*,\s*(?:the\s+)?(?:\w+\s+){{0,3}}{re.escape(title)}\b", re.IGNORECASE)

    def named(m: Mention) -> bool:
        return _may_speak(m, people_only=True) and bool(
            before.search(raw[max(0, m.start - 40):m.start]) or inside.match(raw[m.start:m.end])
            or after.match(raw[m.end:m.end + 60]))
    return named


def _shorter_runs(name: str) -> list[tuple[str, ...]]:
    """The runs of words of ``name`` shorter than it (the names it is a fuller form of), once each."""
    words = tuple(name.split())
    return list(dict.fromkeys(words[i:j] for i in range(len(words)) for j in range(i + 1, len(words) + 1)
                              if j - i < len(words)))


# What may stand before a sentence's subject: the sentence's start, a conjunction, the name of
# the firm they belong to ("But Orrow Securities' Mr. Tam Vell, who ...").
_OPENING = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:(?:But|And|Yet|So)\s+)?(?:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4}['’]s?\s+)?$")


class ArticleMentions:
    """An article's mentions (disjoint spans, in page order), looked at once for the questions
    every quotation asks of them: which mentions lie inside a span, the last person before an
    offset, the person named with a title, the fullest form of a name. Each answer is what a scan
    of the whole list finds, looked up by bisection (a long article has thousands of quotations)."""

    def __init__(self, raw: str, mentions: list[Mention]):
        self.raw = raw
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self._ends = [m.end for m in self.mentions]
        self._kinds: dict[str, tuple[list[int], list[int], list[Mention]]] = {}
        self._fuller: dict[tuple[str, ...], tuple[list[int], list[str]]] | None = None

    @classmethod
    def of(cls, raw: str, mentions) -> "ArticleMentions":
        """``mentions`` as they are when already indexed, else indexed now."""
        return mentions if isinstance(mentions, cls) else cls(raw, mentions)

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions inside raw[start:end], in page order."""
        return self.mentions[bisect_left(self._starts, start):bisect_right(self._ends, end)]

    def starting_at(self, offset: int) -> list[Mention]:
        return self.mentions[bisect_left(self._starts, offset):bisect_right(self._starts, offset)]

    def last_before(self, offset: int, kind: str) -> Mention | None:
        """The last mention of ``kind`` ending at or before ``offset``: a "person" (who may speak,
        not after "in", "near"...), a "speaker" (a person a speech verb follows) or an "opener" (a
        person opening a sentence)."""
        _, ends, found = self._kind(kind, {"person": self._person, "speaker": self._speaks,
                                           "opener": self._opens}[kind])
        at = bisect_right(ends, offset)
        return found[at - 1] if at else None

    def titled_before(self, title: str, before: int) -> Mention | None:
        """The person last named with ``title`` ("President Odo Vrell") ending at or before ``before``."""
        _, ends, found = self._kind("title: " + title, _named_with(self.raw, title))
        at = bisect_right(ends, before)
        return found[at - 1] if at else None

    def titled_after(self, title: str, after: int) -> Mention | None:
        """The first person named with ``title`` that starts at or after ``after``."""
        starts, _, found = self._kind("title: " + title, _named_with(self.raw, title))
        at = bisect_left(starts, after)
        return found[at] if at < len(found) else None

    def fuller_before(self, name: str, before: int) -> str | None:
        """Of the names (titles left out) of the mentions not in the gazetteer that start before
        ``before`` and hold the words of ``name`` in a row, the one of most words first given."""
        if self._fuller is None:
            self._fuller = self._fuller_names()
        starts, fullest = self._fuller.get(tuple(name.split()), ([], []))
        at = bisect_left(starts, before)
        return fullest[at - 1] if at else None

    def _kind(self, kind: str, test) -> tuple[list[int], list[int], list[Mention]]:
        """(starts, ends, mentions) of the mentions that pass ``test``, each tested once."""
        if kind not in self._kinds:
            found = [m for m in self.mentions if test(m)]
            self._kinds[kind] = [m.start for m in found], [m.end for m in found], found
        return self._kinds[kind]

    def _person(self, m: Mention) -> bool:
        return _may_speak(m, people_only=True) and not _PLACE_BEFORE.search(self.raw[max(0, m.start - 12):m.start]) \
            and not company_name(self.raw[m.start:m.end])

    def _speaks(self, m: Mention) -> bool:
        return self._person(m) and said_after(self.raw, m.end)

    def _opens(self, m: Mention) -> bool:
        return self._person(m) and _OPENING.search(self.raw[max(0, m.start - 80):m.start]) is not None

    def _fuller_names(self) -> dict[tuple[str, ...], tuple[list[int], list[str]]]:
        """For each run of words, the starts of the unresolved mentions whose longer name holds it
        and, up to each of them, the name of most words first given."""
        fuller: dict[tuple[str, ...], tuple[list[int], list[str]]] = {}
        for m in self.mentions:
            if m.entity is not None:
                continue
            name = _person_name(self.raw, m)
            for shorter in _shorter_runs(name):
                starts, fullest = fuller.setdefault(shorter, ([], []))
                keep = fullest and len(fullest[-1].split()) >= len(name.split())
                starts.append(m.start)
                fullest.append(fullest[-1] if keep else name)
        return fuller


def _stripped_end(raw: str, offset: int) -> int:
    """The end of raw[:offset] with the white space at its end left out."""
    while offset > 0 and raw[offset - 1].isspace():
        offset -= 1
    return offset


def _blank(raw: str, start: int, end: int) -> bool:
    """Whether raw[start:end] is white space only (read up to its first other character)."""
    return _WHITE.match(raw, start, end).end() == end


_WHITE = re.compile(r"\s*")


@cached
def _company_ending() -> re.Pattern:
    return re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in sorted(word_list('company_suffixes.txt')))})\.?$")


def company_name(name: str) -> bool:
    """Whether a name ends in a company's legal form ("Orrow Freight Inc.", "Vell Holdings"; from
    data/company_suffixes.txt): a company, never "he" or "she"."""
    return _company_ending().search(name) is not None


def _may_speak(mention: Mention, people_only: bool = False) -> bool:
    if mention.entity is None:
        return mention.match == "unresolved"
    return mention.entity.type == "person" or (not people_only and mention.entity.type == "organisation")


def _name(raw: str, mention: Mention) -> str:
    return mention.entity.canonical if mention.entity else raw[mention.start:mention.end]
