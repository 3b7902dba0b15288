"""The user's path for duplicates: `wiretrace duplicates FEED.jsonl` end to end, against
datasketch's and rensa's pipelines on the same documents in the same run.

    .venv/bin/python benchmarks/user_path_bench.py [--sizes 1000 10000 100000] [--skip-wiretrace-above N]

Documents: reuse_bench.py's seeded synthetic corpus (half unrelated, half in clusters of copies:
edited, trimmed, with a dropped passage; about 600 words each), laid out as paragraphs of
sentences so that page anatomy has work to do, written once to a JSONL file. Every pipeline
starts from that file:

- wiretrace: the command a user runs (load, annotate, shingle, MinHash LSH, exact verification,
  passage alignment and relations), one process, peak RSS of the child;
- datasketch: word 5-gram shingles, ``MinHash.bulk``, ``MinHashLSH`` at Jaccard 0.5, candidates
  verified by exact Jaccard;
- rensa: the same shingles, ``RMinHash.from_token_sets``, ``RMinHashLSH`` (32 bands of 4 rows), verified
  the same way.

The two libraries do less than wiretrace (no page anatomy, containment or relations); they are
the floor a user would compare against. Needs the benchmark extras (``pip install -e
.[benchmark]``); a pipeline whose library is missing is reported as missing.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

NGRAM, NUM_PERM, THRESHOLD = 5, 128, 0.5


def as_page(text: str) -> str:
    """A synthetic text as a page: sentences of 15 words, paragraphs of three sentences."""
    words = text.split()
    sentences = [" ".join(words[i:i + 15]).capitalize() + "." for i in range(0, len(words), 15)]
    return "\n\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))


def write_feed(n: int, folder: Path) -> Path:
    from reuse_bench import synthetic_corpus

    texts, _ = synthetic_corpus(n)
    path = folder / f"feed-{n}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": f"d{i:06d}", "text": as_page(text)}) + "\n")
    return path


def read_shingles(path: Path) -> list[set[str]]:
    shingles = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            words = json.loads(line)["text"].lower().replace(".", " ").split()
            shingles.append({" ".join(words[i:i + NGRAM]) for i in range(max(1, len(words) - NGRAM + 1))})
    return shingles


def verified(candidates, shingles) -> int:
    """Candidate pairs whose exact Jaccard reaches the threshold."""
    found = 0
    for a, b in candidates:
        sa, sb = shingles[a], shingles[b]
        found += len(sa & sb) >= THRESHOLD * len(sa | sb)
    return found


def datasketch_pipeline(path: Path) -> dict:
    from datasketch import MinHash, MinHashLSH

    start = time.perf_counter()
    shingles = read_shingles(path)
    hashes = MinHash.bulk([[s.encode() for s in doc] for doc in shingles], num_perm=NUM_PERM)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for i, m in enumerate(hashes):
            session.insert(i, m)
    candidates = {(min(i, j), max(i, j)) for i, m in enumerate(hashes) for j in lsh.query(m) if j != i}
    pairs = verified(candidates, shingles)
    return {"seconds": time.perf_counter() - start, "pairs": pairs}


def rensa_pipeline(path: Path) -> dict:
    from rensa import RMinHash, RMinHashLSH

    start = time.perf_counter()
    shingles = read_shingles(path)
    hashes = RMinHash.from_token_sets([list(doc) for doc in shingles], NUM_PERM, 1)
    lsh = RMinHashLSH(THRESHOLD, NUM_PERM, 32)  # 32 bands of 4 rows: candidates from about J 0.42
    for i, m in enumerate(hashes):
        lsh.insert(i, m)
    candidates = {(min(i, j), max(i, j)) for i, m in enumerate(hashes) for j in lsh.query(m) if j != i}
    pairs = verified(candidates, shingles)
    return {"seconds": time.perf_counter() - start, "pairs": pairs}


def wiretrace_pipeline(path: Path, wiretrace: str) -> dict:
    start = time.perf_counter()
    out = subprocess.run([wiretrace, "duplicates", str(path), "--format", "csv"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        return {"seconds": seconds, "error": out.stderr.strip().splitlines()[-1:]}
    rows = out.stdout.strip().splitlines()[1:]
    return {"seconds": seconds, "pairs": len(rows),
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024}


def run(pipeline, *args) -> dict:
    try:
        return pipeline(*args)
    except ImportError as error:
        return {"missing": str(error)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--wiretrace", default=str(Path(sys.executable).parent / "wiretrace"))
    parser.add_argument("--skip-wiretrace-above", type=int, default=None,
                        help="leave wiretrace out above this many documents (its run is the long one)")
    args = parser.parse_args()
    print(f"# {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| documents | pipeline | seconds | docs/s | pairs at J >= 0.5 (wiretrace: all pairs) | peak RSS MiB |")
    print("|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = write_feed(n, Path(tmp))
            results = {"datasketch": run(datasketch_pipeline, path), "rensa": run(rensa_pipeline, path)}
            if args.skip_wiretrace_above is None or n <= args.skip_wiretrace_above:
                results["wiretrace"] = run(wiretrace_pipeline, path, args.wiretrace)
            for name, r in results.items():
                if "seconds" not in r:
                    print(f"| {n:,} | {name} | {r} | | | |")
                    continue
                print(f"| {n:,} | {name} | {r['seconds']:.1f} | {n / r['seconds']:,.0f} | "
                      f"{r.get('pairs', r.get('error'))} | {r.get('peak_rss_mib', '')} |", flush=True)


if __name__ == "__main__":
    main()
