"""Duplicates and alignment: the seeds' AP cluster, and synthetic copies with known edits."""
from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
import pytest
from datasketch import MinHash

import wiretrace as wt
from wiretrace import minhash, reuse
from wiretrace.align import union_table
from wiretrace.normalise import normalise
from wiretrace.resources import profile

from conftest import SEED_PROFILE, article_with


@pytest.fixture(scope="module")
def seed_pairs(seeds, seed_annotations):
    with profile(SEED_PROFILE):
        return reuse.find_duplicates(seeds, annotations=seed_annotations)


@pytest.fixture(scope="module")
def ap(seeds):
    """The three AP copies, found by content: longest with teasers, the one with crossheads, the trimmed one."""
    return (article_with(seeds, "CYBERSCAM").id, article_with(seeds, "Moscow denies role").id,
            article_with(seeds, "MAGGIE MICHAEL").id)


def test_the_three_ap_copies_form_one_cluster_and_nothing_else_does(seeds, seed_pairs, ap):
    assert sorted(zip(seed_pairs.a, seed_pairs.b)) == sorted([tuple(sorted(p)) for p in
                                                              [(ap[0], ap[1]), (ap[0], ap[2]), (ap[1], ap[2])]])
    assert seed_pairs.cluster.nunique() == 1
    table = reuse.clusters(seeds, seed_pairs)
    assert sorted(table[table["size"] == 3].article_id) == sorted(ap)
    assert (table["size"] == 1).sum() == 2  # the TRT piece and the regular-troops piece stand alone


def test_the_trimmed_copy_is_contained_while_jaccard_stays_low(seeds, seed_annotations, ap):
    matrix = reuse.similarity_matrix(seeds, annotations=seed_annotations)
    short = ap[2]
    for longer in ap[:2]:
        contained, jaccard = matrix["containment"].at[short, longer], matrix["jaccard"].at[short, longer]
        assert contained >= 0.55 and jaccard <= 0.4 and contained > jaccard + 0.2
    others = [a for a in matrix["jaccard"].index if a not in ap]
    assert matrix["containment"].loc[others, list(ap)].to_numpy().max() < 0.01


def test_normalisation_folds_spelling_and_entity_variants():
    assert normalise("Khalifa Hifter’s U.N.-backed cease-fire") != normalise("Khalifa Haftar's UN-backed ceasefire")
    with profile(SEED_PROFILE):  # the names' variants are the story profile's knowledge
        assert normalise("Khalifa Hifter’s U.N.-backed cease-fire") == normalise("Khalifa Haftar's UN-backed ceasefire")
        assert normalise("Moammar Gadhafi") == normalise("Muammar Qaddafi") == normalise("Gaddafi")
    assert normalise("the organization raises the specter") == normalise("The organisation raises the spectre")
    assert normalise("Вагнер в Ливии — «ЧВК»") == "вагнер в ливии чвк"  # any script, no English rules in code


def test_a_word_keeps_its_combining_marks_and_reads_the_same_composed_or_not():
    # a vowel sign or virama is part of its word (re's \w would split "हिन्दी" into ह न द)
    assert normalise("हिन्दी समाचार पत्र") == "हिन्दी समाचार पत्र"
    # a letter written as base + combining mark matches its composed form, raw text untouched
    decomposed, composed = "Cafe\u0301 Orra\u0301n reopened", "Café Orrán reopened"
    assert normalise(decomposed) == normalise(composed) == "café orrán reopened"
    assert normalise("ا\u0653پ کی خبر") == normalise("آپ کی خبر")  # alef + maddah is alef with maddah


def test_alignment_finds_no_edit_between_a_composed_and_a_decomposed_copy(tmp_path):
    story = "The mayor of Orrán, José Peña, reopened the café on the quay after the flood receded."
    (tmp_path / "nfc.txt").write_text(story + "\n", encoding="utf-8")
    (tmp_path / "nfd.txt").write_text(unicodedata.normalize("NFD", story) + "\n", encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    assert corpus["nfd"].raw != corpus["nfc"].raw  # raw bytes are kept as they are
    passages, edits = reuse.align(corpus, "nfc", "nfd")
    assert list(passages.edit) == ["identical"] and edits.empty


def edits_between(seeds, annotations, a, b):
    passages, edits = reuse.align(seeds, a, b, annotations)
    return passages, {(e.a_text, e.b_text): e.kind for e in edits.itertuples()}


def test_spelling_and_minor_edits_between_ap_copies(seeds, seed_annotations, ap):
    teasers, crossheads, trimmed = ap
    _, edits = edits_between(seeds, seed_annotations, teasers, crossheads)
    for pair in [("Hifter", "Haftar"), ("Qaddafi", "Gaddafi"), ("organization", "organisation"),
                 ("specter", "spectre")]:
        assert edits[pair] == "spelling", pair
    assert edits[("tribespeople", "tribesmen")] == "minor"
    assert edits[("nation’s", "country’s")] == "minor"
    _, edits = edits_between(seeds, seed_annotations, crossheads, trimmed)
    for pair in [("Gaddafi", "Gadhafi"), ("ceasefire", "cease-fire"), ("UN", "U.N."), ("Haftar", "Hifter")]:
        assert any(a.endswith(pair[0]) and b.endswith(pair[1]) and k == "spelling"
                   for (a, b), k in edits.items()), pair


def test_crossheads_in_one_copy_only_are_only_in_that_copy(seeds, seed_annotations, ap):
    passages, _ = reuse.align(seeds, ap[0], ap[1], seed_annotations)
    for crosshead in ["Moscow denies role", "Let up in fighting", "Strong evidence"]:
        assert passages[passages.b_text == crosshead].edit.tolist() == ["only_in_b"]


def test_each_longer_copy_carries_passages_the_other_lacks(seeds, seed_annotations, ap):
    union = reuse.cluster_union(seeds, seed_annotations, list(ap))
    passages = union.drop_duplicates("passage_id")
    only = {member: passages[passages.carriers == member] for member in ap}
    assert len(only[ap[0]]) >= 8 and only[ap[0]].text.str.contains("smoke and mirrors").any()
    assert len(only[ap[1]]) >= 15 and only[ap[1]].text.str.contains("flight data").any()
    shared = passages[passages.n_carriers == 3]
    assert len(shared) >= 14 and shared.text.str.contains("visit Russia").any()
    for row in union.itertuples():  # every span in the union points at its carrier's own raw text
        assert normalise(seeds[row.article_id].raw[row.start:row.end])
    wide = union_table(union, list(ap))  # the table notebook 02 writes: one row per passage, spans per copy
    assert len(wide) == len(passages) and (wide[ap[0]] != "").sum() == (union.article_id == ap[0]).sum()


BASE = [
    "The dam on the upper river was finished in the spring after six years of work.",
    "Engineers from three countries worked on the project under a joint organization.",
    "The reservoir behind the dam now holds enough water for two large cities.",
    "Farmers downstream say the river has never been so low in summer.",
    "A fisheries study found that salmon numbers fell by half in the first year.",
    "The government has promised to release more water during the dry months.",
    "Critics argue that the promise has no legal force and can be withdrawn at any time.",
    "An international panel will review the dam's operation next year.",
    "Local officials expect the panel to recommend a minimum flow for the river.",
    "The company that runs the dam declined to comment on the study.",
]


def synthetic_copy():
    copy = list(BASE)
    copy[1] = copy[1].replace("organization", "organisation")                 # spelling
    copy[4] = copy[4].replace("fell by half", "dropped by half")              # minor
    copy[6] = "Critics argue that the pledge has no legal weight and could be dropped at any moment."  # reworded
    moved = copy.pop(9)                                                       # moved to the top
    del copy[7]                                                               # only in the original
    copy.insert(0, moved)
    copy.append("Residents plan a protest at the dam on Saturday.")           # only in the copy
    return copy


def test_synthetic_alignment_finds_exactly_the_known_edits(tmp_path):
    (tmp_path / "orig.txt").write_text("\n\n".join(BASE) + "\n", encoding="utf-8")
    (tmp_path / "copy.txt").write_text("\n\n".join(synthetic_copy()) + "\n", encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    passages, edits = reuse.align(corpus, "orig", "copy")
    by_class = {c: sorted(g.a_text.where(g.a_text != "", g.b_text)) for c, g in passages.groupby("edit")}
    assert by_class.pop("spelling") == [BASE[1]]
    assert by_class.pop("minor") == [BASE[4]]
    assert by_class.pop("reworded") == [BASE[6]]
    assert by_class.pop("moved") == [BASE[9]]
    assert by_class.pop("only_in_a") == [BASE[7]]
    assert by_class.pop("only_in_b") == ["Residents plan a protest at the dam on Saturday."]
    assert sorted(by_class.pop("identical")) == sorted(BASE[i] for i in (0, 2, 3, 5, 8))
    assert by_class == {}
    assert {(e.a_text, e.b_text, e.kind) for e in edits.itertuples() if e.passage_edit != "reworded"} == {
        ("organization", "organisation", "spelling"), ("fell", "dropped", "minor")}


def test_signatures_equal_datasketch_minhash():
    rng = np.random.default_rng(7)
    sets = [np.unique(rng.integers(0, 2**32, size=n, dtype=np.uint32)) for n in (1, 5, 300, 0, 1200)]
    ours = reuse.signatures(sets, num_perm=64, seed=3, block=500)
    for values, sig in zip(sets, ours):
        reference = MinHash(num_perm=64, seed=3, hashfunc=lambda x: x)
        reference.update_batch(values.tolist())
        assert np.array_equal(sig, reference.hashvalues)


def test_synthetic_corpus_pairs_and_clusters(tmp_path):
    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(3000)]
    originals = {f"s{k}": " ".join(rng.choice(vocab, 300)) for k in range(6)}
    texts = dict(originals)
    for k, text in originals.items():
        words = text.split()
        texts[f"{k}-trim"] = " ".join(words[:150])                               # trimmed copy
        edited = [w if rng.random() > 0.05 else rng.choice(vocab) for w in words]
        texts[f"{k}-edit"] = " ".join(edited)                                    # 5% of words changed
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    pairs = reuse.find_duplicates(corpus, exclude_roles=())
    expected = {tuple(sorted((k, f"{k}-{s}"))) for k in originals for s in ("trim", "edit")} | {
        tuple(sorted((f"{k}-trim", f"{k}-edit"))) for k in originals}
    assert set(zip(pairs.a, pairs.b)) == expected
    assert pairs.groupby("cluster").size().tolist() == [3] * 6
    trim = pairs[(pairs.a == "s0") & (pairs.b == "s0-trim")].iloc[0]
    assert trim.containment_b_in_a > 0.95 and trim.jaccard < 0.55


def test_candidate_pairs_equal_datasketch_minhashlsh():
    from datasketch import LeanMinHash, MinHashLSH

    rng = np.random.default_rng(5)
    base = [np.unique(rng.integers(0, 2**32, size=200, dtype=np.uint32)) for _ in range(40)]
    sets = base + [np.unique(np.concatenate([s[: int(len(s) * f)], rng.integers(0, 2**32, 30, dtype=np.uint32)]))
                   for s, f in zip(base, np.linspace(0.2, 1.0, 40))] + [reuse.EMPTY]
    sigs = reuse.signatures(sets, num_perm=128)
    lsh = MinHashLSH(threshold=0.15, num_perm=128)
    sketches = [LeanMinHash(seed=1, hashvalues=sig, scheme="affine32") for sig in sigs[:-1]]
    for i, sketch in enumerate(sketches):
        lsh.insert(i, sketch)
    expected = sorted({(min(i, j), max(i, j)) for i, sk in enumerate(sketches) for j in lsh.query(sk) if i != j})
    assert reuse.candidate_pairs(sigs, 0.15) == expected
    assert 30 <= len(expected) < 200  # the near copies and few others


@pytest.mark.parametrize("threshold,num_perm", [(0.15, 128), (0.5, 128), (0.8, 64), (0.3, 256), (0.05, 32)])
def test_lsh_parameters_equal_datasketch_minhashlsh(threshold, num_perm):
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    assert minhash.lsh_parameters(threshold, num_perm) == (lsh.b, lsh.r)


def test_lsh_parameters_allow_one_band():
    # datasketch refuses a single band (b < 2); a high threshold on few permutations needs one
    assert minhash.lsh_parameters(0.95, 16) == (1, 16)


def test_cluster_labels_are_connected_components_shared_first():
    pairs = pd.DataFrame({"a": ["k", "b", "x"], "b": ["m", "c", "b"]})
    labels = reuse.cluster_labels(["m", "c", "k", "b", "z", "a"], pairs)
    assert labels == {"b": "C1", "c": "C1", "x": "C1", "k": "C2", "m": "C2", "a": "C3", "z": "C4"}
