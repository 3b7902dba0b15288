"""Derived or not: agency -> newspaper text reuse in Urdu (COUNTER), scored as the library decides it.

    python benchmarks/counter_bench.py [COUNTER_DIR]

COUNTER_DIR (default ../shared/data/counter-dev) holds data/NNNN.xml (agency text) and
data/NNNNp.xml (newspaper story) with a `classification` of WD (wholly derived), PD (partially
derived) or ND (non-derived). Every document is loaded into ONE corpus (a user's collection: word
rarity comes from it) and annotated once. The scores of a pair are the library's `ordered`
(wiretrace.relations: rarity-weighted word overlap along one order-keeping alignment of the two
texts' sentences) and `reworded` (each sentence's best match, in any order), next to the
older score (the share of the newspaper story carried sentence by sentence) and plain word 3-gram
containment; the decision is `find_duplicates` on the whole corpus with its defaults (a labelled pair
that comes out as copy or partial = derived), whose candidate pairs (MinHash LSH) are counted too.
Reported: ROC AUC of each score and F1 for derived (WD+PD) against ND. The data are for measuring
only and never copied into the project.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, roc_auc_score

import wiretrace as wt
from wiretrace.align import story_units
from wiretrace.relations import ORDERED, REWORDED, SentenceWords, carried
from wiretrace.reuse import find_duplicates


def read(path: Path) -> tuple[str, str]:
    root = ET.parse(path).getroot()
    text = "\n\n".join(t for t in ((root.findtext("headline") or "").strip(), (root.findtext("body") or "").strip()) if t)
    return root.get("classification"), text


def trigram_containment(source: str, derived: str) -> float:
    def grams(t):
        words = re.findall(r"\w+", t.casefold())
        return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}
    d = grams(derived)
    return len(d & grams(source)) / len(d) if d else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counter", nargs="?", default="../shared/data/counter-dev")
    args = parser.parse_args()
    files = {p.name.lower(): p for p in (Path(args.counter) / "data").glob("*.xml")}
    pairs = []  # (label, agency id, paper id, agency text, paper text)
    for name in sorted(files):
        paper = files.get(name[:-4] + "p.xml")
        if name.endswith("p.xml") or paper is None:
            continue
        label, source = read(files[name])
        _, derived = read(paper)
        pairs.append((label, name[:-4], name[:-4] + "p", source, derived))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for _, agency, paper, source, derived in pairs:
            (Path(tmp) / f"{agency}.txt").write_text(source, encoding="utf-8")
            (Path(tmp) / f"{paper}.txt").write_text(derived, encoding="utf-8")
        corpus = wt.load_corpus(tmp)
        annotations = wt.annotate(corpus)
        units = story_units(corpus, annotations)
        found = find_duplicates(corpus, annotations=annotations)  # the library's decision, defaults
    seconds = time.perf_counter() - started
    related = {(r.a, r.b): r.relation for r in found.itertuples()}
    words = SentenceWords(units)
    y = np.array([label != "ND" for label, *_ in pairs])
    score = np.array([words.reworded(p, a)[0] for _, a, p, _, _ in pairs])
    in_order = np.array([words.ordered(p, a) for _, a, p, _, _ in pairs])
    older = np.array([carried(units[p], units[a])["carried_a_in_b"] for _, a, p, _, _ in pairs])
    baseline = np.array([trigram_containment(source, derived) for _, _, _, source, derived in pairs])
    decided = np.array([related.get((min(a, p), max(a, p)), "none") != "none" for _, a, p, _, _ in pairs])
    print(f"{len(y)} pairs: {int(y.sum())} derived (WD+PD), {int((~y).sum())} non-derived; "
          f"{len(corpus)} documents as one corpus, {seconds:.0f} s to load, annotate and find duplicates")
    print("| method | ROC AUC | F1 (derived) |\n|---|---:|---:|")
    print(f"| wiretrace `ordered` (score), at its threshold {ORDERED} | {roc_auc_score(y, in_order):.3f} | "
          f"{f1_score(y, in_order >= ORDERED):.3f} |")
    print(f"| wiretrace `reworded` (score), at its threshold {REWORDED} | {roc_auc_score(y, score):.3f} | "
          f"{f1_score(y, score >= REWORDED):.3f} |")
    print(f"| wiretrace `find_duplicates`, relation != none (the decision) | | {f1_score(y, decided):.3f} |")
    print(f"| share of the newspaper story carried (rapidfuzz ratio >= 60; the older score) | "
          f"{roc_auc_score(y, older):.3f} | |")
    print(f"| word 3-gram containment (baseline) at 0.5 | {roc_auc_score(y, baseline):.3f} | "
          f"{f1_score(y, baseline >= 0.5):.3f} |")
    print(f"| every pair derived | 0.500 | {f1_score(y, np.ones_like(y)):.3f} |")
    labels = np.array([label for label, *_ in pairs])
    print("\nproposed by the candidate step and decided derived, by class: " + ", ".join(
        f"{c} {int(decided[labels == c].sum())}/{int((labels == c).sum())}" for c in ("WD", "PD", "ND")))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
