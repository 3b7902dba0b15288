"""Claimants as business and agency copy writes them: a conjunction or linking adverb opening the
subject, a company followed by its town and state, a name followed by a description that opens with
another name, a prepositional phrase that names no one, an abbreviated title after "according
to"; and an age closing a quoted speaker's attribution is no figure."""
import pytest

import wiretrace as wt
from wiretrace import claimants, figures


@pytest.mark.parametrize("sentence, claimant", [
    ("But the agency said it had sold 3.1 million bonds.", "the agency"),
    ("And officials said 40 homes were lost.", "officials"),
    ("Orrow Freight further estimated that about 30% of its drivers would leave.", "Orrow Freight"),
    ("Harbour sources in Vell meanwhile said 12,000 tonnes had been moved.", "Harbour sources in Vell"),
    # the company speaks, not the town and state that follow it
    ("Quellor Systems Inc., Port Vell, Vellshire, said it sold 1.9 million units.", "Quellor Systems Inc."),
    # the person speaks, not the company their description opens with
    ("In a letter, Tam Orri, Quellor's finance head, said the unit lost $8 million.", "Tam Orri"),
    # a time before the subject is no name of its own
    ("Late Monday, Velmoran port officials said 40 berths had been cleared.",
     "Velmoran port officials"),
    # an adverbial phrase names no one
    ("By some estimates, the 40,000 workers abroad send home $300 million a year.", None),
    # "Mr." does not end the name after "according to"
    ("According to Mr. Vellam, the analyst, sales rose by 8.4% last year.", "Mr. Vellam, the analyst"),
    # a company's ending is no title: the name ends there
    ("Through May 3, the bonds returned 1.2%, according to Orrow Ratings Inc. That is less.",
     "Orrow Ratings Inc"),
])
def test_the_claimant_of_the_last_figure_of_a_sentence(sentence, claimant):
    f = figures.parse_figures(sentence)[-1]
    assert claimants.claimant_of(sentence, f["start"], f["end"], [], None, []) == claimant


@pytest.mark.parametrize("sentence, found", [
    ("“The water came fast,” said Orla Benn, 73.", []),
    ("“We lost everything,” said Tobin Vale, 61, who lost his home.", []),
    # a count after a place is a count
    ("Deaths: Vellmark, 73; Orrow Vale, 12.", ["73", "12"]),
])
def test_an_age_closing_an_attribution_is_no_figure(sentence, found):
    assert [sentence[f["start"]:f["end"]] for f in figures.parse_figures(sentence)] == found


def test_a_coordinated_verb_after_and_is_no_subject_named_and():
    sentence = "Mr. Vell noted that the fund entered the market in 2004, and said it now owns about 3% of it."
    f = figures.parse_figures(sentence)[-1]
    assert claimants.claimant_of(sentence, f["start"], f["end"], [], None, []) is None


def test_a_short_name_is_completed_without_the_possessive_it_was_first_named_with():
    sentence = "Orrow said it hired four auditors."
    f = figures.parse_figures(sentence)[-1]
    previous = [{"text": "Orrow Savings Bank's", "start": 0, "end": 20, "canonical": None, "type": None}]
    assert claimants.claimant_of(sentence, f["start"], f["end"], [], None, previous) == "Orrow Savings Bank"


def test_a_prepositional_phrase_opening_the_sentence_is_no_claimant():
    sentence = "Along the Orrow coast, north of the flooded delta, officials say some 600 huts were lost."
    f = figures.parse_figures(sentence)[-1]
    assert claimants.claimant_of(sentence, f["start"], f["end"], [], None, []) == "officials"


def test_the_company_is_the_company_last_named(tmp_path):
    (tmp_path / "p.txt").write_text("Orrow results\n\nOrrow Freight Inc. said profits rose in the quarter.\n\n"
                                    "The company said it expects to sell 300 trucks next year.\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    assert dict(zip(claims.text, claims.claimant))["300"] == "The company (Orrow Freight Inc)"


def test_the_company_is_the_one_the_story_is_about_not_the_last_named(tmp_path):
    (tmp_path / "p.txt").write_text("Stake\n\nOrrow Freight Inc. said it would seek control of Vell Holdings.\n\n"
                                    "The company said it holds 2.5 million of its bonds.\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    assert dict(zip(claims.text, claims.claimant))["2.5 million"] == "The company (Orrow Freight Inc)"
