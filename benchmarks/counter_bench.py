"""Derived or not: agency -> newspaper text reuse in Urdu (COUNTER), scored as the library decides it.

    python benchmarks/counter_bench.py [COUNTER_DIR]

COUNTER_DIR (default ../shared/data/counter-dev) holds data/NNNN.xml (agency text) and
data/NNNNp.xml (newspaper story) with a `classification` of WD (wholly derived), PD (partially
derived) or ND (non-derived). Each pair is loaded as a two-article corpus and annotated; the score of
a pair is the share of the newspaper story carried by the agency text (wiretrace.relations, sentence
by sentence) and the decision is `find_duplicates` with its defaults (copy or partial = derived). Reported: ROC AUC of the
score and F1 of the decision for derived (WD+PD) against ND, next to plain word 3-gram containment.
The data are for measuring only and never copied into the project.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, roc_auc_score

import wiretrace as wt
from wiretrace.align import story_units
from wiretrace.relations import carried
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
    labels, scores, decisions, baseline = [], [], [], []
    for name in sorted(files):
        if name.endswith("p.xml"):
            continue
        paper = files.get(name[:-4] + "p.xml")
        if paper is None:
            continue
        label, source = read(files[name])
        _, derived = read(paper)
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "agency.txt").write_text(source, encoding="utf-8")
            (Path(tmp) / "paper.txt").write_text(derived, encoding="utf-8")
            corpus = wt.load_corpus(tmp)
            annotations = wt.annotate(corpus)
            units = story_units(corpus, annotations)
            pairs = find_duplicates(corpus, annotations=annotations)  # the library's decision, defaults
        found = carried(units["paper"], units["agency"])
        labels.append(label != "ND")
        scores.append(found["carried_a_in_b"])
        decisions.append(len(pairs) > 0)
        baseline.append(trigram_containment(source, derived))
    y = np.array(labels)
    print(f"{len(y)} pairs: {int(y.sum())} derived (WD+PD), {int((~y).sum())} non-derived")
    print("| method | ROC AUC | F1 (derived) at the default |\n|---|---:|---:|")
    print(f"| wiretrace: share of the story carried, relation != none | {roc_auc_score(y, scores):.3f} | "
          f"{f1_score(y, decisions):.3f} |")
    print(f"| word 3-gram containment (baseline) | {roc_auc_score(y, baseline):.3f} | "
          f"{f1_score(y, np.array(baseline) >= 0.5):.3f} (at 0.5) |")
    print(f"| every pair derived | 0.500 | {f1_score(y, np.ones_like(y)):.3f} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
