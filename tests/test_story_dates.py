"""Story dates inferred from a text's own dated expressions, on texts the tests write."""
from __future__ import annotations

from datetime import date

import wiretrace as wt
from wiretrace.dating import date_articles


def dated(tmp_path, text: str, name: str = "page"):
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    return date_articles(corpus, wt.annotate(corpus))[name]["story"]


def test_a_weekday_with_its_day_and_month_pins_the_week_the_year_from_a_dated_photo(tmp_path):
    story = dated(tmp_path, "Volunteers carry sandbags in Marlow, Kent, July 6, 2018. REUTERS/Ina Vale\n\n"
                            "The last residents were brought out on Tuesday 10 July, the mayor said.\n\n"
                            "They were taken to a shelter in the school gym, where doctors checked them.\n")
    assert (story.earliest, story.latest, story.how) == (date(2018, 7, 10), date(2018, 7, 16), "inferred")
    assert any(e["rule"].startswith("dated photo in a caption") for e in story.evidence)


def test_today_with_its_weekday_picks_the_day_in_the_week(tmp_path):
    story = dated(tmp_path, "Rescuers reached the town on Monday (July 9, 2018), officials said.\n\n"
                            "The last families left the flooded streets today (Thursday), the mayor said.\n")
    assert (story.earliest, story.latest) == (date(2018, 7, 12), date(2018, 7, 12))


def test_a_weekday_said_in_the_past_with_a_full_date_bounds_both_ends(tmp_path):
    story = dated(tmp_path, "The mayor on Tuesday (February 14, 2023) said that the levee held.\n")
    assert (story.earliest, story.latest) == (date(2023, 2, 14), date(2023, 2, 20))


def test_a_past_year_alone_leaves_the_upper_end_unknown(tmp_path):
    story = dated(tmp_path, "The town last flooded in 1999, when the river rose four metres.\n")
    assert (story.earliest, story.latest) == (date(1999, 1, 1), None)


def test_no_year_anywhere_is_unknown_not_a_guess(tmp_path):
    story = dated(tmp_path, "The river rose on Tuesday and the town was evacuated on Thursday, officials said.\n")
    assert (story.earliest, story.latest, story.how) == (None, None, "unknown")


def test_conflicting_weekday_evidence_is_noted_and_ignored(tmp_path):
    story = dated(tmp_path, "The mayor on Tuesday (February 14, 2023) said that the levee held.\n\n"
                            "Rescuers had arrived on Friday (February 14, 2023), a spokesman said.\n")
    assert (story.earliest, story.latest) == (date(2023, 2, 14), date(2023, 2, 20))
    assert any("inconsistent with the rest, ignored" in e["rule"] for e in story.evidence)


def test_no_topic_event_dates_a_story_without_a_profile(tmp_path):
    story = dated(tmp_path, "The Government of National Accord met on Thursday to discuss the floods.\n")
    assert story.how == "unknown" and story.evidence == []


def test_timelinejs_escapes_page_text_and_labels_an_uncertain_date(tmp_path):
    from wiretrace import timeline

    (tmp_path / "page.txt").write_text(
        "Published: 6 Feb 2023\n\nThe levee <img src=x onerror=alert(1)> broke last week, the mayor said.\n",
        encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    annotations = wt.annotate(corpus)
    events = timeline.merge_events(timeline.tellings(corpus, annotations, date_articles(corpus, annotations)))[0]
    item, = timeline.timelinejs(events, corpus)["events"]
    assert "<img" not in item["text"]["text"] and "&lt;img src=x" in item["text"]["text"]
    assert "<img" not in item["text"]["headline"]
    assert "end_date" not in item and item["display_date"] == "between 30 Jan 2023 and 05 Feb 2023"
    assert item["start_date"] == {"year": "2023", "month": "1", "day": "30"}


def test_an_undated_copy_is_dated_from_its_own_past_events_to_its_copies_date(tmp_path):
    from wiretrace.reuse import clusters, find_duplicates

    story = ("The levee at Marlow broke on Monday after three days of rain, the mayor, Jane Osei, said.\n\n"
             "Rescue crews in boats reached the flooded streets before dawn, the town council said.\n\n"
             "Engineers warned that the river could rise again as more rain falls upstream this week.\n")
    (tmp_path / "source.txt").write_text(story, encoding="utf-8")
    (tmp_path / "reprint.txt").write_text("Published: Wednesday 8 March 2023\n\n" + story, encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    annotations = wt.annotate(corpus)
    dates = date_articles(corpus, annotations, clusters(corpus, find_duplicates(corpus, annotations=annotations)))
    source = dates["source"]["story"]
    assert (source.how, source.earliest, source.latest) == ("inherited", date(2023, 3, 6), date(2023, 3, 8))
    assert "its text tells 'Monday'" in source.rule


def test_with_no_stated_copy_a_copy_dated_to_a_day_by_its_text_dates_the_others(tmp_path):
    from wiretrace.reuse import clusters, find_duplicates

    story = ("The levee at Marlow broke after three days of rain, the mayor, Jane Osei, said.\n\n"
             "Rescue crews in boats reached the flooded streets before dawn, the town council said.\n\n"
             "Engineers warned that the river could rise again as more rain falls upstream this week.\n")
    (tmp_path / "first.txt").write_text("The levee broke on Monday (March 6, 2023), officials said.\n\n" + story,
                                        encoding="utf-8")
    (tmp_path / "reprint.txt").write_text(story, encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    annotations = wt.annotate(corpus)
    dates = date_articles(corpus, annotations, clusters(corpus, find_duplicates(corpus, annotations=annotations)))
    first, reprint = dates["first"]["story"], dates["reprint"]["story"]
    assert first.how == "inferred" and (first.latest - first.earliest).days <= 7
    assert (reprint.how, reprint.earliest, reprint.latest) == ("inherited", first.earliest, first.latest)
    assert reprint.rule.startswith("inherited from first (inferred)")


def test_a_clock_time_is_not_a_year():
    from wiretrace.timex import find_timexes

    found = find_timexes("95 ships would pass by 1900 local time (1700 GMT) on Tuesday; the canal opened in 1869.")
    assert [m.match.group(0) for m in found] == ["1900 local time", "1700 GMT", "Tuesday", "1869"]
    clock = [m.resolve(date(2021, 3, 29)) for m in found[:2]]
    assert [(t.type, t.value) for t in clock] == [("TIME", "2021-03-29T19:00"), ("TIME", "2021-03-29T17:00")]


def test_a_maturity_date_is_ahead_not_a_past_event(tmp_path):
    story = dated(tmp_path, "The company sold notes due March 1, 2011, the treasurer said.\n")
    assert story.earliest is None and story.latest == date(2011, 3, 1)


def _dates_of(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    return {a: d["story"] for a, d in date_articles(corpus, wt.annotate(corpus)).items()}


def test_a_weekday_with_its_day_and_no_year_is_placed_in_the_corpus_years(tmp_path):
    stated = "Harbour reopens\n\nPublished: March 25, 2021\n\nThe harbour of Velmora reopened to ships, its council said.\n"
    story = _dates_of(tmp_path, {
        "a": stated, "b": stated.replace("March 25", "March 27"),
        "c": "Ship stuck\n\nThe freighter ran aground on Tuesday (March 23) and blocked the channel, pilots said.\n"})
    assert (story["c"].earliest, story["c"].latest) == (date(2021, 3, 23), date(2021, 3, 29))
    assert "the only year within the corpus's dates (2020-03-25 to 2022-03-27)" in story["c"].rule


def test_without_a_narrow_corpus_span_or_with_no_fitting_year_it_stays_unknown(tmp_path):
    far = "Old news\n\nPublished: March 25, 2015\n\nThe harbour of Velmora reopened to ships, its council said.\n"
    story = _dates_of(tmp_path, {
        "a": far, "b": far.replace("2015", "2021"),
        "c": "Ship stuck\n\nThe freighter ran aground on Tuesday (March 23) and blocked the channel, pilots said.\n"})
    assert story["c"].how == "unknown"
    (tmp_path / "a.txt").unlink()
    (tmp_path / "c.txt").write_text("Ship stuck\n\nThe freighter ran aground on Friday (March 23), pilots said.\n",
                                    encoding="utf-8")
    story = _dates_of(tmp_path, {"b": far.replace("2015", "2021")})
    assert story["c"].how == "unknown"  # 23 March was a Friday in no year from 2020 to 2022


def test_an_open_ended_expression_in_the_past_tense_never_breaks_dating():
    from wiretrace import dating
    from wiretrace.timex import find_timexes

    m = next(m for m in find_timexes("Engineers said the dam had mattered to the future of the town.")
             if m.match.group(0) == "the future")
    assert m.tense == "past"
    test = dating._tense_test(m)  # 'the future' from a day on: no last day to compare
    assert test(date(2021, 3, 3)) is True


def test_a_dated_post_the_page_embeds_bounds_its_publication_below(tmp_path):
    story = dated(tmp_path, "The harbour board said on Monday it would cut its claim against the ferry owner.\n\n"
                            "The board's new offer is final, a spokesman said.\n\n"
                            "Harbour board cuts its claim against the ferry owner https://t.co/AbC123xyz\n\n"
                            "— Coastal Wire (@coastalwire) May 25, 2021\n\n"
                            "The owner has not yet answered the offer, the board said.\n")
    assert (story.earliest, story.latest, story.how) == (date(2021, 5, 25), None, "inferred")
    rule = "dated post the page embeds (2021-05-25): published after it"
    assert [e["text"] for e in story.evidence if e["rule"] == rule] == ["May 25, 2021"]


def test_a_date_in_the_post_s_own_text_is_not_its_date(tmp_path):
    story = dated(tmp_path, "The harbour board said on Monday it would cut its claim against the ferry owner.\n\n"
                            "The board's new offer is final, a spokesman said.\n\n"
                            "Our claim will be settled by June 30, 2031 https://t.co/AbC123xyz\n\n"
                            "— Coastal Wire (@coastalwire)\n\n"
                            "The owner has not yet answered the offer, the board said.\n")
    assert (story.earliest, story.latest) == (None, None)
