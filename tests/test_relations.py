"""Copies decided from aligned passages: excerpts, reworded copies, partial derivations, unrelated stories."""
from __future__ import annotations

import wiretrace as wt
from wiretrace.reuse import clusters, find_duplicates

SOURCE = [
    "Floodwaters swept through the river town of Marlow on Sunday, forcing hundreds of residents from their homes.",
    "Rescue crews in boats reached the flooded streets of Marlow before dawn, the town's mayor, Jane Osei, said.",
    "Residents of the lower town said the floodwaters reached the first floor of their homes within an hour.",
    "Engineers warned that the river could rise again as more rain falls upstream of the town this week.",
    "The town council opened the school gym as a shelter for residents forced from flooded homes.",
    "Volunteers from nearby villages brought sandbags, blankets and hot food to the shelter on Sunday evening.",
    "The regional government said it would send two army trucks and a mobile kitchen to Marlow on Monday.",
    "Insurers said it was too early to estimate the cost of the damage to homes and shops in the town.",
]
REWORDED = [
    "Flood waters tore through the riverside town of Marlow on Sunday, driving hundreds of residents out of their houses.",
    "Rescue teams in boats got to the flooded streets of Marlow before dawn, the town's mayor Jane Osei said.",
    "People in the lower town said the flood water had reached the first floor of their homes in an hour.",
    "Engineers cautioned that the river might rise again as more rain falls upstream from the town this week.",
]
OTHER = [
    "Farmers in the Ossian valley began the grape harvest early this year after a dry summer, growers said.",
    "About 40 families work the terraces above the river, and most sell their grapes to one cooperative.",
    "The cooperative said prices would hold steady despite a smaller crop than last year.",
]


def pairs_of(tmp_path, pages: dict[str, list[str]]):
    for name, sentences in pages.items():
        (tmp_path / f"{name}.txt").write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    pairs = find_duplicates(corpus)
    return corpus, {(p.a, p.b): p for p in pairs.itertuples()}, pairs


def test_an_excerpt_of_the_first_paragraphs_is_a_copy(tmp_path):
    _, pairs, _ = pairs_of(tmp_path, {"full": SOURCE, "excerpt": SOURCE[:3], "other": OTHER})
    pair = pairs[("excerpt", "full")]
    assert pair.relation == "copy" and pair.carried_a_in_b == 1.0 and pair.carried_b_in_a < 0.5
    assert list(pairs) == [("excerpt", "full")]


def test_a_reworded_copy_is_a_copy_though_it_shares_few_shingles(tmp_path):
    _, pairs, _ = pairs_of(tmp_path, {"source": SOURCE, "reworded": REWORDED, "other": OTHER})
    pair = pairs[("reworded", "source")]
    assert pair.relation == "copy" and pair.containment_a_in_b < 0.35 and pair.carried_a_in_b == 1.0


def test_a_story_that_takes_one_passage_is_a_partial_derivation_in_its_own_cluster(tmp_path):
    mixed = OTHER + SOURCE[4:6] + ["The harvest festival will go ahead in October, the organisers said.",
                                   "Tickets for the wine fair sold out within a day, the cooperative said.",
                                   "Growers expect a second, smaller harvest of late grapes in November.",
                                   "The valley's wine museum will open a new hall for visitors next spring."]
    corpus, pairs, table = pairs_of(tmp_path, {"source": SOURCE, "mixed": mixed})
    pair = pairs[("mixed", "source")]
    assert pair.relation == "partial" and pair.longest_passage == 2 and pd_isna(pair.cluster)
    raw = corpus["mixed"].raw
    assert raw[pair.passage_a_start:pair.passage_a_end] == SOURCE[4] + "\n\n" + SOURCE[5]
    assert clusters(corpus, table).groupby("cluster").size().max() == 1  # a partial derivation joins nothing


def test_independent_stories_are_not_related(tmp_path):
    _, pairs, _ = pairs_of(tmp_path, {"source": SOURCE, "other": OTHER})
    assert pairs == {}


def pd_isna(value) -> bool:
    return value is None or value != value
