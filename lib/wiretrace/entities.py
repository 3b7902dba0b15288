"""Entity mentions resolved through the gazetteer in ``data/gazetteer.csv``.

Exact variants (spellings, transliterations, acronyms) match first, longest first; other
capitalised names go through rapidfuzz against every variant (the score is kept), and names
that match nothing stay as unresolved mentions, never dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .resources import cached, table, word_list

FUZZY_CUTOFF = 80.0  # one letter changed in a six-letter name scores 83
FUZZY_MIN_LENGTH = 5
_TOKEN = re.compile(r"\w+(?:[-’'.]\w+)*\.?")


@dataclass(frozen=True)
class Entity:
    entity_id: str
    canonical: str
    type: str


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: Entity | None
    match: str  # exact, fuzzy, unresolved
    score: float


@cached
def gazetteer() -> tuple[dict[str, Entity], re.Pattern]:
    """Variant -> entity, and one regex matching any variant as a whole word (longest first)."""
    variants: dict[str, Entity] = {}
    for row in table("gazetteer.csv"):
        entity = Entity(row["entity_id"], row["canonical"], row["type"])
        for variant in row["variants"].split("|"):
            variants.setdefault(variant.strip(), entity)
    alternation = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return variants, re.compile(rf"(?<!\w)(?:{alternation})(?![\w])")


def resolve_name(name: str) -> tuple[Entity | None, str, float]:
    """Resolve one name: (entity, 'exact' | 'fuzzy' | 'unresolved', score 0-100)."""
    variants, _ = gazetteer()
    if name in variants:
        return variants[name], "exact", 100.0
    if len(name) >= FUZZY_MIN_LENGTH:
        best = process.extractOne(name, list(variants), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best:
            # A longer word built on the variant (Russia -> Russian, Syria -> Syrians) is a derived
            # form such as a demonym: linked to the entity, but not another spelling of its name.
            how = "derived" if name.startswith(best[0]) else "fuzzy"
            return variants[best[0]], how, round(float(best[1]), 1)
    return None, "unresolved", 0.0


@dataclass(frozen=True)
class CaseEvidence:
    """What the corpus shows of capitalisation: words seen in lower case, and capitalised
    words seen after a lower-case word (inside a sentence, where only names are capitalised)."""

    lowercase: frozenset[str]
    midsentence: frozenset[str]

    @classmethod
    def of(cls, texts) -> "CaseEvidence":
        lower, mid = set(), set()
        for text in texts:
            lower.update(w for w in re.findall(r"\w+", text) if w.islower())
            mid.update(m.group(2) for m in _AFTER_LOWER.finditer(text)
                       if m.group(1)[-1].islower() and m.group(2)[0].isupper())
        return cls(frozenset(lower), frozenset(mid))

    def __or__(self, other: "CaseEvidence") -> "CaseEvidence":
        """What two parts of a corpus show together."""
        return CaseEvidence(self.lowercase | other.lowercase, self.midsentence | other.midsentence)

    def ordinary(self, token: str, sentence_initial: bool) -> bool:
        """Whether a capitalised token is an ordinary word rather than part of a name."""
        if token.isupper() and len(token) > 1:
            return token.lower() in self.lowercase
        seen_lower, seen_as_name = token.lower() in self.lowercase, token in self.midsentence
        return (seen_lower and (sentence_initial or not seen_as_name)) or (sentence_initial and not seen_as_name)


# Words longer than any real word are not looked at: without the bound the pattern is quadratic in a
# very long token (a 1 MB run of letters took hours).
_AFTER_LOWER = re.compile(r"(?<!\w)(\w{1,60}),?\s+(\w{1,60})(?!\w)")


def find_mentions(text: str, sentence_starts: set[int], case: CaseEvidence,
                  title_like: bool = False) -> list[Mention]:
    """Mentions in ``text``: gazetteer variants, then other capitalised names.

    A capitalised word that opens a sentence counts as a name only if the corpus never shows it
    in lower case and does show it capitalised inside a sentence; in title-cased lines and page
    furniture only gazetteer variants count. Calendar words (months, weekdays) are not names.
    """
    _, pattern = gazetteer()
    mentions = [Mention(m.start(), m.end(), *resolve_name(m.group(0))) for m in pattern.finditer(text)]
    taken = [(m.start, m.end) for m in mentions]
    if not title_like:
        for start, end in _capitalised_names(text, sentence_starts, case):
            if not any(s < end and start < e for s, e in taken):
                mentions.append(Mention(start, end, *resolve_name(text[start:end])))
    return sorted(mentions, key=lambda m: m.start)


def _capitalised_names(text: str, sentence_starts: set[int], case: CaseEvidence):
    """Runs of capitalised tokens (with particles such as al-, bin, van inside).

    A capitalised word opening a sentence that the corpus never shows in lower case is a name
    when a name or a speech verb follows it ("Ilse Varn told", "Vrell said").
    """
    connectors = word_list("name_connectors.txt")
    calendar = word_list("calendar_words.txt")
    verbs = word_list("speech_verbs.txt")
    tokens = [(m.start(), m.start() + len(m.group(0).rstrip("."))) for m in _TOKEN.finditer(text)]

    def name_word(i: int) -> bool:  # a capitalised word that is a name inside a sentence
        word = text[tokens[i][0]:tokens[i][1]]
        return word[:1].isupper() and word not in calendar and not case.ordinary(word, False)

    def name_like(i: int) -> bool:
        start, end = tokens[i]
        token = text[start:end]
        if not token[:1].isupper():
            return False
        if len(token) == 1 and re.match(r"\. [A-Z]", text[end:end + 3]) and i > 0 and name_word(i - 1):
            return True  # a middle initial: "Jonas S. Vell"
        followed = i + 1 < len(tokens) and text[end:tokens[i + 1][0]] == " "
        if token in calendar:  # "Jan 5" is a day; "Jan Orrow", "May Ling" are names
            return followed and name_word(i + 1)
        if not case.ordinary(token, start in sentence_starts):
            return True
        if start not in sentence_starts or token.lower() in case.lowercase or not followed:
            return False
        return text[tokens[i + 1][0]:tokens[i + 1][1]] in verbs or name_word(i + 1)

    inside = _abbreviations_inside_names()
    run: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(tokens):
        token = text[start:end]
        capital = name_like(i)
        gap = text[run[-1][1]:start] if run else ""
        if gap == ". " and text[run[-1][0]:run[-1][1]] in inside:
            gap = " "  # "Mr. Tam Vell", "Ana N. Lode", "St. Orrow": the period belongs to the name
        if capital and (not run or gap == " "):
            run.append((start, end))
        elif run and token in connectors and gap == " ":
            run.append((start, end))
        else:
            yield from _close(run, text, connectors)
            run = [(start, end)] if capital else []
    yield from _close(run, text, connectors)


@cached
def _abbreviations_inside_names() -> frozenset[str]:
    """Words whose period stands inside a name: an initial ("N."), a title or honorific ("Mr.",
    "Gov.", "St."); not a company's ending ("Orrow Inc. Chairman Tam Vell" is two names) or a month."""
    initials = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return initials | (word_list("abbreviations.txt") - word_list("company_suffixes.txt") - word_list("calendar_words.txt"))


@cached
def _period_inside_name() -> re.Pattern:
    words = sorted((w for w in _abbreviations_inside_names() if w[:1].isupper()), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})(\.)(?=\s[A-Z])")


def mask_periods_inside_names(text: str) -> str:
    """``text`` with the periods that stand inside names ("Mr. Tam Vell", "Ana N. Lode") turned into
    a one-dot leader (same length, same offsets), so that patterns reading up to a full stop read
    the whole name."""
    return _period_inside_name().sub(lambda m: m.group(0)[:-1] + "\u2024", text)


def _close(run, text, connectors):
    while run and text[run[-1][0]:run[-1][1]] in connectors:
        run.pop()
    if run:
        yield run[0][0], run[-1][1]


_DETERMINED = re.compile(r"^(?:the|its|his|her|their|a|an)\s", re.IGNORECASE)


@cached
def _title_alternation() -> str:
    return "|".join(re.escape(t) for t in sorted(word_list("person_titles.txt"), key=len, reverse=True))


@cached
def person_titles() -> re.Pattern:
    """A person's title before a name, or alone for that person ("President", "the governor")."""
    return re.compile(rf"\b(?:{_title_alternation()})\b", re.IGNORECASE)


@cached
def _title_then_name() -> re.Pattern:
    return re.compile(rf"\b(?i:(?P<title>{_title_alternation()}))[ \t]+"
                      rf"(?P<name>[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+){{0,3}})")


@lru_cache(maxsize=8)
def _titled_names(pattern: re.Pattern, raw: str) -> tuple[tuple[str, str], ...]:
    """Every title with the name after it on a page ("chairman", "Ana Lode"), the title casefolded:
    found once for a page, whose claims ask for one title after another."""
    return tuple((m.group("title").casefold(), m.group("name")) for m in pattern.finditer(raw))


def titled_person(raw: str, phrase: str) -> str | None:
    """The person a page names with the title that ends ``phrase`` ("its chairman", "the port
    authority's chairman"): the page's "chairman Ana Lode", "Chairman Lode" give "Ana Lode".
    None when ``phrase`` is not a title after a determiner or when the page names no one, or more
    than one person (surnames that differ by more than a spelling), with that title."""
    phrase = phrase.strip()
    titles = list(person_titles().finditer(phrase))
    if not _DETERMINED.match(phrase) or len(phrase.split()) > 6 or not titles or titles[-1].end() != len(phrase):
        return None
    title = titles[-1].group(0)
    calendar = {w.casefold() for w in word_list("calendar_words.txt")}
    names = [name for titled, name in _titled_names(_title_then_name(), raw)
             if titled == title.casefold() and name.split()[0].casefold() not in calendar]
    people: list[list[str]] = []  # names grouped by surname, one spelling changed allowed
    for name in names:
        group = next((g for g in people if fuzz.ratio(g[0].split()[-1], name.split()[-1]) >= FUZZY_CUTOFF), None)
        if group is None:
            people.append([name])
        else:
            group.append(name)
    if len(people) != 1:
        return None
    return max(people[0], key=lambda n: (len(n.split()), n))
