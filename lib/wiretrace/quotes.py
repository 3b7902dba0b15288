"""Direct quotations and their speakers.

A quotation is text between double quotation marks (an unclosed one runs to the end of its
paragraph). Its speaker is found by the attribution around it: "“...,” X said",
"“...,” said X", "X said: “...”", "“...” according to X"; a pronoun speaker ("he said")
takes the nearest person named before the quotation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import Entity, Mention
from .resources import word_list

_OPEN, _CLOSE = "“„«\"", "”»\""
_PRONOUNS = {"he", "she", "they", "He", "She", "They"}
MAX_ATTRIBUTION_CHARS = 120


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
    """(start, end) of the quoted words in one paragraph, quotation marks excluded."""
    spans, i = [], 0
    while i < len(text):
        if text[i] in _OPEN:
            closer = "”" if text[i] in "“„" else "»" if text[i] == "«" else '"'
            end = text.find(closer, i + 1)
            end = len(text) if end < 0 else end
            if text[i + 1:end].strip():
                spans.append((i + 1, end))
            i = end + 1
        else:
            i += 1
    return spans


def _verbs() -> str:
    return "|".join(sorted(word_list("speech_verbs.txt"), key=len, reverse=True))


def attribute(raw: str, start: int, end: int, paragraph: tuple[int, int], mentions: list[Mention]) -> Quote:
    """The speaker of the quotation raw[start:end], from the words around it in its paragraph.

    ``mentions`` are the article's mentions (article offsets); a pronoun takes the last person
    named before the quotation.
    """
    verbs = _verbs()
    after_start = min(end + 1, paragraph[1])
    before_start = max(paragraph[0], start - 1 - MAX_ATTRIBUTION_CHARS)
    after = raw[after_start:min(paragraph[1], after_start + MAX_ATTRIBUTION_CHARS)]
    before = raw[before_start:max(before_start, start - 1)]
    rules = (
        (after, after_start, rf"^[\s,.]*(?P<who>[^.“”\"!?]*?)\s+(?:{verbs})\b", "quote, then speaker and verb"),
        (after, after_start, rf"^[\s,.]*(?:{verbs})\s+(?P<who>[^.,“”\"!?]+)", "quote, then verb and speaker"),
        (after, after_start, r"^[\s,.]*according to\s+(?P<who>[^.,“”\"!?]+)", "quote, then 'according to'"),
        (before, before_start, rf"(?P<who>[^.“”\"!?]*?)\s+(?:{verbs})\b(?:\s+\w+){{0,3}}[\s,;:]*$", "speaker and verb, then quote"),
    )
    for window, offset, pattern, rule in rules:
        match = re.search(pattern, window)
        if match:
            found = _speaker_in(raw, offset + match.start("who"), offset + match.end("who"), mentions, start)
            if found is not None:
                entity, name, s_start, s_end, how = found
                return Quote(start, end, entity, name, s_start, s_end, rule + how)
    return Quote(start, end, None, None, None, None, "no attribution found")


def _speaker_in(raw, who_start, who_end, mentions, quote_start):
    """(entity, name, start, end, note) of the last person or organisation named in the
    attribution, or of a pronoun there, resolved to the last person named before the quotation
    (a name not in the gazetteer counts: it may be a person)."""
    named = [m for m in mentions if who_start <= m.start and m.end <= who_end and _may_speak(m)]
    if named:
        m = named[-1]
        return m.entity, _name(raw, m), m.start, m.end, "" if m.entity else " (name not in gazetteer)"
    pronoun = re.search(r"(\w+)\W*$", raw[who_start:who_end])
    if pronoun and pronoun.group(1) in _PRONOUNS:
        people = [m for m in mentions if m.end <= quote_start and _may_speak(m, people_only=True)]
        if people:
            p_start = who_start + pronoun.start(1)
            name = _name(raw, people[-1])
            return people[-1].entity, name, p_start, p_start + len(pronoun.group(1)), \
                f" (pronoun: {name}, last person named before)"
    return None


def _may_speak(mention: Mention, people_only: bool = False) -> bool:
    if mention.entity is None:
        return mention.match == "unresolved"
    return mention.entity.type == "person" or (not people_only and mention.entity.type == "organisation")


def _name(raw: str, mention: Mention) -> str:
    return mention.entity.canonical if mention.entity else raw[mention.start:mention.end]
