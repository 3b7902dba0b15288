"""Speakers and claimants: single-quoted quotations, a quotation inside the speaker's relative clause,
descriptions in apposition, a trailing agency as 'via', a lede's unnamed source named later, a
listener and a reported speaker, "he" with no speaker before, "with X saying", a description that
stands for the source named before."""
import pytest

import wiretrace as wt
from wiretrace import claimants, figures

from test_annotate import make_corpus


def test_single_quoted_quotations_and_a_relative_clause_of_the_speaker(tmp_path):
    text = ("Flood toll\n\nPresident Odo Vrell visited the town on Monday.\n\n"
            "The Velmoran president, who has called the flood “the disaster of the century”, said 300 homes were lost.\n\n"
            "‘We saved the bridge and the school,’ Vrell stressed.\n\n"
            "The boys' parents said 'thank you' to the divers.\n")
    quotes = wt.annotate(make_corpus(tmp_path, {"q.txt": text})).quotes
    assert list(quotes.text) == ["the disaster of the century", "We saved the bridge and the school,"]
    assert list(quotes.speaker) == ["Odo Vrell", "Odo Vrell"]
    assert quotes.rule.iloc[0].startswith("a relative clause of the speaker")


def test_a_description_in_apposition_goes_with_a_quoted_claimant(tmp_path):
    text = ("Port\n\n“Some 300 ships are waiting,” the head of the port authority, Tobin Vale, told reporters.\n\n"
            "“We moved 40 ships today.” - Mara Quill, head of the canal pilots\n")
    claims = figures.extract_figures(make_corpus(tmp_path, {"p.txt": text}))
    assert dict(zip(claims.text, claims.claimant)) == {
        "Some 300": "Tobin Vale, the head of the port authority", "40": "Mara Quill, head of the canal pilots"}


def test_the_quotes_table_gives_each_speaker_the_description_the_page_gives_them(tmp_path):
    text = ("Port\n\nIlse Marr, a pilot at the northern locks, said the queue was long.\n\n"
            "“We will not sleep tonight,” Marr said.\n\n"
            "“Nothing moves,” said Tobin Vale.\n")
    quotes = wt.annotate(make_corpus(tmp_path, {"p.txt": text})).quotes
    assert list(quotes.speaker) == ["Ilse Marr", "Tobin Vale"]
    # the first mention of her name describes her; nothing describes him
    assert quotes.speaker_description.iloc[0] == "a pilot at the northern locks"
    assert quotes.speaker_description.isna().iloc[1]
    start, end = quotes.speaker_description_start.iloc[0], quotes.speaker_description_end.iloc[0]
    assert text[int(start):int(end)] == "a pilot at the northern locks"


@pytest.mark.parametrize("sentence, claimant", [
    # through an agency, an appositive, a clause with its own subject
    ("The flood killed at least 90 people, President Odo Vrell said, Velmora News Agency reports.",
     "President Odo Vrell (via Velmora News Agency)"),
    ("The toll has risen to 4,046, Ana Lode, the head of the Velmora Relief Agency (VRA), said on Saturday.",
     "Ana Lode, the head of the Velmora Relief Agency (VRA)"),
    ("About 185 ships wait, data compiled by Orrow Freight shows, while Tobin Vale estimated 165.", "Tobin Vale"),
    ("Vrell informed that 1,200 were injured.", "Vrell"),
    # a listener is not the source; a reported speaker is, via the reporter
    ("The blast killed 14 people, a senior police officer told Velmora Radio on Friday.",
     "a senior police officer (via Velmora Radio)"),
    ("The Velmora Post reported that an aide to the governor said the repairs would take 21 days.",
     "an aide to the governor (via The Velmora Post)"),
    # an adverb or a colon lead-in is not part of the subject
    ("Harbour officials now say 60 ships are waiting.", "Harbour officials"),
    ("Orrow City: Mayor Lina Derrow said 300 homes were damaged.", "Mayor Lina Derrow"),
])
def test_the_claimant_of_the_last_figure_of_a_sentence(sentence, claimant):
    f = figures.parse_figures(sentence)[-1]
    assert claimants.claimant_of(sentence, f["start"], f["end"], [], None, []) == claimant


def test_a_ledes_unnamed_source_is_the_titled_person_who_speaks_next(tmp_path):
    texts = {"a.txt": "Dam\n\nVELMORA (AP) — A top Velmoran official said Tuesday that rains could force the "
                      "evacuation of 1,200 villagers.\n\nOfficials said the dam held.\n\n"
                      "Interior Minister Ana Lode, a member of the cabinet, said Tuesday that boats were ready.\n",
             "b.txt": "Dam\n\nA police official said 40 homes were flooded.\n\nOdo Vrell said the water was rising.\n"}
    claims = figures.extract_figures(make_corpus(tmp_path, texts))
    assert dict(zip(claims.text, claims.claimant)) == {
        "1,200": "A top Velmoran official (Ana Lode)", "40": "A police official"}


def test_a_count_continuing_the_paragraph_before_and_he_with_no_speaker_before(tmp_path):
    texts = {"a.txt": "Blast\n\nThe first 20 survivors are recovering in hospital, officials said on Monday.\n\n"
                      "Two of the survivors had broken bones.\n",
             "b.txt": "Cave\n\nRescue chief Tobin Vale refused to give a date.\n\n"
                      "He said divers would try again in about 20 hours.\n"}
    claims = figures.extract_figures(make_corpus(tmp_path, texts))
    assert dict(zip(zip(claims.article_id, claims.text), claims.claimant)) == {
        ("a", "20"): "officials", ("a", "Two"): "officials", ("b", "about 20"): "Tobin Vale"}


def test_with_x_saying_names_the_speaker_of_the_quotation(tmp_path):
    text = ("Flood\n\nA clip posted on the agency's Facebook page shows a flooded street, with the poster saying "
            "shops were “washed away by noon”.\n")
    quotes = wt.annotate(make_corpus(tmp_path, {"q.txt": text})).quotes
    assert list(quotes.speaker) == ["poster"]
    assert quotes.rule.iloc[0].startswith("'with X saying'")


def test_the_firm_is_the_source_named_just_before_and_data_are_whose_the_page_says(tmp_path):
    text = ("Trade\n\nThe estimate is based on an assessment by Orrow Freight that puts the losses at $2bn a day.\n\n"
            "The respected firm concedes that these are \"early numbers\", however.\n")
    (tmp_path / "q").mkdir()
    quotes = wt.annotate(make_corpus(tmp_path / "q", {"q.txt": text})).quotes
    assert list(quotes.speaker) == ["Orrow Freight"]
    assert "a description of the source Orrow Freight" in quotes.rule.iloc[0]
    text = ("Trade\n\nVelmora is losing $3bn of trade a day, according to shipping data.\n\n"
            "Data from freight analyst Orrow Lists values the loss at $3bn a day.\n")
    (tmp_path / "c").mkdir()
    claims = figures.extract_figures(make_corpus(tmp_path / "c", {"c.txt": text}))
    assert claims.claimant.iloc[0] == "shipping data (Orrow Lists)"
