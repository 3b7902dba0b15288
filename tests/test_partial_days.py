"""Alike wording is no derivation when two texts write out different days (issue 18).

Notices of one kind (two clubs' regattas, two councils' hearings) are worded alike and in the same
order, and may give too few figures for the figures to tell them apart; the days they write out
are their own events'. A rewrite keeps the days its source gives. All names, places, days and
numbers below are invented.
"""
from __future__ import annotations

import wiretrace as wt
from wiretrace.relations import relation, text_days
from wiretrace.reuse import find_duplicates

HARWICK = [
    "The Harwick Rowing Club will hold its spring regatta on the Lenne on May 14, with heats for junior crews starting at dawn.",
    "Boats must be registered with the club secretary, Ilse Varga, by April 30, the club said in a notice to members.",
    "Spectators may watch from the east bank, where the Harwick scouts will sell tea and buns.",
]
DUNMORE = [  # another club's notice, in the same kind of words and order, on other days
    "Dunmore Sculling Club's summer regatta on the Avel will be held on June 21, and novice crews race their heats from noon.",
    "Members were told in a letter that the club treasurer, Tomas Reyne, must have every boat entered by June 2.",
    "From the west bank spectators can follow the racing, and the Dunmore guides will sell lemonade and cakes.",
]
HARWICK_REWRITTEN = [  # Harwick's notice rewritten by a local paper: other words, the same days
    "Junior crews open the Harwick Rowing Club's spring regatta at dawn on May 14, racing their heats on the Lenne.",
    "Club secretary Ilse Varga is taking boat registrations until April 30, members were told.",
    "Tea and buns from the Harwick scouts await spectators on the east bank.",
]
OTHER = {
    "ferry": ["The island ferry will run an extra crossing on Saturdays through the summer, the harbour office said.",
              "Timetables are posted at the pier and on the council notice board.",
              "Passengers with bicycles should board first, the crew asked."],
    "choir": ["The town choir rehearses on Thursday evenings in the old chapel and welcomes new singers.",
              "This season it will perform folk songs from the valley at the autumn fair.",
              "Tea and biscuits are served after each rehearsal."],
    "garden": ["Allotment holders met on Sunday to plan the spring planting of beans and onions.",
               "A new water tap will be fitted near the gate before the thaw.",
               "The waiting list for a plot now has eleven names."],
}


def _pairs(tmp_path):
    pages = {"harwick": HARWICK, "dunmore": DUNMORE, "harwick-rewritten": HARWICK_REWRITTEN, **OTHER}
    for name, sentences in pages.items():
        (tmp_path / f"{name}.txt").write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    found = find_duplicates(wt.load_corpus(tmp_path))
    return {(p.a, p.b): p for p in found.itertuples()}


def test_notices_of_two_clubs_worded_alike_on_other_days_are_not_derived_from_one_another(tmp_path):
    pairs = _pairs(tmp_path)
    assert ("dunmore", "harwick") not in pairs  # other days: other events, however alike the words
    assert ("dunmore", "harwick-rewritten") not in pairs
    rewritten = pairs[("harwick", "harwick-rewritten")]  # a rewrite keeps its source's days
    assert rewritten.relation in ("partial", "copy")


def test_days_decide_alike_wording_only_when_both_texts_write_out_two_days_and_share_none():
    alike = {"carried_a_in_b": 0.1, "carried_b_in_a": 0.1, "longest_passage": 0, "reworded": 0.3, "ordered": 0.2}

    def days(in_a, in_b, shared):  # the facts of a pair: no figures to tell, these days
        return lambda: {"figures": (0, 1, 0), "days": (in_a, in_b, shared)}
    kind, rule = relation(alike, 0.01, 0.5, days(2, 3, 0))
    assert kind == "none" and "2 and 3 days and share none" in rule
    assert relation(alike, 0.01, 0.5, days(2, 3, 1))[0] == "partial"  # one day shared: a rewrite may add days
    assert relation(alike, 0.01, 0.5, days(1, 3, 0))[0] == "partial"  # one day apiece says too little
    passage = {**alike, "longest_passage": 3}
    assert relation(passage, 0.06, 0.5, days(2, 3, 0))[0] == "partial"  # a carried passage is a derivation still
    assert text_days("Entries close on 21 September 2031, and the race is on Oct. 9; see you on 9 October.") == \
        {"--10-09", "--09-21"}


def test_the_facts_of_a_story_are_read_only_for_pairs_alike_in_wording_alone(tmp_path):
    """Reading a story's days costs about a millisecond: copies, carried passages and texts not
    alike at all never need them."""
    read = []

    def facts():
        read.append(1)
        return {"figures": (0, 0, 0), "days": (0, 0, 0)}
    alike = {"carried_a_in_b": 0.1, "carried_b_in_a": 0.1, "longest_passage": 0, "reworded": 0.3, "ordered": 0.2}
    assert relation({**alike, "carried_a_in_b": 0.9}, 0.5, 0.5, facts)[0] == "copy"
    assert relation({**alike, "longest_passage": 3}, 0.06, 0.5, facts)[0] == "partial"
    assert relation({**alike, "reworded": 0.1, "ordered": 0.05}, 0.01, 0.5, facts)[0] == "none"
    assert read == []
    assert relation(alike, 0.01, 0.5, facts)[0] == "partial" and read == [1]
