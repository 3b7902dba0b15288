"""Shared fixtures: the seed corpus and its annotations (loaded once per session)."""
from __future__ import annotations

import pytest

import wiretrace as wt
from wiretrace.paths import SEEDS


@pytest.fixture(scope="session")
def seeds():
    return wt.load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_annotations(seeds):
    return wt.annotate(seeds)


def article_with(corpus, needle: str):
    """The one article whose raw text contains ``needle`` (tests find seeds by content, not by name)."""
    found = [a for a in corpus if needle in a.raw]
    assert len(found) == 1, f"{len(found)} articles contain {needle!r}"
    return found[0]
