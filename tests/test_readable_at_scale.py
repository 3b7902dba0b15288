"""Figures stay readable on large corpora: they draw the largest clusters, trees and the most told
events, and say in their title how many they left out (the full tables keep everything)."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd

from wiretrace import render, reuse


def test_the_similarity_figure_shows_every_article_or_the_largest_clusters():
    small = pd.DataFrame({"article_id": ["a", "b", "c"], "cluster": ["C1", "C1", "C2"], "size": [2, 2, 1]})
    assert reuse.shown_articles(small, limit=40) == ["a", "b", "c"]
    rows = [(f"x{i:03d}", f"S{i:03d}", 1) for i in range(100)]
    rows += [(f"big{i}", "C9", 6) for i in range(6)] + [(f"mid{i}", "C5", 3) for i in range(3)]
    large = pd.DataFrame(rows, columns=["article_id", "cluster", "size"])
    assert reuse.shown_articles(large, limit=8) == [f"big{i}" for i in range(6)]  # whole clusters only
    assert reuse.shown_articles(large, limit=9) == [f"big{i}" for i in range(6)] + [f"mid{i}" for i in range(3)]
    assert reuse.shown_articles(large, limit=4) == [f"big{i}" for i in range(4)]  # one cluster larger than the limit


def test_the_derivation_figure_draws_the_largest_trees_and_says_so():
    edges = [{"child": f"t{t}c{c}", "parent": f"t{t}", "kind": "trimmed copy", "shared_passages": 3,
              "unique_passages": 0} for t in range(12) for c in range(1 + t % 3)]
    nodes = sorted({e["child"] for e in edges} | {e["parent"] for e in edges})
    result = SimpleNamespace(
        derivations=pd.DataFrame(edges),
        records=pd.DataFrame({"article_id": nodes, "outlet": "unknown", "wire": None}),
        originals=pd.DataFrame(columns=["original", "wire"]))
    fig = render.derivation_figure(result, max_nodes=14)
    title = fig.axes[0].get_title()
    assert "the 3 largest of 12 derivation trees" in title  # three trees of four boxes fit in fourteen
    boxes = [t.get_text().split("\n")[0] for t in fig.axes[0].texts if t.get_text() and "shared" not in t.get_text()]
    assert sorted(boxes) == sorted(f"t{t}" + suffix for t in (11, 2, 5) for suffix in ("", "c0", "c1", "c2"))


def test_the_timeline_draws_the_most_told_events_with_one_marker_past_ten_articles():
    events = pd.DataFrame([{"earliest": f"2023-02-{1 + i % 28:02d}", "latest": f"2023-02-{1 + i % 28:02d}",
                            "status": "past", "text": f"event {i}",
                            "source_spans": json.dumps([[f"a{k:02d}", 0, 5] for k in range(1 + i % 15)])}
                           for i in range(100)])
    fig = render.timeline_figure(events, max_events=20)
    ax = fig.axes[0]
    assert ax.get_title() == "the 20 events told by most articles, of 100 (all in events.csv)"
    assert len(ax.get_yticklabels()) == 20
    assert len(ax.lines) == 20  # one marker per event: 15 articles are more than there are marker shapes
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == "size: articles telling it (of 15)"


def test_a_story_reprinted_by_many_outlets_is_aligned_copy_by_copy_and_shown_in_part(tmp_path):
    import wiretrace as wt
    from wiretrace import align

    story = ("Harbour reopens\n\nThe harbour of Velmora reopened on Monday after a storm closed it for a week. "
             "Some 40 ships waited outside. The port chief Odo Brennick said repairs would take a month.\n\n"
             "Fishermen returned to the quay in the afternoon, and the market opened again on Tuesday.\n")
    for i in range(40):  # the full story once, then 39 reprints cut after their second paragraph
        (tmp_path / f"r{i:02d}.txt").write_text(story if i == 0 else story.rsplit("\n\n", 1)[0] + "\n",
                                                encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    annotations = wt.annotate(corpus)
    members = sorted(corpus.ids)
    passages, _ = align.align_cluster(corpus, annotations, members)
    assert len(passages.groupby(["a", "b"])) == 39  # each reprint with the longest copy, not 780 pairs
    assert set(passages.a) | set(passages.b) == set(members) and "r00" in set(passages.a)
    union = align.cluster_union(corpus, annotations, members)
    shown = render.side_by_side_html(union, corpus, members, max_copies=8)
    assert shown.count("<th>") == 9 and "32 more copies in union.csv" in shown
