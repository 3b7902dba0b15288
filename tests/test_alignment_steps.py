"""The order-keeping alignment of two copies' sentences: 1:1, split and merged sentences, left-out
sentences, and ties broken the same way every time."""
from wiretrace.align import monotone_alignment

A = ["the vell ferry left brantow at dawn", "it carried forty crates of maps", "and twelve cattle",
     "the captain said the sea was calm", "the captain said the sea was calm", "nobody was hurt"]
B = ["the vell ferry left brantow at dawn", "it carried forty crates of maps and twelve cattle",
     "the captain said the sea was calm", "a new line opens in spring", "nobody was hurt"]


def _steps(a, b):
    return [(x, y, None if s is None else round(float(s), 2)) for x, y, s in monotone_alignment(a, b)]


def test_a_split_sentence_aligns_with_the_merged_one():
    assert _steps(A, B) == [([0], [0], 100.0), ([1, 2], [1], 100.0), ([3], [2], 100.0), ([], [3], None),
                            ([4], [], None), ([5], [4], 100.0)]
    assert _steps(B, A) == [([0], [0], 100.0), ([1], [1, 2], 100.0), ([2], [3], 100.0), ([], [4], None),
                            ([3], [], None), ([4], [5], 100.0)]


def test_a_reworded_sentence_keeps_its_similarity_and_empty_sides_leave_everything_out():
    steps = monotone_alignment(["the vell ferry left brantow at dawn"], ["the vell ferry left brantow at noon"])
    assert [(x, y) for x, y, _ in steps] == [([0], [0])] and 91 < steps[0][2] < 92
    assert _steps([], B[:2]) == [([], [0], None), ([], [1], None)]
    assert _steps(A[:1], []) == [([0], [], None)] and _steps([], []) == []


def test_cluster_tables_keep_integer_spans_when_a_pair_has_no_edits(tmp_path):
    import pandas as pd

    import wiretrace as wt
    from wiretrace.align import align_clusters

    story = ("The Korvel dam held on Monday after nine days of rain, the mayor of Brantow said. "
             "Forty homes near the river were flooded and 300 people spent the night in a school. ")
    texts = {"a": story * 2, "b": story * 2, "c": (story * 2).replace("Forty homes", "Fourty homes")}
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    clusters = pd.DataFrame({"article_id": ["a", "b", "c"], "cluster": ["c1"] * 3, "size": [3] * 3})
    tables = align_clusters(corpus, wt.annotate(corpus), clusters)
    edits = tables["edits"]
    assert list(zip(edits.a, edits.b, edits.a_text, edits.b_text)) == [
        ("a", "c", "Forty", "Fourty"), ("a", "c", "Forty", "Fourty"), ("b", "c", "Forty", "Fourty"),
        ("b", "c", "Forty", "Fourty")]
    assert str(edits.a_start.dtype) == "int64" and str(tables["passages"].a_start.dtype) == "Int64"
    assert set(tables["passages"].edit) == {"identical", "minor"}
