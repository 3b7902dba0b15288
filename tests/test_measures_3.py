"""Measures learned from a claim's own words (issue 15): where a part of a toll is when the page
told it once, what a bound count states, who takes part in an operation, a change and an added time are
not a share or a duration, and a place or a state that tells of other things. Invented sentences only."""
from __future__ import annotations

import pytest

import wiretrace as wt
from wiretrace import figures


def measures_of(tmp_path, *pages: str) -> dict[str, str]:
    """Figure text -> measure over one corpus of ``pages`` (the last page's claims win a tie)."""
    for n, text in enumerate(pages):
        (tmp_path / f"page{n}.txt").write_text(f"Published: 6 Feb 2031\n\n{text}\n", encoding="utf-8")
    claims = figures.extract_figures(wt.load_corpus(tmp_path))
    return dict(zip(claims.text, claims.measure))


def test_a_part_of_a_toll_takes_the_one_place_the_page_counted_the_toll_in(tmp_path):
    found = measures_of(tmp_path, "At least 40 people were killed in Libya on Monday, officials said.\n"
                                  "The storm also flooded roads overnight.\nA relief convoy left the capital at dawn.\n"
                                  "The ministry said 310 buildings collapsed and 95 people were injured.\n"
                                  "Roads were shut.\nOfficials counted 60 boats waiting at the dam.")
    assert found["310"] == "buildings in Libya" and found["95"] == "injured in Libya"
    assert found["60"] == "vessels held"  # boats are no part of a toll


def test_a_part_of_a_toll_is_not_given_a_place_when_the_page_counted_the_toll_in_two(tmp_path):
    found = measures_of(tmp_path, "At least 40 people were killed in Libya on Monday. Twelve were injured in Italy.\n"
                                  "The storm also flooded roads overnight.\nA relief convoy left the capital at dawn.\n"
                                  "The ministry said 310 buildings collapsed.")
    assert found["310"] == "buildings"


def test_a_bound_count_lends_its_place_to_the_same_number_stated_plainly(tmp_path):
    found = measures_of(tmp_path, "At least 417 people were killed in Libya, the ministry said.",
                        "The storm killed at least 417 people in Libya.",
                        "\"So far 417 of our people have died,\" the minister said.")
    assert found["417"] == "deaths in Libya"


@pytest.mark.parametrize("text, number", [
    ("Around 600 people are taking part in the search operation, the governor said.", "Around 600"),
    ("About 250 people were involved in the relief efforts.", "About 250"),
])
def test_people_taking_part_in_an_operation_are_personnel(tmp_path, text, number):
    assert measures_of(tmp_path, text)[number] == "personnel"


def test_a_percentage_something_changed_by_is_a_change_not_a_share(tmp_path):
    found = measures_of(tmp_path, "The port handles 15% of the region's exports. Last week the firm cut its "
                                  "demand by 40 percent.")
    assert found["15"] == "share" and found["40"] == "change"


def test_time_added_to_a_journey_is_not_how_long_something_lasted(tmp_path):
    found = measures_of(tmp_path, "The strike halted the line for six days. The new route adds about 900 km "
                                  "to each trip and up to 12 days.")
    assert found["six"] == "duration [days]" and found["up to 12"] == "duration [days] added"


def test_a_place_a_distance_is_measured_from_is_not_where_a_count_is(tmp_path):
    found = measures_of(tmp_path, "He said that dozens of buildings have fallen in the valley, some 8 km from "
                                  "Libya's coast.")
    assert found["dozens"] == "buildings"


def test_a_state_with_a_place_of_its_own_tells_of_other_things(tmp_path):
    found = measures_of(tmp_path, "Crews looked for people trapped under the ruins of 300 collapsed "
                                  "buildings. A backlog of 220 ships built up at the port.")
    assert found["300"] == "buildings" and found["220"] == "vessels held"
