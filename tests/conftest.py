"""Shared fixtures: the seed corpus and its annotations (loaded once per session).

The seed tests check what wiretrace finds in the seed story *with its profile*
(``profiles/libya-2019``): every test that uses the ``seeds`` fixture runs with that profile
active, every other test with the library's general data alone.
"""
from __future__ import annotations

import pytest

import wiretrace as wt
from wiretrace import resources
from wiretrace.paths import ROOT, SEEDS

SEED_PROFILE = ROOT / "profiles" / "libya-2019"


@pytest.fixture(autouse=True)
def _seed_profile(request):
    """The seed story's profile for tests that use the seeds; none for the others."""
    with resources.profile(SEED_PROFILE if "seeds" in request.fixturenames else None):
        yield


@pytest.fixture(scope="session")
def seeds():
    return wt.load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_annotations(seeds):
    with resources.profile(SEED_PROFILE):
        return wt.annotate(seeds)


def article_with(corpus, needle: str):
    """The one article whose raw text contains ``needle`` (tests find seeds by content, not by name)."""
    found = [a for a in corpus if needle in a.raw]
    assert len(found) == 1, f"{len(found)} articles contain {needle!r}"
    return found[0]
