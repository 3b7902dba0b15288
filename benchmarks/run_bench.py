"""The whole `wiretrace run` on N news-like articles: seconds per notebook, peak memory, output sizes.

    python benchmarks/run_bench.py [--sizes 1000 2000] [--tempeval ../shared/data/tempeval3/train] [--engine dask]

The articles are made from real news text: each is four to ten paragraphs of two or three
sentences drawn at random from the TempEval-3 training documents (their sentences, dates and
numbers), with a word of the pool put after every fourth word so that articles do not share
text by accident (the pool holds about 4,000 sentences: drawn as they are, random articles would
share sentences and form clusters of hundreds), under a headline made of its first words; one in
ten is a trimmed copy of an earlier article, so clusters, alignments and derivations have work to
do. Reported per size: seconds of each notebook (from the command's own
progress lines), the peak resident memory of the run's processes (the command and its kernels),
and the size of the output folder and of its largest figure. With ``--engine dask`` the case's
layers are built on a local Dask cluster (one worker per core) before the notebooks run: its
seconds are the "case s" column. The texts are written to a temporary folder and never kept.
"""
from __future__ import annotations

import argparse
import html
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def sentences(tempeval: Path) -> list[str]:
    """Every sentence of the TempEval-3 texts (without their creation dates)."""
    found = []
    for path in sorted(tempeval.rglob("*.tml")):
        m = re.search(r"<TEXT>(.*?)</TEXT>", path.read_text(encoding="utf-8", errors="replace"), re.S)
        if m:
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).split())
            found += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if len(s.split()) >= 6]
    return found


def _mixed(rng: random.Random, pool: list[str], vocabulary: list[str]) -> str:
    """A sentence of the pool with a random word after every fourth word."""
    words = rng.choice(pool).split()
    return " ".join(w + (" " + rng.choice(vocabulary) if i % 4 == 3 else "") for i, w in enumerate(words))


def write_corpus(out: Path, n: int, pool: list[str], seed: int = 0) -> int:
    """``n`` articles in ``out``; returns their number of words."""
    rng = random.Random(seed)
    vocabulary = sorted({w for s in pool for w in s.lower().split() if w.isalpha()})
    texts: list[str] = []
    for i in range(n):
        if texts and rng.random() < 0.1:  # a trimmed copy of an earlier article
            source = texts[rng.randrange(len(texts))].split("\n\n")
            text = "\n\n".join(source[:max(2, len(source) - rng.randrange(1, 3))])
        else:
            body = [" ".join(_mixed(rng, pool, vocabulary) for _ in range(rng.randint(2, 3)))
                    for _ in range(rng.randint(4, 10))]
            text = " ".join(body[0].split()[:8]).rstrip(",.;:") + "\n\n" + "\n\n".join(body)
        texts.append(text)
        (out / f"a{i:06d}.txt").write_text(text + "\n", encoding="utf-8")
    return sum(len(t.split()) for t in texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000])
    parser.add_argument("--tempeval", default="../shared/data/tempeval3/train")
    parser.add_argument("--wiretrace", default=".venv/bin/wiretrace")
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    args = parser.parse_args()
    pool = sentences(Path(args.tempeval))
    print("| articles | engine | words each | case s | " + " | ".join(f"{nb} s" for nb in ("00", "01", "02", "03", "04"))
          + " | total s | articles/s | peak RSS MiB | output MiB | largest figure KiB |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
            corpus.mkdir()
            words = write_corpus(corpus, n, pool)
            start = time.perf_counter()
            run = subprocess.run([args.wiretrace, "run", "--corpus", str(corpus), "--out", str(out),
                                  "--engine", args.engine], capture_output=True, text=True)
            seconds = time.perf_counter() - start
            if run.returncode:
                print(f"| {n} | failed: {run.stderr.strip().splitlines()[-1:]} |")
                continue
            per = dict(re.findall(r"\] (\d\d)-[\w-]+: done in ([\d.]+) s", run.stderr))
            case = re.search(r"case built in ([\d.]+) s", run.stderr)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
            files = [p for p in out.rglob("*") if p.is_file()]
            size = sum(p.stat().st_size for p in files) / 2**20
            figure = max((p.stat().st_size for p in files if p.suffix in (".png", ".svg")), default=0) / 1024
            print(f"| {n:,} | {args.engine} | {words / n:.0f} | {case.group(1) if case else '-'} | " + " | ".join(per.get(nb, "?") for nb in ("00", "01", "02", "03", "04"))
                  + f" | {seconds:.0f} | {n / seconds:.1f} | {peak:,} | {size:.1f} | {figure:,.0f} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
