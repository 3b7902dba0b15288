"""Segments (paragraphs or lines) of an article and the role each plays on the page.

Roles (``wiretrace.roles``): headline, standfirst, dateline, byline, caption, crosshead, body,
source_line, related_link, boilerplate, foreign. Lines are split where a scraper glued a date line
or a dateline onto the story's first sentence (``wiretrace.datelines``), so the sentence keeps its
role. Furniture is found by layout: date lines, datelines and agency credits
(``wiretrace.datelines``), the reviewable cues of ``data/segment_cues.csv``, a masthead above the
headline, runs of headline-like links after the story. ``foreign`` text (another story glued onto
the page) is decided by topic: a segment at the edge of the page sharing few of its weighted words
with the rest of the page AND with the other pages of the corpus; never the first story paragraph,
never for a cut-off ending alone. Every role keeps the rule that set it and, where one applies, a
score.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import regex

from .datelines import date_line, dateline_end, glued_prefix
from .resources import cached, table
from .sentences import split_sentences

# Credits and notices an agency puts after the story, glued onto its last paragraph by a scraper.
_GLUED_TAIL = re.compile(r"(?:(?<=[.!?”\"’])\s+|\s+(?=Our [Ss]tandards:))"
                         r"(\(?(?:(?:Additional |Further )?[Rr]eporting|[Ww]riting|[Ww]ritten|[Ee]diting|"
                         r"[Ee]dited|[Cc]ompiled) by [A-Z]|Our [Ss]tandards:|\(?(?:Copyright|©))")
# Each credit or notice _GLUED_TAIL cuts at holds one of these: a line without any is not searched.
_GLUED_TAIL_WORDS = (" by ", "Our Standards:", "Our standards:", "Copyright", "©")
_TERMINAL_END = re.compile(r"[.!?。！？…:;][”\"’'»)\]]*$")
# A teaser's kicker: an upper-case label and a colon opening the paragraph ("CYBERSCAM: ...").
_KICKER = re.compile(r"^[‘'\"“]?[^\W\d_a-z]{2,}(?:[ -][^\W\d_a-z]{2,}){0,4}[’'\"”]?:\s")

# Cohesion thresholds (IDF-weighted share of a segment's words found in the rest of the
# article): a segment at the edge below LOW is foreign; below HIGH it is foreign when a teaser's
# kicker label agrees. Both also need the corpus to say the segment is off its story.
COHESION_LOW = 0.2
COHESION_ALONE = 0.12  # LOW when the corpus has no other page to compare with
COHESION_HIGH = 0.45
# Share of a segment's weighted words found on other pages of the corpus below which it is off
# the corpus's story (another story glued on); a story's own paragraphs share far more.
CORPUS_COHESION = 0.42
FOREIGN_MIN_WORDS = 6
HEADLINE_MAX_WORDS = 25
STANDFIRST_MAX_WORDS = 30
CROSSHEAD_MAX_WORDS = 8
LINK_MAX_WORDS = 15  # a link to another story is a headline: short, no full stop
# The rule (segment_cues.csv) of the line "— Name (@handle) May 2, 2024" under an embedded post:
# the post's text is above it, and its date bounds the page's publication below.
EMBEDDED_POST = "attribution of an embedded post"
# The rule (segment_cues.csv) of a short line in capitals: a section's name, or a headline in capitals.
UPPER_CASE_LABEL = "upper-case section label"


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    role: str = "body"
    rule: str = "default"
    score: float | None = None


_LINE = re.compile(r"[^\r\n]+")


def split_segments(raw: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the non-blank lines of ``raw``, white space trimmed.

    A line that ends without terminal punctuation, followed by one that starts in lower
    case, is a hard-wrapped paragraph: the two are joined.
    """
    spans: list[tuple[int, int]] = []
    for match in _LINE.finditer(raw):
        line = match.group()
        kept = line.strip()  # str.strip takes what str.isspace calls space
        if not kept:
            continue
        start = match.start() + len(line) - len(line.lstrip())
        end = start + len(kept)
        if spans and _continues(raw, spans[-1], start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [piece for span in spans for piece in _unglue(raw, *span)]


def _unglue(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """A line cut where a date line or dateline was glued onto the sentence after it, and where
    an agency's credit line or notice was glued after the last sentence."""
    pieces = []
    while (cut := glued_prefix(raw[start:end])) is not None and cut > 0:
        head_end = start + cut
        while head_end > start and raw[head_end - 1].isspace():
            head_end -= 1
        pieces.append((start, head_end))
        start += cut
    cuts = []
    for word in _GLUED_TAIL_WORDS:
        if raw.find(word, start, end) >= 0:
            cuts = [m.start(1) for m in _GLUED_TAIL.finditer(raw, start, end) if m.start(1) > start]
            break
    bounds = [start] + cuts + [end]
    for a, b in zip(bounds, bounds[1:]):
        while b > a and raw[b - 1].isspace():
            b -= 1
        pieces.append((a, b))
    return pieces


def _continues(raw: str, previous: tuple[int, int], start: int) -> bool:
    gap = raw[previous[1]:start]
    return (gap.count("\n") == 1 and not _TERMINAL_END.search(raw[previous[0]:previous[1]])
            and raw[start].islower())


@cached
def _cues() -> tuple[tuple[str, str, regex.Pattern], ...]:
    """(role, rule, pattern) of each cue, in the file's order, compiled by ``regex``: its
    literal-prefix search skips most positions of a paragraph where ``re`` tries every one (the
    cues' search time halves). A rule may have several rows, one form each: a pattern that opens
    with one phrase is searched by its prefix, while an alternation of phrases is tried at every
    position (a case-insensitive one of six phrases cost ten times its six rows on news text)."""
    return tuple((row["role"], row["rule"], regex.compile(row["pattern"])) for row in table("segment_cues.csv"))


@cached
def _agency_names() -> frozenset[str]:
    return frozenset(row["variant"].casefold() for row in table("wire_sources.csv"))


def _ends_with_agency_credit(text: str) -> bool:
    """Whether ``text`` ends with an agency named in parentheses ("... a flooded street in Marlow. (AFP)")."""
    found = re.search(r"\(([^()]{2,40})\)\W*$", text)
    return found is not None and found.group(1).strip().casefold() in _agency_names()


# An agency credit line is the agency's name, maybe after "By", once its punctuation is taken out.
_BY = re.compile(r"^(?:By|by)\s+")
_NOT_NAME = re.compile(r"[^\w\s&.-]+")  # re's \w and \s, not regex's (which differ on marks)


def _words(text: str) -> int:
    return len(text.split())


def _no_letters(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


def _furniture(text: str) -> tuple[str, str] | None:
    """The role a line plays by its own layout, and the rule, or None for text."""
    if _no_letters(text):
        return "boilerplate", "no letters or digits"
    if (found := date_line(text)) is not None:
        return ("byline", "writer's name and date line") if found[1] else ("dateline", "date line")
    if (end := dateline_end(text)) is not None and not text[end:].strip():
        return "dateline", "dateline: place, day or agency credit, dash"
    if _NOT_NAME.sub("", _BY.sub("", text, 1)).strip().casefold() in _agency_names():
        return "byline", "agency credit line"
    for role, rule, pattern in _cues():
        if pattern.search(text):
            return role, rule
    return None


def assign_roles(raw: str, spans: list[tuple[int, int]], vocabulary: Vocabulary | None = None) -> list[Segment]:
    """The role of each segment, with the rule (and score) that decided it.

    ``vocabulary`` gives word weights and the other pages of the corpus for cohesion (see
    :class:`Vocabulary`); by default it is fitted on this article alone.
    """
    texts = [raw[s:e] for s, e in spans]
    vocabulary = vocabulary or Vocabulary(texts)
    segments: list[Segment | None] = [None] * len(spans)
    for i, text in enumerate(texts):
        found = _furniture(text)
        if found:
            segments[i] = Segment(*spans[i], *found)
    _script_labels(texts, spans, segments)
    for i in range(1, len(spans)):  # a photo's alt text and its caption, both printed by the scraper
        if segments[i] is None and texts[i].strip() == texts[i - 1].strip() and _ends_with_agency_credit(texts[i]):
            for j in (i - 1, i):
                segments[j] = Segment(*spans[j], "caption", "printed twice in a row, ending with an agency credit")
    for i in range(1, len(spans)):  # the text above "— Name (@handle) date" is the post it attributes
        if segments[i] is not None and segments[i].rule == EMBEDDED_POST and segments[i - 1] is None:
            segments[i - 1] = Segment(*spans[i - 1], "related_link", "text of an embedded social-media post")
    if (i := _headline_in_capitals(texts, segments)) is not None:
        segments[i] = None  # read by layout below, as the headline
    content = [i for i in range(len(spans)) if segments[i] is None]
    for i, role, rule in _masthead(texts, content):
        segments[i] = Segment(*spans[i], role, rule)
    for i, role, rule in _link_list(texts, [i for i in content if segments[i] is None]):
        segments[i] = Segment(*spans[i], role, rule)
    content = [i for i in content if segments[i] is None]
    for i, role, rule in _lead_roles(texts, content, segments):
        segments[i] = Segment(*spans[i], role, rule)
    first_story = next((i for i in content if segments[i] is None), None)
    candidates = [i for i in content if segments[i] is None]
    for i, page, rule in _foreign(texts, candidates, first_story, vocabulary):
        segments[i] = Segment(*spans[i], "foreign", rule, round(page, 4))
    body = [i for i in content if segments[i] is None]
    for i in body:
        if body[0] < i < body[-1] and _is_title_line(texts[i], CROSSHEAD_MAX_WORDS):
            segments[i] = Segment(*spans[i], "crosshead", "short untitled line inside the body")
    return [seg or Segment(*spans[i]) for i, seg in enumerate(segments)]


def _headline_in_capitals(texts, segments) -> int | None:
    """The upper-case label right above the page's first paragraph (only date lines and bylines
    between): a headline in capitals ("STORM HITS COAST"), not a section's name, which stands
    above a headline. None when the page's first text is a title line: that is the headline."""
    first = next((i for i, seg in enumerate(segments) if seg is None), None)
    if first is None or _is_title_line(texts[first], HEADLINE_MAX_WORDS):
        return None
    above = first - 1
    while above >= 0 and segments[above].role in ("dateline", "byline"):
        above -= 1
    return above if above >= 0 and segments[above].rule == UPPER_CASE_LABEL else None


def _is_title_line(text: str, max_words: int) -> bool:
    return _words(text) <= max_words and not _TERMINAL_END.search(text)


def _script(text: str) -> str | None:
    """The Unicode script family of the letters of ``text`` (Latin or not), None without letters."""
    if text.isascii():  # every ASCII letter is Latin: one search instead of counting two classes
        return "latin" if _ASCII_LETTER.search(text) else None
    letters = len(_LETTER.findall(text))
    if not letters:
        return None
    return "latin" if len(_LATIN_LETTER.findall(text)) * 2 >= letters else "other"


_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")  # letters below U+0250


def _script_labels(texts, spans, segments) -> None:
    """Short lines in another script than the page's (a language-edition link) are navigation."""
    scripts = [_script(t) for t in texts]
    weight: dict[str, int] = {}
    for text, script in zip(texts, scripts):
        if script:
            weight[script] = weight.get(script, 0) + len(text)
    if not weight:
        return
    main = max(sorted(weight), key=weight.get)
    for i, (text, script) in enumerate(zip(texts, scripts)):
        if segments[i] is None and script and script != main and _words(text) <= 3:
            segments[i] = Segment(*spans[i], "boilerplate", "short line in another script than the page (edition link)")


def _masthead(texts, content):
    """A site's name (and motto) above the headline: one to three capitalised words, then a title line."""
    if len(content) < 3:
        return []
    first = content[0]
    words = texts[first].split()
    if not (len(words) <= 3 and all(w[0].isupper() or w[0].isdigit() for w in words)
            and not _TERMINAL_END.search(texts[first])):
        return []
    for k, j in enumerate(content[1:4], 1):
        if _is_title_line(texts[j], HEADLINE_MAX_WORDS) and _words(texts[j]) > 3:
            found = [(first, "boilerplate", "masthead: site name above the headline")]
            found += [(content[m], "boilerplate", "motto under the masthead") for m in range(1, k)
                      if _words(texts[content[m]]) <= 6]
            return found
    return []


def _link_list(texts, content):
    """A run of two or more headline-like lines after the story's last paragraph: links to other stories."""
    if len(content) < 4:
        return []
    last_paragraph = max((i for i in content if not _is_title_line(texts[i], LINK_MAX_WORDS)), default=None)
    if last_paragraph is None:
        return []
    run = [i for i in content if i > last_paragraph and _words(texts[i]) >= 3
           and _is_title_line(texts[i], LINK_MAX_WORDS)]
    if len(run) < 2:
        return []
    return [(i, "related_link", "headline-like line in a list after the story") for i in run]


def _lead_roles(texts, content, segments):
    """Headline and standfirst among the first content segments, by layout."""
    if not content:
        return []
    found, first = [], content[0]
    if _is_title_line(texts[first], HEADLINE_MAX_WORDS):
        found.append((first, "headline", "first line, short, no terminal punctuation"))
        following = content[1] if len(content) > 1 else None
        if following is not None and _next_to(segments, first, following) and _single_sentence(texts[following]) \
                and len(content) > 2 and not _after_dateline(segments, following):
            found.append((following, "standfirst", "single sentence right after the headline"))
        return found
    after = segments[first + 1] if first + 1 < len(segments) else None
    if _single_sentence(texts[first]) and after is not None and after.role == "caption":
        found.append((first, "standfirst", "single opening sentence followed by a photo caption"))
    elif (_single_sentence(texts[first]) and len(content) > 1
          and _words(texts[first]) * 2 <= _words(texts[content[1]]) and _words(texts[first]) <= 20):
        found.append((first, "standfirst", "short single opening sentence before a longer paragraph"))
    return found


def _after_dateline(segments, i: int) -> bool:
    """Whether segment i opens the story right after its dateline (then it is the lede)."""
    before = segments[i - 1] if i > 0 else None
    return before is not None and before.role == "dateline" and before.rule.startswith("dateline")


def _next_to(segments, i: int, j: int) -> bool:
    """Whether only date lines and bylines stand between segments i and j."""
    return all(segments[k] is not None and segments[k].role in ("dateline", "byline") for k in range(i + 1, j))


def _single_sentence(text: str) -> bool:
    return len(split_sentences(text)) == 1 and _words(text) <= STANDFIRST_MAX_WORDS


# scikit-learn's token pattern "\b\w\w+\b": the word boundaries add nothing to a run of word
# characters taken whole, and cost a quarter of the search.
_WORD = re.compile(r"\w\w+")


def _analyzer(text: str) -> list[str]:
    """Lower-cased words of two letters or more: scikit-learn's word analyzer (``TfidfVectorizer``
    with this token pattern: lower-case, then find the tokens), without importing scikit-learn."""
    return _WORD.findall(text.lower())


@dataclass
class WordCounts:
    """How many segments and how many pages each word occurs in: the statistics of :class:`Vocabulary`.

    ``pages`` is 0 when the texts were counted without their pages. Counts of disjoint sets of pages
    add up with ``+``.
    """

    segments: int
    segments_with: dict[str, int]
    pages: int
    pages_with: dict[str, int]

    @classmethod
    def of(cls, texts: list[str], pages: list[str] | None = None) -> "WordCounts":
        segments_with: Counter[str] = Counter()  # counted by Counter.update's loop in C
        seen: dict[str, set[str]] = {}
        for n, text in enumerate(texts):
            words = set(_analyzer(text))
            segments_with.update(words)
            if pages is not None:
                seen.setdefault(pages[n], set()).update(words)
        pages_with: Counter[str] = Counter()
        for words in seen.values():
            pages_with.update(words)
        return cls(len(texts), dict(segments_with), len(seen), dict(pages_with))

    def __add__(self, other: "WordCounts") -> "WordCounts":
        def add(a, b):
            total = dict(a)
            for w, n in b.items():
                total[w] = total.get(w, 0) + n
            return total
        return WordCounts(self.segments + other.segments, add(self.segments_with, other.segments_with),
                          self.pages + other.pages, add(self.pages_with, other.pages_with))


class Vocabulary:
    """Word weights over a set of segments (ideally the whole corpus), and which page each came from.

    ``pages`` (one id per text) lets cohesion look at the *other* pages of the corpus: a page's
    story shares its words with the other pages on the story; a glued-on teaser does not. Built
    from :class:`WordCounts`, which add up: counts of parts of a corpus (Dask partitions) give the
    vocabulary of the whole.
    """

    def __init__(self, texts: list[str] | None = None, pages: list[str] | None = None, *,
                 counts: WordCounts | None = None):
        counts = counts if counts is not None else WordCounts.of(texts or [], pages)
        words = sorted(counts.segments_with)
        # scikit-learn's smooth idf (TfidfVectorizer): ln((1 + n) / (1 + df)) + 1, over words in sorted order
        df = np.array([counts.segments_with[w] for w in words], dtype=np.float64)
        idf = np.log(float(counts.segments + 1) / (df + 1)) + 1 if words else df
        self.idf = dict(zip(words, idf.tolist()))
        self.analyze = _analyzer
        self.page_count = counts.pages_with if counts.pages else {}
        self.pages = counts.pages

    def words(self, text: str) -> set[str]:
        return set(self.analyze(text))

    def corpus_cohesion(self, words: set[str], page_words: set[str]) -> float | None:
        """IDF-weighted share of ``words`` found on at least one other page (None for a one-page corpus)."""
        if self.pages < 2:
            return None
        total = math.fsum(self.idf.get(w, 1.0) for w in words)
        shared = math.fsum(self.idf.get(w, 1.0) for w in words
                           if self.page_count.get(w, 0) - (w in page_words) >= 1)
        return shared / total if total else 1.0


def _foreign(texts, content, first_story, vocabulary: Vocabulary):
    """Peel segments off the edges of the article while they belong to another story.

    Page cohesion: the IDF-weighted share of a segment's words that occur elsewhere in the
    remaining article; corpus cohesion: the share that occurs on other pages of the corpus.
    Glued-on text sits at the edges, so only the first and last remaining segments are
    candidates, the less cohesive first; the first story paragraph never is.
    """
    core, found = list(content), []
    # With other pages to compare, a page may be mostly glued-on stories (a digest page); alone, at most half.
    keep = 1 if vocabulary.pages >= 2 else max(2, len(content) // 2)
    if len(core) <= keep:
        return found
    words = {i: vocabulary.words(texts[i]) for i in content}
    # Corpus cohesion asks of the page's words only whether the segment's own words are among
    # them: they are among the content's, so the furniture's words need not be read.
    page_words = set().union(*words.values())
    while len(core) > keep:
        edges = [i for i in (core[0], core[-1]) if i != first_story]
        if not edges:
            break
        score, i = min((_coverage(words, core, i, vocabulary.idf), i) for i in edges)
        corpus = vocabulary.corpus_cohesion(words[i], page_words)
        rule = _foreign_rule(texts[i], score, corpus)
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


def _foreign_rule(text: str, score: float, corpus: float | None) -> str | None:
    if _words(text) < FOREIGN_MIN_WORDS:
        return None  # too few words to tell (a fragment cut off mid-sentence)
    off_topic = corpus is None or corpus < CORPUS_COHESION
    where = "" if corpus is None else f" and to the other pages (corpus cohesion {corpus:.2f} < {CORPUS_COHESION})"
    low = COHESION_LOW if corpus is not None else COHESION_ALONE
    if score < low and off_topic:
        return f"edge segment sharing almost no words with the article (cohesion < {low}){where}"
    if score < COHESION_HIGH and _KICKER.match(text) and off_topic:
        return (f"edge segment weakly tied to the article (cohesion < {COHESION_HIGH}){where} "
                "with layout cue: kicker label")
    return None
