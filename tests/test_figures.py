"""Figure reconciliation: the seed claims the issue expects, and every pattern on sentences written here."""
from __future__ import annotations

import math

import pandas as pd
import pytest

import wiretrace as wt
from wiretrace import claimants, figures, measures, reuse
from wiretrace.resources import profile

from conftest import SEED_PROFILE


@pytest.fixture(scope="module")
def seed_claims(seeds, seed_annotations):
    with profile(SEED_PROFILE):
        return _seed_claims(seeds, seed_annotations)


def _seed_claims(seeds, seed_annotations):
    clusters = reuse.clusters(seeds, reuse.find_duplicates(seeds, annotations=seed_annotations))
    claims = figures.extract_figures(seeds, seed_annotations, clusters=clusters)
    distinct, verdicts = figures.reconcile(claims, clusters)
    return claims, distinct, verdicts


@pytest.mark.parametrize("sentence,expected", [
    ("The group has 2,000 people in the city.", ("2,000", 2000, 2000, "exact", "count")),
    ("They paid $1,000 to each recruit.", ("$1,000", 1000, 1000, "exact", "money")),
    ("She lost US$855,259 to scammers.", ("US$855,259", 855259, 855259, "exact", "money")),
    ("She sent 830,000 euros abroad.", ("830,000 euros", 830000, 830000, "exact", "money")),
    ("Officials counted between 600 to 800 fighters.", ("between 600 to 800", 600, 800, "range", "count")),
    ("Officials counted 600-800 fighters.", ("600-800", 600, 800, "range", "count")),
    ("Officials counted up to 800 fighters.", ("up to 800", 0, 800, "up to", "count")),
    ("There are more than 20,000 foreign fighters.", ("more than 20,000", 20000, math.inf, "more than", "count")),
    ("At least 12 people died.", ("At least 12", 12, math.inf, "at least", "count")),
    ("Nearly 100 boats waited.", ("Nearly 100", 90, 100, "nearly", "count")),
    ("About 50 trucks arrived.", ("About 50", 50, 50, "about", "count")),  # the number stated
    ("Two ministers resigned.", ("Two", 2, 2, "exact", "count")),
    ("A dozen ships sailed.", ("A dozen", 12, 12, "about", "count")),
    ("Russia sent more than a dozen fighter jets.", ("more than a dozen", 13, 23, "more than", "count")),
    ("Dozens of people were arrested.", ("Dozens", 24, 99, "vague", "count")),
    ("Hundreds of mercenaries arrived.", ("Hundreds", 200, 999, "vague", "count")),
    ("Thousands of mercenaries arrived.", ("Thousands", 2000, 9999, "vague", "count")),
    ("Tens of thousands of people gathered.", ("Tens of thousands", 20000, 99999, "vague", "count")),
    ("It offered a 3-month renewable contract.", ("3-month", 3, 3, "month", "duration")),
    ("It has the fourth-largest gas reserves.", ("fourth-largest", 4, 4, "exact", "rank")),
    ("It is the 12th-largest producer.", ("12th-largest", 12, 12, "exact", "rank")),
    ("It is the ninth-biggest port.", ("ninth-biggest", 9, 9, "exact", "rank")),
    ("Officials said 2,04,317 were hurt.", ("2,04,317", 204317, 204317, "exact", "count")),  # lakh grouping
    ("The port seeks over $2 bln in damages.", ("$2 bln", 2e9, 2e9, "exact", "money")),
    ("A 3.5 mn budget was set.", ("3.5 mn", 3.5e6, 3.5e6, "exact", "count")),
    ("Losses reach $3-4 million a week.", ("$3-4 million", 3e6, 4e6, "range", "money")),
    ("They laid an 8km pipe.", ("8", 8, 8, "exact", "count")),
    ("The 350m-long hull sank.", ("350", 350, 350, "exact", "count")),
    ("It may take five to six weeks.", ("five to six", 5, 6, "range", "count")),
    ("It should end within four or five months.", ("four or five", 4, 5, "range", "count")),
    ("Tens of houses fell.", ("Tens of", 20, 99, "vague", "count")),
])
def test_each_pattern(sentence, expected):
    found = figures.parse_figures(sentence)
    assert len(found) == 1, found
    f = found[0]
    assert (f["text"], f["low"], f["high"], f["qualifier"], f["kind"]) == expected
    assert sentence[f["start"]:f["end"]] == f["text"]


def test_a_capitalised_range_of_number_words_inside_a_sentence_is_a_title():
    assert figures.parse_figures("She told the Nine to Five show her story.") == []


def test_a_glued_m_is_a_size_only_before_long_or_high():
    assert figures.parse_figures("Velmora has 200m people.") == []  # a British 200 million, not metres


def test_a_rounded_figure_keeps_its_number_and_is_compared_with_a_margin():
    about, exact, far = (dict(claim_id=c, measure="deaths", kind="count", counted="people", low=v, high=v,
                              qualifier=q, text=t, claimant=w, as_of_earliest="2031-05-02", as_of_latest="2031-05-02")
                         for c, v, q, t, w in (("c1", 185.0, "about", "about 185", "the port"),
                                               ("c2", 200.0, "exact", "200", "the agency"),
                                               ("c3", 250.0, "exact", "250", "the agency")))
    verdict, reason = figures._verdict(about, exact)
    assert verdict == "consistent" and "about 185 [166, 204]" in reason
    assert figures._verdict(about, far)[0] == "conflict"


def test_years_and_dates_are_not_figures():
    assert figures.parse_figures("It was formed in 2014 and has been there since at least 2017.",
                                 [(21, 25), (57, 61)]) == []
    assert figures.parse_figures("The accusation came on July 24, 2020.", [(23, 36)]) == []


@pytest.mark.parametrize("sentence,kept", [
    ("The boys, aged 11-16, and their 25-year-old coach were in stable condition.", []),
    ("Some of the boys are as young as 11 and weak swimmers.", []),
    ("Tarik Osmanov, 14, said he wanted to play again with the 12 others.", ["12"]),
    ("My mother is 70 years old and 40 homes fell on her street.", ["40"]),
    ("A 38-year-old former navy diver died.", []),
    ("Tonight at 04:17 a quake hit; 912 people died.", ["912"]),
    ("In Velmora, 40 people died.", ["40"]),
    # a distance that says where a place lies is geography; one told of what happened is a claim
    ("It hit near the town of Orsk, about 45 miles from the coast, and 40 people died.", ["40"]),
    ("Salvo is a village that is some 8 km (5 miles) away from the lake.", []),
    ("The search team was 2 miles from the shaft.", ["2"]),
    ("Damage was reported up to 200 km (124 miles) from the dam.", ["up to 200", "124"]),
])
def test_ages_clock_times_and_places_located_are_not_figures(sentence, kept):
    assert [f["text"] for f in figures.parse_figures(sentence)] == kept


@pytest.mark.parametrize("sentence,claimant", [
    ("The ministry has documented 300 fighters, according to John Smith.", "The ministry (via John Smith)"),
    ("Libyan and US officials say hundreds of mercenaries are backing the commander.", "Libyan and US officials"),
    ("Police estimated that 5,000 people marched.", "Police"),
    ("The company has 500 employees in the city.", None),
    ("At least 912 people were killed when the dam burst overnight, Mayor Ina Vale said on Monday.", "Mayor Ina Vale"),
    ("The flood has killed 237 people in four towns, the health ministry said in a statement.", "the health ministry"),
    ("The flood has killed 237 people in the towns, submerged streets that were said to be safe.", None),
])
def test_claimant_patterns(sentence, claimant):
    f = figures.parse_figures(sentence)[0]
    assert claimants.claimant_of(sentence, f["start"], f["end"], [], None, []) == claimant


def by_text(distinct, text):
    rows = distinct[distinct.text == text]
    assert len(rows) == 1, (text, len(rows))
    return rows.iloc[0]


def test_seed_claims(seed_claims):
    claims, distinct, _ = seed_claims
    six = by_text(distinct, "between 600 to 800")
    assert len(six.carriers.split(";")) == 2 and "Government of National Accord" in six.claimant
    assert "al-Meshri" in six.claimant and six.as_of_earliest.startswith("2019-12")
    assert by_text(distinct, "up to 800").claimant == "Libyan officials"
    assert by_text(distinct, "hundreds").claimant == "Libyan and US officials"
    for text in ("thousands", "2,000"):
        row = by_text(distinct, text)
        assert row.claimant == "US Africa Command" and row.as_of_earliest.startswith("2020")
    twenty = by_text(distinct, "more than 20,000")
    assert twenty.measure == "all foreign fighters in Libya" and "acting envoy" in twenty.claimant
    assert twenty.as_of_earliest == "2020-12-03"
    assert by_text(distinct, "more than a dozen").measure == "Russian combat aircraft sent"
    assert by_text(distinct, "$1,000").measure == "pay per fighter"
    assert by_text(distinct, "3-month").measure == "contract length"
    assert by_text(distinct, "fourth-largest").kind == "rank"
    teasers = claims[claims.role == "foreign"]
    assert {"US$855,259", "830,000 euros", "Tens of thousands"} <= set(teasers.text)
    assert not set(teasers.claim_id) & set(distinct.claim_id)  # kept, marked, not reconciled


def test_seed_verdicts(seed_claims):
    _, distinct, verdicts = seed_claims
    ids = {t: by_text(distinct, t).claim_id for t in ("between 600 to 800", "up to 800", "hundreds", "thousands",
                                                        "2,000", "more than 20,000")}

    def verdict(a, b):
        rows = verdicts[((verdicts.claim_a == ids[a]) & (verdicts.claim_b == ids[b]))
                        | ((verdicts.claim_a == ids[b]) & (verdicts.claim_b == ids[a]))]
        assert len(rows) == 1, (a, b)
        return rows.verdict.iloc[0]

    assert verdict("between 600 to 800", "up to 800") == "consistent"
    assert verdict("between 600 to 800", "hundreds") == "consistent"
    assert verdict("thousands", "2,000") == "consistent"
    assert verdict("between 600 to 800", "thousands") == "consistent_over_time"
    assert verdict("between 600 to 800", "2,000") == "consistent_over_time"
    assert verdict("between 600 to 800", "more than 20,000") == "different_measure"
    assert "conflict" not in set(verdicts.verdict)


def test_a_real_conflict_and_a_changed_number(tmp_path):
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "a.txt").write_text("date 2021-03-01 News\n\nThe ministry said 300 Russian fighters were in the city "
                                    "on March 1, 2021.\n\nThe mayor said the port had reopened after the storm and "
                                    "that ships were coming back to the harbour.\n", encoding="utf-8")
    (tmp_path / "story" / "b.txt").write_text("date 2021-03-01 News\n\nRebels said 3,000 Russian fighters were in the city "
                                    "on March 1, 2021.\n\nThe mayor said the port had reopened after the storm and "
                                    "that ships were coming back to the harbour.\n", encoding="utf-8")
    story = tmp_path / "story.profile"  # what the fighters count is story knowledge: a profile
    story.mkdir()
    (story / "measures.csv").write_text("measure,kind,counted,context,description\n"
                                        "fighters in the city,count,fighters,,fighters in the city\n", encoding="utf-8")
    corpus = wt.load_corpus(tmp_path / "story")
    claims = wt.open_case(corpus, profile=story).claims
    assert claims.measure.tolist() == ["fighters in the city"] * 2
    assert figures.extract_figures(corpus).measure.isna().all()  # without it, no measure is guessed
    _, verdicts = figures.reconcile(claims, reuse.clusters(corpus, reuse.find_duplicates(corpus)))
    assert verdicts.verdict.tolist() == ["conflict"] and "different claimants" in verdicts.reasons.iloc[0]
    passages, _ = reuse.align(corpus, "a", "b")
    changed = figures.changed_numbers(passages)
    assert changed[["a_figures", "b_figures"]].values.tolist() == [["300", "3,000"]]


def test_no_number_changed_between_the_seed_copies(seeds, seed_annotations):
    clusters = reuse.clusters(seeds, reuse.find_duplicates(seeds, annotations=seed_annotations))
    changed = figures.changed_numbers_in_clusters(seeds, seed_annotations, clusters)
    assert changed.empty and list(changed.columns) == figures.CHANGED_COLUMNS


def test_every_claim_knows_its_carriers(seed_claims):
    claims, distinct, _ = seed_claims
    table = figures.with_carriers(claims, distinct)
    six = table[table.text == "between 600 to 800"]
    assert len(six) == 2 and six.carriers.nunique() == 1 and len(six.carriers.iloc[0].split(";")) == 2
    assert (table[table.role == "foreign"].carriers == "").all()


@pytest.mark.parametrize("sentence, number, measure", [
    ("The death toll in Velmora rose to 912 on Monday, officials said.", "912", "deaths"),
    ("At least 912 people were killed when the dam burst, officials said.", "912", "deaths"),
    ("More than 5,000 people were injured in the blast, the ministry said.", "5,000", "injured"),
    ("Rescuers pulled 40 people alive from the rubble overnight.", "40", "rescued"),
    ("About 185 vessels waiting to transit the strait were counted on Friday.", "185", "vessels held"),
    ("The blockage holds up $400m an hour of trade, analysts said.", "$400m", "money [trade] USD per hour"),
    ("The 400-metre-long ship ran aground on Tuesday.", "400", "size (metres) long"),
    ("The operation could take two weeks, engineers said.", "two", "duration [days] needed"),
    ("An earthquake in 1939 killed around 33,000 people.", "33,000", "deaths (1939)"),
    ("The combined death toll rose to 1,900, officials said.", "1,900", "deaths combined"),
    # parts of a count, another event, a size's dimension
    ("Divers brought out four more boys on Monday.", "four", "rescued more"),
    ("The remaining eight boys were rescued on Tuesday.", "eight", "rescued remaining"),
    ("The last 61 ships were still waiting.", "61", "vessels held remaining"),
    ("The quake was followed by another tremor of magnitude 7.5.", "7.5", "magnitude (another event)"),
    ("The 60-metre-wide channel was closed.", "60", "size (metres) wide"),
    ("The storm injures 639 and the floods are claiming the lives of 40 people.", "40", "deaths"),
    ("The storm injures 639 people.", "639", "injured"),
    ("More than 300 people were rescued.", "More than 300", "rescued"),
    # the verb nearest the figure, before a relative clause; a finite verb over a participle
    ("Rescuers freed 9 miners from the shaft where they had been trapped for a week.", "9", "rescued"),
    ("Nine miners trapped for a week have been freed, officials said.", "Nine", "rescued"),
    # what a sum pays for; a conversion in brackets; a part or the rest of a sum
    ("The operator paid $2bn in compensation to the families.", "$2bn", "money [compensation] USD"),
    ("The closure holds up $5bn (£4bn) of goods a week, analysts said.", "$5bn", "money [trade] USD per week"),
    ("The insurer offered $80m, the rest being $30m in bonds.", "$30m", "money remaining USD"),
    ("The deal was worth $80m, including $30m in cash.", "$30m", "money part USD"),
    # hours and days are told apart; a forecast is not a count of what happened
    ("The dam was shut for six hours on Monday.", "six", "duration [hours]"),
    ("Some 30 ships would leave the harbour by noon, the port said.", "Some 30", "vessels moving expected"),
    ("Six ships carrying grain were waiting at the lock.", "Six", "vessels [carrying grain] held"),
    # a year opening the sentence dates a past event
    ("In 1987, a flood in Velmora killed 3,100 people.", "3,100", "deaths (1987)"),
    # a bare number after a count: another estimate of it, or a total of it
    ("About 70 ships were waiting on Monday, while the port said 60.", "60", "vessels held"),
    ("The toll in Velmora reached 310, bringing the combined tally to 450.", "450", "deaths combined"),
])
def test_measures_learned_from_the_claims_own_words(tmp_path, sentence, number, measure):
    (tmp_path / "page.txt").write_text("Published: 6 Feb 2023\n\n" + sentence + "\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    row = claims[claims.text.str.contains(number, regex=False)].iloc[0]
    assert row.measure == measure


@pytest.mark.parametrize("sentence, figure, measure", [
    ("A build-up of 300 ships has formed at the entrance.", "300", "vessels held"),
    ("Some 140 ships are expected to pass through the canal.", "Some 140", "vessels moving expected"),
    ("The freighters now stuck number 80.", "80", None),
    ("The queue includes 41 bulk carriers.", "41", "vessels [bulk carriers] held"),
    ("About 90 vessels now stuck in the lagoon were counted.", "About 90", "vessels held"),
    ("Thirteen foreign divers joined the team.", "Thirteen", "personnel [foreign divers]"),
    ("They carried 20,000 containers of grain.", "20,000", None),
    ("Two divers each accompany a boy out of the cave.", "Two", "personnel [divers] each"),
    ("The barrage blocked the river for six days.", "six", "duration [days]"),
    ("Clearing the jam could take four days, engineers said.", "four", "duration [days] needed"),
])
def test_counted_things_are_told_apart_by_kind_state_and_per_item_counts(sentence, figure, measure):
    assert measure_in(sentence, figure, places=[]) == measure


def measure_in(sentence: str, figure: str, places: list[str]) -> str | None:
    """The measure learned for ``figure`` of ``sentence`` (its own words and clause; story year 2023)."""
    f = next(f for f in figures.parse_figures(sentence) if f["text"] == figure)
    lo, hi = claimants.clause_span(sentence, f["start"], f["end"])
    counted = measures.counted_phrase(sentence, f["end"])
    return measures.learned_measure(f["kind"], counted, sentence[lo:hi], places, 2023, f["text"])


def test_the_same_thing_counted_on_two_pages_shares_a_measure_and_the_place_splits_it(tmp_path):
    (tmp_path / "a.txt").write_text("At least 912 people were killed in Velmora, officials said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The death toll in Velmora rose to 1,500 by Tuesday, the mayor said.\n\n"
                                    "In Egypt, 40 people died, the ministry said.\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    measures = dict(zip(claims.text, claims.measure))
    assert measures["At least 912"] == measures["1,500"] == "deaths"
    assert measures["40"] == "deaths in Egypt"


def test_claims_without_an_as_of_date_are_reconciled_and_drawn_without_crashing(tmp_path):
    from wiretrace import render

    (tmp_path / "a.txt").write_text("Exactly 912 people were killed, officials said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Exactly 5,000 people were killed, the mayor said.\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    assert claims.as_of_earliest.isna().all() and claims.as_of_latest.isna().all()
    distinct, verdicts = figures.reconcile(claims)
    assert list(verdicts.verdict) == ["unknown_time"]
    fig = render.claims_figure(distinct)
    assert "as of an unknown date not drawn" in fig.axes[0].get_title()


@pytest.mark.parametrize("sentence,claimant", [
    ("“The backlog will take days,” Odo Brennick, an engineer at the yard, told a briefing, adding that 300 ships "
     "were waiting.", "Odo Brennick, an engineer at the yard"),
    ("The stranded freighter is holding up an estimated $9.6bn of trade each day.", None),
    ("The president, who has called the flood a disaster, said more than 13,000 people were in shelters.",
     "The president"),
    ("In Velmora, just south of the dam, officials said as many as 1,500 homes were destroyed.", "officials"),
    ("He said 40 boats were ready.", "Mara Quillon"),
    ("It said 2,850 people were injured.", None),
])
def test_claimants_are_names_or_noun_phrases_never_clauses(sentence, claimant):
    f = figures.parse_figures(sentence)[-1]
    assert claimants.claimant_of(sentence, f["start"], f["end"], [], None, [], "Mara Quillon") == claimant


@pytest.mark.parametrize("sentence,claimant", [
    ("Two of the boys had lung infections, officials said on Tuesday.", "officials"),
    ("Some 300 ships were waiting, the Velmora Council on Trade and Shipping (VCTS) said.",
     "the Velmora Council on Trade and Shipping (VCTS)"),
    ("Flood toll rises to 237 dead, 600 wounded: senior health official", "senior health official"),
    ("Teams arrived from abroad, and the Velmora disaster agency said more than 2,400 people died.",
     "the Velmora disaster agency"),
    ("Odo Brennick on Tuesday (February 14, 2023) said that 35 people died.", "Odo Brennick"),
    ("Odo Brennick announced on Tuesday that 35 people died.", "Odo Brennick"),
    ("Some 200 ships waited at anchor, The Velmora Post reported Friday.", "The Velmora Post"),
    ("Separately, the harbour authority said 40 tugs were at work.", "the harbour authority"),
    ("Brennick said two divers would go with each boy.", "Odo Brennick"),
])
def test_claimants_after_the_figure_in_headlines_and_in_their_fullest_form(sentence, claimant):
    f = figures.parse_figures(sentence)[-1]
    previous = [{"start": 0, "end": 27, "text": "Harbour chief Odo Brennick", "canonical": None, "type": None}]
    assert claimants.claimant_of(sentence, f["start"], f["end"], [], None, previous) == claimant


def test_the_last_speaker_is_the_nearer_of_a_quotation_and_a_said_clause():
    raw = "“We are ready,” Mara Quillon said. Later Odo Brennick told reporters the quay was safe. He said 40 boats."
    quotes = [{"start": 1, "end": 13, "speaker": "Mara Quillon", "speaker_start": 16}]
    mentions = [{"start": 16, "end": 28, "text": "Mara Quillon", "canonical": None, "type": None},
                {"start": 41, "end": 53, "text": "Odo Brennick", "canonical": None, "type": None}]
    so_far = figures.ArticleSoFar(raw, quotes, mentions)
    so_far.move_to(raw.index("Later"))
    assert so_far.speaker() == "Mara Quillon"
    so_far.move_to(raw.index("He said"))
    assert so_far.speaker() == "Odo Brennick"


@pytest.mark.parametrize("sentence,figure,expected", [
    ("Velmora has seen its biggest flood since the 1953 flood, with 912 people dead on 6 February 2023.", "912",
     "2023-02-06"),
    ("On 7 February 2023 officials counted nearly 6,000 homes destroyed by Monday's flood of 6 February 2023.",
     "6,000", "2023-02-07"),
    ("The 2021 census counted 40,000 people.", "40,000", "2021"),
    ("Officials said 2,818 buildings collapsed, the biggest disaster since 1939, when a quake struck.", "2,818", None),
    ("The mayor said 35,000 people had died, the worst toll since the town's founding 100 years ago.", "35,000",
     None),
    ("Some 40 divers searched the flooded caves that killed a guide on 3 February 2023.", "40", None),
    ("A 7.8 magnitude quake that struck on 6 February 2023 left Velmora in ruins.", "7.8", "2023-02-06"),
    ("Searches for 12 miners were called off until 10 February 2023.", "12", None),  # a deadline
    ("The ship left on Monday (6 February 2023) with 40 crew.", "40", "2023-02-06"),
    ("Homes hit by Monday's flood and nearly 6,000 cars were lost.", "6,000", None),
])
def test_the_date_that_dates_a_figure_is_not_one_that_only_names_something(sentence, figure, expected):
    from datetime import date as day

    from wiretrace.timex import extract_timexes

    dated = [t for t in extract_timexes(sentence, day(2023, 2, 8)) if t.type == "DATE" and t.earliest]
    f = next(f for f in figures.parse_figures(sentence, [(t.start, t.end) for t in dated]) if f["text"].endswith(figure))
    chosen = figures.attached_date(sentence, f["start"], f["end"], dated, claimants.clause_span(sentence, f["start"], f["end"]))
    assert (chosen.value if chosen else None) == expected


@pytest.mark.parametrize("sentence,figure,measure", [
    ("A magnitude 7.8 earthquake struck Velmora and Ostrava.", "7.8", "magnitude"),
    ("The 6.1 magnitude quake hit southern Velmora.", "6.1", "magnitude"),
    ("An aftershock measuring 5.4 hit Velmora.", "5.4", "magnitude"),
    ("More than 100 aftershocks hit Velmora.", "More than 100", "aftershocks in Velmora"),
])
def test_a_magnitude_is_a_property_not_a_count_per_place(sentence, figure, measure):
    assert measure_in(sentence, figure, places=["Velmora"]) == measure


def test_figures_joined_by_and_count_what_their_own_verbs_say(tmp_path):
    (tmp_path / "flood.txt").write_text("Flood in Velmora\n\nThe flood has so far killed 237 people and injured "
                                        "639 others in Velmora, the health ministry said on Monday.\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path)).set_index("text")
    assert claims.at["237", "measure"] == "deaths" and claims.at["639", "measure"] == "injured"
    assert claims.at["237", "counted"] == "people"


def test_a_sentence_going_on_with_an_attributed_one_keeps_its_source(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Harbour queue\n\nAccording to Velmora Port tracking data there are more than 160 vessels waiting at either "
        "end of the canal. These include 41 bulk carriers and 24 crude tankers.\n\nThe queue on Wednesday included 40 "
        "bulk carriers hauling crops, Harbour data shows.\n\nSome 12 tugs were at work.\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path)).set_index("text").claimant
    assert list(claims) == ["Velmora Port tracking data"] * 3 + ["Harbour data", "(the outlet)"]


def test_the_outlets_own_figures_inside_attributed_sentences(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Quake\n\nAt least 40 people died when a magnitude-6.1 earthquake struck Velmora, officials said.\n\n"
        "Losses reach $2bn (£1.6bn) a day, according to the Orrow Harbour Board.\n\n"
        "Orrow counted 300 more deaths, bringing the combined toll to 1,200, officials said.\n\n"
        "Officials said the quake had a magnitude of 6.1.\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    by_text = dict(zip(claims.text, claims.claimant))  # "6.1" comes twice: checked on its own below
    assert by_text["At least 40"] == "officials" and by_text["300"] == "officials"
    assert by_text["$2bn"] == "the Orrow Harbour Board" and by_text["£1.6bn"] == "(the outlet)"  # a conversion
    assert by_text["1,200"] == "(the outlet)"  # the outlet's own sum
    assert claims[claims.text == "6.1"].claimant.tolist() == ["(the outlet)", "Officials"]  # modifier / predicate


def test_named_sources_of_data_and_sentences_that_go_on(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Queue\n\nThere are about 70 boats waiting, data compiled by Velmora Maritime shows. There were also 12 "
        "tankers.\n\nAn assessment by Orrow Freight suggests trade worth $3bn a day is held up.\n\n"
        "The Orrow Relief Council said 40 people were hurt. It said 12 were missing. Two of them were children.\n",
        encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path)).set_index("text").claimant
    assert claims["about 70"] == "Velmora Maritime" and claims["12"].tolist() == ["Velmora Maritime",
                                                                                 "The Orrow Relief Council"]
    assert claims["$3bn"] == "Orrow Freight"
    assert claims["Two"] == "The Orrow Relief Council"


def test_the_claims_figure_draws_any_number_of_claimants(tmp_path):
    from wiretrace import render

    for i in range(35):  # more claimants than any palette has colours
        (tmp_path / f"p{i:02d}.txt").write_text(f"Toll\n\nAt least {100 + i} people were killed on 6 February 2023, "
                                                  f"Mayor Odo Vrell{chr(97 + i // 26)}{chr(97 + i % 26)} said.\n", encoding="utf-8")
    distinct, _ = figures.reconcile(figures.extract_figures(wt.load_corpus(tmp_path)))
    assert distinct.claimant.nunique() == 35
    fig = render.claims_figure(distinct)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert len(labels) == 11 and labels[-1] == "25 other claimants"


def test_a_rising_toll_reads_as_one_series_and_a_long_series_is_compared_with_its_neighbours(tmp_path):
    for day, toll in ((6, 912), (7, 3000), (8, 3000), (9, 5000)):
        (tmp_path / f"d{day}.txt").write_text(f"Toll\n\nIn all {toll} people were killed, officials said on "
                                              f"{day} February 2023.\n", encoding="utf-8")
    distinct, verdicts = figures.reconcile(figures.extract_figures(wt.load_corpus(tmp_path)))
    table = figures.series(distinct)
    assert list(table.text) == ["912", "3000", "3000", "5000"]
    assert list(table.change) == ["first", "up", "same", "up"]
    assert list(table.step) == [1, 2, 3, 4] and set(table.measure) == {"deaths"}
    assert len(verdicts) == 6  # four claims of one measure: every pair

    many = pd.DataFrame([{"claim_id": f"c{i:03d}", "measure": "deaths", "kind": "count", "counted": "people",
                          "low": 100.0 + i, "high": 100.0 + i, "text": str(100 + i), "claimant": "officials",
                          "as_of_earliest": f"2023-02-{1 + i % 28:02d}", "as_of_latest": f"2023-02-{1 + i % 28:02d}",
                          "role": "body", "article_id": f"a{i:03d}"} for i in range(200)])
    _, verdicts = figures.reconcile(many)
    assert len(verdicts) == 200 * figures.NEIGHBOURS - sum(range(1, figures.NEIGHBOURS + 1))


@pytest.mark.parametrize("lead,as_of,later", [
    ("The governor said yesterday that 40 people had been rescued.", "2031-05-05", "2031-05-05"),  # the news day
    ("VELMORA, May 5 (Wirepress) - Rescuers have brought out 40 people.", "2031-05-05", "2031-05-05"),  # dateline
    ("Rescuers brought out 40 people on Tuesday, the governor said.", "2031-05-06", "2031-05-06"),  # its own date
    ("Rescuers have brought out 40 people, the governor said.", "2031-05-06", "2031-05-06"),  # no other: the page's
    ("The governor said on April 28 that 40 people had been rescued.", "2031-04-28", "2031-05-06"),  # too far back
    ("Rescuers have brought out 40 people. \u201cWe worked all day yesterday,\u201d one said.", "2031-05-06",
     "2031-05-06"),  # a quotation's day is its speaker's
])
def test_a_figure_without_a_date_is_as_of_its_news_day(tmp_path, lead, as_of, later):
    (tmp_path / "a.txt").write_text(f"Rescue\n\nPublished: Tuesday 6 May 2031\n\n{lead}\n\nThe camp held "
                                    "300 tents, aid workers said.\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    assert claims[claims.text == "40"].as_of_earliest.tolist() == [as_of]
    assert claims[claims.text == "300"].as_of_earliest.tolist() == [later]


def test_a_page_states_place_and_state_once_and_its_next_figures_keep_them(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Flood\n\nThe death toll in Egypt rose to 912, officials said. Another 5,000 people were injured.\n\n"
        "The river rose again. Roads were shut. Schools stayed closed.\n\n"
        "Officials counted 60 boats waiting at the dam. Among them were 14 oil tankers.\n\n"
        "Egypt lost $2bn a day, and turnout in the vote fell to 61 percent.\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    measures = dict(zip(claims.text, claims.measure))
    assert measures["912"] == "deaths in Egypt" and measures["5,000"] == "injured in Egypt"  # the next sentence
    assert measures["60"] == "vessels held"  # three sentences on: no place carried
    assert measures["14"] == "vessels [oil tankers] held"  # the state of the boats before them
    assert measures["$2bn"] == "money USD per day"  # a sum is not counted per place
    assert dict(zip(claims.text, claims.kind))["61"] == "percent" and measures["61"] == "share"


def claims_of(tmp_path, pages: dict[str, str]):
    """The claims of a corpus of the given pages, written into ``tmp_path``."""
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return figures.extract_figures(wt.load_corpus(tmp_path))


def test_a_title_as_claimant_is_named_by_the_page_when_it_names_one_holder(tmp_path):
    claims = claims_of(tmp_path, {
        "a.txt": "Harbour\n\nSome 35 barges will leave the harbour by Friday, its chairman said.\n\n"
                 "Velmora Port Authority chairman Ana Lode said the queue would clear. Chairman Lodes thanked the crews.\n",
        # two governors named: which one said it, the page does not say
        "b.txt": "Flood\n\nSome 40 homes were lost, the governor said.\n\nGovernor Tam Orri met governor Ilse Vence.\n"})
    claimants = dict(zip(claims.text, claims.claimant))
    assert claimants["Some 35"] == "its chairman (Ana Lode)"
    assert claimants["Some 40"] == "the governor"


def test_a_vague_count_takes_the_measure_two_other_counts_of_the_same_number_agree_on(tmp_path):
    pages = {"a.txt": "Mine\n\nRescuers said 17 miners were trapped underground on Monday.\n",
             "b.txt": "Mine\n\nThe 17 miners trapped in the shaft were given food.\n",
             "c.txt": "Mine\n\nDoctors are ready to treat the 17 when they come out.\n",
             "d.txt": "Mine\n\nOfficials said 17 people attended the meeting.\n",
             "f.txt": "Mine\n\nFamilies waited for the 17 people all night.\n",
             "e.txt": "Dam\n\nThe 9 were seen near the dam, where 9 boats were waiting.\n"}
    claims = claims_of(tmp_path, pages).set_index("article_id")
    assert claims.measure["c"] == claims.measure["a"] == "trapped"
    lenders = f"a:{claims.start['a']}-{claims.end['a']}, b:{claims.start['b']}-{claims.end['b']}"
    assert claims.measure_rule["c"] == f"as 2 other claims of the same number count it ({lenders})"
    assert claims.measure["f"] == "trapped"  # "17 people" says no more than the two others
    assert claims.measure["d"] == "people attended"  # "17 people attended" says what they did
    assert claims.measure_rule["a"] == "its own words"
    nine = claims.loc["e"].set_index("start")
    assert nine.measure.isna().tolist() == [True, False] and nine.measure.iloc[1] == "vessels held"  # one donor: not enough


def test_another_adds_to_a_count_only_when_the_page_counted_the_same_thing_before(tmp_path):
    (tmp_path / "a.txt").write_text("Cave\n\nFour boys were rescued on Sunday. Another four boys were rescued on Monday, "
                                    "and another 50 people were injured in the crush.\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    assert claims.measure.tolist() == ["rescued", "rescued more", "injured"]


def test_a_number_that_counts_different_things_lends_no_measure(tmp_path):
    pages = {"a.txt": "Port\n\nTwo ships were stuck in the channel on Monday.\n",
             "b.txt": "Port\n\nTwo ships were stuck near the lock.\n",
             "c.txt": "Port\n\nTwo divers were injured during the salvage.\n",
             "d.txt": "Port\n\nTwo divers were injured when a cable snapped.\n",
             "e.txt": "Port\n\nOfficials said two people would speak on Friday.\n"}
    claims = claims_of(tmp_path, pages).set_index("article_id")
    assert claims.measure["e"] == "people" and claims.measure_rule["e"] == "its own words"


@pytest.mark.parametrize("sentence,as_of", [
    # a time with its day dates the figure; the page is of Thursday 8 May 2031, its news day Wednesday
    ("The 9 miners were reached by rescuers late Monday night in the shaft.", "2031-05-05"),
    ("Some 9 miners were reached at 6 a.m. on Tuesday.", "2031-05-06"),
    # a clock time names no day: the figure keeps its own date
    ("Some 9 miners were reached on Monday, around 10:25 GMT.", "2031-05-05"),
    # the same moment restated in another zone is not another day
    ("Some 9 barges will pass by 1900 local time (2am Saturday Velmoran time) on Friday.", "2031-05-09"),
    # a date after "after" dates that clause, not the figure (which is as of the news day)
    ("Officials said the 9 are in stable condition and have eaten after they were reached on Monday.",
     "2031-05-07"),
])
def test_a_figure_is_dated_by_a_day_its_own_clause_names(tmp_path, sentence, as_of):
    claims = claims_of(tmp_path, {"a.txt": "Mine\n\nPublished: Thursday 8 May 2031\n\nRescuers worked through "
                                           f"the night, officials said on Wednesday.\n\n{sentence}\n"})
    assert claims[claims.text.isin(["9", "The 9", "Some 9", "the 9"])].as_of_earliest.tolist() == [as_of]


def test_a_page_and_the_corpus_lend_a_count_its_place_and_a_bare_number_its_group(tmp_path):
    claims = claims_of(tmp_path, {
        "a.txt": "Flood\n\nFloods in Italy killed 40 people on Monday.\n\nThe river rose again overnight. Roads were "
                 "shut. Schools stayed closed. Power failed.\n\nBy Tuesday 52 people had died, the mayor said.\n",
        "b.txt": "Flood\n\nSome 75 people were killed in France, officials said.\n",
        "c.txt": "Flood\n\nFloods killed 75 people in France, the governor said.\n",
        "d.txt": "Flood\n\nFloods killed 75 people, aid workers said.\n",
        "e.txt": "Mine\n\nDivers reached the 9 on Monday.\n",
        "f.txt": "Mine\n\nHow to get the 9 out is not yet known.\n",
        "g.txt": "Mine\n\nRescuers freed three of the 9 miners on Monday.\n"})
    measures = dict(zip(claims.article_id + ":" + claims.text, claims.measure))
    assert measures["a:52"] == "deaths in Italy"  # the page counted deaths in one place before
    assert measures["d:75"] == "deaths in France"  # two other pages place the same count
    assert measures["e:9"] == measures["f:9"] == "group [the 9]"  # one group named by its number
    assert measures["g:three"] == "rescued" and pd.isna(measures["g:9"])  # the whole of a part is not what was freed


def test_a_bare_number_between_two_counts_leaves_the_next_claimant_to_the_names_before(tmp_path):
    # the second figure takes the first's measure; the third's claimant still reads the page's names
    claims = claims_of(tmp_path, {"a.txt": "Port\n\nThe Velmora Port Authority opened the lock.\n\nAbout 70 ships "
                                           "were waiting on Monday, while the port said 60, and the authority said "
                                           "12 more ships had left.\n"})
    assert list(claims.measure) == ["vessels held", "vessels held", "vessels moving more"]
    assert list(claims.claimant) == ["(the outlet)", "the port", "the authority"]


def test_a_quoted_today_a_second_clause_and_a_second_headline_have_their_own_day(tmp_path):
    # a paper dated Tuesday 2030-05-14 whose news day is Monday
    page = (" date 2030-05-14 Three trapped miners freed from flooded shaft, rest to be reached Friday\n\n"
            "PORTVALE: Nine fishermen were rescued on Monday after their trawler sank off the coast, the coastguard said.\n\n"
            "\"Today we brought nine men home safely,\" the coastguard chief told reporters.\n\n"
            "Six climbers were found on Sunday and the last two were brought down on Monday.\n")
    claims = claims_of(tmp_path, {"a.txt": page})
    as_of = {t: (e, l) for t, e, l in zip(claims.text, claims.as_of_earliest, claims.as_of_latest)}
    monday, sunday = ("2030-05-13", "2030-05-13"), ("2030-05-12", "2030-05-12")
    assert as_of["nine"] == monday  # "today" in the quotation is the day it was said, the news day
    assert as_of["two"] == monday and as_of["Six"] == sunday  # each clause of the "and" pair its own
    assert as_of["Three"] == monday  # "Friday" dates the second headline after the comma


def test_a_reprint_dated_after_its_copy_tells_news_from_the_copys_day_on(tmp_path):
    body = ("Rescue teams searching the flooded quarry near Dunmere brought out 14 workers, the regional fire "
            "service said in a statement on its website. Another 23 workers remain trapped in a lower gallery, "
            "where water levels rose sharply after heavy rain. The service said 120 firefighters and 40 "
            "volunteers were taking part in the operation, which it expects to last several more days.\n")
    claims = claims_of(tmp_path, {"a.txt": " date 2030-05-14 Quarry rescue continues\n\n" + body,
                                  "b.txt": " date 2030-05-16 Quarry rescue continues\n\n" + body})
    got = {(a, t): (e, l) for a, t, e, l in zip(claims.article_id, claims.text, claims.as_of_earliest,
                                                 claims.as_of_latest)}
    assert got[("a", "23")] == ("2030-05-14", "2030-05-14")
    assert got[("b", "23")] == ("2030-05-14", "2030-05-16")  # not pretended to be the reprint's own day


@pytest.mark.parametrize("sentence, number, measure", [
    # a batch adds to the running total; what is left, and a part of a named group, are not it
    ("Rescuers freed 20 miners on Monday. The last six miners were brought out on Tuesday.", "six", "rescued more"),
    ("The last 61 ships were still waiting.", "61", "vessels held remaining"),
    ("The ten residents from the first group evacuated were all in good health.", "ten", "displaced more"),
    ("Three of the miners were brought out on Sunday.", "Three", "rescued more"),  # a batch, as "another three"
    ("Three of 9 miners were freed on Sunday.", "Three", "rescued"),
    ("Divers hope the five remaining pupils are rescued today.", "five", "people remaining"),
    ("The remaining eight boys were rescued on Tuesday.", "eight", "rescued remaining"),
    ("Officials said 95 ships would pass by noon and a further 45 by midnight.", "45", "vessels moving expected more"),
])
def test_a_batch_a_part_and_what_is_left_are_not_the_running_total(tmp_path, sentence, number, measure):
    claims = claims_of(tmp_path, {"page.txt": "Published: 6 Feb 2031\n\n" + sentence + "\n"})
    assert claims.set_index("text").measure[number] == measure


def test_a_count_lends_what_it_counts_without_its_own_part(tmp_path):
    texts = ["Four more pupils were rescued on Monday.", "Four more pupils were brought out on Monday.",
             "Four pupils were rescued on Sunday.", "A helicopter flew the four pupils to hospital."]
    pages = {f"{name}.txt": f"Published: {6 + i} Feb 2031\n\n{text}\n" for i, (name, text) in enumerate(zip("abcd", texts))}
    claims = claims_of(tmp_path, pages).set_index("article_id")
    assert claims.measure["d"] == "rescued"  # not "rescued more": only a figure's own words say so


def test_a_magnitude_is_as_of_the_day_the_page_gives_its_event(tmp_path):
    page = (" date 2030-03-06 Quake\n\nA 6.9 magnitude earthquake struck the coast of Velmora, officials said.\n\n"
            "Tuesday's earthquake flattened 300 homes.\n")
    claims = claims_of(tmp_path, {"a.txt": page}).set_index("text")
    assert (claims.as_of_earliest["6.9"], claims.as_of_latest["6.9"]) == ("2030-03-05", "2030-03-05")


def test_each_claim_says_what_dated_it(tmp_path):
    page = (" date 2030-03-06 Quake\n\nA 6.9 magnitude earthquake struck the coast of Velmora, officials said.\n\n"
            "Tuesday's earthquake flattened 300 homes.\n\nRescuers said 40 people were pulled out on Monday.\n\n"
            "Some 120 volunteers joined them.\n")
    undated = "Flood\n\nThe river rose and 15 homes were flooded, the mayor said.\n"
    plain = " date 2030-03-06 Fire\n\nSome 30 firefighters fought the blaze at the depot.\n"
    claims = claims_of(tmp_path, {"a.txt": page, "b.txt": undated, "c.txt": plain}).set_index("text")
    assert claims.as_of_rule["6.9"] == "the day the page gives the event it measures ('Tuesday')"
    assert claims.as_of_rule["40"] == "the date its sentence gives it ('Monday')"
    assert claims.as_of_rule["Some 120"] == "the page's news day ('Monday')"  # a paper of Wednesday
    assert claims.as_of_rule["Some 30"] == "the page's story date (stated)"
    assert claims.as_of_rule["15"] == "unknown: the page's story date is unknown"


def test_a_relative_date_is_not_pinned_to_a_day_when_the_story_date_is_open_ended(tmp_path):
    # the claim filed in March 2031 dates the page on or after 2031-03-01; it may be months later,
    # so "Monday" names no one day and the figures keep the page's open interval
    (tmp_path / "page.txt").write_text(
        "The harbour board said on Monday it would cut its claim to 550 million dollars.\n\n"
        "The board first filed the claim against the ferry owner in March 2031.\n\n"
        "The owner has offered 150 million dollars, the board said.\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    rows = claims[claims.text.str.contains("million")]
    assert sorted(rows.text) == ["150 million dollars", "550 million dollars"]
    assert set(rows.as_of_earliest) == {"2031-03-01"} and rows.as_of_latest.isna().all()


def test_each_claim_is_written_into_the_reasons_once_however_many_pairs_it_is_in(tmp_path, monkeypatch):
    for name, toll in {"a": "912", "b": "5,000", "c": "7,300", "d": "12,000"}.items():
        (tmp_path / f"{name}.txt").write_text(f"Exactly {toll} people were killed in Velmora, the mayor said.\n",
                                              encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    written, real = [], figures._interval
    monkeypatch.setattr(figures, "_interval", lambda c: written.append(c["claim_id"]) or real(c))
    distinct, verdicts = figures.reconcile(claims)
    assert len(distinct) == 4 and len(verdicts) == 6 and set(verdicts.verdict) == {"unknown_time"}
    assert sorted(written) == sorted(distinct.claim_id)
    assert "912 [912, 912] (the mayor, as of unknown…unknown)" in verdicts.reasons.iloc[0]
    assert figures._records(distinct) == distinct.to_dict("records")
