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
