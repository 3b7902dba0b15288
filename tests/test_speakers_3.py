"""Speakers of quotations in wire copy: the words after a quotation attribute it only when it ends its
clause, a period inside an abbreviation or a number ends no sentence, an office's domain is no part
of a name, a speaking noun phrase after the quotation beats the quotation before, reported speech
in the sentence before, a speaker named at the end of the sentence, a relative clause or an appositive
opening with a possessive names someone else, a town and its state are no speaker."""
import wiretrace as wt


def quotes_of(tmp_path, text):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    return wt.annotate(wt.load_corpus(tmp_path)).quotes


def speakers(tmp_path, text):
    quotes = quotes_of(tmp_path, text)
    return dict(zip(quotes.text, quotes.speaker.where(quotes.speaker.notna(), None)))


def test_a_quotation_ending_a_sentence_is_not_attributed_by_the_next_sentence(tmp_path):
    text = ("Ports\n\nTam Vell said shipments would stop \"almost instantly.\" In a statement, the Orrow Board "
            "said it would help.\n")
    assert speakers(tmp_path, text)["almost instantly."] == "Tam Vell"


def test_a_quotation_inside_its_clause_takes_the_sentence_speaker(tmp_path):
    text = ("Ports\n\nPremier Ana Lode said the fleet moved in a \"pincer\" movement to trap the troops holding Velmora, "
            "but warned of delays.\n")
    assert speakers(tmp_path, text)["pincer"] == "Ana Lode"


def test_periods_of_abbreviations_and_numbers_end_no_sentence(tmp_path):
    text = ("Results\n\nJonas Orrow Jr., chairman of Velmora Corp., called the sale a \"significant step.\"\n\n"
            "Tam Vell, who cut his forecast to $2.95 a share from $3.10, called the drop \"justified.\"\n")
    assert speakers(tmp_path, text) == {"significant step.": "Jonas Orrow Jr", "justified.": "Tam Vell"}


def test_the_domain_of_an_office_is_no_part_of_the_name(tmp_path):
    text = ("Talks\n\nSecretary of State Ana Varga said on Monday that talks would go on.\n\n"
            "\"We are hopeful,\" Ms. Varga said.\n")
    assert speakers(tmp_path, text)["We are hopeful,"] == "Ana Varga"


def test_a_speaking_noun_phrase_after_the_quotation_beats_the_one_before(tmp_path):
    text = ("Talks\n\n\"The gap is closing,\" said Tam Vell, the envoy. Officials met again on Monday. \"This is a "
            "hard case,\" says one senior administration official.\n")
    assert speakers(tmp_path, text)["This is a hard case,"] == "senior administration official"


def test_a_quotation_after_reported_speech_in_the_sentence_before(tmp_path):
    text = ("Plans\n\n\"We sold the plant,\" said Ilse Marr. Tam Vell said future cuts would be a matter of "
            "strategy. \"We don't need the cash.\"\n")
    assert speakers(tmp_path, text)["We don't need the cash."] == "Tam Vell"


def test_a_speaker_at_the_end_of_the_sentence(tmp_path):
    text = ("Plans\n\n\"Our firm could not cope with\" changes in the market, said Ryo Tamsin, the firm's president.\n")
    assert speakers(tmp_path, text)["Our firm could not cope with"] == "Ryo Tamsin"


def test_an_appositive_opening_with_a_possessive_names_someone_else(tmp_path):
    text = ("Embargo\n\nSpeaking on a radio show, Amir Talos, Velmora's envoy to the Orrow Council, asserted that "
            "the embargo could bring a \"depression.\"\n")
    assert speakers(tmp_path, text)["depression."] == "Amir Talos"


def test_a_town_and_its_state_are_no_speaker(tmp_path):
    text = ("Deals\n\nTam Vell, a Marlow, Fla., consultant to the industry, says the firm was \"first in with the "
            "technology\" to lower costs.\n")
    assert speakers(tmp_path, text)["first in with the technology"] == "Tam Vell"
