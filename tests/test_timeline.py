"""Story dates and the seed timeline: what the issue expects, found by content, not by file name."""
from __future__ import annotations

from datetime import date

import pytest

from wiretrace import dating, reuse, timeline
from wiretrace.resources import profile

from conftest import SEED_PROFILE, article_with

D = date.fromisoformat


@pytest.fixture(scope="module")
def dates(seeds, seed_annotations):
    with profile(SEED_PROFILE):
        clusters = reuse.clusters(seeds, reuse.find_duplicates(seeds, annotations=seed_annotations))
        return dating.date_articles(seeds, seed_annotations, clusters)


@pytest.fixture(scope="module")
def events(seeds, seed_annotations, dates):
    with profile(SEED_PROFILE):
        return timeline.merge_events(timeline.tellings(seeds, seed_annotations, dates))[0]


def story(dates, seeds, needle):
    return dates[article_with(seeds, needle).id]["story"]


def test_story_dates(seeds, dates):
    trt = story(dates, seeds, "Source: AP")
    assert (trt.how, trt.earliest, trt.latest) == ("stated", D("2019-12-05"), D("2019-12-05"))
    trimmed = story(dates, seeds, "MAGGIE MICHAEL")
    assert trimmed.how == "inherited" and trimmed.earliest == D("2019-12-05")  # the 2017 caption is the photo's date
    teasers = dates[article_with(seeds, "CYBERSCAM").id]
    assert teasers["story"].how == "inherited" and "inherited from" in teasers["story"].rule
    capture = teasers["capture"]
    assert capture.how == "inferred" and D("2025-01-01") <= capture.earliest <= capture.latest <= D("2025-01-31")
    assert {"Supreme Court backed a law banning TikTok", "president-elect Donald Trump"} <= {e["text"] for e in capture.evidence}
    siala = story(dates, seeds, "Siala")
    assert D("2020-12-01") <= siala.earliest <= siala.latest <= D("2020-12-31")
    troops = story(dates, seeds, "Regular Russian troops")
    assert troops.earliest > D("2021-01-31") and troops.latest < D("2021-12-24")


def test_dating_evidence_spans_are_slices_of_the_text(seeds, dates):
    for article in seeds:
        for e in dates[article.id]["story"].evidence:
            source = seeds[e.get("article_id", article.id)]
            assert source.raw[e["start"]:e["end"]] == e["text"]


def event(events, needle):
    found = events[events.text.str.contains(needle, regex=False)]
    assert len(found) >= 1, needle
    return found


def n_sources(row):
    return len(row.sources.split("; "))


def test_expected_events(events):
    expectations = [  # (words of the telling, value, earliest, latest, minimum number of sources)
        ("toppled", "2011", "2011-01-01", "2011-12-31", 3),
        ("was formed in 2014", "2014", "2014-01-01", "2014-12-31", 1),
        ("since at least 2017", "2017", "2017-01-01", "2017-12-31", 1),
        ("Aug. 14, 2017 file photo", "2017-08-14", "2017-08-14", "2017-08-14", 1),
        ("launched its offensive on Tripoli in April", "2019-04", "2019-04-01", "2019-04-30", 3),
        ("al-Meshri said last week", "2019-W48", "2019-11-25", "2019-12-01", 3),
        ("July 24, 2020", "2020-07-24", "2020-07-24", "2020-07-24", 1),
        ("On 3 December this year", "2020-12-03", "2020-12-03", "2020-12-03", 1),
        ("in mid-December", "2020-12", "2020-12-12", "2020-12-20", 1),
    ]
    for needle, value, earliest, latest, sources in expectations:
        row = event(events, needle).iloc[0]
        assert (row.value, row.earliest, row.latest) == (value, earliest, latest), needle
        assert n_sources(row) >= sources, needle
    assert event(events, "since at least 2017").iloc[0].status == "ongoing"
    ceasefire = event(events, "ceasefire in October")
    assert sorted(ceasefire.value) == ["2020-10", "2021-01"]  # the ceasefire, and the deadline passed in January


def test_press_conference_on_wednesday_is_at_most_two_weeks_in_late_december_2020(events):
    row = event(events, "on Wednesday").iloc[0]
    earliest, latest = D(row.earliest), D(row.latest)
    assert D("2020-12-16") <= earliest <= latest <= D("2020-12-31") and (latest - earliest).days <= 14


def test_planned_elections_are_merged_from_two_articles(events):
    row = events[events.value == "2021-12-24"]
    assert len(row) == 1 and row.iloc[0].status == "planned"
    assert len({s.split(":")[0] for s in row.iloc[0].sources.split("; ")}) == 2


def test_nothing_from_the_glued_on_teasers(seeds, events):
    teasers = article_with(seeds, "CYBERSCAM")
    for sources in events.sources:
        for source in sources.split("; "):
            article_id, span = source.rsplit(":", 1)
            if article_id == teasers.id:
                assert int(span.split("-")[0]) < teasers.raw.index("DIALOGUE:")
    assert not events.text.str.contains("TikTok|Yoon|Brad Pitt|Paraguay").any()


def test_sources_are_spans_of_the_raw_text(seeds, events):
    for row in events.itertuples():
        for source in row.sources.split("; "):
            article_id, span = source.rsplit(":", 1)
            start, end = map(int, span.split("-"))
            assert seeds[article_id].raw[start:end].strip() and end > start


def test_conflicting_dates_for_the_same_words_are_flagged(tmp_path):
    import wiretrace as wt

    (tmp_path / "a.txt").write_text("date 2020-05-04 News\n\nThe dam burst on March 3, 2019, flooding the valley.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2020-05-04 News\n\nThe dam burst on March 8, 2019, flooding the valley.\n",
                                    encoding="utf-8")
    events, conflicts = timeline.build_timeline(wt.load_corpus(tmp_path))
    assert len(events) == 2 and set(events.conflict) == {"E001", "E002"}
    assert conflicts[["reading_a", "reading_b"]].values.tolist() == [["2019-03-03 (a: March 3, 2019)",
                                                                      "2019-03-08 (b: March 8, 2019)"]]


def test_dates_table(dates, seeds):
    table = dating.dates_table(dates).set_index("article_id")
    assert list(table.columns) == ["story_earliest", "story_latest", "story_how", "story_rule",
                                   "capture_earliest", "capture_latest", "capture_how", "capture_rule"]
    assert table.at[article_with(seeds, "Siala").id, "story_how"] == "inferred"


def test_a_duration_after_a_clause_dates_that_clause_counted_back(tmp_path):
    import wiretrace as wt
    from wiretrace.dating import date_articles
    from wiretrace.timeline import tellings

    (tmp_path / "a.txt").write_text(
        "Climbers found\n\nPublished: July 3, 2018\n\nRescuers found the two climbers alive, nine days after they "
        "went missing, the park chief said on Monday.\n\nThe search took nine days in all.\n", encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    annotations = wt.annotate(corpus)
    told = tellings(corpus, annotations, date_articles(corpus, annotations)).set_index("timex")
    assert (str(told.at["nine days", "earliest"]), told.at["nine days", "how"]) == ("2018-06-23", "relative")
    assert "nine days in all" not in " ".join(told.text[told.index == "nine days"])  # a plain duration dates nothing


def test_tellings_are_compared_when_they_share_a_telling_word_not_all_pairs(monkeypatch):
    from wiretrace import timeline

    monkeypatch.setattr(timeline, "MAX_SHARED_BY", 3)
    words = [{"harbour", "reopened"}, {"harbour", "storm"}, {"harbour"}, {"harbour", "reopened"}, set(), {"quarry"}]
    # "harbour" is in four tellings (more than three): it proposes nothing; "reopened" pairs 0 and 3;
    # a telling without content words (4) is compared with every other
    assert timeline._candidate_pairs(words) == [(0, 3), (0, 4), (1, 4), (2, 4), (3, 4), (4, 5)]
