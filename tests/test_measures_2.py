"""Measures learned from a claim's own words (issue 15): a part of a named group that something
was done to is one batch of it, as "another four" is. Invented sentences only."""
from __future__ import annotations

import pytest

import wiretrace as wt
from wiretrace import figures


def measures_of(tmp_path, text: str) -> dict[str, str]:
    (tmp_path / "page.txt").write_text("Published: 6 Feb 2023\n\n" + text + "\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    return dict(zip(claims.text, claims.measure))


@pytest.mark.parametrize("text, number, measure", [
    ("The first miners were freed on Sunday. Three of the miners were brought out on Monday.", "Three",
     "rescued more"),
    ("Rescuers said two of them were pulled out alive overnight.", "two", "rescued more"),
])
def test_a_part_of_a_group_something_was_done_to_is_a_batch(tmp_path, text, number, measure):
    assert measures_of(tmp_path, text)[number] == measure


def test_a_batch_told_as_part_of_a_group_and_as_another_share_a_measure(tmp_path):
    found = measures_of(tmp_path, "Five miners were freed on Sunday. Three of the miners were brought out on "
                                  "Monday and another three were rescued on Tuesday.")
    assert found["Three"] == found["three"] == "rescued more"
