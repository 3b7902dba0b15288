"""Page anatomy on pages the tests write: date lines, datelines, furniture, outlet, wire and byline."""
from __future__ import annotations

import pytest

import wiretrace as wt
from wiretrace.dating import date_articles
from wiretrace.credits import byline_of, outlet_of, wire_of
from wiretrace.datelines import date_line, glued_prefix, readings

STORY = [
    "Floodwaters swept through the river town of Marlow on Sunday, forcing hundreds of residents from their homes.",
    "Rescue crews in boats reached the flooded streets of Marlow before dawn, the town's mayor, Jane Osei, said.",
    "Residents of the lower town said the floodwaters reached the first floor of their homes within an hour.",
    "Engineers warned that the river could rise again as more rain falls upstream of the town this week.",
    "The town council opened the school gym as a shelter for residents forced from flooded homes.",
]


def corpus_of(tmp_path, pages: dict[str, str]):
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return wt.load_corpus(tmp_path)


def page_roles(tmp_path, text: str, other: str | None = None):
    """Segments of a page (with a plain copy of the story beside it, so the corpus has two pages)."""
    corpus = corpus_of(tmp_path, {"page.txt": text, "other.txt": other or "\n\n".join(STORY) + "\n"})
    annotations = wt.annotate(corpus)
    segments = annotations.segments
    return corpus["page"], segments[segments.article_id == "page"].reset_index(drop=True)


def role_of(segments, text: str) -> str:
    rows = segments[segments.text == text]
    assert len(rows) == 1, (text, list(segments.text))
    return rows.role.iloc[0]


@pytest.mark.parametrize("line, days, name", [
    (" date 2021-03-24", ("2021-03-24",), None),
    ("Thursday 1 Apr 2021", ("2021-04-01",), None),
    ("Yara Belkacem , Thursday 1 Apr 2021", ("2021-04-01",), "Yara Belkacem"),
    ("Sat 03rd April 2021 | 07:24 PM", ("2021-04-03",), None),
    ("Updated: July 10, 2018", ("2018-07-10",), None),
    ("Tuesday, July 3, 2018", ("2018-07-03",), None),
    ("Published : 6 Feb 2023, 05:40 AM", ("2023-02-06",), None),
    ("Published Feb 7, 2023 07:49 am", ("2023-02-07",), None),
    ("Odo Marsh 2 minutes ago Sat 23rd March 2021 | 07:24 PM", ("2021-03-23",), "Odo Marsh"),
    ("February 06, 2023 / 23:45 IST", ("2023-02-06",), None),
    ("date 2019-12-05 World News", ("2019-12-05",), None),
    ("04/03/2021", ("2021-03-04", "2021-04-03"), None),
    ("25/12/2020", ("2020-12-25",), None),
])
def test_date_lines_in_every_common_form(line, days, name):
    found = date_line(line)
    assert found is not None
    dates, name_span = found
    assert dates[0].readings == days
    assert (line[slice(*name_span)] if name_span else None) == name


def test_sentences_and_dates_in_prose_are_not_date_lines():
    assert date_line("The levee broke on March 29, 2021 after three days of rain upstream.") is None
    assert date_line("Marlow, Kent and Dover") is None


def test_a_date_without_a_year_keeps_day_and_month_only():
    assert readings("Feb 6") == ("--02-06",)
    assert readings("23rd March, 2021") == ("2021-03-23",)


@pytest.mark.parametrize("text, prefix", [
    (" date 2021-03-24 MARLOW, Kent (AP) — Floodwaters swept", " date 2021-03-24 "),
    ("MARLOW, Kent (AP) — Floodwaters swept through", "MARLOW, Kent (AP) — "),
    ("MARLOW, Feb 6 (Reuters) – Floodwaters swept through", "MARLOW, Feb 6 (Reuters) – "),
    ("DOVER, Kent (Reuters) -Floodwaters swept through", "DOVER, Kent (Reuters) -"),
    ("NEW MARLOW (BLOOMBERG) - Floodwaters swept through", "NEW MARLOW (BLOOMBERG) - "),
    ("Marlow, (APP - Kent Daily / Wire News - 3rd Apr, 2021 ) : Floodwaters swept", None),
    ("MARLOW, Kent: Floodwaters swept through", "MARLOW, Kent: "),
    ("DOVER, Feb. 6 (Xinhua) -- Floodwaters swept through", "DOVER, Feb. 6 (Xinhua) -- "),
    # plain-text wire copy writes its dash as an underscore
    ("MARLOW, Kent (AP) _ Floodwaters swept through", "MARLOW, Kent (AP) _ "),
    ("NEW MARLOW _ Floodwaters swept through", "NEW MARLOW _ "),
])
def test_glued_date_lines_and_datelines_are_cut_off(text, prefix):
    if prefix is None:
        prefix = text[:text.index(": ") + 2]
    assert text[:glued_prefix(text)] == prefix


@pytest.mark.parametrize("text", ["CYBERSCAM: A man lost his savings to a fake bank", "FILE – In this photo, a boat",
                                  "BREAKING: The levee broke", "The mayor said: we will rebuild"])
def test_kickers_labels_and_prose_are_not_datelines(text):
    assert glued_prefix(text) is None


def test_a_date_line_glued_onto_the_lede_leaves_the_lede_a_body_paragraph(tmp_path):
    text = " date 2021-03-24 MARLOW, Kent (AP) — " + STORY[0] + "\n\n" + "\n\n".join(STORY[1:]) + "\n"
    article, segments = page_roles(tmp_path, text)
    assert list(segments.role[:3]) == ["dateline", "dateline", "body"]
    assert segments.text[2] == STORY[0]
    assert wire_of(article, segments).value == "AP"
    assert wire_of(article, segments).spans[0]["text"] == "AP"


def test_a_page_whose_last_sentence_stops_mid_word_keeps_it(tmp_path):
    last = "Volunteers brought sandbags to the flooded homes of the lower town as the river kept ri"
    _, segments = page_roles(tmp_path, "\n\n".join(STORY) + "\n\n" + last)
    assert set(segments.role) == {"body"}
    _, whole = page_roles(tmp_path, "\n\n".join(STORY) + "\n\n" + last + "sing.\n")
    assert list(whole.role) == list(segments.role)  # a cut-off ending alone decides nothing


def test_a_glued_story_about_something_else_is_foreign_and_the_lede_never(tmp_path):
    glued = ["Shares in chipmakers jumped after a quarterly earnings report beat forecasts by analysts and traders.",
             "The striker signed a five-year deal with the champions, the club announced in a statement."]
    text = STORY[0] + "\n" + "\n".join(glued) + "\n"
    _, segments = page_roles(tmp_path, text)
    assert list(segments.role) == ["body", "foreign", "foreign"]


@pytest.mark.parametrize("line, role", [
    ("A rescuer carries a child through the water in Marlow. (AP Photo/Ina Vale)", "caption"),
    ("A rescuer carries a child through the water in Marlow, Kent, March 29, 2021. REUTERS/Ina Vale", "caption"),
    ("File Photo: Jane Osei, mayor of Marlow, speaks to reporters", "caption"),
    ("Boats on a flooded street of Marlow. Kent Council/Handout via REUTERS", "caption"),
    ("Rescuers reached the town before dawn. PHOTO: AFP", "caption"),
    ("3 / 21", "caption"),
    ("By Ina Vale and Odo Marsh", "byline"),
    ("By Ina Vale | Kent Daily", "byline"),
    ("(Reporting by Ina Vale and Odo Marsh; Editing by Tom Reed)", "byline"),
    ("Reuters", "byline"),
    ("Source: AP", "source_line"),
    ("(This story has not been edited by Kent Daily staff and is auto-generated from a syndicated feed.)",
     "source_line"),
    ("Home » World", "boilerplate"),
    ("Trending Topics", "boilerplate"),
    ("Get updates on the floods and other news as it happens with our free alerts.", "boilerplate"),
    ("Join our Telegram channel for the latest news.", "boilerplate"),
    ("Support independent journalism: donate today.", "boilerplate"),
    ("(Copyright ©2021 by The Associated Press. All Rights Reserved.)", "boilerplate"),
    ("Please enter your comment!", "boilerplate"),
    ("ADVERTISEMENT", "boilerplate"),
    ("kentdaily.co.uk", "boilerplate"),
    ("More world news", "boilerplate"),
    ("More rain is expected.", "body"),  # a sentence, not a section link
    ("READ MORE: Marlow counts the cost of the floods", "related_link"),
    ("• Council to rule on flood defence budget", "related_link"),
])
def test_furniture_kinds(tmp_path, line, role):
    text = STORY[0] + "\n\n" + STORY[1] + "\n\n" + line + "\n\n" + "\n\n".join(STORY[2:]) + "\n"
    _, segments = page_roles(tmp_path, text)
    assert role_of(segments, line) == role
    assert set(segments[segments.text != line].role) == {"body"}


def test_a_paragraph_printed_twice_with_an_agency_credit_is_a_photo_caption(tmp_path):
    caption = "A family walks past a flooded shop on the high street of Marlow on Sunday. (AFP)"
    text = STORY[0] + "\n\n" + STORY[1] + "\n\n" + caption + "\n" + caption + "\n\n" + "\n\n".join(STORY[2:]) + "\n"
    _, segments = page_roles(tmp_path, text)
    assert list(segments[segments.text == caption].role) == ["caption", "caption"]
    assert set(segments[segments.text != caption].role) == {"body"}
    once = STORY[0] + "\n\n" + STORY[1] + "\n\n" + caption + "\n\n" + "\n\n".join(STORY[2:]) + "\n"  # once: the story's
    (tmp_path / "once").mkdir()
    assert role_of(page_roles(tmp_path / "once", once)[1], caption) == "body"


def test_related_links_in_a_list_after_the_story(tmp_path):
    links = ["Fisherman loses his catch to a seal", "Stamp mistake to cost the postal service millions",
             "Police investigate break-in at the town museum"]
    text = "\n\n".join(STORY) + "\n\nTop Stories\n" + "\n".join(links) + "\n"
    _, segments = page_roles(tmp_path, text)
    assert role_of(segments, "Top Stories") == "boilerplate"
    assert [role_of(segments, link) for link in links] == ["related_link"] * 3


def test_outlet_from_the_masthead_and_a_motto(tmp_path):
    text = "Kent Daily\n\nAll the news that floats.\n\nFloods force hundreds from their homes in Marlow\n\n" \
        + "\n\n".join(STORY) + "\n"
    article, segments = page_roles(tmp_path, text)
    assert list(segments.role[:3]) == ["boilerplate", "boilerplate", "headline"]
    outlet = outlet_of(article, segments)
    assert (outlet.value, outlet.rule) == ("Kent Daily", "masthead above the headline")


@pytest.mark.parametrize("line, outlet", [
    ("Published: by Radio Kentshire", "Radio Kentshire"),
    ("(This story has not been edited by Kent Daily staff and is auto-generated from a syndicated feed.)",
     "Kent Daily"),
    ("kentdaily.co.uk", "kentdaily.co.uk"),
    ("© 2021 Kent Daily Media. All rights reserved.", "Kent Daily Media"),
    ("Follow all the latest headlines from the region and the world on Kent Daily.", "Kent Daily"),
])
def test_outlet_from_what_the_page_says_of_itself(tmp_path, line, outlet):
    text = "\n\n".join(STORY) + "\n\n" + line + "\n"
    article, segments = page_roles(tmp_path, text)
    assert outlet_of(article, segments).value == outlet
    assert byline_of(article, segments).value is None


def test_outlet_is_unknown_when_the_page_does_not_say(tmp_path):
    article, segments = page_roles(tmp_path, "\n\n".join(STORY) + "\n\nFollow us on Telegram for more.\n")
    assert outlet_of(article, segments).value == "unknown"


@pytest.mark.parametrize("line, wire, rule_start", [
    ("(Reporting by Ina Vale and Odo Marsh; Editing by Tom Reed)", "Reuters", "Reuters credit line"),
    ("Our Standards: The Thomson Reuters Trust Principles.", "Reuters", "Reuters trust"),
    ("(Copyright ©2021 by The Associated Press. All Rights Reserved.)", "AP", "AP copyright"),
    ("Source: AFP", "AFP", "source line"),
    ("Xinhua", "Xinhua", "agency credit line"),
])
def test_wire_from_credits(tmp_path, line, wire, rule_start):
    article, segments = page_roles(tmp_path, "\n\n".join(STORY) + "\n\n" + line + "\n")
    found = wire_of(article, segments)
    assert found.value == wire and found.rule.startswith(rule_start)


def test_wire_cited_as_the_source_when_nothing_credits_one(tmp_path):
    story = STORY[:2] + ["The river peaked at noon, the Associated Press reported.",
                         "“We lost everything,” a resident told Reuters.",
                         "Officials told The Associated Press the dam held."] + STORY[2:]
    article, segments = page_roles(tmp_path, "\n\n".join(story) + "\n")
    found = wire_of(article, segments)
    assert found.value == "AP" and found.rule.startswith("the story cites the agency") and len(found.spans) == 2


def test_a_photo_credit_alone_is_weak_and_yields_to_a_byline(tmp_path):
    caption = "A rescuer carries a child through the water in Marlow. REUTERS/Ina Vale"
    text = STORY[0] + "\n\n" + caption + "\n\n" + "\n\n".join(STORY[1:]) + "\n"
    article, segments = page_roles(tmp_path, text)
    found = wire_of(article, segments)
    assert found.value == "Reuters" and found.rule.startswith("photo credit only")
    article, segments = page_roles(tmp_path, "By Odo Marsh\n\n" + text)
    assert wire_of(article, segments, byline_of(article, segments)).value is None


@pytest.mark.parametrize("line, byline", [
    ("By Ina Vale and Odo Marsh", "Ina Vale and Odo Marsh"),
    ("By INA VALE | Kent Daily", "INA VALE"),
    ("Ina Vale , Thursday 1 Apr 2021", "Ina Vale"),
    ("(Reporting by Ina Vale and Odo Marsh; Writing by Tom Reed; Editing by Lu Chen)",
     "Ina Vale and Odo Marsh (reporting); Tom Reed (writing)"),
    ("By Reuters Staff", None),
    ("Reuters", None),
])
def test_bylines_name_writers_never_agencies(tmp_path, line, byline):
    article, segments = page_roles(tmp_path, line + "\n\n" + "\n\n".join(STORY) + "\n")
    assert byline_of(article, segments).value == byline


def test_an_embedded_post_and_its_attribution(tmp_path):
    post = "The council says the levee held overnight and the river is falling."
    attribution = "— Kent Council (@kentcouncil) March 29, 2021"
    text = "\n".join(STORY[:2] + [post, attribution] + STORY[2:]) + "\n"
    _, segments = page_roles(tmp_path, text)
    assert (role_of(segments, post), role_of(segments, attribution)) == ("related_link", "boilerplate")
    assert set(segments[~segments.text.isin([post, attribution])].role) == {"body"}


def test_page_dates_keep_their_kind_span_and_readings(tmp_path):
    text = ("Kent Daily\n\nFriday, Jul 04, 2025\n\nFloods force hundreds from their homes in Marlow\n\n"
            "Published : 6 Feb 2023, 05:40 AM\n\nUpdated : 7 Feb 2023, 06:44 AM\n\n"
            "MARLOW, Feb 6 (Reuters) – " + "\n\n".join(STORY) + "\n")
    corpus = corpus_of(tmp_path, {"page.txt": text})
    annotations = wt.annotate(corpus)
    dates = annotations.page_dates
    assert list(zip(dates.kind, dates.text, dates.readings)) == [
        ("page header", "Friday, Jul 04, 2025", "2025-07-04"), ("published", "6 Feb 2023", "2023-02-06"),
        ("updated", "7 Feb 2023", "2023-02-07"), ("dateline", "Feb 6", "--02-06")]
    assert all(text[r.start:r.end] == r.text for r in dates.itertuples())
    story = date_articles(corpus, annotations)["page"]
    assert (str(story["story"].earliest), str(story["story"].latest), story["story"].how) == \
        ("2023-02-06", "2023-02-06", "stated")
    assert (str(story["capture"].earliest), story["capture"].rule.startswith("date in the site's header")) == \
        ("2025-07-04", True)


def test_an_ambiguous_numeric_date_line_gives_both_readings_not_a_guess(tmp_path):
    corpus = corpus_of(tmp_path, {"page.txt": "Published: 04/03/2021\n\n" + "\n\n".join(STORY) + "\n"})
    story = date_articles(corpus, wt.annotate(corpus))["page"]["story"]
    assert (str(story.earliest), str(story.latest)) == ("2021-03-04", "2021-04-03")
    assert "ambiguous" in story.rule
