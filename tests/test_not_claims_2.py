"""Numbers that are not claims (issue 15): labels, model names, index names, ages told with a verb,
fractions in words; and a compound number in words read whole. Sentences written here."""
from __future__ import annotations

import pytest

from wiretrace import figures


def _texts(sentence: str) -> list[str]:
    return [f["text"] for f in figures.parse_figures(sentence)]


@pytest.mark.parametrize("sentence, claims", [
    ("Vell Air Flight 212 crashed, killing 58 people.", ["58"]),  # a flight number
    ("The firm, the No. 2 brewer, filed a Chapter 11 plan.", []),  # a rank label, a bankruptcy chapter
    ("Lodvia cited U.N. Resolution 338 and sent 40 observers.", ["40"]),  # a resolution's number
    ("The plant builds An-32 and MiG-21 jets and DC-9 parts.", []),  # model codes glued to letters
    ("The Boeing 727 carried 140 passengers.", ["140"]),  # a product after "the" and a name
    ("Shares in the Orvex 200 index fell 3%.", ["3"]),  # an index name
    ("Tam Vell left Ostrava when she was 6.", []),  # an age told with a verb
    ("More than two-thirds of the 80 stores closed.", ["80"]),  # a fraction in words: not a count of two
])
def test_numbers_that_name_or_divide_are_not_claims(sentence, claims):
    assert _texts(sentence) == claims


@pytest.mark.parametrize("sentence, claims", [
    ("On a Monday 40 people died.", ["40"]),  # a calendar word is not a name
    ("He was 12 of the 40 rescued.", ["12", "40"]),  # the clause goes on: not an age
    ("The company sold 4 plants and a Velmoran 30% stake.", ["4", "30"]),
    ("Magnitude-7.8 quake hits Velmora, killing 40.", ["7.8", "40"]),  # a measure glued to its number, no code
])
def test_counts_near_names_and_verbs_stay(sentence, claims):
    assert _texts(sentence) == claims


def test_a_compound_number_in_words_is_one_number():
    found = figures.parse_figures("Thirty-two of the members voted; about seventy-five percent agreed.")
    assert [(f["text"], f["low"], f["kind"]) for f in found] == [
        ("Thirty-two", 32.0, "count"), ("about seventy-five", 75.0, "percent")]
