"""A normalised form of text for matching copies: what differs only in spelling reads the same.

Language-neutral: Unicode word tokens, case folded, typographic quotes and dashes folded. The
only language knowledge lives in data files: spelling variants (``data/spelling_variants.csv``:
British/American, wire style, transliterations) and entity variants (``data/gazetteer.csv``),
which fold to one token per entity, so Hifter/Haftar or Qaddafi/Gadhafi do not break matches.
"""
from __future__ import annotations

import re
import unicodedata

import regex

from .resources import cached, table, word_list

_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-",
                       "‐": "-", "‑": "-", "\u00a0": " "})
# a word is a run of Unicode word characters with their combining marks (regex's \w keeps a
# vowel sign or a maddah inside its word, where re's splits "हिन्दी" into three), read in NFC so
# that a letter written as base and mark ("e" + U+0301) and its composed form are one word
_WORD = regex.compile(r"\w+")
_JOINERS = re.compile(r"[-.'&]")
ENTITY_PREFIX = "__"  # an entity's token: "__" + its id with underscores (a word character run)


def entity_token(entity_id: str) -> str:
    return ENTITY_PREFIX + entity_id.replace("-", "_")


@cached
def _maps() -> tuple[dict[str, str], re.Pattern | None, dict[str, str]]:
    """(word -> token, regex of compound variants, compound -> token) from the data files.

    Compound variants (cease-fire, U.N.) are replaced in the text before it is split into
    words; single words go through the word map.
    """
    spelling = {row["variant"].translate(_FOLD).casefold(): row["canonical"].translate(_FOLD).casefold()
                for row in table("spelling_variants.csv")}
    connectors = word_list("name_connectors.txt")
    owners: dict[str, set[str]] = {}
    for row in table("gazetteer.csv"):
        for variant in row["variants"].split("|"):
            words = [w for w in _WORD.findall(variant.translate(_FOLD).casefold()) if w not in connectors]
            # a one-word variant is the entity; so are a person's name parts (Moammar Gadhafi)
            if len(words) == 1 or row["type"] == "person":
                for word in words:
                    owners.setdefault(word, set()).add(entity_token(row["entity_id"]))
    words = {w: next(iter(e)) for w, e in owners.items() if len(e) == 1}
    # a spelling variant may fold onto an entity's name (U.N. -> UN -> the United Nations)
    folded = {v: words.get(c, c) for v, c in spelling.items()}
    compounds = {v: t for v, t in folded.items() if _JOINERS.search(v)}
    words.update({v: t for v, t in folded.items() if v not in compounds})
    alternation = "|".join(re.escape(v) for v in sorted(compounds, key=len, reverse=True))
    return words, re.compile(rf"(?<!\w)(?:{alternation})(?!\w)") if compounds else None, compounds


def mapped_words(text: str) -> list[str]:
    """Folded words of ``text`` with variants mapped (an entity named twice in a row stays twice)."""
    words, pattern, compounds = _maps()
    text = unicodedata.normalize("NFC", text.translate(_FOLD)).casefold()
    if pattern is not None and any(c in text for c in compounds):
        text = pattern.sub(lambda m: f" {compounds[m.group(0)]} ", text)
    return [words.get(w, w) for w in _WORD.findall(text)]


def normalise_tokens(text: str) -> list[str]:
    """The normalised tokens of ``text``: folded, variants mapped, an entity named twice in a row once."""
    tokens = mapped_words(text)
    return [t for t, prev in zip(tokens, [""] + tokens[:-1]) if t != prev or not t.startswith(ENTITY_PREFIX)]


def normalise(text: str) -> str:
    """The normalised tokens joined by spaces (for fuzzy comparison of passages)."""
    return " ".join(normalise_tokens(text))
