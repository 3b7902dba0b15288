"""Segments (paragraphs or lines) of an article and the role each plays on the page.

Roles: headline, standfirst, dateline, caption, crosshead, body, source_line, related_link,
boilerplate, foreign. Furniture is found by layout cues listed in ``data/segment_cues.csv``;
``foreign`` text (other stories glued onto the page) by topical cohesion: TF-IDF similarity of
a segment at the edge of the article to the rest of it. Every role keeps the rule that set it
and, where one applies, a score.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer

from .resources import cached, table
from .sentences import split_sentences

_TERMINAL_END = re.compile(r"[.!?。！？…:;][”\"’'»)\]]*$")
# A teaser's kicker: an upper-case label and a colon opening the paragraph ("CYBERSCAM: ...").
_KICKER = re.compile(r"^[‘'\"“]?[^\W\d_a-z]{2,}(?:[ -][^\W\d_a-z]{2,}){0,4}[’'\"”]?:\s")

# Cohesion thresholds (IDF-weighted share of a segment's words found in the rest of the
# article; body paragraphs of the seeds score 0.2 to 1): a segment at the edge below LOW is
# foreign; below HIGH it is foreign when a layout cue (kicker label, cut-off ending) agrees.
COHESION_LOW = 0.12
COHESION_HIGH = 0.45
HEADLINE_MAX_WORDS = 25
STANDFIRST_MAX_WORDS = 30
CROSSHEAD_MAX_WORDS = 8


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    role: str = "body"
    rule: str = "default"
    score: float | None = None


def split_segments(raw: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the non-blank lines of ``raw``, white space trimmed.

    A line that ends without terminal punctuation, followed by one that starts in lower
    case, is a hard-wrapped paragraph: the two are joined.
    """
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\r\n]+", raw):
        start, end = match.span()
        while start < end and raw[start].isspace():
            start += 1
        while end > start and raw[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if spans and _continues(raw, spans[-1], start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _continues(raw: str, previous: tuple[int, int], start: int) -> bool:
    gap = raw[previous[1]:start]
    return (gap.count("\n") == 1 and not _TERMINAL_END.search(raw[previous[0]:previous[1]])
            and raw[start].islower())


@cached
def _cues() -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple((row["role"], row["rule"], re.compile(row["pattern"])) for row in table("segment_cues.csv"))


def _words(text: str) -> int:
    return len(text.split())


def _no_letters(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


def _furniture(text: str) -> tuple[str, str] | None:
    if _no_letters(text):
        return "boilerplate", "no letters or digits"
    for role, rule, pattern in _cues():
        if pattern.search(text):
            return role, rule
    return None


def assign_roles(raw: str, spans: list[tuple[int, int]], vocabulary: Vocabulary | None = None) -> list[Segment]:
    """The role of each segment, with the rule (and score) that decided it.

    ``vocabulary`` gives word weights for cohesion; by default it is fitted on this article alone.
    """
    texts = [raw[s:e] for s, e in spans]
    vocabulary = vocabulary or Vocabulary(texts)
    segments: list[Segment | None] = [None] * len(spans)
    for i, text in enumerate(texts):
        found = _furniture(text)
        if found:
            segments[i] = Segment(*spans[i], *found)
    content = [i for i in range(len(spans)) if segments[i] is None]
    for i, role, rule in _lead_roles(texts, content, segments):
        segments[i] = Segment(*spans[i], role, rule)
    for i, score, rule in _foreign(texts, [i for i in content if segments[i] is None], vocabulary):
        segments[i] = Segment(*spans[i], "foreign", rule, round(score, 4))
    body = [i for i in content if segments[i] is None]
    for i in body:
        if body[0] < i < body[-1] and _is_title_line(texts[i], CROSSHEAD_MAX_WORDS):
            segments[i] = Segment(*spans[i], "crosshead", "short untitled line inside the body")
    return [seg or Segment(*spans[i]) for i, seg in enumerate(segments)]


def _is_title_line(text: str, max_words: int) -> bool:
    return _words(text) <= max_words and not _TERMINAL_END.search(text)


def _lead_roles(texts, content, segments):
    """Headline and standfirst among the first content segments, by layout."""
    if not content:
        return []
    found, first = [], content[0]
    if _is_title_line(texts[first], HEADLINE_MAX_WORDS):
        found.append((first, "headline", "first line, short, no terminal punctuation"))
        following = content[1] if len(content) > 1 else None
        if following is not None and following == first + 1 and _single_sentence(texts[following]):
            found.append((following, "standfirst", "single sentence right after the headline"))
        return found
    after = segments[first + 1] if first + 1 < len(segments) else None
    if _single_sentence(texts[first]) and after is not None and after.role == "caption":
        found.append((first, "standfirst", "single opening sentence followed by a photo caption"))
    elif (_single_sentence(texts[first]) and len(content) > 1
          and _words(texts[first]) * 2 <= _words(texts[content[1]]) and _words(texts[first]) <= 20):
        found.append((first, "standfirst", "short single opening sentence before a longer paragraph"))
    return found


def _single_sentence(text: str) -> bool:
    return len(split_sentences(text)) == 1 and _words(text) <= STANDFIRST_MAX_WORDS


class Vocabulary:
    """Inverse document frequencies of words over a set of segments (ideally the whole corpus)."""

    def __init__(self, texts: list[str]):
        vectorizer = TfidfVectorizer(token_pattern=r"(?u)\b\w\w+\b")
        try:
            vectorizer.fit(texts)
            self.idf = dict(zip(vectorizer.get_feature_names_out(), vectorizer.idf_))
        except ValueError:  # no word of two letters anywhere
            self.idf = {}
        self.analyze = vectorizer.build_analyzer()

    def words(self, text: str) -> set[str]:
        return set(self.analyze(text))


def _foreign(texts: list[str], content: list[int], vocabulary: Vocabulary) -> list[tuple[int, float, str]]:
    """Peel segments off the edges of the article while they do not cohere with the rest.

    Cohesion of a segment: the IDF-weighted share of its words that occur elsewhere in the
    remaining article. Glued-on text sits at the edges, so only the first and last remaining
    segments are candidates, the less cohesive first.
    """
    words = {i: vocabulary.words(texts[i]) for i in content}
    core, found = list(content), []
    while len(core) > max(2, len(content) // 2):
        score, i = min((_coverage(words, core, i, vocabulary.idf), i) for i in (core[0], core[-1]))
        rule = _foreign_rule(texts[i], score)
        if rule is None:
            break
        found.append((i, float(score), rule))
        core.remove(i)
    return found


def _coverage(words: dict[int, set[str]], core: list[int], i: int, idf: dict[str, float]) -> float:
    rest = set().union(*(words[j] for j in core if j != i))
    # fsum: exact whatever the set's iteration order (which PYTHONHASHSEED changes).
    total = math.fsum(idf.get(w, 1.0) for w in words[i])
    return math.fsum(idf.get(w, 1.0) for w in words[i] if w in rest) / total if total else 1.0


def _foreign_rule(text: str, score: float) -> str | None:
    if score < COHESION_LOW:
        return f"edge segment sharing almost no words with the article (cohesion < {COHESION_LOW})"
    cues = [name for name, hit in (("kicker label", _KICKER.match(text)),
                                   ("cut-off ending", not _TERMINAL_END.search(text))) if hit]
    if score < COHESION_HIGH and cues:
        return f"edge segment weakly tied to the article (cohesion < {COHESION_HIGH}) with layout cue: {', '.join(cues)}"
    return None
