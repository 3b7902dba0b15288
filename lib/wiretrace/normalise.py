"""A normalised form of text for matching copies: what differs only in spelling reads the same.

Language-neutral: Unicode word tokens, case folded, typographic quotes and dashes folded. The
only language knowledge lives in data files: spelling variants (``data/spelling_variants.csv``:
British/American, wire style, transliterations) and entity variants (``data/gazetteer.csv``),
which fold to one token per entity, so Hifter/Haftar or Qaddafi/Gadhafi do not break matches.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import table, word_list

_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-",
                       "‐": "-", "‑": "-", "\u00a0": " "})
# Words with inner hyphens, dots (U.N.) or apostrophes stay one token until the variant map has seen them.
_TOKEN = re.compile(r"\w+(?:[-.'&]\w+)*")
_SPLIT = re.compile(r"[-.&']")


@lru_cache(maxsize=None)
def variant_map() -> dict[str, str]:
    """Folded token -> normalised token, from the spelling and entity data files."""
    spelling = {row["variant"].translate(_FOLD).casefold(): row["canonical"].casefold()
                for row in table("spelling_variants.csv")}
    connectors = word_list("name_connectors.txt")
    owners: dict[str, set[str]] = {}
    for row in table("gazetteer.csv"):
        entity = "@" + row["entity_id"]
        for variant in row["variants"].split("|"):
            tokens = [t for t in _tokens(variant.translate(_FOLD).casefold()) if t not in connectors]
            # a one-word variant is the entity; a person's name parts are too (Moammar Gadhafi)
            if len(tokens) == 1 or row["type"] == "person":
                for token in tokens:
                    owners.setdefault(token, set()).add(entity)
    entities = {token: next(iter(ents)) for token, ents in owners.items() if len(ents) == 1}
    # a spelling variant may fold onto an entity's name (U.N. -> UN -> the United Nations)
    return {**entities, **{v: entities.get(c, c) for v, c in spelling.items()}}


def _tokens(text: str) -> list[str]:
    out = []
    for token in _TOKEN.findall(text):
        out.extend(p for p in _SPLIT.split(token) if p) if _SPLIT.search(token) else out.append(token)
    return out


def normalise_tokens(text: str) -> list[str]:
    """The normalised tokens of ``text``: folded, variants mapped, an entity named twice in a row once."""
    mapping = variant_map()
    out: list[str] = []
    for token in _TOKEN.findall(text.translate(_FOLD).casefold()):
        mapped = mapping.get(token)
        if mapped is None and _SPLIT.search(token):
            for part in _SPLIT.split(token):
                if part:
                    _push(out, mapping.get(part, part))
        else:
            _push(out, mapped or token)
    return out


def _push(out: list[str], token: str) -> None:
    if not (token[0] == "@" and out and out[-1] == token):
        out.append(token)


def normalise(text: str) -> str:
    """The normalised tokens joined by spaces (for fuzzy comparison of passages)."""
    return " ".join(normalise_tokens(text))
