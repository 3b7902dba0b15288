"""Scale and accuracy of duplicate detection (wiretrace.reuse) on a seeded synthetic corpus.

    .venv/bin/python benchmarks/reuse_bench.py                 # 1k, 10k, 100k documents
    .venv/bin/python benchmarks/reuse_bench.py --sizes 1000 --sample 1000

The corpus: half the documents are unrelated, half belong to clusters of 2-5 copies derived
from an original with a controlled edit rate (words substituted), trims and dropped sentences;
every document has about 600 words drawn from one Zipf vocabulary (similar vocabulary
everywhere). Reported per stage: seconds and documents per second; the process's peak memory;
and, on a sample of whole clusters plus unrelated documents, the recall of the LSH candidates
for pairs with exact Jaccard >= 0.5 (and >= 0.2), and candidate precision against the LSH
threshold.
"""
from __future__ import annotations

import argparse
import platform
import resource
import time

import numpy as np
from scipy import sparse

from wiretrace import reuse

WORDS = 600
VOCABULARY = 30_000


def synthetic_corpus(n_docs: int, seed: int = 0) -> tuple[list[str], list[int]]:
    """(texts, cluster of each text: -1 for unrelated documents)."""
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" for i in range(VOCABULARY)])
    zipf = 1 / np.arange(1, VOCABULARY + 1) ** 1.05
    zipf /= zipf.sum()

    def draw(n):
        return rng.choice(VOCABULARY, size=n, p=zipf)

    texts, labels, cluster = [], [], 0
    while len(texts) < n_docs // 2:
        original = draw(WORDS)
        texts.append(original)
        labels.append(cluster)
        for _ in range(rng.integers(1, 5)):
            copy = original.copy()
            edited = rng.random(len(copy)) < rng.choice([0.01, 0.03, 0.05, 0.1])
            copy[edited] = draw(int(edited.sum()))
            if rng.random() < 0.3:  # trimmed copy
                copy = copy[: int(len(copy) * rng.uniform(0.6, 0.95))]
            if rng.random() < 0.3:  # a dropped "sentence" of 20 words
                at = rng.integers(0, max(1, len(copy) - 20))
                copy = np.concatenate([copy[:at], copy[at + 20:]])
            texts.append(copy)
            labels.append(cluster)
        cluster += 1
    while len(texts) < n_docs:
        texts.append(draw(WORDS))
        labels.append(-1)
    return [" ".join(vocab[t]) for t in texts[:n_docs]], labels[:n_docs]


def exact_jaccard_pairs(sets: list[np.ndarray], floor: float) -> dict[tuple[int, int], float]:
    """All pairs (i < j) of ``sets`` with exact Jaccard >= floor, by a sparse matrix product."""
    values = np.concatenate(sets)
    _, columns = np.unique(values, return_inverse=True)
    rows = np.repeat(np.arange(len(sets)), [len(s) for s in sets])
    matrix = sparse.csr_matrix((np.ones(len(values), dtype=np.int32), (rows, columns)))
    inter = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    sizes = np.array([len(s) for s in sets])
    jac = inter.data / (sizes[inter.row] + sizes[inter.col] - inter.data)
    keep = jac >= floor
    return {(int(i), int(j)): float(v) for i, j, v in zip(inter.row[keep], inter.col[keep], jac[keep])}


def run(n_docs: int, sample: int, num_perm: int, lsh_threshold: float) -> dict:
    texts, labels = synthetic_corpus(n_docs)
    ids = [f"d{i:07d}" for i in range(n_docs)]
    timings = {}
    start = time.perf_counter()
    sets = reuse.shingle_texts(dict(zip(ids, texts)), ngram=5)
    timings["shingles"] = time.perf_counter() - start
    start = time.perf_counter()
    sigs = reuse.signatures(sets, num_perm=num_perm)
    timings["signatures"] = time.perf_counter() - start
    start = time.perf_counter()
    candidates = reuse.candidate_pairs(sigs, lsh_threshold)
    timings["candidates"] = time.perf_counter() - start
    start = time.perf_counter()
    scores = reuse.verify(sets, candidates)
    timings["verification"] = time.perf_counter() - start
    start = time.perf_counter()
    keep = np.maximum(scores[:, 0], scores[:, 1:].max(axis=1)) >= 0.5 if len(candidates) else []
    import pandas as pd
    pairs = pd.DataFrame([(ids[i], ids[j]) for (i, j), k in zip(candidates, keep) if k], columns=["a", "b"])
    labels_by_id = reuse.cluster_labels(ids, pairs)
    timings["clusters"] = time.perf_counter() - start

    # accuracy on a sample: whole clusters plus unrelated documents
    rng = np.random.default_rng(1)
    chosen = set(rng.choice(n_docs, size=min(sample, n_docs), replace=False).tolist())
    clusters_in = {labels[i] for i in chosen if labels[i] >= 0}
    chosen |= {i for i, lab in enumerate(labels) if lab in clusters_in}
    members = sorted(chosen)
    position = {doc: k for k, doc in enumerate(members)}
    truth = exact_jaccard_pairs([sets[i] for i in members], floor=min(0.2, lsh_threshold))
    cand = {(position[i], position[j]) for i, j in candidates if i in position and j in position}
    high = {p for p, v in truth.items() if v >= 0.5}
    mid = {p for p, v in truth.items() if v >= 0.2}
    asked = {p for p, v in truth.items() if v >= lsh_threshold}
    total = sum(timings.values())
    return {
        "documents": n_docs, "seconds": round(total, 1), "docs_per_s": round(n_docs / total),
        **{f"{k}_s": round(v, 2) for k, v in timings.items()},
        "signature_docs_per_s": round(n_docs / timings["signatures"]),
        "candidate_docs_per_s": round(n_docs / timings["candidates"]),
        "candidates": len(candidates), "duplicate_pairs": int(np.sum(keep)),
        "clusters": len(set(labels_by_id.values())),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "sample_docs": len(members),
        "recall_j50": round(len(cand & high) / len(high), 4) if high else None,
        "recall_j20": round(len(cand & mid) / len(mid), 4) if mid else None,
        "candidate_precision": round(len(cand & asked) / len(cand), 4) if cand else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--sample", type=int, default=3_000, help="documents in the accuracy sample")
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--lsh-threshold", type=float, default=0.15)
    args = parser.parse_args()
    print(f"# machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    for n in args.sizes:
        result = run(n, args.sample, args.num_perm, args.lsh_threshold)
        print(" ".join(f"{k}={v}" for k, v in result.items()), flush=True)


if __name__ == "__main__":
    main()
