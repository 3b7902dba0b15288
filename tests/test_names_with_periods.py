"""Names written with periods (American style): an honorific or abbreviated title ("Mr.", "Gov."),
a middle initial ("Ana N. Lode"); the quotations they speak, the descriptions that end a
sentence after them, a subject named after the firm they belong to."""
import pandas as pd
import pytest

import wiretrace as wt
from wiretrace.entities import mask_periods_inside_names

from test_annotate import make_corpus

PAGE = ("Orrow profits fall\n\n"
        "Orrow Freight Inc. Chairman Tam Vell said profits fell in the quarter.\n\n"
        "\"We expect a better year,\" Mr. Vell said. \"The ships are full.\"\n\n"
        "\"Orders rise in spring,\" says Mr. Tobin Quell, a fund manager.\n\n"
        "\"We will not pay more than that,\" said David N. Marrow, Orrow's vice president for finance.\n\n"
        "\"The new routes paid off,\" said Ilse Ruell, chief financial officer.\n\n"
        "\"It is a small step,\" said Jonas S. Gell of Quellor Wertheim Co.\n")


@pytest.fixture(scope="module")
def annotations(tmp_path_factory):
    return wt.annotate(make_corpus(tmp_path_factory.mktemp("periods"), {"p.txt": PAGE}))


def test_a_title_or_initial_with_its_period_stays_inside_the_name(annotations):
    names = set(annotations.mentions.text)
    assert {"Mr. Vell", "Mr. Tobin Quell", "David N. Marrow", "Jonas S. Gell"} <= names
    assert "Orrow Freight Inc" in names and "Chairman Tam Vell" in names  # a company's ending ends its name


def test_quotations_of_names_with_periods_have_their_speakers_honorifics_left_out(annotations):
    quotes = annotations.quotes
    assert list(quotes.speaker) == ["Tam Vell", "Tam Vell", "Tobin Quell", "David N. Marrow", "Ilse Ruell",
                                    "Jonas S. Gell"]


def test_a_description_ending_the_sentence_after_the_speaker(annotations):
    described = dict(zip(annotations.quotes.speaker, annotations.quotes.speaker_description))
    assert described["Tobin Quell"] == "a fund manager"
    assert described["David N. Marrow"] == "Orrow's vice president for finance"
    assert described["Ilse Ruell"] == "chief financial officer"
    assert pd.isna(described["Jonas S. Gell"])


def test_he_after_a_subject_named_after_their_firm(tmp_path):
    text = ("Orrow shares\n\n"
            "\"I see more gains,\" said Tam Vell, an analyst with Quellor Securities.\n\n"
            "But Quellor Securities' Mr. Orrin, who this week lowered his forecast, called the slide "
            "\"unfair.\" Though sales were \"flat,\" he said, \"the harder problem is the freight cost.\"\n")
    quotes = wt.annotate(make_corpus(tmp_path, {"q.txt": text})).quotes
    assert list(quotes.speaker)[2:] == ["Orrin", "Orrin"]


def test_masking_keeps_offsets_and_only_the_periods_inside_names():
    text = "Mr. Tam Vell and Ana N. Lode met at St. Orrow. Sales rose 5 p.c. Then Orrow Inc. Chairman spoke."
    masked = mask_periods_inside_names(text)
    assert len(masked) == len(text)
    assert masked.count(".") == text.count(".") - 3  # "Mr.", "N.", "St."; not "Orrow.", "p.c.", "Inc."
