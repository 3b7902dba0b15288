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


REWRITTEN = [  # SOURCE told again in other words and another order: no two carried sentences in a row
    "A shelter for those forced from flooded homes was opened by the council in the school gym.",
    "On Sunday floodwaters swept through the river town of Marlow and hundreds of people had to leave their homes.",
    "Within an hour the water was up to the first floor of houses in the lower town, people living there said.",
    "Sandbags, blankets and hot food were brought to the shelter by volunteers from villages nearby.",
    "Mayor Jane Osei said boats with rescuers were in the flooded streets of Marlow before it was light.",
    "More rain upstream this week could make the river rise again, according to engineers.",
]
SAME_EVENT = [  # the same flood, the same names and places, written independently
    "Jane Osei has been mayor of Marlow for six years and grew up in the lower town.",
    "She spent Sunday at the school gym, where the council has set up beds and a kitchen.",
    "The river last flooded Marlow in 1998, when the water stayed for a week.",
    "Shopkeepers on the high street piled sandbags at their doors on Sunday evening.",
]


def test_a_story_rewritten_in_another_order_is_a_partial_derivation_by_its_reworded_sentences(tmp_path):
    corpus, pairs, _ = pairs_of(tmp_path, {"source": SOURCE, "rewritten": REWRITTEN, "same": SAME_EVENT,
                                           "other": OTHER})
    pair = pairs[("rewritten", "source")]
    assert pair.relation == "partial" and pair.longest_passage == 1 and pair.reworded >= 0.5
    assert pair.relation_rule.startswith("the texts are reworded from one another")
    assert corpus["rewritten"].raw[pair.passage_a_start:pair.passage_a_end] == REWRITTEN[1]  # the evidence
    assert corpus["source"].raw[pair.passage_b_start:pair.passage_b_end] == SOURCE[0]
    assert list(pairs) == [("rewritten", "source")]


def test_an_independent_report_of_the_same_event_is_not_reworded_from_it(tmp_path):
    from wiretrace.align import story_units
    from wiretrace.relations import REWORDED, SentenceWords

    corpus, _, _ = pairs_of(tmp_path, {"source": SOURCE, "rewritten": REWRITTEN, "same": SAME_EVENT, "other": OTHER})
    words = SentenceWords({**story_units(corpus, wt.annotate(corpus)), "empty": []})
    assert words.reworded("same", "source")[0] < REWORDED <= words.reworded("rewritten", "source")[0]
    assert words.reworded("other", "source")[0] < 0.1
    assert words.reworded("source", "source")[0] == 1.0
    assert words.reworded("empty", "source") == (0.0, None)


HEAVILY_REWORDED = [  # SOURCE with hardly a five-word sequence left: no shingle pass proposes it
    "Hundreds of Marlow residents had to leave their houses on Sunday when floodwaters swept the river town.",
    "Before dawn, boats carrying rescue crews were already in Marlow's flooded streets, mayor Jane Osei said.",
    "The water climbed to the first floor within an hour, said people living in the lower town.",
    "With more rain falling upstream this week, engineers warned the river could rise again.",
    "The council turned the school gym into a shelter for residents whose homes flooded.",
]


def test_a_heavily_reworded_story_is_proposed_by_its_words_and_found_partial(tmp_path):
    _, pairs, _ = pairs_of(tmp_path, {"source": SOURCE, "heavy": HEAVILY_REWORDED, "same": SAME_EVENT, "other": OTHER})
    pair = pairs[("heavy", "source")]
    assert max(pair.containment_a_in_b, pair.containment_b_in_a) < 0.02  # below what the shingle pass aligns
    assert pair.relation == "partial" and pair.reworded >= 0.4
    assert list(pairs) == [("heavy", "source")]  # the independent report of the same flood stays apart


def test_each_article_proposes_at_most_its_few_nearest_neighbours():
    import numpy as np

    from wiretrace.neighbours import NEIGHBOURS, neighbour_pairs

    rng = np.random.default_rng(0)
    words = [rng.integers(0, 400, 150).astype(np.uint32) for _ in range(60)]  # 60 articles of one vocabulary
    words[7] = words[3].copy()  # a copy
    pairs = neighbour_pairs(words)
    assert (3, 7) in pairs and len(pairs) <= NEIGHBOURS * len(words)
    assert all(i < j for i, j in pairs) and pairs == sorted(pairs)
    assert neighbour_pairs(words[:1]) == [] and neighbour_pairs([np.zeros(0, np.uint32)] * 3) == []


def test_neighbours_are_the_same_whatever_the_block_of_rows_and_tied_words_keep_their_order(monkeypatch):
    import numpy as np

    from wiretrace import neighbours

    rng = np.random.default_rng(3)
    words = [rng.integers(0, 300, int(rng.integers(0, 90))).astype(np.uint32) for _ in range(150)]
    words[11], words[40] = words[5].copy(), words[5][: len(words[5]) // 2].copy()  # a copy and an excerpt
    monkeypatch.setattr(neighbours, "BLOCK", 7)
    small = neighbours.neighbour_pairs(words)
    monkeypatch.setattr(neighbours, "BLOCK", 4000)
    assert neighbours.neighbour_pairs(words) == small and {(5, 11), (5, 40)} <= set(small)
    # every word once, so all weigh the same: an article keeps its first KEEP words, in word order
    monkeypatch.setattr(neighbours, "KEEP", 2)
    tied = [np.array([1, 2, 3], np.uint32), np.array([1, 2, 4], np.uint32), np.array([3, 4, 5], np.uint32)]
    assert neighbours.neighbour_pairs(tied) == [(0, 1)]


def test_a_derivation_keeps_its_sources_order_and_an_independent_report_does_not(tmp_path):
    from wiretrace.align import story_units
    from wiretrace.relations import ORDERED, SentenceWords

    shuffled = [REWORDED[i] for i in (3, 0, 2, 1)]
    corpus, _, _ = pairs_of(tmp_path, {"source": SOURCE, "reworded": REWORDED, "shuffled": shuffled,
                                       "same": SAME_EVENT, "other": OTHER})
    words = SentenceWords({**story_units(corpus, wt.annotate(corpus)), "empty": []})
    in_order, out_of_order = words.ordered("reworded", "source"), words.ordered("shuffled", "source")
    assert in_order >= ORDERED and out_of_order < in_order  # the same sentences score less out of order
    assert words.reworded("shuffled", "source")[0] == words.reworded("reworded", "source")[0]  # any order
    assert words.ordered("same", "source") < ORDERED and words.ordered("other", "source") < 0.1
    assert words.ordered("source", "source") == 1.0 and words.ordered("empty", "source") == 0.0


def test_a_derived_text_crowded_out_by_a_busy_topic_is_still_proposed_with_its_source():
    # word ids stand for an article's words. Four near-identical reports of a busy topic are each
    # other's nearest; the derived text uses some of the topic's words, so by raw similarity its
    # best neighbours are those reports, and its source's best are three pieces of its own desk.
    # Scaled by how near each article's usual neighbours are (CSLS), the source comes first.
    import numpy as np
    from wiretrace.neighbours import neighbour_pairs

    def doc(*groups):
        return np.array([w for g in groups for w in g], dtype=np.uint32)

    def own(k, m):
        return list(range(1000 + 10 * k, 1000 + 10 * k + m))

    topic, desk = list(range(1, 13)), list(range(700, 706))
    reports = [doc(topic, own(k, 3)) for k in range(4)]
    source = doc([500, 501, 502], desk, own(7, 3))
    derived = doc([500, 501, 502], topic[:7], own(8, 3))
    desk_pieces = [doc(desk[:5], own(10 + k, 4)) for k in range(3)]
    pairs = neighbour_pairs(reports + [source, derived] + desk_pieces)
    assert (4, 5) in pairs
    assert (2, 5) not in pairs  # the third report no longer crowds in
    assert len(pairs) == 15
