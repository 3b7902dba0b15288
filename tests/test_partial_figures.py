"""Alike wording is no derivation when two texts report different facts: figures or days (issue 18).

Reports of different events of one kind (two companies' results; two matches) are worded alike
and in the same order, and in a corpus of many stories their shared vocabulary is as rare as a
story's own names: the order-keeping rewording score alone called them partial derivations. A
rewrite keeps the figures it reports; texts that each give several figures and share none
report different facts; so do texts that each write out several days and share none. All names,
places, days and numbers below are invented.
"""
from __future__ import annotations

import wiretrace as wt
from wiretrace.relations import relation, text_days
from wiretrace.reuse import find_duplicates

KESTREL = [
    "Kestrel Tiles said on Tuesday its yearly profit climbed to 4,310 thousand crowns, helped by strong demand for roof tiles.",
    "The Varnholm maker lifted its dividend to 145 crowns a share and will pay holders on the register next month.",
    "Sales across its northern plants grew to 61,250 thousand crowns, while costs for clay and fuel eased.",
    "Kestrel shares ended the session at 2,415 crowns on the Varnholm bourse.",
]
OSPREY = [  # another company's results, in the same kind of words and order, with other figures
    "Osprey Looms, the Tarrow weaver, said on Wednesday that profit for the year climbed to 7,940 thousand crowns.",
    "Its board raised the dividend to 210 crowns a share, to be paid to shareholders listed at the end of next month.",
    "Sales of wool cloth from its southern mills grew to 98,730 thousand crowns as yarn and power costs eased.",
    "In Tarrow bourse trading, Osprey shares ended at 1,180 crowns.",
]
KESTREL_REWRITTEN = [  # Kestrel's report rewritten by another paper: other words, the same figures
    "Roof-tile maker Kestrel Tiles has posted a yearly profit of 4,310 thousand crowns on brisk demand, it said Tuesday.",
    "Shareholders will get a dividend of 145 crowns a share next month, the Varnholm company said.",
    "Its northern plants sold goods worth 61,250 thousand crowns as clay and fuel became cheaper.",
    "On the Varnholm bourse the stock finished at 2,415 crowns.",
]
OTHER = {
    "ferry": ["The island ferry will run an extra crossing on Saturdays through the summer, the harbour office said.",
              "Timetables are posted at the pier and on the council notice board.",
              "Passengers with bicycles should board first, the crew asked."],
    "choir": ["The town choir rehearses on Thursday evenings in the old chapel and welcomes new singers.",
              "This season it will perform folk songs from the valley at the autumn fair.",
              "Tea and biscuits are served after each rehearsal."],
    "garden": ["Allotment holders met on Sunday to plan the spring planting of beans and onions.",
               "A new water tap will be fitted near the gate before April.",
               "The waiting list for a plot now has eleven names."],
}


def _pairs(tmp_path, pages=None):
    """The related pairs of ``pages`` (name -> sentences; by default the three company reports)
    beside three unrelated pages, by (a, b)."""
    pages = {**(pages or {"kestrel": KESTREL, "osprey": OSPREY, "kestrel-rewritten": KESTREL_REWRITTEN}), **OTHER}
    for name, sentences in pages.items():
        (tmp_path / f"{name}.txt").write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    found = find_duplicates(wt.load_corpus(tmp_path))
    return {(p.a, p.b): p for p in found.itertuples()}


def test_reports_of_two_companies_results_worded_alike_are_not_derived_from_one_another(tmp_path):
    pairs = _pairs(tmp_path)
    assert ("kestrel", "osprey") not in pairs  # different figures: different facts, however alike the words
    assert ("kestrel-rewritten", "osprey") not in pairs
    rewritten = pairs[("kestrel", "kestrel-rewritten")]  # a rewrite keeps its source's figures
    assert rewritten.relation in ("partial", "copy")


def test_the_figures_of_a_text_are_its_numbers_of_three_or_more_digits():
    from wiretrace.relations import text_figures

    assert text_figures("Profit rose 12% to 4,310 thousand, or 1.9 a share, on 28 May 2013; the toll was ١٢٠.") == \
        frozenset({"4310", "2013", "120"})
    assert text_figures("On 3 May, 11 of the 14 boats came back.") == frozenset()


def test_figures_are_numbers_of_three_digits_or_more_in_ascii():
    from wiretrace.relations import text_figures

    text = "In 2031 the 1,200 ferries (12.5 tonnes; 1.5; 99; 7,5) carried ٣٤٥ crates, 0.75 of them, w1234; 1.2.3"
    assert text_figures(text) == {"2031", "1200", "12.5", "345", "0.75", "1234", "1.2.3"}
    assert text_figures("12 and 3.4, 5,6") == frozenset() and text_figures("56,7") == {"567"}


def test_the_figure_pattern_finds_every_number_of_three_digits_or_more_and_nothing_else():
    """A guard for the pattern's speed-ups: on random strings it finds what a plain reading finds
    (every run of digits joined by single points or commas, kept when it holds three digits or more)."""
    import random
    import re

    from wiretrace.relations import _FIGURE

    numbers = re.compile(r"(?<!\d)\d+(?:[.,]\d+)*")
    rng = random.Random(23)
    for _ in range(50_000):
        text = "".join(rng.choice("0123456789.,, a٣٤x") for _ in range(rng.randint(0, 16)))
        expected = [n for n in numbers.findall(text) if sum(c.isdigit() for c in n) >= 3]
        assert _FIGURE.findall(text) == expected, repr(text)


# Days are facts too: notices of one kind (two clubs' regattas) may give too few figures to tell
# apart, and the days they write out are their own events'; a rewrite keeps its source's days.
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


def test_notices_of_two_clubs_worded_alike_on_other_days_are_not_derived_from_one_another(tmp_path):
    pairs = _pairs(tmp_path, {"harwick": HARWICK, "dunmore": DUNMORE, "harwick-rewritten": HARWICK_REWRITTEN})
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
