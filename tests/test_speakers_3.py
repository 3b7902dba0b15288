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
    text = ("Ports\n\nTam Vell said the pumps would restart \"within the hour.\" In a letter, the Orrow Board "
            "said it would help.\n")
    assert speakers(tmp_path, text)["within the hour."] == "Tam Vell"


def test_a_quotation_inside_its_clause_takes_the_sentence_speaker(tmp_path):
    text = ("Ports\n\nPremier Ana Lode said the crews moved in a \"crescent\" line to close the roads around Velmora, "
            "but warned of delays.\n")
    assert speakers(tmp_path, text)["crescent"] == "Ana Lode"


def test_periods_of_abbreviations_and_numbers_end_no_sentence(tmp_path):
    text = ("Results\n\nJonas Orrow Jr., chairman of Velmora Corp., called the merger a \"bold move.\"\n\n"
            "Tam Vell, who raised his target to $7.40 a unit from $6.90, called the rise \"overdue.\"\n")
    assert speakers(tmp_path, text) == {"bold move.": "Jonas Orrow Jr", "overdue.": "Tam Vell"}


def test_the_domain_of_an_office_is_no_part_of_the_name(tmp_path):
    text = ("Talks\n\nSecretary of State Ana Varga said on Monday that talks would go on.\n\n"
            "\"We are hopeful,\" Ms. Varga said.\n")
    assert speakers(tmp_path, text)["We are hopeful,"] == "Ana Varga"


def test_a_speaking_noun_phrase_after_the_quotation_beats_the_one_before(tmp_path):
    text = ("Talks\n\n\"The river is falling,\" said Tam Vell, the envoy. Officials met again on Monday. \"This is a "
            "slow recovery,\" says one senior port official.\n")
    assert speakers(tmp_path, text)["This is a slow recovery,"] == "senior port official"


def test_a_quotation_after_reported_speech_in_the_sentence_before(tmp_path):
    text = ("Plans\n\n\"We closed the mill,\" said Ilse Marr. Tam Vell said future closures would depend on "
            "demand. \"We have enough stock.\"\n")
    assert speakers(tmp_path, text)["We have enough stock."] == "Tam Vell"


def test_a_speaker_at_the_end_of_the_sentence(tmp_path):
    text = ("Plans\n\n\"Our crews could not keep up with\" the orders that spring, said Ryo Tamsin, the firm's owner.\n")
    assert speakers(tmp_path, text)["Our crews could not keep up with"] == "Ryo Tamsin"


def test_an_appositive_opening_with_a_possessive_names_someone_else(tmp_path):
    text = ("Tariffs\n\nSpeaking on a morning programme, Amir Talos, Velmora's envoy to the Orrow Council, asserted "
            "that the tariffs could cause a \"slump.\"\n")
    assert speakers(tmp_path, text)["slump."] == "Amir Talos"


def test_a_town_and_its_state_are_no_speaker(tmp_path):
    text = ("Deals\n\nTam Vell, a Marlow, Ore., adviser to the growers, says the co-op was \"early to the "
            "market\" with the new seed.\n")
    assert speakers(tmp_path, text)["early to the market"] == "Tam Vell"


def test_he_is_never_a_company(tmp_path):
    text = ("Results\n\nTam Vell, the chairman, spoke to staff at noon.\n\n"
            "Orrow Freight Inc. reported higher profits.\n\n\"We had a good year,\" he said.\n")
    assert speakers(tmp_path, text)["We had a good year,"] == "Tam Vell"
