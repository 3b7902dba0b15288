"""Sentence splitting that copes with abbreviations (U.S., Aug., Gen.), initials and quotations.

Language-neutral apart from the abbreviation list: a boundary is terminal punctuation
(with any closing quotes or brackets) followed by white space and a word that starts with a
capital, a digit, an opening quote or a letter of a script without case.
"""
from __future__ import annotations

import re

import regex

from .resources import word_list

# A full stop, question or exclamation mark of a script that does not use it inside words or numbers
# (Urdu/Arabic ۔ ؟, CJK 。！？) ends a sentence even when no space follows: such texts often have none.
# Compiled by ``regex``, which finds the punctuation faster than ``re`` (the same matches).
_TERMINAL = regex.compile(r"[.!?…]*[。！？۔؟][.!?。！？…۔؟]*[”\"’'»)\]]*(?=\s*(\S))"
                       r"|[.!?。！？…۔؟]+[”\"’'»)\]]*(?=\s+(\S))")
_WORD_BEFORE = re.compile(r"(\w+)\.$")
_DOTTED = re.compile(r"(?:\b\w\.){2,}$")
_OPENERS = "“\"‘'«([¿¡"
_CLOSERS = "”\"’'»)]"  # closing quotes and brackets after terminal punctuation


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS or (ch.isalpha() and not ch.islower())


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the period ending at ``end`` closes an abbreviation, an initial or a dotted acronym."""
    head = text[max(0, end - 20):end]
    if len(head) >= 4 and head[-3] == "." and _DOTTED.search(head):  # "U.S." ends "S." after a full stop
        return True
    match = _WORD_BEFORE.search(head)
    if not match:
        return False
    word = match.group(1)
    return word in word_list("abbreviations.txt") or (len(word) == 1 and word.isupper())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences of ``text``, white space trimmed."""
    spans, start = [], 0
    for match in _TERMINAL.finditer(text):
        if not _starts_sentence(match[1] or match[2]):
            continue
        punct_end = match.start() + len(match[0].rstrip(_CLOSERS))
        if text[punct_end - 1] == "." and _is_abbreviation(text, punct_end):
            continue
        end = match.end()
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    trimmed = []
    for s, e in spans:
        piece = text[s:e]
        kept = piece.strip()  # str.strip takes what str.isspace calls space
        if kept:
            s += len(piece) - len(piece.lstrip())
            trimmed.append((s, s + len(kept)))
    return trimmed
