"""The annotation layer: roles, sentences, mentions and quotes, on the seeds and on synthetic text."""
from __future__ import annotations

import pytest

import wiretrace as wt
from wiretrace.resources import profile
from wiretrace.entities import resolve_name
from wiretrace.sentences import split_sentences

from conftest import article_with

TEASER_KICKERS = ("DIALOGUE:", "‘GREAT OPPRTUNITY’:", "‘FIGHT TO THE END’:", "CYBERSCAM:")


def roles_of(annotations, article):
    return annotations.segments[annotations.segments.article_id == article.id]


def test_every_span_is_its_slice_of_the_raw_text(seeds, seed_annotations):
    raw = {a.id: a.raw for a in seeds}
    for name, table in seed_annotations.tables().items():
        assert len(table), name
        for row in table.itertuples():
            assert raw[row.article_id][row.start:row.end] == row.text, (name, row)
    quotes = seed_annotations.quotes.dropna(subset=["speaker_start"])
    for row in quotes.itertuples():
        assert raw[row.article_id][row.speaker_start:row.speaker_end] == row.speaker_text


def test_the_glued_on_teasers_are_foreign_and_the_story_is_not(seeds, seed_annotations):
    article = article_with(seeds, "CYBERSCAM")
    segments = roles_of(seed_annotations, article)
    foreign = segments[segments.role == "foreign"]
    assert sorted(t.split(" ")[0] for t in foreign.text) == sorted(k.split(" ")[0] for k in TEASER_KICKERS)
    assert all("cohesion" in rule for rule in foreign.rule) and foreign.score.between(0, 0.45).all()
    # the teasers are the last four segments; everything before them is the Libya story
    assert list(segments.role.iloc[-4:]) == ["foreign"] * 4
    assert set(segments.role.iloc[:-4]) == {"body"}
    sentences = seed_annotations.sentences.merge(segments[["segment_id", "role"]], on="segment_id")
    story = sentences[sentences.text.str.contains("Libya|Hifter|Russia")]
    assert len(story) >= 20 and (story.role != "foreign").all()
    assert (seed_annotations.segments.role == "foreign").sum() == 4  # no other article has any


def test_cookie_banner_is_boilerplate(seeds, seed_annotations):
    article = article_with(seeds, "uses cookies")
    segments = roles_of(seed_annotations, article)
    banner = segments[segments.text.str.contains("uses cookies")]
    assert list(banner.role) == ["boilerplate"] and banner.rule.iloc[0] == "cookie or consent banner"
    assert segments.role.iloc[-2] == "boilerplate" and segments.text.iloc[-2] == "."


def test_source_lines(seed_annotations):
    lines = seed_annotations.segments[seed_annotations.segments.role == "source_line"]
    assert sorted(lines.text) == ["Source: AP", "Source: Associated Press – MAGGIE MICHAEL", "Source: TRT World"]


def test_crossheads_in_the_copy_that_has_them(seeds, seed_annotations):
    article = article_with(seeds, "Moscow denies role")
    segments = roles_of(seed_annotations, article)
    assert list(segments[segments.role == "crosshead"].text) == [
        "Moscow denies role", "Let up in fighting", "Strong evidence"]


def test_captions_dateline_headline_and_links(seeds, seed_annotations):
    segments = seed_annotations.segments
    captions = segments[segments.role == "caption"].text
    assert len(captions) == 2 and all(t.startswith(("FILE PHOTO:", "FILE –")) for t in captions)
    assert list(segments[segments.role == "dateline"].text) == ["date 2019-12-05 Fast News"]
    assert list(segments[segments.role == "related_link"].text.str[:10]) == ["READ MORE:"] * 2
    assert "‘Regular Russian troops stationed in Libya’" in set(segments[segments.role == "headline"].text)


def test_haftar_and_hifter_are_one_entity_in_all_three_ap_copies(seeds, seed_annotations):
    mentions = seed_annotations.mentions
    ap_copies = [a for a in seeds if "Schenker" in a.raw]
    assert len(ap_copies) == 3
    spellings = set()
    for article in ap_copies:
        mine = mentions[(mentions.article_id == article.id) & (mentions.entity_id == "khalifa-haftar")]
        assert len(mine) >= 4
        spellings |= set(mine.text)
    assert {"Haftar", "Hifter"} <= spellings
    gaddafi = " ".join(mentions[mentions.entity_id == "muammar-gaddafi"].text).split()
    assert {"Qaddafi", "Gaddafi", "Gadhafi"} <= set(gaddafi)


def test_unresolved_names_are_kept_and_derived_forms_marked(seed_annotations):
    mentions = seed_annotations.mentions
    unresolved = mentions[mentions.match == "unresolved"]
    assert {"Salafists", "Brad Pitt"} <= set(unresolved.text)
    derived = mentions[mentions.match == "derived"]
    assert set(derived[derived.text == "Russian"].canonical) == {"Russia"}
    assert not ({"The", "Despite", "Moreover", "April"} & set(mentions.text))


def test_fuzzy_matching_resolves_unseen_spellings(tmp_path):
    (tmp_path / "gazetteer.csv").write_text("entity_id,canonical,type,variants\n"
                                            "khalifa-haftar,Khalifa Haftar,person,Khalifa Haftar|Haftar\n"
                                            "muammar-gaddafi,Muammar Gaddafi,person,Muammar Gaddafi|Gaddafi\n"
                                            "africom,US Africa Command,organisation,US Africa Command|AFRICOM\n",
                                            encoding="utf-8")
    with profile(tmp_path):
        _fuzzy_matching_resolves_unseen_spellings()
    assert resolve_name("Hafter")[0] is None  # without the profile, the library knows no such person


def _fuzzy_matching_resolves_unseen_spellings():
    entity, how, score = resolve_name("Hafter")
    assert (entity.canonical, how) == ("Khalifa Haftar", "fuzzy") and 80 <= score < 100
    assert resolve_name("Gadafi")[:2] == (resolve_name("Gaddafi")[0], "fuzzy")
    assert resolve_name("Syrians")[:2] == (resolve_name("Syria")[0], "derived")
    assert resolve_name("AFRICOM")[0].canonical == "US Africa Command"
    assert resolve_name("Zanzibar Quux") == (None, "unresolved", 0.0)


def test_quotes_with_speakers(seeds, seed_annotations):
    quotes = seed_annotations.quotes
    meshri = quotes[quotes.text.str.startswith("We are going to visit Russia")]
    assert len(meshri) == 3 and set(meshri.speaker) == {"Khaled al-Meshri"}
    assert set(meshri.speaker_text) == {"al-Meshri", "al Meshri"}
    schenker = quotes[quotes.text.str.contains("raises the spec")]
    assert set(schenker.speaker) == {"David Schenker"} and set(schenker.speaker_text) == {"he"}
    assert set(quotes[quotes.text.str.startswith("Most of this")].speaker) == {"Anas Gamati"}
    assert set(quotes[quotes.text.str.startswith("Putin would like")].speaker) == {"Mohammed Eljareh"}
    assert set(quotes[quotes.text.str.startswith("We asked for Moscow")].speaker) == {"Mohamed Taha Siala"}


@pytest.mark.parametrize("text,expected", [
    ("The U.S. and the U.N. met on Aug. 14. Gen. Smith said no.",
     ["The U.S. and the U.N. met on Aug. 14.", "Gen. Smith said no."]),
    ("J. R. Smith arrived. He left.", ["J. R. Smith arrived.", "He left."]),
    ("“We will go,” he said. “Then we return.” She agreed.",
     ["“We will go,” he said.", "“Then we return.”", "She agreed."]),
    ("Prices rose 3.5 percent. Nobody knew why!", ["Prices rose 3.5 percent.", "Nobody knew why!"]),
    ("وصل المقاتلون. غادروا المدينة.", ["وصل المقاتلون.", "غادروا المدينة."]),
])
def test_sentence_splitter(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def make_corpus(tmp_path, files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return wt.load_corpus(tmp_path)


STORY = [
    "Floodwaters swept through the river town of Marlow on Sunday, forcing hundreds of residents from their homes.",
    "Rescue crews in boats reached the flooded streets of Marlow before dawn, the town's mayor, Jane Osei, said.",
    "“The river rose faster than anyone expected,” Osei said.",
    "Residents of the lower town said the floodwaters reached the first floor of their homes within an hour.",
    "Engineers warned that the river could rise again as more rain falls upstream of the town this week.",
    "The town council opened the school gym as a shelter for residents forced from flooded homes.",
]
TEASERS = [
    "MARKETS: Shares in chipmakers jumped after a quarterly earnings report beat forecasts by analysts and traders",
    "TRANSFER: The striker signed a five-year deal with the champions, the club announced in a statement on",
]


def test_foreign_detection_on_an_unseen_article(tmp_path):
    corpus = make_corpus(tmp_path, {"flood.txt": "\n".join(STORY + TEASERS) + "\n",
                                    "clean.txt": "\n\n".join(STORY) + "\n\nSource: Wire\n"})
    segments = wt.annotate(corpus).segments
    flood = segments[segments.article_id == "flood"]
    assert list(flood.role) == ["body"] * len(STORY) + ["foreign"] * len(TEASERS)
    clean = segments[segments.article_id == "clean"]
    assert list(clean.role) == ["body"] * len(STORY) + ["source_line"]


def test_quote_attribution_patterns(tmp_path):
    text = ("Town mayor Jane Osei spoke on Monday.\n"
            "“We will rebuild,” she said.\n"
            "“Help is coming,” said Peter Vance, a regional official.\n"
            "Osei told reporters: “Nobody will be left behind.”\n"
            "“The levee held,” according to Marlow Council.\n")
    quotes = wt.annotate(make_corpus(tmp_path, {"q.txt": text})).quotes
    assert list(quotes.speaker) == ["Jane Osei", "Peter Vance", "Jane Osei", "Marlow Council"]
    assert list(quotes.speaker_text) == ["she", "Peter Vance", "Osei", "Marlow Council"]


def test_sentences_end_at_the_urdu_and_arabic_full_stop_and_question_mark():
    text = "یہ پہلا جملہ ہے۔ کیا یہ دوسرا جملہ ہے؟ یہ تیسرا ہے۔"
    assert [text[s:e] for s, e in split_sentences(text)] == ["یہ پہلا جملہ ہے۔", "کیا یہ دوسرا جملہ ہے؟", "یہ تیسرا ہے۔"]


def test_a_full_stop_of_urdu_or_chinese_ends_a_sentence_with_no_space_after_it():
    text = "یہ پہلا جملہ ہے۔کیا یہ دوسرا جملہ ہے؟یہ تیسرا ہے۔"
    assert [text[s:e] for s, e in split_sentences(text)] == ["یہ پہلا جملہ ہے۔", "کیا یہ دوسرا جملہ ہے؟", "یہ تیسرا ہے۔"]
    text = "今天下雨。明天晴天！後天呢？"
    assert [text[s:e] for s, e in split_sentences(text)] == ["今天下雨。", "明天晴天！", "後天呢？"]
    text = "The price rose to 3.5 per cent.It fell later, said Mr. Vance."  # Latin full stops need their space
    assert [text[s:e] for s, e in split_sentences(text)] == [text]


def test_speakers_of_continued_unclosed_and_reported_quotations(tmp_path):
    text = ("Quay repairs approved\n\nThe harbour minister, Talia Verrano, visited the quay on Monday and met the workers there.\n\n"
            "“The repairs will take a year,” Verrano said. “Nobody will lose their job.”\n\n"
            "“We have the money,” she told reporters in Calder.\n\n"
            "Verrano said the quay was the town’s “oldest treasure” and would be saved.\n\n"
            "\"The work starts in May, Odo Brennick, an engineer at the yard, told a briefing.\n\n"
            "“The crane is ready,” Brennick said.\n\n"
            "“It is a big day for the town.”\n\n"
            "President Mara Quillon opened the new bridge on Tuesday.\n\n"
            "“This bridge is for everyone,” the president said.\n")
    quotes = wt.annotate(make_corpus(tmp_path, {"q.txt": text})).quotes
    assert list(quotes.speaker) == ["Talia Verrano", "Talia Verrano", "Talia Verrano", "Talia Verrano",
                                    "Odo Brennick", "Odo Brennick", "Odo Brennick", "Mara Quillon"]
    assert [r.split(" (")[0] for r in quotes.rule] == [
        "quote, then speaker and verb", "continues the quotation before it", "quote, then speaker and verb",
        "speaker and verb earlier in the sentence", "quote, then speaker and verb", "quote, then speaker and verb",
        "continues the quotation before it", "quote, then speaker and verb"]
    assert quotes.text.iloc[4] == "The work starts in May"  # the unclosed quotation stops at its attribution
    assert list(quotes.speaker_text.iloc[[0, 2, 7]]) == ["Verrano", "she", "president"]


def test_a_pronoun_does_not_take_a_place_and_a_sentence_initial_name_is_a_name(tmp_path):
    text = ("Port to reopen\n\nDravik Olen said on Monday that the port would reopen.\n\n"
            "Ships were waiting near Castelmare and in Ostrava.\n\n"
            "“Everyone is working day and night,” he said.\n")
    quotes = wt.annotate(make_corpus(tmp_path, {"p.txt": text})).quotes
    assert list(quotes.speaker) == ["Dravik Olen"]
    assert quotes.rule.iloc[0] == "quote, then speaker and verb (pronoun: Dravik Olen, the last to speak before)"


def test_a_title_with_a_place_before_it_is_the_person_named_with_that_title_later(tmp_path):
    text = ("Boys found\n\nRescue teams have found the boys alive, showing “signs of life” nine days after they went "
            "missing, Velmora province’s governor said on Monday.\n\n“Navy divers have found all 13 with signs of "
            "life,” Governor Tarik Osmanov told reporters.\n")
    quotes = wt.annotate(make_corpus(tmp_path, {"t.txt": text})).quotes
    assert list(quotes.speaker) == ["Tarik Osmanov", "Tarik Osmanov"]
    assert list(quotes.speaker_text) == ["governor", "Tarik Osmanov"]  # never the place "Velmora"


def test_a_quotation_opening_a_paragraph_goes_on_with_reported_speech_and_a_pronoun_takes_the_new_subject(tmp_path):
    text = ("Yard dispute\n\nOdo Brennick said that the owners had not paid for the salvage work.\n\n"
            "“Frankly, they did not thank anyone,” the engineer added in the letter.\n\n"
            "“We will not wait,” Brennick said.\n\n"
            "Talia Verrano, 14, said she wanted to see the yard again.\n\n"
            "“Let me come back,” she said.\n\n"
            "Mara Quillon later conceded the ship was “beyond repair.”\n")
    quotes = wt.annotate(make_corpus(tmp_path, {"y.txt": text})).quotes
    assert list(quotes.speaker) == ["Odo Brennick", "Odo Brennick", "Talia Verrano", "Mara Quillon"]
    assert quotes.rule.iloc[0].startswith("continues the reported speech before it")
    assert quotes.rule.iloc[2].endswith("(pronoun: Talia Verrano, the subject named before)")


def test_speakers_named_by_a_noun_phrase_a_participle_a_signature_or_across_a_broken_paragraph(tmp_path):
    texts = {
        "a.txt": "Port talks\n\nOn Friday, the port authority said in a statement that it “looks forward to reopening "
                 "the channel soon”.\n",
        "b.txt": "Flood aid\n\nPresident Odo Vrell said on Monday that the toll would rise.\n\nThe President warned that "
                 "residents should coordinate with the Velmora Relief Agency (VRA), saying: “Aid other than this will "
                 "not be accepted.”\n",
        "c.txt": "Cave\n\nDoctor Tobin Quarrel said the boys were weak.\n\n“The children are strong and have good "
                 "health,” Tobin Quarrel, Velmora\n",
        "d.txt": "Ships\n\n\"All the vessels waiting since the grounding of the\n\n... ship have completed passage,\" "
                 "canal chief Ana Berg said in a statement.\n",
        "e.txt": "Toll\n\nVelmoran authorities have already described the floods as the “biggest disaster in decades”.\n",
        "f.txt": "Search\n\n“We will keep searching every street,” said one Kestral woman, the agency reported.\n",
    }
    quotes = wt.annotate(make_corpus(tmp_path, texts)).quotes.set_index("article_id")
    assert dict(quotes.speaker) == {"a": "port authority", "b": "Odo Vrell", "c": "Doctor Tobin Quarrel",
                                    "d": "Ana Berg", "e": "Velmoran authorities", "f": "Kestral woman"}
    assert quotes.rule["b"].startswith("', saying:' names the sentence's speaker")  # not the agency before "saying"
    assert quotes.rule["c"] == "quote, then a name without a verb"
    assert quotes.rule["d"].endswith("(across a paragraph break)")
    assert len(quotes.loc[["d"]]) == 1  # the closing straight mark after "passage," opens no quotation
