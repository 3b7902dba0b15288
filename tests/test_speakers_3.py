"""Speakers of quotations in wire copy: the words after a quotation attribute it only when it ends its
clause, a period inside an abbreviation or a number ends no sentence, an office's domain is no part
of a name, a speaking noun phrase after the quotation beats the quotation before, reported speech
in the sentence before, a speaker named at the end of the sentence, a relative clause or an appositive
opening with a possessive names someone else, a town and its state are no speaker, "he" is never a
company."""
import pytest

import wiretrace as wt


def speakers(tmp_path, text):
    """Quotation text -> its speaker (None when it has none) on a one-page corpus of ``text``."""
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    quotes = wt.annotate(wt.load_corpus(tmp_path)).quotes
    return dict(zip(quotes.text, quotes.speaker.where(quotes.speaker.notna(), None)))


@pytest.mark.parametrize("text, quotation, speaker", [
    pytest.param("Ports\n\nTam Vell said the pumps would restart \"within the hour.\" In a letter, the Orrow Board "
                 "said it would help.\n", "within the hour.", "Tam Vell", id="ends a sentence: not the next one's"),
    pytest.param("Ports\n\nPremier Ana Lode said the crews moved in a \"crescent\" line to close the roads around "
                 "Velmora, but warned of delays.\n", "crescent", "Ana Lode", id="inside its clause"),
    pytest.param("Results\n\nJonas Orrow Jr., chairman of Velmora Corp., called the merger a \"bold move.\"\n",
                 "bold move.", "Jonas Orrow Jr", id="periods of abbreviations"),
    pytest.param("Results\n\nTam Vell, who raised his target to $7.40 a unit from $6.90, called the rise "
                 "\"overdue.\"\n", "overdue.", "Tam Vell", id="periods of numbers"),
    pytest.param("Talks\n\nSecretary of State Ana Varga said on Monday that talks would go on.\n\n"
                 "\"We are hopeful,\" Ms. Varga said.\n", "We are hopeful,", "Ana Varga", id="an office's domain"),
    pytest.param("Talks\n\n\"The river is falling,\" said Tam Vell, the envoy. Officials met again on Monday. "
                 "\"This is a slow recovery,\" says one senior port official.\n", "This is a slow recovery,",
                 "senior port official", id="a speaking noun phrase after beats the quotation before"),
    pytest.param("Plans\n\n\"We closed the mill,\" said Ilse Marr. Tam Vell said future closures would depend on "
                 "demand. \"We have enough stock.\"\n", "We have enough stock.", "Tam Vell",
                 id="reported speech in the sentence before"),
    pytest.param("Plans\n\n\"Our crews could not keep up with\" the orders that spring, said Ryo Tamsin, the firm's "
                 "owner.\n", "Our crews could not keep up with", "Ryo Tamsin", id="a speaker ending the sentence"),
    pytest.param("Tariffs\n\nSpeaking on a morning programme, Amir Talos, Velmora's envoy to the Orrow Council, "
                 "asserted that the tariffs could cause a \"slump.\"\n", "slump.", "Amir Talos",
                 id="a possessive appositive names someone else"),
    pytest.param("Deals\n\nTam Vell, a Marlow, Ore., adviser to the growers, says the co-op was \"early to the "
                 "market\" with the new seed.\n", "early to the market", "Tam Vell", id="a town and its state"),
    pytest.param("Results\n\nTam Vell, the chairman, spoke to staff at noon.\n\nOrrow Freight Inc. reported higher "
                 "profits.\n\n\"We had a good year,\" he said.\n", "We had a good year,", "Tam Vell",
                 id="he is never a company"),
])
def test_the_speaker_of_a_quotation(tmp_path, text, quotation, speaker):
    assert speakers(tmp_path, text)[quotation] == speaker
